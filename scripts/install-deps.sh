#!/usr/bin/env bash
# Installs the system libraries the build links against (idempotent; root or sudo).
# --browser also installs Chromium, Playwright and the page checkers for the browser tests.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
needed=(libsqlite3-dev zlib1g-dev tzdata)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "${1:-}" = "--browser" ]; then
  here="$(cd "$(dirname "$0")/.." && pwd)"
  if [ -f "$here/../shared/tools/install-webcheck.sh" ]; then
    bash "$here/../shared/tools/install-webcheck.sh" >/dev/null
  fi
  # Tests/Browser runs inside the same venv; each package is installed only when missing.
  venv_py="${WEBCHECK_HOME:-/opt/webcheck}/venv/bin/python"
  need() {  # need "import check" pip-requirement...
    local check="$1"; shift
    if [ -x "$venv_py" ] && ! "$venv_py" -c "import $check" 2>/dev/null; then
      $SUDO "$venv_py" -m pip install -q --disable-pip-version-check "$@"
    fi
  }
  need pytest pytest
  need "schemathesis, openapi_spec_validator" 'schemathesis>=4.32,<5' 'openapi-spec-validator>=0.7,<1'  # the JSON API against its OpenAPI document
  need aiosmtpd 'aiosmtpd>=1.4,<2'                                                                      # a real SMTP server for test_mail.py
  need "icalendar, prometheus_client" 'icalendar>=5,<7' 'prometheus-client>=0.20,<1'                    # real parsers for the feeds
fi
