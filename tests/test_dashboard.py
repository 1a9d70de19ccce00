"""The page, driven through Streamlit's AppTest."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from bench.generate import generate
from metrics.catalogue.load import MetricsFileError, load
from metrics.page.views import TABLE_PAGE_ROWS
from tests.conftest import ARTICLE, DATA_FILE, FIXTURES, MINIMAL, REGIONS, ROOT, facts_table, region_name

SUBSETS = [s for n in range(len(REGIONS) + 1) for s in itertools.combinations(REGIONS, n)]


def open_page(query: dict[str, list[str]] | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in (query or {}).items():
        app.query_params[key] = values
    return app.run()


def url_values(app: AppTest, key: str) -> list[str]:
    value = app.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def card_html(app: AppTest) -> str:
    """The cards' element: one HTML section holding every card."""
    bodies = [e.proto.body for e in app.get("html") if 'class="region-cards"' in e.proto.body]
    return bodies[0] if bodies else ""


def card_regions(app: AppTest) -> set[str]:
    """Regions with a card (each card's title is its h3)."""
    names = {region_name(r, "en"): r for r in REGIONS} | {region_name(r, "zh"): r for r in REGIONS}
    return {names[t] for t in re.findall(r"<h3>(.*?)</h3>", card_html(app))}


def chart_regions(chart: Any) -> set[str]:
    """Regions a chart draws a mark for (each mark's meta names its region)."""
    return {t["meta"]["region"] for t in json.loads(chart.proto.spec)["data"] if t.get("meta")}


def table_regions(app: AppTest) -> set[str]:
    table = facts_table(app)
    if table is None:
        return set()
    names = {region_name(r, "en"): r for r in REGIONS}
    return {names[n.split(" · ")[0]] for n in table["Region"]}


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    monkeypatch.delenv("METRICS_SOURCE_TEXT", raising=False)


@pytest.fixture
def article_text_path(article_text):  # skips, saying why, where the article is absent
    return ARTICLE


@pytest.mark.parametrize("subset", SUBSETS, ids=["-".join(s) or "none" for s in SUBSETS])
def test_cards_charts_and_table_hold_only_the_selected_regions(subset):
    app = open_page()
    app.multiselect(key="regions").set_value(list(subset)).run()
    assert not app.exception
    assert card_regions(app) == set(subset)
    assert table_regions(app) == set(subset)
    charts = {chart.key: chart for chart in app.get("plotly_chart")}
    if subset:
        assert chart_regions(charts["matrix"]) == set(subset)
        # A region with no reach figure is valid data: it has no dot, and the chart's place says so by name.
        dotted = chart_regions(charts["reach"]) if "reach" in charts else set()
        notes = " ".join(h.value for h in app.get("html") if 'class="chart-note left-out"' in h.value)
        named = {r for r in subset if re.search(rf"\b{re.escape(region_name(r))}\b", notes)}
        assert dotted <= set(subset) and not dotted & named
        assert dotted | named == set(subset) or (not dotted and "reports how many people" in app.info[0].value)
    assert url_values(app, "regions") == (list(subset) or [""])


def test_empty_selection_shows_a_friendly_message():
    app = open_page({"regions": [""]})
    assert not app.exception
    assert app.multiselect(key="regions").value == []
    assert "No region selected" in app.info[0].value
    assert not app.get("plotly_chart")


def test_query_parameter_preselects_the_filter():
    app = open_page({"regions": ["ningxia", "shandong"]})
    assert app.multiselect(key="regions").value == ["shandong", "ningxia"]  # the filter's own order
    assert card_regions(app) == {"ningxia", "shandong"}


def test_shipped_page_answers_first_with_results_beside_targets_then_the_matrix_and_the_reach_chart():
    app = open_page()
    keys = [chart.key for chart in app.get("plotly_chart")]
    planned = [key for key in keys if key.startswith("targets-")]
    assert keys[: len(planned) + 2] == [*planned, "matrix", "reach"]
    assert not app.info  # no "nothing to compare" note


def test_no_query_parameter_shows_every_region():
    app = open_page()
    assert app.multiselect(key="regions").value == list(REGIONS)


def test_unknown_slugs_in_the_link_are_ignored():
    app = open_page({"regions": ["guangdong", "atlantis", "Guangdong"]})
    assert app.multiselect(key="regions").value == ["guangdong"]


def test_language_switch_changes_labels_and_is_kept_in_the_link():
    app = open_page()
    app.radio(key="lang").set_value("zh").run()
    title = next(h.proto.body for h in app.get("html") if "<h1>" in h.proto.body)
    years = sorted({s.published[:4] for s in load(DATA_FILE).sources})
    span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    assert title.startswith(f"<h1>{span}年地方就业项目</h1>")  # the years the reports cover
    assert "地区" in facts_table(app).columns
    assert url_values(app, "lang") == ["zh"]
    app.radio(key="lang").set_value("en").run()
    assert "lang" not in app.query_params  # English is the default: the link needs no parameter for it
    app.radio(key="lang").set_value("zh").run()
    figures = list(facts_table(app)["数值"])
    assert "40.6万人（预计）" in figures  # numbers in 万, qualifiers in Chinese, full-width brackets


def test_cards_name_the_programme_and_the_period_of_each_figure():
    app = open_page({"regions": ["guangdong"]})
    items = re.findall(r"<li>(.*?)</li>", card_html(app))
    assert items[:2] == [
        "<b>18,040,000 persons · 2022</b><br>Skilled workers in the province<br>"
        "<i>Skilled-worker training and certification reform</i>",
        "<b>1,742 organisations · 2022 Sep 30</b><br>Enterprises registered as skill assessors<br>"
        "<i>Skilled-worker training and certification reform</i>",
    ]


BAD_FILES = sorted(p.name for p in (FIXTURES / "bad").iterdir())


@pytest.mark.parametrize("name", BAD_FILES, ids=[n.removesuffix(".yaml") for n in BAD_FILES])
def test_invalid_file_lists_the_command_lines_errors_and_draws_nothing(name, monkeypatch, article_text_path):
    path = FIXTURES / "bad" / name
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("METRICS_SOURCE_TEXT", str(article_text_path))
    app = open_page()
    assert not app.exception
    with pytest.raises(MetricsFileError) as refused:
        load(path, article_text_path.read_text(encoding="utf-8"))
    problems = [str(p) for p in refused.value.problems]
    assert app.code[0].value.splitlines() == problems
    assert all(line.startswith(f"{path}:") for line in problems)
    assert "problems" in app.error[0].value
    assert not app.get("plotly_chart")
    assert facts_table(app) is None


def test_page_recovers_when_a_broken_file_is_fixed(tmp_path, monkeypatch):
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    monkeypatch.setenv("METRICS_FILE", str(path))
    app = open_page()
    assert card_regions(app) == {"liaoning", "ningxia"}

    path.write_bytes((FIXTURES / "bad" / "dangling-source.yaml").read_bytes())
    app.run()
    assert not app.exception
    assert "no source with id 'ed-nowhere'" in app.code[0].value
    assert not app.get("plotly_chart")

    path.write_bytes(MINIMAL.read_bytes())
    app.run()
    assert card_regions(app) == {"liaoning", "ningxia"}


def test_a_session_leaves_the_data_file_untouched():
    before = (DATA_FILE.read_bytes(), DATA_FILE.stat().st_mtime_ns)
    app = open_page()
    app.multiselect(key="regions").set_value(["ningxia"]).run()
    app.radio(key="lang").set_value("zh").run()
    assert (DATA_FILE.read_bytes(), DATA_FILE.stat().st_mtime_ns) == before


def test_a_long_table_is_paged_below_and_every_row_is_on_exactly_one_page(tmp_path, monkeypatch):
    path = tmp_path / "facts.yaml"
    path.write_text(generate(500), encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(path))
    app = open_page()
    rows = int(re.search(r"([\d,]+) rows", card_html(app)).group(1).replace(",", ""))
    pages = -(-rows // TABLE_PAGE_ROWS)
    assert pages >= 2
    pager = app.number_input[0]
    assert (pager.label, pager.value, pager.max) == ("Table page", 1, pages)
    seen = []
    for number in range(1, pages + 1):
        app.number_input[0].set_value(number).run()
        shown = list(facts_table(app)["ID"])
        assert len(shown) == min(TABLE_PAGE_ROWS, rows - (number - 1) * TABLE_PAGE_ROWS)
        seen += shown
    assert len(seen) == len(set(seen)) == rows  # no row twice, none left out

    regions = app.multiselect(key="regions")
    regions.set_value(regions.value[:8]).run()  # from the last page to a narrower selection: its first page
    narrower = int(re.search(r"([\d,]+) rows", card_html(app)).group(1).replace(",", ""))
    assert TABLE_PAGE_ROWS < narrower < rows
    assert app.number_input[0].value == 1 and app.number_input[0].max == -(-narrower // TABLE_PAGE_ROWS)
    assert len(facts_table(app)) == TABLE_PAGE_ROWS


def test_each_table_row_names_its_report_by_the_headline_in_the_readers_language():
    sources = load(DATA_FILE).sources
    for lang in ("en", "zh"):
        table = facts_table(open_page({"lang": [lang]}))
        column = "Source" if lang == "en" else "出处"
        wanted = {s.headline_en or s.headline if lang == "en" else s.headline for s in sources}
        shown = {next((h for h in wanted if cell.startswith(f"{h} (")), cell) for cell in table[column]}
        assert shown and shown <= wanted  # each cell opens with a headline in the reader's language
    assert any(s.headline_en for s in sources)  # the English page shows English headlines, not only fallbacks
