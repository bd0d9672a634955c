#!/usr/bin/env bash
# Runs every test: the Swift unit and integration tests (real server on
# ephemeral ports, real SQLite files in temp directories), then the browser
# and page checks when Chromium and Playwright are installed (scripts/install-deps.sh --browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --parallel
if [ -d Tests/Browser ] && [ -x /opt/webcheck/venv/bin/python ]; then
  /opt/webcheck/venv/bin/python -m pytest -q Tests/Browser
fi
