//! When each asyncio task ran: the events the worker recorded (`runner/python/_dunder_tasks.py`)
//! and the lanes drawn from them: running stretches, waits with what was awaited, the ending.

use serde::{Deserialize, Serialize};

/// One task the program's event loop ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AsyncTask {
    /// `task.get_name()`, e.g. "Task-2".
    pub name: String,
    /// The coroutine's qualname, e.g. "fetch".
    pub coroutine: String,
    /// Index of the task that was running when this one was created.
    pub parent: Option<usize>,
    /// What created it: "asyncio.run", "create_task", "gather", "TaskGroup", "shield", ...
    pub via: String,
    pub events: Vec<TaskEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskEvent {
    pub kind: TaskEventKind,
    /// Loop time in milliseconds since the first recorded event.
    pub at: f64,
    /// What it awaited (suspended), how it was resumed, its result or error, who cancelled it.
    #[serde(default)]
    pub detail: String,
    /// The program's line the task was suspended at.
    #[serde(default)]
    pub line: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskEventKind {
    Created,
    Resumed,
    Suspended,
    CancelRequested,
    Finished,
    Cancelled,
    Failed,
}

/// A task's life as stretches of time, for the chart and its text version.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub created: f64,
    /// (from, to): the task's coroutine was running.
    pub running: Vec<(f64, f64)>,
    pub waits: Vec<Wait>,
    /// (when, who asked).
    pub cancels: Vec<(f64, String)>,
    /// None: still pending when the program ended.
    pub end: Option<(TaskEventKind, f64, String)>,
}

/// The task was suspended from `from` until `to` (None: never resumed).
#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    pub from: f64,
    pub to: Option<f64>,
    pub awaiting: String,
    pub line: Option<u32>,
}

impl AsyncTask {
    pub fn lane(&self) -> Lane {
        let mut lane = Lane { created: 0.0, running: vec![], waits: vec![], cancels: vec![], end: None };
        let mut running_since = None;
        for event in &self.events {
            match event.kind {
                TaskEventKind::Created => lane.created = event.at,
                TaskEventKind::Resumed => {
                    if let Some(wait) = lane.waits.last_mut().filter(|w| w.to.is_none()) {
                        wait.to = Some(event.at);
                    }
                    running_since = Some(event.at);
                }
                TaskEventKind::Suspended => {
                    if let Some(from) = running_since.take() {
                        lane.running.push((from, event.at));
                    }
                    lane.waits.push(Wait { from: event.at, to: None, awaiting: event.detail.clone(), line: event.line });
                }
                TaskEventKind::CancelRequested => lane.cancels.push((event.at, event.detail.clone())),
                TaskEventKind::Finished | TaskEventKind::Cancelled | TaskEventKind::Failed => {
                    if let Some(from) = running_since.take() {
                        lane.running.push((from, event.at));
                    }
                    lane.end = Some((event.kind, event.at, event.detail.clone()));
                }
            }
        }
        lane
    }
}

/// The last moment any task event happened (ms), for the chart's time axis.
pub fn span(tasks: &[AsyncTask]) -> f64 {
    tasks.iter().flat_map(|t| t.events.iter().map(|e| e.at)).fold(0.0, f64::max)
}

/// Depth of each task in the created-by tree, for indenting lanes.
pub fn depths(tasks: &[AsyncTask]) -> Vec<usize> {
    let mut depths: Vec<usize> = Vec::with_capacity(tasks.len());
    for task in tasks {
        // A parent is always created before its children, so its depth is known already.
        let depth = task.parent.filter(|&p| p < depths.len()).map_or(0, |p| depths[p] + 1);
        depths.push(depth);
    }
    depths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: TaskEventKind, at: f64, detail: &str) -> TaskEvent {
        TaskEvent { kind, at, detail: detail.into(), line: None }
    }

    #[test]
    fn a_lane_pairs_suspensions_with_the_next_resume() {
        use TaskEventKind::*;
        let task = AsyncTask {
            name: "Task-2".into(),
            coroutine: "fetch".into(),
            parent: Some(0),
            via: "gather".into(),
            events: vec![
                event(Created, 1.0, ""),
                event(Resumed, 2.0, ""),
                event(Suspended, 3.0, "asyncio.sleep(0.2)"),
                event(CancelRequested, 50.0, "a timeout expired"),
                event(Resumed, 51.0, "with CancelledError thrown in"),
                event(Failed, 52.0, "TimeoutError"),
            ],
        };
        let lane = task.lane();
        assert_eq!(lane.created, 1.0);
        assert_eq!(lane.running, [(2.0, 3.0), (51.0, 52.0)]);
        assert_eq!(lane.waits, [Wait { from: 3.0, to: Some(51.0), awaiting: "asyncio.sleep(0.2)".into(), line: None }]);
        assert_eq!(lane.cancels, [(50.0, "a timeout expired".to_string())]);
        assert_eq!(lane.end, Some((Failed, 52.0, "TimeoutError".into())));
        assert_eq!(depths(&[AsyncTask { parent: None, ..task.clone() }, task.clone(), AsyncTask { parent: Some(1), ..task }]), [0, 1, 2]);
    }
}
