//! Mock interviews: the draw is deterministic per seed, stays in the chosen topics, has every
//! kind, prefers weak and due questions, is sized by the minutes; reports add up.

use dunder::lesson::{parse_course, read_lesson_files};
use dunder::practice::catalogue::{self, Kind, Question};
use dunder::practice::history::{Attempt, Grade, Outcome, Progress, Source};
use dunder::practice::mock::{self, MockAnswer, MockPlan, draw, estimate_minutes};
use std::collections::BTreeSet;
use std::path::Path;

const NOW: i64 = 1_764_633_600_000;
const DAY: i64 = 86_400_000;

/// Three topics, each with 8 choice, 4 predict, 2 exercise and 4 card questions.
fn catalogue() -> Vec<Question> {
    let mut out = vec![];
    for topic in ["asyncio", "descriptors", "gc"] {
        for (kind, name, n) in [(Kind::Choice, "quiz", 8), (Kind::Predict, "predict", 4), (Kind::Exercise, "exercise", 2), (Kind::Card, "card", 4)] {
            for i in 1..=n {
                out.push(Question {
                    id: format!("{topic}/{name}-{i}"),
                    kind,
                    lesson: topic.into(),
                    lesson_title: topic.to_uppercase(),
                    section: format!("section-{}", (i + 1) / 2),
                    section_title: String::new(),
                });
            }
        }
    }
    out
}

fn plan(minutes: u32, topics: &[&str], seed: u64) -> MockPlan {
    MockPlan { minutes, topics: topics.iter().map(|t| t.to_string()).collect(), seed }
}

fn kinds(ids: &[String], questions: &[Question]) -> BTreeSet<Kind> {
    ids.iter().map(|id| catalogue::find(questions, id).unwrap().kind).collect()
}

fn minutes_of(ids: &[String], questions: &[Question]) -> f64 {
    ids.iter().map(|id| estimate_minutes(catalogue::find(questions, id).unwrap().kind)).sum()
}

#[test]
fn the_draw_is_deterministic_per_seed() {
    let questions = catalogue();
    let p = Progress::new();
    let a = draw(&plan(20, &[], 42), &p, &questions, NOW);
    assert_eq!(a, draw(&plan(20, &[], 42), &p, &questions, NOW));
    let others: Vec<Vec<String>> = (0..10).map(|s| draw(&plan(20, &[], s), &p, &questions, NOW)).collect();
    assert!(others.iter().any(|o| *o != a), "different seeds draw different sets");
    let unique: BTreeSet<&String> = a.iter().collect();
    assert_eq!(unique.len(), a.len(), "no question twice");
}

#[test]
fn the_draw_respects_topics_includes_each_kind_and_fits_the_minutes() {
    let questions = catalogue();
    let p = Progress::new();
    for seed in 0..50 {
        for (minutes, topics) in [(20, vec!["asyncio"]), (45, vec!["asyncio", "gc"]), (30, vec![])] {
            let ids = draw(&plan(minutes, &topics, seed), &p, &questions, NOW);
            for id in &ids {
                let q = catalogue::find(&questions, id).unwrap();
                assert!(topics.is_empty() || topics.contains(&q.lesson.as_str()), "{id} outside {topics:?}");
            }
            assert_eq!(kinds(&ids, &questions).len(), 4, "seed {seed}: {ids:?}");
            let used = minutes_of(&ids, &questions);
            assert!(used <= f64::from(minutes), "{used} > {minutes}");
            // Filled: no question left out would still have fitted.
            let left = f64::from(minutes) - used;
            let unused = questions.iter().filter(|q| (topics.is_empty() || topics.contains(&q.lesson.as_str())) && !ids.contains(&q.id));
            for q in unused {
                assert!(estimate_minutes(q.kind) > left, "{} ({:?}) fits in the {left} min left", q.id, q.kind);
            }
        }
    }
    let short = draw(&plan(20, &[], 1), &p, &questions, NOW);
    let long = draw(&plan(45, &[], 1), &p, &questions, NOW);
    assert!(long.len() > short.len());
    // Too few minutes for all four kinds: the cheapest kinds first, always at least one question.
    let five = draw(&plan(5, &["gc"], 3), &p, &questions, NOW);
    assert_eq!(kinds(&five, &questions), BTreeSet::from([Kind::Choice, Kind::Predict, Kind::Card]));
    assert_eq!(five.len(), 3);
    assert_eq!(draw(&plan(0, &["gc"], 3), &p, &questions, NOW).len(), 1);
    assert!(draw(&plan(20, &["no-such-topic"], 3), &p, &questions, NOW).is_empty());
}

#[test]
fn the_draw_prefers_weak_and_due_questions() {
    let questions = catalogue();
    let mut p = Progress::new();
    // asyncio's choice questions 1-4: missed again and again, due. 5-8: right every time, not due.
    for i in 1..=8 {
        let id = format!("asyncio/quiz-{i}");
        for k in 0..4 {
            let at = NOW - 40 * DAY + k * 9 * DAY;
            let outcome = if i <= 4 { Outcome::Wrong } else { Outcome::Right };
            p.record(&id, Attempt::new(Kind::Choice, outcome, Some("0"), 20_000, at, Source::Review));
        }
    }
    // 6 minutes leave room for two of the eight choice questions per mock: which two shows the preference.
    let (mut weak, mut strong) = (0, 0);
    for seed in 0..300 {
        for id in draw(&plan(6, &["asyncio"], seed), &p, &questions, NOW) {
            match id.strip_prefix("asyncio/quiz-").and_then(|n| n.parse::<u32>().ok()) {
                Some(n) if n <= 4 => weak += 1,
                Some(_) => strong += 1,
                None => {}
            }
        }
    }
    println!("weak choice questions drawn {weak} times, strong ones {strong} times");
    assert!(weak > 2 * strong, "weak {weak} vs strong {strong}");
}

#[test]
fn a_finished_mock_reports_per_topic_and_what_to_review() {
    let questions = catalogue();
    let ids: Vec<String> = ["asyncio/quiz-1", "gc/card-2", "asyncio/exercise-1", "gc/predict-3"].map(String::from).to_vec();
    let mut session = mock::MockSession::new(plan(20, &[], 9), ids, NOW);
    assert_eq!(session.deadline(), NOW + 20 * 60_000);
    assert_eq!(session.remaining_ms(NOW + 60_000), 19 * 60_000);
    assert_eq!(session.remaining_ms(NOW + 60 * 60_000), 0);
    session.answer(0, MockAnswer { outcome: Outcome::Right, answer: Some("2".into()), ms: 40_000 });
    session.answer(1, MockAnswer { outcome: Outcome::SelfGraded(Grade::Hard), answer: None, ms: 90_000 });
    session.answer(3, MockAnswer { outcome: Outcome::SelfGraded(Grade::Good), answer: None, ms: 30_000 });
    session.answer(9, MockAnswer { outcome: Outcome::Right, answer: None, ms: 1 }); // out of range: ignored
    assert_eq!(session.next_unanswered(), Some(2));
    let report = mock::finish(&session, &questions, NOW + 15 * 60_000);
    assert_eq!(report.score, 0.5, "2 right of 4 asked, the unanswered one counts as missed");
    assert_eq!(report.items[2].outcome, None);
    assert_eq!(report.items[1].ms, 90_000);
    assert_eq!(mock::per_topic(&report), [("asyncio".to_owned(), 1, 2), ("gc".to_owned(), 1, 2)]);
    assert_eq!(
        mock::review_next(&report, &questions),
        [("gc".to_owned(), "section-1".to_owned()), ("asyncio".to_owned(), "section-1".to_owned())]
    );
    let mut p = Progress::new();
    p.mock_in_progress = Some(session);
    p.finish_mock(report.clone());
    assert_eq!(p.mocks, [report]);
    assert!(p.mock_in_progress.is_none());
}

#[test]
fn the_real_course_draws_a_mixed_set() {
    let course = parse_course(&read_lesson_files(Path::new("lessons")).unwrap()).unwrap();
    let questions = catalogue::questions(&course);
    let p = Progress::new();
    let ids = draw(&plan(45, &[], 2026), &p, &questions, NOW);
    let got = kinds(&ids, &questions);
    for kind in [Kind::Choice, Kind::Predict, Kind::Exercise] {
        assert!(got.contains(&kind), "{kind:?} missing from {ids:?}");
    }
    let has_cards = questions.iter().any(|q| q.kind == Kind::Card);
    assert_eq!(got.contains(&Kind::Card), has_cards);
    let session = mock::start(plan(20, &["asyncio"], 5), &p, &questions, NOW);
    assert!(!session.questions.is_empty() && session.questions.iter().all(|id| id.starts_with("asyncio/")));
    assert_eq!(session.answers.len(), session.questions.len());
}
