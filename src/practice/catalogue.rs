//! Which questions the course has: every choice, predict-the-output, exercise and explain-it
//! card, in reading order, with where it lives (lesson = topic, section for links). The content
//! itself stays in the course model; this is the index the practice room works over.

use crate::lesson::{Block, Course};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Choice,
    Predict,
    Exercise,
    Card,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Choice, Kind::Predict, Kind::Exercise, Kind::Card];

    /// The kind a question id names (`<slug>/quiz-3` → Choice): ids are made by the lesson
    /// parser as `<slug>/<name>-<n>`, which is all v1 saved state has to go on.
    pub fn from_id(id: &str) -> Option<Kind> {
        let (_, last) = id.rsplit_once('/')?;
        let (name, n) = last.rsplit_once('-')?;
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match name {
            "quiz" => Some(Kind::Choice),
            "predict" => Some(Kind::Predict),
            "exercise" => Some(Kind::Exercise),
            "card" => Some(Kind::Card),
            _ => None,
        }
    }

    /// A reader-facing name.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Choice => "Multiple choice",
            Kind::Predict => "Predict the output",
            Kind::Exercise => "Coding exercise",
            Kind::Card => "Explain-it card",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// The block's id: `asyncio/quiz-3`, `asyncio/card-2`, …
    pub id: String,
    pub kind: Kind,
    /// Lesson slug = the topic.
    pub lesson: String,
    pub lesson_title: String,
    /// Section id, for the link `lesson/<slug>/#<section>`; empty for a lesson's intro.
    pub section: String,
    pub section_title: String,
}

fn question_of(block: &Block) -> Option<(&str, Kind)> {
    match block {
        Block::Choice(c) => Some((&c.id, Kind::Choice)),
        Block::Predict(p) => Some((&p.id, Kind::Predict)),
        Block::Exercise(e) => Some((&e.id, Kind::Exercise)),
        Block::Card(c) => Some((&c.id, Kind::Card)),
        _ => None,
    }
}

/// Every question of the course, in reading order.
pub fn questions(course: &Course) -> Vec<Question> {
    let mut out = vec![];
    for lesson in &course.lessons {
        let mut push = |block: &Block, section: &str, section_title: &str| {
            if let Some((id, kind)) = question_of(block) {
                out.push(Question {
                    id: id.to_owned(),
                    kind,
                    lesson: lesson.slug.clone(),
                    lesson_title: lesson.title.clone(),
                    section: section.to_owned(),
                    section_title: section_title.to_owned(),
                });
            }
        };
        for block in &lesson.intro {
            push(block, "", &lesson.title);
        }
        for section in &lesson.sections {
            for block in &section.blocks {
                push(block, &section.id, &section.title);
            }
        }
    }
    out
}

/// The topics (lessons) in course order: `(slug, title)`.
pub fn topics(course: &Course) -> Vec<(String, String)> {
    course.lessons.iter().map(|l| (l.slug.clone(), l.title.clone())).collect()
}

/// The block a question id names, for its content (HTML, code, options).
pub fn block<'a>(course: &'a Course, id: &str) -> Option<&'a Block> {
    course.lessons.iter().flat_map(|l| l.blocks()).find(|b| question_of(b).is_some_and(|(bid, _)| bid == id))
}

/// The question with this id, from a catalogue.
pub fn find<'a>(questions: &'a [Question], id: &str) -> Option<&'a Question> {
    questions.iter().find(|q| q.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_parser_ids() {
        assert_eq!(Kind::from_id("asyncio/quiz-3"), Some(Kind::Choice));
        assert_eq!(Kind::from_id("asyncio/predict-12"), Some(Kind::Predict));
        assert_eq!(Kind::from_id("oop-interview-drill/exercise-1"), Some(Kind::Exercise));
        assert_eq!(Kind::from_id("a/card-2"), Some(Kind::Card));
        assert_eq!(Kind::from_id("a/run-2"), None);
        assert_eq!(Kind::from_id("quiz-2"), None);
        assert_eq!(Kind::from_id("a/quiz-"), None);
        assert_eq!(Kind::from_id("a/quiz-x"), None);
    }
}
