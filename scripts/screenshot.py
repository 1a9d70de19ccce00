"""Save a screenshot of the running dashboard to docs/dashboard.png, once its cards and charts are drawn.

python scripts/screenshot.py [--lang en|zh] [--out docs/dashboard.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import REGIONS, region_name  # noqa: E402
from tests.e2e.helpers import wait_for_regions  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    parser.add_argument("--out", default=str(ROOT / "docs" / "dashboard.png"))
    args = parser.parse_args()
    names = [region_name(r, args.lang) for r in REGIONS]  # every region the data has
    with streamlit_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1900})
        page.goto(f"{url}/?lang={args.lang}")
        wait_for_regions(page, names)
        page.locator(".st-key-reach .scatterlayer").first.wait_for(timeout=60_000)
        page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
        page.wait_for_timeout(1_500)
        page.screenshot(path=args.out)
        browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
