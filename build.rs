//! Parses `lessons/*.md` at build time and embeds the course as JSON. A malformed lesson fails
//! the build with `file:line: reason`.

#[path = "src/lesson/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/lesson/parse.rs"]
#[allow(dead_code)]
mod parse;
#[path = "src/lesson/prerender.rs"]
mod prerender;
#[path = "src/runner/stdlib/install_prefix.rs"]
mod install_prefix;
#[path = "src/runner/stdlib/split.rs"]
mod stdlib_split;

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=lessons");
    // The runner's Python shims are frozen into the binary by a proc macro, which cargo cannot
    // track; rerunning this script when they change makes cargo rebuild the crate.
    println!("cargo::rerun-if-changed=src/runner/python");
    // The lesson model, parser and prerenderer are part of this script (#[path] modules above).
    println!("cargo::rerun-if-changed=src/lesson");
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
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir);
    // Which checkout this output belongs to: .ci/post-build.sh looks for it, since several
    // checkouts (a CI clone, a working copy) may share one target directory.
    fs::write(out.join("manifest-dir"), env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).expect("write manifest-dir");
    fs::write(out.join("course.json"), serde_json::to_string(&course).expect("course serialises")).expect("write course.json");
    write_prerendered(&course, out);
    split_stdlib(out);
}

/// Each lesson's static HTML, for `.ci/post-build.sh` to put in its page (see prerender.rs).
fn write_prerendered(course: &model::Course, out: &Path) {
    let dir = out.join("prerendered");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create prerendered/");
    for (index, lesson) in course.lessons.iter().enumerate() {
        fs::write(dir.join(format!("{}.html", lesson.slug)), prerender::lesson_page(course, index)).expect("write a prerendered lesson");
    }
    let pages = dir.join("pages");
    fs::create_dir_all(&pages).expect("create prerendered/pages/");
    for (route, title, lead) in prerender::PRACTICE_PAGES {
        fs::write(pages.join(format!("{route}.html")), prerender::practice_page(title, lead)).expect("write a prerendered page");
    }
}

/// Frozen boot modules, and the rest of the stdlib as files for `dist/pylib/` (see
/// src/runner/stdlib/README.md). `.ci/post-build.sh` copies `$OUT_DIR/pylib` into dist/.
fn split_stdlib(out: &Path) {
    println!("cargo::rerun-if-changed=src/runner/stdlib");
    let lib = Path::new(rustpython_pylib::LIB_PATH);
    if let Err(error) = stdlib_split::write(lib, Path::new("src/runner/stdlib"), out) {
        println!("cargo::error={error}");
        std::process::exit(1);
    }
    // py_freeze! reads a directory named by a string literal, relative to the file the literal
    // is in: so the literal lives in a generated file, naming the generated directory.
    let boot = out.join("boot");
    let freeze = format!("rustpython_vm::py_freeze!(dir = {:?})\n", boot.display().to_string());
    fs::write(out.join("freeze_boot.rs"), freeze).expect("write freeze_boot.rs");
}
