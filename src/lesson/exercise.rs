//! Coding exercises: the reader's code runs, then the lesson's hidden `check_*` functions run in
//! the same namespace, each reported as passed or failed. The app and the tests share this.

use serde::{Deserialize, Serialize};

/// Prefix of the one line of stdout that carries the results (removed before display).
pub const RESULTS_MARKER: &str = "__dunder_check_results__ ";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub name: String,
    pub passed: bool,
    /// Why it failed (the exception), empty when it passed.
    pub message: String,
}

/// The program to run: the reader's code, the checks, then a runner for the checks. The reader's
/// code comes first so its line numbers in tracebacks are the ones in the editor.
pub fn program(code: &str, checks: &str) -> String {
    let mut source = String::with_capacity(code.len() + checks.len() + 800);
    source.push_str(code);
    if !code.ends_with('\n') {
        source.push('\n');
    }
    source.push_str(checks);
    if !checks.ends_with('\n') {
        source.push('\n');
    }
    source.push_str(&format!(
        r#"
def __dunder_run_checks():
    import json, sys
    results = []
    for name, check in list(globals().items()):
        if name.startswith("check_") and callable(check):
            try:
                check()
                results.append({{"name": name, "passed": True, "message": ""}})
            except Exception as error:
                message = f"{{type(error).__name__}}: {{error}}".rstrip(": ")
                results.append({{"name": name, "passed": False, "message": message}})
    sys.stdout.flush()
    print({marker:?} + json.dumps(results))
__dunder_run_checks()
"#,
        marker = RESULTS_MARKER
    ));
    source
}

/// Split a run's stdout into what the reader's code printed and the check results (None when
/// the checks never ran, for example because the reader's code raised).
pub fn split_results(stdout: &str) -> (String, Option<Vec<CheckResult>>) {
    let mut printed = String::new();
    let mut results = None;
    for line in stdout.split_inclusive('\n') {
        match line.strip_prefix(RESULTS_MARKER) {
            Some(json) => results = serde_json::from_str(json.trim_end()).ok(),
            None => printed.push_str(line),
        }
    }
    (printed, results)
}

/// `check_keeps_order` → "keeps order".
pub fn check_label(name: &str) -> String {
    name.trim_start_matches("check_").replace('_', " ")
}
