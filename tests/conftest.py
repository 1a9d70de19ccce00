from __future__ import annotations

import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "metrics.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal.yaml"
FIRST_PAGE_DATA = FIXTURES / "good" / "first-page.yaml"
"""The first page's curated data, frozen: a base for tests that add records of their own."""
SOURCES = ROOT.parent / "shared" / "sources"
ARTICLE = SOURCES / "economic-daily-2022-11-employment.txt"
REPORTS = ROOT.parent / "shared" / "reports"
"""Published reports (web pages, 2021 to 2025) the shipped data also quotes; index.yaml there is for people."""
ARTICLE_FOLDERS = (SOURCES, REPORTS)
"""Every folder of articles the shipped data quotes."""


def _shipped_provinces() -> dict[str, dict[str, str]]:
    """The provinces the shipped data has facts in, in GB/T 2260 order, with their names as the page shows them."""
    from metrics.catalogue.load import load
    from metrics.catalogue.regions import province_of, resolve

    provinces = sorted({province_of(resolve(f.region) or "") for f in load(DATA_FILE).facts}, key=lambda d: d.code)
    return {d.slug: {"en": d.name_en, "zh": d.short_zh} for d in provinces}


REGION_NAMES: dict[str, dict[str, str]] = _shipped_provinces()
REGIONS: tuple[str, ...] = tuple(REGION_NAMES)
"""The shipped data's provinces, in GB/T 2260 order: read from the data, so a curator's new article keeps tests
green. The four of the first page (liaoning, shandong, guangdong, ningxia) are always among them."""
FIRST_PAGE = ("liaoning", "shandong", "guangdong", "ningxia")


def region_name(slug: str, lang: str = "en") -> str:
    return REGION_NAMES[slug][lang]


# Tests (and the servers they start) keep the validated-facts cache out of the user's home.
os.environ["METRICS_CACHE_DIR"] = tempfile.mkdtemp(prefix="metrics-cache-")


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article the data is curated from; it lives beside the repository, not in it."""
    if not ARTICLE.exists():
        pytest.fail(f"source article not found at ../shared/sources/{ARTICLE.name}; it lives beside the repository")
    return ARTICLE.read_text(encoding="utf-8")


class _TableReader(HTMLParser):
    """The header row and the body rows of the first ``<table>`` in some HTML, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_head = False
        self._tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._tables += 1
        elif self._tables == 1 and tag == "thead":
            self._in_head = True
        elif self._tables == 1 and tag == "tr" and not self._in_head:
            self.rows.append([])
        elif self._tables == 1 and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell)
            (self.header if self._in_head else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def facts_table(app: AppTest) -> pd.DataFrame | None:
    """The page's table of facts as a reader sees it (headers and cell texts), or None when none is drawn."""
    for element in app.get("html"):
        if 'class="facts-table"' in element.value:
            reader = _TableReader()
            reader.feed(element.value)
            return pd.DataFrame(reader.rows, columns=reader.header)
    return None
