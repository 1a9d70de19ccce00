"""serve.sh under faults: a clear message, a non-zero exit where it must stop, and no orphans."""

from __future__ import annotations

import os
import signal
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import free_port
from tests.e2e.serving import Serving, alive, start


def gone(pids: list[int], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not any(alive(p) for p in pids)


def page_answers(serving: Serving) -> bool:
    with urllib.request.urlopen(serving.url + "/api/facts.csv?regions=ningxia", timeout=10) as response:
        return response.status == 200 and b"ningxia" in response.read()


def test_a_port_already_taken_is_refused_before_anything_starts():
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        serving = start(1, port, wait=False)
        assert serving.process.wait(timeout=300) == 1
        serving.wait_stderr(f"port {port} on 127.0.0.1 is already in use")
        assert serving.replicas == {}


def test_a_hung_replica_is_reported_and_killed_while_the_other_serves():
    serving = start(2)
    try:
        hung = serving.replicas["r1"]
        os.kill(hung, signal.SIGSTOP)
        serving.wait_stderr("replica r1", timeout=60)
        assert "has not answered" in serving.wait_stderr("replica r1")
        assert gone([hung])
        deadline = time.monotonic() + 20
        while Path(f"/proc/{hung}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not Path(f"/proc/{hung}").exists()  # reaped, not left <defunct> while the supervisor runs
        assert serving.process.poll() is None  # still serving with r2
        assert page_answers(serving)
        assert serving.stop() == 1  # a replica failed during the run
    finally:
        serving.stop()
    assert gone(serving.pids())


@pytest.mark.parametrize(
    ("victims", "words"),
    [(lambda s: [s.haproxy], "HAProxy"), (lambda s: list(s.replicas.values()), "no replica is left")],
    ids=["haproxy-killed", "every-replica-killed"],
)
def test_losing_haproxy_or_every_replica_stops_everything_with_an_error(victims, words):
    serving = start(2)
    try:
        for pid in victims(serving):
            os.kill(pid, signal.SIGKILL)
        assert serving.process.wait(timeout=60) == 1
        serving.wait_stderr(words)
    finally:
        serving.stop()
    assert gone(serving.pids())
