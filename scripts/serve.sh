#!/usr/bin/env bash
# Serves the article on http://127.0.0.1:8080, rebuilding on edits to
# content/, www/ and crates/. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
