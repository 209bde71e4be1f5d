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
    let files = parse::read_lesson_files(Path::new("lessons")).expect("lessons/ is readable");
    for (path, _) in &files {
        println!("cargo::rerun-if-changed={path}");
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
