//! Interactive `input()`: where a program's `sys.stdin` gets its next line once the text given
//! in advance (`Program::stdin`) has run out.
//!
//! The runner only knows a [`InputSource`]: a function that blocks until the reader answers.
//! The browser worker's source waits on shared memory or on a request its service worker holds
//! (see `src/bin/worker/input_channel.rs`); native tests pass a script of answers. Keeping the
//! Python side (`_dunder_boot._InteractiveStdin`) on this one interface means the native tests
//! exercise the very code a reader's `input()` runs.

use super::{clock, output};
use std::cell::{Cell, RefCell};

/// What the reader answered to one `input()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputReply {
    /// A line, without its newline.
    Line(String),
    /// Ctrl+D or "End input": `input()` raises EOFError, `sys.stdin.read()` returns.
    End,
    /// Nobody can answer here; the reason is shown once and the program sees end of file.
    Unavailable(String),
}

/// Blocks until the reader answers the program's next read from stdin.
pub type InputSource = Box<dyn FnMut() -> InputReply>;

thread_local! {
    static SOURCE: RefCell<Option<InputSource>> = const { RefCell::new(None) };
    /// Time the current run spent waiting for the reader: left out of its run time, its time
    /// limit and `time.process_time()`.
    static WAITED_NS: Cell<u64> = const { Cell::new(0) };
    /// The same over the interpreter's life, so `process_time()` never goes backwards.
    static TOTAL_WAITED_NS: Cell<u64> = const { Cell::new(0) };
    /// Set once `Unavailable` has been explained in this run.
    static EXPLAINED: Cell<bool> = const { Cell::new(false) };
}

/// Let `source` answer reads from stdin while `body` runs (none: stdin ends with the text given
/// in advance, as before interactive input existed).
pub(crate) fn with_source<R>(source: Option<InputSource>, body: impl FnOnce() -> R) -> R {
    SOURCE.with(|s| *s.borrow_mut() = source);
    WAITED_NS.with(|w| w.set(0));
    EXPLAINED.with(|e| e.set(false));
    let result = body();
    SOURCE.with(|s| s.borrow_mut().take());
    result
}

/// Whether reads can ask the reader (`_dunder_boot` then installs the interactive stdin).
pub(crate) fn is_interactive() -> bool {
    SOURCE.with(|s| s.borrow().is_some())
}

/// How long the last (or current) run waited for the reader, in nanoseconds.
pub fn waited_ns() -> u64 {
    WAITED_NS.with(Cell::get)
}

/// How long this interpreter has ever waited for the reader, in nanoseconds.
pub(crate) fn total_waited_ns() -> u64 {
    TOTAL_WAITED_NS.with(Cell::get)
}

/// The next line for `sys.stdin`, with its newline; "" at end of input (Python's readline contract).
/// The line is echoed to the output as `Stream::Input`, as a terminal would show what was typed.
pub(crate) fn read_line() -> String {
    // What the program printed (its prompt) must be on screen before it waits.
    output::flush();
    let started = clock::monotonic_ns();
    let reply = SOURCE.with(|s| s.borrow_mut().as_mut().map(|source| source()));
    let waited = clock::monotonic_ns().saturating_sub(started);
    WAITED_NS.with(|w| w.set(w.get() + waited));
    TOTAL_WAITED_NS.with(|w| w.set(w.get() + waited));
    match reply {
        Some(InputReply::Line(mut line)) => {
            line.push('\n');
            output::write(output::Stream::Input, line.as_bytes());
            line
        }
        Some(InputReply::End) | None => String::new(),
        Some(InputReply::Unavailable(why)) => {
            if !EXPLAINED.with(|e| e.replace(true)) {
                output::write(output::Stream::Notice, format!("[input() cannot ask you here: {why} It reads end of file.]\n").as_bytes());
            }
            String::new()
        }
    }
}
