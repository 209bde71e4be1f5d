//! Parses `lessons/*.md` at build time and embeds the course as JSON. A malformed lesson fails
//! the build with `file:line: reason`.

#[path = "src/lesson/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/lesson/parse.rs"]
#[allow(dead_code)]
mod parse;

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=lessons");
    // The runner's Python shims are frozen into the binary by a proc macro, which cargo cannot
    // track; rerunning this script when they change makes cargo rebuild the crate.
    println!("cargo::rerun-if-changed=src/runner/python");
    let mut files = vec![];
    let mut paths: Vec<_> = fs::read_dir("lessons")
        .expect("lessons/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && name.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    paths.sort();
    for path in paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        files.push((path.display().to_string(), text));
    }
    let course = match parse::parse_course(&files) {
        Ok(course) => course,
        Err(error) => {
            eprintln!("error: {error}");
            println!("cargo::error={error}");
            std::process::exit(1);
        }
    };
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("course.json");
    fs::write(out, serde_json::to_string(&course).expect("course serialises")).expect("write course.json");
}
