"""What a user downloads: exact CSV bytes, guarded text, a self-describing package."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from metrics.catalogue.load import load
from metrics.downloads.export import CSV_NAME, guard_formula, to_csv, to_package
from metrics.page.filters import Filters, apply
from metrics.page.frame import COLUMNS, to_frame
from tests.conftest import DATA_FILE, MINIMAL

HEADER = (
    "id,region,region_en,region_zh,region_code,area_en,area_zh,programme,programme_en,programme_zh,level,"
    "intervention,intervention_en,intervention_zh,target_group,target_group_en,target_group_zh,place,"
    "place_en,category,category_en,category_zh,indicator,indicator_en,indicator_zh,metric,metric_zh,"
    "measure,measure_en,measure_zh,"
    "value,value_low,value_high,unit,unit_en,unit_zh,"
    "qualifier,printed_value,printed_value_to,scale,printed,as_of,period_start,period_end,quote,note,source,article,"
    "source_headline,publisher,publisher_en,published,source_url,source_via"
)
NINGXIA_CSV = (
    "\ufeff" + HEADER + "\r\n"
    "ningxia-workshops,ningxia,Ningxia,宁夏,640000,Ningxia,宁夏回族自治区,ningxia-workshops,Assistance workshops,"
    "就业帮扶车间,province,employment-incentives,Employment incentives,就业激励,rural-labour,"
    "Rural labour and people lifted out of poverty,农村劳动力与脱贫人口,宁夏,宁夏,organisations,Organisations engaged,"
    "参与机构,,,,Assistance workshops,就业帮扶车间,providers,Providers,实施主体,"
    "400,400,,workshops,workshops,个车间,at_least,400,,,400多个,,,,目前400多个就业帮扶车间,,ed-liaoning,,"
    "辽宁抓好高校毕业生就业——想方设法拓宽就业渠道,经济日报 (Economic Daily),经济日报 (Economic Daily),2022-11,,\r\n"
    "ningxia-employed,ningxia,Ningxia,宁夏,640000,Ningxia,宁夏回族自治区,ningxia-workshops,Assistance workshops,"
    "就业帮扶车间,province,employment-incentives,Employment incentives,就业激励,rural-labour,"
    "Rural labour and people lifted out of poverty,农村劳动力与脱贫人口,宁夏,宁夏,people,People,人数,,,,"
    "People employed,帮助就业,participants,Participants,参与人数,,10000,90000,persons,persons,人,"
    "range,,,万,数万人,,,,帮助数万人就业,,ed-liaoning,,"
    "辽宁抓好高校毕业生就业——想方设法拓宽就业渠道,经济日报 (Economic Daily),经济日报 (Economic Daily),2022-11,,\r\n"
).encode()


def test_csv_for_one_region_is_exactly_these_bytes():
    frame = to_frame(load(MINIMAL))
    assert to_csv(apply(frame, Filters(regions=("ningxia",)))) == NINGXIA_CSV


def test_values_are_in_base_units_derived_from_the_printed_form():
    frame = to_frame(load(DATA_FILE)).set_index("id")
    assert frame.loc["liaoning-graduates-2022", "value"] == 406_000
    assert frame.loc["liaoning-graduates-2022", "printed_value"] == 40.6
    assert frame.loc["guangdong-skill-assessments", "value"] == 1_381_800
    assert frame.loc["guangdong-skilled-workers", "printed"] == "1804万人"


def test_shipped_file_round_trips_through_csv():
    data = load(DATA_FILE)
    frame = to_frame(data)
    back = pd.read_csv(io.BytesIO(to_csv(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(COLUMNS)
    assert back["id"].tolist() == [f.id for f in data.facts]
    assert back["quote"].tolist() == [f.quote for f in data.facts]
    assert back["value"].tolist() == [
        "" if f.base_value is None else format(f.base_value.normalize(), "f") for f in data.facts
    ]


@pytest.mark.parametrize(
    "text, guarded",
    [
        ("=1+1", "'=1+1"),
        ("+86 10", "'+86 10"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign, which some spreadsheets also accept
        ("'quoted", "''quoted"),  # so that dropping one leading ' always gives the text back
        ("辽宁 = Liaoning", "辽宁 = Liaoning"),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "fullwidth-equals", "apostrophe", "inner-equals"],
)
def test_formula_like_text_is_guarded(text, guarded):
    assert guard_formula(text) == guarded


def test_formula_text_in_data_is_guarded_in_the_csv_but_numbers_are_not(tmp_path):
    path = tmp_path / "formula.yaml"
    path.write_text(
        MINIMAL.read_text(encoding="utf-8").replace("metric: People employed", 'metric: "=HYPERLINK(1)"'),
        encoding="utf-8",
    )
    back = pd.read_csv(io.BytesIO(to_csv(to_frame(load(path)))), encoding="utf-8-sig", dtype=str)
    assert back["metric"].tolist()[-1] == "'=HYPERLINK(1)"
    assert back["value"].tolist()[0] == "406000"


def test_package_holds_the_csv_and_describes_every_column():
    data = load(MINIMAL)
    frame = to_frame(data)
    with zipfile.ZipFile(io.BytesIO(to_package(frame, data.sources))) as archive:
        assert sorted(archive.namelist()) == sorted([CSV_NAME, "datapackage.json"])
        assert archive.read(CSV_NAME) == to_csv(frame)
        descriptor = json.loads(archive.read("datapackage.json"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(COLUMNS)
    assert all(f["description"] for f in fields)
    assert "辽宁抓好高校毕业生就业" in descriptor["sources"][0]["title"]


def test_package_bytes_are_stable():
    data = load(MINIMAL)
    assert to_package(to_frame(data), data.sources) == to_package(to_frame(data), data.sources)
