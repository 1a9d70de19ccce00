"""Facts frame -> one plotly figure comparing the programmes (no streamlit here).

Only comparable facts share an axis: each subplot row holds one category and
one unit. Region decides the colour, qualifier the fill pattern and the label
(≥, ≤, projected, target, range), so nothing rests on colour alone.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metrics.page.labels import PALETTE, QUALIFIER_PATTERNS, Lang, format_fact, text
from metrics.page.views import region_labels

MAX_BARS = 20
"""Per row; larger groups show their largest figures, so 100k facts stay readable."""
LOG_RATIO = 100
"""Use a log axis when the largest figure is this many times the smallest."""
BAR_PX, ROW_GAP_PX, MARGIN_PX = 26, 70, 110


class FrozenFigure(go.Figure):
    """A figure that serialises once: ``to_dict`` is cached after its first call.

    Streamlit calls ``to_dict`` on every rerun, which deep-copies and walks the
    whole figure. Figures here are built, cached and never changed afterwards.
    """

    _frozen: dict | None = None

    def to_dict(self) -> dict:
        if self._frozen is None:
            self._frozen = super().to_dict()
        return self._frozen


def groups(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """The (category, unit) pairs to chart, in reading order.

    With two or more regions on the page, only groups that more than one region
    reports: a lone bar compares nothing, and its figure stays in the cards and
    the table. With one region, all of its groups.
    """
    regions = frame.groupby(["category", "unit"], sort=False, observed=True)["region"].nunique()
    if frame["region"].nunique() > 1 and (regions > 1).any():
        regions = regions[regions > 1]
    order = frame.groupby("category", sort=False)["category_order"].first().to_dict()
    return sorted(regions.index, key=lambda p: (order[p[0]], p[1]))


def left_out(frame: pd.DataFrame) -> int:
    """How many facts the chart does not show (a group with one region, or past ``MAX_BARS``)."""
    charted = 0
    for category, unit in groups(frame):
        charted += min(MAX_BARS, int(((frame["category"] == category) & (frame["unit"] == unit)).sum()))
    return len(frame) - charted


def _row_title(rows: pd.DataFrame, lang: Lang, shown: int, total: int, log: bool) -> str:
    first = rows.iloc[0]
    zh = lang == "zh"
    title = f"{first['category_zh' if zh else 'category_en']} · {first['unit_zh' if zh else 'unit_en']}"
    if log:
        title += f" ({text('log_axis', lang)})"
    if shown < total:
        title += f" — top {shown} / {total:,}" if lang == "en" else f" — 前{shown}项 / 共{total:,}项"
    return title


def _escape(text: str) -> str:
    """Plotly reads its text as a little HTML: escape what could form a tag or an entity.

    Quotes stay as they are; plotly knows no ``&quot;`` and would show it as written.
    """
    return html.escape(text, quote=False)


def _labels(rows: pd.DataFrame, lang: Lang) -> list[str]:
    metric = rows["metric_zh"] if lang == "zh" else rows["metric"]
    return [_escape(f"{r} · {m}") for r, m in zip(region_labels(rows, lang), metric, strict=True)]


def _hover(rows: pd.DataFrame, lang: Lang) -> list[list[str]]:
    columns = [
        rows["metric_zh" if lang == "zh" else "metric"],
        rows["programme_zh" if lang == "zh" else "programme_en"],
        rows["printed"],
        rows["quote"],
        rows["source_headline"]
        + " · "
        + rows["publisher" if lang == "zh" else "publisher_en"]
        + " · "
        + rows["published"],
    ]
    return [list(row) for row in zip(*(c.map(_escape).tolist() for c in columns), strict=True)]


def _hovertemplate(lang: Lang) -> str:
    return (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        f"{text('printed', lang)}: %{{customdata[2]}}<br>“%{{customdata[3]}}”<br>"
        f"{text('source', lang)}: %{{customdata[4]}}<extra></extra>"
    )


def comparison_figure(
    frame: pd.DataFrame, lang: Lang = "en", colours: dict[str, str] | None = None, max_bars: int = MAX_BARS
) -> FrozenFigure:
    """One row of horizontal bars per comparable group, largest at the top.

    ``colours`` gives each region's colour, so a region keeps it whatever else is selected.
    """
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(frame["region"].unique())}
    pairs = groups(frame)
    if not pairs:
        return FrozenFigure()
    chosen, titles, logs = [], [], []
    for category, unit in pairs:
        rows = frame[(frame["category"] == category) & (frame["unit"] == unit)]
        top = rows.nlargest(max_bars, "value_low", keep="first").iloc[::-1]
        highs = top["value_high"].fillna(top["value_low"])
        positive = top["value_low"][top["value_low"] > 0]
        log = len(positive) == len(top) and highs.max() / positive.min() >= LOG_RATIO
        chosen.append(top)
        logs.append(log)
        titles.append(_row_title(rows, lang, len(top), len(rows), log))
    heights = [BAR_PX * len(t) + ROW_GAP_PX for t in chosen]
    total = sum(heights) + MARGIN_PX
    figure = FrozenFigure(
        make_subplots(
            rows=len(chosen),
            cols=1,
            row_heights=heights,
            vertical_spacing=min(ROW_GAP_PX / total, 1 / max(len(chosen), 2)) * 0.8,
            subplot_titles=titles,
        )
    )
    in_legend: set[str] = set()
    for row, (top, log) in enumerate(zip(chosen, logs, strict=True), start=1):
        for region in top.sort_values("province_code", kind="stable")["region"].unique():
            part = top[top["region"] == region]
            ranged = part["qualifier"] == "range"
            base = part["value_low"].where(ranged)
            length = (part["value_high"] - part["value_low"]).where(ranged, part["value_low"])
            labels = [
                format_fact(v, lo, hi, q, u, lang)
                for v, lo, hi, q, u in zip(
                    part["value"],
                    part["value_low"],
                    part["value_high"],
                    part["qualifier"],
                    part["unit_zh" if lang == "zh" else "unit_en"],
                    strict=True,
                )
            ]
            figure.add_trace(
                go.Bar(
                    orientation="h",
                    # Plain lists: plotly encodes numpy arrays as base64 on every serialisation.
                    y=part["id"].tolist(),
                    x=length.tolist(),
                    base=[None if b != b else b for b in base.tolist()],
                    name=part["region_zh" if lang == "zh" else "region_en"].iloc[0],
                    legendgroup=region,
                    showlegend=region not in in_legend,
                    marker={
                        "color": colours[region],
                        "pattern": {
                            "shape": part["qualifier"].map(QUALIFIER_PATTERNS).tolist(),
                            "fillmode": "overlay",
                            "fgcolor": "#000000",
                            "fgopacity": 0.5,
                            "size": 7,
                        },
                    },
                    text=labels,
                    textposition="outside",
                    cliponaxis=False,
                    customdata=_hover(part, lang),
                    hovertemplate=_hovertemplate(lang),
                    meta={"region": region},
                ),
                row=row,
                col=1,
            )
            in_legend.add(region)
        figure.update_yaxes(
            categoryorder="array",
            categoryarray=top["id"].tolist(),
            tickvals=top["id"].tolist(),
            ticktext=_labels(top, lang),
            row=row,
            col=1,
        )
        figure.update_xaxes(type="log" if log else "linear", row=row, col=1, showgrid=True)
    figure.update_layout(
        height=total,
        barmode="overlay",
        margin={"l": 10, "r": 90, "t": 90, "b": 20},
        legend={
            "orientation": "h",
            "y": 1 + 40 / total,
            "yanchor": "bottom",
            "x": 0,
            "title": {"text": text("regions", lang)},
        },
        font={"family": "sans-serif"},
        hoverlabel={"align": "left"},
    )
    return figure


MAX_SERIES = 12
"""Lines per indicator; the table holds the rest."""
MAX_INDICATORS = 8
"""Rows of the series figure."""


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["indicator"] != "") & (frame["period_end"] != "")]


def series(frame: pd.DataFrame) -> list[str]:
    """Indicators that some programme reports for two or more periods, in file order (at most ``MAX_INDICATORS``)."""
    periods = _dated(frame).groupby(["indicator", "programme"], sort=False)["period_end"].nunique()
    return list(dict.fromkeys(indicator for indicator, _ in periods[periods > 1].index))[:MAX_INDICATORS]


def series_figure(frame: pd.DataFrame, lang: Lang = "en", colours: dict[str, str] | None = None) -> FrozenFigure:
    """One row per indicator: each programme's figures over time, by the end of each period, in its region's colour."""
    indicators = series(frame)
    if not indicators:
        return FrozenFigure()
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(frame["region"].unique())}
    zh = lang == "zh"
    dated = _dated(frame)
    titles = []
    for indicator in indicators:
        first = dated[dated["indicator"] == indicator].iloc[0]
        titles.append(_escape(f"{first['metric_zh' if zh else 'metric']} · {first['unit_zh' if zh else 'unit_en']}"))
    spacing = min(0.12, 0.6 / max(len(indicators) - 1, 1))
    figure = FrozenFigure(make_subplots(rows=len(indicators), cols=1, subplot_titles=titles, vertical_spacing=spacing))
    for row, indicator in enumerate(indicators, start=1):
        rows = dated[dated["indicator"] == indicator]
        lines = rows.groupby("programme", sort=False)["period_end"].nunique()
        for programme in lines[lines > 1].sort_values(ascending=False, kind="stable").index[:MAX_SERIES]:
            part = rows[rows["programme"] == programme].sort_values(["period_end", "period_start"], kind="stable")
            label = (
                region_labels(part.head(1), lang)[0] + " · " + part["programme_zh" if zh else "programme_en"].iloc[0]
            )
            figure.add_trace(
                go.Scatter(
                    x=part["period_end"].tolist(),
                    y=part["value_low"].tolist(),
                    mode="lines+markers+text",
                    name=_escape(label),
                    text=[
                        format_fact(v, lo, hi, q, u, lang)
                        for v, lo, hi, q, u in zip(
                            part["value"],
                            part["value_low"],
                            part["value_high"],
                            part["qualifier"],
                            part["unit_zh" if zh else "unit_en"],
                            strict=True,
                        )
                    ],
                    textposition="top center",
                    line={"color": colours.get(part["region"].iloc[0], PALETTE[0])},
                    customdata=_hover(part, lang),
                    hovertemplate=_hovertemplate(lang),
                    meta={"region": part["region"].iloc[0], "programme": programme},
                ),
                row=row,
                col=1,
            )
    figure.update_layout(height=260 * len(indicators) + 80, margin={"l": 10, "r": 40, "t": 60, "b": 20})
    return figure
