"""Floor for memory: the one-chart app plus the design's own packages, a pandas frame in an st.dataframe."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

NAMES = {"liaoning": "Liaoning", "guangdong": "Guangdong", "ningxia": "Ningxia", "shandong": "Shandong"}
VALUES = {"liaoning": 406_000, "guangdong": 18_040_000, "ningxia": 400, "shandong": 20_000}

with st.sidebar:
    regions = st.multiselect("Regions", list(NAMES), default=list(NAMES), key="regions", format_func=NAMES.get)
figure = go.Figure([go.Bar(x=[VALUES[r]], y=[NAMES[r]], name=NAMES[r], orientation="h") for r in regions])
st.plotly_chart(figure, key="chart")
st.dataframe(pd.DataFrame({"region": [NAMES[r] for r in regions], "value": [VALUES[r] for r in regions]}))
