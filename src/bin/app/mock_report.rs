//! The end of a mock interview: score per topic, time per question, the misses with their
//! explanations and links, and what to review next (all computed by `dunder::practice::mock`).

use crate::attempt::counts_as_right;
use crate::{clock, practice_item, questions};
use dunder::practice::history::{Grade, Outcome};
use dunder::practice::mock::{self, MockReport};
use leptos::prelude::*;

fn result_label(outcome: &Option<Outcome>) -> &'static str {
    match outcome {
        None => "— not reached",
        Some(Outcome::Right) => "✓ right",
        Some(Outcome::Wrong) => "✗ missed",
        Some(Outcome::SelfGraded(Grade::Easy)) => "✓ easy (self-graded)",
        Some(Outcome::SelfGraded(Grade::Good)) => "✓ good (self-graded)",
        Some(Outcome::SelfGraded(Grade::Hard)) => "✗ hard (self-graded)",
        Some(Outcome::SelfGraded(Grade::Again)) => "✗ again (self-graded)",
    }
}

fn section_title(topic: &str, section: &str) -> String {
    crate::course::course()
        .lessons
        .iter()
        .find(|l| l.slug == topic)
        .and_then(|l| l.sections.iter().find(|s| s.id == section))
        .map_or_else(|| section.to_owned(), |s| s.title.clone())
}

#[component]
pub fn ReportView(report: MockReport) -> impl IntoView {
    let topics = mock::per_topic(&report);
    let next = mock::review_next(&report, questions::all());
    let right: usize = report.items.iter().filter(|i| i.outcome.as_ref().is_some_and(counts_as_right)).count();
    let asked = report.items.len();
    let took = report.finished - report.started;
    let misses: Vec<String> = report.items.iter().filter(|i| !i.outcome.as_ref().is_some_and(counts_as_right)).map(|i| i.question.clone()).collect();
    let topic_rows = topics
        .into_iter()
        .map(|(topic, right, asked)| {
            let pct = if asked == 0 { 0.0 } else { f64::from(right) * 100.0 / f64::from(asked) };
            view! { <tr><th scope="row">{questions::topic_title(&topic)}</th><td>{right}</td><td>{asked}</td><td>{format!("{pct:.0}%")}</td></tr> }
        })
        .collect_view();
    let item_rows = report
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let what = questions::find(&item.question).map_or_else(
                || item.question.clone(),
                |q| format!("{} · {} — {}", questions::kind_label(&q.kind), q.lesson_title, q.section_title),
            );
            view! {
                <tr class:miss=!item.outcome.as_ref().is_some_and(counts_as_right)>
                    <td>{n + 1}</td><td>{what}</td><td>{result_label(&item.outcome)}</td>
                    <td>{match item.ms { 0 => "—".to_owned(), 1..1000 => "under 1 s".to_owned(), ms => clock::minutes_seconds(i64::from(ms)) }}</td>
                </tr>
            }
        })
        .collect_view();
    let miss_list = misses
        .iter()
        .enumerate()
        .map(|(n, id)| view! { <li class="miss"><p class="miss-title">{format!("Miss {}", n + 1)}</p>{practice_item::explanation(id)}</li> })
        .collect_view();
    let next_list = next
        .into_iter()
        .map(|(topic, section)| {
            let href = format!("{}#{section}", crate::base::href(&format!("lesson/{topic}")));
            view! { <li><a href=href>{format!("{} — {}", questions::topic_title(&topic), section_title(&topic, &section))}</a></li> }
        })
        .collect_view();
    view! {
        <section class="mock-report" aria-labelledby="report-title">
            <h2 id="report-title">"Your report"</h2>
            <p class="score">
                <strong>{format!("{:.0}%", report.score * 100.0)}</strong>
                {format!(" — {right} of {asked} right, in {} ({} minutes planned), {}.", clock::minutes_seconds(took), report.plan.minutes, clock::date_label(report.finished))}
            </p>
            <h3>"Score per topic"</h3>
            <div class="table-scroll">
                <table class="data">
                    <thead><tr><th scope="col">"Topic"</th><th scope="col">"Right"</th><th scope="col">"Asked"</th><th scope="col">"Score"</th></tr></thead>
                    <tbody>{topic_rows}</tbody>
                </table>
            </div>
            <h3>"Time per question"</h3>
            <div class="table-scroll">
                <table class="data">
                    <thead><tr><th scope="col">"#"</th><th scope="col">"Question"</th><th scope="col">"Result"</th><th scope="col">"Time"</th></tr></thead>
                    <tbody>{item_rows}</tbody>
                </table>
            </div>
            <h3>"What to review next"</h3>
            {if misses.is_empty() {
                view! { <p>"No misses: review what is due, or try a longer interview."</p> }.into_any()
            } else {
                view! { <ul class="review-next">{next_list}</ul> }.into_any()
            }}
            {(!misses.is_empty()).then(|| view! {
                <h3>"The misses, explained"</h3>
                <ol class="misses">{miss_list}</ol>
            })}
        </section>
    }
}
