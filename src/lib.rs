//! Dunder's library: the Python runner shared by the browser worker and the native tests.
//! (The lesson model and parser live here too, so `cargo test` sees exactly what the app shows.)

pub mod embed;
pub mod inspect;
pub mod lesson;
pub mod practice;
pub mod protocol;
pub mod runner;
pub mod share;
