//! One question on a practice page (Review, Mock, Class): where it comes from, and the
//! question itself, answered in the page's mode. Also the explanation shown for it afterwards
//! (mock report, class results).

use crate::attempt::Mode;
use crate::card::ExplainCard;
use crate::questions;
use crate::quiz::{ChoiceQuestion, ExerciseTask, PredictQuestion};
use dunder::lesson::Block;
use leptos::prelude::*;

/// The question `id`, or a clear line if the course no longer has it (an old history, a
/// class link made with another version of the course).
pub fn question(id: &str, mode: Mode, show_topic: bool) -> AnyView {
    let (Some(info), Some(block)) = (questions::find(id), questions::block(id)) else {
        return view! { <p class="banner" role="alert">{format!("The question “{id}” is not in this version of the course.")}</p> }.into_any();
    };
    let body = match block {
        Block::Choice(c) => view! { <ChoiceQuestion choice=c.clone() mode=mode /> }.into_any(),
        Block::Predict(p) => view! { <PredictQuestion predict=p.clone() mode=mode /> }.into_any(),
        Block::Exercise(e) => view! { <ExerciseTask exercise=e.clone() mode=mode /> }.into_any(),
        Block::Card(c) => view! { <ExplainCard card=c.clone() mode=mode with_demo=true /> }.into_any(),
        _ => view! { <p class="banner" role="alert">{format!("“{id}” is not a question.")}</p> }.into_any(),
    };
    view! {
        <div class="practice-item" data-question=id.to_owned()>
            <p class="item-source">
                {questions::kind_label(&info.kind)}
                {show_topic.then(|| format!(" · {} — {}", info.lesson_title, info.section_title))}
            </p>
            {body}
        </div>
    }
    .into_any()
}

/// The answer and why, for a report: the right option, the printed output, the solution, the
/// model answer — with a link to the lesson section.
pub fn explanation(id: &str) -> AnyView {
    let link = crate::attempt::read_again(id);
    let Some(block) = questions::block(id) else { return view! { <p>{format!("“{id}” is no longer in the course.")}</p> }.into_any() };
    let body = match block {
        Block::Choice(c) => {
            let right = c.options.iter().find(|o| o.correct).cloned();
            view! {
                <div class="question" inner_html=c.question_html.clone()></div>
                {right.map(|o| view! {
                    <p class="right-answer">"Answer: " <span inner_html=o.html></span></p>
                    <div inner_html=o.explanation_html></div>
                })}
            }
            .into_any()
        }
        Block::Predict(p) => view! {
            <p class="question">"What does this print?"</p>
            <pre class="code-display"><code>{p.code.clone()}</code></pre>
            <p class="right-answer">"It prints:"</p>
            <pre class="output">{p.expected.for_rustpython().to_owned()}</pre>
            <div inner_html=p.explanation_html.clone()></div>
        }
        .into_any(),
        Block::Exercise(e) => view! {
            <p class="question">"Exercise: a solution that passes every check:"</p>
            <pre class="code-display solution"><code>{e.solution.clone()}</code></pre>
        }
        .into_any(),
        Block::Card(c) => view! {
            <div class="question" inner_html=c.question_html.clone()></div>
            <p class="right-answer">"Model answer:"</p>
            <div inner_html=c.answer_html.clone()></div>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! { <div class="explanation">{body}{link}</div> }.into_any()
}
