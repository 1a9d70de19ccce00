"""The XLSX download: numbers as numbers, text as text, Chinese intact, the sources beside the facts."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest

from metrics.catalogue.load import load
from metrics.downloads.export import to_csv, to_xlsx
from metrics.page.frame import COLUMNS, to_frame
from tests.conftest import DATA_FILE

UTF8_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1"
"""LibreOffice's CSV filter: comma, double quotes, UTF-8, from the first line."""


@pytest.fixture(scope="module")
def shipped():
    data = load(DATA_FILE)
    frame = to_frame(data)
    return frame, to_xlsx(frame, data.sources)


def test_numbers_are_numeric_cells_and_printed_text_stays_text(shipped):
    frame, payload = shipped
    sheet = openpyxl.load_workbook(io.BytesIO(payload))["facts"]
    header = [c.value for c in sheet[1]]
    assert header == list(COLUMNS)
    rows = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == len(frame)
    percent = next(r for r in rows.values() if r["printed"].value == "100%")
    assert percent["value"].value == 100 and percent["value"].data_type == "n"
    dated = next(r for r in rows.values() if r["as_of"].value == "2022-09-30")
    assert dated["as_of"].data_type == "s"  # a date stays the text it was printed as
    graduates = rows["liaoning-graduates-2022"]
    assert (graduates["value"].value, graduates["printed_value"].value) == (406000, 40.6)
    assert graduates["quote"].value == "今年预计有普通高校毕业生40.6万人"
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)


def test_text_that_looks_like_a_formula_is_stored_as_text(shipped):
    frame, _ = shipped
    hostile = frame.head(1).copy()
    hostile["metric"] = '=HYPERLINK("http://example.com","x")'
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(hostile, [])))["facts"]
    metric = sheet.cell(row=2, column=list(COLUMNS).index("metric") + 1)
    assert (metric.data_type, metric.value) == ("s", hostile["metric"].iloc[0])


def test_sources_and_licence_are_on_a_second_sheet(shipped):
    _, payload = shipped
    about = openpyxl.load_workbook(io.BytesIO(payload))["sources"]
    values = [[c.value for c in row] for row in about.iter_rows()]
    assert values[0][:3] == ["id", "publisher", "published"]
    assert {row[0] for row in values[1:5]} == {
        "ed-2022-11-liaoning",
        "ed-2022-11-ningxia",
        "ed-2022-11-guangdong",
        "ed-2022-11-shandong",
    }
    assert values[-1][0] == "licence" and "copyright" in values[-1][1]


def test_libreoffice_opens_it_with_the_same_rows_as_the_csv(shipped, tmp_path: Path):
    frame, payload = shipped
    book = tmp_path / "facts.xlsx"
    book.write_bytes(payload)
    command = ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile"]
    command += ["--convert-to", UTF8_CSV, "--outdir", str(tmp_path), str(book)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    opened = list(csv.reader(io.StringIO((tmp_path / "facts.csv").read_text(encoding="utf-8"))))
    ours = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert opened[0] == ours[0]
    assert len(opened) == len(ours) == len(frame) + 1
    assert opened == ours  # every cell, Chinese and numbers alike
