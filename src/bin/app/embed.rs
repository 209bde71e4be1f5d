//! The embed page: one runnable snippet (a lesson's, or shared code) with no site chrome, for an
//! `<iframe>` in a blog post. Code never runs before the reader presses Run, and edits are not
//! saved (the embed lives on someone else's page).

use crate::course::lesson;
use crate::editor::CodeEditor;
use crate::links;
use crate::output_view::{OutputView, RunState};
use crate::python::{self, VmState};
use dunder::lesson::Block;
use dunder::runner::Program;
use dunder::share;
use leptos::prelude::*;

/// What the fragment asks for: `code=…`, or `lesson=<slug>&snippet=<n>`.
fn requested_code(fragment: &str) -> Result<(String, String), String> {
    if let Some(encoded) = share::fragment_param(fragment, "code") {
        return share::decode(encoded).map(|code| (code, "Shared Python code".to_owned()));
    }
    let slug = share::fragment_param(fragment, "lesson").ok_or("This embed link names no code.")?;
    let n: usize = share::fragment_param(fragment, "snippet")
        .and_then(|n| n.parse().ok())
        .ok_or("This embed link names no snippet number.")?;
    let (_, lesson) = lesson(slug).ok_or_else(|| format!("There is no lesson called “{slug}”."))?;
    lesson
        .blocks()
        .filter_map(|b| match b {
            Block::Runnable(r) => Some(r.code.clone()),
            _ => None,
        })
        .nth(n.saturating_sub(1))
        .map(|code| (code, format!("{} — snippet {n}", lesson.title)))
        .ok_or_else(|| format!("Lesson “{}” has no snippet {n}.", lesson.title))
}

/// Tell the host page how tall we are (the embed HTML's listener resizes the iframe).
fn report_height() {
    let Some(window) = web_sys::window() else { return };
    let height = window.document().and_then(|d| d.body()).map_or(0, |b| b.scroll_height());
    if let Ok(Some(parent)) = window.parent()
        && !js_sys::Object::is(&parent, &window)
    {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"dunder:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &(height + 2).into());
        let _ = parent.post_message(&message, "*");
    }
}

#[component]
pub fn Embed() -> impl IntoView {
    let fragment = links::fragment();
    if let Some(theme) = share::fragment_param(&fragment, "theme").filter(|t| matches!(*t, "light" | "dark")) {
        crate::theme::apply(Some(theme));
    }
    let (original, title, problem) = match requested_code(&fragment) {
        Ok((code, title)) => (code, title, None),
        Err(message) => (String::new(), "Python".to_owned(), Some(message)),
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} — Dunder"));
    }
    let code = RwSignal::new(original.clone());
    let state = RunState::new();
    let RunState { log, finished, error_line, waiting } = state;
    let vm = python::state();
    let run = Callback::new(move |()| {
        let (on_output, on_finish) = state.start();
        python::run(Program { source: code.get_untracked(), interactive: true, ..Default::default() }, 10.0, on_output, on_finish);
    });
    let status = Signal::derive(move || match (vm.get(), finished.get()) {
        (VmState::Running, _) => "Running…".into(),
        (_, Some(text)) => text,
        (VmState::Starting, None) => "Starting Python…".into(),
        _ => String::new(),
    });
    Effect::new(move |_| {
        log.track();
        finished.track();
        request_animation_frame(report_height);
    });
    let open_link = links::playground_link(&original);
    view! {
        <main class="embed">
            {problem.map(|message| view! { <p class="banner" role="alert">{message}</p> })}
            <CodeEditor code=code error_line=error_line.into() on_run=run label="Python code" />
            <div class="toolbar">
                <button class="primary" on:click=move |_| run.run(())>"Run"</button>
                <button on:click=move |_| python::stop() disabled=move || vm.get() != VmState::Running>"Stop"</button>
                <button on:click=move |_| code.set(original.clone())>"Reset"</button>
                <a class="open-full" href=open_link target="_blank" rel="noopener">"Open in Dunder"</a>
            </div>
            <OutputView log=log status=status waiting=waiting />
            <crate::editor::EditorKeys />
        </main>
    }
}
