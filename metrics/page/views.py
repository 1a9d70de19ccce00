"""Facts frame -> what the page shows besides the chart: cards and the table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.page.labels import LEVEL_NAMES, QUALIFIER_NAMES, Lang, format_fact, text


@dataclass(frozen=True)
class Card:
    """A region's lead programme and its headline figures.

    ``programme``, ``place`` and the figure labels come from the data: show them
    as plain text, never as markdown (which would turn a URL into a link).
    """

    region: str
    title: str
    programme: str
    place: str
    level: str
    figures: tuple[tuple[str, str], ...]
    """(what is counted, formatted figure) pairs."""
    other_programmes: int
    more_label: str
    quotes: tuple[str, ...] = ()
    """Per headline figure: the figure, its verbatim clause and its source, as plain text."""

    def text(self) -> str:
        """Everything under the card's title, as plain text (no markdown: a URL stays a URL)."""
        blocks = [f"{self.programme}\n{self.place} · {self.level}"]
        blocks += [f"{value}\n{label}" for label, value in self.figures]
        if self.other_programmes:
            blocks.append(f"+{self.other_programmes} {self.more_label}")
        return "\n\n".join(blocks)


def figures(frame: pd.DataFrame, lang: Lang, with_unit: bool = True) -> list[str]:
    """Each row's figure as a reader sees it: "≥1,600 events", "1万–9万人"."""
    unit = "unit_zh" if lang == "zh" else "unit_en"
    columns = (frame[c].tolist() for c in ("value", "value_low", "value_high", "qualifier", unit))
    return [format_fact(v, lo, hi, q, u, lang, with_unit=with_unit) for v, lo, hi, q, u in zip(*columns, strict=True)]


def quote_texts(frame: pd.DataFrame, lang: Lang) -> list[str]:
    """Each row's figure, the clause it was printed in and the report: what a reader checks it against."""
    zh = lang == "zh"
    publisher = frame["publisher" if zh else "publisher_en"]
    return [
        f"{metric}: {figure}\n“{quote}”\n{headline} ({pub}, {published})"
        for metric, figure, quote, headline, pub, published in zip(
            frame["metric_zh" if zh else "metric"],
            figures(frame, lang),
            frame["quote"],
            frame["source_headline"],
            publisher,
            frame["published"],
            strict=True,
        )
    ]


def quote_choices(frame: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """For the table's quote panel: a label per row (region, what it counts, figure, id) -> its quote text."""
    labels = [
        f"{region} · {metric} · {figure} [{ident}]"
        for region, metric, figure, ident in zip(
            region_labels(frame, lang),
            frame["metric_zh" if lang == "zh" else "metric"],
            figures(frame, lang),
            frame["id"],
            strict=True,
        )
    ]
    return dict(zip(labels, quote_texts(frame, lang), strict=True))


def cards(frame: pd.DataFrame, lang: Lang, per_card: int = 3) -> list[Card]:
    """One card per region present, in GB/T 2260 order."""
    result = []
    for region in frame.sort_values("province_code", kind="stable")["region"].unique():
        rows = frame[frame["region"] == region]
        headline = rows[rows["headline"]] if rows["headline"].any() else rows
        lead = headline.iloc[0]
        shown = headline.head(per_card)
        headline_figures = tuple(
            zip(shown["metric_zh" if lang == "zh" else "metric"], figures(shown, lang), strict=True)
        )
        result.append(
            Card(
                region=region,
                title=lead["region_zh" if lang == "zh" else "region_en"],
                programme=lead["programme_zh"] if lang == "zh" else lead["programme_en"],
                place=lead["place" if lang == "zh" else "place_en"],
                level=LEVEL_NAMES[lead["level"]][lang],
                figures=headline_figures,
                other_programmes=rows["programme"].nunique() - 1,
                more_label=text("more_programmes", lang),
                quotes=tuple(quote_texts(shown, lang)),
            )
        )
    return result


TABLE_HEADERS: dict[str, dict[Lang, str]] = {
    "region": {"en": "Region", "zh": "地区"},
    "figure": {"en": "Figure", "zh": "数值"},
    "metric": {"en": "What it counts", "zh": "指标"},
    "programme": {"en": "Programme", "zh": "项目"},
    "qualifier": {"en": "Qualifier", "zh": "限定"},
    "printed": {"en": "Printed", "zh": "原文数字"},
    "as_of": {"en": "As of", "zh": "时间"},
    "quote": {"en": "Quote", "zh": "原文"},
    "source": {"en": "Source", "zh": "出处"},
    "id": {"en": "ID", "zh": "编号"},
}


MAX_PROFILE = 12
"""Figures per region in its profile; the table below holds them all."""


def profiles(frame: pd.DataFrame, lang: Lang) -> list[tuple[str, pd.DataFrame, int]]:
    """Per region (GB/T 2260 order): its title, a table of up to ``MAX_PROFILE`` figures, and how many it has."""
    zh = lang == "zh"
    headers = ("项目", "指标", "数值", "时间") if zh else ("Programme", "What it counts", "Figure", "As of")
    result = []
    counts = frame["region"].value_counts()
    firsts = frame[["region"]].groupby("region", sort=False).head(MAX_PROFILE).index
    heads = frame.loc[firsts]  # a few rows per region, so a 100k-fact frame is never filtered whole per region
    for region in frame.sort_values("province_code", kind="stable")["region"].unique():
        shown = heads[heads["region"] == region]
        table = pd.DataFrame(
            {
                headers[0]: shown["programme_zh" if zh else "programme_en"].tolist(),
                headers[1]: shown["metric_zh" if zh else "metric"].tolist(),
                headers[2]: figures(shown, lang),
                headers[3]: shown["as_of"].tolist(),
            }
        )
        result.append((shown["region_zh" if zh else "region_en"].iloc[0], table, int(counts[region])))
    return result


def region_labels(frame: pd.DataFrame, lang: Lang) -> list[str]:
    """The province, and the prefecture or county below it where the figure is about one: 山东 · 梁山县."""
    zh = lang == "zh"
    provinces = frame["region_zh" if zh else "region_en"].tolist()
    areas = frame["area_zh" if zh else "area_en"].tolist()
    codes = frame["region_code"].tolist()
    return [p if c.endswith("0000") else f"{p} · {a}" for p, a, c in zip(provinces, areas, codes, strict=True)]


def table(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The facts with provenance, labelled in the chosen language."""
    zh = lang == "zh"
    columns = {
        "region": region_labels(frame, lang),
        "figure": figures(frame, lang),
        "metric": frame["metric_zh" if zh else "metric"],
        "programme": frame["programme_zh" if zh else "programme_en"],
        "qualifier": frame["qualifier"].map(lambda q: QUALIFIER_NAMES[q][lang]),
        "printed": frame["printed"],
        "as_of": frame["as_of"],
        "quote": frame["quote"],
        "source": frame["source_headline"]
        + " ("
        + frame["publisher" if zh else "publisher_en"]
        + ", "
        + frame["published"]
        + ")",
        "id": frame["id"],
    }
    return pd.DataFrame({TABLE_HEADERS[k][lang]: pd.Series(v).to_numpy() for k, v in columns.items()})


TABLE_PAGE_ROWS = 500
"""Rows per table page; the CSV always holds the whole selection."""


def page_count(frame: pd.DataFrame, size: int = TABLE_PAGE_ROWS) -> int:
    return max(1, -(-len(frame) // size))


def table_page(frame: pd.DataFrame, number: int, size: int = TABLE_PAGE_ROWS) -> pd.DataFrame:
    """Rows of page ``number`` (1-based), clamped to the pages there are."""
    number = min(max(number, 1), page_count(frame, size))
    return frame.iloc[(number - 1) * size : number * size]
