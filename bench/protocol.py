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
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates

from bench.core import DASHBOARD, LINK, ONE_CHART, REGION_NAMES, REGIONS, Row, Server, Stats, rss_mb

SESSION_DEADLINE_S = 600.0
"""No session runs longer than this, whatever the server does."""
CHANGES = (["Liaoning", "Ningxia"], ["Guangdong", "Ningxia", "Shandong"])
"""The two selection changes each session makes, as the multiselect's labels."""
FILTER_LABEL = "Regions"
MAX_CACHED_AGE = 2
"""Runs a browser keeps a cached message no run used (Streamlit's ``global.maxCachedMessageAge``)."""


@dataclass
class Session:
    """What one session saw."""

    runs: list[float] = field(default_factory=list)
    """Seconds from sending each rerun to its ``script_finished``."""
    messages: list[int] = field(default_factory=list)
    """ForwardMsgs received per run."""
    sizes: list[int] = field(default_factory=list)
    """Bytes received per run (the ForwardMsgs as sent)."""
    query: str = ""
    """The query string the page last set (``page_info_changed``), as a browser's address bar holds it."""
    cached: dict[str, int] = field(default_factory=dict)
    """As a browser's message cache: hash of each cacheable message kept -> the run it was last used in."""
    finished: int = 0
    """Runs finished (not cut short for a rerun), the cache's clock."""
    cut_off: str | None = None
    """Why the session ended early (a close code or an error), if it did."""


async def _run(ws: websockets.ClientConnection, back: BackMsg, session: Session) -> str | None:
    """Send one rerun and read until it finishes; return the filter's widget id if seen."""
    start = time.perf_counter()
    await ws.send(back.SerializeToString())
    widget_id = None
    count = size = 0
    while True:
        raw = await ws.recv()
        count += 1
        size += len(raw)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if message.metadata.cacheable and message.hash and kind != "ref_hash":
            session.cached[message.hash] = session.finished
        elif kind == "ref_hash":
            if message.ref_hash not in session.cached:
                raise RuntimeError(f"a reference to a message this session never kept: {message.ref_hash}")
            session.cached[message.ref_hash] = session.finished
        if kind == "page_info_changed":
            session.query = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "multiselect" and element.multiselect.label == FILTER_LABEL:
                widget_id = element.multiselect.id
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            session.finished += 1  # a browser then forgets what no run used for MAX_CACHED_AGE runs
            session.cached = {h: at for h, at in session.cached.items() if session.finished - at <= MAX_CACHED_AGE}
            break
    session.runs.append(time.perf_counter() - start)
    session.messages.append(count)
    session.sizes.append(size)
    return widget_id


def _rerun(
    query: str, widget_id: str | None = None, values: list[str] | None = None, cached: Iterable[str] = ()
) -> BackMsg:
    back = BackMsg()
    back.rerun_script.query_string = query
    back.rerun_script.cached_message_hashes.extend(cached)
    if widget_id is not None and values is not None:
        states = WidgetStates()
        state = states.widgets.add()
        state.id = widget_id
        state.string_array_value.data[:] = values
        back.rerun_script.widget_states.CopyFrom(states)
    return back


async def one_session(
    base_url: str,
    query: str,
    ran: Callable[[], None] = lambda: None,
    hold: asyncio.Event | None = None,
    changes: tuple[list[str], ...] = CHANGES,
    browser: bool = False,
) -> Session:
    """Open the page with ``query`` and make each of ``changes`` (the filter's new labels), then call ``ran``;
    stay connected until ``hold`` is set. With ``browser``, each rerun carries what a browser's does: the query
    string the page last set, and the hashes of the large messages it keeps (so the server sends a reference in
    place of an element the session already has); else the query it opened with and no hashes."""
    session = Session(query=query)
    url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    try:
        async with asyncio.timeout(SESSION_DEADLINE_S):
            async with websockets.connect(
                url, subprotocols=["streamlit"], max_size=2**27, ping_interval=None, open_timeout=SESSION_DEADLINE_S
            ) as ws:
                widget_id = await _run(ws, _rerun(query), session)
                if widget_id is None:
                    raise RuntimeError(f"no {FILTER_LABEL!r} multiselect on the page")
                for values in changes:
                    if browser:
                        await _run(ws, _rerun(session.query, widget_id, values, session.cached), session)
                    else:
                        await _run(ws, _rerun(query, widget_id, values), session)
                ran()
                if hold is not None:
                    await hold.wait()
    except websockets.ConnectionClosed as closed:
        session.cut_off = f"closed {closed.rcvd.code if closed.rcvd else 'without a close frame'}"
    except (OSError, TimeoutError, RuntimeError) as err:
        session.cut_off = f"{type(err).__name__}: {err}"
    if session.cut_off and len(session.runs) < 1 + len(changes):
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

    @property
    def bytes_per_run(self) -> float:
        return statistics.mean(b for s in self.sessions for b in s.sizes)


@dataclass(frozen=True)
class Traffic:
    """What a shared report brings: several links, and readers who each change the filter their own way.

    Session ``i`` opens ``links[i % len(links)]`` and makes the ``i``-th ordered pair of two different
    ``changes``, each carried as the multiselect's widget state with the query string the page last set.
    """

    links: tuple[str, ...]
    """Query strings, ``""`` for the page's default view."""
    changes: tuple[tuple[str, ...], ...]
    """Selections as the multiselect's labels."""

    @classmethod
    def of(cls, regions: tuple[str, ...], label: Callable[[str], str]) -> Traffic:
        """Links and changes among ``regions`` (slugs in the page's order; ``label`` gives the filter's label):
        the default view, one region, two regions; changes to two, three and one region."""
        if len(regions) < 2:
            raise ValueError(f"traffic needs at least two regions, the data has {len(regions)}")
        first, second, middle, last = regions[0], regions[1], regions[len(regions) // 2], regions[-1]

        def link(*chosen: str) -> str:
            return "&".join(f"regions={r}" for r in chosen)

        links = ("", link(last), link(first, second), link(middle), link(last, middle))
        picks = ((first, last), (middle, last, second), (second,), (first, middle))
        changes = tuple(dict.fromkeys(tuple(label(r) for r in dict.fromkeys(p)) for p in picks))
        return cls(tuple(dict.fromkeys(links)), changes)

    def visit(self, i: int) -> tuple[str, tuple[list[str], ...]]:
        """Session ``i``'s link and its two changes."""
        pairs = [(a, b) for a in self.changes for b in self.changes if a != b] or [(self.changes[0],) * 2]
        a, b = pairs[i % len(pairs)]
        return self.links[i % len(self.links)], (list(a), list(b))


def load(base_url: str, query: str, sessions: int, rss: Callable[[], float], traffic: Traffic | None = None) -> Load:
    """Run ``sessions`` sessions at once; ``rss()`` reads the server's RSS in MB.

    Every session opens ``query`` and makes the same two changes, or with ``traffic`` each its own visit,
    rerunning as a browser does (``one_session``'s ``browser``). The clock stops when every session has made
    its three runs (or was cut off); the RSS is read then, while all of them are still connected.
    """

    def session(i: int, ran: Callable[[], None], hold: asyncio.Event) -> Coroutine[None, None, Session]:
        if traffic is None:
            return one_session(base_url, query, ran, hold)
        link, changes = traffic.visit(i)
        return one_session(base_url, link, ran, hold, changes, browser=True)

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
        tasks = [asyncio.create_task(session(i, ran, hold)) for i in range(sessions)]
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
    """The traffic protocol (``Traffic``) through HAProxy (scripts/serve.sh) with 1 and 2 replicas, against one
    process without HAProxy; each repetition on fresh servers, warmed by one session per replica."""
    from tests.e2e.serving import start

    plan = dashboard_traffic()
    got: dict[str, dict[str, list[float]]] = {k: {"rate": [], "p95": []} for k in ("direct", "1", "2")}

    def record(setting: str, result: Load, said: tuple[str, ...] = ()) -> None:
        if result.cut_off:
            raise RuntimeError(f"{setting}: sessions were cut off: {result.cut_off[:3]}; serve.py said: {said[-5:]}")
        got[setting]["rate"].append(result.runs_per_second)
        got[setting]["p95"].append(result.percentile(0.95))

    for _ in range(reps):
        record("direct", traffic(DASHBOARD, sessions, plan)[0])
        for replicas in ("1", "2"):
            serving = start(int(replicas))
            try:
                for _ in range(int(replicas)):  # round robin: one warm-up session per replica
                    open_default(serving.url)
                record(replicas, load(serving.url, "", sessions, lambda: 0.0, plan), tuple(serving.stderr))
            finally:
                serving.stop()
    what = f"{sessions} sessions, varied links and changes, through HAProxy"
    note = "the load client shares the machine's 2 cores"
    return [
        Row("haproxy 1 replica", f"{what}, 1 replica: runs per second", "one process, no HAProxy",
            Stats.of(got["1"]["rate"]), Stats.of(got["direct"]["rate"]), "/s", None, higher_is_better=True),
        Row("haproxy 1 replica p95", f"{what}, 1 replica: p95 time per run", "one process, no HAProxy",
            Stats.of(got["1"]["p95"]), Stats.of(got["direct"]["p95"]), "s", None),
        Row("haproxy 2 replicas", f"{what}, 2 replicas: runs per second", "1 replica", Stats.of(got["2"]["rate"]),
            Stats.of(got["1"]["rate"]), "/s", None, note, higher_is_better=True),
        Row("haproxy 2 replicas p95", f"{what}, 2 replicas: p95 time per run", "1 replica",
            Stats.of(got["2"]["p95"]), Stats.of(got["1"]["p95"]), "s", None),
    ]  # fmt: skip


def dashboard_traffic() -> Traffic:
    """Links and changes among the regions the data file has (``METRICS_FILE``, as the server reads it)."""
    from metrics.page.state import PageData, data_path

    data = PageData(data_path())
    if data.problems:
        raise RuntimeError(f"the data file has problems: {data.problems[:3]}")
    return Traffic.of(data.regions, lambda r: data.names.region(r, "en"))


FLOOR_TRAFFIC = Traffic.of(REGIONS, REGION_NAMES.__getitem__)
"""The floor's own four regions (it ignores the query string)."""


def open_default(base_url: str) -> None:
    """One session that opens the page's default view and changes nothing: imports and the data file read,
    no selection but the default built."""
    with ThreadPoolExecutor(1) as pool:
        session = pool.submit(asyncio.run, one_session(base_url, "", changes=(), browser=True)).result()
    if session.cut_off:
        raise RuntimeError(f"the warm-up session was cut off: {session.cut_off}")


def traffic(app: str, sessions: int, plan: Traffic, env: dict[str, str] | None = None) -> tuple[Load, Load]:
    """``plan`` at ``sessions`` on a fresh server warmed by one session of its default view: first when every
    other selection is new to it (as after a start or a new data file, and whenever readers pick selections it
    has not built), then the same again with all of them built."""
    server = Server(app, env)
    try:
        open_default(server.url)
        first = load(server.url, "", sessions, lambda: rss_mb(server.process.pid), plan)
        again = load(server.url, "", sessions, lambda: rss_mb(server.process.pid), plan)
    finally:
        server.stop()
    return first, again


def rows_traffic(reps: int, sizes: tuple[int, ...] = (10, 50, 100)) -> list[Row]:
    """Varied links and filter changes (``Traffic``) at each size, dashboard and floor interleaved, each
    repetition on fresh servers: runs per second, p50 and p95 per run, messages and bytes per run; the same
    on the same servers once every selection is built. At 50 sessions the goal is ≥ 0.6× the floor's runs per
    second and p95 ≤ 2.5× its p95; at the largest size no session may be cut off."""
    plans = {DASHBOARD: dashboard_traffic(), ONE_CHART: FLOOR_TRAFFIC}
    rows: list[Row] = []
    for n in sizes:
        samples: dict[str, dict[str, list[float]]] = {
            app: {k: [] for k in ("p50", "p95", "rate", "messages", "bytes", "cut", "built p95", "built rate")}
            for app in plans
        }
        for _ in range(reps):
            for app, plan in plans.items():
                first, again = traffic(app, n, plan)
                got = samples[app]
                got["p50"].append(first.percentile(0.5))
                got["p95"].append(first.percentile(0.95))
                got["rate"].append(first.runs_per_second)
                got["messages"].append(first.messages_per_run)
                got["bytes"].append(first.bytes_per_run / 1024)
                got["cut"].append(len(first.cut_off) + len(again.cut_off))
                got["built p95"].append(again.percentile(0.95))
                got["built rate"].append(again.runs_per_second)
        ours, floor = samples[DASHBOARD], samples[ONE_CHART]
        what = f"{n} sessions, varied links and changes"
        cut = f"{int(max(ours['cut']))} of {n} cut off (floor {int(max(floor['cut']))})"
        rate_goal, p95_goal = (0.6, 2.5) if n == 50 else (None, None)
        rows += [
            Row(f"traffic {n} runs/s", f"{what}: script runs per second", "one-chart app",
                Stats.of(ours["rate"]), Stats.of(floor["rate"]), "/s", rate_goal, higher_is_better=True),
            Row(f"traffic {n} p50", f"{what}: median time per run", "one-chart app", Stats.of(ours["p50"]),
                Stats.of(floor["p50"]), "s", None),
            Row(f"traffic {n} p95", f"{what}: p95 time per run", "one-chart app", Stats.of(ours["p95"]),
                Stats.of(floor["p95"]), "s", p95_goal, cut),
            Row(f"traffic {n} messages", f"{what}: messages per run", "one-chart app",
                Stats.of(ours["messages"]), Stats.of(floor["messages"]), "", None, limit=25),
            Row(f"traffic {n} KiB", f"{what}: KiB sent per run", "one-chart app", Stats.of(ours["bytes"]),
                Stats.of(floor["bytes"]), "KiB", None),
            Row(f"traffic {n} built runs/s", f"{what}, every selection built: runs per second", "one-chart app",
                Stats.of(ours["built rate"]), Stats.of(floor["built rate"]), "/s", None, higher_is_better=True),
            Row(f"traffic {n} built p95", f"{what}, every selection built: p95 time per run", "one-chart app",
                Stats.of(ours["built p95"]), Stats.of(floor["built p95"]), "s", None),
        ]  # fmt: skip
        if n == max(sizes) and max(ours["cut"]):
            rows[-5].goal, rows[-5].limit = 0.0, 0.0  # any session cut off fails the row
    return rows
