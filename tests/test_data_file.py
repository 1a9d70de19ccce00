"""The shipped data file: valid, true to the article, and complete."""

from __future__ import annotations

from collections import Counter

from metrics.articles.audit import audit
from metrics.articles.files import read_articles
from metrics.articles.numbers import Qualifier, Reading, find_numbers
from metrics.catalogue.load import load
from metrics.catalogue.regions import province_of, resolve
from tests.conftest import ARTICLE_FOLDERS, DATA_FILE, FIRST_PAGE, REGIONS


def test_shipped_file_is_valid_against_its_articles(article_text):
    data = load(DATA_FILE, read_articles(ARTICLE_FOLDERS))
    assert Counter(_province(f.region) for f in data.facts).keys() == set(REGIONS)


def _province(region: str) -> str:
    return province_of(resolve(region) or "").slug


def _is_figure(reading: Reading) -> bool:
    """Arabic digits, or a Chinese numeral that counts something (百余家, 三个, 数万人)."""
    has_digit = any(ch.isdigit() for ch in reading.printed)
    return has_digit or bool(reading.unit_word) or reading.qualifier in (Qualifier.AT_LEAST, Qualifier.RANGE)


def test_every_number_in_the_articles_is_claimed_once(article_text):
    """Audit: each printed number is one fact's own figure or in one excluded clause."""
    articles = read_articles(ARTICLE_FOLDERS)
    results = audit(load(DATA_FILE, articles), articles)
    assert {name: (found.unclaimed, found.twice) for name, found in results.items() if found} == {}
    figures = [r for r in find_numbers(article_text) if _is_figure(r)]
    assert len(figures) > 50  # the first page has that many figures; each is claimed above


def test_every_region_has_headline_figures():
    data = load(DATA_FILE)
    assert {_province(f.region) for f in data.facts if f.headline} >= set(FIRST_PAGE)
