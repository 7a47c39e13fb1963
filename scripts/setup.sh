#!/usr/bin/env bash
# Installs what Waypoint needs and is missing; idempotent, and quick when all is present.
#   scripts/setup.sh build   wasm target, trunk, wasm-bindgen-cli, binaryen (wasm-opt)
#   scripts/setup.sh test    the above plus chromium and chromium-driver
set -euo pipefail

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
POUCHDB_SERVER_VERSION=4.2.0
POUCHDB_VERSION=9.0.0
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-build}

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

sudo_cmd=""
if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    $sudo_cmd apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@"
}

has_version() { # command, expected version text
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! has_version trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; --locked fails for this version.
if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
   || ! has_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from binaryen's npm package, into .tools/ (the Makefile puts it first on PATH).
# Debian bookworm's binaryen 108 rewrites wasm-bindgen's externref table so that the
# release build fails in the browser ("WebAssembly.Table.set(): Argument 1 is invalid").
wasm_opt="$root/.tools/node_modules/.bin/wasm-opt"
if ! { [ -x "$wasm_opt" ] && "$wasm_opt" --version 2>/dev/null | grep -qF "version ${BINARYEN_VERSION%%.*}"; }; then
  command -v npm >/dev/null 2>&1 || apt_install npm
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/"
  npm install --prefix "$root/.tools" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

if [ "$mode" = test ]; then
  # The view! macros' formatter, checked by `make fmt`.
  if ! has_version leptosfmt "leptosfmt $LEPTOSFMT_VERSION"; then
    say "installing leptosfmt $LEPTOSFMT_VERSION (a few minutes, once)"
    cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
  fi
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  # The driver must speak to this browser: same major version.
  b=$(chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
  d=$(chromedriver --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
  if [ "$b" != "$d" ]; then
    say "chromium $b and chromedriver $d differ; reinstalling both"
    apt_install --reinstall chromium chromium-driver
  fi
  command -v python3 >/dev/null 2>&1 || apt_install python3
  command -v curl >/dev/null 2>&1 || apt_install curl
  # The server rules' tests (server/validate.test.js) and the CouchDB 3 double run Node.
  command -v node >/dev/null 2>&1 || apt_install nodejs
  pdb="$root/.tools/node_modules/pouchdb-server/package.json"
  if ! { [ -f "$pdb" ] && grep -qF "\"version\": \"$POUCHDB_SERVER_VERSION\"" "$pdb"; }; then
    say "installing pouchdb-server $POUCHDB_SERVER_VERSION into .tools/ (the sync tests' server)"
    npm install --prefix "$root/.tools" --no-audit --no-fund --silent --omit=optional \
      "pouchdb-server@$POUCHDB_SERVER_VERSION"
  fi
  # PouchDB's browser build, the baseline of the sync benchmark (its own prefix: it
  # must not meet pouchdb-server's older PouchDB; no native builds are needed).
  pb="$root/.tools/pouchdb9/node_modules/pouchdb/package.json"
  if ! { [ -f "$pb" ] && grep -qF "\"version\": \"$POUCHDB_VERSION\"" "$pb"; }; then
    say "installing pouchdb $POUCHDB_VERSION (browser build) into .tools/pouchdb9/"
    npm install --prefix "$root/.tools/pouchdb9" --no-audit --no-fund --silent --omit=optional \
      --ignore-scripts "pouchdb@$POUCHDB_VERSION"
  fi
fi
say "tools ready"
