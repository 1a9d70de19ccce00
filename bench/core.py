"""What every benchmark row shares: samples, rows, servers and the report table."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.server import ROOT, launch, stop, wait_healthy

REGION_NAMES = {"liaoning": "Liaoning", "shandong": "Shandong", "guangdong": "Guangdong", "ningxia": "Ningxia"}
REGIONS = tuple(REGION_NAMES)
"""The shipped data's provinces, in the page's (GB/T 2260) order."""

DASHBOARD = "dashboard.py"
EMPTY = "bench/floors/empty.py"
ONE_CHART = "bench/floors/one_chart.py"
ONE_CHART_TABLE = "bench/floors/one_chart_table.py"
GENERATED = ROOT / "bench" / "generated"
ALL_NAMES = [REGION_NAMES[r] for r in REGIONS]
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
    higher_is_better: bool = False
    """For throughput: the goal is then a floor on the ratio, not a ceiling."""
    minimum: float | None = None
    """An absolute floor on the median, where the goal names one (a Lighthouse score of 1.00)."""
    also_met: bool = True
    """A goal the figures alone do not show (every printed figure found), met or not."""

    @property
    def ratio(self) -> float:
        return self.value.median / self.base.median if self.base.median else float("nan")

    @property
    def met(self) -> bool:
        if not self.also_met:
            return False
        if self.minimum is not None and self.value.median < self.minimum:
            return False
        if self.goal is None:
            return self.limit is None or self.value.median <= self.limit  # an absolute goal only, or none
        if self.higher_is_better:
            return self.ratio >= self.goal
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


class Server:
    def __init__(self, app: str, env: dict[str, str] | None = None) -> None:
        self.process, self.url = launch(app, env)
        self.started = wait_healthy(self.url, self.process, timeout=300)

    def stop(self) -> None:
        stop(self.process)


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
        met = "—" if r.goal is None and r.limit is None and r.minimum is None else "yes" if r.met else "NO"
        sign = "≥" if r.higher_is_better else "≤"
        parts = ([] if r.goal is None else [f"{sign} {r.goal}×"]) + ([f"≤ {r.limit:.3g} {r.unit}"] if r.limit else [])
        parts += [f"≥ {r.minimum} {r.unit}"] if r.minimum is not None else []
        goal = ", ".join(parts) or "—"
        lines.append(
            f"| {r.row} | {r.measured} | {r.value} {r.unit} | {r.floor} | {r.base} {r.unit} "
            f"| {'—' if r.ratio != r.ratio else f'{r.ratio:.2f}×'} | {goal} | {met} |"
        )
    notes = [f"{r.row}: {r.extra}" for r in rows if r.extra]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)
