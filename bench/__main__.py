"""Benchmarks, each row measured side by side with its floor.

    python -m bench            full run: at least 20 repetitions a row (see REPS)
    python -m bench --quick    a few repetitions, goals reported but not enforced
    python -m bench --json bench/out/results.json

Prints one table and writes the same figures as JSON. A row's figure and its
floor are measured in the same run, interleaved, so machine noise cancels in
their ratio. Timings are medians with min and max.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from bench.apptest import row_rerun, row_scale_ui
from bench.articles import (
    row_draft,
    row_draft_corpus,
    row_kept,
    row_kept_reports,
    row_kind,
    row_measure,
    row_numerals,
    rows_big_article,
)
from bench.bounds import row_memo_bytes, rows_xlsx_load
from bench.browser import (
    Browser,
    row_filter_in_browser,
    row_first_chart,
    row_memory,
    row_scale_start,
    row_start,
    rows_concurrent,
)
from bench.core import ROOT, Row, machine, table
from bench.lighthouse import rows_lighthouse
from bench.protocol import rows_haproxy, rows_load, rows_traffic
from bench.scale import generated_files, row_change_check, rows_scale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few repetitions; goals are not enforced")
    parser.add_argument("--json", default=str(ROOT / "bench" / "out" / "results.json"), help="where to write JSON")
    parser.add_argument("--only", nargs="+", help="run only these rows (by name prefix)")
    args = parser.parse_args(argv)
    reps = 3 if args.quick else 20
    slow_reps = 1 if args.quick else 5  # rows where one repetition takes a minute
    sizes = (1_000, 10_000, 100_000)
    wanted = (lambda name: any(name.startswith(p) for p in args.only)) if args.only else (lambda name: True)

    files = generated_files(sizes)
    big = files[100_000]
    rows: list[Row] = []
    browser = Browser()
    try:
        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("rerun", lambda: [row_rerun(reps)]),
            ("first chart", lambda: [row_first_chart(reps, browser)]),
            ("filter in browser", lambda: [row_filter_in_browser(reps, browser)]),
            ("start", lambda: [row_start(reps)]),
            ("memory", lambda: [row_memory(slow_reps, browser)]),
            ("concurrent", lambda: rows_concurrent(1 if args.quick else 2)),
            ("load", lambda: rows_load(3, all_finish=50 if args.quick else 200)),
            ("traffic", lambda: rows_traffic(2 if args.quick else 3)),
            ("haproxy", lambda: rows_haproxy(1 if args.quick else 3)),
            ("scale", lambda: rows_scale(reps, files)),
            ("scale start", lambda: [row_scale_start(slow_reps * 2, browser, big)]),
            ("scale UI", lambda: [row_scale_ui(reps, big)]),
            ("change check", lambda: [row_change_check(reps, big)]),
            ("memo bytes", lambda: [row_memo_bytes(1 if args.quick else 3, files[10_000])]),
            ("xlsx load", lambda: rows_xlsx_load(1 if args.quick else 3, files[10_000])),
            ("draft", lambda: [row_draft(reps)]),
            ("big article", lambda: rows_big_article(1 if args.quick else 3)),
            ("draft 1 MB, 20k facts", lambda: [row_draft_corpus(1 if args.quick else 3)]),
            ("numerals", lambda: [row_numerals()]),
            ("draft kept", lambda: [row_kept(ROOT.parent / "shared" / "sources")]),
            ("draft kept, published reports", lambda: [row_kept_reports(ROOT.parent / "shared" / "reports")]),
            ("draft kind", lambda: [row_kind()]),
            ("draft measure", lambda: [row_measure()]),
            ("lighthouse", lambda: rows_lighthouse(1 if args.quick else 3)),
        ]
        for name, step in steps:
            if wanted(name):
                print(f"measuring {name} ...", file=sys.stderr, flush=True)
                rows.extend(step())
    finally:
        browser.close()

    report = table(rows)
    print(f"\n{datetime.now(UTC):%Y-%m-%d}, {machine()}{' (quick)' if args.quick else ''}\n")
    print(report)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "quick": args.quick,
                "rows": [asdict(r) | {"ratio": r.ratio, "met": r.met} for r in rows],
            },
            indent=2,
        )
    )
    print(f"\nJSON: {out}", file=sys.stderr)
    return 0 if args.quick or all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
