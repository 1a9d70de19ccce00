"""Validated records -> one DataFrame with fixed columns and dtypes."""

from __future__ import annotations

import pandas as pd

from metrics.catalogue.periods import bounds
from metrics.catalogue.regions import division, province_of, resolve
from metrics.catalogue.schema import MetricsFile

TEXT_COLUMNS: tuple[str, ...] = (
    "id",
    "region",
    "region_en",
    "region_zh",
    "region_code",
    "area_en",
    "area_zh",
    "programme",
    "programme_en",
    "programme_zh",
    "level",
    "intervention",
    "intervention_en",
    "intervention_zh",
    "target_group",
    "target_group_en",
    "target_group_zh",
    "place",
    "place_en",
    "category",
    "category_en",
    "category_zh",
    "indicator",
    "indicator_en",
    "indicator_zh",
    "metric",
    "metric_zh",
    "measure",
    "measure_en",
    "measure_zh",
)
NUMBER_COLUMNS: tuple[str, ...] = ("value", "value_low", "value_high")
DETAIL_COLUMNS: tuple[str, ...] = (
    "unit",
    "unit_en",
    "unit_zh",
    "qualifier",
    "printed_value",
    "printed_value_to",
    "scale",
    "printed",
    "as_of",
    "period_start",
    "period_end",
    "quote",
    "note",
    "source",
    "article",
    "source_headline",
    "publisher",
    "publisher_en",
    "published",
    "source_url",
    "source_via",
)
COLUMNS: tuple[str, ...] = TEXT_COLUMNS + NUMBER_COLUMNS + DETAIL_COLUMNS
"""Every column of the facts frame, in CSV order."""
HIDDEN_COLUMNS: tuple[str, ...] = (
    "headline",
    "province_code",
    "category_order",
    "intervention_order",
    "source_headline_en",
)
"""Also in the frame, for the page: which facts the cards lead with, sort orders, and the report's headline in
English (the printed one where it has none)."""

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "id": "Stable identifier of the fact.",
    "region": "Province the figure counts under, by slug (liaoning, hubei, ...).",
    "region_en": "Province name in English.",
    "region_zh": "Province name in Chinese.",
    "region_code": "GB/T 2260 six-digit code of the province, prefecture or county the figure is about.",
    "area_en": "Name of that division in English (a romanisation below province level).",
    "area_zh": "Name of that division in Chinese.",
    "programme": "Identifier of the programme the figure describes.",
    "programme_en": "Programme name in English.",
    "programme_zh": "Programme name in Chinese.",
    "level": "Level of the programme: province, city, county, institution or company.",
    "intervention": "Kind of programme, from the file's interventions: the Eurostat/OECD Labour Market Policy "
    "categories (services, training, employment-incentives, ...) and additions (skills-certification, "
    "talent-recruitment).",
    "intervention_en": "Name of the kind of programme in English.",
    "intervention_zh": "Name of the kind of programme in Chinese.",
    "target_group": "Whom the programme is for (graduates, rural-labour, workers, ...).",
    "target_group_en": "Name of the target group in English.",
    "target_group_zh": "Name of the target group in Chinese.",
    "place": "Where the programme runs, in Chinese.",
    "place_en": "Where the programme runs, in English, where given.",
    "category": "Kind of figure; only figures of one category and unit are comparable.",
    "category_en": "Name of the kind of figure in English.",
    "category_zh": "Name of the kind of figure in Chinese.",
    "indicator": "Facts of one region with the same indicator form a series over time.",
    "indicator_en": "Name of the indicator in English, from the data file's indicators.",
    "indicator_zh": "Name of the indicator in Chinese, from the data file's indicators.",
    "metric": "What is counted, in English.",
    "metric_zh": "What is counted, in Chinese.",
    "measure": "What the figure is: participants (people served), providers, activities, spending, outcomes, "
    "terms (rules and targets) or context (the population acted on; never a programme's reach).",
    "measure_en": "Name of the measure in English.",
    "measure_zh": "Name of the measure in Chinese.",
    "value": "Value in base units (406000 for 40.6万); empty for a range such as 数万.",
    "value_low": "The least the article allows, in base units.",
    "value_high": "The most the article allows, in base units; empty when open-ended (at least).",
    "unit": "Unit of the value: persons, person-times, organisations, yuan, percent, ...",
    "unit_en": "Name of the unit in English.",
    "unit_zh": "Name of the unit in Chinese.",
    "qualifier": "exact, at_least (余/多/超过/以上), at_most (最高/以内), approximate (约/近/左右), "
    "projected (预计), target (计划/确保), range (数万, 3至5万).",
    "printed_value": "The numeral as printed, before its scale (40.6 in 40.6万); empty for 数.",
    "printed_value_to": "The upper end of a printed range (5 in 3至5万); empty otherwise.",
    "scale": "The printed multiplier (万, 亿) or empty.",
    "printed": "The figure as printed in the article, e.g. 40.6万人.",
    "as_of": "Period the figure refers to (2022, 2022-09, 2022-09-30, 2022-01/2022-10), where the article gives one.",
    "period_start": "First day of that period.",
    "period_end": "Last day of that period.",
    "quote": "The verbatim clause from the article that carries the number.",
    "note": "The curator's reason where the record goes against the tools' advice (a qualifier or bound), else empty.",
    "source": "Identifier of the report the quote is from.",
    "article": "File name of the report's text.",
    "source_headline": "Headline of that report.",
    "publisher": "Publisher of the report, as it prints its name.",
    "publisher_en": "The publisher's name in English, where given.",
    "published": "Publication date, as precisely as known.",
    "source_url": "The web address the report was read at, where it was read on the web.",
    "source_via": "The site that reposted the report, where the copy read is a repost; else empty.",
}


def to_frame(data: MetricsFile) -> pd.DataFrame:
    """One row per fact, in file order, with every column in ``COLUMNS`` plus ``HIDDEN_COLUMNS``."""
    programmes = {p.id: p for p in data.programmes}
    sources = {s.id: s for s in data.sources}
    units = {u.id: u for u in data.units}
    categories = {c.id: (i, c) for i, c in enumerate(data.categories)}
    interventions = {t.id: (i, t) for i, t in enumerate(data.interventions)}
    groups = {t.id: t for t in data.target_groups}
    measures = {t.id: t for t in data.measures}
    indicators = {i.id: i for i in data.indicators}
    facts = data.facts
    readings = data.readings()
    if None in readings:
        raise ValueError("facts must pass validation before they become a frame")
    progs = [programmes[f.programme] for f in facts]
    srcs = [sources[f.source] for f in facts]
    codes = [resolve(f.region) or "" for f in facts]  # validation has checked each
    areas = [division(c) for c in codes]
    provinces = [province_of(c) for c in codes]
    cats = [categories[f.category] for f in facts]
    kinds = [interventions[p.intervention] for p in progs]
    targets = [groups[p.target_group] for p in progs]
    what = [measures[f.measure] for f in facts]
    periods = [bounds(f.as_of) if f.as_of else None for f in facts]
    nan = float("nan")
    columns = {
        "id": [f.id for f in facts],
        "region": [p.slug for p in provinces],
        "region_en": [p.name_en for p in provinces],
        "region_zh": [p.short_zh for p in provinces],
        "region_code": [a.code for a in areas],
        "area_en": [a.name_en for a in areas],
        "area_zh": [a.name_zh for a in areas],
        "programme": [f.programme for f in facts],
        "programme_en": [p.name_en for p in progs],
        "programme_zh": [p.name_zh for p in progs],
        "level": [p.level for p in progs],
        "intervention": [t.id for _, t in kinds],
        "intervention_en": [t.name_en for _, t in kinds],
        "intervention_zh": [t.name_zh for _, t in kinds],
        "target_group": [t.id for t in targets],
        "target_group_en": [t.name_en for t in targets],
        "target_group_zh": [t.name_zh for t in targets],
        "place": [p.place for p in progs],
        "place_en": [p.place_en or p.place for p in progs],
        "category": [f.category for f in facts],
        "category_en": [c.name_en for _, c in cats],
        "category_zh": [c.name_zh for _, c in cats],
        "indicator": [f.indicator or "" for f in facts],
        "indicator_en": [indicators[f.indicator].name_en if f.indicator else "" for f in facts],
        "indicator_zh": [indicators[f.indicator].name_zh if f.indicator else "" for f in facts],
        "metric": [f.metric for f in facts],
        "metric_zh": [f.metric_zh for f in facts],
        "measure": [t.id for t in what],
        "measure_en": [t.name_en for t in what],
        "measure_zh": [t.name_zh for t in what],
        "value": [nan if r.base is None else float(r.base) for r in readings],
        "value_low": [float(r.low) for r in readings],
        "value_high": [nan if r.high is None else float(r.high) for r in readings],
        "unit": [f.unit for f in facts],
        "unit_en": [units[f.unit].name_en for f in facts],
        "unit_zh": [units[f.unit].name_zh for f in facts],
        "qualifier": [f.qualifier.value for f in facts],
        "printed_value": [nan if f.value is None else float(f.value) for f in facts],
        "printed_value_to": [nan if f.value_to is None else float(f.value_to) for f in facts],
        "scale": [f.scale or "" for f in facts],
        "printed": [r.printed for r in readings],
        "as_of": [f.as_of or "" for f in facts],
        "period_start": ["" if p is None else p[0].isoformat() for p in periods],
        "period_end": ["" if p is None else p[1].isoformat() for p in periods],
        "quote": [f.quote for f in facts],
        "note": [f.note or "" for f in facts],
        "source": [f.source for f in facts],
        "article": [s.article or "" for s in srcs],
        "source_headline": [s.headline for s in srcs],
        "publisher": [s.publisher for s in srcs],
        "publisher_en": [s.publisher_en or s.publisher for s in srcs],
        "published": [s.published for s in srcs],
        "source_url": [s.url or "" for s in srcs],
        "source_via": [s.via or "" for s in srcs],
        "headline": [f.headline for f in facts],
        "province_code": [p.code for p in provinces],
        "category_order": [i for i, _ in cats],
        "intervention_order": [i for i, _ in kinds],
        "source_headline_en": [s.headline_en or s.headline for s in srcs],
    }
    return pd.DataFrame(columns, columns=[*COLUMNS, *HIDDEN_COLUMNS])


_TEXT_DTYPE = pd.Series(["x"]).dtype
FLOAT_COLUMNS: tuple[str, ...] = (*NUMBER_COLUMNS, "printed_value", "printed_value_to")


def check_frame(frame: pd.DataFrame) -> None:
    """Raise ValueError unless ``frame`` has exactly the columns and dtypes ``to_frame`` gives.

    Used on frames read back from disk, which must look like fresh ones.
    """
    if list(frame.columns) != [*COLUMNS, *HIDDEN_COLUMNS]:
        raise ValueError("columns differ from the facts frame's")
    kinds = {"headline": "bool", "category_order": "int64", "intervention_order": "int64"}
    for column in frame.columns:
        wanted = "float64" if column in FLOAT_COLUMNS else kinds.get(column, _TEXT_DTYPE)
        if frame[column].dtype != wanted:
            raise ValueError(f"column {column} is {frame[column].dtype}, not {wanted}")
    if not frame["id"].is_unique:
        raise ValueError("fact ids repeat")
    bounds = frame[list(NUMBER_COLUMNS)]
    if (bounds < 0).any().any() or frame["value_low"].isna().any():
        raise ValueError("values out of range")
