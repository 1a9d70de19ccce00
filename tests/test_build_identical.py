"""Figures built as plain dictionaries are the figures plotly's checked calls build, for every selection."""

from __future__ import annotations

import itertools
import json
import pickle

import orjson
import plotly.io as pio
import pytest

from metrics.page import charts
from metrics.page.state import PageData, Selection, data_path


def _selections(data: PageData) -> list[Selection]:
    regions = data.regions
    sets = [(r,) for r in regions] + list(itertools.combinations(regions, 2)) + [regions]
    years = [data.years, data.years[-1:], data.years[:2]]
    return [(tuple(s), data.categories, data.source_ids, data.interventions, tuple(y)) for y in years for s in sets]


def _figures(data: PageData, selection: Selection, lang: str) -> dict[str, str | None]:
    """Every figure of a selection as the page sends it (``plotly.io.to_json``) and as plotly holds it, keys
    sorted: plotly lists an object's keys in the order they were set, which means nothing to plotly.js."""
    shown = data.outputs(selection, lang)
    figures = {
        "matrix": shown.matrix,
        "reach": shown.reach,
        "like_with_like": shown.like_with_like,
        "series": shown.series,
        "per_resident": data.reach_per_resident(selection, lang),
        **{f"targets-{i}": f for i, f in shown.targets},
    }
    return {
        name: None if f is None else _sorted(json.loads(pio.to_json(f, validate=False))) + _sorted(f.to_plotly_json())
        for name, f in figures.items()
    }


def _sorted(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch):
    def build(selection: Selection, lang: str) -> dict[str, str | None]:
        monkeypatch.setattr(charts, "CHECKED", True)
        try:
            return _figures(checked_data, selection, lang)
        finally:
            monkeypatch.setattr(charts, "CHECKED", False)

    checked_data = PageData(data_path())
    return build


def test_every_figure_of_every_selection_is_what_plotlys_checked_calls_build(checked):
    data = PageData(data_path())
    selections = _selections(data)
    assert len(data.regions) >= 2 and len(selections) >= 3 * (len(data.regions) + 1)
    drawn = 0
    for selection in selections:
        for lang in ("en", "zh"):
            plain = _figures(data, selection, lang)
            assert plain == checked(selection, lang), (selection, lang)
            drawn += sum(f is not None for f in plain.values())
    shown = sum(not data.view(selection).empty for selection in selections)
    assert shown and drawn >= 2 * shown  # every selection with figures drew at least its matrix, in both languages


def test_a_figure_built_plain_still_checks_what_is_added_to_it():
    data = PageData(data_path())
    figure = data.outputs((data.regions, data.categories, data.source_ids, data.interventions, data.years), "en")
    assert figure.reach is not None
    with pytest.raises(ValueError):
        figure.reach.update_layout(heigth=10)
    with pytest.raises(ValueError):
        figure.reach.add_scatter(x=[1], mode="dots")


def test_every_figure_the_page_sends_is_plain_json_even_after_being_pickled():
    """What Streamlit serialises on every rerun is the figure's data and layout only, in types orjson writes
    directly (plotly's ``to_json`` falls back to a slow walk over the whole figure otherwise), also after the
    memo has weighed the figure by pickling it, as it does when it keeps a new selection."""
    data = PageData(data_path())
    for lang in ("en", "zh"):
        for selection in _selections(data)[: len(data.regions) + 1]:
            shown = data.outputs(selection, lang)
            figures = [shown.matrix, shown.reach, shown.like_with_like, shown.series, *(f for _, f in shown.targets)]
            figures = [f for f in figures if f is not None]
            assert figures
            for figure in figures:
                pickle.loads(pickle.dumps(figure))
                spec = figure.to_dict()
                assert set(spec) <= {"data", "layout"}, sorted(spec)
                orjson.dumps(spec)  # raises TypeError on anything else


def test_a_new_selection_kept_and_weighed_by_the_memo_stays_plain_dictionaries():
    """Keeping a new selection weighs it for the memo's byte budget; that must not turn its figures into plotly's
    objects (about a fifth of a new selection's build when it did), which nothing on the page needs."""
    data = PageData(data_path())
    for selection in _selections(data)[: len(data.regions) + 1]:
        shown = data.outputs(selection, "en")
        figures = [shown.matrix, shown.reach, shown.like_with_like, shown.series, *(f for _, f in shown.targets)]
        figures = [f for f in figures if f is not None]
        assert figures and data.outputs(selection, "en") is shown  # kept, so weighed
        assert all(f.__dict__.get("_plain") is not None for f in figures), selection
