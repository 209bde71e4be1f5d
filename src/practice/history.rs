//! Every attempt at every question, oldest first, bounded per question. Together with the
//! edited code this is the whole of what a reader's browser remembers (`Progress`, saved as
//! version 2 by `saved`). Scheduling state is never stored as truth: it is replayed from here.

use super::catalogue::Kind;
use super::mock::{MockReport, MockSession};
use super::schedule::{self, Memory};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const VERSION: u32 = 2;
/// Attempts kept per question; older ones are folded into `Progress::pruned` (their effect on
/// the schedule and the counts stay, the details go).
pub const MAX_ATTEMPTS_PER_QUESTION: usize = 30;
/// Answer texts (code can be kilobytes) are kept for this many most recent attempts per
/// question; older attempts keep outcome and time but lose the text. Keeps storage small.
pub const MAX_ANSWERS_PER_QUESTION: usize = 3;
/// Longest answer kept, in bytes (cut at a character boundary).
pub const MAX_ANSWER_BYTES: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Right,
    Wrong,
    /// Cards: the reader compares with the model answer and grades themselves.
    SelfGraded(Grade),
}

impl Outcome {
    /// Counts as a success: right, or a self-grade of Good or Easy.
    pub fn is_right(self) -> bool {
        match self {
            Outcome::Right => true,
            Outcome::Wrong => false,
            Outcome::SelfGraded(g) => g >= Grade::Good,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    #[default]
    Lesson,
    Review,
    Mock,
    Class,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub kind: Kind,
    pub outcome: Outcome,
    /// Choice index / typed prediction / code, capped at `MAX_ANSWER_BYTES`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Time taken in milliseconds; 0 when unknown (migrated).
    #[serde(default, skip_serializing_if = "is_default")]
    pub ms: u32,
    /// When, in ms since the epoch; None = migrated from v1 (timestamp unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<i64>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub source: Source,
}

impl Attempt {
    /// An attempt made now, its answer capped.
    pub fn new(kind: Kind, outcome: Outcome, answer: Option<&str>, ms: u32, at: i64, source: Source) -> Self {
        Attempt { kind, outcome, answer: answer.map(cap_answer), ms, at: Some(at), source }
    }

    /// What a v1 `answers[id] = right` becomes.
    pub fn migrated(kind: Kind, right: bool) -> Self {
        let outcome = if right { Outcome::Right } else { Outcome::Wrong };
        Attempt { kind, outcome, answer: None, ms: 0, at: None, source: Source::Lesson }
    }
}

/// `text` cut to at most `MAX_ANSWER_BYTES`, never inside a character.
pub fn cap_answer(text: &str) -> String {
    if text.len() <= MAX_ANSWER_BYTES {
        return text.to_owned();
    }
    let mut end = MAX_ANSWER_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// What pruned attempts of one question leave behind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pruned {
    /// The schedule after the pruned attempts; replay continues from here.
    pub memory: Memory,
    pub attempts: u32,
    pub right: u32,
}

/// What localStorage `dunder.progress` holds (version 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// Edited snippet code by snippet id, as in v1.
    #[serde(default)]
    pub code: BTreeMap<String, String>,
    /// Question id → attempts, oldest first.
    #[serde(default)]
    pub attempts: BTreeMap<String, Vec<Attempt>>,
    /// Question id → what its pruned (oldest) attempts left behind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pruned: BTreeMap<String, Pruned>,
    /// Finished mock interviews, oldest first.
    #[serde(default)]
    pub mocks: Vec<MockReport>,
    /// A mock interview under way (it survives reloads).
    #[serde(default)]
    pub mock_in_progress: Option<MockSession>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

/// Finished mock reports kept (oldest dropped): plenty for a score chart.
pub const MAX_MOCKS: usize = 100;

impl Progress {
    pub fn new() -> Self {
        Progress {
            version: VERSION,
            code: BTreeMap::new(),
            attempts: BTreeMap::new(),
            pruned: BTreeMap::new(),
            mocks: vec![],
            mock_in_progress: None,
        }
    }

    /// Append an attempt; beyond the caps the oldest attempts are folded into `pruned` and old
    /// answer texts are dropped.
    pub fn record(&mut self, question: &str, mut attempt: Attempt) {
        if let Some(answer) = &attempt.answer
            && answer.len() > MAX_ANSWER_BYTES
        {
            attempt.answer = Some(cap_answer(answer));
        }
        let list = self.attempts.entry(question.to_owned()).or_default();
        list.push(attempt);
        let len = list.len();
        if len > MAX_ANSWERS_PER_QUESTION {
            for old in &mut list[..len - MAX_ANSWERS_PER_QUESTION] {
                old.answer = None;
            }
        }
        if len > MAX_ATTEMPTS_PER_QUESTION {
            let gone: Vec<Attempt> = list.drain(..len - MAX_ATTEMPTS_PER_QUESTION).collect();
            let previous = self.pruned.remove(question);
            let mut memory = previous.as_ref().map(|p| p.memory.clone());
            for attempt in &gone {
                memory = Some(schedule::step(memory.as_ref(), attempt));
            }
            let (attempts, right) = previous.map_or((0, 0), |p| (p.attempts, p.right));
            self.pruned.insert(
                question.to_owned(),
                Pruned {
                    memory: memory.expect("at least one attempt was pruned"),
                    attempts: attempts + gone.len() as u32,
                    right: right + gone.iter().filter(|a| a.outcome.is_right()).count() as u32,
                },
            );
        }
    }

    /// Ever answered right (or self-graded Good or Easy), pruned attempts included.
    pub fn solved(&self, question: &str) -> bool {
        self.pruned.get(question).is_some_and(|p| p.right > 0) || self.attempts(question).iter().any(|a| a.outcome.is_right())
    }

    /// The kept attempts, oldest first.
    pub fn attempts(&self, question: &str) -> &[Attempt] {
        self.attempts.get(question).map_or(&[], |v| v.as_slice())
    }

    /// How many attempts were ever made at a question, pruned ones included.
    pub fn attempt_count(&self, question: &str) -> usize {
        self.attempts(question).len() + self.pruned.get(question).map_or(0, |p| p.attempts as usize)
    }

    /// Attempts over all questions, pruned ones included.
    pub fn total_attempts(&self) -> usize {
        self.attempts.values().map(Vec::len).sum::<usize>() + self.pruned.values().map(|p| p.attempts as usize).sum::<usize>()
    }

    /// The questions attempted at least once.
    pub fn attempted(&self) -> impl Iterator<Item = &str> {
        self.attempts.keys().chain(self.pruned.keys().filter(|k| !self.attempts.contains_key(*k))).map(String::as_str)
    }

    /// Keep a finished mock interview and clear the one under way.
    pub fn finish_mock(&mut self, report: MockReport) {
        self.mocks.push(report);
        if self.mocks.len() > MAX_MOCKS {
            let extra = self.mocks.len() - MAX_MOCKS;
            self.mocks.drain(..extra);
        }
        self.mock_in_progress = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn right(at: i64) -> Attempt {
        Attempt::new(Kind::Choice, Outcome::Right, Some("1"), 5_000, at, Source::Lesson)
    }

    #[test]
    fn answers_are_capped_at_a_char_boundary() {
        let long = "é".repeat(3000); // 6000 bytes
        let capped = cap_answer(&long);
        assert!(capped.len() <= MAX_ANSWER_BYTES && capped.len() >= MAX_ANSWER_BYTES - 1);
        assert!(long.starts_with(&capped));
        let attempt = Attempt::new(Kind::Exercise, Outcome::Wrong, Some(&long), 1, 1, Source::Lesson);
        assert_eq!(attempt.answer.as_deref(), Some(capped.as_str()));
    }

    #[test]
    fn caps_prune_the_oldest_and_keep_counts() {
        let mut p = Progress::new();
        p.record("a/quiz-1", Attempt::new(Kind::Choice, Outcome::Wrong, Some("0"), 1, 0, Source::Lesson));
        for i in 1..40 {
            p.record("a/quiz-1", right(i * 1000));
        }
        let kept = p.attempts("a/quiz-1");
        assert_eq!(kept.len(), MAX_ATTEMPTS_PER_QUESTION);
        assert_eq!(kept[0].at, Some(10_000), "the oldest went first");
        assert_eq!(p.attempt_count("a/quiz-1"), 40);
        assert_eq!(p.total_attempts(), 40);
        assert_eq!(p.pruned["a/quiz-1"].attempts, 10);
        assert_eq!(p.pruned["a/quiz-1"].right, 9);
        assert_eq!(kept.iter().filter(|a| a.answer.is_some()).count(), MAX_ANSWERS_PER_QUESTION);
        assert!(kept.last().unwrap().answer.is_some(), "the newest answers stay");
        assert!(p.solved("a/quiz-1"));
        assert!(!p.solved("a/quiz-2"));
        assert_eq!(p.attempted().collect::<Vec<_>>(), ["a/quiz-1"]);
    }

    #[test]
    fn self_grades_count_as_solved_from_good() {
        let mut p = Progress::new();
        p.record("a/card-1", Attempt::new(Kind::Card, Outcome::SelfGraded(Grade::Hard), None, 1, 1, Source::Review));
        assert!(!p.solved("a/card-1"));
        p.record("a/card-1", Attempt::new(Kind::Card, Outcome::SelfGraded(Grade::Good), None, 1, 2, Source::Review));
        assert!(p.solved("a/card-1"));
    }
}
