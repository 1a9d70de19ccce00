"""Floor: one region filter and one plotly chart of four bars, nothing cached."""

import plotly.graph_objects as go
import streamlit as st

NAMES = {"liaoning": "Liaoning", "guangdong": "Guangdong", "ningxia": "Ningxia", "shandong": "Shandong"}
VALUES = {"liaoning": 406_000, "guangdong": 18_040_000, "ningxia": 400, "shandong": 20_000}

with st.sidebar:
    regions = st.multiselect("Regions", list(NAMES), default=list(NAMES), key="regions", format_func=NAMES.get)
figure = go.Figure([go.Bar(x=[VALUES[r]], y=[NAMES[r]], name=NAMES[r], orientation="h") for r in regions])
st.plotly_chart(figure, key="chart")
