# Waypoint — the two commands a person needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# .tools/ holds wasm-opt from npm (see scripts/setup.sh); it must win over any older one.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
WASM := --target wasm32-unknown-unknown

.PHONY: run test bench setup setup-test fmt lint unit browser e2e backend build release clean

## run: install what is missing, build, serve http://127.0.0.1:8080
run: setup
	trunk serve --release

## test: install what is missing, then every check and test layer in order
test: setup-test fmt lint unit browser e2e

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

## fmt: rustfmt, and leptosfmt for the view! macros (leptosfmt.toml: width 100)
fmt:
	cargo fmt --all -- --check
	leptosfmt --check --quiet src

lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy $(WASM) --all-targets -- -D warnings

## unit: native tests (domain logic), and the server's validate_doc_update under Node
unit:
	cargo test
	node server/validate.test.js

## browser: wasm-bindgen-test in headless Chromium: real IndexedDB, and sync
## against a real PouchDB Server on loopback
browser:
	WASM_BINDGEN_TEST_TIMEOUT=600 scripts/with-pouchdb.sh cargo test $(WASM) --test '*' 
	# The library's own browser tests (chart geometry in src/ui, which builds only for wasm).
	WASM_BINDGEN_TEST_TIMEOUT=600 cargo test $(WASM) --lib

## e2e: build the app as `make run` serves it (release), serve it on loopback,
## drive Chromium through chromedriver
e2e: release
	scripts/with-pouchdb.sh python3 tests/e2e/run.py --dist dist --shots target/e2e

## bench: browser benchmarks in a release build beside their baselines; writes BENCHMARKS.md
bench: setup-test
	python3 scripts/bench.py

## backend: a local in-memory PouchDB Server at http://127.0.0.1:15984 for trying sync by hand
backend: setup-test
	scripts/with-pouchdb.sh sleep infinity

build:
	trunk build

release:
	trunk build --release

clean:
	cargo clean
	rm -rf dist
