"""Rows for the article tools: drafting speed, and the numeral reader against cn2an."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal

import yaml

from bench.core import ROOT, Row, Stats, interleaved, timed
from metrics.articles.draft import draft
from metrics.articles.numbers import find_numbers, strip_spaces
from metrics.catalogue.load import load
from metrics.page.state import DEFAULT_DATA

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
LONG_CHARS = 20_000
_CHINESE_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千]")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def _long_article() -> str:
    """The test articles end to end, repeated to at least 20,000 characters."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    text = "\n\n".join(texts)
    while len(text) < LONG_CHARS:
        text += "\n\n" + "\n\n".join(texts)
    return text


def row_draft(reps: int) -> Row:
    """``draft`` on a 20,000-character article, against only finding its numbers."""
    article = _long_article()
    units = [(u.id, u.words) for u in load(DEFAULT_DATA).units]
    value, base = interleaved(
        lambda: timed(lambda: draft(article, units)), lambda: timed(lambda: find_numbers(article)), reps
    )
    note = f"{len(article):,} characters; goal: under 1 s"
    return Row("draft", "draft a 20k-character article", "find its numbers only", value, base, "s", None, note, 1.0)


def _cn2an_low(printed: str) -> Decimal | None:
    """What cn2an makes of a printed figure: its smart transform, then the first Arabic number, times 万/亿/成."""
    import cn2an

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            text = cn2an.transform(printed, "cn2an")
        except Exception:
            return None
    match = _ARABIC.search(text)
    if match is None:
        return None
    number = Decimal(match.group())
    rest = text[match.end() :]
    for word, size in (("万", 10_000), ("亿", 100_000_000), ("成", 10)):
        if rest.startswith(word):
            number *= size
    return number


def row_numerals() -> Row:
    """Chinese-numeral figures in the test articles read to the right value: this reader against cn2an."""
    gold = yaml.safe_load((ARTICLES / "gold.yaml").read_text(encoding="utf-8"))
    figures = [(p, Decimal(str(low))) for rows in gold.values() for p, low, _ in rows if _CHINESE_NUMERAL.search(p)]
    ours = sum(any(r.low == low for r in find_numbers(p)) for p, low in figures)
    theirs = sum(_cn2an_low(strip_spaces(p)) == low for p, low in figures)
    return Row(
        "numerals",
        "Chinese-numeral figures read right, this reader",
        "cn2an 0.5 transform",
        Stats.of([float(ours)]),
        Stats.of([float(theirs)]),
        "of " + str(len(figures)),
        1.0,
        "cn2an leaves 千余 and 数千 as text and turns 四川 into 4川; the reader stays hand-written",
        higher_is_better=True,
    )
