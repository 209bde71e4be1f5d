#!/usr/bin/env bash
# Installs whatever this machine is missing to build Dunder: the pinned Rust toolchain with the
# wasm32 target, Trunk, the wasm-bindgen CLI matching Cargo.lock, and the npm tools
# (wasm-opt, esbuild, CodeMirror, playwright-core, puppeteer-core, selenium-webdriver, axe-core,
# Pyodide) and brotli. Pass --browser to also install the three test browsers: Chromium, Firefox
# ESR and WebKitGTK (its WebDriver and MiniBrowser, which needs a display: Xvfb).
# Safe to run again: each step checks first. Source it (`. .ci/setup.sh`) to get the PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
# Build outputs live outside the clone so a fresh clone (CI) reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dunder/target}"
mkdir -p "$CARGO_TARGET_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

toolchain=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1 \
   || ! rustup target list --installed --toolchain "$toolchain" | grep -q wasm32-unknown-unknown; then
  say "installing Rust $toolchain with the wasm32 target"
  rustup toolchain install "$toolchain" --profile minimal --target wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
  say "installing trunk 0.21.14"
  cargo install --locked trunk --version 0.21.14
fi

bindgen=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  say "installing wasm-bindgen-cli $bindgen"
  # Its own lockfile has clashed with crates.io before (webpki-roots); fall back to resolving.
  cargo install --locked wasm-bindgen-cli --version "$bindgen" \
    || cargo install wasm-bindgen-cli --version "$bindgen"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (wasm-opt, browser drivers, axe-core, pyodide)"
  npm ci --no-audit --no-fund
fi

# Debian packages: brotli (precompressed dist/ files) and, for the tests, the browsers.
packages=()
command -v brotli >/dev/null 2>&1 || packages+=(brotli)
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v firefox-esr >/dev/null 2>&1 || packages+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null 2>&1 || packages+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null 2>&1 || packages+=(xvfb)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# Trunk builds offline (it must never download tools), so crates are fetched up front.
cargo fetch --quiet
