"""A keyboard alone reaches every download and the table of quotes, with a visible focus ring at each stop."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.e2e.helpers import TIMEOUT_MS, wait_for_regions

MAX_TABS = 120
"""A bound on the walk: the page has far fewer stops than this."""

FOCUSED = """() => {
    const el = document.activeElement;
    const lines = (el.getAttribute('aria-label') || el.innerText || el.value || '').split('\\n')
        .map(l => l.trim()).filter(l => l && !/^[a-z_]+$/.test(l));  // icon ligatures: keyboard_arrow_right
    const name = lines.length ? lines[lines.length - 1] : '';
    const parse = text => {
        const m = text.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(',').map(Number);
        const mix = c => Math.round(c * a + 255 * (1 - a));  // over white
        return [mix(r), mix(g), mix(b)];
    };
    const lum = ([r, g, b]) => {
        const f = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let best = 0;
    for (let node = el, depth = 0; node && depth < 4; node = node.parentElement, depth++) {
        const style = getComputedStyle(node);
        const colours = [];
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) colours.push(style.outlineColor);
        if (style.boxShadow && style.boxShadow !== 'none') colours.push(style.boxShadow);
        for (const text of colours) {
            const rgb = parse(text);
            if (rgb) best = Math.max(best, 1.05 / (lum(rgb) + 0.05));
        }
    }
    return {tag: el.tagName, name, contrast: best};
}"""


def test_tab_reaches_each_download_and_the_table_of_quotes_with_a_visible_focus(browser: Browser, server: str):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(f"{server}/?regions=liaoning", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Liaoning"])
    page.locator("body").focus()
    stops = []
    table = "All figures with their sources"
    wanted = {"Download CSV", "Download spreadsheet (XLSX)", "Download data package (zip)", table}
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if wanted <= {s["name"] for s in stops}:
            break
    names = [s["name"] for s in stops]
    assert wanted <= set(names), " | ".join(f"{s['tag']}:{s['name']}" for s in stops)
    faint = [s for s in stops if s["contrast"] < 3 and s["tag"] != "BODY"]
    assert faint == [], faint  # every stop's ring is at least 3:1 against white
    assert names.index(table) > names.index("Download CSV")  # the reading order: sidebar, then the page
    box = page.get_by_role("region", name=table)
    assert box.evaluate("el => el === document.activeElement")
    for _ in range(40):  # arrow keys scroll the focused table to the columns off screen
        page.keyboard.press("ArrowRight")
    assert box.evaluate("el => el.scrollLeft") > 0
    row = box.locator("tr", has_text="今年预计有普通高校毕业生40.6万人")
    assert "College graduates expected" in row.inner_text()  # the clause sits in its figure's row
    page.close()
