"""Narrow the facts frame to what a reader asked for."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.catalogue.regions import division, resolve


@dataclass(frozen=True)
class Filters:
    """What to keep. ``None`` keeps everything; an empty tuple keeps nothing."""

    regions: tuple[str, ...] | None = None
    """Province slugs; a prefecture's or county's figures count under its province."""
    categories: tuple[str, ...] | None = None
    sources: tuple[str, ...] | None = None
    interventions: tuple[str, ...] | None = None
    years: tuple[str, ...] | None = None
    """Years ("2021"): a figure counts under the year its period ends in (see ``fact_years``)."""


def fact_years(frame: pd.DataFrame) -> pd.Series:
    """The year each figure is about: the year its period ends in, or else the year its report was published.

    A partial period (2021-01/2021-11) counts under its year, but stays a period of its own on every chart.
    """
    return frame["period_end"].where(frame["period_end"] != "", frame["published"]).str[:4]


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows matching every filter, in their original order. The input is never changed."""
    keep = pd.Series(True, index=frame.index)
    if filters.regions is not None:
        keep &= frame["region"].isin(filters.regions)
    if filters.categories is not None:
        keep &= frame["category"].isin(filters.categories)
    if filters.sources is not None:
        keep &= frame["source"].isin(filters.sources)
    if filters.interventions is not None:
        keep &= frame["intervention"].isin(filters.interventions)
    if filters.years is not None:
        keep &= fact_years(frame).isin(filters.years)
    return frame.loc[keep].reset_index(drop=True)


def province_slug(name: str) -> str | None:
    """The province a link's region names: a slug, or the code of a province, prefecture or county."""
    code = resolve(name)
    return None if code is None else division(code[:2] + "0000").slug


@dataclass(frozen=True)
class Chosen:
    """What a ``regions`` URL parameter selects among the regions present, and what it names in vain."""

    regions: tuple[str, ...]
    unknown: tuple[str, ...] = ()
    """Names that are no region at all, or a region with no figures here."""


def regions_from_query(values: list[str] | None, present: tuple[str, ...]) -> Chosen:
    """Province slugs from the ``regions`` URL parameter, in the page's order.

    No parameter at all means every region; ``?regions=`` means none. A code
    (``420000``, ``370832``) counts as its province. Names that match nothing
    present come back in ``unknown``, so the page can say so.
    """
    if values is None:
        return Chosen(present)
    wanted: set[str] = set()
    unknown: list[str] = []
    for value in values:
        if not value:
            continue
        slug = province_slug(value)
        if slug in present:
            wanted.add(slug)
        elif value not in unknown:
            unknown.append(value)
    return Chosen(tuple(r for r in present if r in wanted), tuple(unknown))


def regions_to_query(regions: tuple[str, ...] | list[str]) -> list[str]:
    """The ``regions`` URL parameter for a selection; an empty one stays explicit."""
    return list(regions) or [""]


def known_from_query(values: list[str] | None, present: tuple[str, ...]) -> Chosen:
    """Ids from a URL parameter such as ``interventions``, among those present; the others in ``unknown``.

    No parameter, or none known, chooses none: a filter with nothing chosen keeps everything.
    """
    if values is None:
        return Chosen(())
    wanted = {v for v in values if v in present}
    unknown = tuple(dict.fromkeys(v for v in values if v and v not in present))
    return Chosen(tuple(p for p in present if p in wanted), unknown)
