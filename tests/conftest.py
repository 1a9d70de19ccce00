from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "metrics.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal.yaml"
ARTICLE = ROOT.parent / "shared" / "sources" / "economic-daily-2022-11-employment.txt"

# Tests (and the servers they start) keep the validated-facts cache out of the user's home.
os.environ["METRICS_CACHE_DIR"] = tempfile.mkdtemp(prefix="metrics-cache-")


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article the data is curated from; it lives beside the repository, not in it."""
    if not ARTICLE.exists():
        pytest.skip(f"source article not found at ../shared/sources/{ARTICLE.name}")
    return ARTICLE.read_text(encoding="utf-8")
