"""Facts frame -> like with like: one row of dots per indicator that several regions report.

Figures share a row only when they measure the same thing (one ``indicator`` id),
never merely the same unit. The drawing is ``metrics.page.dots``. No streamlit here.
"""

from __future__ import annotations

import pandas as pd

from metrics.page.charts import FrozenFigure
from metrics.page.dots import Panel, dot_figure
from metrics.page.labels import Lang, format_number, text
from metrics.page.periods import dated
from metrics.page.views import figures, region_labels

MAX_DOTS = 12
"""Per row; a larger group shows its largest figures and says how many it leaves out."""
MAX_ROWS = 8
"""Rows of the chart, as the series over time has; the note under it says how many more there are."""


def comparable(frame: pd.DataFrame) -> list[str]:
    """Indicators reported by two or more of the regions in ``frame``, in category then file order (all of them:
    the chart draws the first ``MAX_ROWS``)."""
    marked = frame[frame["indicator"] != ""]
    regions = marked.groupby("indicator", sort=False)["region"].nunique()
    shared = set(regions[regions > 1].index)
    firsts = marked.drop_duplicates("indicator")
    order = zip(firsts["category_order"], range(len(firsts)), firsts["indicator"], strict=True)
    return [indicator for _, _, indicator in sorted(order) if indicator in shared]


def left_out(indicators: list[str], lang: Lang) -> str | None:
    """What the chart leaves out of ``indicators`` (all that are shared), or None when it draws them all."""
    more = len(indicators) - MAX_ROWS
    return text("like_left_out", lang).format(n=format_number(more, lang)) if more > 0 else None


def _rows(frame: pd.DataFrame, indicator: str) -> tuple[pd.DataFrame, int]:
    """The row's largest figures, by region, and how many figures the row has: found on two columns, so a
    100k-fact frame is never copied whole."""
    values = frame["value_low"][frame["indicator"] == indicator]
    top = frame.loc[values.nlargest(MAX_DOTS, keep="first").index]
    return top.sort_values(["province_code", "value_low"], ascending=[True, False], kind="stable"), len(values)


def row_title(frame: pd.DataFrame, indicator: str, lang: Lang, shown: int = 0, total: int = 0) -> str:
    """What the row counts, and its unit once: 'Skill assessments held (person-times)'; where it draws only its
    largest figures, how many of how many."""
    first = frame.loc[frame["indicator"].eq(indicator).idxmax()]
    zh = lang == "zh"
    metric, unit = first["metric_zh" if zh else "metric"], first["unit_zh" if zh else "unit_en"]
    title = f"{metric}（{unit}）" if zh else f"{metric} ({unit})"
    if total > shown:
        title += text("shown_of", lang).format(shown=shown, total=format_number(total, lang))
    return title


def comparison_figure(
    frame: pd.DataFrame,
    lang: Lang = "en",
    colours: dict[str, str] | None = None,
    indicators: list[str] | None = None,
) -> FrozenFigure | None:
    """One row of dots per shared indicator (``comparable(frame)`` unless given), or None when there is none."""
    indicators = comparable(frame) if indicators is None else indicators
    panels = []
    for indicator in indicators[:MAX_ROWS]:
        rows, total = _rows(frame, indicator)
        shown = dated(figures(rows, lang), rows, lang)  # each figure with its period: years are told apart
        labels = [f"{r}\n{f}" for r, f in zip(region_labels(rows, lang), shown, strict=True)]
        title = row_title(frame, indicator, lang, len(rows), total)
        panels.append(Panel(title, rows, labels, extra={"indicator": indicator}))
    return dot_figure(panels, lang, colours)


def comparison_alt(frame: pd.DataFrame, indicators: list[str], lang: Lang) -> str:
    """The like-with-like rows as text: each row's title, then region and figure per dot."""
    parts = []
    for indicator in indicators[:MAX_ROWS]:
        rows, total = _rows(frame, indicator)
        shown = dated(figures(rows, lang), rows, lang)
        dots = "; ".join(f"{r}: {f}" for r, f in zip(region_labels(rows, lang), shown, strict=True))
        parts.append(f"{row_title(frame, indicator, lang, len(rows), total)}. {dots}.")
    note = left_out(indicators, lang)
    return " ".join(parts + ([note] if note else []))
