"""Names, colours and number formats in both languages the page speaks."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from metrics.catalogue.schema import Source
from metrics.page.words import QUALIFIER_NAMES, Lang, text

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
    # Outlets whose own page was read come first: a repost's original outlet may be unnamed in the copy.
    firsthand = sorted(sources, key=lambda s: s.via is not None)
    publishers = list(dict.fromkeys(s.publisher if zh else (s.publisher_en or s.publisher) for s in firsthand))
    if zh:  # a newspaper's name (…报) takes 《》, a department's or a site's does not
        named = "、".join(f"《{p}》" if p.endswith("报") else p for p in publishers[:MAX_PUBLISHERS])
    else:
        named = ", ".join(publishers[:MAX_PUBLISHERS])
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
