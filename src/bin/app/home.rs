//! The home page: the course outline with progress, and a search over the lessons.

use crate::course::course;
use crate::storage;
use dunder::lesson::{Block, Lesson};
use leptos::prelude::*;

/// The quiz questions and exercises of a lesson, and how many the reader has done.
fn progress(lesson: &Lesson) -> (usize, usize) {
    let ids: Vec<&str> = lesson
        .blocks()
        .filter_map(|b| match b {
            Block::Choice(c) => Some(c.id.as_str()),
            Block::Predict(p) => Some(p.id.as_str()),
            Block::Exercise(e) => Some(e.id.as_str()),
            Block::Card(c) => Some(c.id.as_str()),
            _ => None,
        })
        .collect();
    let done = ids.iter().filter(|id| storage::solved(id)).count();
    (done, ids.len())
}

/// Lower-case searchable text of a lesson (HTML tags dropped).
fn search_text(lesson: &Lesson) -> String {
    let mut text = format!("{} {} ", lesson.title, lesson.summary);
    for section in &lesson.sections {
        text.push_str(&section.title);
        text.push(' ');
        for block in &section.blocks {
            if let Block::Html { html } = block {
                let mut in_tag = false;
                for c in html.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' => {
                            in_tag = false;
                            text.push(' ');
                        }
                        c if !in_tag => text.push(c),
                        _ => {}
                    }
                }
            }
        }
    }
    text.to_lowercase()
}

#[component]
pub fn Home() -> impl IntoView {
    crate::set_title("Dunder — live Python interview lessons");
    let due = storage::read(|p| dunder::practice::schedule::due_count(p, crate::questions::all(), crate::clock::now()));
    let query = RwSignal::new(String::new());
    let index: Vec<(usize, String)> = course().lessons.iter().enumerate().map(|(i, l)| (i, search_text(l))).collect();
    let visible = move |i: usize| {
        let q = query.get().to_lowercase();
        q.trim().is_empty() || q.split_whitespace().all(|word| index[i].1.contains(word))
    };
    let items = course()
        .lessons
        .iter()
        .enumerate()
        .map(|(i, lesson)| {
            let (done, total) = progress(lesson);
            let href = crate::base::href(&format!("lesson/{}", lesson.slug));
            let sections = lesson
                .sections
                .iter()
                .map(|s| view! { <li><a href=format!("{href}#{}", s.id)>{s.title.clone()}</a></li> })
                .collect_view();
            let visible = visible.clone();
            let complete = total > 0 && done == total;
            view! {
                <li class="lesson-card" class:complete=complete style:display=move || if visible(i) { "" } else { "none" }>
                    <h2><a href=href.clone()>{format!("{}. {}", i + 1, lesson.title)}</a></h2>
                    <p>{lesson.summary.clone()}</p>
                    <p class="progress" aria-label=format!("{done} of {total} questions done")>
                        <progress max=total value=done></progress>
                        {format!(" {done}/{total} done")}
                    </p>
                    <details><summary>"Sections"</summary><ol>{sections}</ol></details>
                </li>
            }
        })
        .collect_view();
    view! {
        <main class="page narrow">
            <h1>"Dunder"</h1>
            <p class="lead">"Python interview lessons for senior and staff engineers. Every snippet runs in your browser: edit it, run it, break it."</p>
            <p class="home-links">
                <a class="button primary" href=crate::base::href("review")>{match due {
                    0 => "Review: nothing due now".to_owned(),
                    1 => "Review: 1 question due".to_owned(),
                    n => format!("Review: {n} questions due"),
                }}</a>
                <a class="button" href=crate::base::href("mock")>"Mock interview"</a>
                <a class="button" href=crate::base::href("progress")>"Your progress"</a>
                <a href=crate::base::href("play")>"Open the playground"</a>
            </p>
            <label class="search">"Search lessons "
                <input type="search" placeholder="e.g. descriptors, GIL, except*"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <ol class="outline">{items}</ol>
            <crate::progress_file::ProgressFile />
        </main>
    }
}
