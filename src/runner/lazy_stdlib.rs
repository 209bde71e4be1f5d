//! The non-frozen part of the standard library, as sources the import system asks for by path
//! (see `python/_dunder_stdlib.py` and `stdlib/README.md`). Natively they are read from the
//! build's output directory; in the worker they come from the prefetched bundle or, failing
//! that, a synchronous request for `pylib/<path>` (allowed in workers, and the import system
//! is synchronous).

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
};

/// `name path is_package` per line, for every module in `dist/pylib/`.
pub const INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/pylib/index.txt"));

thread_local! {
    static PATHS: HashSet<&'static str> =
        INDEX.lines().filter_map(|line| line.split(' ').nth(1)).collect();
    /// Sources that arrived in the prefetch bundle, by path.
    static PREFETCHED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The source of the module at `path` (as in the index), or `None` if it is not in the index
/// or could not be loaded.
pub fn source(path: &str) -> Option<String> {
    if !PATHS.with(|paths| paths.contains(path)) {
        return None;
    }
    if let Some(source) = PREFETCHED.with(|p| p.borrow().get(path).cloned()) {
        return Some(source);
    }
    fetch(path)
}

/// Add the modules of a `prefetch.json` bundle (`{"name": [path, is_package, source]}`).
/// Returns how many modules it held.
pub fn add_prefetched(bundle_json: &str) -> Result<usize, String> {
    let bundle: HashMap<String, (String, bool, String)> =
        serde_json::from_str(bundle_json).map_err(|e| format!("bad prefetch bundle: {e}"))?;
    let count = bundle.len();
    PREFETCHED.with(|p| {
        let mut prefetched = p.borrow_mut();
        for (_, (path, _, source)) in bundle {
            prefetched.insert(path, source);
        }
    });
    Ok(count)
}

#[cfg(not(target_arch = "wasm32"))]
fn fetch(path: &str) -> Option<String> {
    std::fs::read_to_string(concat!(env!("OUT_DIR"), "/pylib/").to_owned() + path).ok()
}

#[cfg(target_arch = "wasm32")]
fn fetch(path: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let url = web_sys::Url::new_with_base(&format!("pylib/{path}"), &scope.location().href()).ok()?;
    let request = web_sys::XmlHttpRequest::new().ok()?;
    request.open_with_async("GET", &url.href(), false).ok()?;
    request.send().ok()?;
    if request.status().ok()? != 200 {
        return None;
    }
    request.response_text().ok()?
}
