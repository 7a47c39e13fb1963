#!/usr/bin/env bash
# Renders the PWA icons in public/ from public/icon.svg with headless Chromium.
# Run by hand after changing the icon; the PNGs are committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
svg=$(cat "$root/public/icon.svg")
render() { # size, html body, output
  printf '<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:%spx;height:%spx}</style>%s' \
    "$1" "$1" "$2" > "$tmp/icon.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$1,$1" --screenshot="$3" "file://$tmp/icon.html" >/dev/null 2>&1
}
render 192 "$svg" "$root/public/icon-192.png"
render 512 "$svg" "$root/public/icon-512.png"
# Maskable: full-bleed background, the mark inside the central safe zone.
maskable='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1f5f8b"/><g transform="translate(12.8 12.8) scale(.6)"><path d="M14 44 L26 22 L36 36 L44 26 L52 44" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></g></svg>'
render 512 "$maskable" "$root/public/icon-maskable-512.png"
echo "icons written to public/"
