"""A corpus, not one page: a new province, a prefecture, a unit and articles added as data only."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from metrics.catalogue.load import MetricsFileError, load
from tests.conftest import ARTICLE, FIRST_PAGE_DATA, ROOT, facts_table

HUBEI_ARTICLE = """湖北：家门口就业服务站遍布城乡

本报记者 陈晓

记者从湖北省人社厅获悉，去年全省建成家门口就业服务站860个。今年以来，全省又新建服务站1500余个，服务困难家庭2.6万户。全省今年还新建就业帮扶车间85个。
"""
LIANGSHAN_ARTICLE = """凉山：帮扶车间让群众端稳饭碗

本报记者 吉克

凉山彝族自治州今年新建就业帮扶车间120个，吸纳脱贫劳动力约9000人。
"""

SOURCES = """  - id: hb-2025-jobs
    publisher: 测试日报
    page: 就业版
    published: "2025-06"
    headline: 湖北：家门口就业服务站遍布城乡
    byline: 本报记者 陈晓
    article: hubei-2025-06-jobs.txt
  - id: ls-2025-workshops
    publisher: 测试日报
    page: 就业版
    published: "2025-07"
    headline: 凉山：帮扶车间让群众端稳饭碗
    byline: 本报记者 吉克
    article: liangshan-2025-07-workshops.txt
"""
UNITS = """  - id: households
    name_en: households
    name_zh: 户
    words:
      - 户
"""
CATEGORIES = """  - id: families
    name_en: Families served
    name_zh: 服务家庭
    units:
      - households
"""
INDICATORS = """indicators:
  - id: hubei-stations-built
    name_en: Job service stations built
    name_zh: 建成就业服务站
    definition_en: Doorstep job service stations built in the period.
    definition_zh: 报告期内建成的家门口就业服务站。
    unit: organisations
    measure: providers
  - id: assistance-workshops-built
    name_en: Assistance workshops built
    name_zh: 新建就业帮扶车间
    definition_en: Village assistance workshops newly built in the period.
    definition_zh: 报告期内新建的就业帮扶车间。
    unit: workshops
    measure: providers
  - id: resident-population
    name_en: Resident population
    name_zh: 常住人口
    definition_en: People living in the area at year end.
    definition_zh: 年末常住人口。
    unit: persons
    measure: context

"""
PROGRAMMES = """  - id: hubei-service-stations
    region: "420000"
    name_zh: 家门口就业服务站
    name_en: Doorstep job service stations
    level: province
    intervention: services
    target_group: workers
    place: 湖北省
  - id: liangshan-workshops
    region: "513400"
    name_zh: 凉山州就业帮扶车间
    name_en: Liangshan assistance workshops
    level: city
    intervention: employment-incentives
    target_group: rural-labour
    place: 凉山彝族自治州
"""
FACTS = """  - id: hubei-stations-2024
    region: "420000"
    programme: hubei-service-stations
    metric: Service stations built
    metric_zh: 建成服务站
    value: 860
    unit: organisations
    qualifier: exact
    category: organisations
    measure: providers
    indicator: hubei-stations-built
    as_of: "2024"
    quote: 去年全省建成家门口就业服务站860个
    source: hb-2025-jobs
  - id: hubei-stations-2025
    region: "420000"
    programme: hubei-service-stations
    metric: Service stations built
    metric_zh: 新建服务站
    value: 1500
    unit: organisations
    qualifier: at_least
    category: organisations
    measure: providers
    indicator: hubei-stations-built
    as_of: 2025-01/2025-06
    quote: 全省又新建服务站1500余个
    source: hb-2025-jobs
    headline: true
  - id: hubei-households
    region: "420000"
    programme: hubei-service-stations
    metric: Households in difficulty served
    metric_zh: 服务困难家庭
    value: 2.6
    scale: 万
    unit: households
    qualifier: exact
    category: families
    measure: participants
    quote: 服务困难家庭2.6万户
    source: hb-2025-jobs
  - id: hubei-workshops-new
    region: "420000"
    programme: hubei-service-stations
    metric: Assistance workshops built this year
    metric_zh: 新建就业帮扶车间
    value: 85
    unit: workshops
    qualifier: exact
    category: organisations
    measure: providers
    indicator: assistance-workshops-built
    quote: 全省今年还新建就业帮扶车间85个
    source: hb-2025-jobs
  - id: liangshan-workshops-new
    region: "513400"
    programme: liangshan-workshops
    metric: Assistance workshops built this year
    metric_zh: 新建就业帮扶车间
    value: 120
    unit: workshops
    qualifier: exact
    category: organisations
    measure: providers
    indicator: assistance-workshops-built
    quote: 凉山彝族自治州今年新建就业帮扶车间120个
    source: ls-2025-workshops
    headline: true
  - id: liangshan-workshop-jobs
    region: "513400"
    programme: liangshan-workshops
    metric: People lifted out of poverty employed in the workshops
    metric_zh: 吸纳脱贫劳动力
    value: 9000
    unit: persons
    qualifier: approximate
    category: people
    measure: participants
    quote: 吸纳脱贫劳动力约9000人
    source: ls-2025-workshops
"""


def corpus(tmp_path: Path, facts: str = FACTS) -> tuple[Path, Path]:
    """The first page's data with the new records added, and a folder of all three articles."""
    text = FIRST_PAGE_DATA.read_text(encoding="utf-8")
    for marker, block in (
        ("\n# Units a figure", SOURCES),
        ("\n# Kinds of figure", UNITS),
        ("\n# What kind of lever", CATEGORIES),
        ("\nprogrammes:\n", INDICATORS),
        ("\nfacts:\n", PROGRAMMES),
        ("\n# Every other number", facts),
    ):
        at = text.index(marker)
        text = text[:at].rstrip("\n") + "\n" + block + text[at:]
    path = tmp_path / "metrics.yaml"
    path.write_text(text, encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / ARTICLE.name).write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "hubei-2025-06-jobs.txt").write_text(HUBEI_ARTICLE, encoding="utf-8")
    (folder / "liangshan-2025-07-workshops.txt").write_text(LIANGSHAN_ARTICLE, encoding="utf-8")
    return path, folder


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "metrics", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_command_line_validates_the_corpus_against_each_article(tmp_path, article_text):
    path, folder = corpus(tmp_path)
    result = run("validate", str(path), "--source-text", str(folder))
    assert result.returncode == 0, result.stderr
    assert "38 facts (liaoning 12, shandong 7, hubei 4, guangdong 11, sichuan 2, ningxia 2)" in result.stdout
    audit = run("audit", str(path), "--source-text", str(folder))
    assert audit.returncode == 0, audit.stdout


def test_csv_shows_the_prefecture_under_its_province_with_its_own_name(tmp_path, article_text):
    path, _ = corpus(tmp_path)
    result = run("export", str(path), "--region", "513400")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.lstrip("\ufeff").splitlines()
    assert len(rows) == 3
    assert rows[1].startswith(
        "liangshan-workshops-new,sichuan,Sichuan,四川,513400,Liangshan Yizu Autonomous Prefecture,"
    )
    hubei = run("export", str(path), "--region", "hubei").stdout
    assert ",households,households,户,exact,2.6,,万,2.6万户," in hubei


def test_a_quote_found_only_in_another_article_is_refused_naming_both(tmp_path, article_text):
    wrong = FACTS.replace("    source: ls-2025-workshops\n", "    source: hb-2025-jobs\n")
    path, folder = corpus(tmp_path, wrong)
    result = run("validate", str(path), "--source-text", str(folder))
    assert result.returncode == 1
    assert (
        "quote is not in hubei-2025-06-jobs.txt, the article of source hb-2025-jobs; "
        "it is in liangshan-2025-07-workshops.txt"
    ) in result.stderr


def test_draft_suggests_the_english_metric_and_the_indicator_that_facts_of_the_same_name_have(tmp_path):
    path, _ = corpus(tmp_path)
    article = tmp_path / "hubei-2026-03-stations.txt"
    article.write_text(
        "湖北：服务站再扩容\n\n本报记者 陈晓\n\n今年全省新建服务站300个，覆盖全部乡镇。\n", encoding="utf-8"
    )
    result = run("draft", str(article), "--data", str(path))
    assert result.returncode == 0, result.stderr
    (fact,) = yaml.safe_load(result.stdout)["facts"]
    (known,) = [f for f in load(path).facts if f.metric_zh == fact["metric_zh"]]  # 新建服务站, in the corpus
    assert (fact["metric"], fact["indicator"]) == (known.metric, known.indicator)


def test_one_indicator_in_two_units_is_refused(tmp_path):
    mixed = FACTS.replace(
        "    indicator: hubei-stations-built\n    as_of: 2025-01/2025-06\n",
        "    indicator: hubei-stations-built\n    as_of: 2025-01/2025-06\n",
    ).replace("    category: families\n", "    category: families\n    indicator: hubei-stations-built\n")
    path, _ = corpus(tmp_path, mixed)
    with pytest.raises(MetricsFileError, match="indicator hubei-stations-built is counted in organisations"):
        load(path)


def test_an_indicator_the_file_does_not_define_is_refused_at_its_line(tmp_path):
    path, _ = corpus(tmp_path, FACTS.replace("indicator: assistance-workshops-built", "indicator: workshops-bulit", 1))
    with pytest.raises(MetricsFileError) as refused:
        load(path)
    (problem,) = refused.value.problems
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line.strip() == "indicator: workshops-bulit"
    assert "no indicator 'workshops-bulit' in indicators" in problem.message
    assert "assistance-workshops-built" in problem.message  # the known ones are named


@pytest.mark.parametrize("url", ["www.example.gov.cn/a.html", "https://exa mple.cn/", "javascript:alert(1)"])
def test_a_source_address_that_is_not_a_web_address_is_refused(tmp_path, url):
    path, _ = corpus(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "    article: hubei-2025-06-jobs.txt\n", f"    article: hubei-2025-06-jobs.txt\n    url: '{url}'\n"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MetricsFileError, match="web address"):
        load(path)


@pytest.fixture
def page(tmp_path, monkeypatch, article_text):
    path, folder = corpus(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("METRICS_SOURCE_TEXT", str(folder))
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))

    def open_page(query: dict[str, list[str]] | None = None) -> AppTest:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, values in (query or {}).items():
            app.query_params[key] = values
        return app.run()

    return open_page


def test_page_offers_exactly_the_provinces_present_and_shows_the_new_ones(page):
    app = page()
    assert not app.exception
    assert app.multiselect(key="regions").options == [
        "Liaoning",
        "Shandong",
        "Hubei",
        "Guangdong",
        "Sichuan",
        "Ningxia",
    ]
    regions = set(facts_table(app)["Region"])
    assert {"Hubei", "Sichuan · Liangshan Yizu Autonomous Prefecture"} <= regions
    assert len(next(m for m in app.multiselect if m.label == "Articles").options) == 6


def test_a_link_by_code_counts_a_prefecture_under_its_province_and_draws_a_series(page):
    app = page({"regions": ["513432", "hubei"]})  # 喜德县, a county of Liangshan: counts as Sichuan
    assert app.multiselect(key="regions").value == ["hubei", "sichuan"]
    charts = {chart.key: chart for chart in app.get("plotly_chart")}
    assert list(charts) == ["matrix", "reach", "comparison", "series"]
    series = json.loads(charts["series"].proto.spec)["data"]
    assert [(t["x"], t["y"]) for t in series] == [(["2024-12-31", "2025-06-30"], [860, 1500])]


def test_only_figures_of_one_indicator_share_a_row_and_each_dot_is_a_row_of_the_facts_table(page):
    app = page({"regions": ["hubei", "sichuan"]})
    chart = next(c for c in app.get("plotly_chart") if c.key == "comparison")
    spec = json.loads(chart.proto.spec)
    dots = [t for t in spec["data"] if t.get("meta")]
    assert sorted((t["meta"]["region"], t["x"][0]) for t in dots) == [("hubei", 85), ("sichuan", 120)]
    assert {t["meta"]["indicator"] for t in dots} == {"assistance-workshops-built"}
    facts = facts_table(app)
    assert {t["meta"]["fact"] for t in dots} <= set(facts["ID"])


def test_a_link_naming_an_unknown_region_says_so(page):
    app = page({"regions": ["atlantis", "guangdong"]})
    assert not app.exception
    assert "not regions of China" in app.warning[0].value
    assert app.code[0].value == "atlantis"
    assert app.multiselect(key="regions").value == ["guangdong"]


def test_page_checks_every_listed_article(page, tmp_path, monkeypatch):
    monkeypatch.setenv(
        "METRICS_SOURCE_TEXT", os.pathsep.join([str(tmp_path / "articles" / ARTICLE.name), str(tmp_path / "none")])
    )
    app = page()
    assert not app.exception
    assert "cannot read the article" in app.code[0].value


def test_the_data_package_is_titled_by_the_publishers_and_years_its_rows_cite(tmp_path, article_text):
    import io
    import zipfile

    from metrics.downloads.export import to_package
    from metrics.page.filters import Filters, apply
    from metrics.page.frame import to_frame

    path, _ = corpus(tmp_path)
    data = load(path)
    frame = to_frame(data)

    def title(*regions: str) -> str:
        package = to_package(apply(frame, Filters(regions=regions)), data.sources)
        return json.loads(zipfile.ZipFile(io.BytesIO(package)).read("datapackage.json"))["title"]

    assert title("liaoning") == "Regional employment programme figures: Economic Daily, 2022"
    assert title("hubei", "ningxia") == "Regional employment programme figures: Economic Daily, 测试日报, 2022–2025"


POPULATION_SENTENCE = "\n据统计，湖北全省常住人口5830万人。\n"
POPULATION_FACT = """  - id: hubei-population-2025
    region: "420000"
    programme: hubei-service-stations
    metric: Resident population
    metric_zh: 全省常住人口
    value: 5830
    scale: 万
    unit: persons
    qualifier: exact
    category: people
    measure: context
    indicator: resident-population
    as_of: "2025"
    quote: 湖北全省常住人口5830万人
    source: hb-2025-jobs
"""


def test_reach_per_10000_residents_is_offered_only_where_every_dot_has_a_population(tmp_path, monkeypatch):
    path, folder = corpus(tmp_path, FACTS + POPULATION_FACT)
    with (folder / "hubei-2025-06-jobs.txt").open("a", encoding="utf-8") as article:
        article.write(POPULATION_SENTENCE)
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("METRICS_SOURCE_TEXT", str(folder))
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["hubei"]
    app.run()
    assert not app.exception
    app.radio(key="reach_scale").set_value("per_resident").run()
    reach = next(c for c in app.get("plotly_chart") if c.key == "reach")
    dots = [t for t in json.loads(reach.proto.spec)["data"] if t.get("meta")]
    assert [(t["meta"]["fact"], round(t["x"][0], 2)) for t in dots] == [("hubei-households", 4.46)]  # 26,000 ÷ 583
    notes = [h.value for h in app.get("html") if 'class="chart-note ' in h.value]
    assert any("5830万人" in n and "测试日报" in n for n in notes)  # the denominator, named

    both = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    both.query_params["regions"] = ["hubei", "sichuan"]
    both.run()
    assert not [r for r in both.radio if r.key == "reach_scale"]  # Liangshan has no population: not offered
    notes = [h.value for h in both.get("html") if 'class="chart-note ' in h.value]
    assert any("Liangshan" in n and "2025" in n for n in notes)


def audit_lines(path: Path, folder: Path) -> list[str]:
    result = run("audit", str(path), "--source-text", str(folder))
    assert result.returncode == 1, result.stdout
    return [line for line in result.stdout.splitlines() if line.startswith("hubei-2025-06-jobs.txt:")]


def fact_block(facts: str, ident: str) -> str:
    start = facts.index(f"  - id: {ident}\n")
    end = facts.find("\n  - id: ", start + 1)
    return facts[start : end + 1 if end != -1 else len(facts)]


def test_a_deleted_fact_leaves_its_number_unclaimed_at_its_line_and_column(tmp_path):
    path, folder = corpus(tmp_path, FACTS.replace(fact_block(FACTS, "hubei-stations-2025"), ""))
    lines = audit_lines(path, folder)
    assert lines[0] == "hubei-2025-06-jobs.txt:5:45: 1500余个 is claimed by no fact and no excluded entry"
    assert lines[-1] == "hubei-2025-06-jobs.txt: 1 numbers unaccounted for"


def test_a_quote_widened_over_another_figure_does_not_claim_it(tmp_path):
    widened = FACTS.replace(fact_block(FACTS, "hubei-stations-2025"), "").replace(
        "    quote: 去年全省建成家门口就业服务站860个\n",
        "    quote: 去年全省建成家门口就业服务站860个。今年以来，全省又新建服务站1500余个\n",
    )
    path, folder = corpus(tmp_path, widened)
    assert run("validate", str(path), "--source-text", str(folder)).returncode == 0  # the quote itself is verbatim
    (line,) = [line for line in audit_lines(path, folder) if "1500余个" in line]
    assert line.startswith("hubei-2025-06-jobs.txt:5:45: 1500余个 is claimed by no fact and no excluded entry")
    assert "(it lies in the quote of facts[" in line and f"{path}:" in line  # names the widened fact and its line


def test_two_facts_claiming_one_printed_number_are_refused_naming_both(tmp_path):
    copy = fact_block(FACTS, "hubei-stations-2025").replace("id: hubei-stations-2025", "id: hubei-stations-again")
    path, folder = corpus(tmp_path, FACTS + copy)
    (line,) = [line for line in audit_lines(path, folder) if "claimed twice:" in line]
    assert line.startswith("hubei-2025-06-jobs.txt:5:45: 1500余个 is claimed twice: by facts[")
    assert line.count(f"({path}:") == 2


def test_one_printed_number_may_count_for_two_facts_when_the_data_says_so(tmp_path):
    copy = fact_block(FACTS, "hubei-stations-2025").replace("id: hubei-stations-2025", "id: hubei-stations-again")
    shared = copy.rstrip("\n") + "\n    shares_figure_with: hubei-stations-2025\n"
    path, folder = corpus(tmp_path, FACTS + shared)
    assert run("audit", str(path), "--source-text", str(folder)).returncode == 0
    other = shared.replace("shares_figure_with: hubei-stations-2025", "shares_figure_with: hubei-stations-2024")
    (tmp_path / "other").mkdir()
    path, _ = corpus(tmp_path / "other", FACTS + other)
    refused = run("validate", str(path))
    assert refused.returncode == 1
    assert "].shares_figure_with: hubei-stations-2024 prints another quote or figure" in refused.stderr


COMPLETION_SENTENCE = "\n全省就业帮扶车间吸纳就业完成年度目标任务的105%。\n"
COMPLETION = """  - id: hubei-workshop-jobs-completion
    region: "420000"
    programme: hubei-service-stations
    metric: Jobs in assistance workshops, share of the year's target
    metric_zh: 完成年度目标任务
    value: 105
    unit: percent-of-target
    qualifier: exact
    category: rates
    measure: outcomes
    quote: 全省就业帮扶车间吸纳就业完成年度目标任务的105%
    source: hb-2025-jobs
"""


def with_completion(tmp_path: Path, fact: str) -> tuple[Path, Path]:
    path, folder = corpus(tmp_path, FACTS + fact)
    with (folder / "hubei-2025-06-jobs.txt").open("a", encoding="utf-8") as article:
        article.write(COMPLETION_SENTENCE)
    return path, folder


def test_a_share_of_a_target_over_100_is_a_real_figure_in_its_own_unit(tmp_path):
    path, folder = with_completion(tmp_path, COMPLETION)
    result = run("validate", str(path), "--source-text", str(folder))
    assert result.returncode == 0, result.stderr  # 完成…目标 reads as done, not as a target
    assert len(result.stdout.splitlines()) == 1  # nothing kept against advice
    assert run("audit", str(path), "--source-text", str(folder)).returncode == 0


def test_a_value_past_its_units_bound_is_refused_with_advice_unless_the_curator_says_why(tmp_path):
    percent = COMPLETION.replace("unit: percent-of-target", "unit: percent")
    path, folder = with_completion(tmp_path, percent)
    refused = run("validate", str(path), "--source-text", str(folder))
    assert refused.returncode == 1
    assert "value: a figure in percent cannot exceed 100; a share of a target over 100 is unit percent-of-target" in (
        refused.stderr
    )
    noted = percent.rstrip("\n") + "\n    note: The article prints 105% of the year's target.\n"
    (tmp_path / "noted").mkdir()
    path, folder = with_completion(tmp_path / "noted", noted)
    kept = run("validate", str(path), "--source-text", str(folder))
    assert kept.returncode == 0, kept.stderr
    (line,) = kept.stdout.splitlines()[1:]  # said, not silent: where, the advice, and the reason
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: facts\[\d+\]\.value: a figure in percent cannot exceed 100; "
        r"kept: The article prints 105% of the year's target\.",
        line,
    ), line


def test_a_qualifier_against_the_wording_needs_a_note_which_the_export_carries(tmp_path):
    target = FACTS.replace(
        "    value: 85\n    unit: workshops\n    qualifier: exact\n",
        "    value: 85\n    unit: workshops\n    qualifier: target\n",
    )
    assert target != FACTS
    path, folder = corpus(tmp_path, target)
    refused = run("validate", str(path), "--source-text", str(folder))
    assert refused.returncode == 1
    assert "qualifier is target but the quote's wording (85个) makes it exact; if the wording misleads here" in (
        refused.stderr
    )
    note = "A plan for the year; the report lists it among the targets."
    noted = target.replace("    qualifier: target\n", f"    qualifier: target\n    note: {note}\n")
    (tmp_path / "noted").mkdir()
    path, folder = corpus(tmp_path / "noted", noted)
    assert run("validate", str(path), "--source-text", str(folder)).returncode == 0
    rows = run("export", str(path), "--region", "hubei").stdout
    assert note in rows and "target" in rows


def test_the_page_shows_a_curators_note_beside_its_figure(tmp_path, monkeypatch):
    note = "Counted once; the report adds them up later."
    noted = FACTS.replace(
        "    indicator: assistance-workshops-built\n",
        f"    indicator: assistance-workshops-built\n    note: {note}\n",
        1,
    )
    path, folder = corpus(tmp_path, noted)
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("METRICS_SOURCE_TEXT", str(folder))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["hubei"]
    app.run()
    table = facts_table(app)
    assert table.loc[table["ID"] == "hubei-workshops-new", "Curator's note"].tolist() == [note]
