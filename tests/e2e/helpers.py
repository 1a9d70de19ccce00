"""Reading and driving the page the way a person does."""

from __future__ import annotations

from playwright.sync_api import Page

CHART = ".st-key-comparison .js-plotly-plot"
"""The comparison chart (its element key is `comparison`)."""
TIMEOUT_MS = 60_000


SHOWN_REGIONS_JS = """() => {
    const first = h => {
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        const node = walker.nextNode();
        return node ? node.textContent : '';
    };
    const cards = document.querySelectorAll('[data-testid="stMain"] .region-cards h3');
    if (cards.length) return [...cards].map(first);
    const chart = document.querySelector('.stPlotlyChart');
    return chart ? [...chart.querySelectorAll('.legendtext')].map(e => e.textContent) : [];
}"""
"""The regions a page shows: the dashboard's card titles, or a floor app's chart legend."""


def shown_regions(page: Page) -> list[str]:
    return page.evaluate(SHOWN_REGIONS_JS)


def wait_for_regions(page: Page, regions: list[str]) -> None:
    """Wait until the page shows exactly these regions (the dashboard's cards, or a floor app's legend)."""
    page.wait_for_function(
        f"""(names) => {{
            const shown = ({SHOWN_REGIONS_JS})();
            return shown.length === names.length && names.every(n => shown.includes(n));
        }}""",
        arg=regions,
        timeout=TIMEOUT_MS,
    )


def add_region(page: Page, name: str) -> None:
    box = page.get_by_role("combobox", name="Regions")
    box.click()
    page.locator('[role="option"]', has_text=name).click()
    page.keyboard.press("Escape")
    # A focused multiselect can wrap to a taller box; leaving it first keeps the sidebar still,
    # so the next click lands where it was aimed.
    box.blur()


def remove_region(page: Page, name: str) -> None:
    page.get_by_role("button", name=f"Remove {name}", exact=True).click()


def download(page: Page, label: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("link", name=label).click()
    path = info.value.path()
    with open(path, "rb") as handle:
        return handle.read()


DOTS = f"{CHART} .scatterlayer .points path"
"""The comparison's dots."""


def hover_texts(page: Page) -> list[str]:
    """The hover text of every dot, pointing at each in turn."""
    texts: list[str] = []
    dots = page.locator(DOTS)
    dots.first.wait_for(timeout=TIMEOUT_MS)
    for index in range(dots.count()):
        dots.nth(index).scroll_into_view_if_needed()
        box = dots.nth(index).bounding_box()
        assert box is not None
        page.mouse.move(0, 0)
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
        page.wait_for_function(
            "() => document.querySelector('.st-key-comparison .hoverlayer').textContent.includes('“')",
            timeout=TIMEOUT_MS,
        )
        texts.append(page.locator(f"{CHART} .hoverlayer").text_content() or "")
    return texts
