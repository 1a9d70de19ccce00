"""Rows measured in a real browser (Debian's Chromium), and server start and memory."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.core import (
    ALL_NAMES,
    DASHBOARD,
    EMPTY,
    LINK,
    ONE_CHART,
    ONE_CHART_TABLE,
    Row,
    Server,
    Stats,
    interleaved,
    rss_mb,
)
from tests.e2e.helpers import SHOWN_REGIONS_JS, add_region, remove_region, wait_for_regions
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS


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
            wait_for_regions(page, names)
            page.wait_for_function(_CHARTS_DRAWN_JS, timeout=300_000)
        seconds = time.perf_counter() - start
        context.close()
        return seconds


_CHARTS_DRAWN_JS = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stMain"] .stPlotlyChart')];
    return charts.length > 0 && charts.every(c => c.querySelector('.main-svg .trace'));
}"""
"""True once the main area has a chart and every chart in it has drawn its traces."""


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
    return Row(
        "first chart",
        "open shared link -> its regions shown, every chart drawn",
        "one-chart app: its chart",
        value,
        base,
        "s",
        1.2,
    )


def _toggler(page) -> Callable[[], float]:
    state = {"with": True}

    def toggle() -> float:
        start = time.perf_counter()
        if state["with"]:
            remove_region(page, "Shandong")
            wait_for_regions(page, [n for n in ALL_NAMES if n != "Shandong"])
        else:
            add_region(page, "Shandong")
            wait_for_regions(page, ALL_NAMES)
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
            wait_for_regions(page, ALL_NAMES)
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

    value, base = interleaved(
        lambda: rss(DASHBOARD, ALL_NAMES, LINK), lambda: rss(ONE_CHART_TABLE, ALL_NAMES, "/"), reps
    )
    floor = "one chart + pandas st.dataframe"
    return Row("memory", f"server RSS after {sessions} sequential sessions", floor, value, base, "MB", 1.3)


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
            f"(names) => names.every(n => ({SHOWN_REGIONS_JS})().includes(n))",
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
