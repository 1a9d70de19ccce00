"""Command line: ``python -m metrics validate|export``.

Exit codes: 0 fine, 1 the data file was refused, 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections import Counter
from pathlib import Path

from metrics.catalogue.load import MetricsFileError, load, read_article
from metrics.page.cache_settings import DEFAULT_MAX_MB, cache_dir
from metrics.page.labels import REGIONS

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
    check = commands.add_parser("validate", help="check a data file and print a summary")
    check.add_argument("path", nargs="?", default=DEFAULT_PATH)
    check.add_argument("--source-text", metavar="FILE", help="also require every quote to occur in FILE")
    export = commands.add_parser("export", help="write facts as CSV (UTF-8 with BOM)")
    export.add_argument("path", nargs="?", default=DEFAULT_PATH)
    export.add_argument(
        "--region", action="extend", nargs="+", choices=REGIONS, metavar="SLUG", help=f"one of {', '.join(REGIONS)}"
    )
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    return parser


def _summary(path: str, counts: Counter[str], programmes: int, sources: int, excluded: int) -> str:
    per_region = ", ".join(f"{r} {counts[r]}" for r in REGIONS)
    total = sum(counts.values())
    return (
        f"{path}: valid: {total} facts ({per_region}), {programmes} programmes, "
        f"{sources} sources, {excluded} excluded numbers"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    source_text = None
    if getattr(args, "source_text", None):
        try:
            source_text = read_article(args.source_text)
        except MetricsFileError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return 2
    try:
        data = load(args.path, source_text)
    except MetricsFileError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    if args.command == "validate":
        counts = Counter(f.region for f in data.facts)
        print(_summary(args.path, counts, len(data.programmes), len(data.sources), len(data.excluded)))
        return 0
    # Only export needs pandas; validate starts half a second sooner without it.
    from metrics.page.export import to_csv
    from metrics.page.filters import Filters, apply
    from metrics.page.frame import to_frame

    regions = tuple(args.region) if args.region else None
    payload = to_csv(apply(to_frame(data), Filters(regions=regions)))
    if args.out:
        Path(args.out).write_bytes(payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
