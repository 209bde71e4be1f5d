// Runs Python programs under real CPython 3.14 (Pyodide, in Node) and prints, as JSON, what each
// one wrote to stdout and stderr interleaved - the same text Dunder's Output panel shows.
// Usage: node tests/cpython/run.mjs < programs.json   where programs.json is ["src", ...]
//   or:  node tests/cpython/run.mjs file.py           (prints the output as plain text)
// Each program runs as __main__ from a file called main.py, in a fresh namespace.
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";

const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
let captured = "";
const decoder = new TextDecoder();
const sink = { write: (bytes) => { captured += decoder.decode(bytes); return bytes.length; } };
pyodide.setStdout(sink);
pyodide.setStderr(sink);

const harness = pyodide.runPython(`
import sys, traceback, linecache, types, time, warnings
import asyncio
from asyncio import base_events, events

# Pyodide's own event loop needs JavaScript promise integration (JSPI), which Node lacks, so
# asyncio.run() would fail. Like Dunder's browser runtime, run asyncio on a loop that only has
# timers and callbacks: waiting for the next timer is a real sleep.
class _TimersOnly:
    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError("the event loop would wait forever")
        if timeout > 0:
            time.sleep(timeout)
        return []
    def close(self):
        pass

class _TimerLoop(base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._selector = _TimersOnly()
    def _process_events(self, event_list):
        pass
    def _write_to_self(self):
        pass

class _Policy(events._BaseDefaultEventLoopPolicy):
    _loop_factory = _TimerLoop

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    asyncio.set_event_loop_policy(_Policy())

def _run(main, *, debug=None, loop_factory=None):
    # Pyodide replaces asyncio.run with a JSPI-based one; this is CPython's own, on our loop.
    # Pyodide also marks its own web loop as running for the whole session; hide it meanwhile.
    outer = events._get_running_loop()
    events._set_running_loop(None)
    try:
        with asyncio.Runner(debug=debug, loop_factory=loop_factory or _TimerLoop) as runner:
            return runner.run(main)
    finally:
        events._set_running_loop(outer)

_run.__name__ = _run.__qualname__ = "run"
_run.__module__ = "asyncio.runners"
asyncio.run = asyncio.runners.run = _run

def run(source):
    linecache.cache["main.py"] = (len(source), None, source.splitlines(True), "main.py")
    main = types.ModuleType("__main__")
    main.__file__ = "main.py"
    old_main = sys.modules["__main__"]
    sys.modules["__main__"] = main
    try:
        exec(compile(source, "main.py", "exec", dont_inherit=True), main.__dict__)
    except SystemExit as e:
        if e.code is not None and not isinstance(e.code, int):
            print(e.code, file=sys.stderr)
    except BaseException as e:
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != "main.py":
            tb = tb.tb_next
        e.__traceback__ = tb
        traceback.print_exception(e)
    finally:
        sys.modules["__main__"] = old_main
        sys.stdout.flush(); sys.stderr.flush()
run
`);

function runOne(source) {
  captured = "";
  harness(source);
  return captured;
}

if (process.argv[2]) {
  process.stdout.write(runOne(readFileSync(process.argv[2], "utf8")));
} else {
  const programs = JSON.parse(readFileSync(0, "utf8"));
  process.stdout.write(JSON.stringify(programs.map(runOne)));
}
