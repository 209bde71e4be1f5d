//! An explain-it card: the reader answers in their own words (typed, or aloud), reveals the
//! model answer, and grades themselves Again / Hard / Good / Easy — the grade schedules the card's
//! next review. Keyboard (on the practice pages, see keys.rs): Space reveals, 1–4 grade.

use crate::attempt::{Mode, Stopwatch, read_again};
use crate::storage;
use dunder::lesson::{Block, Card};
use dunder::practice::catalogue::Kind;
use dunder::practice::history::{Grade, Outcome};
use leptos::prelude::*;

const GRADES: [(Grade, &str, &str); 4] = [
    (Grade::Again, "Again", "I could not explain it"),
    (Grade::Hard, "Hard", "I got there, with gaps"),
    (Grade::Good, "Good", "I explained it"),
    (Grade::Easy, "Easy", "Without a pause"),
];

#[component]
pub fn ExplainCard(
    card: Card,
    #[prop(optional)] mode: Mode,
    /// Show the card's demo snippet (card.demo) after the answer: on the practice pages. In a
    /// lesson the demo is the runnable snippet right below the card already.
    #[prop(optional)]
    with_demo: bool,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let revealed = RwSignal::new(false);
    let graded = RwSignal::new(None::<usize>);
    let watch = Stopwatch::new(mode.once);
    let id = StoredValue::new(card.id.clone());
    let done = RwSignal::new(storage::solved(&card.id));
    let reveal = move || {
        watch.start();
        revealed.set(true);
    };
    let grade = move |i: usize| {
        if mode.once && graded.get_untracked().is_some() {
            return;
        }
        graded.set(Some(i));
        let g = GRADES[i].0.clone();
        if matches!(g, Grade::Good | Grade::Easy) {
            done.set(true);
        }
        let answer = Some(typed.get_untracked()).filter(|t| !t.trim().is_empty());
        mode.answered(&id.get_value(), Kind::Card, Outcome::SelfGraded(g), answer, watch.lap());
    };
    let demo = with_demo
        .then(|| card.demo.clone())
        .flatten()
        .and_then(|demo| demo_snippet(&demo));
    // It demonstrates the answer, so it comes with it.
    let demo = move || {
        revealed.get().then(|| demo.clone()).flatten().map(|(demo_id, code)| view! {
            <p class="card-label">"See it run"</p>
            <crate::snippet::Snippet id=demo_id original=code />
        })
    };
    let answer_html = card.answer_html.clone();
    view! {
        <div class="quiz card-question" class:done=move || done.get()
            on:pointerenter=move |_| watch.start() on:focusin=move |_| watch.start()>
            <p class="card-label">"Explain it"</p>
            <div class="question" inner_html=card.question_html.clone()></div>
            <label class="guess">"Your answer (type it, or say it aloud)"
                <textarea rows="3" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))></textarea>
            </label>
            <Show when=move || !revealed.get()>
                <div class="toolbar">
                    <button class="primary" data-reveal="" on:click=move |_| reveal()>
                        "Show the model answer"
                        {mode.once.then(|| view! { <span class="key-hint" aria-hidden="true">"Space"</span> })}
                    </button>
                </div>
            </Show>
            <Show when=move || revealed.get()>
                <div class="model-answer">
                    <p class="card-label">"Model answer"</p>
                    <div inner_html=answer_html.clone()></div>
                </div>
                <div class="grades" role="group" aria-label="How well did you explain it?">
                    {GRADES
                        .iter()
                        .enumerate()
                        .map(|(i, (_, label, hint))| view! {
                            <button data-grade=(i + 1).to_string() aria-pressed=move || (graded.get() == Some(i)).to_string()
                                disabled=move || mode.once && graded.get().is_some()
                                on:click=move |_| grade(i) title=*hint>
                                {mode.once.then(|| view! { <span class="key-hint" aria-hidden="true">{(i + 1).to_string()}</span> })}
                                {*label}
                            </button>
                        })
                        .collect_view()}
                </div>
                {move || graded.get().map(|i| view! {
                    <p class="verdict saved" role="status">{format!("Graded {}: it comes back for review accordingly.", GRADES[i].1)}</p>
                    {(i <= 1 && mode.once && mode.feedback).then(|| read_again(&id.get_value()))}
                })}
            </Show>
            {demo}
        </div>
    }
}

/// The code of a card's demo snippet (a `Runnable` in the same lesson), by its id.
fn demo_snippet(id: &str) -> Option<(String, String)> {
    crate::course::course().lessons.iter().flat_map(|l| l.blocks()).find_map(|b| match b {
        Block::Runnable(r) if r.id == id => Some((r.id.clone(), r.code.clone())),
        _ => None,
    })
}
