"""Hostile data, a file broken while serving, and many users at once, in a real browser."""

from __future__ import annotations

import asyncio
import itertools
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from playwright.sync_api import Browser

from metrics.catalogue.load import load
from metrics.downloads.export import to_csv
from metrics.page.filters import Filters, apply
from metrics.page.frame import to_frame
from tests.conftest import DATA_FILE, FIXTURES, MINIMAL, REGION_NAMES, REGIONS
from tests.e2e.helpers import CHART, DOTS, SHOWN_REGIONS_JS, TIMEOUT_MS, hover_texts, wait_for_regions
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from tests.test_corpus import corpus

SCRIPT = "<script>alert('script')</script>"
IMAGE = "<img src=x onerror=alert('img')>"
LINK = "[click me](http://example.com/steal)"
HOVER = "<b onmouseover=alert('b')>hover</b>"


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """Two regions with one indicator in common, so a chart is drawn; their text is hostile."""
    path, _ = corpus(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("name_en: Liangshan assistance workshops", f'name_en: "{IMAGE}"')
    text = text.replace("metric: Assistance workshops built this year", f'metric: "{SCRIPT}"')
    text = text.replace("    place: 凉山彝族自治州\n", f'    place: "{LINK}"\n    place_en: "{LINK}"\n')
    text = text.replace("metric: People lifted out of poverty employed in the workshops", f'metric: "{LINK}"')
    text = text.replace(
        "quote: 凉山彝族自治州今年新建就业帮扶车间120个", f"quote: 凉山彝族自治州今年新建就业帮扶车间120个{HOVER}"
    )
    path.write_text(text, encoding="utf-8")
    load(path)  # valid data: only its text is hostile
    return path


def test_markup_in_data_is_shown_as_text_and_never_runs(browser: Browser, hostile_file: Path):
    with streamlit_server(env={"METRICS_FILE": str(hostile_file)}) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        outside: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:")) else outside.append(r.url))
        page.goto(f"{url}/?regions=hubei&regions=sichuan", timeout=TIMEOUT_MS)
        wait_for_regions(page, ["Hubei", "Sichuan"])
        page.locator(DOTS).first.wait_for(timeout=TIMEOUT_MS)

        shown = page.locator('[data-testid="stMain"]').inner_text()
        assert IMAGE in shown
        assert SCRIPT in shown
        label = (page.locator(".st-key-reach .js-plotly-plot").text_content() or "").replace(" ", "")
        assert LINK.replace(" ", "") in label  # a dot's label, wrapped over lines, as text
        chart_text = page.locator(CHART).text_content() or ""
        assert SCRIPT in chart_text  # the row title, as text
        hover = " ".join(hover_texts(page))
        assert f"凉山彝族自治州今年新建就业帮扶车间120个{HOVER}" in hover  # the quote, as written
        assert "&quot;" not in chart_text and "&#x27;" not in hover
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("a[href*='example.com']").count() == 0
        assert page.locator("[data-testid='stMain'] script").count() == 0
        assert dialogs == []
        assert outside == []
        page.close()


def test_a_file_broken_while_serving_shows_errors_then_recovers(browser: Browser, tmp_path: Path):
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    with streamlit_server(env={"METRICS_FILE": str(path)}) as url:
        page = browser.new_page()
        page.goto(url, timeout=TIMEOUT_MS)
        wait_for_regions(page, ["Liaoning", "Ningxia"])

        path.write_bytes((FIXTURES / "bad" / "dangling-source.yaml").read_bytes())
        page.reload()
        problem = page.get_by_text(f"{path}:39:13: facts[0].source: no source with id 'ed-nowhere'")
        problem.wait_for(timeout=TIMEOUT_MS)
        assert page.locator(CHART).count() == 0

        path.write_bytes(MINIMAL.read_bytes())
        page.reload()
        wait_for_regions(page, ["Liaoning", "Ningxia"])
        page.close()


SESSIONS = 20
CONCURRENT_TIMEOUT_MS = 180_000
"""Twenty browsers share two cores here: loading the page alone can take a minute, so each wait allows three."""
SUBSETS = [s for n in range(1, len(REGIONS) + 1) for s in itertools.combinations(REGIONS, n)]


async def _one_session(browser, url: str, regions: tuple[str, ...], errors: list[str]) -> bytes:
    """Open an empty view, pick the regions in the sidebar, wait for the chart, download the CSV once."""
    context = await browser.new_context()
    page = await context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{regions}: {error}"))
    await page.goto(f"{url}/?regions=", timeout=CONCURRENT_TIMEOUT_MS)
    box = page.get_by_role("combobox", name="Regions")
    for region in regions:
        await box.click(timeout=CONCURRENT_TIMEOUT_MS)
        await page.locator('[role="option"]', has_text=REGION_NAMES[region]["en"]).click(timeout=CONCURRENT_TIMEOUT_MS)
        await page.keyboard.press("Escape")
    await box.blur()  # see helpers.add_region
    await page.wait_for_function(
        f"""(names) => {{
            const shown = ({SHOWN_REGIONS_JS})();
            return shown.length === names.length && names.every(n => shown.includes(n));
        }}""",
        arg=[REGION_NAMES[r]["en"] for r in regions],
        timeout=CONCURRENT_TIMEOUT_MS,
    )
    await page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=CONCURRENT_TIMEOUT_MS)
    async with page.expect_download(timeout=CONCURRENT_TIMEOUT_MS) as info:
        await page.get_by_role("link", name="Download CSV").click()
    download = await info.value
    failure = await download.failure()
    payload = b"" if failure else Path(await download.path()).read_bytes()
    if failure:
        errors.append(f"{regions}: download {failure}")
    await context.close()
    return payload


async def _many_sessions(url: str, selections: list[tuple[str, ...]], errors: list[str]) -> list[bytes]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(*(_one_session(browser, url, s, errors) for s in selections))
        finally:
            await browser.close()


def test_twenty_concurrent_sessions_each_get_exactly_their_own_regions():
    selections = [SUBSETS[i % len(SUBSETS)] for i in range(SESSIONS)]
    frame = to_frame(load(DATA_FILE))
    errors: list[str] = []
    before = (DATA_FILE.read_bytes(), DATA_FILE.stat().st_mtime_ns)
    with streamlit_server() as url, ThreadPoolExecutor(1) as thread:
        # Its own thread: the session's synchronous Playwright already runs an event loop here.
        downloads = thread.submit(asyncio.run, _many_sessions(url, selections, errors)).result()
    assert errors == []  # no page errors, and every first click gave a download
    for regions, payload in zip(selections, downloads, strict=True):
        assert payload == to_csv(apply(frame, Filters(regions=regions))), regions
    assert (DATA_FILE.read_bytes(), DATA_FILE.stat().st_mtime_ns) == before
