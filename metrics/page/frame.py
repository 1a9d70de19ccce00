"""Validated records -> one DataFrame with fixed columns and dtypes."""

from __future__ import annotations

import pandas as pd

from metrics.catalogue.schema import MetricsFile
from metrics.page.labels import REGION_NAMES

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
    """One row per fact, in file order, with every column in ``COLUMNS`` plus ``headline``."""
    programmes = {p.id: p for p in data.programmes}
    sources = {s.id: s for s in data.sources}
    facts = data.facts
    readings = data.readings()
    if None in readings:
        raise ValueError("facts must pass validation before they become a frame")
    progs = [programmes[f.programme] for f in facts]
    srcs = [sources[f.source] for f in facts]
    regions = [f.region for f in facts]
    nan = float("nan")
    columns = {
        "id": [f.id for f in facts],
        "region": regions,
        "region_en": [REGION_NAMES[r]["en"] for r in regions],
        "region_zh": [REGION_NAMES[r]["zh"] for r in regions],
        "programme": [f.programme for f in facts],
        "programme_en": [p.name_en for p in progs],
        "programme_zh": [p.name_zh for p in progs],
        "level": [p.level for p in progs],
        "place": [p.place for p in progs],
        "category": [f.category for f in facts],
        "metric": [f.metric for f in facts],
        "metric_zh": [f.metric_zh for f in facts],
        "value": [nan if r.base is None else float(r.base) for r in readings],
        "value_low": [float(r.low) for r in readings],
        "value_high": [nan if r.high is None else float(r.high) for r in readings],
        "unit": [f.unit for f in facts],
        "qualifier": [f.qualifier.value for f in facts],
        "printed_value": [nan if f.value is None else float(f.value) for f in facts],
        "scale": [f.scale or "" for f in facts],
        "printed": [r.printed for r in readings],
        "as_of": [f.as_of or "" for f in facts],
        "quote": [f.quote for f in facts],
        "source": [f.source for f in facts],
        "source_headline": [s.headline for s in srcs],
        "publisher": [s.publisher for s in srcs],
        "published": [s.published for s in srcs],
        "headline": [f.headline for f in facts],
    }
    return pd.DataFrame(columns, columns=[*COLUMNS, "headline"])


_TEXT_DTYPE = pd.Series(["x"]).dtype
FLOAT_COLUMNS: tuple[str, ...] = (*NUMBER_COLUMNS, "printed_value")


def check_frame(frame: pd.DataFrame) -> None:
    """Raise ValueError unless ``frame`` has exactly the columns and dtypes ``to_frame`` gives.

    Used on frames read back from disk, which must look like fresh ones.
    """
    if list(frame.columns) != [*COLUMNS, "headline"]:
        raise ValueError("columns differ from the facts frame's")
    for column in frame.columns:
        wanted = "float64" if column in FLOAT_COLUMNS else "bool" if column == "headline" else _TEXT_DTYPE
        if frame[column].dtype != wanted:
            raise ValueError(f"column {column} is {frame[column].dtype}, not {wanted}")
    if not frame["id"].is_unique:
        raise ValueError("fact ids repeat")
    bounds = frame[list(NUMBER_COLUMNS)]
    if (bounds < 0).any().any() or frame["value_low"].isna().any():
        raise ValueError("values out of range")
