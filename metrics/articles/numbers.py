"""Read numbers as Chinese newspapers print them.

``40.6万人`` is 406,000 people; ``百余家`` is at least 100 organisations;
``数万人`` is tens of thousands, a range rather than a number; ``3至5万`` is a range
with both ends; ``五成`` and ``百分之九十`` are percentages. The reader keeps the
printed numeral and its scale apart, so a curated fact can record exactly what
the article printed and the base-unit value can be derived from it.

Words that merely contain a numeral (一批, 一次性, 四川, 零就业) are not numbers.
A qualifier comes from the figure's own wording, or from a modal word (预计,
计划, 确保, …) earlier in the same sentence, never from an earlier sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Qualifier(StrEnum):
    """How a printed figure relates to the true number."""

    EXACT = "exact"
    AT_LEAST = "at_least"  # 余 / 多 / 超过 / 逾 / 以上 / 不少于 / 突破 / 上万
    AT_MOST = "at_most"  # 最高 / 不超过 / 以内 / 不足
    APPROXIMATE = "approximate"  # 约 / 近 / 左右
    PROJECTED = "projected"  # 预计
    TARGET = "target"  # 计划 / 力争 / 确保
    RANGE = "range"  # 数万, 3至5万


SCALES: dict[str, int] = {"": 1, "十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000, "成": 10}
"""Multipliers a numeral may carry after it (成 is tenths, read as percent: 五成 = 50%)."""

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1_000}

# Measure words that may follow a number, longest first so 人次 wins over 人.
UNIT_WORDS = tuple(
    sorted(
        (
            "人次",
            "个百分点",
            "平方米",
            "小时",
            "公里",
            "%",
            "人",
            "名",
            "位",
            "个",
            "家",
            "所",
            "场",
            "条",
            "项",
            "元",
            "年",
            "亩",
            "届",
            "月",
            "日",
            "号",
            "天",
            "户",
            "次",
            "期",
            "班",
            "门",
            "套",
            "台",
            "件",
            "种",
            "类",
            "批",
            "岁",
            "倍",
            "村",
            "座",
            "支",
            "处",
            "部",
            "本",
            "份",
            "台",
            "吨",
            "周",
        ),
        key=len,
        reverse=True,
    )
)
"""Every measure word the reader knows; the data's units say which fit which unit."""

# Words built on a numeral that count nothing; they are skipped, not read.
NOT_NUMBERS = (
    "一批",
    "一次性",
    "一些",
    "一线",
    "一流",
    "一体化",
    "一站式",
    "一揽子",
    "三位一体",
    "四位一体",
    "五位一体",
    "一体",
    "清零",
    "一带一路",
    "一起",
    "一直",
    "一定",
    "一样",
    "一般",
    "一致",
    "统一",
    "唯一",
    "万一",
    "一旦",
    "进一步",
    "一方面",
    "一道",
    "一同",
    "一度",
    "一举",
    "一系列",
    "一律",
    "一心",
    "同一",
    "第一时间",
    "四川",
    "零就业",
    "零工",
    "零距离",
    "零门槛",
    "百姓",
    "千方百计",
    "千家万户",
    "万众",
    "十分",
    "三农",
    "两会",
    "十四五",
    "十三五",
    "一对一",
    "一人一档",
    "一人一策",
    "一对一帮扶",
    "九州",
    "万达",
    "千万不",
    "百花",
    "三明",
    "六盘水",
    "九江",
    "七台河",
    "五指山",
    "十堰",
    "万宁",
    "三亚",
    "三沙",
    "千岛湖",
    "第一季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "前三季度",
    "一年级",
    "二年级",
    "三年级",
)

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_NUM = rf"(?:{_ARABIC}|{_CN})"
_UNIT = "|".join(re.escape(u) for u in UNIT_WORDS)
_SKIP = "|".join(re.escape(w) for w in sorted(NOT_NUMBERS, key=len, reverse=True))

_AT_LEAST_BEFORE = ("超过", "逾", "突破", "不少于", "不低于", "至少", "超")
_AT_MOST_BEFORE = ("不超过", "最高", "最多", "不足", "不到")
_ABOUT_BEFORE = ("大约", "将近", "接近", "约占", "约有", "约为", "约", "近")
_BEFORE = sorted(_AT_LEAST_BEFORE + _AT_MOST_BEFORE + _ABOUT_BEFORE, key=len, reverse=True)

_FIRST = "".join(sorted({w[0] for w in (*NOT_NUMBERS, *_BEFORE)} | set("0123456789零〇一二两三四五六七八九十百千数上")))
_TOKEN = re.compile(
    rf"(?=[{_FIRST}])"  # a cheap test at each position before the alternatives
    rf"(?:(?P<skip>{_SKIP})"
    rf"|百分之(?P<pct>{_NUM})(?P<pct_post>以上|以内|之内|以下|左右)?"
    r"|数(?P<several>[十百千]?[十百千万亿])(?P<several_unit>" + _UNIT + r")?"
    r"|上(?P<up>[百千万亿])(?P<up_unit>" + _UNIT + r")?"
    r"|(?P<pre>" + "|".join(_BEFORE) + r")?"
    rf"(?P<num>{_NUM})"
    r"(?P<more1>余|多)?"
    r"(?P<scale>千万|百万|十万|万|亿)?"
    r"(?P<more2>余|多)?"
    r"(?:(?P<unit1>" + _UNIT + r")(?=至|到|~|～|—|－|-))?"
    rf"(?:(?P<to>至|到|~|～|—|－|-)(?P<num2>{_NUM})(?P<scale2>千万|百万|十万|万|亿)?)?"
    r"(?P<cheng>成)?"
    r"(?P<unit>" + _UNIT + r")?"
    r"(?P<post>以上|以内|之内|以下|左右|上下|内)?)"
)

_POST_QUALIFIER = {"以上": Qualifier.AT_LEAST, "左右": Qualifier.APPROXIMATE}
_POST_QUALIFIER |= {w: Qualifier.AT_MOST for w in ("以内", "之内", "以下")}
_PROJECTED_WORDS = ("预计", "有望", "预期")
_TARGET_WORDS = ("确保", "力争", "计划", "争取", "目标", "还将", "将新建", "将再")
_TARGET_WORDS += ("将举办", "将开展", "将组织", "将开发")
_AT_MOST_WORDS = ("最高", "可达", "最多", "不超过")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_END = re.compile(r"[。！？；!?;\n，,：:、…]")
_DIGIT = re.compile(r"[0-9０-９]")

TRADITIONAL_PAIRS = (
    "萬万億亿餘余個个場场兩两約约達达還还將将確确劃划計计預预數数於于項项戶户歲岁筆笔級级員员"
    "爭争實实現现創创貸贷資资補补貼贴訓训練练職职業业質质開开幾几單单與与內内並并"
    # place names: provinces, and the cities and counties reports name most
    "遼辽寧宁廣广東东蘇苏閩闽贛赣魯鲁粵粤瓊琼陝陕隴陇貴贵雲云臺台灣湾滬沪陽阳瀋沈連连錦锦撫抚鐵铁蘆芦島岛"
    "營营盤盘興兴濟济鄭郑寶宝雞鸡蘭兰銀银衛卫烏乌齊齐爾尔濱滨錫锡揚扬華华長长漢汉廈厦臨临棗枣濰潍邊边綿绵"
    "靈灵晉晋遠远關关澤泽嶺岭嶽岳紹绍溫温麗丽義义龍龙鶴鹤雙双綏绥萊莱鹽盐蕪芜銅铜黃黄隨随荊荆門门縣县區区"
    "鄉乡鎮镇莊庄"
    # words of employment reports
    "發发擔担崗岗畢毕學学產产農农務务勞劳動动點点幫帮為为對对這这會会議议經经態态勢势續续穩稳體体總总進进"
    "標标較较額额線线網网處处辦办廳厅統统參参險险醫医導导應应屆届類类選选規规貧贫機机構构給给時时間间"
    "轉转費费權权織织組组務务廠厂區区歸归鄰邻險险養养傷伤專专術术技技級级證证書书門门戶户衝冲擊击勵励"
    "優优惠惠強强區区號号億亿舉举擴扩記记見见習习調调帶带報报據据說说稱称決决層层離离蹤踪訪访願愿歸归頭头"
    "環环協协審审復复獲获聯联設设計计別别難难"
)
"""Traditional characters and their simplified forms, read one for one: 萬 is 万, so 45萬人 reads as 450,000."""
_FOLD = dict(zip(TRADITIONAL_PAIRS[0::2], TRADITIONAL_PAIRS[1::2], strict=True))
_FOLD = {old: new for old, new in _FOLD.items() if old != new}  # 技技: already the same in both scripts
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％～" + "".join(_FOLD), "0123456789.%~" + "".join(_FOLD.values()))


def fold(text: str) -> str:
    """Full-width digits made ASCII and traditional characters simplified, one character for one, so that a
    position in the folded text is the same position in ``text``: places and measure words are read from the
    fold, quotes cut from the text as printed."""
    return text.translate(_FULL_WIDTH)


class Reading(NamedTuple):
    """One number found in text (a tuple: quotes are read by the hundred thousand)."""

    printed: str
    """The characters that carry the number, e.g. ``1600余场``."""
    numeral: Decimal | None
    """The number before its scale (``40.6`` in ``40.6万``, 3 in ``3至5万``); None for 数."""
    scale: str
    """``万``, ``亿``, ``成`` or ``""``. A 数 reading with 十/百/千 keeps that here too."""
    unit_word: str
    """The measure word after the number (人, 人次, 家, %, 成, 百分之, …) or ``""``."""
    qualifier: Qualifier
    numeral_to: Decimal | None = None
    """The upper end of a printed range (5 in ``3至5万``)."""
    start: int = 0
    """Where ``printed`` begins in the text as read (spaces removed)."""
    chinese: bool = False
    """The numeral is written in Chinese characters (三个, 百余), not digits."""

    @property
    def multiplier(self) -> int:
        return scale_multiplier(self.scale)

    @property
    def base(self) -> Decimal | None:
        """The value in base units, or None for a range."""
        if self.numeral is None or self.numeral_to is not None:
            return None
        return self.numeral * self.multiplier

    @property
    def low(self) -> Decimal:
        """The least the text allows."""
        if self.numeral is None:
            return Decimal(self.multiplier)
        return self.numeral * self.multiplier

    @property
    def high(self) -> Decimal | None:
        """The most the text allows; None when open-ended."""
        if self.numeral is None:
            return Decimal(9 * self.multiplier)
        if self.numeral_to is not None:
            return self.numeral_to * self.multiplier
        if self.qualifier is Qualifier.AT_LEAST:
            return None
        return self.numeral * self.multiplier


def scale_multiplier(scale: str) -> int:
    """``万`` -> 10000; compound scales such as ``十万`` multiply."""
    result = 1
    for ch in scale:
        result *= SCALES[ch]
    return result


def parse_chinese_numeral(text: str) -> Decimal:
    """``三`` -> 3, ``二十`` -> 20, ``百`` -> 100, ``一千二百`` -> 1200, ``三点五`` -> 3.5."""
    whole, _, fraction = text.partition("点")
    total, digit = 0, None
    for ch in whole:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch] if digit is None else digit * 10 + _CN_DIGITS[ch]  # 二〇二二 reads 2022
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    number = Decimal(total + (digit or 0))
    if fraction:
        if any(ch not in _CN_DIGITS for ch in fraction):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        number += Decimal("0." + "".join(str(_CN_DIGITS[ch]) for ch in fraction))
    return number


def _numeral(text: str) -> tuple[Decimal, bool]:
    if text[0].isdigit():
        return Decimal(text.replace(",", "")), False
    return parse_chinese_numeral(text), True


_CONTEXT_QUALIFIER = {w: Qualifier.TARGET for w in _TARGET_WORDS}
_CONTEXT_QUALIFIER |= {w: Qualifier.PROJECTED for w in _PROJECTED_WORDS}
_WILL = "将[^，。；,;、]{0,3}?(?:创设|新建|建设|开发|举办|开展|组织|实施|培训|提供|扶持|发放|帮助)"
"""将 with a verb of doing (山东省将大规模创设…): what will be done is a target."""
MODAL = re.compile("|".join((_WILL, *_TARGET_WORDS, *_PROJECTED_WORDS)))
TARGET_IN_BRACKETS = re.compile(r"(?:目标|任务)[(（]$")
"""完成年度目标(45万人)的27.8%: the figure in brackets is the target itself, though 完成 comes before it."""
_TARGET_AFTER = re.compile(r"的?(?:目标任务|年度目标|年度任务|目标|任务)(?![的完])")
"""完成了国家下达的110万人的任务: the figure the task or target itself names."""
_CAP = re.compile("|".join(_AT_MOST_WORDS))
_ACHIEVED = re.compile("完成")
"""Before 目标, 完成 makes the figure an achievement (完成年度目标任务的105%), not a target."""
PLAN_NAME = re.compile(r"(?:[项个]计划|.计划[”’》)）]*(?:[,，、。；;：:和与及]|$))")
"""计划 as the name of programmes (四项计划, “展翅计划”,…), not a plan to do something: 计划明年再建300个."""


class Bounds:
    """Where a text's sentences and clauses end, found once, so each number's look-back costs a bisection."""

    def __init__(self, text: str, breaks: Sequence[int] = ()) -> None:
        """``breaks``: more places where both end (a byline's end, so no clause runs across it)."""
        self.sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.clauses = []
        for m in _CLAUSE_END.finditer(text):  # 、 ends a clause after a figure (新建车间120个、吸纳…), not in a list
            if m.group() != "、" or _DIGIT.search(text, self.clauses[-1] if self.clauses else 0, m.start()):  # of nouns
                self.clauses.append(m.end())
        if breaks:
            self.sentences = sorted({*self.sentences, *breaks})
            self.clauses = sorted({*self.clauses, *breaks})

    @staticmethod
    def _last(ends: list[int], start: int, floor: int = 0) -> int:
        """The last end at or before ``start`` (a boundary right before a number counts), else ``floor``."""
        index = bisect.bisect_right(ends, start)
        return max(ends[index - 1], floor) if index else floor

    def sentence(self, start: int) -> int:
        return self._last(self.sentences, start)

    def clause(self, start: int) -> int:
        return self._last(self.clauses, start)


def _context_qualifier(text: str, start: int, bounds: Bounds | None = None) -> Qualifier:
    """A modal word earlier in the sentence (target before projected), else a cap earlier in the clause."""
    bounds = bounds or Bounds(text[:start])
    sentence = bounds.sentence(start)
    found = {
        _CONTEXT_QUALIFIER.get(m.group(), Qualifier.TARGET)
        for m in MODAL.finditer(text, sentence, start)
        if not (m.group() == "目标" and _ACHIEVED.search(text, max(sentence, m.start() - 6), m.start()))
        and not (m.group() == "计划" and PLAN_NAME.match(text, m.start() - 1))
    }
    for qualifier in (Qualifier.TARGET, Qualifier.PROJECTED):
        if qualifier in found:
            return qualifier
    clause = max(bounds.clause(start), sentence)
    return Qualifier.AT_MOST if _CAP.search(text, clause, start) else Qualifier.EXACT


def _reading(match: re.Match[str], text: str, original: str, bounds: Bounds | None = None) -> Reading | None:
    printed = original[match.start() : match.end()]
    start = match.start()
    groups = match.groupdict()
    if groups["skip"]:
        return None
    if groups["pct"]:
        numeral, chinese = _numeral(groups["pct"])
        post = groups["pct_post"] or ""
        qualifier = _POST_QUALIFIER.get(post) or _context_qualifier(text, start, bounds)
        return Reading(printed, numeral, "", "百分之", qualifier, None, start, chinese)
    if groups["several"]:
        unit = groups["several_unit"] or ""
        return Reading(printed, None, groups["several"], unit, Qualifier.RANGE, None, start, True)
    if groups["up"]:
        unit = groups["up_unit"] or ""
        return Reading(printed, Decimal(1), groups["up"], unit, Qualifier.AT_LEAST, None, start, True)
    numeral, chinese = _numeral(groups["num"])
    scale = groups["scale"] or ""
    unit = groups["unit"] or ""
    if groups["cheng"]:
        scale, unit = scale + "成", "成"
    numeral_to = None
    if groups["unit1"] and not groups["num2"]:
        unit = groups["unit1"]
    if groups["num2"]:
        numeral_to, _ = _numeral(groups["num2"])
        scale2 = groups["scale2"] or ""
        if scale and scale2 and scale != scale2:
            numeral_to *= Decimal(scale_multiplier(scale2)) / Decimal(scale_multiplier(scale))
        elif scale2 and not scale:
            scale = scale2  # 3至5万: the scale printed once covers both ends
        if numeral_to <= numeral:
            numeral_to = None  # 9-10 is not a range of figures but, say, a date; read the first number alone
    pre, post = groups["pre"] or "", groups["post"] or ""
    if numeral_to is not None:
        qualifier = Qualifier.RANGE
    elif (pre in _AT_LEAST_BEFORE or groups["more1"] or groups["more2"] or post == "以上") and (
        not start or _context_qualifier(text, start, bounds) is not Qualifier.TARGET
    ):
        qualifier = Qualifier.AT_LEAST
    elif pre in _AT_MOST_BEFORE or post in ("以内", "之内", "以下", "内"):
        qualifier = Qualifier.AT_MOST
    elif pre in _ABOUT_BEFORE or post in ("左右", "上下"):
        qualifier = Qualifier.APPROXIMATE
    elif TARGET_IN_BRACKETS.search(text, max(0, start - 3), start) or _TARGET_AFTER.match(text, match.end()):
        qualifier = Qualifier.TARGET
    else:
        qualifier = _context_qualifier(text, start, bounds) if start else Qualifier.EXACT
    return Reading(printed, numeral, scale, unit, qualifier, numeral_to, start, chinese)


def strip_spaces(text: str) -> str:
    """Remove all whitespace, as PDF extraction scatters it inside phrases."""
    return "".join(text.split())


def normalise(text: str) -> str:
    """Spaces removed and full-width digits made ASCII, one character for one, so positions hold."""
    return strip_spaces(text).translate(_FULL_WIDTH)


def find_numbers(text: str) -> list[Reading]:
    """Every number in a text, each with the qualifier its wording gives it."""
    original = strip_spaces(text)
    text = original.translate(_FULL_WIDTH)
    bounds = Bounds(text)
    found = (_reading(m, text, original, bounds) for m in _TOKEN.finditer(text))
    return [r for r in found if r is not None]


def read_number(text: str) -> Reading:
    """Read one printed figure such as ``40.6 万``, ``百余`` or ``超过800``.

    Raises ValueError unless the text is exactly one number form.
    """
    original = strip_spaces(text)
    compact = original.translate(_FULL_WIDTH)
    prefix = next((w for w in _CONTEXT_QUALIFIER if compact.startswith(w)), "")
    match = _TOKEN.fullmatch(compact, len(prefix))
    reading = None if match is None else _reading(match, compact, original)
    if reading is None:
        raise ValueError(f"not a number form: {text!r}")
    return reading
