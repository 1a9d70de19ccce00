"""The page under hostile and large data: data text stays plain text, every choice is distinct, charts stay
bounded and say what they leave out."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.generate import generate
from metrics.catalogue.load import load
from metrics.page.compare import MAX_ROWS, comparable, comparison_alt, comparison_figure, left_out
from metrics.page.dots import wrapped
from metrics.page.frame import to_frame
from metrics.page.labels import Names
from metrics.page.matrix import matrix_figure
from metrics.page.reach import MAX_DOTS as REACH_DOTS
from metrics.page.reach import left_out as reach_left_out
from metrics.page.reach import reach_alt, reach_figure
from tests.conftest import FIRST_PAGE_DATA, ROOT, facts_table
from tests.test_corpus import FACTS, POPULATION_FACT, corpus, fact_block

TAG = re.compile(r"</?b>|<br>")
"""The markup the charts write themselves: bold and line breaks. Anything else in their text is data."""


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("METRICS_SOURCE_TEXT", raising=False)
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def first_page() -> pd.DataFrame:
    return to_frame(load(FIRST_PAGE_DATA))


def shown_lines(plotly_text: str) -> list[str]:
    """What a reader sees of a chart text: its lines, without the chart's own markup, entities read."""
    return [html.unescape(TAG.sub("", line)) for line in plotly_text.split("<br>")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrapped_label_never_cuts_an_entity(lang):
    label = "参加<技能>培训&就业的农村劳动力R&D人数合计甲乙丙丁戊己庚辛" * 2
    lines = shown_lines(wrapped(label, lang))
    assert len(lines) > 1
    assert "".join(lines) == label  # every line reads as written: no "amp;" or "&a" where a break fell


def test_a_br_written_in_the_data_is_text_in_the_matrix(first_page):
    view = first_page.assign(
        intervention_en=first_page["intervention_en"] + "<br>x", region_en=first_page["region_en"] + " <br> y"
    )
    figure = matrix_figure(view, "en").to_dict()
    texts = [a["text"] for a in figure["layout"]["annotations"]] + [
        str(c) for t in figure["data"] for c in t["customdata"][0]
    ]
    assert any("&lt;br&gt;x" in t for t in texts)  # the band title, as written
    assert any("&lt;br&gt;" in t and "y" in t for t in texts)  # the column head
    for intervention in set(view["intervention_en"]):
        assert any(intervention in "".join(shown_lines(t)) for t in texts)
    # The only line breaks are the chart's own: no data text is split at its "<br>".
    assert not any(line.startswith("x") for t in texts for line in t.split("<br>"))


def test_a_word_longer_than_a_line_is_broken_so_no_label_line_runs_past_its_chart():
    address = "https://example.org/" + "a" * 460
    for lang, width in (("en", 30), ("zh", 15)):
        lines = shown_lines(wrapped(f"Trained {address} persons", lang))
        assert max(len(line) for line in lines) <= width
        assert "".join(lines).replace(" ", "") == f"Trained{address}persons"


MARKDOWN = "[MDLINK](http://127.0.0.1:8999/md) ![MDIMG](http://127.0.0.1:8999/mdimg.png) **BOLD** :red[RED] $x^2$"
"""Markdown that would become a link, an image fetched from a server, bold and red text, and a formula."""
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
"""Every kind of element the page uses that renders its text as Markdown."""


def markdown_texts(app: AppTest) -> list[str]:
    """The text of every element that renders Markdown, the widgets' labels and the radio buttons' options (which
    do too; a multiselect's options are plain text)."""
    texts = [e.value for kind in MARKDOWN_ELEMENTS for e in app.get(kind)]
    texts += [w.label for w in (*app.radio, *app.multiselect, *app.number_input)]
    return texts + [str(o) for r in app.radio for o in r.options]


def hostile_corpus(tmp_path: Path) -> Path:
    """Hubei with a resident population for its one dot; every text field a reader sees holds Markdown."""
    facts = FACTS + POPULATION_FACT.replace("metric: Resident population", f'metric: "Resident population {MARKDOWN}"')
    path, _ = corpus(tmp_path, facts)
    text = path.read_text(encoding="utf-8").replace(
        "    headline: 湖北：家门口就业服务站遍布城乡\n",
        "    headline: 湖北：家门口就业服务站遍布城乡\n"
        f'    headline_en: "Hubei stations {MARKDOWN}"\n'
        f'    publisher_en: "Test Daily {MARKDOWN}"\n'
        f'    summary_en: "Summary {MARKDOWN}"\n',
    )
    text = text.replace("name_en: Doorstep job service stations", f'name_en: "Stations {MARKDOWN}"')
    text = text.replace("metric: Households in difficulty served", f'metric: "Households {MARKDOWN}"')
    path.write_text(text, encoding="utf-8")
    load(path)  # valid data: only its text is hostile
    return path


def hover_sources(chart: Any) -> list[str]:
    """The report each dot's hover names (the last line of its hover text)."""
    return [t["customdata"][0][4] for t in json.loads(chart.proto.spec)["data"] if t.get("meta", {}).get("fact")]


def test_data_text_never_reaches_an_element_that_renders_markdown(tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(hostile_corpus(tmp_path)))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["hubei", "ningxia"]
    app.run()
    seen = markdown_texts(app)
    app.multiselect(key="regions").set_value(["hubei"]).run()
    app.radio(key="reach_scale").set_value("per_resident").run()  # the denominators' note
    seen += markdown_texts(app)
    (note,) = [h.value for h in app.get("html") if 'class="chart-note ' in h.value]
    assert html.escape(f"Resident population {MARKDOWN}", quote=False) in note  # named, as plain text
    assert note.count("<li>") == 1  # a line per denominator
    app.radio(key="lang").set_value("zh").run()
    seen += markdown_texts(app)
    assert seen and not [t for t in seen if "MDLINK" in t or "BOLD" in t]


def test_the_english_page_names_each_report_by_its_english_headline(tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(hostile_corpus(tmp_path)))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["hubei"]
    app.run()
    reach = next(c for c in app.get("plotly_chart") if c.key == "reach")
    assert hover_sources(reach) and all(s.startswith("Hubei stations") for s in hover_sources(reach))
    app.radio(key="reach_scale").set_value("per_resident").run()
    (note,) = [h.value for h in app.get("html") if 'class="chart-note ' in h.value]
    assert "Hubei stations" in note and "湖北：家门口" not in note
    reach = next(c for c in app.get("plotly_chart") if c.key == "reach")
    assert all(s.startswith("Hubei stations") for s in hover_sources(reach))
    app.radio(key="lang").set_value("zh").run()
    reach = next(c for c in app.get("plotly_chart") if c.key == "reach")
    assert all(s.startswith("湖北：家门口就业服务站遍布城乡") for s in hover_sources(reach))


def twin_reports(tmp_path: Path) -> Path:
    """Two reports, of two regions, with one English headline and one month: alike in the article filter."""
    path, _ = corpus(tmp_path)
    text = path.read_text(encoding="utf-8")
    for headline in ("湖北：家门口就业服务站遍布城乡", "凉山：帮扶车间让群众端稳饭碗"):
        text = text.replace(f"    headline: {headline}\n", f"    headline: {headline}\n    headline_en: Jobs news\n")
    text = text.replace('published: "2025-07"', 'published: "2025-06"')
    path.write_text(text, encoding="utf-8")
    load(path)
    return path


def test_reports_alike_in_name_stay_two_choices_through_every_rerun(tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(twin_reports(tmp_path)))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["hubei", "sichuan"]
    app.run()
    articles = next(m for m in app.multiselect if m.label == "Articles")
    assert len(set(articles.options)) == len(articles.options) == 2
    rows = len(facts_table(app))
    app.radio(key="lang").set_value("zh").run()  # a rerun sends every choice back by its label
    app.radio(key="lang").set_value("en").run()
    assert len(facts_table(app)) == rows
    assert sorted(next(m for m in app.multiselect if m.label == "Articles").value) == [
        "hb-2025-jobs",
        "ls-2025-workshops",
    ]


def test_every_filter_labels_its_choices_distinctly_whatever_the_data_says(first_page):
    alike = first_page.assign(intervention_en="Services", intervention_zh="服务")  # past validation, say
    sources = load(FIRST_PAGE_DATA).sources
    twins = [s.model_copy(update={"headline": "同题", "headline_en": "Same", "published": "2022-11"}) for s in sources]
    names = Names.of(alike, twins)
    for lang in ("en", "zh"):
        kinds = [names.intervention(i, lang) for i in names.interventions]
        reports = [names.source(s, lang) for s in names.sources]
        regions = [names.region(r, lang) for r in names.regions]
        for labels in (kinds, reports, regions):
            assert len(set(labels)) == len(labels) > 1, labels


@pytest.mark.parametrize(
    "key, named, chosen",
    [("regions", ["ningxia", "atlantis"], ["liaoning", "ningxia"]), ("interventions", ["workfare"], ["training"])],
)
def test_a_links_unknown_names_are_noted_until_the_reader_chooses_again(key, named, chosen, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(FIRST_PAGE_DATA))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params[key] = named
    app.run()
    assert [w.value for w in app.warning if "The link names" in w.value]
    app.radio(key="lang").set_value("zh").run()  # another control: the note stays, in the reader's language
    assert [w.value for w in app.warning if "链接中的" in w.value]
    app.multiselect(key=key).set_value(chosen).run()
    assert not [w.value for w in app.warning if "链接中的" in w.value]
    assert not [c.value for c in app.code if c.value in named]


def many_shared_indicators(frame: pd.DataFrame, count: int) -> pd.DataFrame:
    """Two regions' figures repeated under ``count`` indicators that both report."""
    pair = frame[frame["region"].isin(["liaoning", "guangdong"])].drop_duplicates("region")
    return pd.concat(
        [pair.assign(indicator=f"shared-{k}", id=pair["id"] + f"-{k}") for k in range(count)], ignore_index=True
    )


def test_the_like_with_like_chart_draws_a_bounded_number_of_rows_and_says_how_many_it_leaves_out(first_page):
    frame = many_shared_indicators(first_page, 600)
    shared = comparable(frame)
    assert len(shared) == 600
    figure = comparison_figure(frame, "en", None, shared).to_dict()
    rows = {t["meta"]["indicator"] for t in figure["data"] if t.get("meta")}
    assert rows == set(shared[:MAX_ROWS])  # the first rows, in category then file order
    drawn = comparison_figure(frame, "en", None, shared[:MAX_ROWS]).to_dict()
    assert figure["layout"]["height"] == drawn["layout"]["height"]  # 600 shared indicators cost no more than eight
    note = left_out(shared, "en")
    assert note is not None and note.startswith(f"{600 - MAX_ROWS} more indicators")
    assert note in comparison_alt(frame, shared, "en")
    assert left_out(shared[:MAX_ROWS], "en") is None  # nothing left out, nothing said


def test_a_row_of_like_with_like_says_how_many_figures_it_leaves_out(first_page):
    pair = many_shared_indicators(first_page, 1).assign(indicator="one")
    crowded = pd.concat([pair.assign(id=pair["id"] + f"-{k}", value_low=float(k)) for k in range(30)])
    figure = comparison_figure(crowded.reset_index(drop=True), "en").to_dict()
    assert sum(1 for t in figure["data"] if t.get("meta")) == 12
    (title,) = [a["text"] for a in figure["layout"]["annotations"] if a["text"].startswith("<b>")]
    assert "largest 12 of 60" in title


def test_the_page_notes_the_indicators_it_does_not_draw(tmp_path, monkeypatch):
    path = tmp_path / "facts.yaml"
    path.write_text(generate(600), encoding="utf-8")  # eleven indicators that several regions share
    monkeypatch.setenv("METRICS_FILE", str(path))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    chart = next(c for c in app.get("plotly_chart") if c.key == "comparison")
    drawn = {t["meta"]["indicator"] for t in json.loads(chart.proto.spec)["data"] if t.get("meta")}
    assert len(drawn) == MAX_ROWS
    notes = [h.value for h in app.get("html") if 'class="chart-note left-out"' in h.value]
    assert any(f"{len(comparable(to_frame(load(path)))) - MAX_ROWS} more indicators" in n for n in notes)


def provinces(frame: pd.DataFrame, count: int) -> pd.DataFrame:
    """One participants figure per province, for ``count`` made-up provinces (names and codes in order)."""
    dot = frame[frame["measure"] == "participants"].head(1)
    return pd.concat(
        [
            dot.assign(
                id=f"fact-{k}",
                programme=f"prog-{k}",
                region=f"p{k:02}",
                region_en=f"Province{k:02}",
                region_zh=f"省{k:02}",
                region_code=f"{k + 11:02}0000",
                province_code=f"{k + 11:02}0000",
                value_low=float(1000 + k),
                value=float(1000 + k),
            )
            for k in range(count)
        ],
        ignore_index=True,
    )


def reach_note_regions(note: str | None, frame: pd.DataFrame) -> set[str]:
    return {r for r, name in zip(frame["region"], frame["region_en"], strict=True) if note and name in note}


def test_the_reach_chart_names_every_selected_region_it_draws_no_dot_for(first_page):
    frame = provinces(first_page, 34)
    drawn = {t["meta"]["region"] for t in reach_figure(frame, "en").to_dict()["data"] if t.get("meta")}
    assert len(drawn) <= REACH_DOTS < 34
    note = reach_left_out(frame, "en")
    assert reach_note_regions(note, frame) == set(frame["region"]) - drawn  # exactly those, no others
    assert "table below" in note
    assert note in reach_alt(frame, "en")  # the text alternative says it too
    title = next(a["text"] for a in reach_figure(frame, "en").to_dict()["layout"]["annotations"] if "<b>" in a["text"])
    assert f"{REACH_DOTS} of 34 programmes" in " ".join(shown_lines(title))
    assert reach_left_out(provinces(first_page, 5), "en") is None  # all drawn: nothing said


def test_a_selected_region_without_a_reach_figure_is_named_in_the_charts_place(tmp_path, monkeypatch):
    path, _ = corpus(tmp_path, FACTS.replace(fact_block(FACTS, "hubei-households"), ""))
    monkeypatch.setenv("METRICS_FILE", str(path))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["regions"] = ["hubei", "sichuan"]
    app.run()
    reach = next(c for c in app.get("plotly_chart") if c.key == "reach")
    assert {t["meta"]["region"] for t in json.loads(reach.proto.spec)["data"] if t.get("meta")} == {"sichuan"}
    (note,) = [h.value for h in app.get("html") if 'class="chart-note left-out"' in h.value]
    assert "No dot for Hubei" in note and "Sichuan" not in note
