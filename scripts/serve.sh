#!/usr/bin/env bash
# Run N dashboard replicas on loopback behind HAProxy, in the foreground until stopped:
#   bash scripts/serve.sh --replicas 2 --port 8500
# Sets up the venv and HAProxy first; see scripts/serve.py for what happens on faults.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh serve
exec .venv/bin/python scripts/serve.py "$@"
