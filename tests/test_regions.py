"""The GB/T 2260 table: built from maintained packages, and read the way the data uses it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from metrics.catalogue.regions import divisions, province_of, resolve, short_name
from tests.conftest import ROOT


def test_shipped_table_is_what_the_refresh_command_builds():
    command = [sys.executable, "-m", "metrics.catalogue.refresh_regions", "--check"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_table_holds_every_level_with_parents_that_exist():
    table = divisions()
    levels = {d.level for d in table.values()}
    assert levels == {"province", "prefecture", "county"}
    assert sum(d.level == "province" for d in table.values()) == 34
    assert all(d.parent in table for d in table.values() if d.parent)
    assert table["513400"].name_zh == "凉山彝族自治州"
    assert table["420000"].name_en == "Hubei"


@pytest.mark.parametrize(
    "name, code",
    [("420000", "420000"), ("liaoning", "210000"), ("nei-mongol", "150000"), ("513400", "513400")],
    ids=["code", "slug", "two-word-slug", "prefecture"],
)
def test_a_region_is_named_by_code_or_province_slug(name, code):
    assert resolve(name) == code


@pytest.mark.parametrize("name", ["atlantis", "999999", "Liaoning", "42000"], ids=["word", "no-code", "case", "short"])
def test_unknown_names_resolve_to_nothing(name):
    assert resolve(name) is None


def test_a_county_counts_under_its_province():
    assert province_of("370832").slug == "shandong"


@pytest.mark.parametrize(
    "full, short",
    [
        ("宁夏回族自治区", "宁夏"),
        ("凉山彝族自治州", "凉山"),
        ("梁山县", "梁山"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区", "新疆"),
    ],
    ids=["hui", "yi", "county", "three-characters", "uyghur"],
)
def test_short_names_drop_the_administrative_and_ethnic_words(full, short):
    assert short_name(full) == short
