"""Property-based tests: the number reader, hostile edits to data files, and CSV round trips."""

from __future__ import annotations

import io
import math
import os
import re
from decimal import Decimal

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate
from metrics.articles.numbers import Qualifier, read_number
from metrics.catalogue.checks import cross_check
from metrics.catalogue.fast_path import fast_load as _fast_load
from metrics.catalogue.load import MetricsFileError, load_bytes, validate_data
from metrics.catalogue.schema import MetricsFile
from metrics.catalogue.strict_yaml import parse as _parse
from metrics.downloads.export import FORMULA_STARTS, to_csv
from metrics.page.frame import COLUMNS, NUMBER_COLUMNS
from tests.conftest import MINIMAL

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "1000"))
"""CI runs 1,000 mutated files; set HYPOTHESIS_EXAMPLES lower for a quick local run."""

# --- The number reader against a reference ------------------------------------------

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """Reference: 1..9999 the way a newspaper writes it (一千零四, 二十, 十五)."""
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero:
                parts.append("零")
            zero = False
            parts.append(("" if unit == "十" and digit == 1 and not parts else DIGITS[digit]) + unit)
        elif parts:
            zero = True
    return "".join(parts)


SCALES = {"": 1, "万": 10_000, "亿": 100_000_000}


@settings(max_examples=300)
@given(
    number=st.one_of(
        st.integers(0, 10**7).map(str),
        st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False, allow_infinity=False).map(
            lambda d: format(d, "f")
        ),
    ),
    scale=st.sampled_from(sorted(SCALES)),
    marker=st.sampled_from(["", "余", "多", "超过"]),
    unit=st.sampled_from(["", "人", "人次", "家", "个", "元", "%"]),
)
def test_reader_agrees_with_a_reference_on_arabic_numerals(number, scale, marker, unit):
    text = f"超过{number}{scale}{unit}" if marker == "超过" else f"{number}{scale}{marker}{unit}"
    reading = read_number(text)
    assert reading.base == Decimal(number) * SCALES[scale]
    assert reading.qualifier is (Qualifier.AT_LEAST if marker else Qualifier.EXACT)
    assert reading.unit_word == unit


@settings(max_examples=300)
@given(n=st.integers(1, 9999), marker=st.sampled_from(["", "余", "多"]))
def test_reader_agrees_with_a_reference_on_chinese_numerals(n, marker):
    reading = read_number(chinese(n) + marker)
    assert reading.base == n
    assert reading.qualifier is (Qualifier.AT_LEAST if marker else Qualifier.EXACT)


def test_reference_writes_chinese_numerals_as_printed():
    assert [chinese(n) for n in (3, 10, 15, 20, 100, 1004, 1234)] == [
        "三",
        "十",
        "十五",
        "二十",
        "一百",
        "一千零四",
        "一千二百三十四",
    ]


# --- Hostile edits to data files ------------------------------------------------------

TRICKY = [
    "&a ", "*a", "!!python/object/apply:os.system ['true'] ", "[", "]", "{", "}", "? ", "---\n", "...\n",
    "\t", "~", "yes", "0x1F", "1e3", ".nan", "\x00", "\x07", "\ufeff", "\u200b", '"', "'", ": ", "- ", "#",
    "<<: ", "|\n", ">-\n", "\n", "  ", "万", "余", "数", "%", "2022-11-01", "null", "-1", "1:20", "0755",
]  # fmt: skip

GOOD = MINIMAL.read_text(encoding="utf-8")


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["insert", "delete-line", "duplicate-line", "swap-lines", "replace", "bytes"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            piece = draw(st.sampled_from(TRICKY) | st.text(max_size=4))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif op == "delete-line" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate-line":
            lines.insert(i, lines[i])
        elif op == "swap-lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "replace" and lines[i]:
            at = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:at] + draw(st.characters()) + lines[i][at + 1 :]
    raw = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and raw:  # now and then, damage the bytes themselves
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    return raw


PROBLEM = re.compile(r"m\.yaml:\d+:\d+: \S.*: \S.*")  # one line each: re.fullmatch stops at a newline


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated(GOOD))
def test_mutated_files_give_records_or_located_problems_never_a_crash(raw):
    try:
        result = load_bytes(raw, "m.yaml")
    except MetricsFileError as refused:
        assert refused.problems
        assert all(PROBLEM.fullmatch(str(p)) for p in refused.problems), [str(p) for p in refused.problems]
    else:
        assert isinstance(result, MetricsFile)


GENERATED = generate(40)
VALUES = [
    "yes", "No", "on", "~", "Null", "null", "0x1F", "1e3", "1_000", "0755", "1:20", ".5", "+5", "-0", "12.",
    "2022-11-01", "<<", "=", "'quoted'", '"yes"', "text # comment", "fact-1", "辽宁", "", "1 2", "true",
]  # fmt: skip


@st.composite
def values_changed(draw: st.DrawFn, text: str) -> str:
    """The generated file with some values swapped for scalars the two parsers might read differently."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        key, colon, _ = lines[i].partition(": ")
        if colon:
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}\n"
        elif draw(st.booleans()):
            lines.insert(i, lines[i])
    return "".join(lines)


@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=values_changed(GENERATED))
def test_fast_path_never_accepts_what_the_strict_path_reads_otherwise(text):
    fast = _fast_load(text)
    try:
        data, where = _parse(text, "m.yaml")
        strict = validate_data(data, "m.yaml", where)
    except MetricsFileError:
        strict = None
    if fast is None:
        return  # declined: the strict path decides, as it just did
    model, read = fast
    if cross_check(model, read):
        assert strict is None, "the fast path refused a file the strict path accepts"
    else:
        assert strict is not None, "the fast path accepted a file the strict path refuses"
        assert model.model_dump() == strict.model_dump()


# --- CSV round trip -------------------------------------------------------------------

# What validation lets into text: no control characters but tab and newline, no edge spaces.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
        st.sampled_from(list("\t\n,\"'=+-@＝＋－＠ 辽宁人次万余")),
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s == s.strip())
NUMBER = st.one_of(st.none(), st.integers(0, 10**12).map(float), st.floats(0, 1e12, allow_nan=False))
NUMERIC = (*NUMBER_COLUMNS, "printed_value", "printed_value_to")


def unguard(cell: str) -> str:
    """What a reader does: drop the one ``'`` the export put before formula-like text."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.fixed_dictionaries({c: NUMBER if c in NUMERIC else TEXT for c in COLUMNS}), max_size=5))
def test_csv_round_trips_any_text_and_number(rows):
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in NUMERIC:
        frame[column] = frame[column].astype("float64")
    back = pd.read_csv(io.BytesIO(to_csv(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(COLUMNS)
    for i, row in enumerate(rows):
        for column in COLUMNS:
            cell = back.at[i, column]
            if column in NUMERIC:
                assert (cell == "") if row[column] is None or math.isnan(row[column]) else float(cell) == row[column]
            else:
                assert unguard(cell) == row[column]
                assert not cell.startswith(("=", "+", "-", "@", "\t", "＝", "＋", "－", "＠"))
