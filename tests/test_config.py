"""The server settings a person gets from ``streamlit run dashboard.py`` in this folder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Read by Streamlit itself, in a child process, so a misspelt key or section counts as unset.
READ_OPTIONS = """
import json, sys
from streamlit import config
config.get_config_options(force_reparse=True)
print(json.dumps({name: config.get_option(name) for name in sys.argv[1:]}))
"""

EXPECTED = {
    "server.headless": True,
    "server.address": "127.0.0.1",
    "server.fileWatcherType": "none",
    "browser.gatherUsageStats": False,
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "client.disableDataExport": True,
    "runner.fastReruns": False,
    "runner.postScriptGC": False,
    "server.maxMessageSize": 16,
    "server.maxWidgetStateSize": 1,
}


@pytest.fixture(scope="module")
def options() -> dict[str, object]:
    command = [sys.executable, "-c", READ_OPTIONS, *EXPECTED]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", EXPECTED)
def test_server_runs_with_safe_quiet_settings(options: dict[str, object], name: str):
    assert options[name] == EXPECTED[name]
