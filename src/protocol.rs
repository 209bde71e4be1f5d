//! Messages between the page and the Python worker (JSON over `postMessage`).

use crate::inspect::{InspectReport, InspectRequest};
use crate::runner::{Program, RunOutcome, output::Stream};
use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ToWorker {
    Run { id: u32, program: Program },
    /// Run the program afresh with the object-model observer on and report what it built
    /// (only sent when the reader opens Inspect, so ordinary runs stay as fast as ever). It
    /// always starts from a clean `__main__`: for chained lesson snippets send the whole chain
    /// as one program. The next `Run` with `keep_globals` still sees the last ordinary run's globals.
    Inspect { id: u32, program: Program, request: InspectRequest },
    /// How the page will answer interactive `input()` (sent once, before any run). With
    /// `SharedMemory` the message is a JS array `[json, SharedArrayBuffer]` (see `input_memory`).
    InputChannel { channel: InputChannel },
}

/// How the worker, blocked in `input()`, gets the reader's line while the page stays free.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputChannel {
    /// The page is cross-origin isolated: the line arrives in shared memory (`Atomics.wait`).
    SharedMemory,
    /// Anywhere else: the worker makes a synchronous request under `INPUT_ROUTE` that Dunder's
    /// service worker holds until the page posts the line to it (the `sync-message` approach).
    ServiceWorker,
}

/// The URL path (relative to the site's root) the service worker answers input requests on:
/// `probe` (is anyone there?) and `wait/<key>`. Its answer's `x-dunder-input` header says
/// `ready`, `line` (the body is the line), `end`; a 204 means "nothing yet, ask again".
pub const INPUT_ROUTE: &str = "__dunder_input__/";

/// The layout of the shared input memory: an `Int32` state and an `Int32` byte length, then the
/// line's UTF-8 bytes.
pub mod input_memory {
    pub const STATE_INDEX: u32 = 0;
    pub const LENGTH_INDEX: u32 = 1;
    pub const DATA_OFFSET: u32 = 8;
    /// A longer line is cut at a character boundary (typed input is never near this).
    pub const CAPACITY: u32 = 64 * 1024;
    pub const WAITING: i32 = 0;
    pub const LINE: i32 = 1;
    pub const END: i32 = 2;
}

/// Worker → page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FromWorker {
    /// The interpreter is up; `startup_ms` is how long that took.
    Ready { startup_ms: f64 },
    /// The interpreter could not start (a bug, reported rather than hidden).
    Broken { message: String },
    Output { id: u32, stream: Stream, text: String },
    Done { id: u32, outcome: RunOutcome, elapsed_ms: f64 },
    /// The answer to `Inspect` (the program's own output is not sent: it was shown by its run).
    Inspected { id: u32, report: InspectReport, elapsed_ms: f64 },
    /// The inspector itself failed (a bug, reported rather than hidden); the page stays usable.
    InspectFailed { id: u32, message: String },
    /// Run `id` is blocked in `input()` until the page answers: in shared memory, or (with
    /// `key`) by posting `{ type: "dunder-input", key, line, end }` to the service worker.
    InputWanted { id: u32, key: Option<String> },
}
