from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "metrics.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal.yaml"
SOURCES = ROOT.parent / "shared" / "sources"
ARTICLE = SOURCES / "economic-daily-2022-11-employment.txt"

REGION_NAMES: dict[str, dict[str, str]] = {
    "liaoning": {"en": "Liaoning", "zh": "辽宁"},
    "shandong": {"en": "Shandong", "zh": "山东"},
    "guangdong": {"en": "Guangdong", "zh": "广东"},
    "ningxia": {"en": "Ningxia", "zh": "宁夏"},
}
REGIONS: tuple[str, ...] = tuple(REGION_NAMES)
"""The shipped data's provinces, in GB/T 2260 order (21, 37, 44, 64)."""


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
