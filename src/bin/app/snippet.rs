//! A runnable snippet inside a lesson: editor, Run / Stop / Reset, and its output.

use crate::editor::CodeEditor;
use crate::output_view::{OutputView, RunState};
use crate::inspect_panel::{InspectPanel, offers_inspect};
use crate::run_button::RunButton;
use crate::python::{self, Finish, VmState};
use dunder::runner::Program;
use leptos::prelude::*;

/// Lesson snippets get the default limit; the playground lets readers change theirs.
const TIME_LIMIT_S: f64 = 10.0;

/// Run `prefix` (earlier snippets of a chain, output discarded) and then `program`.
pub fn run_chain(
    prefix: Vec<String>,
    program: Program,
    on_output: python::OnOutput,
    on_finish: python::OnFinish,
) {
    if prefix.is_empty() {
        python::run(program, TIME_LIMIT_S, on_output, on_finish);
        return;
    }
    // The earlier snippets do not read input, but the last one may: the worker must be able to
    // ask before the chain starts (a fresh one later would lose the chain's globals).
    python::refresh_if_input_cannot_reach(&program);
    let mut rest = prefix;
    let first = rest.remove(0);
    let step = Program { source: first, ..Default::default() };
    run_prefix(step, rest, program, on_output, on_finish);
}

fn run_prefix(step: Program, rest: Vec<String>, program: Program, on_output: python::OnOutput, on_finish: python::OnFinish) {
    python::run(
        step,
        TIME_LIMIT_S,
        Box::new(|_| {}),
        Box::new(move |finish| match finish {
            Finish::Done { .. } => {
                let mut rest = rest;
                if rest.is_empty() {
                    python::run(Program { keep_globals: true, ..program }, TIME_LIMIT_S, on_output, on_finish);
                } else {
                    let next = Program { source: rest.remove(0), keep_globals: true, ..Default::default() };
                    run_prefix(next, rest, program, on_output, on_finish);
                }
            }
            other => on_finish(other),
        }),
    );
}

#[component]
pub fn Snippet(
    /// Saved-edit key and DOM id.
    id: String,
    original: String,
    #[prop(optional)] stdin: String,
    /// Earlier snippets this one builds on.
    #[prop(optional)]
    prefix: Vec<String>,
) -> impl IntoView {
    let code = RwSignal::new(crate::storage::load_code(&id).unwrap_or_else(|| original.clone()));
    let inspect_offered = offers_inspect(&id);
    let show_inspect = RwSignal::new(false);
    let inspect_prefix = prefix.clone();
    let inspect_stdin = stdin.clone();
    let state = RunState::new();
    let RunState { log, finished, error_line, waiting } = state;
    let ran = RwSignal::new(false);
    let vm = python::state();
    let save_id = id.clone();
    Effect::new(move |first: Option<()>| {
        let current = code.get();
        if first.is_some() {
            crate::storage::save_code(&save_id, &current);
        }
    });

    let run = Callback::new(move |()| {
        ran.set(true);
        let (on_output, on_finish) = state.start();
        let program = Program { source: code.get_untracked(), stdin: stdin.clone(), interactive: true, ..Default::default() };
        run_chain(prefix.clone(), program, on_output, on_finish);
    });
    let show_share = RwSignal::new(None::<(String, String)>);
    let embed_fragment = {
        // Lesson snippet ids are "<slug>/run-<n>".
        let (slug, n) = id.split_once("/run-").unwrap_or((&id, "1"));
        format!("lesson={slug}&snippet={n}")
    };
    let reset_original = original.clone();
    let reset_id = id.clone();
    let status = Signal::derive(move || match (vm.get(), finished.get(), ran.get()) {
        (VmState::Running, _, true) if finished.get().is_none() => "Running…".into(),
        (_, Some(text), _) => text,
        (VmState::Starting, None, true) => "Starting Python…".into(),
        _ => String::new(),
    });

    view! {
        <div class="snippet" id=id.replace('/', "-")>
            <CodeEditor code=code error_line=error_line.into() on_run=run label="Python code" />
            <div class="toolbar">
                <RunButton on_run=run />
                <button on:click=move |_| python::stop()
                    disabled=move || !(vm.get() == VmState::Running && finished.get().is_none() && ran.get())>"Stop"</button>
                <button on:click=move |_| {
                    code.set(reset_original.clone());
                    crate::storage::forget_code(&reset_id);
                    error_line.set(None);
                } disabled=move || code.with(|c| *c == original)>"Reset"</button>
                {inspect_offered.then(|| view! {
                    <button aria-expanded=move || show_inspect.get().to_string()
                        on:click=move |_| show_inspect.update(|s| *s = !*s)>"Inspect"</button>
                })}
                <button on:click=move |_| {
                    let link = crate::links::playground_link(&code.get_untracked());
                    show_share.set(Some(("Link (opens in the playground without running)".into(), link)));
                }>"Share"</button>
                <button on:click=move |_| {
                    let html = crate::links::embed_html(&embed_fragment, "Runnable Python from Dunder");
                    show_share.set(Some(("Embed: paste this HTML into your page".into(), html)));
                }>"Embed"</button>
            </div>
            {move || show_share.get().map(|(label, text)| view! {
                <label class="share-box">{label}
                    <textarea readonly rows="3" prop:value=text on:focus=move |ev| {
                        let area: web_sys::HtmlTextAreaElement = event_target(&ev);
                        area.select();
                    }></textarea>
                </label>
            })}
            <Show when=move || ran.get()>
                <OutputView log=log status=status waiting=waiting />
            </Show>
            {move || show_inspect.get().then(|| view! {
                <InspectPanel code=code stdin=Signal::stored(inspect_stdin.clone()) prefix=inspect_prefix.clone() />
            })}
        </div>
    }
}
