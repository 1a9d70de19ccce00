"""Two replicas behind HAProxy: each reader keeps its own view and CSV, even when a replica dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.conftest import REGION_NAMES
from tests.e2e.helpers import TIMEOUT_MS, download, shown_regions, wait_for_regions
from tests.e2e.server import ROOT
from tests.e2e.serving import Serving, alive, start

SELECTIONS = [
    ["liaoning"],
    ["guangdong"],
    ["ningxia", "shandong"],
    ["liaoning", "ningxia"],
    ["guangdong", "shandong"],
    ["liaoning", "guangdong", "ningxia"],
]
RECOVERY_S = 60


def exported(regions: list[str]) -> bytes:
    command = [sys.executable, "-m", "metrics", "export", "--region", *regions]
    return subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=120).stdout


def names(regions: list[str]) -> list[str]:
    return [REGION_NAMES[r]["en"] for r in regions]


@pytest.fixture
def two_replicas() -> Iterator[Serving]:
    serving = start(2)
    try:
        yield serving
    finally:
        serving.stop()


class Reader:
    """One browser session with its own selection, watching its own websockets."""

    def __init__(self, browser: Browser, url: str, regions: list[str]) -> None:
        self.regions = regions
        self.context: BrowserContext = browser.new_context(accept_downloads=True)
        self.page: Page = self.context.new_page()
        self.sockets: list[float] = []  # when each websocket opened
        self.page.on("websocket", lambda ws: self.sockets.append(time.monotonic()))
        self.seen: list[list[str]] = []
        self.page.goto(f"{url}/?" + "&".join(f"regions={r}" for r in regions), timeout=TIMEOUT_MS)
        wait_for_regions(self.page, names(regions))

    def replica(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == "dashboard_replica")

    def look(self) -> list[str]:
        shown = shown_regions(self.page)
        self.seen.append(shown)
        return shown

    def live_again(self, since: float) -> bool:
        """A websocket opened after ``since`` and the page again shows exactly this reader's regions."""
        return any(t > since for t in self.sockets) and sorted(self.look()) == sorted(names(self.regions))

    def query_regions(self) -> list[str]:
        return sorted(v for k, v in (p.split("=") for p in self.page.url.split("?")[1].split("&")) if k == "regions")


def test_sessions_keep_their_view_and_csv_when_a_replica_is_killed(browser: Browser, two_replicas: Serving):
    readers = [Reader(browser, two_replicas.url, regions) for regions in SELECTIONS]
    for reader in readers:
        assert download(reader.page, "Download CSV") == exported(reader.regions)
    by_replica = {name: [r for r in readers if r.replica() == name] for name in two_replicas.replicas}
    assert all(by_replica.values()), f"round robin should use both replicas: {by_replica}"

    victim = "r1"
    killed_at = time.monotonic()
    os.kill(two_replicas.replicas[victim], signal.SIGKILL)
    two_replicas.wait_stderr(f"replica {victim}")

    reloaded = []
    for reader in readers:
        deadline = time.monotonic() + RECOVERY_S
        moved = reader in by_replica[victim]
        while moved and not reader.live_again(killed_at) and time.monotonic() < deadline:
            reader.page.wait_for_timeout(500)
        if moved and not reader.live_again(killed_at):
            reloaded.append(reader.regions)  # at worst one reload: the link holds the view
            reader.page.reload(timeout=TIMEOUT_MS)
            wait_for_regions(reader.page, names(reader.regions))
        assert reader.query_regions() == sorted(reader.regions)
        assert download(reader.page, "Download CSV") == exported(reader.regions)
        if moved:
            assert reader.replica() != victim
    for reader in readers:
        wanted = sorted(names(reader.regions))
        assert all(sorted(shown) in (wanted, []) for shown in reader.seen), "a reader saw another selection"
    print(f"\nreaders of the killed replica: {len(by_replica[victim])}; needed a reload: {reloaded}")
    assert len(reloaded) <= len(by_replica[victim])
    for reader in readers:
        reader.context.close()


def cookie_secret(pid: int) -> str:
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return next(v.split(b"=", 1)[1].decode() for v in environ if v.startswith(b"STREAMLIT_SERVER_COOKIE_SECRET="))


def test_replicas_share_one_cookie_secret_and_stopping_serve_stops_them_all():
    serving = start(2)
    pids = serving.pids()
    assert len(pids) == 3 and all(alive(p) for p in pids)
    secrets = {cookie_secret(pid) for pid in serving.replicas.values()}
    assert len(secrets) == 1 and len(secrets.pop()) >= 32  # one secret, the same on every replica
    assert serving.stop() == 0
    deadline = time.monotonic() + 20
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if alive(p)]
