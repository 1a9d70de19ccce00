"""Names, colours and number formats in both languages the page speaks."""

from __future__ import annotations

import math
from typing import Literal

Lang = Literal["en", "zh"]

REGION_NAMES: dict[str, dict[Lang, str]] = {
    "liaoning": {"en": "Liaoning", "zh": "辽宁"},
    "guangdong": {"en": "Guangdong", "zh": "广东"},
    "ningxia": {"en": "Ningxia", "zh": "宁夏"},
    "shandong": {"en": "Shandong", "zh": "山东"},
}
REGIONS: tuple[str, ...] = tuple(REGION_NAMES)
"""Region slugs in page order."""

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
REGION_COLOURS: dict[str, str] = {
    "liaoning": "#0072B2",
    "guangdong": "#E69F00",
    "ningxia": "#009E73",
    "shandong": "#CC79A7",
}

QUALIFIER_PATTERNS: dict[str, str] = {
    "exact": "",
    "at_least": "/",
    "at_most": "\\",
    "projected": ".",
    "target": "x",
    "range": "+",
}
"""Bar fill pattern per qualifier, so qualifiers never rest on colour alone."""

TEXT: dict[str, dict[Lang, str]] = {
    "title": {"en": "Regional employment programmes, 2022", "zh": "2022年地方就业项目"},
    "subtitle": {
        "en": "Figures from one Economic Daily employment page, November 2022. Every number links to its clause.",
        "zh": "数据来自《经济日报》2022年11月就业版，每个数字均附原文出处。",
    },
    "regions": {"en": "Regions", "zh": "地区"},
    "categories": {"en": "Kinds of figure", "zh": "指标类别"},
    "no_regions": {
        "en": "No region selected. Pick one or more regions in the sidebar to see their figures.",
        "zh": "未选择地区。请在侧栏选择一个或多个地区。",
    },
    "no_facts": {"en": "No figures match these filters.", "zh": "没有符合筛选条件的数据。"},
    "cards": {"en": "Programmes", "zh": "项目概览"},
    "charts": {"en": "Comparisons", "zh": "对比"},
    "table": {"en": "All figures with their sources", "zh": "全部数据及出处"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
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
    "patterns": {
        "en": "Fill pattern: plain = exact, / = at least, \\ = at most, · = projected, x = target, + = range.",
        "zh": "图案：纯色 = 确数，/ = 不少于，\\ = 不超过，· = 预计，x = 目标，+ = 区间。",
    },
    "log_axis": {"en": "log scale", "zh": "对数坐标"},
    "left_out": {
        "en": "figures have no counterpart in another selected region, or rank below the top {n}; see the table.",
        "zh": "项数据在其他所选地区没有可比项或排名在前{n}之外，见下表。",
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
}

CATEGORY_NAMES: dict[str, dict[Lang, str]] = {
    "people": {"en": "People", "zh": "人数"},
    "person-times": {"en": "Training and assessments (person-times)", "zh": "培训与评价（人次）"},
    "organisations": {"en": "Organisations engaged", "zh": "参与机构"},
    "activities": {"en": "Activities held", "zh": "开展活动"},
    "jobs": {"en": "Jobs", "zh": "岗位"},
    "money": {"en": "Money", "zh": "金额"},
    "rates": {"en": "Rates", "zh": "比率"},
    "change": {"en": "Change on the previous year", "zh": "同比变化"},
    "eligibility": {"en": "Eligibility", "zh": "资格条件"},
    "outputs": {"en": "Outputs", "zh": "产出"},
}

UNIT_NAMES: dict[str, dict[Lang, str]] = {
    "persons": {"en": "persons", "zh": "人"},
    "person-times": {"en": "person-times", "zh": "人次"},
    "organisations": {"en": "organisations", "zh": "家"},
    "workshops": {"en": "workshops", "zh": "个车间"},
    "events": {"en": "events", "zh": "场"},
    "postings": {"en": "job postings", "zh": "条"},
    "positions": {"en": "positions", "zh": "个岗位"},
    "classes": {"en": "classes", "zh": "个班"},
    "plans": {"en": "plans", "zh": "个计划"},
    "patents": {"en": "patents", "zh": "项"},
    "yuan": {"en": "yuan", "zh": "元"},
    "percent": {"en": "percent", "zh": "%"},
    "years": {"en": "years", "zh": "年"},
}

LEVEL_NAMES: dict[str, dict[Lang, str]] = {
    "province": {"en": "province", "zh": "省级"},
    "city": {"en": "city", "zh": "市级"},
    "county": {"en": "county", "zh": "县级"},
    "institution": {"en": "institution", "zh": "院校"},
    "company": {"en": "company", "zh": "企业"},
}


def text(key: str, lang: Lang) -> str:
    return TEXT[key][lang]


def region_name(slug: str, lang: Lang) -> str:
    return REGION_NAMES[slug][lang]


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
    """A figure with its qualifier in symbols and words: '≥1,600 events', '1万–9万人 (区间)', '40.6万 (projected)'."""
    if qualifier == "range" or math.isnan(value):
        number = f"{format_number(low, lang)}–{format_number(high, lang)}"
    else:
        number = format_number(value, lang)
    if unit == "percent":
        number += "%"
    elif with_unit:
        number += UNIT_NAMES[unit][lang] if lang == "zh" else " " + UNIT_NAMES[unit][lang]
    symbol = {"at_least": "≥", "at_most": "≤"}.get(qualifier, "")
    word = QUALIFIER_NAMES[qualifier][lang] if qualifier in ("projected", "target", "range") else ""
    return f"{symbol}{number}" + (f" ({word})" if word else "")
