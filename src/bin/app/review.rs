//! Review: the questions due now (spaced repetition, scheduled by `dunder::practice::schedule`
//! from the attempt history), then a few new ones, one at a time and keyboard-driven. A wrong
//! answer shows its explanation and a link to the lesson section.

use crate::attempt::{Answered, Mode, Place};
use crate::{clock, keys, practice_item, questions, storage};
use dunder::practice::{dashboard, schedule};
use leptos::prelude::*;

/// New (never tried) questions offered after the due ones, per session.
const NEW_PER_SESSION: usize = 5;

#[component]
pub fn Review() -> impl IntoView {
    crate::set_title("Review — Dunder");
    keys::install();
    let now = clock::now();
    let (queue, due_now, due_tomorrow) = storage::read(|p| {
        let all = questions::all();
        let due_per_day = dashboard::due_per_day(p, all, now, 2);
        (schedule::review_queue(p, all, now, NEW_PER_SESSION), schedule::due_count(p, all, now), due_per_day.get(1).copied().unwrap_or(0))
    });
    let queue = StoredValue::new(queue);
    let total = queue.with_value(Vec::len);
    let position = RwSignal::new(0usize);
    let answered = RwSignal::new(None::<Answered>);
    let right = RwSignal::new(0u32);
    let on_answer = Callback::new(move |a: Answered| {
        if crate::attempt::counts_as_right(&a.outcome) {
            right.update(|r| *r += 1);
        }
        answered.set(Some(a));
    });
    let mode = Mode::practice(Place::Review, true, on_answer);
    let next = move || {
        answered.set(None);
        position.update(|p| *p += 1);
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    };
    let lead = match (due_now, total) {
        (_, 0) => "Nothing to review yet: answer questions in the lessons, and they come back here when they are due.".to_owned(),
        (0, n) => format!("Nothing is due now; here are {n} new questions to start on."),
        (due, n) if n > due => format!("{due} due now, then {} new.", n - due),
        (due, _) => format!("{due} due now."),
    };
    view! {
        <main class="page narrow practice">
            <h1>"Review"</h1>
            <p class="lead">{lead}</p>
            <p class="keys-help">"Keys: " <kbd>"1"</kbd>"–"<kbd>"9"</kbd>" pick an option · "<kbd>"Enter"</kbd>" submit, then next · "
                <kbd>"Space"</kbd>" show a card's answer · "<kbd>"1"</kbd>"–"<kbd>"4"</kbd>" grade it · "<kbd>"Ctrl"</kbd>"+"<kbd>"Enter"</kbd>" submit while typing"</p>
            {move || {
                let at = position.get();
                match queue.with_value(|q| q.get(at).cloned()) {
                    Some(id) => view! {
                        <p class="counter" aria-live="polite">{format!("Question {} of {total}", at + 1)}</p>
                        {practice_item::question(&id, mode, true)}
                        <Show when=move || answered.get().is_some()>
                            {
                                // Focus moves to Next: the answered control is disabled now, and a
                                // disabled element gets no key presses (Enter would do nothing).
                                let button = NodeRef::<leptos::html::Button>::new();
                                Effect::new(move |_| if let Some(b) = button.get() { let _ = b.focus(); });
                                view! {
                            <div class="toolbar next">
                                <button class="primary" data-next="" node_ref=button on:click=move |_| next()>
                                    {if at + 1 < total { "Next question" } else { "Finish" }}
                                    <span class="key-hint" aria-hidden="true">"Enter"</span>
                                </button>
                            </div>
                                }
                            }
                        </Show>
                    }
                    .into_any(),
                    None if total == 0 => view! {
                        <p><a href=crate::base::href("")>"Go to the course"</a>" · "<a href=crate::base::href("mock")>"Try a mock interview"</a></p>
                    }
                    .into_any(),
                    None => view! {
                        <section class="review-done" aria-live="polite">
                            <h2>"Review done"</h2>
                            <p>{format!("{} of {total} right or graded Good/Easy.", right.get_untracked())}</p>
                            <p>{format!("Due tomorrow: {due_tomorrow}.")}</p>
                            <p><a href=crate::base::href("progress")>"See your progress"</a>" · "<a href=crate::base::href("mock")>"Try a mock interview"</a></p>
                        </section>
                    }
                    .into_any(),
                }
            }}
        </main>
    }
}
