//! Class sets and result codes: links and codes round-trip; every single mistyped character is
//! caught; codes for another set, truncated codes and garbage get a message, never a panic.

use dunder::lesson::{parse_course, read_lesson_files};
use dunder::practice::catalogue::{self, Question};
use dunder::practice::class::{self, ClassResult, ClassSet, class_table, parse_result_code, parse_set_fragment, result_code, set_id, set_link_fragment};
use std::path::Path;

fn questions() -> Vec<Question> {
    catalogue::questions(&parse_course(&read_lesson_files(Path::new("lessons")).unwrap()).unwrap())
}

fn a_set(questions: &[Question]) -> ClassSet {
    ClassSet {
        title: "Week 3 — asyncio & <descriptors>".into(),
        questions: questions.iter().filter(|q| q.lesson == "asyncio" || q.lesson == "descriptors-and-metaclasses").map(|q| q.id.clone()).take(12).collect(),
    }
}

#[test]
fn set_links_round_trip_and_bad_links_say_why() {
    let questions = questions();
    let set = a_set(&questions);
    assert_eq!(set.questions.len(), 12);
    let fragment = set_link_fragment(&set);
    assert!(fragment.starts_with("set=") && fragment.len() < 400, "{} chars", fragment.len());
    assert!(fragment[4..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "URL-safe");
    assert_eq!(parse_set_fragment(&fragment, &questions).unwrap(), set);
    assert_eq!(parse_set_fragment(&format!("#{fragment}&theme=dark"), &questions).unwrap(), set);

    let err = |f: &str| parse_set_fragment(f, &questions).unwrap_err();
    assert!(err("#code=abc").contains("no class set"));
    assert!(err("#set=").contains("empty"));
    assert!(err("#set=!!!").contains("damaged"));
    assert!(err(&fragment[..fragment.len() / 2]).contains("damaged"), "truncated");
    let not_a_set = format!("set={}", dunder::share::encode("[1,2,3]"));
    assert!(err(&not_a_set).contains("could not be read"));
    let unknown = ClassSet { title: "x".into(), questions: vec![set.questions[0].clone(), "asyncio/quiz-999".into(), "nope/card-1".into()] };
    let e = err(&set_link_fragment(&unknown));
    assert!(e.contains("2 questions") && e.contains("asyncio/quiz-999") && e.contains("nope/card-1"), "{e}");
    let empty = ClassSet { title: "x".into(), questions: vec![] };
    assert!(err(&set_link_fragment(&empty)).contains("no questions"));
    // Duplicates are folded, order kept.
    let twice = ClassSet { title: "x".into(), questions: vec![set.questions[1].clone(), set.questions[0].clone(), set.questions[1].clone()] };
    assert_eq!(parse_set_fragment(&set_link_fragment(&twice), &questions).unwrap().questions, [set.questions[1].clone(), set.questions[0].clone()]);
}

#[test]
fn set_ids_are_stable_and_tied_to_the_questions() {
    let questions = questions();
    let set = a_set(&questions);
    let retitled = ClassSet { title: "other title".into(), ..set.clone() };
    assert_eq!(set_id(&set), set_id(&retitled));
    let mut reordered = set.clone();
    reordered.questions.swap(0, 1);
    assert_ne!(set_id(&set), set_id(&reordered));
    // FNV-1a of "a\n" (0x2524c6d2, computed independently): pinned so a code made today still matches its set after an update.
    assert_eq!(set_id(&ClassSet { title: String::new(), questions: vec!["a".into()] }), 0x2524c6d2);
}

fn result() -> ClassResult {
    ClassResult { set_id: 0xDEADBEEF, student: "Zoë Ng".into(), right: vec![true, false, true, true, false, false, true, true, true, false, true] }
}

#[test]
fn result_codes_round_trip() {
    let r = result();
    let code = result_code(&r);
    println!("a result code for 11 questions: {code} ({} chars)", code.len());
    assert!(code.starts_with("DND1-"));
    assert!(code.len() < 60);
    assert_eq!(parse_result_code(&code).unwrap(), r);
    assert_eq!(parse_result_code(&code.to_lowercase()).unwrap(), r, "case does not matter");
    assert_eq!(parse_result_code(&format!("  {} ", code.replace('-', " "))).unwrap(), r, "spacing does not matter");
    for n in [0, 1, 7, 8, 9, 200] {
        let r = ClassResult { set_id: n as u32, student: String::new(), right: (0..n).map(|i| i % 3 == 0).collect() };
        assert_eq!(parse_result_code(&result_code(&r)).unwrap(), r, "{n} questions");
    }
    let long = ClassResult { student: "x".repeat(100), ..result() };
    assert_eq!(parse_result_code(&result_code(&long)).unwrap().student.len(), class::MAX_NAME_CHARS);
}

#[test]
fn every_single_mistyped_character_is_caught() {
    let code = result_code(&result());
    let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut tried = 0;
    for (i, c) in code.char_indices() {
        if c == '-' {
            continue;
        }
        for replacement in alphabet.chars().chain(['U', '*', 'é']) {
            if replacement == c {
                continue;
            }
            let mut typo = code.clone();
            typo.replace_range(i..i + c.len_utf8(), &replacement.to_string());
            assert!(parse_result_code(&typo).is_err(), "{typo} (position {i}) was accepted");
            tried += 1;
        }
    }
    assert!(tried > 1000);
    let e = parse_result_code(&{
        let mut t = code.clone();
        let last = t.pop().unwrap();
        t.push(if last == '0' { '2' } else { '0' });
        t
    })
    .unwrap_err();
    assert!(e.contains("typo") || e.contains("do not fit"), "{e}");
}

#[test]
fn truncated_foreign_and_garbage_codes_get_a_message() {
    let code = result_code(&result());
    for end in 0..code.len() {
        let e = parse_result_code(&code[..end]).unwrap_err();
        assert!(!e.is_empty());
    }
    assert!(parse_result_code("").unwrap_err().contains("empty"));
    assert!(parse_result_code("hello").unwrap_err().contains("not a Dunder result code"));
    assert!(parse_result_code("DND").unwrap_err().contains("cut off"));
    assert!(parse_result_code("DND2-AAAA").unwrap_err().contains("format 2"));
    assert!(parse_result_code("DNDX-AAAA").unwrap_err().contains("format number"));
    assert!(parse_result_code("DND1-0000").unwrap_err().contains("incomplete"));
    assert!(parse_result_code("DND1-🐍🐍").unwrap_err().contains("not a character"));
    assert!(parse_result_code(&"DND1-".repeat(1000)).is_err());
    assert!(parse_result_code(&format!("DND1-{}", "Z".repeat(5000))).is_err());
}

#[test]
fn the_class_table_collects_codes_and_explains_bad_lines() {
    let questions = questions();
    let set = a_set(&questions);
    let id = set_id(&set);
    let n = set.questions.len();
    let code = |name: &str, k: usize| result_code(&ClassResult { set_id: id, student: name.into(), right: (0..n).map(|i| i < k).collect() });
    let foreign = result_code(&ClassResult { set_id: id ^ 1, student: "Eve".into(), right: vec![true; n] });
    let mut typo = code("Bo", 5);
    typo.pop();
    let pasted = format!(
        "{}\n\nAna: {}  (sent at 10:02)\n{}\nthanks!\n{}\n{}\n{}\n",
        code("Bo", 3),
        code("Ana", 12),
        foreign,
        typo,
        code("Bo", 4),
        code("Cy", 0)
    );
    let table = class_table(&set, &pasted);
    assert_eq!(table.students, ["Bo", "Ana", "Cy"]);
    assert_eq!(table.questions, set.questions);
    assert_eq!(table.cells[0], (0..n).map(|i| Some(i < 4)).collect::<Vec<_>>(), "Bo's later code is used");
    assert!(table.cells[1].iter().all(|c| *c == Some(true)));
    assert!(table.cells[2].iter().all(|c| *c == Some(false)));
    assert_eq!(table.problems.len(), 4, "{:#?}", table.problems);
    assert!(table.problems[0].starts_with("Line 4:") && table.problems[0].contains("another class set") && table.problems[0].contains("Eve"));
    assert!(table.problems[1].starts_with("Line 5:") && table.problems[1].contains("no result code"));
    assert!(table.problems[2].starts_with("Line 6:"));
    assert!(table.problems[3].starts_with("Line 7:") && table.problems[3].contains("second code"));
    assert_eq!(table.student_totals(), [4, 12, 0]);
    assert_eq!(table.question_totals()[0], (2, 3));
    assert_eq!(table.question_totals()[n - 1], (1, 3));
    let empty = class_table(&set, "");
    assert!(empty.students.is_empty() && empty.problems.is_empty());
}
