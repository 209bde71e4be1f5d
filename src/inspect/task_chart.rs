//! The asyncio task timeline for the page: a Gantt chart (one lane per task, in loop time) and
//! the same facts as text. Drawn only from what `_dunder_tasks.py` recorded in the VM.
//!
//! CSS hooks: `<svg class="inspect-svg inspect-tasks">`, `task-axis`, `task-label`, `task-run`
//! (the coroutine was running), `task-wait` (suspended; its `<title>` says on what),
//! `task-wait-label`, `task-created`, `task-cancel` (someone asked it to cancel),
//! `task-finished`, `task-failed`, `task-cancelled`.

use super::draw::open;
use super::tasks::{AsyncTask, Lane, TaskEventKind, depths, span};
use crate::practice::charts::{escape, shorten};
use std::fmt::Write;

const LABEL_W: f64 = 170.0;
const PLOT_W: f64 = 460.0;
const LANE_H: f64 = 30.0;
const TOP: f64 = 26.0;
const CHAR_W: f64 = 6.2;
/// Width of a character of the 10-unit wait labels.
const SMALL_CHAR_W: f64 = 5.4;

/// Milliseconds as the chart and the text write them.
pub fn ms(value: f64) -> String {
    if value >= 1000.0 { format!("{value:.0} ms") } else { format!("{value:.1} ms") }
}

/// A tick step of 1, 2 or 5 × 10^k that gives about five ticks over `span`.
fn tick_step(span: f64) -> f64 {
    let rough = (span / 5.0).max(0.001);
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(10.0 * power)
}

fn lane_label(task: &AsyncTask) -> String {
    format!("{} · {}()", task.name, task.coroutine)
}

fn made_by(task: &AsyncTask, tasks: &[AsyncTask]) -> String {
    let parent = task.parent.and_then(|p| tasks.get(p)).map(|p| format!(" in {}", p.name)).unwrap_or_default();
    match task.via.as_str() {
        "asyncio.run" => "started by asyncio.run".into(),
        "TaskGroup" => format!("created in a TaskGroup{parent}"),
        via => format!("created by {via}{parent}"),
    }
}

fn ending(lane: &Lane) -> String {
    match &lane.end {
        None => "still pending when the program ended".into(),
        Some((TaskEventKind::Finished, at, result)) => format!("finished at {}, returning {result}", ms(*at)),
        Some((TaskEventKind::Failed, at, error)) => format!("failed at {}: {error}", ms(*at)),
        Some((_, at, _)) => format!("cancelled at {}", ms(*at)),
    }
}

fn wait_words(wait: &super::tasks::Wait) -> String {
    let line = wait.line.map(|l| format!(" (line {l})")).unwrap_or_default();
    match wait.to {
        Some(to) => format!("waited on {}{line} from {} to {} ({})", wait.awaiting, ms(wait.from), ms(to), ms(to - wait.from)),
        None => format!("waiting on {}{line} from {}, never resumed", wait.awaiting, ms(wait.from)),
    }
}

/// One lane per task; running stretches as bars, waits as thin lines, marks for cancel requests
/// and endings. None when there are no tasks.
pub fn task_timeline(tasks: &[AsyncTask]) -> Option<String> {
    if tasks.is_empty() {
        return None;
    }
    let total = span(tasks).max(0.1);
    let step = tick_step(total);
    let end = (total / step).ceil() * step;
    let x = |t: f64| LABEL_W + t / end * PLOT_W;
    let width = LABEL_W + PLOT_W + 24.0;
    let height = TOP + tasks.len() as f64 * LANE_H + 22.0;
    let title = format!("When each asyncio task ran: {} tasks over {} of loop time", tasks.len(), ms(total));
    let lanes: Vec<Lane> = tasks.iter().map(AsyncTask::lane).collect();
    let desc = tasks
        .iter()
        .zip(&lanes)
        .map(|(t, lane)| format!("{}: {} waits, {}", lane_label(t), lane.waits.len(), ending(lane)))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = open("tasks", width, height, &title, &desc);
    // The time axis on top, with light grid lines down through the lanes.
    let _ = write!(svg, r#"<g class="task-axis" fill="currentColor" font-size="11">"#);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    for i in 0..=((end / step).round() as usize) {
        let tick = i as f64 * step;
        let at = x(tick);
        let _ = write!(
            svg,
            r#"<text x="{at:.1}" y="12" text-anchor="middle">{}</text><path d="M{at:.1} 17V{:.1}" stroke="currentColor" stroke-opacity="0.2"/>"#,
            format_args!("{tick:.decimals$} ms"),
            height - 20.0
        );
    }
    let _ = write!(svg, r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">loop time</text></g>"#, LABEL_W + PLOT_W / 2.0, height - 4.0);
    for (row, ((task, lane), depth)) in tasks.iter().zip(&lanes).zip(depths(tasks)).enumerate() {
        let mid = TOP + row as f64 * LANE_H + LANE_H / 2.0;
        let indent = (depth.min(6) as f64) * 10.0;
        let room = ((LABEL_W - indent - 8.0) / CHAR_W) as usize;
        let _ = write!(
            svg,
            r#"<text class="task-label" x="{:.1}" y="{:.1}" font-size="12" fill="currentColor">{}<title>{}</title></text>"#,
            4.0 + indent,
            mid + 4.0,
            escape(&shorten(&lane_label(task), room)),
            escape(&format!("{}, {}", lane_label(task), made_by(task, tasks)))
        );
        let _ = write!(svg, r#"<path class="task-created" d="M{:.1} {:.1}V{:.1}" stroke="currentColor"><title>created at {}</title></path>"#, x(lane.created), mid - 8.0, mid + 8.0, ms(lane.created));
        for wait in &lane.waits {
            let (from, to) = (x(wait.from), x(wait.to.unwrap_or(total)));
            let _ = write!(
                svg,
                r#"<path class="task-wait" d="M{from:.1} {mid:.1}H{to:.1}" stroke="currentColor" stroke-dasharray="3 3"><title>{}</title></path>"#,
                escape(&wait_words(wait))
            );
            let room = ((to - from - 4.0) / SMALL_CHAR_W) as usize;
            if room >= 8 {
                let _ = write!(svg, r#"<text class="task-wait-label" x="{:.1}" y="{:.1}" font-size="10" fill="currentColor">{}</text>"#, from + 2.0, mid - 4.0, escape(&shorten(&wait.awaiting, room)));
            }
        }
        for (from, to) in &lane.running {
            // At least 2 units wide: a step of a few microseconds is still seen.
            let _ = write!(
                svg,
                r#"<rect class="task-run" x="{:.1}" y="{:.1}" width="{:.1}" height="12" fill="currentColor"><title>ran from {} to {}</title></rect>"#,
                x(*from),
                mid - 6.0,
                (x(*to) - x(*from)).max(2.0),
                ms(*from),
                ms(*to)
            );
        }
        for (at, who) in &lane.cancels {
            let cx = x(*at);
            let _ = write!(svg, r#"<path class="task-cancel" d="M{:.1} {:.1}l5 -8h-10z" fill="currentColor"><title>at {}, cancel asked by {}</title></path>"#, cx, mid - 6.0, ms(*at), escape(who));
        }
        if let Some((kind, at, _)) = &lane.end {
            let (class, mark) = match kind {
                TaskEventKind::Finished => ("task-finished", "✓"),
                TaskEventKind::Failed => ("task-failed", "✕"),
                _ => ("task-cancelled", "⊘"),
            };
            let _ = write!(svg, r#"<text class="{class}" x="{:.1}" y="{:.1}" font-size="13" fill="currentColor">{mark}<title>{}</title></text>"#, x(*at) + 3.0, mid + 5.0, escape(&ending(lane)));
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The timeline in words: per task, who made it, each run and wait, how it ended.
pub fn task_lines(tasks: &[AsyncTask]) -> Vec<Vec<String>> {
    tasks
        .iter()
        .map(|task| {
            let lane = task.lane();
            let mut lines = vec![format!("{}, {} at {}", lane_label(task), made_by(task, tasks), ms(lane.created))];
            let mut stretches: Vec<(f64, String)> = lane.running.iter().map(|(a, b)| (*a, format!("ran from {} to {}", ms(*a), ms(*b)))).collect();
            stretches.extend(lane.waits.iter().map(|w| (w.from, wait_words(w))));
            stretches.extend(lane.cancels.iter().map(|(at, who)| (*at, format!("at {}, cancel asked by {who}", ms(*at)))));
            stretches.sort_by(|a, b| a.0.total_cmp(&b.0));
            lines.extend(stretches.into_iter().map(|(_, s)| s));
            lines.push(ending(&lane));
            lines
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::tasks::TaskEvent;

    fn event(kind: TaskEventKind, at: f64, detail: &str) -> TaskEvent {
        TaskEvent { kind, at, detail: detail.into(), line: if kind == TaskEventKind::Suspended { Some(4) } else { None } }
    }

    fn gathered() -> Vec<AsyncTask> {
        use TaskEventKind::*;
        let main = AsyncTask {
            name: "Task-1".into(),
            coroutine: "main".into(),
            parent: None,
            via: "asyncio.run".into(),
            events: vec![event(Created, 0.0, ""), event(Resumed, 0.3, ""), event(Suspended, 0.9, "gather of 1"), event(Resumed, 202.0, ""), event(Finished, 202.5, "None")],
        };
        let nap = AsyncTask {
            name: "Task-2".into(),
            coroutine: "nap<&>".into(),
            parent: Some(0),
            via: "gather".into(),
            events: vec![event(Created, 0.5, ""), event(Resumed, 1.0, ""), event(Suspended, 1.1, "asyncio.sleep(0.2)"), event(CancelRequested, 100.0, "a timeout expired"), event(Resumed, 100.2, "with CancelledError thrown in"), event(Cancelled, 100.3, "")],
        };
        vec![main, nap]
    }

    #[test]
    fn the_chart_has_a_lane_per_task_with_titles_and_escaped_names() {
        let svg = task_timeline(&gathered()).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains(r#"role="img""#));
        assert!(svg.contains("When each asyncio task ran: 2 tasks over 202.5 ms of loop time"), "{svg}");
        assert_eq!(svg.matches(r#"class="task-label""#).count(), 2);
        assert_eq!(svg.matches(r#"class="task-run""#).count(), 4, "main and nap each ran twice");
        assert!(svg.contains("waited on asyncio.sleep(0.2) (line 4) from 1.1 ms to 100.2 ms (99.1 ms)"), "{svg}");
        assert!(svg.contains(">50 ms<") && svg.contains(">250 ms<"), "axis ticks: {svg}");
        assert!(svg.contains("cancel asked by a timeout expired") && svg.contains(r#"class="task-cancelled""#));
        assert!(svg.contains("nap&lt;&amp;&gt;()") && !svg.contains("nap<&>"));
        assert!(task_timeline(&[]).is_none());
    }

    #[test]
    fn the_text_version_walks_each_task_in_time_order() {
        let lines = task_lines(&gathered());
        assert_eq!(lines[0][0], "Task-1 · main(), started by asyncio.run at 0.0 ms");
        assert_eq!(lines[0].last().unwrap(), "finished at 202.5 ms, returning None");
        assert_eq!(
            lines[1],
            [
                "Task-2 · nap<&>(), created by gather in Task-1 at 0.5 ms",
                "ran from 1.0 ms to 1.1 ms",
                "waited on asyncio.sleep(0.2) (line 4) from 1.1 ms to 100.2 ms (99.1 ms)",
                "at 100.0 ms, cancel asked by a timeout expired",
                "ran from 100.2 ms to 100.3 ms",
                "cancelled at 100.3 ms",
            ]
        );
        assert_eq!(tick_step(202.0), 50.0);
        assert_eq!(tick_step(0.9), 0.2);
    }
}
