#!/usr/bin/env bash
# Set up, then run every check in the project's venv: lint, format, unit, app and real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh dev
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m pytest "$@"
