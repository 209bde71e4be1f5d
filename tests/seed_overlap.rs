//! The course is written in its own words: no lesson shares a long run of words with a seed
//! document. Only the lesson's text is compared — prose, headings, quiz questions and choices,
//! explanations and cards — not its code, where short runs like `def __init__(self, name):` are
//! bound to coincide.
//!
//! `DUNDER_LESSONS="03 04"` limits the check to lessons whose file names start with those
//! prefixes (for authors; CI checks every lesson).

#[path = "common/seeds.rs"]
mod seeds;

use dunder::lesson::read_lesson_files;
use std::collections::HashSet;
use std::{fs, path::Path};

/// A run of this many words in a row, found in a seed, fails the test. Seven-word runs still
/// turn up in honest writing ("the method resolution order of the class"); eight did not in a
/// rewritten course, while every copied sentence the audit found is longer.
const RUN: usize = 8;

/// Fence kinds whose contents are text for the reader, not code.
const TEXT_FENCES: [&str; 3] = ["quiz", "card", "explain"];

/// One word of a lesson, with the line it is on; `None` marks a break (a code block, a
/// heading…) that a run may not cross.
type Word = Option<(String, u32)>;

/// Lower-case words; a typographic apostrophe counts as a plain one, so "CPython’s" in a seed
/// and "CPython's" in a lesson are the same word.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == '’' || c == '‘'))
        .map(|w| w.replace(['’', '‘'], "'").trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
}

/// The reader-facing text of a lesson file as words, code blocks left out.
fn lesson_words(text: &str) -> Vec<Word> {
    let mut words = vec![];
    let mut fence: Option<(String, bool)> = None; // (the fence marker, is its content text?)
    let mut in_front_matter = text.starts_with("---\n");
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if in_front_matter {
            if i > 0 && line == "---" {
                in_front_matter = false;
            }
            continue;
        }
        let trimmed = line.trim_start();
        let marker: String = trimmed.chars().take_while(|&c| c == '`' || c == '~').collect();
        match &fence {
            Some((open, _)) => {
                let closing = trimmed.trim_end();
                if closing.len() >= open.len() && closing.chars().all(|c| open.starts_with(c)) {
                    fence = None;
                    words.push(None);
                    continue;
                }
            }
            None if marker.len() >= 3 => {
                let kind = trimmed[marker.len()..].split_whitespace().next().unwrap_or("");
                fence = Some((marker, TEXT_FENCES.contains(&kind)));
                words.push(None);
                continue;
            }
            None => {}
        }
        if matches!(fence, Some((_, false))) {
            continue;
        }
        if trimmed.starts_with('#') || trimmed.starts_with('|') && trimmed.contains("---") {
            words.push(None);
        }
        words.extend(words_of(line).map(|w| Some((w, line_no))));
    }
    words
}

fn seed_runs(dir: &Path) -> HashSet<Vec<String>> {
    let mut runs = HashSet::new();
    for entry in fs::read_dir(dir).expect("the seeds folder is readable") {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        let words: Vec<String> = words_of(&text).collect();
        for window in words.windows(RUN) {
            runs.insert(window.to_vec());
        }
    }
    runs
}

/// Each place where a lesson repeats a seed: the first line and the shared words.
fn overlaps(lesson: &[Word], seeds: &HashSet<Vec<String>>) -> Vec<(u32, String)> {
    let mut found: Vec<(u32, usize, usize)> = vec![]; // (line, start, end) in `lesson`
    for start in 0..lesson.len().saturating_sub(RUN - 1) {
        let window = &lesson[start..start + RUN];
        if window.iter().any(Option::is_none) {
            continue;
        }
        let key: Vec<String> = window.iter().map(|w| w.as_ref().unwrap().0.clone()).collect();
        if !seeds.contains(&key) {
            continue;
        }
        match found.last_mut() {
            Some((_, _, end)) if start < *end => *end = start + RUN,
            _ => found.push((window[0].as_ref().unwrap().1, start, start + RUN)),
        }
    }
    found
        .into_iter()
        .map(|(line, start, end)| {
            let text: Vec<&str> = lesson[start..end].iter().map(|w| w.as_ref().unwrap().0.as_str()).collect();
            (line, text.join(" "))
        })
        .collect()
}

fn selected(file: &str) -> bool {
    let Ok(filter) = std::env::var("DUNDER_LESSONS") else { return true };
    let name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or("");
    filter.split_whitespace().any(|prefix| name.starts_with(prefix))
}

#[test]
fn no_lesson_repeats_a_seed_sentence() {
    let Some(dir) = seeds::seeds_dir() else {
        assert!(std::env::var_os("CI").is_none(), "CI must have the seed documents at ../shared/seeds (or DUNDER_SEEDS)");
        eprintln!("note: no seed documents at ../shared/seeds (set DUNDER_SEEDS); overlap not checked");
        return;
    };
    let seeds = seed_runs(&dir);
    assert!(seeds.len() > 5_000, "the seeds gave only {} word runs: did their format change?", seeds.len());
    let mut failures = vec![];
    for (file, text) in read_lesson_files(Path::new("lessons")).unwrap() {
        if !selected(&file) {
            continue;
        }
        for (line, words) in overlaps(&lesson_words(&text), &seeds) {
            failures.push(format!("{file}:{line}: \"{words}\""));
        }
    }
    assert!(failures.is_empty(), "{} passages repeat a seed document word for word (rewrite them in our own words):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_check_catches_a_copied_sentence_and_passes_our_own() {
    let seeds: HashSet<Vec<String>> = words_of("Alpha beta: gamma’s delta epsilon zeta eta theta iota kappa.")
        .collect::<Vec<_>>()
        .windows(RUN)
        .map(<[String]>::to_vec)
        .collect();
    let copied = "---\ntitle: t\n---\nIntro.\n\nWe say alpha Beta gamma's delta\nepsilon zeta eta theta here.\n";
    assert_eq!(overlaps(&lesson_words(copied), &seeds), vec![(6, "alpha beta gamma's delta epsilon zeta eta theta".to_owned())]);
    // The same words split by a code block, or inside code, are not a copied sentence.
    let split = "Alpha beta gamma's delta\n```python run\nepsilon zeta eta theta\n```\n";
    assert!(overlaps(&lesson_words(split), &seeds).is_empty());
    let in_card = "```card\nalpha beta gamma's delta epsilon zeta eta theta?\n---\nno\n```\n";
    assert_eq!(overlaps(&lesson_words(in_card), &seeds).len(), 1);
}
