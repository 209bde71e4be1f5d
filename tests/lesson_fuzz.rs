//! Build-time input is hostile too: the lesson parser must never panic, whatever Markdown it is
//! given, and every rejection must name `file:line` with a line inside the file.
//!
//! A deterministic generator (xorshift) splices the dialect's own pieces (fences, quiz markers,
//! headings, front matter) with random bytes, so inputs are near-misses of real lessons rather
//! than pure noise. Fixed seeds keep failures reproducible.

use dunder::lesson::{parse_lesson, read_lesson_files};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "---\n", "title: T\n", "slug: t\n", "order: 1\n", "summary: S\n", "slug: Bad!\n", "order: x\n",
    "## Section\n", "## Quiz\n", "# Title\n", "## {#id}\n", "### Sub\n",
    "```python run\n", "```python run continue\n", "```python run stdin=\"a\\nb\"\n", "```python run stdin=\"open\n",
    "```python display reason=\"needs C\"\n", "```python display\n", "```python predict\n", "```python exercise\n",
    "```python solution\n", "```python checks\n", "```output\n", "```output cpython\n", "```output rustpython\n",
    "```explain\n", "```quiz\n", "```card\n", "```python wrong\n", "Why?\n---\nBecause.\n", "```toml\n", "```\n", "```python\n", "~~~\n",
    "print(1)\n", "1\n", "def check_x():\n    assert True\n", "* right\n", "- wrong\n", "  = because\n",
    "Question?\n", "text with `code` and *emphasis*\n", "\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "<div>html</div>\n", "    indented code\n", "\u{feff}", "\t", "é✓🐍", "\r\n",
];

fn random_lesson(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.below(4) > 0 {
        text.push_str("---\ntitle: T\nslug: t\norder: 1\nsummary: S\n---\n");
    }
    for _ in 0..rng.below(40) {
        if rng.below(8) == 0 {
            // A few random characters, including control characters and multi-byte ones.
            for _ in 0..rng.below(12) {
                let c = char::from_u32(rng.below(0x2000) as u32).unwrap_or('?');
                text.push(c);
            }
        } else {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    text
}

#[test]
fn the_parser_never_panics_and_always_names_a_line() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut accepted, mut rejected) = (0, 0);
    for case in 0..20_000 {
        let text = random_lesson(&mut rng);
        let lines = text.split('\n').count() as u32 + 1;
        let outcome = std::panic::catch_unwind(|| parse_lesson("lessons/fuzz.md", &text));
        match outcome {
            Err(_) => panic!("case {case}: the parser panicked on:\n{text:?}"),
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(error)) => {
                rejected += 1;
                assert_eq!(error.file, "lessons/fuzz.md");
                assert!(error.line >= 1 && error.line <= lines, "case {case}: line {} outside 1..={lines}: {error}", error.line);
                assert!(error.to_string().starts_with(&format!("lessons/fuzz.md:{}: ", error.line)));
                assert!(!error.message.is_empty());
            }
        }
    }
    eprintln!("fuzzed 20000 lessons: {accepted} accepted, {rejected} rejected");
    assert!(rejected > 0);
}

/// Real lessons, mutated: lines dropped, duplicated, swapped, truncated or spliced with dialect
/// pieces. These reach deep into the parser (quizzes, outputs, exercises) before failing.
#[test]
fn mutated_real_lessons_never_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let sources: Vec<String> = read_lesson_files(std::path::Path::new("lessons")).unwrap().into_iter().map(|(_, text)| text).collect();
    let (mut accepted, mut rejected) = (0, 0);
    for case in 0..3_000 {
        let source = &sources[rng.below(sources.len())];
        let mut lines: Vec<String> = source.split('\n').map(str::to_owned).collect();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(lines.len());
            match rng.below(5) {
                0 => { lines.remove(at); }
                1 => { let line = lines[at].clone(); lines.insert(at, line); }
                2 => { let other = rng.below(lines.len()); lines.swap(at, other); }
                3 => lines.truncate(at.max(1)),
                _ => lines.insert(at, PIECES[rng.below(PIECES.len())].trim_end_matches('\n').to_owned()),
            }
            if lines.is_empty() {
                lines.push(String::new());
            }
        }
        let text = lines.join("\n");
        // Count the text's real lines: an inserted dialect piece spans several.
        let count = text.split('\n').count() as u32 + 1;
        match std::panic::catch_unwind(|| parse_lesson("lessons/mutant.md", &text)) {
            Err(_) => panic!("case {case}: the parser panicked on a mutated lesson:\n{text}"),
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(error)) => {
                rejected += 1;
                assert!(error.line >= 1 && error.line <= count, "case {case}: line {} outside 1..={count}: {error}", error.line);
            }
        }
    }
    eprintln!("mutated 3000 real lessons: {accepted} accepted, {rejected} rejected");
    assert!(accepted > 0 && rejected > 0, "mutations should both keep and break lessons");
}
