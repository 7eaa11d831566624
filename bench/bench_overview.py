"""Overview query benchmark: each lib.queries function the Overview page calls, on a million lines.

    python bench/bench_overview.py               # loads bench/out/spend_1m.csv once via lib.cli
    python bench/bench_overview.py --rows 100000 --repeats 5

Loads the file once with ``python -m lib.cli ingest`` into a temporary store, then times each
query (median of --repeats after one warm-up call): the store-wide ones the filter bar makes,
and the Overview's own with no filters and with the latest financial year chosen. The app
caches answers per store version, so these are what a first render costs. The baseline, measured in the same run on the same cursor, is a plain
``SELECT sum(amount) FROM transactions``. Target: every query under 200 ms. Prints; never
asserts.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_ingest import cli_ingest_cmd, ensure_csv, last_json, run_measured  # noqa: E402

TARGET_MS = 200.0


def median_ms(fn, repeats: int) -> float:
    fn()  # warm-up: first-call costs (plans, caches) are not what a user waits for twice
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def filter_bar_calls(q, cur) -> dict:
    """Name -> zero-argument call, for the store-wide queries every page's first render makes
    (the filter bar and the Overview's empty/demo checks); they take no filters."""
    return {
        "has_spend": lambda: q.has_spend(cur),
        "has_demo_data": lambda: q.has_demo_data(cur),
        "financial_years": lambda: q.financial_years(cur),
        "months_available": lambda: q.months_available(cur),
        "filter_options": lambda: q.filter_options(cur),
    }


def overview_calls(q, cur, f) -> dict:
    """Name -> zero-argument call, for each filtered query the Overview page makes."""
    return {
        "headline": lambda: q.headline(cur, f),
        "monthly_trend": lambda: q.monthly_trend(cur, f),
        "spend_by_department": lambda: q.spend_by_department(cur, f),
        "spend_by_category": lambda: q.spend_by_category(cur, f),
        "top_suppliers": lambda: q.top_suppliers(cur, f),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Time the Overview queries on a large store.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)

    from lib import queries as q
    from lib import store
    from lib.filters import Filters

    csv_path = ensure_csv(args.rows)
    with tempfile.TemporaryDirectory(prefix="bench_overview_") as tmp:
        db = Path(tmp) / "overview.duckdb"
        wall, peak, stdout, _ = run_measured(cli_ingest_cmd(csv_path, db))
        report = last_json(stdout)
        print(f"loaded {report.get('rows_loaded')} rows from {csv_path.name} in {wall:.1f} s "
              f"(peak {peak:.0f} MB)")

        cur = store.cursor(db)
        years = q.financial_years(cur)
        baseline = median_ms(lambda: cur.execute("SELECT sum(amount) FROM transactions").fetchone(),
                             args.repeats)
        print(f"baseline  SELECT sum(amount) FROM transactions: {baseline:7.1f} ms (median of {args.repeats})")
        print()

        scenarios = [("all years", Filters())]
        if years:
            scenarios.append((f"FY {years[0]}", Filters(fy=years[0])))
        timings = [("(store-wide)", name, median_ms(call, args.repeats))
                   for name, call in filter_bar_calls(q, cur).items()]
        for label, f in scenarios:
            timings += [(label, name, median_ms(call, args.repeats))
                        for name, call in overview_calls(q, cur, f).items()]

        print(f"{'query':22s} {'filters':14s} {'median ms':>10s} {'x baseline':>11s}")
        for label, name, ms in timings:
            flag = "" if ms < TARGET_MS else "  OVER TARGET"
            print(f"{name:22s} {label:14s} {ms:10.1f} {ms / baseline:11.1f}{flag}")
        worst = max(timings, key=lambda t: t[2])
        store_wide = sum(ms for label, _, ms in timings if label == "(store-wide)")
        for label, _ in scenarios:
            page = store_wide + sum(ms for lab, _, ms in timings if lab == label)
            print(f"first render of Overview, {label}: {page:.0f} ms of queries (uncached)")
        print(f"slowest: {worst[1]} ({worst[0]}) {worst[2]:.1f} ms  (target < {TARGET_MS:.0f} ms each)  "
              f"{'OK' if worst[2] < TARGET_MS else 'OVER TARGET'}")
        cur.close()
        store.close(db)


if __name__ == "__main__":
    main()
