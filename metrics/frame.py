"""Validated records -> one DataFrame with fixed columns and dtypes."""

from __future__ import annotations

import pandas as pd

from metrics.labels import REGION_NAMES
from metrics.schema import MetricsFile, match_quote

TEXT_COLUMNS: tuple[str, ...] = (
    "id",
    "region",
    "region_en",
    "region_zh",
    "programme",
    "programme_en",
    "programme_zh",
    "level",
    "place",
    "category",
    "metric",
    "metric_zh",
)
NUMBER_COLUMNS: tuple[str, ...] = ("value", "value_low", "value_high")
DETAIL_COLUMNS: tuple[str, ...] = (
    "unit",
    "qualifier",
    "printed_value",
    "scale",
    "printed",
    "as_of",
    "quote",
    "source",
    "source_headline",
    "publisher",
    "published",
)
COLUMNS: tuple[str, ...] = TEXT_COLUMNS + NUMBER_COLUMNS + DETAIL_COLUMNS
"""Every column of the facts frame, in CSV order."""

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "id": "Stable identifier of the fact.",
    "region": "Region slug: liaoning, guangdong, ningxia or shandong.",
    "region_en": "Region name in English.",
    "region_zh": "Region name in Chinese.",
    "programme": "Identifier of the programme the figure describes.",
    "programme_en": "Programme name in English.",
    "programme_zh": "Programme name in Chinese.",
    "level": "Level of the programme: province, city, county, institution or company.",
    "place": "Where the programme runs.",
    "category": "Kind of figure; only figures of one category and unit are comparable.",
    "metric": "What is counted, in English.",
    "metric_zh": "What is counted, in Chinese.",
    "value": "Value in base units (406000 for 40.6万); empty for a range such as 数万.",
    "value_low": "The least the article allows, in base units.",
    "value_high": "The most the article allows, in base units; empty when open-ended (at least).",
    "unit": "Unit of the value: persons, person-times, organisations, yuan, percent, ...",
    "qualifier": "exact, at_least (余/多/超过), at_most (最高/内), projected (预计), target, range (数万).",
    "printed_value": "The numeral as printed, before its scale (40.6 in 40.6万); empty for 数.",
    "scale": "The printed multiplier (万, 亿) or empty.",
    "printed": "The figure as printed in the article, e.g. 40.6万人.",
    "as_of": "Date or period the figure refers to, where the article gives one.",
    "quote": "The verbatim clause from the article that carries the number.",
    "source": "Identifier of the report the quote is from.",
    "source_headline": "Headline of that report.",
    "publisher": "Publisher of the report.",
    "published": "Publication date, as precisely as known.",
}


def to_frame(data: MetricsFile) -> pd.DataFrame:
    """One row per fact, in file order, with every column in ``COLUMNS``."""
    programmes = {p.id: p for p in data.programmes}
    sources = {s.id: s for s in data.sources}
    rows = []
    for fact in data.facts:
        programme, source = programmes[fact.programme], sources[fact.source]
        reading, _ = match_quote(fact)
        assert reading is not None, "validated facts always match their quote"
        high = reading.high
        rows.append(
            {
                "id": fact.id,
                "region": fact.region,
                "region_en": REGION_NAMES[fact.region]["en"],
                "region_zh": REGION_NAMES[fact.region]["zh"],
                "programme": fact.programme,
                "programme_en": programme.name_en,
                "programme_zh": programme.name_zh,
                "level": programme.level,
                "place": programme.place,
                "category": fact.category,
                "metric": fact.metric,
                "metric_zh": fact.metric_zh,
                "value": None if reading.base is None else float(reading.base),
                "value_low": float(reading.low),
                "value_high": None if high is None else float(high),
                "unit": fact.unit,
                "qualifier": fact.qualifier.value,
                "printed_value": fact.value,
                "scale": fact.scale or "",
                "printed": reading.printed,
                "as_of": fact.as_of or "",
                "quote": fact.quote,
                "source": fact.source,
                "source_headline": source.headline,
                "publisher": source.publisher,
                "published": source.published,
                "headline": fact.headline,
            }
        )
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "headline"])
    for column in (*NUMBER_COLUMNS, "printed_value"):
        frame[column] = frame[column].astype("float64")
    return frame
