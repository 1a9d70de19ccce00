"""Command line: ``python -m metrics validate|export|draft|audit``.

Exit codes: 0 fine, 1 the data file was refused (or, for audit, numbers are unaccounted for),
2 a usage error or an article that cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections import Counter
from pathlib import Path

from metrics.articles.files import read_article, read_articles
from metrics.catalogue.checks import confirmations
from metrics.catalogue.load import MetricsFileError, load, located
from metrics.catalogue.regions import province_of, resolve
from metrics.downloads.cache_settings import DEFAULT_MAX_MB, cache_dir

DEFAULT_PATH = "data/metrics.yaml"


def _parser() -> argparse.ArgumentParser:
    folder = cache_dir()
    where = f"in {folder}" if folder else "nowhere (turned off by an empty METRICS_CACHE_DIR)"
    epilog = (
        "These commands always validate. The dashboard keeps validated facts in an on-disk cache, "
        f"{where}; set METRICS_CACHE_DIR to move it (empty turns it off) and METRICS_CACHE_MAX_MB "
        f"to bound its size (default {DEFAULT_MAX_MB} MiB, least recently used entries go first)."
    )
    parser = argparse.ArgumentParser(
        prog="python -m metrics",
        description=__doc__,
        epilog=textwrap.fill(epilog, 79, break_on_hyphens=False, break_long_words=False),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    source_help = "an article file, or a folder of *.txt articles; may be given once per article"
    check = commands.add_parser("validate", help="check a data file and print a summary")
    check.add_argument("path", nargs="?", default=DEFAULT_PATH)
    check.add_argument("--source-text", metavar="PATH", action="append", default=[], help=source_help)
    export = commands.add_parser("export", help="write facts as CSV (UTF-8 with BOM)")
    export.add_argument("path", nargs="?", default=DEFAULT_PATH)
    export.add_argument(
        "--region", action="extend", nargs="+", metavar="REGION", help="province slug (liaoning) or GB/T 2260 code"
    )
    export.add_argument(
        "--year", action="extend", nargs="+", metavar="YEAR", help="a year the figures are about (2021)"
    )
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    draft = commands.add_parser("draft", help="print candidate facts and excluded numbers for an article, as YAML")
    draft.add_argument("article", metavar="ARTICLE.txt")
    draft.add_argument("--source", metavar="ID", help="source id for the drafted facts (default: from the file name)")
    draft.add_argument("--data", metavar="PATH", default=DEFAULT_PATH, help="data file whose units to use")
    draft.add_argument(
        "--published",
        metavar="DATE",
        help="the report's date (2023-04-26), for the year of 今年 (default: that of the source in the data file)",
    )
    audit = commands.add_parser("audit", help="list printed numbers that no fact or excluded entry accounts for")
    audit.add_argument("path", nargs="?", default=DEFAULT_PATH)
    audit.add_argument("--source-text", metavar="PATH", action="append", default=[], help=source_help, required=True)
    return parser


def _summary(path: str, counts: Counter[str], programmes: int, sources: int, excluded: int) -> str:
    per_region = ", ".join(f"{r} {n}" for r, n in counts.items())
    total = sum(counts.values())
    return (
        f"{path}: valid: {total} facts ({per_region}), {programmes} programmes, "
        f"{sources} sources, {excluded} excluded numbers"
    )


def _print_problems(err: MetricsFileError) -> None:
    for problem in err.problems:
        print(problem, file=sys.stderr)


def _draft(args: argparse.Namespace) -> int:
    from metrics.articles.draft import hints
    from metrics.articles.draft_yaml import draft_yaml
    from metrics.catalogue.periods import check_period

    try:
        text = read_article(args.article)
        data = load(args.data)
    except MetricsFileError as err:
        _print_problems(err)
        return 2
    source = args.source or Path(args.article).stem
    units = [(u.id, u.words) for u in data.units]
    categories = [(c.id, c.units) for c in data.categories]
    known = next((str(s.published) for s in data.sources if s.id == source and s.published), "")
    published = args.published or known
    try:
        check_period(published) if published else None
    except ValueError as err:
        print(f"--published: {err}", file=sys.stderr)
        return 2
    name = Path(args.article).name
    sys.stdout.write(draft_yaml(text, source, units, name, categories, hints(data), published))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "draft":
        return _draft(args)
    articles = None
    if getattr(args, "source_text", None):
        try:
            articles = read_articles(args.source_text)
        except MetricsFileError as err:
            _print_problems(err)
            return 2
    try:
        data = load(args.path, articles)
    except MetricsFileError as err:
        _print_problems(err)
        return 1
    if args.command == "validate":
        provinces = sorted(
            (province_of(resolve(f.region) or "") for f in data.facts), key=lambda d: d.code
        )  # GB/T 2260 order
        counts = Counter(p.slug for p in provinces)
        print(_summary(args.path, counts, len(data.programmes), len(data.sources), len(data.excluded)))
        for kept in located(args.path, confirmations(data)):  # against the tools' advice, with the curator's reason
            print(kept)
        return 0
    if args.command == "audit":
        from metrics.articles.audit import audit, report
        from metrics.catalogue.load import entry_names

        assert articles is not None
        results = audit(data, articles)
        sys.stdout.write(report(results, articles, entry_names(args.path)))
        return 1 if any(results.values()) else 0
    # Only export needs pandas; validate starts half a second sooner without it.
    from metrics.downloads.export import to_csv
    from metrics.page.filters import Filters, apply, province_slug
    from metrics.page.frame import to_frame

    regions = None
    if args.region:
        slugs = [province_slug(r) for r in args.region]
        unknown = [r for r, s in zip(args.region, slugs, strict=True) if s is None]
        if unknown:
            message = f"unknown region {unknown[0]!r}: give a province slug (liaoning) or a GB/T 2260 code"
            print(message, file=sys.stderr)
            return 2
        regions = tuple(s for s in slugs if s)
    years = tuple(args.year) if args.year else None
    strange = [y for y in years or () if not (len(y) == 4 and y.isascii() and y.isdigit())]
    if strange:
        print(f"unknown year {strange[0]!r}: give a year such as 2021", file=sys.stderr)
        return 2
    payload = to_csv(apply(to_frame(data), Filters(regions=regions, years=years)))
    if args.out:
        Path(args.out).write_bytes(payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        sys.exit(141)
