"""Bounds under traffic: what one client's many selections cost in memory, and what heavy exports cost others.

Every request goes to loopback, in a fixed number, each with a timeout.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.core import DASHBOARD, Row, Server, Stats, rss_mb
from bench.protocol import one_session
from metrics.downloads.cache_settings import DEFAULT_MEMO_MAX_MB
from metrics.page.state import page_state

REQUEST_TIMEOUT_S = 300.0


def _get(url: str) -> float:
    """Seconds to fetch ``url`` whole (identity encoding); anything but a 200 fails the row."""
    start = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - start


def _query(regions: tuple[str, ...]) -> str:
    return "&".join(f"regions={r}" for r in regions)


def selections(regions: tuple[str, ...], count: int) -> list[tuple[str, ...]]:
    """``count`` different region sets, as a client trying many would ask: all but one, then pairs, then threes."""
    every = [tuple(r for r in regions if r != left) for left in regions]
    every += list(itertools.combinations(regions, 2)) + list(itertools.combinations(regions, 3))
    return every[:count]


def _growth(path: Path, memo_mb: float, count: int) -> float:
    """MB the server's RSS grows by over ``count`` CSV requests, each for a different set of regions."""
    server = Server(DASHBOARD, {"METRICS_FILE": str(path), "METRICS_MEMO_MAX_MB": str(memo_mb)})
    try:
        regions = page_state(path).data.regions
        _get(f"{server.url}/api/facts.csv?regions={regions[0]}")  # the data loaded, as on a server up a while
        before = rss_mb(server.process.pid)
        for chosen in selections(regions, count):
            _get(f"{server.url}/api/facts.csv?{_query(chosen)}")
        return rss_mb(server.process.pid) - before
    finally:
        server.stop()


def row_memo_bytes(reps: int, ten_k: Path, count: int = 150) -> Row:
    """One client asks for ``count`` different selections' CSV: the server grows by at most its memo budget."""
    bounded, nothing = [], []
    for _ in range(reps):
        bounded.append(_growth(ten_k, DEFAULT_MEMO_MAX_MB, count))
        nothing.append(_growth(ten_k, 0, count))
    unbounded = _growth(ten_k, 1 << 20, count)  # as before the byte bound: only the counts of entries held
    note = (
        f"{count} requests, each a different region set, to /api/facts.csv on {ten_k.stem}; the same server "
        f"with no byte bound (entries counted only, as before) grew {unbounded:.0f} MB"
    )
    return Row(
        "memo bytes",
        f"RSS growth, memo budget {DEFAULT_MEMO_MAX_MB} MiB (default)",
        "the same server keeping nothing",
        Stats.of(bounded),
        Stats.of(nothing),
        "MB",
        None,
        note,
        limit=DEFAULT_MEMO_MAX_MB * 1.25,
    )


def _open_page(url: str, query: str) -> float:
    """Seconds from a new session's first rerun (the link ``?query``) to its ``script_finished``."""

    async def main() -> float:
        session = await one_session(url, query)
        if not session.runs:
            raise RuntimeError(f"the page did not open: {session.cut_off}")
        return session.runs[0]

    with ThreadPoolExecutor(1) as pool:  # an event loop of its own, as bench.protocol does
        return pool.submit(asyncio.run, main()).result()


def _under_xlsx(url: str, load: list[tuple[str, ...]], page: str, csv: str):
    """(page open, small CSV) seconds while each of ``load`` is fetched as a spreadsheet at the same time."""
    with ThreadPoolExecutor(len(load) or 1) as pool:
        heavy = [pool.submit(_get, f"{url}/api/facts.xlsx?{_query(chosen)}") for chosen in load]
        if heavy:
            time.sleep(1.0)  # the spreadsheets are being built
        opened = _open_page(url, page)
        fetched = _get(f"{url}/api/facts.csv?{csv}")
        for future in heavy:
            future.result(timeout=REQUEST_TIMEOUT_S)
    return opened, fetched


def rows_xlsx_load(reps: int, ten_k: Path, heavy: int = 4) -> list[Row]:
    """A new reader opening a link, and a small new CSV, while ``heavy`` large spreadsheets are being built."""
    server = Server(DASHBOARD, {"METRICS_FILE": str(ten_k)})
    try:
        data = page_state(ten_k).data
        regions, categories = data.regions, data.categories
        _get(f"{server.url}/api/facts.csv?regions={regions[0]}")
        _open_page(server.url, f"regions={regions[0]}")  # imports and the first run done
        big = iter(selections(regions, 12 + 66))  # all but one, then pairs: each spreadsheet a new selection
        fresh = zip(regions[1:], itertools.cycle(categories))  # each page and CSV a new selection too
        loaded_page, loaded_csv, idle_page, idle_csv = [], [], [], []
        for _ in range(reps):
            for load, pages, csvs in ((True, loaded_page, loaded_csv), (False, idle_page, idle_csv)):
                region, category = next(fresh)
                chosen = [next(big) for _ in range(heavy)] if load else []
                page = f"regions={region}"
                csv = f"regions={region}&categories={category}"
                opened, fetched = _under_xlsx(server.url, chosen, page, csv)
                pages.append(opened)
                csvs.append(fetched)
    finally:
        server.stop()
    note = f"{ten_k.stem}; each page, CSV and spreadsheet a selection not asked for before"
    return [
        Row(
            "xlsx load page",
            f"open a link while {heavy} large XLSX are built",
            "the same, nothing else running",
            Stats.of(loaded_page),
            Stats.of(idle_page),
            "s",
            3.0,
            note,
        ),
        Row(
            "xlsx load csv",
            f"a small new CSV while {heavy} large XLSX are built",
            "the same, nothing else running",
            Stats.of(loaded_csv),
            Stats.of(idle_csv),
            "s",
            3.0,
        ),
    ]
