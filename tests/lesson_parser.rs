//! The lesson dialect: what parses, and that every rejection names `file:line` and a reason.

use dunder::lesson::{Block, Expected, parse_lesson};

const FRONT: &str = "---\ntitle: T\nslug: t\norder: 1\nsummary: S\n---\n";

fn lesson(body: &str) -> String {
    format!("{FRONT}{body}")
}

const QUIZ_AND_EXERCISE: &str = "## Practice\n\n```python exercise\ndef f():\n    ...\n```\n\n```python solution\ndef f():\n    return 1\n```\n\n```python checks\ndef check_one():\n    assert f() == 1\n```\n\n## Quiz\n\n```quiz\nPick one.\n* Yes\n  = Right.\n- No\n  = Wrong.\n```\n";

fn error_of(body: &str) -> String {
    parse_lesson("lessons/t.md", &lesson(body)).expect_err("should be rejected").to_string()
}

#[test]
fn a_complete_lesson_parses() {
    let text = lesson(&format!(
        "Intro text.\n\n## First steps {{#first}}\n\nSome *prose*.\n\n```python run\nprint(1)\n```\n\n```output\n1\n```\n\n```python run continue stdin=\"a\\nb\"\nprint(input())\n```\n\n```output cpython\na\n```\n\n```output rustpython\na\n```\n\n```python display reason=\"needs a C compiler\"\ncdef int x\n```\n\n```toml\n[project]\n```\n\n{QUIZ_AND_EXERCISE}"
    ));
    let parsed = parse_lesson("lessons/t.md", &text).unwrap();
    assert_eq!(parsed.title, "T");
    assert_eq!(parsed.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["first", "practice", "quiz"]);
    let blocks = &parsed.sections[0].blocks;
    let Block::Runnable(first) = &blocks[1] else { panic!("{blocks:?}") };
    assert_eq!((first.id.as_str(), first.code.as_str(), first.line), ("t/run-1", "print(1)\n", 13));
    assert_eq!(first.expected, Expected::Same { text: "1\n".into() });
    let Block::Runnable(second) = &blocks[2] else { panic!() };
    assert!(second.continues);
    assert_eq!(second.stdin, "a\nb");
    assert!(matches!(&second.expected, Expected::PerEngine { .. }));
    assert!(matches!(&blocks[3], Block::Display(d) if d.reason == "needs a C compiler"));
    assert!(matches!(&blocks[4], Block::Code { language, .. } if language == "toml"));
    let Block::Choice(choice) = &parsed.sections[2].blocks[0] else { panic!() };
    assert_eq!(choice.options.iter().filter(|o| o.correct).count(), 1);
    assert!(choice.options[1].explanation_html.contains("Wrong."));
}

#[test]
fn rejections_name_the_line_and_the_reason() {
    let cases = [
        ("## A\n\n```python run\nprint(1)\n```\n\nText before output.\n", "lessons/t.md:13: expected the snippet's `output` block"),
        ("## A\n\n```python\nprint(1)\n```\n", "lessons/t.md:9: a python block must say what it is"),
        ("## A\n\n```output\n1\n```\n", "lessons/t.md:9: an output block must follow"),
        ("## A\n\n```python display\nx\n```\n", "lessons/t.md:9: a display-only block needs reason="),
        ("## A\n\n```quiz\nQ?\n* a\n  = yes\n* b\n  = no\n```\n", "lessons/t.md:9: a multiple-choice question needs exactly one correct choice"),
        ("## A\n\n```quiz\nQ?\n* a\n  = yes\n- b\n```\n", "lessons/t.md:13: every choice needs an explanation"),
        ("## A\n\n```python predict\nprint(1)\n```\n\n```output\n1\n```\n", "lessons/t.md:9: a `python predict` block needs an `explain` block"),
        ("## A\n\n```python exercise\nx\n```\n\n```python checks\n```\n", "lessons/t.md:13: a `python checks` block must follow a `python solution` block"),
        ("## A\n\n```python run bogus\nx\n```\n", "lessons/t.md:9: unknown option `bogus`"),
        ("# Title\n", "lessons/t.md:7: use `##` for sections"),
        ("## A\n\ntext\n", "lessons/t.md:1: the last section must be `## Quiz`"),
        ("## A\n\n```card\nWhy?\n```\n", "lessons/t.md:9: a card is its question, a line `---`, then the model answer"),
        ("## A\n\n```card\nWhy?\n---\nOne.\n---\nTwo.\n```\n", "lessons/t.md:9: a card is its question"),
        ("## A\n\n```card\n \n---\nBecause.\n```\n", "lessons/t.md:9: the card has no question"),
        ("## A\n\n```card\nWhy?\n---\n\n```\n", "lessons/t.md:9: the card has no model answer"),
        ("## A\n\n```python wrong\nx = 1\n```\n", "lessons/t.md:9: a `python wrong` block must follow an exercise's `python checks` block"),
    ];
    for (body, expected) in cases {
        let message = error_of(body);
        assert!(message.starts_with(expected), "for body:\n{body}\ngot: {message}\nwanted: {expected}");
    }
}

#[test]
fn front_matter_problems_are_reported() {
    let err = parse_lesson("lessons/x.md", "no front matter").unwrap_err().to_string();
    assert_eq!(err, "lessons/x.md:1: a lesson must start with front matter: a `---` line, `key: value` lines, `---`");
    let err = parse_lesson("lessons/x.md", "---\ntitle: T\nslug: Bad Slug\n---\n").unwrap_err().to_string();
    assert_eq!(err, "lessons/x.md:3: slug may only use a-z, 0-9 and -");
    let err = parse_lesson("lessons/x.md", "---\ntitle: T\n---\n").unwrap_err().to_string();
    assert_eq!(err, "lessons/x.md:1: front matter is missing `slug`");
}

#[test]
fn cards_and_wrong_solutions_parse() {
    let body = "## Ideas\n\n```card\nWhy does `is` differ from `==`?\n---\nIdentity, not *equality*.\n```\n\n```python run\nprint(1)\n```\n\n```output\n1\n```\n\n```card\nA second card?\n---\nWith no demo.\n```\n\n## Practice\n\n```python exercise\ndef f():\n    ...\n```\n\n```python solution\ndef f():\n    return 1\n```\n\n```python checks\ndef check_one():\n    assert f() == 1\n```\n\n```python wrong\ndef f():\n    return 2\n```\n\n```python wrong\ndef f():\n    return None\n```\n\n## Quiz\n\n```quiz\nPick one.\n* Yes\n  = Right.\n- No\n  = Wrong.\n```\n";
    let parsed = parse_lesson("lessons/t.md", &lesson(body)).unwrap();
    let blocks = &parsed.sections[0].blocks;
    let Block::Card(first) = &blocks[0] else { panic!("{blocks:?}") };
    assert_eq!(first.id, "t/card-1");
    assert!(first.question_html.contains("<code>is</code>"), "{}", first.question_html);
    assert!(first.answer_html.contains("<em>equality</em>"), "{}", first.answer_html);
    assert_eq!(first.demo.as_deref(), Some("t/run-1"), "a snippet right after a card is its demo");
    assert_eq!(first.line, 9);
    let Block::Card(second) = &blocks[2] else { panic!("{blocks:?}") };
    assert_eq!((second.id.as_str(), second.demo.as_deref()), ("t/card-2", None));
    let Block::Exercise(exercise) = &parsed.sections[1].blocks[0] else { panic!() };
    assert_eq!(exercise.wrong, ["def f():\n    return 2\n", "def f():\n    return None\n"]);
}
