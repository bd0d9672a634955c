#!/usr/bin/env bash
# Builds the site in release mode and starts it with Lübeck demo data in ./data
# (an embedded SQLite file). Open http://127.0.0.1:8080/ — Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product raumboerse
exec .build/release/raumboerse serve --demo --data-dir "${RAUMBOERSE_DATA_DIR:-./data}" "$@"
