"""What a reader downloads: exports (CSV, JSON, XLSX, data package), the data URLs, and their caches."""
