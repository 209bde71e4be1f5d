//! Export progress to a file and import it back (a classroom moves between machines).

use crate::storage;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, prelude::*};

fn download(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // Revoking at once can cancel the download before the browser has read the blob.
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(10));
}

#[component]
pub fn ProgressFile() -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let on_file = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let Ok(reader) = web_sys::FileReader::new() else { return };
        let done = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            let reader: web_sys::FileReader = ev.target().expect("reader").unchecked_into();
            let text = reader.result().ok().and_then(|r| r.as_string()).unwrap_or_default();
            match storage::import_json(&text) {
                Ok(()) => {
                    // Every page reads progress when it renders: reload to show the imported state.
                    let _ = web_sys::window().map(|w| w.location().reload());
                }
                Err(problem) => message.set(Some(problem)),
            }
        });
        reader.set_onload(Some(done.as_ref().unchecked_ref()));
        done.forget();
        let _ = reader.read_as_text(&file);
    };
    view! {
        <section class="progress-file" aria-labelledby="progress-file-title">
            <h2 id="progress-file-title">"Your progress"</h2>
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
