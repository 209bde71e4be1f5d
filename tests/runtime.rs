//! The Python runner behaves like CPython 3.14 for interview material, exactly as it does in
//! the browser (same shims, same `__main__`, same traceback rendering). Expected texts below are
//! what CPython 3.14 prints for the same programs.

use dunder::runner::{Ending, Program, Runner, input::{InputReply, InputSource}, output::Stream};
use std::time::Instant;

/// One interpreter per test thread (a Runner belongs to one thread). Within a test, runs share
/// it, as snippets on a lesson page share the worker's, and rely on each run starting clean.
fn with_runner<R>(f: impl FnOnce(&Runner) -> R) -> R {
    thread_local! { static RUNNER: Runner = Runner::new().expect("interpreter starts"); }
    RUNNER.with(f)
}

struct Run {
    ending: Ending,
    stdout: String,
    stderr: String,
    /// Everything in order, as the Output panel shows it.
    all: String,
    notices: String,
}

fn run_program(program: Program) -> Run {
    let (outcome, chunks) = with_runner(|r| r.run_collect(&program));
    let text = |s: Stream| chunks.iter().filter(|(k, _)| *k == s).map(|(_, t)| t.as_str()).collect::<String>();
    Run {
        ending: outcome.ending,
        stdout: text(Stream::Stdout),
        stderr: text(Stream::Stderr),
        all: chunks.iter().map(|(_, t)| t.as_str()).collect(),
        notices: text(Stream::Notice),
    }
}

fn run(source: &str) -> Run {
    run_program(Program { source: source.into(), ..Default::default() })
}

fn run_ok(source: &str) -> String {
    let r = run(source);
    assert_eq!(r.stderr, "", "unexpected stderr for:\n{source}");
    assert_eq!(r.ending, Ending::Completed);
    r.stdout
}

#[test]
fn prints_to_stdout() {
    assert_eq!(run_ok("print('hello')\nprint(1, 2, sep='-', end='!\\n')"), "hello\n1-2!\n");
}

#[test]
fn course_modules_import() {
    let modules = "os dataclasses contextlib typing inspect traceback copy threading asyncio json re \
                   functools itertools collections weakref gc dis ast timeit struct array enum abc \
                   pstats profile tomllib unittest doctest datetime decimal fractions random \
                   statistics heapq bisect operator io pickle textwrap string types importlib \
                   importlib.util importlib.abc importlib.machinery linecache tokenize queue \
                   concurrent.futures selectors signal socket subprocess shutil pathlib tempfile \
                   logging argparse csv hashlib base64 zlib math cmath secrets uuid sys";
    let source = format!(
        "failed = []\nfor name in {modules:?}.split():\n    try:\n        __import__(name)\n    except Exception as e:\n        failed.append(f'{{name}}: {{type(e).__name__}}: {{e}}')\nprint(failed)\n"
    );
    assert_eq!(run_ok(&source), "[]\n");
}

#[test]
fn os_provides_what_a_browser_honestly_can() {
    let out = run_ok(
        "import os\nprint(os.getcwd(), os.environ['HOME'], len(os.urandom(16)), os.cpu_count(), os.sep)\n\
         try:\n    os.listdir('.')\nexcept OSError as e:\n    print(type(e).__name__, e.errno, 'not available in the browser' in str(e))\n",
    );
    assert_eq!(out, "/home/dunder /home/dunder 16 1 /\nOSError 38 True\n");
}

#[test]
fn errno_has_the_linux_codes_on_every_target() {
    let out = run_ok("import errno, os\nprint(errno.ECHILD, errno.ENOENT, errno.ENOSYS, errno.errorcode[2], os.strerror(2))");
    assert_eq!(out, "10 2 38 ENOENT No such file or directory\n");
}

#[test]
fn clocks_work_and_sleep_really_waits() {
    let started = Instant::now();
    let out = run_ok(
        "import time\n\
         t0, m0, p0, n0 = time.perf_counter(), time.monotonic(), time.process_time(), time.perf_counter_ns()\n\
         time.sleep(0.2)\n\
         waited = time.perf_counter() - t0\n\
         print(0.2 <= waited < 0.5, 0.2 <= time.monotonic() - m0 < 0.5)\n\
         print(time.process_time() - p0 < 0.1, (time.perf_counter_ns() - n0) >= 200_000_000)\n\
         print(time.time() > 1.7e9, type(time.time_ns()).__name__)\n\
         info = time.get_clock_info('monotonic')\n\
         print(info.monotonic, info.adjustable, 0 < info.resolution < 0.01)\n",
    );
    assert_eq!(out, "True True\nTrue True\nTrue int\nTrue False True\n");
    assert!(started.elapsed().as_secs_f64() >= 0.2);
}

#[test]
fn sleep_rejects_bad_arguments_like_cpython() {
    let out = run_ok(
        "import time\nfor arg in (-1, 'x'):\n    try:\n        time.sleep(arg)\n    except (ValueError, TypeError) as e:\n        print(type(e).__name__, e)\n",
    );
    assert_eq!(out, "ValueError sleep length must be non-negative\nTypeError 'str' object cannot be interpreted as an integer or float\n");
}

#[test]
fn datetime_now_works() {
    assert_eq!(run_ok("import datetime\nprint(datetime.datetime.now().year >= 2025)"), "True\n");
}

#[test]
fn asyncio_gather_sleeps_concurrently() {
    let out = run_ok(
        "import asyncio, time\n\
         async def nap(n):\n    await asyncio.sleep(0.2)\n    return n\n\
         async def main():\n    t = time.perf_counter()\n    r = await asyncio.gather(nap(1), nap(2))\n    print(r, round(time.perf_counter() - t, 1))\n\
         asyncio.run(main())\n",
    );
    assert_eq!(out, "[1, 2] 0.2\n");
}

/// Both tasks fail in the same turn of the loop (after `sleep(0)`), so the group always holds
/// both errors: with two 10 ms timers, a loaded machine could run the first alone, and the group
/// then cancelled the second before it failed.
#[test]
fn asyncio_taskgroup_timeout_generators_and_except_star() {
    let out = run_ok(
        "import asyncio, contextlib\n\
         async def fail(msg):\n    await asyncio.sleep(0)\n    raise ValueError(msg)\n\
         async def ticks(n):\n    for i in range(n):\n        await asyncio.sleep(0)\n        yield i\n\
         @contextlib.asynccontextmanager\nasync def session():\n    print('open')\n    yield 'db'\n    print('close')\n\
         async def main():\n\
         \x20   try:\n        async with asyncio.TaskGroup() as tg:\n            tg.create_task(fail('a'))\n            tg.create_task(fail('b'))\n\
         \x20   except* ValueError as group:\n        print(sorted(str(e) for e in group.exceptions))\n\
         \x20   try:\n        async with asyncio.timeout(0.05):\n            await asyncio.sleep(1)\n\
         \x20   except TimeoutError:\n        print('timed out')\n\
         \x20   print([i async for i in ticks(3)])\n\
         \x20   async with session() as s:\n        print(s)\n\
         asyncio.run(main())\n",
    );
    assert_eq!(out, "['a', 'b']\ntimed out\n[0, 1, 2]\nopen\ndb\nclose\n");
}

#[test]
fn awaiting_forever_is_reported_not_hung() {
    let r = run("import asyncio\nasync def main():\n    await asyncio.get_running_loop().create_future()\nasyncio.run(main())\n");
    assert!(matches!(r.ending, Ending::Failed { .. }));
    assert!(r.stderr.contains("would wait forever"), "{}", r.stderr);
}

#[test]
fn code_runs_as_main() {
    let out = run_ok("class A:\n    pass\nprint(__name__, A, repr(A()).startswith('<__main__.A object at 0x'))\nif __name__ == '__main__':\n    print('guarded')\n");
    assert_eq!(out, "__main__ <class '__main__.A'> True\nguarded\n");
}

#[test]
fn traceback_is_cpythons_and_names_the_line() {
    let r = run("def half(n):\n    return n / 0\n\nprint(half(4))\n");
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\n    print(half(4))\n          ~~~~^^^\n  File \"main.py\", line 2, in half\n    return n / 0\n           ~~^~~\nZeroDivisionError: division by zero\n"
    );
    assert_eq!(r.ending, Ending::Failed { line: Some(2) });
}

#[test]
fn name_errors_suggest_the_right_name() {
    let r = run("count = 1\nprint(coutn)\n");
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    print(coutn)\n          ^^^^^\nNameError: name 'coutn' is not defined. Did you mean: 'count'?\n"
    );
    let r = run("import math\nprint(math.pii)\n");
    assert!(r.stderr.ends_with("AttributeError: module 'math' has no attribute 'pii'. Did you mean: 'pi'?\n"), "{}", r.stderr);
}

#[test]
fn import_errors_leave_out_the_import_machinery() {
    let r = run("import json\nimport no_such_module\n");
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    import no_such_module\nModuleNotFoundError: No module named 'no_such_module'\n"
    );
}

#[test]
fn chained_exceptions_print_both() {
    let r = run("try:\n    1/0\nexcept ZeroDivisionError as e:\n    raise ValueError('bad') from e\n");
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File \"main.py\", line 4, in <module>\n    raise ValueError('bad') from e\nValueError: bad\n"
    );
    assert_eq!(r.ending, Ending::Failed { line: Some(4) });
}

#[test]
fn syntax_errors_name_the_line() {
    let r = run("x = 1\ndef f(:\n    pass\n");
    assert_eq!(r.ending, Ending::Failed { line: Some(2) });
    assert!(r.stderr.starts_with("  File \"main.py\", line 2\n    def f(:\n"), "{}", r.stderr);
    assert!(r.stderr.contains("SyntaxError: "), "{}", r.stderr);
}

#[test]
fn recursion_error_is_an_exception_not_a_crash() {
    let r = run("def g():\n    g()\ng()\n");
    assert!(r.stderr.contains("RecursionError: maximum recursion depth exceeded"), "{}", &r.stderr[r.stderr.len().saturating_sub(300)..]);
    assert_eq!(run_ok("print('still alive')"), "still alive\n");
}

#[test]
fn input_reads_stdin_lines_then_eof() {
    let r = run_program(Program {
        source: "print(input('name? '))\nprint(input())\ninput()\n".into(),
        stdin: "Ada\nGrace\n".into(),
        ..Default::default()
    });
    assert_eq!(r.stdout, "name? Ada\nGrace\n");
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    input()\n    ~~~~~^^\nEOFError: EOF when reading a line\n"
    );
}

#[test]
fn exit_status_follows_cpython() {
    assert_eq!(run("import sys\nsys.exit(3)").ending, Ending::Exited { code: 3 });
    assert_eq!(run("raise SystemExit").ending, Ending::Exited { code: 0 });
    let r = run("import sys\nsys.exit('bye')");
    assert_eq!((r.ending, r.stderr), (Ending::Exited { code: 1 }, "bye\n".to_owned()));
    assert_eq!(run("import os\nos._exit(0)").ending, Ending::Exited { code: 0 });
}

#[test]
fn stdout_and_stderr_stay_apart_and_in_order() {
    let r = run("import sys\nprint('out')\nprint('err', file=sys.stderr)\nprint('out again')\n");
    assert_eq!(r.all, "out\nerr\nout again\n");
    assert_eq!(r.stderr, "err\n");
}

#[test]
fn output_is_capped_with_a_notice() {
    let program = Program { source: "for i in range(200_000):\n    print('x' * 20)\nprint('done')\n".into(), ..Default::default() };
    let mut runner = Runner::new().expect("interpreter starts");
    runner.set_output_limit(10_000);
    let (outcome, chunks) = runner.run_collect(&program);
    assert!(outcome.truncated);
    assert_eq!(outcome.ending, Ending::Completed, "the program itself runs to the end");
    let shown: usize = chunks.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.len()).sum();
    assert_eq!(shown, 10_000);
    let notice: String = chunks.iter().filter(|(s, _)| *s == Stream::Notice).map(|(_, t)| t.as_str()).collect();
    assert!(notice.contains("output truncated"), "{notice}");
}

#[test]
fn javascript_bridges_are_absent() {
    let out = run_ok(
        "for name in ('js', 'browser', '_js', '_window', 'pyodide'):\n    try:\n        __import__(name)\n        print(name, 'IMPORTED')\n    except ImportError as e:\n        print(name, type(e).__name__)\n",
    );
    assert_eq!(out, "js ModuleNotFoundError\nbrowser ModuleNotFoundError\n_js ModuleNotFoundError\n_window ModuleNotFoundError\npyodide ModuleNotFoundError\n");
}

#[test]
fn starting_a_thread_says_threads_are_unavailable() {
    let r = run("import threading\nran = []\nt = threading.Thread(target=ran.append, args=(1,))\nt.start()\n");
    assert!(r.stderr.contains("RuntimeError: threads are not available in the browser"), "{}", r.stderr);
    assert_eq!(r.ending, Ending::Failed { line: Some(4) });
    // Locks still work for single-threaded code.
    assert_eq!(
        run_ok("import threading\nlock = threading.Lock()\nwith lock:\n    print(lock.locked())\nprint(lock.locked(), lock.acquire(blocking=False), lock.acquire(blocking=False))\n"),
        "True\nFalse True False\n"
    );
}

#[test]
fn every_run_starts_clean() {
    run("import builtins, sys\ndel builtins.print\nsys.modules['mine'] = type(sys)('mine')\nx = 1\n");
    assert_eq!(run_ok("import sys\nprint('mine' in sys.modules, 'x' in globals())"), "False False\n");
}

#[test]
fn chained_snippets_keep_their_globals_when_asked() {
    run("total = 40\n");
    let r = run_program(Program { source: "print(total + 2)".into(), keep_globals: true, ..Default::default() });
    assert_eq!(r.stdout, "42\n");
}

#[test]
fn a_leading_byte_order_mark_is_ignored_like_in_a_file() {
    assert_eq!(run_ok("\u{feff}print('bom ok')"), "bom ok\n");
}

#[test]
fn notices_are_not_program_output() {
    assert_eq!(run("print('x')").notices, "");
}

/// `src/runner/stdlib/prefetch.txt` must list exactly the lazily loaded modules that its roots
/// import (directly or not), so the bundle neither misses modules nor carries dead weight.
#[test]
fn the_prefetch_list_is_the_import_closure_of_its_roots() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/runner/stdlib/prefetch.txt");
    let text = std::fs::read_to_string(path).expect("prefetch.txt is readable");
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    let roots = header.iter().find_map(|l| l.strip_prefix("# roots: ")).expect("a `# roots:` line");
    let listed: Vec<&str> = text.lines().skip(header.len()).map(str::trim).filter(|l| !l.is_empty()).collect();

    let lazy: std::collections::BTreeSet<&str> =
        dunder::runner::lazy_stdlib::INDEX.lines().filter_map(|l| l.split(' ').next()).collect();
    // A traceback is rendered too: that is what a reader's first error imports.
    let source = format!(
        "import sys\nfor name in {roots:?}.split():\n    __import__(name)\ntry:\n    1/0\nexcept ZeroDivisionError:\n    import traceback; traceback.format_exc()\nprint(' '.join(sorted(sys.modules)))\n"
    );
    // A fresh interpreter: the shared one keeps stdlib modules that earlier tests imported.
    let (outcome, chunks) = Runner::new().expect("interpreter starts").run_collect(&Program { source, ..Default::default() });
    assert_eq!(outcome.ending, Ending::Completed, "{chunks:?}");
    let loaded: String = chunks.iter().map(|(_, text)| text.as_str()).collect();
    let closure: Vec<&str> = loaded.split_whitespace().filter(|name| lazy.contains(name)).collect();
    assert_eq!(listed, closure, "prefetch.txt is stale; its list should be:\n{}\n", closure.join("\n"));
}

/// A scripted reader for interactive `input()`: answers in order, and counts how often the
/// program asked (the page would have shown its field that many times).
fn reader(replies: &[InputReply]) -> (InputSource, std::rc::Rc<std::cell::Cell<usize>>) {
    let asked = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = std::rc::Rc::clone(&asked);
    let mut replies: std::collections::VecDeque<InputReply> = replies.iter().cloned().collect();
    let source: InputSource = Box::new(move || {
        counter.set(counter.get() + 1);
        replies.pop_front().expect("the program asked for more input than the test gives")
    });
    (source, asked)
}

fn run_interactive(source: &str, stdin: &str, replies: &[InputReply]) -> (Run, usize, Vec<(Stream, String)>) {
    let (reader, asked) = reader(replies);
    let program = Program { source: source.into(), stdin: stdin.into(), interactive: true, ..Default::default() };
    let (outcome, chunks) = with_runner(|r| r.run_collect_with_input(&program, Some(reader)));
    let text = |s: Stream| chunks.iter().filter(|(k, _)| *k == s).map(|(_, t)| t.as_str()).collect::<String>();
    let run = Run {
        ending: outcome.ending,
        stdout: text(Stream::Stdout),
        stderr: text(Stream::Stderr),
        all: chunks.iter().map(|(_, t)| t.as_str()).collect(),
        notices: text(Stream::Notice),
    };
    (run, asked.get(), chunks)
}

fn line(text: &str) -> InputReply {
    InputReply::Line(text.into())
}

#[test]
fn interactive_input_asks_once_per_call_and_echoes_what_was_typed() {
    let source = "name = input('name? ')\nage = int(input('age? '))\nprint(f'{name} is {age + 1} next year')\n";
    let (r, asked, chunks) = run_interactive(source, "", &[line("Ada"), line("36")]);
    assert_eq!(asked, 2);
    assert_eq!(r.ending, Ending::Completed);
    // In order, as the panel shows it: each prompt, then the echo of what was typed.
    assert_eq!(r.all, "name? Ada\nage? 36\nAda is 37 next year\n");
    assert_eq!(r.stdout, "name? age? Ada is 37 next year\n");
    let typed: Vec<_> = chunks.iter().filter(|(s, _)| *s == Stream::Input).map(|(_, t)| t.as_str()).collect();
    assert_eq!(typed, ["Ada\n", "36\n"]);
}

#[test]
fn ending_input_raises_eoferror_and_later_reads_do_not_ask_again() {
    let source = "import sys\ntry:\n    input('> ')\nexcept EOFError:\n    print('eof')\nprint(repr(sys.stdin.readline()))\n";
    let (r, asked, _) = run_interactive(source, "", &[InputReply::End]);
    assert_eq!(asked, 1, "after Ctrl+D the program must not ask again");
    assert_eq!(r.stdout, "> eof\n''\n");
    // And uncaught, it is CPython's traceback.
    let (r, _, _) = run_interactive("input()\n", "", &[InputReply::End]);
    assert!(r.stderr.ends_with("EOFError: EOF when reading a line\n"), "{}", r.stderr);
    assert_eq!(r.ending, Ending::Failed { line: Some(1) });
}

#[test]
fn text_given_in_advance_is_read_before_the_reader_is_asked() {
    let (r, asked, _) = run_interactive("print(input(), input())\n", "given\n", &[line("typed")]);
    assert_eq!(asked, 1);
    assert_eq!(r.stdout, "given typed\n");
    assert_eq!(r.all, "typed\ngiven typed\n");
}

#[test]
fn stdin_read_and_iteration_ask_until_end_of_input() {
    let (r, asked, _) = run_interactive("import sys\ndata = sys.stdin.read()\nprint(repr(data))\n", "", &[line("a"), line("b"), InputReply::End]);
    assert_eq!(asked, 3);
    assert_eq!(r.stdout, "'a\\nb\\n'\n");
    let (r, _, _) = run_interactive(
        "import sys\nfor n, text in enumerate(sys.stdin):\n    print(n, text.strip().upper())\n",
        "",
        &[line("x"), line("y"), InputReply::End],
    );
    assert_eq!(r.stdout, "0 X\n1 Y\n");
    // A bounded read keeps the rest of the line for the next one.
    let (r, asked, _) = run_interactive("import sys\nprint(sys.stdin.read(2), sys.stdin.readline())\n", "", &[line("hello")]);
    assert_eq!(asked, 1);
    assert_eq!(r.stdout, "he llo\n\n");
}

#[test]
fn input_that_cannot_ask_says_why_once_and_reads_end_of_file() {
    let why = "this page is not controlled by the service worker yet.";
    let source = "for _ in range(3):\n    try:\n        input()\n    except EOFError:\n        print('eof')\n";
    let (r, asked, _) = run_interactive(source, "", &[InputReply::Unavailable(why.into())]);
    assert_eq!(asked, 1, "once unavailable, later reads are end of file without asking");
    assert_eq!(r.stdout, "eof\neof\neof\n");
    assert_eq!(r.notices.matches(why).count(), 1, "{}", r.notices);
}

#[test]
fn checked_runs_never_ask_the_reader() {
    // Exercises and predictions set `interactive: false`: their input is fixed.
    let (reader, asked) = reader(&[line("should not be read")]);
    let program = Program { source: "input()\n".into(), stdin: String::new(), ..Default::default() };
    let (outcome, chunks) = with_runner(|r| r.run_collect_with_input(&program, Some(reader)));
    assert_eq!(asked.get(), 0);
    assert_eq!(outcome.ending, Ending::Failed { line: Some(1) });
    assert!(chunks.iter().any(|(s, t)| *s == Stream::Stderr && t.contains("EOFError")));
}

#[test]
fn waiting_for_the_reader_is_not_the_programs_time() {
    let slow_reader: InputSource = Box::new(|| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        InputReply::Line("late".into())
    });
    let program = Program {
        source: "import time\nt = time.process_time()\ninput()\nprint(time.process_time() - t < 0.15)\n".into(),
        interactive: true,
        ..Default::default()
    };
    let (_, chunks) = with_runner(|r| r.run_collect_with_input(&program, Some(slow_reader)));
    let stdout: String = chunks.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.as_str()).collect();
    assert_eq!(stdout, "True\n");
    let waited = dunder::runner::input::waited_ns();
    assert!(waited >= 300_000_000, "waited {waited} ns");
}
