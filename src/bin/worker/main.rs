//! The Python worker: owns the RustPython interpreter, runs programs the page sends, and
//! streams their output back. It lives in a Web Worker so a busy program never freezes the
//! page, and Stop is simply `worker.terminate()` on the page's side.

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

    fn post(message: &FromWorker) {
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
            let Some(json) = event.data().as_string() else { return };
            match serde_json::from_str::<ToWorker>(&json) {
                Ok(ToWorker::Run { id, program }) => run(id, program),
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
            }
            Err(message) => post(&FromWorker::Broken { message }),
        }
    }

    fn run(id: u32, program: dunder::runner::Program) {
        RUNNER.with(|r| {
            let guard = r.borrow();
            let Some(runner) = guard.as_ref() else {
                post(&FromWorker::Broken { message: "Python is not running".into() });
                return;
            };
            let started = clock::monotonic_ns();
            let outcome = runner.run(&program, move |stream, text| {
                post(&FromWorker::Output { id, stream, text: text.to_owned() });
            });
            let elapsed_ms = (clock::monotonic_ns() - started) as f64 / 1e6;
            post(&FromWorker::Done { id, outcome, elapsed_ms });
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
