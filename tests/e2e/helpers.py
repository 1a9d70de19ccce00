"""Reading and driving the page the way a person does."""

from __future__ import annotations

from playwright.sync_api import Page

CHART = ".stPlotlyChart .js-plotly-plot"
TIMEOUT_MS = 60_000


def legend_names(page: Page) -> list[str]:
    return page.locator(f"{CHART} .legendtext").evaluate_all("nodes => nodes.map(n => n.textContent)")


def wait_for_chart(page: Page, regions: list[str]) -> None:
    """Wait until the comparison chart's legend lists exactly these region names."""
    page.wait_for_function(
        """(names) => {
            const chart = document.querySelector('.stPlotlyChart');
            if (!chart) return false;
            const shown = [...chart.querySelectorAll('.legendtext')].map(e => e.textContent);
            return shown.length === names.length && names.every(n => shown.includes(n));
        }""",
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


def hover_texts(page: Page) -> list[str]:
    """The hover text of every bar, pointing at each bar's visible end in turn."""
    texts: list[str] = []
    bars = page.locator(f"{CHART} .barlayer .point path")
    for index in range(bars.count()):
        bars.nth(index).scroll_into_view_if_needed()
        box = bars.nth(index).bounding_box()
        assert box is not None
        page.mouse.move(0, 0)
        page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] / 2, steps=3)
        page.wait_for_function(
            "() => document.querySelector('.stPlotlyChart .hoverlayer').textContent.includes('“')",
            timeout=TIMEOUT_MS,
        )
        texts.append(page.locator(f"{CHART} .hoverlayer").text_content() or "")
    return texts
