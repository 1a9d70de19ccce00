"""The page shows the data file as it is now, or the last complete version and says why."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.page import state as page
from metrics.page.state import page_state
from tests.conftest import MINIMAL, ROOT

TEXT = MINIMAL.read_text(encoding="utf-8")
EDITED = TEXT.replace("People employed", "People at work!")  # same length in bytes
assert len(EDITED.encode()) == len(TEXT.encode())


@pytest.fixture
def data_file(tmp_path) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def metrics_shown(path: Path) -> list[str]:
    state = page_state(path)
    assert not state.data.problems
    return state.data.frame["metric"].tolist()


def test_a_same_size_edit_is_seen_even_when_stat_cannot_tell(data_file, monkeypatch):
    assert metrics_shown(data_file)[-1] == "People employed"
    frozen = page._stat(data_file)
    monkeypatch.setattr(page, "_stat", lambda path: frozen)  # as on a filesystem with 1-second timestamps
    data_file.write_text(EDITED, encoding="utf-8")
    assert metrics_shown(data_file)[-1] == "People at work!"


def test_a_same_size_edit_in_the_same_timestamp_tick_is_seen_long_after(data_file, monkeypatch):
    """Read within a tick of its stamp, a version is hashed again even once that tick is long past."""
    assert metrics_shown(data_file)[-1] == "People employed"
    frozen = page._stat(data_file)
    monkeypatch.setattr(page, "_stat", lambda path: frozen)  # the edit below lands in the same coarse tick
    data_file.write_text(EDITED, encoding="utf-8")
    later = time.time_ns() + int(60e9)
    monkeypatch.setattr(page.time, "time_ns", lambda: later)  # a minute on, the stamp is no longer recent
    assert metrics_shown(data_file)[-1] == "People at work!"


def test_a_settled_file_is_not_read_again_on_a_rerun(data_file, monkeypatch):
    first = page_state(data_file).data
    later = time.time_ns() + int(60e9)
    monkeypatch.setattr(page.time, "time_ns", lambda: later)
    assert page_state(data_file).data is first  # read a minute after its last change: a stat now vouches for it
    monkeypatch.setattr(page, "_read_all", lambda *a: pytest.fail("read again"))
    assert page_state(data_file).data is first


def test_an_edit_whose_mtime_was_set_back_is_seen_without_hashing(data_file, monkeypatch):
    monkeypatch.setattr(page, "RACY_S", 0)  # rely on the stat alone
    assert metrics_shown(data_file)[-1] == "People employed"
    before = data_file.stat()
    data_file.write_text(EDITED, encoding="utf-8")
    os.utime(data_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert data_file.stat().st_mtime_ns == before.st_mtime_ns
    assert metrics_shown(data_file)[-1] == "People at work!"


def test_an_unchanged_file_is_not_validated_again(data_file, monkeypatch):
    first = page_state(data_file).data
    monkeypatch.setattr(page, "PageData", lambda *a: pytest.fail("read again"))
    assert page_state(data_file).data is first
    os.utime(data_file)  # touched, same bytes
    assert page_state(data_file).data is first


def write_more_while_settling(monkeypatch, path: Path, rest: str) -> None:
    """The writer goes on while the page waits to see whether the file has settled."""
    monkeypatch.setattr(page, "_settle", lambda: path.open("a", encoding="utf-8").write(rest))


def test_a_file_still_being_written_keeps_the_last_complete_version(data_file, monkeypatch):
    assert metrics_shown(data_file)[-1] == "People employed"
    half = len(EDITED) // 2
    data_file.write_text(EDITED[:half], encoding="utf-8")
    write_more_while_settling(monkeypatch, data_file, EDITED[half:])
    state = page_state(data_file)
    assert state.being_written
    assert state.data.frame["metric"].tolist()[-1] == "People employed"

    monkeypatch.setattr(page, "_settle", lambda: None)  # the writer has finished
    state = page_state(data_file)
    assert not state.being_written
    assert state.data.frame["metric"].tolist()[-1] == "People at work!"


def test_a_file_first_seen_mid_write_says_so(tmp_path, monkeypatch):
    path = tmp_path / "facts.yaml"
    path.write_text(TEXT[:100], encoding="utf-8")
    write_more_while_settling(monkeypatch, path, TEXT[100:])
    state = page_state(path)
    assert state.being_written
    assert state.data.problems  # nothing complete to show yet


def test_a_writer_pausing_mid_file_keeps_the_last_complete_version(data_file):
    assert metrics_shown(data_file)[-1] == "People employed"
    data_file.write_text(TEXT[: len(TEXT) // 2], encoding="utf-8")  # half written, then a pause of a second or two
    for _ in range(3):
        state = page_state(data_file)
        assert state.being_written
        assert state.data.frame["metric"].tolist()[-1] == "People employed"
    data_file.write_text(EDITED, encoding="utf-8")  # the writer finishes
    assert metrics_shown(data_file)[-1] == "People at work!"


def test_a_writer_that_stopped_mid_file_is_refused_not_shown(data_file):
    assert metrics_shown(data_file)[-1] == "People employed"
    data_file.write_text(TEXT[: TEXT.index("excluded:")], encoding="utf-8")
    old = data_file.stat().st_mtime - page.WRITE_GRACE_S - 1
    os.utime(data_file, (old, old))  # and nothing more came for longer than a writer pauses
    state = page_state(data_file)
    assert not state.being_written
    assert any("may be cut short" in p for p in state.data.problems)


def test_the_page_says_a_newer_version_is_being_written(data_file, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(data_file))
    monkeypatch.delenv("METRICS_SOURCE_TEXT", raising=False)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.warning
    cards = [c.value for c in app.text]
    data_file.write_text(EDITED[:300], encoding="utf-8")
    write_more_while_settling(monkeypatch, data_file, EDITED[300:])
    app.run()
    assert not app.exception
    assert "still being written" in app.warning[0].value
    assert [c.value for c in app.text] == cards


def test_a_new_version_reaches_readers_under_steady_load(data_file):
    """Twenty readers at once while a writer rewrites the file in place (half, a 50 ms pause, the rest, then a
    second idle), five times: each version is shown before the next write starts, within a second of settling."""
    versions = [EDITED, TEXT] * 3
    seen: list[tuple[float, str]] = []
    stop = threading.Event()
    page_state(data_file)

    def read() -> None:
        deadline = time.monotonic() + 30  # bounded in time and count even if the writer fails
        for _ in range(200_000):
            if stop.is_set() or time.monotonic() > deadline:
                break
            state = page_state(data_file)
            if state.data.frame is not None:
                seen.append((time.monotonic(), state.data.frame["metric"].iloc[-1]))

    readers = [threading.Thread(target=read, daemon=True) for _ in range(20)]
    for reader in readers:
        reader.start()
    settled: list[tuple[float, float, str]] = []
    try:
        for text in versions[:5]:
            with data_file.open("r+", encoding="utf-8") as out:
                out.truncate(0)
                out.write(text[: len(text) // 2])
                out.flush()
                time.sleep(0.05)
                out.write(text[len(text) // 2 :])
            done = time.monotonic()
            time.sleep(1.0)
            settled.append((done, time.monotonic(), text))
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
    for done, next_write, text in settled:
        metric = "People at work!" if text == EDITED else "People employed"
        shown = [t for t, m in seen if done <= t < next_write and m == metric]
        assert shown, f"version {metric!r} never reached a reader in the second after it settled"
