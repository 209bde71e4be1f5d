//! The page's end of interactive `input()` (the worker's is src/bin/worker/input_channel.rs):
//! choose how the blocked worker will get the reader's line, and deliver it.

use dunder::protocol::{InputChannel, ToWorker, input_memory as memory};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Worker;

/// How one worker's `input()` gets its answers.
#[derive(Clone)]
pub enum PageChannel {
    /// Cross-origin isolated pages: shared memory the worker waits on.
    Shared(js_sys::SharedArrayBuffer),
    /// Everywhere else: a message to the service worker, which holds the worker's request.
    ServiceWorker,
}

/// A program blocked in `input()`, and where its answer goes.
pub struct Waiting {
    pub channel: PageChannel,
    /// The service worker's key for the held request (None for shared memory).
    pub key: Option<String>,
}

impl Waiting {
    /// Hand over `line` (None: end of input) and wake the worker.
    pub fn answer(self, line: Option<String>) {
        match (self.channel, self.key) {
            (PageChannel::Shared(buffer), _) => write_shared(&buffer, line.as_deref()),
            (PageChannel::ServiceWorker, Some(key)) => post_to_service_worker(key, line),
            // The worker asked without a key on a service-worker channel: nothing can reach it
            // (it cannot happen with this build's worker); Stop still works.
            (PageChannel::ServiceWorker, None) => {}
        }
    }
}

fn global_has(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).is_ok_and(|v| !v.is_undefined())
}

/// Shared memory needs both isolation and the constructor (WebKitGTK has no
/// `SharedArrayBuffer` at all, isolated or not).
fn can_share_memory() -> bool {
    let isolated = js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into()).is_ok_and(|v| v.as_bool() == Some(true));
    isolated && global_has("SharedArrayBuffer")
}

/// How a new worker's `input()` will be answered on this page.
pub fn choose_channel() -> PageChannel {
    if can_share_memory() {
        PageChannel::Shared(js_sys::SharedArrayBuffer::new(memory::DATA_OFFSET + memory::CAPACITY))
    } else {
        PageChannel::ServiceWorker
    }
}

/// Tell the worker its channel. Only once it is Ready: before its wasm has started it has no
/// message handler yet, and a message then is lost.
pub fn offer_channel(worker: &Worker, channel: &PageChannel) {
    let message: JsValue = match channel {
        PageChannel::Shared(buffer) => js_sys::Array::of2(&protocol_json(InputChannel::SharedMemory).into(), buffer).into(),
        PageChannel::ServiceWorker => protocol_json(InputChannel::ServiceWorker).into(),
    };
    let _ = worker.post_message(&message);
}

fn protocol_json(channel: InputChannel) -> String {
    serde_json::to_string(&ToWorker::InputChannel { channel }).expect("serialisable")
}

/// Whether a program here can ask the reader as it runs; if not (no isolation, and the service
/// worker does not control this page yet: the first visit), pages offer a box filled in advance.
pub fn interactive_expected() -> bool {
    can_share_memory() || page_is_controlled()
}

/// Whether the service worker controls this page now (so it can hold a worker's `input()`).
pub fn page_is_controlled() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let container = window.navigator().service_worker();
    !container.is_undefined() && container.controller().is_some()
}

fn write_shared(buffer: &js_sys::SharedArrayBuffer, line: Option<&str>) {
    let cells = js_sys::Int32Array::new_with_byte_offset_and_length(buffer, 0, 2);
    let state = match line {
        Some(line) => {
            let bytes = cut_at_char_boundary(line, memory::CAPACITY as usize).as_bytes();
            js_sys::Uint8Array::new_with_byte_offset_and_length(buffer, memory::DATA_OFFSET, bytes.len() as u32).copy_from(bytes);
            let _ = js_sys::Atomics::store(&cells, memory::LENGTH_INDEX, bytes.len() as i32);
            memory::LINE
        }
        None => memory::END,
    };
    // The state last: the worker reads the length only once it sees the new state.
    let _ = js_sys::Atomics::store(&cells, memory::STATE_INDEX, state);
    let _ = js_sys::Atomics::notify(&cells, memory::STATE_INDEX);
}

fn cut_at_char_boundary(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn post_to_service_worker(key: String, line: Option<String>) {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    if container.is_undefined() {
        return;
    }
    let Ok(ready) = container.ready() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        let Some(service_worker) = registration.active() else { return };
        let message = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&message, &k.into(), &v);
        };
        set("type", "dunder-input".into());
        set("key", key.into());
        set("end", line.is_none().into());
        set("line", line.unwrap_or_default().into());
        let _ = service_worker.post_message(&message);
    });
}
