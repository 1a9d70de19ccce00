"""What a reader sees: the facts frame, filters, labels, charts, tables, exports and per-version page data."""
