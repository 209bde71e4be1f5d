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
}
