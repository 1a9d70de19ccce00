"""Results beside targets, period by period: labels, pairing, the year filter and what the exports cite."""

from __future__ import annotations

import io
import json
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from metrics.catalogue.load import load
from metrics.downloads.api import BadRequest, data_url, selection_from_query
from metrics.downloads.export import to_csv, to_json, to_package, to_xlsx
from metrics.page import targets
from metrics.page.filters import Filters, apply, fact_years
from metrics.page.frame import to_frame
from metrics.page.labels import MAX_PUBLISHERS, page_heading
from metrics.page.periods import is_full_year, period_label
from metrics.page.state import PageData
from metrics.page.views import cards, findings, table
from tests.conftest import FIXTURES, region_name

YEARS = FIXTURES / "good" / "years" / "years.yaml"
"""The first page and eight test reports of 2021 to 2025: five provinces' results, targets and partial periods."""


@pytest.fixture(scope="module")
def data():
    return load(YEARS)


@pytest.fixture(scope="module")
def frame(data) -> pd.DataFrame:
    return to_frame(data)


@pytest.mark.parametrize(
    ("as_of", "en", "zh"),
    [
        ("2021", "2021", "2021年"),
        ("2021-01/2021-12", "2021", "2021年"),
        ("2021-01/2021-11", "2021 Jan–Nov", "2021年1—11月"),
        ("2023-01/2023-03", "2023 Q1", "2023年一季度"),
        ("2023-07/2023-09", "2023 Q3", "2023年三季度"),
        ("2025-01/2025-06", "2025 H1", "2025年上半年"),
        ("2022-09", "2022 Sep", "2022年9月"),
        ("2023-12-31", "2023 Dec 31", "2023年12月31日"),
        ("2022-09/2023-08", "2022 Sep–2023 Aug", "2022年9月—2023年8月"),
    ],
)
def test_a_period_is_labelled_as_a_reader_says_it(as_of, en, zh):
    assert period_label(as_of, "en") == en
    assert period_label(as_of, "zh") == zh


@pytest.mark.parametrize(("as_of", "full"), [("2021", True), ("2021-01/2021-12", True), ("2021-01/2021-11", False)])
def test_only_a_whole_calendar_year_is_a_full_year(as_of, full):
    assert is_full_year(as_of) is full


def test_new_urban_jobs_come_first_among_indicators_with_results_and_targets(frame):
    found = targets.indicators(frame)
    assert found[0] == "new-urban-jobs"
    assert "unemployed-reemployed" in found
    assert not any(i.endswith(targets.SHARE_SUFFIX) for i in found)
    assert "surveyed-unemployment-rate" not in found  # its 5.5% is a cap (at most), not a target


def test_a_result_pairs_with_the_target_of_its_year_and_the_share_of_its_own_period(frame):
    ids = frame["id"]
    by_fact = {ids[b.row]: b for b in targets.bars(frame, "new-urban-jobs") if not b.target}
    full = by_fact["gd-2021-new-jobs"]
    assert ids[full.target_of_year] == "gd-2021-new-jobs-target"
    assert ids[full.share] == "gd-2021-new-jobs-share"
    part = by_fact["gd-2021-11-new-jobs"]  # January to November: the year's target, no share printed for it
    assert ids[part.target_of_year] == "gd-2021-new-jobs-target" and part.share is None
    half = by_fact["ha-2025-h1-new-jobs"]  # the first half's share is its own, as printed
    assert ids[half.share] == "ha-2025-h1-new-jobs-share"
    assert by_fact["gd-2023-new-jobs"].target_of_year is None  # no 2023 target in the data


def test_every_bar_is_one_printed_figure_never_a_sum(frame):
    for indicator in targets.indicators(frame):
        figure = targets.figure(frame, indicator)
        drawn = [
            (trace.meta["area"], period, value)
            for trace in figure.data
            for period, value in zip(trace.meta["periods"], trace.x, strict=True)
        ]
        own = frame[frame["indicator"] == indicator]
        printed = set(zip(own["region_code"], own["as_of"], own["value_low"], strict=True))
        assert drawn and set(drawn) <= printed
        assert len(drawn) == len(set(drawn))


def test_a_partial_period_is_hatched_and_labelled_by_its_period_not_its_year(frame):
    figure = targets.figure(frame, "new-urban-jobs", "zh")
    results = [t for t in figure.data if t.meta["role"] == "result" and t.meta["area"] == "440000"]
    (trace,) = results
    labels = list(trace.y)
    assert "2021年1—11月" in labels and "2021年" in labels  # two bars, never one
    shapes = dict(zip(labels, trace.marker.pattern.shape, strict=True))
    assert shapes["2021年1—11月"] == "/" and shapes["2021年"] == ""


def test_a_target_is_drawn_beside_its_result_and_the_share_is_as_printed(frame):
    figure = targets.figure(frame, "new-urban-jobs")
    shandong = {t.meta["role"]: t for t in figure.data if t.meta["area"] == "370000"}
    assert list(shandong["target"].y) == ["2021"] == list(shandong["result"].y)
    assert shandong["target"].xaxis == shandong["result"].xaxis
    assert "112.9% of target" in shandong["result"].text[0]
    assert "(target)" in shandong["target"].text[0]


def test_the_text_alternative_gives_every_period_target_and_share(frame):
    text = targets.alt(frame, "new-urban-jobs", "en")
    assert text.startswith("New urban jobs (persons).")
    assert "2021 Jan–Nov: 1,256,000 persons (part of the year), 1,100,000 persons (target)" in text
    assert "2021: 1,388,000 persons, 1,100,000 persons (target), 126.2% of target" in text
    assert "2023 Q1: 125,000 persons (part of the year), 450,000 persons (target)" in text
    zh = targets.alt(frame, "new-urban-jobs", "zh")
    assert "2023年一季度：12.5万人（年内部分时期），45万人（目标）" in zh


def test_a_figure_counts_under_the_year_its_period_ends_in(frame):
    years = fact_years(frame).set_axis(frame["id"])
    assert years["gd-2021-11-new-jobs"] == "2021"
    assert years["ha-2025-h1-new-jobs"] == "2025"
    shown = apply(frame, Filters(years=("2021", "2023")))
    assert set(fact_years(shown)) == {"2021", "2023"}
    assert "gd-2021-11-new-jobs" in set(shown["id"]) and "ln-2022-new-jobs" not in set(shown["id"])


def test_cards_say_the_period_of_each_figure(frame):
    for card in cards(frame, "en"):
        for figure, _, _ in card.figures:
            assert " · " in figure and figure.rsplit(" · ", 1)[1][:4].isdigit()


def test_the_heading_and_findings_follow_the_data(data, frame):
    years = sorted(set(fact_years(frame)))
    span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    publishers = {s.publisher_en or s.publisher for s in data.sources}
    title, subtitle = page_heading(data.sources, "en", tuple(years))
    assert title.endswith(span)
    named = [p for p in publishers if p in subtitle]
    assert len(named) == min(len(publishers), MAX_PUBLISHERS)
    assert ("more publisher" in subtitle) == (len(publishers) > MAX_PUBLISHERS)
    # A page the outlet printed itself names its outlet before a repost's, whose outlet the copy may not name.
    firsthand = {s.publisher_en or s.publisher for s in data.sources if s.via is None}
    if firsthand:
        first = min(named, key=subtitle.index)
        assert first in firsthand
    title_zh, subtitle_zh = page_heading(data.sources, "zh", tuple(years))
    assert title_zh.startswith(f"{span}年")
    assert all(name.endswith("报") for name in re.findall("《(.*?)》", subtitle_zh))  # book-title marks: newspapers
    assert ("家发布者" in subtitle_zh) == (len({s.publisher for s in data.sources}) > MAX_PUBLISHERS)
    lines = dict(findings(frame, data.sources, "en"))
    names = {region_name(r, "en") for r in set(frame["region"])}
    assert lines and all(key.split(" (")[0] in names for key in lines)


def test_the_table_and_every_export_name_each_sources_address_and_reposting_site(data, frame):
    rows = apply(frame, Filters(regions=("guangdong",), years=("2024",)))
    shown = table(rows, "en")
    assert set(shown["Web address"]) == {"https://hrss.example.org/gd/2024/02/01/plan.html"}
    assert set(shown["Reposted by"]) == {"测试转载网"}
    assert set(shown["Official indicator"]) == {"New urban jobs", "Surveyed urban unemployment rate"}
    assert set(table(rows, "zh")["统计指标"]) == {"城镇新增就业", "城镇调查失业率"}
    back = pd.read_csv(io.BytesIO(to_csv(rows)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(back["source_url"]) == {"https://hrss.example.org/gd/2024/02/01/plan.html"}
    assert set(back["source_via"]) == {"测试转载网"} and set(back["indicator_zh"]) == {"城镇新增就业", "城镇调查失业率"}
    records = json.loads(to_json(rows))
    assert {r["source_via"] for r in records} == {"测试转载网"}
    with zipfile.ZipFile(io.BytesIO(to_package(rows, data.sources))) as archive:
        (cited,) = json.loads(archive.read("datapackage.json"))["sources"]
    assert cited["path"] == "https://hrss.example.org/gd/2024/02/01/plan.html" and cited["id"] == "gd-2024-02-plan"
    assert cited["title"].endswith("via 测试转载网")
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows, data.sources)))["sources"]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "https://hrss.example.org/gd/2024/02/01/plan.html" in values and "测试转载网" in values


def test_data_urls_take_years_and_say_a_year_the_data_lacks():
    page = PageData(YEARS)
    selection = selection_from_query([("years", "2021"), ("years", "2023")], page)
    assert selection[4] == ("2021", "2023")
    assert set(fact_years(page.view(selection))) == {"2021", "2023"}
    assert data_url(selection, page) == "/api/facts.csv?years=2021&years=2023"
    assert data_url(selection_from_query([], page), page) == "/api/facts.csv"
    with pytest.raises(BadRequest, match="unknown year '1999'"):
        selection_from_query([("years", "1999")], page)


def test_the_export_command_takes_years_and_writes_the_data_urls_bytes(tmp_path):
    from metrics.__main__ import main

    out = tmp_path / "facts.csv"
    assert main(["export", str(YEARS), "--region", "henan", "--year", "2023", "2025", "--out", str(out)]) == 0
    page = PageData(YEARS)
    query = [("regions", "henan"), ("years", "2023"), ("years", "2025")]
    assert out.read_bytes() == page.csv(selection_from_query(query, page))
    assert main(["export", str(YEARS), "--year", "twenty-one"]) == 2


def test_no_part_of_a_year_is_ever_labelled_as_the_whole_year():
    for first in range(1, 13):
        for last in range(first, 13):
            as_of = f"2024-{first:02d}" if first == last else f"2024-{first:02d}/2024-{last:02d}"
            whole = (first, last) == (1, 12)
            for lang, year in (("en", "2024"), ("zh", "2024年")):
                label = period_label(as_of, lang)
                assert label.startswith("2024") and (label == year) is whole, (as_of, label)
            assert is_full_year(as_of) is whole
