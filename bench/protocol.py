"""Load at Streamlit's own protocol: many websocket sessions, no browser in the way.

Each session connects to ``/_stcore/stream``, opens the page (``BackMsg.rerun_script``
with a query string), then changes the region selection twice (a rerun carrying the
multiselect's new widget state), each time waiting for ``script_finished``. Traffic goes
to loopback only; every session has a deadline and the number of sessions is fixed.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates

from bench.core import DASHBOARD, LINK, ONE_CHART, Row, Server, Stats, rss_mb

SESSION_DEADLINE_S = 600.0
"""No session runs longer than this, whatever the server does."""
CHANGES = (["Liaoning", "Ningxia"], ["Guangdong", "Ningxia", "Shandong"])
"""The two selection changes each session makes, as the multiselect's labels."""
FILTER_LABEL = "Regions"


@dataclass
class Session:
    """What one session saw."""

    runs: list[float] = field(default_factory=list)
    """Seconds from sending each rerun to its ``script_finished``."""
    messages: list[int] = field(default_factory=list)
    """ForwardMsgs received per run."""
    cut_off: str | None = None
    """Why the session ended early (a close code or an error), if it did."""


async def _run(ws: websockets.ClientConnection, back: BackMsg, session: Session) -> str | None:
    """Send one rerun and read until it finishes; return the filter's widget id if seen."""
    start = time.perf_counter()
    await ws.send(back.SerializeToString())
    widget_id = None
    count = 0
    while True:
        raw = await ws.recv()
        count += 1
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "multiselect" and element.multiselect.label == FILTER_LABEL:
                widget_id = element.multiselect.id
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            break
    session.runs.append(time.perf_counter() - start)
    session.messages.append(count)
    return widget_id


def _rerun(query: str, widget_id: str | None = None, values: list[str] | None = None) -> BackMsg:
    back = BackMsg()
    back.rerun_script.query_string = query
    if widget_id is not None and values is not None:
        states = WidgetStates()
        state = states.widgets.add()
        state.id = widget_id
        state.string_array_value.data[:] = values
        back.rerun_script.widget_states.CopyFrom(states)
    return back


async def one_session(
    base_url: str, query: str, ran: Callable[[], None] = lambda: None, hold: asyncio.Event | None = None
) -> Session:
    """Open the page and change the selection twice, then call ``ran``; stay connected until ``hold`` is set."""
    session = Session()
    url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    try:
        async with asyncio.timeout(SESSION_DEADLINE_S):
            async with websockets.connect(
                url, subprotocols=["streamlit"], max_size=2**27, ping_interval=None, open_timeout=SESSION_DEADLINE_S
            ) as ws:
                widget_id = await _run(ws, _rerun(query), session)
                if widget_id is None:
                    raise RuntimeError(f"no {FILTER_LABEL!r} multiselect on the page")
                for values in CHANGES:
                    await _run(ws, _rerun(query, widget_id, values), session)
                ran()
                if hold is not None:
                    await hold.wait()
    except websockets.ConnectionClosed as closed:
        session.cut_off = f"closed {closed.rcvd.code if closed.rcvd else 'without a close frame'}"
    except (OSError, TimeoutError, RuntimeError) as err:
        session.cut_off = f"{type(err).__name__}: {err}"
    if session.cut_off and len(session.runs) < 1 + len(CHANGES):
        ran()  # cut off before its runs were done; one cut off while held has already reported
    return session


@dataclass
class Load:
    """One load run against one server."""

    sessions: list[Session]
    seconds: float
    rss_held_mb: float
    rss_before_mb: float

    @property
    def runs(self) -> list[float]:
        return [t for s in self.sessions for t in s.runs]

    @property
    def runs_per_second(self) -> float:
        return len(self.runs) / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.runs)
        return ordered[max(0, round(q * len(ordered)) - 1)]

    @property
    def cut_off(self) -> list[str]:
        return [s.cut_off for s in self.sessions if s.cut_off]

    @property
    def rss_per_session_mb(self) -> float:
        return (self.rss_held_mb - self.rss_before_mb) / len(self.sessions)

    @property
    def messages_per_run(self) -> float:
        return statistics.mean(m for s in self.sessions for m in s.messages)


def load(base_url: str, query: str, sessions: int, rss: Callable[[], float]) -> Load:
    """Run ``sessions`` sessions at once; ``rss()`` reads the server's RSS in MB.

    The clock stops when every session has made its three runs (or was cut off);
    the RSS is read then, while all of them are still connected.
    """

    async def main() -> Load:
        hold = asyncio.Event()
        all_ran = asyncio.Event()
        count = [0]

        def ran() -> None:
            count[0] += 1
            if count[0] == sessions:
                all_ran.set()

        before = rss()
        start = time.perf_counter()
        tasks = [asyncio.create_task(one_session(base_url, query, ran, hold)) for _ in range(sessions)]
        try:
            async with asyncio.timeout(SESSION_DEADLINE_S):
                await all_ran.wait()
        except TimeoutError:
            pass
        seconds = time.perf_counter() - start
        held = rss()
        hold.set()
        return Load(list(await asyncio.gather(*tasks)), seconds, held, before)

    # A thread of its own: the sync browser of other rows owns this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


# --- Rows -----------------------------------------------------------------------


def _query(app: str) -> str:
    return LINK.removeprefix("/?") if app == DASHBOARD else ""


def _measure(server: Server, app: str, sessions: int) -> Load:
    result = load(server.url, _query(app), sessions, lambda: rss_mb(server.process.pid))
    if len(result.runs) < 3 * sessions - 3 * len(result.cut_off):
        raise RuntimeError(f"{app}: sessions ended without finishing their runs: {result.cut_off[:3]}")
    return result


def warm(server: Server, app: str) -> None:
    """One session first, as a server that has been up a while has served one: imports and the data file."""
    load(server.url, _query(app), 1, lambda: 0.0)


def rows_load(reps: int, sizes: tuple[int, ...] = (10, 50, 100), all_finish: int = 200) -> list[Row]:
    """p50/p95 per run, runs per second and RSS per held session at each size, against the floor;
    then ``all_finish`` sessions at once on one process, where none may be cut off."""
    servers = {app: Server(app) for app in (DASHBOARD, ONE_CHART)}
    rows: list[Row] = []
    try:
        for app, server in servers.items():
            warm(server, app)
        for n in sizes:
            samples: dict[str, dict[str, list[float]]] = {
                app: {"p50": [], "p95": [], "rate": [], "rss": [], "messages": []} for app in servers
            }
            for _ in range(reps):
                for app, server in servers.items():
                    result = _measure(server, app, n)
                    got = samples[app]
                    got["p50"].append(result.percentile(0.5))
                    got["p95"].append(result.percentile(0.95))
                    got["rate"].append(result.runs_per_second)
                    got["rss"].append(result.rss_per_session_mb)
                    got["messages"].append(result.messages_per_run)
            ours, floor = samples[DASHBOARD], samples[ONE_CHART]
            what = f"{n} sessions"
            per_run = statistics.mean(ours["messages"]), statistics.mean(floor["messages"])
            note = f"messages per run {per_run[0]:.1f} (floor {per_run[1]:.1f})"
            goal_p95, goal_rate = (1.2, 0.9) if n == 50 else (None, None)
            rows += [
                Row(f"load {n} p50", f"{what}: median time per run", "one-chart app", Stats.of(ours["p50"]),
                    Stats.of(floor["p50"]), "s", None),
                Row(f"load {n} p95", f"{what}: p95 time per run", "one-chart app", Stats.of(ours["p95"]),
                    Stats.of(floor["p95"]), "s", goal_p95, note),
                Row(f"load {n} runs/s", f"{what}: script runs per second", "one-chart app", Stats.of(ours["rate"]),
                    Stats.of(floor["rate"]), "/s", goal_rate, higher_is_better=True),
                Row(f"load {n} RSS", f"{what}: server RSS per held session", "one-chart app", Stats.of(ours["rss"]),
                    Stats.of(floor["rss"]), "MB", None),
            ]  # fmt: skip
        if all_finish:
            finished = {}
            for app, server in servers.items():
                result = load(server.url, _query(app), all_finish, lambda s=server: rss_mb(s.process.pid))
                finished[app] = result
            ours, floor = finished[DASHBOARD], finished[ONE_CHART]
            cut = ours.cut_off
            note = f"{len(cut)} of {all_finish} cut off" + (f": {sorted(set(cut))}" if cut else "")
            rows.append(
                Row(f"load {all_finish} all finish", f"{all_finish} sessions on one process: p95 per run",
                    "one-chart app", Stats.of([ours.percentile(0.95)]), Stats.of([floor.percentile(0.95)]), "s",
                    None, note)
            )  # fmt: skip
            if cut:
                rows[-1].goal, rows[-1].limit = 0.0, 0.0  # any session cut off fails the row
    finally:
        for server in servers.values():
            server.stop()
    return rows


def rows_haproxy(reps: int, sessions: int = 50) -> list[Row]:
    """Runs per second through HAProxy (scripts/serve.sh) with 1 and 2 replicas, against one process."""
    from tests.e2e.serving import start

    rates: dict[str, list[float]] = {"direct": [], "1": [], "2": []}
    direct = Server(DASHBOARD)
    try:
        warm(direct, DASHBOARD)
        for _ in range(reps):
            rates["direct"].append(load(direct.url, _query(DASHBOARD), sessions, lambda: 0.0).runs_per_second)
    finally:
        direct.stop()
    for replicas in ("1", "2"):
        serving = start(int(replicas))
        try:
            for _ in range(int(replicas)):  # round robin: one warm-up session per replica
                load(serving.url, _query(DASHBOARD), 1, lambda: 0.0)
            for _ in range(reps):
                result = load(serving.url, _query(DASHBOARD), sessions, lambda: 0.0)
                if result.cut_off:
                    raise RuntimeError(f"through HAProxy, sessions were cut off: {result.cut_off[:3]}")
                rates[replicas].append(result.runs_per_second)
        finally:
            serving.stop()
    what = f"{sessions} sessions through HAProxy"
    return [
        Row("haproxy 1 replica", f"{what}, 1 replica: runs per second", "one process, no HAProxy",
            Stats.of(rates["1"]), Stats.of(rates["direct"]), "/s", None, higher_is_better=True),
        Row("haproxy 2 replicas", f"{what}, 2 replicas: runs per second", "1 replica", Stats.of(rates["2"]),
            Stats.of(rates["1"]), "/s", None, "the load client shares the machine's 2 cores", higher_is_better=True),
    ]  # fmt: skip
