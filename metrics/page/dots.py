"""Rows of labelled dots on one axis per panel: the drawing shared by the reach chart and the like-with-like rows.

Each figure is a dot, so a log axis never turns an arbitrary baseline into a bar's
length. A range printed with both ends (3至5万) is a solid line between them; an order
of magnitude (数万) is a faint dotted line across its decade with open ends, so it
cannot be read as measured bounds. Colour is the region, the marker's shape and the
label say the qualifier, and every label sits above its dot at the left edge, so
nothing runs past the chart however narrow the screen. No streamlit here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from metrics.page.charts import FONT, Draft, FrozenFigure, _escape, _hover, _hovertemplate
from metrics.page.labels import PALETTE, Lang, format_number, text

LOG_RATIO = 100
"""A panel whose largest figure is this many times its smallest gets a log axis (dots only)."""
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


@dataclass(frozen=True)
class Panel:
    """One axis of dots: a title and the rows it draws, in order, with a label per row."""

    title: str
    rows: pd.DataFrame
    labels: list[str]
    """Plain text per row (region, what it counts, the figure); escaped and wrapped when drawn."""
    low: pd.Series | None = None
    """Where each dot sits, when not at ``value_low`` (per-resident figures)."""
    high: pd.Series | None = None
    extra: dict[str, str] = field(default_factory=dict)


def wrap_lines(title: str, width: int) -> list[str]:
    """A title's lines of about ``width`` characters: broken at spaces (or anywhere, in Chinese), and a word
    longer than a line (a web address) in pieces, so no line runs past its chart."""
    lines, line = [], ""
    spaced = " " in title
    words = title.split(" ") if spaced else list(title)
    for word in (piece for w in words for piece in ([w[i : i + width] for i in range(0, len(w), width)] or [w])):
        joined = f"{line} {word}".strip() if spaced else line + word
        if len(joined) > width and line:
            lines.append(line)
            line = word
        else:
            line = joined
    return [*lines, line]


def wrap(title: str, width: int) -> str:
    """A title wrapped for plotly: its lines (``wrap_lines``), each escaped, joined by line breaks.

    Text is escaped after it is wrapped, so a break never falls inside an entity, and a ``<br>`` written in the
    data stays text.
    """
    return "<br>".join(_escape(line) for line in wrap_lines(title, width))


def wrapped(label: str, lang: Lang) -> str:
    """A label's lines (``\\n`` between them in ``label``), each wrapped and escaped for plotly."""
    width = WRAP_CHARS[lang]
    return "<br>".join(wrap(part, width) for part in label.split("\n"))


def nice_ticks(low: float, high: float, log: bool) -> list[float]:
    """Three to six round tick values covering [low, high]."""
    if log:
        start, stop = math.floor(math.log10(max(low, 1e-9))), math.ceil(math.log10(max(high, 1e-9)))
        step = max(1, math.ceil((stop - start) / 5))
        return [10.0**e for e in range(start, stop + 1, step)]
    span = max(high, 1e-9)
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(0, int(high // step) + 2) if i * step <= high + step * 0.999]


def is_magnitude(rows: pd.DataFrame) -> pd.Series:
    """Rows printed as an order of magnitude (数万): a range with no numeral."""
    return (rows["qualifier"] == "range") & rows["printed_value"].isna()


def _ref(axis: str, row: int) -> str:
    return f"{axis}{row if row > 1 else ''}"


def dot_figure(panels: list[Panel], lang: Lang, colours: dict[str, str] | None = None) -> FrozenFigure | None:
    """One panel per entry of ``panels``, each on its own axis; None when there is nothing to draw."""
    panels = [p for p in panels if len(p.rows)]
    if not panels:
        return None
    every = pd.concat([p.rows[["region"]] for p in panels])
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(every["region"].unique())}
    labels_by_panel = [[wrapped(label, lang) for label in p.labels] for p in panels]
    pitch = [DOT_PX + LINE_PX * max(label.count("<br>") + 1 for label in labels) for labels in labels_by_panel]
    titles = [wrap(p.title, WRAP_CHARS[lang] + 8) for p in panels]
    heights = [
        TITLE_PX + LINE_PX * t.count("<br>") + h * len(p.rows) + AXIS_PX
        for t, h, p in zip(titles, pitch, panels, strict=True)
    ]
    total = sum(heights) + 90
    # Between panels: the upper one's tick labels, then the lower one's title, in pixels of the whole figure.
    gap = max((AXIS_PX + TITLE_PX + LINE_PX * t.count("<br>") for t in titles[1:]), default=0)
    total += gap * (len(panels) - 1)
    top = 90 + LINE_PX * titles[0].count("<br>")  # the legend, then the first title on as many lines as it takes
    total += top - 90
    figure = Draft(len(panels), row_heights=heights, vertical_spacing=gap / total)
    annotations = []
    template = _hovertemplate(lang)
    for row, panel in enumerate(panels, start=1):
        rows = panel.rows
        lows = rows["value_low"] if panel.low is None else panel.low
        highs_raw = rows["value_high"] if panel.high is None else panel.high
        decade = is_magnitude(rows)
        highs = highs_raw.where(~decade, lows * 10).fillna(lows)  # an order of magnitude spans its decade
        positive = lows[lows > 0]
        log = len(positive) == len(rows) and highs.max() / positive.min() >= LOG_RATIO
        ids = rows["id"].tolist()
        hovers = _hover(rows, lang)  # once per panel: a dot's own pandas look-ups cost more than its trace
        facts = zip(rows.index, rows["region"], rows["qualifier"], ids, hovers, strict=True)
        for (index, region, qualifier, fact_id, hover), label in zip(facts, labels_by_panel[row - 1], strict=True):
            low, high = float(lows[index]), float(highs[index])
            colour = colours.get(region, PALETTE[0])
            trace: dict
            if decade[index]:
                trace = {
                    "type": "scatter",
                    "x": [low, high],
                    "mode": "lines+markers",
                    "marker": {"symbol": "line-ns-open", "size": 12, "color": colour, "line": {"width": 2}},
                    "line": {"color": colour, "width": 3, "dash": "dot"},
                    "opacity": 0.75,
                }
            elif qualifier == "range":
                trace = {
                    "type": "scatter",
                    "x": [low, high],
                    "mode": "lines+markers",
                    "marker": {"symbol": "line-ns", "size": 15, "color": colour, "line": {"color": colour, "width": 3}},
                    "line": {"color": colour, "width": 4},
                }
            else:
                trace = {
                    "type": "scatter",
                    "x": [low],
                    "mode": "markers",
                    "marker": {
                        "symbol": SYMBOLS[qualifier],
                        "size": 15,
                        "color": colour,
                        "line": {"color": "#111111", "width": 1.5},
                    },
                }
            points = len(trace["x"])
            trace |= {
                "y": [fact_id] * points,
                "showlegend": False,
                "cliponaxis": False,
                "customdata": [[*hover, fact_id] for _ in range(points)],
                "hovertemplate": template,
                "meta": {"region": region, "fact": fact_id, **panel.extra},
            }
            figure.add_trace(trace, row)
            annotations.append(
                {
                    "text": label,
                    "xref": f"{_ref('x', row)} domain",
                    "yref": _ref("y", row),
                    "x": 0,
                    "y": fact_id,
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "yshift": 9,
                    "showarrow": False,
                    "align": "left",
                }
            )
        annotations.append(
            {
                "text": f"<b>{titles[row - 1]}</b>",
                "xref": f"{_ref('x', row)} domain",
                "yref": f"{_ref('y', row)} domain",
                "x": 0,
                "y": 1,
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 18,
                "showarrow": False,
                "align": "left",
            }
        )
        low_all, high_all = float(lows.min()), float(highs.max())
        ticks = nice_ticks(low_all if log else 0.0, high_all, log)
        span = [math.log10(ticks[0]), math.log10(max(ticks[-1], high_all))] if log else [0, max(ticks[-1], high_all)]
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
        )
        figure.update_yaxes(
            categoryorder="array",
            categoryarray=ids[::-1],
            showticklabels=False,
            showgrid=False,
            fixedrange=True,
            range=[-0.6, len(ids) - 0.1],
            row=row,
        )
    _legend(figure, [p.rows for p in panels], lang, colours)
    figure.update_layout(
        height=total,
        margin={"l": 12, "r": 12, "t": top, "b": 24},
        legend={
            "orientation": "h",
            "y": 1 + (top - 45) / total,
            "yanchor": "bottom",
            "x": 0,
            "title": {"text": text("regions", lang), "font": {"color": "#111111"}},
            "font": {"color": "#111111"},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        annotations=annotations,
        font=FONT,
        hoverlabel={"align": "left"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        clickmode="event+select",
        dragmode=False,
    )
    return figure.figure()


def _legend(figure: Draft, frames: list[pd.DataFrame], lang: Lang, colours: dict[str, str]) -> None:
    """Plain region colours, one entry each, in GB/T 2260 order."""
    column = "region_zh" if lang == "zh" else "region_en"
    every = pd.concat([f[["region", column, "province_code"]] for f in frames]).drop_duplicates("region")
    every = every.sort_values("province_code", kind="stable")
    for region, name in zip(every["region"], every[column], strict=True):
        figure.add_trace(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": _escape(str(name)),
                "marker": {
                    "symbol": "square",
                    "size": 14,
                    "color": colours.get(region, PALETTE[0]),
                    "line": {"color": "#111111", "width": 1.5},
                },
                "showlegend": True,
                "hoverinfo": "skip",
            }
        )
