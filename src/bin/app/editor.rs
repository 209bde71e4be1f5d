//! A plain code editor: a textarea with a line-number gutter that can mark one line
//! (the failing line of a traceback). Tab indents, Ctrl/Cmd+Enter runs.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

#[component]
pub fn CodeEditor(
    code: RwSignal<String>,
    /// The 1-based line to mark as failing, if any.
    error_line: Signal<Option<u32>>,
    /// Called on Ctrl/Cmd+Enter.
    on_run: Callback<()>,
    /// Accessible name of the editor.
    #[prop(into)]
    label: String,
    /// Fit the editor to this many lines (0: the stylesheet's default height).
    #[prop(optional)]
    rows: u32,
) -> impl IntoView {
    let height = (rows > 0).then(|| format!("height: calc({}em * 1.5 + 1.2rem)", rows.clamp(3, 30)));
    let line_count = move || code.with(|c| c.split('\n').count().max(1));
    let gutter_ref = NodeRef::<leptos::html::Div>::new();

    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            on_run.run(());
        } else if event.key() == "Tab" && !event.shift_key() && !event.ctrl_key() && !event.alt_key() {
            // Indent with four spaces; Escape then Tab leaves the editor (see below).
            event.prevent_default();
            insert_at_cursor(&event, "    ", code);
        }
    };

    view! {
        <div class="editor" style=height>
            <div class="gutter" aria-hidden="true" node_ref=gutter_ref>
                {move || {
                    let marked = error_line.get();
                    (1..=line_count())
                        .map(|n| {
                            let failing = marked == Some(n as u32);
                            view! { <div class:error-line=failing>{n}</div> }
                        })
                        .collect_view()
                }}
            </div>
            <textarea
                class="code"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                aria-label=label
                prop:value=move || code.get()
                on:input=move |ev| code.set(event_target_value(&ev))
                on:keydown=on_keydown
                on:scroll=move |ev| {
                    let area: web_sys::HtmlTextAreaElement = event_target(&ev);
                    if let Some(gutter) = gutter_ref.get() {
                        gutter.set_scroll_top(area.scroll_top());
                    }
                }
            ></textarea>
        </div>
    }
}

fn insert_at_cursor(event: &KeyboardEvent, text: &str, code: RwSignal<String>) {
    let area: web_sys::HtmlTextAreaElement = event_target(event);
    let value = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    // Selection offsets count UTF-16 units.
    let units: Vec<u16> = value.encode_utf16().collect();
    let (start, end) = (start.min(units.len()), end.min(units.len()));
    let mut next: Vec<u16> = units[..start].to_vec();
    next.extend(text.encode_utf16());
    next.extend_from_slice(&units[end..]);
    let next = String::from_utf16_lossy(&next);
    area.set_value(&next);
    let cursor = (start + text.encode_utf16().count()) as u32;
    let _ = area.set_selection_range(cursor, cursor);
    code.set(next);
}
