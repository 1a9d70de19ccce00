"""Regional employment programmes: compare, filter by region, download.

Run with ``streamlit run dashboard.py``; ``METRICS_FILE=path`` reads another data file, and
``METRICS_SOURCE_TEXT=path`` (files or folders, joined by ``:``) also checks every quote against its article.
This page only wires widgets to ``metrics`` functions.
"""

from __future__ import annotations

import streamlit as st

from metrics.page.api import ROUTES  # light: the server imports this file at start to find `app`

if __name__ == "__main__":  # a session's script run: what the page needs (pandas, plotly, the data)
    from metrics.page.api import download_links
    from metrics.page.filters import regions_from_query, regions_to_query
    from metrics.page.labels import FOCUS_STYLE, Lang, region_chip_style, text
    from metrics.page.state import data_path, page_state, source_text_paths
    from metrics.page.views import MAX_PROFILE, page_count


CARD_PX = 240
"""Width of a region's card: its longest province name fits on one line."""


def page() -> None:
    """One session's script run: widgets in, ``metrics`` results out."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = "zh" if st.query_params.get("lang") == "zh" else "en"
    st.set_page_config(page_title=text("tab_title", st.session_state["lang"]), layout="wide")

    state = page_state(data_path(), source_text_paths())  # validated once per file version, shared by sessions
    data = state.data
    names = data.names

    with st.sidebar:
        st.html(FOCUS_STYLE)
        lang: Lang = st.radio(
            "Language / 语言",
            ["en", "zh"],
            key="lang",
            format_func={"en": "English", "zh": "中文"}.get,
            horizontal=True,
        )
    st.markdown(f"# {text('title', lang)}\n\n{text('subtitle', lang)}")  # our own labels, never data
    if state.being_written:
        st.warning(text("being_written", lang))
    if data.problems:
        st.error(text("errors", lang))
        st.caption(text("errors_help", lang))
        st.code("\n".join(data.problems), language=None)
        st.stop()

    if "regions" not in st.session_state:
        from_url = st.query_params.get_all("regions") if "regions" in st.query_params else None
        chosen = regions_from_query(from_url, data.regions)
        st.session_state["regions"] = list(chosen.regions)
        st.session_state["unknown_regions"] = chosen.unknown
    else:  # in the data's order (the file may have changed under the session), so chip i has colour i
        ordered = [r for r in data.regions if r in st.session_state["regions"]]
        if ordered != st.session_state["regions"]:
            st.session_state["regions"] = ordered
    with st.sidebar:
        regions = st.multiselect(
            text("regions", lang),
            data.regions,
            key="regions",
            format_func=lambda slug: names.region(slug, lang),
            placeholder=text("choose", lang),
        )
        st.html(region_chip_style([names.colours[r] for r in regions]))  # colours by position; no data text
        sources = st.multiselect(
            text("sources", lang),
            data.source_ids,
            default=data.source_ids,
            key="sources",
            format_func=names.source_names.get,
            placeholder=text("choose", lang),
        )
    wanted_query = {"regions": regions_to_query(regions), "lang": lang}
    if {key: st.query_params.get_all(key) for key in wanted_query} != {
        "regions": wanted_query["regions"],
        "lang": [lang],
    }:
        st.query_params.from_dict(wanted_query)  # one message, and none when the link already says it

    if st.session_state.get("unknown_regions"):
        st.warning(text("unknown_regions", lang))
        st.code("\n".join(st.session_state["unknown_regions"]), language=None)  # from the link: plain text

    with st.sidebar, st.expander(text("categories", lang)):
        categories = st.multiselect(
            text("categories", lang),
            data.categories,
            default=data.categories,
            format_func=lambda c: names.category(c, lang),
            label_visibility="collapsed",
            placeholder=text("choose", lang),
        )
    selection = (tuple(regions), tuple(categories), tuple(sources))
    shown = data.outputs(selection, lang)

    with st.sidebar:
        st.html(download_links(selection, data, lambda key: text(key, lang)))

    if not regions:
        st.info(text("no_regions", lang))
        st.stop()
    if not shown.cards:
        st.info(text("no_facts", lang))
        st.stop()

    st.header(text("cards", lang))
    with st.container(horizontal=True):  # one row that wraps on narrow screens
        for card in shown.cards:
            with st.container(border=True, width=CARD_PX):  # a fixed width, so a dozen regions wrap into rows
                st.subheader(card.title)
                st.text(card.text())  # data: plain text, never markdown
                if card.quotes:
                    with st.expander(text("quotes", lang)):  # our label; the quotes are plain text
                        st.text("\n\n".join(card.quotes))

    st.header(text("charts", lang))
    if shown.figure is None:
        st.info(text("no_comparison", lang))
    else:
        st.markdown(f"{text('symbols', lang)} [{text('chart_tables', lang)}](#chart-as-tables)")
        st.plotly_chart(shown.figure, key="comparison", config={"displaylogo": False})
        st.subheader(text("chart_tables", lang), anchor="chart-as-tables")
        for title, rows in shown.tables:
            st.text(title)  # data: plain text
            st.table(rows, hide_index=True, alt=title)
    if shown.series is not None:
        st.subheader(text("over_time", lang))
        st.plotly_chart(shown.series, key="series", config={"displaylogo": False})

    if shown.profiles:
        st.markdown(f"## {text('profiles', lang)}\n\n{text('profiles_help', lang)}")  # our own labels
        for title, rows, count in shown.profiles:
            st.subheader(title)
            st.table(rows, hide_index=True, alt=f"{text('profiles', lang)}: {title}")
            if count > MAX_PROFILE:
                st.text(text("more_in_table", lang).format(n=count - MAX_PROFILE))

    st.markdown(f"## {text('table', lang)}\n\n{len(shown.view):,} {text('rows', lang)}")
    pages = page_count(shown.view)
    number = st.number_input(text("page", lang), 1, pages, 1, key="table_page") if pages > 1 else 1
    st.dataframe(data.table(selection, lang, number), hide_index=True, key="facts_table")
    quotes = data.quotes(selection, lang, number)
    chosen = st.selectbox(text("quote_of", lang), list(quotes), index=None, placeholder=text("choose", lang))
    if chosen is not None:
        st.text(quotes[chosen])  # data: plain text


if __name__ == "__main__":  # a session's script run
    page()
else:  # imported by `streamlit run dashboard.py`, which finds `app`: the page plus the data URLs beside it
    app = st.App(__file__, routes=ROUTES)
