"""Shared pieces of the figures, and the series over time (no streamlit here).

The comparison of regions is in ``metrics.page.compare``.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metrics.page.labels import PALETTE, Lang, text
from metrics.page.views import figures, region_labels

FONT = {"family": "sans-serif", "color": "#111111", "size": 13}
"""Chart text: near-black, 18:1 on white."""


TEMPLATE = go.layout.Template(data={"scatter": [{"marker": {"line": {"width": 0}}}]})
"""What the page's figures take from a template: they draw scatter traces and shapes only, and set their own
colours, fonts and axes. Plotly's default template (Streamlit's, once it is imported) adds 7 KB of colour
scales and trace defaults for kinds of chart never drawn here, to every chart on every run."""


class FrozenFigure(go.Figure):
    """A figure that serialises once: ``to_dict`` is cached after its first call.

    Streamlit calls ``to_dict`` on every rerun, which deep-copies and walks the
    whole figure. Figures here are built, cached and never changed afterwards.
    Each starts from the page's slim ``TEMPLATE``.
    """

    _frozen: dict | None = None

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

    def to_dict(self) -> dict:
        if self._frozen is None:
            self._frozen = super().to_dict()
        return self._frozen


def _escape(text: str) -> str:
    """Plotly reads its text as a little HTML: escape what could form a tag or an entity.

    Quotes stay as they are; plotly knows no ``&quot;`` and would show it as written.
    """
    return html.escape(text, quote=False)


def _hover(rows: pd.DataFrame, lang: Lang) -> list[list[str]]:
    columns = [
        rows["metric_zh" if lang == "zh" else "metric"],
        rows["programme_zh" if lang == "zh" else "programme_en"],
        rows["printed"],
        rows["quote"],
        rows["source_headline" if lang == "zh" else "source_headline_en"]
        + " · "
        + rows["publisher" if lang == "zh" else "publisher_en"]
        + " · "
        + rows["published"],
    ]
    return [list(row) for row in zip(*(c.map(_escape).tolist() for c in columns), strict=True)]


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


def series(frame: pd.DataFrame) -> list[str]:
    """Indicators that some programme reports for two or more periods, in file order (at most ``MAX_INDICATORS``)."""
    periods = _dated(frame).groupby(["indicator", "programme"], sort=False)["period_end"].nunique()
    return list(dict.fromkeys(indicator for indicator, _ in periods[periods > 1].index))[:MAX_INDICATORS]


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
    figure = FrozenFigure(make_subplots(rows=len(indicators), cols=1, subplot_titles=titles, vertical_spacing=spacing))
    for row, indicator in enumerate(indicators, start=1):
        own = keys[keys["indicator"] == indicator]
        lines = own.groupby("programme", sort=False)["period_end"].nunique()
        chosen = lines[lines > 1].sort_values(ascending=False, kind="stable").index[:MAX_SERIES]
        rows = frame.loc[own.index[own["programme"].isin(chosen)]]  # only the rows drawn are copied
        for programme in chosen:
            part = rows[rows["programme"] == programme].sort_values(["period_end", "period_start"], kind="stable")
            label = (
                region_labels(part.head(1), lang)[0] + " · " + part["programme_zh" if zh else "programme_en"].iloc[0]
            )
            figure.add_trace(
                go.Scatter(
                    x=part["period_end"].tolist(),
                    y=part["value_low"].tolist(),
                    mode="lines+markers+text",
                    name=_escape(label),
                    text=figures(part, lang, with_unit=False),
                    textposition="top center",
                    line={"color": colours.get(part["region"].iloc[0], PALETTE[0])},
                    customdata=_hover(part, lang),
                    hovertemplate=_hovertemplate(lang),
                    meta={"region": part["region"].iloc[0], "programme": programme},
                ),
                row=row,
                col=1,
            )
    if zh:  # plotly names months in English on a date axis
        figure.update_xaxes(tickformat="%Y年%-m月")
    figure.update_layout(height=260 * len(indicators) + 80, margin={"l": 10, "r": 40, "t": 60, "b": 20}, font=FONT)
    return figure


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
