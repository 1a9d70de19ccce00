"""The data URLs on a running server, as a script or a spreadsheet would use them."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pandas as pd
from playwright.sync_api import Browser

from tests.e2e.helpers import TIMEOUT_MS, download, wait_for_regions
from tests.e2e.server import ROOT


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
