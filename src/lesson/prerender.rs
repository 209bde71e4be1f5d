//! Static HTML of a lesson, written into its page at build time (`build.rs` renders it,
//! `.ci/post-build.sh` puts it in `lesson/<slug>/index.html`), so the text is readable as soon
//! as the HTML arrives, before the app's wasm has loaded. The app replaces it when it mounts
//! (`#prerendered`), with the same classes, so nothing moves. Snippets show as plain code
//! until then; questions appear with the app.

use super::model::{Block, Course};

/// The site header and the lesson, as the app renders them (see `lesson_page.rs`). The header
/// holds an invisible stand-in for the theme toggle, so it is as tall as the app's.
pub fn lesson_page(course: &Course, index: usize) -> String {
    let lesson = &course.lessons[index];
    let mut html = String::new();
    html.push_str(r#"<div id="prerendered"><header class="site-header"><a class="brand" href="./">Dunder</a><nav aria-label="Main"><a href="./">Course</a><a href="play/">Playground</a></nav><button class="theme-toggle" style="visibility:hidden" aria-hidden="true" tabindex="-1" disabled>Dark mode</button></header>"#);
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
