"""Numbers that are not programme figures, as ``draft`` writes them under ``excluded:``: one entry for the
numbers of one date or one quoted name, and the repeats of a block a web page prints twice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from metrics.articles.layout import MAX_BEFORE, Ends, last_start, trim
from metrics.articles.numbers import Reading, fold


@dataclass(frozen=True)
class Skipped:
    """A number that is not a programme figure, and why."""

    reading: Reading
    text: str
    reason: str


_NAME = re.compile(r"[^“”‘’\"《》，。；！？、：,.;!?:]{0,16}[”’\"》]")


def name_end(text: str, start: int, end: int) -> int:
    """Where a short quoted name holding the number ends (“百日千万招聘专项行动”), else ``end``: the excluded
    entry then holds the whole name, never half of it."""
    opened = max(text.rfind(mark, max(0, start - 16), start) for mark in '“‘"《')
    if opened < 0 or re.search(r"[，。；！？、：,;!?:”’》]", text[opened + 1 : start]):
        return end
    closing = _NAME.match(text, end)
    return closing.end() - 1 if closing else end


class Excluded:
    """Excluded entries as they are drafted. Numbers next to each other in one clause and line (11月20日, or
    百日 and 千万 of “百日千万”) share one entry, no text reaches back over a drafted figure, and each text is
    written once: the audit counts an excluded text as claiming its numbers wherever it is printed."""

    def __init__(self, text: str, ends: Ends, lines: list[int]) -> None:
        self.text, self.ends, self.lines = text, ends, lines
        self.items: list[Skipped] = []
        self.written: set[str] = set()
        self.span: tuple[int, int] | None = None
        """The last entry's text, while no drafted figure has come after it."""
        self.figure_end = 0

    def after_figure(self, end: int) -> None:
        """A drafted figure ends at ``end``: later entries start after it and merge with none before it."""
        self.span, self.figure_end = None, end

    def add(self, reading: Reading, reason: str) -> None:
        text, start = self.text, reading.start
        end = start + len(reading.printed)
        named = name_end(text, start, end)
        if named != end:
            reason, end = "A numeral inside a quoted name.", named
        span = self.span
        if (
            span is not None
            and self.ends.clause(start) <= span[1]
            and last_start(self.lines, start) <= span[0]
            and end - span[0] <= MAX_BEFORE
        ):
            first = self.items.pop()
            self.written.discard(first.text)
            self.span = (span[0], max(end, span[1]))
            why = reason if named != start + len(reading.printed) or reason in REPEAT_REASONS else first.reason
            self._write(Skipped(first.reading, trim(text[self.span[0] : self.span[1]]) or first.text, why))
            return
        begin = max(self.ends.clause(start), last_start(self.lines, start), self.figure_end)
        self.span = (begin, end)
        if not self._write(Skipped(reading, trim(text[begin:end]) or reading.printed, reason)):
            self.span = None

    def _write(self, item: Skipped) -> bool:
        if item.text in self.written:
            return False
        self.written.add(item.text)
        self.items.append(item)
        return True


class Repeats:
    """A figure printed again with the words before it (a repost's repeated headline or paragraph): the first
    printing outside the headline is the fact, every other one an excluded repeat."""

    def __init__(self, text: str, lines: list[tuple[int, str]], readings: list[Reading]) -> None:
        self.text = text
        self.firsts: dict[tuple[str, str], int] = {}
        headline = next((bare for _, bare in lines if bare), "")
        self.headline_end = len(headline) if headline and not _SENTENCE_MARK.search(headline) else 0
        self.later: set[tuple[str, str]] = set()
        """Figures of the headline printed again in the body: the body's printing is the fact."""
        found: dict[tuple[str, str], list[int]] = {}
        for reading in readings:
            key = self._key(reading)
            if key is not None:
                found.setdefault(key, []).append(reading.start)
        for key, starts in found.items():
            if starts[0] < self.headline_end and any(s >= self.headline_end for s in starts):
                self.later.add(key)

    def _key(self, reading: Reading) -> tuple[str, str] | None:
        words = _WORDS_BEFORE.search(self.text, max(0, reading.start - 6), reading.start)
        return (fold(reading.printed), words.group()) if words else None

    def seen(self, reading: Reading) -> str | None:
        """Why the figure is a repeat, or None where it is the one to draft."""
        key = self._key(reading)
        if key is None:
            return None
        if key in self.later and reading.start < self.headline_end:
            return REPEAT_REASONS[0]
        if key in self.firsts:
            return REPEAT_REASONS[1]
        self.firsts[key] = reading.start
        return None


_SENTENCE_MARK = re.compile(r"[。！？!?]")
_WORDS_BEFORE = re.compile(r"[^，。；！？,;:：、!?…]{4,6}$")
REPEAT_REASONS = (
    "The headline repeats a figure of the text; the text's printing is drafted.",
    "Printed again (a repeated block): the first printing is drafted.",
)
