"""Rows for command-line work on generated files of 1k to 100k facts."""

from __future__ import annotations

import gc
from pathlib import Path

from bench.core import GENERATED, Row, Stats, interleaved, timed
from bench.generate import HEADER
from bench.generate import write as write_generated
from metrics.catalogue.load import END_MARKER, load
from metrics.downloads.export import to_csv
from metrics.page.filters import Filters, apply
from metrics.page.frame import to_frame
from metrics.page.state import DEFAULT_DATA, page_state


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
        raw = path.read_bytes() if path.exists() else b""
        if not raw.startswith(HEADER.encode()) or not raw[-64:].endswith(f"{END_MARKER}\n".encode()):
            write_generated(n, path)
        files[n] = path
    return files


def row_change_check(reps: int, big: Path, calls: int = 200) -> Row:
    """What a rerun pays to learn that the data file has not changed."""
    for path in (big, DEFAULT_DATA):
        assert not page_state(path).data.problems

    def per_call(path: Path) -> float:
        return timed(lambda: [page_state(path) for _ in range(calls)]) / calls

    value, base = interleaved(lambda: per_call(big), lambda: per_call(DEFAULT_DATA), reps)
    note = "stat of inode, size, mtime and ctime; files up to 1 MiB, or changed in the last 2 s, are hashed too"
    return Row("change check", f"{big.stem}: has the file changed?", "shipped file", value, base, "s", None, note)
