"""The shipped data file: valid, true to the article, and complete."""

from __future__ import annotations

from collections import Counter

from metrics.articles.numbers import Qualifier, Reading, find_numbers, strip_spaces
from metrics.catalogue.load import load
from metrics.catalogue.regions import province_of, resolve
from tests.conftest import DATA_FILE, REGIONS


def test_shipped_file_is_valid_against_the_article(article_text):
    data = load(DATA_FILE, article_text)
    assert Counter(_province(f.region) for f in data.facts).keys() == set(REGIONS)


def _province(region: str) -> str:
    return province_of(resolve(region) or "").slug


def _is_figure(reading: Reading) -> bool:
    """Arabic digits, or a Chinese numeral that counts something (百余家, 三个, 数万人)."""
    has_digit = any(ch.isdigit() for ch in reading.printed)
    return has_digit or bool(reading.unit_word) or reading.qualifier in (Qualifier.AT_LEAST, Qualifier.RANGE)


def test_every_number_in_the_article_is_a_fact_or_excluded(article_text):
    """Audit: each printed figure occurs in some fact's quote or some excluded clause."""
    data = load(DATA_FILE, article_text)
    clauses = [strip_spaces(f.quote) for f in data.facts] + [strip_spaces(e.text) for e in data.excluded]
    figures = [r.printed for r in find_numbers(article_text) if _is_figure(r)]
    assert len(figures) > 50
    assert [p for p in figures if not any(p in clause for clause in clauses)] == []


def test_every_region_has_headline_figures():
    data = load(DATA_FILE)
    assert {_province(f.region) for f in data.facts if f.headline} == set(REGIONS)
