"""Facts frame -> did each region do what it planned: an indicator's results by region and period, each beside
the target of its year and the share of the target reached as printed (no streamlit here).

A period is what the data says it is: a whole year (``2021``), or part of one (``2021-01/2021-11``, a first
quarter). A part of a year is a period of its own, labelled as printed (2021 Jan–Nov, 2023年一季度), drawn
apart from the whole year and never added to anything. Targets are facts with qualifier ``target``; a target
pairs with the results of its own period, and a year's target with every result of that year. The share of
the target reached is a fact of the indicator ``<indicator>-target-share`` for the same area and period.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.catalogue.periods import bounds
from metrics.page.build import shared_in_build
from metrics.page.charts import FONT, Draft, FrozenFigure, _escape, _hover, _hovertemplate
from metrics.page.dots import WRAP_CHARS, wrap
from metrics.page.labels import PALETTE
from metrics.page.periods import is_full_year, period_label
from metrics.page.views import figures, region_labels
from metrics.page.words import Lang, text

FIRST = "new-urban-jobs"
"""The indicator the section leads with, where the data has it."""
SHARE_SUFFIX = "-target-share"
"""An indicator ``X-target-share`` is the share of X's target reached."""
MAX_INDICATORS = 4
"""Charts in the section; the table holds the rest."""
MAX_AREAS = 12
"""Areas per chart, in GB/T 2260 order; the table holds the rest."""


def _share_text(printed: str, lang: Lang) -> str:
    """The share of the target reached, as the report printed it: '126.2% of target' / '完成目标126.2%'."""
    return text("of_target", lang).format(share=printed)


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: a result or a target of one area, indicator and period."""

    row: int
    """Index of the fact in the frame."""
    area: str
    """GB/T 2260 code of the area."""
    period: str
    """``as_of`` as written in the data."""
    target: bool
    share: int | None = None
    """Index of the fact giving the share of the target reached, for a result that has one."""
    target_of_year: int | None = None
    """Index of the target this result is measured against, where the data has one."""


@shared_in_build
def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["indicator"] != "") & (frame["as_of"] != "")]


def indicators(frame: pd.DataFrame) -> list[str]:
    """Indicators with both results and targets among the rows, new urban jobs first, then in file order."""
    dated = _dated(frame)
    dated = dated[~dated["indicator"].str.endswith(SHARE_SUFFIX)]
    targets = set(dated["indicator"][dated["qualifier"] == "target"])
    results = set(dated["indicator"][dated["qualifier"] != "target"])
    both = [i for i in dict.fromkeys(dated["indicator"]) if i in targets and i in results]
    return sorted(both, key=lambda i: i != FIRST)[:MAX_INDICATORS]


def _year(as_of: str) -> int:
    return bounds(as_of)[1].year


@shared_in_build
def bars(frame: pd.DataFrame, indicator: str) -> list[Bar]:
    """Each area's results and targets of ``indicator``, one bar per area, period and kind, ordered by area then
    period (a part of a year before its whole year). Where two reports print a figure for the same area and
    period, the first in the file is drawn; the table lists both."""
    dated = _dated(frame)
    columns = ("indicator", "qualifier", "region_code", "as_of", "province_code")
    rows = list(zip(dated.index, *(dated[c].tolist() for c in columns), strict=True))  # plain: a few dozen rows
    share = indicator + SHARE_SUFFIX
    share_at: dict[tuple[str, str], int] = {}
    own: dict[tuple[str, str, bool], int] = {}  # the first of each area, period and kind, in file order
    order: dict[str, str] = {}
    for index, ind, qualifier, area, period, province in rows:
        if ind == share:
            share_at.setdefault((area, period), index)
        elif ind == indicator:
            own.setdefault((area, period, qualifier == "target"), index)
            order[area] = province
    target_at = {(area, period): index for (area, period, target), index in own.items() if target}
    result: list[Bar] = []
    for (area, period, target), index in own.items():
        if target:
            result.append(Bar(index, area, period, True))
            continue
        paired = target_at.get((area, period), target_at.get((area, str(_year(period)))))
        result.append(Bar(index, area, period, False, share_at.get((area, period)), paired))

    def key(bar: Bar) -> tuple:
        start, end = bounds(bar.period)
        return (order[bar.area], bar.area, end, -start.toordinal(), bar.target)

    return sorted(result, key=key)


def _areas(frame: pd.DataFrame, found: list[Bar]) -> list[str]:
    return list(dict.fromkeys(b.area for b in found))[:MAX_AREAS]


@dataclass(frozen=True)
class _Texts:
    """What the chart and its text say of each fact a bar draws or refers to, by row: computed on one subset of
    the frame (each is a row's own, so it is what the row alone gives)."""

    area: dict[int, str]
    figure: dict[int, str]
    """With its unit."""
    short: dict[int, str]
    """Without its unit."""
    printed: dict[int, str]


@shared_in_build
def _texts(frame: pd.DataFrame, indicator: str, lang: Lang) -> _Texts:
    found = bars(frame, indicator)
    index = list(dict.fromkeys(i for b in found for i in (b.row, b.share, b.target_of_year) if i is not None))
    rows = frame.loc[index]
    return _Texts(
        dict(zip(index, region_labels(rows, lang), strict=True)),
        dict(zip(index, figures(rows, lang), strict=True)),
        dict(zip(index, figures(rows, lang, with_unit=False), strict=True)),
        dict(zip(index, rows["printed"], strict=True)),
    )


def title(frame: pd.DataFrame, indicator: str, lang: Lang) -> str:
    """The indicator's name from the vocabulary and its unit: 'New urban jobs (persons)' / '城镇新增就业（人）'."""
    first = frame.loc[frame["indicator"].eq(indicator).idxmax()]
    zh = lang == "zh"
    name = first["indicator_zh" if zh else "indicator_en"] or first["metric_zh" if zh else "metric"]
    unit = first["unit_zh" if zh else "unit_en"]
    return f"{name}（{unit}）" if zh else f"{name} ({unit})"


def _bar_text(texts: _Texts, bar: Bar, lang: Lang) -> str:
    """What a bar says beside it: its figure (a target's marked so), and the share of the target as printed."""
    figure = texts.short[bar.row]  # a target's says so: 110万（目标）
    if bar.share is not None:
        return f"{figure}\n{_share_text(texts.printed[bar.share], lang)}"  # two short lines fit a phone
    return figure


def figure(
    frame: pd.DataFrame, indicator: str, lang: Lang = "en", colours: dict[str, str] | None = None
) -> FrozenFigure:
    """One row of horizontal bars per area: results (solid for a whole year, hatched for part of one) and
    targets (outlined), each labelled by its period, with one shared value axis."""
    found = bars(frame, indicator)
    areas = _areas(frame, found)
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(frame["region"].unique())}
    per_area = {a: [b for b in found if b.area == a] for a in areas}
    periods = {a: list(dict.fromkeys(b.period for b in per_area[a])) for a in areas}
    texts = _texts(frame, indicator, lang)
    names = [_escape(texts.area[per_area[a][0].row]) for a in areas]
    weights = [max(len(periods[a]), 1) + 1 for a in areas]
    spacing = min(0.08, 0.5 / max(len(areas) - 1, 1))
    plot = Draft(
        len(areas),
        shared_xaxes=True,
        subplot_titles=names,
        row_heights=[w / sum(weights) for w in weights],
        vertical_spacing=spacing,
    )
    high = max((float(frame.at[b.row, "value_low"]) for b in found if b.area in per_area), default=1.0)
    for number, area in enumerate(areas, start=1):
        region = frame.at[per_area[area][0].row, "region"]
        colour = colours.get(region, PALETTE[0])
        labels = {p: period_label(p, lang) for p in periods[area]}
        for target in (False, True):
            own = [b for b in per_area[area] if b.target == target]
            if not own:
                continue
            rows = frame.loc[[b.row for b in own]]
            partial = [not is_full_year(b.period) for b in own]
            marker: dict = {"color": "#ffffff" if target else colour, "line": {"color": colour, "width": 2}}
            if not target:
                marker["pattern"] = {
                    "shape": ["/" if p else "" for p in partial],
                    "fgcolor": "#ffffff",
                    "fillmode": "overlay",
                    "solidity": 0.3,
                }
            plot.add_trace(
                {
                    "type": "bar",
                    "y": [labels[b.period] for b in own],
                    "x": rows["value_low"].tolist(),
                    "orientation": "h",
                    "marker": marker,
                    "text": ["<br>".join(map(_escape, _bar_text(texts, b, lang).split("\n"))) for b in own],
                    "textposition": "outside",
                    "cliponaxis": False,
                    "showlegend": False,
                    "customdata": [[*h, i] for h, i in zip(_hover(rows, lang), rows["id"], strict=True)],
                    "hovertemplate": _hovertemplate(lang),
                    "meta": {
                        "region": region,
                        "area": area,
                        "indicator": indicator,
                        "role": "target" if target else "result",
                        "periods": [b.period for b in own],
                        "partial": partial,
                    },
                },
                number,
            )
        ordered = [labels[p] for p in periods[area]]
        plot.update_yaxes(
            type="category",
            categoryorder="array",
            categoryarray=ordered[::-1],
            autorange=True,
            row=number,
            automargin=True,
        )
    plot.update_xaxes(
        range=[0, high * 1.6 if high > 0 else 1], showgrid=True, gridcolor="#e5e5ea", zeroline=False, tickformat=","
    )
    plot.update_xaxes(showticklabels=True, row=len(areas))
    heading = wrap(title(frame, indicator, lang), WRAP_CHARS[lang] + 8)  # a long name fits a phone on two lines
    extra = 20 * heading.count("<br>")
    height = sum(34 * len(per_area[a]) + 56 for a in areas) + 60 + extra
    plot.update_layout(
        barmode="group",
        uniformtext={"mode": "show", "minsize": 12},
        bargap=0.25,
        height=max(height, 200),
        # Room on the right for a long label beside a bar near the end of the axis ("完成目标127.6%"), on a phone too.
        margin={"l": 10, "r": 64, "t": 40 + extra, "b": 30},
        font=FONT,
        title={"text": heading, "font": {"size": 15}, "x": 0, "xanchor": "left"},
    )
    return plot.figure()


def alt(frame: pd.DataFrame, indicator: str, lang: Lang = "en") -> str:
    """The chart as text: per area, each period's result with its target and share, then targets alone."""
    zh = lang == "zh"
    found = bars(frame, indicator)
    texts = _texts(frame, indicator, lang)
    parts = []
    for area in _areas(frame, found):
        own = [b for b in found if b.area == area]
        items = []
        for bar in own:
            label = period_label(bar.period, lang)
            figure_text = texts.figure[bar.row]
            if bar.target:
                paired = any(b.target_of_year == bar.row for b in own)
                if not paired:
                    items.append(f"{label}{'：' if zh else ': '}{figure_text}")
                continue
            item = f"{label}{'：' if zh else ': '}{figure_text}"
            if not is_full_year(bar.period):
                item += f"（{text('part_of_year', lang)}）" if zh else f" ({text('part_of_year', lang)})"
            if bar.target_of_year is not None:
                target_text = texts.figure[bar.target_of_year]
                item += f"，{target_text}" if zh else f", {target_text}"
            if bar.share is not None:
                share = _share_text(texts.printed[bar.share], lang)
                item += f"，{share}" if zh else f", {share}"
            items.append(item)
        name = texts.area[own[0].row]
        parts.append(f"{name}{'：' if zh else ': '}" + ("；" if zh else "; ").join(items) + ("。" if zh else "."))
    return f"{title(frame, indicator, lang)}{'。' if zh else '. '}" + " ".join(parts)
