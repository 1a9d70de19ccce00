"""Frames -> the bytes a user downloads: CSV and a zipped data package."""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Sequence

import pandas as pd

from metrics.catalogue.schema import Source
from metrics.downloads.names import CSV_NAME
from metrics.downloads.spreadsheet import to_xlsx
from metrics.page.frame import COLUMN_DESCRIPTIONS, COLUMNS, NUMBER_COLUMNS

__all__ = ["guard_formula", "to_csv", "to_json", "to_package", "to_xlsx"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "'")
"""Leading characters a spreadsheet may read as a formula (OWASP CSV injection),
plus the guard itself, so removing one leading ``'`` always restores the text."""

_NUMERIC = (*NUMBER_COLUMNS, "printed_value", "printed_value_to")


def guard_formula(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number_text(value: float) -> str:
    if value is None or math.isnan(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (so Excel shows Chinese), CRLF line ends, fixed columns.

    Numbers are written as plain decimals and never altered; text cells are
    guarded against formula injection.
    """
    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        if column in _NUMERIC:
            out[column] = frame[column].map(_number_text)
        else:
            out[column] = frame[column].astype(str).map(guard_formula)
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _field_type(column: str) -> str:
    return "number" if column in _NUMERIC else "string"


def package_title(sources: Sequence[Source]) -> str:
    """'Regional employment programme figures: Economic Daily, 2022': the publishers and years the rows cite."""
    publishers = ", ".join(dict.fromkeys(s.publisher_en or s.publisher for s in sources))
    years = sorted({s.published[:4] for s in sources})
    span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"Regional employment programme figures: {publishers}, {span}" if sources else "Regional employment figures"


def _source(source: Source) -> dict[str, str]:
    """A report as a Data Package source: its web address as ``path`` where it has one, and the site that
    reposted it in the title."""
    title = f"{source.publisher}, {source.published}: {source.headline} ({source.byline})"
    if source.via:
        title += f", via {source.via}"
    return {"id": source.id, "title": title, "path": source.url or source.id}


def datapackage(sources: Sequence[Source]) -> dict[str, object]:
    """A Frictionless Data Package descriptor for the CSV, citing every source."""
    return {
        "name": "regional-employment-facts",
        "title": package_title(sources),
        "licenses": [{"name": "other-at", "title": "Figures quoted from the cited articles"}],
        "sources": [_source(s) for s in sources],
        "resources": [
            {
                "name": "employment-facts",
                "path": CSV_NAME,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [
                        {"name": c, "type": _field_type(c), "description": COLUMN_DESCRIPTIONS[c]} for c in COLUMNS
                    ],
                    "primaryKey": ["id"],
                },
            }
        ],
    }


FIXED_TIME = (2022, 11, 1, 0, 0, 0)
"""The timestamp of every file inside the zip and the workbook, so the same rows give the same bytes."""


def to_package(frame: pd.DataFrame, sources: Sequence[Source]) -> bytes:
    """A zip holding the CSV and its ``datapackage.json``; the same input gives the same bytes."""
    cited = set(frame["source"])
    descriptor = datapackage([s for s in sources if s.id in cited])  # the reports these rows come from
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in (
            (CSV_NAME, to_csv(frame)),
            ("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2).encode()),
        ):
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED  # a ZipInfo keeps its own type, not the archive's
            archive.writestr(entry, payload)
    return buffer.getvalue()


def to_json(frame: pd.DataFrame) -> bytes:
    """The same rows and columns as the CSV, as a JSON array of records (numbers as numbers, empty as null)."""
    records = []
    for row in frame[list(COLUMNS)].itertuples(index=False):
        record = {}
        for column, value in zip(COLUMNS, row, strict=True):
            if column in _NUMERIC:
                record[column] = None if math.isnan(value) else (int(value) if value.is_integer() else value)
            else:
                record[column] = value
        records.append(record)
    return json.dumps(records, ensure_ascii=False).encode("utf-8")
