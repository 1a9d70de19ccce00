"""Bounded memos that compute each key once, however many threads ask at the same moment.

``functools.lru_cache`` lets every thread that misses compute the value itself.
When a shared link brings a hundred sessions at once, they all miss together and
all build the same figure; here the first builds it and the rest wait for it.

Memos are bounded in bytes as well as in entries: the memos of one version of the
data share a ``Budget``, and when their values together pass it, the oldest go,
whichever memo holds them. A client asking for one new selection after another
therefore cannot grow the server past the budget, however large each answer is.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import pickle
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
Key = tuple[Hashable, ...]


def size_of(value: object, depth: int = 0) -> int:
    """About how many bytes ``value`` holds: exact for bytes and text, pandas' own count for a frame
    (its text included), the sum of the parts for containers and dataclasses, and the pickled size for
    anything else (figures). Parts shared with another value are counted in each, so this errs high."""
    if value is None or isinstance(value, (bool, int, float)):
        return 0
    if isinstance(value, (bytes, bytearray, str)):
        return sys.getsizeof(value)
    # Asked of the type, not the value: a value's own ``__getattr__`` may do work to answer (a plain figure
    # makes all its plotly objects when asked for any attribute it lacks).
    if callable(getattr(type(value), "memory_usage", None)) and hasattr(type(value), "columns"):
        return int(value.memory_usage(index=True, deep=True).sum())  # a DataFrame; no pandas import here
    if depth < 4:
        if isinstance(value, dict):
            return sys.getsizeof(value) + sum(size_of(k, depth + 1) + size_of(v, depth + 1) for k, v in value.items())
        if isinstance(value, (list, tuple, set, frozenset)):
            return sys.getsizeof(value) + sum(size_of(v, depth + 1) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return sum(size_of(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    try:
        return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # not picklable: count it as its own object only
        return sys.getsizeof(value)


TRIM_AFTER_BYTES = 16 * 2**20
"""After values of this many bytes are dropped, the C allocator is asked to give free pages back."""


def _trim() -> None:
    """Give the allocators' free pages back to the system (Arrow's pool, and glibc's ``malloc_trim``).

    Without it, memory freed by dropped values stays in the process's arenas, and the server's
    size keeps the high-water mark of every selection asked for rather than the budget."""
    arrow = sys.modules.get("pyarrow")  # pandas keeps text in Arrow buffers, from Arrow's own allocator
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class Budget:
    """Bytes shared by several memos; the values they keep together stay within ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.used = 0
        self._freed = 0
        self.lock = threading.Lock()
        self._order: OrderedDict[tuple[int, Key], tuple[SharedMemo, int]] = OrderedDict()

    def _admit(self, memo: SharedMemo, key: Key, size: int) -> bool:
        """Account for a new value (the caller holds ``lock``), dropping the oldest values to make room.

        False when the value alone is larger than the budget: it is then not kept at all."""
        if size > self.max_bytes:
            return False
        while self._order and self.used + size > self.max_bytes:
            (_, old_key), (owner, old_size) = self._order.popitem(last=False)
            owner._values.pop(old_key, None)
            self.used -= old_size
            self._freed += old_size
        if self._freed > TRIM_AFTER_BYTES:
            self._freed = 0
            _trim()
        self._order[(id(memo), key)] = (memo, size)
        self.used += size
        return True

    def _forget(self, memo: SharedMemo, key: Key) -> None:
        """The memo dropped ``key`` itself (its count bound); the caller holds ``lock``."""
        entry = self._order.pop((id(memo), key), None)
        if entry is not None:
            self.used -= entry[1]


class SharedMemo(Generic[V]):
    """Values of ``compute(*key)``: at most ``maxsize`` of them, within ``budget``; the oldest go first.

    A hit takes no lock (a dict look-up is atomic), so reruns of many sessions at
    once never queue behind each other; only a miss does.
    """

    def __init__(
        self,
        compute: Callable[..., V],
        maxsize: int,
        budget: Budget | None = None,
        size: Callable[[object], int] = size_of,
    ) -> None:
        self._compute = compute
        self._maxsize = maxsize
        self._budget = budget or Budget(sys.maxsize)
        self._size = size
        self._lock = threading.Lock()
        self._values: dict[Key, V] = {}
        self._pending: dict[Key, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._values)

    def cached(self, *key: Hashable) -> tuple[bool, V | None]:
        """(True, the value) if it is kept now, else (False, None); never computes."""
        return self._cached(key)

    def _cached(self, key: Key) -> tuple[bool, V | None]:
        try:
            return True, self._values[key]
        except KeyError:
            return False, None

    def _store(self, key: Key, value: V) -> None:
        size = self._size(value)
        budget = self._budget
        with budget.lock:
            if not budget._admit(self, key, size):
                return  # larger than the whole budget: served this once, never kept
            self._values[key] = value
            while len(self._values) > self._maxsize:
                oldest = next(iter(self._values))
                del self._values[oldest]
                budget._forget(self, oldest)

    def __call__(self, *key: Hashable) -> V:
        found, value = self._cached(key)
        if found:
            return value  # type: ignore[return-value]
        with self._lock:
            gate = self._pending.setdefault(key, threading.Lock())
        with gate:  # one computation per key; the others wait here, then find the value
            found, value = self._cached(key)
            if found:
                return value  # type: ignore[return-value]
            try:
                value = self._compute(*key)
                self._store(key, value)
            finally:
                with self._lock:
                    if self._pending.get(key) is gate:
                        del self._pending[key]
            return value
