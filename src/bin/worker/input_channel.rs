//! The worker's end of interactive `input()`: block until the reader answers, while the page
//! stays free. The page picks the channel once (`ToWorker::InputChannel`):
//! - shared memory where the page is cross-origin isolated: `Atomics.wait` until the page has
//!   written the line (`dunder::protocol::input_memory`);
//! - elsewhere a synchronous request that Dunder's service worker holds until the page posts
//!   the line to it (public/sw.js, `INPUT_ROUTE`), as futurecoder's `sync-message` does. Static
//!   hosts cannot send the headers isolation needs, and embeds live on other people's pages.
//! Where neither works (the very first visit, before the service worker controls the page),
//! the program is told why and reads end of file.

use crate::worker::post;
use dunder::protocol::{FromWorker, INPUT_ROUTE, InputChannel, input_memory as memory};
use dunder::runner::input::{InputReply, InputSource};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};

enum Channel {
    /// No channel message yet (or a page too old to send one).
    Unset,
    Shared(js_sys::SharedArrayBuffer),
    /// `works` is learnt from the first probe and kept: the worker's controller never changes.
    ServiceWorker { works: Option<Result<(), String>> },
}

thread_local! {
    static CHANNEL: RefCell<Channel> = const { RefCell::new(Channel::Unset) };
    static NEXT_KEY: Cell<u64> = const { Cell::new(0) };
}

/// The page's `ToWorker::InputChannel`; `extra` is the array message's second item.
pub fn set(channel: InputChannel, extra: Option<JsValue>) {
    let chosen = match channel {
        InputChannel::SharedMemory => match extra.and_then(|b| b.dyn_into::<js_sys::SharedArrayBuffer>().ok()) {
            Some(buffer) => Channel::Shared(buffer),
            None => Channel::ServiceWorker { works: None },
        },
        InputChannel::ServiceWorker => Channel::ServiceWorker { works: None },
    };
    CHANNEL.with(|c| *c.borrow_mut() = chosen);
}

/// What answers run `id`'s reads from stdin.
pub fn source(id: u32) -> InputSource {
    Box::new(move || next_line(id))
}

fn next_line(id: u32) -> InputReply {
    CHANNEL.with(|c| match &mut *c.borrow_mut() {
        Channel::Unset => InputReply::Unavailable("this page did not set up interactive input.".into()),
        Channel::Shared(buffer) => from_shared_memory(id, buffer),
        Channel::ServiceWorker { works } => {
            let status = works.get_or_insert_with(probe).clone();
            match status {
                Ok(()) => from_service_worker(id),
                Err(why) => InputReply::Unavailable(why),
            }
        }
    })
}

fn from_shared_memory(id: u32, buffer: &js_sys::SharedArrayBuffer) -> InputReply {
    let cells = js_sys::Int32Array::new_with_byte_offset_and_length(buffer, 0, 2);
    // Reset before asking, so an answer that arrives before we wait is not lost.
    let _ = js_sys::Atomics::store(&cells, memory::STATE_INDEX, memory::WAITING);
    post(&FromWorker::InputWanted { id, key: None });
    loop {
        match js_sys::Atomics::wait(&cells, memory::STATE_INDEX, memory::WAITING) {
            Ok(_) => {}
            Err(error) => return InputReply::Unavailable(format!("this browser refused to wait for it ({error:?}).")),
        }
        let state = js_sys::Atomics::load(&cells, memory::STATE_INDEX).unwrap_or(memory::WAITING);
        if state == memory::END {
            return InputReply::End;
        }
        if state == memory::LINE {
            let length = js_sys::Atomics::load(&cells, memory::LENGTH_INDEX).unwrap_or(0).clamp(0, memory::CAPACITY as i32) as u32;
            let bytes = js_sys::Uint8Array::new_with_byte_offset_and_length(buffer, memory::DATA_OFFSET, length).to_vec();
            return InputReply::Line(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
}

/// A synchronous GET under `INPUT_ROUTE`: (status, the `x-dunder-input` header, body).
fn request(path: &str) -> Result<(u16, Option<String>, String), String> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let url = web_sys::Url::new_with_base(&format!("{INPUT_ROUTE}{path}"), &scope.location().href())
        .map_err(|_| "bad input URL".to_owned())?;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| "no XMLHttpRequest".to_owned())?;
    xhr.open_with_async("GET", &url.href(), false).map_err(|e| format!("{e:?}"))?;
    xhr.send().map_err(|e| format!("{e:?}"))?;
    let status = xhr.status().map_err(|e| format!("{e:?}"))?;
    let header = xhr.get_response_header("x-dunder-input").ok().flatten();
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok((status, header, body))
}

fn probe() -> Result<(), String> {
    match request("probe") {
        Ok((200, Some(header), _)) if header == "ready" => Ok(()),
        // The request reached the server: no service worker is between us (the first visit,
        // or a browser that keeps workers out of its control).
        Ok(_) | Err(_) => Err("no service worker of Dunder's controls this page (on Dunder's own pages it does from the next page load; embeds never register one), so nothing can pause the program for you. Give the input in advance in the box the page offers.".into()),
    }
}

fn from_service_worker(id: u32) -> InputReply {
    let key = next_key();
    post(&FromWorker::InputWanted { id, key: Some(key.clone()) });
    loop {
        match request(&format!("wait/{key}")) {
            // The service worker lets a request go after a while (a browser may stop a worker
            // that holds one for minutes): ask again.
            Ok((204, _, _)) => continue,
            Ok((200, Some(kind), body)) if kind == "line" => return InputReply::Line(body),
            Ok((200, Some(kind), _)) if kind == "end" => return InputReply::End,
            Ok((status, _, _)) => return InputReply::Unavailable(format!("the service worker stopped answering (HTTP {status}).")),
            Err(error) => return InputReply::Unavailable(format!("the request for it failed ({error}).")),
        }
    }
}

/// Unique across workers and tabs that share the service worker: random, then a counter.
fn next_key() -> String {
    thread_local! {
        static PREFIX: String = {
            let mut bytes = [0u8; 8];
            let _ = getrandom::fill(&mut bytes);
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        };
    }
    let n = NEXT_KEY.with(|k| k.replace(k.get() + 1));
    PREFIX.with(|p| format!("{p}-{n}"))
}
