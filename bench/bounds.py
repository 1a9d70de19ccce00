"""Bounds under traffic: what one client's many selections cost in memory, and what heavy exports cost others.

Every request goes to loopback, in a fixed number, each with a timeout.
"""

from __future__ import annotations

import itertools
import time
import urllib.request
from pathlib import Path

from bench.core import DASHBOARD, Row, Server, Stats, rss_mb
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
