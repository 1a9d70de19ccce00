"""Every broken data file is refused with its file and line, and nothing else happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from metrics.__main__ import main
from metrics.catalogue.load import MAX_BYTES, MetricsFileError, load
from metrics.page.state import PageData
from tests.conftest import ARTICLE, FIXTURES, MINIMAL

BAD = FIXTURES / "bad"

# (file in tests/fixtures/bad, line of the first problem, words the message must contain)
BAD_FILES = [
    ("empty.yaml", 1, "holds no data"),
    ("comments-only.yaml", 1, "holds no data"),
    ("top-level-list.yaml", 1, "valid dictionary"),
    ("two-documents.yaml", 68, "single document"),
    ("bad-indentation.yaml", 29, "mapping values are not allowed"),
    ("tab-indentation.yaml", 29, "'\\t'"),
    ("gbk-bytes.yaml", 4, "not UTF-8"),
    ("utf16.yaml", 1, "UTF-16"),
    ("nul-character.yaml", 30, "not allowed"),
    ("control-character.yaml", 30, "control, format or zero-width"),
    ("zero-width-in-id.yaml", 27, "lowercase ASCII"),
    ("duplicate-yaml-key.yaml", 35, "duplicate key 'unit'"),
    ("duplicate-fact-id.yaml", 52, "duplicate id"),
    ("unknown-field.yaml", 38, "Extra inputs"),
    ("missing-field.yaml", 27, "Field required"),
    ("yes-as-number.yaml", 45, "valid number"),
    ("on-as-number.yaml", 45, "valid number"),
    ("thousands-comma.yaml", 45, "valid number"),
    ("nan.yaml", 45, "plain decimals"),
    ("inf.yaml", 45, "plain decimals"),
    ("negative-count.yaml", 45, "greater than or equal to 0"),
    ("percent-over-100.yaml", 45, "cannot exceed 100"),
    ("octal-0755.yaml", 45, "plain decimals"),
    ("sexagesimal-1-20.yaml", 45, "plain decimals"),
    ("unknown-region.yaml", 28, "unknown region 'atlantis': give a GB/T 2260 six-digit code"),
    ("traditional-region.yaml", 28, "a region is a six-digit GB/T 2260 code"),
    ("fullwidth-region.yaml", 28, "a region is a six-digit GB/T 2260 code"),
    ("unit-does-not-fit-category.yaml", 34, "does not fit category"),
    ("unit-does-not-fit-quote.yaml", 38, "measure word"),
    ("quote-not-in-article.yaml", 38, "not found in the source text"),
    ("quote-number-differs.yaml", 38, "does not print 41万"),
    ("qualifier-contradicts-quote.yaml", 50, "makes it at_least"),
    ("dangling-programme.yaml", 42, "no programme with id"),
    ("dangling-source.yaml", 39, "no source with id"),
    ("region-differs-from-programme.yaml", 41, "differs from programme"),
    ("deep-nesting.yaml", 1, "nested deeper"),
    ("alias-bomb.yaml", 1, "anchors"),
    ("recursive-alias.yaml", 1, "anchors"),
    ("python-tag.yaml", 1, "explicit tags"),
    ("binary-tag.yaml", 1, "explicit tags"),
    ("non-string-key.yaml", 2, "keys must be plain text"),
    ("complex-key.yaml", 1, "keys must be plain text"),
    ("merge-key.yaml", 1, "keys must be plain text"),
    ("range-with-a-value.yaml", 52, "exactly when qualifier is range"),
    ("date-as-value.yaml", 45, "valid number"),
    ("unknown-scale.yaml", 33, "Input should be"),
    ("uppercase-id.yaml", 27, "lowercase ASCII"),
    ("no-facts.yaml", 26, "at least 1 item"),
    ("value-as-text.yaml", 45, "valid number"),
    ("range-without-scale.yaml", 52, "needs its scale"),
    ("leading-space-in-text.yaml", 55, "leading or trailing"),
    ("programme-without-intervention.yaml", 10, "Field required"),
    ("fact-without-measure.yaml", 27, "Field required"),
    ("unknown-measure.yaml", 37, "no measure 'headcount'"),
    ("unknown-intervention.yaml", 15, "no intervention 'workfare'"),
    ("denominator-not-context.yaml", 62, "is a denominator"),
    ("duplicate-intervention-name.yaml", 212, "already names interventions[0] (services)"),
]


def test_every_bad_fixture_is_in_the_table():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(name for name, _, _ in BAD_FILES)


def assert_cli_and_page_agree(path: Path, error: MetricsFileError, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line prints, and the page's data layer holds, exactly these problems."""
    lines = [str(p) for p in error.problems]
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == lines
    assert list(PageData(path).problems) == lines


def _refusal(path: Path, source_text: str | None) -> MetricsFileError:
    with pytest.raises(MetricsFileError) as caught:
        load(path, source_text)
    return caught.value


@pytest.mark.parametrize("name, line, words", BAD_FILES, ids=[row[0].removesuffix(".yaml") for row in BAD_FILES])
def test_bad_file_is_refused_at_its_line(name, line, words, article_text, capsys):
    path = BAD / name
    error = _refusal(path, article_text)
    assert any(p.line == line and words in p.message for p in error.problems), [str(p) for p in error.problems]
    for problem in error.problems:
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")

    # The command line says the same, and nothing more.
    code = main(["validate", str(path), "--source-text", str(ARTICLE)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.splitlines() == [str(p) for p in error.problems]
    assert "Traceback" not in err


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.write(b"excluded:\n")
        line = b"  - {text: " + b"x" * 80 + b", reason: padding}\n"
        out.write(line * (50 * 1024 * 1024 // len(line)))
    assert path.stat().st_size > MAX_BYTES
    error = _refusal(path, None)
    assert [str(p) for p in error.problems] == [f"{path}:1:1: (file): file is 50.0 MiB; the limit is 40 MiB"]
    assert_cli_and_page_agree(path, error, capsys)


def test_one_megabyte_string_is_refused_at_its_line(tmp_path, capsys):
    text = MINIMAL.read_text(encoding="utf-8").replace("metric: People employed", "metric: " + "长" * 1_000_000)
    path = tmp_path / "long-string.yaml"
    path.write_text(text, encoding="utf-8")
    error = _refusal(path, None)
    assert [(p.line, p.field) for p in error.problems] == [(55, "facts[2].metric")]
    assert "at most 500 characters" in error.problems[0].message
    assert_cli_and_page_agree(path, error, capsys)


def test_all_problems_are_reported_at_once(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("value: 400\n", "value: -1\n").replace("    source: ed-liaoning\n", "    source: nowhere\n", 1)
    text = text.replace("level: province\n", "level: planet\n", 1)
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    fields = {p.field for p in _refusal(path, None).problems}
    assert fields == {"facts[1].value", "programmes[0].level"}  # cross-checks wait for a well-typed file


def test_missing_file_is_a_located_problem_not_a_traceback(tmp_path):
    error = _refusal(tmp_path / "absent.yaml", None)
    assert str(error) == f"{tmp_path / 'absent.yaml'}:1:1: (file): No such file or directory"


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8-bom", "crlf", "bom-and-crlf"],
)
def test_harmless_variants_are_accepted(transform, tmp_path):
    path = tmp_path / "variant.yaml"
    path.write_bytes(transform(MINIMAL.read_text(encoding="utf-8")))
    assert load(path) == load(MINIMAL)


def test_crlf_file_reports_the_same_lines(tmp_path):
    path = tmp_path / "crlf.yaml"
    path.write_bytes((BAD / "dangling-source.yaml").read_bytes().replace(b"\n", b"\r\n"))
    assert [(p.line, p.column) for p in _refusal(path, None).problems] == [(39, 13)]


def test_the_shipped_file_cut_at_a_line_end_never_validates_as_complete():
    from metrics.catalogue.load import load_bytes
    from tests.conftest import DATA_FILE

    raw = DATA_FILE.read_bytes()
    lines = raw.splitlines(keepends=True)
    assert len(lines) > 100
    load_bytes(raw, "metrics.yaml")  # the whole file is fine
    # Every top-level key's line, its neighbours, and 100 cuts spread over the rest: bounded as the file grows.
    sections = [i for i, line in enumerate(lines) if line[:1].isalpha()]
    cuts = {0, *sections, *(i + 1 for i in sections), *range(0, len(lines), max(1, len(lines) // 100))}
    for end in sorted(cuts):
        prefix = b"".join(lines[:end])
        with pytest.raises(MetricsFileError) as refused:
            load_bytes(prefix, "metrics.yaml")
        assert any("may be cut short" in p.message for p in refused.value.problems), f"prefix of {end} lines"


@pytest.mark.parametrize("cut", [1, 7, 500, 1000], ids=lambda n: f"last-{n}-bytes")
def test_a_file_cut_mid_line_says_it_may_be_cut_short(cut):
    from metrics.catalogue.load import load_bytes
    from tests.conftest import DATA_FILE

    with pytest.raises(MetricsFileError, match="may be cut short"):
        load_bytes(DATA_FILE.read_bytes()[:-cut], "metrics.yaml")


def test_a_larger_file_cut_inside_a_chinese_character_says_it_may_be_cut_short():
    from metrics.catalogue.load import END_MARKER, load_bytes
    from tests.conftest import DATA_FILE

    text = DATA_FILE.read_text(encoding="utf-8").removesuffix(f"{END_MARKER}\n")
    grown = (text + "# 湖北千方百计稳就业，多措并举促增收。\n" * 400 + f"{END_MARKER}\n").encode()
    load_bytes(grown, "metrics.yaml")  # the grown file is fine as a whole
    inside = [cut for cut in range(1, 1200) if (grown[-cut] & 0xC0) == 0x80]  # cuts that end inside a character
    assert len(inside) > 100
    for cut in inside:
        with pytest.raises(MetricsFileError) as refused:
            load_bytes(grown[:-cut], "metrics.yaml")
        messages = [p.message for p in refused.value.problems]
        assert any("may be cut short" in m for m in messages), (cut, messages)
        assert not any("save the file as UTF-8" in m for m in messages), (cut, messages)


def test_a_bad_byte_inside_a_file_is_still_not_utf8():
    from metrics.decode import decode

    with pytest.raises(MetricsFileError, match=r"not UTF-8 \(byte 0xe5\)"):
        decode("辽宁".encode()[:-1] + b"\n# end\n", "metrics.yaml")
