"""Start ``streamlit run dashboard.py`` on a free loopback port and open Chromium on it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> float:
    """Seconds until ``/_stcore/health`` answers 200."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            if response.status == 200:
                return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


def launch(
    app: str = "dashboard.py", env: dict[str, str] | None = None, cwd: Path = ROOT
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``streamlit run app`` in ``cwd`` on a free port; return the process and its base URL at once."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port)]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def streamlit_server(app: str = "dashboard.py", env: dict[str, str] | None = None, cwd: Path = ROOT) -> Iterator[str]:
    """Yield the base URL of a running, healthy server; stop it afterwards."""
    process, url = launch(app, env, cwd)
    try:
        wait_healthy(url, process)
        yield url
    finally:
        stop(process)
