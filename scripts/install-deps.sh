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
  # pytest runs Tests/Browser inside the same venv (only installed when missing).
  venv_py="${WEBCHECK_HOME:-/opt/webcheck}/venv/bin/python"
  if [ -x "$venv_py" ] && ! "$venv_py" -c 'import pytest' 2>/dev/null; then
    $SUDO "$venv_py" -m pip install -q --disable-pip-version-check pytest
  fi
  # Tests/Browser/test_api_schema.py checks the JSON API against its OpenAPI document.
  if [ -x "$venv_py" ] && ! "$venv_py" -c 'import schemathesis, openapi_spec_validator' 2>/dev/null; then
    $SUDO "$venv_py" -m pip install -q --disable-pip-version-check 'schemathesis>=4.32,<5' 'openapi-spec-validator>=0.7,<1'
  fi
  # Tests/Browser/test_mail.py delivers to a real SMTP server (aiosmtpd) on a loopback port.
  if [ -x "$venv_py" ] && ! "$venv_py" -c 'import aiosmtpd' 2>/dev/null; then
    $SUDO "$venv_py" -m pip install -q --disable-pip-version-check 'aiosmtpd>=1.4,<2'
  fi
fi
