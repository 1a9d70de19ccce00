"""A fast path for large data files, taken only when it certainly agrees with the strict one."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml
from pydantic import BaseModel, ValidationError

from metrics.articles.numbers import Reading, find_numbers
from metrics.catalogue.schema import MetricsFile

# --- Fast path ---------------------------------------------------------------
# PyYAML builds Python objects slowly (minutes at 100k facts). For large files,
# rapidyaml turns the YAML into JSON in a child process (so its C++ error
# messages never reach our stderr) and pydantic validates that JSON directly.
# The result is kept only when it is certainly what the strict path would give;
# any construct the strict path refuses or types differently, and any problem
# at all, sends the file down the strict path, which also knows every line.

FAST_PATH_BYTES = 256 * 1024
"""Smaller files take the strict path directly; it is quick enough there."""
_RYML_TO_JSON = (
    "import sys, ryml\n"
    "tree = ryml.parse_in_arena(sys.stdin.buffer.read())\n"
    "buffer = bytearray(ryml.compute_json_length(tree, tree.root_id()))\n"
    "sys.stdout.buffer.write(ryml.emit_json_in_place(tree, buffer, tree.root_id()))\n"
)
# Anchors, aliases, tags, flow collections, complex keys, block scalars, directives
# and document markers: legal YAML that no data file needs. Cheap substring tests
# come first; the regexes only run when their character occurs at all.
_STRICT_ONLY_CHARS = ("&", "*", "!", "\t", "[", "]", "{", "}")
_STRICT_ONLY_LINES = ("\n%", "\n---", "\n...")
_COMPLEX_KEY = re.compile(r"^[ ]*(?:-[ ]+)*\?(?:[ ]|$)", re.MULTILINE)
_BLOCK_SCALAR = re.compile(r":[ ]+[|>]")
_QUOTE_LINE = re.compile(r"quote: (.+)")
_EXPONENT = re.compile(rb'"value": -?[0-9.]+[eE]')
# Unquoted values that PyYAML reads as a bool, null or number (or the merge and
# value tags) while rapidyaml's JSON keeps them as text, like ~, yes, 0x1F or 0755.
# Left out: what both read alike (null, true, false, plain decimals) and dates,
# which the strict path keeps as text too.
_TYPED_BODIES = sorted(
    {
        pattern.pattern[1:-1]
        for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for tag, pattern in resolvers
        if not tag.endswith(("timestamp", "yaml"))
    }
)
_TYPED_PLAIN_VALUE = re.compile(
    r":[ ]+(?!(?:null|true|false|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)[ ]*(?:\#|$))"
    r"(?:" + "|".join(_TYPED_BODIES) + r")[ ]*(?:\#.*)?$",
    re.MULTILINE | re.VERBOSE,
)
# A scalar on the line below its key, which the check above does not see.
_VALUE_ON_NEXT_LINE = re.compile(r":[ ]*(?:\#[^\n]*)?\r?\n[ ]+[^-\#\s]", re.VERBOSE)


def _fast_path_may_apply(text: str) -> bool:
    """Cheap tests first; the regexes only run when their character occurs at all."""
    if any(ch in text for ch in _STRICT_ONLY_CHARS) or text.startswith(("%", "---", "...")):
        return False
    return not any(marker in text for marker in _STRICT_ONLY_LINES)


def _fast_path_applies(text: str) -> bool:
    """The slower tests, run while the child parses."""
    if "?" in text and _COMPLEX_KEY.search(text):
        return False
    if ("|" in text or ">" in text) and _BLOCK_SCALAR.search(text):
        return False
    return not yaml.reader.Reader.NON_PRINTABLE.search(text)


def _plain_value_typed_by_pyyaml(text: str) -> bool:
    """Whether an unquoted value would be a bool, null or number to PyYAML but text to rapidyaml.

    Such a file takes the strict path. Runs on the text, while the child parses.
    """
    return bool(_VALUE_ON_NEXT_LINE.search(text) or _TYPED_PLAIN_VALUE.search(text))


def _read_quotes(text: str) -> dict[str, list[Reading]]:
    """Read the numbers of every ``quote:`` line, keyed by its text.

    Done while the child parses; a quote written any other way is simply read later.
    """
    return {quote: find_numbers(quote) for quote in set(_QUOTE_LINE.findall(text))}


def fast_load(text: str, encoded: bytes | None = None) -> tuple[MetricsFile, dict[str, list[Reading]]] | None:
    """Validated records identical to the strict path's, or None when unsure.

    Also returns the quotes read on the way, for the cross-checks.
    """
    if not _fast_path_may_apply(text):
        return None
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", _RYML_TO_JSON],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        with child:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(text.encode("utf-8") if encoded is None else encoded)
            child.stdin.close()
            # Meanwhile, on the other core:
            if not _fast_path_applies(text) or _plain_value_typed_by_pyyaml(text):
                child.kill()  # e.g. ~, yes or 0x1F: rapidyaml would keep them as text
                return None
            read = _read_quotes(text)
            output = child.stdout.read()
    except OSError:
        return None
    if child.returncode != 0:
        return None  # rapidyaml missing or the YAML is broken: the strict path will say where
    if _EXPONENT.search(output):
        return None  # 1e3 is a number to rapidyaml but text to PyYAML
    try:
        model = MetricsFile.model_validate_json(output, context={"defer_cross_checks": True})
    except ValidationError:
        return None
    records: list[BaseModel] = [model, *model.sources, *model.units, *model.categories, *model.programmes]
    records += [*model.interventions, *model.target_groups, *model.measures, *model.indicators]
    records += [*model.facts, *model.excluded]
    keys = output.count(b'": ') - output.count(b'\\": ')  # a quote inside a string is always escaped
    if keys != sum(len(r.model_fields_set) for r in records):
        return None  # a duplicate key, which JSON parsing would have merged
    return model, read
