//! The scratchpad (`play`): free Python with stdin and a time limit.

use crate::editor::CodeEditor;
use crate::output_view::{OutputView, RunState};
use crate::inspect_panel::InspectPanel;
use crate::run_button::RunButton;
use crate::python::{self, VmState};
use dunder::runner::Program;
use leptos::prelude::*;

const WELCOME: &str = "\
# Write Python here and press Run (or Ctrl+Enter).
import sys

name = input(\"Your name? \")
print(f\"Hello, {name}! This is Python {sys.version_info.major}.{sys.version_info.minor}.\")
";

/// The code a share link carries, if the page was opened from one (never run automatically).
fn shared_code() -> (Option<String>, Option<String>) {
    let fragment = crate::links::fragment();
    match dunder::share::fragment_param(&fragment, "code") {
        None => (None, None),
        Some(encoded) => match dunder::share::decode(encoded) {
            Ok(code) => (Some(code), None),
            Err(message) => (None, Some(message)),
        },
    }
}

#[component]
pub fn Play() -> impl IntoView {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title("Playground — Dunder");
    }
    let (shared, link_problem) = shared_code();
    let from_link = shared.is_some();
    // A damaged link opens an empty editor (with the message), not someone else's example.
    let start_code = match (&shared, &link_problem) {
        (Some(code), _) => code.clone(),
        (None, Some(_)) => String::new(),
        (None, None) => WELCOME.to_owned(),
    };
    let code = RwSignal::new(start_code);
    let share_link = RwSignal::new(None::<String>);
    // Where the program cannot ask as it runs (see input_answer), what input() reads is typed
    // in advance in a box instead, and the page says why.
    let interactive = crate::input_answer::interactive_expected();
    let stdin = RwSignal::new(if interactive { String::new() } else { "Ada\n".to_owned() });
    let limit_s = RwSignal::new(10.0_f64);
    // Opt-in: tracing every line makes a run many times slower.
    let count_steps = RwSignal::new(false);
    let state = RunState::new();
    let RunState { log, finished, error_line, waiting } = state;
    let vm = python::state();

    // A link can open the Inspect tab (`&view=inspect`); nothing runs until the reader asks.
    let opens_inspect = dunder::share::fragment_param(&crate::links::fragment(), "view") == Some("inspect");
    let inspecting = RwSignal::new(opens_inspect);
    let run = Callback::new(move |()| {
        inspecting.set(false);
        let (on_output, on_finish) = state.start();
        // In the fallback the page promised that input() reads the box: it keeps that promise
        // for as long as the box is shown, even once the service worker takes over.
        let program = Program {
            source: code.get_untracked(),
            stdin: stdin.get_untracked(),
            interactive,
            count_steps: count_steps.get_untracked(),
            ..Default::default()
        };
        python::run(program, limit_s.get_untracked(), on_output, on_finish);
    });

    let status = Signal::derive(move || match (vm.get(), finished.get()) {
        (VmState::Broken, _) => format!("Python could not start: {}", python::broken_message().get()),
        (VmState::Running, _) => "Running…".into(),
        (_, Some(text)) => text,
        (VmState::Starting, None) => "Starting Python…".into(),
        (VmState::Ready, None) => "Ready.".into(),
    });

    view! {
        <main class="page play">
            <h1>"Playground"</h1>
            {link_problem.map(|message| view! { <p class="banner" role="alert">{message}</p> })}
            {from_link.then(|| view! {
                <p class="banner" role="status">"This code came from a shared link. It has not run: read it, then press Run if you want to."</p>
            })}
            <div class="workbench">
                <div class="left">
                    <CodeEditor code=code error_line=error_line.into() on_run=run label="Python code" />
                    <div class="toolbar">
                        <RunButton on_run=run disabled=Signal::derive(move || vm.get() == VmState::Broken) />
                        <button on:click=move |_| python::stop() disabled=move || vm.get() != VmState::Running>"Stop"</button>
                        <button on:click=move |_| {
                            let link = crate::links::playground_link(&code.get_untracked());
                            share_link.set(Some(if inspecting.get_untracked() { format!("{link}&view=inspect") } else { link }));
                        }>"Share"</button>
                        <label class="limit">"Time limit (s) "
                            <input type="number" min="1" max="600" step="1"
                                prop:value=move || limit_s.get().to_string()
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                        limit_s.set(v.clamp(1.0, 600.0));
                                    }
                                } />
                        </label>
                        <label class="count-steps" title="Counts each line of Python as it starts to run (sys.settrace): the same count on every run, unlike a stopwatch. Runs are much slower while counting.">
                            <input type="checkbox" prop:checked=move || count_steps.get()
                                on:change=move |ev| count_steps.set(event_target_checked(&ev)) />
                            " Count steps"
                        </label>
                    </div>
                    <crate::editor::EditorKeys />
                    {move || share_link.get().map(|link| view! {
                        <label class="share-box">"Link to this code (it opens without running)"
                            <input type="text" readonly prop:value=link on:focus=move |ev| {
                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                input.select();
                            } />
                        </label>
                    })}
                    {(!interactive).then(|| view! {
                        <p class="input-fallback" id="input-fallback-why">
                            "This browser session cannot pause a program to ask you for input yet (Dunder's offline "
                            "support starts with the next page load). Until then, input() reads the lines you give here in advance."
                        </p>
                        <label class="stdin">"Input given in advance (what input() reads, line by line)"
                            <textarea rows="3" spellcheck="false" aria-describedby="input-fallback-why"
                                prop:value=move || stdin.get()
                                on:input=move |ev| stdin.set(event_target_value(&ev))></textarea>
                        </label>
                    })}
                </div>
                <div class="results">
                    <div class="result-tabs" role="tablist" aria-label="Results">
                        <button role="tab" id="tab-output" aria-controls="panel-output"
                            aria-selected=move || (!inspecting.get()).to_string()
                            on:click=move |_| inspecting.set(false)>"Output"</button>
                        <button role="tab" id="tab-inspect" aria-controls="panel-inspect"
                            aria-selected=move || inspecting.get().to_string()
                            on:click=move |_| inspecting.set(true)>"Inspect"</button>
                    </div>
                    <div role="tabpanel" id="panel-output" aria-labelledby="tab-output" hidden=move || inspecting.get()>
                        <OutputView log=log status=status waiting=waiting />
                    </div>
                    <div role="tabpanel" id="panel-inspect" aria-labelledby="tab-inspect" hidden=move || !inspecting.get()>
                        <InspectPanel code=code stdin=stdin.into() heading=true />
                    </div>
                </div>
            </div>
        </main>
    }
}
