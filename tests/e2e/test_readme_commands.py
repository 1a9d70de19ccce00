"""The README's first command, exactly as printed, from a fresh clone: the page answers.

Run with Debian's own python3 alone on PATH (PEP 668 forbids pip there, so setup must make
its own venv), and from inside an already active virtual environment.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import ROOT, free_port

DEBIAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
SETUP_TIMEOUT_S = 600


def readme_commands() -> list[str]:
    """The commands of the README's "Two commands" block, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands.*?```bash\n(.*?)```", readme, re.DOTALL)
    assert block, "README has no ```bash block under '## Two commands'"
    return [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def fresh_clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    return clone


def wait_for_page(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SETUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the command exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"no page after {SETUP_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-3000:]}")


def environment(kind: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH")}
    if kind == "debian-python":
        assert Path("/usr/bin/python3").exists(), "Debian's /usr/bin/python3 is missing"
        return {**base, "PATH": DEBIAN_PATH}
    if kind == "machine-path":
        # Whatever python3 this machine's PATH finds first (a pyenv one here), minus this test's own venv.
        venv_bin = str(Path(sys.executable).parent)
        return {**base, "PATH": ":".join(d for d in base["PATH"].split(":") if d != venv_bin)}
    # An already active venv (this checkout's own), first on a Debian PATH.
    venv = ROOT / ".venv"
    return {**base, "VIRTUAL_ENV": str(venv), "PATH": f"{venv}/bin:{DEBIAN_PATH}"}


@pytest.mark.parametrize("kind", ["debian-python", "machine-path", "active-venv"])
def test_first_readme_command_serves_the_page_from_a_fresh_clone(tmp_path: Path, browser: Browser, kind: str) -> None:
    command = readme_commands()[0]
    assert ".venv/bin/python" in command, "the run command should use the project's venv"
    clone = fresh_clone(tmp_path)
    port = free_port()
    log = tmp_path / "command.log"
    env = {**environment(kind), "STREAMLIT_SERVER_PORT": str(port), "METRICS_CACHE_DIR": ""}
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["bash", "-c", command], cwd=clone, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_page(url, process, log)
        page = browser.new_page()
        page.goto(url)
        expect(page.get_by_role("heading", name="Regional employment programmes")).to_be_visible(timeout=60_000)
        page.close()
        assert (clone / ".venv" / "bin" / "python").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_ci_runs_the_second_readme_command() -> None:
    command = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines(), f".ci/run does not run the README's test command {command!r}"
