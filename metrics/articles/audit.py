"""Which printed numbers in each article no fact or excluded entry claims, or two of them claim."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from metrics.articles.numbers import Reading, find_numbers, normalise

if TYPE_CHECKING:  # the catalogue is handed in; reading articles does not depend on it
    from metrics.catalogue.schema import MetricsFile


_NUMERAL = re.compile(r"[0-9０-９.,．零〇一二两三四五六七八九十百千万亿]{1,16}")


def _run(text: str, start: int) -> str:
    """The numeral characters a number begins with: its key in the index below."""
    match = _NUMERAL.match(text, start)
    return match.group() if match else text[start : start + 1]


@lru_cache(maxsize=1 << 17)
def _clause_numbers(clause: str) -> tuple[Reading, ...]:
    """A clause's numbers; cached, as validation and the audit look for the same clauses."""
    return tuple(find_numbers(clause))


def occurrences(text: str, clauses: set[str], readings: list[Reading] | None = None) -> dict[str, list[int]]:
    """Where in ``text`` (spaces removed) each of ``clauses`` begins, found through the numbers both print.

    A clause's last number is whole on its left (clauses are cut before their figure, never
    inside it), so the clause can only begin where an article number with the same numeral
    begins, less its offset in the clause. Looking there, not everywhere, keeps this linear in
    the article however many clauses there are. A clause found nowhere that way (one without a
    number, or cut inside one) is searched for in the whole text, which costs time only then.
    """
    starts: dict[str, list[int]] = {}
    for reading in find_numbers(text) if readings is None else readings:
        starts.setdefault(_run(text, reading.start), []).append(reading.start)
    found: dict[str, list[int]] = {}
    for clause in clauses:
        own = _clause_numbers(clause)
        places = found.setdefault(clause, [])
        if own:
            offset = own[-1].start
            for begin in starts.get(_run(clause, offset), ()):
                if begin >= offset and text.startswith(clause, begin - offset):
                    places.append(begin - offset)
        if not places:
            at = text.find(clause)
            while at >= 0:
                places.append(at)
                at = text.find(clause, at + 1)
    return found


class Unclaimed(NamedTuple):
    reading: Reading
    inside: str | None
    """The fact whose quote holds this number without it being that fact's figure, if any."""


class Twice(NamedTuple):
    reading: Reading
    first: str
    second: str


class ArticleAudit(NamedTuple):
    unclaimed: list[Unclaimed]
    twice: list[Twice]

    def __bool__(self) -> bool:
        return bool(self.unclaimed or self.twice)


class _Claimer(NamedTuple):
    field: str
    """``facts[3]`` or ``excluded[5]``."""
    clause: str
    own: Reading | None
    """A fact's own figure, read from its quote; None for an excluded entry, which claims every number in it."""
    shares: frozenset[str] = frozenset()
    """The facts this one shares its printed figure with (均达100%), either way round."""


def _claimers(data: MetricsFile) -> dict[str | None, list[_Claimer]]:
    """Who may claim numbers, by the article they belong to (None: any article)."""
    sources = {s.id: s.article for s in data.sources}
    fields = {fact.id: f"facts[{index}]" for index, fact in enumerate(data.facts)}
    shared: dict[str, set[str]] = {}
    for index, fact in enumerate(data.facts):
        if fact.shares_figure_with in fields:
            shared.setdefault(f"facts[{index}]", set()).add(fields[fact.shares_figure_with])
            shared.setdefault(fields[fact.shares_figure_with], set()).add(f"facts[{index}]")
    found: dict[str | None, list[_Claimer]] = {}
    for index, (fact, own) in enumerate(zip(data.facts, data.readings(), strict=True)):
        field = f"facts[{index}]"
        claimer = _Claimer(field, normalise(fact.quote), own, frozenset(shared.get(field, ())))
        found.setdefault(sources.get(fact.source), []).append(claimer)
    for index, item in enumerate(data.excluded):
        article = sources.get(item.source) if item.source else None
        found.setdefault(article, []).append(_Claimer(f"excluded[{index}]", normalise(item.text), None))
    return found


def _overlapping(starts: list[int], readings: list[Reading], begin: int, end: int) -> list[Reading]:
    """The article's numbers that overlap ``[begin, end)``; ``starts`` are their sorted starts."""
    index = max(bisect.bisect_right(starts, begin) - 1, 0)
    hits = []
    while index < len(readings) and readings[index].start < end:
        reading = readings[index]
        if reading.start + len(reading.printed) > begin:
            hits.append(reading)
        index += 1
    return hits


def _figures_around(printings: list[tuple[int, int, int]], begin: int, end: int) -> set[int]:
    """The figures of the facts whose quote, where the fact claims it, holds ``[begin, end)``; ``printings`` are
    (start, end, figure), sorted."""
    index = bisect.bisect_right(printings, (begin, 1 << 62, 1 << 62))  # those starting at or before ``begin``
    found = set()
    while index > 0 and begin - printings[index - 1][0] <= MAX_QUOTE:
        index -= 1
        start, stop, figure = printings[index]
        if start <= begin and end <= stop:
            found.add(figure)
    return found


MAX_QUOTE = 500
"""No fact's quote is longer than this (the data file's text fields are at most 500 characters), so the search
for the quotes holding a text looks back no further."""


def audit(data: MetricsFile, articles: Mapping[str, str]) -> dict[str, ArticleAudit]:
    """For each article, the printed numbers that no fact or excluded entry claims, and those claimed twice.

    A fact claims one number: its own figure, at its place in the quote. An excluded entry
    claims every number in its text, wherever the text occurs, except at a fact's own printing of its quote: there
    it claims nothing if it is that quote, and not the fact's figure if it lies inside it (a block printed twice:
    the fact claims one printing, the entry the repeats). A fact whose
    quote occurs more than once claims the first occurrence no other fact has claimed. A fact counts in its
    source's article (in every article where its source names none); an excluded entry in its source's article,
    or in any article without a source.
    """
    claimers = _claimers(data)
    results: dict[str, ArticleAudit] = {}
    for name, article in articles.items():
        text = normalise(article)
        own = claimers.get(None, []) + ([] if name == "" else claimers.get(name, []))
        if name == "" or len(articles) == 1:
            own = [c for group in claimers.values() for c in group]
        readings = find_numbers(article)
        starts = [r.start for r in readings]
        places = occurrences(text, {c.clause for c in own}, readings)
        claims: dict[int, list[str]] = {}
        quoted: list[tuple[int, int, str]] = []
        printings: list[tuple[int, int, int]] = []  # where each fact's quote is printed, and its figure there
        for claimer in own:
            if claimer.own is None:
                continue
            targets = []
            for at in places.get(claimer.clause, []):
                quoted.append((at, at + len(claimer.clause), claimer.field))
                begin = at + claimer.own.start
                hits = _overlapping(starts, readings, begin, begin + len(claimer.own.printed))
                if hits:
                    targets.append((hits[-1].start, at))
            if targets:
                owners = [claims.get(t, []) for t, _ in targets]
                shared = [t for t, o in zip(targets, owners, strict=True) if claimer.shares & set(o)]
                free = [t for t, o in zip(targets, owners, strict=True) if not any(f.startswith("facts[") for f in o)]
                target, at = (shared or free or targets)[0]
                printings.append((at, at + len(claimer.clause), target))
                if (target, at) in shared:
                    continue  # one printed number, declared to count for both facts
                claims.setdefault(target, []).append(claimer.field)
        printings.sort()
        spans = {(begin, stop) for begin, stop, _ in printings}
        for claimer in own:
            if claimer.own is not None:
                continue
            for at in places.get(claimer.clause, []):
                end = at + len(claimer.clause)
                if (at, end) in spans:
                    continue  # a fact's own printing of a block printed again: the entry claims the repeats
                inside = _figures_around(printings, at, end)
                for reading in _overlapping(starts, readings, at, end):
                    if reading.start not in inside:
                        claims.setdefault(reading.start, []).append(claimer.field)
        quoted.sort()
        quote_starts = [q[0] for q in quoted]
        unclaimed, twice = [], []
        for reading in readings:
            owners = claims.get(reading.start, [])
            if len(owners) > 1:
                twice.append(Twice(reading, owners[0], owners[1]))
            elif not owners:
                index = bisect.bisect_right(quote_starts, reading.start)
                inside = next((field for begin, end, field in reversed(quoted[:index]) if end > reading.start), None)
                unclaimed.append(Unclaimed(reading, inside))
        results[name] = ArticleAudit(unclaimed, twice)
    return results


def positions(article: str) -> list[tuple[int, int]]:
    """Line and column in the article of each character that is not a space, in order (one pass)."""
    found = []
    line, column = 1, 0
    for ch in article:
        if ch == "\n":
            line, column = line + 1, 0
        else:
            column += 1
        if not ch.isspace():
            found.append((line, column))
    return found


def _at(name: str, where: list[tuple[int, int]], reading: Reading) -> str:
    line, column = where[reading.start] if reading.start < len(where) else (1, 1)
    return f"{name}:{line}:{column}: {reading.printed}"


def report(results: Mapping[str, ArticleAudit], articles: Mapping[str, str], name_of=lambda field: field) -> str:
    """One line per number no one claims or two claim, at its line and column in the article; a count per article.

    ``name_of`` turns a field such as ``facts[3]`` into what the reader is shown (its place in the data file).
    """
    lines = []
    for name, found in results.items():
        where = positions(articles[name]) if found else []
        for reading, inside in found.unclaimed:
            note = f" (it lies in the quote of {name_of(inside)}, whose figure is another)" if inside else ""
            lines.append(f"{_at(name, where, reading)} is claimed by no fact and no excluded entry{note}")
        for reading, first, second in found.twice:
            lines.append(f"{_at(name, where, reading)} is claimed twice: by {name_of(first)} and by {name_of(second)}")
        lines.append(f"{name}: {len(found.unclaimed)} numbers unaccounted for")
        if found.twice:
            lines.append(f"{name}: {len(found.twice)} numbers claimed twice")
    return "\n".join(lines) + "\n"
