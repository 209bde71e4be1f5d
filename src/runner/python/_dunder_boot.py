"""Start-up and per-run logic for Dunder's Python.

RustPython in a browser worker has no operating system underneath it. This module runs once
per interpreter, before any user code, and makes the interpreter behave like CPython for the
course material: real clocks and sleep, an `os` module, asyncio without selectors, honest
errors for threads and subprocesses. `run()` then executes one program the way
`python main.py` would: as `__main__`, with CPython's traceback text on errors.
"""

import sys
import _dunder_host

# --- the standard library beyond the frozen boot modules, imported on demand ----------------
import _dunder_stdlib

_dunder_stdlib.install()

# --- errno -------------------------------------------------------------------------------
import _dunder_errno

_dunder_errno.install()
del _dunder_errno

# --- posix / os -------------------------------------------------------------------------
# `os.py` insists on a builtin module called `posix`; the native one is empty and gets its
# contents from Python, which is easier to read and to keep honest.
import posix
import _dunder_posix

for _name, _value in vars(_dunder_posix).items():
    if not _name.startswith("__"):
        setattr(posix, _name, _value)
del _name, _value

# --- time ---------------------------------------------------------------------------------
# RustPython's clocks panic on wasm32; these come from the browser (or std natively).
import time

for _name in ("time", "time_ns", "monotonic", "monotonic_ns", "process_time",
              "process_time_ns", "sleep"):
    setattr(time, _name, getattr(_dunder_host, _name))
time.perf_counter = _dunder_host.monotonic
time.perf_counter_ns = _dunder_host.monotonic_ns
# One worker thread runs one program: its CPU time is the process's.
time.thread_time = _dunder_host.process_time
time.thread_time_ns = _dunder_host.process_time_ns
del _name


def _get_clock_info(name):
    """Describe the clocks above (asyncio reads the monotonic clock's resolution)."""
    import types
    if name not in ("time", "monotonic", "perf_counter", "process_time", "thread_time"):
        raise ValueError("unknown clock")
    return types.SimpleNamespace(
        implementation="performance.now()" if name != "time" else "Date.now()",
        monotonic=name != "time",
        adjustable=name == "time",
        # Browsers coarsen performance.now() (to 100 µs without cross-origin isolation).
        resolution=1e-04 if name != "time" else 1e-03,
    )


_get_clock_info.__name__ = _get_clock_info.__qualname__ = "get_clock_info"
time.get_clock_info = _get_clock_info


# --- patches applied when a stdlib module is first imported --------------------------------
class _PatchingLoader:
    """Runs the real loader, then a patch on the fresh module."""

    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)


class _AfterImportPatcher:
    """A meta-path finder that only wraps the loaders of the modules it has patches for."""

    def __init__(self, patches):
        self._patches = patches

    def find_spec(self, name, path=None, target=None):
        patch = self._patches.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


def _patch_unix_events(module):
    # asyncio's default loop needs selectors and a socketpair; the browser loop needs neither.
    from _dunder_asyncio import BrowserEventLoop

    module.SelectorEventLoop = BrowserEventLoop
    module.EventLoop = BrowserEventLoop
    module._DefaultEventLoopPolicy._loop_factory = BrowserEventLoop


sys.meta_path.insert(0, _AfterImportPatcher({"asyncio.unix_events": _patch_unix_events}))


# --- standard streams ----------------------------------------------------------------------
import io


class _HostStream(io.RawIOBase):
    """The raw end of stdout/stderr: bytes go straight to the page (or the test's sink)."""

    def __init__(self, fd):
        self._fd = fd

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    def write(self, data):
        _dunder_host.write(self._fd, data)
        return len(data)


def _text_stream(fd, errors):
    # Line buffered, like CPython's streams on a terminal: lines appear as they are printed.
    buffered = io.BufferedWriter(_HostStream(fd))
    return io.TextIOWrapper(buffered, encoding="utf-8", errors=errors, line_buffering=True)


class _InteractiveStdin(io.TextIOBase):
    """stdin that first reads the text given in advance, then asks the reader line by line
    (the page shows a field; `_dunder_host.read_line` blocks until they answer). Like a pipe,
    not a terminal: `input()` writes its prompt to stdout and reads one line here."""

    def __init__(self, given):
        self._given = io.StringIO(given)
        self._ended = False

    def readable(self):
        return True

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"

    def readline(self, size=-1):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if size is None:
            size = -1
        line = self._given.readline()
        if not line and not self._ended:
            line = _dunder_host.read_line()
            # After Ctrl+D every later read sees end of file too, as with a terminal pipe.
            self._ended = line == ""
        if size >= 0 and len(line) > size:
            # Keep the rest for the next read, as a buffered stream would.
            rest = line[size:] + self._given.read()
            self._given = io.StringIO(rest)
            line = line[:size]
        return line

    def read(self, size=-1):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if size is None:
            size = -1
        parts = []
        got = 0
        while size < 0 or got < size:
            line = self.readline(-1 if size < 0 else size - got)
            if not line:
                break
            parts.append(line)
            got += len(line)
        return "".join(parts)

    def readlines(self, hint=-1):
        return list(iter(self.readline, ""))


def _install_streams(stdin_text):
    sys.stdout = sys.__stdout__ = _text_stream(1, "strict")
    sys.stderr = sys.__stderr__ = _text_stream(2, "backslashreplace")
    if _dunder_host.input_is_interactive():
        sys.stdin = sys.__stdin__ = _InteractiveStdin(stdin_text)
    else:
        sys.stdin = sys.__stdin__ = io.StringIO(stdin_text)


def _flush_streams():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass


# --- a clean slate for every run -------------------------------------------------------------
import builtins
import gc
import types

_BUILTINS = dict(builtins.__dict__)
_SYS_STATE = {name: getattr(sys, name) for name in (
    "meta_path", "path_hooks", "path", "excepthook", "displayhook", "breakpointhook",
)}
_SYS_STATE = {name: (value[:] if isinstance(value, list) else value)
              for name, value in _SYS_STATE.items()}
_RECURSION_LIMIT = sys.getrecursionlimit()
_GC_THRESHOLD = gc.get_threshold()
_main_globals = None


def _is_stdlib(module):
    """Modules from the frozen stdlib or native code may stay cached between runs; anything a
    program made itself (a custom loader, a module put in sys.modules) must not."""
    spec = getattr(module, "__spec__", None)
    return spec is not None and (
        spec.origin in ("frozen", "built-in")
        or spec.loader is _dunder_stdlib.StdlibFinder
        or isinstance(spec.loader, _PatchingLoader)
    )


def _reset_interpreter(stdin_text):
    builtins.__dict__.clear()
    builtins.__dict__.update(_BUILTINS)
    for name, value in _SYS_STATE.items():
        setattr(sys, name, value[:] if isinstance(value, list) else value)
    sys.setrecursionlimit(_RECURSION_LIMIT)
    sys.settrace(None)
    sys.setprofile(None)
    _release_monitoring_tools()
    gc.enable()
    gc.set_threshold(*_GC_THRESHOLD)
    for name, module in list(sys.modules.items()):
        if module is None or not _is_stdlib(module):
            del sys.modules[name]
    import _signal
    _signal._reset()
    _install_streams(stdin_text)


def _release_monitoring_tools():
    """A program that claimed a sys.monitoring tool id and never freed it must not make the
    next run fail with "tool N is already in use"."""
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is None:
        return
    for tool in range(6):
        try:
            if monitoring.get_tool(tool) is not None:
                if hasattr(monitoring, "clear_tool_id"):
                    monitoring.clear_tool_id(tool)
                monitoring.set_events(tool, 0)
                monitoring.free_tool_id(tool)
        except Exception:
            pass


def _new_main(filename):
    main = type(sys)("__main__")
    main.__file__ = filename
    main.__builtins__ = builtins
    return main


# --- errors, the CPython way ---------------------------------------------------------------


def _strip_runner_frames(tb):
    """Drop this module's frames so the traceback starts at the user's code, like `python x.py`,
    and the import machinery's frames, which CPython also leaves out of tracebacks."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if not (tb.tb_frame.f_globals.get("__name__") == __name__
                or code.co_filename.startswith("<frozen importlib._bootstrap")):
            frames.append(tb)
        tb = tb.tb_next
    rebuilt = None
    for entry in reversed(frames):
        rebuilt = types.TracebackType(rebuilt, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return rebuilt


def _failing_line(exc, filename):
    """The line the editor should mark: the innermost frame of the user's file."""
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return exc.lineno
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _report(exc):
    if sys.excepthook is sys.__excepthook__:
        import traceback
        traceback.print_exception(exc)
    else:
        try:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        except BaseException as hook_error:
            import traceback
            print("Error in sys.excepthook:", file=sys.stderr)
            traceback.print_exception(hook_error)
            print("\nOriginal exception was:", file=sys.stderr)
            traceback.print_exception(exc)


def _exit_status(exc):
    """What `python main.py` would exit with for this SystemExit (printing what it prints)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


# --- the entry point ----------------------------------------------------------------------
def run(source, stdin_text="", filename="main.py", keep_globals=False, observer=None, count_steps=False):
    """Run one program. Returns (status, exit_code, error_line, steps, steps_complete):
    status is "ok", "exit" (SystemExit) or "error" (an uncaught exception).
    `observer` is only given by an Inspect run (`_dunder_inspect`): it is started just before
    the program and keeps the exception it ended with. Ordinary runs pass nothing.
    With `count_steps` the program's line events are counted (`_dunder_steps.RunCounter`);
    otherwise steps is None and the meter is never imported."""
    global _main_globals
    _reset_interpreter(stdin_text)
    # A file saved with a byte-order mark runs in CPython (it decodes source as utf-8-sig).
    source = source.removeprefix("\ufeff")
    import linecache
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    if keep_globals and _main_globals is not None:
        main = _new_main(filename)
        main.__dict__.update(_main_globals)
        main.__dict__["__builtins__"] = builtins
    else:
        main = _new_main(filename)
    sys.modules["__main__"] = main
    sys.argv = [filename]
    result = ("ok", 0, None)
    counter = None
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
        if observer is not None:
            observer.start(main)
        if count_steps:
            import _dunder_steps
            counter = _dunder_steps.RunCounter()
            counter.start()
        try:
            exec(code, main.__dict__)
        finally:
            if counter is not None:
                counter.stop()  # before the traceback is formatted: that is not the program
    except SystemExit as exc:
        result = ("exit", _exit_status(exc), None)
    except BaseException as exc:
        exc.__traceback__ = _strip_runner_frames(exc.__traceback__)
        if observer is not None:
            observer.stop()
            observer.error = exc
        _report(exc)
        result = ("error", 1, _failing_line(exc, filename))
    finally:
        _main_globals = main.__dict__
        _flush_streams()
    if counter is None:
        return result + (None, False)
    return result + (counter.steps, counter.complete)
