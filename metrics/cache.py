"""A cache of validated facts on disk, keyed by the data file's content and this code.

Validating 100,000 facts takes seconds; reading them back takes a tenth of
that. The dashboard uses this so that a server restart does not validate an
unchanged file again. Entries are plain data (Parquet and JSON, never pickle),
written atomically, and any entry that cannot be read is ignored. The command
line never uses it: ``validate`` always validates.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from metrics.frame import COLUMNS
from metrics.schema import Source

_CODE = ("numbers.py", "schema.py", "load.py", "frame.py", "cache.py")


def cache_dir() -> Path | None:
    """``METRICS_CACHE_DIR``, else the user's cache folder; an empty value turns caching off."""
    configured = os.environ.get("METRICS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "employment-dashboard"


def _code_version() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def key(content: bytes) -> str:
    """Changes with the file's bytes and with the code that validates and frames them."""
    return f"{hashlib.sha256(content).hexdigest()[:32]}-{_code_version()}"


def read(entry: str) -> tuple[pd.DataFrame, list[Source]] | None:
    """The frame and sources stored under ``entry``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        frame = pd.read_parquet(folder / f"{entry}.parquet")
        sources = [Source.model_validate(s) for s in json.loads((folder / f"{entry}.json").read_text("utf-8"))]
    except (OSError, ValueError, ImportError):
        return None
    if list(frame.columns) != [*COLUMNS, "headline"]:
        return None
    return frame, sources


def write(entry: str, frame: pd.DataFrame, sources: list[Source]) -> None:
    """Store an entry; failing to (read-only home, full disk) only costs the next start time."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, payload in (
            (".parquet", frame.to_parquet(index=False)),
            (".json", json.dumps([s.model_dump() for s in sources], ensure_ascii=False).encode()),
        ):
            partial = folder / f"{entry}{suffix}.{os.getpid()}.tmp"
            partial.write_bytes(payload)
            partial.replace(folder / f"{entry}{suffix}")
    except OSError:
        return
