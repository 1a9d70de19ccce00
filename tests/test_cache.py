"""The on-disk cache of validated facts: faithful, keyed by content, and never trusted blindly."""

from __future__ import annotations

import pytest

from metrics import cache
from metrics.frame import to_frame
from metrics.load import load
from metrics.page import PageData
from tests.conftest import MINIMAL


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_second_read_comes_from_the_cache_and_equals_validation(cache_dir, tmp_path, monkeypatch):
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    first = PageData(path)
    assert len(list(cache_dir.iterdir())) == 2
    monkeypatch.setattr("metrics.page.load_bytes", lambda *a: pytest.fail("validated again"))
    second = PageData(path)
    assert second.frame.equals(to_frame(load(MINIMAL)))
    assert second.frame.dtypes.equals(first.frame.dtypes)
    assert second.sources == first.sources


def test_changed_content_gets_a_new_entry(cache_dir, tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    PageData(path)
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("People employed", "People in work"), "utf-8")
    assert PageData(path).frame["metric"].tolist()[-1] == "People in work"
    assert len(list(cache_dir.iterdir())) == 4


def test_unreadable_entry_is_ignored(cache_dir, tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    PageData(path)
    for entry in cache_dir.iterdir():
        entry.write_bytes(b"not parquet")
    assert PageData(path).frame.equals(to_frame(load(MINIMAL)))


def test_invalid_files_are_never_cached(cache_dir):
    assert PageData(MINIMAL.parent.parent / "bad" / "dangling-source.yaml").problems
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_empty_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("METRICS_CACHE_DIR", "")
    assert cache.cache_dir() is None
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    assert len(PageData(path).frame) == 3
