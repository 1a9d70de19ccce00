"""Article text -> drafted facts and excluded numbers (``draft_yaml`` prints them in the data file's format).

Every number the reader finds becomes either a candidate fact (a count with a
measure word, a scale or a percentage) or an excluded entry with a reason
(a year, a date, an ordinal, a numeral inside a name). Each candidate carries
the shortest clause that holds it verbatim, its value as printed, its scale,
its qualifier, a unit from its measure word and a region guessed from the
place names before it. A curator then fills in what only a reader can know.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from metrics.articles.excluded import Excluded, Repeats, Skipped
from metrics.articles.layout import (
    MAX_BEFORE,
    OPENERS,
    Ends,
    byline_ends,
    heading_ends,
    last_start,
    paragraph_starts,
    split_lines,
)
from metrics.articles.metric_zh import metric_zh, noun_after
from metrics.articles.numbers import (
    MODAL,
    PLAN_NAME,
    TARGET_IN_BRACKETS,
    Bounds,
    Qualifier,
    Reading,
    find_numbers,
    fold,
    strip_spaces,
)
from metrics.articles.periods import SHORT_YEAR, Periods
from metrics.articles.places import Places, find_places, located
from metrics.articles.similar import Examples, fact_measures, programme_kinds
from metrics.catalogue.regions import divisions

if TYPE_CHECKING:  # the catalogue is handed in
    from metrics.catalogue.schema import MetricsFile

_SCHEMA_SCALES = {"", "十", "百", "千", "万", "亿", "成"}
_DATE_WORDS = ("月", "日", "号")
_SPAN_BEFORE = ("近", "这", "过去", "前", "最近", "每")


@dataclass(frozen=True)
class Candidate:
    """A number that looks like a programme figure."""

    reading: Reading
    quote: str
    unit: str
    region: str
    region_note: str
    metric_zh: str
    group: int = 0
    """A suggested programme: figures of one paragraph about one region share a group (1, 2, …)."""
    as_of: str = ""
    """The period its words say the figure is for (2021, 2023-01/2023-03), or "" where none is printed."""
    work: bool = False
    """Its group is a province's employment work (its official indicators), not one paragraph's measure."""


@dataclass(frozen=True)
class Draft:
    facts: list[Candidate]
    excluded: list[Skipped]
    left_out: int = 0
    """Numbers past ``MAX_ENTRIES``, not drafted."""


MAX_ENTRIES = 5_000
"""Drafted facts and excluded entries together; past this, the draft says how many it left out."""


def _groups(
    facts: list[Candidate], paragraphs: list[int], text: str, ends: Ends, indicators: Sequence[str] = ()
) -> list[Candidate]:
    """Number the suggested programmes: a new group where the paragraph or the region changes, or where a
    sentence of the same paragraph opens another measure (``_opens_measure``).

    Figures of a province's official indicators are one group wherever the article prints them: its employment
    work. They are those whose ``metric_zh`` names one of ``ANCHOR_WORDS`` (城镇新增就业, 调查失业率, 再就业,
    with their changes and shares of target), those naming one of ``indicators`` (创业担保贷款, the data file's
    indicators) in a paragraph with such a figure of the province, and the figures after one in its sentence.
    """
    anchors = {
        (last_start(paragraphs, fact.reading.start), fact.region[:2])
        for fact in facts
        if _names_any(fact.metric_zh, ANCHOR_WORDS)
    }
    grouped: list[Candidate] = []
    numbers: dict[tuple[int, str, int], int] = {}
    joined: set[tuple[int, str]] = set()  # (sentence, region) with an indicator figure so far
    carried: dict[tuple[int, str], int] = {}  # (paragraph, region) -> the last sentence with one
    decided: dict[tuple[int, str], bool] = {}  # (sentence, region) -> carried on by its first figure
    last: tuple[int, str, int] | None = None
    sentence, measure, time = -1, 0, ""
    for fact in facts:
        paragraph = last_start(paragraphs, fact.reading.start)
        start = Bounds.sentence(ends, fact.reading.start)
        if last is None or last[0] != paragraph or start != sentence:
            opened = _TIME_OPENER.match(text, start)
            opened_time = opened.group(1) if opened else ""
            if last is None or last[0] != paragraph:
                measure, time = start, ""
            elif _opens_measure(text, start, text[measure:start], opened_time, time):
                measure = start
            sentence, time = start, opened_time or time
        key = last = (paragraph, fact.region, measure)
        province = fact.region[:2]
        if (
            _names_any(fact.metric_zh, ANCHOR_WORDS)
            or ((paragraph, province) in anchors and _names_any(fact.metric_zh, indicators))
            or (sentence, fact.region) in joined
            or decided.setdefault(
                (sentence, fact.region),
                (paragraph, fact.region) in carried
                and measure <= carried[(paragraph, fact.region)]
                and text[sentence - 1] not in "；;"  # after a semicolon, the next item of a list of measures
                and not _ACTION.search(fold(fact.metric_zh)[:6]),
            )
        ):
            joined.add((sentence, fact.region))
            carried[(paragraph, fact.region)] = sentence
            key = (-1, province, -1)
        group = numbers.setdefault(key, len(numbers) + 1)
        grouped.append(replace(fact, group=group, work=key[0] == -1))
    return grouped


def _names_any(counted: str, words: Sequence[str]) -> bool:
    plain = fold(counted)
    return any(word in plain for word in words)


ANCHOR_WORDS = (
    "城镇新增就业",
    "新增城镇就业",
    "新就业",
    "失业率",
    "再就业",
    "就业困难人员",
    "就业人员",
    "登记失业",
    "农村劳动力转移就业",
    "农民工新增就业",
    "农民工就业",
)
"""Words of the official indicators a province reports year after year: new urban jobs, unemployment rates,
re-employment, people with difficulties, employed persons, rural labour moved into work, migrant workers' jobs."""
_ACTION = re.compile(
    "扶持|开发|组织|安排|举办|发放|开展|建设|建成|新建|新增|帮助|培训|提供|拨付|实施|创设|落实|输送|引进|招收|确定|"
    "解决|走访|走进"
)
"""A figure whose clause opens with what was done (扶持创业带头人, 全年开展专场招聘) counts a measure of its own."""
INDICATOR_WORDS = ("创业担保贷款", "补贴性培训")
"""Words of indicators that are also programmes of their own (start-up guarantee loans, subsidised training):
their figures join a province's employment work only in a paragraph that gives its other indicators."""


def _opens_measure(text: str, start: int, before: str, opened: str, time: str) -> bool:
    """Whether the sentence at ``start`` opens another measure than the sentences ``before`` it in its paragraph:
    it opens with another time (去年，… then 今年，…), adds one (此外，… or 县里还为…), or gives totals for a
    whole province after sentences about one group in it (对零就业家庭，… then 全省共组织…). ``opened`` is the
    time it opens with, ``time`` the last one its paragraph opened with."""
    total = _TOTAL_OPENER.match(text, start)
    return bool(
        (opened and time and opened != time)
        or _ALSO_OPENER.match(text, start)
        or (total and total.group(1) not in before and _FOR_OPENER.match(before))
    )


_TIME_OPENER = re.compile(r"[“‘\"]?(今年|去年|明年|前年|下一步)[，,]")
_ALSO_OPENER = re.compile(r"[“‘\"]?(?:此外|另外|同时)[，,]|[^，。；！？,;!?]{1,3}还(?!是|有|在)")
_FOR_OPENER = re.compile(r"[“‘\"]?对[^，。；！？]{1,12}，")
_TOTAL_OPENER = re.compile(r"[“‘\"]?(全[省区市州县])(?:共|累计)")


def _quote(text: str, reading: Reading, ends: Ends, printed: str) -> str:
    """From the start of the figure's clause (or of the clause with its modal word) to the figure's end, cut from
    the text as ``printed`` (``text`` is its fold); a figure alone in brackets keeps its closing one (目标(45万人)),
    and a figure in a bracketed aside starts its quote there."""
    end = reading.start + len(reading.printed)
    begin = ends.clause(reading.start)
    bracket = _IN_BRACKETS.search(text, max(begin, reading.start - 16), reading.start)
    if bracket and bracket.end() - bracket.start() == 1 and text[end : end + 1] in ")）":
        end += 1  # 目标(45万人): the bracket holds the figure alone
    elif bracket:
        begin = bracket.start() + 1  # 招聘会312场(其中线上招聘会96场): the bracket is the figure's clause
    if reading.qualifier in (Qualifier.PROJECTED, Qualifier.TARGET):
        sentence = ends.sentence(reading.start)
        modal = next(
            (m for m in MODAL.finditer(text, sentence, reading.start) if not PLAN_NAME.match(text, m.start() - 1)),
            None,
        )
        if modal and modal.start() < begin:
            begin = max(ends.clause(modal.start()), reading.start - MAX_BEFORE)
    quote = printed[begin:end]
    return quote.lstrip(OPENERS) or reading.printed


_IN_BRACKETS = re.compile(r"[(（][^()（）]*$")
_YEARS_TARGET = re.compile(r"(?:年度|全年)(?:目标|任务)")


def classify(text: str, reading: Reading) -> str | None:
    """Why a number is not a programme figure, or None if it looks like one."""
    before = text[max(0, reading.start - 2) : reading.start]
    after = text[reading.start + len(reading.printed) : reading.start + len(reading.printed) + 2]
    unit = reading.unit_word
    if before.endswith("第"):
        return "An ordinal, not a count."
    if _QUOTED_NAME.search(text, max(0, reading.start - 12), reading.start) and _NAME_CLOSES.match(
        text, reading.start + len(reading.printed)
    ):
        return "A numeral inside a quoted name."
    if unit == "年" and reading.numeral is not None and not reading.chinese and 1900 <= reading.numeral <= 2100:
        return "A year."
    if unit == "年" and _SHORT_YEAR.match(text, reading.start) and len(reading.printed) == 3:
        return "A year written short (23年 is 2023)."
    if unit == "项" and not _PATENT.search(text, max(0, reading.start - 12), reading.start + len(reading.printed) + 6):
        return "A count of items (tasks, measures, plans: 57项任务), not of people or organisations."
    if unit in _DATE_WORDS or (unit == "个" and after.startswith("月")):
        return "A date or a length of time."
    if unit in ("届", "级"):
        return "A class label."
    if unit == "岁":
        return "An age, not a count."
    if before.endswith(("“", '"')) and not reading.chinese and unit in ("条", "项", "个", ""):
        return "A numeral opening a quoted name (“17条”)."
    if unit in ("年", "天", "周", "小时") and (reading.chinese or before.endswith(_SPAN_BEFORE)):
        return "A length of time."
    at_least = reading.qualifier in (Qualifier.AT_LEAST, Qualifier.RANGE)
    if reading.numeral == 1 and reading.chinese and not reading.scale and not at_least:
        return "一 as 'a' or 'one', not a count."
    if not unit and reading.chinese and not at_least:
        return "A numeral inside a name or phrase."
    if not unit and reading.scale in ("", "十", "百", "千"):
        return "A number without a measure word."
    return None


_QUOTED_NAME = re.compile(r"[“‘\"《][^“”‘’\"《》，。；！？,;!?:：]*$")
_NAME_CLOSES = re.compile(r"[^“”‘’\"《》，。；！？,;!?:：]{0,6}[”’\"》]")
"""“就业优先10条”, “三支一扶”: a numeral in a short quoted name counts nothing."""
_SHORT_YEAR = re.compile(SHORT_YEAR)
_PATENT = re.compile("专利|发明")


Units = Sequence[tuple[str, Sequence[str]]]
"""(unit id, measure words) pairs, in the data file's order."""


@dataclass(frozen=True)
class Hints:
    """What the data file already says, for suggestions: nothing here is required."""

    nouns: Mapping[str, str] = field(default_factory=dict)
    """Unit id -> the noun it counts, where its name has one (positions: 岗位, workshops: 车间)."""
    measures: Mapping[str, str] = field(default_factory=dict)
    """Unit id -> the measure most facts in that unit have (or, for a unit no fact has, ``borrowed`` from another
    unit of its category)."""
    indicators: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(metric_zh, unit) -> the indicator facts so named already share."""
    metrics: Mapping[str, str] = field(default_factory=dict)
    """metric_zh -> the English metric most facts so named have."""
    borrowed: frozenset[str] = frozenset()
    """Units whose measure in ``measures`` is another unit's of the same category."""
    kinds: Examples = field(default_factory=Examples)
    """Curated programmes, for a suggested programme's kind of intervention."""
    figures: Examples = field(default_factory=Examples)
    """Curated facts, for a drafted fact's measure: that of the most alike fact in its unit."""
    indicator_words: tuple[str, ...] = INDICATOR_WORDS
    """Words naming official indicators (``INDICATOR_WORDS`` and the data file's indicators' names): figures
    whose ``metric_zh`` holds one are suggested as one programme per region, its employment work."""


def _unit(reading: Reading, units: Units, before: str, after: str, nouns: Mapping[str, str]) -> str:
    """The unit whose measure word the figure prints; among several (个), the one whose noun is counted:
    printed right after the figure, first or as the head of the noun that follows (300个车间, 400多个就业帮扶车间,
    三个子计划), else just before it and not as a verb (岗位超过15万个, but not 计划明年再建300个)."""
    fitting = [unit for unit, words in units if reading.unit_word in words]
    if reading.unit_word == "户" and _FIRMS.search(noun_after(after)[:6]):
        fitting = [unit for unit, words in units if "家" in words]
    if _OF_TARGET.search(before):  # 完成年度目标任务的104%: a share of a target, which may pass 100
        fitting = sorted(fitting, key=lambda unit: "目标" not in nouns.get(unit, ""))
    counted = noun_after(after)
    posts = [unit for unit in fitting if nouns.get(unit, "").startswith("岗")]
    if posts and (counted.endswith("岗") or (not counted and _POSTS_BEFORE.search(before))):
        return posts[0]  # 10.5万个人居环境整治岗, 解决用工缺口60万个, 工业园区开发2万个: posts
    after_figure = [
        unit
        for unit in fitting
        if nouns.get(unit) and (counted.startswith(nouns[unit]) or counted.endswith(nouns[unit]))
    ]
    near = before[-8:]
    before_figure = [
        unit
        for unit in fitting
        if nouns.get(unit)
        and nouns[unit] in near
        and not _VERB_AFTER.match(near, near.rindex(nouns[unit]) + len(nouns[unit]))
    ]
    return (after_figure or before_figure or fitting or [""])[0]


_OF_TARGET = re.compile(r"(?:目标|任务)(?:指标)?(?:[(（][^()（）]{0,16}[)）])?的?$")
_POSTS_BEFORE = re.compile(r"(?:用工缺口|开发|创设)$")
"""Words a count of posts follows with no noun after it (开发2万个: 2万 posts)."""
_FIRMS = re.compile("企业|单位|市场主体|商户|经营主体")
"""What 户 counts where a unit counts it: firms (5229户企业) are organisations; households are no unit."""
_VERB_AFTER = re.compile(r"明年|今年|再|将|要|新|在")
"""After a noun such as 计划, words that make it a verb (计划明年再建)."""


def hints(data: MetricsFile) -> Hints:
    """Suggestions from a data file: each unit's noun and most common measure (for a unit no fact has yet, that
    of another unit of its category: percent-of-target as percent), the indicators in use, and the English
    metric of each metric_zh; the programmes and interventions, for a programme's kind; and the facts, for a
    figure's measure."""
    nouns = {}
    for unit in data.units:
        noun = unit.name_zh.lstrip("".join(unit.words))
        if noun and noun != unit.name_zh:
            nouns[unit.id] = noun
    by_unit: dict[str, Counter[str]] = {}
    by_name: dict[str, Counter[str]] = {}
    indicators = {}
    for fact in data.facts:
        by_unit.setdefault(fact.unit, Counter())[fact.measure] += 1
        by_name.setdefault(fact.metric_zh, Counter())[fact.metric] += 1
        if fact.indicator:
            indicators[(fact.metric_zh, fact.unit)] = fact.indicator
    borrowed = set()
    for category in data.categories:  # a unit no fact has yet: the measure of its category's first unit in use
        used = next((by_unit[unit] for unit in category.units if unit in by_unit), None)
        if used is None:
            continue
        for unit in category.units:
            if unit not in by_unit:
                by_unit[unit] = used
                borrowed.add(unit)
    measures = {unit: counts.most_common(1)[0][0] for unit, counts in by_unit.items()}
    metrics = {name: counts.most_common(1)[0][0] for name, counts in by_name.items()}
    words = tuple(dict.fromkeys((*INDICATOR_WORDS, *(i.name_zh for i in data.indicators))))
    return Hints(
        nouns,
        measures,
        indicators,
        metrics,
        frozenset(borrowed),
        programme_kinds(data),
        fact_measures(data.facts),
        words,
    )


_WHOLE = {"全省": 2, "全区": 2, "全自治区": 2, "全市": 4, "全州": 4, "全盟": 4}
"""Words saying a figure covers a whole province or prefecture, with the code digits that level keeps."""
_WHOLE_WORDS = re.compile("|".join(sorted(_WHOLE, key=len, reverse=True)))


def _speaker_place(text: str, position: int, places: Places) -> tuple[str, str] | None:
    """Where a figure said in quotation marks is about: the place in the words that say who said it, after the
    closing mark (“…增加技能人才80多人。”位于梁山县的某公司负责人说), else None."""
    opened, closed = text.rfind("“", 0, position), text.rfind("”", 0, position)
    if opened < 0 or closed > opened:
        return None
    close = text.find("”", position)
    said = _SAID.match(text, close + 1) if close >= 0 else None
    code = places.named_in(close, said.end()) if said else ""
    return located(code, "named in who said the quotation holding the figure") if code else None


_SAID = re.compile(r"[^“”。！？]{0,60}?(?:说|表示|介绍)[。，：:]")


def _scope(code: str, quote: str) -> tuple[str, str] | None:
    """A 全省/全市 figure belongs to the province or prefecture of the place named, not to a city in it."""
    found = list(_WHOLE_WORDS.finditer(quote))
    if not found or not code:
        return None
    match = found[-1]
    digits = _WHOLE[match.group()]
    wider = code[:digits] + "0" * (6 - digits)
    division = divisions().get(wider)
    if division is None or wider == code:
        return None
    return wider, f"{division.name_zh} ({division.name_en}): the figure is for {match.group()}"


def draft(article: str, units: Units, hints: Hints | None = None, published: str = "") -> Draft:
    """Candidates and excluded numbers, in the order the article prints them. ``published`` (2023, 2023-04-26)
    is the report's date, for the year of 今年."""
    hints = hints or Hints()
    printed = strip_spaces(article)
    text = fold(printed)  # 遼寧 is 辽宁 and 萬 is 万 for reading; quotes are cut from the text as printed
    places = find_places(text)
    lines = split_lines(article)
    paragraphs = paragraph_starts(lines)
    readings = find_numbers(article)
    repeats = Repeats(text, lines, readings)
    periods = Periods(text, paragraphs, published, repeats.headline_end)
    ends = Ends(text, sorted({*byline_ends(lines), *heading_ends(lines), repeats.headline_end} - {0}))
    facts: list[Candidate] = []
    skipped = Excluded(printed, ends, [start for start, _ in lines])
    for reading in readings[:MAX_ENTRIES]:
        reason = classify(text, reading)
        if reason is None and reading.scale not in _SCHEMA_SCALES:
            reason = f"A compound scale ({reading.scale}) the data file cannot record; curate by hand."
        if reason is None:
            reason = repeats.seen(reading)
        if reason is not None:
            skipped.add(reading, reason)
            continue
        end = reading.start + len(reading.printed)
        skipped.after_figure(end)
        as_of = periods.at(reading.start)
        if periods.planned(reading.start) and reading.qualifier is not Qualifier.PROJECTED:
            reading = reading._replace(qualifier=Qualifier.TARGET)  # 到2025年,…: a plan, whatever its wording
        in_brackets = TARGET_IN_BRACKETS.search(text, max(0, reading.start - 4), reading.start)
        if in_brackets and _YEARS_TARGET.search(text, max(0, reading.start - 8), reading.start):
            as_of = as_of[:4]  # 一季度…完成年度目标(45万人): the target is the whole year's
        quote = _quote(text, reading, ends, printed)
        folded = fold(quote)
        code, note = _speaker_place(text, reading.start, places) or places.region_at(reading.start)
        code, note = _scope(code, folded) or (code, note)
        after = text[end : end + 16]
        core = folded[: folded.rindex(fold(reading.printed)) + len(reading.printed)]  # without a closing bracket
        unit = _unit(reading, units, core[: -len(reading.printed)], after, hints.nouns)
        counted = _as_printed(metric_zh(core.replace(",", "，"), reading, after).rstrip("(（"), folded, quote)
        facts.append(Candidate(reading, quote, unit, code, note, counted, as_of=as_of))
    left_out = max(0, len(readings) - MAX_ENTRIES)
    facts = _of_subjects(facts, text, ends)
    return Draft(_groups(facts, paragraphs, text, ends, hints.indicator_words), skipped.items, left_out)


def _of_subjects(facts: list[Candidate], text: str, ends: Ends) -> list[Candidate]:
    """``metric_zh`` for figures whose clause does not say what they are of: a change (同比增长18.8%, 比上年末减少
    68万人) or a share of a target (完成年度目标的27.8%) is of the figure before it in its sentence; after 分别, the
    figures of a list pair one for one with the figures before it (A 5万人, B 2万人, 分别完成全年目标任务的63%、93%)
    or with the nouns listed before 分别 (A、B、C参保人数分别达到X、Y、Z)."""
    named: list[Candidate] = []
    sentence, subjects = -1, []  # the figures of the sentence that say what they count
    listed: tuple[list[str], str, str, int] | None = None  # names, what follows each, the unit, the last figure
    for fact in facts:
        start = Bounds.sentence(ends, fact.reading.start)
        if start != sentence:
            sentence, subjects, listed = start, [], None
        counted, unit = fact.metric_zh, fact.unit
        plain = fold(counted)
        if listed and fact.quote == fact.reading.printed and _LIST_GAP.fullmatch(text, listed[3], fact.reading.start):
            names, stem, unit, _ = listed
            counted = names.pop(0) + stem if names else counted
            unit = unit if fact.unit in ("percent", unit) else fact.unit
            listed = (names, stem, unit, fact.reading.start + len(fact.reading.printed))
        elif "分别" in plain or "分別" in counted:
            at = max(counted.find("分别"), counted.find("分別"))
            before, stem = counted[:at], counted[at + 2 :]
            names = _listed(before) if before else [_subject(s) for s in subjects]
            if names:
                counted = names.pop(0) + stem
            listed = (names, stem if not before else "", unit, fact.reading.start + len(fact.reading.printed))
        elif subjects and plain.startswith(_CHANGE):
            counted = _subject(subjects[-1]) + counted
        elif subjects and plain.startswith("完成") and _TARGET_WORDS.search(plain):
            counted = _subject(subjects[-1]) + (counted[2:] if fact.reading.qualifier is Qualifier.TARGET else counted)
        else:
            subjects.append(fact)
        named.append(replace(fact, metric_zh=counted, unit=unit))
    return named


def _subject(fact: Candidate) -> str:
    """What a figure counts, as the subject of a change or share of it: without a bracketed aside (取证)."""
    return _ASIDE.sub("", fact.metric_zh)


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_CHANGE = ("同比", "比上年", "较上年", "比去年", "较去年")
_TARGET_WORDS = re.compile("目标|任务")
_LIST_GAP = re.compile(r"[、,，和及]")


def _listed(nouns: str) -> list[str]:
    """The names a list before 分别 gives, each with the head noun the last one carries: 职工养老保险、工伤保险、
    失业保险参保人数 → 职工养老保险参保人数, 工伤保险参保人数, 失业保险参保人数."""
    items = [item for item in re.split("[、和及与]", nouns) if item]
    if len(items) < 2:
        return []
    first, last = items[0], items[-1]
    for size in range(min(len(first), len(last) - 1), 1, -1):
        at = last.find(first[-size:])
        if at >= 0:
            head = last[at + size :]
            return [item + head for item in items[:-1]] + [last]
    return items


def _as_printed(counted: str, folded: str, quote: str) -> str:
    """``metric_zh`` in the article's own script where it is a piece of the quote, without a bracketed figure
    (完成年度目标(45万人) counts 完成年度目标)."""
    counted = _BRACKETED_FIGURE.sub("", counted.replace("，", ","))
    at = folded.find(counted)
    return quote[at : at + len(counted)] if at >= 0 else counted


_BRACKETED_FIGURE = re.compile(r"[(（][^()（）]*[0-9][^()（）]*[)）]")


def region_counts(article: str) -> Counter[str]:
    """How often each region is named in an article (for tests and the README)."""
    return find_places(strip_spaces(article)).counts
