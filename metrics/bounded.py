"""Reads that always end: regular files only, never past a size limit, never a moving target.

A device (``/dev/zero``), a FIFO or a directory is refused before any byte is
read, so nothing here can block or grow without bound. A file that grows or
changes while it is read is refused too, rather than returned half old, half new.
"""

from __future__ import annotations

import os
import stat


class ReadRefused(OSError):
    """The path is not a regular file within the limit, or it changed while being read."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class FileChanging(ReadRefused):
    """The file grew or changed while it was read: most likely it is still being written."""


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _mib(size: int) -> str:
    return f"{size // 2**20} MiB" if size % 2**20 == 0 else f"{size / 2**20:.1f} MiB"


def too_large(size: int, limit: int) -> str:
    """How a file over its size limit is refused, wherever its size is found out."""
    return f"file is {_mib(size)}; the limit is {_mib(limit)}"


def read_bounded(path: str | os.PathLike[str], limit: int, follow_symlinks: bool = True) -> bytes:
    """The whole content of a regular file of at most ``limit`` bytes.

    Raises ``FileNotFoundError`` and the like for a path that cannot be opened,
    and ``ReadRefused`` for anything that is not a stable regular file within the limit.
    With ``follow_symlinks=False`` a symbolic link is refused (``OSError``) instead of followed.
    """
    name = os.fspath(path)
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags if follow_symlinks else flags | os.O_NOFOLLOW)  # a link then fails with ELOOP
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise ReadRefused(name, f"is {_describe(before.st_mode)}, not a regular file")
        if before.st_size > limit:
            raise ReadRefused(name, too_large(before.st_size, limit))
        chunks: list[bytes] = []
        remaining = before.st_size + 1  # one byte more than announced tells a growing file
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if len(data) != before.st_size or after.st_size != before.st_size or after.st_mtime_ns != before.st_mtime_ns:
        raise FileChanging(name, "file changed while it was read (still being written?); try again when it is complete")
    return data
