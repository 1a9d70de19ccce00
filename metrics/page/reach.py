"""Facts frame -> how many people each programme reaches: one dot per programme, a panel per unit.

A programme's reach is its headline ``participants`` figure: the one the curator
marked ``headline``, or else its largest. Persons and person-times never share an
axis. ``context`` figures (graduates expected, skilled workers in a province) are
never reach. Where every dot's area has a resident population for the same year
(a ``context`` fact with indicator ``resident-population``), the chart can show
reach per 10,000 residents instead, and says which figures it divided by.
No streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.catalogue.schema import DENOMINATORS
from metrics.page.build import shared_in_build
from metrics.page.charts import FrozenFigure
from metrics.page.dots import Panel, dot_figure, is_magnitude
from metrics.page.labels import QUALIFIER_SYMBOLS, Lang, format_number, qualifier_words, text
from metrics.page.periods import dated, periods
from metrics.page.views import figures, region_labels

MAX_DOTS = 24
"""Per panel: each region's largest first, then the largest of the rest; the table holds them all."""
POPULATION = "resident-population"


@shared_in_build
def reach_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Each programme's reach: its headline participants figure, or else its largest, in file order."""
    part = frame[frame["measure"] == "participants"]
    if part.empty:
        return part
    lead = part[["programme", "headline", "value_low"]].assign(other=~part["headline"])
    order = lead.sort_values(["other", "value_low"], ascending=[True, False], kind="stable")
    return frame.loc[sorted(order.drop_duplicates("programme").index)]


def _units(rows: pd.DataFrame) -> list[str]:
    """Persons first, then the other units in the order they appear."""
    seen = list(dict.fromkeys(rows["unit"]))
    return sorted(seen, key=lambda u: (u != "persons", seen.index(u)))


def _panel_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """At most ``MAX_DOTS``: every region's largest, then the largest others; by region, largest first."""
    ranked = rows.sort_values("value_low", ascending=False, kind="stable")
    firsts = ranked.drop_duplicates("region")
    rest = ranked.drop(firsts.index).head(max(0, MAX_DOTS - len(firsts)))
    chosen = pd.concat([firsts.head(MAX_DOTS), rest])
    return chosen.sort_values(["province_code", "value_low"], ascending=[True, False], kind="stable")


@shared_in_build
def unit_panels(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """(unit, every programme's reach in it, the dots drawn) per panel, in ``_units`` order, for ``reach_rows``."""
    result = []
    for unit in _units(rows):
        every = rows[rows["unit"] == unit]
        result.append((unit, every, _panel_rows(every)))
    return result


@shared_in_build
def left_out(frame: pd.DataFrame, lang: Lang) -> str | None:
    """Which regions of ``frame`` have no dot on the reach chart, why, and where their figures are; None when
    every region has one."""
    rows = reach_rows(frame)
    drawn = set().union(*(set(shown["region"]) for _, _, shown in unit_panels(rows)))
    column = "region_zh" if lang == "zh" else "region_en"
    regions = frame.drop_duplicates("region").sort_values("province_code", kind="stable")
    comma = "、" if lang == "zh" else ", "
    reached = set(rows["region"])
    parts = []
    for key, missing in (
        ("reach_no_figure", regions[~regions["region"].isin(reached)]),
        ("reach_cut", regions[regions["region"].isin(reached - drawn)]),
    ):
        if len(missing):
            parts.append(text(key, lang).format(regions=comma.join(missing[column]), n=MAX_DOTS))
    return " ".join(parts) or None


def _year(rows: pd.DataFrame) -> pd.Series:
    """The year a figure is about: its period's end, or else the year its report was published."""
    return rows["period_end"].where(rows["period_end"] != "", rows["published"]).str[:4]


@dataclass(frozen=True)
class Denominators:
    """Resident populations that every dot of a selection can be divided by, or why there are none."""

    per: int = 10_000
    """Shown per this many residents."""
    by_fact: dict[str, float] | None = None
    """Fact id -> the resident population of its area for its year; None when not offered."""
    sources: tuple[str, ...] = ()
    """Each denominator used: what it is, its area and year, and the report it comes from."""
    missing: tuple[str, ...] = ()
    """Areas (and years) with no resident population in the data."""


def denominators(frame: pd.DataFrame, rows: pd.DataFrame, lang: Lang) -> Denominators:
    """A resident population for every dot of ``rows``, from ``frame``'s context facts of the same area and year."""
    per = DENOMINATORS[POPULATION]
    population = frame[(frame["indicator"] == POPULATION) & (frame["measure"] == "context")]
    if population.empty or rows.empty:
        return Denominators(per)
    known = {
        (code, year): (float(value), i)
        for code, year, value, i in zip(
            population["region_code"], _year(population), population["value_low"], population.index, strict=True
        )
        if value > 0
    }
    by_fact, used, missing = {}, [], []
    area = "area_zh" if lang == "zh" else "area_en"
    for ident, code, year, name in zip(rows["id"], rows["region_code"], _year(rows), rows[area], strict=True):
        found = known.get((code, year))
        if found is None:
            missing.append(f"{name} {year}")
            continue
        by_fact[ident] = found[0]
        used.append(found[1])
    if missing:
        return Denominators(per, None, (), tuple(dict.fromkeys(missing)))
    shown = population.loc[list(dict.fromkeys(used))]
    zh = lang == "zh"
    sources = tuple(
        f"{a}: {p} · {m} ({h}, {pub}, {when})"
        for a, p, m, h, pub, when in zip(
            shown[area],
            shown["printed"],
            shown["metric_zh" if zh else "metric"],
            shown["source_headline" if zh else "source_headline_en"],
            shown["publisher" if zh else "publisher_en"],
            shown["published"],
            strict=True,
        )
    )
    return Denominators(per, by_fact, sources)


def _rate(value: float, lang: Lang) -> str:
    return format_number(float(f"{value:.3g}"), lang)


def reach_figure(
    frame: pd.DataFrame,
    lang: Lang = "en",
    colours: dict[str, str] | None = None,
    per_resident: Denominators | None = None,
) -> FrozenFigure | None:
    """A panel of dots per unit; per 10,000 residents when ``per_resident`` holds a denominator for every dot."""
    rows = reach_rows(frame)
    zh = lang == "zh"
    panels = []
    for unit, every, shown in unit_panels(rows):
        cut = text("reach_shown_of", lang).format(shown=len(shown), total=len(every)) if len(every) > len(shown) else ""
        first = shown.iloc[0]
        unit_name = first["unit_zh" if zh else "unit_en"]
        places = region_labels(shown, lang)
        names = shown["programme_zh" if zh else "programme_en"].tolist()
        # The label says what a dot counts and how it was printed, not the figure: the dot's place on the
        # axis shows how big it is, and the matrix and the table print it (so no figure is listed thrice).
        decade = is_magnitude(shown)
        metrics = [  # and the period it is about: figures of different years are told apart
            f"{m}{qualifier_words(q, d, lang)} · {p}"
            for m, q, d, p in zip(
                shown["metric_zh" if zh else "metric"], shown["qualifier"], decade, periods(shown, lang), strict=True
            )
        ]
        if per_resident is not None and per_resident.by_fact is not None:
            divisor = shown["id"].map(per_resident.by_fact) / per_resident.per
            low, high = shown["value_low"] / divisor, shown["value_high"] / divisor
            words = text("per_residents", lang).format(n=format_number(per_resident.per, lang))
            rates = [
                f"{QUALIFIER_SYMBOLS.get(q, '')}{_rate(v, lang)}{'+' if d else ''} {words}"
                for v, q, d in zip(low, shown["qualifier"], decade, strict=True)
            ]
            labels = [f"{p} · {n}\n{r} · {m}" for p, n, r, m in zip(places, names, rates, metrics, strict=True)]
            title = text("reach_per_resident", lang).format(unit=unit_name, n=format_number(per_resident.per, lang))
            title += cut
            panels.append(Panel(title, shown, labels, low=low, high=high, extra={"unit": unit}))
            continue
        labels = [f"{p} · {n}\n{m}" for p, n, m in zip(places, names, metrics, strict=True)]
        title = text("reach_unit", lang).format(unit=unit_name)
        if unit == "person-times":
            title += text("person_times_note", lang)
        title += cut
        panels.append(Panel(title, shown, labels, extra={"unit": unit}))
    return dot_figure(panels, lang, colours)


def reach_alt(frame: pd.DataFrame, lang: Lang) -> str:
    """The reach chart as text: per unit, each programme's region, name and figure."""
    rows = reach_rows(frame)
    zh = lang == "zh"
    parts = []
    for _, _, shown in unit_panels(rows):
        dots = "; ".join(
            f"{p} · {n}: {f} ({m})"
            for p, n, f, m in zip(
                region_labels(shown, lang),
                shown["programme_zh" if zh else "programme_en"],
                dated(figures(shown, lang, with_unit=True), shown, lang),
                shown["metric_zh" if zh else "metric"],
                strict=True,
            )
        )
        parts.append(f"{text('reach_unit', lang).format(unit=shown.iloc[0]['unit_zh' if zh else 'unit_en'])}: {dots}.")
    note = left_out(frame, lang)
    return " ".join(parts + ([note] if note else []))
