//! The Python worker: owns the RustPython interpreter, runs programs the page sends, and
//! streams their output back. It lives in a Web Worker so a busy program never freezes the
//! page, and Stop is simply `worker.terminate()` on the page's side.

#[cfg(target_arch = "wasm32")]
mod input_channel;

// Talc instead of Rust's default wasm allocator (dlmalloc): the interpreter allocates on every
// frame, object and string, and bench/RESULTS.md measures the difference. Only the worker: the
// UI bundle allocates little. (Not with wasm threads, which this build does not use.)
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
mod worker {
    use dunder::protocol::{FromWorker, ToWorker};
    use dunder::runner::{Runner, clock};
    use std::cell::RefCell;
    use wasm_bindgen::{JsCast, prelude::*};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    pub(crate) fn post(message: &FromWorker) {
        let json = serde_json::to_string(message).expect("protocol messages serialise");
        // Posting only fails if the page has gone away; nothing useful is left to do then.
        let _ = scope().post_message(&JsValue::from_str(&json));
    }

    thread_local! {
        static RUNNER: RefCell<Option<Runner>> = const { RefCell::new(None) };
    }

    pub fn start() {
        console_error_panic_hook::set_once();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            // Protocol JSON, or `[json, object]` when a message carries what JSON cannot
            // (the shared input memory).
            let data = event.data();
            let (json, extra) = if js_sys::Array::is_array(&data) {
                let parts = js_sys::Array::from(&data);
                (parts.get(0).as_string(), Some(parts.get(1)))
            } else {
                (data.as_string(), None)
            };
            let Some(json) = json else { return };
            match serde_json::from_str::<ToWorker>(&json) {
                Ok(ToWorker::Run { id, program }) => run(id, program),
                Ok(ToWorker::Inspect { id, program, request }) => inspect(id, program, request),
                Ok(ToWorker::InputChannel { channel }) => crate::input_channel::set(channel, extra),
                Err(error) => post(&FromWorker::Broken { message: format!("bad message: {error}") }),
            }
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();

        let started = clock::monotonic_ns();
        match Runner::new() {
            Ok(runner) => {
                RUNNER.with(|r| *r.borrow_mut() = Some(runner));
                let startup_ms = (clock::monotonic_ns() - started) as f64 / 1e6;
                post(&FromWorker::Ready { startup_ms });
                schedule_prefetch();
            }
            Err(message) => post(&FromWorker::Broken { message }),
        }
    }

    /// Once start-up is over and the first run (usually right behind it) has had its turn,
    /// fetch the bundle of commonly imported stdlib modules, so the first traceback or
    /// `import asyncio` does not wait for dozens of single requests. Waiting keeps those
    /// bytes off the path to the reader's first output.
    fn schedule_prefetch() {
        const DELAY_MS: i32 = 1500;
        let fetch = Closure::once_into_js(|| {
            wasm_bindgen_futures::spawn_local(async {
                if let Err(error) = prefetch().await {
                    // Not fatal: every module can still be fetched on its own when imported.
                    web_sys::console::warn_1(&format!("stdlib prefetch failed: {error}").into());
                }
            })
        });
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(fetch.unchecked_ref(), DELAY_MS);
    }

    async fn prefetch() -> Result<(), String> {
        use wasm_bindgen_futures::JsFuture;
        let describe = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
        let response: web_sys::Response = JsFuture::from(scope().fetch_with_str("pylib/prefetch.bin"))
            .await
            .map_err(describe)?
            .unchecked_into();
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(describe)?).await.map_err(describe)?;
        dunder::runner::lazy_stdlib::add_prefetched(&js_sys::Uint8Array::new(&buffer).to_vec()).map(|_| ())
    }

    fn run(id: u32, program: dunder::runner::Program) {
        RUNNER.with(|r| {
            let guard = r.borrow();
            let Some(runner) = guard.as_ref() else {
                post(&FromWorker::Broken { message: "Python is not running".into() });
                return;
            };
            let started = clock::monotonic_ns();
            let sink = move |stream, text: &str| post(&FromWorker::Output { id, stream, text: text.to_owned() });
            let outcome = runner.run_with_input(&program, sink, Some(crate::input_channel::source(id)));
            // The time the reader took to type is not the program's.
            let busy_ns = (clock::monotonic_ns() - started).saturating_sub(dunder::runner::input::waited_ns());
            let elapsed_ms = busy_ns as f64 / 1e6;
            post(&FromWorker::Done { id, outcome, elapsed_ms });
        });
    }

    fn inspect(id: u32, program: dunder::runner::Program, request: dunder::inspect::InspectRequest) {
        RUNNER.with(|r| {
            let guard = r.borrow();
            let Some(runner) = guard.as_ref() else {
                post(&FromWorker::Broken { message: "Python is not running".into() });
                return;
            };
            let started = clock::monotonic_ns();
            // The program already showed its output in the run the reader saw; this run's copy is dropped.
            match runner.inspect(&program, &request, |_, _| {}) {
                Ok(report) => {
                    let elapsed_ms = (clock::monotonic_ns() - started) as f64 / 1e6;
                    post(&FromWorker::Inspected { id, report, elapsed_ms });
                }
                Err(message) => post(&FromWorker::InspectFailed { id, message }),
            }
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
