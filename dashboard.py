"""Regional employment programmes: compare, filter by region, download.

Run with ``streamlit run dashboard.py``; ``METRICS_FILE=path`` reads another data file, and
``METRICS_SOURCE_TEXT=path`` (files or folders, joined by ``:``) also checks every quote against its article.
This page only wires widgets to ``metrics`` functions.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from metrics.downloads.api import DataUrlsFirst  # light: the server imports this file at start to find `app`

if __name__ == "__main__":  # a session's script run: what the page needs (pandas, plotly, the data)
    from metrics.downloads.api import download_links
    from metrics.page.filters import known_from_query, regions_from_query, regions_to_query
    from metrics.page.labels import FOCUS_STYLE, Lang, page_heading, region_chip_style, text
    from metrics.page.state import data_path, page_state, source_text_paths
    from metrics.page.views import (
        Markup,
        cards_html,
        findings_html,
        heading_html,
        note_html,
        page_count,
        title_html,
    )

CHART_CONFIG = {"displaylogo": False, "displayModeBar": False}


def _from_link(key: str, present: tuple[str, ...], read) -> None:
    """Preselect a filter from the link once per session, keeping what the link named in vain."""
    if key not in st.session_state:
        chosen = read(st.query_params.get_all(key) if key in st.query_params else None, present)
        st.session_state[key] = list(chosen.regions)
        st.session_state[f"unknown_{key}"] = chosen.unknown
        st.session_state[f"linked_{key}"] = list(chosen.regions)  # what the link chose: its note lasts as long
    else:  # in the data's order (the file may have changed under the session)
        ordered = [r for r in present if r in st.session_state[key]]
        if ordered != st.session_state[key]:
            st.session_state[key] = ordered


def _clause(clauses: dict[str, str], event: object) -> str | None:
    """The clause of the dot a reader clicked, if any (its fact id is the last item of the dot's customdata)."""
    points = getattr(getattr(event, "selection", None), "points", None) or []
    for point in points:
        ident = (point.get("customdata") or [None])[-1]
        if ident in clauses:
            return clauses[ident]
    return None


def page() -> None:
    """One session's script run: widgets in, ``metrics`` results out."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = "zh" if st.query_params.get("lang") == "zh" else "en"
    if st.session_state.get("page_config") != st.session_state["lang"]:  # the browser keeps it across reruns
        st.set_page_config(page_title=text("tab_title", st.session_state["lang"]), layout="wide")
        st.session_state["page_config"] = st.session_state["lang"]

    state = page_state(data_path(), source_text_paths())  # validated once per file version, shared by sessions
    data = state.data
    names = data.names

    with st.sidebar:
        lang: Lang = st.radio(
            "Language / 语言",
            ["en", "zh"],
            key="lang",
            format_func={"en": "English", "zh": "中文"}.get,
            horizontal=True,
        )
    # The title and subtitle name the data's years and publishers (escaped). Drawn with what follows them in one
    # element; notices come first, like any banner.
    header = title_html(
        *(page_heading(data.sources, lang, data.years) if data.sources else (text("tab_title", lang), ""))
    )
    if state.being_written:
        st.warning(text("being_written", lang))
    if data.problems:
        st.html(Markup(header))
        st.error(text("errors", lang))
        st.caption(text("errors_help", lang))
        st.code("\n".join(data.problems), language=None)
        st.stop()

    _from_link("regions", data.regions, regions_from_query)
    _from_link("interventions", data.interventions, known_from_query)
    _from_link("years", data.years, known_from_query)
    with st.sidebar:
        regions = st.multiselect(
            text("regions", lang),
            data.regions,
            key="regions",
            format_func=lambda slug: names.region(slug, lang),
            placeholder=text("choose", lang),
        )
        shown_sources = tuple(s for s in data.source_ids if data.source_regions[s] & set(regions))
        # One widget per set of regions shown, all its articles chosen at first: no state to carry over, so a
        # rerun cut short by the next click can never leave a region without its articles.
        sources = st.multiselect(
            text("sources", lang),
            shown_sources,
            default=shown_sources,
            key=f"sources-{'-'.join(regions)}",
            format_func=lambda s: names.source(s, lang),
            placeholder=text("choose", lang),
        )
        # Empty until a reader narrows it: a kind filter that starts with every kind chosen fills the sidebar.
        kinds = st.multiselect(
            text("interventions", lang),
            data.interventions,
            key="interventions",
            format_func=lambda i: names.intervention(i, lang),
            placeholder=text("all_kinds", lang),
        )
        # Empty keeps every year, as the kind filter does; figures of different years are never added together.
        years = st.multiselect(text("years", lang), data.years, key="years", placeholder=text("all_years", lang))
    interventions = tuple(kinds) or data.interventions
    wanted_query = {"regions": regions_to_query(regions)}  # defaults (English, every kind) stay out of the link
    if lang != "en":
        wanted_query["lang"] = [lang]
    if kinds:
        wanted_query["interventions"] = kinds
    if years:
        wanted_query["years"] = years
    if {key: st.query_params.get_all(key) for key in ("regions", "lang", "interventions", "years")} != {
        "lang": [],
        "interventions": [],
        "years": [],
        **wanted_query,
    }:
        st.query_params.from_dict(wanted_query)  # one message, and none when the link already says it

    for key in ("regions", "interventions", "years"):
        if st.session_state.get(f"linked_{key}") != st.session_state[key]:
            st.session_state[f"unknown_{key}"] = ()  # the reader has chosen since: the link's names are gone
        if st.session_state.get(f"unknown_{key}"):
            st.warning(text(f"unknown_{key}", lang))
            st.code("\n".join(st.session_state[f"unknown_{key}"]), language=None)  # from the link: plain text

    selection = (tuple(regions), data.categories, tuple(sources), interventions, tuple(years) or data.years)
    shown = data.outputs(selection, lang)

    with st.sidebar:  # one element: focus ring, region chip colours (by position) and the download links
        chips = region_chip_style([names.colours[r] for r in regions])
        st.html(Markup(FOCUS_STYLE + chips + download_links(selection, data, lambda key: text(key, lang))))

    if not regions or shown.view.empty:
        st.html(Markup(header))
        st.info(text("no_regions" if not regions else "no_facts", lang))
        st.stop()

    opening = header + findings_html(shown.findings, text("findings", lang), text("colon", lang))
    if shown.targets:  # the answer first: did each region do what it planned, results by period beside targets
        st.html(Markup(opening + heading_html(text("targets", lang), text("targets_help", lang))))
        for indicator, chart in shown.targets:
            key = f"targets-{indicator}"
            st.plotly_chart(chart, key=key, config=CHART_CONFIG, alt=shown.alt[key])
        opening = ""
    st.html(Markup(opening + heading_html(text("matrix", lang), text("matrix_help", lang))))
    # Hovering or tapping a square lists its programmes; the table and the kind filter do the rest.
    st.plotly_chart(shown.matrix, key="matrix", config=CHART_CONFIG, alt=shown.alt["matrix"])

    st.html(Markup(heading_html(text("reach", lang), f"{text('reach_help', lang)} {text('symbols', lang)}")))
    if shown.reach is None:
        st.info(text("no_reach", lang))
    else:
        figure = shown.reach
        if shown.per_resident.by_fact is not None:
            scale = st.radio(
                text("reach_scale", lang),
                ["printed", "per_resident"],
                format_func=lambda k: text("as_printed" if k == "printed" else "per_resident_option", lang),
                horizontal=True,
                key="reach_scale",
            )
            if scale == "per_resident":
                figure = data.reach_per_resident(selection, lang)
                denominators = note_html(text("denominator", lang), shown.per_resident.sources, "denominators")
                st.html(Markup(denominators))  # data text, escaped: never Markdown
        elif shown.per_resident.missing:
            st.html(Markup(note_html(text("no_denominator", lang), shown.per_resident.missing, "denominators")))
        clauses = data.clauses(selection, lang)
        event = st.plotly_chart(
            figure, key="reach", config=CHART_CONFIG, on_select="rerun", selection_mode="points", alt=shown.alt["reach"]
        )
        if "reach" in shown.notes:  # selected regions without a dot: which, and where their figures are
            st.html(Markup(note_html(shown.notes["reach"], (), "left-out")))
        picked = _clause(clauses, event)
        if picked:
            st.text(f"{text('clause', lang)}:\n{picked}")  # data: plain text

    if shown.like_with_like is not None:
        st.markdown(f"### {text('like_with_like', lang)}\n\n{text('symbols', lang)}")  # the key, where symbols are
        st.plotly_chart(shown.like_with_like, key="comparison", config=CHART_CONFIG, alt=shown.alt["like_with_like"])
        if "like_with_like" in shown.notes:
            st.html(Markup(note_html(shown.notes["like_with_like"], (), "left-out")))
    if shown.series is not None:
        st.subheader(text("over_time", lang))
        st.plotly_chart(shown.series, key="series", config=CHART_CONFIG, alt=shown.alt.get("series"))

    # The cards, the table's heading and the table (data text escaped): one element. Each row of the table
    # shows its figure beside the clause it was printed in. A long table is paged, its pager below it.
    pages = page_count(shown.view)
    pager = f"table_page-{len(shown.view)}"  # a table of another length starts again at its first page
    number = st.session_state.get(pager, 1)
    st.html(
        Markup(
            cards_html(shown.cards, text("cards", lang), text("cards_help", lang))
            + heading_html(text("table", lang), f"{len(shown.view):,} {text('rows', lang)}")
            + data.table(selection, lang, number)
        )
    )
    if pages > 1:
        st.number_input(text("page", lang), 1, pages, key=pager)


if __name__ == "__main__":  # a session's script run
    page()
else:  # imported by `streamlit run dashboard.py`, which finds `app`: the page plus the data URLs beside it
    app = st.App(__file__, middleware=[Middleware(DataUrlsFirst)])
