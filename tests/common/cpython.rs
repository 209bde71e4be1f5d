//! Runs programs under CPython 3.14: the `pyodide` npm package in Node (installed by
//! .ci/setup.sh), through tests/cpython/run.mjs. Each output is stdout and stderr interleaved.

use std::{fs, process::Command};

pub fn run_under_cpython(programs: &[String]) -> Vec<String> {
    let input = std::env::temp_dir().join(format!("dunder-cpython-{}-{:?}.json", std::process::id(), std::thread::current().id()));
    fs::write(&input, serde_json::to_string(programs).unwrap()).unwrap();
    let output = Command::new("node")
        .arg("tests/cpython/run.mjs")
        .stdin(fs::File::open(&input).unwrap())
        .output()
        .expect("node runs (install the tools with .ci/setup.sh)");
    let _ = fs::remove_file(&input);
    assert!(output.status.success(), "CPython runner failed: {}", String::from_utf8_lossy(&output.stderr));
    let outputs: Vec<String> = serde_json::from_slice(&output.stdout).expect("CPython runner prints JSON");
    assert_eq!(outputs.len(), programs.len());
    outputs
}
