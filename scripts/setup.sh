#!/usr/bin/env bash
# Create the project's virtual environment (.venv) with this machine's python3 and install the
# pinned, hashed lockfile into it. Never touches the system Python.
#   bash scripts/setup.sh        runtime only (the dashboard)
#   bash scripts/setup.sh serve  runtime and Debian's HAProxy (scripts/serve.sh)
#   bash scripts/setup.sh dev    everything: tests, lint, benchmarks, Debian's chromium, fonts, LibreOffice
#                                and HAProxy
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, installed only when missing; as root directly, otherwise through sudo.
apt_install() {
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: $python is missing or older than 3.11; install Python 3.11 or newer (or set PYTHON)" >&2
  exit 1
fi

# A venv whose interpreter is gone (Python upgraded or removed) is made again.
if [ -e .venv ] && ! .venv/bin/python -c '' 2>/dev/null; then
  rm -rf .venv
fi
if [ ! -e .venv ]; then
  # Inside an active venv, "$python" is that venv's interpreter; venv then builds on its base Python.
  if ! "$python" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    # Debian's python3 has no ensurepip until python3-venv is installed.
    apt_install python3-venv
    "$python" -m venv .venv
  fi
fi

pip_install() {
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$1"
}

mode=${1:-}
case "$mode" in
  ""|serve) pip_install requirements.lock ;;
  dev) pip_install requirements-dev.lock ;;
  *) echo "setup: unknown mode '$mode' (use nothing, serve or dev)" >&2; exit 2 ;;
esac
if [ "$mode" = "dev" ]; then
  # Real-browser tests drive Debian's chromium; CJK fonts make Chinese text render.
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
    apt_install chromium fonts-noto-cjk
  fi
  # The spreadsheet download is checked by opening it in LibreOffice, headless.
  command -v soffice >/dev/null 2>&1 || apt_install libreoffice-calc-nogui
  # python -m bench runs Lighthouse (from npm, pinned with hashes in its package-lock.json).
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "$mode" = "dev" ] || [ "$mode" = "serve" ]; then
  # Replicas run behind Debian's HAProxy (scripts/serve.sh). Only the binary is used, with a
  # configuration of our own; Debian's service for it is left as it is.
  command -v haproxy >/dev/null 2>&1 || apt_install haproxy
fi
