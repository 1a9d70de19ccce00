"""The command line, run as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.catalogue.load import load
from metrics.downloads.export import to_csv
from metrics.page.filters import Filters, apply
from metrics.page.frame import to_frame
from tests.conftest import ARTICLE_FOLDERS, DATA_FILE, FIXTURES, MINIMAL, REGIONS, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "metrics", *args], cwd=cwd, capture_output=True, env=env, timeout=120)


def test_validate_prints_a_summary_then_each_record_kept_against_advice_and_exits_zero(article_text):
    folders = [arg for folder in ARTICLE_FOLDERS for arg in ("--source-text", str(folder))]
    result = run("validate", "data/metrics.yaml", *folders)
    assert result.returncode == 0, result.stderr
    first, *kept = result.stdout.decode().splitlines()
    lines = [first]
    for line in kept:  # each record kept against the tools' advice is named at its place, with its reason
        assert re.match(r"data/metrics\.yaml:\d+:\d+: facts\[\d+\]\.\w+: .*; kept: .+", line), line
    data = load(DATA_FILE)
    summary = re.fullmatch(r"data/metrics\.yaml: valid: (\d+) facts \((.*)\), (\d+) programmes, .*", lines[0])
    assert summary, lines[0]
    assert (int(summary[1]), int(summary[3])) == (len(data.facts), len(data.programmes))
    per_region = dict(part.split(" ") for part in summary[2].split(", "))
    assert list(per_region) == list(REGIONS)  # in GB/T 2260 order
    assert sum(map(int, per_region.values())) == len(data.facts)
    assert result.stderr == b""


def test_validate_defaults_to_the_shipped_file():
    result = run("validate")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("data/metrics.yaml: valid:")


def test_validate_lists_problems_and_exits_one():
    result = run("validate", str(FIXTURES / "bad" / "dangling-source.yaml"))
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        f"{FIXTURES / 'bad' / 'dangling-source.yaml'}:39:13: facts[0].source: no source with id 'ed-nowhere'"
    ]


def test_validate_with_source_text_refuses_a_quote_not_in_it(tmp_path):
    article = tmp_path / "other.txt"
    article.write_text("今年预计有普通高校毕业生 40.6\n\n万人。", encoding="utf-8")
    result = run("validate", str(MINIMAL), "--source-text", str(article))
    assert result.returncode == 1
    assert "facts[1].quote: quote not found in the source text" in result.stderr.decode()
    assert "facts[0]" not in result.stderr.decode()  # line breaks and spaces in the article are ignored


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("frobnicate",),
        ("export", "--region", "atlantis"),
        ("validate", "--source-text", "/nonexistent/article.txt"),
    ],
    ids=["no-command", "unknown-command", "unknown-region", "unreadable-source-text"],
)
def test_usage_errors_exit_two_without_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_export_writes_base_unit_csv_with_bom_to_stdout():
    result = run("export", "--region", "liaoning")
    assert result.returncode == 0
    assert result.stdout.startswith("\ufeffid,region,".encode())
    assert ",406000,406000,406000,persons,persons,人,projected,40.6,,万,40.6万人," in result.stdout.decode("utf-8-sig")


def test_export_matches_the_library_for_a_region_selection(tmp_path):
    out = tmp_path / "facts.csv"
    result = run("export", str(DATA_FILE), "--region", "ningxia", "shandong", "--out", str(out))
    assert result.returncode == 0
    assert result.stdout == b""
    expected = to_csv(apply(to_frame(load(DATA_FILE)), Filters(regions=("ningxia", "shandong"))))
    assert out.read_bytes() == expected


def test_export_repeated_region_flags_add_up():
    assert (
        run("export", "--region", "ningxia", "--region", "shandong").stdout
        == run("export", "--region", "ningxia", "shandong").stdout
    )


def test_commands_never_change_the_data_file(tmp_path):
    before = (DATA_FILE.read_bytes(), DATA_FILE.stat().st_mtime_ns)
    run("validate")
    run("export", "--out", str(tmp_path / "x.csv"))
    assert (DATA_FILE.read_bytes(), DATA_FILE.stat().st_mtime_ns) == before
