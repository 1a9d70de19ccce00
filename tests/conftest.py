from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "metrics.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal.yaml"
FIRST_PAGE_DATA = FIXTURES / "good" / "first-page.yaml"
"""The first page's curated data, frozen: a base for tests that add records of their own."""
SOURCES = ROOT.parent / "shared" / "sources"
ARTICLE = SOURCES / "economic-daily-2022-11-employment.txt"


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
