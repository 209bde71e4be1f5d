//! What the browser remembers, in one localStorage entry (`dunder.progress`): edited code, every
//! attempt at every question, mock interviews. The format, its migration from v1 and its repair
//! live in `dunder::practice::saved` (tested natively); this file reads and writes the entry and
//! says in a banner what went wrong. Nothing saved is ever dropped silently: a state this
//! version cannot read (damaged, or written by a newer Dunder) is copied to
//! `dunder.progress.backup` before anything is written over it.

use dunder::practice::history::{Attempt, Progress};
use dunder::practice::saved;
use gloo::storage::{LocalStorage, Storage};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

const KEY: &str = "dunder.progress";
const BACKUP_KEY: &str = "dunder.progress.backup";
const FULL: &str = "Your browser's storage is full: recent changes are not saved. Export your progress to keep it.";

thread_local! {
    static STATE: RefCell<Option<Progress>> = const { RefCell::new(None) };
    /// Set when the saved state could not be backed up: then nothing is written this visit,
    /// so the only copy of it stays where it is.
    static READ_ONLY: Cell<bool> = const { Cell::new(false) };
    /// What went wrong with saved state, shown in a banner until dismissed.
    /// Arc-backed so it outlives every component (see router::CURRENT).
    static PROBLEM: ArcRwSignal<Option<String>> = ArcRwSignal::new(None);
    /// Bumped on every change: figures derived from the history (the due count) follow it.
    static REVISION: ArcRwSignal<u64> = ArcRwSignal::new(0);
}

/// localStorage can be missing (some privacy modes) or throw on access; gloo's `raw()` would
/// then panic, so every use goes through this check.
fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

fn read_raw(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Write text as it is (gloo's `set` would JSON-encode it again).
fn write_raw(key: &str, text: &str) -> bool {
    available() && LocalStorage::raw().set_item(key, text).is_ok()
}

/// The saved state, and whether it must be written back at once (migrated or repaired).
fn load() -> (Progress, bool) {
    let raw = read_raw(KEY);
    let loaded = saved::load(raw.as_deref());
    if loaded.keep_raw_as_backup
        && let Some(raw) = &raw
    {
        if !write_raw(BACKUP_KEY, raw) {
            READ_ONLY.with(|r| r.set(true));
            report(format!(
                "{} It could not be backed up either (is storage full?), so nothing is saved in this visit and the saved copy stays as it is.",
                loaded.problem.clone().unwrap_or_default()
            ));
            return (loaded.progress, false);
        }
        // The backup holds it now. Nothing readable (damaged, or from a newer Dunder): the
        // entry goes; else the migrated or repaired state replaces it at once, so the repair
        // is not reported again.
        if loaded.progress == Progress::new() {
            LocalStorage::delete(KEY);
        }
    }
    if let Some(problem) = &loaded.problem {
        report(problem.clone());
    }
    let needs_write = loaded.keep_raw_as_backup && loaded.progress != Progress::new();
    (loaded.progress, needs_write)
}

fn report(message: String) {
    PROBLEM.with(|p| p.set(Some(message)));
}

/// The banner message about saved state, if any (a signal: storage trouble can come later).
pub fn problem() -> RwSignal<Option<String>> {
    read(|_| ());
    PROBLEM.with(|p| RwSignal::from(p.clone()))
}

/// A counter that changes whenever the saved state does.
pub fn revision() -> RwSignal<u64> {
    REVISION.with(|r| RwSignal::from(r.clone()))
}

fn with<R>(f: impl FnOnce(&mut Progress) -> R) -> R {
    if STATE.with(|s| s.borrow().is_none()) {
        let (progress, write) = load();
        STATE.with(|s| *s.borrow_mut() = Some(progress));
        if write && !write_state() {
            report(FULL.into());
        }
    }
    STATE.with(|s| f(s.borrow_mut().as_mut().expect("loaded above")))
}

/// Read the whole saved state (for the library's scheduling, dashboard and mock functions).
pub fn read<R>(f: impl FnOnce(&Progress) -> R) -> R {
    with(|p| f(p))
}

/// Change the saved state and store it.
pub fn update<R>(f: impl FnOnce(&mut Progress) -> R) -> R {
    let result = with(f);
    save();
    result
}

fn write_state() -> bool {
    if READ_ONLY.with(Cell::get) {
        return true;
    }
    let result = STATE.with(|s| s.borrow().as_ref().map(|p| LocalStorage::set(KEY, p)));
    !matches!(result, Some(Err(_)))
}

fn save() {
    if !available() {
        return;
    }
    // A failed write leaves the previous entry as it was: nothing already saved is lost.
    if !write_state() {
        report(FULL.into());
    }
    REVISION.with(|r| r.update(|n| *n += 1));
}

pub fn load_code(id: &str) -> Option<String> {
    read(|p| p.code.get(id).cloned())
}

pub fn save_code(id: &str, code: &str) {
    update(|p| p.code.insert(id.to_owned(), code.to_owned()));
}

pub fn forget_code(id: &str) {
    update(|p| p.code.remove(id));
}

/// Ever answered right (or self-graded Good or Easy).
pub fn solved(id: &str) -> bool {
    read(|p| p.solved(id))
}

/// Keep one attempt at a question in the history.
pub fn record(id: &str, attempt: Attempt) {
    update(|p| p.record(id, attempt));
}

/// Everything the browser remembers, as a file a classroom can carry to another machine.
pub fn export_json() -> String {
    read(saved::export)
}

/// Replace the saved progress with an exported file's (v2, or a v1 file, migrated); nothing
/// changes if the file is damaged or from a newer Dunder.
pub fn import_json(text: &str) -> Result<(), String> {
    let progress = saved::import(text)?;
    with(|p| *p = progress);
    save();
    Ok(())
}
