"""Which printed numbers in each article no fact or excluded entry accounts for."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from metrics.articles.numbers import Reading, find_numbers, normalise, strip_spaces

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


def _spans(text: str, clauses: set[str], readings: list[Reading]) -> list[tuple[int, int]]:
    return [(at, at + len(c)) for c, places in occurrences(text, clauses, readings).items() for at in places]


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether some span holds [start, end); ``spans`` sorted, with the furthest end so far alongside."""
    index = bisect.bisect_right(spans, (start, float("inf")))
    return index > 0 and spans[index - 1][1] >= end


def audit(data: MetricsFile, articles: Mapping[str, str]) -> dict[str, list[Reading]]:
    """For each article, the numbers printed in it that lie in no fact's quote and no excluded text.

    A fact counts in its source's article (in every article where its source names none);
    an excluded entry in its source's article, or in any article without a source.
    """
    sources = {s.id: s.article for s in data.sources}
    clauses: dict[str | None, list[str]] = {}
    for fact in data.facts:
        clauses.setdefault(sources.get(fact.source), []).append(strip_spaces(fact.quote))
    for item in data.excluded:
        clauses.setdefault(sources.get(item.source) if item.source else None, []).append(strip_spaces(item.text))
    gaps: dict[str, list[Reading]] = {}
    for name, article in articles.items():
        text = normalise(article)
        own = clauses.get(None, []) + ([] if name == "" else clauses.get(name, []))
        if name == "" or len(articles) == 1:
            own = [c for group in clauses.values() for c in group]
        readings = find_numbers(article)
        spans = sorted(_spans(text, {normalise(c) for c in own}, readings))
        reach, furthest = [], -1
        for begin, end in spans:  # each span paired with the furthest end reached by it or any before
            furthest = max(furthest, end)
            reach.append((begin, furthest))
        gaps[name] = [r for r in readings if not _covered(reach, r.start, r.start + len(r.printed))]
    return gaps


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


def report(gaps: Mapping[str, list[Reading]], articles: Mapping[str, str]) -> str:
    """``ARTICLE:LINE:COL: 1600余场 is in no fact's quote and no excluded text`` per gap, then a count per article."""
    lines = []
    for name, readings in gaps.items():
        where = positions(articles[name]) if readings else []
        for reading in readings:
            line, column = where[reading.start] if reading.start < len(where) else (1, 1)
            lines.append(f"{name}:{line}:{column}: {reading.printed} is in no fact's quote and no excluded text")
        lines.append(f"{name}: {len(readings)} numbers unaccounted for")
    return "\n".join(lines) + "\n"
