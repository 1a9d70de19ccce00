"""Facts frame -> what the page shows besides the chart: cards and the table."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

import pandas as pd

from metrics.catalogue.schema import Source
from metrics.page.filters import fact_years
from metrics.page.labels import QUALIFIER_NAMES, Lang, format_fact, text
from metrics.page.periods import dated


@dataclass(frozen=True)
class Markup:
    """HTML the page built (its data text escaped), for ``st.html`` to take as it is.

    Streamlit takes a body's ``_repr_html_`` as given, where it would run a plain string through
    ``textwrap.dedent``: over the 150 KB table of every region that was 2.3 ms of each rerun.
    """

    html: str

    def _repr_html_(self) -> str:
        return self.html


@dataclass(frozen=True)
class Card:
    """A region's figures that the charts do not draw (context, providers, outcomes), each with its programme.

    Figure labels and programme names come from the data: show them as plain text,
    never as markdown (which would turn a URL into a link).
    """

    region: str
    title: str
    figures: tuple[tuple[str, str, str], ...]
    """(formatted figure, what is counted, the programme it belongs to) triples."""
    programmes: int
    more_label: str

    def html(self) -> str:
        """The card as an HTML article: its title a heading, every text from the data escaped."""
        items = "".join(
            f"<li><b>{escape(value)}</b><br>{escape(label)}<br><i>{escape(programme)}</i></li>"
            for value, label, programme in self.figures
        )
        more = escape(self.more_label.format(n=self.programmes))
        return f'<article class="region-card"><h3>{escape(self.title)}</h3><ul>{items}</ul><p>{more}</p></article>'


CARDS_STYLE = (
    "<style>.region-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(13.5rem,1fr));gap:1rem}"
    ".region-card{border:1px solid #d5d5dc;border-radius:.5rem;padding:.75rem 1rem}"
    ".region-card h3{margin:0 0 .5rem;font-size:1.5rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
    ".region-card ul{list-style:none;padding:0;margin:0}.region-card li{margin:0 0 .75rem}"
    ".region-card p{margin:0}</style>"
)
"""Cards side by side as wide screens allow, each the full width on a phone."""


WRAP_STYLE = (
    '<style>[data-testid="stMain"] :is(h1,h2,h3,p,li,td,[data-testid="stText"]){overflow-wrap:anywhere}'
    ".region-card{min-width:0}</style>"
)
"""Text from the data may hold a word longer than its box (a web address): it breaks, so it never prints over
the next card or pushes the page sideways. Sent with the title, which every run draws."""


def title_html(title: str, subtitle: str) -> str:
    """The page's title and subtitle, escaped."""
    return f"<h1>{escape(title)}</h1><p>{escape(subtitle)}</p>{WRAP_STYLE}"


def heading_html(heading: str, note: str) -> str:
    """A section's heading and its one-paragraph note, escaped."""
    return f"<h2>{escape(heading)}</h2><p>{escape(note)}</p>"


def note_html(lead: str, lines: Iterable[str], kind: str = "") -> str:
    """A note under a chart: a lead sentence, then one line per item (text from the data, escaped: never
    Markdown, so a link, an image or a formula in the data stays text, and the lines never run together).
    ``kind``, a class name of ours, tells notes apart."""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    listed = f"<ul>{items}</ul>" if items else ""
    return f'<div class="chart-note {kind}" style="font-size:.875rem"><p>{escape(lead)}</p>{listed}</div>'


def cards_html(cards: list[Card], heading: str, note: str) -> str:
    """Every card in one element, under its heading and note (one message a run instead of two per card)."""
    body = "".join(card.html() for card in cards)
    section = f'<section class="region-cards" aria-label="{escape(heading)}">{body}</section>'
    return CARDS_STYLE + heading_html(heading, note) + section


def findings_html(findings: list[tuple[str, str]], label: str, colon: str = ": ") -> str:
    """Each region's one-line finding (curated text from the data, escaped) as a list; ``colon`` is the
    language's ("：" in Chinese)."""
    items = "".join(
        f"<li><strong>{escape(region)}</strong>{colon}{escape(summary)}</li>" for region, summary in findings
    )
    return f'<ul class="findings" aria-label="{escape(label)}">{items}</ul>' if findings else ""


def figures(frame: pd.DataFrame, lang: Lang, with_unit: bool = True) -> list[str]:
    """Each row's figure as a reader sees it: "≥1,600 events", "1万–9万人"."""
    unit = "unit_zh" if lang == "zh" else "unit_en"
    columns = (frame[c].tolist() for c in ("value", "value_low", "value_high", "qualifier", unit, "printed_value"))
    return [
        format_fact(v, lo, hi, q, u, lang, with_unit=with_unit, magnitude=q == "range" and math.isnan(p))
        for v, lo, hi, q, u, p in zip(*columns, strict=True)
    ]


def quote_texts(frame: pd.DataFrame, lang: Lang, headlines: Mapping[str, str] | None = None) -> list[str]:
    """Each row's figure, the clause it was printed in and the report: what a reader checks it against.

    ``headlines`` gives a report's headline in ``lang`` by source id (else the printed one).
    """
    zh = lang == "zh"
    publisher = frame["publisher" if zh else "publisher_en"]
    label = TABLE_HEADERS["note"][lang]
    return [
        f"{metric}: {figure}\n“{quote}”\n{headline} ({pub}, {published})" + (f"\n{label}: {note}" if note else "")
        for metric, figure, quote, headline, pub, published, note in zip(
            frame["metric_zh" if zh else "metric"],
            figures(frame, lang),
            frame["quote"],
            _headlines(frame, headlines),
            publisher,
            frame["published"],
            frame["note"],
            strict=True,
        )
    ]


def cards(frame: pd.DataFrame, lang: Lang, per_card: int = 3) -> list[Card]:
    """One card per region present, in GB/T 2260 order, with figures the reach chart does not draw.

    A card leads with the region's headline figures that are not participants (those are
    the reach chart's dots), else its other such figures in file order; each figure
    names its own programme, so a card never pairs one programme's name with another's figure.
    """
    zh = lang == "zh"
    result = []
    others = frame[frame["measure"] != "participants"]
    ranked = others.assign(other=~others["headline"]).sort_values(["other"], kind="stable")
    firsts = ranked.groupby("region", sort=False).head(per_card)
    counts = frame.groupby("region")["programme"].nunique()
    for region in frame.sort_values("province_code", kind="stable")["region"].unique():
        shown = firsts[firsts["region"] == region]
        title = frame.loc[frame["region"].eq(region).idxmax(), "region_zh" if zh else "region_en"]
        result.append(
            Card(
                region=region,
                title=title,
                figures=tuple(
                    zip(
                        dated(figures(shown, lang, with_unit=True), shown, lang),  # each figure says its year
                        shown["metric_zh" if zh else "metric"],
                        shown["programme_zh" if zh else "programme_en"],
                        strict=True,
                    )
                ),
                programmes=int(counts[region]),
                more_label=text("card_more", lang),
            )
        )
    return result


def findings(frame: pd.DataFrame, sources: list[Source], lang: Lang) -> list[tuple[str, str]]:
    """Per region shown, in GB/T 2260 order: its name and the newest one-line summary of its reports.

    Where the figures shown span several years, the name says which years that report's figures are about.
    """
    zh = lang == "zh"
    by_id = {s.id: s for s in sources}
    result = []
    years = fact_years(frame)
    spans = {
        source: own.iloc[0] if own.nunique() == 1 else f"{own.min()}–{own.max()}"
        for source, own in years.groupby(frame["source"], sort=False)
    }
    several = years.nunique() > 1
    regions = frame.drop_duplicates(["region", "source"]).sort_values("province_code", kind="stable")
    for _, rows in regions.groupby("region", sort=False):
        reports = sorted((by_id[s] for s in rows["source"] if s in by_id), key=lambda s: s.published, reverse=True)
        found = next(
            ((s, s.summary if zh else s.summary_en) for s in reports if (s.summary if zh else s.summary_en)), None
        )
        if found:
            name = rows["region_zh" if zh else "region_en"].iloc[0]
            if several:
                name += f"（{spans[found[0].id]}年）" if zh else f" ({spans[found[0].id]})"
            result.append((name, found[1]))
    return result


TABLE_HEADERS: dict[str, dict[Lang, str]] = {
    "region": {"en": "Region", "zh": "地区"},
    "figure": {"en": "Figure", "zh": "数值"},
    "metric": {"en": "What it counts", "zh": "指标"},
    "indicator": {"en": "Official indicator", "zh": "统计指标"},
    "programme": {"en": "Programme", "zh": "项目"},
    "intervention": {"en": "Intervention", "zh": "干预类型"},
    "measure": {"en": "Measure", "zh": "数字类型"},
    "qualifier": {"en": "Qualifier", "zh": "限定"},
    "printed": {"en": "Printed", "zh": "原文数字"},
    "as_of": {"en": "As of", "zh": "时间"},
    "quote": {"en": "Quote", "zh": "原文"},
    "note": {"en": "Curator's note", "zh": "整理者说明"},
    "source": {"en": "Source", "zh": "出处"},
    "url": {"en": "Web address", "zh": "网址"},
    "via": {"en": "Reposted by", "zh": "转载网站"},
    "id": {"en": "ID", "zh": "编号"},
}


TEXT_COLUMNS = ("metric", "programme", "quote", "note", "source")
"""Columns of running text, which wrap; the others (a region, a figure, a date) keep each value on one line."""

TABLE_STYLE = (
    "<style>.facts-table{overflow-x:auto;max-width:100%;max-height:80vh}"
    ".facts-table table{border-collapse:collapse;font-size:.875rem;line-height:1.4}"
    ".facts-table th,.facts-table td{text-align:left;vertical-align:top;padding:.375rem .5rem;"
    "border-bottom:1px solid #d5d5dc;white-space:nowrap}"
    ".facts-table thead th{position:sticky;top:0;background:#f0f2f6}"
    ".facts-table td.text{white-space:normal;min-width:12rem}.facts-table td.quote{min-width:18rem}</style>"
)
"""The table scrolls in its own box, its header row kept in view; the page itself never scrolls sideways."""


def table_html(rows: pd.DataFrame, lang: Lang) -> str:
    """The labelled table (from ``table``) as a semantic HTML table, every cell escaped.

    The box that scrolls is a labelled, focusable region, so a keyboard reaches the rows and columns off screen.
    """
    cells = {TABLE_HEADERS[k][lang]: '<td class="text">' for k in TEXT_COLUMNS}
    cells[TABLE_HEADERS["quote"][lang]] = '<td class="text quote" lang="zh">'  # read aloud as Chinese
    cells[TABLE_HEADERS["id"][lang]] = '<td class="id" lang="en" translate="no">'  # an identifier, as in the CSV
    cells[TABLE_HEADERS["note"][lang]] = '<td class="text note" lang="en">'  # curators write their notes in English
    for key in ("url", "via"):  # web addresses and site names: read as written, never translated
        cells[TABLE_HEADERS[key][lang]] = '<td class="address" lang="en" translate="no">'
    opening = [cells.get(c, "<td>") for c in rows.columns]
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in rows.columns)
    body = "".join(
        "<tr>" + "".join(f"{td}{escape(str(v))}</td>" for td, v in zip(opening, row, strict=True)) + "</tr>"
        for row in rows.itertuples(index=False, name=None)
    )
    return (
        f'{TABLE_STYLE}<div class="facts-table" role="region" aria-label="{escape(text("table", lang))}" tabindex="0">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def region_labels(frame: pd.DataFrame, lang: Lang) -> list[str]:
    """The province, and the prefecture or county below it where the figure is about one: 山东 · 梁山县."""
    zh = lang == "zh"
    provinces = frame["region_zh" if zh else "region_en"].tolist()
    areas = frame["area_zh" if zh else "area_en"].tolist()
    codes = frame["region_code"].tolist()
    return [p if c.endswith("0000") else f"{p} · {a}" for p, a, c in zip(provinces, areas, codes, strict=True)]


def _headlines(frame: pd.DataFrame, headlines: Mapping[str, str] | None) -> pd.Series:
    """Each row's report headline: from ``headlines`` by source id where given, else as printed."""
    if headlines is None:
        return frame["source_headline"]
    return frame["source"].map(headlines).fillna(frame["source_headline"])


def table(frame: pd.DataFrame, lang: Lang, headlines: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The facts with provenance, labelled in the chosen language (report headlines from ``headlines``, by
    source id, where given)."""
    zh = lang == "zh"
    columns = {
        "region": region_labels(frame, lang),
        "figure": figures(frame, lang),
        "metric": frame["metric_zh" if zh else "metric"],
        "quote": frame["quote"],  # beside what it counts: where a reader checks the figure
        # The official indicator's name from the data file's vocabulary, where any row has one.
        **(
            {"indicator": frame["indicator_zh" if zh else "indicator_en"]}
            if frame["indicator"].astype(bool).any()
            else {}
        ),
        "programme": frame["programme_zh" if zh else "programme_en"],
        "intervention": frame["intervention_zh" if zh else "intervention_en"],
        "measure": frame["measure_zh" if zh else "measure_en"],
        "qualifier": [
            QUALIFIER_NAMES["magnitude" if q == "range" and math.isnan(p) else q][lang]
            for q, p in zip(frame["qualifier"], frame["printed_value"], strict=True)
        ],
        "printed": frame["printed"],
        "as_of": frame["as_of"],
        **({"note": frame["note"]} if frame["note"].astype(bool).any() else {}),  # only where a curator wrote one
        "source": _headlines(frame, headlines)
        + " ("
        + frame["publisher" if zh else "publisher_en"]
        + ", "
        + frame["published"]
        + ")",
        **({"url": frame["source_url"]} if frame["source_url"].astype(bool).any() else {}),
        **({"via": frame["source_via"]} if frame["source_via"].astype(bool).any() else {}),
        "id": frame["id"],
    }
    return pd.DataFrame({TABLE_HEADERS[k][lang]: pd.Series(v).to_numpy() for k, v in columns.items()})


TABLE_PAGE_ROWS = 200
"""Rows per table page; the CSV always holds the whole selection."""


def page_count(frame: pd.DataFrame, size: int = TABLE_PAGE_ROWS) -> int:
    return max(1, -(-len(frame) // size))


def table_page(frame: pd.DataFrame, number: int, size: int = TABLE_PAGE_ROWS) -> pd.DataFrame:
    """Rows of page ``number`` (1-based), clamped to the pages there are."""
    number = min(max(number, 1), page_count(frame, size))
    return frame.iloc[(number - 1) * size : number * size]
