"""Periods as a reader says them: 2021, 2021 Jan–Nov, 2023 Q1 / 2021年, 2021年1—11月, 2023年一季度 (no streamlit here).

A part of a year is a period of its own, always labelled as such, never as its year.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.catalogue.periods import bounds
from metrics.page.labels import Lang

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTERS = {(1, 3): 1, (4, 6): 2, (7, 9): 3, (10, 12): 4}
_QUARTERS_ZH = "一二三四"


def is_full_year(as_of: str) -> bool:
    """Whether a period is one whole calendar year (2021, or 2021-01/2021-12)."""
    start, end = bounds(as_of)
    return start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def period_label(as_of: str, lang: Lang) -> str:
    """A period as a reader says it: 2021, 2021 Jan–Nov, 2023 Q1, 2025 H1 / 2021年, 2021年1—11月, 2023年一季度."""
    start, end = bounds(as_of)
    zh = lang == "zh"
    if is_full_year(as_of):
        return f"{start.year}年" if zh else str(start.year)
    if start == end:
        return (
            f"{start.year}年{start.month}月{start.day}日"
            if zh
            else f"{start.year} {_MONTHS[start.month - 1]} {start.day}"
        )
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if not whole_months:
        return as_of
    if start.year != end.year:
        if zh:
            return f"{start.year}年{start.month}月—{end.year}年{end.month}月"
        return f"{start.year} {_MONTHS[start.month - 1]}–{end.year} {_MONTHS[end.month - 1]}"
    year, months = start.year, (start.month, end.month)
    if months[0] == months[1]:
        return f"{year}年{months[0]}月" if zh else f"{year} {_MONTHS[months[0] - 1]}"
    if months in _QUARTERS:
        quarter = _QUARTERS[months]
        return f"{year}年{_QUARTERS_ZH[quarter - 1]}季度" if zh else f"{year} Q{quarter}"
    if months in ((1, 6), (7, 12)):
        return f"{year}年{'上' if months[0] == 1 else '下'}半年" if zh else f"{year} H{1 if months[0] == 1 else 2}"
    if zh:
        return f"{year}年{months[0]}—{months[1]}月"
    return f"{year} {_MONTHS[months[0] - 1]}–{_MONTHS[months[1] - 1]}"


def dated(figures: list[str], rows: pd.DataFrame, lang: Lang) -> list[str]:
    """Each figure with the period it is about: '1,388,000 persons · 2021', '12.5万人 · 2023年一季度'."""
    return [f"{f} · {p}" for f, p in zip(figures, periods(rows, lang), strict=True)]


def periods(rows: pd.DataFrame, lang: Lang) -> list[str]:
    """Each row's period as a reader says it (its report's year where the figure gives none)."""
    return [
        period_label(a, lang) if a else (f"{p[:4]}年" if lang == "zh" else p[:4])
        for a, p in zip(rows["as_of"], rows["published"], strict=True)
    ]
