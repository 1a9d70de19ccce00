"""Drafted facts and excluded numbers as YAML to paste into the data file, with comments saying what to check."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal

import yaml

from metrics.articles.draft import MAX_ENTRIES, Candidate, Hints, Units, draft
from metrics.catalogue.regions import divisions

_SAFE_PLAIN = re.compile(r"[^\s\-?:#,\[\]{}&*!|>'\"%@`](?:[^:#\n]*[^\s:#])?")
"""Text YAML reads as a plain string whatever follows: no indicator first, no ': ' or ' #' inside, no edge spaces."""
_TYPED = tuple(
    {pattern for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values() for _, pattern in resolvers}
)
"""What YAML would read as a number, bool, null, date or merge key instead of text."""


def _plain(value: str) -> str:
    """A YAML scalar for text: plain where YAML reads it back as the same text, else double-quoted."""
    if _SAFE_PLAIN.fullmatch(value) and not any(pattern.match(value) for pattern in _TYPED):
        return value
    return json.dumps(value, ensure_ascii=False)


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def draft_yaml(
    article: str,
    source: str,
    units: Units,
    name: str = "",
    categories: Units = (),
    hints: Hints | None = None,
    published: str = "",
) -> str:
    """The draft as YAML fragments to paste into the data file, with comments saying what to check.

    ``categories`` are (category id, unit ids) pairs; a fact gets the first that lists its unit.
    ``hints`` (from the data file) suggest a measure, an indicator and the English metric. ``published`` is the
    report's date, for the year of 今年.
    """
    hints = hints or Hints()
    result = draft(article, units, hints, published)
    source = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-") or "article"
    lines = [
        f"# Drafted from {name or 'the article'} by python -m metrics draft.",
        "# Check every field against the text; fill in an empty metric, check programme and measure; validate, audit.",
    ]
    members = _members(result.facts)
    lines += _programmes(result.facts, source, members, hints)
    lines.append("facts:")
    for index, fact in enumerate(result.facts, start=1):
        reading = fact.reading
        lines += [f"  - id: {source}-{index}", f"    region: {_plain(fact.region)}  # {fact.region_note}"]
        lines += [
            f"    programme: {source}-p{fact.group}  # suggested: {members[fact.group]}, as under programmes:"
            " above; rename, merge or split",
        ]
        metric = hints.metrics.get(fact.metric_zh, "")
        lines.append(
            f"    metric: {_plain(metric)}  # as facts with this metric_zh say"
            if metric
            else '    metric: ""  # what is counted, in English'
        )
        lines.append(f"    metric_zh: {_plain(fact.metric_zh)}")
        lines.append("    value: null" if reading.numeral is None else f"    value: {_number(reading.numeral)}")
        if reading.numeral_to is not None:
            lines.append(f"    value_to: {_number(reading.numeral_to)}")
        if reading.scale:
            lines.append(f"    scale: {reading.scale}")
        unit_note = "" if fact.unit else f"  # no unit lists the measure word {reading.unit_word or '(none)'}"
        listed = next((words for unit, words in units if unit == fact.unit), ())
        if fact.unit and reading.unit_word and reading.unit_word not in listed:
            unit_note = f"  # {reading.unit_word} counts these here: add it to this unit's words in units:"
        lines.append(f"    unit: {_plain(fact.unit)}{unit_note}")
        lines.append(f"    qualifier: {reading.qualifier.value}")
        if fact.as_of:
            lines.append(f'    as_of: "{fact.as_of}"  # from the period words printed before the figure')
        category = next((c for c, listed in categories if fact.unit in listed), "")
        note = "the first category listing the unit" if category else "id of a category listing the unit"
        lines.append(f"    category: {_plain(category)}  # {note}")
        like = hints.figures.suggest([fact.metric_zh], fact.unit)
        measure = like.answer if like else hints.measures.get(fact.unit, "")
        why = (
            f"as {like.label}, in this unit and most alike in metric_zh; check it"
            if like
            else "see measures"
            if not measure
            else "as facts in units of the same category are; check it"
            if fact.unit in hints.borrowed
            else "most facts in this unit are; context if it is the population acted on"
        )
        lines.append(f"    measure: {_plain(measure)}  # {why}")
        indicator = hints.indicators.get((fact.metric_zh, fact.unit))
        if indicator:
            lines.append(f"    indicator: {indicator}  # facts with this metric_zh and unit share it")
        lines.append(f"    quote: {_plain(fact.quote)}")
        lines.append(f"    source: {source}")
    lines.append("excluded:")
    for item in result.excluded:
        lines += [f"  - text: {_plain(item.text)}", f"    reason: {_plain(item.reason)}", f"    source: {source}"]
    if result.left_out:
        left = f"# {result.left_out:,} more numbers not drafted (at most {MAX_ENTRIES:,} a run): split the article"
        lines.append(left)
    return "\n".join(lines) + "\n"


def _programmes(facts: Sequence[Candidate], source: str, members: dict[int, str], hints: Hints) -> list[str]:
    """An entry to paste under ``programmes:`` for each suggested programme, its region, level and place filled in
    from the region of its first fact, a kind of intervention suggested from its figures' words, the rest left
    for the curator."""
    lines = ["programmes:  # one per suggested programme: name it, check its kind, say whom it is for, or merge"]
    words: dict[int, list[str]] = {}  # each group's facts' words
    for fact in facts:
        words.setdefault(fact.group, []).extend((fact.metric_zh, fact.quote))
    seen: set[int] = set()
    for fact in facts:
        if fact.group in seen:
            continue
        seen.add(fact.group)
        division = divisions().get(fact.region)
        like = hints.kinds.suggest(words[fact.group])
        kind = (
            f"    intervention: {like.answer}  # its figures share most words with {like.label}: check it"
            if like
            else '    intervention: ""  # see interventions'
        )
        lines += [
            f"  - id: {source}-p{fact.group}  # {members[fact.group]}",
            f"    region: {_plain(fact.region)}",
            '    name_zh: ""  # as the article names the programme',
            '    name_en: ""',
            f"    level: {_plain(_LEVELS[division.level] if division else '')}"
            "  # of the region; institution or company for one organisation's",
            kind,
            '    target_group: ""  # see target_groups',
            f"    place: {_plain(division.name_zh if division else '')}",
            f"    place_en: {_plain(division.name_en if division else '')}",
        ]
    return lines


_LEVELS = {"province": "province", "prefecture": "city", "county": "county"}
"""A programme's level from its region's: a prefecture's programme is a city's."""


def _members(facts: Sequence[Candidate]) -> dict[int, str]:
    """Which drafted facts each suggested programme holds, for its comment: "facts 5-8 (one paragraph, …)"."""
    numbers: dict[int, list[int]] = {}
    work = {fact.group for fact in facts if fact.work}
    for index, fact in enumerate(facts, start=1):
        numbers.setdefault(fact.group, []).append(index)
    why = {True: " (a province's official indicators, wherever printed)", False: " (one paragraph, region and measure)"}
    return {group: _runs(n) + why[group in work] for group, n in numbers.items()}


def _runs(numbers: list[int]) -> str:
    """fact 3; facts 1-4; facts 1-4, 9, 12-13."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
    return ("fact " if len(numbers) == 1 else "facts ") + text
