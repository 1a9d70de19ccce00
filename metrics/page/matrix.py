"""Facts frame -> what each region does: a matrix of regions × intervention types.

A column per region and a band per intervention type (the LMP categories and their
additions). A cell holds a square in the region's colour, the number of its programmes of
that type, and the reach (headline participants figure) of the largest of them;
hovering or clicking a square names every programme with its reach. Cell text is
wrapped to a column's width on a 360 px screen, and every band's title sits above it
at the left, so nothing runs past the chart. No streamlit here.
"""

from __future__ import annotations

import pandas as pd

from metrics.page.build import shared_in_build
from metrics.page.charts import FONT, Draft, FrozenFigure, _escape
from metrics.page.dots import WRAP_CHARS, wrap
from metrics.page.labels import PALETTE, Lang, text
from metrics.page.periods import dated
from metrics.page.reach import reach_rows
from metrics.page.views import figures

NARROW_PX = 320
"""The plot's width on a 360 px screen: cells are wrapped to fit it."""
CELL_FONT_PX, LINE_PX, BAND_TITLE_PX, MARKER_PX, GAP_PX, HEAD_PX = 11, 14, 30, 26, 14, 26
MAX_LISTED = 6
"""Programmes a square's hover names; more, and it says how many more and where they all are (plotly shows no
hover label taller than the chart: at 10 lines a one-band matrix lost it)."""
HOVER_LINE_PX = 18
HOVER = "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}<extra></extra>"
COLUMNS = 4
"""Regions side by side in one block; a fifth starts a block below, so a column stays readable at 360 px."""


def _chars(columns: int, lang: Lang) -> int:
    """Characters per line in a cell, so a column of a 360 px screen holds it (a Chinese one is twice as wide)."""
    per_column = NARROW_PX / max(columns, 1)
    return max(6, int(per_column / (CELL_FONT_PX * (1.0 if lang == "zh" else 0.56))))


@shared_in_build
def cells(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per (region, intervention) present: its programmes' names and reach, in programme order."""
    zh = lang == "zh"
    programmes = frame.drop_duplicates("programme")
    reach = reach_rows(frame)
    reach_text = dict(zip(reach["programme"], dated(figures(reach, lang, with_unit=True), reach, lang), strict=True))
    # Grouped in plain Python, in order of first appearance (as ``groupby(sort=False)``): a row of a frame of
    # some fifty columns costs more to take apart than the whole grouping.
    columns = ["region", "intervention", "programme", "programme_zh" if zh else "programme_en"]
    columns += ["region_zh" if zh else "region_en", "province_code", "intervention_zh" if zh else "intervention_en"]
    columns += ["intervention_order"]
    rows: dict[tuple[str, str], dict] = {}
    for region, intervention, ident, name, region_name, code, kind, order in zip(
        *(programmes[c].tolist() for c in columns), strict=True
    ):
        cell = rows.get((region, intervention))
        if cell is None:
            cell = rows[(region, intervention)] = {
                "region": region,
                "region_name": region_name,
                "province_code": code,
                "intervention": intervention,
                "intervention_name": kind,
                "intervention_order": order,
                "programmes": [],
            }
        cell["programmes"].append((name, reach_text.get(ident, "")))
    return pd.DataFrame(list(rows.values()))


def _cell_text(programmes: list[tuple[str, str]], chars: int, lang: Lang) -> str:
    """The cell's programme count and its largest reach: short enough for a column of a 360 px screen."""
    count = text("programme_count", lang).format(n=len(programmes))
    reaches = [r for _, r in programmes if r]
    lines = [wrap(count, chars)]
    if reaches:
        lines.append("<b>" + wrap(reaches[0], chars) + "</b>")
        if len(reaches) > 1:
            lines.append(_escape(text("more_named", lang).format(n=len(reaches) - 1)))
    return "<br>".join(lines)


def _listed(programmes: list[tuple[str, str]], lang: Lang) -> str:
    """A square's hover: its first ``MAX_LISTED`` programmes with their reach, then how many more and where."""
    width = 2 * WRAP_CHARS[lang]
    lines = [wrap(f"{n}: {r}" if r else n, width) for n, r in programmes[:MAX_LISTED]]
    if len(programmes) > MAX_LISTED:
        lines.append(_escape(text("more_in_table", lang).format(n=len(programmes) - MAX_LISTED)))
    return "<br>".join(lines)


def _rule(top: float) -> dict:
    line = {"color": "#d0d0d0", "width": 1}
    return {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": top, "y1": top, "line": line}


def _note(text: str, x: float, y: float, *, paper: bool = False, size: int | None = None) -> dict:
    """A text hanging below ``y``: left-aligned across the chart (``paper``), or centred on column ``x``."""
    note = {
        "text": text,
        "x": x,
        "xref": "paper" if paper else "x",
        "xanchor": "left" if paper else "center",
        "y": y,
        "yref": "y",
        "yanchor": "top",
        "showarrow": False,
        "align": "left" if paper else "center",
    }
    if size:
        note["font"] = {"size": size, "color": "#111111"}
    return note


def matrix_figure(frame: pd.DataFrame, lang: Lang = "en", colours: dict[str, str] | None = None) -> FrozenFigure | None:
    """Regions across (at most ``COLUMNS`` a block; more regions stack further blocks), intervention types down.

    None when ``frame`` is empty.
    """
    table = cells(frame, lang)
    if table.empty:
        return None
    regions = table.drop_duplicates("region").sort_values("province_code", kind="stable")
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(regions["region"])}
    names = dict(zip(regions["region"], regions["region_name"], strict=True))
    width = min(COLUMNS, len(regions))
    chars = _chars(width, lang)
    texts = {
        (r, i): _cell_text(p, chars, lang)
        for r, i, p in zip(table["region"], table["intervention"], table["programmes"], strict=True)
    }
    figure = Draft()
    annotations, shapes = [], []
    top = 0.0
    order = list(regions["region"])
    for first in range(0, len(order), COLUMNS):
        block = order[first : first + COLUMNS]
        column = {r: i for i, r in enumerate(block)}
        heads = [wrap(names[r], chars) for r in block]
        for region, head in zip(block, heads, strict=True):
            annotations.append(_note(f"<b>{head}</b>", column[region], top))
        top += HEAD_PX + LINE_PX * max(h.count("<br>") for h in heads)
        here_all = table[table["region"].isin(block)].sort_values("intervention_order", kind="stable")
        for intervention, here in here_all.groupby("intervention", sort=False):
            name = here["intervention_name"].iloc[0]
            lines = max(texts[(r, intervention)].count("<br>") + 1 for r in here["region"])
            shapes.append(_rule(top))
            title = wrap(name, chars * width)
            annotations.append(_note(f"<b>{title}</b>", 0, top + 6, paper=True))
            marker_y = top + BAND_TITLE_PX + MARKER_PX / 2
            for region, programmes in zip(here["region"], here["programmes"], strict=True):
                colour = colours.get(region, PALETTE[0])
                listed = _listed(programmes, lang)
                figure.add_trace(
                    {
                        "type": "scatter",
                        "x": [column[region]],
                        "y": [marker_y],
                        "mode": "markers",
                        "marker": {
                            "symbol": "square",
                            "size": 22,
                            "color": colour,
                            "line": {"color": "#111111", "width": 1},
                        },
                        "showlegend": False,
                        "hovertemplate": HOVER,
                        "customdata": [[_escape(names[region]), _escape(name), listed]],
                        "meta": {"region": region, "intervention": intervention},
                    }
                )
                below = marker_y + MARKER_PX / 2 + 2
                annotations.append(_note(texts[(region, intervention)], column[region], below, size=CELL_FONT_PX))
            top += BAND_TITLE_PX + MARKER_PX + LINE_PX * lines + GAP_PX
        top += GAP_PX
    figure.update_xaxes(range=[-0.5, width - 0.5], visible=False, fixedrange=True)
    figure.update_yaxes(range=[top, 0], visible=False, fixedrange=True)
    figure.update_layout(
        height=max(int(top) + 16, HOVER_LINE_PX * (MAX_LISTED + 4)),  # room for the tallest hover label
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        annotations=annotations,
        shapes=shapes,
        font=FONT,
        hoverlabel={"align": "left"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        dragmode=False,
        clickmode="event+select",
        showlegend=False,
    )
    return figure.figure()


def matrix_alt(frame: pd.DataFrame, lang: Lang) -> str:
    """The matrix as text: per intervention type, each region's programmes and their reach."""
    table = cells(frame, lang)
    if table.empty:
        return ""
    parts = []
    for _, band in table.sort_values(["intervention_order", "province_code"], kind="stable").groupby(
        "intervention", sort=False
    ):
        entries = "; ".join(
            f"{region}: " + ", ".join(f"{n} ({r})" if r else n for n, r in programmes)
            for region, programmes in zip(band["region_name"], band["programmes"], strict=True)
        )
        parts.append(f"{band['intervention_name'].iloc[0]}. {entries}.")
    return " ".join(parts)
