"""The page's CSV is byte for byte what ``python -m metrics export`` writes, after any change.

A copy of the app is served; its code, its data file and its cache are changed in turn,
and each time the CSV a reader downloads must equal what the command line writes then.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from playwright.sync_api import Browser

from tests.e2e.helpers import TIMEOUT_MS, download, wait_for_regions
from tests.e2e.server import ROOT, streamlit_server

REGIONS = ["liaoning", "guangdong"]


def copy_app(target: Path) -> Path:
    target.mkdir()
    for name in ("dashboard.py", "metrics", "data", ".streamlit"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def exported(app: Path) -> bytes:
    command = [sys.executable, "-m", "metrics", "export", "--region", *REGIONS]
    return subprocess.run(command, cwd=app, capture_output=True, check=True, timeout=120).stdout


def page_csv(browser: Browser, url: str, names: list[str]) -> bytes:
    page = browser.new_page()
    page.goto(f"{url}/?" + "&".join(f"regions={r}" for r in REGIONS), timeout=TIMEOUT_MS)
    wait_for_regions(page, names)
    payload = download(page, "Download CSV")
    page.close()
    return payload


def test_page_csv_equals_export_after_changes_to_code_data_and_cache(browser: Browser, tmp_path: Path):
    app = copy_app(tmp_path / "app")
    env = {"METRICS_CACHE_DIR": str(tmp_path / "cache")}
    with streamlit_server(env=env, cwd=app) as url:
        assert page_csv(browser, url, ["Liaoning", "Guangdong"]) == exported(app)

    # The package's own files: a region's name in the shipped table, which goes into the frame.
    table = app / "metrics" / "catalogue" / "regions.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",Liaoning,province,", ",Liaoning Province,province,"))
    with streamlit_server(env=env, cwd=app) as url:
        csv = page_csv(browser, url, ["Liaoning Province", "Guangdong"])
        assert b"Liaoning Province" in csv
        assert csv == exported(app)

        # The data, edited while the server runs.
        data = app / "data" / "metrics.yaml"
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("metric: ", "metric: Edited ", 1), encoding="utf-8")
        csv = page_csv(browser, url, ["Liaoning Province", "Guangdong"])
        assert b",Edited " in csv
        assert csv == exported(app)

    # The cache, tampered while no server runs: every value ten times larger.
    manifests = list((tmp_path / "cache").glob("*.manifest"))
    newest = max(manifests, key=lambda p: p.stat().st_mtime_ns)
    parquet = newest.with_suffix(".parquet")
    frame = pd.read_parquet(parquet)
    frame["value"] *= 10
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    parquet.write_bytes(buffer.getvalue())
    assert json.loads(newest.read_text())["entry"] == newest.stem
    with streamlit_server(env=env, cwd=app) as url:
        assert page_csv(browser, url, ["Liaoning Province", "Guangdong"]) == exported(app)
