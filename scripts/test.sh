#!/usr/bin/env bash
# Runs every check and test: formatting, lints, docs, the native test suites
# (golden parity, properties, builder, charts, CLI), the no_std engine for
# wasm32, the release site build, and the end-to-end tests in headless Chromium.
# Every cargo command runs with --locked: the tests run what Cargo.lock pins.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
bash scripts/setup.sh --test
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step_start=$SECONDS
step() {
  printf '(%ds)\n\n== %s\n' "$((SECONDS - step_start))" "$*"
  step_start=$SECONDS
}

step "format"
cargo fmt --all -- --check
step "lints (native: every crate but the wasm front end; wasm32: the front end)"
# dpm-web is linted once, for the target it ships to; its native unit tests
# still build below. The two runs share the host's build scripts and macros.
cargo clippy --locked --workspace --exclude dpm-web --all-targets -- -D warnings
cargo clippy --locked -p dpm-web --all-targets --target wasm32-unknown-unknown -- -D warnings
step "docs (broken links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --workspace -q
step "engine builds for wasm32 with no_std"
cargo build --locked -q -p dpm-engine --target wasm32-unknown-unknown --release
step "native tests"
cargo test --locked -q --workspace
step "site build"
trunk build --release --locked
step "browser tests"
(cd tests/e2e && node --test --test-reporter=spec)
step "done in $((SECONDS - started)) s"
