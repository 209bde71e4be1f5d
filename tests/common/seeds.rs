//! Where the seed documents are: `../shared/seeds` beside the checkout, or `DUNDER_SEEDS`.

use std::path::PathBuf;

pub fn seeds_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DUNDER_SEEDS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/seeds"));
    dir.is_dir().then_some(dir)
}
