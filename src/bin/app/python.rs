//! The page's side of the Python worker: start it, run programs, stop them.
//!
//! Stop and the time limit both terminate the worker and start a fresh one: a WebAssembly VM
//! cannot be interrupted from outside, and `terminate()` always works, whatever the program
//! is doing (an infinite loop, deep recursion, a long sleep).

use dunder::inspect::{InspectReport, InspectRequest};
use dunder::protocol::{FromWorker, ToWorker};
use dunder::runner::{Program, RunOutcome, output::Stream};
use leptos::prelude::*;
use std::{cell::RefCell, time::Duration};
use wasm_bindgen::{JsCast, prelude::*};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the interpreter is doing, for buttons and status lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmState {
    Starting,
    Ready,
    Running,
    /// The interpreter failed to start; the message is in `broken_message`.
    Broken,
}

/// How a run ended, as the page sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Finish {
    Done { outcome: RunOutcome, elapsed_ms: f64 },
    Stopped,
    TimedOut { limit_s: f64 },
    /// The worker died (for example it ran out of memory); a fresh one is starting.
    Crashed { message: String },
}

/// What a run reports while it goes.
pub enum RunEvent {
    Output(Stream, String),
    /// The program waits in `input()` (true) or got its answer (false).
    WaitingForInput(bool),
}

pub type OnOutput = Box<dyn FnMut(RunEvent)>;
pub type OnFinish = Box<dyn FnOnce(Finish)>;
/// An Inspect run's answer: the report and how long the worker took, or the inspector's message.
pub type OnReport = Box<dyn FnOnce(Result<(InspectReport, f64), String>)>;

/// What the worker is asked to do with a program.
enum Job {
    Run(Program),
    /// Run it afresh under the object-model observer (the Inspect view).
    Inspect(Program, InspectRequest),
}

struct Active {
    id: u32,
    on_output: OnOutput,
    on_finish: OnFinish,
    limit_s: f64,
    /// The time limit's clock: it runs only while the program does, not while it waits for input.
    timer: Option<TimeoutHandle>,
    budget_ms: f64,
    resumed_at_ms: f64,
    /// Set while the program waits in `input()`: where the answer goes.
    waiting: Option<crate::input_answer::Waiting>,
    /// For an Inspect run: where its report goes (Stop, the limit and crashes go to `on_finish`).
    on_report: Option<OnReport>,
}

struct Client {
    worker: Worker,
    /// How this worker's `input()` gets its answers.
    input: crate::input_answer::PageChannel,
    ready: bool,
    next_id: u32,
    active: Option<Active>,
    /// A run asked for while Python was still starting.
    queued: Option<(Job, f64)>,
    /// Whether the service worker controlled the page when this worker started (only then can
    /// it hold this worker's `input()` requests).
    controlled: bool,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    // Arc-backed so they outlive every component (see router::CURRENT); callers get handles.
    static STATE: ArcRwSignal<VmState> = ArcRwSignal::new(VmState::Starting);
    static BROKEN: ArcRwSignal<String> = ArcRwSignal::new(String::new());
}

pub fn state() -> RwSignal<VmState> {
    STATE.with(|s| RwSignal::from(s.clone()))
}

pub fn broken_message() -> RwSignal<String> {
    BROKEN.with(|s| RwSignal::from(s.clone()))
}

// Used from worker callbacks, which run outside any reactive owner: no handle needed there.
fn set_state(state: VmState) {
    STATE.with(|s| s.set(state));
}

fn current_state() -> VmState {
    STATE.with(|s| s.get_untracked())
}

fn set_broken(message: String) {
    BROKEN.with(|s| s.set(message));
}

/// Start the worker if it is not running yet (idempotent).
pub fn start() {
    let running = CLIENT.with(|c| c.borrow().is_some());
    if !running {
        spawn();
    }
}

/// On a first visit the service worker takes control of the page only after the Python worker
/// has started, so that worker's `input()` cannot reach it. Before a program that may read input
/// runs, swap in a fresh worker if the service worker has taken over since (only then, and only
/// while idle: swapping eagerly at `controllerchange` booted a second VM in every fresh page,
/// which slowed first runs in Firefox and WebKit for programs that never read a line).
/// `program` is the one that will read; a chain of runs passes its last one. A checked run
/// (not interactive) reads only the stdin it was given, so it never needs the swap.
pub fn refresh_if_input_cannot_reach(program: &Program) {
    let source = &program.source;
    let may_read = program.interactive && (source.contains("input") || source.contains("stdin"));
    let stale = CLIENT.with(|c| {
        c.borrow().as_ref().is_some_and(|client| {
            client.active.is_none()
                && !client.controlled
                && matches!(client.input, crate::input_answer::PageChannel::ServiceWorker)
        })
    });
    if may_read && stale && crate::input_answer::page_is_controlled() {
        if let Some(old) = CLIENT.with(|c| c.borrow_mut().take()) {
            old.worker.terminate();
        }
        spawn();
    }
}

fn spawn() {
    let worker = match new_worker() {
        Ok(worker) => worker,
        Err(message) => {
            set_broken(message);
            set_state(VmState::Broken);
            return;
        }
    };
    set_state(VmState::Starting);
    let input = crate::input_answer::choose_channel();
    CLIENT.with(|c| {
        *c.borrow_mut() = Some(Client { worker, input, ready: false, next_id: 1, active: None, queued: None, controlled: crate::input_answer::page_is_controlled() })
    });
}

/// The worker that index.html's inline script started while the page loaded (once), with the
/// messages and errors it has sent so far.
fn adopt_early_worker() -> Option<(Worker, Vec<JsValue>, Vec<String>)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("dunderEarlyWorker");
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let worker: Worker = js_sys::Reflect::get(&early, &"worker".into()).ok()?.dyn_into().ok()?;
    let list = |name: &str| js_sys::Reflect::get(&early, &name.into()).ok().map(|v| js_sys::Array::from(&v).to_vec()).unwrap_or_default();
    let errors = list("errors").iter().map(|e| e.as_string().unwrap_or_default()).collect();
    Some((worker, list("messages"), errors))
}

fn new_worker() -> Result<Worker, String> {
    let (worker, early_messages, early_errors) = match adopt_early_worker() {
        Some(early) => early,
        None => {
            // Trunk builds workers as classic scripts (wasm-bindgen's no-modules output).
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Classic);
            let worker = Worker::new_with_options(&crate::base::file("worker_loader.js"), &options)
                .map_err(|e| format!("could not start the Python worker: {e:?}"))?;
            (worker, vec![], vec![])
        }
    };

    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| receive(event.data()));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        event.prevent_default();
        crashed(event.message());
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();

    // What the early worker said before we listened: handled once the client is in place.
    if !early_messages.is_empty() || !early_errors.is_empty() {
        let replay = Closure::once_into_js(move || {
            early_messages.into_iter().for_each(receive);
            for error in early_errors {
                crashed(error);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(replay.unchecked_ref(), 0);
        }
    }
    Ok(worker)
}

/// A message event's data from the worker: protocol JSON.
fn receive(data: JsValue) {
    if let Some(json) = data.as_string() {
        match serde_json::from_str::<FromWorker>(&json) {
            Ok(message) => handle(message),
            Err(error) => web_sys::console::error_1(&format!("bad worker message: {error}").into()),
        }
    }
}

fn handle(message: FromWorker) {
    match message {
        FromWorker::Ready { .. } => {
            let queued = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                let client = c.as_mut()?;
                client.ready = true;
                // Before any run, so the worker knows how to wait when a program asks for input.
                crate::input_answer::offer_channel(&client.worker, &client.input);
                client.queued.take()
            });
            set_state(VmState::Ready);
            if let Some((job, limit_s)) = queued {
                send(job, limit_s);
            }
        }
        FromWorker::Broken { message } => {
            set_broken(message);
            set_state(VmState::Broken);
        }
        FromWorker::Output { id, stream, text } => {
            // Take the callback out while calling it: it updates signals, which may re-enter.
            let active = take_active(id);
            if let Some(mut active) = active {
                (active.on_output)(RunEvent::Output(stream, text));
                put_back(active);
            }
        }
        FromWorker::Done { id, outcome, elapsed_ms } => {
            if let Some(active) = take_active(id) {
                set_state(VmState::Ready);
                finish(active, Finish::Done { outcome, elapsed_ms });
            }
        }
        FromWorker::InputWanted { id, key } => {
            let channel = CLIENT.with(|c| c.borrow().as_ref().map(|client| client.input.clone()));
            if let (Some(mut active), Some(channel)) = (take_active(id), channel) {
                // The reader's typing time is not the program's: the limit's clock pauses.
                if let Some(timer) = active.timer.take() {
                    timer.clear();
                }
                active.budget_ms -= now_ms() - active.resumed_at_ms;
                active.waiting = Some(crate::input_answer::Waiting { channel, key });
                (active.on_output)(RunEvent::WaitingForInput(true));
                put_back(active);
            }
        }
        FromWorker::Inspected { id, report, elapsed_ms } => reported(id, Ok((report, elapsed_ms))),
        FromWorker::InspectFailed { id, message } => reported(id, Err(message)),
    }
}

/// An Inspect run ended with its report (or the inspector's own failure).
fn reported(id: u32, result: Result<(InspectReport, f64), String>) {
    if let Some(active) = take_active(id) {
        set_state(VmState::Ready);
        if let Some(timer) = active.timer {
            timer.clear();
        }
        if let Some(on_report) = active.on_report {
            on_report(result);
        }
    }
}

/// Answer the running program's `input()`: a line, or `None` for end of input (Ctrl+D).
pub fn answer_input(line: Option<String>) {
    let active = CLIENT.with(|c| c.borrow_mut().as_mut().and_then(|client| client.active.take()));
    let Some(mut active) = active else { return };
    if let Some(waiting) = active.waiting.take() {
        waiting.answer(line);
        active.resumed_at_ms = now_ms();
        active.timer = arm_time_limit(active.limit_s, active.budget_ms);
        (active.on_output)(RunEvent::WaitingForInput(false));
    }
    put_back(active);
}

fn put_back(active: Active) {
    CLIENT.with(|c| {
        if let Some(client) = c.borrow_mut().as_mut() {
            client.active = Some(active);
        }
    });
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn take_active(id: u32) -> Option<Active> {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let client = c.as_mut()?;
        if client.active.as_ref().is_some_and(|a| a.id == id) { client.active.take() } else { None }
    })
}

fn finish(active: Active, how: Finish) {
    if let Some(timer) = active.timer {
        timer.clear();
    }
    (active.on_finish)(how);
}

/// Run `program`; `on_output` gets its output as it is written, `on_finish` how it ended.
/// A run already in progress is stopped first.
pub fn run(program: Program, limit_s: f64, on_output: OnOutput, on_finish: OnFinish) {
    submit(Job::Run(program), limit_s, on_output, on_finish, None);
}

/// Run `program` afresh under the object-model observer and hand its report to `on_report`
/// (its output is not shown: the reader saw it in their own run). Stop, the time limit and a
/// crash end it through `on_finish`, as for a run.
pub fn inspect(program: Program, request: InspectRequest, limit_s: f64, on_report: OnReport, on_finish: OnFinish) {
    submit(Job::Inspect(program, request), limit_s, Box::new(|_| {}), on_finish, Some(on_report));
}

fn submit(job: Job, limit_s: f64, on_output: OnOutput, on_finish: OnFinish, on_report: Option<OnReport>) {
    if current_state() == VmState::Running {
        stop();
    }
    start();
    // A run that keeps globals continues a chain, whose first run did this check for it.
    if let Job::Run(program) = &job
        && !program.keep_globals
    {
        refresh_if_input_cannot_reach(program);
    }
    let placeholder = Active {
        id: 0,
        on_output,
        on_finish,
        limit_s,
        timer: None,
        budget_ms: limit_s * 1000.0,
        resumed_at_ms: 0.0,
        waiting: None,
        on_report,
    };
    let job = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let client = c.as_mut().expect("started above");
        client.active = Some(placeholder);
        if client.ready {
            Some(job)
        } else {
            client.queued = Some((job, limit_s));
            None
        }
    });
    if let Some(job) = job {
        send(job, limit_s);
    }
}

/// Stop the run once it has used `budget_ms` of its `limit_s` (the rest of its budget, after
/// waits for input).
fn arm_time_limit(limit_s: f64, budget_ms: f64) -> Option<TimeoutHandle> {
    set_timeout_with_handle(
        move || {
            if current_state() == VmState::Running {
                end_with(Finish::TimedOut { limit_s });
            }
        },
        Duration::from_secs_f64(budget_ms.max(0.0) / 1000.0),
    )
    .ok()
}

fn send(job: Job, limit_s: f64) {
    let timer = arm_time_limit(limit_s, limit_s * 1000.0);
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(client) = c.as_mut() else { return };
        let id = client.next_id;
        client.next_id += 1;
        if let Some(active) = client.active.as_mut() {
            active.id = id;
            active.timer = timer;
            active.budget_ms = limit_s * 1000.0;
            active.resumed_at_ms = now_ms();
        }
        let message = match job {
            Job::Run(program) => ToWorker::Run { id, program },
            Job::Inspect(program, request) => ToWorker::Inspect { id, program, request },
        };
        let json = serde_json::to_string(&message).expect("serialisable");
        let _ = client.worker.post_message(&JsValue::from_str(&json));
    });
    set_state(VmState::Running);
}

/// Stop the running program now (the worker is replaced by a fresh one).
pub fn stop() {
    end_with(Finish::Stopped);
}

fn crashed(message: String) {
    let message = if message.is_empty() { "the Python worker stopped unexpectedly".to_owned() } else { message };
    end_with(Finish::Crashed { message });
}

fn end_with(how: Finish) {
    let old = CLIENT.with(|c| c.borrow_mut().take());
    if let Some(old) = old {
        old.worker.terminate();
        spawn();
        if let Some(active) = old.active {
            finish(active, how);
        }
    }
}
