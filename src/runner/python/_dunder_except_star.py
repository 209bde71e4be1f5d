"""How `except*` split an exception group, for the Inspect view: which leaves each clause got.

Python has no hook for `except*` matching, but while a handler's body runs, `sys.exception()`
is the sub-group that clause matched, and `split()` keeps the leaf exceptions themselves (not
copies). So a line tracer on the program's own frames notes, for each handler body it enters,
which leaves the handled group holds, and maps them back to the group they were first raised
in. Only the clause's text is read from the source, to label it; what matched comes from the VM.

Imported only by an Inspect run of a program whose source contains `except*`.
"""

import linecache
import re
import sys

MAX_GROUPS = 20  # groups shown: ones an except* clause took part of
# Raised exceptions watched as possible groups. Most are caught by plain `except` and never
# shown, but each is kept alive (its id must stay its own), so their number is bounded too.
MAX_CANDIDATES = 2000
MAX_LEAVES = 100
MAX_HANDLERS = 100
MAX_DEPTH = 40
_CLAUSE = re.compile(r"(\s*)except\b\s*(\*)?")
_STAR = re.compile(r"except\s*\*")


def uses_except_star(source):
    return _STAR.search(source) is not None


def _leaves(exc, out, depth=0):
    """The non-group exceptions inside `exc`, depth first, bounded."""
    if len(out) >= MAX_LEAVES or depth > MAX_DEPTH:
        return out
    if isinstance(exc, BaseExceptionGroup):
        for child in exc.exceptions:
            _leaves(child, out, depth + 1)
    else:
        out.append(exc)
    return out


class SplitRecorder:
    def __init__(self, filename, describe):
        self.filename = filename
        self.describe = describe  # exception -> {"type", "message"}, never raising
        self.groups = []  # [{"group": exc, "line": n, "leaves": [exc...], "handlers": []}]
        self.origin = {}  # id(leaf) -> (group index, leaf index)
        # Handled groups already looked at (kept alive so their ids stay theirs). A function
        # called from a handler sees the same sys.exception(): only the first sighting counts.
        self.seen = {}
        self.truncated = False  # more groups or handlers were split than are shown
        self.watch_full = False  # stopped watching new raises: too many

    # -- the tracer: only frames of the program's own file get a local tracer
    def start(self):
        sys.settrace(self._global)

    def stop(self):
        """None, or why the record may be incomplete."""
        if sys.gettrace() == self._global:  # (a bound method: a new object each time, so ==)
            sys.settrace(None)
        elif sys.gettrace() is not None:
            return "the program installed its own sys.settrace hook, so except* splits may be missing"
        if self.truncated:
            return f"except* splits: only the first {MAX_GROUPS} groups and {MAX_HANDLERS} handlers each are shown"
        if self.watch_full:
            return (f"except* splits: the program raised more than {MAX_CANDIDATES} exceptions, "
                    "so splits of the later ones are not shown")
        return None

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != self.filename:
            return None
        return self._local

    def _local(self, frame, event, arg):
        try:
            if event == "exception":
                self._raised(arg[1], frame.f_lineno)
            elif event == "line":
                self._line(frame)
        except Exception:
            pass  # the recorder must never change what the program does
        return self._local

    def _raised(self, exc, line):
        if not isinstance(exc, BaseExceptionGroup):
            # A bare exception that an `except*` will wrap: its own one-leaf "group".
            if id(exc) not in self.origin:
                self._new_group(exc, line, [exc])
            return
        new = [leaf for leaf in _leaves(exc, []) if id(leaf) not in self.origin]
        if new:
            self._new_group(exc, line, _leaves(exc, []))

    def _new_group(self, exc, line, leaves):
        if len(self.groups) >= MAX_CANDIDATES:
            self.watch_full = True
            return
        index = len(self.groups)
        self.groups.append({"group": exc, "line": line, "leaves": leaves, "handlers": []})
        for i, leaf in enumerate(leaves):
            self.origin.setdefault(id(leaf), (index, i))

    def _line(self, frame):
        handled = sys.exception()
        if handled is None or id(handled) in self.seen:
            return
        line = frame.f_lineno
        # On the clause's own line the group is only being matched, not yet handled.
        if _CLAUSE.match(linecache.getline(self.filename, line)):
            return
        self.seen[id(handled)] = handled
        clause_line = self._clause_above(line)
        if clause_line is None:
            return  # a plain `except` (or none we can see) handles it
        got = [self.origin.get(id(leaf)) for leaf in _leaves(handled, [])]
        got = [g for g in got if g is not None]
        if not got:
            return
        group_index = got[0][0]
        handlers = self.groups[group_index]["handlers"]
        if not handlers and self._shown() >= MAX_GROUPS:
            self.truncated = True
            return
        if len(handlers) >= MAX_HANDLERS:
            self.truncated = True
            return
        handlers.append({
            "line": clause_line,
            "clause": linecache.getline(self.filename, clause_line).strip(),
            "leaves": [i for g, i in got if g == group_index],
        })

    def _shown(self):
        return sum(1 for group in self.groups if group["handlers"])

    def _clause_above(self, line):
        """The line of the `except*` clause whose body holds `line`: the nearest `except` above
        it that is indented less. None when that is a plain `except`."""
        body = linecache.getline(self.filename, line)
        indent = len(body) - len(body.lstrip())
        for number in range(line - 1, max(0, line - 500), -1):
            clause = _CLAUSE.match(linecache.getline(self.filename, number))
            if clause and len(clause.group(1)) < indent:
                return number if clause.group(2) else None
        return None

    def report(self):
        out = []
        for group in self.groups:
            if not group["handlers"]:
                continue  # raised, but no except* clause handled any of it
            taken = {i for h in group["handlers"] for i in h["leaves"]}
            out.append({
                "group": dict(self.describe(group["group"]), line=group["line"]),
                "leaves": [self.describe(leaf) for leaf in group["leaves"]],
                "handlers": group["handlers"],
                "unhandled": [i for i in range(len(group["leaves"])) if i not in taken],
            })
        return out
