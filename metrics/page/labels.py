"""Names, colours and number formats in both languages the page speaks."""

from __future__ import annotations

import math
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
    sources: tuple[str, ...] = ()
    source_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, frame: pd.DataFrame, sources: list[Source]) -> Names:
        provinces = frame.drop_duplicates("region").sort_values("province_code")
        regions = tuple(provinces["region"])
        categories = frame.drop_duplicates("category").sort_values("category_order")
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
            sources=tuple(s.id for s in sources if s.id in set(frame["source"])),
            source_names={s.id: f"{s.headline} ({s.published})" for s in sources},
        )

    def region(self, slug: str, lang: Lang) -> str:
        return self.region_names[slug][lang]

    def category(self, category: str, lang: Lang) -> str:
        return self.category_names[category][lang]


TEXT: dict[str, dict[Lang, str]] = {
    "title": {"en": "Regional employment programmes, 2022", "zh": "2022年地方就业项目"},
    "tab_title": {"en": "Regional employment programmes", "zh": "地方就业项目"},
    "choose": {"en": "Choose", "zh": "请选择"},
    "quotes": {"en": "Quotes", "zh": "原文"},
    "quote_of": {"en": "Show the quote of a figure in the table", "zh": "查看表中某个数字的原文"},
    "no_comparison": {
        "en": "No figure in these regions measures the same thing as a figure of another selected region, so "
        "nothing is set side by side. Each region's figures are listed in its programme profile below.",
        "zh": "所选地区之间没有统计口径相同的数字，因此不作并列对比。各地区的数字见下方项目概况。",
    },
    "symbols": {
        "en": "Markers: ● exact, ▶ at least, ◀ at most, ◆ about, ◉ projected, ★ target, a line between two "
        "ends for a range.",
        "zh": "标记：● 确数，▶ 不少于，◀ 不超过，◆ 约数，◉ 预计，★ 目标，两端连线为区间。",
    },
    "chart_tables": {"en": "The chart as tables", "zh": "图表的表格版"},
    "profiles": {"en": "Programme profiles", "zh": "项目概况"},
    "profiles_help": {
        "en": "Figures with no counterpart in another selected region, by region.",
        "zh": "在其他所选地区没有可比项的数字，按地区列出。",
    },
    "more_in_table": {"en": "{n} more figures in the table below.", "zh": "另有 {n} 项数字见下表。"},
    "subtitle": {
        "en": "Figures from one Economic Daily employment page, November 2022. Every number links to its clause.",
        "zh": "数据来自《经济日报》2022年11月就业版，每个数字均附原文出处。",
    },
    "regions": {"en": "Regions", "zh": "地区"},
    "categories": {"en": "Kinds of figure", "zh": "指标类别"},
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
    "charts": {"en": "Comparisons", "zh": "对比"},
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
    "more_programmes": {"en": "more programmes", "zh": "个其他项目"},
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
}

LEVEL_NAMES: dict[str, dict[Lang, str]] = {
    "province": {"en": "province", "zh": "省级"},
    "city": {"en": "city", "zh": "市级"},
    "county": {"en": "county", "zh": "县级"},
    "institution": {"en": "institution", "zh": "院校"},
    "company": {"en": "company", "zh": "企业"},
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


def format_number(value: float, lang: Lang) -> str:
    """406000 -> '406,000' in English, '40.6万' in Chinese."""
    if lang == "zh":
        for size, word in ((100_000_000, "亿"), (10_000, "万")):
            if value >= size:
                return f"{value / size:.4f}".rstrip("0").rstrip(".") + word
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_fact(
    value: float, low: float, high: float, qualifier: str, unit: str, lang: Lang, with_unit: bool = False
) -> str:
    """A figure with its qualifier in symbols and words: '≥1,600 events', '1万–9万人 (区间)', '40.6万 (projected)'.

    ``unit`` is the unit's name in ``lang``; a symbol such as % is always shown, glued to the number.
    """
    if qualifier == "range" or math.isnan(value):
        number = f"{format_number(low, lang)}–{format_number(high, lang)}"
    else:
        number = format_number(value, lang)
    if not any(ch.isalpha() for ch in unit):
        number += unit
    elif with_unit:
        number += unit if lang == "zh" else " " + unit
    symbol = {"at_least": "≥", "at_most": "≤", "approximate": "≈"}.get(qualifier, "")
    word = QUALIFIER_NAMES[qualifier][lang] if qualifier in ("projected", "target", "range") else ""
    return f"{symbol}{number}" + (f" ({word})" if word else "")
