"""Facts frame -> like with like: one row of dots per indicator that several regions report.

Figures share a row only when they measure the same thing (one ``indicator`` id),
never merely the same unit. The drawing is ``metrics.page.dots``. No streamlit here.
"""

from __future__ import annotations

import pandas as pd

from metrics.page.charts import FrozenFigure
from metrics.page.dots import Panel, dot_figure
from metrics.page.labels import Lang
from metrics.page.periods import dated
from metrics.page.views import figures, region_labels

MAX_DOTS = 12
"""Per row; a larger group shows its largest figures, so 100k facts stay readable."""


def comparable(frame: pd.DataFrame) -> list[str]:
    """Indicators reported by two or more of the regions in ``frame``, in category then file order."""
    marked = frame[frame["indicator"] != ""]
    regions = marked.groupby("indicator", sort=False)["region"].nunique()
    shared = regions[regions > 1].index
    order = marked.drop_duplicates("indicator").set_index("indicator")["category_order"]
    return sorted(shared, key=lambda i: (order[i], list(order.index).index(i)))


def _rows(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The row's largest figures, by region: found on two columns, so a 100k-fact frame is never copied whole."""
    values = frame["value_low"][frame["indicator"] == indicator]
    top = frame.loc[values.nlargest(MAX_DOTS, keep="first").index]
    return top.sort_values(["province_code", "value_low"], ascending=[True, False], kind="stable")


def row_title(frame: pd.DataFrame, indicator: str, lang: Lang) -> str:
    """What the row counts, and its unit once: 'Skill assessments held (person-times)'."""
    first = frame.loc[frame["indicator"].eq(indicator).idxmax()]
    zh = lang == "zh"
    metric, unit = first["metric_zh" if zh else "metric"], first["unit_zh" if zh else "unit_en"]
    return f"{metric}（{unit}）" if zh else f"{metric} ({unit})"


def comparison_figure(
    frame: pd.DataFrame,
    lang: Lang = "en",
    colours: dict[str, str] | None = None,
    indicators: list[str] | None = None,
) -> FrozenFigure | None:
    """One row of dots per shared indicator (``comparable(frame)`` unless given), or None when there is none."""
    indicators = comparable(frame) if indicators is None else indicators
    panels = []
    for indicator in indicators:
        rows = _rows(frame, indicator)
        shown = dated(figures(rows, lang), rows, lang)  # each figure with its period: years are told apart
        labels = [f"{r}\n{f}" for r, f in zip(region_labels(rows, lang), shown, strict=True)]
        panels.append(Panel(row_title(frame, indicator, lang), rows, labels, extra={"indicator": indicator}))
    return dot_figure(panels, lang, colours)


def comparison_alt(frame: pd.DataFrame, indicators: list[str], lang: Lang) -> str:
    """The like-with-like rows as text: each row's title, then region and figure per dot."""
    parts = []
    for indicator in indicators:
        rows = _rows(frame, indicator)
        shown = dated(figures(rows, lang), rows, lang)
        dots = "; ".join(f"{r}: {f}" for r, f in zip(region_labels(rows, lang), shown, strict=True))
        parts.append(f"{row_title(frame, indicator, lang)}. {dots}.")
    return " ".join(parts)
