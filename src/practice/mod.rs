//! The practice room: attempt history, spaced repetition (FSRS), mock interviews, the readiness
//! dashboard and class sets. Pure logic, no browser APIs and no clock reads: every time is passed
//! in as milliseconds since the Unix epoch, so everything here is tested natively. The UI
//! (`src/bin/app/`) only stores, shows and forwards; `notes/practice-api.md` is the contract.

pub mod catalogue;
pub mod charts;
pub mod class;
pub mod dashboard;
pub mod history;
pub mod mock;
pub mod saved;
pub mod schedule;

mod code32;
mod rng;

/// One day in milliseconds.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;
