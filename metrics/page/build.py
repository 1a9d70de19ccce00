"""Results shared within one build of a selection's outputs (no streamlit here).

A selection's figures and their text alternatives each start from the same derived tables
(each programme's reach, the matrix's cells). Inside ``one_build()``, a function marked
``shared_in_build`` computes each of them once per frame and hands the same result to every
caller; outside it, it computes as usual. Results are only read, never changed, by callers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

import pandas as pd

R = TypeVar("R")

_results: ContextVar[dict[tuple[Hashable, ...], tuple[pd.DataFrame, object]] | None] = ContextVar(
    "build_results", default=None
)


@contextmanager
def one_build() -> Iterator[None]:
    """Share ``shared_in_build`` results until the block ends (per thread: each build is its own)."""
    token = _results.set({})
    try:
        yield
    finally:
        _results.reset(token)


def shared_in_build(compute: Callable[..., R]) -> Callable[..., R]:
    """``compute(frame, *args)`` once per frame and arguments inside ``one_build()``.

    The frame itself is kept with its result until the build ends, so no other frame can take its ``id``.
    """

    @functools.wraps(compute)
    def shared(frame: pd.DataFrame, *args: Hashable) -> R:
        results = _results.get()
        if results is None:
            return compute(frame, *args)
        key = (compute.__qualname__, id(frame), *args)
        known = results.get(key)
        if known is not None and known[0] is frame:
            return known[1]  # type: ignore[return-value]
        value = compute(frame, *args)
        results[key] = (frame, value)
        return value

    return shared
