//! Lessons: the model the app renders and the parser that builds it from `lessons/*.md`.

pub mod exercise;
pub mod model;
pub mod parse;
pub mod prerender;

pub use model::*;
pub use parse::{ParseError, parse_course, parse_lesson, read_lesson_files};
