#!/usr/bin/env bash
# Trunk post-build hook: give every app route its own copy of index.html, so a deep link
# (…/play, …/lesson/<slug>) loads on any static host without server-side rewrites. Each copy's
# <base href> points back to the app root, so the relative asset URLs still resolve.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
root="$(cd "$(dirname "$0")/.." && pwd)"

routes=(play)
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
