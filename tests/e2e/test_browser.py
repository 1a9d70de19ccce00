"""Real Chromium against a running server: links, filters, downloads."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.e2e.helpers import (
    TIMEOUT_MS,
    add_region,
    download,
    hover_texts,
    remove_region,
    wait_for_regions,
)
from tests.e2e.server import ROOT, streamlit_server
from tests.test_corpus import corpus


def exported(*regions: str) -> bytes:
    command = [sys.executable, "-m", "metrics", "export", "--region", *regions]
    return subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout


def test_shared_link_filter_change_and_csv_download(browser: Browser, server: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/?regions=ningxia&regions=shandong", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Ningxia", "Shandong"])

    add_region(page, "Guangdong")
    wait_for_regions(page, ["Guangdong", "Ningxia", "Shandong"])
    page.wait_for_url("**regions=guangdong**", timeout=TIMEOUT_MS)
    assert "regions=ningxia" in page.url and "regions=shandong" in page.url

    assert download(page, "Download CSV") == exported("guangdong", "ningxia", "shandong")

    remove_region(page, "Ningxia")
    wait_for_regions(page, ["Guangdong", "Shandong"])
    assert download(page, "Download CSV") == exported("guangdong", "shandong")
    assert errors == []
    page.close()


def test_downloading_does_not_rerun_the_page(browser: Browser, server: str):
    page = browser.new_page()
    page.goto(f"{server}/?regions=liaoning", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Liaoning"])
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    page.evaluate(
        """() => {
            window.__runs = 0;
            new MutationObserver(() => {
                if (document.querySelector('[data-test-script-state="running"]')) window.__runs += 1;
            }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
        }"""
    )
    download(page, "Download data package (zip)")
    page.wait_for_timeout(1_000)
    assert page.evaluate("window.__runs") == 0  # no script run began after the click
    assert page.locator('[data-testid="stStatusWidget"]').count() == 0
    page.close()


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped data plus a province and a prefecture that report one indicator in common."""
    path, _ = corpus(tmp_path_factory.mktemp("corpus"))
    with streamlit_server(env={"METRICS_FILE": str(path)}) as url:
        yield url


def test_hover_shows_the_verbatim_quote_and_printed_form(browser: Browser, corpus_server: str):
    page = browser.new_page()
    page.goto(f"{corpus_server}/?regions=hubei&regions=sichuan", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Hubei", "Sichuan"])
    hovered = hover_texts(page)
    assert len(hovered) == 2
    assert any("“全省今年还新建就业帮扶车间85个”" in text and "Printed: 85个" in text for text in hovered)
    assert any("“凉山彝族自治州今年新建就业帮扶车间120个”" in text for text in hovered)
    assert all("湖北：家门口就业服务站遍布城乡" in t or "凉山：帮扶车间让群众端稳饭碗" in t for t in hovered)
    page.close()


def test_every_figure_in_the_table_sits_in_one_row_with_its_clause_and_programme(browser: Browser, server: str):
    page = browser.new_page()
    page.goto(f"{server}/?regions=shandong", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Shandong"])
    row = page.get_by_role("region", name="All figures with their sources").locator("tr", has_text="焊工培训2万余人次")
    cells = row.locator("td").all_inner_texts()
    assert cells[:4] == [
        "Shandong · Liangshan County",
        "≥20,000 person-times",
        "Welder training, cumulative",
        "累计开展焊工培训2万余人次",
    ]
    assert '"Liangshan good welders" training programme' in cells[4:]  # quotes as characters, not &quot;
    assert "&quot;" not in page.locator('[data-testid="stMain"]').inner_text()
    page.close()


def test_clicking_a_dot_shows_its_clause_and_hovering_a_square_lists_its_programmes(browser: Browser, server: str):
    page = browser.new_page(viewport={"width": 1440, "height": 1200})
    page.goto(f"{server}/?regions=ningxia&regions=shandong", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Shandong", "Ningxia"])
    page.locator(".st-key-reach .scatterlayer .point").first.click(force=True, timeout=TIMEOUT_MS)
    clause = page.get_by_text("The clause it was printed in:")
    clause.wait_for(timeout=TIMEOUT_MS)
    shown = clause.inner_text()
    assert "“" in shown and "”" in shown  # the verbatim clause, quoted, beside the English metric
    listed = page.locator(".st-key-matrix .hoverlayer .hovertext", has_text="Shandong · Training")
    page.locator(".st-key-matrix").scroll_into_view_if_needed()  # below the results beside targets
    squares = page.locator(".st-key-matrix .scatterlayer .point")
    squares.first.wait_for(timeout=TIMEOUT_MS)
    for index in range(squares.count()):  # the square of Shandong's training, wherever its band is
        squares.nth(index).hover(force=True, timeout=TIMEOUT_MS)
        page.wait_for_timeout(300)  # the hover label is drawn after the pointer moves
        if listed.count():
            break
    listed.wait_for(timeout=TIMEOUT_MS)
    assert "CIMC Dongyue welder mentoring: ≥100 persons" in listed.first.text_content()  # SVG text
    page.close()


def test_the_tab_title_and_wide_layout_last_through_reruns_and_follow_the_language(browser: Browser, server: str):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?regions=ningxia&regions=shandong", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Ningxia", "Shandong"])
    main = page.locator('[data-testid="stMainBlockContainer"]')
    assert page.title() == "Regional employment programmes" and main.bounding_box()["width"] > 1000
    add_region(page, "Guangdong")  # a rerun
    wait_for_regions(page, ["Guangdong", "Ningxia", "Shandong"])
    assert page.title() == "Regional employment programmes" and main.bounding_box()["width"] > 1000
    page.get_by_text("中文", exact=True).click()
    wait_for_regions(page, ["广东", "宁夏", "山东"])
    page.wait_for_function("() => document.title === '地方就业项目'", timeout=TIMEOUT_MS)
    assert main.bounding_box()["width"] > 1000
    page.close()
