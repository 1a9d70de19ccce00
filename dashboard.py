"""Regional employment programmes: compare, filter by region, download.

Run with ``streamlit run dashboard.py``; ``METRICS_FILE=path`` reads another data file.
This page only wires widgets to ``metrics`` functions.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics.charts import comparison_figure
from metrics.export import CSV_NAME, PACKAGE_NAME, to_csv, to_package
from metrics.filters import Filters, apply, regions_from_query, regions_to_query
from metrics.labels import CATEGORY_NAMES, REGIONS, Lang, region_name, text
from metrics.page import Loaded, data_path, file_stamp, load_page_data
from metrics.views import Card, cards, escape_markdown, page_count, table, table_page

st.set_page_config(page_title="Regional employment programmes", layout="wide")


@st.cache_resource(show_spinner=False, max_entries=4)
def loaded(stamp: tuple[str, int, int]) -> Loaded:
    """Read and validate once per process and file version."""
    return load_page_data(data_path())


@st.cache_resource(show_spinner=False, max_entries=256)
def outputs(
    stamp: tuple[str, int, int], filters: Filters, lang: Lang
) -> tuple[pd.DataFrame, go.Figure, list[Card], bytes]:
    """Rows, figure, cards and CSV for one selection, built once and shared by sessions."""
    frame = apply(loaded(stamp).frame, filters)
    return frame, comparison_figure(frame, lang), cards(frame, lang), to_csv(frame)


@st.cache_resource(show_spinner=False, max_entries=64)
def package(stamp: tuple[str, int, int], filters: Filters) -> bytes:
    page = loaded(stamp)
    return to_package(apply(page.frame, filters), page.data)


stamp = file_stamp(data_path())
page = loaded(stamp)

if "lang" not in st.session_state:
    st.session_state["lang"] = "zh" if st.query_params.get("lang") == "zh" else "en"
if "regions" not in st.session_state:
    from_url = st.query_params.get_all("regions") if "regions" in st.query_params else None
    st.session_state["regions"] = list(regions_from_query(from_url))

with st.sidebar:
    lang: Lang = st.radio(
        "Language / 语言", ["en", "zh"], key="lang", format_func={"en": "English", "zh": "中文"}.get, horizontal=True
    )
    regions = st.multiselect(
        text("regions", lang), REGIONS, key="regions", format_func=lambda slug: region_name(slug, lang)
    )
st.query_params["regions"] = regions_to_query(regions)
st.query_params["lang"] = lang

st.title(text("title", lang))
st.caption(text("subtitle", lang))

if page.problems:
    st.error(text("errors", lang))
    st.caption(text("errors_help", lang))
    st.code("\n".join(page.problems), language=None)
    st.stop()

present = tuple(c for c in CATEGORY_NAMES if c in set(page.frame["category"]))
with st.sidebar, st.expander(text("categories", lang)):
    categories = st.multiselect(
        text("categories", lang),
        present,
        default=present,
        format_func=lambda c: CATEGORY_NAMES[c][lang],
        label_visibility="collapsed",
    )
filters = Filters(regions=tuple(regions), categories=tuple(categories))
view, figure, region_cards, csv_bytes = outputs(stamp, filters, lang)

with st.sidebar:
    st.download_button(
        text("download_csv", lang), csv_bytes, CSV_NAME, "text/csv", on_click="ignore", key="download_csv"
    )
    st.download_button(
        text("download_package", lang),
        package(stamp, filters),
        PACKAGE_NAME,
        "application/zip",
        on_click="ignore",
        key="download_package",
    )

if not regions:
    st.info(text("no_regions", lang))
    st.stop()
if not region_cards:
    st.info(text("no_facts", lang))
    st.stop()

st.header(text("cards", lang))
for column, card in zip(st.columns(len(region_cards)), region_cards, strict=True):
    with column.container(border=True):
        st.subheader(escape_markdown(card.title))
        st.markdown(f"**{escape_markdown(card.programme)}**  \n{escape_markdown(card.place)} · {card.level}")
        for label, value in card.figures:
            st.markdown(f"#### {escape_markdown(value)}\n{escape_markdown(label)}")
        if card.other_programmes:
            st.caption(f"+{card.other_programmes} {text('more_programmes', lang)}")

st.header(text("charts", lang))
st.caption(text("patterns", lang))
st.plotly_chart(figure, key="comparison", config={"displaylogo": False})

st.header(text("table", lang))
pages = page_count(view)
number = st.number_input(text("page", lang), 1, pages, 1, key="table_page") if pages > 1 else 1
st.caption(f"{len(view):,} {text('rows', lang)}")
st.dataframe(table(table_page(view, number), lang), hide_index=True, key="facts_table")
