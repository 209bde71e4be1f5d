//! The Output region: streamed program output, stderr and runner notices shown apart.

use crate::python::{Finish, OnFinish, OnOutput, RunEvent};
use dunder::runner::{Ending, output::Stream};
use leptos::prelude::*;

/// The chunks of one run's output (the runner's own transcript type).
pub use dunder::runner::output::Transcript as OutputLog;

#[component]
pub fn OutputView(
    log: RwSignal<OutputLog>,
    status: Signal<String>,
    /// Set while the program waits in `input()`: the field to answer it appears under the output.
    #[prop(optional)]
    waiting: Option<RwSignal<bool>>,
) -> impl IntoView {
    let waiting = waiting.unwrap_or_else(|| RwSignal::new(false));
    let status = Signal::derive(move || {
        if waiting.get() { "Waiting for your input: type a line and press Enter (Ctrl+D ends the input).".to_owned() } else { status.get() }
    });
    let status_line = NodeRef::<leptos::html::P>::new();
    // On a phone the output is below the editor: when a run starts or ends, scroll just enough
    // that the status line (the panel's bottom edge) is on screen. Not inside an embed, where
    // scrolling would move the host's page.
    Effect::new(move |previous: Option<String>| {
        let now = status.get();
        let running = "Running…";
        if previous.is_some_and(|p| p != now && (p == running || now == running))
            && let Some(line) = status_line.get_untracked()
        {
            // After this change has reached the DOM: the new status may be taller than the old.
            gloo::timers::callback::Timeout::new(0, move || scroll_into_view_if_needed(&line)).forget();
        }
        now
    });
    view! {
        <section class="output-panel" aria-label="Output panel">
            <pre class="output" role="log" aria-live="polite" aria-label="Output" tabindex="0">
                {move || {
                    log.with(|log| {
                        log.0
                            .iter()
                            .map(|(stream, text)| {
                                let class = match stream {
                                    Stream::Stdout => "stdout",
                                    Stream::Stderr => "stderr",
                                    Stream::Notice => "notice",
                                    Stream::Input => "typed",
                                };
                                view! { <span class=class>{text.clone()}</span> }
                            })
                            .collect_view()
                    })
                }}
            </pre>
            <Show when=move || waiting.get()>
                <crate::input_line::InputLine log=log />
            </Show>
            <p class="run-status" role="status" node_ref=status_line>{move || status.get()}</p>
        </section>
    }
}

/// `element.scrollIntoView({ block: "nearest" })`: no scroll when it is already visible.
/// (Called by name: web-sys would need two more features for the options type.)
fn scroll_into_view_if_needed(element: &web_sys::HtmlElement) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    if window.top().ok().flatten().is_some_and(|top| !js_sys::Object::is(&top, &window)) {
        return;
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
    if let Ok(scroll) = js_sys::Reflect::get(element, &"scrollIntoView".into()).and_then(|f| f.dyn_into::<js_sys::Function>().map_err(Into::into)) {
        let _ = scroll.call1(element, &options);
    }
}

/// The state of one run as the page shows it: its output, how it ended, the line to mark.
#[derive(Clone, Copy)]
pub struct RunState {
    pub log: RwSignal<OutputLog>,
    pub finished: RwSignal<Option<String>>,
    pub error_line: RwSignal<Option<u32>>,
    /// The program waits in `input()` for the reader.
    pub waiting: RwSignal<bool>,
}

impl RunState {
    pub fn new() -> Self {
        RunState {
            log: RwSignal::new(OutputLog::default()),
            finished: RwSignal::new(None),
            error_line: RwSignal::new(None),
            waiting: RwSignal::new(false),
        }
    }

    /// Clear the last run and get the callbacks that fill in this one.
    pub fn start(self) -> (OnOutput, OnFinish) {
        self.log.set(OutputLog::default());
        self.finished.set(None);
        self.error_line.set(None);
        self.waiting.set(false);
        let on_output: OnOutput = Box::new(move |event| match event {
            RunEvent::Output(stream, text) => self.log.update(|l| l.push(stream, &text)),
            RunEvent::WaitingForInput(waiting) => self.waiting.set(waiting),
        });
        let on_finish: OnFinish = Box::new(move |finish| {
            self.waiting.set(false);
            self.finished.set(Some(describe_finish(&finish, self.error_line)));
        });
        (on_output, on_finish)
    }
}

/// A plain-language line for how a run ended; `error_line` gets the line to mark.
pub fn describe_finish(finish: &Finish, error_line: RwSignal<Option<u32>>) -> String {
    match finish {
        Finish::Done { outcome, elapsed_ms } => {
            let time = format_ms(*elapsed_ms);
            let steps = outcome.steps.map(|s| format!(" {} (lines of Python run).", s.describe())).unwrap_or_default();
            let ending = match &outcome.ending {
                Ending::Completed => format!("Finished in {time}."),
                Ending::Exited { code } => format!("Exited with status {code} after {time}."),
                Ending::Failed { line: Some(line) } => {
                    error_line.set(Some(*line));
                    format!("Error on line {line} (after {time}).")
                }
                Ending::Failed { line: None } => format!("Error (after {time})."),
            };
            ending + &steps
        }
        Finish::Stopped => "Stopped. Python restarted.".into(),
        Finish::TimedOut { limit_s } => {
            format!("Stopped: the program ran longer than the {limit_s} s time limit. Python restarted.")
        }
        // A WebAssembly VM that runs out of memory dies with a bare "unreachable" trap.
        Finish::Crashed { message } => {
            format!("Python crashed, most likely out of memory ({message}), and was restarted.")
        }
    }
}

fn format_ms(ms: f64) -> String {
    if ms < 1000.0 { format!("{ms:.0} ms") } else { format!("{:.2} s", ms / 1000.0) }
}
