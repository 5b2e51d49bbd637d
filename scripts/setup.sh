#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the article needs.
# Idempotent: every step is skipped when its tool is already at the right version.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

log() { printf '[setup] %s\n' "$*"; }
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Build-time tools need no heavy optimisation: these profile overrides roughly
# halve the one-off compile on a 2-core machine.
install_tool() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}

TRUNK_VERSION=0.21.14
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (a few minutes, once)"
  install_tool --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly,
# or Trunk downloads one (and there is no internet here).
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
# An empty or odd version would match any installed wasm-bindgen: stop instead.
if ! printf '%s' "$WBG_VERSION" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$'; then
  echo "[setup] cannot read the wasm-bindgen version from Cargo.lock (got '$WBG_VERSION'); is Cargo.lock present and does it list wasm-bindgen?" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]; then
  log "installing wasm-bindgen-cli $WBG_VERSION (a few minutes, once)"
  # The registry mirror can lag behind the CLI's own lock file: fall back to
  # resolving afresh when --locked cannot be satisfied.
  install_tool --locked wasm-bindgen-cli --version "$WBG_VERSION" \
    || install_tool wasm-bindgen-cli --version "$WBG_VERSION"
fi

# wasm-opt from npm's binaryen 132 (project-local, tools/node_modules/.bin):
# Debian's binaryen 108 breaks wasm-bindgen 0.2.130's output.
# npm ci leaves node_modules/.package-lock.json: its absence or age says the
# packages are missing or stale (an empty node_modules alone proves nothing).
npm_stale() { [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; }
if [ ! -x tools/node_modules/.bin/wasm-opt ] || npm_stale tools; then
  log "installing wasm-opt (npm binaryen)"
  (cd tools && npm ci --no-audit --no-fund --silent)
fi

need_apt=()
if [ "$want_tests" = 1 ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
  # The Chinese page's screenshots are stored with Noto Sans CJK; without a
  # CJK font Chromium draws boxes and the comparisons fail.
  fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-noto-cjk)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing ${need_apt[*]} from Debian"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "$want_tests" = 1 ] && [ -f tests/e2e/package-lock.json ]; then
  if npm_stale tests/e2e; then
    log "installing the browser-test packages"
    (cd tests/e2e && npm ci --no-audit --no-fund --silent)
  fi
fi
log "ready"
