"""Where the on-disk cache lives and how large it may grow (no heavy imports: the command line reads this)."""

from __future__ import annotations

import math
import os
from pathlib import Path

DEFAULT_MAX_MB = 512
"""Default bound on the whole folder; ``METRICS_CACHE_MAX_MB`` changes it."""


def cache_dir() -> Path | None:
    """``METRICS_CACHE_DIR``, else the user's cache folder; an empty value turns caching off."""
    configured = os.environ.get("METRICS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "employment-dashboard"


def max_bytes() -> int:
    """``METRICS_CACHE_MAX_MB`` (a finite number of MiB, fractions allowed), else ``DEFAULT_MAX_MB``."""
    try:
        megabytes = float(os.environ.get("METRICS_CACHE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not math.isfinite(megabytes) or megabytes < 0:  # inf, 1e400, nan or a negative bound: the default
        return DEFAULT_MAX_MB * 2**20
    return int(megabytes * 2**20)
