"""A selection's build shares what its figures and text alternatives derive from the same frame."""

from __future__ import annotations

import threading

import pandas as pd

from metrics.page.build import one_build, shared_in_build
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
    view = data.view((data.regions, data.categories, data.source_ids, data.interventions))
    alone = (matrix_figure(view, "en").to_json(), matrix_alt(view, "en"))
    with one_build():
        shared = (matrix_figure(view, "en").to_json(), matrix_alt(view, "en"))
    assert shared == alone and alone[1]
