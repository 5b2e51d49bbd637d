#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the native test suites
# (golden parity, properties, builder, charts, CLI), the no_std engine for
# wasm32, the release site build, and the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all -- --check
step "lints"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p dpm-web --target wasm32-unknown-unknown -- -D warnings
step "engine builds for wasm32 with no_std"
cargo build -q -p dpm-engine --target wasm32-unknown-unknown --release
step "native tests"
cargo test -q --workspace
step "site build"
trunk build --release
step "browser tests"
(cd tests/e2e && node --test --test-reporter=spec)
