"""The data URLs on a running server, as a script or a spreadsheet would use them."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser

from tests.e2e.helpers import TIMEOUT_MS, download, wait_for_regions
from tests.e2e.server import ROOT, launch, stop, wait_healthy


def test_pandas_reads_the_csv_url_as_the_export(server: str):
    url = f"{server}/api/facts.csv?regions=guangdong&regions=shandong"
    frame = pd.read_csv(url, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    command = [sys.executable, "-m", "metrics", "export", "--region", "guangdong", "shandong"]
    exported = subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=120).stdout
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.read() == exported
    assert frame["id"].tolist() == [line.split(",")[0] for line in exported.decode("utf-8-sig").splitlines()[1:]]


def test_an_unknown_parameter_is_a_400_from_the_server(server: str):
    try:
        urllib.request.urlopen(f"{server}/api/facts.csv?region=guangdong", timeout=30)
    except urllib.error.HTTPError as err:
        assert err.code == 400
        assert "unknown parameter 'region'" in err.read().decode()
    else:
        raise AssertionError("expected a 400")


def test_the_page_shows_the_data_url_of_its_selection_and_it_serves_the_same_csv(browser: Browser, server: str):
    page = browser.new_page()
    page.goto(f"{server}/?regions=ningxia", timeout=TIMEOUT_MS)
    wait_for_regions(page, ["Ningxia"])
    shown = page.locator('[data-testid="stSidebar"] nav code').first.inner_text()
    assert shown == "/api/facts.csv?regions=ningxia"
    clicked = download(page, "Download CSV")
    with urllib.request.urlopen(server + shown, timeout=30) as response:
        assert response.read() == clicked
    page.close()


def _get(server: str, path: str, accept_encoding: str) -> tuple[int, list[tuple[str, str]], bytes]:
    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": accept_encoding})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("accept_encoding", "gzipped"),
    [
        ("gzip;q=0", False),
        ("gzip; q=0.000, identity", False),
        ("gzip;q=abc", False),
        ("*;q=0", False),
        ("identity", False),
        ("x-gzip", True),
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
    ],
)
def test_the_server_gzips_a_data_url_only_where_the_client_accepts_it(server: str, accept_encoding, gzipped):
    path = "/api/facts.csv?regions=guangdong"
    status, headers, body = _get(server, path, accept_encoding)
    plain_status, plain_headers, plain = _get(server, path, "identity")
    assert status == plain_status == 200
    named = [(k.lower(), v) for k, v in headers]
    encoding = [v for k, v in named if k == "content-encoding"]
    assert encoding == (["gzip"] if gzipped else [])
    assert (gzip.decompress(body) if gzipped else body) == plain
    assert [v for k, v in named if k == "vary"] == ["Accept-Encoding"]  # once
    assert [v for k, v in named if k == "cache-control"] == ["public, max-age=60, must-revalidate"]
    tag = dict(named)["etag"]
    assert (tag != dict((k.lower(), v) for k, v in plain_headers)["etag"]) == gzipped  # one tag per representation
    assert tag == f'"{hashlib.sha256(body).hexdigest()[:40]}"'


def test_the_spreadsheet_worker_outlives_request_threads_and_ends_when_its_server_is_killed():
    process, url = launch()
    try:
        wait_healthy(url, process, timeout=120)
        for region in ("ningxia", "guangdong"):
            with urllib.request.urlopen(f"{url}/api/facts.xlsx?regions={region}", timeout=120) as response:
                assert response.status == 200 and response.read()[:2] == b"PK"
            time.sleep(12)  # the request thread that started the worker ends after 10 s idle; the worker stays
        tasks = Path(f"/proc/{process.pid}/task").iterdir()  # a child is listed under the thread that started it
        children = [int(p) for task in tasks for p in (task / "children").read_text().split()]
        workers = [p for p in children if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert workers  # built outside the server's process
        process.kill()
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{p}").exists() for p in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(Path(f"/proc/{p}").exists() for p in children)  # no orphan left behind
    finally:
        if process.poll() is None:
            stop(process)
