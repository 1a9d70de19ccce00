"""Hostile and unlucky files: every read ends in a located message or a bounded result."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from bench.articles import big_files
from metrics.articles.draft import MAX_ENTRIES, draft
from metrics.catalogue.load import MetricsFileError, load
from metrics.catalogue.schema import _INVISIBLE, invisible_ranges
from tests.conftest import MINIMAL, ROOT

TEXT = MINIMAL.read_text(encoding="utf-8")
LONG = "1" * 4301  # one digit past what Python's int() reads


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "metrics", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "patched",
    [
        TEXT.replace("    value: 400\n", f"    value: {LONG}\n", 1),
        TEXT.replace("    value: 400\n", f"    value: -{LONG}\n", 1),
        TEXT.replace("  - text: 党的二十大报告", f"  - text: {LONG}", 1),
    ],
    ids=["value", "negative-value", "excluded-text"],
)
def test_a_4301_digit_number_is_refused_at_its_line(tmp_path, patched):
    path = tmp_path / "facts.yaml"
    path.write_text(patched, encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(i for i, text in enumerate(patched.splitlines(), start=1) if LONG in text)
    assert f"{path}:{line}:" in result.stderr and "too long" in result.stderr


def test_a_base_value_past_what_floats_keep_exact_is_refused(tmp_path):
    path = tmp_path / "facts.yaml"
    patched = TEXT.replace("    value: 40.6\n", "    value: 100000000\n", 1).replace(
        "    scale: 万\n", "    scale: 亿\n", 1
    )
    path.write_text(patched, encoding="utf-8")
    with pytest.raises(MetricsFileError) as refused:
        load(path)
    assert any(p.field == "facts[0].value" and "larger than any count" in p.message for p in refused.value.problems)


def test_an_article_of_4301_digits_drafts_without_a_traceback(tmp_path):
    article = tmp_path / "digits.txt"
    article.write_text(LONG + "\n", encoding="utf-8")
    result = run("draft", str(article))
    assert result.returncode == 0, result.stderr
    assert "A number without a measure word." in result.stdout


def test_utf16_without_a_bom_is_refused_not_drafted(tmp_path):
    article = tmp_path / "utf16.txt"
    article.write_bytes(("今年新建车间5个 a 1 " * 1000).encode("utf-16-le"))
    result = run("draft", str(article))
    assert result.returncode == 2
    assert f"{article}:1:" in result.stderr and "NUL" in result.stderr
    assert result.stdout == ""


def test_text_without_punctuation_drafts_short_excluded_texts(tmp_path):
    text = "a 1 " * 10_000
    result = draft(text, [("persons", ["人"])])
    assert result.left_out == 10_000 - MAX_ENTRIES
    assert max(len(item.text) for item in result.excluded) <= 41  # cut at the number, never from the file's start
    assert len({item.text for item in result.excluded}) == len(result.excluded)  # each text once


def test_draft_takes_time_in_proportion_to_the_article():
    def seconds(figures: int) -> float:
        article = "。".join(f"全省培训{n}人次，新建车间{n % 997}个" for n in range(1, figures // 2 + 1))
        start = time.perf_counter()
        draft(article, [("person-times", ["人次"]), ("workshops", ["个"])])
        return time.perf_counter() - start

    small, large = seconds(1_000), seconds(4_000)  # below the cap on output, so all of it is drafted
    assert large < small * 4 * 2.5  # linear, with room for noise; it was 7× for 4× the figures


@pytest.mark.parametrize(
    "character",
    ["\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u0085", "\u00ad", "\U000e0041", "\u200f", "\u202e"],
    ids=["LRI", "RLI", "FSI", "PDI", "ALM", "NEL", "SHY", "TAG-A", "RLM", "RLO"],
)
def test_control_and_format_characters_are_refused_as_a_class(tmp_path, character):
    path = tmp_path / "facts.yaml"
    path.write_text(TEXT.replace("metric: People employed", f"metric: People{character} employed"), encoding="utf-8")
    with pytest.raises(MetricsFileError) as refused:
        load(path)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if character in text)
    # NEL, a line break to YAML, is refused by its reader, which counts it as the end of a line.
    assert [p.line for p in refused.value.problems] == [line + (character == "\u0085")]


def test_the_written_out_character_class_is_this_pythons_unicode_table():
    assert invisible_ranges() == _INVISIBLE


PEAK = """
import runpy, sys
sys.argv = ["metrics", "draft", sys.argv[1]]
try:
    runpy.run_module("metrics", run_name="__main__")
except SystemExit:
    pass
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(hwm.split()[1], file=sys.stderr)
"""


def test_a_megabyte_article_drafts_in_bounded_memory_and_output(tmp_path):
    article = tmp_path / "big.txt"
    article.write_text("。".join(f"全省培训{n}人次，新建车间{n % 997}个" for n in range(20_000)), encoding="utf-8")
    assert article.stat().st_size > 500_000
    result = subprocess.run(
        [sys.executable, "-c", PEAK, str(article)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    peak_mb = int(result.stderr.split()[-1]) / 1024
    assert f"{40_000 - MAX_ENTRIES:,} more numbers not drafted" in result.stdout
    assert len(result.stdout.encode()) < 3_000_000  # at most MAX_ENTRIES entries
    assert peak_mb < 200, peak_mb


def test_audit_takes_time_in_proportion_to_the_article(tmp_path):
    def seconds(figures: int) -> float:
        folder = tmp_path / str(figures)
        folder.mkdir()
        article, data = big_files(folder, figures)  # the generator the benchmark uses
        start = time.perf_counter()
        result = run("audit", str(data), "--source-text", str(article))
        assert result.stdout.rstrip().endswith(": 0 numbers unaccounted for"), result.stderr[-500:]
        return time.perf_counter() - start

    small, large = seconds(2_000), seconds(16_000)
    assert large < small * 8 * 0.6  # 8× the figures in well under 8× the time: start-up dominates the small one


def test_a_4301_digit_number_in_a_large_file_is_refused_at_its_line(tmp_path):
    from bench.generate import generate

    text = generate(3_000)  # past the size where the fast path is tried
    assert len(text.encode()) > 256 * 1024
    at = text.index("    value: ", text.index("facts:"))
    end = text.index("\n", at)
    path = tmp_path / "large.yaml"
    path.write_text(text[:at] + f"    value: {LONG}" + text[end:], encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = text[:at].count("\n") + 1
    assert f"{path}:{line}:" in result.stderr and "too long" in result.stderr
