"""Floor: the cheapest Streamlit page there is."""
