//! The object model made visible: facts the worker reads from the real VM after a program ran
//! (classes, MROs, attribute lookups, class creation, exceptions), and the C3 merge recomputed
//! step by step so the page can show *why* an MRO is what it is.
//!
//! Pure logic and data shapes only; the Python half lives in `runner/python/_dunder_inspect.py`.

pub mod c3;
pub mod report;

pub use report::{InspectReport, InspectRequest};
pub mod text;
pub mod layout;
pub mod draw;
pub mod growth;
pub mod tasks;
pub mod task_chart;
