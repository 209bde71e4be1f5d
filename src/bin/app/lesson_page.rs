//! A lesson: introduction, table of contents, sections with live snippets, the quiz.

use crate::course::{course, lesson};
use crate::quiz::{ChoiceQuestion, ExerciseTask, PredictQuestion};
use crate::snippet::Snippet;
use dunder::lesson::{Block, Lesson};
use leptos::prelude::*;

/// Render blocks; `chain` tracks earlier snippets so `continue` snippets can replay them.
fn render_blocks(blocks: &[Block], chain: &mut Vec<String>) -> impl IntoView + use<> {
    blocks
        .iter()
        .map(|block| match block {
            Block::Html { html } => view! { <div class="prose" inner_html=scrollable_prose(html)></div> }.into_any(),
            Block::Code { language, code } => view! {
                <pre class="code-display" data-language=language.clone() tabindex="0" role="group" aria-label="Code example"><code>{code.clone()}</code></pre>
            }
            .into_any(),
            Block::Runnable(r) => {
                if !r.continues {
                    chain.clear();
                }
                let prefix = chain.clone();
                chain.push(r.code.clone());
                view! { <Snippet id=r.id.clone() original=r.code.clone() stdin=r.stdin.clone() prefix=prefix /> }.into_any()
            }
            Block::Display(d) => view! {
                <figure class="display-only">
                    <pre class="code-display" tabindex="0" role="group" aria-label="Code example"><code>{d.code.clone()}</code></pre>
                    <figcaption>"Not runnable here: " {d.reason.clone()}</figcaption>
                    {d.recorded.clone().map(|out| view! {
                        <p class="recorded-label">"Output recorded from CPython:"</p>
                        <pre class="output recorded" tabindex="0" role="group" aria-label="Recorded output">{out}</pre>
                    })}
                </figure>
            }
            .into_any(),
            Block::Choice(c) => view! { <ChoiceQuestion choice=c.clone() /> }.into_any(),
            Block::Predict(p) => view! { <PredictQuestion predict=p.clone() /> }.into_any(),
            Block::Exercise(e) => view! { <ExerciseTask exercise=e.clone() /> }.into_any(),
            Block::Card(c) => view! { <crate::card::ExplainCard card=c.clone() /> }.into_any(),
        })
        .collect_view()
}

/// Code and tables in the prose scroll sideways on narrow screens rather than widening the page,
/// and keyboard readers must be able to focus them to scroll them (the lesson HTML is the
/// course's own, rendered at build time, so plain string replacement is safe here).
fn scrollable_prose(html: &str) -> String {
    html.replace("<pre>", r#"<pre tabindex="0" role="group" aria-label="Code example">"#)
        .replace("<table>", r#"<div class="table-scroll" tabindex="0" role="group" aria-label="Table"><table>"#)
        .replace("</table>", "</table></div>")
}

fn lesson_view(index: usize, lesson: &'static Lesson) -> impl IntoView {
    let lessons = &course().lessons;
    let prev = index.checked_sub(1).and_then(|i| lessons.get(i));
    let next = lessons.get(index + 1);
    let mut chain = vec![];
    let intro = render_blocks(&lesson.intro, &mut chain);
    let sections = lesson
        .sections
        .iter()
        .map(|section| {
            let body = render_blocks(&section.blocks, &mut chain);
            view! {
                <section id=section.id.clone() aria-labelledby=format!("h-{}", section.id)>
                    <h2 id=format!("h-{}", section.id)>
                        {section.title.clone()}
                        <a class="anchor" href=format!("#{}", section.id) aria-label=format!("Link to {}", section.title)>"#"</a>
                    </h2>
                    {body}
                </section>
            }
        })
        .collect_view();
    let toc = lesson
        .sections
        .iter()
        .map(|s| view! { <li><a href=format!("#{}", s.id)>{s.title.clone()}</a></li> })
        .collect_view();
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{} — Dunder", lesson.title));
    }
    // Deep links (#section) must survive reload: scroll once the sections exist.
    request_animation_frame(scroll_to_hash);
    view! {
        <div class="lesson-layout">
            <nav class="toc" aria-label="Sections">
                // Open beside the lesson on wide screens; on a phone it would be the whole first
                // screen, before the title, so there it starts closed.
                <details open=wide_screen()>
                    <summary class="toc-title">"In this lesson"</summary>
                    <ol>{toc}</ol>
                </details>
            </nav>
            <article class="lesson">
                <p class="lesson-kicker">{format!("Lesson {}", index + 1)}</p>
                <h1>{lesson.title.clone()}</h1>
                <crate::editor::EditorKeys />
                <div class="intro">{intro}</div>
                {sections}
                <nav class="prev-next" aria-label="Lessons">
                    {prev.map(|l| view! { <a rel="prev" href=crate::base::href(&format!("lesson/{}", l.slug))>"← " {l.title.clone()}</a> })}
                    <span></span>
                    {next.map(|l| view! { <a rel="next" href=crate::base::href(&format!("lesson/{}", l.slug))>{l.title.clone()} " →"</a> })}
                </nav>
            </article>
        </div>
    }
}

/// Wide enough for the sections list beside the lesson (the layout's breakpoint in style.css).
fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 961px)").ok().flatten())
        .is_none_or(|m| m.matches())
}

fn scroll_to_hash() {
    let Some(window) = web_sys::window() else { return };
    let hash = window.location().hash().unwrap_or_default();
    let id = hash.trim_start_matches('#');
    if id.is_empty() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
        return;
    }
    if let Some(el) = window.document().and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

#[component]
pub fn LessonPage(slug: String) -> impl IntoView {
    match lesson(&slug) {
        Some((index, lesson)) => view! { <main class="page">{lesson_view(index, lesson)}</main> }.into_any(),
        None => view! { <crate::NotFound /> }.into_any(),
    }
}
