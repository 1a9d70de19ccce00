"""Drafting facts from web reports: traditional characters, ASCII punctuation, repeated blocks, periods, targets
in brackets and words that look like units or plans. The articles are tests/fixtures/articles'
heilongjiang-2026-04-repost.txt and shanxi-2026-07-halfyear.txt, and short texts written here."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from bench.articles import CURATED_TEST_ARTICLES, REPORT_FIELDS, kept_fields, row_kept_reports
from metrics.__main__ import main
from metrics.articles.draft import draft, hints
from metrics.articles.draft_yaml import draft_yaml
from metrics.catalogue.load import load
from tests.conftest import DATA_FILE, FIXTURES

ARTICLES = FIXTURES / "articles"
REPOST = ARTICLES / "heilongjiang-2026-04-repost.txt"
REPEATED = ARTICLES / "shanxi-2026-07-halfyear.txt"


@pytest.fixture(scope="module")
def units() -> list[tuple[str, list[str]]]:
    return [(u.id, u.words) for u in load(DATA_FILE).units]


def test_places_in_traditional_characters_are_the_regions_of_their_simplified_names(units):
    article = "遼寧省一季度城鎮新增就業12.5萬人。瀋陽市舉辦招聘會320場,提供崗位5.6萬個。\n"
    facts = draft(article, units).facts
    assert [(c.region, c.reading.base) for c in facts] == [
        ("210000", Decimal("125000.0")),
        ("210100", Decimal(320)),
        ("210100", Decimal("56000.0")),
    ]
    assert [c.quote for c in facts] == ["遼寧省一季度城鎮新增就業12.5萬人", "瀋陽市舉辦招聘會320場", "提供崗位5.6萬個"]


def test_a_traditional_repost_is_drafted_as_its_simplified_twin_would_be(units):
    article = REPOST.read_text(encoding="utf-8")
    facts = draft(article, units).facts
    assert {c.region for c in facts} == {"230000", "230100"}  # 黑龍江省 and 哈爾濱市
    assert all(c.unit for c in facts)
    assert "四位一體" not in "".join(c.quote for c in facts)  # not "4 persons"
    bases = [c.reading.base for c in facts]
    assert Decimal("86000.0") in bases and Decimal("1280000000.0") in bases


def test_ascii_brackets_hold_the_years_target_and_the_share_reached_is_percent_of_target(units):
    article = "一季度,辽宁省城镇新增就业12.5万人,同比增长18.8%,完成年度目标(45万人)的27.8%;\n"
    facts = draft(article, units, hints(load(DATA_FILE)), published="2023-04-26").facts
    target, share = facts[2], facts[3]
    assert (target.quote, target.reading.qualifier.value, target.unit) == ("完成年度目标(45万人)", "target", "persons")
    assert (share.quote, share.reading.qualifier.value, share.unit) == (
        "完成年度目标(45万人)的27.8%",
        "exact",
        "percent-of-target",
    )
    assert [c.as_of for c in facts] == ["2023-01/2023-03", "2023-01/2023-03", "2023", "2023-01/2023-03"]
    assert share.metric_zh == "城镇新增就业完成年度目标"  # the share of which figure's target
    assert target.metric_zh == "城镇新增就业年度目标"


def test_a_figure_in_a_bracketed_aside_is_quoted_from_the_bracket(units):
    facts = draft("太原市组织各类招聘会312场(其中线上招聘会96场),提供岗位8.7万个。\n", units).facts
    assert [c.quote for c in facts] == ["太原市组织各类招聘会312场", "其中线上招聘会96场", "提供岗位8.7万个"]


@pytest.mark.parametrize(
    ("text", "published", "as_of"),
    [
        ("1—11月,全省城镇新增就业130.64万人。", "2021-12", "2021-01/2021-11"),
        ("2021年1-11月,全省城镇新增就业130.64万人。", "", "2021-01/2021-11"),
        ("前10月发放创业担保贷款63.71亿元。", "2021-12", "2021-01/2021-10"),
        ("2023年一季度,全省城镇新增就业12.5万人。", "", "2023-01/2023-03"),
        ("上半年,全省城镇新增就业24.3万人。", "2026-07", "2026-01/2026-06"),
        ("截至2023年底,全省累计发放创业担保贷款80亿元。", "", "2023-12-31"),  # a count on a day
        ("2021年,全省失业人员再就业45.1万人。", "", "2021"),
        ("今年,全省计划新建零工市场60个。", "2026-04", "2026"),
        ("去年,全省城镇新增就业46.2万人。", "2026-04", "2025"),
        ("25年,全省城镇新增就业46.2万人。", "", "2025"),
        ("今年,全省计划新建零工市场60个。", "", ""),  # no date for 今年: left to the curator
        ("全省城镇新增就业46.2万人。", "2026-04", ""),  # no period printed
        ("到2025年,全省将累计新增城镇就业138万人。", "", "2025"),  # the year a target is set for
    ],
)
def test_as_of_is_the_period_printed_before_the_figure(units, text, published, as_of):
    (fact,) = draft(text + "\n", units, published=published).facts
    assert fact.as_of == as_of


def test_a_period_holds_to_the_end_of_its_paragraph(units):
    article = "2021年,全省城镇新增就业124.2万人。全省发放创业担保贷款226亿元。\n山东省新增公益性岗位120万个。\n"
    assert [c.as_of for c in draft(article, units).facts] == ["2021", "2021", ""]


def test_a_repeated_block_is_drafted_once_and_its_repeats_are_excluded(units):
    article = REPEATED.read_text(encoding="utf-8")
    result = draft(article, units, published="2026-07")
    assert [c.quote for c in result.facts].count("全省城镇新增就业24.3万人") == 1
    assert [c.quote for c in result.facts].count("完成年度目标(45万人)的54%") == 1
    repeats = {e.text: e.reason for e in result.excluded if "again" in e.reason or "headline" in e.reason}
    assert set(repeats) == {"山西上半年城镇新增就业24.3万人", "全省城镇新增就业24.3万人", "完成年度目标(45万人)的54%"}
    assert "headline" in repeats["山西上半年城镇新增就业24.3万人"]  # the body's printing is the fact


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("坚持推进57项年度任务,全省城镇新增就业12.5万人。", "坚持推进57项"),
        ("开展家政服务提升等四项计划,全省城镇新增就业12.5万人。", "开展家政服务提升等四项"),
        ("23年,全省城镇新增就业12.5万人。", "23年"),
        ("全省坚持“四位一体”服务模式,全省城镇新增就业12.5万人。", None),
        ("制定实施“就业优先10条”,全省城镇新增就业12.5万人。", "制定实施“就业优先10条"),
    ],
)
def test_items_plans_short_years_and_quoted_names_are_not_figures(units, text, excluded):
    result = draft(text + "\n", units)
    assert [c.quote for c in result.facts] == ["全省城镇新增就业12.5万人"]
    assert [e.text for e in result.excluded] == ([excluded] if excluded else [])


def test_firms_counted_with_hu_are_organisations_and_the_yaml_says_to_list_the_word(units):
    article = "为5229户企业拨付稳岗返还资金3.75亿元。\n"
    facts = draft(article, units).facts
    assert [c.unit for c in facts] == ["organisations", "yuan"]
    drafted = draft_yaml(article, "ln", units)
    assert "unit: organisations  # 户 counts these here: add it to this unit's words in units:" in drafted
    households = draft("为3000户脱贫家庭发放补贴。\n", units).facts
    assert [c.unit for c in households] == [""]  # households: no unit counts them


def test_a_plan_named_as_programmes_makes_no_target(units):
    article = "开展创业助推、扩容提质等四项计划,发放创业担保贷款226亿元。县里计划明年再建300个车间。\n"
    facts = draft(article, units).facts
    assert [(c.quote, c.reading.qualifier.value) for c in facts] == [
        ("发放创业担保贷款226亿元", "exact"),
        ("县里计划明年再建300个", "target"),
    ]


def test_draft_command_takes_the_reports_date_for_this_year_and_refuses_a_bad_one(capsys):
    args = ["draft", str(REPOST), "--source", "hlj", "--data", str(DATA_FILE)]
    assert main([*args, "--published", "2026-04-12"]) == 0
    facts = yaml.safe_load(capsys.readouterr().out)["facts"]
    assert {f.get("as_of") for f in facts} >= {"2026-01/2026-03", "2026"}
    assert main([*args, "--published", "April"]) == 2
    assert capsys.readouterr().err.startswith("--published: ")


def test_the_published_reports_row_measures_curated_reports_and_says_when_there_are_none(tmp_path):
    row = row_kept_reports(ARTICLES, CURATED_TEST_ARTICLES)  # the test articles as if they were the reports
    counts = kept_fields(load(CURATED_TEST_ARTICLES), ARTICLES, fields=REPORT_FIELDS)
    kept, total = sum(k for k, _ in counts.values()), sum(t for _, t in counts.values())
    assert row.value.median == kept / total
    assert counts["as_of"][1] == counts["value"][1] > 0
    assert row.met == (kept / total >= 0.85 and counts["value"][0] == counts["value"][1])
    assert f"figures found with their value {counts['value'][0]} of {counts['value'][1]}" in row.extra
    empty = row_kept_reports(tmp_path, CURATED_TEST_ARTICLES)
    assert empty.extra == "no curated reports"
    assert row_kept_reports(tmp_path / "missing", CURATED_TEST_ARTICLES).extra == "no curated reports"


def test_region_counts_read_place_names_in_either_script():
    from metrics.articles.draft import region_counts

    assert region_counts("遼寧省瀋陽市舉辦招聘會。辽宁省沈阳市举办招聘会。") == {"210000": 2, "210100": 2}


@pytest.mark.parametrize(
    ("text", "published", "qualifier"),
    [
        ("到2027年,全省将新增城镇就业90万人以上。", "", "target"),  # the year a plan is set for
        ("2027年,全省城镇新增就业30万人左右。", "2027-02-15", "target"),  # the year had not begun its course
        ("2026年,全省城镇新增就业30.2万人。", "2027-02-15", "exact"),  # a year that is over: a result
        ("2027年一季度,全省城镇新增就业6.1万人。", "2027-04", "exact"),  # a quarter that is over
        ("今年以来,全省城镇新增就业18万人。", "2027-05", "exact"),  # 今年 in a report of the year: so far
        ("2027年,全省预计新增城镇就业30万人。", "2027-02", "projected"),  # 预计 says what it is
        ("2027年,全省城镇新增就业30万人,全年开展招聘会500场以上。", "2027-03", "target"),  # 全年 of that year
    ],
)
def test_a_figure_for_a_period_not_over_when_the_report_was_dated_is_a_target(units, text, published, qualifier):
    facts = draft(text + "\n", units, published=published).facts
    assert facts[-1].reading.qualifier.value == qualifier


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("全市举办招聘活动超300场次。", "at_least"),  # 超 before a figure is 超过
        ("超额完成了省里下达的5万人的任务。", "target"),  # the figure the task names
        ("完成年度目标任务的105%。", "exact"),  # a share of the target, not the target
    ],
)
def test_chao_is_at_least_and_a_figure_naming_a_task_is_the_target(units, text, qualifier):
    (fact,) = draft(text + "\n", units).facts
    assert fact.reading.qualifier.value == qualifier


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # a change and a share are of the figure before them in the sentence
            "全省城镇新增就业8.2万人,同比增长6.5%,完成年度目标(30万人)的27.3%。",
            ["城镇新增就业", "城镇新增就业同比增长", "城镇新增就业年度目标", "城镇新增就业完成年度目标"],
        ),
        (  # after 分别, each share pairs with the figure before it in the same place of the list
            "全区城镇新增就业3.1万人,失业人员再就业1.2万人,分别完成全年目标任务的51%、47.5%。",
            ["城镇新增就业", "失业人员再就业", "城镇新增就业完成全年目标任务", "失业人员再就业完成全年目标任务"],
        ),
        (  # or with the nouns listed before 分别, each with the head noun the last one carries
            "到2030年,全省失业保险、工伤保险参保人数分别达到610万人、720万人。",
            ["失业保险参保人数", "工伤保险参保人数"],
        ),
        (  # a percent after 占 is a share; 保持在 and 在 are no part of what is counted
            "农业就业人员占18.5%,城镇登记失业率保持在3.2%以内,每年城镇新增就业在40万人以上。",
            ["农业就业人员占比", "城镇登记失业率", "每年城镇新增就业"],
        ),
        (  # a demonstrative and for whom it was done go
            "这样的零工驿站已有120个,为困难企业拨付稳岗返还资金2.1亿元。",
            ["零工驿站", "拨付稳岗返还资金"],
        ),
        (  # time, scope and link words go: 1—9月, 该省, 同时, 含; a bracketed aside that closes stays
            "1—9月该省发放创业担保贷款31亿元(含贴息贷款8亿元),同时新增技能人才(取证)12.6万人。",
            ["发放创业担保贷款", "贴息贷款", "新增技能人才(取证)"],
        ),
    ],
)
def test_metric_zh_names_what_a_change_a_share_or_a_listed_figure_is_of(units, text, names):
    assert [c.metric_zh for c in draft(text + "\n", units).facts] == names


def test_a_numbered_section_heading_is_no_part_of_the_clause_below_it(units):
    article = "二、目标任务\n全年完成补贴性职业技能培训60万人次以上。\n"
    (fact,) = draft(article, units).facts
    assert (fact.quote, fact.metric_zh) == ("全年完成补贴性职业技能培训60万人次以上", "全年完成补贴性职业技能培训")


def test_a_provinces_official_indicators_are_one_suggested_programme_across_paragraphs(units):
    article = (
        "前三季度,全省城镇新增就业31.2万人,同比增长4.1%。全省预计有高校毕业生20万人。扶持创业带头人3000人。\n"
        "太原市新建零工市场12个,服务灵活就业人员5万人次。\n"
        "全省失业人员再就业6.3万人;全省参加失业保险人数达到410万人。\n"
        "全省发放创业担保贷款12亿元,扶持创业5000人。\n"
    )
    facts = draft(article, units).facts
    groups = {c.quote: c.group for c in facts}
    work = groups["全省城镇新增就业31.2万人"]
    assert groups["同比增长4.1%"] == groups["全省失业人员再就业6.3万人"] == work  # across paragraphs
    assert groups["全省预计有高校毕业生20万人"] == work  # the next sentence goes on about the province's jobs
    assert groups["扶持创业带头人3000人"] != work  # a sentence opening with what was done is a measure of its own
    assert groups["太原市新建零工市场12个"] != work
    assert groups["全省参加失业保险人数达到410万人"] != work  # after a semicolon, the next item of a list
    assert groups["全省发放创业担保贷款12亿元"] != work  # loans join only beside the province's other indicators


def test_a_year_the_headline_names_is_the_period_of_paragraphs_that_print_none(units):
    article = "2026年度某省就业工作统计公报\n全省城镇新增就业40.1万人。\n上半年,全省新增技能人才9万人。\n"
    assert [c.as_of for c in draft(article, units).facts] == ["2026", "2026-01/2026-06"]
    article = "某省前11月就业形势稳定\n全省发放创业担保贷款9亿元。\n"  # a part of a year: not carried
    assert [c.as_of for c in draft(article, units).facts] == [""]


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("全省18-35岁青年就业见习岗位3000个。", "18-35岁"),  # an age
        ("出台促进就业创业“12条,开发岗位2000个。", "12条"),  # a quoted name, its closing mark missing
    ],
)
def test_ages_and_a_numeral_opening_a_quoted_name_are_not_figures(units, text, excluded):
    result = draft(text + "\n", units)
    assert any(e.reading.printed == excluded for e in result.excluded)
    assert [c.reading.printed for c in result.facts] == ["3000个" if "岁" in text else "2000个"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("全省开发2.5万个乡村保洁岗。", "positions"),  # 岗 is a post
        ("为企业解决用工缺口8万个。", "positions"),
        ("工业园区开发3万个以上。", "positions"),
        ("完成省里下达任务指标的118%。", "percent-of-target"),
    ],
)
def test_posts_counted_with_ge_and_shares_of_a_task_indicator(units, text, unit):
    (fact,) = draft(text + "\n", units, hints(load(DATA_FILE))).facts
    assert fact.unit == unit


def test_jiang_with_a_verb_of_doing_is_a_target_and_jiang_as_ba_is_not(units):
    (plan,) = draft("全省将大规模开发公益性岗位20万个。\n", units).facts
    (kept,) = draft("全省已将城镇调查失业率控制在5.1%。\n", units).facts
    assert (plan.reading.qualifier.value, kept.reading.qualifier.value) == ("target", "exact")


def test_the_yaml_says_which_facts_a_provinces_employment_work_holds(units):
    article = "全省城镇新增就业31.2万人。\n太原市新建零工市场12个。\n全省失业人员再就业6.3万人。\n"
    drafted = draft_yaml(article, "sx", units)
    assert "facts 1, 3 (a province's official indicators, wherever printed)" in drafted
    assert "fact 2 (one paragraph, region and measure)" in drafted
