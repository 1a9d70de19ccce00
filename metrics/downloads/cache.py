"""A cache of validated facts on disk, keyed by the data's content and by this code.

Validating 100,000 facts takes seconds; reading them back takes a tenth of
that. The dashboard uses this so that a server restart does not validate an
unchanged file again. The command line never uses it: ``validate`` always validates.

An entry is three files: the frame as Parquet, the sources as JSON, and a
manifest with the SHA-256 of both, written last. An entry is used only when the
manifest is there, both digests match, and the frame and sources have the shape
fresh data has (the same ``Source`` model, the frame's own columns and dtypes).
Anything else (a half-written entry, a tampered or truncated file, a FIFO or a
directory in its place) is removed, and the page validates the data file again
and writes a new entry. Every write goes to a temporary file that is renamed into
place or removed. The folder is kept under a size bound by removing the least
recently used entries.

The cache touches only what it wrote: files named like its own entries and
temporary files; nothing else in the folder is read or removed. It never follows
a symbolic link, reads each file only up to the size its manifest records, and
refuses a folder that another user owns or that others may write to (anyone who
can write there could plant an entry with matching digests).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import pandas as pd
from pydantic import TypeAdapter

from metrics.bounded import read_bounded
from metrics.catalogue.schema import Source
from metrics.downloads.cache_settings import cache_dir, max_bytes
from metrics.page.frame import check_frame

PACKAGE = Path(__file__).resolve().parents[1]
PARTS = (".parquet", ".json")
MANIFEST = ".manifest"
MAX_ENTRY_BYTES = 1 << 30
"""No single cache file is read past this (a 100k-fact frame is about 10 MB)."""
STALE_TEMP_S = 3600
"""Temporary files this old belong to a process that died mid-write."""

_SOURCES = TypeAdapter(list[Source])
OWN_NAME = re.compile(r"^[0-9a-f]{32}-[0-9a-f]{16}(?:\.parquet|\.json|\.manifest)$")
"""An entry's files: ``key()`` and a suffix."""
OWN_TEMP = re.compile(r"^\.[0-9a-f]{32}-[0-9a-f]{16}\.(?:parquet|json|manifest)\.[A-Za-z0-9_]+\.tmp$")
"""A temporary file ``_write_atomic`` made."""
_refused: set[str] = set()


def usable(folder: Path) -> bool:
    """Whether ``folder`` may hold entries: a real directory of this user that no one else may write to.

    A refused folder is named once on stderr, and the page then validates without a cache.
    """
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True  # made by ``write`` with mode 0700
    except OSError:
        return False
    reason = None
    if not stat.S_ISDIR(info.st_mode):
        reason = "is not a directory (or is a symbolic link)"
    elif hasattr(os, "getuid") and info.st_uid != os.getuid():
        reason = f"is owned by user {info.st_uid}, not by this user ({os.getuid()})"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        reason = f"may be written by others (mode {stat.S_IMODE(info.st_mode):04o}); chmod go-w it"
    if reason is None:
        return True
    if str(folder) not in _refused:
        _refused.add(str(folder))
        print(f"metrics cache: not using {folder}: it {reason}", file=sys.stderr)
    return False


def _folder() -> Path | None:
    folder = cache_dir()
    return folder if folder is not None and usable(folder) else None


@lru_cache(maxsize=8)
def code_version(root: Path = PACKAGE) -> str:
    """Changes with any file of the package (code and any tables it ships) and the libraries that write entries."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = (sys.version, pd.__version__, _pyarrow_version())
    digest.update("\0".join(versions).encode())
    return digest.hexdigest()[:16]


def _pyarrow_version() -> str:
    import pyarrow

    return pyarrow.__version__


def key(content: bytes) -> str:
    """Changes with the data's bytes and with the code that validates and frames them."""
    return f"{hashlib.sha256(content).hexdigest()[:32]}-{code_version()}"


def _paths(folder: Path, entry: str) -> list[Path]:
    return [folder / f"{entry}{suffix}" for suffix in (*PARTS, MANIFEST)]


def _remove(path: Path) -> None:
    """Remove whatever stands at ``path``: a file, a FIFO, a link or a directory."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def discard(entry: str) -> None:
    """Remove every file of an entry."""
    folder = _folder()
    if folder is not None:
        for path in _paths(folder, entry):
            _remove(path)


def read(entry: str) -> tuple[pd.DataFrame, list[Source]] | None:
    """The frame and sources stored under ``entry``, or None (and the entry removed) unless it proves itself."""
    folder = _folder()
    if folder is None:
        return None
    parquet, sources_json, manifest = _paths(folder, entry)
    if not manifest.exists() and not manifest.is_symlink():
        return None
    try:
        expected = json.loads(read_bounded(manifest, 64 * 1024, follow_symlinks=False))
        if not isinstance(expected, dict) or expected.get("entry") != entry:
            raise ValueError("manifest names another entry")
        sizes = expected.get("sizes", {})
        limits = [min(int(sizes.get(suffix, -1)), MAX_ENTRY_BYTES) for suffix in PARTS]
        if min(limits) < 0:
            raise ValueError("manifest records no sizes")
        payloads = [
            read_bounded(path, limit, follow_symlinks=False)
            for path, limit in zip((parquet, sources_json), limits, strict=True)
        ]
        for suffix, payload in zip(PARTS, payloads, strict=True):
            if hashlib.sha256(payload).hexdigest() != expected.get(suffix):
                raise ValueError(f"{suffix} does not match its digest")
        frame = pd.read_parquet(io.BytesIO(payloads[0]))
        check_frame(frame)
        if len(frame) != expected.get("rows"):
            raise ValueError("row count differs from the manifest")
        sources = _SOURCES.validate_json(payloads[1])
        if not set(frame["source"]) <= {s.id for s in sources}:
            raise ValueError("a fact cites a source the entry lacks")
    except Exception:  # any failure at all means this is not an entry we wrote: rebuild it
        discard(entry)
        return None
    with contextlib.suppress(OSError):
        os.utime(manifest)  # last use, for eviction
    return frame, sources


def _write_atomic(folder: Path, final: Path, payload: bytes) -> None:
    """Write to a temporary file beside ``final`` and rename it into place (a link there is replaced, not followed)."""
    fd, partial = tempfile.mkstemp(dir=folder, prefix=f".{final.name}.", suffix=".tmp")
    try:
        with open(fd, "wb") as handle:
            handle.write(payload)
        if final.is_dir():
            _remove(final)  # a directory where the file belongs; os.replace cannot replace it
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def write(entry: str, frame: pd.DataFrame, sources: list[Source]) -> None:
    """Store an entry; failing to (read-only home, full disk) only costs the next start time."""
    folder = _folder()
    if folder is None:
        return
    parquet, sources_json, manifest = _paths(folder, entry)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not usable(folder):
            return
        _remove(manifest)  # the entry is invalid until its manifest is written again, last
        payloads = (frame.to_parquet(index=False), _SOURCES.dump_json(sources))
        for path, payload in zip((parquet, sources_json), payloads, strict=True):
            _write_atomic(folder, path, payload)
        digests = {suffix: hashlib.sha256(p).hexdigest() for suffix, p in zip(PARTS, payloads, strict=True)}
        sizes = {suffix: len(p) for suffix, p in zip(PARTS, payloads, strict=True)}
        record = {"entry": entry, "rows": len(frame), "sizes": sizes, **digests}
        _write_atomic(folder, manifest, json.dumps(record).encode())
    except OSError:
        discard(entry)
        return
    evict(keep=entry)
    if sum(sizes.values()) > max_bytes():  # larger than the bound alone: used this once, never kept
        discard(entry)


def evict(keep: str | None = None) -> None:
    """Remove least recently used entries until the folder is within ``max_bytes()``; also dead temporary files."""
    folder = _folder()
    if folder is None:
        return
    now = time.time()
    sizes: dict[str, int] = {}
    used: dict[str, float] = {}
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return
    for item in listing:
        name = item.name
        if not (OWN_NAME.match(name) or OWN_TEMP.match(name)):
            continue  # not ours: never read, never removed
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if name.endswith(".tmp"):
            if not stat.S_ISREG(info.st_mode):
                continue
            if now - info.st_mtime > STALE_TEMP_S:
                _remove(Path(item.path))
            continue
        stem = next((name.removesuffix(s) for s in (*PARTS, MANIFEST) if name.endswith(s)), None)
        if stem is None:
            continue
        sizes[stem] = sizes.get(stem, 0) + info.st_size
        if name.endswith(MANIFEST):
            used[stem] = info.st_mtime
    total = sum(sizes.values())
    for stem in sorted(sizes, key=lambda s: used.get(s, 0.0)):  # entries without a manifest go first
        if total <= max_bytes():
            break
        if stem == keep:
            continue
        discard(stem)
        total -= sizes[stem]
