"""Read a metrics YAML file into validated records, or into located problems.

Safety rules hold on every path: safe YAML only, no anchors or aliases, no
explicit tags, no duplicate keys, no non-text keys, bounded size and depth,
UTF-8 only (a BOM and CRLF line ends are fine). Every problem is reported at
once as ``PATH:LINE:COL: field: message``; nothing here raises a traceback at
a user.
"""

from __future__ import annotations

import gc
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from metrics.articles.numbers import Reading, find_numbers, strip_spaces
from metrics.bounded import ReadRefused, read_bounded, too_large
from metrics.catalogue.schema import PATTERN_MESSAGES, Loc, MetricsFile, cross_check

MAX_BYTES = 40 * 1024 * 1024
"""Larger files are refused before parsing."""
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
"""Articles are text of a few pages; anything larger is not one."""
MAX_DEPTH = 16
"""The format nests four levels deep; anything far deeper is hostile or broken."""

END_MARKER = "# end of metrics file"
"""The last line of every complete data file, so a file cut short mid-write never passes as whole."""

_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, at a place a person can find."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        message = " ".join(self.message.split("\n"))
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {message}"


class MetricsFileError(Exception):
    """A data file was refused; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, explicit tags and deep nesting."""

    depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "anchors (&name) are not allowed")
        if getattr(event, "tag", None) not in (None, "!"):
            raise _Refused(event.start_mark, f"explicit tags ({event.tag}) are not allowed")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
        try:
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Builder:
    """Turns a node tree into plain Python values, remembering where each came from."""

    def __init__(self) -> None:
        self.where: dict[Loc, tuple[int, int]] = {}
        self._scalars = yaml.SafeLoader("")

    def build(self, node: Node, loc: Loc) -> Any:
        self.where[loc] = _position(node.start_mark)
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not (isinstance(key_node, ScalarNode) and key_node.tag == _TAG + "str"):
                    raise _Refused(key_node.start_mark, "keys must be plain text")
                key = key_node.value
                if key in result:
                    raise _Refused(key_node.start_mark, f"duplicate key {key!r}")
                result[key] = self.build(value_node, (*loc, key))
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: Node) -> Any:
        kind = node.tag.removeprefix(_TAG)
        if kind in ("int", "float"):
            if not _DECIMAL.fullmatch(node.value):
                raise _Refused(node.start_mark, f"write numbers as plain decimals, not {node.value!r}")
            return int(node.value) if kind == "int" else float(node.value)
        if kind == "timestamp":
            return node.value  # dates stay text; the schema says which forms are fine
        if kind in ("str", "bool", "null"):
            return self._scalars.construct_object(node)
        raise _Refused(node.start_mark, f"unsupported value type {node.tag}")


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text (a BOM is fine), or a problem at the first byte that is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MetricsFileError([Problem(path, 1, 1, "(file)", "file is UTF-16; save it as UTF-8")])
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[err.start : err.start + 1].hex()
        message = f"not UTF-8 (byte 0x{bad}); save the file as UTF-8"
        raise MetricsFileError([Problem(path, line, column, "(file)", message)]) from None


def _parse(text: str, path: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    builder = _Builder()
    loader = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise _Refused(None, "file holds no data")
        return builder.build(node, ()), builder.where
    except _Refused as err:
        line, column = _position(err.mark)
        raise MetricsFileError([Problem(path, line, column, "(yaml)", err.message)]) from None
    except yaml.MarkedYAMLError as err:
        line, column = _position(err.problem_mark)
        message = " ".join(part for part in (err.context, err.problem) if part)
        raise MetricsFileError([Problem(path, line, column, "(yaml)", message)]) from None
    except yaml.reader.ReaderError as err:
        before = text[: err.position]
        line, column = before.count("\n") + 1, err.position - (before.rfind("\n") + 1) + 1
        message = f"character {chr(err.character)!r} is not allowed"
        raise MetricsFileError([Problem(path, line, column, "(yaml)", message)]) from None
    finally:
        if loader is not None:
            loader.dispose()


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


def _fast_load(text: str, encoded: bytes | None = None) -> tuple[MetricsFile, dict[str, list[Reading]]] | None:
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
    records: list[BaseModel] = [model, *model.sources, *model.programmes, *model.facts, *model.excluded]
    keys = output.count(b'": ') - output.count(b'\\": ')  # a quote inside a string is always escaped
    if keys != sum(len(r.model_fields_set) for r in records):
        return None  # a duplicate key, which JSON parsing would have merged
    return model, read


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _field(loc: Loc) -> str:
    """``facts[3].value``; a key that is not a plain name is quoted, so one problem stays one line."""
    text = ""
    for part in loc:
        if isinstance(part, int) or not _NAME.fullmatch(part):
            text += f"[{part!r}]"
        else:
            text += f".{part}" if text else part
    return text or "(top level)"


def _locate(path: str, where: dict[Loc, tuple[int, int]], loc: Loc, message: str) -> Problem:
    for end in range(len(loc), -1, -1):
        if loc[:end] in where:
            line, column = where[loc[:end]]
            return Problem(path, line, column, _field(loc), message)
    return Problem(path, 1, 1, _field(loc), message)


def quotes_missing_from(model: MetricsFile, source_text: str) -> list[tuple[Loc, str]]:
    """Quotes and excluded clauses that do not occur in the article (whitespace ignored)."""
    article = strip_spaces(source_text)
    problems: list[tuple[Loc, str]] = []
    for index, fact in enumerate(model.facts):
        if strip_spaces(fact.quote) not in article:
            problems.append((("facts", index, "quote"), "quote not found in the source text"))
    for index, item in enumerate(model.excluded):
        if strip_spaces(item.text) not in article:
            problems.append((("excluded", index, "text"), "text not found in the source text"))
    return problems


def _message(error: Any) -> str:
    if error["type"] == "string_pattern_mismatch" and error["ctx"]["pattern"] in PATTERN_MESSAGES:
        return PATTERN_MESSAGES[error["ctx"]["pattern"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    if isinstance(error.get("input"), bool):
        message += " (YAML reads yes/no/on/off/true/false as true or false)"
    return message


def validate_data(
    data: Any, path: str, where: dict[Loc, tuple[int, int]], source_text: str | None = None
) -> MetricsFile:
    """Validate parsed YAML; raise MetricsFileError with every problem located."""
    try:
        model = MetricsFile.model_validate(data, context={"defer_cross_checks": True})
    except ValidationError as err:
        problems = [_locate(path, where, tuple(e["loc"]), _message(e)) for e in err.errors(include_url=False)]
        raise MetricsFileError(problems) from None
    found = cross_check(model)
    if source_text is not None:
        found += quotes_missing_from(model, source_text)
    problems = [_locate(path, where, loc, message) for loc, message in found]
    if problems:
        raise MetricsFileError(problems)
    return model


def file_problem(name: str, err: OSError, field: str = "(file)") -> Problem:
    """Why a file could not be read, at its first line."""
    reason = str(err) if isinstance(err, ReadRefused) else err.strerror or str(err)
    if field == "(article)":
        reason = f"cannot read the article: {reason}"
    return Problem(name, 1, 1, field, reason)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; a file over ``MAX_BYTES``, a device, a FIFO or a growing file is refused unread."""
    try:
        return read_bounded(path, MAX_BYTES)
    except OSError as err:
        raise MetricsFileError([file_problem(str(path), err)]) from None


def read_article(path: str | Path) -> str:
    """An article's text: a bounded read of a regular file, decoded as UTF-8, or a located problem."""
    try:
        raw = read_bounded(path, MAX_ARTICLE_BYTES)
    except OSError as err:
        raise MetricsFileError([file_problem(str(path), err, "(article)")]) from None
    return decode(raw, str(path))


def load(path: str | Path, source_text: str | None = None) -> MetricsFile:
    """Read and validate a metrics file, or raise MetricsFileError.

    With ``source_text``, every quote must also occur in it.
    """
    return load_bytes(read_bytes(path), str(path), source_text)


def _missing_end(text: str, path: str) -> list[Problem]:
    """A problem unless the text's last line is ``END_MARKER``, ended by a line break.

    Any strict prefix of a complete file lacks it, so a half-written file is refused.
    """
    if text.endswith((f"\n{END_MARKER}\n", f"\n{END_MARKER}\r\n")) or text in (f"{END_MARKER}\n", f"{END_MARKER}\r\n"):
        return []
    line = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    message = (
        f"the file does not end with the line {END_MARKER!r}, so it may be cut short (still being written?); "
        "if it is complete, end it with that line"
    )
    return [Problem(path, max(line, 1), 1, "(file)", message)]


def load_bytes(raw: bytes, name: str, source_text: str | None = None) -> MetricsFile:
    """Validate a metrics file's bytes; ``name`` is how problems refer to it."""
    if len(raw) > MAX_BYTES:
        raise MetricsFileError([Problem(name, 1, 1, "(file)", too_large(len(raw), MAX_BYTES))])
    text = decode(raw, name)
    unfinished = _missing_end(text, name)
    try:
        model = _validate(text, raw, name, source_text)
    except MetricsFileError as err:
        raise MetricsFileError([*err.problems, *unfinished]) from None
    if unfinished:
        raise MetricsFileError(unfinished)
    return model


def _validate(text: str, raw: bytes, name: str, source_text: str | None) -> MetricsFile:
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects and no cycles: collection only costs time
    try:
        fast = _fast_load(text, raw.removeprefix(b"\xef\xbb\xbf")) if len(raw) >= FAST_PATH_BYTES else None
        if fast is not None:
            model, read = fast
            found = cross_check(model, read)
            if source_text is not None:
                found += quotes_missing_from(model, source_text)
            if not found:
                return model
        data, where = _parse(text, name)
        return validate_data(data, name, where, source_text)
    finally:
        if collecting:
            gc.enable()
