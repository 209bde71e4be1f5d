//! The non-frozen part of the standard library (see `stdlib/README.md`), which the import
//! system asks for by module name (`python/_dunder_stdlib.py`): bytecode compiled at build
//! time, and the sources for tracebacks and `inspect`. Natively they are read from the build's
//! output directory; in the worker they come from the prefetched bundle or, failing that, a
//! synchronous request for `pylib/<path>` (allowed in workers; the import system is synchronous).

#[path = "stdlib/install_prefix.rs"]
mod install_prefix;

use std::{cell::RefCell, collections::HashMap};

/// `name path is_package` per line, for every module in `dist/pylib/`.
pub const INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/pylib/index.txt"));

/// One module of the index.
#[derive(Clone, Copy)]
pub struct Module {
    /// Below `pylib/` (and below `INSTALL_PREFIX` for `__file__`).
    pub path: &'static str,
    pub package: bool,
}

impl Module {
    /// Its `__file__`, and the file name its bytecode was compiled with.
    pub fn origin(&self) -> String {
        format!("{}{}", install_prefix::INSTALL_PREFIX, self.path)
    }
}

thread_local! {
    /// The index by module name, read once. Also what keeps `source` and `bytecode` to the
    /// shipped files: Python code can call them with any name.
    static MODULES: HashMap<&'static str, Module> = INDEX
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let (name, path, package) = (fields.next()?, fields.next()?, fields.next()?);
            Some((name, Module { path, package: package == "1" }))
        })
        .collect();
    /// Bytecode that arrived in the prefetch bundle, by module path.
    static PREFETCHED: RefCell<HashMap<String, Vec<u8>>> = RefCell::new(HashMap::new());
}

/// The module called `name`, if it is in the index.
pub fn lookup(name: &str) -> Option<Module> {
    MODULES.with(|modules| modules.get(name).copied())
}

/// The source of the module called `name`; `None` if it is not in the index or could not be
/// loaded.
pub fn source(name: &str) -> Option<String> {
    fetch(lookup(name)?.path).and_then(|bytes| String::from_utf8(bytes).ok())
}

/// The bytecode (RustPython's marshal format) of the module called `name`; `None` if it is not
/// in the index, has none (it did not compile) or could not be loaded.
pub fn bytecode(name: &str) -> Option<Vec<u8>> {
    let path = lookup(name)?.path;
    if let Some(code) = PREFETCHED.with(|p| p.borrow_mut().remove(path)) {
        return Some(code);
    }
    fetch(&format!("{path}.rpyc"))
}

/// Add the modules of a `prefetch.bin` bundle: records of `u32 LE path length, path, u32 LE
/// code length, code`. Returns how many modules it held.
pub fn add_prefetched(mut bundle: &[u8]) -> Result<usize, String> {
    let take = |bundle: &mut &[u8]| -> Result<Vec<u8>, String> {
        let (length, rest) = bundle.split_first_chunk::<4>().ok_or("truncated prefetch bundle")?;
        let length = u32::from_le_bytes(*length) as usize;
        if rest.len() < length {
            return Err("truncated prefetch bundle".into());
        }
        let (part, rest) = rest.split_at(length);
        *bundle = rest;
        Ok(part.to_vec())
    };
    let mut modules = Vec::new();
    while !bundle.is_empty() {
        let path = String::from_utf8(take(&mut bundle)?).map_err(|_| "bad path in prefetch bundle")?;
        modules.push((path, take(&mut bundle)?));
    }
    let count = modules.len();
    PREFETCHED.with(|p| p.borrow_mut().extend(modules));
    Ok(count)
}

#[cfg(not(target_arch = "wasm32"))]
fn fetch(file: &str) -> Option<Vec<u8>> {
    std::fs::read(concat!(env!("OUT_DIR"), "/pylib/").to_owned() + file).ok()
}

#[cfg(target_arch = "wasm32")]
fn fetch(file: &str) -> Option<Vec<u8>> {
    use wasm_bindgen::JsCast;
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let url = web_sys::Url::new_with_base(&format!("pylib/{file}"), &scope.location().href()).ok()?;
    let request = web_sys::XmlHttpRequest::new().ok()?;
    request.open_with_async("GET", &url.href(), false).ok()?;
    // Binary responses from a synchronous request: allowed in workers (not in windows).
    request.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    request.send().ok()?;
    if request.status().ok()? != 200 {
        return None;
    }
    Some(js_sys::Uint8Array::new(&request.response().ok()?).to_vec())
}
