//! The readiness dashboard's numbers: mastery per topic, what falls due over the coming days,
//! attempts per day and mock scores over time. Days are calendar days at a UTC offset the
//! caller gives (the `_at` variants; the plain ones use UTC).

use super::DAY_MS;
use super::catalogue::Question;
use super::history::Progress;
use super::schedule::{memory_of, retrievability};

#[derive(Clone, Debug, PartialEq)]
pub struct TopicMastery {
    pub topic: String,
    pub title: String,
    /// 0..1: the mean over the topic's questions (never tried = 0).
    pub mastery: f64,
    /// Questions tried at least once.
    pub seen: usize,
    pub total: usize,
}

/// How well one question is known now: FSRS's chance of recall times the share of its last
/// three attempts that were right (a miss an hour ago is not mastery, however fresh). Never
/// tried → 0; tried only before v2 (time unknown) → recall counts as an even chance.
pub fn question_mastery(progress: &Progress, question: &str, now: i64) -> f64 {
    let Some(memory) = memory_of(progress, question) else { return 0.0 };
    let attempts = progress.attempts(question);
    let recent = &attempts[attempts.len().saturating_sub(3)..];
    let results = if recent.is_empty() {
        0.0
    } else {
        recent.iter().filter(|a| a.outcome.is_right()).count() as f64 / recent.len() as f64
    };
    let recall = if memory.last.is_some() { retrievability(&memory, now) } else { 0.5 };
    (recall * results).clamp(0.0, 1.0)
}

/// Mastery per topic, in course order (topics without questions are left out).
pub fn mastery(progress: &Progress, questions: &[Question], now: i64) -> Vec<TopicMastery> {
    let mut out: Vec<TopicMastery> = vec![];
    for q in questions {
        let score = question_mastery(progress, &q.id, now);
        let seen = usize::from(progress.attempt_count(&q.id) > 0);
        match out.iter_mut().find(|t| t.topic == q.lesson) {
            Some(t) => {
                t.mastery += score;
                t.seen += seen;
                t.total += 1;
            }
            None => out.push(TopicMastery { topic: q.lesson.clone(), title: q.lesson_title.clone(), mastery: score, seen, total: 1 }),
        }
    }
    for t in &mut out {
        t.mastery /= t.total as f64;
    }
    out
}

/// The day number of a time at a UTC offset (minutes east of UTC).
pub fn day_of(ms: i64, utc_offset_minutes: i32) -> i64 {
    (ms + i64::from(utc_offset_minutes) * 60_000).div_euclid(DAY_MS)
}

/// Questions falling due per day for `days` days from today; [0] = today, overdue included.
pub fn due_per_day_at(progress: &Progress, questions: &[Question], now: i64, days: u32, utc_offset_minutes: i32) -> Vec<u32> {
    let mut out = vec![0; days as usize];
    let today = day_of(now, utc_offset_minutes);
    for q in questions {
        if let Some(m) = memory_of(progress, &q.id) {
            let day = (day_of(m.due, utc_offset_minutes) - today).max(0);
            if let Some(slot) = out.get_mut(day as usize) {
                *slot += 1;
            }
        }
    }
    out
}

pub fn due_per_day(progress: &Progress, questions: &[Question], now: i64, days: u32) -> Vec<u32> {
    due_per_day_at(progress, questions, now, days, 0)
}

/// Attempts per day over the last `days` days, oldest first (the last is today). Migrated
/// attempts have no day and are not counted.
pub fn attempts_per_day_at(progress: &Progress, now: i64, days: u32, utc_offset_minutes: i32) -> Vec<u32> {
    let mut out = vec![0; days as usize];
    let today = day_of(now, utc_offset_minutes);
    for at in progress.attempts.values().flatten().filter_map(|a| a.at) {
        let back = today - day_of(at, utc_offset_minutes);
        if (0..i64::from(days)).contains(&back) {
            out[(i64::from(days) - 1 - back) as usize] += 1;
        }
    }
    out
}

pub fn attempts_per_day(progress: &Progress, now: i64, days: u32) -> Vec<u32> {
    attempts_per_day_at(progress, now, days, 0)
}

/// `(finished, score)` of each finished mock, oldest first.
pub fn mock_scores(progress: &Progress) -> Vec<(i64, f64)> {
    let mut out: Vec<(i64, f64)> = progress.mocks.iter().map(|m| (m.finished, m.score)).collect();
    out.sort_by_key(|(at, _)| *at);
    out
}

/// Right answers over attempts, all time (pruned attempts included), for a headline figure.
pub fn accuracy(progress: &Progress) -> Option<f64> {
    let total = progress.total_attempts();
    let right = progress.attempts.values().flatten().filter(|a| a.outcome.is_right()).count()
        + progress.pruned.values().map(|p| p.right as usize).sum::<usize>();
    (total > 0).then(|| right as f64 / total as f64)
}

/// A short date label for a day number (`12-02`), for chart axes.
pub fn day_label(day: i64) -> String {
    let date = chrono::DateTime::from_timestamp(day * 86_400, 0).unwrap_or_default();
    date.format("%m-%d").to_string()
}

