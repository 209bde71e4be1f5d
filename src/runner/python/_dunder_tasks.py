"""When each asyncio task ran, for the Inspect view: a lane per task after the run.

The event loop is ours (`_dunder_asyncio.BrowserEventLoop`), so an Inspect run asks it to hand
every new loop to `TaskRecorder.attach`, which installs a task factory. The factory gives each
task a coroutine wrapper: the task drives its coroutine only through `send()` and `throw()`, so
each call is the task resuming, and its return is the task suspending (on what the coroutine
chain is awaiting) or ending. A `Task` subclass with the same name notes who called `cancel()`
(a timeout, a TaskGroup, the program). Times are the loop's own clock, `loop.time()`.

Imported only by an Inspect run of a program whose source mentions asyncio. Ordinary runs never
see any of this.
"""

import asyncio
import collections.abc
import reprlib
import sys

MAX_TASKS = 50
MAX_EVENTS = 3000
_short = reprlib.Repr()
_short.maxstring = 40
_short.maxother = 40


class TaskRecorder:
    def __init__(self, filename):
        self.filename = filename
        self.tasks = []  # {"task", "coroutine", "parent", "via", "events"}; tasks kept alive
        self.index = {}  # id(task) -> index in self.tasks
        self.loops = []
        self.events = 0
        self.notes = []

    # -- wiring
    def attach(self, loop):
        self.loops.append(loop)
        loop.set_task_factory(self._factory)

    def stop(self):
        """Nothing of the recorder outlives the run; returns notes on what may be missing."""
        notes = list(self.notes)
        for loop in self.loops:
            if loop.get_task_factory() != self._factory:  # bound methods: ==, not `is`
                notes.append("the program set its own task factory, so some tasks are not shown")
                break
        self.loops = []
        return notes

    def _factory(self, loop, coro, **kwargs):
        if len(self.tasks) >= MAX_TASKS:
            _add_once(self.notes, f"only the first {MAX_TASKS} tasks are shown")
            return asyncio.Task(coro, loop=loop, **kwargs)
        via = self._via(sys._getframe(1))
        if via == "asyncio.run" and _qualname(coro).startswith("BaseEventLoop."):
            # asyncio.run's own clean-up (shutdown_asyncgens...): not the program's tasks.
            return asyncio.Task(coro, loop=loop, **kwargs)
        parent = asyncio.current_task(loop)
        number = len(self.tasks)
        entry = {
            "coroutine": _qualname(coro),
            "parent": self.index.get(id(parent)) if parent is not None else None,
            "via": via,
            "events": [],
        }
        self.tasks.append(entry)
        task = Task(_Watched(coro, self, number), loop=loop, **kwargs)
        task._dunder_recorder = (self, number)
        entry["task"] = task
        self.index[id(task)] = number
        self.record(number, "created", loop.time())
        return task

    def _via(self, frame):
        """What made the task, read from the stack that called the factory."""
        for _ in range(12):
            if frame is None:
                break
            code = frame.f_code
            name, file = code.co_name, code.co_filename
            if file == self.filename:
                return "create_task"
            if file.endswith("taskgroups.py"):
                return "TaskGroup"
            if name in ("gather", "shield", "wait_for", "as_completed", "wait"):
                return name
            if file.endswith("runners.py"):
                return "asyncio.run"
            frame = frame.f_back
        return "create_task"

    # -- events
    def record(self, number, kind, at, detail="", line=None, final=False):
        if not final:
            if self.events >= MAX_EVENTS:
                _add_once(self.notes, f"only the first {MAX_EVENTS} task events are shown")
                return
            self.events += 1
        self.tasks[number]["events"].append({"kind": kind, "at": at, "detail": detail, "line": line})

    def report(self):
        if not self.tasks:
            return []
        start = min(e["at"] for t in self.tasks for e in t["events"])
        out = []
        for entry in self.tasks:
            task = entry["task"]
            out.append({
                "name": _safe(task.get_name),
                "coroutine": entry["coroutine"],
                "parent": entry["parent"],
                "via": entry["via"],
                "events": [dict(e, at=round((e["at"] - start) * 1000, 3)) for e in entry["events"]],
            })
        return out


class Task(asyncio.Task):
    """asyncio's Task, noting who asked it to cancel. Named Task so reprs stay the same."""

    def cancel(self, msg=None):
        recorder = getattr(self, "_dunder_recorder", None)
        if recorder is not None and not self.done():
            try:
                recorder[0].record(recorder[1], "cancel_requested", self.get_loop().time(),
                                   _canceller(sys._getframe(1), recorder[0].filename))
            except Exception:
                pass
        return super().cancel(msg)


def _canceller(frame, filename):
    for _ in range(12):
        if frame is None:
            break
        code = frame.f_code
        if code.co_filename == filename:
            return f"the program, line {frame.f_lineno}"
        if code.co_filename.endswith("timeouts.py"):
            return "a timeout expired"
        if code.co_filename.endswith("taskgroups.py"):
            return "its TaskGroup (another task failed or the group was cancelled)"
        if code.co_name == "wait_for":
            return "wait_for's timeout expired"
        if code.co_filename.endswith("runners.py"):
            return "asyncio.run, cancelling what was left at the end"
        if code.co_name == "_done_callback" and code.co_filename.endswith("tasks.py"):
            return "gather (it was cancelled)"
        frame = frame.f_back
    return "another task"


class _Watched(collections.abc.Coroutine):
    """The task's coroutine, seen from the task's side: each send/throw is one step."""

    def __init__(self, coro, recorder, number):
        self._coro = coro
        self._recorder = recorder
        self._number = number

    def send(self, value):
        return self._step("resumed", "", self._coro.send, value)

    def throw(self, *args):
        # throw(exc) or the old throw(type, value, traceback) form
        thrown = args[1] if len(args) > 1 and args[1] is not None else args[0]
        kind = thrown if isinstance(thrown, type) else type(thrown)
        return self._step("resumed", f"with {kind.__name__} thrown in", self._coro.throw, *args)

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    def __getattr__(self, name):
        # cr_frame, cr_code, __qualname__...: what asyncio and reprs read from the coroutine.
        return getattr(self._coro, name)

    def _step(self, kind, detail, call, *args):
        recorder, number, loop = self._recorder, self._number, asyncio.get_running_loop()
        recorder.record(number, kind, loop.time(), detail)
        try:
            yielded = call(*args)
        except StopIteration as stop:
            recorder.record(number, "finished", loop.time(), _safe(lambda: _short.repr(stop.value)), final=True)
            raise
        except asyncio.CancelledError:
            recorder.record(number, "cancelled", loop.time(), "", final=True)
            raise
        except BaseException as exc:
            recorder.record(number, "failed", loop.time(), _describe(exc), final=True)
            raise
        try:
            what, line = _awaiting(self._coro, yielded, recorder.filename)
        except Exception:
            what, line = "something", None
        recorder.record(number, "suspended", loop.time(), what, line)
        return yielded


def _awaiting(coro, yielded, filename):
    """What the suspended coroutine chain waits on, and the program's line that awaits it."""
    line = None
    inner = None
    sleeping = None  # asyncio.sleep's frame (sleep(0) goes one deeper, into a bare yield)
    node = coro
    for _ in range(100):
        code = getattr(node, "cr_code", None) or getattr(node, "gi_code", None)
        frame = getattr(node, "cr_frame", None) or getattr(node, "gi_frame", None)
        if code is None:
            break
        if frame is not None and code.co_filename == filename:
            line = frame.f_lineno
        inner = (code, frame)
        if code.co_name == "sleep" and code.co_filename.endswith("tasks.py") and frame is not None:
            sleeping = frame
        node = getattr(node, "cr_await", None) if hasattr(node, "cr_await") else getattr(node, "gi_yieldfrom", None)
        if node is None:
            break
    if sleeping is not None:
        return f"asyncio.sleep({_short.repr(sleeping.f_locals.get('delay'))})", line
    if isinstance(yielded, asyncio.Task):
        return f"task {_safe(yielded.get_name)}", line
    if type(yielded).__name__ == "_GatheringFuture":
        children = getattr(yielded, "_children", None)
        return (f"gather of {len(children)}" if children is not None else "gather"), line
    if isinstance(yielded, asyncio.Future):
        if inner is not None and inner[0].co_filename != filename:
            # e.g. TaskGroup.__aexit__ waiting for its tasks
            return f"a Future in {getattr(inner[0], 'co_qualname', inner[0].co_name)}", line
        return "a Future", line
    if yielded is None:
        return "a bare yield (lets other tasks run)", line
    return type(yielded).__name__, line


def _qualname(coro):
    return _safe(lambda: getattr(coro, "__qualname__", None) or type(coro).__name__)


def _describe(exc):
    try:
        message = str(exc)
    except BaseException:
        message = "(str() raised)"
    name = type(exc).__name__
    return f"{name}: {message}" if message else name


def _safe(get):
    try:
        return str(get())
    except BaseException as exc:
        return f"({type(exc).__name__})"


def _add_once(notes, note):
    if note not in notes:
        notes.append(note)
