//! The course's questions as the practice room sees them, built once from the course.

use crate::course::course;
use dunder::lesson::Block;
use dunder::practice::catalogue::{self, Kind, Question};
use std::sync::OnceLock;

pub fn all() -> &'static [Question] {
    static QUESTIONS: OnceLock<Vec<Question>> = OnceLock::new();
    QUESTIONS.get_or_init(|| catalogue::questions(course()))
}

pub fn find(id: &str) -> Option<&'static Question> {
    all().iter().find(|q| q.id == id)
}

/// The question's content (text, options, code) in the course model.
pub fn block(id: &str) -> Option<&'static Block> {
    catalogue::block(course(), id)
}

/// The lesson section a question belongs to, for "read it again" links.
pub fn section_link(question: &Question) -> String {
    format!("{}#{}", crate::base::href(&format!("lesson/{}", question.lesson)), question.section)
}

pub fn kind_label(kind: &Kind) -> &'static str {
    kind.label()
}

/// The title of a lesson (topic) by its slug.
pub fn topic_title(slug: &str) -> String {
    course().lessons.iter().find(|l| l.slug == slug).map_or_else(|| slug.to_owned(), |l| l.title.clone())
}
