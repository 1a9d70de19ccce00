"""YAML read strictly: safe values only, no anchors, aliases, tags or duplicate keys, bounded depth.

``parse`` gives plain Python values and, for each, the line and column it came from.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from metrics.catalogue.checks import Loc
from metrics.problems import MetricsFileError, Problem

MAX_DEPTH = 16
"""The format nests four levels deep; anything far deeper is hostile or broken."""

_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


MAX_NUMBER_CHARS = 40
"""A number written longer than this is refused where it stands (Python refuses int() past 4,300 digits)."""


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
            if len(node.value) > MAX_NUMBER_CHARS:  # int() of 4,301 digits raises; no printed figure is that long
                raise _Refused(node.start_mark, f"a number of {len(node.value):,} characters is too long (at most "
                               f"{MAX_NUMBER_CHARS}); quote it if it is text")  # fmt: skip
            if not _DECIMAL.fullmatch(node.value):
                raise _Refused(node.start_mark, f"write numbers as plain decimals, not {node.value!r}")
            return int(node.value) if kind == "int" else float(node.value)
        if kind == "timestamp":
            return node.value  # dates stay text; the schema says which forms are fine
        if kind in ("str", "bool", "null"):
            return self._scalars.construct_object(node)
        raise _Refused(node.start_mark, f"unsupported value type {node.tag}")


def parse(text: str, path: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
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
