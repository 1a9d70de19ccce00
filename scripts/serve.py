"""Run N dashboard replicas on loopback behind HAProxy, in the foreground, until stopped.

    python scripts/serve.py --replicas 2 --port 8500      (scripts/serve.sh sets up, then runs this)

HAProxy listens on 127.0.0.1:PORT and sends each reader to one replica, kept by a
cookie, because Streamlit holds a session's state in one process. It checks every
replica's ``/_stcore/health`` each second and sends the readers of a dead replica
to a live one, retrying a request that found it dead on another. The data URLs
(``/api/*``) are stateless: any live replica answers them, without the cookie. Every
replica gets the same ``server.cookieSecret``. A replica counts as up only once its
own process listens on its port and answers there (another program on that port
does not count).

Faults get a message on stderr: a port already taken or a replica that never
comes up stops the start (exit 1); a replica that dies, or hangs (no health answer
for HUNG_AFTER_S), is reported, and a hung one is killed, while HAProxy serves the
rest; with no replica left, or if HAProxy exits or hangs (no answer on its own
monitor port for HAPROXY_HUNG_AFTER_S), everything stops (exit 1).
Stopping this script (Ctrl+C, SIGTERM) stops every process it started; they are
also told to die with it if it is killed. Standard library only.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
START_TIMEOUT_S = 120.0
HUNG_AFTER_S = 10.0
"""A replica that has not answered its health check for this long is taken as hung."""
HAPROXY_HUNG_AFTER_S = 3.0
"""HAProxy answers its own health URL at once; when it has not for this long, it is taken as hung."""
MONITOR_URI = "/haproxy-alive"
"""Answered by HAProxy itself on a port of its own that readers are never sent to."""
COOKIE = "dashboard_replica"


def log(message: str) -> None:
    print(f"serve: {message}", file=sys.stderr, flush=True)


def _die_with_parent() -> None:
    """Runs in each child before exec: the kernel sends SIGTERM if this script dies, even by SIGKILL."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def port_problem(port: int) -> str | None:
    """Why the port cannot be listened on at 127.0.0.1, or None when it can."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except PermissionError:
            return (
                f"port {port} needs privileges this user lacks (ports below 1024 usually do); use --port 8080 or higher"
            )
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                return f"port {port} on 127.0.0.1 is already in use; choose another with --port"
            return f"cannot listen on 127.0.0.1:{port}: {err.strerror or err}"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(port: int, timeout: float = 2.0, path: str = "/_stcore/health") -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def _listening_inodes(port: int) -> set[str]:
    """The inodes of the sockets listening on ``port`` (at any address), from /proc/net."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # local address, state LISTEN
                inodes.add(fields[9])
    return inodes


def listens(pid: int, port: int) -> bool:
    """Whether process ``pid`` itself holds the socket listening on ``port``: a replica is known by this,
    not by the port answering, which another process that took the port would do as well."""
    inodes = _listening_inodes(port)
    if not inodes:
        return False
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for descriptor in descriptors:
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            return True
    return False


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    last_healthy: float = field(default_factory=time.monotonic)
    gone: bool = False

    def __str__(self) -> str:
        return f"replica {self.name} (pid {self.process.pid}, port {self.port})"


def haproxy_config(port: int, replicas: list[Replica], monitor_port: int) -> str:
    servers = "\n".join(
        f"    server {r.name} 127.0.0.1:{r.port} check cookie {r.name}" for r in replicas
    )  # fmt: skip
    tracked = "\n".join(f"    server {r.name} 127.0.0.1:{r.port} track replicas/{r.name}" for r in replicas)
    # Two descriptors a connection; stay within what this process may open.
    maxconn = max(256, min(20_000, (resource.getrlimit(resource.RLIMIT_NOFILE)[1] - 64) // 2))
    return f"""global
    maxconn {maxconn}

defaults
    mode http
    option redispatch 1
    retries 3
    retry-on conn-failure empty-response junk-response
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    timeout http-keep-alive 10s

frontend dashboard
    bind 127.0.0.1:{port}
    use_backend data if {{ path /api }} || {{ path_beg /api/ }}
    default_backend replicas

frontend monitor
    bind 127.0.0.1:{monitor_port}
    monitor-uri {MONITOR_URI}

backend replicas
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server inter 1s fastinter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
{servers}

backend data
    # The data URLs are stateless: any replica answers, no stickiness cookie, and caches may keep them.
    balance roundrobin
{tracked}
"""


class Supervisor:
    def __init__(self, replicas: int, port: int, workdir: Path) -> None:
        self.count = replicas
        self.port = port
        self.workdir = workdir
        self.replicas: list[Replica] = []
        self.haproxy: subprocess.Popen[bytes] | None = None
        self.monitor_port = 0
        self.haproxy_answered = time.monotonic()
        self.stopping = False
        self.failed = False

    def _spawn(self, command: list[str], env: dict[str, str], log_name: str) -> subprocess.Popen[bytes]:
        output = (self.workdir / log_name).open("wb")
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
            start_new_session=True,  # Ctrl+C reaches this script alone, which then stops the rest in order
        )

    def start(self) -> None:
        problem = port_problem(self.port)
        if problem:
            raise SystemExit(f"serve: {problem}")
        secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_urlsafe(32)
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}  # the same on every replica
        for index in range(1, self.count + 1):
            port = free_port()
            command = [str(PYTHON), "-m", "streamlit", "run", "dashboard.py"]
            command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
            process = self._spawn(command, env, f"replica-{index}.log")
            self.replicas.append(Replica(f"r{index}", port, process))
        deadline = time.monotonic() + START_TIMEOUT_S
        for replica in self.replicas:
            while not (listens(replica.process.pid, replica.port) and healthy(replica.port)):
                if self.stopping:
                    raise SystemExit("serve: stopped while starting")
                if replica.process.poll() is not None:
                    tail = (self.workdir / f"replica-{replica.name[1:]}.log").read_text(errors="replace")[-2000:]
                    raise SystemExit(f"serve: replica {replica.name} exited with {replica.process.returncode}:\n{tail}")
                if time.monotonic() > deadline:
                    raise SystemExit(f"serve: replica {replica.name} did not answer in {START_TIMEOUT_S:.0f} s")
                time.sleep(0.2)
            replica.last_healthy = time.monotonic()
            print(f"replica {replica.name} pid {replica.process.pid} port {replica.port}", flush=True)
        config = self.workdir / "haproxy.cfg"
        self.monitor_port = free_port()
        config.write_text(haproxy_config(self.port, self.replicas, self.monitor_port), encoding="utf-8")
        check = subprocess.run(["haproxy", "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"serve: HAProxy refused its configuration:\n{check.stdout}{check.stderr}")
        self.haproxy = self._spawn(["haproxy", "-db", "-f", str(config)], dict(os.environ), "haproxy.log")
        while not healthy(self.port):
            if self.haproxy.poll() is not None:
                tail = (self.workdir / "haproxy.log").read_text(errors="replace")[-2000:]
                raise SystemExit(f"serve: HAProxy exited with {self.haproxy.returncode}:\n{tail}")
            if time.monotonic() > deadline:
                raise SystemExit("serve: HAProxy did not answer in time")
            time.sleep(0.1)
        self.haproxy_answered = time.monotonic()
        print(f"haproxy pid {self.haproxy.pid} port {self.port}", flush=True)
        print(f"serving {self.count} replicas at http://127.0.0.1:{self.port}", flush=True)

    def watch(self) -> int:
        """Until stopped: report dead or hung replicas; stop everything if none is left or HAProxy exits."""
        while not self.stopping:
            time.sleep(1.0)
            assert self.haproxy is not None
            if self.stopping:
                break
            if self.haproxy.poll() is not None:
                log(f"HAProxy (pid {self.haproxy.pid}) exited with {self.haproxy.returncode}; stopping the replicas")
                return 1
            if healthy(self.monitor_port, timeout=1.0, path=MONITOR_URI):
                self.haproxy_answered = time.monotonic()
            elif time.monotonic() - self.haproxy_answered > HAPROXY_HUNG_AFTER_S:
                log(f"HAProxy (pid {self.haproxy.pid}) has not answered for {HAPROXY_HUNG_AFTER_S:.0f} s; stopping")
                self.haproxy.kill()  # a stopped or hung process does not act on SIGTERM
                return 1
            for replica in self.replicas:
                if replica.gone:
                    continue
                code = replica.process.poll()
                if code is not None:
                    replica.gone = True
                    self.failed = True
                    log(f"{replica} exited with {code}; HAProxy serves the rest")
                    continue
                if healthy(replica.port, timeout=1.0):
                    replica.last_healthy = time.monotonic()
                elif time.monotonic() - replica.last_healthy > HUNG_AFTER_S:
                    replica.gone = True
                    self.failed = True
                    log(f"{replica} has not answered for {HUNG_AFTER_S:.0f} s; killing it")
                    replica.process.kill()
                    try:  # reaped at once, so no <defunct> process stays behind until the supervisor stops
                        replica.process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        log(f"{replica} did not exit after SIGKILL")
            if all(r.gone for r in self.replicas):
                log("no replica is left; stopping")
                return 1
        return 1 if self.failed else 0

    def stop(self) -> None:
        processes = [r.process for r in self.replicas] + ([self.haproxy] if self.haproxy else [])
        for process in processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/serve.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="dashboard processes (default 2)")
    parser.add_argument("--port", type=int, default=8500, help="HAProxy's port on 127.0.0.1 (default 8500)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 64:
        parser.error("--replicas must be between 1 and 64")
    if not 1 <= args.port <= 65535:
        parser.error("--port must be between 1 and 65535")
    with tempfile.TemporaryDirectory(prefix="dashboard-serve-") as workdir:
        supervisor = Supervisor(args.replicas, args.port, Path(workdir))

        def stop_on_signal(signum: int, _frame: object) -> None:
            supervisor.stopping = True

        signal.signal(signal.SIGTERM, stop_on_signal)
        signal.signal(signal.SIGINT, stop_on_signal)
        try:
            supervisor.start()
            code = supervisor.watch()
        except SystemExit as stop:
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr, flush=True)
            code = 1
        finally:
            supervisor.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
