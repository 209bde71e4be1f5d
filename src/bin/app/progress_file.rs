//! Export progress to a file and import it back (a classroom moves between machines).

use crate::storage;
use gloo::file::{Blob, ObjectUrl, callbacks::FileReader};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn download(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let url = ObjectUrl::from(Blob::new_with_options(text, Some("application/json")));
    if let Ok(link) = document.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The URL is revoked when dropped; at once could cancel the download before the browser
    // has read the blob.
    Timeout::new(10_000, move || drop(url)).forget();
}

#[component]
pub fn ProgressFile() -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    // The reader in flight (dropping it would abort the read).
    let reading = StoredValue::new_local(None::<FileReader>);
    let on_file = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let file = gloo::file::File::from(file);
        let reader = gloo::file::callbacks::read_as_text(&file, move |text| {
            let result = text.map_err(|e| format!("The file could not be read ({e}). Nothing was imported.")).and_then(|text| storage::import_json(&text));
            match result {
                Ok(()) => {
                    // Every page reads progress when it renders: reload to show the imported state.
                    let _ = web_sys::window().map(|w| w.location().reload());
                }
                Err(problem) => message.set(Some(problem)),
            }
        });
        reading.set_value(Some(reader));
        // The same file again must fire `change` again.
        input.set_value("");
    };
    view! {
        <section class="progress-file" aria-labelledby="progress-file-title">
            <h2 id="progress-file-title">"Move your progress"</h2>
            <p>"Progress and edited code stay in this browser. Move them to another machine with a file:"</p>
            <div class="toolbar">
                <button on:click=move |_| download("dunder-progress.json", &storage::export_json())>"Export progress"</button>
                <label class="button">"Import progress"
                    <input type="file" accept="application/json,.json" class="visually-hidden" on:change=on_file />
                </label>
            </div>
            {move || message.get().map(|m| view! { <p class="banner" role="alert">{m}</p> })}
        </section>
    }
}
