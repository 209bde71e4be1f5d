#!/usr/bin/env bash
# For lesson authors: check some lessons without rebuilding anything.
#   bash tests/quick-lessons.sh 03 04     # lessons whose file names start with 03 or 04
# Runs the already-built native test binaries (they read lessons/ when they run, so edits to
# lessons need no rebuild): every snippet under RustPython and CPython 3.14, exercises and their
# wrong solutions, cards, and the seed-overlap check. Rebuild them after changing src/ or tests/
# with `cargo test --no-run`. CI runs the full `cargo test` instead.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: bash tests/quick-lessons.sh 03 [04 …]" >&2; exit 2; }
deps="${CARGO_TARGET_DIR:-$HOME/.cache/dunder/target}/debug/deps"
newest() { ls -t "$deps"/"$1"-* 2>/dev/null | grep -v '\.d$' | head -n 1; }
status=0
export DUNDER_LESSONS="$*"
for test in lessons seed_overlap; do
  binary=$(newest "$test")
  if [ -z "$binary" ]; then
    echo "the $test test binary is not built yet (cargo test --no-run); try again later" >&2
    exit 3
  fi
  echo "==> $test ($DUNDER_LESSONS)"
  "$binary" --test-threads=2 -q || status=1
done
exit $status
