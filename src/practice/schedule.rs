//! Spaced repetition with FSRS, from the `rs-fsrs` crate (default parameters, short-term steps
//! on, no fuzz, so a history always replays to the same schedule). Nothing here is stored as
//! truth: a question's memory is replayed from its attempts, so it can always be rebuilt.

use super::catalogue::{Kind, Question};
use super::history::{Attempt, Grade, Outcome, Progress};
use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Rating, State};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The scheduler, made once: `Parameters::default()` seeds its (unused, fuzz is off) random
/// generator from the clock, and that is the only clock read it does; the seed is replaced by
/// one derived from the review time on every review anyway.
fn fsrs() -> &'static FSRS {
    static FSRS_: OnceLock<FSRS> = OnceLock::new();
    FSRS_.get_or_init(FSRS::default)
}

/// Where a question is in FSRS's cycle (mirrors `rs_fsrs::State`, which is not serde here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    New,
    Learning,
    Review,
    Relearning,
}

/// A question's memory state after its attempts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// When it is next due (ms); 0 when the last attempt's time is unknown (migrated): due now.
    pub due: i64,
    pub stability: f64,
    pub difficulty: f64,
    pub reps: u32,
    pub lapses: u32,
    /// The last review's time, None when unknown (migrated from v1).
    pub last: Option<i64>,
    pub phase: Phase,
    /// FSRS's bookkeeping, kept so replay can continue from a stored memory exactly.
    pub elapsed_days: i64,
    pub scheduled_days: i64,
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn to_card(m: &Memory) -> Card {
    Card {
        due: time(m.due),
        stability: m.stability,
        difficulty: m.difficulty,
        elapsed_days: m.elapsed_days,
        scheduled_days: m.scheduled_days,
        reps: m.reps as i32,
        lapses: m.lapses as i32,
        state: match m.phase {
            Phase::New => State::New,
            Phase::Learning => State::Learning,
            Phase::Review => State::Review,
            Phase::Relearning => State::Relearning,
        },
        last_review: time(m.last.unwrap_or(0)),
    }
}

fn from_card(card: &Card, last: Option<i64>) -> Memory {
    Memory {
        due: if last.is_some() { card.due.timestamp_millis() } else { 0 },
        stability: card.stability,
        difficulty: card.difficulty,
        reps: card.reps.max(0) as u32,
        lapses: card.lapses.max(0) as u32,
        last,
        phase: match card.state {
            State::New => Phase::New,
            State::Learning => Phase::Learning,
            State::Review => Phase::Review,
            State::Relearning => Phase::Relearning,
        },
        elapsed_days: card.elapsed_days,
        scheduled_days: card.scheduled_days,
    }
}

/// About how long a right answer takes; much quicker is Easy, much slower is Hard.
pub fn typical_ms(kind: Kind) -> u32 {
    match kind {
        Kind::Choice => 30_000,
        Kind::Predict => 60_000,
        Kind::Exercise => 6 * 60_000,
        Kind::Card => 2 * 60_000,
    }
}

/// The FSRS grade of an attempt: wrong → Again; right → Good, or for choice and predict
/// questions Easy when answered in a third of the typical time and Hard at three times it
/// (unknown time → Good); a card's self-grade as given.
pub fn grade(attempt: &Attempt) -> Grade {
    match attempt.outcome {
        Outcome::Wrong => Grade::Again,
        Outcome::SelfGraded(g) => g,
        Outcome::Right => match attempt.kind {
            Kind::Choice | Kind::Predict if attempt.ms > 0 => {
                let typical = typical_ms(attempt.kind);
                if attempt.ms <= typical / 3 {
                    Grade::Easy
                } else if attempt.ms >= typical * 3 {
                    Grade::Hard
                } else {
                    Grade::Good
                }
            }
            _ => Grade::Good,
        },
    }
}

fn rating(grade: Grade) -> Rating {
    match grade {
        Grade::Again => Rating::Again,
        Grade::Hard => Rating::Hard,
        Grade::Good => Rating::Good,
        Grade::Easy => Rating::Easy,
    }
}

/// The memory after one more attempt. A migrated attempt (time unknown) is reviewed at the
/// previous known time (or the epoch) and leaves the question due now; a time earlier than the
/// last review (a changed clock) counts as the same moment.
pub fn step(memory: Option<&Memory>, attempt: &Attempt) -> Memory {
    let card = memory.map(to_card).unwrap_or_default();
    let previous = memory.and_then(|m| m.last);
    let at = match (attempt.at, previous) {
        (Some(at), Some(prev)) => Some(at.max(prev)),
        (at, _) => at,
    };
    let when = at.or(previous).unwrap_or(0);
    let next = fsrs().next(card, time(when), rating(grade(attempt)));
    from_card(&next.card, at)
}

/// A question's memory replayed from its attempts; None if never tried.
pub fn memory(attempts: &[Attempt]) -> Option<Memory> {
    replay(None, attempts)
}

fn replay(start: Option<Memory>, attempts: &[Attempt]) -> Option<Memory> {
    attempts.iter().fold(start, |m, a| Some(step(m.as_ref(), a)))
}

/// A question's memory in a progress: replayed from what pruned attempts left and the kept ones.
pub fn memory_of(progress: &Progress, question: &str) -> Option<Memory> {
    let start = progress.pruned.get(question).map(|p| p.memory.clone());
    replay(start, progress.attempts(question))
}

/// The chance of recalling it now, 0..1, as FSRS computes it (whole days since the last
/// review); 0 when the last review's time is unknown.
pub fn retrievability(memory: &Memory, now: i64) -> f64 {
    if memory.last.is_none() {
        return 0.0;
    }
    let r = to_card(memory).get_retrievability(time(now));
    if r.is_finite() { r.clamp(0.0, 1.0) } else { 0.0 }
}

/// The ids due by `now`, most overdue first (ties in reading order). Only questions tried at
/// least once can be due.
pub fn due(progress: &Progress, questions: &[Question], now: i64) -> Vec<String> {
    let mut due: Vec<(i64, &str)> = questions
        .iter()
        .filter_map(|q| memory_of(progress, &q.id).filter(|m| m.due <= now).map(|m| (m.due, q.id.as_str())))
        .collect();
    due.sort_by_key(|(at, _)| *at);
    due.into_iter().map(|(_, id)| id.to_owned()).collect()
}

pub fn due_count(progress: &Progress, questions: &[Question], now: i64) -> usize {
    due(progress, questions, now).len()
}

/// When the next question falls due after `now` (None: nothing tried yet).
pub fn next_due(progress: &Progress, questions: &[Question], now: i64) -> Option<i64> {
    questions.iter().filter_map(|q| memory_of(progress, &q.id)).map(|m| m.due).filter(|&d| d > now).min()
}

/// Never-tried questions, in reading order.
pub fn new_questions<'a>(progress: &'a Progress, questions: &'a [Question]) -> impl Iterator<Item = &'a Question> {
    questions.iter().filter(|q| progress.attempt_count(&q.id) == 0)
}

/// A review session: what is due, then up to `new_limit` new questions in reading order.
pub fn review_queue(progress: &Progress, questions: &[Question], now: i64, new_limit: usize) -> Vec<String> {
    let mut queue = due(progress, questions, now);
    queue.extend(new_questions(progress, questions).take(new_limit).map(|q| q.id.clone()));
    queue
}
