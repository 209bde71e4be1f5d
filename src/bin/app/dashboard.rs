//! The readiness dashboard (`progress/`): per-topic mastery, what falls due over the next two
//! weeks, attempts per day, mock interview scores. The figures and the SVG charts come from
//! `dunder::practice::{dashboard, charts}`; each chart has its data as a text table too.

use crate::{clock, questions, storage};
use dunder::practice::charts::{self, Chart};
use dunder::practice::{dashboard, schedule};
use leptos::prelude::*;

const DAYS: u32 = 14;
const DAY_MS: i64 = dunder::practice::DAY_MS;

/// Minutes east of UTC here, so "today" is the reader's calendar day.
fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

fn chart_view(chart: Chart, id: &'static str) -> impl IntoView {
    let mut rows = chart.table.into_iter();
    let header = rows.next().unwrap_or_default();
    let body = rows
        .map(|row| {
            let mut cells = row.into_iter();
            let first = cells.next().unwrap_or_default();
            view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart-figure" aria-labelledby=format!("{id}-title")>
            <figcaption id=format!("{id}-title")>{chart.title.clone()}</figcaption>
            // The SVG is focusable itself, and labelled by its own title and description.
            <div class="chart-svg" inner_html=chart.svg></div>
            <details class="chart-table">
                <summary>"As a table"</summary>
                <div class="table-scroll">
                    <table class="data">
                        <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    crate::set_title("Progress — Dunder");
    let now = clock::now();
    let all = questions::all();
    let (mastery, due, attempts, mocks, due_now, tried, total_attempts) = storage::read(|p| {
        (
            dashboard::mastery(p, all, now),
            dashboard::due_per_day_at(p, all, now, DAYS, utc_offset_minutes()),
            dashboard::attempts_per_day_at(p, now, DAYS, utc_offset_minutes()),
            dashboard::mock_scores(p),
            schedule::due_count(p, all, now),
            p.attempted().count(),
            p.total_attempts(),
        )
    });
    let mastery_chart = charts::bar_chart(
        "Mastery by topic",
        "How well each topic is known now, in percent: recall probability and recent results over the topic's questions.",
        &mastery.iter().map(|m| m.title.clone()).collect::<Vec<_>>(),
        &mastery.iter().map(|m| m.mastery * 100.0).collect::<Vec<_>>(),
        Some(100.0),
    )
    .with_columns("Topic", "Mastery (%)");
    let due_labels: Vec<String> = (0..DAYS).map(|d| if d == 0 { "Today".to_owned() } else { clock::day_label(now + i64::from(d) * DAY_MS) }).collect();
    let due_chart = charts::bar_chart(
        "Due for review, next 14 days",
        "How many questions fall due each day; today includes everything overdue.",
        &due_labels,
        &due.iter().map(|&n| f64::from(n)).collect::<Vec<_>>(),
        None,
    )
    .with_columns("Day", "Questions due");
    let attempt_labels: Vec<String> = (0..DAYS).map(|d| clock::day_label(now - i64::from(DAYS - 1 - d) * DAY_MS)).collect();
    let attempts_chart = charts::bar_chart(
        "Attempts per day, last 14 days",
        "How many answers were given each day, oldest first.",
        &attempt_labels,
        &attempts.iter().map(|&n| f64::from(n)).collect::<Vec<_>>(),
        None,
    )
    .with_columns("Day", "Attempts");
    let mock_points: Vec<(String, f64)> = mocks.iter().map(|&(at, score)| (clock::date_label(at), score * 100.0)).collect();
    let has_mocks = !mock_points.is_empty();
    let mocks_chart = charts::line_chart("Mock interview scores", "The score of each finished mock interview, in percent, oldest first.", &mock_points, Some(100.0))
        .with_columns("Finished", "Score (%)");
    let mastery_rows = mastery
        .iter()
        .map(|m| view! { <tr><th scope="row">{m.title.clone()}</th><td>{format!("{:.0}%", m.mastery * 100.0)}</td><td>{format!("{} of {}", m.seen, m.total)}</td></tr> })
        .collect_view();
    view! {
        <main class="page narrow practice dashboard">
            <h1>"Your progress"</h1>
            <p class="lead">
                {format!("{tried} of {} questions tried, {total_attempts} answers in all. ", all.len())}
                <a href=crate::base::href("review")>{format!("{due_now} due for review now")}</a>
                "."
            </p>
            {(total_attempts == 0).then(|| view! {
                <p class="muted">"Nothing tried yet: answer questions in the lessons, review them, or take a mock interview, and this page fills in."</p>
            })}
            {chart_view(mastery_chart, "chart-mastery")}
            <details class="topic-detail">
                <summary>"Questions seen per topic"</summary>
                <div class="table-scroll">
                    <table class="data">
                        <thead><tr><th scope="col">"Topic"</th><th scope="col">"Mastery"</th><th scope="col">"Seen"</th></tr></thead>
                        <tbody>{mastery_rows}</tbody>
                    </table>
                </div>
            </details>
            {chart_view(due_chart, "chart-due")}
            {chart_view(attempts_chart, "chart-attempts")}
            {if has_mocks {
                chart_view(mocks_chart, "chart-mocks").into_any()
            } else {
                view! {
                    <section class="chart-figure empty">
                        <p class="chart-empty-title">"Mock interview scores"</p>
                        <p class="muted">"No mock interview yet. " <a href=crate::base::href("mock")>"Take one"</a>" and its score appears here."</p>
                    </section>
                }
                .into_any()
            }}
            <crate::progress_file::ProgressFile />
        </main>
    }
}
