"""Drafting facts from article text, and auditing an article against the catalogue.

The test articles in tests/fixtures/articles were written for these tests; gold.yaml
holds the figures a careful reader would record from each.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
import yaml

from metrics.__main__ import main
from metrics.articles.audit import audit
from metrics.articles.draft import draft, hints
from metrics.articles.draft_yaml import draft_yaml
from metrics.articles.files import read_articles
from metrics.articles.numbers import find_numbers
from metrics.catalogue.load import load
from metrics.page.state import DEFAULT_DATA
from tests.conftest import ARTICLE, ARTICLE_FOLDERS, DATA_FILE, FIRST_PAGE_DATA, FIXTURES, SOURCES

ARTICLES = FIXTURES / "articles"
GOLD: dict[str, list[list]] = yaml.safe_load((ARTICLES / "gold.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def units() -> list[tuple[str, list[str]]]:
    return [(u.id, u.words) for u in load(DATA_FILE).units]


def scores(units: list[tuple[str, list[str]]]) -> tuple[float, float, float]:
    """Recall of figures by base value, share of found figures with the right qualifier, precision."""
    wanted = found = right = drafted = real = 0
    for name, figures in GOLD.items():
        candidates = draft((ARTICLES / name).read_text(encoding="utf-8"), units).facts
        drafted += len(candidates)
        lows = {Decimal(str(low)) for _, low, _ in figures}
        real += sum(c.reading.low in lows for c in candidates)
        for _, low, qualifier in figures:
            wanted += 1
            same = [c for c in candidates if c.reading.low == Decimal(str(low))]
            found += bool(same)
            right += any(c.reading.qualifier.value == qualifier for c in same)
    return found / wanted, right / max(found, 1), real / max(drafted, 1)


def test_draft_finds_the_figures_of_articles_with_their_qualifiers(units):
    recall, qualifiers, precision = scores(units)
    assert recall >= 0.96
    assert qualifiers >= 0.90
    assert precision >= 0.90


def test_draft_recovers_every_curated_value_and_qualifier_of_the_shipped_page(units, article_text):
    data = load(DATA_FILE)
    candidates = draft(article_text, units).facts
    page = {s.id for s in data.sources if s.article == ARTICLE.name}
    for fact, reading in zip(data.facts, data.readings(), strict=True):
        if fact.source not in page:
            continue  # a curator's later article
        assert reading is not None
        same = [c for c in candidates if (c.reading.low, c.reading.high) == (reading.low, reading.high)]
        assert same, fact.id
        assert fact.qualifier in {c.reading.qualifier for c in same}, fact.id


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2025年全面完成", "A year."),
        ("10月底前完成", "A date"),
        ("第二阶段", "An ordinal"),
        ("认真贯彻党的二十大精神", "inside a name"),
        ("一位村民说", "一 as 'a'"),
        ("近两年来", "A length of time"),
    ],
    ids=["year", "month", "ordinal", "congress", "one-as-a", "span"],
)
def test_numbers_that_are_not_programme_figures_go_to_excluded_with_a_reason(text, reason, units):
    result = draft(text, units)
    assert result.facts == []
    assert [reason in item.reason for item in result.excluded] == [True]


@pytest.mark.parametrize("text", ["四川一批企业", "一次性发放", "零就业家庭", "一些企业"])
def test_words_that_merely_contain_a_numeral_are_not_numbers(text, units):
    result = draft(text, units)
    assert (result.facts, result.excluded) == ([], [])


def test_a_qualifier_never_comes_from_an_earlier_sentence(units):
    result = draft("今年预计有毕业生3万人。去年全市培训2万人次。", units)
    assert [c.reading.qualifier.value for c in result.facts] == ["projected", "exact"]


def test_draft_guesses_the_region_from_the_place_named_before_each_figure(units):
    text = (ARTICLES / "hubei-2025-11-jobs.txt").read_text(encoding="utf-8")
    regions = [c.region for c in draft(text, units).facts]
    assert regions[0] == "420000"  # 湖北省
    assert "420100" in regions  # 武汉市


def test_drafted_yaml_pastes_into_the_data_file_and_its_quotes_are_verbatim(tmp_path, units):
    text = (ARTICLES / "sichuan-2025-09-liangshan.txt").read_text(encoding="utf-8")
    drafted = yaml.safe_load(draft_yaml(text, "sc-test", units, "sichuan-2025-09-liangshan.txt"))
    compact = "".join(text.split())
    assert drafted["facts"] and drafted["excluded"]
    assert all(f["quote"] in compact for f in drafted["facts"])
    assert all(e["text"] in compact for e in drafted["excluded"])
    assert {f["region"] for f in drafted["facts"]} <= {"513400", "513432", "510000"}


def test_draft_command_prints_yaml_and_refuses_an_unreadable_article(tmp_path, capsys):
    assert (
        main(["draft", str(ARTICLES / "guangxi-2026-03-spring.txt"), "--source", "gx", "--data", str(DATA_FILE)]) == 0
    )
    out = capsys.readouterr().out
    assert yaml.safe_load(out)["facts"][0]["quote"] == "春节以来全区已举办线上线下招聘会2,180场"
    assert main(["draft", str(tmp_path), "--data", str(DATA_FILE)]) == 2
    assert "cannot read the article" in capsys.readouterr().err


def test_audit_of_the_shipped_page_finds_every_number_accounted_for(capsys):
    folders = [arg for folder in ARTICLE_FOLDERS for arg in ("--source-text", str(folder))]
    assert main(["audit", str(DATA_FILE), *folders]) == 0
    assert capsys.readouterr().out.endswith(": 0 numbers unaccounted for\n")


def test_audit_lists_each_unaccounted_number_at_its_line_and_exits_one(tmp_path, capsys):
    for folder in ARTICLE_FOLDERS:  # every article the data names, one of them with a figure added
        for other in folder.glob("*.txt"):
            (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), "utf-8")
    article = tmp_path / "economic-daily-2022-11-employment.txt"
    article.write_text((SOURCES / article.name).read_text(encoding="utf-8") + "\n另有新增岗位700个。\n", "utf-8")
    assert main(["audit", str(DATA_FILE), "--source-text", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    (gap,) = [line for line in lines if "claimed by no fact" in line]
    assert gap.startswith(f"{article.name}:") and gap.endswith("700个 is claimed by no fact and no excluded entry")
    assert f"{article.name}: 1 numbers unaccounted for" in lines


def test_audit_counts_a_fact_only_in_its_own_article(tmp_path):
    data = load(DATA_FILE)
    copy = (SOURCES / "economic-daily-2022-11-employment.txt").read_text(encoding="utf-8")
    gaps = audit(data, {"economic-daily-2022-11-employment.txt": copy, "other.txt": copy})
    assert not gaps["economic-daily-2022-11-employment.txt"]
    assert len(gaps["other.txt"].unclaimed) > 30  # the same text under another name is no one's article


GANSU = """甘肃：多措并举稳就业

本报记者 李华

今年以来，甘肃省持续推进稳就业工作。在兰州市，人社部门组织专场招聘会120场，提供就业岗位超过3万个。
全省今年已培训农村劳动力2.1万人左右。兰州市还帮助近900名困难人员实现就业，计划明年再建50个服务站。
"""
"""Written for these tests: scope words, a counted noun after or before 个, verbs that need their object."""


def drafted_facts(text: str) -> dict[str, dict]:
    data = load(DATA_FILE)
    units = [(u.id, u.words) for u in data.units]
    found = yaml.safe_load(
        draft_yaml(text, "gs", units, "gansu.txt", [(c.id, c.units) for c in data.categories], hints(data))
    )
    return {f["quote"]: f for f in found["facts"]}


def ending(facts: dict[str, dict], end: str) -> dict:
    (fact,) = [f for quote, f in facts.items() if quote.endswith(end)]
    return fact


def test_a_whole_province_figure_goes_to_the_province_not_the_city_named_before_it():
    facts = drafted_facts(GANSU)
    assert ending(facts, "培训农村劳动力2.1万人左右")["region"] == "620000"  # 全省, though 兰州市 was named last
    assert ending(facts, "帮助近900名")["region"] == "620100"  # 兰州市


def test_the_unit_comes_from_the_noun_counted_not_only_the_measure_word():
    facts = drafted_facts(GANSU)
    assert ending(facts, "提供就业岗位超过3万个")["unit"] == "positions"  # 岗位
    assert ending(facts, "计划明年再建50个")["unit"] == "organisations"  # 计划 is a verb here, not plans


def test_metric_zh_is_what_is_counted_without_time_scope_or_place():
    facts = drafted_facts(GANSU)
    assert ending(facts, "培训农村劳动力2.1万人左右")["metric_zh"] == "培训农村劳动力"
    assert ending(facts, "帮助近900名")["metric_zh"] == "帮助困难人员实现就业"  # the verb alone says nothing
    assert ending(facts, "提供就业岗位超过3万个")["metric_zh"] == "提供就业岗位"


QINGHAI = """青海：技能培训进牧区

本报记者 马文

春节以来全省已举办各类技能培训班320期，其中取得了初级证书1.1万人。
今年全省预计有高校毕业生4.2万人，同比增加0.3万人。西宁市力争新建技能大师工作室不少于12个，计划到2027年底累计培训牧民不少于5万人次。
"""


def test_metric_zh_drops_plan_words_and_link_words_and_names_what_a_comparison_counts():
    facts = drafted_facts(QINGHAI)
    assert ending(facts, "技能培训班320期")["metric_zh"] == "举办各类技能培训班"  # not 春节以来全省已
    assert ending(facts, "1.1万人")["metric_zh"] == "取得初级证书"  # 其中 and 了 go
    assert ending(facts, "同比增加0.3万人")["metric_zh"] == "高校毕业生同比增加"  # the noun of the clause before
    assert ending(facts, "不少于12个")["metric_zh"] == "新建技能大师工作室"  # 新建 is a verb here, not a district
    assert ending(facts, "不少于5万人次")["metric_zh"] == "累计培训牧民"  # 计划到2027年底 is the plan and its time


GUIZHOU = """贵州：车间建到家门口

本报记者 杨帆

目前全省360多个帮扶车间吸纳数千名脱贫群众就近务工，其中1200家企业和85家院校参与共建。
每个乡镇至少有2名就业指导员，车间工人最高月工资可达5500元。
"""


def test_metric_zh_after_a_figure_stops_at_the_next_figure_and_the_next_list_item():
    facts = drafted_facts(GUIZHOU)
    assert ending(facts, "360多个")["metric_zh"] == "帮扶车间"  # not 帮扶车间吸纳数千名…
    assert ending(facts, "1200家")["metric_zh"] == "企业"  # not 企业和85家院校
    assert ending(facts, "至少有2名")["metric_zh"] == "每个乡镇就业指导员"  # the base, then what is counted
    assert ending(facts, "5500元")["metric_zh"] == "车间工人最高月工资"  # 可达 links, like 达


def test_draft_suggests_the_measure_of_the_most_alike_curated_figure_of_the_same_unit_and_names_it():
    data = load(DATA_FILE)
    curated = {f.id: f for f in data.facts}
    units = [(u.id, u.words) for u in data.units]
    text = draft_yaml(GANSU, "gs", units, "gansu.txt", [(c.id, c.units) for c in data.categories], hints(data))
    facts = {f["quote"]: f for f in yaml.safe_load(text)["facts"]}
    lines = [line for line in text.splitlines() if line.startswith("    measure:")]
    for fact, line in zip(facts.values(), lines, strict=True):
        alike = re.search(r"# as fact (\S+), in this unit", line)
        if alike:  # the fact it names is of the same unit and has the measure suggested
            assert (curated[alike.group(1)].unit, curated[alike.group(1)].measure) == (fact["unit"], fact["measure"])
    assert ending(facts, "帮助近900名")["measure"] == "participants"  # as people helped into work
    expected = "今年天水市预计有高校毕业生2.3万人"
    assert "# as fact liaoning-graduates-2022," in draft_yaml(expected, "ts", units, hints=hints(data))
    assert yaml.safe_load(draft_yaml(expected, "ts", units, hints=hints(data)))["facts"][0]["measure"] == "context"


def test_an_excluded_number_is_cut_at_its_line_never_swallowing_the_headline(units):
    headline = "甘肃多措并举稳就业 前10月城镇新增就业31.6万人\n"
    article = headline + "本报兰州11月20日电 记者李华报道\n今年以来，全省新增就业稳中有进。\n"
    excluded = {item.text for item in draft(article, units).excluded}
    assert "本报兰州11月20日" in excluded  # the dateline, one entry
    assert not any("31.6万人" in text for text in excluded)  # the headline's figure stays a candidate fact


def test_numbers_of_one_date_or_one_quoted_name_are_one_excluded_entry(units):
    article = "本报兰州11月20日电 今年以来，甘肃省开展“百日千万招聘专项行动”，全省累计举办招聘会1200余场。\n"
    result = draft(article, units)
    assert [item.text for item in result.excluded] == ["本报兰州11月20日", "甘肃省开展“百日千万招聘专项行动"]
    assert "name" in result.excluded[1].reason
    assert [c.quote for c in result.facts] == ["全省累计举办招聘会1200余场"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_each_printed_number_is_claimed_once_by_what_draft_writes(name, units):
    """Pasted as drafted, every number of the article is some entry's, and no two entries claim the same one:
    an excluded text claims every number in it wherever it occurs (a repeated block's text, not the fact's own
    printing of it), a fact its own figure."""
    article = (ARTICLES / name).read_text(encoding="utf-8")
    text = "".join(article.split())
    result = draft(article, units)
    claims = Counter(c.reading.start for c in result.facts)
    printings = []  # where each fact's quote is printed at its figure: an excluded repeat of it claims nothing there
    for c in result.facts:
        at = text.find(c.quote, max(0, c.reading.start - len(c.quote)))
        assert 0 <= at <= c.reading.start
        printings.append((at, at + len(c.quote), c.reading.start))
    for item in result.excluded:
        at = text.find(item.text)
        while at >= 0:
            end = at + len(item.text)
            own = {figure for begin, stop, figure in printings if begin <= at and end <= stop}
            if (at, end) not in {(begin, stop) for begin, stop, _ in printings}:
                for reading in find_numbers(text):
                    if at <= reading.start < end and reading.start not in own:
                        claims[reading.start] += 1
            at = text.find(item.text, at + 1)
    assert {r.start: claims[r.start] for r in find_numbers(text)} == {r.start: 1 for r in find_numbers(text)}


def test_draft_suggests_one_programme_per_paragraph_and_region(units):
    article = (ARTICLES / "hubei-2025-11-jobs.txt").read_text(encoding="utf-8")
    facts = draft(article, units).facts
    # the province, Wuhan, then the province's grants and, in a sentence of provincial totals, its job fairs
    assert [c.group for c in facts] == [1, 1, 1, 1, 2, 2, 2, 2, 3, 4, 4]
    assert {c.region for c in facts if c.group == 2} == {"420100"}
    drafted = yaml.safe_load(draft_yaml(article, "hb", units))
    assert [f["programme"] for f in drafted["facts"]][3:5] == ["hb-p1", "hb-p2"]


@pytest.mark.parametrize(
    ("paragraph", "groups"),
    [
        # another time opens another measure; the same time goes on with the same one
        ("去年，南阳市开展订单式培训8000人次，组建校企联盟21家。今年，南阳市力争新建技能大师工作室12个。", [1, 1, 2]),
        ("今年，南阳市开展订单式培训8000人次。今年，南阳市组建校企联盟21家。", [1, 1]),
        # a short subject and 还, or 此外, add a measure
        ("会理市建成帮扶车间18个，吸纳3000多人就业。市里还为返乡人员提供不超过10万元的贷款。", [1, 1, 2]),
        ("会理市建成帮扶车间18个。此外，会理市发放创业补贴400余万元。", [1, 2]),
        # totals for the whole province after a sentence about one group of people
        ("对困难毕业生，四川发放求职补贴每人1000元。全省共组织招聘会900多场，参会企业逾2万家。", [1, 2, 2]),
        # but not after sentences that already spoke of the whole province
        ("全省已开展技能培训5万人次。全省累计培训不少于12万人次。", [1, 1]),
        # nor after a sentence about the same city's graduates, which are the paragraph's topic
        ("今年天水市预计有高校毕业生2.3万人。全市共举办校园招聘会46场，提供岗位超过1.5万个。", [1, 1, 1]),
        # a sentence that goes on with the same scheme (再建 more of the same stations) stays in it
        ("成都市已建成服务站500余个，帮助近3000名群众就业。成都市人社局计划明年再建200个服务站。", [1, 1, 1]),
    ],
)
def test_a_sentence_that_opens_another_measure_starts_another_programme(units, paragraph, groups):
    assert [c.group for c in draft(f"四川稳就业\n\n本报记者 李华\n\n{paragraph}\n", units).facts] == groups


def test_the_unit_is_the_noun_at_the_head_of_what_follows_the_figure(units):
    article = "宁夏目前建有400多个就业帮扶车间，今年启动三个子计划，开放岗位2000个。\n"
    suggestions = hints(load(DEFAULT_DATA))
    assert [c.unit for c in draft(article, units, suggestions).facts] == ["workshops", "plans", "positions"]


def test_a_share_of_a_target_is_drafted_in_the_unit_that_may_pass_100(units):
    article = "今年1至9月，全省城镇新增就业28.6万人，完成年度目标任务的104%，就业率达到96%。\n"
    suggestions = hints(load(DEFAULT_DATA))
    assert [c.unit for c in draft(article, units, suggestions).facts] == ["persons", "percent-of-target", "percent"]


def test_more_of_a_programme_still_to_come_is_drafted_as_a_target(units):
    article = "定西市共建成帮扶车间326个。今年，定西市还将新建帮扶车间50个。\n"
    assert [c.reading.qualifier.value for c in draft(article, units).facts] == ["exact", "target"]


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("兰州新区今年已开展企业新型学徒制培训3200人次。", "开展企业新型学徒制培训"),  # a new area of a city
        ("今年天水市预计有高校毕业生2.3万人。", "高校毕业生"),  # a city named after the time
        ("王师傅已为企业培养技术工人200余人。", "培养技术工人"),  # who did it, and for whom
        ("这家公司可申请发明专利3项。", "可申请发明专利"),
        ("近三年为园区增加技能人才500多人。", "近三年增加技能人才"),
        ("离校未就业毕业生已就业3400人。", "离校未就业毕业生已就业"),  # but the graduates are what is counted
    ],
)
def test_what_a_figure_counts_leaves_out_the_places_and_people_around_it(units, sentence, counted):
    (fact,) = draft(f"甘肃稳就业\n\n本报记者 赵敏\n\n{sentence}\n", units).facts
    assert fact.metric_zh == counted


def test_an_autonomous_prefecture_is_found_by_the_name_reports_use(units):
    article = "甘肃省天水市举办招聘会46场。\n\n临夏州发挥劳务品牌优势，带动就业8万多人。\n"
    assert [c.region for c in draft(article, units).facts] == ["620500", "622900"]


def test_a_figure_said_in_quotation_marks_is_placed_where_its_speaker_is(units):
    article = "江苏省南京市举办技能大赛。“培训以后，工厂两年增加技工60多人。”位于山东省菏泽市单县的一家公司负责人说。\n"
    (fact,) = draft(article, units).facts
    assert fact.region == "371722"
    assert "who said" in fact.region_note


def test_a_floor_in_a_plan_is_drafted_as_a_target(units):
    article = "郑州市力争新建技能大师工作室不少于30个，全省计划培训15万人次以上。\n"
    assert [c.reading.qualifier.value for c in draft(article, units).facts] == ["target", "target"]


def test_a_line_broken_inside_a_sentence_does_not_start_a_paragraph(units):
    article = "武汉市今年新建服务站\n\n300个，提供岗位\n\n2万个。\n\n宜昌市培训\n\n5000人次。\n"
    assert [c.group for c in draft(article, units).facts] == [1, 1, 2]


def test_a_place_that_begins_a_company_name_is_not_where_the_figure_is(units):
    article = "沈阳市某高校毕业生签约北京某某科技有限公司。学校举办招聘会1600余场。\n"
    assert [c.region for c in draft(article, units).facts] == ["210100"]


def test_the_test_articles_as_curated_are_valid_and_claim_every_number_once():
    """curated.yaml records the test articles as a curator would from the draft: bench's "draft kept" compares
    the two, so the record must itself pass validate and audit."""
    articles = read_articles([ARTICLES])
    data = load(ARTICLES / "curated.yaml", articles)
    results = audit(data, articles)
    assert {name: (found.unclaimed, found.twice) for name, found in results.items() if found} == {}
    assert {s.article for s in data.sources} == {p.name for p in ARTICLES.glob("*.txt")}
    assert all(f.metric and f.metric_zh for f in data.facts)


def test_a_unit_no_fact_has_yet_is_suggested_the_measure_of_its_category(units):
    shipped = load(DEFAULT_DATA)
    data = shipped.model_copy(update={"facts": [f for f in shipped.facts if f.unit != "percent-of-target"]})
    suggested = hints(data).measures
    assert suggested["percent-of-target"] == suggested["percent"]
    article = "今年全省城镇新增就业28.6万人，完成年度目标任务的104%。\n"
    drafted = draft_yaml(article, "gs", units, "", [(c.id, c.units) for c in data.categories], hints(data))
    assert f"measure: {suggested['percent']}  # as facts in units of the same category are; check it" in drafted


def test_draft_opens_with_an_entry_for_each_suggested_programme_with_its_region_and_level(units):
    article = (ARTICLES / "gansu-2026-10-jobs.txt").read_text(encoding="utf-8")
    drafted = yaml.safe_load(draft_yaml(article, "gs", units))
    programmes = {p["id"]: p for p in drafted["programmes"]}
    assert set(programmes) == {f["programme"] for f in drafted["facts"]}
    for fact in drafted["facts"]:
        assert programmes[fact["programme"]]["region"] == fact["region"]
    assert [(p["level"], p["place"]) for p in drafted["programmes"]][:3] == [
        ("province", "甘肃省"),  # its new urban jobs, then, after a semicolon, its labour sent out to work
        ("province", "甘肃省"),
        ("city", "定西市"),
    ]
    assert {p["name_zh"] for p in drafted["programmes"]} == {""}  # named by the curator


KINDS = """青海：技能培训和创业扶持并举

本报记者 王芳

西宁市今年开办电工、焊工等技能培训班45期，培训农牧民3200人次。

海东市设立返乡创业孵化基地8个，发放创业担保贷款1.6亿元，扶持返乡人员创业900人。
"""
"""Written for these tests: one paragraph about courses, one about start-up loans."""


def test_draft_suggests_each_programmes_kind_from_the_curated_programme_whose_words_it_shares():
    data = load(FIRST_PAGE_DATA)  # a fixed pool of curated programmes, so growth of the shipped data cannot move it
    units = [(u.id, u.words) for u in data.units]
    text = draft_yaml(KINDS, "qh", units, "qinghai.txt", [(c.id, c.units) for c in data.categories], hints(data))
    kinds = [p["intervention"] for p in yaml.safe_load(text)["programmes"]]
    assert kinds == ["training", "start-up-incentives"]
    known = {f"programme {p.id}" for p in data.programmes} | {f"the definition of {i.id}" for i in data.interventions}
    for line in (line for line in text.splitlines() if line.startswith("    intervention:")):
        assert line.endswith(": check it") and any(f"with {k}:" in line for k in known)  # says what it follows
    bare = yaml.safe_load(draft_yaml(KINDS, "qh", units))["programmes"]
    assert [p["intervention"] for p in bare] == ["", ""]  # no data file, no examples: left for the curator


PLACES = """江西：就业服务暖人心

本报记者 陈静

初冬的赣州，一家电子厂里座无虚席。

记者从江西省人社厅了解到，今年1至10月，失业人员再就业9.6万人。

赣州市还计划明年新建公共实训基地6个。
"""
"""Written for these tests: 从江 (a county of Guizhou) at the start of 从江西省, and 新建 (a district of
Nanchang) as a verb."""


def test_a_short_place_name_never_eats_a_full_one_nor_a_verb():
    facts = drafted_facts(PLACES)
    assert ending(facts, "失业人员再就业9.6万人")["region"] == "360000"  # 江西省, not 赣州 a paragraph earlier
    assert ending(facts, "新建公共实训基地6个")["region"] == "360700"  # 赣州市, not 新建区


def test_a_list_of_nouns_stays_in_the_quote_but_a_list_of_figures_is_cut_between_them(units):
    text = "记者 王芳\n\n赣州市今年已培训电子装配工、缝纫工等1.8万人，新建车间120个、吸纳就业3000人。\n"
    quotes = [f.quote for f in draft(text, units).facts]
    assert quotes == ["赣州市今年已培训电子装配工、缝纫工等1.8万人", "新建车间120个", "吸纳就业3000人"]
