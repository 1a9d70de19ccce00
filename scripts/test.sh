#!/usr/bin/env bash
# Set up, then run every check: lint, format, unit, app and real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh dev
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest "$@"
