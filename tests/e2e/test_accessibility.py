"""axe-core finds no serious or critical problem, and many regions stay readable."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.conftest import REGIONS, region_name
from tests.e2e.helpers import TIMEOUT_MS, wait_for_regions

FULL_HEIGHT = {"width": 1440, "height": 4000}
"""Tall enough that the whole page is laid out and scanned."""
TWELVE = [
    "Beijing",
    "Liaoning",
    "Zhejiang",
    "Shandong",
    "Hubei",
    "Hunan",
    "Guangdong",
    "Chongqing",
    "Sichuan",
    "Yunnan",
    "Ningxia",
    "Xinjiang",
]


def serious(page: Page) -> list[str]:
    """axe-core's serious and critical findings, each as rule: first offending element."""
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')[:160]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "query, names",
    [
        ("", [region_name(r, "en") for r in REGIONS]),  # every region the data has
        ("?lang=zh", [region_name(r, "zh") for r in REGIONS]),
        ("?regions=ningxia", ["Ningxia"]),
    ],
    ids=["default", "zh", "one-region"],
)
def test_axe_finds_no_serious_problem(browser: Browser, server: str, query: str, names: list[str]):
    page = browser.new_page(viewport=FULL_HEIGHT)
    page.goto(f"{server}/{query}", timeout=TIMEOUT_MS)
    wait_for_regions(page, names)
    assert serious(page) == []
    page.close()


def test_twelve_regions_stay_readable_and_pass_axe(browser: Browser, many_regions: str):
    page = browser.new_page(viewport=FULL_HEIGHT)
    page.goto(many_regions, timeout=TIMEOUT_MS)
    page.wait_for_selector(".st-key-reach .legendtext", timeout=TIMEOUT_MS)
    legend = page.locator(".st-key-reach .legendtext").all_text_contents()
    assert sorted(legend) == sorted(TWELVE)  # every region, each under its own name
    filters = page.locator('[data-testid="stMultiSelect"]')
    chips = filters.first.locator("[data-tag]").evaluate_all("tags => tags.map(t => t.getAttribute('aria-label'))")
    assert sorted(chips) == sorted(TWELVE)
    assert filters.nth(1).locator("[data-tag]").count() == 12  # one article per region
    titles = page.locator(".region-cards h3")
    widths = titles.evaluate_all(
        """hs => hs.map(h => {
            const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
            const text = walker.nextNode();
            const range = document.createRange();
            range.selectNodeContents(text);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return [text.textContent, lines.size === 1];
        })"""
    )
    broken = [name for name, fits in widths if name in TWELVE and not fits]
    assert len([name for name, _ in widths if name in TWELVE]) == 12
    assert broken == []  # every card's title on one line, inside its card
    assert serious(page) == []
    page.close()
