//! Every question and section of the seed documents is taught somewhere: `lessons/coverage.md`
//! maps each seed id to a lesson section, and every mapping must point at a real section.
//!
//! The seed ids are read from the seed documents themselves (`../shared/seeds`, or the folder in
//! `DUNDER_SEEDS`), so a seed item without a row fails this test.

use dunder::lesson::{parse_course, read_lesson_files};
use std::collections::{BTreeMap, BTreeSet};
use std::{fs, path::PathBuf};

fn manifest() -> BTreeMap<String, (String, String)> {
    let text = fs::read_to_string("lessons/coverage.md").expect("lessons/coverage.md exists");
    let mut rows = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Seed") && !l.starts_with("| Depth") && !l.starts_with("| ---")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 3, "coverage row must have 3 cells: {line}");
        let target = cells[2].trim_matches('`');
        let (slug, section) = target.split_once('#').unwrap_or_else(|| panic!("`{target}` is not slug#section"));
        let previous = rows.insert(cells[0].to_owned(), (slug.to_owned(), section.to_owned()));
        assert!(previous.is_none(), "{} is mapped twice", cells[0]);
    }
    rows
}

#[path = "common/seeds.rs"]
mod seeds;
use seeds::seeds_dir;

/// Keycap numbers as the drill writes them: "1️⃣", "🔟", "2️⃣3️⃣".
fn keycap_number(line: &str) -> Option<u32> {
    if line.starts_with('🔟') {
        return Some(10);
    }
    let mut digits = String::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if !c.is_ascii_digit() {
            break;
        }
        chars.next();
        if chars.next() != Some('\u{fe0f}') || chars.next() != Some('\u{20e3}') {
            return None;
        }
        digits.push(c);
    }
    digits.parse().ok()
}

fn leading_number<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(prefix)?;
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    (end > 0 && rest[end..].starts_with([' ', '.'])).then(|| &rest[..end])
}

/// The seed items: doc A's questions and knowledge check; doc B's sections, practice questions,
/// drill, and the numbered parts of its concurrency, performance and project chapters.
fn seed_ids(dir: &PathBuf) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        let doc_a = text.contains("Knowledge Check");
        let mut part = "";
        for line in text.lines() {
            let line = line.trim_end();
            if doc_a {
                if let Some(n) = leading_number(line, "").filter(|n| n.len() == 2) {
                    ids.insert(format!("A{n}"));
                }
                if let Some(rest) = line.strip_prefix("🧠 Quiz Question ") {
                    ids.insert(format!("A-KC{}", rest.split(' ').next().unwrap()));
                }
                continue;
            }
            if line.contains("30 OOP INTERVIEW QUESTIONS") {
                part = "drill";
            } else if line.contains("PART 2 — ADVANCED INTERNALS") {
                part = "internals";
            } else if line.contains("OOP-HEAVY REAL PROJECT") {
                part = "project";
            } else if line.contains("ADVANCED CONCURRENCY (") {
                part = "concurrency";
            } else if line.contains("PYTHON INTERNALS & PERFORMANCE") {
                part = "performance";
            } else if line.contains("END-TO-END REAL PROJECT") {
                part = "runner";
            }
            if let Some(n) = leading_number(line, "5.") {
                ids.insert(format!("B5.{n}"));
            } else if let Some(n) = line.strip_prefix('Q').filter(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit())) {
                ids.insert(format!("B-PQ{n}"));
            } else if part == "drill" && let Some(n) = keycap_number(line) {
                ids.insert(format!("B-D{n:02}"));
            } else if part == "internals" && let Some(n) = leading_number(line, "2.") {
                ids.insert(format!("B2.{n}"));
            } else if part == "project" && let Some(n) = leading_number(line, "3.") {
                ids.insert(format!("B3.{n}"));
            } else if let Some(n) = leading_number(line, "").filter(|n| n.len() == 1) {
                let prefix = match part {
                    "concurrency" => "B-C",
                    "performance" => "B-P",
                    "runner" => "B-R",
                    _ => continue,
                };
                ids.insert(format!("{prefix}{n}"));
            }
        }
    }
    ids
}

#[test]
fn every_mapping_points_at_a_real_section() {
    let course = parse_course(&read_lesson_files(std::path::Path::new("lessons")).unwrap()).unwrap();
    for (id, (slug, section)) in manifest() {
        let lesson = course.lessons.iter().find(|l| l.slug == slug).unwrap_or_else(|| panic!("{id}: no lesson `{slug}`"));
        assert!(lesson.sections.iter().any(|s| s.id == section), "{id}: lesson `{slug}` has no section `{section}`");
    }
}

#[test]
fn every_seed_item_is_mapped() {
    let Some(dir) = seeds_dir() else {
        // A clone without the seeds beside it can still check the mappings (test above).
        eprintln!("note: no seed documents at ../shared/seeds (set DUNDER_SEEDS); seed list not checked");
        return;
    };
    let ids = seed_ids(&dir);
    assert!(ids.len() > 100, "found only {} seed items: the seed format changed? {ids:?}", ids.len());
    let mapped = manifest();
    let missing: Vec<_> = ids.iter().filter(|id| !mapped.contains_key(*id)).collect();
    assert!(missing.is_empty(), "seed items not taught anywhere (add them to lessons/coverage.md): {missing:?}");
    // `D-…` rows are depth topics beyond the seeds; every other row must name a seed item.
    let unknown: Vec<_> = mapped.keys().filter(|id| !id.starts_with("D-") && !ids.contains(*id)).collect();
    assert!(unknown.is_empty(), "coverage.md names items that are not in the seeds: {unknown:?}");
}
