"""Typed records for the curated facts, each checked on its own (``checks`` has the checks that span records)."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections.abc import Collection, Mapping
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

Level = Literal["province", "city", "county", "institution", "company"]
Scale = Literal["十", "百", "千", "万", "亿", "成"]

ALLOWED_FORMAT: dict[str, str] = {"\t": "CHARACTER TABULATION", "\n": "LINE FEED"}
"""Control and format characters a text may hold, by name; printed Chinese needs no other."""


def invisible_ranges() -> str:
    """Every control (Cc) and format (Cf) character and the line and paragraph separators, as regex ranges.

    Computed from this Python's Unicode tables; ``_INVISIBLE`` is its result written out (a walk over every
    code point costs half a second at import), and a test keeps the two equal.
    """
    codes = [
        c
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in ALLOWED_FORMAT
    ]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])

    def escape(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "".join(escape(a) if a == b else f"{escape(a)}-{escape(b)}" for a, b in ranges)


_INVISIBLE = (
    r"\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    r"\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd"
    r"\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    r"\U000e0020-\U000e007f"
)
TEXT_PATTERN = rf"^[^\s{_INVISIBLE}](?:[^{_INVISIBLE}]*[^\s{_INVISIBLE}])?$"
"""No control or format characters (bidi marks and isolates, soft hyphens, tags, NEL...), and no leading or
trailing spaces (checked in Rust)."""
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REGION_PATTERN = r"^(?:[0-9]{6}|[a-z]+(?:-[a-z]+)*)$"
FILE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
PATTERN_MESSAGES = {
    TEXT_PATTERN: "has leading or trailing spaces, or control, format or zero-width characters (Unicode Cc, Cf)",
    SLUG_PATTERN: "ids are lowercase ASCII letters and digits joined by single hyphens",
    FILE_NAME_PATTERN: "a file name such as economic-daily-2022-11-employment.txt, with no folder",
    URL_PATTERN: "a web address such as https://www.example.gov.cn/news/1.html, with no spaces",
    REGION_PATTERN: 'a region is a six-digit GB/T 2260 code such as "420000", or a province slug such as liaoning',
}
"""Plain words for the patterns' failures."""


def _date_as_text(value: object) -> object:
    # YAML reads an unquoted 2022-09-30 as a date; keep it as the text it was.
    return value.isoformat() if isinstance(value, dt.date) else value


Text = Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT_PATTERN)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
When = Annotated[str, BeforeValidator(_date_as_text), Field(min_length=4, max_length=80, pattern=TEXT_PATTERN)]
Count = Annotated[float, Field(ge=0, allow_inf_nan=False)]
FileName = Annotated[str, Field(pattern=FILE_NAME_PATTERN, max_length=120)]
Url = Annotated[str, Field(max_length=500, pattern=URL_PATTERN)]


RegionName = Annotated[str, BeforeValidator(lambda v: str(v) if type(v) is int else v), Field(pattern=REGION_PATTERN)]
"""A six-digit GB/T 2260 code, or a province slug; checked against the table with the other cross-checks."""
UNKNOWN_REGION = (
    'unknown region {!r}: give a GB/T 2260 six-digit code such as "420000" (Hubei) '
    'or "513400" (Liangshan prefecture), or a province slug such as liaoning'
)
Period = When
"""Checked with the other cross-checks, once per distinct text: see ``metrics.catalogue.periods``."""

MAX_BASE_VALUE = 1e15
"""The largest base value (after its scale) a fact may have: past it, figures lose exactness as floats."""

DENOMINATORS: dict[str, int] = {"resident-population": 10_000}
"""Indicators a region's reach may be divided by, with the per-how-many they are shown as (per 10,000 residents)."""

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(BaseModel):
    """One report on the newspaper page."""

    model_config = _STRICT

    id: Slug
    """Stable identifier, referenced by facts."""
    publisher: Text
    """The publisher's name as it prints it (经济日报)."""
    publisher_en: Text | None = None
    """The publisher's name in English, where it has one."""
    page: Text
    """The page, or a note that its number is not known."""
    published: When
    """Publication date as precisely as the text allows (YYYY, YYYY-MM or YYYY-MM-DD)."""
    date_note: Text | None = None
    """Why the date is no more precise, where it is not."""
    headline: Text
    headline_en: Text | None = None
    byline: Text
    summary: Text | None = None
    """The report's finding in one line, in Chinese: shown under the region's name above the charts."""
    summary_en: Text | None = None
    """The same finding in English."""
    article: FileName | None = None
    """The file the report's text is in; its quotes are checked against that file."""
    url: Url | None = None
    """The web address the report was read at, for a report published on the web."""
    via: Text | None = None
    """The site that reposted the report, where the copy read is a repost (publisher is the original outlet)."""


class Unit(BaseModel):
    """A unit a figure may be counted in, with the measure words reports print after it."""

    model_config = _STRICT

    id: Slug
    name_en: Text
    """How a figure's unit reads in English: persons, job postings."""
    name_zh: Text
    """How it reads in Chinese after a number: 人, 个岗位."""
    words: list[Text] = Field(min_length=1)
    """Measure words that may follow a number of this unit (人, 名); a quote's word must be one of them."""
    max: Count | None = None
    """The largest figure this unit allows, in base units (100 for a share in percent)."""


class Category(BaseModel):
    """A kind of figure; only units listed together may share an axis."""

    model_config = _STRICT

    id: Slug
    name_en: Text
    name_zh: Text
    units: list[Slug] = Field(min_length=1)
    """Ids of the units whose figures this category holds."""


class Defined(BaseModel):
    """An entry of a vocabulary, named and defined in both languages."""

    model_config = _STRICT

    id: Slug
    name_en: Text
    name_zh: Text
    definition_en: Text
    """One line saying what belongs here."""
    definition_zh: Text


class Term(Defined):
    """One entry of a typology (an intervention type, a target group, a measure), named in both languages."""

    lmp: int | None = Field(default=None, ge=1, le=9)
    """The Eurostat/OECD Labour Market Policy category number this entry is, where it is one."""
    addition: bool = False
    """Not in the LMP typology: added because the reports need it."""

    @model_validator(mode="after")
    def _lmp_or_addition(self) -> Term:
        if self.lmp is not None and self.addition:
            raise ValueError("an entry is either an LMP category (lmp) or an addition, not both")
        return self


class Indicator(Defined):
    """An official indicator that reports print year after year (城镇新增就业): its facts form a series per region."""

    unit: Slug
    """Id of the unit every figure of this indicator is counted in."""
    measure: Slug
    """Id of the measure every figure of this indicator is (outcomes for new urban jobs, context for a rate)."""


class Programme(BaseModel):
    """A programme or organisation whose figures the article reports."""

    model_config = _STRICT

    id: Slug
    region: RegionName
    name_zh: Text
    name_en: Text
    level: Level
    intervention: Slug
    """Id of one of the file's ``interventions``: what kind of lever the programme is."""
    target_group: Slug
    """Id of one of the file's ``target_groups``: whom it is for."""
    place: Text
    """Where the programme runs, in Chinese (or as the article names it)."""
    place_en: Text | None = None
    """The same place in English, where given."""


class Fact(BaseModel):
    """One number from the article, as printed, with the clause it came from."""

    model_config = _STRICT

    id: Slug
    """Stable identifier, used in CSV and URLs."""
    region: RegionName
    """Six-digit GB/T 2260 code of the province, prefecture or county (a province slug also works)."""
    programme: Slug
    """Id of the programme this figure describes."""
    metric: Text
    """What is counted, in English."""
    metric_zh: Text
    """What is counted, in Chinese."""
    value: Count | None
    """The number exactly as printed, before its scale; null only for a range such as 数万."""
    value_to: Count | None = None
    """The upper end of a printed range (5 in 3至5万); absent otherwise."""
    scale: Scale | None = None
    """The printed multiplier (万 in 40.6万, 成 in 五成); absent when the number stands alone."""
    unit: Slug
    """Id of one of the file's ``units``."""
    qualifier: Annotated[Qualifier, Field(strict=False)]
    """exact, at_least (余/多/超过/以上), at_most (最高/以内), approximate (约/近/左右), projected (预计),
    target (计划/力争/确保), range (数万, 3至5万)."""
    category: Slug
    """Id of one of the file's ``categories``; facts share a chart axis only within one category and unit."""
    measure: Slug
    """Id of one of the file's ``measures``: what the figure is (participants, providers, context, ...)."""
    indicator: Slug | None = None
    """Id of one of the file's ``indicators``: facts of one region and indicator are one series over time, and a
    target (qualifier ``target``) pairs with the result of its period."""
    as_of: Period | None = None
    """Period the figure refers to: 2022, 2022-09, 2022-09-30, or a range such as 2022-01/2022-10."""
    quote: Text
    """The shortest verbatim clause that carries the number."""
    source: Slug
    """Id of the report the quote is from."""
    headline: bool = False
    """Shown on the region's card; a participants figure so marked is its programme's reach."""
    note: Text | None = None
    """The curator's reason for a record the tools advise against (a qualifier the wording seems to contradict,
    a value past its unit's bound). Shown with the figure and exported; without it, such a record is refused."""
    shares_figure_with: Slug | None = None
    """Id of a fact with the same quote and figure: one printed number that counts for both (均达100%)."""

    @property
    def multiplier(self) -> int:
        return scale_multiplier(self.scale or "")

    @property
    def base_value(self) -> Decimal | None:
        """The value in base units: 40.6 with scale 万 gives 406000."""
        if self.value is None or self.value_to is not None:
            return None
        return Decimal(repr(self.value)) * self.multiplier

    @model_validator(mode="after")
    def _value_fits_qualifier(self) -> Fact:
        ranged = self.value is None or self.value_to is not None
        if ranged != (self.qualifier is Qualifier.RANGE):
            raise ValueError("value is null, or value_to is set, exactly when qualifier is range (数万, 3至5万)")
        if self.value is None and self.value_to is not None:
            raise ValueError("value_to needs the range's lower end in value")
        if self.value is not None and self.value_to is not None and self.value_to <= self.value:
            raise ValueError("value_to must be larger than value")
        if self.value is None and self.scale is None:
            raise ValueError("a range such as 数万 needs its scale")
        return self


def match_quote(
    fact: Fact, words: Mapping[str, Collection[str]], read: Mapping[str, list[Reading]] | None = None
) -> tuple[Reading | None, str | None]:
    """Find the number in the quote that is this fact's value, checking qualifier and measure word.

    ``words`` gives each unit's measure words; ``read`` may hold quotes already read,
    by their text. Returns the reading, or None and a message saying what is wrong.
    """
    readings = read.get(fact.quote) if read else None
    if readings is None:
        readings = find_numbers(fact.quote)
    scale = fact.scale or ""
    numeral = None if fact.value is None else Decimal(repr(fact.value))
    numeral_to = None if fact.value_to is None else Decimal(repr(fact.value_to))
    for reading in reversed(readings):
        if reading.numeral == numeral and reading.scale == scale and reading.numeral_to == numeral_to:
            break
    else:
        if not readings:
            return None, "quote holds no number"
        if fact.value is None:
            wanted = f"数{scale}"
        else:
            wanted = f"{fact.value:g}" + ("" if fact.value_to is None else f"至{fact.value_to:g}") + scale
        seen = ", ".join(r.printed for r in readings)
        return None, f"quote does not print {wanted}; it reads {seen}"
    if reading.qualifier is not fact.qualifier and fact.note is None:
        return None, qualifier_advice(fact, reading) + "; if the wording misleads here, give the reason in note:"
    unit_words = words.get(fact.unit)
    if reading.unit_word and unit_words is not None and reading.unit_word not in unit_words:
        return None, f"unit {fact.unit} does not fit the quote's measure word {reading.unit_word}"
    return reading, None


def qualifier_advice(fact: Fact, reading: Reading) -> str:
    return (
        f"qualifier is {fact.qualifier.value} but the quote's wording "
        f"({reading.printed}) makes it {reading.qualifier.value}"
    )


class Excluded(BaseModel):
    """A number in the article that is deliberately not a fact, and why."""

    model_config = _STRICT

    text: Text
    """The verbatim clause that holds the number."""
    reason: Text
    source: Slug | None = None
    """The report the clause is from; without it, the clause may be in any article."""


class MetricsFile(BaseModel):
    """The whole curated file."""

    model_config = _STRICT

    sources: list[Source] = Field(min_length=1)
    units: list[Unit] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    interventions: list[Term] = Field(min_length=1)
    """Kinds of programme: the LMP categories, and additions the reports need."""
    target_groups: list[Term] = Field(min_length=1)
    """Whom programmes are for."""
    measures: list[Term] = Field(min_length=1)
    """What a figure is, in the LMP sense: participants, providers, activities, spending, outcomes, context."""
    indicators: list[Indicator] = []
    """Official indicators that follow a region over time, each with its definition and unit."""
    programmes: list[Programme] = Field(min_length=1)
    facts: list[Fact] = Field(min_length=1)
    excluded: list[Excluded] = []
    _readings: list[Reading | None] | None = PrivateAttr(default=None)

    def unit_words(self) -> dict[str, frozenset[str]]:
        """Each declared unit's measure words."""
        return {u.id: frozenset(u.words) for u in self.units}

    def readings(self) -> list[Reading | None]:
        """Each fact's number as read from its quote (None where it does not match), computed once."""
        if self._readings is None:
            words = self.unit_words()
            self._readings = [match_quote(f, words)[0] for f in self.facts]
        return self._readings

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> MetricsFile:
        # The loader runs these itself to report each at its own line.
        if not (info.context or {}).get("defer_cross_checks"):
            from metrics.catalogue.checks import cross_check, dotted  # they read these records' types

            problems = cross_check(self)
            if problems:
                raise ValueError("; ".join(f"{dotted(loc)}: {msg}" for loc, msg in problems))
        return self
