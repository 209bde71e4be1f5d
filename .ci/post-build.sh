#!/usr/bin/env bash
# Trunk post-build hook, on the staged dist/:
# 1. every app route gets its own copy of index.html, so a deep link (…/play, …/lesson/<slug>)
#    loads on any static host without server rewrites; each copy's <base href> points back to the
#    app root, so the relative asset URLs still resolve;
# 2. the service worker gets this build's file list and a version hash (offline support);
# 3. precompressed .br/.gz copies for static hosts that serve them.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
root="$(cd "$(dirname "$0")/.." && pwd)"

# Content-Security-Policy: only the app's own scripts and wasm. Trunk's one inline module (the
# wasm loader) is allowed by its hash, computed here from the built page; nothing else inline
# can run. CodeMirror injects its styles at run time, hence 'unsafe-inline' for styles only.
hash=$(python3 - "$dir/index.html" <<'PY'
import base64, hashlib, re, sys
script = re.search(r'<script type="module">(.*?)</script>', open(sys.argv[1]).read(), re.S).group(1)
print(base64.b64encode(hashlib.sha256(script.encode()).digest()).decode())
PY
)
csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-$hash'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
sed -i "s|<meta charset=\"utf-8\">|<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">|" "$dir/index.html"

routes=(play embed)
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

cd "$dir"
files=$(find . -type f ! -name 'sw.js' ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | LC_ALL=C sort)
version=$(cat $files | sha256sum | cut -c1-16)
list=$(printf '%s\n' "./" $files | sed 's/.*/"&"/' | paste -sd, -)
sed -i "s|__DUNDER_VERSION__|$version|; s|__DUNDER_FILES__|[$list]|" sw.js

for file in $(find . -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \)); do
  brotli -f -q 11 -o "$file.br" "$file" 2>/dev/null || true
  gzip -f -k -9 "$file"
done
