#!/usr/bin/env bash
# Install what the dashboard and its tests need on a fresh Debian machine.
#   bash scripts/setup.sh        runtime only (the dashboard)
#   bash scripts/setup.sh dev    plus tests, lint, benchmarks and Debian's chromium
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
if [ "${1:-}" = "dev" ]; then
  python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  # Real-browser tests drive Debian's chromium; CJK fonts make Chinese text render.
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
