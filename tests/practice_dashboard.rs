//! The dashboard's numbers and its SVG charts: charts are well-formed, accessible, colour-free
//! (CSS decides), escape their labels, and their tables hold exactly the data.

use dunder::practice::catalogue::{Kind, Question};
use dunder::practice::charts::{Chart, bar_chart, escape, line_chart};
use dunder::practice::dashboard::{self, attempts_per_day, attempts_per_day_at, due_per_day, mastery, mock_scores};
use dunder::practice::history::{Attempt, Grade, Outcome, Progress, Source};
use dunder::practice::mock::{MockPlan, MockReport};

const DAY: i64 = 86_400_000;
/// 2025-12-02T15:00:00Z
const NOW: i64 = 1_764_687_600_000;

/// A minimal XML well-formedness check: tags nest and close, attributes are quoted, no raw
/// `<` or `&` in text. Returns the element names in document order.
fn elements(svg: &str) -> Vec<String> {
    let mut stack: Vec<String> = vec![];
    let mut names = vec![];
    let mut rest = svg;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        check_text(text);
        let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().expect("a tag name").to_owned();
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "bad tag name {name}");
            // Attributes: name="value" pairs, values without < or raw quotes.
            let mut attrs = tag[name.len()..].trim();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").unwrap_or_else(|| panic!("unquoted attribute in <{tag}>"));
                let attr_name = &attrs[..eq];
                assert!(attr_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'), "attribute {attr_name}");
                let end = attrs[eq + 2..].find('"').expect("closing quote") + eq + 2;
                check_text(&attrs[eq + 2..end]);
                attrs = attrs[end + 1..].trim_start();
            }
            names.push(name.clone());
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    assert!(rest.trim().is_empty());
    assert!(stack.is_empty(), "unclosed {stack:?}");
    names
}

fn check_text(text: &str) {
    assert!(!text.contains('<'), "raw < in {text:?}");
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        let after = &rest[amp..];
        assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| after.starts_with(e)), "raw & in {text:?}");
        rest = &rest[amp + 1..];
    }
}

fn check_accessible(chart: &Chart, title: &str) {
    let svg = &chart.svg;
    let names = elements(svg);
    assert_eq!(names[0], "svg");
    assert_eq!(&names[1..3], ["title", "desc"], "title and desc come first");
    assert!(svg.contains(r#"role="img""#) && svg.contains(r#"tabindex="0""#) && svg.contains("viewBox=\"0 0 "));
    assert!(svg.contains(&format!(">{}</title>", escape(title))));
    let id = svg.split("aria-labelledby=\"").nth(1).unwrap().split('"').next().unwrap();
    for part in id.split(' ') {
        assert!(svg.contains(&format!("id=\"{part}\"")), "aria-labelledby names {part}");
    }
    // Colours come from CSS: only currentColor, no hex, rgb() or named colours.
    for attr in ["fill=\"", "stroke=\""] {
        for value in svg.split(attr).skip(1).map(|v| v.split('"').next().unwrap()) {
            assert!(value == "currentColor" || value == "none", "{attr}{value}");
        }
    }
    assert!(!svg.replace("&#39;", "").contains('#') && !svg.contains("rgb(") && !svg.contains("style="), "no hard-coded colours");
    assert_eq!(chart.title, title);
}

#[test]
fn bar_charts_are_well_formed_and_their_tables_equal_the_data() {
    let labels: Vec<String> = ["Asyncio", "Descriptors & metaclasses", "<script>alert(1)</script>", "GC \"quoted\" 'x'"].map(String::from).to_vec();
    let values = [0.25, 1.0, 0.0, 0.6];
    let chart = bar_chart("Mastery per topic", "How well <each> topic is known", &labels, &values, Some(1.0));
    check_accessible(&chart, "Mastery per topic");
    assert!(!chart.svg.contains("<script") && chart.svg.contains("&lt;script&gt;"));
    assert!(chart.svg.contains("How well &lt;each&gt; topic"));
    assert_eq!(chart.svg.matches("class=\"chart-bar\"").count(), 4);
    assert_eq!(chart.table[0], ["Label", "Value"]);
    assert_eq!(chart.table.len(), 5);
    for (row, (l, v)) in chart.table[1..].iter().zip(labels.iter().zip(values)) {
        assert_eq!(row[0], *l, "the table has the full, unescaped label");
        assert_eq!(row[1].parse::<f64>().unwrap(), v);
    }
    let named = chart.with_columns("Topic", "Mastery");
    assert_eq!(named.table[0], ["Topic", "Mastery"]);

    // Short labels: vertical bars; odd values are cleaned, not drawn as NaN.
    let days: Vec<String> = (1..=14).map(|d| format!("12-{d:02}")).collect();
    let counts: Vec<f64> = (0..14).map(|d| [3.0, f64::NAN, -2.0, f64::INFINITY][d % 4]).collect();
    let chart = bar_chart("Due in the next 14 days", "Questions due per day", &days, &counts, None);
    check_accessible(&chart, "Due in the next 14 days");
    assert!(chart.svg.contains("chart-bar\"") && chart.svg.contains("class=\"chart chart-bar\""));
    assert!(!chart.svg.contains("NaN") && !chart.svg.contains("inf"));
    assert_eq!(chart.table.len(), 15);
    assert_eq!(chart.table[2][1], "0");
    assert_eq!(chart.svg.matches("class=\"chart-bar\"").count(), 14);

    let empty = bar_chart("Nothing", "no data", &[], &[], None);
    check_accessible(&empty, "Nothing");
    assert!(empty.svg.contains("No data yet"));
    assert_eq!(empty.table.len(), 1);
}

#[test]
fn line_charts_are_well_formed_and_their_tables_equal_the_data() {
    let points: Vec<(String, f64)> = vec![("11-20".into(), 40.0), ("11-27 <b>".into(), 55.5), ("12-02".into(), 80.0)];
    let chart = line_chart("Mock scores", "Score of each mock interview, in %", &points, Some(100.0));
    check_accessible(&chart, "Mock scores");
    assert!(chart.svg.contains("<polyline") && chart.svg.matches("<circle").count() == 3);
    assert!(chart.svg.contains("11-27 &lt;b&gt;"));
    assert_eq!(chart.table[1..].iter().map(|r| (r[0].clone(), r[1].clone())).collect::<Vec<_>>(), [
        ("11-20".to_owned(), "40".to_owned()),
        ("11-27 <b>".to_owned(), "55.5".to_owned()),
        ("12-02".to_owned(), "80".to_owned())
    ]);
    let one = line_chart("One", "d", &points[..1], None);
    check_accessible(&one, "One");
    assert!(!one.svg.contains("<polyline"), "one point: no line");
    let none = line_chart("None", "d", &[], None);
    check_accessible(&none, "None");
    assert!(none.svg.contains("No data yet"));
    // Two charts on one page keep their ids apart.
    assert_ne!(chart.svg.split("id=\"").nth(1), one.svg.split("id=\"").nth(1));
}

fn q(id: &str, kind: Kind, lesson: &str) -> Question {
    Question { id: id.into(), kind, lesson: lesson.into(), lesson_title: lesson.to_uppercase(), section: "s".into(), section_title: "S".into() }
}

#[test]
fn dashboard_numbers_follow_the_history() {
    let questions = vec![
        q("a/quiz-1", Kind::Choice, "a"),
        q("a/quiz-2", Kind::Choice, "a"),
        q("a/card-1", Kind::Card, "a"),
        q("b/quiz-1", Kind::Choice, "b"),
        q("c/quiz-1", Kind::Choice, "c"),
    ];
    let mut p = Progress::new();
    let at = |days_ago: i64| NOW - days_ago * DAY;
    p.record("a/quiz-1", Attempt::new(Kind::Choice, Outcome::Right, Some("1"), 20_000, at(3), Source::Lesson));
    p.record("a/quiz-1", Attempt::new(Kind::Choice, Outcome::Right, Some("1"), 20_000, at(3) + 60_000, Source::Lesson));
    p.record("a/card-1", Attempt::new(Kind::Card, Outcome::SelfGraded(Grade::Again), None, 20_000, at(0) - 3_600_000, Source::Review));
    p.record("b/quiz-1", Attempt::new(Kind::Choice, Outcome::Wrong, Some("0"), 20_000, at(1), Source::Review));
    p.record("c/quiz-1", Attempt::migrated(Kind::Choice, true));

    let m = mastery(&p, &questions, NOW);
    assert_eq!(m.iter().map(|t| (t.topic.as_str(), t.seen, t.total)).collect::<Vec<_>>(), [("a", 2, 3), ("b", 1, 1), ("c", 1, 1)]);
    assert_eq!(m[0].title, "A");
    assert!(m.iter().all(|t| (0.0..=1.0).contains(&t.mastery)));
    assert!(m[0].mastery > m[1].mastery, "two recent rights beat one miss");
    assert_eq!(m[1].mastery, 0.0, "a miss yesterday is not mastery");
    assert_eq!(m[2].mastery, 0.5, "migrated right: an even chance");
    assert_eq!(dashboard::question_mastery(&p, "a/quiz-2", NOW), 0.0);

    let due = due_per_day(&p, &questions, NOW, 14);
    assert_eq!(due.len(), 14);
    // Today: the card (Again → 1 min), b/quiz-1 (missed yesterday) and the migrated c/quiz-1.
    assert_eq!(due[0], 3);
    assert_eq!(due.iter().sum::<u32>(), 4, "a/quiz-1 falls due within two weeks too");
    let per_day = attempts_per_day(&p, NOW, 7);
    assert_eq!(per_day, [0, 0, 0, 2, 0, 1, 1], "migrated attempts have no day");
    // 3 h west of UTC, "one hour before now" is still today, 15:00 UTC is 12:00 local.
    assert_eq!(attempts_per_day_at(&p, NOW, 7, -180), [0, 0, 0, 2, 0, 1, 1]);
    // 9 h east, NOW is 00:00 on 12-03 local: the card an hour earlier was yesterday, like b/quiz-1.
    assert_eq!(attempts_per_day_at(&p, NOW, 7, 540), [0, 0, 0, 2, 0, 2, 0]);
    assert_eq!(dashboard::day_label(dashboard::day_of(NOW, 0)), "12-02");
    assert_eq!(dashboard::accuracy(&p), Some(3.0 / 5.0));

    let report = |finished: i64, score: f64| MockReport {
        plan: MockPlan { minutes: 20, topics: vec![], seed: 1 },
        started: finished - 1_000,
        finished,
        items: vec![],
        score,
    };
    p.mocks = vec![report(at(1), 0.8), report(at(5), 0.4)];
    assert_eq!(mock_scores(&p), [(at(5), 0.4), (at(1), 0.8)]);
}
