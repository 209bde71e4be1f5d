//! The code editor: CodeMirror 6 (see `codemirror.js`) as a Leptos component. The Rust side keeps
//! the code in a signal; CodeMirror owns editing (Python indentation, brackets, undo, highlighting).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bin/app/codemirror.bundle.js")]
extern "C" {
    #[wasm_bindgen(js_name = createEditor)]
    fn create_editor(
        parent: &web_sys::HtmlElement,
        doc: &str,
        label: &str,
        read_only: bool,
        on_change: &Closure<dyn FnMut(String)>,
        on_run: &Closure<dyn FnMut()>,
    ) -> JsValue;
    #[wasm_bindgen(js_name = setDoc)]
    fn set_doc(view: &JsValue, text: &str);
    #[wasm_bindgen(js_name = markLine)]
    fn mark_line(view: &JsValue, line: u32);
    #[wasm_bindgen(js_name = destroyEditor)]
    fn destroy_editor(view: &JsValue);
}

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
    #[prop(optional)] read_only: bool,
) -> impl IntoView {
    let host = NodeRef::<leptos::html::Div>::new();
    // The view and its callbacks live as long as the component.
    let view = StoredValue::new_local(None::<(JsValue, Closure<dyn FnMut(String)>, Closure<dyn FnMut()>)>);

    Effect::new(move |_| {
        let Some(element) = host.get() else { return };
        if view.with_value(Option::is_some) {
            return;
        }
        let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| code.set(text));
        let on_run_js = Closure::<dyn FnMut()>::new(move || on_run.run(()));
        let editor = create_editor(&element, &code.get_untracked(), &label, read_only, &on_change, &on_run_js);
        view.set_value(Some((editor, on_change, on_run_js)));
    });
    // External changes (Reset, a loaded share link) flow into the editor.
    Effect::new(move |_| {
        let text = code.get();
        view.with_value(|v| {
            if let Some((editor, ..)) = v {
                set_doc(editor, &text);
            }
        });
    });
    Effect::new(move |_| {
        let line = error_line.get().unwrap_or(0);
        view.with_value(|v| {
            if let Some((editor, ..)) = v {
                mark_line(editor, line);
            }
        });
    });
    on_cleanup(move || {
        view.with_value(|v| {
            if let Some((editor, ..)) = v {
                destroy_editor(editor);
            }
        });
    });

    view! { <div class="editor" node_ref=host></div> }
}

/// The keyboard help every editor points at (`aria-describedby="editor-keys"`): one per page.
#[component]
pub fn EditorKeys() -> impl IntoView {
    view! {
        <p id="editor-keys" class="editor-keys">
            "Keyboard: " <kbd>"Ctrl"</kbd> "+" <kbd>"Enter"</kbd> " runs the code. In the editor " <kbd>"Tab"</kbd>
            " indents; press " <kbd>"Esc"</kbd> " then " <kbd>"Tab"</kbd> " (or " <kbd>"Shift"</kbd> "+" <kbd>"Tab"</kbd>
            ") to leave it. When the program asks for input, " <kbd>"Enter"</kbd> " sends the line and "
            <kbd>"Ctrl"</kbd> "+" <kbd>"D"</kbd> " ends the input."
        </p>
    }
}
