"""What a drafted figure counts, in the article's words (``metric_zh``): the noun phrase of its clause, without
the time, scope, place and plan words around it."""

from __future__ import annotations

import re
from functools import cache

from metrics.articles.layout import OPENERS, trim
from metrics.articles.numbers import Reading, find_numbers
from metrics.articles.places import place_names
from metrics.catalogue.regions import divisions

_LEAD = re.compile(
    r"^(?:今年以来|春节以来|以来|今年|去年|明年底?|下一步|目前|截至[^，。]{0,6}?[月年]底?|到[^，。]{0,6}?[月年]底|"
    r"[0-9]{4}年底?|[0-9一二三四五六七八九十]+至[0-9一二三四五六七八九十]+月|人社局|人社厅|"
    r"[0-9]{1,2}(?:[—\-–至到][0-9]{1,2})?月份?|前[0-9]{1,2}个?月|[0-9]{1,2}日|"
    r"全省|全市|全区|全县|全州|全自治区|该省|该市|该区|我省|我市|我区|这样的|这些|同时|现有|新区|开发区|高新区|当地|其中|含(?!量)|"
    r"并|预计有?|计划|力争|确保|实现(?=新增|[^，。]{0,8}就业)|将|已|还|又|共)+"
)
"""Words before what a figure counts: its time (1—11月, 前10月), scope (全省, 该省, 我省), plan (the qualifier says
target), or a link word (同时, 实现, 含). 累计 and 再 stay: they say what is counted (累计提供岗位, 再建服务站)."""
_VERBS = (
    "建立",
    "建",
    "帮助",
    "带动",
    "吸纳",
    "提供",
    "组织",
    "开展",
    "举办",
    "培训",
    "服务",
    "解决",
    "安置",
    "新增",
    "实现",
    "达",
    "增加",
    "掌握",
)
_TAIL = re.compile(r"[^，。；、,;()（）]{0,12}")
"""The words after a figure, up to the end of its clause, list item or bracket."""
_TAIL_END = re.compile("(?:和|及|与|以及|等)$")


def metric_zh(quote: str, reading: Reading, after: str) -> str:
    """What the figure counts, in the article's words: the clause's noun phrase without its time, scope and place.

    Where the words before the figure are only a verb (帮助近8000名困难群众) or a base (每个村至少1名带头人),
    the noun after it is added; where they only compare (同比增加), the noun of the clause before.
    """
    head = quote[: len(quote) - len(reading.printed)]
    for word in _LINKS:
        head = head.removesuffix(word)
    clauses = _trim(head).split("，")
    head = _noun_phrase(clauses[-1])
    head = _FOR_WHOM.sub("", _SUBJECT.sub("", head))
    if head.startswith("同比") and len(clauses) > 1:
        head = _noun_phrase(_FIGURE_AT_END.sub("", clauses[-2])) + head
    if len(head) <= 2 or head.endswith(_VERBS) or head.startswith("每"):  # 每个村 names the base, not the count
        head += noun_after(after)
    if head.endswith("占") and reading.unit_word in ("%", "百分之", "成"):
        head += "比"  # 第一产业就业人员占29.9%: the share
    return head[-40:] or trim(quote)


def _trim(text: str) -> str:
    """The text without the marks it starts and ends with, but for a bracket closing one it opened
    (新增技能人才(取证))."""
    text = text.lstrip(OPENERS)
    end = len(text)
    while end and text[end - 1] in OPENERS:
        opened = text.count("(") + text.count("（") - text[: end - 1].count(")") - text[: end - 1].count("）")
        if text[end - 1] in ")）" and opened > 0:
            break
        end -= 1
    return text[:end]


def noun_after(after: str) -> str:
    """What follows a figure, up to the next clause, list item or figure; a verb left before that next figure
    goes too (300个车间帮助数万人 → 车间)."""
    tail = _TAIL.match(after).group()
    figures = find_numbers(tail)
    if figures:
        tail = tail[: figures[0].start]
        tail = next((tail.removesuffix(verb) for verb in _VERBS if tail.endswith(verb)), tail)
    return _TAIL_END.sub("", _ASPECT.sub("", tail))


_SUBJECT = re.compile(r"^[^，。、]{2,6}?(?=(?:已|可)(?:为|申请|培养|提供|举办|开展|组织|建成|帮助|吸纳|带动))")
"""Who did it, before 已 or 可 and a verb with an object (李敬海已为公司培养, 杨嘉汽车可申请): the figure counts
what was done. Not before a verb alone (毕业生已就业 counts graduates)."""
_FOR_WHOM = re.compile(r"(?:已|可)?为[^，。、为]{1,8}?(?=培养|增加|举办|提供|开展|组织|拨付|发放)")
"""For whom it was done (为企业增加技能人才): the figure counts what was done."""
_ASPECT = re.compile("了(?!解)")
"""The 了 after a verb (取得了证书), not the 了 of 了解."""
_LINKS = (
    "保持在",
    "稳定在",
    "控制在",
    "在",
    "累计",
    "共计",
    "共有",
    "共",
    "已达",
    "可达",
    "达到",
    "达",
    "超过",
    "逾",
    "有",
    "为",
    "约",
    "近",
    "突破",
    "已",
    "至少",
)
"""Words between what is counted and its figure, taken off one after another in this order (城镇调查失业率保持在
5.5%左右 counts the rate; 每年城镇新增就业在110万人以上 new jobs)."""
_FIGURE_AT_END = re.compile(r"[约近逾]?[0-9.]+[十百千万亿]*[^0-9，]{0,2}$")


def _noun_phrase(clause: str) -> str:
    """A clause without the place, time, scope and plan words it starts with, the 了 of its verb and a final 的.

    The first word may be any place; once other words are gone, only a full name or a province's short name
    counts as one, so a verb that is also a district's short name (新建) stays.
    """
    head = _ASPECT.sub("", clause)
    names = place_names()
    while True:
        place = _leading_place(head, names)
        shorter = _LEAD.sub("", head[len(place) :])
        if shorter == head:
            break
        head, names = shorter, _later_place_names()
    return head.removesuffix("的")


def _leading_place(text: str, names: frozenset[str]) -> str:
    """One of ``names`` the text begins with (武汉市, 兰州), else ""."""
    for length in range(min(12, len(text)), 1, -1):
        if text[:length] in names:
            return text[:length]
    return ""


@cache
def _later_place_names() -> frozenset[str]:
    """Full names of any division (天水市, 新建区) and provinces' short names (广西)."""
    provinces = [d for d in divisions().values() if d.code.endswith("0000")]
    return frozenset(d.name_zh for d in divisions().values()) | frozenset(d.short_zh for d in provinces)
