//! How a question component answers: it records the attempt in the history, then tells the page
//! it sits in (a review moves on, a mock interview keeps the answer for its report). The same
//! components serve lessons, Review, Mock and Class; `Mode` says which, and how they behave.

use crate::clock;
use crate::storage;
use dunder::practice::catalogue::Kind;
use dunder::practice::history::{Attempt, Outcome, Source};
use leptos::prelude::*;

/// Where a question is being answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Lesson,
    Review,
    Mock,
    Class,
}

impl Place {
    fn source(self) -> Source {
        match self {
            Place::Lesson => Source::Lesson,
            Place::Review => Source::Review,
            Place::Mock => Source::Mock,
            Place::Class => Source::Class,
        }
    }
}

/// One answer, as the page is told about it.
#[derive(Clone, Debug)]
pub struct Answered {
    pub outcome: Outcome,
    pub answer: Option<String>,
    pub ms: u32,
}

#[derive(Clone, Copy)]
pub struct Mode {
    pub place: Place,
    /// Show the verdict and explanation right after answering (not during a mock interview
    /// or a class set: there they come at the end).
    pub feedback: bool,
    /// One answer per showing, given with a Submit button (or Enter), as in Review, Mock and
    /// Class; in lessons picking an option answers, and the reader may try again.
    pub once: bool,
    pub on_answer: Option<Callback<Answered>>,
}

impl Default for Mode {
    fn default() -> Self {
        Mode { place: Place::Lesson, feedback: true, once: false, on_answer: None }
    }
}

impl Mode {
    pub fn practice(place: Place, feedback: bool, on_answer: Callback<Answered>) -> Self {
        Mode { place, feedback, once: true, on_answer: Some(on_answer) }
    }

    /// Keep the attempt in the history, then tell the page.
    pub fn answered(&self, id: &str, kind: Kind, outcome: Outcome, answer: Option<String>, ms: u32) {
        let attempt = Attempt::new(kind, outcome, answer.as_deref(), ms, clock::now(), self.place.source());
        let answer = attempt.answer.clone();
        storage::record(id, attempt);
        if let Some(on_answer) = self.on_answer {
            on_answer.run(Answered { outcome, answer, ms });
        }
    }
}

/// Time taken on a question: from when the reader started on it (shown in Review/Mock/Class;
/// first pointed at or focused in a lesson, where questions sit in a long page) to the answer.
#[derive(Clone, Copy)]
pub struct Stopwatch(StoredValue<Option<f64>>);

impl Stopwatch {
    pub fn new(running: bool) -> Self {
        Stopwatch(StoredValue::new(running.then(clock::performance_ms)))
    }

    pub fn start(self) {
        if self.0.get_value().is_none() {
            self.0.set_value(Some(clock::performance_ms()));
        }
    }

    /// Milliseconds since the start (0 = unknown), restarting for the next try.
    pub fn lap(self) -> u32 {
        let now = clock::performance_ms();
        let ms = self.0.get_value().map_or(0.0, |start| now - start);
        self.0.set_value(Some(now));
        ms.clamp(0.0, u32::MAX as f64) as u32
    }
}

/// "Read it again": a link to the lesson section of a question.
pub fn read_again(id: &str) -> impl IntoView + use<> {
    crate::questions::find(id).map(|q| {
        view! {
            <p class="read-again">"Read it again: "
                <a href=crate::questions::section_link(q)>{format!("{} — {}", q.lesson_title, q.section_title)}</a>
            </p>
        }
    })
}

/// Right, or self-graded Good or Easy (as `Progress::solved` counts it).
pub fn counts_as_right(outcome: &Outcome) -> bool {
    outcome.is_right()
}
