"""Heavy exports (the spreadsheet) are built in a worker process, one at a time, with a bounded queue.

Building an XLSX of 10,000 facts takes seconds of pure-Python CPU. In the server's own
process that holds the interpreter lock against every page run and data URL: four at
once made a new reader wait most of a minute. In a worker process the server stays free,
at most ``WORKERS`` are built at once, at most ``WAITING`` more wait their turn, and any
request beyond those is told at once to come back later (``Busy``), so the waiting never
takes all of the server's request threads.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

WORKERS = 1
"""Spreadsheets built at once per server process (each takes about one core while it runs)."""
WAITING = 4
"""Spreadsheet requests that may wait for a worker; Streamlit's server has 28 request threads in all."""
TIMEOUT_S = 300.0
"""No build is waited for longer than this."""
RETRY_AFTER_S = 10
"""What a request turned away is told to wait before asking again."""
TASKS_PER_WORKER = 50
"""A worker is replaced after this many builds, so whatever memory it grew is given back."""

T = TypeVar("T")


class Busy(RuntimeError):
    """Every worker is building and the queue is full: ask again in ``RETRY_AFTER_S``."""


_slots = threading.BoundedSemaphore(WORKERS + WAITING)
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _watch_server(server: int) -> None:
    """Runs in each worker first: it ends itself within a second once the server process is gone, however
    the server ended (a worker idling on its task pipe would otherwise outlive a server killed by SIGKILL)."""

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="watch-server").start()


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                WORKERS,
                mp_context=multiprocessing.get_context("spawn"),  # never fork a server that runs threads
                initializer=_watch_server,
                initargs=(os.getpid(),),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def slot() -> Iterator[None]:
    """Hold one of the ``WORKERS + WAITING`` places for a spreadsheet request, or raise ``Busy`` at once."""
    if not _slots.acquire(blocking=False):
        raise Busy(f"too many spreadsheets are being built; try again in {RETRY_AFTER_S} s")
    try:
        yield
    finally:
        _slots.release()


def run(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` computed in a worker process (the caller holds a ``slot``).

    A worker that died (killed, out of memory) breaks its pool; a new pool is made and asked once more.
    """
    for attempt in (1, 2):
        pool = _executor()
        try:
            return pool.submit(function, *args).result(timeout=TIMEOUT_S)
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
