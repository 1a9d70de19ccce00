"""Real Chromium against a running server: links, filters, downloads."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Browser

from metrics.catalogue.load import load
from metrics.page.frame import to_frame
from tests.e2e.helpers import (
    CHART,
    TIMEOUT_MS,
    add_region,
    download,
    hover_texts,
    legend_names,
    remove_region,
    wait_for_chart,
)
from tests.e2e.server import ROOT


def exported(*regions: str) -> bytes:
    command = [sys.executable, "-m", "metrics", "export", "--region", *regions]
    return subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout


def test_shared_link_filter_change_and_csv_download(browser: Browser, server: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/?regions=ningxia&regions=shandong", timeout=TIMEOUT_MS)
    wait_for_chart(page, ["Ningxia", "Shandong"])

    add_region(page, "Guangdong")
    wait_for_chart(page, ["Guangdong", "Ningxia", "Shandong"])
    page.wait_for_url("**regions=guangdong**", timeout=TIMEOUT_MS)
    assert "regions=ningxia" in page.url and "regions=shandong" in page.url

    assert download(page, "Download CSV") == exported("guangdong", "ningxia", "shandong")

    remove_region(page, "Ningxia")
    wait_for_chart(page, ["Guangdong", "Shandong"])
    assert download(page, "Download CSV") == exported("guangdong", "shandong")
    assert errors == []
    page.close()


def test_downloading_does_not_rerun_the_page(browser: Browser, server: str):
    page = browser.new_page()
    page.goto(f"{server}/?regions=liaoning", timeout=TIMEOUT_MS)
    wait_for_chart(page, ["Liaoning"])
    page.evaluate("document.querySelector('.stPlotlyChart').dataset.marker = 'before-download'")
    download(page, "Download data package (zip)")
    page.wait_for_timeout(1_000)
    # A rerun would replace the chart element; the marker survives only if none happened.
    assert page.locator('.stPlotlyChart[data-marker="before-download"]').count() == 1
    assert page.locator('[data-testid="stStatusWidget"]').count() == 0
    page.close()


def test_hover_shows_the_verbatim_quote_and_printed_form(browser: Browser, server: str):
    page = browser.new_page()
    page.goto(f"{server}/?regions=guangdong", timeout=TIMEOUT_MS)
    wait_for_chart(page, ["Guangdong"])
    bar = page.locator(f"{CHART} .barlayer .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    # On a log axis a bar starts far off-screen, so point at its visible end.
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + box["height"] / 2, steps=3)
    hover = page.locator(f"{CHART} .hoverlayer")
    hover.wait_for(state="attached", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('.stPlotlyChart .hoverlayer').textContent.includes('“')", timeout=TIMEOUT_MS
    )
    text = hover.text_content() or ""
    frame = to_frame(load(ROOT / "data" / "metrics.yaml"))
    shown = frame[[f"“{quote}”" in text for quote in frame["quote"]]]
    assert len(shown) >= 1, text
    fact = shown.iloc[0]
    assert fact["region"] == "guangdong"
    assert f"Printed: {fact['printed']}" in text
    assert fact["source_headline"] in text
    assert legend_names(page) == ["Guangdong"]
    page.close()


def test_hover_shows_quotation_marks_as_characters_not_entities(browser: Browser, server: str):
    page = browser.new_page()
    page.goto(f"{server}/?regions=shandong", timeout=TIMEOUT_MS)
    wait_for_chart(page, ["Shandong"])
    hovered = " ".join(hover_texts(page))
    assert '"Liangshan good welders" training programme' in hovered
    assert "&quot;" not in hovered and "&amp;" not in hovered
    page.close()
