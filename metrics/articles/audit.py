"""Which printed numbers in each article no fact or excluded entry accounts for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from metrics.articles.numbers import Reading, find_numbers, strip_spaces

if TYPE_CHECKING:  # the catalogue is handed in; reading articles does not depend on it
    from metrics.catalogue.schema import MetricsFile


def _spans(text: str, clause: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(clause)
    while start >= 0:
        spans.append((start, start + len(clause)))
        start = text.find(clause, start + 1)
    return spans


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
        text = strip_spaces(article)
        own = clauses.get(None, []) + ([] if name == "" else clauses.get(name, []))
        if name == "" or len(articles) == 1:
            own = [c for group in clauses.values() for c in group]
        covered = [span for clause in set(own) for span in _spans(text, clause)]
        gaps[name] = [
            r
            for r in find_numbers(article)
            if not any(a <= r.start and r.start + len(r.printed) <= b for a, b in covered)
        ]
    return gaps


def _position(article: str, index: int) -> tuple[int, int]:
    """Line and column in the article of the ``index``-th character that is not a space."""
    seen = -1
    line, column = 1, 0
    for ch in article:
        if ch == "\n":
            line, column = line + 1, 0
        else:
            column += 1
        if not ch.isspace():
            seen += 1
            if seen == index:
                return line, column
    return line, column


def report(gaps: Mapping[str, list[Reading]], articles: Mapping[str, str]) -> str:
    """``ARTICLE:LINE:COL: 1600余场 is in no fact's quote and no excluded text`` per gap, then a count per article."""
    lines = []
    for name, readings in gaps.items():
        for reading in readings:
            line, column = _position(articles[name], reading.start)
            lines.append(f"{name}:{line}:{column}: {reading.printed} is in no fact's quote and no excluded text")
        lines.append(f"{name}: {len(readings)} numbers unaccounted for")
    return "\n".join(lines) + "\n"
