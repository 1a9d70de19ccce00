"""Names, colours and number formats in both languages the page speaks."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from metrics.catalogue.schema import Source

Lang = Literal["en", "zh"]

# Okabe-Ito first (distinguishable with the common colour-vision deficiencies), then Paul Tol's
# muted scheme. Past these, regions are told apart by the labels, which always name them.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#999933",
    "#882255",
    "#44AA99",
    "#117733",
    "#AA4499",
)


def distinct(labels: dict[str, str], more: dict[str, str] | None = None) -> dict[str, str]:
    """Labels by id, each one different: a label two ids share gains ``more`` (a report's publisher), and then,
    if still shared, the id. A multiselect sends its choices back by label, so two alike would become one."""
    result = dict(labels)
    ids = {i: i for i in labels}
    for extra in (more or {}, *[ids] * (len(labels) + 1)):  # each round makes a shared label longer and unique
        counts = Counter(result.values())
        if len(counts) == len(result):
            break
        result = {i: f"{x} · {extra[i]}" if counts[x] > 1 and extra.get(i) else x for i, x in result.items()}
    return result


@dataclass(frozen=True)
class Names:
    """Names and colours that come from the data: regions, categories, units and sources."""

    regions: tuple[str, ...] = ()
    """Province slugs present, in GB/T 2260 code order."""
    region_names: dict[str, dict[Lang, str]] = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)
    """One colour per province, fixed by its place among all provinces in the data."""
    categories: tuple[str, ...] = ()
    category_names: dict[str, dict[Lang, str]] = field(default_factory=dict)
    interventions: tuple[str, ...] = ()
    """Intervention types present, in the typology's order."""
    intervention_names: dict[str, dict[Lang, str]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    source_names: dict[str, str] = field(default_factory=dict)
    source_names_en: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, frame: pd.DataFrame, sources: list[Source]) -> Names:
        provinces = frame.drop_duplicates("region").sort_values("province_code")
        regions = tuple(provinces["region"])
        categories = frame.drop_duplicates("category").sort_values("category_order")
        kinds = frame.drop_duplicates("intervention").sort_values("intervention_order")
        return cls(
            regions=regions,
            region_names={
                r: {"en": en, "zh": zh}
                for r, en, zh in zip(regions, provinces["region_en"], provinces["region_zh"], strict=True)
            },
            colours={r: PALETTE[i % len(PALETTE)] for i, r in enumerate(regions)},
            categories=tuple(categories["category"]),
            category_names={
                c: {"en": en, "zh": zh}
                for c, en, zh in zip(
                    categories["category"], categories["category_en"], categories["category_zh"], strict=True
                )
            },
            interventions=tuple(kinds["intervention"]),
            intervention_names={
                i: {"en": en, "zh": zh}
                for i, en, zh in zip(
                    kinds["intervention"],
                    distinct(dict(zip(kinds["intervention"], kinds["intervention_en"], strict=True))).values(),
                    distinct(dict(zip(kinds["intervention"], kinds["intervention_zh"], strict=True))).values(),
                    strict=True,
                )
            },
            sources=tuple(s.id for s in sources if s.id in set(frame["source"])),
            source_names=distinct(
                {s.id: f"{s.headline} ({s.published})" for s in sources}, {s.id: s.publisher for s in sources}
            ),
            source_names_en=distinct(
                {s.id: f"{s.headline_en or s.headline} ({s.published})" for s in sources},
                {s.id: s.publisher_en or s.publisher for s in sources},
            ),
        )

    def region(self, slug: str, lang: Lang) -> str:
        return self.region_names[slug][lang]

    def category(self, category: str, lang: Lang) -> str:
        return self.category_names[category][lang]

    def intervention(self, intervention: str, lang: Lang) -> str:
        return self.intervention_names[intervention][lang]

    def source(self, source: str, lang: Lang) -> str:
        """A report by its headline in the reader's language (the Chinese one where it has no English)."""
        return (self.source_names_en if lang == "en" else self.source_names)[source]


TEXT: dict[str, dict[Lang, str]] = {
    "title": {"en": "Regional employment programmes, {years}", "zh": "{years}年地方就业项目"},
    "tab_title": {"en": "Regional employment programmes", "zh": "地方就业项目"},
    "choose": {"en": "Choose", "zh": "请选择"},
    "all_kinds": {"en": "All kinds", "zh": "全部类型"},
    "symbols": {
        "en": "Markers: ● exact, ▶ at least, ◀ at most, ◆ about, ◉ projected, ★ target, a solid line between two "
        "printed ends for a range; a dotted line across a decade for an order of magnitude (数万: somewhere in it).",
        "zh": "标记：● 确数，▶ 不少于，◀ 不超过，◆ 约数，◉ 预计，★ 目标，实线连接原文给出的区间两端；"
        "虚线横跨一个数量级，表示原文只给出量级（如“数万”）。",
    },
    "subtitle": {
        "en": "Figures from {publishers}, {period}. Click a dot to read the clause it was printed in; "
        "the table gives every figure's.",
        "zh": "数据来自{publishers}（{period}）。点击图中圆点可查看数字所在原文；表格列出每个数字的原文。",
    },
    "findings": {"en": "In one line per region", "zh": "各地一句话概要"},
    "matrix": {"en": "What each region does", "zh": "各地做什么"},
    "matrix_help": {
        "en": "Programmes by kind of intervention (Eurostat/OECD labour market policy categories, and two additions): "
        "how many each region runs, and the largest reach among them. Hover over or tap a square to list its "
        "programmes.",
        "zh": "按干预类型（欧盟统计局/经合组织劳动力市场政策分类，另加两类）归类的项目："
        "各地项目个数及其中最大的服务人数。鼠标悬停或轻触方块可列出项目。",
    },
    "reach": {"en": "How many people each programme reaches", "zh": "各项目服务多少人"},
    "reach_help": {
        "en": "One dot per programme: its headline participants figure. Persons and person-times are separate "
        "panels, each with its own axis; a log axis where figures span a hundredfold. Population figures such as "
        "graduates expected are context, not reach, and are not drawn. Hover over a dot for its figure; click it "
        "to see its clause.",
        "zh": "每个点代表一个项目的主要参与人数。“人”与“人次”分开绘制，各有坐标轴；数值相差百倍以上时用对数轴。"
        "预计毕业生等背景数字不是服务人数，不绘出。悬停圆点可见数字，点击可看原文。",
    },
    "reach_unit": {"en": "Participants, in {unit}", "zh": "参与人数（{unit}）"},
    "person_times_note": {
        "en": " (one person counts once per course or assessment)",
        "zh": "：同一人每参加一次计一次",
    },
    "reach_per_resident": {"en": "Participants per {n} residents", "zh": "每{n}常住人口参与人数"},
    "per_residents": {"en": "per {n} residents", "zh": "每{n}人"},
    "reach_scale": {"en": "Show reach", "zh": "显示方式"},
    "as_printed": {"en": "As printed", "zh": "原文数字"},
    "per_resident_option": {"en": "Per 10,000 residents", "zh": "每万常住人口"},
    "denominator": {
        "en": "Divided by each area's resident population for the same year:",
        "zh": "除以同一年份各地常住人口：",
    },
    "no_denominator": {
        "en": "Per-resident figures need a resident population for the same area and year; missing here:",
        "zh": "按人口折算需要同一地区、同一年份的常住人口，以下缺少：",
    },
    "no_reach": {
        "en": "No programme in this selection reports how many people it serves.",
        "zh": "所选范围内没有项目报告服务人数。",
    },
    "reach_no_figure": {
        "en": "No dot for {regions}: no programme there reports how many people it reaches. Their figures are in "
        "the cards and the table below.",
        "zh": "{regions}没有圆点：当地没有项目报告服务人数。其数字见下方卡片和表格。",
    },
    "reach_cut": {
        "en": "Not drawn: {regions}, past the {n} dots a panel holds. Choose fewer regions to see them here; their "
        "figures are in the table below.",
        "zh": "未绘出：{regions}，超出每栏{n}个点的上限。减少所选地区即可在此看到；其数字见下表。",
    },
    "reach_shown_of": {"en": " · {shown} of {total} programmes", "zh": " · 共{total}个项目，绘出{shown}个"},
    "more_in_table": {
        "en": "+{n} more: choose this kind in the sidebar, and the table lists them all",
        "zh": "另有{n}项：在侧栏选择此类型，下表列出全部",
    },
    "more_named": {"en": "+{n} more with a reach", "zh": "另{n}项有服务人数"},
    "programme_count": {"en": "{n} prog.", "zh": "{n}个项目"},
    "like_with_like": {"en": "Same indicator, several regions", "zh": "同一指标的地区对比"},
    "like_left_out": {
        "en": "{n} more indicators that several regions share are not drawn here: choose fewer regions or kinds "
        "to see them, or find their figures in the table.",
        "zh": "另有{n}项多个地区共有的指标未在此绘出：减少所选地区或类型即可看到，全部数字见下表。",
    },
    "shown_of": {"en": " · largest {shown} of {total}", "zh": " · 最大的{shown}个（共{total}个）"},
    "clause": {"en": "The clause it was printed in", "zh": "原文出处"},
    "unknown_interventions": {
        "en": "The link names kinds of intervention that are not in this data:",
        "zh": "链接中的以下干预类型不在本数据中：",
    },
    "interventions": {"en": "Kinds of intervention", "zh": "干预类型"},
    "regions": {"en": "Regions", "zh": "地区"},
    "sources": {"en": "Articles", "zh": "报道"},
    "over_time": {"en": "Over time", "zh": "历年变化"},
    "unknown_regions": {
        "en": "The link names regions that have no figures here, or that are not regions of China:",
        "zh": "链接中的以下地区在本数据中没有数字，或不是中国的行政区：",
    },
    "no_regions": {
        "en": "No region selected. Pick one or more regions in the sidebar to see their figures.",
        "zh": "未选择地区。请在侧栏选择一个或多个地区。",
    },
    "no_facts": {"en": "No figures match these filters.", "zh": "没有符合筛选条件的数据。"},
    "cards": {"en": "Programmes", "zh": "项目概览"},
    "table": {"en": "All figures with their sources", "zh": "全部数据及出处"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "download_xlsx": {"en": "Download spreadsheet (XLSX)", "zh": "下载电子表格（XLSX）"},
    "download_package": {"en": "Download data package (zip)", "zh": "下载数据包（zip）"},
    "errors": {"en": "The data file has problems", "zh": "数据文件有误"},
    "data_url": {
        "en": "The same CSV at a plain URL on this server (also .json and datapackage.zip):",
        "zh": "同一份 CSV 的固定网址（另有 .json 与 datapackage.zip）：",
    },
    "being_written": {
        "en": "A newer version of the data file is still being written; this page shows the last complete one.",
        "zh": "数据文件的新版本仍在写入中；本页显示的是上一个完整版本。",
    },
    "errors_help": {
        "en": "Nothing is drawn until these are fixed. Each line gives file:line:column.",
        "zh": "修正以下问题后才会显示图表。每行给出 文件:行:列。",
    },
    "source": {"en": "Source", "zh": "出处"},
    "printed": {"en": "Printed", "zh": "原文"},
    "colon": {"en": ": ", "zh": "："},
    "card_more": {"en": "Programmes in all: {n}. Every figure is in the table.", "zh": "共{n}个项目，全部数字见下表。"},
    "cards_help": {
        "en": "Figures the charts do not draw (context, providers, outcomes), each with its programme.",
        "zh": "图中未绘出的数字（背景、实施主体、成效），均注明所属项目。",
    },
    "page": {"en": "Table page", "zh": "表格页码"},
    "rows": {"en": "rows", "zh": "行"},
}

QUALIFIER_NAMES: dict[str, dict[Lang, str]] = {
    "exact": {"en": "exact", "zh": "确数"},
    "at_least": {"en": "at least", "zh": "不少于"},
    "at_most": {"en": "at most", "zh": "不超过"},
    "projected": {"en": "projected", "zh": "预计"},
    "target": {"en": "target", "zh": "目标"},
    "range": {"en": "range", "zh": "区间"},
    "approximate": {"en": "about", "zh": "约"},
    "magnitude": {"en": "order of magnitude", "zh": "数量级"},
}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ink(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#ffffff") else "#ffffff"


FOCUS_STYLE = (
    "<style>:focus-visible{outline:3px solid #0b5cad !important;outline-offset:2px}"
    '[data-baseweb="radio"]:has(input:focus-visible){outline:3px solid #0b5cad;outline-offset:2px}'
    '[data-baseweb="checkbox"]:has(input:focus-visible){outline:3px solid #0b5cad;outline-offset:2px}</style>'
)
"""A focus ring at every stop, 6.6:1 on white, where a control draws a paler one of its own."""


def region_chip_style(colours: list[str]) -> str:
    """CSS giving the region filter's i-th chip the i-th colour: positions and our palette only, no data text."""
    rules = "".join(
        f'.st-key-regions [data-tag-index="{i}"]{{background-color:{c};color:{ink(c)}}}'
        f'.st-key-regions [data-tag-index="{i}"] button{{color:{ink(c)}}}'
        for i, c in enumerate(colours)
    )
    return f"<style>{rules}</style>"


def text(key: str, lang: Lang) -> str:
    return TEXT[key][lang]


def _span(values: list[str], lang: Lang) -> str:
    """'2022' or '2022–2025'."""
    years = sorted({v[:4] for v in values})
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"


MAX_PUBLISHERS = 3
"""Publishers the subtitle names; past them it says how many more."""


def page_heading(sources: list[Source], lang: Lang, years_about: tuple[str, ...] = ()) -> tuple[str, str]:
    """The page's title and subtitle, from the reports shown: the years the figures are about (``years_about``,
    else the years the reports came out) and the publishers."""
    zh = lang == "zh"
    years = _span(list(years_about) or [s.published for s in sources], lang)
    publishers = list(dict.fromkeys(s.publisher if zh else (s.publisher_en or s.publisher) for s in sources))
    named = "、".join(f"《{p}》" for p in publishers[:MAX_PUBLISHERS]) if zh else ", ".join(publishers[:MAX_PUBLISHERS])
    if len(publishers) > MAX_PUBLISHERS:
        more = len(publishers) - MAX_PUBLISHERS
        named += f"等{len(publishers)}家发布者" if zh else f" and {more} more publisher{'s' if more > 1 else ''}"
    months = sorted({s.published[:7] for s in sources})
    if len(months) == 1 and len(months[0]) == 7:
        year, month = months[0].split("-")
        period = f"{year}年{int(month)}月" if zh else f"{_MONTHS[int(month) - 1]} {year}"
    else:
        period = f"{years}年" if zh else years
    title = text("title", lang).format(years=years)
    return title, text("subtitle", lang).format(publishers=named, period=period)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_number(value: float, lang: Lang) -> str:
    """406000 -> '406,000' in English, '40.6万' in Chinese."""
    if lang == "zh":
        for size, word in ((100_000_000, "亿"), (10_000, "万")):
            if value >= size:
                return f"{value / size:.4f}".rstrip("0").rstrip(".") + word
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:,.2f}".rstrip("0").rstrip(".")


MAGNITUDES: dict[int, dict[Lang, str]] = {
    10: {"en": "tens", "zh": "数十"},
    100: {"en": "hundreds", "zh": "数百"},
    1_000: {"en": "thousands", "zh": "数千"},
    10_000: {"en": "tens of thousands", "zh": "数万"},
    100_000: {"en": "hundreds of thousands", "zh": "数十万"},
    1_000_000: {"en": "millions", "zh": "数百万"},
    10_000_000: {"en": "tens of millions", "zh": "数千万"},
    100_000_000: {"en": "hundreds of millions", "zh": "数亿"},
}
"""An order of magnitude (数万) as words: the article names a decade, not bounds, so none are shown."""


def magnitude_words(low: float, lang: Lang) -> str:
    """'tens of thousands' for the decade starting at 10,000; the number itself where no word fits."""
    words = MAGNITUDES.get(int(low))
    return words[lang] if words else ("数" if lang == "zh" else "some ") + format_number(low, lang)


QUALIFIER_SYMBOLS: dict[str, str] = {"at_least": "≥", "at_most": "≤", "approximate": "≈"}
"""The sign written before a figure of these qualifiers."""


def qualifier_words(qualifier: str, magnitude: bool, lang: Lang) -> str:
    """How a figure was printed, in words, for a label that does not repeat the figure: "(at least)"."""
    if qualifier == "exact":
        return ""
    word = QUALIFIER_NAMES["magnitude" if magnitude else qualifier][lang]
    return f"（{word}）" if lang == "zh" else " ({})".format(word.replace(" ", "\u00a0"))  # kept on one line


def singular(unit: str) -> str:
    """An English unit name for one (1 patent, 1 class, 1 person-time): the vocabularies name units in the plural."""
    if unit.endswith("sses"):
        return unit[:-2]
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def format_fact(
    value: float,
    low: float,
    high: float,
    qualifier: str,
    unit: str,
    lang: Lang,
    with_unit: bool = False,
    magnitude: bool = False,
) -> str:
    """A figure with its qualifier in symbols and words: '≥1,600 events', '3万–5万人（区间）', '40.6万 (projected)'.

    ``unit`` is the unit's name in ``lang``; a symbol such as % is always shown, glued to the number.
    ``magnitude`` marks an order of magnitude such as 数万, shown in words ('tens of thousands'), never as bounds.
    """
    if magnitude:
        number = magnitude_words(low, lang)
    elif qualifier == "range" or math.isnan(value):
        number = f"{format_number(low, lang)}–{format_number(high, lang)}"
    else:
        number = format_number(value, lang)
    if not any(ch.isalpha() for ch in unit):
        number += unit
    elif with_unit:
        one = value == 1 and qualifier != "range" and not magnitude
        number += unit if lang == "zh" else " " + (singular(unit) if one else unit)
    symbol = QUALIFIER_SYMBOLS.get(qualifier, "")
    shown = ("projected", "target") if magnitude else ("projected", "target", "range")
    word = QUALIFIER_NAMES[qualifier][lang] if qualifier in shown else ""
    if not word:
        return f"{symbol}{number}"
    return f"{symbol}{number}（{word}）" if lang == "zh" else f"{symbol}{number} ({word})"
