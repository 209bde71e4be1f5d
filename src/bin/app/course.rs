//! The course, parsed from `lessons/*.md` at build time and embedded as JSON.

use dunder::lesson::{Course, Lesson};
use std::sync::OnceLock;

pub fn course() -> &'static Course {
    static COURSE: OnceLock<Course> = OnceLock::new();
    COURSE.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/course.json")))
            .expect("build.rs wrote a valid course")
    })
}

pub fn lesson(slug: &str) -> Option<(usize, &'static Lesson)> {
    course().lessons.iter().enumerate().find(|(_, l)| l.slug == slug)
}
