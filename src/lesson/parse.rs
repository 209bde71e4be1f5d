//! The lesson parser: `lessons/*.md` (dialect in `lessons/README.md`) → `model::Lesson`.
//! Runs at build time (`build.rs` includes this file) and in the native tests. Every rejection
//! names `file:line` and says what is wrong.

use super::model::*;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

type Result<T> = std::result::Result<T, ParseError>;

/// The lesson files of a folder (`NN-slug.md`; the dialect's README and the coverage table are
/// not lessons), sorted, as (path, text) pairs ready for `parse_course`.
pub fn read_lesson_files(dir: &std::path::Path) -> std::io::Result<Vec<(String, String)>> {
    let mut paths = vec![];
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".md") && name.starts_with(|c: char| c.is_ascii_digit()) {
            paths.push(path);
        }
    }
    paths.sort();
    paths.into_iter().map(|path| Ok((path.display().to_string(), std::fs::read_to_string(&path)?))).collect()
}

/// Parse every lesson and check the course as a whole (unique slugs and orders).
pub fn parse_course(files: &[(String, String)]) -> Result<Course> {
    let mut lessons = files.iter().map(|(file, text)| parse_lesson(file, text)).collect::<Result<Vec<_>>>()?;
    lessons.sort_by_key(|l| l.order);
    for pair in lessons.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.order == b.order {
            return Err(error(&b.file, 2, format!("order {} is also used by {}", b.order, a.file)));
        }
    }
    for (i, lesson) in lessons.iter().enumerate() {
        if let Some(other) = lessons[..i].iter().find(|l| l.slug == lesson.slug) {
            return Err(error(&lesson.file, 2, format!("slug `{}` is also used by {}", lesson.slug, other.file)));
        }
    }
    Ok(Course { lessons })
}

fn error(file: &str, line: u32, message: impl Into<String>) -> ParseError {
    ParseError { file: file.to_owned(), line, message: message.into() }
}

/// Parse one lesson file.
pub fn parse_lesson(file: &str, text: &str) -> Result<Lesson> {
    let (front, body, body_line) = split_front_matter(file, text)?;
    let mut lesson = front;
    lesson.file = file.to_owned();
    let mut builder = Builder::new(file, &lesson.slug);
    builder.walk(body, body_line)?;
    let (intro, sections) = builder.finish()?;
    lesson.intro = intro;
    lesson.sections = sections;
    check_lesson_rules(&lesson, text)?;
    Ok(lesson)
}

fn split_front_matter<'a>(file: &str, text: &'a str) -> Result<(Lesson, &'a str, u32)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(error(file, 1, "a lesson must start with front matter: a `---` line, `key: value` lines, `---`"));
    };
    let Some(end) = rest.find("\n---\n").map(|i| i + 1).or_else(|| rest.starts_with("---\n").then_some(0)) else {
        return Err(error(file, 1, "front matter is not closed by a `---` line"));
    };
    let mut lesson = Lesson::default();
    let (mut title, mut slug, mut order, mut summary) = (None, None, None, None);
    for (i, line) in rest[..end].lines().enumerate() {
        let line_no = i as u32 + 2;
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(error(file, line_no, format!("front matter line is not `key: value`: {line:?}")));
        };
        let value = value.trim().to_owned();
        if value.is_empty() {
            return Err(error(file, line_no, format!("front matter `{}` is empty", key.trim())));
        }
        match key.trim() {
            "title" => title = Some(value),
            "slug" => {
                if !value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                    return Err(error(file, line_no, "slug may only use a-z, 0-9 and -"));
                }
                slug = Some(value)
            }
            "order" => {
                order = Some(value.parse::<u32>().map_err(|_| error(file, line_no, "order must be a whole number"))?)
            }
            "summary" => summary = Some(value),
            other => return Err(error(file, line_no, format!("unknown front matter key `{other}`"))),
        }
    }
    let missing = |name: &str| error(file, 1, format!("front matter is missing `{name}`"));
    lesson.title = title.ok_or_else(|| missing("title"))?;
    lesson.slug = slug.ok_or_else(|| missing("slug"))?;
    lesson.order = order.ok_or_else(|| missing("order"))?;
    lesson.summary = summary.ok_or_else(|| missing("summary"))?;
    let body_start = 4 + end + 4; // "---\n" + front + "---\n"
    let body_line = text[..body_start.min(text.len())].matches('\n').count() as u32 + 1;
    Ok((lesson, &text[body_start.min(text.len())..], body_line))
}

/// A snippet waiting for the blocks that complete it (its output, explanation, solution…).
enum Pending {
    Run { runnable: Runnable, outputs: Outputs },
    Predict { predict: Predict, outputs: Outputs, explained: bool },
    Display { display: Display, line: u32 },
    Exercise { exercise: Exercise, has_solution: bool, has_checks: bool },
}

#[derive(Default)]
struct Outputs {
    same: Option<String>,
    cpython: Option<String>,
    rustpython: Option<String>,
}

impl Outputs {
    fn any(&self) -> bool {
        self.same.is_some() || self.cpython.is_some() || self.rustpython.is_some()
    }

    fn into_expected(self, file: &str, line: u32) -> Result<Expected> {
        match (self.same, self.cpython, self.rustpython) {
            (Some(text), None, None) => Ok(Expected::Same { text }),
            (None, Some(cpython), Some(rustpython)) => Ok(Expected::PerEngine { cpython, rustpython }),
            (None, None, None) => Err(error(file, line, "this snippet needs an `output` block right after it")),
            (Some(_), _, _) => Err(error(file, line, "give either one `output` block or both `output cpython` and `output rustpython`, not a mix")),
            _ => Err(error(file, line, "an implementation-specific output needs both `output cpython` and `output rustpython`")),
        }
    }
}

struct Builder<'a> {
    file: &'a str,
    slug: &'a str,
    intro: Vec<Block>,
    sections: Vec<Section>,
    prose: Vec<Event<'a>>,
    prose_line: u32,
    pending: Option<Pending>,
    counters: [u32; 5],
}

impl<'a> Builder<'a> {
    fn new(file: &'a str, slug: &'a str) -> Self {
        Builder { file, slug, intro: vec![], sections: vec![], prose: vec![], prose_line: 0, pending: None, counters: [0; 5] }
    }

    fn next_id(&mut self, kind: usize, name: &str) -> String {
        self.counters[kind] += 1;
        format!("{}/{}-{}", self.slug, name, self.counters[kind])
    }

    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.sections.last_mut() {
            Some(section) => &mut section.blocks,
            None => &mut self.intro,
        }
    }

    fn walk(&mut self, body: &'a str, body_line: u32) -> Result<()> {
        let line_of = |offset: usize| body_line + body[..offset].matches('\n').count() as u32;
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut events = Parser::new_ext(body, options).into_offset_iter();
        while let Some((event, range)) = events.next() {
            let line = line_of(range.start);
            match event {
                Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                    return Err(error(self.file, line, "use `##` for sections: the lesson title comes from the front matter"));
                }
                Event::Start(Tag::Heading { level: HeadingLevel::H2, id, .. }) => {
                    self.flush_prose()?;
                    self.finish_pending()?;
                    let mut title = String::new();
                    for (event, _) in events.by_ref() {
                        match event {
                            Event::End(TagEnd::Heading(_)) => break,
                            Event::Text(t) | Event::Code(t) => title.push_str(&t),
                            _ => {}
                        }
                    }
                    let id = id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&title));
                    if id.is_empty() {
                        return Err(error(self.file, line, "a section heading needs some text"));
                    }
                    if self.sections.iter().any(|s| s.id == id) {
                        return Err(error(self.file, line, format!("two sections have the id `{id}`")));
                    }
                    self.sections.push(Section { id, title: title.trim().to_owned(), blocks: vec![] });
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut code = String::new();
                    for (event, _) in events.by_ref() {
                        match event {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => code.push_str(&t),
                            _ => {}
                        }
                    }
                    self.flush_prose()?;
                    self.code_block(&info, code, line)?;
                }
                other => {
                    if self.prose.is_empty() {
                        self.prose_line = line;
                    }
                    self.prose.push(other);
                }
            }
        }
        self.flush_prose()?;
        self.finish_pending()
    }

    fn flush_prose(&mut self) -> Result<()> {
        if self.prose.is_empty() {
            return Ok(());
        }
        let events = std::mem::take(&mut self.prose);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        if out.trim().is_empty() {
            return Ok(());
        }
        if let Some(Pending::Run { outputs, .. } | Pending::Predict { outputs, .. }) = &self.pending
            && !outputs.any()
        {
            return Err(error(self.file, self.prose_line, "expected the snippet's `output` block here, before any text"));
        }
        self.finish_pending()?;
        self.blocks().push(Block::Html { html: out });
        Ok(())
    }

    fn finish_pending(&mut self) -> Result<()> {
        let Some(pending) = self.pending.take() else { return Ok(()) };
        let file = self.file;
        let block = match pending {
            Pending::Run { mut runnable, outputs } => {
                runnable.expected = outputs.into_expected(file, runnable.line)?;
                Block::Runnable(runnable)
            }
            Pending::Predict { mut predict, outputs, explained } => {
                predict.expected = outputs.into_expected(file, predict.line)?;
                if !explained {
                    return Err(error(file, predict.line, "a `python predict` block needs an `explain` block after its output"));
                }
                Block::Predict(predict)
            }
            Pending::Display { display, line } => {
                if display.reason.trim().is_empty() {
                    return Err(error(file, line, "a display-only block needs reason=\"…\" saying why it cannot run here"));
                }
                Block::Display(display)
            }
            Pending::Exercise { exercise, has_solution, has_checks } => {
                if !has_solution || !has_checks {
                    return Err(error(file, exercise.line, "a `python exercise` needs a `python solution` and then a `python checks` block"));
                }
                if !exercise.checks.lines().any(|l| l.starts_with("def check_")) {
                    return Err(error(file, exercise.line, "the `python checks` block defines no `def check_…()` function"));
                }
                Block::Exercise(exercise)
            }
        };
        self.blocks().push(block);
        Ok(())
    }

    fn code_block(&mut self, info: &str, code: String, line: u32) -> Result<()> {
        let file = self.file;
        let words = split_info(info).map_err(|m| error(file, line, m))?;
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        match words.as_slice() {
            ["output", rest @ ..] => return self.output_block(rest, code, line),
            ["explain"] => {
                return match &mut self.pending {
                    Some(Pending::Predict { predict, outputs, explained }) if outputs.any() && !*explained => {
                        predict.explanation_html = markdown_to_html(&code);
                        *explained = true;
                        Ok(())
                    }
                    _ => Err(error(file, line, "an `explain` block must follow a `python predict` block's output")),
                };
            }
            ["python", "solution"] => {
                return match &mut self.pending {
                    Some(Pending::Exercise { exercise, has_solution: has @ false, .. }) => {
                        exercise.solution = code;
                        *has = true;
                        Ok(())
                    }
                    _ => Err(error(file, line, "a `python solution` block must follow a `python exercise` block")),
                };
            }
            ["python", "checks"] => {
                return match &mut self.pending {
                    Some(Pending::Exercise { exercise, has_solution: true, has_checks: has @ false }) => {
                        exercise.checks = code;
                        *has = true;
                        Ok(())
                    }
                    _ => Err(error(file, line, "a `python checks` block must follow a `python solution` block")),
                };
            }
            ["python", "wrong"] => {
                return match &mut self.pending {
                    Some(Pending::Exercise { exercise, has_checks: true, .. }) => {
                        if code.trim().is_empty() {
                            return Err(error(file, line, "a `python wrong` block is empty"));
                        }
                        exercise.wrong.push(code);
                        Ok(())
                    }
                    _ => Err(error(file, line, "a `python wrong` block must follow an exercise's `python checks` block (or another `python wrong`)")),
                };
            }
            _ => {}
        }
        self.finish_pending()?;
        match words.as_slice() {
            ["python", "run", options @ ..] => {
                let mut runnable = Runnable {
                    id: self.next_id(0, "run"),
                    code,
                    expected: Expected::Same { text: String::new() },
                    continues: false,
                    stdin: String::new(),
                    line,
                };
                for option in options {
                    if *option == "continue" {
                        runnable.continues = true;
                    } else if let Some(value) = option.strip_prefix("stdin=") {
                        runnable.stdin = value.to_owned();
                    } else {
                        return Err(error(file, line, format!("unknown option `{option}` for `python run` (use `continue` or `stdin=\"…\"`)")));
                    }
                }
                if runnable.continues && !self.blocks_so_far().any(|b| matches!(b, Block::Runnable(_))) {
                    return Err(error(file, line, "`continue` needs an earlier runnable snippet in this lesson"));
                }
                self.pending = Some(Pending::Run { runnable, outputs: Outputs::default() });
            }
            ["python", "display", options @ ..] => {
                let mut reason = String::new();
                for option in options {
                    match option.strip_prefix("reason=") {
                        Some(value) => reason = value.to_owned(),
                        None => return Err(error(file, line, format!("unknown option `{option}` for `python display` (use reason=\"…\")"))),
                    }
                }
                self.pending = Some(Pending::Display { display: Display { code, reason, recorded: None }, line });
            }
            ["python", "predict"] => {
                let predict = Predict {
                    id: self.next_id(1, "predict"),
                    code,
                    expected: Expected::Same { text: String::new() },
                    explanation_html: String::new(),
                    line,
                };
                self.pending = Some(Pending::Predict { predict, outputs: Outputs::default(), explained: false });
            }
            ["python", "exercise"] => {
                let exercise = Exercise {
                    id: self.next_id(2, "exercise"),
                    starter: code,
                    solution: String::new(),
                    checks: String::new(),
                    wrong: vec![],
                    line,
                };
                self.pending = Some(Pending::Exercise { exercise, has_solution: false, has_checks: false });
            }
            ["card"] => {
                let id = self.next_id(4, "card");
                let card = parse_card(file, line, id, &code)?;
                self.blocks().push(Block::Card(card));
            }
            ["quiz"] => {
                let id = self.next_id(3, "quiz");
                let choice = parse_choice(file, line, id, &code)?;
                self.blocks().push(Block::Choice(choice));
            }
            ["python", ..] | ["py", ..] | ["python3", ..] => {
                return Err(error(file, line, "a python block must say what it is: `python run`, `python display reason=\"…\"`, `python predict`, `python exercise`, `python solution`, `python checks` or `python wrong`"));
            }
            _ => {
                let language = words.first().copied().unwrap_or("text").to_owned();
                self.blocks().push(Block::Code { language, code });
            }
        }
        Ok(())
    }

    fn blocks_so_far(&self) -> impl Iterator<Item = &Block> {
        self.intro.iter().chain(self.sections.iter().flat_map(|s| s.blocks.iter()))
    }

    fn output_block(&mut self, engine: &[&str], code: String, line: u32) -> Result<()> {
        let file = self.file;
        let slot = |outputs: &mut Outputs| -> Result<()> {
            let target = match engine {
                [] => &mut outputs.same,
                ["cpython"] => &mut outputs.cpython,
                ["rustpython"] => &mut outputs.rustpython,
                _ => return Err(error(file, line, "an output block is `output`, `output cpython` or `output rustpython`")),
            };
            if target.is_some() {
                return Err(error(file, line, "this snippet already has that output block"));
            }
            *target = Some(code.clone());
            Ok(())
        };
        match &mut self.pending {
            Some(Pending::Run { outputs, .. }) => slot(outputs),
            Some(Pending::Predict { outputs, explained: false, .. }) => slot(outputs),
            Some(Pending::Display { display, .. }) if engine == ["cpython"] && display.recorded.is_none() => {
                display.recorded = Some(code);
                Ok(())
            }
            Some(Pending::Display { .. }) => Err(error(file, line, "a display-only block can only have recorded `output cpython`")),
            _ => Err(error(file, line, "an output block must follow a `python run` or `python predict` block")),
        }
    }

    fn finish(mut self) -> Result<(Vec<Block>, Vec<Section>)> {
        self.finish_pending()?;
        link_card_demos(&mut self.intro);
        for section in &mut self.sections {
            link_card_demos(&mut section.blocks);
        }
        Ok((self.intro, self.sections))
    }
}

/// Split a fence's info string into words; `key="quoted value"` keeps its spaces, and in the
/// value `\n` is a newline, `\"` a quote and `\\` a backslash.
fn split_info(info: &str) -> std::result::Result<Vec<String>, String> {
    let mut words = vec![];
    let mut chars = info.trim().chars().peekable();
    while chars.peek().is_some() {
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '"' {
                loop {
                    match chars.next() {
                        None => return Err("unclosed quote in the block's info string".into()),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('n') => word.push('\n'),
                            Some(other) => word.push(other),
                            None => return Err("unclosed quote in the block's info string".into()),
                        },
                        Some(other) => word.push(other),
                    }
                }
            } else {
                word.push(c);
            }
        }
        words.push(word);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
    }
    Ok(words)
}

/// A runnable snippet right after a card is that card's demo.
fn link_card_demos(blocks: &mut [Block]) {
    for i in 1..blocks.len() {
        if let Block::Runnable(run) = &blocks[i] {
            let id = run.id.clone();
            if let Block::Card(card) = &mut blocks[i - 1] {
                card.demo = Some(id);
            }
        }
    }
}

/// An explain-it card: the question, a line `---`, then the model answer.
fn parse_card(file: &str, line: u32, id: String, text: &str) -> Result<Card> {
    let mut parts = text.split("\n---\n");
    let (Some(question), Some(answer), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(error(file, line, "a card is its question, a line `---`, then the model answer (exactly one `---` line)"));
    };
    if question.trim().is_empty() {
        return Err(error(file, line, "the card has no question before its `---` line"));
    }
    if answer.trim().is_empty() {
        return Err(error(file, line, "the card has no model answer after its `---` line"));
    }
    Ok(Card { id, question_html: markdown_to_html(question), answer_html: markdown_to_html(answer), demo: None, line })
}

/// A multiple-choice question: question text, then `* right` / `- wrong` choices, each followed
/// by `  = explanation` lines.
fn parse_choice(file: &str, line: u32, id: String, text: &str) -> Result<Choice> {
    let mut question = String::new();
    let mut options: Vec<(ChoiceOption, String, String, u32)> = vec![];
    for (i, raw) in text.lines().enumerate() {
        let line_no = line + 1 + i as u32;
        if let Some(rest) = raw.strip_prefix("* ").map(|r| (true, r)).or_else(|| raw.strip_prefix("- ").map(|r| (false, r))) {
            let (correct, choice) = rest;
            options.push((ChoiceOption { html: String::new(), correct, explanation_html: String::new() }, choice.to_owned(), String::new(), line_no));
        } else if let Some(explanation) = raw.strip_prefix("  = ") {
            let Some(last) = options.last_mut() else {
                return Err(error(file, line_no, "an explanation (`  = …`) must follow a choice"));
            };
            last.2.push_str(explanation);
            last.2.push('\n');
        } else if let Some(last) = options.last_mut() {
            if raw.trim().is_empty() {
                continue;
            }
            if !last.2.is_empty() {
                return Err(error(file, line_no, "after a choice's explanation, start the next choice with `* ` or `- `"));
            }
            last.1.push('\n');
            last.1.push_str(raw.trim_start());
        } else {
            question.push_str(raw);
            question.push('\n');
        }
    }
    if question.trim().is_empty() {
        return Err(error(file, line, "the quiz block has no question before its choices"));
    }
    if options.len() < 2 {
        return Err(error(file, line, "a multiple-choice question needs at least two choices (`* right`, `- wrong`)"));
    }
    let correct = options.iter().filter(|o| o.0.correct).count();
    if correct != 1 {
        return Err(error(file, line, format!("a multiple-choice question needs exactly one correct choice marked `*`, found {correct}")));
    }
    let mut built = vec![];
    for (mut option, text, explanation, line_no) in options {
        if explanation.trim().is_empty() {
            return Err(error(file, line_no, "every choice needs an explanation line starting with `  = `"));
        }
        option.html = inline_html(&text);
        option.explanation_html = markdown_to_html(&explanation);
        built.push(option);
    }
    Ok(Choice { id, question_html: markdown_to_html(&question), options: built, line })
}

fn check_lesson_rules(lesson: &Lesson, _text: &str) -> Result<()> {
    let file = &lesson.file;
    let Some(last) = lesson.sections.last() else {
        return Err(error(file, 1, "a lesson needs `## ` sections, the last one `## Quiz`"));
    };
    if last.title != "Quiz" {
        return Err(error(file, 1, format!("the last section must be `## Quiz`, not `## {}`", last.title)));
    }
    if !last.blocks.iter().any(|b| matches!(b, Block::Choice(_) | Block::Predict(_))) {
        return Err(error(file, 1, "the `## Quiz` section has no questions (`quiz` or `python predict` blocks)"));
    }
    if !lesson.blocks().any(|b| matches!(b, Block::Exercise(_))) {
        return Err(error(file, 1, "a lesson needs at least one `python exercise`"));
    }
    Ok(())
}

fn markdown_to_html(text: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH));
    out
}

/// Markdown for one short piece of text (a choice), without the wrapping paragraph.
fn inline_html(text: &str) -> String {
    let html = markdown_to_html(text);
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// A section id from its heading: lower case, runs of other characters turned into `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}
