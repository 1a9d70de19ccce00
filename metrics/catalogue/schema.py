"""Typed records for the curated facts, and the checks that span records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from metrics.articles.numbers import Qualifier, Reading, find_numbers, scale_multiplier

Region = Literal["liaoning", "guangdong", "ningxia", "shandong"]
Level = Literal["province", "city", "county", "institution", "company"]
Scale = Literal["十", "百", "千", "万", "亿"]
Unit = Literal[
    "persons",
    "person-times",
    "organisations",
    "workshops",
    "events",
    "postings",
    "positions",
    "classes",
    "plans",
    "patents",
    "yuan",
    "percent",
    "years",
]
Category = Literal[
    "people",
    "person-times",
    "organisations",
    "activities",
    "jobs",
    "money",
    "rates",
    "change",
    "eligibility",
    "outputs",
]

CATEGORY_UNITS: dict[str, frozenset[str]] = {
    "people": frozenset({"persons"}),
    "person-times": frozenset({"person-times"}),
    "organisations": frozenset({"organisations", "workshops"}),
    "activities": frozenset({"events", "postings", "classes", "plans"}),
    "jobs": frozenset({"positions"}),
    "money": frozenset({"yuan"}),
    "rates": frozenset({"percent"}),
    "change": frozenset({"persons", "person-times", "organisations", "positions", "yuan"}),
    "eligibility": frozenset({"years"}),
    "outputs": frozenset({"patents"}),
}
"""Which units may be compared within a category."""

UNIT_WORDS: dict[str, frozenset[str]] = {
    "persons": frozenset({"人", "名"}),
    "person-times": frozenset({"人次"}),
    "organisations": frozenset({"家", "个"}),
    "workshops": frozenset({"个"}),
    "events": frozenset({"场"}),
    "postings": frozenset({"条"}),
    "positions": frozenset({"个"}),
    "classes": frozenset({"个"}),
    "plans": frozenset({"个"}),
    "patents": frozenset({"项"}),
    "yuan": frozenset({"元"}),
    "percent": frozenset({"%"}),
    "years": frozenset({"年"}),
}
"""Measure words the article uses after a number of each unit."""

_INVISIBLE = r"\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff"
TEXT_PATTERN = rf"^[^\s{_INVISIBLE}](?:[^{_INVISIBLE}]*[^\s{_INVISIBLE}])?$"
"""No control or zero-width characters, and no leading or trailing spaces (checked in Rust)."""
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PATTERN_MESSAGES = {
    TEXT_PATTERN: "has leading or trailing spaces, or control or zero-width characters",
    SLUG_PATTERN: "ids are lowercase ASCII letters and digits joined by single hyphens",
}
"""Plain words for the patterns' failures."""


def _date_as_text(value: object) -> object:
    # YAML reads an unquoted 2022-09-30 as a date; keep it as the text it was.
    return value.isoformat() if isinstance(value, dt.date) else value


Text = Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT_PATTERN)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
When = Annotated[str, BeforeValidator(_date_as_text), Field(min_length=4, max_length=80, pattern=TEXT_PATTERN)]
Count = Annotated[float, Field(ge=0, allow_inf_nan=False)]

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(BaseModel):
    """One report on the newspaper page."""

    model_config = _STRICT

    id: Slug
    """Stable identifier, referenced by facts."""
    publisher: Text
    page: Text
    """The page, or a note that its number is not known."""
    published: When
    """Publication date as precisely as the text allows (YYYY, YYYY-MM or YYYY-MM-DD)."""
    date_note: Text | None = None
    """Why the date is no more precise, where it is not."""
    headline: Text
    headline_en: Text | None = None
    byline: Text


class Programme(BaseModel):
    """A programme or organisation whose figures the article reports."""

    model_config = _STRICT

    id: Slug
    region: Region
    name_zh: Text
    name_en: Text
    level: Level
    place: Text


class Fact(BaseModel):
    """One number from the article, as printed, with the clause it came from."""

    model_config = _STRICT

    id: Slug
    """Stable identifier, used in CSV and URLs."""
    region: Region
    programme: Slug
    """Id of the programme this figure describes."""
    metric: Text
    """What is counted, in English."""
    metric_zh: Text
    """What is counted, in Chinese."""
    value: Count | None
    """The number exactly as printed, before its scale; null only for a range such as 数万."""
    scale: Scale | None = None
    """The printed multiplier (万 in 40.6万); absent when the number stands alone."""
    unit: Unit
    qualifier: Annotated[Qualifier, Field(strict=False)]
    """exact, at_least (余/多/超过), at_most (最高/…内), projected (预计), target (确保…达), range (数万)."""
    category: Category
    """Facts share a chart axis only within one category and unit."""
    as_of: When | None = None
    """Date or period the figure refers to, where the text gives one."""
    quote: Text
    """The shortest verbatim clause that carries the number."""
    source: Slug
    """Id of the report the quote is from."""
    headline: bool = False
    """Shown on the region's card."""

    @property
    def multiplier(self) -> int:
        return scale_multiplier(self.scale or "")

    @property
    def base_value(self) -> Decimal | None:
        """The value in base units: 40.6 with scale 万 gives 406000."""
        if self.value is None:
            return None
        return Decimal(repr(self.value)) * self.multiplier

    @model_validator(mode="after")
    def _value_fits_qualifier(self) -> Fact:
        if (self.value is None) != (self.qualifier is Qualifier.RANGE):
            raise ValueError("value is null exactly when qualifier is range (数万 and the like)")
        if self.qualifier is Qualifier.RANGE and self.scale is None:
            raise ValueError("a range such as 数万 needs its scale")
        if self.unit == "percent" and self.value is not None and self.value > 100:
            raise ValueError("a percentage cannot exceed 100")
        return self


def match_quote(fact: Fact, read: Mapping[str, list[Reading]] | None = None) -> tuple[Reading | None, str | None]:
    """Find the number in the quote that is this fact's value, checking qualifier and unit.

    ``read`` may hold quotes already read, by their text. Returns the reading, or
    None and a message saying what is wrong.
    """
    readings = read.get(fact.quote) if read else None
    if readings is None:
        readings = find_numbers(fact.quote)
    scale = fact.scale or ""
    numeral = None if fact.value is None else Decimal(repr(fact.value))
    for reading in reversed(readings):
        if reading.numeral == numeral and reading.scale == scale:
            break
    else:
        if not readings:
            return None, "quote holds no number"
        wanted = f"数{scale}" if fact.value is None else f"{fact.value:g}{scale}"
        seen = ", ".join(r.printed for r in readings)
        return None, f"quote does not print {wanted}; it reads {seen}"
    if reading.qualifier is not fact.qualifier:
        return None, (
            f"qualifier is {fact.qualifier.value} but the quote's wording "
            f"({reading.printed}) makes it {reading.qualifier.value}"
        )
    if reading.unit_word and reading.unit_word not in UNIT_WORDS[fact.unit]:
        return None, f"unit {fact.unit} does not fit the quote's measure word {reading.unit_word}"
    return reading, None


class Excluded(BaseModel):
    """A number in the article that is deliberately not a fact, and why."""

    model_config = _STRICT

    text: Text
    """The verbatim clause that holds the number."""
    reason: Text


class MetricsFile(BaseModel):
    """The whole curated file."""

    model_config = _STRICT

    sources: list[Source] = Field(min_length=1)
    programmes: list[Programme] = Field(min_length=1)
    facts: list[Fact] = Field(min_length=1)
    excluded: list[Excluded] = []
    _readings: list[Reading | None] | None = PrivateAttr(default=None)

    def readings(self) -> list[Reading | None]:
        """Each fact's number as read from its quote (None where it does not match), computed once."""
        if self._readings is None:
            self._readings = [match_quote(f)[0] for f in self.facts]
        return self._readings

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> MetricsFile:
        # The loader runs these itself to report each at its own line.
        if not (info.context or {}).get("defer_cross_checks"):
            problems = cross_check(self)
            if problems:
                raise ValueError("; ".join(f"{_dotted(loc)}: {msg}" for loc, msg in problems))
        return self


Loc = tuple[str | int, ...]


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _duplicates(ids: list[str]) -> list[int]:
    seen: set[str] = set()
    dupes = []
    for index, ident in enumerate(ids):
        if ident in seen:
            dupes.append(index)
        seen.add(ident)
    return dupes


def cross_check(data: MetricsFile, read: Mapping[str, list[Reading]] | None = None) -> list[tuple[Loc, str]]:
    """Checks that span records: unique ids, references that resolve, quotes that agree."""
    problems: list[tuple[Loc, str]] = []
    for name, items in (("sources", data.sources), ("programmes", data.programmes), ("facts", data.facts)):
        for index in _duplicates([item.id for item in items]):
            problems.append(((name, index, "id"), f"duplicate id {items[index].id!r}"))
    sources = {s.id for s in data.sources}
    programmes = {p.id: p for p in data.programmes}
    checks = [match_quote(f, read) for f in data.facts]
    data._readings = [reading for reading, _ in checks]
    for index, fact in enumerate(data.facts):
        programme = programmes.get(fact.programme)
        if programme is None:
            problems.append((("facts", index, "programme"), f"no programme with id {fact.programme!r}"))
        elif programme.region != fact.region:
            problems.append(
                (("facts", index, "region"), f"{fact.region} differs from programme's region {programme.region}")
            )
        if fact.source not in sources:
            problems.append((("facts", index, "source"), f"no source with id {fact.source!r}"))
        if fact.unit not in CATEGORY_UNITS[fact.category]:
            problems.append((("facts", index, "unit"), f"unit {fact.unit} does not fit category {fact.category}"))
        message = checks[index][1]
        if message:
            problems.append((("facts", index, "quote"), message))
    return problems
