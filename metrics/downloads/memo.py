"""A bounded memo that computes each key once, however many threads ask at the same moment.

``functools.lru_cache`` lets every thread that misses compute the value itself.
When a shared link brings a hundred sessions at once, they all miss together and
all build the same figure; here the first builds it and the rest wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class SharedMemo(Generic[V]):
    """Values of ``compute(*key)``, at most ``maxsize`` of them; the oldest go first.

    A hit takes no lock (a dict look-up is atomic), so reruns of many sessions at
    once never queue behind each other; only a miss does.
    """

    def __init__(self, compute: Callable[..., V], maxsize: int) -> None:
        self._compute = compute
        self._maxsize = maxsize
        self._lock = threading.Lock()
        self._values: dict[tuple[Hashable, ...], V] = {}
        self._pending: dict[tuple[Hashable, ...], threading.Lock] = {}

    def _cached(self, key: tuple[Hashable, ...]) -> tuple[bool, V | None]:
        try:
            return True, self._values[key]
        except KeyError:
            return False, None

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
                with self._lock:
                    self._values[key] = value
                    while len(self._values) > self._maxsize:
                        del self._values[next(iter(self._values))]
            finally:
                with self._lock:
                    if self._pending.get(key) is gate:
                        del self._pending[key]
            return value
