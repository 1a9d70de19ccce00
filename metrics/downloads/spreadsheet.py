"""Frames -> an XLSX workbook: the facts on one sheet, their sources and licence on a second.

Numbers are numeric cells; every text cell is stored as text, never as a formula,
so ``100%`` and ``2022-09-30`` stay as printed and ``=1+1`` in the data stays
those four characters.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from metrics.catalogue.schema import Source
from metrics.page.frame import COLUMNS, NUMBER_COLUMNS

NUMERIC = (*NUMBER_COLUMNS, "printed_value", "printed_value_to")
LICENCE = (
    "Figures quoted from the cited articles, each with its verbatim clause; "
    "the articles' copyright stays with their publishers."
)
SOURCE_COLUMNS = ("id", "publisher", "published", "headline", "byline", "article", "url", "via")


def _text(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # never a formula, whatever the text begins with
    return cell


def _number(sheet: WriteOnlyWorksheet, value: float) -> WriteOnlyCell | None:
    if value is None or math.isnan(value):
        return None
    return WriteOnlyCell(sheet, value=int(value) if float(value).is_integer() else float(value))


def to_xlsx(frame: pd.DataFrame, sources: Sequence[Source]) -> bytes:
    """The rows of ``frame`` with the CSV's columns, and the sources they cite."""
    book = Workbook(write_only=True)
    facts = book.create_sheet("facts")
    facts.append([_text(facts, c) for c in COLUMNS])
    for row in frame[list(COLUMNS)].itertuples(index=False):
        facts.append(
            [_number(facts, v) if c in NUMERIC else _text(facts, v) for c, v in zip(COLUMNS, row, strict=True)]
        )
    cited = set(frame["source"])
    about = book.create_sheet("sources")
    about.append([_text(about, c) for c in SOURCE_COLUMNS])
    for source in sources:
        if source.id in cited:
            about.append([_text(about, getattr(source, c) or "") for c in SOURCE_COLUMNS])
    about.append([])
    about.append([_text(about, "licence"), _text(about, LICENCE)])
    book.properties.creator = "employment-dashboard"
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable(buffer.getvalue())


FIXED = "2022-11-01T00:00:00Z"
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _stable(workbook: bytes) -> bytes:
    """The same workbook with its build time taken out: fixed document dates and zip timestamps.

    openpyxl stamps ``docProps/core.xml`` and every zip member with the time of saving, so two
    servers would give the same rows different bytes (and different ETags).
    """
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                payload = _STAMP.sub(rb"\g<1>" + FIXED.encode() + rb"\g<2>", payload)
            entry = zipfile.ZipInfo(item.filename, date_time=(2022, 11, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, payload)
    return out.getvalue()
