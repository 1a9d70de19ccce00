"""File names of what a reader downloads, shared by the export and the data URLs (no imports)."""

CSV_NAME = "employment-facts.csv"
PACKAGE_NAME = "employment-facts.zip"
JSON_NAME = "employment-facts.json"
XLSX_NAME = "employment-facts.xlsx"
