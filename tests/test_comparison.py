"""Comparing programmes that differ in kind: the matrix, the reach chart and what they refuse to draw."""

from __future__ import annotations

import json
import re
from html import escape

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics.catalogue.load import load
from metrics.page.filters import Filters, apply
from metrics.page.frame import to_frame
from metrics.page.labels import format_fact
from metrics.page.matrix import cells, matrix_figure
from metrics.page.reach import denominators, reach_figure, reach_rows
from metrics.page.views import cards, figures, findings_html, table
from tests.conftest import DATA_FILE, ROOT, facts_table


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return to_frame(load(DATA_FILE))


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    monkeypatch.delenv("METRICS_SOURCE_TEXT", raising=False)


def marks(figure) -> list[dict]:
    """The traces that stand for facts or cells (each names its region in meta)."""
    return [t for t in figure.to_dict()["data"] if t.get("meta")]


def test_every_shipped_programme_and_fact_is_classified(shipped):
    data = load(DATA_FILE)
    assert {p.intervention for p in data.programmes} <= {t.id for t in data.interventions}
    assert all(f.measure for f in data.facts)
    lmp = [t.lmp for t in data.interventions if t.lmp is not None]
    assert len(lmp) == len(set(lmp))  # each LMP category once
    assert all(t.addition for t in data.interventions if t.lmp is None)  # the rest say they are additions


def test_context_figures_are_never_drawn_as_reach(shipped):
    drawn = {t["meta"]["fact"] for t in marks(reach_figure(shipped))}
    context = set(shipped["id"][shipped["measure"] == "context"])
    assert context and not drawn & context
    assert "liaoning-graduates-2022" not in drawn  # 406,000 graduates expected is the population, not reach


def test_each_programme_has_at_most_one_dot_and_a_headline_figure_leads(shipped):
    dots = marks(reach_figure(shipped))
    programmes = shipped.set_index("id")["programme"]
    drawn = [programmes[t["meta"]["fact"]] for t in dots]
    assert len(drawn) == len(set(drawn))
    assert "shandong-dongyue-welders-trained" in {t["meta"]["fact"] for t in dots}


def test_persons_and_person_times_never_share_an_axis(shipped):
    figure = reach_figure(shipped)
    units = shipped.set_index("id")["unit"]
    axes: dict[str, set[str]] = {}
    for trace in marks(figure):
        axes.setdefault(trace.get("xaxis", "x"), set()).add(units[trace["meta"]["fact"]])
    assert sorted(map(sorted, axes.values())) == [["person-times"], ["persons"]]


def test_a_log_axis_carries_dots_only(shipped):
    figure = reach_figure(shipped).to_dict()
    logs = {
        k.replace("axis", "") for k, v in figure["layout"].items() if k.startswith("xaxis") and v.get("type") == "log"
    }
    assert logs  # the persons panel spans 6 to tens of thousands
    assert all(t["type"] == "scatter" for t in figure["data"])


def test_an_order_of_magnitude_is_shown_as_printed_never_as_bounds(shipped):
    ningxia = shipped[shipped["id"] == "ningxia-workshop-employment"]
    assert figures(ningxia, "en", with_unit=True) == ["tens of thousands persons"]
    assert figures(ningxia, "zh", with_unit=True) == ["数万人"]
    texts = json.dumps(reach_figure(shipped).to_dict(), ensure_ascii=False) + table(shipped, "en").to_csv()
    texts += json.dumps(reach_figure(shipped, "zh").to_dict(), ensure_ascii=False) + table(shipped, "zh").to_csv()
    assert not re.search(r"10,000\s*[–-]\s*90,000|1万\s*[–-]\s*9万", texts)


def test_a_figure_of_one_names_its_unit_in_the_singular_in_english():
    nan = float("nan")
    assert format_fact(1, nan, nan, "projected", "patents", "en", with_unit=True) == "1 patent (projected)"
    assert format_fact(1, nan, nan, "at_least", "classes", "en", with_unit=True) == "≥1 class"
    assert format_fact(2, nan, nan, "exact", "person-times", "en", with_unit=True) == "2 person-times"
    assert format_fact(1, nan, nan, "exact", "yuan", "en", with_unit=True) == "1 yuan"
    assert format_fact(1, nan, nan, "projected", "项", "zh", with_unit=True) == "1项（预计）"


def test_the_decade_of_an_order_of_magnitude_is_dotted_not_a_solid_range(shipped):
    trace = next(t for t in marks(reach_figure(shipped)) if t["meta"]["fact"] == "ningxia-workshop-employment")
    assert trace["line"]["dash"] == "dot"
    assert trace["x"] == [10_000, 100_000]


def test_matrix_puts_each_region_under_the_interventions_of_its_programmes(shipped):
    grid = cells(shipped, "en").set_index(["region", "intervention"])
    assert set(grid.index) >= {
        ("liaoning", "services"),
        ("guangdong", "skills-certification"),
        ("ningxia", "employment-incentives"),
        ("shandong", "training"),
    }
    named = [n for n, _ in grid.loc[("ningxia", "employment-incentives"), "programmes"]]
    assert named == ["Village employment assistance workshops"]


@pytest.mark.parametrize("regions", [("liaoning", "ningxia"), ("guangdong", "shandong"), ("shandong", "ningxia")])
def test_both_charts_hold_every_selected_region(shipped, regions):
    view = apply(shipped, Filters(regions=regions))
    for figure in (matrix_figure(view), reach_figure(view)):
        assert {t["meta"]["region"] for t in marks(figure)} == set(regions)


def test_a_card_never_pairs_a_programme_with_another_programmes_figure(shipped):
    for lang, programme_column, metric_column in (
        ("en", "programme_en", "metric"),
        ("zh", "programme_zh", "metric_zh"),
    ):
        pairs = set(zip(shipped[metric_column], shipped[programme_column], strict=True))
        for card in cards(shipped, lang):
            for _, metric, programme in card.figures:
                assert (metric, programme) in pairs, (card.title, metric, programme)


def test_reach_figures_are_not_repeated_on_the_cards(shipped):
    reach = set(reach_rows(shipped)["metric"])
    assert not {metric for card in cards(shipped, "en") for _, metric, _ in card.figures} & reach


def test_per_resident_reach_needs_a_population_of_the_same_area_and_year(shipped):
    rows = reach_rows(shipped)
    assert denominators(shipped, rows, "en").by_fact is None  # the shipped data has no population
    population = shipped[shipped["id"] == "liaoning-graduates-2022"].assign(
        id="liaoning-population",
        indicator="resident-population",
        measure="context",
        region_code="210800",
        value=2_300_000.0,
        value_low=2_300_000.0,
        period_end="2022-12-31",
    )
    yingkou = rows[rows["region_code"] == "210800"]
    found = denominators(pd.concat([shipped, population]), yingkou, "en")
    assert found.by_fact == {"liaoning-yingkou-graduates-contacted": 2_300_000.0}
    figure = reach_figure(shipped[shipped["id"] == "liaoning-yingkou-graduates-contacted"], "en", None, found)
    assert marks(figure)[0]["x"] == [pytest.approx(3400 / 230)]
    other_year = population.assign(period_end="2020-12-31")
    refused = denominators(pd.concat([shipped, other_year]), yingkou, "en")
    assert refused.by_fact is None and refused.missing == ("Yingkou City 2022",)


def test_an_unknown_intervention_in_the_link_is_named():
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["interventions"] = ["training", "<b>workfare</b>"]
    app.run()
    assert not app.exception
    assert "kinds of intervention that are not in this data" in app.warning[0].value
    assert app.code[0].value == "<b>workfare</b>"  # plain text, as typed
    assert app.multiselect(key="interventions").value == ["training"]
    regions = set(facts_table(app)["Intervention"])
    assert regions == {"Training"}


def test_the_english_article_filter_uses_english_headlines():
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    options = next(m for m in app.multiselect if m.label == "Articles").options
    assert "Liaoning works on graduate employment, widening job channels (2022-11)" in options


def test_card_text_from_the_data_is_escaped(shipped):
    hostile = shipped[shipped["region"] == "ningxia"].assign(
        programme_en='<img src=x onerror="alert(1)">', metric="**bold** [link](http://example.com)"
    )
    html = cards(hostile, "en")[0].html()
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "**bold** [link](http://example.com)" in html  # shown as typed: HTML is not markdown


def test_each_region_shown_has_its_one_line_finding_above_the_matrix(shipped):
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["ningxia", "shandong"]
    app.run()
    page = "".join(e.proto.body for e in app.get("html"))  # the page's HTML elements, in order
    intro = next(e.proto.body for e in app.get("html") if 'class="findings"' in e.proto.body)
    summaries = {s.id: s.summary_en for s in load(DATA_FILE).sources}
    for region in ("Ningxia", "Shandong"):
        reports = set(shipped.loc[shipped["region_en"] == region, "source"])
        said = (re.escape(f"</strong>: {escape(summaries[r])}</li>") for r in reports if summaries[r])
        # The region's name, and the years its report covers where the figures shown span several.
        assert any(re.search(rf"<strong>{region}(?: \(\d{{4}}(?:–\d{{4}})?\))?{s}", intro) for s in said)
    assert "<strong>Liaoning</strong>" not in intro
    assert page.index('class="findings"') < page.index("<h2>What each region does</h2>")


def test_the_chinese_page_writes_its_findings_with_full_width_colons(shipped):
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["ningxia"]
    app.query_params["lang"] = ["zh"]
    app.run()
    intro = next(e.proto.body for e in app.get("html") if 'class="findings"' in e.proto.body)
    assert re.search(r"<strong>宁夏(（[0-9–]+年）)?</strong>：", intro) and "</strong>: " not in intro


def test_findings_from_the_data_are_escaped():
    html = findings_html([("Ningxia", '<img src=x onerror="alert(1)">')], "In one line per region")
    assert "<img" not in html and "&lt;img src=x" in html


def test_charts_carry_no_template_for_kinds_of_chart_never_drawn(shipped):
    import streamlit  # noqa: F401  (as on the server, where Streamlit's large template is plotly's default)

    for figure in (matrix_figure(shipped), reach_figure(shipped)):
        spec = json.loads(figure.to_json())
        drawn = {trace.get("type", "scatter") for trace in spec["data"]}
        assert set(spec["layout"]["template"].get("data", {})) <= drawn == {"scatter"}
        assert "colorscale" not in spec["layout"]["template"].get("layout", {})


def test_the_kind_filter_starts_empty_keeping_every_kind_and_narrows_when_used(shipped):
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    kinds = app.multiselect(key="interventions")
    assert kinds.value == [] and kinds.placeholder == "All kinds"
    assert set(facts_table(app)["Intervention"]) == set(shipped["intervention_en"])
    assert "interventions" not in app.query_params

    kinds.set_value(["skills-certification"]).run()
    assert set(facts_table(app)["Intervention"]) == {"Skills certification"}
    assert app.query_params["interventions"] == "skills-certification"

    app.multiselect(key="interventions").set_value([]).run()
    assert len(facts_table(app)) == len(shipped)
    assert "interventions" not in app.query_params


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_figure_is_printed_more_than_twice_on_the_default_view(shipped, lang):
    def chart_texts(figure) -> str:
        texts = [a["text"] for a in figure.to_dict()["layout"].get("annotations", [])]
        joined = " | ".join(texts).replace("<br>", " " if lang == "en" else "")
        return re.sub(r"</?b>", "", joined)

    shown = chart_texts(matrix_figure(shipped, lang)) + " | " + chart_texts(reach_figure(shipped, lang))
    shown += " | " + " | ".join(f for card in cards(shipped, lang) for f, _, _ in card.figures)
    assert len(table(shipped, lang)) == len(shipped)  # the table prints every figure once
    for figure in figures(shipped, lang):
        printed = len(re.findall(rf"(?<![\d,.]){re.escape(figure)}(?!\d)", shown))
        assert printed + 1 <= 2, (figure, printed)


def test_a_dot_label_says_what_it_counts_and_how_it_was_printed(shipped):
    def label(lang: str, fact: str) -> str:
        figure = reach_figure(shipped, lang).to_dict()
        (trace,) = [t for t in figure["data"] if t.get("meta", {}).get("fact") == fact]
        (note,) = [a for a in figure["layout"]["annotations"] if a.get("y") == fact and a["yref"] == trace["yaxis"]]
        return note["text"].replace("<br>", " ")

    english = label("en", "liaoning-yingkou-graduates-contacted")
    assert "Unemployed graduates contacted" in english and "(at\u00a0least)" in english
    assert "离校未就业毕业生（不少于）" in label("zh", "liaoning-yingkou-graduates-contacted").replace(" ", "")
    assert "(order\u00a0of\u00a0magnitude)" in label("en", "ningxia-workshop-employment")
