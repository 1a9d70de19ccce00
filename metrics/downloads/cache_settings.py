"""Where the on-disk cache lives, and how large it and the in-memory memos may grow (no heavy imports)."""

from __future__ import annotations

import math
import os
from pathlib import Path

DEFAULT_MAX_MB = 512
"""Default bound on the whole folder; ``METRICS_CACHE_MAX_MB`` changes it."""
DEFAULT_MEMO_MAX_MB = 256
"""Default bound on what one process keeps in memory for the selections asked for (views, figures, tables and
the data URLs' files) per version of the data file; ``METRICS_MEMO_MAX_MB`` changes it."""


def cache_dir() -> Path | None:
    """``METRICS_CACHE_DIR``, else the user's cache folder; an empty value turns caching off."""
    configured = os.environ.get("METRICS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "employment-dashboard"


def _megabytes(variable: str, default: int) -> int:
    """``variable`` (a finite number of MiB, fractions allowed) in bytes, else ``default`` MiB."""
    try:
        megabytes = float(os.environ.get(variable, default))
    except ValueError:
        megabytes = default
    if not math.isfinite(megabytes) or megabytes < 0:  # inf, 1e400, nan or a negative bound: the default
        return default * 2**20
    return int(megabytes * 2**20)


def max_bytes() -> int:
    """``METRICS_CACHE_MAX_MB`` (a finite number of MiB, fractions allowed), else ``DEFAULT_MAX_MB``."""
    return _megabytes("METRICS_CACHE_MAX_MB", DEFAULT_MAX_MB)


def memo_max_bytes() -> int:
    """``METRICS_MEMO_MAX_MB`` (a finite number of MiB, fractions allowed), else ``DEFAULT_MEMO_MAX_MB``."""
    return _megabytes("METRICS_MEMO_MAX_MB", DEFAULT_MEMO_MAX_MB)
