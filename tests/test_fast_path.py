"""Large files take a fast parser; the result must be exactly the strict path's."""

from __future__ import annotations

import pytest

from bench.generate import generate
from metrics.catalogue import load as loader
from metrics.catalogue.fast_path import fast_load as _fast_load
from metrics.catalogue.load import MetricsFileError, load, validate_data
from metrics.catalogue.strict_yaml import parse as _parse
from tests.conftest import MINIMAL


def strict(text: str):
    data, where = _parse(text, "x.yaml")
    return validate_data(data, "x.yaml", where)


@pytest.fixture(scope="module")
def generated() -> str:
    return generate(300)


def test_fast_path_gives_the_strict_paths_records(generated):
    fast = _fast_load(generated)
    assert fast is not None
    model, _ = fast
    assert model.model_dump() == strict(generated).model_dump()


def test_large_files_load_through_the_fast_path(generated, tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_text(generated, encoding="utf-8")
    calls = []
    monkeypatch.setattr(loader, "parse", lambda *a: calls.append(a) or _parse(*a))
    monkeypatch.setattr(loader, "FAST_PATH_BYTES", 0)
    assert len(load(path).facts) == 300
    assert calls == []


@pytest.mark.parametrize(
    "edit",
    [
        ("metric: Graduates contacted 0\n", "metric: yes\n"),  # a bool to PyYAML
        ("metric: Graduates contacted 0\n", "metric: ~\n"),  # null to PyYAML
        ("metric: Graduates contacted 0\n", "metric: 0x1F\n"),  # an int to PyYAML
        ("metric: Graduates contacted 0\n", "metric: 1e3\n"),  # text to PyYAML, a number to rapidyaml
        ("    unit: persons\n", "    unit: persons\n    unit: persons\n"),  # duplicate key
        ("  - id: fact-0\n", "  - id: &a fact-0\n"),  # anchor
        ("  - id: fact-0\n", "  - id: !!str fact-0\n"),  # tag
        ("  - id: fact-0\n", "  - id: [fact-0]\n"),  # flow collection
        ("metric: Graduates contacted 0\n", "metric: >-\n      Graduates\n"),  # block scalar
        ("    unit: persons\n", "    unit: persons\n  bad indent: 1\n"),  # broken YAML
        ("    unit: persons\n", "    unit: persons\n    as_of: ~\n"),  # null to PyYAML in an optional field
        ("    headline: 210000 就业报道\n", "    headline: yes\n"),  # a text field named like the fact flag
    ],
    ids=[
        "yes",
        "tilde",
        "hex",
        "exponent",
        "duplicate-key",
        "anchor",
        "tag",
        "flow",
        "block-scalar",
        "broken",
        "optional-null",
        "source-headline-yes",
    ],
)
def test_fast_path_declines_what_the_strict_path_reads_differently(generated, edit):
    text = generated.replace(*edit, 1)
    assert text != generated
    assert _fast_load(text) is None


def test_load_reports_from_the_strict_path_when_the_fast_path_declines(generated, tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "FAST_PATH_BYTES", 0)
    path = tmp_path / "big.yaml"
    path.write_text(generated.replace("    unit: persons\n", "    unit: persons\n    unit: persons\n", 1))
    with pytest.raises(MetricsFileError, match=r"big.yaml:\d+:5: \(yaml\): duplicate key 'unit'"):
        load(path)


def test_small_files_skip_the_fast_path():
    assert MINIMAL.stat().st_size < loader.FAST_PATH_BYTES
