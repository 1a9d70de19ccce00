"""Place names in an article, from the GB/T 2260 table: which region a figure is most likely about."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from metrics.articles.numbers import fold
from metrics.catalogue.regions import divisions

_LONGEST = 12


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Full names (辽宁省, 梁山县) -> code, and short names (辽宁, 梁山) that name one division only."""
    full: dict[str, str] = {}
    short: dict[str, list[str]] = {}
    for division in divisions().values():
        full.setdefault(division.name_zh, division.code)
        if division.short_zh != division.name_zh:
            short.setdefault(division.short_zh, []).append(division.code)
    unique = {name: codes[0] for name, codes in short.items() if len(codes) == 1 and name not in full}
    for division in divisions().values():  # an autonomous prefecture as reports name it: 临夏州, 凉山州
        if division.name_zh.endswith("自治州"):
            full.setdefault(division.short_zh + "州", division.code)
    return full, unique


@cache
def place_names() -> frozenset[str]:
    """Every full or unambiguous short place name."""
    full, short = _names()
    return frozenset(full) | frozenset(short)


@dataclass
class Places:
    """Where in the text each region is named."""

    mentions: list[tuple[int, str]] = field(default_factory=list)
    """(position, code), in text order."""
    counts: Counter[str] = field(default_factory=Counter)

    def region_at(self, position: int) -> tuple[str, str]:
        """The region named last before ``position`` (else the article's most named one), and a note saying so."""
        index = bisect.bisect_left(self.mentions, (position, ""))  # mentions are in text order
        if index:
            code = self.mentions[index - 1][1]
            how = "named last before the figure"
        elif self.counts:
            code = self.counts.most_common(1)[0][0]
            how = "named most often in the article"
        else:
            return "", "no place name found: give a six-digit GB/T 2260 code"
        return located(code, how)

    def named_in(self, start: int, end: int) -> str:
        """The region named last between ``start`` and ``end``, else ""."""
        index = bisect.bisect_left(self.mentions, (end, ""))
        if index and self.mentions[index - 1][0] >= start:
            return self.mentions[index - 1][1]
        return ""


def located(code: str, how: str) -> tuple[str, str]:
    """A region and the note saying how it was found: "梁山县 (Liangshan County), named last before the figure"."""
    division = divisions()[code]
    return code, f"{division.name_zh} ({division.name_en}), {how}"


_COMPANY = re.compile(r"[^，。；、,;：:“”的]{0,10}?(?:公司|集团|银行)")
"""A place name that begins an organisation's name (北京某某科技有限公司) says where the organisation is
registered, not where the story is. A name does not run across 的 (单县的一家公司 is a firm in 单县)."""


def find_places(text: str) -> Places:
    """Every place name in ``text`` (spaces already removed; traditional characters read as simplified), longest
    match first, and full names before short ones, so that a short name never eats the start of a full one (从江
    in 记者从江西省…).

    A prefecture or county named by its short form counts only where its province is named somewhere in the
    text too, so 东方 or 和平 in passing do not become places; a district or county's short form counts only
    before a word that could not go on a verb (新建 in 新建公共实训基地 is building, not 新建区).
    """
    text = fold(text)  # 遼寧 is 辽宁: one character for one, so positions hold
    full, short = _names()
    taken = bytearray(len(text))
    found: list[tuple[int, str, bool, int]] = []  # (position, code, a full name, length)
    for names, is_full in ((full, True), (short, False)):
        position = 0
        while position < len(text):
            for length in range(min(_LONGEST, len(text) - position), 1, -1):
                word = text[position : position + length]
                code = names.get(word)
                if code is not None and not any(taken[position : position + length]):
                    found.append((position, code, is_full, length))
                    taken[position : position + length] = b"\x01" * length
                    position += length
                    break
            else:
                position += 1
    found.sort()
    provinces = {code[:2] for _, code, _, _ in found if code.endswith("0000")}
    places = Places()
    for at, code, is_full, length in found:
        if _COMPANY.match(text, at + length):
            continue
        if not is_full and not code.endswith("00") and not _COUNTY_SHORT_ENDS.match(text, at + length):
            continue
        if code.endswith("0000") or is_full or code[:2] in provinces:
            places.mentions.append((at, code))
            places.counts[code] += 1
    return places


_COUNTY_SHORT_ENDS = re.compile(r"$|[，。；、,;：:“”的）)]|[县区市镇乡村]")
"""What may follow a county or district named by its short form: a mark, 的, or a word of place."""
