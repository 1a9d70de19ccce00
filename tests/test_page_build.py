"""A selection's build: shared derived tables, and page figures taken over from plotly's own."""

from __future__ import annotations

import json
import threading

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from metrics.page.build import one_build, shared_in_build
from metrics.page.charts import TEMPLATE, FrozenFigure
from metrics.page.matrix import matrix_alt, matrix_figure
from metrics.page.state import PageData, data_path

calls: list[int] = []


@shared_in_build
def _count_rows(frame: pd.DataFrame, extra: int = 0) -> int:
    calls.append(1)
    return len(frame) + extra


def test_inside_a_build_each_frame_is_computed_once_and_outside_every_time():
    calls.clear()
    frame, other = pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1, 2, 3]})
    with one_build():
        assert [_count_rows(frame), _count_rows(frame), _count_rows(other), _count_rows(frame, 1)] == [2, 2, 3, 3]
    assert len(calls) == 3  # frame, other, frame with another argument
    _count_rows(frame)
    _count_rows(frame)
    assert len(calls) == 5


def test_builds_in_other_threads_do_not_share():
    calls.clear()
    frame = pd.DataFrame({"a": [1]})

    def build() -> None:
        with one_build():
            _count_rows(frame)
            _count_rows(frame)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 3


def test_the_matrix_and_its_text_are_the_same_inside_a_build_and_outside():
    data = PageData(data_path())
    view = data.view((data.regions, data.categories, data.source_ids, data.interventions, data.years))
    alone = (matrix_figure(view, "en").to_json(), matrix_alt(view, "en"))
    with one_build():
        shared = (matrix_figure(view, "en").to_json(), matrix_alt(view, "en"))
    assert shared == alone and alone[1]


def test_a_page_figure_taken_over_from_make_subplots_is_plotlys_and_still_checks_what_is_added():
    made = make_subplots(rows=2, cols=1, row_heights=[1, 2], vertical_spacing=0.1)
    ours, plain = FrozenFigure(made), go.Figure(made)
    plain.update_layout(template=TEMPLATE)
    for figure in (ours, plain):
        figure.add_trace(go.Scatter(x=[1], y=["a"]), row=2, col=1)
    assert json.loads(ours.to_json()) == json.loads(plain.to_json())
    with pytest.raises(ValueError):
        ours.update_xaxes(tpye="log", row=1, col=1)
    with pytest.raises(ValueError):
        ours.update_layout(heigth=10)
