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
import multiprocessing.connection
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
IDLE_S = 60.0
"""A worker with nothing to build for this long is ended (it holds pandas and XlsxWriter, about 200 MB)."""
END_S = 5.0
"""How long an ended pool's workers get to exit on their own before they are terminated, then killed."""

T = TypeVar("T")


class Busy(RuntimeError):
    """Every worker is building and the queue is full: ask again in ``RETRY_AFTER_S``."""


_slots = threading.BoundedSemaphore(WORKERS + WAITING)
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_busy = 0
"""Builds asked of the pool and not yet answered."""
_last_used = 0.0


def _watch_server(server: int) -> None:
    """Runs in each worker first: it ends itself within a second once the server process is gone, however
    the server ended (a worker idling on its task pipe would otherwise outlive a server killed by SIGKILL)."""

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="watch-server").start()


def _executor() -> ProcessPoolExecutor:
    """The pool, made if there is none, counted busy at once so that it is not ended as idle meanwhile."""
    global _pool, _busy
    with _lock:
        _busy += 1
        if _pool is None:
            _pool = ProcessPoolExecutor(
                WORKERS,
                mp_context=multiprocessing.get_context("spawn"),  # never fork a server that runs threads
                initializer=_watch_server,
                initargs=(os.getpid(),),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
            threading.Thread(target=_end_when_idle, args=(_pool,), daemon=True, name="spreadsheet-idle").start()
        return _pool


def _end_when_idle(pool: ProcessPoolExecutor) -> None:
    """Ends ``pool`` once it has had nothing to build for ``IDLE_S`` (the next spreadsheet starts a new one)."""
    global _pool
    while True:
        time.sleep(min(IDLE_S / 4, 5.0))
        with _lock:
            if _pool is not pool:
                return
            if _busy or time.monotonic() - _last_used < IDLE_S:
                continue
            _pool = None
        _end(pool)
        return


def _end(pool: ProcessPoolExecutor) -> None:
    """Shuts ``pool`` down and makes sure its workers are gone, within ``3 * END_S``.

    ``shutdown(wait=False)`` asks the workers to exit but does not see it done, and in some interleavings of
    its manager thread a worker was seen to outlive it; one that has not exited in ``END_S`` is terminated,
    and then killed. A worker counts as gone once its sentinel is ready (it has exited), never by
    ``is_alive``: that reaps the process, and two threads reaping one process can each see it alive.
    """
    workers = list((pool._processes or {}).values())  # the only handle on them before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    running = exited_within([w.sentinel for w in workers], END_S)
    for signal in ("terminate", "kill"):
        if not running:
            return
        for worker in workers:
            if worker.sentinel in running:
                getattr(worker, signal)()
        running = exited_within(running, END_S)


def exited_within(sentinels: list[int], seconds: float) -> list[int]:
    """The ``sentinels`` whose process has not exited within ``seconds``."""
    deadline = time.monotonic() + seconds
    waiting = list(sentinels)
    while waiting:
        ready = multiprocessing.connection.wait(waiting, max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        waiting = [s for s in waiting if s not in ready]
    return waiting


def _discard(pool: ProcessPoolExecutor) -> None:
    """Ends a broken pool off the request's thread (its workers may take ``END_S`` to go)."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    threading.Thread(target=_end, args=(pool,), daemon=True, name="spreadsheet-end").start()


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
    global _busy, _last_used
    for attempt in (1, 2):
        pool = _executor()
        try:
            return pool.submit(function, *args).result(timeout=TIMEOUT_S)
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise
        finally:
            with _lock:
                _busy -= 1
                _last_used = time.monotonic()
    raise AssertionError("unreachable")
