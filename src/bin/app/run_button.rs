//! The Run button of play and lesson snippets.
//!
//! While Python starts, its text stays "Run": a dot pulses beside the word and its accessible
//! name says Python is starting. A longer label ("Run (starting Python…)") used to shrink back
//! when the VM was ready, which moved Stop, Reset and Share under a reader's finger just as
//! they tapped (and made the phone tests tap the wrong button).

use crate::python::{self, VmState};
use leptos::prelude::*;

#[component]
pub fn RunButton(on_run: Callback<()>, #[prop(optional, into)] disabled: Signal<bool>) -> impl IntoView {
    let vm = python::state();
    let starting = move || vm.get() == VmState::Starting;
    view! {
        <button class="primary run" class:starting=starting
            aria-label=move || if starting() { "Run (Python is starting; the run begins when it is ready)" } else { "Run" }
            on:click=move |_| on_run.run(()) disabled=move || disabled.get()>"Run"</button>
    }
}
