"""The page with several years: results beside targets on the default view, and the year filter (AppTest)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from metrics.catalogue.load import load
from metrics.page.filters import fact_years
from metrics.page.frame import to_frame
from tests.conftest import FIXTURES, ROOT, facts_table

YEARS = FIXTURES / "good" / "years" / "years.yaml"


@pytest.fixture(autouse=True)
def years_data(monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(YEARS))
    monkeypatch.delenv("METRICS_SOURCE_TEXT", raising=False)


def open_page(query: dict[str, list[str]] | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in (query or {}).items():
        app.query_params[key] = values
    return app.run()


def spec(chart: Any) -> dict:
    return json.loads(chart.proto.spec)


def target_charts(app: AppTest) -> list[dict]:
    """The charts of results beside targets, in page order (each trace's meta names its indicator and role)."""
    return [s for s in map(spec, app.get("plotly_chart")) if any(t.get("meta", {}).get("role") for t in s["data"])]


def url_values(app: AppTest, key: str) -> list[str]:
    if key not in app.query_params:
        return []
    value = app.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def test_the_default_view_draws_new_urban_jobs_by_region_and_year_with_a_text_alternative():
    app = open_page()
    assert not app.exception
    charts = target_charts(app)
    assert charts, "no chart of results beside targets"
    first = charts[0]
    assert {t["meta"]["indicator"] for t in first["data"]} == {"new-urban-jobs"}
    assert first["layout"]["title"]["text"] == "New urban jobs (persons)"
    assert {t["meta"]["region"] for t in first["data"]} == {"liaoning", "shandong", "henan", "guangdong", "ningxia"}
    alts = [c.proto.alt for c in app.get("plotly_chart") if "New urban jobs (persons)." in c.proto.alt]
    assert alts and "2023 Q1: 125,000 persons (part of the year)" in alts[0]
    headings = " ".join(e.proto.body for e in app.get("html"))
    assert "Did each region do what it planned?" in headings


def test_a_partial_period_is_labelled_by_its_period_on_the_chinese_page():
    app = open_page({"lang": ["zh"]})
    labels = {y for t in target_charts(app)[0]["data"] for y in t["y"]}
    assert {"2021年1—11月", "2023年一季度", "2025年上半年", "2022年1—11月"} <= labels
    partial = {
        y: shape
        for t in target_charts(app)[0]["data"]
        if t["meta"]["role"] == "result"
        for y, shape in zip(t["y"], t["marker"]["pattern"]["shape"], strict=True)
    }
    assert partial["2021年1—11月"] == "/" and partial["2021年"] == ""


def test_the_target_stands_beside_its_result_with_the_share_as_printed():
    guangdong = [t for t in target_charts(open_page())[0]["data"] if t["meta"]["area"] == "440000"]
    by_role = {t["meta"]["role"]: t for t in guangdong}
    assert "2021" in by_role["target"]["y"] and "2021" in by_role["result"]["y"]
    assert by_role["target"]["yaxis"] == by_role["result"]["yaxis"]  # same panel, same row
    result = dict(zip(by_role["result"]["y"], by_role["result"]["text"], strict=True))
    assert result["2021"] == "1,388,000<br>126.2% of target"  # the share as printed, on its own line
    assert result["2021 Jan–Nov"] == "1,256,000"  # a share printed for the year is not the part-year's


def test_figures_of_different_years_are_never_added_together():
    frame = to_frame(load(YEARS))
    printed = set(zip(frame["region_code"], frame["as_of"], frame["value_low"], strict=True))
    for chart in target_charts(open_page()):
        for trace in chart["data"]:
            area = trace["meta"]["area"]
            drawn = [(area, p, x) for p, x in zip(trace["meta"]["periods"], trace["x"], strict=True)]
            assert set(drawn) <= printed  # every bar one printed figure of its own period
            assert len(set(trace["y"])) == len(trace["y"])  # one bar per period and role, never a stack


def test_years_in_the_link_select_them_and_narrow_every_part_of_the_page():
    app = open_page({"years": ["2021", "2023"]})
    assert not app.exception
    assert app.multiselect(key="years").value == ["2021", "2023"]
    assert url_values(app, "years") == ["2021", "2023"]
    frame = to_frame(load(YEARS)).set_index("id")
    ids = set(facts_table(app)["ID"])
    assert {fact_years(frame.reset_index()).set_axis(frame.index)[i] for i in ids} == {"2021", "2023"}
    periods = {y for c in target_charts(app) for t in c["data"] for y in t["y"]}
    assert periods and all(p.startswith(("2021", "2023")) for p in periods)
    cards = next(e.proto.body for e in app.get("html") if 'class="region-cards"' in e.proto.body)
    years_on_cards = re.findall(r"<li><b>[^<]* · (\d{4})", cards)
    assert years_on_cards and set(years_on_cards) <= {"2021", "2023"}
    links = " ".join(e.proto.body for e in app.get("html") if "/api/facts.csv" in e.proto.body)
    assert "years=2021&amp;years=2023" in links


def test_choosing_years_in_the_sidebar_puts_them_in_the_link_and_clearing_them_shows_every_year():
    app = open_page()
    assert url_values(app, "years") == []
    app.multiselect(key="years").set_value(["2025"]).run()
    assert url_values(app, "years") == ["2025"]
    assert set(facts_table(app)["ID"]) == {
        "ha-2025-h1-new-jobs",
        "ha-2025-h1-new-jobs-share",
        "ha-2025-new-jobs-target",
    }
    app.multiselect(key="years").set_value([]).run()
    assert url_values(app, "years") == []
    assert len(facts_table(app)) == len(to_frame(load(YEARS)))


def test_a_year_the_data_lacks_in_the_link_is_named_above_the_page():
    app = open_page({"years": ["1999", "2022"]})
    assert app.multiselect(key="years").value == ["2022"]
    assert any("1999" in c.value for c in app.code)
