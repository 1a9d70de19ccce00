"""An article's layout, for quoting: its lines, paragraphs and bylines, and where its clauses and sentences end.

Positions are in the text without spaces, as the numeral reader places numbers.
"""

from __future__ import annotations

import bisect
import re

from metrics.articles.numbers import Bounds

OPENERS = "“”‘’\"'《》（）()【】「」 "
"""Quotation marks, brackets and spaces a quote neither starts nor ends with."""

MAX_BEFORE = 40
"""A quote or excluded text reaches at most this many characters before its number (text without ，。 stays short)."""


class Ends(Bounds):
    """Where a quote may begin: the last clause or sentence end before a number, at most ``MAX_BEFORE`` back."""

    def clause(self, start: int) -> int:
        return self._last(self.clauses, start, max(0, start - MAX_BEFORE))

    def sentence(self, start: int) -> int:
        return self._last(self.sentences, start, max(0, start - MAX_BEFORE))


def split_lines(article: str) -> list[tuple[int, str]]:
    """Each line of the article without its spaces, with where it begins in the text without spaces (as numbers
    are placed)."""
    lines, seen = [], 0
    for line in article.split("\n"):
        bare = "".join(line.split())
        lines.append((seen, bare))
        seen += len(bare)
    return lines


def last_start(starts: list[int], position: int) -> int:
    """The last of ``starts`` at or before ``position``."""
    index = bisect.bisect_right(starts, position)
    return starts[index - 1] if index else 0


_PARAGRAPH_END = re.compile(r"[。！？!?][”’」』）)]*$")


_BYLINE = re.compile(r"^(?:本报记者|本报通讯员|记者|通讯员|本报讯)")


def byline_ends(lines: list[tuple[int, str]]) -> list[int]:
    """Where each byline line (本报记者 李华) ends: the headline and byline above it are never part of a clause
    below it, though neither ends with a full stop."""
    return [start + len(bare) for start, bare in lines if _BYLINE.match(bare)]


def heading_ends(lines: list[tuple[int, str]]) -> list[int]:
    """Where each numbered section heading (一、劳动就业, （二）目标任务) ends: a line without a full stop that is
    no part of the clause after it."""
    return [start + len(bare) for start, bare in lines if _HEADING.fullmatch(bare)]


_HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])[^，。；！？,;!?：:]{1,16}")


def paragraph_starts(lines: list[tuple[int, str]]) -> list[int]:
    """Where each paragraph begins: at a line after one that ends a sentence.

    A line broken inside a sentence (as text copied from a PDF page's columns is) continues its paragraph.
    """
    starts, ended = [0], False
    for start, bare in lines:
        if bare:
            if ended and start != starts[-1]:
                starts.append(start)
            ended = bool(_PARAGRAPH_END.search(bare))
    return starts


def trim(text: str) -> str:
    return text.strip(OPENERS)
