"""The period a figure is for, from the period words printed before it: 2021年, 1—11月, 一季度, 上半年, 截至2023年底,
今年 (the year of the report's date).

A period word holds from where it is printed to the end of its paragraph, or until another one is printed; a year
printed alone (2021年) sets the year that a later 一季度 or 1—11月 of the paragraph belongs to. Periods are written
as the data file writes ``as_of``: 2021, 2021-01/2021-11, 2023-01/2023-03.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SHORT_YEAR = (
    r"(?:(?<![0-9.\u4e00-\u9fff])[1-4][0-9](?=年(?![来以内间多的后前左上]))|(?<![0-9.])[1-4][0-9](?=年[0-9,，:：全]))"
)
"""23年 as web reports write 2023: at the start of a line or after a mark (23年河南省…), or before a comma, a
month or 全 (23年,全省…); not 近23年, 23年来 or 工作23年以上."""
_YEAR = rf"(?:(?P<year>20[0-9]{{2}})年|(?P<short>{SHORT_YEAR})年|(?P<this>今年|本年|去年|上年))?"
_PERIOD = re.compile(
    r"(?=[截到目0-9一二三四前上下今本去全第])"  # a cheap test at each position before the alternatives
    r"(?P<upto>截至|截止到?|到)?"
    r"(?:目前)?" + _YEAR + r"(?:"
    r"(?:(?:1|一)(?:—|-|–|－|~|～|至|到)|前)(?P<month>1[0-2]|[1-9]|十[一二]?|[二三四五六七八九])个?月(?:份|底|末)?"
    r"|(?P<single>1[0-2]|[1-9])月(?P<month_end>份|底|末)?(?![0-9日号])"
    r"|(?:第?(?P<quarter>[一二三四1-4])|(?P<quarters>前[三两二3])个?)季度"
    r"|(?P<half>上|下)半年"
    r"|(?P<end>底|末)"
    r"|(?P<whole>度|全年(?![目任计]))"
    r")?"
)
_CN_MONTHS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_MONTHS |= {"十一": 11, "十二": 12}
_NOT_A_PERIOD = re.compile(r"[0-9]|[—\-–－~～至到][0-9]|年")
"""After a match: the year is part of a range of years (2023-2025), or a date follows (2月22日)."""


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _CN_MONTHS[text]


@dataclass(frozen=True)
class _Said:
    at: int
    year: int | None
    """A year printed (or given by 今年 and the report's date), else None."""
    months: tuple[int, int] | None
    """First and last month, where a part of the year is printed."""
    horizon: bool = False
    """到2025年: the date a plan is set for, so the figures under it are targets."""
    day: bool = False
    """截至2023年底: a count on a day (2023-12-31), not over a period."""
    numbered: bool = False
    """The year is printed in digits (2023年), not said as 今年."""


class Periods:
    """The period words of an article (its fold, spaces removed) and where its paragraphs begin."""

    def __init__(self, text: str, paragraphs: list[int], published: str = "", headline_end: int = 0) -> None:
        """``headline_end``: where the article's headline ends (0 for none); a whole year it names (2022年度) is
        the period of a paragraph that prints none."""
        self.paragraphs = paragraphs
        self.report_year = int(published[:4]) if re.match(r"20[0-9]{2}", published) else None
        dated = re.fullmatch(r"(20[0-9]{2})-([0-9]{2})(?:-[0-9]{2})?", published)
        self.report_month = (int(dated[1]), int(dated[2])) if dated else None
        self.said: list[_Said] = []
        for match in _PERIOD.finditer(text):
            if not match.group() or (_NOT_A_PERIOD.match(text, match.end()) and not match["end"]):
                continue
            said = self._read(match)
            if said is not None:
                self.said.append(said)
        self.starts = [s.at for s in self.said]
        self.headline = next(
            (
                index
                for index, said in enumerate(self.said)
                if said.at < headline_end
                and said.year is not None
                and said.months in (None, (1, 12))
                and not (said.horizon or said.day)
            ),
            -1,
        )

    def _read(self, match: re.Match[str]) -> _Said | None:
        year: int | None = (
            int(match["year"]) if match["year"] else 2000 + int(match["short"]) if match["short"] else None
        )
        if match["this"]:
            if self.report_year is None:
                return None
            year = self.report_year - (match["this"] in ("去年", "上年"))
        months = None
        if match["month"]:
            months = (1, _month(match["month"]))
        elif match["single"]:
            month = int(match["single"])
            months = (1, month) if match["upto"] else (month, month)
        elif match["quarter"]:
            quarter = _month(match["quarter"]) if not match["quarter"].isdigit() else int(match["quarter"])
            months = (3 * quarter - 2, 3 * quarter)
        elif match["quarters"]:
            months = (1, 3 * _month(match["quarters"][-1].replace("3", "三").replace("两", "二")))
        elif match["half"]:
            months = (1, 6) if match["half"] == "上" else (7, 12)
        elif match["whole"] == "全年":
            months = (1, 12)  # the year printed before it, or the report's
        elif year is None:
            return None  # 底, 度 or 到 alone
        horizon = match["upto"] == "到" and year is not None and not months
        if match["upto"] and not (match["end"] or months or horizon):
            return None  # 截至2025年 without 底: no period
        day = bool(match["upto"] and match["upto"] != "到" and match["end"] and not months)
        numbered = bool(match["year"] or match["short"])
        return _Said(match.start(), year, months, horizon, day, numbered)

    def _last(self, position: int) -> tuple[int, int]:
        """The index of the last period words before ``position`` in its paragraph (-1 if none), and where the
        paragraph starts."""
        index = bisect.bisect_left(self.paragraphs, position + 1) - 1
        paragraph = self.paragraphs[index] if index >= 0 else 0
        last = bisect.bisect_left(self.starts, position) - 1
        if last < 0 or self.said[last].at < paragraph:
            return self.headline, paragraph  # none in its paragraph: the headline's year, if it names one
        return last, paragraph

    def planned(self, position: int) -> bool:
        """Whether the period words before a figure make it a plan: a date a plan is set for (到2025年), or a
        year printed in digits that ends after the report's date (2023年 in a report of 2023-03-30)."""
        last, paragraph = self._last(position)
        if last < 0:
            return False
        said = self.said[last]
        if said.horizon:
            return True
        dated = said if said.year is not None else self._year_before(last, paragraph)  # 2023年,… 全年…
        if dated is None or not dated.numbered or dated.year is None or self.report_month is None:
            return False
        return (dated.year, said.months[1] if said.months else 12) > self.report_month

    def _year_before(self, last: int, paragraph: int) -> _Said | None:
        """The last period words with a year before ``self.said[last]`` in its paragraph."""
        return next((s for s in reversed(self.said[:last]) if s.year is not None and s.at >= paragraph), None)

    def at(self, position: int) -> str:
        """The period of a figure at ``position``: the last period words before it in its paragraph."""
        last, paragraph = self._last(position)
        if last < 0:
            return ""
        said = self.said[last]
        year = said.year
        if year is None:  # 一季度 after 2023年 in its paragraph, else in the report's year
            earlier = self._year_before(last, paragraph)
            if earlier is None and 0 <= self.headline < last:
                earlier = self.said[self.headline]  # 上半年 in a report whose headline names 2026年度
            year = earlier.year if earlier else self.report_year
        if year is None:
            return ""
        if said.day:
            return f"{year}-12-31"  # 截至2023年底: a count on the year's last day
        if said.months is None or said.months == (1, 12):
            return str(year)
        first, last_month = said.months
        if first == last_month:
            return f"{year}-{first:02d}"
        return f"{year}-{first:02d}/{year}-{last_month:02d}"
