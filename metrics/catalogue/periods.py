"""Periods a figure refers to: a year, a month, a day, or a range of them.

``2022``, ``2022-09``, ``2022-09-30`` and ``2022-01/2022-10`` are written as text in the
data file; ``bounds`` turns each into its first and last day, so figures sort and compare
over time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PART = re.compile(r"(?P<year>[12][0-9]{3})(?:-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>[0-3][0-9]))?)?")


def _part(text: str) -> tuple[dt.date, dt.date]:
    match = _PART.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a period: write 2022, 2022-09, 2022-09-30 or 2022-01/2022-10")
    year = int(match["year"])
    if match["month"] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(match["month"])
    if match["day"] is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    try:
        day = dt.date(year, month, int(match["day"]))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None
    return day, day


def bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period; raises ValueError for anything else."""
    first, _, last = period.partition("/")
    start, end = _part(first)
    if last:
        _, end = _part(last)
        if end < start:
            raise ValueError(f"{period!r} ends before it begins")
    return start, end


def check_period(period: str) -> str:
    """The period unchanged, if it is one."""
    bounds(period)
    return period


def sort_key(period: str) -> tuple[str, str]:
    """Orders periods by their end, then their start: 2022-09 comes before 2022."""
    start, end = bounds(period)
    return end.isoformat(), start.isoformat()
