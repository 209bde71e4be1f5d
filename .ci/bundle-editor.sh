#!/usr/bin/env bash
# Trunk pre-build hook: bundle CodeMirror (from the npm lockfile) into one ES module that the
# Rust UI imports through wasm-bindgen. Rebuilt only when its source or the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."
src=src/bin/app/codemirror.js
out=src/bin/app/codemirror.bundle.js
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt package-lock.json ]; then
  exit 0
fi
node_modules/.bin/esbuild "$src" --bundle --format=esm --minify --legal-comments=none --outfile="$out"
