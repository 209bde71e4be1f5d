//! Scheduling: the expected due dates come from rs-fsrs 1.2.1's own tests
//! (`src/tests.rs`, `test_basic_scheduler_interval` and `test_get_retrievability`, default
//! parameters, start 2022-11-29 12:30 UTC, each review at the previous due time); the
//! short-term steps (10 min after a first Good, 5 min after Again) are the crate's
//! `scheduler_basic.rs`. Rebuilding a memory from history equals the one built attempt by attempt.

use chrono::{DateTime, Duration, Utc};
use dunder::practice::catalogue::{Kind, Question};
use dunder::practice::history::{Attempt, Grade, MAX_ATTEMPTS_PER_QUESTION, Outcome, Progress, Source};
use dunder::practice::saved;
use dunder::practice::schedule::{self, Memory, Phase, grade, memory, memory_of, retrievability, step};

const DAY: i64 = 86_400_000;

fn start() -> i64 {
    DateTime::parse_from_rfc3339("2022-11-29T12:30:00Z").unwrap().timestamp_millis()
}

fn iso(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// rs-fsrs's TEST_RATINGS.
const RATINGS: [Grade; 13] = {
    use Grade::*;
    [Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good]
};
/// rs-fsrs's expected `scheduled_days` for them.
const EXPECTED_DAYS: [i64; 13] = [0, 4, 15, 48, 136, 351, 0, 0, 7, 13, 24, 43, 77];

/// Replays a script of outcomes, each attempt at the previous due time, and returns every
/// memory along the way.
fn script(kind: Kind, outcome: impl Fn(Grade) -> (Outcome, u32)) -> Vec<Memory> {
    let mut attempts = vec![];
    let mut memories = vec![];
    let mut at = start();
    for g in RATINGS {
        let (o, ms) = outcome(g);
        attempts.push(Attempt::new(kind, o, None, ms, at, Source::Review));
        let m = memory(&attempts).unwrap();
        at = m.due;
        memories.push(m);
    }
    memories
}

fn check_against_the_crate(memories: &[Memory]) {
    let days: Vec<i64> = memories.iter().map(|m| m.scheduled_days).collect();
    assert_eq!(days, EXPECTED_DAYS);
    // The due dates those intervals give, from the start time.
    let mut at = start();
    let mut expected = vec![];
    for (i, d) in EXPECTED_DAYS.iter().enumerate() {
        let short = if RATINGS[i] == Grade::Again { Duration::minutes(5) } else { Duration::minutes(10) };
        at += if *d == 0 { short.num_milliseconds() } else { d * DAY };
        expected.push(at);
    }
    let due: Vec<i64> = memories.iter().map(|m| m.due).collect();
    assert_eq!(due.iter().map(|d| iso(*d)).collect::<Vec<_>>(), expected.iter().map(|d| iso(*d)).collect::<Vec<_>>());
    assert_eq!(iso(memories[1].due), "2022-12-03T12:40:00Z");
    assert_eq!(iso(memories[5].due), "2024-06-05T12:40:00Z");
    assert_eq!(iso(memories[12].due), "2024-11-16T12:50:00Z");
    assert_eq!(memories[12].lapses, 1);
    assert_eq!(memories[12].reps, 13);
    assert_eq!(memories[12].phase, Phase::Review);
    assert_eq!(memories[6].phase, Phase::Relearning);
}

#[test]
fn self_graded_cards_follow_the_crates_expected_intervals() {
    check_against_the_crate(&script(Kind::Card, |g| (Outcome::SelfGraded(g), 60_000)));
}

#[test]
fn right_and_wrong_answers_map_to_the_same_schedule() {
    // A predict question answered right in typical time is Good; wrong is Again.
    let memories = script(Kind::Predict, |g| match g {
        Grade::Good => (Outcome::Right, 45_000),
        Grade::Again => (Outcome::Wrong, 45_000),
        _ => unreachable!(),
    });
    check_against_the_crate(&memories);
}

#[test]
fn retrievability_matches_the_crate() {
    // rs-fsrs: after a first review with each rating, retrievability at the due time is
    // [1.0, 1.0, 1.0, 0.9026208].
    let expected = [1.0, 1.0, 1.0, 0.9026208];
    for (g, want) in [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy].into_iter().zip(expected) {
        let m = memory(&[Attempt::new(Kind::Card, Outcome::SelfGraded(g), None, 1, start(), Source::Review)]).unwrap();
        let r = retrievability(&m, m.due);
        assert_eq!((r * 1e7).round() / 1e7, want, "{g:?}");
    }
    let m = memory(&[Attempt::new(Kind::Card, Outcome::SelfGraded(Grade::Easy), None, 1, start(), Source::Review)]).unwrap();
    assert!(retrievability(&m, m.due + 30 * DAY) < retrievability(&m, m.due), "recall fades");
    assert_eq!(retrievability(&m, start() - DAY), 1.0, "a time before the review is clamped");
}

#[test]
fn grades_come_from_outcome_and_time() {
    let a = |kind, outcome, ms| Attempt::new(kind, outcome, None, ms, 0, Source::Lesson);
    assert_eq!(grade(&a(Kind::Choice, Outcome::Wrong, 5_000)), Grade::Again);
    assert_eq!(grade(&a(Kind::Choice, Outcome::Right, 5_000)), Grade::Easy);
    assert_eq!(grade(&a(Kind::Choice, Outcome::Right, 30_000)), Grade::Good);
    assert_eq!(grade(&a(Kind::Choice, Outcome::Right, 120_000)), Grade::Hard);
    assert_eq!(grade(&a(Kind::Choice, Outcome::Right, 0)), Grade::Good, "unknown time");
    assert_eq!(grade(&a(Kind::Predict, Outcome::Right, 15_000)), Grade::Easy);
    assert_eq!(grade(&a(Kind::Predict, Outcome::Right, 200_000)), Grade::Hard);
    assert_eq!(grade(&a(Kind::Exercise, Outcome::Right, 1_000)), Grade::Good, "exercises: right is Good");
    assert_eq!(grade(&a(Kind::Card, Outcome::SelfGraded(Grade::Hard), 1)), Grade::Hard);
}

fn mixed_history() -> Vec<Attempt> {
    // Irregular times (minutes to weeks apart, one clock jump backwards), every outcome kind.
    let mut at = start();
    (0..45)
        .map(|i: i64| {
            at += [7 * 60_000, 3 * DAY, DAY / 2, 11 * DAY, -DAY, 40 * DAY][(i % 6) as usize];
            let outcome = match i % 5 {
                0 => Outcome::Wrong,
                1 => Outcome::SelfGraded(Grade::Hard),
                2 => Outcome::SelfGraded(Grade::Easy),
                _ => Outcome::Right,
            };
            Attempt::new(Kind::Choice, outcome, Some("1"), 3_000 + (i as u32 * 7_919) % 100_000, at, Source::Review)
        })
        .collect()
}

#[test]
fn rebuilding_from_history_equals_the_incremental_state() {
    let history = mixed_history();
    let mut progress = Progress::new();
    let mut incremental: Option<Memory> = None;
    for a in &history {
        progress.record("asyncio/quiz-1", a.clone());
        incremental = Some(step(incremental.as_ref(), a));
        // At every point, replaying the (pruned) history gives the same memory.
        assert_eq!(memory_of(&progress, "asyncio/quiz-1"), incremental);
    }
    assert_eq!(progress.attempts("asyncio/quiz-1").len(), MAX_ATTEMPTS_PER_QUESTION);
    assert_eq!(memory(&history), incremental, "a full history replays to the same memory");
    // …and after a save and a load.
    let reloaded = saved::load(Some(&saved::to_storage(&progress))).progress;
    assert_eq!(memory_of(&reloaded, "asyncio/quiz-1"), incremental);
    let m = incremental.unwrap();
    assert!(m.due > m.last.unwrap() && m.stability > 0.0 && (1.0..=10.0).contains(&m.difficulty));
}

fn q(id: &str, kind: Kind) -> Question {
    let lesson = id.split('/').next().unwrap().to_owned();
    Question { id: id.into(), kind, lesson: lesson.clone(), lesson_title: lesson, section: "s".into(), section_title: "S".into() }
}

#[test]
fn migrated_attempts_are_due_now_and_due_lists_are_ordered() {
    let questions = vec![
        q("a/quiz-1", Kind::Choice),
        q("a/quiz-2", Kind::Choice),
        q("a/predict-1", Kind::Predict),
        q("a/card-1", Kind::Card),
        q("a/exercise-1", Kind::Exercise),
    ];
    let now = start() + 100 * DAY;
    let mut p = Progress::new();
    p.record("a/quiz-2", Attempt::migrated(Kind::Choice, true));
    let migrated = memory_of(&p, "a/quiz-2").unwrap();
    assert_eq!((migrated.due, migrated.last), (0, None));
    assert_eq!(retrievability(&migrated, now), 0.0);
    // Overdue by 90 days and by 1 day; one not due yet.
    p.record("a/card-1", Attempt::new(Kind::Card, Outcome::SelfGraded(Grade::Again), None, 1, start(), Source::Review));
    let card_due = memory_of(&p, "a/card-1").unwrap().due;
    p.record("a/predict-1", Attempt::new(Kind::Predict, Outcome::Wrong, None, 1, now - DAY, Source::Review));
    p.record("a/exercise-1", Attempt::new(Kind::Exercise, Outcome::Right, None, 1, now - 60_000, Source::Lesson));
    p.record("a/exercise-1", Attempt::new(Kind::Exercise, Outcome::Right, None, 1, now, Source::Lesson));
    assert!(card_due < now - DAY);
    assert_eq!(schedule::due(&p, &questions, now), ["a/quiz-2", "a/card-1", "a/predict-1"]);
    assert_eq!(schedule::due_count(&p, &questions, now), 3);
    assert_eq!(schedule::review_queue(&p, &questions, now, 5), ["a/quiz-2", "a/card-1", "a/predict-1", "a/quiz-1"]);
    assert_eq!(schedule::review_queue(&p, &questions, now, 0).len(), 3);
    let next = schedule::next_due(&p, &questions, now).unwrap();
    assert_eq!(next, memory_of(&p, "a/exercise-1").unwrap().due);
    assert!(next > now + DAY, "two right answers: days, not minutes");

    // Reviewing the migrated question now gives it a real schedule.
    p.record("a/quiz-2", Attempt::new(Kind::Choice, Outcome::Right, Some("1"), 20_000, now, Source::Review));
    let m = memory_of(&p, "a/quiz-2").unwrap();
    assert_eq!(m.last, Some(now));
    assert!(m.due > now);
    assert!(!schedule::due(&p, &questions, now).contains(&"a/quiz-2".to_owned()));
}
