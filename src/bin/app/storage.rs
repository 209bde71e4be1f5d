//! What the browser remembers: edited code and quiz results, in one versioned localStorage
//! entry. A corrupt or unknown-version entry is reported and reset, never a blank page.

use serde::{Deserialize, Serialize};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;

const KEY: &str = "dunder.progress";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// Edited snippet code by snippet id.
    #[serde(default)]
    pub code: BTreeMap<String, String>,
    /// Quiz question id → answered correctly.
    #[serde(default)]
    pub answers: BTreeMap<String, bool>,
}

thread_local! {
    static STATE: RefCell<Option<Progress>> = const { RefCell::new(None) };
    /// What went wrong with saved state, shown in a banner until dismissed.
    /// Arc-backed so it outlives every component (see router::CURRENT).
    static PROBLEM: ArcRwSignal<Option<String>> = ArcRwSignal::new(None);
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Read the saved state, keeping every part that is still valid.
fn load() -> Progress {
    let fresh = Progress { version: VERSION, ..Default::default() };
    let Some(raw) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else { return fresh };
    let Ok(serde_json::Value::Object(saved)) = serde_json::from_str::<serde_json::Value>(&raw) else {
        report("Your saved progress could not be read (it was damaged) and was reset.".into());
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
        return fresh;
    };
    let mut progress = fresh;
    let mut dropped = 0;
    if let Some(serde_json::Value::Object(code)) = saved.get("code") {
        for (id, text) in code {
            match text.as_str() {
                Some(text) => drop(progress.code.insert(id.clone(), text.to_owned())),
                None => dropped += 1,
            }
        }
    }
    if let Some(serde_json::Value::Object(answers)) = saved.get("answers") {
        for (id, done) in answers {
            match done.as_bool() {
                Some(done) => drop(progress.answers.insert(id.clone(), done)),
                None => dropped += 1,
            }
        }
    }
    let kept = progress.code.len() + progress.answers.len();
    let version = saved.get("version").and_then(|v| v.as_u64());
    if version != Some(u64::from(VERSION)) {
        let which = version.map_or("an unknown format".to_owned(), |v| format!("format version {v}"));
        report(format!("Your saved progress was in {which}; {kept} saved items could be carried over, the rest was reset."));
    } else if dropped > 0 {
        report(format!("{dropped} saved items could not be read and were reset; {kept} were kept."));
    } else {
        return progress;
    }
    // Store the repaired state now, so the reset parts stay reset.
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&progress)) {
        let _ = s.set_item(KEY, &json);
    }
    progress
}

fn report(message: String) {
    PROBLEM.with(|p| p.set(Some(message)));
}

/// The banner message about saved state, if any (a signal: storage trouble can come later).
pub fn problem() -> RwSignal<Option<String>> {
    with(|_| ());
    PROBLEM.with(|p| RwSignal::from(p.clone()))
}

fn with<R>(f: impl FnOnce(&mut Progress) -> R) -> R {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let state = s.get_or_insert_with(load);
        f(state)
    })
}

fn save() {
    let json = with(|p| serde_json::to_string(p).expect("progress serialises"));
    if let Some(s) = storage()
        && s.set_item(KEY, &json).is_err()
    {
        report("Your browser's storage is full: recent changes are not saved. Export your progress to keep it.".into());
    }
}

pub fn load_code(id: &str) -> Option<String> {
    with(|p| p.code.get(id).cloned())
}

pub fn save_code(id: &str, code: &str) {
    with(|p| p.code.insert(id.to_owned(), code.to_owned()));
    save();
}

pub fn forget_code(id: &str) {
    with(|p| p.code.remove(id));
    save();
}

pub fn answer(id: &str) -> Option<bool> {
    with(|p| p.answers.get(id).copied())
}

pub fn record_answer(id: &str, correct: bool) {
    with(|p| {
        // Once answered correctly, a question stays done.
        let entry = p.answers.entry(id.to_owned()).or_insert(false);
        *entry |= correct;
    });
    save();
}

/// Everything the browser remembers, as a file a classroom can carry to another machine.
pub fn export_json() -> String {
    with(|p| serde_json::to_string_pretty(p).expect("progress serialises"))
}

/// Replace the saved progress with an exported file's; nothing changes if the file is not valid.
pub fn import_json(text: &str) -> Result<(), String> {
    let progress: Progress = serde_json::from_str(text)
        .map_err(|e| format!("This file is not a Dunder progress export ({e})."))?;
    if progress.version != VERSION {
        return Err(format!("This export is from an unknown format (version {}).", progress.version));
    }
    STATE.with(|s| *s.borrow_mut() = Some(progress));
    save();
    Ok(())
}
