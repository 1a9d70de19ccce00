"""Lighthouse's accessibility score and cumulative layout shift, the page against the one-chart floor app.

Lighthouse 12.2.3 comes from npm (``bench/lighthouse/package-lock.json``, installed by
``scripts/setup.sh dev``) and drives Debian's chromium.
"""

from __future__ import annotations

import json
import os
import subprocess

from bench.core import DASHBOARD, LINK, ONE_CHART, ROOT, Row, Server, Stats

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def audit(url: str) -> tuple[float, float]:
    """(accessibility score, cumulative layout shift) of one page load."""
    command = [str(LIGHTHOUSE), url, "--only-categories=accessibility,performance", "--output=json", "--quiet"]
    command += [f"--chrome-flags={FLAGS}", "--max-wait-for-load=60000"]
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=True)
    report = json.loads(result.stdout)
    return report["categories"]["accessibility"]["score"], report["audits"]["cumulative-layout-shift"]["numericValue"]


def rows_lighthouse(reps: int) -> list[Row]:
    dashboard, floor = Server(DASHBOARD), Server(ONE_CHART)
    try:
        ours, theirs = [], []
        for _ in range(reps):
            ours.append(audit(dashboard.url + LINK))
            theirs.append(audit(floor.url))
    finally:
        dashboard.stop()
        floor.stop()
    a11y, a11y_floor = Stats.of([a for a, _ in ours]), Stats.of([a for a, _ in theirs])
    cls, cls_floor = Stats.of([c for _, c in ours]), Stats.of([c for _, c in theirs])
    return [
        Row(
            "lighthouse a11y",
            "accessibility score, shared link",
            "one-chart app",
            a11y,
            a11y_floor,
            "",
            None,
            minimum=1.0,
        ),
        Row(
            "lighthouse CLS",
            "cumulative layout shift, shared link",
            "one-chart app",
            cls,
            cls_floor,
            "",
            None,
            limit=cls_floor.median + 0.02,
            extra="goal: at most the floor's + 0.02",
        ),
    ]
