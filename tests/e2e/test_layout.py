"""Every chart fits any width: every text inside its chart, and no two texts overlapping."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.e2e.helpers import CHART, TIMEOUT_MS

BOXES = """(selector) => [...document.querySelectorAll(selector)].map(chart => {
    const frame = chart.getBoundingClientRect();
    const boxes = [...chart.querySelectorAll('text')]
        .filter(t => t.textContent.trim() && getComputedStyle(t).visibility !== 'hidden')
        .map(t => { const r = t.getBoundingClientRect();
                    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })
        .filter(b => b.right > b.left);
    return {frame: {left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom}, boxes};
})"""
"""Every chart matching the selector: its box and the boxes of the texts drawn in it."""


def _outside(found: dict) -> list[str]:
    frame = found["frame"]
    return [b["text"] for b in found["boxes"] if b["left"] < frame["left"] - 1 or b["right"] > frame["right"] + 1]


def _overlap(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


CHARTS = {"matrix": ".st-key-matrix .js-plotly-plot", "reach": ".st-key-reach .js-plotly-plot", "comparison": CHART}


@pytest.mark.parametrize("chart", list(CHARTS))
@pytest.mark.parametrize("width", [360, 390, 1440])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_text_stays_inside_and_apart(browser: Browser, many_regions: str, width: int, lang: str, chart: str):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{many_regions}/?lang={lang}", timeout=TIMEOUT_MS)
    page.locator(f"{CHARTS[chart]} .scatterlayer").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    found = page.evaluate(BOXES, CHARTS[chart])[0]
    boxes = found["boxes"]
    assert len(boxes) > 20  # twelve regions: every one is named
    assert _outside(found) == []
    clashes = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlap(a, b)]
    assert clashes == []
    page.close()


TARGET_CHARTS = '[class*="st-key-targets-"] .js-plotly-plot'

TARGETS_DRAWN = """(selector) => {
    const charts = [...document.querySelectorAll(selector)];
    return charts.length > 0 && charts.every(c => c.querySelector('.barlayer .point'));
}"""


@pytest.mark.parametrize("width", [360, 390, 1440])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_result_target_and_share_label_is_inside_its_chart_at_any_width(
    browser: Browser, server: str, width: int, lang: str
):
    """A result near the end of the axis keeps its figure and its share of the target ("127.6% of target") in view
    on a phone, not cut at the chart's right edge."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/?lang={lang}", timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    page.wait_for_function(TARGETS_DRAWN, arg=TARGET_CHARTS, timeout=TIMEOUT_MS)
    charts = page.evaluate(BOXES, TARGET_CHARTS)
    assert charts and all(len(chart["boxes"]) > 3 for chart in charts)
    assert [_outside(chart) for chart in charts] == [[] for _ in charts]
    page.close()
