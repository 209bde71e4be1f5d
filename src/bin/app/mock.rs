//! A timed mock interview: pick a length and topics, answer a mixed set drawn by
//! `dunder::practice::mock::draw` (weighted towards weak and due questions) against a visible
//! timer, with no explanations until the end. The session is saved after every answer, so
//! leaving or reloading the page resumes it (the clock keeps running, as in an interview).

use crate::attempt::{Answered, Mode, Place};
use crate::mock_report::ReportView;
use crate::{clock, keys, practice_item, questions, storage};
use dunder::practice::catalogue;
use dunder::practice::mock::{self, MockAnswer, MockPlan, MockReport, MockSession};
use dunder::practice::history::Outcome;
use gloo::timers::callback::Interval;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The short length: a handful of questions, one of each kind where it can.
const QUICK_QUESTIONS: usize = 3;
const QUICK_MINUTES: u32 = 5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Length {
    Twenty,
    FortyFive,
    Quick,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Setup,
    Running,
    Report,
}

#[component]
pub fn Mock() -> impl IntoView {
    crate::set_title("Mock interview — Dunder");
    keys::install();
    let session = RwSignal::new(storage::read(|p| p.mock_in_progress.clone()));
    let report = RwSignal::new(None::<MockReport>);
    let phase = Memo::new(move |_| match (report.with(Option::is_some), session.with(Option::is_some)) {
        (true, _) => Phase::Report,
        (false, true) => Phase::Running,
        (false, false) => Phase::Setup,
    });
    let finish = Callback::new(move |()| {
        let Some(current) = session.get_untracked() else { return };
        let done = mock::finish(&current, questions::all(), clock::now());
        storage::update(|p| p.finish_mock(done.clone()));
        report.set(Some(done));
        session.set(None);
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    let start = Callback::new(move |s: MockSession| {
        storage::update(|p| p.mock_in_progress = Some(s.clone()));
        session.set(Some(s));
    });
    let again = Callback::new(move |()| report.set(None));
    view! {
        <main class="page narrow practice">
            <h1>"Mock interview"</h1>
            {move || match phase.get() {
                Phase::Setup => view! { <Setup start=start show=Callback::new(move |r| report.set(Some(r))) /> }.into_any(),
                Phase::Running => view! { <Running session=session finish=finish /> }.into_any(),
                Phase::Report => view! {
                    <ReportView report=report.get_untracked().expect("a report") />
                    <div class="toolbar">
                        <button class="primary" on:click=move |_| again.run(())>"Start another"</button>
                        <a class="button" href=crate::base::href("progress")>"See your progress"</a>
                    </div>
                }
                .into_any(),
            }}
        </main>
    }
}

/// One of each kind first (an interview mixes them), then the rest of the draw's order.
fn quick_pick(drawn: Vec<String>, count: usize) -> Vec<String> {
    let mut kinds = BTreeSet::new();
    let mut picked: Vec<String> = vec![];
    for id in &drawn {
        if let Some(q) = questions::find(id)
            && picked.len() < count
            && kinds.insert(format!("{:?}", q.kind))
        {
            picked.push(id.clone());
        }
    }
    for id in drawn {
        if picked.len() < count && !picked.contains(&id) {
            picked.push(id);
        }
    }
    picked
}

#[component]
fn Setup(start: Callback<MockSession>, show: Callback<MockReport>) -> impl IntoView {
    let length = RwSignal::new(Length::Twenty);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let problem = RwSignal::new(None::<String>);
    let topics = catalogue::topics(crate::course::course());
    let begin = move |_| {
        let now = clock::now();
        let (minutes, limit) = match length.get_untracked() {
            Length::Twenty => (20, None),
            Length::FortyFive => (45, None),
            Length::Quick => (QUICK_MINUTES, Some(QUICK_QUESTIONS)),
        };
        // The quick one draws from a 20-minute plan (so every kind is in the pool), then keeps a few.
        let plan = MockPlan { minutes: if limit.is_some() { 20 } else { minutes }, topics: chosen.get_untracked().into_iter().collect(), seed: now as u64 };
        let drawn = storage::read(|p| mock::draw(&plan, p, questions::all(), now));
        let drawn = match limit {
            Some(n) => quick_pick(drawn, n),
            None => drawn,
        };
        if drawn.is_empty() {
            problem.set(Some("Those topics have no questions yet: pick others.".into()));
            return;
        }
        start.run(MockSession::new(MockPlan { minutes, ..plan }, drawn, now));
    };
    let past = storage::read(|p| p.mocks.clone());
    let topic_boxes = topics
        .into_iter()
        .map(|(slug, title)| {
            let key = slug.clone();
            view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&key))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| if on { c.insert(slug.clone()); } else { c.remove(&slug); });
                        } />
                    {title}
                </label>
            }
        })
        .collect_view();
    let length_option = move |value: Length, label: &'static str| view! {
        <label class="check">
            <input type="radio" name="mock-length" prop:checked=move || length.get() == value on:change=move |_| length.set(value) />
            {label}
        </label>
    };
    view! {
        <p class="lead">"A mixed set against the clock — coding, predict-the-output, multiple choice and explain-it — drawn towards your weak and due topics. No explanations until the end."</p>
        <fieldset class="mock-length">
            <legend>"Length"</legend>
            {length_option(Length::Twenty, "20 minutes")}
            {length_option(Length::FortyFive, "45 minutes")}
            {length_option(Length::Quick, "Quick check: 3 questions, 5 minutes")}
        </fieldset>
        <fieldset class="mock-topics">
            <legend>"Topics " <span class="muted">"(none ticked = all)"</span></legend>
            <div class="topic-grid">{topic_boxes}</div>
        </fieldset>
        <div class="toolbar">
            <button class="primary" on:click=begin>"Start the interview"</button>
        </div>
        {move || problem.get().map(|m| view! { <p class="banner" role="alert">{m}</p> })}
        {(!past.is_empty()).then(|| view! {
            <section class="past-mocks" aria-labelledby="past-mocks-title">
                <h2 id="past-mocks-title">"Earlier mock interviews"</h2>
                <ul>
                    {past.into_iter().rev().map(|r| {
                        let label = format!("{} · {} min · {:.0}%", clock::date_label(r.finished), r.plan.minutes, r.score * 100.0);
                        view! { <li><button class="link" on:click=move |_| show.run(r.clone())>{label}</button></li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn Running(session: RwSignal<Option<MockSession>>, finish: Callback<()>) -> impl IntoView {
    let now = RwSignal::new(clock::now());
    let ticker = StoredValue::new_local(Some(Interval::new(1000, move || now.set(clock::now()))));
    on_cleanup(move || ticker.update_value(|t| drop(t.take())));
    let (deadline, count) = session.with_untracked(|s| s.as_ref().map_or((0, 0), |s| (s.deadline(), s.questions.len())));
    let current = Memo::new(move |_| session.with(|s| s.as_ref().and_then(MockSession::next_unanswered)));
    // Time is up, or every question answered: the report.
    Effect::new(move |_| {
        if session.with(Option::is_some) && (now.get() >= deadline || current.get().is_none()) {
            finish.run(());
        }
    });
    let shown_at = StoredValue::new(clock::performance_ms());
    let keep = move |i: usize, answer: MockAnswer| {
        let Some(mut next) = session.get_untracked() else { return };
        next.answer(i, answer);
        storage::update(|p| p.mock_in_progress = Some(next.clone()));
        // Move on after the answering component's own handler has finished.
        request_animation_frame(move || {
            shown_at.set_value(clock::performance_ms());
            session.set(Some(next));
        });
    };
    let remaining = move || (deadline - now.get()).max(0);
    view! {
        <div class="mock-bar">
            <p class="timer" role="timer" aria-label="Time left" class:low=move || remaining() < 60_000>
                {move || clock::minutes_seconds(remaining())}
            </p>
            <p class="counter">{move || current.get().map(|i| format!("Question {} of {count}", i + 1))}</p>
        </div>
        {move || current.get().map(|i| {
            let id = session.with_untracked(|s| s.as_ref().and_then(|s| s.questions.get(i).cloned())).unwrap_or_default();
            let on_answer = Callback::new(move |a: Answered| keep(i, MockAnswer { outcome: a.outcome, answer: a.answer, ms: a.ms }));
            let skip = move |_| {
                let ms = (clock::performance_ms() - shown_at.get_value()).max(0.0) as u32;
                keep(i, MockAnswer { outcome: Outcome::Wrong, answer: None, ms });
            };
            view! {
                {practice_item::question(&id, Mode::practice(Place::Mock, false, on_answer), false)}
                <div class="toolbar">
                    <button on:click=skip>"Skip (counts as a miss)"</button>
                    <button on:click=move |_| finish.run(())>"End the interview now"</button>
                </div>
            }
        })}
        <p class="keys-help">"Keys: " <kbd>"1"</kbd>"–"<kbd>"9"</kbd>" pick · "<kbd>"Enter"</kbd>" submit · "<kbd>"Space"</kbd>" show a card's answer · "<kbd>"1"</kbd>"–"<kbd>"4"</kbd>" grade it"</p>
    }
}
