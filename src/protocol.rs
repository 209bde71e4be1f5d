//! Messages between the page and the Python worker (JSON over `postMessage`).

use crate::runner::{Program, RunOutcome, output::Stream};
use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ToWorker {
    Run { id: u32, program: Program },
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
}
