//! Reading and writing `Progress`: localStorage's `dunder.progress`, export files and imports.
//! v1 (`{"version":1,"code":{…},"answers":{id: bool}}`) is migrated, each answer becoming one
//! attempt with an unknown time. Damaged parts are dropped one by one and counted, never the
//! whole; anything not understood (unreadable JSON, a future version) is reported and the raw
//! text is to be kept as a backup by the caller, so no history is ever lost.

use super::catalogue::Kind;
use super::history::{Attempt, Progress, Pruned, VERSION};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// What loading saved state gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub progress: Progress,
    /// A message for the reader about what went wrong, if anything did.
    pub problem: Option<String>,
    /// The caller must copy the raw text to `dunder.progress.backup` before writing anything.
    pub keep_raw_as_backup: bool,
    /// The saved format version when it was migrated (1), for the UI and tests.
    pub migrated_from: Option<u32>,
}

/// How many parts of a saved file were read and how many had to be dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub kept: usize,
    pub dropped: usize,
}

enum Read {
    Ok { progress: Progress, counts: Counts, from: u32 },
    Unreadable(String),
    Future(u64),
}

fn read(text: &str) -> Read {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Read::Unreadable(format!("it is not valid JSON ({e})")),
    };
    let Value::Object(saved) = value else {
        return Read::Unreadable("it is not a Dunder progress object".into());
    };
    match saved.get("version").and_then(Value::as_u64) {
        Some(1) => {
            let (progress, counts) = from_v1(&saved);
            Read::Ok { progress, counts, from: 1 }
        }
        Some(2) => {
            let (progress, counts) = from_v2(&saved);
            Read::Ok { progress, counts, from: 2 }
        }
        Some(v) if v > u64::from(VERSION) => Read::Future(v),
        Some(v) => Read::Unreadable(format!("it has an unknown format version ({v})")),
        None => Read::Unreadable("it has no format version".into()),
    }
}

/// Each entry of an object, parsed on its own: the good ones kept, the bad ones counted.
fn entries<T: DeserializeOwned>(saved: &Map<String, Value>, key: &str, counts: &mut Counts) -> Vec<(String, T)> {
    let mut out = vec![];
    match saved.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (id, value) in map {
                match serde_json::from_value::<T>(value.clone()) {
                    Ok(v) => {
                        counts.kept += 1;
                        out.push((id.clone(), v));
                    }
                    Err(_) => counts.dropped += 1,
                }
            }
        }
        Some(_) => counts.dropped += 1,
    }
    out
}

fn from_v1(saved: &Map<String, Value>) -> (Progress, Counts) {
    let mut counts = Counts::default();
    let mut progress = Progress::new();
    progress.code = entries::<String>(saved, "code", &mut counts).into_iter().collect();
    for (id, right) in entries::<bool>(saved, "answers", &mut counts) {
        match Kind::from_id(&id) {
            Some(kind) => progress.record(&id, Attempt::migrated(kind, right)),
            None => {
                counts.kept -= 1;
                counts.dropped += 1;
            }
        }
    }
    (progress, counts)
}

fn from_v2(saved: &Map<String, Value>) -> (Progress, Counts) {
    let mut counts = Counts::default();
    let mut progress = Progress::new();
    progress.code = entries::<String>(saved, "code", &mut counts).into_iter().collect();
    // Attempts one by one: one bad attempt must not cost a question its whole history.
    for (id, list) in entries::<Vec<Value>>(saved, "attempts", &mut counts) {
        counts.kept -= 1; // counted per attempt below instead
        let mut kept = vec![];
        for value in list {
            match serde_json::from_value::<Attempt>(value) {
                Ok(a) => kept.push(a),
                Err(_) => counts.dropped += 1,
            }
        }
        counts.kept += kept.len();
        if !kept.is_empty() {
            progress.attempts.insert(id, kept);
        }
    }
    progress.pruned = entries::<Pruned>(saved, "pruned", &mut counts).into_iter().collect();
    if let Some(Value::Array(mocks)) = saved.get("mocks") {
        for value in mocks {
            match serde_json::from_value(value.clone()) {
                Ok(m) => {
                    counts.kept += 1;
                    progress.mocks.push(m);
                }
                Err(_) => counts.dropped += 1,
            }
        }
    } else if saved.get("mocks").is_some_and(|m| !m.is_null()) {
        counts.dropped += 1;
    }
    match saved.get("mock_in_progress") {
        None | Some(Value::Null) => {}
        Some(value) => match serde_json::from_value(value.clone()) {
            Ok(m) => {
                counts.kept += 1;
                progress.mock_in_progress = Some(m);
            }
            Err(_) => counts.dropped += 1,
        },
    }
    (progress, counts)
}

fn items(n: usize) -> String {
    if n == 1 { "1 saved item".into() } else { format!("{n} saved items") }
}

/// Saved state from localStorage (`None` = nothing saved yet).
pub fn load(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded { progress: Progress::new(), problem: None, keep_raw_as_backup: false, migrated_from: None };
    };
    let backup = "A copy of what was saved is kept in this browser as dunder.progress.backup.";
    match read(raw) {
        Read::Ok { progress, counts, from } => {
            let problem = (counts.dropped > 0).then(|| {
                format!(
                    "{} could not be read and {} dropped; {} kept. {backup}",
                    items(counts.dropped),
                    if counts.dropped == 1 { "was" } else { "were" },
                    if counts.kept == 1 { "1 was".to_owned() } else { format!("{} were", counts.kept) },
                )
            });
            // A migration keeps the v1 text too: should the migration ever be wrong, nothing is lost.
            let keep = counts.dropped > 0 || from != VERSION;
            Loaded { progress, problem, keep_raw_as_backup: keep, migrated_from: (from != VERSION).then_some(from) }
        }
        Read::Future(v) => Loaded {
            progress: Progress::new(),
            problem: Some(format!(
                "Your saved progress is from a newer version of Dunder (format {v}) and cannot be read here; \
                 you start fresh. {backup}"
            )),
            keep_raw_as_backup: true,
            migrated_from: None,
        },
        Read::Unreadable(why) => Loaded {
            progress: Progress::new(),
            problem: Some(format!("Your saved progress could not be read ({why}); you start fresh. {backup}")),
            keep_raw_as_backup: true,
            migrated_from: None,
        },
    }
}

/// An exported file (v1 or v2) → its progress; anything damaged or unknown is refused whole.
pub fn import(text: &str) -> Result<Progress, String> {
    match read(text) {
        Read::Ok { progress, counts, .. } if counts.dropped == 0 => Ok(progress),
        Read::Ok { counts, .. } => Err(format!(
            "This file is damaged: {} could not be read. Nothing was imported; your progress is unchanged.",
            items(counts.dropped)
        )),
        Read::Future(v) => Err(format!(
            "This file is from a newer version of Dunder (format {v}). Nothing was imported; your progress is unchanged."
        )),
        Read::Unreadable(why) => {
            Err(format!("This file is not a Dunder progress export: {why}. Nothing was imported; your progress is unchanged."))
        }
    }
}

/// The export file: pretty JSON, version 2.
pub fn export(progress: &Progress) -> String {
    serde_json::to_string_pretty(progress).expect("progress serialises")
}

/// What localStorage holds: compact JSON, version 2.
pub fn to_storage(progress: &Progress) -> String {
    serde_json::to_string(progress).expect("progress serialises")
}
