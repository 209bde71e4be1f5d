//! What the browser remembers: edited code and quiz results, in one versioned localStorage
//! entry. A corrupt or unknown-version entry is reported and reset, never a blank page.

use serde::{Deserialize, Serialize};
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
    /// Set when the saved state could not be used; the app shows it once.
    static PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Progress {
    let Some(raw) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Progress { version: VERSION, ..Default::default() };
    };
    match serde_json::from_str::<Progress>(&raw) {
        Ok(p) if p.version == VERSION => p,
        Ok(p) => {
            report(format!("Your saved progress was from an unknown format (version {}) and was reset.", p.version));
            Progress { version: VERSION, ..Default::default() }
        }
        Err(_) => {
            report("Your saved progress could not be read (it was damaged) and was reset.".into());
            Progress { version: VERSION, ..Default::default() }
        }
    }
}

fn report(message: String) {
    PROBLEM.with(|p| *p.borrow_mut() = Some(message));
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// The message about a reset saved state, if there was one (taken once).
pub fn take_problem() -> Option<String> {
    with(|_| ());
    PROBLEM.with(|p| p.borrow_mut().take())
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
        PROBLEM.with(|p| *p.borrow_mut() = Some("Your browser's storage is full: recent changes are not saved.".into()));
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
