//! Build-time split of RustPython's `Lib/` (see README.md here): used by `build.rs` only.
//!
//! Writes into `out`:
//! - `boot/`: the boot modules' sources, frozen by `py_freeze!` through `freeze_boot.rs`;
//! - `pylib/`: every other shipped module's source (for tracebacks and `inspect`), its
//!   bytecode beside it as `<path>.rpyc` (RustPython's marshal format: compiling in the browser
//!   made the first `import asyncio` take over a second), `pylib/index.txt` (`name path
//!   is_package` per line), and `pylib/prefetch.bin`: the prefetched modules' bytecode as
//!   records of `u32 LE path length, path, u32 LE code length, code`.

use std::{
    collections::BTreeSet,
    fs,
    io,
    path::{Path, PathBuf},
};

pub struct Module {
    pub name: String,
    /// Path below `Lib/`, with `/` separators.
    pub path: String,
    pub package: bool,
}

/// Names from one of the list files: one per line, `#` comments.
pub fn read_list(path: &Path) -> io::Result<BTreeSet<String>> {
    Ok(fs::read_to_string(path)?
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Every importable `.py` module under `lib`, minus the top-level names in `skip`.
pub fn walk(lib: &Path, skip: &BTreeSet<String>) -> io::Result<Vec<Module>> {
    let mut modules = Vec::new();
    walk_dir(lib, "", skip, &mut modules)?;
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(modules)
}

fn walk_dir(dir: &Path, prefix: &str, skip: &BTreeSet<String>, out: &mut Vec<Module>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        let stem = file_name.strip_suffix(".py").unwrap_or(&file_name);
        if !is_identifier(stem) || (prefix.is_empty() && skip.contains(stem)) {
            continue;
        }
        let dotted = if prefix.is_empty() { stem.to_owned() } else { format!("{prefix}.{stem}") };
        let relative = dotted.replace('.', "/");
        if path.is_dir() {
            if path.join("__init__.py").is_file() {
                out.push(Module { name: dotted.clone(), path: format!("{relative}/__init__.py"), package: true });
                walk_dir(&path, &dotted, skip, out)?;
            }
        } else if file_name.ends_with(".py") && stem != "__init__" {
            out.push(Module { name: dotted, path: format!("{relative}.py"), package: false });
        }
    }
    Ok(())
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic()) && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// Write `boot/` and `pylib/` into `out` (emptied first: a module moved between lists must not
/// linger in the other directory).
pub fn write(lib: &Path, lists: &Path, out: &Path) -> Result<(), String> {
    let read = |name: &str| read_list(&lists.join(name)).map_err(|e| format!("{}: {e}", lists.join(name).display()));
    let boot = read("boot.txt")?;
    let prefetch = read("prefetch.txt")?;
    let skip = read("not-shipped.txt")?;
    let modules = walk(lib, &skip).map_err(|e| format!("{}: {e}", lib.display()))?;
    let known: BTreeSet<&str> = modules.iter().map(|m| m.name.as_str()).collect();
    for name in boot.iter().chain(&prefetch) {
        if !known.contains(name.as_str()) {
            return Err(format!("src/runner/stdlib: `{name}` is not a shipped module of {}", lib.display()));
        }
    }
    // A boot module's package must be frozen too, or the frozen submodule cannot be imported.
    for name in &boot {
        if let Some((parent, _)) = name.rsplit_once('.') {
            if !boot.contains(parent) {
                return Err(format!("src/runner/stdlib/boot.txt: `{name}` needs its package `{parent}` too"));
            }
        }
    }

    let (boot_dir, pylib_dir) = (out.join("boot"), out.join("pylib"));
    for dir in [&boot_dir, &pylib_dir] {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let copy = |module: &Module, to: &Path| -> Result<String, String> {
        let source = fs::read_to_string(lib.join(&module.path)).map_err(|e| format!("{}: {e}", module.path))?;
        let target: PathBuf = to.join(&module.path);
        fs::create_dir_all(target.parent().expect("a module path has a parent")).map_err(|e| e.to_string())?;
        fs::write(&target, &source).map_err(|e| e.to_string())?;
        Ok(source)
    };

    let mut index = String::new();
    let mut bundle = Vec::new();
    for module in &modules {
        if boot.contains(&module.name) {
            copy(module, &boot_dir)?;
            continue;
        }
        let source = copy(module, &pylib_dir)?;
        index.push_str(&format!("{} {} {}\n", module.name, module.path, u8::from(module.package)));
        // A module RustPython cannot compile gets no bytecode: importing it compiles the source
        // and raises the same SyntaxError a reader would expect.
        let Some(code) = bytecode(&source, &module.path) else { continue };
        fs::write(pylib_dir.join(format!("{}.rpyc", module.path)), &code).map_err(|e| e.to_string())?;
        if prefetch.contains(&module.name) {
            for part in [module.path.as_bytes(), &code] {
                bundle.extend_from_slice(&u32::try_from(part.len()).expect("under 4 GB").to_le_bytes());
                bundle.extend_from_slice(part);
            }
        }
    }
    fs::write(pylib_dir.join("index.txt"), index).map_err(|e| e.to_string())?;
    fs::write(pylib_dir.join("prefetch.bin"), bundle).map_err(|e| e.to_string())?;
    Ok(())
}

/// The module compiled as `python -m py_compile` would, serialised; `None` if it does not compile.
fn bytecode(source: &str, path: &str) -> Option<Vec<u8>> {
    use crate::install_prefix::INSTALL_PREFIX;
    use rustpython_compiler::{CompileOpts, Mode, compile, core::marshal};
    let code = compile(source, Mode::Exec, &format!("{INSTALL_PREFIX}{path}"), CompileOpts::default()).ok()?;
    let mut bytes = Vec::new();
    marshal::serialize_code(&mut bytes, &code);
    Some(bytes)
}
