#!/usr/bin/env bash
# Runs every test: the Swift unit and integration tests (real server on
# ephemeral ports, real SQLite files in temp directories), then the browser
# and page checks when Chromium and Playwright are installed (scripts/install-deps.sh --browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --parallel
# The fuzz target must keep building; a few seconds of fuzzing catch regressions.
bash scripts/fuzz.sh 5 > /tmp/raumboerse-fuzz.log 2>&1 || { tail -40 /tmp/raumboerse-fuzz.log; exit 1; }
echo "fuzz smoke run: $(grep -o 'Done [0-9]* runs' /tmp/raumboerse-fuzz.log) without a crash"
if [ -x /opt/webcheck/venv/bin/python ]; then
  /opt/webcheck/venv/bin/python -m pytest -q Tests/Browser
elif [ "${CI:-}" = "true" ]; then
  echo "browser tools missing: scripts/install-deps.sh --browser must install them in CI" >&2
  exit 1
else
  echo "browser tests not run here: install the tools with scripts/install-deps.sh --browser"
fi
