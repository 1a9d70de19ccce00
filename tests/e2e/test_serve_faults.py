"""serve.sh under faults: a clear message, a non-zero exit where it must stop, and no orphans."""

from __future__ import annotations

import http.client
import http.server
import importlib.util
import os
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import ROOT, free_port
from tests.e2e.serving import Serving, alive, start

spec = importlib.util.spec_from_file_location("serve", ROOT / "scripts" / "serve.py")
assert spec is not None and spec.loader is not None
serve = importlib.util.module_from_spec(spec)
sys.modules["serve"] = serve  # its dataclasses look their module up
spec.loader.exec_module(serve)


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


def test_a_hung_haproxy_is_noticed_within_seconds_and_everything_stops():
    serving = start(1)
    try:
        assert serving.haproxy is not None
        os.kill(serving.haproxy, signal.SIGSTOP)
        stopped = time.monotonic()
        assert serving.process.wait(timeout=60) == 1
        assert time.monotonic() - stopped < 10  # the replicas' own limit; HAProxy answers at once when alive
        assert "HAProxy" in serving.wait_stderr("has not answered")
    finally:
        serving.stop()
    assert gone(serving.pids())


class Impostor(http.server.BaseHTTPRequestHandler):
    """Another program on the port chosen for a replica, healthy by the look of it."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


def test_a_replica_is_known_by_its_own_process_not_by_whoever_answers_on_its_port(monkeypatch, tmp_path, capsys):
    impostor = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Impostor)
    threading.Thread(target=impostor.serve_forever, daemon=True).start()
    taken = impostor.server_address[1]
    ports = iter([taken])
    monkeypatch.setattr(serve, "free_port", lambda: next(ports, None) or free_port())
    supervisor = serve.Supervisor(1, free_port(), tmp_path)
    try:
        with pytest.raises(SystemExit) as stopped:
            supervisor.start()
        assert "replica r1 exited" in str(stopped.value.code)
        assert "serving" not in capsys.readouterr().out
        assert supervisor.haproxy is None
    finally:
        supervisor.stop()
        impostor.shutdown()
        impostor.server_close()


def _cookie_and_status(url: str, cookie: str | None = None) -> tuple[str | None, int]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
            return next((c for c in cookies if c.startswith("dashboard_replica=")), None), response.status
    except urllib.error.HTTPError as err:
        return None, err.code


def test_readers_pinned_to_a_killed_replica_are_served_by_another_without_an_error():
    serving = start(2)
    try:
        cookie, status = _cookie_and_status(serving.url + "/_stcore/health")
        assert status == 200 and cookie and cookie.startswith("dashboard_replica=")
        pinned = serving.replicas[cookie.split("=", 1)[1]]
        os.kill(pinned, signal.SIGKILL)
        statuses = []
        deadline = time.monotonic() + 8
        for _ in range(200):  # bounded in count and in time
            if time.monotonic() > deadline:
                break
            statuses.append(_cookie_and_status(serving.url + "/_stcore/health", cookie)[1])
            time.sleep(0.04)
        assert statuses and all(s == 200 for s in statuses), statuses
    finally:
        serving.stop()
    assert gone(serving.pids())


def test_data_urls_through_haproxy_carry_no_stickiness_cookie_and_one_cache_control():
    serving = start(1)
    try:
        host, port = "127.0.0.1", serving.port
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.request("GET", "/api/facts.csv?regions=ningxia")
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 200
        assert response.getheader("set-cookie") is None
        assert response.headers.get_all("cache-control") == ["public, max-age=60, must-revalidate"]
        page_cookie, _ = _cookie_and_status(serving.url + "/")
        assert page_cookie and page_cookie.startswith("dashboard_replica=")  # the page keeps its replica
    finally:
        serving.stop()
    assert gone(serving.pids())
