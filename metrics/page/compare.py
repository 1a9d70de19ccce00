"""Facts frame -> the comparison of regions: one row per indicator that several regions report.

Figures share a row only when they measure the same thing (one ``indicator`` id),
never merely the same unit. Each figure is a dot, so a log axis never turns an
arbitrary baseline into a bar's length; a range is a line between its ends.
Colour is the region, the marker's shape and the label say the qualifier, and
every label sits above its dot at the left edge, so nothing runs past the chart
however narrow the screen. Figures without a counterpart form each region's
programme profile instead. No streamlit here.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metrics.page.charts import FONT, FrozenFigure, _escape, _hover, _hovertemplate
from metrics.page.labels import PALETTE, QUALIFIER_NAMES, Lang, format_number, text
from metrics.page.views import figures, region_labels

MAX_DOTS = 12
"""Per row; a larger group shows its largest figures, so 100k facts stay readable."""
LOG_RATIO = 100
"""A row whose largest figure is this many times its smallest gets a log axis (dots only)."""
DOT_PX, LINE_PX, TITLE_PX, AXIS_PX = 26, 17, 34, 36
WRAP_CHARS: dict[Lang, int] = {"en": 30, "zh": 15}
"""Labels and titles wrap at about this many characters (a Chinese one is twice as wide), so they fit 360 px."""

SYMBOLS: dict[str, str] = {
    "exact": "circle",
    "at_least": "triangle-right",
    "at_most": "triangle-left",
    "approximate": "diamond",
    "projected": "circle-dot",
    "target": "star",
    "range": "line-ns",
}
"""Marker per qualifier, so a qualifier never rests on colour alone; ``text('symbols')`` is their key."""


def comparable(frame: pd.DataFrame) -> list[str]:
    """Indicators reported by two or more of the regions in ``frame``, in category then file order."""
    marked = frame[frame["indicator"] != ""]
    regions = marked.groupby("indicator", sort=False)["region"].nunique()
    shared = regions[regions > 1].index
    order = marked.drop_duplicates("indicator").set_index("indicator")["category_order"]
    return sorted(shared, key=lambda i: (order[i], list(order.index).index(i)))


def profile(frame: pd.DataFrame, shared: list[str] | None = None) -> pd.DataFrame:
    """The figures with no counterpart in another region of ``frame``: each region's programme profile.

    ``shared`` is ``comparable(frame)``, where the caller has it already.
    """
    shared = comparable(frame) if shared is None else shared
    return frame[~frame["indicator"].isin(shared)] if shared else frame


def _rows(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The row's largest figures, by region: found on two columns, so a 100k-fact frame is never copied whole."""
    values = frame["value_low"][frame["indicator"] == indicator]
    top = frame.loc[values.nlargest(MAX_DOTS, keep="first").index]
    return top.sort_values(["province_code", "value_low"], ascending=[True, False], kind="stable")


def _wrap(title: str, width: int) -> str:
    """Break a title at spaces (or anywhere, in Chinese) into lines of about ``width`` characters."""
    lines, line = [], ""
    for word in title.split(" ") if " " in title else list(title):
        joined = f"{line} {word}".strip() if " " in title else line + word
        if len(joined) > width and line:
            lines.append(line)
            line = word
        else:
            line = joined
    return "<br>".join([*lines, line])


def nice_ticks(low: float, high: float, log: bool) -> list[float]:
    """Three to six round tick values covering [low, high]."""
    if log:
        start, stop = math.floor(math.log10(max(low, 1e-9))), math.ceil(math.log10(max(high, 1e-9)))
        step = max(1, math.ceil((stop - start) / 4))
        return [10.0**e for e in range(start, stop + 1, step)]
    span = max(high, 1e-9)
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(0, int(high // step) + 2) if i * step <= high + step * 0.999]


def row_table(frame: pd.DataFrame, indicator: str, lang: Lang) -> pd.DataFrame:
    """A chart row as a table: each region's figure with its qualifier, in the order drawn."""
    rows = _rows(frame, indicator)
    zh = lang == "zh"
    headers = ("地区", "数值", "限定", "时间") if zh else ("Region", "Figure", "Qualifier", "As of")
    return pd.DataFrame(
        {
            headers[0]: region_labels(rows, lang),
            headers[1]: figures(rows, lang),
            headers[2]: [QUALIFIER_NAMES[q][lang] for q in rows["qualifier"]],
            headers[3]: rows["as_of"].tolist(),
        }
    )


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
    if not indicators:
        return None
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(frame["region"].unique())}
    chosen = [_rows(frame, i) for i in indicators]
    zh = lang == "zh"
    width = WRAP_CHARS[lang]
    labels_by_row = [
        [
            _escape(_wrap(name, width)) + "<br>" + _escape(_wrap(figure, width))
            for name, figure in zip(region_labels(rows, lang), figures(rows, lang), strict=True)
        ]
        for rows in chosen
    ]
    lines = [max(label.count("<br>") + 1 for label in labels) for labels in labels_by_row]
    pitch = [DOT_PX + LINE_PX * n for n in lines]
    titles = [_wrap(row_title(frame, i, lang), width + 8) for i in indicators]
    heights = [
        TITLE_PX + LINE_PX * t.count("<br>") + p * len(rows) + AXIS_PX
        for t, p, rows in zip(titles, pitch, chosen, strict=True)
    ]
    total = sum(heights) + 60
    figure = FrozenFigure(
        make_subplots(rows=len(chosen), cols=1, row_heights=heights, vertical_spacing=min(0.3 / len(chosen), 0.08))
    )
    annotations = []
    for row, (indicator, rows) in enumerate(zip(indicators, chosen, strict=True), start=1):
        highs = rows["value_high"].fillna(rows["value_low"])
        positive = rows["value_low"][rows["value_low"] > 0]
        log = len(positive) == len(rows) and highs.max() / positive.min() >= LOG_RATIO
        ids = rows["id"].tolist()
        labels = labels_by_row[row - 1]
        for (_, fact), label in zip(rows.iterrows(), labels, strict=True):
            ranged = fact["qualifier"] == "range"
            xs = [fact["value_low"], fact["value_high"]] if ranged else [fact["value_low"]]
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=[fact["id"]] * len(xs),
                    mode="lines+markers" if ranged else "markers",
                    marker={
                        "symbol": SYMBOLS[fact["qualifier"]],
                        "size": 15,
                        "color": colours.get(fact["region"], PALETTE[0]),
                        "line": {"color": "#111111", "width": 1.5},
                    },
                    line={"color": colours.get(fact["region"], PALETTE[0]), "width": 4},
                    showlegend=False,
                    cliponaxis=False,
                    customdata=_hover(rows.loc[[fact.name] * len(xs)], lang),
                    hovertemplate=_hovertemplate(lang),
                    meta={"region": fact["region"], "indicator": indicator},
                ),
                row=row,
                col=1,
            )
            annotations.append(
                {
                    "text": label,
                    "xref": f"x{row if row > 1 else ''} domain",
                    "yref": f"y{row if row > 1 else ''}",
                    "x": 0,
                    "y": fact["id"],
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "yshift": 9,
                    "showarrow": False,
                    "align": "left",
                }
            )
        annotations.append(
            {
                "text": f"<b>{_escape(titles[row - 1]).replace('&lt;br&gt;', '<br>')}</b>",
                "xref": f"x{row if row > 1 else ''} domain",
                "yref": f"y{row if row > 1 else ''} domain",
                "x": 0,
                "y": 1,
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 18,
                "showarrow": False,
                "align": "left",
            }
        )
        low = float(rows["value_low"].min())
        high = float(highs.max())
        ticks = nice_ticks(low if log else 0.0, high, log)
        span = [math.log10(ticks[0]), math.log10(max(ticks[-1], high))] if log else [0, max(ticks[-1], high)]
        pad = (span[1] - span[0]) * 0.04
        figure.update_xaxes(
            type="log" if log else "linear",
            range=[span[0] - pad, span[1] + pad],
            tickvals=ticks,
            ticktext=[format_number(t, lang) for t in ticks],
            showgrid=True,
            gridcolor="#d0d0d0",
            tickfont={"color": "#111111"},
            zeroline=False,
            fixedrange=True,
            row=row,
            col=1,
        )
        figure.update_yaxes(
            categoryorder="array",
            categoryarray=ids[::-1],
            showticklabels=False,
            showgrid=False,
            fixedrange=True,
            range=[-0.6, len(ids) - 0.1],
            row=row,
            col=1,
        )
    regions = list(dict.fromkeys(r for rows in chosen for r in rows.sort_values("province_code")["region"]))
    column = "region_zh" if zh else "region_en"
    names = {r: n for rows in chosen for r, n in zip(rows["region"], rows[column], strict=True)}
    for region in regions:  # the legend: plain region colours, one entry each
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=_escape(names[region]),
                marker={
                    "symbol": "square",
                    "size": 14,
                    "color": colours.get(region, PALETTE[0]),
                    "line": {"color": "#111111", "width": 1.5},
                },
                showlegend=True,
                hoverinfo="skip",
            )
        )
    figure.update_layout(
        height=total,
        margin={"l": 12, "r": 12, "t": 60, "b": 24},
        legend={
            "orientation": "h",
            "y": 1 + 30 / total,
            "yanchor": "bottom",
            "x": 0,
            "title": {"text": text("regions", lang), "font": {"color": "#111111"}},
            "font": {"color": "#111111"},
        },
        annotations=annotations,
        font=FONT,
        hoverlabel={"align": "left"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    return figure
