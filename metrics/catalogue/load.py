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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from metrics.articles.audit import occurrences
from metrics.articles.files import Articles, file_problem
from metrics.articles.numbers import strip_spaces
from metrics.bounded import read_bounded, too_large
from metrics.catalogue.checks import Loc, cross_check
from metrics.catalogue.fast_path import FAST_PATH_BYTES, fast_load
from metrics.catalogue.schema import PATTERN_MESSAGES, MetricsFile
from metrics.catalogue.strict_yaml import parse
from metrics.decode import decode
from metrics.problems import MetricsFileError, Problem

__all__ = ["END_MARKER", "MAX_BYTES", "MetricsFileError", "Problem", "load", "load_bytes", "read_bytes"]

MAX_BYTES = 40 * 1024 * 1024
"""Larger files are refused before parsing."""

END_MARKER = "# end of metrics file"
"""The last line of every complete data file, so a file cut short mid-write never passes as whole."""

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


def _where_found(text: str, articles: Mapping[str, str]) -> list[str]:
    return [name for name, article in articles.items() if text in article]


def quotes_missing_from(model: MetricsFile, articles: Articles) -> list[tuple[Loc, str]]:
    """Quotes and excluded clauses that do not occur in their own article (whitespace ignored).

    A source that names an ``article`` is checked against that file alone; one that names
    none, against every article given. A single text given without a name stands for all.
    """
    if isinstance(articles, str):
        articles = {"": articles}
    texts = {name: strip_spaces(text) for name, text in articles.items()}
    unnamed = "" in texts
    problems: list[tuple[Loc, str]] = []
    own: dict[str, str | None] = {}
    for index, source in enumerate(model.sources):
        own[source.id] = None if unnamed else source.article
        if source.article and not unnamed and source.article not in texts:
            given = ", ".join(sorted(texts)) or "none"
            problems.append((("sources", index, "article"), f"article {source.article} was not given (given: {given})"))

    wanted: dict[str, set[str]] = {}  # per article, the clauses to look for there
    items = [(strip_spaces(f.quote), f.source) for f in model.facts]
    items += [(strip_spaces(e.text), e.source) for e in model.excluded]
    for clause, source in items:
        name = own.get(source) if source else None
        for article in [name] if name is not None else list(texts):
            if article in texts:
                wanted.setdefault(article, set()).add(clause)
    present = {
        name: {c for c, places in occurrences(texts[name], clauses).items() if places}
        for name, clauses in wanted.items()
    }

    def check(loc: Loc, text: str, source: str | None, what: str) -> None:
        name = own.get(source) if source else None
        if name is not None:
            if name not in texts or text in present.get(name, ()):
                return
            elsewhere = _where_found(text, texts)
            if elsewhere:
                problems.append(
                    (loc, f"{what} is not in {name}, the article of source {source}; it is in {', '.join(elsewhere)}")
                )
            else:
                problems.append((loc, f"{what} not found in the source text ({name})"))
        elif not any(text in present.get(article, ()) for article in texts):
            problems.append((loc, f"{what} not found in the source text"))

    for index, fact in enumerate(model.facts):
        check(("facts", index, "quote"), strip_spaces(fact.quote), fact.source, "quote")
    for index, item in enumerate(model.excluded):
        check(("excluded", index, "text"), strip_spaces(item.text), item.source, "text")
    return problems


def _message(error: Any) -> str:
    if error["type"] == "string_pattern_mismatch" and error["ctx"]["pattern"] in PATTERN_MESSAGES:
        return PATTERN_MESSAGES[error["ctx"]["pattern"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    if isinstance(error.get("input"), bool):
        message += " (YAML reads yes/no/on/off/true/false as true or false)"
    return message


def validate_data(
    data: Any, path: str, where: dict[Loc, tuple[int, int]], articles: Articles | None = None
) -> MetricsFile:
    """Validate parsed YAML; raise MetricsFileError with every problem located."""
    try:
        model = MetricsFile.model_validate(data, context={"defer_cross_checks": True})
    except ValidationError as err:
        problems = [_locate(path, where, tuple(e["loc"]), _message(e)) for e in err.errors(include_url=False)]
        raise MetricsFileError(problems) from None
    found = cross_check(model)
    if articles is not None:
        found += quotes_missing_from(model, articles)
    problems = [_locate(path, where, loc, message) for loc, message in found]
    if problems:
        raise MetricsFileError(problems)
    return model


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; a file over ``MAX_BYTES``, a device, a FIFO or a growing file is refused unread."""
    try:
        return read_bounded(path, MAX_BYTES)
    except OSError as err:
        raise MetricsFileError([file_problem(str(path), err)]) from None


def load(path: str | Path, articles: Articles | None = None) -> MetricsFile:
    """Read and validate a metrics file, or raise MetricsFileError.

    With ``articles`` (file name -> text, or one text), every quote must also occur in its own article.
    """
    return load_bytes(read_bytes(path), str(path), articles)


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


def load_bytes(raw: bytes, name: str, articles: Articles | None = None) -> MetricsFile:
    """Validate a metrics file's bytes; ``name`` is how problems refer to it."""
    if len(raw) > MAX_BYTES:
        raise MetricsFileError([Problem(name, 1, 1, "(file)", too_large(len(raw), MAX_BYTES))])
    text = decode(raw, name)
    unfinished = _missing_end(text, name)
    try:
        model = _validate(text, raw, name, articles)
    except MetricsFileError as err:
        raise MetricsFileError([*err.problems, *unfinished]) from None
    if unfinished:
        raise MetricsFileError(unfinished)
    return model


def located(path: str | Path, found: list[tuple[Loc, str]]) -> list[Problem]:
    """``found`` (a field and a message each) at their lines and columns in a valid data file."""
    if not found:
        return []
    _, where = parse(decode(read_bytes(path), str(path)), str(path))
    return [_locate(str(path), where, loc, message) for loc, message in found]


def entry_names(path: str | Path) -> Callable[[str], str]:
    """``facts[3]`` -> ``facts[3] (PATH:LINE:COL)``: where an entry of a valid data file begins.

    The file is parsed for positions when the first entry is named, so a clean audit never pays for it.
    """
    where: dict[Loc, tuple[int, int]] = {}

    def name(field: str) -> str:
        if not where:
            where.update(parse(decode(read_bytes(path), str(path)), str(path))[1])
        key, _, index = field.rstrip("]").partition("[")
        line, column = where.get((key, int(index)), (1, 1))
        return f"{field} ({path}:{line}:{column})"

    return name


def _validate(text: str, raw: bytes, name: str, articles: Articles | None) -> MetricsFile:
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects and no cycles: collection only costs time
    try:
        fast = fast_load(text, raw.removeprefix(b"\xef\xbb\xbf")) if len(raw) >= FAST_PATH_BYTES else None
        if fast is not None:
            model, read = fast
            found = cross_check(model, read)
            if articles is not None:
                found += quotes_missing_from(model, articles)
            if not found:
                return model
        data, where = parse(text, name)
        return validate_data(data, name, where, articles)
    finally:
        if collecting:
            gc.enable()
