"""Narrow the facts frame to what a reader asked for."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.page.labels import REGIONS


@dataclass(frozen=True)
class Filters:
    """What to keep. ``None`` keeps everything; an empty tuple keeps nothing."""

    regions: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows matching every filter, in their original order. The input is never changed."""
    keep = pd.Series(True, index=frame.index)
    if filters.regions is not None:
        keep &= frame["region"].isin(filters.regions)
    if filters.categories is not None:
        keep &= frame["category"].isin(filters.categories)
    return frame.loc[keep].reset_index(drop=True)


def regions_from_query(values: list[str] | None) -> tuple[str, ...]:
    """Region slugs from the ``regions`` URL parameter.

    No parameter at all means every region; unknown slugs are dropped, so
    ``?regions=`` (or only unknown names) means none.
    """
    if values is None:
        return REGIONS
    wanted = set(values)
    return tuple(r for r in REGIONS if r in wanted)


def regions_to_query(regions: tuple[str, ...] | list[str]) -> list[str]:
    """The ``regions`` URL parameter for a selection; an empty one stays explicit."""
    return list(regions) or [""]
