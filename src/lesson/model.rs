//! The course as the app sees it: lessons, sections and their blocks. Built at compile time
//! from `lessons/*.md` by `build.rs` (with `parse.rs`) and embedded as JSON.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub lessons: Vec<Lesson>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    pub title: String,
    pub slug: String,
    pub order: u32,
    pub summary: String,
    /// The lesson's file, for messages (`lessons/01-x.md`).
    pub file: String,
    /// Blocks before the first section.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Prose, already rendered to HTML.
    Html { html: String },
    /// A fenced block in another language (toml, text, bash…), shown as is.
    Code { language: String, code: String },
    Runnable(Runnable),
    Display(Display),
    Choice(Choice),
    Predict(Predict),
    Exercise(Exercise),
    Card(Card),
}

/// What a snippet must print.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expected {
    /// Both engines print this.
    Same { text: String },
    /// The engines differ (an implementation detail); the lesson shows both.
    PerEngine { cpython: String, rustpython: String },
}

impl Expected {
    pub fn for_rustpython(&self) -> &str {
        match self {
            Expected::Same { text } => text,
            Expected::PerEngine { rustpython, .. } => rustpython,
        }
    }

    pub fn for_cpython(&self) -> &str {
        match self {
            Expected::Same { text } => text,
            Expected::PerEngine { cpython, .. } => cpython,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Runnable {
    /// Stable id within the course: `<slug>/<n>` (used for saved edits).
    pub id: String,
    pub code: String,
    pub expected: Expected,
    /// Runs in the namespace left by the lesson's previous runnable snippet.
    pub continues: bool,
    pub stdin: String,
    /// Where the block starts in its file (1-based), for messages.
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Display {
    pub code: String,
    /// Why it cannot run here; shown to the reader.
    pub reason: String,
    /// Output recorded from real CPython, if the lesson gives it.
    pub recorded: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub question_html: String,
    pub options: Vec<ChoiceOption>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub html: String,
    pub correct: bool,
    pub explanation_html: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Predict {
    pub id: String,
    pub code: String,
    pub expected: Expected,
    pub explanation_html: String,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub starter: String,
    pub solution: String,
    pub checks: String,
    /// Obvious wrong answers (`python wrong` blocks): the tests prove each fails a check.
    #[serde(default)]
    pub wrong: Vec<String>,
    pub line: u32,
}

/// An explain-it card: a question the reader answers aloud, then compares with the model answer
/// and grades themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    pub question_html: String,
    pub answer_html: String,
    /// The runnable snippet right after the card, which demonstrates it (its `Runnable::id`).
    #[serde(default)]
    pub demo: Option<String>,
    pub line: u32,
}

impl Lesson {
    /// Every block of the lesson in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.intro.iter().chain(self.sections.iter().flat_map(|s| s.blocks.iter()))
    }
}

/// The marker that, in an expected output, matches any text within one line.
pub const ANY: &str = "<<any>>";

/// Does `actual` output match `expected`, where each `<<any>>` stands for any text on its line?
pub fn output_matches(expected: &str, actual: &str) -> bool {
    let expected_lines: Vec<&str> = expected.split('\n').collect();
    let actual_lines: Vec<&str> = actual.split('\n').collect();
    expected_lines.len() == actual_lines.len()
        && expected_lines.iter().zip(&actual_lines).all(|(e, a)| line_matches(e, a))
}

fn line_matches(expected: &str, actual: &str) -> bool {
    if !expected.contains(ANY) {
        return expected == actual;
    }
    let parts: Vec<&str> = expected.split(ANY).collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() || !actual.ends_with(last) {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::output_matches;

    #[test]
    fn any_matches_within_a_line_only() {
        assert!(output_matches("<A at <<any>>>\n", "<A at 0x7f>\n"));
        assert!(output_matches("took <<any>> s\n", "took  s\n"));
        assert!(!output_matches("took <<any>> s\n", "took 1\nmore s\n"));
        assert!(!output_matches("a\n", "b\n"));
        assert!(output_matches("x <<any>> y <<any>> z", "x 1 y 2 z"));
        assert!(!output_matches("x <<any>> y <<any>> z", "x 1 2 z"));
    }
}
