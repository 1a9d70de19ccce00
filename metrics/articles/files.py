"""Article files: bounded reads, folders expanded, each text known by its file name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from metrics.bounded import ReadRefused, read_bounded
from metrics.decode import decode
from metrics.problems import MetricsFileError, Problem

MAX_ARTICLE_BYTES = 4 * 1024 * 1024
"""Articles are text of a few pages; anything larger is not one."""
MAX_ARTICLES = 10_000
"""A folder holding more article files than this is refused rather than read."""

Articles = Mapping[str, str] | str
"""Article texts by file name; a single text without a name stands for every source."""


def file_problem(name: str, err: OSError, field: str = "(file)") -> Problem:
    """Why a file could not be read, at its first line."""
    reason = str(err) if isinstance(err, ReadRefused) else err.strerror or str(err)
    if field == "(article)":
        reason = f"cannot read the article: {reason}"
    return Problem(name, 1, 1, field, reason)


def read_article(path: str | Path) -> str:
    """An article's text: a bounded read of a regular file, decoded as UTF-8, or a located problem."""
    try:
        raw = read_bounded(path, MAX_ARTICLE_BYTES)
    except OSError as err:
        raise MetricsFileError([file_problem(str(path), err, "(article)")]) from None
    return decode(raw, str(path))


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, with each folder replaced by the ``*.txt`` files in it, in name order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".txt" and not p.name.startswith("."))
            if len(found) > MAX_ARTICLES:
                problems.append(Problem(str(path), 1, 1, "(article)", f"more than {MAX_ARTICLES} article files"))
            files.extend(found[:MAX_ARTICLES])
        else:
            files.append(path)
    if problems:
        raise MetricsFileError(problems)
    return files


def read_articles(paths: Iterable[str | Path]) -> dict[str, str]:
    """Each article's text by its file name; every file that cannot be read, or a name given twice, is a problem."""
    texts: dict[str, str] = {}
    where: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in article_files(paths):
        if path.name in where:
            message = f"two article files are named {path.name} (also {where[path.name]})"
            problems.append(Problem(str(path), 1, 1, "(article)", message))
            continue
        try:
            texts[path.name] = read_article(path)
        except MetricsFileError as err:
            problems.extend(err.problems)
        where[path.name] = path
    if problems:
        raise MetricsFileError(problems)
    return texts
