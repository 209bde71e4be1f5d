"""Introspection for the Inspect view, run only when the reader asks for it.

`inspect(source, stdin, request_json)` runs the program the way `_dunder_boot.run` always does
(fresh `__main__`, same shims), with a light observer switched on for this run only, and
returns JSON facts read from the real VM: the classes and their MROs, `super()` chains,
attribute-lookup traces, the class-creation timeline and the exception tree. Ordinary runs
never import this module.

Everything here reads the reader's objects through `type.__dict__`-level walks and
`object.__getattribute__`, so inspecting costs no more reader code than `getattr` would, and
anything the reader's code raises while we look becomes a message in the report, not a crash.
"""

import builtins
import itertools
import json
import re
import sys

import _dunder_boot

# Bounds that keep the report small and the work linear, whatever the program built.
MAX_CLASSES = 500
MAX_MRO_ENTRIES = 100_000
MAX_TIMELINE = 200
MAX_EVENTS_PER_CLASS = 100
MAX_EXCEPTION_NODES = 200
# Nesting, separately: the page's JSON reader (serde_json) stops at 128 levels.
MAX_EXCEPTION_DEPTH = 40
MAX_REPR = 200

_BUILTIN_CONTAINERS = (list, tuple, dict, set, frozenset, str, bytes, int)
_repr = None  # made on first use (reprlib is only imported by inspect runs)
_type_dict = type.__dict__["__dict__"].__get__
_type_mro = type.__dict__["__mro__"].__get__
_type_bases = type.__dict__["__bases__"].__get__
_type_name = type.__dict__["__name__"].__get__
_type_qualname = type.__dict__["__qualname__"].__get__
_type_module = type.__dict__["__module__"].__get__


def _isa(value, cls):
    """isinstance without asking the object: isinstance falls back to `value.__class__`, which
    runs a hostile `__getattribute__`; type() cannot be overridden."""
    return issubclass(type(value), cls)


def _describe_error(exc):
    try:
        text = str(exc)
    except BaseException:
        text = "(its message could not be read)"
    name = _type_name(type(exc))
    return f"{name}: {text}" if text else name


def _short_repr():
    # reprlib stops early inside big containers, so a million-item list costs six items' work.
    import reprlib
    limits = reprlib.Repr()
    limits.maxlevel = 3
    limits.maxstring = limits.maxother = limits.maxlong = MAX_REPR
    return limits.repr


def _safe_repr(value):
    global _repr
    try:
        if type(value) in _BUILTIN_CONTAINERS:
            if _repr is None:
                _repr = _short_repr()
            text = _repr(value)
        else:
            text = repr(value)  # the reader's own __repr__: its errors are reported below
    except BaseException as exc:
        text = f"<{_type_name(type(value))} object (its repr raised {_describe_error(exc)})>"
    if not _isa(text, str):
        text = f"<{_type_name(type(value))} object>"
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 1] + "…"


def _class_label(cls):
    try:
        return _type_qualname(cls)
    except BaseException:
        return "?"


def _lookup_in_mro(cls, name):
    """(owner, value) of the first class on cls's MRO whose own __dict__ has name, else None;
    with the classes looked at, in order."""
    looked = []
    for klass in _type_mro(cls):
        looked.append(klass)
        namespace = _type_dict(klass)
        if name in namespace:
            return klass, namespace[name], looked
    return None, None, looked


def _type_has(value, *names):
    """Does type(value) define any of names (the descriptor protocol looks on the type)?"""
    for klass in _type_mro(type(value)):
        namespace = _type_dict(klass)
        if any(n in namespace for n in names):
            return True
    return False


# --- the observer: class statements, their timeline, the error --------------------------------
class _Creation:
    def __init__(self, name, line, bases, meta, why, clock):
        self.record = {"class": name, "line": line, "events": []}
        self.clock = clock  # one counter for the run: nested class statements interleave
        self.add("metaclass", _class_label(meta) if _isa(meta, type) else _safe_repr(meta), why)
        self.body_code = None
        self.meta = meta
        self.bases = bases
        self.cls = None

    def add(self, kind, who, detail=""):
        events = self.record["events"]
        if len(events) < MAX_EVENTS_PER_CLASS:
            events.append({"kind": kind, "who": who, "detail": detail, "seq": next(self.clock)})


def _choose_metaclass(bases, kwds):
    """The metaclass a class statement uses, and why (CPython's _calculate_meta)."""
    if "metaclass" in kwds:
        meta = kwds["metaclass"]
        why = "explicit metaclass="
    elif bases:
        meta = type(bases[0])
        why = f"the type of the first base {_class_label(bases[0])}"
    else:
        return type, "no bases and no metaclass=: the default, type"
    if not _isa(meta, type):
        return meta, why + " (not a class: called as it is)"
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            why = f"{_class_label(base_meta)}, the metaclass of base {_class_label(base)}, is more derived"
            continue
        return winner, why + f"; conflicts with {_class_label(base_meta)}, the metaclass of {_class_label(base)}"
    return winner, why


class Observer:
    """Switched on by _dunder_boot.run for one inspect run: wraps builtins.__build_class__ to
    record every class statement, and keeps the exception the program ended with."""

    def __init__(self):
        self.error = None
        self.made = []  # classes created by class statements, in order
        self.failed = []  # class statements that raised
        self.timeline = []
        self.stack = []
        self.watching = None  # a finished class whose decorators may still run
        self.skipped_timeline = None
        self.clock = itertools.count()
        self.splits = None  # an except_star.SplitRecorder when the program uses except*
        self.splits_note = None

    def start(self, main):
        if self.splits is not None:
            self.splits.start()
        original = builtins.__build_class__
        observer = self

        # Positional-only, like the real one: `class C(B, name="x")` passes name= to __init_subclass__.
        def __build_class__(func, name, /, *bases, **kwds):
            return observer.build(original, func, name, bases, kwds)

        self._original = original
        builtins.__build_class__ = __build_class__

    def stop(self):
        """Called when the program ends: nothing of the observer outlives it."""
        if sys.getprofile() == self._profile:
            sys.setprofile(None)
        if self.splits is not None:
            self.splits_note = self.splits.stop() or self.splits_note
        if getattr(self, "_original", None) is not None:
            builtins.__build_class__ = self._original
        self.watching = None

    # -- one class statement
    def build(self, original, func, name, bases, kwds):
        if len(self.timeline) >= MAX_TIMELINE or (sys.getprofile() not in (None, self._profile)):
            if sys.getprofile() not in (None, self._profile):
                self.skipped_timeline = "the program installed its own sys.setprofile hook"
            return self._plain_build(original, func, name, bases, kwds)
        self._end_watch()
        try:
            resolved = tuple(self._resolve_bases(bases))
            meta, why = _choose_metaclass(resolved, kwds)
        except BaseException as exc:
            meta, why = None, f"could not be worked out: {_describe_error(exc)}"
        line = getattr(getattr(func, "__code__", None), "co_firstlineno", None)
        creation = _Creation(name, line, bases, meta, why, self.clock)
        creation.body_code = getattr(func, "__code__", None)
        creation.defining_frame = sys._getframe(2) if hasattr(sys, "_getframe") else None
        self.timeline.append(creation.record)
        self.stack.append(creation)
        sys.setprofile(self._profile)
        try:
            cls = original(func, name, *bases, **kwds)
        except BaseException as exc:
            creation.add("raised", _type_name(type(exc)), _describe_error(exc))
            self.failed.append({"name": name, "line": line, "bases": [_class_label(b) if _isa(b, type) else _safe_repr(b) for b in bases], "error": _describe_error(exc)})
            raise
        finally:
            self.stack.pop()
            if not self.stack:
                sys.setprofile(None)
        creation.add("created", _class_label(cls) if _isa(cls, type) else _safe_repr(cls))
        if _isa(cls, type):
            self.made.append(cls)
        # Decorators run next, in the frame that holds the class statement.
        creation.cls = cls
        self.watching = creation
        if not self.stack:
            sys.setprofile(self._profile)
        return cls

    def _plain_build(self, original, func, name, bases, kwds):
        cls = original(func, name, *bases, **kwds)
        if _isa(cls, type):
            self.made.append(cls)
        return cls

    @staticmethod
    def _resolve_bases(bases):
        for base in bases:
            if not _isa(base, type) and _type_has(base, "__mro_entries__"):
                yield from base.__mro_entries__(bases)
            else:
                yield base

    def _end_watch(self):
        self.watching = None
        if not self.stack and sys.getprofile() == self._profile:
            sys.setprofile(None)

    # -- the profile hook: only on while a class is being built or just after
    def _profile(self, frame, event, arg):
        try:
            self._observe(frame, event, arg)
        except Exception:
            pass  # an error here would surface in the reader's code: the observer stays silent

    def _observe(self, frame, event, arg):
        watching = self.watching
        if watching is not None and self._decorator_event(watching, frame, event, arg):
            return
        if self.stack:
            if event == "call":
                self._creation_event(self.stack[-1], frame)
        elif self.watching is None:
            sys.setprofile(None)

    def _creation_event(self, creation, frame):
        code = frame.f_code
        name = code.co_name
        if code is creation.body_code:
            creation.add("body", creation.record["class"], f"line {code.co_firstlineno}")
        elif name in ("__prepare__", "__new__", "__init__", "__call__") and self._is_meta_method(creation, code):
            owner = self._owner_of(creation.meta, name, code)
            creation.add({"__prepare__": "prepare", "__new__": "meta_new", "__init__": "meta_init", "__call__": "meta_call"}[name], owner)
        elif name == "__set_name__":
            local = frame.f_locals
            descriptor = local.get(code.co_varnames[0]) if code.co_argcount else None
            attr = local.get(code.co_varnames[2]) if code.co_argcount >= 3 else None
            creation.add("set_name", _class_label(type(descriptor)), attr if _isa(attr, str) else "")
        elif name == "__init_subclass__":
            owner = frame.f_locals.get("__class__")
            creation.add("init_subclass", _class_label(owner) if _isa(owner, type) else self._init_subclass_owner(creation, code))

    def _decorator_event(self, watching, frame, event, arg):
        """Decorators are calls made by the class statement's frame with the new class (or the
        previous decorator's result) as first argument. Any other call from that frame, or
        its return, means they are over. True when the event was one of these."""
        if event in ("call", "c_call"):
            caller = frame.f_back if event == "call" else frame
            if caller is not watching.defining_frame:
                return False  # something deeper (a decorator's own calls, the class body...)
            code = frame.f_code
            if event == "call" and code.co_argcount >= 1 and frame.f_locals.get(code.co_varnames[0]) is watching.cls:
                watching.add("decorator", getattr(code, "co_qualname", code.co_name))
                watching.pending = frame
                return True
            self._end_watch()
            return False
        if event == "return" and frame is getattr(watching, "pending", None):
            watching.cls = arg  # the next decorator receives this
            watching.pending = None
            return True
        if event == "return" and frame is watching.defining_frame:
            self._end_watch()
            return True
        return False

    @staticmethod
    def _is_meta_method(creation, code):
        meta = creation.meta
        if not _isa(meta, type):
            return False
        name = code.co_name
        owner, value, _ = _lookup_in_mro(meta, name)
        value = getattr(value, "__func__", value)
        return getattr(value, "__code__", None) is code

    @staticmethod
    def _owner_of(meta, name, code):
        for klass in _type_mro(meta):
            value = _type_dict(klass).get(name)
            if getattr(getattr(value, "__func__", value), "__code__", None) is code:
                return _class_label(klass)
        return _class_label(meta)

    @staticmethod
    def _init_subclass_owner(creation, code):
        for base in creation.bases:
            if _isa(base, type):
                for klass in _type_mro(base):
                    value = _type_dict(klass).get("__init_subclass__")
                    if getattr(getattr(value, "__func__", value), "__code__", None) is code:
                        return _class_label(klass)
        return "?"


# --- classes and MROs ---------------------------------------------------------------------------
def _classes(observer, main):
    """Every class the program made (class statements, and classes reachable from its globals),
    closed over bases so the whole graph is there, with keys that stay unique."""
    found = list(observer.made)
    for value in list(main.__dict__.values()):
        if _isa(value, type):
            found.append(value)
    seen, order = set(), []
    entries = 0
    todo = list(reversed(found))
    while todo:
        cls = todo.pop()
        if id(cls) in seen:
            continue
        seen.add(id(cls))
        order.append(cls)
        if len(order) > MAX_CLASSES:
            return None, f"the program has more than {MAX_CLASSES} classes; the MRO explorer describes at most {MAX_CLASSES}"
        entries += len(_type_mro(cls))
        if entries > MAX_MRO_ENTRIES:
            return None, f"the classes' MROs together list more than {MAX_MRO_ENTRIES} entries; too large to draw"
        todo.extend(reversed(_type_bases(cls)))
    keys, used = {}, {}
    for cls in order:
        label = _class_label(cls)
        used[label] = used.get(label, 0) + 1
        keys[id(cls)] = label if used[label] == 1 else f"{label}#{used[label]}"
    facts = []
    for cls in order:
        meta = type(cls)
        mro_method = _lookup_in_mro(meta, "mro")[0]
        facts.append({
            "id": keys[id(cls)],
            "name": _type_name(cls),
            "qualname": _class_label(cls),
            "module": _safe_str(_type_module(cls)),
            "bases": [keys[id(b)] for b in _type_bases(cls)],
            "mro": [keys.get(id(k), _class_label(k)) for k in _type_mro(cls)],
            "metaclass": keys.get(id(meta), _class_label(meta)),
            "custom_mro": mro_method is not None and mro_method is not type,
            "made_by_program": any(c is cls for c in observer.made) or _safe_str(_type_module(cls)) == "__main__",
        })
    return facts, None


def _safe_str(value):
    return value if _isa(value, str) else _safe_repr(value)


def _find_class(name, main, observer):
    for cls in reversed(observer.made):
        if _class_label(cls) == name or _type_name(cls) == name:
            return cls
    value = main.__dict__.get(name)
    if _isa(value, type):
        return value
    try:
        value = eval(name, main.__dict__)
    except BaseException as exc:
        raise LookupError(f"no class {name!r}: {_describe_error(exc)}")
    if not _isa(value, type):
        raise LookupError(f"{name!r} is a {_type_name(type(value))}, not a class")
    return value


def _function_code(value):
    value = getattr(value, "__func__", value)
    if _isa(value, property):
        value = value.fget
    return getattr(value, "__code__", None)


def _super_chain(query, main, observer):
    """For class C and a method name: which class's method C().name() runs, and where each
    `super().name()` inside the classes along C.__mro__ arrives."""
    cls_name, method = query.get("class", ""), query.get("method", "")
    result = {"class": cls_name, "method": method, "resolutions": [], "chain": [], "error": None}
    try:
        cls = _find_class(cls_name, main, observer)
    except LookupError as exc:
        result["error"] = str(exc)
        return result
    mro = _type_mro(cls)
    owners = [k for k in mro if method in _type_dict(k)]
    for i, klass in enumerate(mro[:-1]):
        reaches = next((k for k in mro[i + 1:] if method in _type_dict(k)), None)
        result["resolutions"].append({"inside": _class_label(klass), "reaches": _class_label(reaches) if reaches else None})
    if not owners:
        result["error"] = f"no class on {_class_label(cls)}'s MRO defines {method!r}"
        return result
    current = owners[0]
    while current is not None:
        code = _function_code(_type_dict(current)[method])
        calls_super = code is not None and "super" in code.co_names and "__class__" in code.co_freevars
        at = next(i for i, k in enumerate(mro) if k is current)  # not ==: a metaclass may define __eq__
        reaches = next((k for k in mro[at + 1:] if method in _type_dict(k)), None)
        result["chain"].append({"class": _class_label(current), "calls_super": calls_super,
                                "reaches": _class_label(reaches) if calls_super and reaches else None})
        current = reaches if calls_super else None
    return result


# --- attribute lookup ----------------------------------------------------------------------------
def _step(place, owner, found, note=""):
    return {"place": place, "owner": _class_label(owner) if _isa(owner, type) else owner, "found": found, "note": note}


def _descriptor_kind(value):
    tname = _type_name(type(value))
    if _isa(value, property):
        return "property"
    if _isa(value, classmethod):
        return "classmethod"
    if _isa(value, staticmethod):
        return "staticmethod"
    if tname == "function":
        return "function (becomes a bound method)"
    if tname == "member_descriptor":
        return "slot (from __slots__)"
    return tname


def _call_get(value, instance, owner):
    """value.__get__(instance, owner), looked up on the type as the interpreter does."""
    _, get, _ = _lookup_in_mro(type(value), "__get__")
    return get(value, instance, owner)


def trace_lookup(obj, name):
    """How `obj.name` finds its value: every place looked at, in order, and the winner."""
    steps = []
    out = {"steps": steps, "winner": None, "value": None, "error": None}
    is_class = _isa(obj, type)
    tp = type(obj)
    out["target_type"] = _class_label(tp)

    def win(index, value):
        out["winner"] = index
        out["value"] = _safe_repr(value)
        out["_value"] = value

    getattribute_owner, getattribute, _ = _lookup_in_mro(tp, "__getattribute__")
    if _is_python_function(getattribute):
        # The reader's __getattribute__ decides everything; the steps below are what
        # object.__getattribute__ would do if it handed over to it.
        steps.append(_step("getattribute_override", getattribute_owner, True, "type(obj) defines __getattribute__: it runs instead of the standard lookup"))
        try:
            value = getattr(obj, name)
        except BaseException as exc:
            out["winner"] = 0
            out["error"] = f"{_class_label(getattribute_owner)}.__getattribute__ raised {_describe_error(exc)}"
            return out
        win(0, value)
        return out

    # 1. a data descriptor on type(obj)'s MRO (for a class: on its metaclass's MRO)
    owner, attr, looked = _lookup_in_mro(tp, name)
    where = "metaclass MRO" if is_class else "type(obj).__mro__"
    data = owner is not None and _type_has(attr, "__set__", "__delete__")
    steps.append(_step("data_descriptor", owner, data,
                       f"{_descriptor_kind(attr)} on {_class_label(owner)} ({where})" if data else
                       f"looked in {', '.join(_class_label(k) for k in looked)}: " +
                       (f"found {_descriptor_kind(attr)} on {_class_label(owner)}, not a data descriptor" if owner else "not found")))
    if data:
        try:
            value = _call_get(attr, obj, tp) if _type_has(attr, "__get__") else attr
        except BaseException as exc:
            out["winner"] = len(steps) - 1
            out["error"] = f"the {_descriptor_kind(attr)} {_class_label(owner)}.{name} raised {_describe_error(exc)}"
            return out
        win(len(steps) - 1, value)
        return out

    # 2. the instance's own namespace (for a class: the class and its bases' __dict__s)
    if is_class:
        cowner, cattr, clooked = _lookup_in_mro(obj, name)
        steps.append(_step("class_mro", cowner, cowner is not None,
                           f"{_descriptor_kind(cattr) if cowner else 'nothing'} in " +
                           (f"{_class_label(cowner)}.__dict__" if cowner else ", ".join(_class_label(k) + ".__dict__" for k in clooked))))
        if cowner is not None:
            try:
                value = _call_get(cattr, None, obj) if _type_has(cattr, "__get__") else cattr
            except BaseException as exc:
                out["winner"] = len(steps) - 1
                out["error"] = f"{_class_label(cowner)}.{name}.__get__ raised {_describe_error(exc)}"
                return out
            win(len(steps) - 1, value)
            return out
    else:
        try:
            namespace = object.__getattribute__(obj, "__dict__")
        except AttributeError:
            namespace = None
        except BaseException as exc:
            namespace = None
            steps.append(_step("instance_dict", None, False, f"reading __dict__ raised {_describe_error(exc)}"))
        if not _isa(namespace, dict) and namespace is not None:
            namespace = None
        if namespace is None:
            steps.append(_step("instance_dict", None, False, "the instance has no __dict__ (its class uses __slots__)"))
        elif name in namespace:
            steps.append(_step("instance_dict", None, True, "in the instance's __dict__"))
            win(len(steps) - 1, namespace[name])
            return out
        else:
            steps.append(_step("instance_dict", None, False, "not in the instance's __dict__"))

    # 3. a non-data descriptor or plain attribute found in step 1
    if owner is not None:
        has_get = _type_has(attr, "__get__")
        place = ("metaclass_attribute" if is_class else "non_data_descriptor") if has_get else ("metaclass_attribute" if is_class else "class_attribute")
        steps.append(_step(place, owner, True, f"{_descriptor_kind(attr)} on {_class_label(owner)}" + (" (the metaclass)" if is_class else "")))
        try:
            value = _call_get(attr, obj, tp) if has_get else attr
        except BaseException as exc:
            out["winner"] = len(steps) - 1
            out["error"] = f"{_class_label(owner)}.{name}.__get__ raised {_describe_error(exc)}"
            return out
        win(len(steps) - 1, value)
        return out
    steps.append(_step("class_attribute", None, False, "no class on the MRO has it"))

    # 4. __getattr__, the last resort
    gowner, hook, _ = _lookup_in_mro(tp, "__getattr__")
    if gowner is None:
        steps.append(_step("getattr_hook", None, False, f"{_class_label(tp)} has no __getattr__"))
        out["error"] = f"AttributeError: {_safe_repr(_class_label(tp))} object has no attribute {name!r}"
        return out
    steps.append(_step("getattr_hook", gowner, True, f"{_class_label(gowner)}.__getattr__ is called"))
    try:
        value = hook(obj, name)
    except BaseException as exc:
        out["winner"] = len(steps) - 1
        out["error"] = f"{_class_label(gowner)}.__getattr__ raised {_describe_error(exc)}"
        return out
    win(len(steps) - 1, value)
    return out


def _is_python_function(value):
    """The reader's own hook (a `def`), as opposed to the builtin object/type slot."""
    return _type_name(type(value)) == "function"


def where_assignment_lands(obj, name):
    """Where `obj.name = v` will go, decided as object.__setattr__ / type.__setattr__ do."""
    tp = type(obj)
    sowner, setattr_hook, _ = _lookup_in_mro(tp, "__setattr__")
    if _is_python_function(setattr_hook):
        return {"place": "setattr_override", "owner": _class_label(sowner), "note": f"{_class_label(sowner)}.__setattr__ decides"}
    owner, attr, _ = _lookup_in_mro(tp, name)
    if owner is not None and _type_has(attr, "__set__"):
        return {"place": "data_descriptor", "owner": _class_label(owner), "note": f"{_descriptor_kind(attr)}.__set__ on {_class_label(owner)}"}
    if _isa(obj, type):
        return {"place": "class_dict", "owner": _class_label(obj), "note": f"{_class_label(obj)}.__dict__"}
    return {"place": "instance_dict", "owner": None, "note": "the instance's __dict__"}


def _lookup(query, main, verify):
    target, name = query.get("target", ""), query.get("name", "")
    result = {"target": target, "name": name}
    try:
        obj = eval(target, main.__dict__)
    except BaseException as exc:
        result["error"] = f"could not evaluate {target!r}: {_describe_error(exc)}"
        return result
    if not _isa(name, str) or not name.isidentifier():
        result["error"] = f"{name!r} is not an attribute name"
        return result
    assign = query.get("assign")
    try:
        if assign is None:
            result.update(trace_lookup(obj, name))
            value = result.pop("_value", None)
            if verify:
                # Tests only: calls getattr once more, so the reader's code runs twice.
                result["same_as_getattr"] = _agrees(obj, name, value, result)
        else:
            value = eval(assign, main.__dict__)
            result["landed"] = where_assignment_lands(obj, name)
            result["landed"]["in_instance_dict"] = False
            try:
                setattr(obj, name, value)
            except BaseException as exc:
                result["error"] = f"the assignment raised {_describe_error(exc)}"
                return result
            result["landed"]["in_instance_dict"] = _in_own_dict(obj, name, value)
    except RecursionError:
        result["error"] = "the lookup recursed without end (a __getattr__ or descriptor that calls itself?)"
    return result


def _growth(query, main):
    """Measure the named function's steps at growing n (see _dunder_steps)."""
    import _dunder_steps
    function, make = query.get("function", ""), query.get("input") or None
    result = {"function": function, "input": make, "points": [], "stopped": "", "error": None}
    values = []
    for expression in (function, make):
        if expression is None:
            values.append(None)
            continue
        try:
            value = eval(expression, main.__dict__)
        except BaseException as exc:
            result["error"] = f"could not evaluate {expression!r}: {_describe_error(exc)}"
            return result
        if not callable(value):
            result["error"] = f"{expression!r} is not a function"
            return result
        values.append(value)
    func, maker = values
    points, stopped = _dunder_steps.measure(func, maker)
    result["points"], result["stopped"] = points, stopped
    return result


def _in_own_dict(obj, name, value):
    try:
        namespace = _type_dict(obj) if _isa(obj, type) else object.__getattribute__(obj, "__dict__")
    except BaseException:
        return False
    return name in namespace and namespace[name] is value


def _agrees(obj, name, value, result):
    """Does the traced winner's value equal what getattr gives (None when getattr raises)?"""
    try:
        real = getattr(obj, name)
    except BaseException as exc:
        result["getattr_error"] = _describe_error(exc)
        return result.get("error") is not None
    if result.get("error") is not None:
        return False
    try:
        return value is real or bool(value == real)
    except BaseException:
        return False


# --- exceptions as a tree ---------------------------------------------------------------------
def _exception_tree(exc, filename):
    count = [0]
    seen = set()

    def node(e, depth=0):
        if count[0] >= MAX_EXCEPTION_NODES or depth >= MAX_EXCEPTION_DEPTH:
            limit = f"more than {MAX_EXCEPTION_NODES} exceptions" if count[0] >= MAX_EXCEPTION_NODES else f"nested more than {MAX_EXCEPTION_DEPTH} deep"
            return {"type": "…", "message": f"{limit}; the rest is not shown",
                    "notes": [], "traceback": [], "children": [], "cause": None, "context": None,
                    "suppress_context": False, "seen_before": False}
        count[0] += 1
        if id(e) in seen:
            return {"type": _type_name(type(e)), "message": _safe_message(e), "notes": [], "traceback": [],
                    "children": [], "cause": None, "context": None, "suppress_context": False, "seen_before": True}
        seen.add(id(e))
        notes = getattr(e, "__notes__", None)
        out = {
            "type": _class_label(type(e)),
            "message": _safe_message(e),
            "notes": [n if _isa(n, str) else _safe_repr(n) for n in notes] if _isa(notes, list) else [],
            "traceback": _frames(e.__traceback__, filename),
            "children": [],
            "cause": None,
            "context": None,
            "suppress_context": bool(e.__suppress_context__),
            "seen_before": False,
        }
        if _isa(e, BaseExceptionGroup):
            out["children"] = [node(child, depth + 1) for child in e.exceptions]
        if e.__cause__ is not None:
            out["cause"] = node(e.__cause__, depth + 1)
        if e.__context__ is not None and e.__context__ is not e.__cause__:
            out["context"] = node(e.__context__, depth + 1)
        return out

    return node(exc)


def _leaf_facts(e):
    return {"type": _class_label(type(e)), "message": _safe_message(e)}


def _safe_message(e):
    try:
        return str(e)
    except BaseException as exc:
        return f"(str() raised {_describe_error(exc)})"


def _frames(tb, filename):
    import linecache
    frames = []
    while tb is not None and len(frames) < 50:
        code = tb.tb_frame.f_code
        line = tb.tb_lineno
        text = linecache.getline(code.co_filename, line).strip() if line else ""
        frames.append({"file": code.co_filename, "line": line, "function": code.co_name,
                       "text": text, "in_program": code.co_filename == filename})
        tb = tb.tb_next
    return frames


def _task_recorder(source, filename):
    """A recorder of when each asyncio task ran, for a program that mentions asyncio."""
    if re.search(r"\basyncio\b", source) is None:
        return None  # importing asyncio costs time; a program that never names it has no tasks
    import asyncio  # first: importing it is what wires in _dunder_asyncio's loop
    import _dunder_asyncio
    import _dunder_tasks
    recorder = _dunder_tasks.TaskRecorder(filename)
    _dunder_asyncio.BrowserEventLoop.on_new_loop = recorder.attach
    return recorder


def _stop_task_recorder(recorder):
    if recorder is None:
        return []
    import _dunder_asyncio
    _dunder_asyncio.BrowserEventLoop.on_new_loop = None
    return recorder.stop()


# --- the entry point ----------------------------------------------------------------------------
def inspect(source, stdin_text, request_json, filename="main.py"):
    request = json.loads(request_json) if request_json else {}
    observer = Observer()
    import _dunder_except_star
    if _dunder_except_star.uses_except_star(source):
        observer.splits = _dunder_except_star.SplitRecorder(filename, _leaf_facts)
    tasks = _task_recorder(source, filename)
    # A lesson's chained snippets keep the previous run's globals: this extra run must not
    # become "the previous run" for the next snippet.
    kept_globals = _dunder_boot._main_globals
    try:
        status, code, line, _, _ = _dunder_boot.run(source, stdin_text, filename, False, observer)
    finally:
        observer.stop()
        task_notes = _stop_task_recorder(tasks)
        inspected_globals = _dunder_boot._main_globals
        _dunder_boot._main_globals = kept_globals
    main = _dunder_boot._new_main(filename)
    main.__dict__.update(inspected_globals or {})
    ending = {"ok": {"kind": "completed"}, "exit": {"kind": "exited", "code": code}}.get(status, {"kind": "failed", "line": line})
    report = {"ending": ending, "notes": []}
    classes, problem = _classes(observer, main)
    report["classes"] = classes or []
    if problem:
        report["notes"].append(problem)
    report["failed_classes"] = observer.failed
    report["supers"] = [_super_chain(q, main, observer) for q in request.get("supers", [])]
    verify = bool(request.get("verify_lookups"))
    report["lookups"] = [_lookup(q, main, verify) for q in request.get("lookups", [])]
    growth = request.get("growth")
    report["growth"] = _growth(growth, main) if growth else None
    target = request.get("bytecode")
    if target:
        import _dunder_bytecode
        report["bytecode"] = _dunder_bytecode.disassemble(target, main.__dict__, _describe_error)
    else:
        report["bytecode"] = None
    report["timeline"] = observer.timeline
    if observer.skipped_timeline:
        report["notes"].append(f"class-creation timeline incomplete: {observer.skipped_timeline}")
    if len(observer.timeline) >= MAX_TIMELINE:
        report["notes"].append(f"the timeline shows the first {MAX_TIMELINE} class statements")
    report["exception"] = _exception_tree(observer.error, filename) if observer.error is not None else None
    report["splits"] = observer.splits.report() if observer.splits is not None else []
    if observer.splits_note:
        report["notes"].append(observer.splits_note)
    report["tasks"] = tasks.report() if tasks is not None else []
    report["notes"].extend(f"task timeline: {note}" for note in task_notes)
    observer.error = None
    observer.splits = None
    _dunder_boot._flush_streams()
    return json.dumps(report)
