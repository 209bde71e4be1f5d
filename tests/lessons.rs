//! The course is right: every lesson parses, every runnable snippet prints exactly what its
//! lesson says under RustPython (the browser's engine, through the same runner) and under real
//! CPython 3.14 (Pyodide in Node), and every exercise's solution passes while its starting code
//! does not.

#[path = "common/cpython.rs"]
mod cpython;
use cpython::run_under_cpython;
use dunder::lesson::{Block, Course, Expected, Lesson, exercise, output_matches, parse_course, read_lesson_files};
use dunder::runner::{Ending, Program, Runner, output::Stream};
use std::path::Path;

/// The course, or with `DUNDER_LESSONS="03 04"` only the lessons whose file names start with
/// those prefixes (for authors checking their own lessons; CI checks them all).
fn course() -> Course {
    let mut files = read_lesson_files(Path::new("lessons")).unwrap();
    if let Ok(filter) = std::env::var("DUNDER_LESSONS") {
        let name = |file: &str| Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        files.retain(|(file, _)| filter.split_whitespace().any(|prefix| name(file).starts_with(prefix)));
    }
    parse_course(&files).unwrap_or_else(|e| panic!("{e}"))
}

fn filtered() -> bool {
    std::env::var_os("DUNDER_LESSONS").is_some()
}

/// One program to check: where it comes from, its source (with any chain prefix), and what it
/// must print.
struct Case {
    place: String,
    prefix: Vec<String>,
    source: String,
    stdin: String,
    expected: Expected,
}

fn cases(lesson: &Lesson) -> Vec<Case> {
    let mut cases = vec![];
    let mut chain: Vec<String> = vec![];
    for block in lesson.blocks() {
        match block {
            Block::Runnable(r) => {
                if !r.continues {
                    chain.clear();
                }
                cases.push(Case {
                    place: format!("{}:{}", lesson.file, r.line),
                    prefix: chain.clone(),
                    source: r.code.clone(),
                    stdin: r.stdin.clone(),
                    expected: r.expected.clone(),
                });
                chain.push(r.code.clone());
            }
            Block::Predict(p) => cases.push(Case {
                place: format!("{}:{}", lesson.file, p.line),
                prefix: vec![],
                source: p.code.clone(),
                stdin: String::new(),
                expected: p.expected.clone(),
            }),
            _ => {}
        }
    }
    cases
}

fn run_in(runner: &Runner, source: &str, stdin: &str, keep_globals: bool) -> (Ending, String) {
    let program = Program { source: source.to_owned(), stdin: stdin.to_owned(), keep_globals, interactive: false, count_steps: false };
    let (outcome, chunks) = runner.run_collect(&program);
    let text = chunks.iter().filter(|(s, _)| *s != Stream::Notice).map(|(_, t)| t.as_str()).collect();
    (outcome.ending, text)
}

fn diff(place: &str, engine: &str, expected: &str, actual: &str) -> String {
    format!("{place}: under {engine} the output differs\n--- lesson says\n{expected}--- {engine} printed\n{actual}---")
}

#[test]
fn every_snippet_prints_what_its_lesson_says_under_rustpython() {
    let runner = Runner::new().unwrap();
    let mut failures = vec![];
    let mut count = 0;
    for lesson in course().lessons {
        for case in cases(&lesson) {
            for (i, earlier) in case.prefix.iter().enumerate() {
                run_in(&runner, earlier, "", i > 0);
            }
            let (_, actual) = run_in(&runner, &case.source, &case.stdin, !case.prefix.is_empty());
            let expected = case.expected.for_rustpython();
            if !output_matches(expected, &actual) {
                failures.push(diff(&case.place, "RustPython", expected, &actual));
            }
            count += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {count} snippets differ:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn every_snippet_prints_what_its_lesson_says_under_cpython() {
    // Chained snippets run as one program in CPython: the prefix's output is cut off by a marker.
    const CUT: &str = "~~dunder-cut-7f3a~~";
    let mut programs = vec![];
    let mut all_cases = vec![];
    for lesson in course().lessons {
        for case in cases(&lesson) {
            let mut source = String::new();
            for earlier in &case.prefix {
                source.push_str(earlier);
                source.push('\n');
            }
            if !case.prefix.is_empty() {
                source.push_str(&format!("import sys as __s; __s.stdout.flush(); __s.stderr.flush(); print({CUT:?}, end=''); __s.stdout.flush(); del __s\n"));
            }
            source.push_str(&case.source);
            let stdin_setup = if case.stdin.is_empty() {
                String::new()
            } else {
                format!("import io as __io, sys as __sys; __sys.stdin = __io.StringIO({:?}); del __io, __sys\n", case.stdin)
            };
            programs.push(format!("{stdin_setup}{source}"));
            all_cases.push(case);
        }
    }
    let outputs = run_under_cpython(&programs);
    let mut failures = vec![];
    for (case, actual) in all_cases.iter().zip(&outputs) {
        let actual = match actual.rfind(CUT) {
            Some(at) => &actual[at + CUT.len()..],
            None => actual.as_str(),
        };
        let expected = case.expected.for_cpython();
        if !output_matches(expected, actual) {
            failures.push(diff(&case.place, "CPython", expected, actual));
        }
    }
    assert!(failures.is_empty(), "{} of {} snippets differ:\n\n{}", failures.len(), programs.len(), failures.join("\n\n"));
}


#[test]
fn exercise_solutions_pass_and_starting_code_does_not() {
    let runner = Runner::new().unwrap();
    let mut failures = vec![];
    let mut count = 0;
    for lesson in course().lessons {
        for block in lesson.blocks() {
            let Block::Exercise(ex) = block else { continue };
            count += 1;
            let place = format!("{}:{}", lesson.file, ex.line);
            let (_, out) = run_in(&runner, &exercise::program(&ex.solution, &ex.checks), "", false);
            match exercise::split_results(&out).1 {
                Some(results) if !results.is_empty() && results.iter().all(|r| r.passed) => {}
                other => failures.push(format!("{place}: the solution does not pass every check: {other:?}\n{out}")),
            }
            let (_, out) = run_in(&runner, &exercise::program(&ex.starter, &ex.checks), "", false);
            if let Some(results) = exercise::split_results(&out).1
                && results.iter().all(|r| r.passed)
            {
                failures.push(format!("{place}: the starting code already passes every check"));
            }
            if ex.wrong.is_empty() {
                failures.push(format!("{place}: the exercise has no `python wrong` block (an obvious wrong answer its checks must reject)"));
            }
            for (i, wrong) in ex.wrong.iter().enumerate() {
                let (_, out) = run_in(&runner, &exercise::program(wrong, &ex.checks), "", false);
                match exercise::split_results(&out).1 {
                    Some(results) if results.iter().any(|r| !r.passed) => {}
                    Some(_) => failures.push(format!("{place}: wrong solution {} passes every check: the checks must reject it", i + 1)),
                    None => failures.push(format!("{place}: wrong solution {} fails before the checks run (it must be a plausible answer that the checks reject):\n{out}", i + 1)),
                }
            }
        }
    }
    assert!(count > 0, "the course has no exercises");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn display_only_blocks_are_rare_and_explained() {
    let course = course();
    let (mut display, mut code) = (0usize, 0usize);
    for lesson in &course.lessons {
        for block in lesson.blocks() {
            match block {
                Block::Display(d) => {
                    assert!(d.reason.len() >= 10, "{}: a display-only reason must say why: {:?}", lesson.file, d.reason);
                    display += 1;
                    code += 1;
                }
                Block::Runnable(_) | Block::Predict(_) | Block::Exercise(_) => code += 1,
                _ => {}
            }
        }
    }
    assert!(code > 0);
    assert!(display * 10 < code, "display-only blocks are {display} of {code} code blocks (must stay under 10 %)");
}

#[test]
fn every_lesson_has_explain_it_cards() {
    let course = course();
    let mut total = 0;
    for lesson in &course.lessons {
        let cards = lesson.blocks().filter(|b| matches!(b, Block::Card(_))).count();
        assert!(cards >= 3, "{}: only {cards} explain-it cards (every lesson needs at least 3)", lesson.file);
        total += cards;
    }
    if !filtered() {
        assert!(total >= 60, "the course has {total} explain-it cards; it needs at least 60");
    }
}
