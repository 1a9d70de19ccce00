"""Benchmarks, each row measured side by side with its floor.

    python -m bench            full run: at least 20 repetitions a row (see REPS)
    python -m bench --quick    a few repetitions, goals reported but not enforced
    python -m bench --json bench/out/results.json

Prints one table and writes the same figures as JSON. A row's figure and its
floor are measured in the same run, interleaved, so machine noise cancels in
their ratio. Timings are medians with min and max.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import write as write_generated
from metrics.export import to_csv
from metrics.filters import Filters, apply
from metrics.frame import to_frame
from metrics.labels import REGION_NAMES, REGIONS
from metrics.load import load
from tests.e2e.helpers import add_region, remove_region, wait_for_chart
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, ROOT, launch, stop, wait_healthy

DASHBOARD = "dashboard.py"
EMPTY = "bench/floors/empty.py"
ONE_CHART = "bench/floors/one_chart.py"
GENERATED = ROOT / "bench" / "generated"
ALL_NAMES = [REGION_NAMES[r]["en"] for r in REGIONS]
LINK = "/?" + "&".join(f"regions={r}" for r in REGIONS)


@dataclass
class Stats:
    median: float
    min: float
    max: float
    n: int

    @classmethod
    def of(cls, samples: list[float]) -> Stats:
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def __str__(self) -> str:
        return f"{_fmt(self.median)} [{_fmt(self.min)}–{_fmt(self.max)}]"


@dataclass
class Row:
    row: str
    measured: str
    floor: str
    value: Stats
    base: Stats
    unit: str
    goal: float | None
    extra: str = ""
    limit: float | None = None
    """An absolute ceiling on the median as well, where the goal names one."""

    @property
    def ratio(self) -> float:
        return self.value.median / self.base.median

    @property
    def met(self) -> bool:
        if self.goal is None:
            return True  # reported, no goal
        return self.ratio <= self.goal and (self.limit is None or self.value.median <= self.limit)


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def interleaved(first: Callable[[], float], second: Callable[[], float], reps: int) -> tuple[Stats, Stats]:
    """Run ``first`` and ``second`` alternately; each returns one sample."""
    a, b = [], []
    for _ in range(reps):
        a.append(first())
        b.append(second())
    return Stats.of(a), Stats.of(b)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


# --- AppTest reruns -------------------------------------------------------------


def _apptest(script: str, env: dict[str, str] | None = None):
    from streamlit.testing.v1 import AppTest

    with _env(env):
        app = AppTest.from_file(str(ROOT / script), default_timeout=300)
        app.run()
    return app


class _env:
    def __init__(self, values: dict[str, str] | None) -> None:
        self.values = values or {}

    def __enter__(self) -> None:
        self.saved = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *_: object) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


SELECTIONS = [list(REGIONS), ["liaoning", "ningxia"], ["guangdong"], ["guangdong", "ningxia", "shandong"]]


def _rerunner(app, env: dict[str, str] | None = None) -> Callable[[], float]:
    choices: Iterator[list[str]] = itertools.cycle(SELECTIONS)

    def rerun() -> float:
        with _env(env):
            widget = app.multiselect(key="regions").set_value(next(choices))
            seconds = timed(widget.run)
        if app.exception:
            raise RuntimeError(app.exception)
        return seconds

    return rerun


def row_rerun(reps: int) -> Row:
    dashboard, floor = _rerunner(_apptest(DASHBOARD)), _rerunner(_apptest(ONE_CHART))
    for warm in (dashboard, floor):
        for _ in SELECTIONS:
            warm()
    value, base = interleaved(dashboard, floor, reps)
    return Row("rerun", "AppTest rerun after a region change", "one-chart app rerun", value, base, "s", 2.0)


def row_scale_ui(reps: int, big: Path) -> Row:
    env = {"METRICS_FILE": str(big)}
    large, shipped = _rerunner(_apptest(DASHBOARD, env), env), _rerunner(_apptest(DASHBOARD))
    for warm in (large, shipped):
        for _ in SELECTIONS:
            warm()
    value, base = interleaved(large, shipped, reps)
    return Row("scale UI", f"rerun with {big.stem} loaded", "rerun with the shipped file", value, base, "s", 3.0)


# --- Real browser ---------------------------------------------------------------


class Browser:
    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()

    def first_chart(self, url: str, names: list[str] | None = None) -> float:
        """Seconds from opening the link in a new context to every chart drawn."""
        context = self.browser.new_context()
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, timeout=300_000)
        if names is None:
            page.wait_for_selector('[data-testid="stMain"]', timeout=300_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000)
        else:
            wait_for_chart(page, names)
        seconds = time.perf_counter() - start
        context.close()
        return seconds


class Server:
    def __init__(self, app: str, env: dict[str, str] | None = None) -> None:
        self.process, self.url = launch(app, env)
        self.started = wait_healthy(self.url, self.process, timeout=300)

    def stop(self) -> None:
        stop(self.process)


def row_first_chart(reps: int, browser: Browser) -> Row:
    dashboard, floor = Server(DASHBOARD), Server(ONE_CHART)
    try:
        browser.first_chart(dashboard.url + LINK, ALL_NAMES)
        browser.first_chart(floor.url, ALL_NAMES)
        value, base = interleaved(
            lambda: browser.first_chart(dashboard.url + LINK, ALL_NAMES),
            lambda: browser.first_chart(floor.url, ALL_NAMES),
            reps,
        )
    finally:
        dashboard.stop()
        floor.stop()
    return Row("first chart", "open shared link -> every chart drawn", "one-chart app", value, base, "s", 1.2)


def _toggler(page) -> Callable[[], float]:
    state = {"with": True}

    def toggle() -> float:
        start = time.perf_counter()
        if state["with"]:
            remove_region(page, "Shandong")
            wait_for_chart(page, ALL_NAMES[:3])
        else:
            add_region(page, "Shandong")
            wait_for_chart(page, ALL_NAMES)
        state["with"] = not state["with"]
        return time.perf_counter() - start

    return toggle


def row_filter_in_browser(reps: int, browser: Browser) -> Row:
    dashboard, floor = Server(DASHBOARD), Server(ONE_CHART)
    try:
        pages = []
        for url in (dashboard.url + LINK, floor.url):
            page = browser.browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url, timeout=300_000)
            wait_for_chart(page, ALL_NAMES)
            pages.append(page)
        first, second = _toggler(pages[0]), _toggler(pages[1])
        for _ in range(2):
            first(), second()
        value, base = interleaved(first, second, reps)
        for page in pages:
            page.close()
    finally:
        dashboard.stop()
        floor.stop()
    return Row(
        "filter in browser", "click a region away/back -> charts updated", "one-chart app", value, base, "s", 1.5
    )


def row_start(reps: int) -> Row:
    def start(app: str) -> float:
        server = Server(app)
        server.stop()
        return server.started

    value, base = interleaved(lambda: start(DASHBOARD), lambda: start(EMPTY), reps)
    return Row("start", "streamlit run -> /_stcore/health 200", "empty app", value, base, "s", 1.2)


def row_memory(reps: int, browser: Browser, sessions: int = 20) -> Row:
    def rss(app: str, names: list[str] | None, link: str) -> float:
        server = Server(app)
        try:
            for _ in range(sessions):
                browser.first_chart(server.url + link, names)
            time.sleep(1)
            return rss_mb(server.process.pid)
        finally:
            server.stop()

    value, base = interleaved(lambda: rss(DASHBOARD, ALL_NAMES, LINK), lambda: rss(EMPTY, None, "/"), reps)
    return Row("memory", f"server RSS after {sessions} sequential sessions", "empty app", value, base, "MB", 1.3)


def row_scale_start(reps: int, browser: Browser, big: Path) -> Row:
    def start_to_chart(env: dict[str, str] | None) -> float:
        start = time.perf_counter()
        server = Server(DASHBOARD, env)
        try:
            browser.first_chart(server.url + LINK, ALL_NAMES)
            return time.perf_counter() - start
        finally:
            server.stop()

    large = {"METRICS_FILE": str(big)}
    start_to_chart(large)  # the first start may fill caches; the goal is for the second onwards
    start_to_chart(None)
    value, base = interleaved(lambda: start_to_chart(large), lambda: start_to_chart(None), reps)
    return Row("scale start", f"{big.stem}: server start -> first chart", "shipped file", value, base, "s", 2.0)


def _concurrent(url: str, names: list[str], link: str, pid: int, sessions: int) -> tuple[list[float], float]:
    """Open ``sessions`` contexts at once; seconds each took to its chart, and the peak server RSS."""
    import asyncio
    import threading

    from playwright.async_api import async_playwright

    peak = [rss_mb(pid)]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak.append(rss_mb(pid))
            time.sleep(0.05)

    async def one(browser) -> float:
        context = await browser.new_context()
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(url + link, timeout=300_000)
        await page.wait_for_function(
            "(names) => names.every(n => [...document.querySelectorAll('.stPlotlyChart .legendtext')]"
            ".some(e => e.textContent === n))",
            arg=names,
            timeout=300_000,
        )
        seconds = time.perf_counter() - start
        await context.close()
        return seconds

    async def run() -> list[float]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return list(await asyncio.gather(*(one(browser) for _ in range(sessions))))
            finally:
                await browser.close()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:  # the sync browser of other rows owns this thread's loop
            times = pool.submit(asyncio.run, run()).result()
    finally:
        done.set()
        sampler.join()
    return times, max(peak)


def rows_concurrent(reps: int, sessions: int = 20) -> list[Row]:
    p50, p95, rss = {}, {}, {}
    for app, link in ((DASHBOARD, LINK), (ONE_CHART, "/")):
        p50[app], p95[app], rss[app] = [], [], []
        for _ in range(reps):
            server = Server(app)
            try:
                times, peak = _concurrent(server.url, ALL_NAMES, link, server.process.pid, sessions)
            finally:
                server.stop()
            times.sort()
            p50[app].append(statistics.median(times))
            p95[app].append(times[max(0, round(0.95 * len(times)) - 1)])
            rss[app].append(peak)
    what = f"{sessions} concurrent sessions"
    return [
        Row("concurrent p50", f"{what}: median time to chart", "one-chart app", Stats.of(p50[DASHBOARD]),
            Stats.of(p50[ONE_CHART]), "s", None),
        Row("concurrent p95", f"{what}: p95 time to chart", "one-chart app", Stats.of(p95[DASHBOARD]),
            Stats.of(p95[ONE_CHART]), "s", None),
        Row("concurrent RSS", f"{what}: peak server RSS", "one-chart app", Stats.of(rss[DASHBOARD]),
            Stats.of(rss[ONE_CHART]), "MB", None),
    ]  # fmt: skip


# --- Command-line work at scale ---------------------------------------------------


def _validate(path: Path) -> float:
    return timed(lambda: load(path))


def _export(path: Path) -> float:
    return timed(lambda: to_csv(apply(to_frame(load(path)), Filters())))


def rows_scale(reps: int, files: dict[int, Path]) -> list[Row]:
    rows = []
    for name, work in (("validate", _validate), ("export", _export)):
        samples = {n: [] for n in files}
        for _ in range(reps):
            for n, path in files.items():
                gc.collect()
                samples[n].append(work(path))
        stats = {n: Stats.of(s) for n, s in samples.items()}
        small = " · ".join(f"{n // 1000}k {stats[n]}" for n in files if n < 100_000)
        limit = 3.0 if name == "validate" else None
        rows.append(
            Row(
                f"scale {name}",
                f"{name} 100k facts",
                f"{name} 10k facts",
                stats[100_000],
                stats[10_000],
                "s",
                12.0,
                small,
                limit,
            )
        )
    return rows


def generated_files(sizes: tuple[int, ...]) -> dict[int, Path]:
    files = {}
    for n in sizes:
        path = GENERATED / f"facts-{n // 1000}k.yaml"
        if not path.exists():
            write_generated(n, path)
        files[n] = path
    return files


# --- Report ---------------------------------------------------------------------


def machine() -> str:
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024**2:.0f} GiB"
    return f"{os.cpu_count()} cores, {memory}, {platform.machine()}, Python {platform.python_version()}"


def table(rows: list[Row]) -> str:
    lines = [
        "| row | measured | median [min–max] | floor | median [min–max] | ratio | goal | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = "—" if r.goal is None else "yes" if r.met else "NO"
        goal = "—" if r.goal is None else f"≤ {r.goal}×" + (f", ≤ {r.limit} {r.unit}" if r.limit else "")
        lines.append(
            f"| {r.row} | {r.measured} | {r.value} {r.unit} | {r.floor} | {r.base} {r.unit} "
            f"| {r.ratio:.2f}× | {goal} | {met} |"
        )
    notes = [f"{r.row}: {r.extra}" for r in rows if r.extra]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few repetitions; goals are not enforced")
    parser.add_argument("--json", default=str(ROOT / "bench" / "out" / "results.json"), help="where to write JSON")
    parser.add_argument("--only", nargs="+", help="run only these rows (by name prefix)")
    args = parser.parse_args(argv)
    reps = 3 if args.quick else 20
    slow_reps = 1 if args.quick else 5  # rows where one repetition takes a minute
    sizes = (1_000, 10_000, 100_000)
    wanted = (lambda name: any(name.startswith(p) for p in args.only)) if args.only else (lambda name: True)

    files = generated_files(sizes)
    big = files[100_000]
    rows: list[Row] = []
    browser = Browser()
    try:
        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("rerun", lambda: [row_rerun(reps)]),
            ("first chart", lambda: [row_first_chart(reps, browser)]),
            ("filter in browser", lambda: [row_filter_in_browser(reps, browser)]),
            ("start", lambda: [row_start(reps)]),
            ("memory", lambda: [row_memory(slow_reps, browser)]),
            ("concurrent", lambda: rows_concurrent(1 if args.quick else 2)),
            ("scale", lambda: rows_scale(reps, files)),
            ("scale start", lambda: [row_scale_start(slow_reps * 2, browser, big)]),
            ("scale UI", lambda: [row_scale_ui(reps, big)]),
        ]
        for name, step in steps:
            if wanted(name):
                print(f"measuring {name} ...", file=sys.stderr, flush=True)
                rows.extend(step())
    finally:
        browser.close()

    report = table(rows)
    print(f"\n{datetime.now(UTC):%Y-%m-%d}, {machine()}{' (quick)' if args.quick else ''}\n")
    print(report)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "quick": args.quick,
                "rows": [asdict(r) | {"ratio": r.ratio, "met": r.met} for r in rows],
            },
            indent=2,
        )
    )
    print(f"\nJSON: {out}", file=sys.stderr)
    return 0 if args.quick or all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
