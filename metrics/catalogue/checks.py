"""The checks that span records: unique ids, references that resolve, quotes that agree with their figures,
units' bounds, and the records a curator kept against the tools' advice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from metrics.articles.numbers import Reading
from metrics.catalogue.periods import bounds
from metrics.catalogue.regions import resolve
from metrics.catalogue.schema import (
    DENOMINATORS,
    MAX_BASE_VALUE,
    UNKNOWN_REGION,
    Fact,
    MetricsFile,
    match_quote,
    qualifier_advice,
)

Loc = tuple[str | int, ...]


def dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _duplicates(ids: list[str]) -> list[int]:
    seen: set[str] = set()
    dupes = []
    for index, ident in enumerate(ids):
        if ident in seen:
            dupes.append(index)
        seen.add(ident)
    return dupes


LIMIT_HINT = (
    "; a share of a target over 100 is unit percent-of-target, and a figure the article really prints past the"
    " bound is kept with the reason in note:"
)


def over_limit(fact: Fact, limits: Mapping[str, float]) -> bool:
    highest = max((v for v in (fact.value, fact.value_to) if v is not None), default=None)
    return fact.unit in limits and highest is not None and highest * fact.multiplier > limits[fact.unit]


def limit_advice(fact: Fact, limits: Mapping[str, float]) -> str:
    return f"a figure in {fact.unit} cannot exceed {limits[fact.unit]:g}"


def confirmations(data: MetricsFile) -> list[tuple[Loc, str]]:
    """Records kept against the tools' advice, each with the advice and the curator's note."""
    limits = {u.id: u.max for u in data.units if u.max is not None}
    found: list[tuple[Loc, str]] = []
    for index, (fact, reading) in enumerate(zip(data.facts, data.readings(), strict=True)):
        if fact.note is None:
            continue
        if reading is not None and reading.qualifier is not fact.qualifier:
            found.append((("facts", index, "qualifier"), f"{qualifier_advice(fact, reading)}; kept: {fact.note}"))
        if over_limit(fact, limits):
            found.append((("facts", index, "value"), f"{limit_advice(fact, limits)}; kept: {fact.note}"))
    return found


def cross_check(data: MetricsFile, read: Mapping[str, list[Reading]] | None = None) -> list[tuple[Loc, str]]:
    """Checks that span records: unique ids, references that resolve, quotes that agree."""
    problems: list[tuple[Loc, str]] = []
    named: tuple[tuple[str, list[Any]], ...] = (
        ("sources", data.sources),
        ("units", data.units),
        ("categories", data.categories),
        ("interventions", data.interventions),
        ("target_groups", data.target_groups),
        ("measures", data.measures),
        ("indicators", data.indicators),
        ("programmes", data.programmes),
        ("facts", data.facts),
    )
    for name, items in named:
        for index in _duplicates([item.id for item in items]):
            problems.append(((name, index, "id"), f"duplicate id {items[index].id!r}"))
    for name, items in named[1:7]:  # a vocabulary's names are what a reader chooses by: one name, one entry
        for field in ("name_en", "name_zh"):
            names = [" ".join(getattr(item, field).split()).casefold() for item in items]
            for index in _duplicates(names):
                first = names.index(names[index])
                problems.append(
                    (
                        (name, index, field),
                        f"{getattr(items[index], field)!r} already names {name}[{first}] ({items[first].id}): "
                        "a reader could not tell them apart",
                    )
                )
    units = data.unit_words()
    limits = {u.id: u.max for u in data.units if u.max is not None}
    categories = {c.id: frozenset(c.units) for c in data.categories}
    for index, category in enumerate(data.categories):
        for position, unit in enumerate(category.units):
            if unit not in units:
                problems.append((("categories", index, "units", position), f"no unit with id {unit!r}"))
    indicators = {i.id: i for i in data.indicators}
    for index, indicator in enumerate(data.indicators):
        if indicator.unit not in units:
            problems.append((("indicators", index, "unit"), f"no unit with id {indicator.unit!r} in units"))
        if indicator.measure not in {m.id for m in data.measures}:
            problems.append((("indicators", index, "measure"), f"no measure with id {indicator.measure!r} in measures"))
    codes: dict[str, str | None] = {}
    periods: dict[str, str | None] = {}

    def code(name: str, loc: Loc) -> str | None:
        if name not in codes:
            codes[name] = resolve(name)
        if codes[name] is None:
            problems.append((loc, UNKNOWN_REGION.format(name)))
        return codes[name]

    interventions = {t.id for t in data.interventions}
    groups = {t.id for t in data.target_groups}
    measures = {t.id for t in data.measures}
    for index, programme in enumerate(data.programmes):
        code(programme.region, ("programmes", index, "region"))
        if programme.intervention not in interventions:
            known = ", ".join(sorted(interventions))
            problems.append(
                (("programmes", index, "intervention"), f"no intervention {programme.intervention!r} (known: {known})")
            )
        if programme.target_group not in groups:
            known = ", ".join(sorted(groups))
            problems.append(
                (("programmes", index, "target_group"), f"no target group {programme.target_group!r} (known: {known})")
            )
    sources = {s.id for s in data.sources}
    programmes = {p.id: p for p in data.programmes}
    checks = [match_quote(f, units, read) for f in data.facts]
    data._readings = [reading for reading, _ in checks]
    by_id = {f.id: f for f in data.facts}
    for index, fact in enumerate(data.facts):
        programme = programmes.get(fact.programme)
        own = code(fact.region, ("facts", index, "region"))
        if fact.as_of is not None:
            if fact.as_of not in periods:
                try:
                    bounds(fact.as_of)
                    periods[fact.as_of] = None
                except ValueError as err:
                    periods[fact.as_of] = str(err)
            if periods[fact.as_of]:
                problems.append((("facts", index, "as_of"), periods[fact.as_of]))  # type: ignore[arg-type]
        if programme is None:
            problems.append((("facts", index, "programme"), f"no programme with id {fact.programme!r}"))
        elif own is not None and codes.get(programme.region) not in (None, own):
            problems.append(
                (("facts", index, "region"), f"{fact.region} differs from programme's region {programme.region}")
            )
        if fact.source not in sources:
            problems.append((("facts", index, "source"), f"no source with id {fact.source!r}"))
        if fact.measure not in measures:
            known = ", ".join(sorted(measures))
            problems.append((("facts", index, "measure"), f"no measure {fact.measure!r} (known: {known})"))
        elif fact.indicator in DENOMINATORS and (fact.measure != "context" or fact.unit != "persons"):
            problems.append(
                (
                    ("facts", index, "indicator"),
                    f"{fact.indicator} is a denominator: it must be a context figure counted in persons",
                )
            )
        if fact.unit not in units:
            problems.append((("facts", index, "unit"), f"no unit with id {fact.unit!r} in units"))
        elif fact.category not in categories:
            problems.append((("facts", index, "category"), f"no category with id {fact.category!r} in categories"))
        elif fact.unit not in categories[fact.category]:
            problems.append((("facts", index, "unit"), f"unit {fact.unit} does not fit category {fact.category}"))
        highest = max((v for v in (fact.value, fact.value_to) if v is not None), default=None)
        if highest is not None and highest * fact.multiplier > MAX_BASE_VALUE:
            problems.append(
                (("facts", index, "value"), f"{highest:g} × {fact.multiplier:,} is past {MAX_BASE_VALUE:.0e}, larger "
                 "than any count or sum a report prints (and than numbers stay exact in JSON)")
            )  # fmt: skip
            continue
        if over_limit(fact, limits) and fact.note is None:
            problems.append((("facts", index, "value"), limit_advice(fact, limits) + LIMIT_HINT))
        if fact.indicator is not None:
            declared = indicators.get(fact.indicator)
            if declared is None:
                known = ", ".join(sorted(indicators)) or "none declared"
                problems.append(
                    (("facts", index, "indicator"), f"no indicator {fact.indicator!r} in indicators (known: {known})")
                )
            elif declared.unit != fact.unit:
                problems.append(
                    (
                        ("facts", index, "unit"),
                        f"indicator {fact.indicator} is counted in {declared.unit}, not {fact.unit}",
                    )
                )
            elif declared.measure != fact.measure:
                problems.append(
                    (
                        ("facts", index, "measure"),
                        f"indicator {fact.indicator} is {declared.measure}, not {fact.measure}",
                    )
                )
        message = checks[index][1]
        if message:
            problems.append((("facts", index, "quote"), message))
        if fact.shares_figure_with is not None:
            other = by_id.get(fact.shares_figure_with)
            if other is None or other is fact:
                problems.append((("facts", index, "shares_figure_with"), f"no other fact {fact.shares_figure_with!r}"))
            elif (other.quote, other.value, other.scale) != (fact.quote, fact.value, fact.scale):
                problems.append(
                    (
                        ("facts", index, "shares_figure_with"),
                        f"{other.id} prints another quote or figure: only one number printed for both is shared",
                    )
                )
    return problems
