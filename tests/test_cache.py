"""The on-disk cache of validated facts: faithful, keyed by content and code, and never trusted blindly."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.__main__ import main
from metrics.catalogue.load import load
from metrics.downloads import cache
from metrics.downloads.cache_settings import DEFAULT_MAX_MB
from metrics.page.frame import to_frame
from metrics.page.state import PageData
from tests.conftest import MINIMAL, ROOT

FRESH = to_frame(load(MINIMAL))
SOURCES = load(MINIMAL).sources


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def data_file(tmp_path) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def entry_files(cache_dir: Path) -> dict[str, Path]:
    """The one entry's files by suffix."""
    files = {p.suffix: p for p in cache_dir.iterdir()}
    assert set(files) == {".parquet", ".json", ".manifest"}, sorted(files)
    return files


def reseal(files: dict[str, Path]) -> None:
    """Rewrite the manifest to match tampered files, as an attacker who knows the format would."""
    record = json.loads(files[".manifest"].read_bytes())
    for suffix in (".parquet", ".json"):
        record[suffix] = hashlib.sha256(files[suffix].read_bytes()).hexdigest()
    files[".manifest"].write_text(json.dumps(record))


def assert_served_fresh(path: Path) -> None:
    data = PageData(path)
    assert not data.problems
    assert data.frame.equals(FRESH)
    assert data.sources == SOURCES


def test_second_read_comes_from_the_cache_and_equals_validation(cache_dir, data_file, monkeypatch):
    first = PageData(data_file)
    entry_files(cache_dir)
    monkeypatch.setattr("metrics.page.state.load_bytes", lambda *a: pytest.fail("validated again"))
    second = PageData(data_file)
    assert second.frame.equals(FRESH)
    assert second.frame.dtypes.equals(first.frame.dtypes)
    assert second.sources == first.sources


def test_changed_content_gets_a_new_entry(cache_dir, data_file):
    PageData(data_file)
    data_file.write_text(MINIMAL.read_text(encoding="utf-8").replace("People employed", "People in work"), "utf-8")
    assert PageData(data_file).frame["metric"].tolist()[-1] == "People in work"
    assert len(list(cache_dir.iterdir())) == 6


def parquet_with(change) -> bytes:
    frame = FRESH.copy()
    frame = change(frame) if change is no_rows else (change(frame) or frame)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def no_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[0:0]


def ten_times(frame: pd.DataFrame) -> None:
    frame.loc[0, "value"] *= 10


def values_as_text(frame: pd.DataFrame) -> None:
    frame["value"] = frame["value"].astype(str)


# (what is written over one file of the entry, whether the manifest is rewritten to match it)
POISONS = [
    (".json", b"5", False),
    (".json", b"null", False),
    (".json", b"[]", False),
    (".json", b"5", True),
    (".json", b"null", True),
    (".json", b'[{"id": "x"}]', True),
    (".parquet", parquet_with(values_as_text), False),
    (".parquet", parquet_with(values_as_text), True),
    (".parquet", parquet_with(no_rows), False),
    (".parquet", parquet_with(no_rows), True),
    (".parquet", parquet_with(ten_times), False),
    (".parquet", b"not parquet", False),
    (".parquet", b"not parquet", True),
    (".manifest", b"", False),
    (".manifest", b"[1, 2]", False),
    (".manifest", b'{"entry": "other"}', False),
]
POISON_IDS = [
    "json-5",
    "json-null",
    "json-empty-list",
    "json-5-resealed",
    "json-null-resealed",
    "json-bad-source-resealed",
    "parquet-values-as-text",
    "parquet-values-as-text-resealed",
    "parquet-zero-rows",
    "parquet-zero-rows-resealed",
    "parquet-value-times-ten",
    "parquet-garbage",
    "parquet-garbage-resealed",
    "manifest-empty",
    "manifest-a-list",
    "manifest-for-another-entry",
]


@pytest.mark.parametrize(("suffix", "payload", "resealed"), POISONS, ids=POISON_IDS)
def test_a_poisoned_entry_is_discarded_rebuilt_and_replaced(cache_dir, data_file, suffix, payload, resealed):
    PageData(data_file)
    files = entry_files(cache_dir)
    files[suffix].write_bytes(payload)
    if resealed:
        reseal(files)
    assert_served_fresh(data_file)
    # The entry was written again: the next start reads a good entry without validating.
    assert cache.read(files[".manifest"].stem) is not None


@pytest.mark.parametrize("suffix", [".parquet", ".json", ".manifest"])
@pytest.mark.parametrize("kind", ["fifo", "directory", "missing"])
def test_something_else_in_place_of_an_entry_file_is_replaced(cache_dir, data_file, suffix, kind):
    PageData(data_file)
    target = entry_files(cache_dir)[suffix]
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
        (target / "inside").write_text("x")
    assert_served_fresh(data_file)  # a FIFO is refused, not read: this returns
    files = entry_files(cache_dir)
    assert files[suffix].is_file()
    assert not list(cache_dir.glob("*.tmp"))


def test_a_full_disk_leaves_no_temporary_files(cache_dir, data_file, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", disk_full)
    assert_served_fresh(data_file)
    assert_served_fresh(data_file)
    assert list(cache_dir.iterdir()) == []


def test_least_recently_used_entries_are_evicted_past_the_size_bound(cache_dir, tmp_path, monkeypatch):
    entries = []
    for n in range(4):
        path = tmp_path / f"facts-{n}.yaml"
        path.write_text(MINIMAL.read_text(encoding="utf-8").replace("People employed", f"People {n}"), "utf-8")
        PageData(path)
        entries.append(cache.key(path.read_bytes()))
        os.utime(cache_dir / f"{entries[-1]}.manifest", (1000 + n, 1000 + n))
    one_entry = sum(p.stat().st_size for p in cache_dir.glob(f"{entries[0]}.*"))
    assert cache.read(entries[0]) is not None  # now the most recently used
    monkeypatch.setenv("METRICS_CACHE_MAX_MB", str(2.5 * one_entry / 2**20))
    cache.evict()
    kept = {p.name.split(".")[0] for p in cache_dir.iterdir()}
    assert kept == {entries[0], entries[3]}


def test_stale_temporary_files_are_cleaned_up(cache_dir, data_file):
    PageData(data_file)
    dead = cache_dir / f".{'a' * 32}-{'b' * 16}.parquet.abc123.tmp"
    dead.write_bytes(b"partial")
    os.utime(dead, (1000, 1000))
    cache.evict()
    assert not dead.exists()


def test_the_key_changes_with_every_file_of_the_package(tmp_path):
    package = tmp_path / "metrics"
    shutil.copytree(ROOT / "metrics", package, ignore=shutil.ignore_patterns("__pycache__"))
    baseline = cache.code_version(package)
    files = sorted(p for p in package.rglob("*") if p.is_file())
    assert len(files) >= 10
    for path in files:
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert cache.code_version.__wrapped__(package) != baseline, path.name
        path.write_bytes(original)
    (package / "regions.csv").write_text("code,name\n420000,湖北省\n", encoding="utf-8")
    assert cache.code_version.__wrapped__(package) != baseline, "a new table"


def test_invalid_files_are_never_cached(cache_dir):
    assert PageData(MINIMAL.parent.parent / "bad" / "dangling-source.yaml").problems
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_empty_setting_turns_the_cache_off(monkeypatch, data_file):
    monkeypatch.setenv("METRICS_CACHE_DIR", "")
    assert cache.cache_dir() is None
    assert len(PageData(data_file).frame) == 3


def test_help_says_where_the_cache_is(cache_dir, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert str(cache_dir) in out
    assert "METRICS_CACHE_DIR" in out


FILES = st.sampled_from([".parquet", ".json", ".manifest"])
MUTATIONS = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("append"), st.binary(min_size=1, max_size=64), st.just(0)),
)


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations=st.lists(st.tuples(FILES, MUTATIONS), min_size=1, max_size=3))
def test_mutated_entries_never_change_what_the_page_serves(cache_dir, data_file, mutations):
    shutil.rmtree(cache_dir, ignore_errors=True)
    PageData(data_file)
    files = entry_files(cache_dir)
    for suffix, (kind, where, value) in mutations:
        payload = bytearray(files[suffix].read_bytes())
        if kind == "flip" and payload:
            payload[where % len(payload)] ^= value
        elif kind == "truncate":
            del payload[where % (len(payload) + 1) :]
        elif kind == "append":
            payload += where
        files[suffix].write_bytes(bytes(payload))
    assert_served_fresh(data_file)


@pytest.mark.parametrize("setting", ["inf", "1e400", "-inf", "nan", "-3"])
def test_an_unbounded_or_negative_cache_bound_falls_back_to_the_default(cache_dir, data_file, monkeypatch, setting):
    monkeypatch.setenv("METRICS_CACHE_MAX_MB", setting)
    assert_served_fresh(data_file)  # no OverflowError after the write
    assert cache.max_bytes() == DEFAULT_MAX_MB * 2**20


def test_eviction_removes_only_the_caches_own_files(cache_dir, tmp_path, monkeypatch):
    cache_dir.mkdir(mode=0o700)
    theirs = {
        "important.json": b"{}",
        "notes.parquet": b"x",
        "old.manifest": b"{}",
        ".something.tmp": b"partial",
    }
    for name, payload in theirs.items():
        (cache_dir / name).write_bytes(payload)
        os.utime(cache_dir / name, (1000, 1000))
    (cache_dir / "photos.json").mkdir()
    (cache_dir / "photos.json" / "a.jpg").write_bytes(b"jpeg")
    monkeypatch.setenv("METRICS_CACHE_MAX_MB", "0.000001")
    for n in range(2):
        path = tmp_path / f"facts-{n}.yaml"
        path.write_text(MINIMAL.read_text(encoding="utf-8").replace("People employed", f"People {n}"), "utf-8")
        PageData(path)
        cache.evict()
    assert {p.name for p in cache_dir.iterdir()} == {*theirs, "photos.json"}
    assert (cache_dir / "photos.json" / "a.jpg").read_bytes() == b"jpeg"


def test_the_bound_holds_even_when_one_entry_alone_exceeds_it(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_CACHE_MAX_MB", "0.0001")  # about 100 bytes: smaller than any entry
    for n in range(3):
        path = tmp_path / f"facts-{n}.yaml"
        path.write_text(MINIMAL.read_text(encoding="utf-8").replace("People employed", f"People {n}"), "utf-8")
        assert not PageData(path).problems
        assert sum(p.stat().st_size for p in cache_dir.iterdir()) <= cache.max_bytes()


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_folder_others_may_write_to_is_not_used(cache_dir, data_file, capsys, mode):
    PageData(data_file)
    files = entry_files(cache_dir)
    frame = pd.read_parquet(files[".parquet"])
    frame.loc[0, "value"] = 9_999_999.0  # tampered by someone who could write there, digests rewritten
    files[".parquet"].write_bytes(frame.to_parquet(index=False))
    record = json.loads(files[".manifest"].read_bytes())
    record[".parquet"] = hashlib.sha256(files[".parquet"].read_bytes()).hexdigest()
    record["sizes"][".parquet"] = files[".parquet"].stat().st_size
    files[".manifest"].write_text(json.dumps(record))
    cache_dir.chmod(mode)
    assert_served_fresh(data_file)  # validated again: the planted entry is never read
    assert f"not using {cache_dir}" in capsys.readouterr().err
    assert files[".parquet"].exists()  # and nothing in that folder is touched


def test_entry_files_that_are_links_are_never_followed(cache_dir, data_file, tmp_path):
    PageData(data_file)
    files = entry_files(cache_dir)
    outside = tmp_path / "big.bin"
    outside.write_bytes(files[".parquet"].read_bytes())
    files[".parquet"].unlink()
    files[".parquet"].symlink_to(outside)
    assert_served_fresh(data_file)
    assert outside.exists()
    assert files[".parquet"].is_file() and not files[".parquet"].is_symlink()  # rebuilt in place


def test_a_file_larger_than_its_manifest_says_is_not_read_past_that_size(cache_dir, data_file):
    PageData(data_file)
    files = entry_files(cache_dir)
    with files[".json"].open("ab") as handle:
        handle.write(b" " * 10_000_000)
    assert_served_fresh(data_file)
    assert files[".json"].stat().st_size < 10_000


def test_a_folder_owned_by_another_user_is_not_used(cache_dir, data_file, capsys, monkeypatch):
    PageData(data_file)
    owner = cache_dir.stat().st_uid
    monkeypatch.setattr(cache.os, "getuid", lambda: owner + 1)  # as another user would run the page
    before = sorted(p.name for p in cache_dir.iterdir())
    assert_served_fresh(data_file)
    assert "is owned by user" in capsys.readouterr().err
    assert sorted(p.name for p in cache_dir.iterdir()) == before  # neither read nor written
