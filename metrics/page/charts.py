"""Shared pieces of the figures, and the series over time (no streamlit here).

The comparison of regions is in ``metrics.page.compare``.
"""

from __future__ import annotations

import copy
import functools
import html
import threading

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metrics.page.build import shared_in_build
from metrics.page.labels import PALETTE, Lang, text
from metrics.page.views import figures, region_labels

FONT = {"family": "sans-serif", "color": "#111111", "size": 13}
"""Chart text: near-black, 18:1 on white."""


TEMPLATE = go.layout.Template(data={"scatter": [{"marker": {"line": {"width": 0}}}]})
"""What the page's figures take from a template: they draw scatter traces and shapes only, and set their own
colours, fonts and axes. Plotly's default template (Streamlit's, once it is imported) adds 7 KB of colour
scales and trace defaults for kinds of chart never drawn here, to every chart on every run."""


_MAKING = threading.RLock()
"""Held while a plain figure's plotly objects or its dictionary are made (rare: once per figure)."""


class FrozenFigure(go.Figure):
    """A figure that serialises once: ``to_dict`` is cached after its first call.

    Streamlit calls ``to_dict`` on every rerun, which deep-copies and walks the
    whole figure. Figures here are built, cached and never changed afterwards.
    Each starts from the page's slim ``TEMPLATE``.
    """

    _frozen: dict | None = None
    _plain: dict | None = None
    """A plain spec not yet made into plotly's objects (``of_plain``): most figures are only ever serialised."""

    def __init__(self, *args, **kwargs) -> None:
        if len(args) == 1 and not kwargs and isinstance(args[0], go.Figure):
            # A figure plotly made and checked (``make_subplots``): taken over with its grid without checking
            # it again, which took 30 ms a figure; what is added to it afterwards is checked as usual.
            made = args[0]
            grid = {"_grid_ref": made._grid_ref, "_grid_str": made._grid_str}
            super().__init__(made.to_dict() | grid, _validate=False)
            self._validate = self.layout._validate = True
        else:
            super().__init__(*args, **kwargs)
        self.update_layout(template=TEMPLATE)

    @classmethod
    def of_plain(cls, spec: dict) -> FrozenFigure:
        """A figure from plain ``{"data": [...], "layout": {...}}`` (its template already set), not checked by
        plotly: ``Draft`` builds what plotly's checked calls would. Plotly's objects are made from it only
        when something asks for them (to add to the figure, say), and what is added then is checked."""
        figure = go.Figure.__new__(cls)
        object.__setattr__(figure, "_plain", spec)
        return figure

    def __getattr__(self, name: str) -> object:
        # Only reached for what the instance lacks: a plain figure's plotly objects are made now, once, whichever
        # session asks first (the others wait); during the making, plotly's own look-ups find what exists.
        if name.startswith("__"):
            raise AttributeError(name)
        with _MAKING:
            plain = self.__dict__.get("_plain")
            if plain is not None:
                object.__setattr__(self, "_plain", None)
                go.Figure.__init__(self, plain, _validate=False)
                self._validate = self.layout._validate = True
        return object.__getattribute__(self, name)

    def to_dict(self) -> dict:
        plain = self.__dict__.get("_plain")
        if plain is not None:  # what plotly's ``to_dict`` of it would give: the spec without the grid
            return {key: plain[key] for key in ("data", "layout") if key in plain}
        if self._frozen is None:
            with _MAKING:
                if self._frozen is None:
                    self._frozen = super().to_dict()
        # A new outer dictionary each time: plotly's ``__reduce__`` (pickling, and the memo's byte count) adds
        # the subplot grid to what this returns, which put it in every later spec too; its references are no
        # JSON, so Streamlit's ``to_json`` then took plotly's slow cleaning pass on every rerun.
        return dict(self._frozen)

    def __reduce__(self) -> tuple:
        plain = self.__dict__.get("_plain")
        if plain is not None:
            return (type(self).of_plain, (plain,))
        return super().__reduce__()


CHECKED = False
"""Build every ``Draft`` through plotly's checked calls instead (tests compare the two)."""

_TEMPLATE_PLAIN = TEMPLATE.to_plotly_json()


def _merge(into: dict, props: dict) -> None:
    """Plotly's ``update``: dictionaries merged key by key, anything else replaced."""
    for key, value in props.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value) if isinstance(value, dict | list) else value


def _axis(kind: str, row: int) -> str:
    return f"{kind}axis{row if row > 1 else ''}"


class Draft:
    """A figure built as plain dictionaries, with the few plotly calls the page's charts make.

    Plotly checks every property of every trace and layout update (about 1 ms a trace); here each call only
    records what it sets, and ``figure()`` makes the page's figure from plain dictionaries in one step. The
    grid is ``make_subplots``'s for one column. With ``CHECKED`` set, the same calls are replayed through plotly's
    checked API, and tests compare the two for every selection.
    """

    def __init__(
        self,
        rows: int = 0,
        *,
        row_heights: list[float] | None = None,
        vertical_spacing: float = 0.0,
        shared_xaxes: bool = False,
        subplot_titles: list[str] | None = None,
    ) -> None:
        self.grid = (
            {
                "rows": rows,
                "cols": 1,
                "row_heights": row_heights,
                "vertical_spacing": vertical_spacing,
                "shared_xaxes": shared_xaxes,
                "subplot_titles": subplot_titles,
            }
            if rows
            else None
        )
        self.calls: list[tuple[str, dict, int | None]] = []

    def add_trace(self, trace: dict, row: int | None = None) -> None:
        """A trace as plotly would take it (with its ``type``), in subplot ``row`` if given."""
        self.calls.append(("trace", trace, row))

    def update_xaxes(self, row: int | None = None, **props: object) -> None:
        self.calls.append(("x", props, row))

    def update_yaxes(self, row: int | None = None, **props: object) -> None:
        self.calls.append(("y", props, row))

    def update_layout(self, **props: object) -> None:
        self.calls.append(("layout", props, None))

    def figure(self) -> FrozenFigure:
        return self._checked() if CHECKED else self._plain()

    def _checked(self) -> FrozenFigure:
        figure = FrozenFigure(make_subplots(**self.grid)) if self.grid else FrozenFigure()
        for call, props, row in self.calls:
            at = {"row": row, "col": 1} if row else {}
            if call == "trace":
                figure.add_trace(dict(props), **at)
            elif call == "x":
                figure.update_xaxes(props, **at)
            elif call == "y":
                figure.update_yaxes(props, **at)
            else:
                figure.update_layout(props)
        return figure

    def _plain(self) -> FrozenFigure:
        layout: dict = _grid(**self.grid) if self.grid else {}
        spec: dict = {"data": [], "layout": layout}
        if self.grid:
            spec["_grid_ref"], spec["_grid_str"] = _grid_refs(self.grid["rows"])
        layout["template"] = copy.deepcopy(_TEMPLATE_PLAIN)
        for call, props, row in self.calls:
            if call == "trace":
                trace = dict(props)
                if row:
                    trace["xaxis"], trace["yaxis"] = f"x{row if row > 1 else ''}", f"y{row if row > 1 else ''}"
                spec["data"].append(trace)
            elif call == "layout":
                _merge(layout, props)
            else:
                kind = call
                if row:
                    names = [_axis(kind, row)]
                else:
                    names = [k for k in layout if k.startswith(f"{kind}axis")] or [f"{kind}axis"]
                for name in names:
                    _merge(layout.setdefault(name, {}), props)
        return FrozenFigure.of_plain(spec)


@functools.lru_cache(maxsize=64)
def _grid_refs(rows: int) -> tuple[list, str]:
    """Where each subplot's traces go, and its description, as ``make_subplots`` gives them for ``rows`` × 1
    (they depend on nothing else)."""
    made = make_subplots(rows=rows, cols=1)
    return made._grid_ref, made._grid_str


def _grid(
    rows: int,
    cols: int,
    row_heights: list[float] | None,
    vertical_spacing: float,
    shared_xaxes: bool,
    subplot_titles: list[str] | None,
) -> dict:
    """The layout ``make_subplots`` gives for ``rows`` × 1 subplots, first row at the top (as computed there)."""
    assert cols == 1
    if row_heights is None:
        heights = [(1.0 - vertical_spacing * (rows - 1)) / rows] * rows
    else:
        total = float(sum(row_heights))
        heights = [(1.0 - vertical_spacing * (rows - 1)) * (h / total) for h in row_heights][::-1]
    starts = [sum(heights[:r]) + r * vertical_spacing for r in range(rows)][::-1]
    layout: dict = {}
    tops = []
    for r in range(rows):
        low, high = starts[r], starts[r] + heights[-1 - r]
        low = 0.0 if -0.01 < low < 0.0 else 1.0 if 1.0 < low < 1.01 else low
        high = 0.0 if -0.01 < high < 0.0 else 1.0 if 1.0 < high < 1.01 else high
        low, high = max(0.0, low), min(1.0, high)
        n = r + 1
        layout[_axis("x", n)] = {"anchor": f"y{n if n > 1 else ''}", "domain": [0.0, 1.0]}
        layout[_axis("y", n)] = {"anchor": f"x{n if n > 1 else ''}", "domain": [low, high]}
        tops.append(high)
    if shared_xaxes and rows > 1:
        for r in range(1, rows):
            layout[_axis("x", r)] |= {"matches": f"x{rows}", "showticklabels": False}
    titles = [
        {
            "font": {"size": 16},
            "showarrow": False,
            "text": title,
            "x": 0.5,
            "xanchor": "center",
            "xref": "paper",
            "y": tops[i],
            "yanchor": "bottom",
            "yref": "paper",
        }
        for i, title in enumerate(subplot_titles or [])
        if title and i < rows
    ]
    if titles:
        layout["annotations"] = titles
    return layout


def _escape(text: str) -> str:
    """Plotly reads its text as a little HTML: escape what could form a tag or an entity.

    Quotes stay as they are; plotly knows no ``&quot;`` and would show it as written.
    """
    return html.escape(text, quote=False)


def _hover(rows: pd.DataFrame, lang: Lang) -> list[list[str]]:
    """Each row's hover text, escaped: what it counts, its programme, the figure as printed, its clause and its
    source. Plain lists: a pandas operation per column cost more than the texts (this runs once per panel)."""
    zh = lang == "zh"
    names = (
        ("metric_zh", "programme_zh", "source_headline", "publisher")
        if zh
        else ("metric", "programme_en", "source_headline_en", "publisher_en")
    )
    metric, programme, headline, publisher = (rows[name].tolist() for name in names)
    printed, quote, published = (rows[name].tolist() for name in ("printed", "quote", "published"))
    return [
        [_escape(m), _escape(p), _escape(f), _escape(q), _escape(f"{h} · {o} · {d}")]
        for m, p, f, q, h, o, d in zip(metric, programme, printed, quote, headline, publisher, published, strict=True)
    ]


def _hovertemplate(lang: Lang) -> str:
    return (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        f"{text('printed', lang)}: %{{customdata[2]}}<br>“%{{customdata[3]}}”<br>"
        f"{text('source', lang)}: %{{customdata[4]}}<extra></extra>"
    )


MAX_SERIES = 12
"""Lines per indicator; the table holds the rest."""
MAX_INDICATORS = 8
"""Rows of the series figure."""


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["indicator"] != "") & (frame["period_end"] != "")]


@shared_in_build
def _period_ends(frame: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """The distinct period ends of each (indicator, programme) of the dated rows, in order of first appearance."""
    dated = _dated(frame)
    ends: dict[tuple[str, str], set[str]] = {}
    for key in zip(dated["indicator"].tolist(), dated["programme"].tolist(), dated["period_end"].tolist(), strict=True):
        ends.setdefault(key[:2], set()).add(key[2])
    return ends


def series(frame: pd.DataFrame) -> list[str]:
    """Indicators that some programme reports for two or more periods, in file order (at most ``MAX_INDICATORS``)."""
    return list(dict.fromkeys(i for (i, _), ends in _period_ends(frame).items() if len(ends) > 1))[:MAX_INDICATORS]


def series_figure(frame: pd.DataFrame, lang: Lang = "en", colours: dict[str, str] | None = None) -> FrozenFigure:
    """One row per indicator: each programme's figures over time, by the end of each period, in its region's colour."""
    indicators = series(frame)
    if not indicators:
        return FrozenFigure()
    colours = colours or {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(frame["region"].unique())}
    zh = lang == "zh"
    keys = _dated(frame[["indicator", "period_end", "period_start", "programme"]])
    titles = []
    for indicator in indicators:
        first = frame.loc[keys.index[keys["indicator"] == indicator][0]]
        titles.append(_escape(f"{first['metric_zh' if zh else 'metric']} · {first['unit_zh' if zh else 'unit_en']}"))
    spacing = min(0.12, 0.6 / max(len(indicators) - 1, 1))
    figure = Draft(len(indicators), subplot_titles=titles, vertical_spacing=spacing)
    for row, indicator in enumerate(indicators, start=1):
        own = keys[keys["indicator"] == indicator]
        lines = [(p, len(seen)) for (i, p), seen in _period_ends(frame).items() if i == indicator and len(seen) > 1]
        chosen = [programme for programme, _ in sorted(lines, key=lambda line: -line[1])][:MAX_SERIES]  # stable
        rows = frame.loc[own.index[own["programme"].isin(chosen)]]  # only the rows drawn are copied
        # Each line's points by the end, then the start, of their period: one stable sort of all the lines' rows
        # keeps each line's own order; the texts are each row's own, so they are made once for all the lines.
        rows = rows.sort_values(["period_end", "period_start"], kind="stable")
        programmes = rows["programme"].tolist()
        ends, values, regions = rows["period_end"].tolist(), rows["value_low"].tolist(), rows["region"].tolist()
        names = rows["programme_zh" if zh else "programme_en"].tolist()
        places, texts, hovers = region_labels(rows, lang), figures(rows, lang, with_unit=False), _hover(rows, lang)
        points: dict[str, list[int]] = {}  # each line's rows, in that order
        for i, programme in enumerate(programmes):
            points.setdefault(programme, []).append(i)
        for programme in chosen:
            at = points[programme]
            first = at[0]
            figure.add_trace(
                {
                    "type": "scatter",
                    "x": [ends[i] for i in at],
                    "y": [values[i] for i in at],
                    "mode": "lines+markers+text",
                    "name": _escape(f"{places[first]} · {names[first]}"),
                    "text": [texts[i] for i in at],
                    "textposition": "top center",
                    "line": {"color": colours.get(regions[first], PALETTE[0])},
                    "customdata": [hovers[i] for i in at],
                    "hovertemplate": _hovertemplate(lang),
                    "meta": {"region": regions[first], "programme": programme},
                },
                row,
            )
    if zh:  # plotly names months in English on a date axis
        figure.update_xaxes(tickformat="%Y年%-m月")
    figure.update_layout(height=260 * len(indicators) + 80, margin={"l": 10, "r": 40, "t": 60, "b": 20}, font=FONT)
    return figure.figure()


def series_alt(frame: pd.DataFrame, lang: Lang = "en") -> str:
    """The series as text: per indicator, each programme's figures by period."""
    zh = lang == "zh"
    dated = _dated(frame)
    parts = []
    for indicator in series(frame):
        rows = dated[dated["indicator"] == indicator].sort_values(["programme", "period_end"], kind="stable")
        points = "; ".join(
            f"{p}, {end}: {f}"
            for p, end, f in zip(
                rows["programme_zh" if zh else "programme_en"], rows["period_end"], figures(rows, lang), strict=True
            )
        )
        parts.append(f"{rows['metric_zh' if zh else 'metric'].iloc[0]}. {points}.")
    return " ".join(parts)
