"""Read numbers as Chinese newspapers print them.

``40.6万人`` is 406,000 people; ``百余家`` is at least 100 organisations;
``数万人`` is tens of thousands, a range rather than a number. The reader keeps
the printed numeral and its scale apart, so a curated fact can record exactly
what the article printed and the base-unit value can be derived from it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Qualifier(StrEnum):
    """How a printed figure relates to the true number."""

    EXACT = "exact"
    AT_LEAST = "at_least"  # 余 / 多 / 超过 / 逾
    AT_MOST = "at_most"  # 最高 / 可达 / …内
    PROJECTED = "projected"  # 预计
    TARGET = "target"  # 确保 / 力争 … 达
    RANGE = "range"  # 数万: a single digit times the scale


SCALES: dict[str, int] = {"": 1, "十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}
"""Multipliers a numeral may carry after it."""

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1_000}

# Measure words that may follow a number, longest first so 人次 wins over 人.
UNIT_WORDS = ("人次", "%", "人", "名", "个", "家", "场", "条", "项", "元", "年", "亩", "届", "月", "日")

_TOKEN = re.compile(
    r"(?P<pre>超过|逾)?"
    r"(?P<num>\d+(?:\.\d+)?|数[十百千万亿]|[零〇一二两三四五六七八九十百千]+)"
    r"(?P<more1>余|多)?"
    r"(?P<scale>万|亿)?"
    r"(?P<more2>余|多)?"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNIT_WORDS) + r")?"
    r"(?P<within>内)?"
)

_PROJECTED_WORDS = ("预计",)
_TARGET_WORDS = ("确保", "力争")
_AT_MOST_WORDS = ("最高", "可达", "最多", "不超过")


class Reading(NamedTuple):
    """One number found in text (a tuple: quotes are read by the hundred thousand)."""

    printed: str
    """The characters that carry the number, e.g. ``1600余场``."""
    numeral: Decimal | None
    """The number before its scale (``40.6`` in ``40.6万``); None for 数."""
    scale: str
    """``万``, ``亿`` or ``""``. A 数 reading with 十/百/千 keeps that here too."""
    unit_word: str
    """The measure word after the number (人, 人次, 家, %, …) or ``""``."""
    qualifier: Qualifier

    @property
    def multiplier(self) -> int:
        return scale_multiplier(self.scale)

    @property
    def base(self) -> Decimal | None:
        """The value in base units, or None for a range."""
        return None if self.numeral is None else self.numeral * self.multiplier

    @property
    def low(self) -> Decimal:
        """The least the text allows."""
        return Decimal(self.multiplier) if self.numeral is None else self.base  # type: ignore[return-value]

    @property
    def high(self) -> Decimal | None:
        """The most the text allows; None when open-ended."""
        if self.numeral is None:
            return Decimal(9 * self.multiplier)
        if self.qualifier is Qualifier.AT_LEAST:
            return None
        return self.base


def scale_multiplier(scale: str) -> int:
    """``万`` -> 10000; compound scales such as ``十万`` multiply."""
    result = 1
    for ch in scale:
        result *= SCALES[ch]
    return result


def parse_chinese_numeral(text: str) -> int:
    """``三`` -> 3, ``二十`` -> 20, ``百`` -> 100, ``一千二百`` -> 1200."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


_CONTEXT = re.compile("|".join(_TARGET_WORDS + _PROJECTED_WORDS + _AT_MOST_WORDS))
_CONTEXT_QUALIFIER = {w: Qualifier.TARGET for w in _TARGET_WORDS}
_CONTEXT_QUALIFIER |= {w: Qualifier.PROJECTED for w in _PROJECTED_WORDS}
_CONTEXT_QUALIFIER |= {w: Qualifier.AT_MOST for w in _AT_MOST_WORDS}
_CONTEXT_RANK = (Qualifier.TARGET, Qualifier.PROJECTED, Qualifier.AT_MOST)


def _context_qualifier(before: str) -> Qualifier:
    """The strongest wording before a number: target, then projected, then at most."""
    found = {_CONTEXT_QUALIFIER[w] for w in _CONTEXT.findall(before)}
    return next((q for q in _CONTEXT_RANK if q in found), Qualifier.EXACT)


def _reading(match: re.Match[str], text: str) -> Reading:
    printed = match.group()
    pre, num, more1, scale, more2, unit, within = match.groups()
    scale = scale or ""
    if num[0] == "数":
        return Reading(printed, None, num[1:] + scale, unit or "", Qualifier.RANGE)
    numeral = Decimal(num) if num[0].isdigit() else Decimal(parse_chinese_numeral(num))
    if pre or more1 or more2:
        qualifier = Qualifier.AT_LEAST
    elif within:
        qualifier = Qualifier.AT_MOST
    else:
        start = match.start()
        qualifier = _context_qualifier(text[:start]) if start else Qualifier.EXACT
    return Reading(printed, numeral, scale, unit or "", qualifier)


def strip_spaces(text: str) -> str:
    """Remove all whitespace, as PDF extraction scatters it inside phrases."""
    return "".join(text.split())


def find_numbers(text: str) -> list[Reading]:
    """Every number in a clause, each with the qualifier its wording gives it."""
    text = strip_spaces(text)
    return [_reading(m, text) for m in _TOKEN.finditer(text)]


def read_number(text: str) -> Reading:
    """Read one printed figure such as ``40.6 万``, ``百余`` or ``超过800``.

    Raises ValueError unless the text is exactly one number form.
    """
    compact = strip_spaces(text)
    prefix = next((w for w in _CONTEXT_QUALIFIER if compact.startswith(w)), "")
    match = _TOKEN.fullmatch(compact, len(prefix))
    if match is None:
        raise ValueError(f"not a number form: {text!r}")
    return _reading(match, compact)
