#!/usr/bin/env bash
# Refreshes the test fixtures copied from the project's shared folder: the
# golden vectors (outputs of the original article's own code) and the
# fingerprints of the original's wording. The repository never reads the
# shared folder otherwise; run this by hand when it changes, then commit.
#
#   bash scripts/refresh-fixtures.sh [SHARED_DIR]   # default: ../shared
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
[ -d "$shared/golden" ] || { echo "no golden folder in $shared" >&2; exit 2; }
[ -d "$shared/reference/fingerprints" ] || { echo "no fingerprints in $shared/reference" >&2; exit 2; }
rm -f tests/golden/*.json tests/golden/README.md tests/fingerprints/*
cp "$shared"/golden/*.json "$shared"/golden/README.md tests/golden/
cp "$shared"/reference/fingerprints/* tests/fingerprints/
echo "refreshed tests/golden ($(ls tests/golden/*.json | wc -l) files) and tests/fingerprints ($(ls tests/fingerprints | wc -l) files)"
