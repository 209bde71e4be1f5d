//! Timed mock interviews: a mixed set drawn for a length and topics, weighted towards what the
//! reader is weak at or has due, then a report per topic with what to review next.

use super::catalogue::{Kind, Question, find};
use super::history::{Outcome, Progress};
use super::rng::Rng;
use super::schedule::{self, grade};
use super::history::Grade;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockPlan {
    pub minutes: u32,
    /// Lesson slugs; empty = all.
    pub topics: Vec<String>,
    pub seed: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockAnswer {
    pub outcome: Outcome,
    #[serde(default)]
    pub answer: Option<String>,
    pub ms: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockSession {
    pub plan: MockPlan,
    pub questions: Vec<String>,
    pub started: i64,
    /// One per question, None until answered.
    pub answers: Vec<Option<MockAnswer>>,
}

impl MockSession {
    pub fn new(plan: MockPlan, questions: Vec<String>, started: i64) -> Self {
        let answers = vec![None; questions.len()];
        MockSession { plan, questions, started, answers }
    }

    /// When time is up (ms).
    pub fn deadline(&self) -> i64 {
        self.started + i64::from(self.plan.minutes) * 60_000
    }

    /// Milliseconds left, 0 once time is up.
    pub fn remaining_ms(&self, now: i64) -> i64 {
        (self.deadline() - now).max(0)
    }

    pub fn answer(&mut self, index: usize, answer: MockAnswer) {
        if let Some(slot) = self.answers.get_mut(index) {
            *slot = Some(answer);
        }
    }

    /// The first question not answered yet.
    pub fn next_unanswered(&self) -> Option<usize> {
        self.answers.iter().position(Option::is_none)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockItem {
    pub question: String,
    pub topic: String,
    /// None = not answered before the end.
    pub outcome: Option<Outcome>,
    pub ms: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockReport {
    pub plan: MockPlan,
    pub started: i64,
    pub finished: i64,
    pub items: Vec<MockItem>,
    /// Right answers over questions asked, 0..1 (unanswered count as missed).
    pub score: f64,
}

/// Minutes a question of this kind takes in a mock, reading included.
pub fn estimate_minutes(kind: Kind) -> f64 {
    match kind {
        Kind::Exercise => 6.0,
        Kind::Card => 2.0,
        Kind::Predict => 1.5,
        Kind::Choice => 1.0,
    }
}

/// How much a question deserves a place: more when it is weak (low recall, recent misses) or
/// due; a never-tried question sits in between.
fn weight(progress: &Progress, question: &Question, now: i64) -> f64 {
    let attempts = progress.attempts(&question.id);
    let Some(memory) = schedule::memory_of(progress, &question.id) else { return 2.0 };
    let recall = schedule::retrievability(&memory, now);
    let recent = &attempts[attempts.len().saturating_sub(3)..];
    let misses = recent.iter().filter(|a| grade(a) == Grade::Again).count() as f64;
    let due = if memory.due <= now { 2.0 } else { 0.0 };
    0.5 + 3.0 * (1.0 - recall) + 1.5 * misses + due
}

/// The question ids of a mock interview: deterministic for a seed; one of each kind the topics
/// have first (cheapest first when the minutes are too few for all four), then more questions,
/// drawn by weight, while the minutes last; at least one question whenever the topics have any.
pub fn draw(plan: &MockPlan, progress: &Progress, questions: &[Question], now: i64) -> Vec<String> {
    let pool: Vec<&Question> =
        questions.iter().filter(|q| plan.topics.is_empty() || plan.topics.iter().any(|t| *t == q.lesson)).collect();
    let mut rng = Rng::new(plan.seed);
    // Weighted random order (Efraimidis–Spirakis: key = u^(1/w), largest first).
    let mut ranked: Vec<(f64, &Question)> = pool
        .iter()
        .map(|q| {
            let w = weight(progress, q, now).max(1e-6);
            (rng.unit().powf(1.0 / w), *q)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut budget = f64::from(plan.minutes);
    let mut chosen: Vec<&Question> = vec![];
    let mut kinds: Vec<Kind> = Kind::ALL.into_iter().filter(|k| pool.iter().any(|q| q.kind == *k)).collect();
    kinds.sort_by(|a, b| estimate_minutes(*a).total_cmp(&estimate_minutes(*b)));
    for kind in kinds {
        let cost = estimate_minutes(kind);
        if cost > budget && !chosen.is_empty() {
            continue;
        }
        if let Some((_, q)) = ranked.iter().find(|(_, q)| q.kind == kind) {
            chosen.push(q);
            budget -= cost;
        }
    }
    for (_, q) in &ranked {
        let cost = estimate_minutes(q.kind);
        if cost <= budget && !chosen.iter().any(|c| c.id == q.id) {
            chosen.push(q);
            budget -= cost;
        }
    }
    // Interleave: the order drawn, not grouped by kind.
    let mut order: Vec<(u64, &Question)> = chosen.into_iter().map(|q| (rng.next_u64(), q)).collect();
    order.sort_by_key(|(k, _)| *k);
    order.into_iter().map(|(_, q)| q.id.clone()).collect()
}

/// Start a mock: draw its questions and open the session.
pub fn start(plan: MockPlan, progress: &Progress, questions: &[Question], now: i64) -> MockSession {
    let drawn = draw(&plan, progress, questions, now);
    MockSession::new(plan, drawn, now)
}

/// The report of a session ended at `now`.
pub fn finish(session: &MockSession, questions: &[Question], now: i64) -> MockReport {
    let items: Vec<MockItem> = session
        .questions
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let answer = session.answers.get(i).cloned().flatten();
            MockItem {
                question: id.clone(),
                topic: find(questions, id).map(|q| q.lesson.clone()).unwrap_or_else(|| topic_of_id(id)),
                outcome: answer.as_ref().map(|a| a.outcome),
                ms: answer.map_or(0, |a| a.ms),
            }
        })
        .collect();
    let right = items.iter().filter(|i| i.outcome.is_some_and(Outcome::is_right)).count();
    let score = if items.is_empty() { 0.0 } else { right as f64 / items.len() as f64 };
    MockReport { plan: session.plan.clone(), started: session.started, finished: now.max(session.started), items, score }
}

fn topic_of_id(id: &str) -> String {
    id.split_once('/').map_or(id, |(slug, _)| slug).to_owned()
}

/// `(topic, right, asked)` per topic, in the order topics first appear.
pub fn per_topic(report: &MockReport) -> Vec<(String, u32, u32)> {
    let mut out: Vec<(String, u32, u32)> = vec![];
    for item in &report.items {
        let right = u32::from(item.outcome.is_some_and(Outcome::is_right));
        match out.iter_mut().find(|(t, _, _)| *t == item.topic) {
            Some(row) => {
                row.1 += right;
                row.2 += 1;
            }
            None => out.push((item.topic.clone(), right, 1)),
        }
    }
    out
}

/// The misses' `(topic, section)`, each once, in the report's order: what to review next.
pub fn review_next(report: &MockReport, questions: &[Question]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![];
    for item in report.items.iter().filter(|i| !i.outcome.is_some_and(Outcome::is_right)) {
        let pair = match find(questions, &item.question) {
            Some(q) => (q.lesson.clone(), q.section.clone()),
            None => (item.topic.clone(), String::new()),
        };
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}
