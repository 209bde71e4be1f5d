//! Keyboard shortcuts of the practice pages (Review, Mock, Class), over whatever question is
//! shown in `.practice-item`: number keys pick an option, Enter submits (or goes on to the next
//! question), Space reveals a card's model answer, 1–4 grade it. The shortcuts press the very
//! buttons a mouse would (marked `data-key`, `data-submit`, `data-reveal`, `data-grade`,
//! `data-next`), so both ways do the same thing. While the reader is typing, only Ctrl/Cmd+Enter
//! submits.

use gloo::events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

fn item() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.query_selector(".practice-item").ok().flatten()
}

/// The first enabled element matching `selector` in the current question.
fn find(selector: &str) -> Option<HtmlElement> {
    let list = item()?.query_selector_all(selector).ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|e| !e.has_attribute("disabled"))
}

fn typing() -> bool {
    let Some(active) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()) else { return false };
    let tag = active.tag_name().to_ascii_lowercase();
    let text_input = tag == "input" && !matches!(active.get_attribute("type").as_deref(), Some("radio" | "checkbox" | "button"));
    tag == "textarea" || text_input || active.closest("[contenteditable=true], .cm-editor").ok().flatten().is_some()
}

fn focused_control() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| matches!(e.tag_name().to_ascii_lowercase().as_str(), "button" | "a" | "summary" | "select"))
}

fn press(element: Option<HtmlElement>, event: &KeyboardEvent) {
    if let Some(element) = element {
        event.prevent_default();
        element.click();
        if element.get_attribute("type").as_deref() == Some("radio") {
            let _ = element.focus();
        }
    }
}

fn on_key(event: &KeyboardEvent) {
    if event.alt_key() || event.default_prevented() {
        return;
    }
    let key = event.key();
    let command = event.ctrl_key() || event.meta_key();
    if typing() {
        if command && key == "Enter" {
            press(find("[data-submit]"), event);
        }
        return;
    }
    if command {
        return;
    }
    // Enter and Space on a focused button or link already press it.
    if matches!(key.as_str(), "Enter" | " ") && focused_control() {
        return;
    }
    match key.as_str() {
        "Enter" => press(find("[data-submit]").or_else(|| find("[data-next]")), event),
        " " => press(find("[data-reveal]"), event),
        digit if digit.len() == 1 && digit.as_bytes()[0].is_ascii_digit() => {
            let grade = find(&format!("[data-grade=\"{digit}\"]"));
            press(grade.or_else(|| find(&format!("[data-key=\"{digit}\"]"))), event);
        }
        _ => {}
    }
}

/// Listen while the calling component lives.
pub fn install() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let listener = EventListener::new_with_options(&document, "keydown", EventListenerOptions::enable_prevent_default(), |event| {
        if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
            on_key(event);
        }
    });
    let listener = StoredValue::new_local(Some(listener));
    on_cleanup(move || listener.update_value(|l| drop(l.take())));
}
