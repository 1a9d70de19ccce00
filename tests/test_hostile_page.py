"""The page under hostile and large data: data text stays plain text, every choice is distinct, charts stay
bounded and say what they leave out."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from metrics.catalogue.load import load
from metrics.page.dots import wrapped
from metrics.page.frame import to_frame
from metrics.page.matrix import matrix_figure
from tests.conftest import FIRST_PAGE_DATA

TAG = re.compile(r"</?b>|<br>")
"""The markup the charts write themselves: bold and line breaks. Anything else in their text is data."""


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
