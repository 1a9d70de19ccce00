"""Run ``scripts/serve.sh`` for a test and read what it says about its processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.server import ROOT, free_port

START_TIMEOUT_S = 300


@dataclass
class Serving:
    process: subprocess.Popen[str]
    port: int
    replicas: dict[str, int] = field(default_factory=dict)
    """Replica name -> pid."""
    haproxy: int | None = None
    stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        return [*self.replicas.values(), *([self.haproxy] if self.haproxy else [])]

    def wait_stderr(self, words: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.stderr:
                if words in line:
                    return line
            time.sleep(0.2)
        raise AssertionError(f"serve.sh never said {words!r}; it said: {self.stderr}")

    def stop(self, timeout: float = 30) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[1][0] != "Z"


def start(replicas: int, port: int | None = None, wait: bool = True) -> Serving:
    """Start serve.sh; with ``wait``, return once it says it is serving."""
    port = port or free_port()
    process = subprocess.Popen(
        ["bash", "scripts/serve.sh", "--replicas", str(replicas), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    serving = Serving(process, port)
    ready = threading.Event()

    def read_stdout() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if found := re.match(r"replica (\w+) pid (\d+) port", line):
                serving.replicas[found[1]] = int(found[2])
            elif found := re.match(r"haproxy pid (\d+)", line):
                serving.haproxy = int(found[1])
            elif line.startswith("serving"):
                ready.set()

    def read_stderr() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if "WARNING: Location" not in line:  # pip's notes about this machine's indexes
                serving.stderr.append(line.rstrip())

    threading.Thread(target=read_stdout, daemon=True).start()
    threading.Thread(target=read_stderr, daemon=True).start()
    if wait:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not ready.wait(0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                serving.stop()
                raise AssertionError(f"serve.sh did not start (exit {process.returncode}): {serving.stderr}")
    return serving
