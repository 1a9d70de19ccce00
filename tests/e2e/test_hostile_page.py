"""Hostile and large data in a real browser: hovers that show for any count, text that stays in its box."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from metrics.catalogue.load import load
from metrics.page.matrix import MAX_LISTED
from tests.conftest import MINIMAL
from tests.e2e.helpers import TIMEOUT_MS
from tests.e2e.server import streamlit_server

SQUARES = ".st-key-matrix .scatterlayer .points path"
HOVER_MS = 10_000


def crowded(tmp_path: Path, count: int) -> Path:
    """The minimal file with ``count`` more programmes in Ningxia's one square, each with a figure."""
    text = MINIMAL.read_text(encoding="utf-8")
    programmes = "".join(
        f"  - id: ningxia-extra-{k}\n    region: ningxia\n    name_zh: 额外项目{k}\n"
        f"    name_en: Extra programme {k}\n    level: province\n    intervention: employment-incentives\n"
        f"    target_group: rural-labour\n    place: 宁夏\n"
        for k in range(count)
    )
    facts = "".join(
        f"  - id: ningxia-extra-{k}\n    region: ningxia\n    programme: ningxia-extra-{k}\n"
        f"    metric: Assistance workshops\n    metric_zh: 就业帮扶车间\n    value: 400\n    unit: workshops\n"
        f"    qualifier: at_least\n    category: organisations\n    measure: providers\n"
        f"    quote: 目前400多个就业帮扶车间\n    source: ed-liaoning\n"
        for k in range(count)
    )
    text = text.replace("\nfacts:\n", "\n" + programmes + "facts:\n", 1).replace(
        "\nexcluded:\n", "\n" + facts + "excluded:\n", 1
    )
    path = tmp_path / f"crowded-{count}.yaml"
    path.write_text(text, encoding="utf-8")
    load(path)
    return path


def hover_square(page: Page) -> str:
    """Point at the matrix's only square and return its hover text ('' if none shows)."""
    square = page.locator(SQUARES).first
    square.wait_for(timeout=TIMEOUT_MS)
    square.scroll_into_view_if_needed()
    box = square.bounding_box()
    assert box is not None
    page.mouse.move(0, 0)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    try:
        page.wait_for_function(
            "() => (document.querySelector('.st-key-matrix .hoverlayer')?.textContent || '').includes('·')",
            timeout=HOVER_MS,
        )
    except PlaywrightTimeout:  # no hover label: the caller's assertion says so
        return ""
    return page.locator(".st-key-matrix .hoverlayer").text_content() or ""


@pytest.mark.parametrize("count", [3, 12, 40])
def test_the_matrix_hover_shows_for_any_number_of_programmes(browser: Browser, tmp_path: Path, count: int):
    with streamlit_server(env={"METRICS_FILE": str(crowded(tmp_path, count))}) as url:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/?regions=ningxia", timeout=TIMEOUT_MS)
        hover = hover_square(page)
        assert "Assistance workshops" in hover and "Extra programme 0" in hover
        listed = 1 + count  # the shipped programme and the extra ones
        if listed > MAX_LISTED:
            assert f"+{listed - MAX_LISTED} more" in hover  # shortened, and says where the rest are
            assert "table" in hover
        else:
            assert f"Extra programme {count - 1}" in hover
        page.close()


WORD = "https://example.org/" + "w" * 460
"""A 480-character word: a web address, or text without spaces."""
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const spill = [];
    for (const box of document.querySelectorAll('[data-testid="stMain"] .region-card, .chart-note, .findings')) {
        const frame = box.getBoundingClientRect();
        for (const child of box.querySelectorAll('*')) {
            const r = child.getBoundingClientRect();
            if (r.width && r.right > frame.right + 1) spill.push(child.textContent.slice(0, 40));
        }
    }
    return {scroll: main.scrollWidth, client: main.clientWidth, spill};
}"""


def long_words(tmp_path: Path) -> Path:
    """The minimal file with a 480-character word in a metric, a programme's name, a summary and a publisher."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    byline: 本报记者 温济聪\n", f"    byline: 本报记者 温济聪\n    publisher_en: {WORD}\n", 1)
    text = text.replace("    headline: 辽宁", f"    summary_en: Graduates {WORD} helped\n    headline: 辽宁", 1)
    text = text.replace("name_en: Assistance workshops", f"name_en: Workshops {WORD}")
    text = text.replace("metric: Assistance workshops", f"metric: Workshops {WORD}")
    path = tmp_path / "long-words.yaml"
    path.write_text(text, encoding="utf-8")
    load(path)
    return path


@pytest.mark.parametrize("width", [390, 1440])
def test_long_words_from_the_data_break_and_never_push_the_page_sideways(browser: Browser, tmp_path: Path, width: int):
    with streamlit_server(env={"METRICS_FILE": str(long_words(tmp_path))}) as url:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url, timeout=TIMEOUT_MS)
        page.locator(".region-card").first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
        shown = page.locator('[data-testid="stMain"]').inner_text()
        assert WORD[:40] in shown.replace("\n", "")  # the text is there, only broken
        found = page.evaluate(OVERFLOW)
        assert found["spill"] == []
        assert found["scroll"] <= found["client"] + 1
        page.close()


LEGEND_TITLE = """() => {
    const chart = document.querySelector('.st-key-reach .js-plotly-plot');
    const frame = chart.getBoundingClientRect();
    const title = chart.querySelector('.legendtitletext').getBoundingClientRect();
    return {text: chart.querySelector('.legendtitletext').textContent, top: title.top, frame: frame.top};
}"""


@pytest.mark.parametrize("width", [360, 1440])
@pytest.mark.parametrize("lang, title", [("en", "Regions"), ("zh", "地区")])
def test_the_reach_legends_title_is_inside_its_chart(
    browser: Browser, many_regions: str, lang: str, title: str, width: int
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{many_regions}/?lang={lang}", timeout=TIMEOUT_MS)
    page.locator(".st-key-reach .legendtitletext").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    found = page.evaluate(LEGEND_TITLE)
    assert found["text"] == title
    assert found["top"] >= found["frame"], found
    page.close()
