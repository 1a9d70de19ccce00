"""The Chinese page is Chinese: no English of the app's own, and 万/亿 in its figures."""

from __future__ import annotations

import re

from playwright.sync_api import Browser

from tests.conftest import REGIONS, region_name
from tests.e2e.helpers import TIMEOUT_MS, wait_for_regions

ALLOWED = {"English", "Language", "CSV", "XLSX", "zip", "api", "facts", "csv", "json", "datapackage"}
"""The language switch's own names, file formats, and the data URL."""


ICON = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
"""Streamlit's icons are ligatures of the icon font (keyboard_arrow_right), not words a reader sees."""


def english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", ICON.sub(" ", text))) - ALLOWED


def test_no_app_owned_english_on_the_chinese_page(browser: Browser, server: str):
    page = browser.new_page(viewport={"width": 1440, "height": 4000})
    page.goto(f"{server}/?lang=zh", timeout=TIMEOUT_MS)
    wait_for_regions(page, [region_name(r, "zh") for r in REGIONS])
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    assert page.title() == "地方就业项目"
    # Fact ids (liaoning-graduates-expected), web addresses and curators' notes are data in English, marked so.
    page.locator(".facts-table td[lang=en]").evaluate_all("cells => cells.forEach(c => c.hidden = true)")
    shown = " ".join(
        page.locator(selector).inner_text()
        for selector in ('[data-testid="stMain"]', '[data-testid="stSidebarUserContent"]')
    )
    assert english_words(shown) == set()
    assert "40.6万人" in shown and "(Economic Daily)" not in shown
    placeholders = page.locator("input[placeholder]").evaluate_all("els => els.map(e => e.placeholder)")
    assert english_words(" ".join(placeholders)) == set()
    page.close()


def test_the_english_page_is_checked_the_same_way(browser: Browser, server: str):
    """The check can fail: the English page is full of English."""
    page = browser.new_page(viewport={"width": 1440, "height": 2000})
    page.goto(server, timeout=TIMEOUT_MS)
    wait_for_regions(page, [region_name(r, "en") for r in REGIONS])
    assert len(english_words(page.locator('[data-testid="stApp"]').inner_text())) > 50
    page.close()
