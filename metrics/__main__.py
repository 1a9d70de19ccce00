"""Command line: ``python -m metrics validate|export``.

Exit codes: 0 fine, 1 the data file was refused, 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from metrics.labels import REGIONS
from metrics.load import MetricsFileError, load

DEFAULT_PATH = "data/metrics.yaml"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m metrics", description=__doc__)
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
            source_text = Path(args.source_text).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            print(f"python -m metrics: cannot read --source-text {args.source_text}: {err}", file=sys.stderr)
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
    from metrics.export import to_csv
    from metrics.filters import Filters, apply
    from metrics.frame import to_frame

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
