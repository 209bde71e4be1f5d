//! Static HTML of a lesson, written into its page at build time (`build.rs` renders it,
//! `.ci/post-build.sh` puts it in `lesson/<slug>/index.html`), so the text is readable as soon
//! as the HTML arrives, before the app's wasm has loaded. The app replaces it when it mounts
//! (`#prerendered`), with the same classes, so nothing moves. Snippets show as plain code
//! until then; questions appear with the app.

use super::model::{Block, Course};

/// The site header as the app renders it (main.rs), without the due count the app adds. It
/// holds an invisible stand-in for the theme toggle, so it is as tall as the app's.
const HEADER: &str = concat!(
    r#"<header class="site-header"><a class="brand" href="./">Dunder</a><nav aria-label="Main">"#,
    r#"<a class="wide-only" href="./">Course</a><a href="play/"><span class="wide-only">Playground</span><span class="narrow-only" aria-hidden="true">Play</span></a>"#,
    r#"<a href="review/">Review</a><a href="mock/">Mock</a><a href="progress/">Progress</a><a href="class/">Class</a></nav>"#,
    r#"<button class="theme-toggle" style="visibility:hidden" aria-hidden="true" tabindex="-1" disabled><span class="theme-icon" aria-hidden="true">◐</span><span class="theme-label">Dark mode</span></button></header>"#,
);

/// The practice pages (`review/`, `mock/`, `progress/`, `class/`): route, title, what it is for.
pub const PRACTICE_PAGES: [(&str, &str, &str); 4] = [
    ("review", "Review", "The questions due for review now, one at a time, scheduled by spaced repetition over everything you have answered."),
    ("mock", "Mock interview", "A timed, mixed set of questions drawn towards your weak and due topics, with a report at the end."),
    ("progress", "Your progress", "Mastery per topic, reviews due over the next two weeks, attempts per day and mock interview scores."),
    ("class", "Class", "Class sets: a link with a set of questions for students, and a table of their result codes."),
];

/// A practice page's static HTML until the app has loaded (it needs the saved history, which
/// only the app reads): the header, the heading and what the page is for.
pub fn practice_page(title: &str, lead: &str) -> String {
    format!(
        r#"<div id="prerendered">{HEADER}<main class="page narrow practice"><h1>{}</h1><p class="lead">{}</p></main></div>"#,
        escape(title),
        escape(lead)
    )
}

/// The site header and the lesson, as the app renders them (see `lesson_page.rs`).
pub fn lesson_page(course: &Course, index: usize) -> String {
    let lesson = &course.lessons[index];
    let mut html = String::new();
    html.push_str(r#"<div id="prerendered">"#);
    html.push_str(HEADER);
    html.push_str(r#"<main class="page"><div class="lesson-layout"><nav class="toc" aria-label="Sections"><p class="toc-title">In this lesson</p><ol>"#);
    for section in &lesson.sections {
        html.push_str(&format!(r##"<li><a href="#{}">{}</a></li>"##, escape(&section.id), escape(&section.title)));
    }
    html.push_str(r#"</ol></nav><article class="lesson">"#);
    html.push_str(&format!(r#"<p class="lesson-kicker">Lesson {}</p><h1>{}</h1><div class="intro">"#, index + 1, escape(&lesson.title)));
    blocks(&lesson.intro, &mut html);
    html.push_str("</div>");
    for section in &lesson.sections {
        let id = escape(&section.id);
        html.push_str(&format!(
            r##"<section id="{id}" aria-labelledby="h-{id}"><h2 id="h-{id}">{}<a class="anchor" href="#{id}" aria-label="Link to {}">#</a></h2>"##,
            escape(&section.title),
            escape(&section.title)
        ));
        blocks(&section.blocks, &mut html);
        html.push_str("</section>");
    }
    html.push_str("</article></div></main></div>");
    html
}

fn blocks(blocks: &[Block], html: &mut String) {
    for block in blocks {
        match block {
            Block::Html { html: prose } => html.push_str(&format!(r#"<div class="prose">{prose}</div>"#)),
            Block::Code { code, .. } => code_block(code, html),
            Block::Runnable(r) => code_block(&r.code, html),
            Block::Display(d) => code_block(&d.code, html),
            Block::Predict(p) => code_block(&p.code, html),
            // Questions need the app to be answered; they appear when it has loaded.
            Block::Choice(_) | Block::Exercise(_) | Block::Card(_) => {}
        }
    }
}

fn code_block(code: &str, html: &mut String) {
    html.push_str(&format!(r#"<pre class="code-display"><code>{}</code></pre>"#, escape(code)));
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
