//! The field under a run's output while its program waits in `input()`: Enter sends the line,
//! Ctrl+D or "End input" ends the input (the program gets EOFError), Stop still stops it.

use crate::output_view::OutputLog;
use leptos::prelude::*;

/// The prompt the program printed last (the output's unfinished last line), for the field's name.
fn prompt(log: &OutputLog) -> String {
    let text: String = log.0.iter().map(|(_, t)| t.as_str()).collect();
    text.rsplit('\n').next().unwrap_or_default().trim().to_owned()
}

#[component]
pub fn InputLine(log: RwSignal<OutputLog>) -> impl IntoView {
    let field = NodeRef::<leptos::html::Input>::new();
    let typed = RwSignal::new(String::new());
    // The reader pressed Run and the program now asks them: the field takes the focus.
    Effect::new(move || {
        if let Some(input) = field.get() {
            let _ = input.focus();
        }
    });
    let label = move || {
        let prompt = log.with(prompt);
        if prompt.is_empty() { "Input for the program".to_owned() } else { format!("Input for the program: {prompt}") }
    };
    let send = move || crate::python::answer_input(Some(typed.get_untracked()));
    let end = move || crate::python::answer_input(None);
    view! {
        <form class="input-line" on:submit=move |ev| {
            ev.prevent_default();
            send();
        }>
            <input type="text" node_ref=field autocomplete="off" spellcheck="false" autocapitalize="off"
                aria-label=label
                aria-describedby="input-line-hint"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    // Ctrl+D, as in a terminal: end of input.
                    if ev.ctrl_key() && ev.key().eq_ignore_ascii_case("d") {
                        ev.prevent_default();
                        end();
                    }
                } />
            <button type="submit">"Send"</button>
            <button type="button" on:click=move |_| end()>"End input"</button>
            <span id="input-line-hint" class="visually-hidden">"Enter sends the line. Control D or End input ends the input."</span>
        </form>
    }
}
