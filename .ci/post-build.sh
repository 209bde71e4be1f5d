#!/usr/bin/env bash
# Trunk post-build hook, on the staged dist/:
# 1. every app route gets its own copy of index.html, so a deep link (…/play, …/lesson/<slug>)
#    loads on any static host without server rewrites; each copy's <base href> points back to the
#    app root, so the relative asset URLs still resolve;
# 2. the service worker gets this build's file list and a version hash (offline support);
# 3. precompressed .br/.gz copies for static hosts that serve them;
# 4. the lazily imported part of the stdlib (pylib/, written by build.rs: see
#    src/runner/stdlib/README.md) is copied in.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
root="$(cd "$(dirname "$0")/.." && pwd)"

# build.rs wrote pylib/ and the prerendered lessons into the build's OUT_DIR: the newest one
# that belongs to this checkout (other checkouts may share the target directory).
target="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/${TRUNK_PROFILE:-release}/build"
out=""
for candidate in $(ls -td "$target"/dunder-*/out 2>/dev/null); do
  if [ "$(cat "$candidate/manifest-dir" 2>/dev/null)" = "$root" ] && [ -f "$candidate/pylib/index.txt" ]; then
    out="$candidate"
    break
  fi
done
[ -n "$out" ] || { echo "post-build: no build output of $root under $target" >&2; exit 1; }
rm -rf "$dir/pylib"
cp -r "$out/pylib" "$dir/pylib"

# Content-Security-Policy: only the app's own scripts and wasm. The page's inline scripts
# (Trunk's wasm loader, and the early worker start in index.html) are allowed by their hashes,
# computed here from the built page; nothing else inline can run. CodeMirror injects its styles
# at run time, hence 'unsafe-inline' for styles only.
hashes=$(python3 - "$dir/index.html" <<'PY'
import base64, hashlib, re, sys
scripts = re.findall(r'<script(?: type="module")?>(.*?)</script>', open(sys.argv[1]).read(), re.S)
assert len(scripts) == 2, f"expected 2 inline scripts, found {len(scripts)}"
print(" ".join("'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts))
PY
)
csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' $hashes; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
sed -i "s|<meta charset=\"utf-8\">|<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">|" "$dir/index.html"

routes=(play embed review mock progress class)
for lesson in "$root"/lessons/[0-9]*.md; do
  [ -e "$lesson" ] || continue
  slug=$(sed -n 's/^slug:[[:space:]]*//p' "$lesson" | head -n 1)
  [ -n "$slug" ] && routes+=("lesson/$slug")
done
for route in "${routes[@]}"; do
  depth=$(awk -F/ '{print NF}' <<<"$route")
  up=$(printf '../%.0s' $(seq 1 "$depth"))
  mkdir -p "$dir/$route"
  sed "s|<base href=\"./\">|<base href=\"$up\">|" "$dir/index.html" > "$dir/$route/index.html"
done

# Lesson pages carry their text as static HTML (build.rs rendered it), readable before the app
# has loaded; the app replaces it when it mounts.
python3 - "$dir" "$out/prerendered" <<'PY'
import pathlib, sys
dist, prerendered = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for fragment in sorted(prerendered.glob("*.html")):
    page = dist / "lesson" / fragment.stem / "index.html"
    html = page.read_text()
    assert html.count("<body>") == 1, page
    page.write_text(html.replace("<body>", "<body>\n" + fragment.read_text(), 1))
# The practice pages: their heading until the app has loaded, and their own <title>.
for fragment in sorted((prerendered / "pages").glob("*.html")):
    page = dist / fragment.stem / "index.html"
    html = page.read_text()
    assert html.count("<body>") == 1 and html.count("<title>") == 1, page
    title = fragment.read_text().split("<h1>", 1)[1].split("</h1>", 1)[0]
    html = html.replace(html[html.index("<title>"):html.index("</title>") + 8], f"<title>{title} — Dunder</title>", 1)
    page.write_text(html.replace("<body>", "<body>\n" + fragment.read_text(), 1))
PY

cd "$dir"
node "$root/.ci/strip-wasm-names.mjs" worker_bg.wasm
# The service worker precaches the app; pylib/ is cached as modules are imported (it is
# large, and most of it is never needed), except the prefetch bundle, which every visit uses.
files=$(find . -type f ! -name 'sw.js' ! -name '*.br' ! -name '*.gz' \( ! -path './pylib/*' -o -name prefetch.bin \) | sed 's|^\./||' | LC_ALL=C sort)
version=$(cat $files | sha256sum | cut -c1-16)
list=$(printf '%s\n' "./" $files | sed 's/.*/"&"/' | paste -sd, -)
sed -i "s|__DUNDER_VERSION__|$version|; s|__DUNDER_FILES__|[$list]|" sw.js

# (Two at a time: pylib/ alone is about 1 400 files.)
find . -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.json' -o -name '*.py' -o -name '*.rpyc' -o -name '*.bin' \) -print0 \
  | xargs -0 -n 50 -P 2 sh -c 'for f; do brotli -f -q 11 -o "$f.br" "$f" && gzip -f -k -9 "$f"; done' sh
