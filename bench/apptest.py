"""Rows measured through Streamlit's AppTest: reruns of the page in this process."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.core import DASHBOARD, ONE_CHART, REGIONS, Row, interleaved, timed
from tests.e2e.server import ROOT


def _apptest(script: str, env: dict[str, str] | None = None):
    from streamlit.testing.v1 import AppTest

    with _env(env):
        app = AppTest.from_file(str(ROOT / script), default_timeout=300)
        app.run()
    return app


class _env:
    def __init__(self, values: dict[str, str] | None) -> None:
        self.values = values or {}

    def __enter__(self) -> None:
        self.saved = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *_: object) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


SELECTIONS = [list(REGIONS), ["liaoning", "ningxia"], ["guangdong"], ["guangdong", "ningxia", "shandong"]]


def _rerunner(app, env: dict[str, str] | None = None) -> Callable[[], float]:
    choices: Iterator[list[str]] = itertools.cycle(SELECTIONS)

    def rerun() -> float:
        with _env(env):
            widget = app.multiselect(key="regions").set_value(next(choices))
            seconds = timed(widget.run)
        if app.exception:
            raise RuntimeError(app.exception)
        return seconds

    return rerun


def row_rerun(reps: int) -> Row:
    dashboard, floor = _rerunner(_apptest(DASHBOARD)), _rerunner(_apptest(ONE_CHART))
    for warm in (dashboard, floor):
        for _ in SELECTIONS:
            warm()
    value, base = interleaved(dashboard, floor, reps)
    return Row("rerun", "AppTest rerun after a region change", "one-chart app rerun", value, base, "s", 2.0)


def row_scale_ui(reps: int, big: Path) -> Row:
    env = {"METRICS_FILE": str(big)}
    large, shipped = _rerunner(_apptest(DASHBOARD, env), env), _rerunner(_apptest(DASHBOARD))
    for warm in (large, shipped):
        for _ in SELECTIONS:
            warm()
    value, base = interleaved(large, shipped, reps)
    return Row("scale UI", f"rerun with {big.stem} loaded", "rerun with the shipped file", value, base, "s", 3.0)
