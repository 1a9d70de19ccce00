"""Everything the page needs, computed once per data file and selection (no streamlit here)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from metrics.frame import to_frame
from metrics.load import MetricsFileError, load
from metrics.schema import MetricsFile

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "metrics.yaml"


def data_path() -> Path:
    """``METRICS_FILE`` if set, else the shipped file."""
    return Path(os.environ.get("METRICS_FILE") or DEFAULT_DATA)


def file_stamp(path: Path) -> tuple[str, int, int]:
    """Changes whenever the file does, so caches keyed on it stay true."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True)
class Loaded:
    """A data file read once: either records and their frame, or the problems found."""

    data: MetricsFile | None
    frame: pd.DataFrame | None
    problems: tuple[str, ...]


def load_page_data(path: Path) -> Loaded:
    try:
        data = load(path)
    except MetricsFileError as err:
        return Loaded(None, None, tuple(str(p) for p in err.problems))
    return Loaded(data, to_frame(data), ())
