"""Scorecard benchmark: the queries the Overview scorecard and the Contracts page make, and the
``kpis`` command, on a store of a million transactions with the demo force's registers.

    python bench/bench_scorecard.py                 # builds bench/out/scorecard_1m.duckdb once
    python bench/bench_scorecard.py --rows 300000 --repeats 3
    python bench/bench_scorecard.py --browser       # and the pages in Chromium

The store: the demo force (postcode reference, supplier, contracts and savings registers, seven
years of spend: about 221,000 lines), its spend then repeated as extra batches, each copy's
payment dates moved back 1–4 days and its amounts nudged by a few pence, until there are
``--rows`` lines. Each copy is one batch numbered as one file would be (rows 2, 3, ...), so a line's
provenance (batch, sheet, row) stays unique as the loader makes it. So the registers, the links and the contract coverage look like the demo's,
at five times the volume.

Times (median of --repeats after one warm-up): each lib.scorecard call the scorecard and the
Contracts page make, with no cache, and ``python -m lib.cli kpis`` as a subprocess (wall time,
Python start-up included). Baseline, measured in the same run: ``SELECT sum(amount) FROM
transactions`` on the same cursor (queries) and ``python -c "import duckdb"`` (the subprocess).
Then each page (Overview with its scorecard tiles, Scorecard, Contracts) run whole through
Streamlit's AppTest: first render with every cache cleared, and a rerun; baseline a one-line script.
With --browser, the same pages through ``streamlit run app.py`` in Chromium (bench/browser_pages.py):
first visit and later visits, against a one-line Streamlit app in the same run.
Targets: each page under 1 s at first render; kpis under 3 s. Prints; never asserts.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

OUT = HERE / "out"
PAGE_TARGET_MS = 1000.0
KPIS_TARGET_S = 3.0


def build_store(path: Path, rows: int, demo: Path | None = None) -> Path:
    """The demo force's store with its spend repeated to ``rows`` lines (built once, reused).
    ``demo``: a demo store (``python -m lib.cli demo --db PATH``) to start from instead of building one."""
    from lib import store
    from lib.demo_load import build_demo

    if path.exists():
        cur = store.cursor(path)
        n = cur.execute("SELECT count(*) FROM transactions").fetchone()[0]
        cur.close()
        if n == rows:
            return path
        store.close(path)
        path.unlink()
        Path(str(path) + ".wal").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if demo:
        shutil.copyfile(demo, path)
    else:
        build_demo(path, progress=lambda f, t: None)
    cur = store.cursor(path)
    base, orig_max = cur.execute("SELECT count(*), max(batch_id) FROM transactions").fetchone()
    copy = 1
    while True:
        n = cur.execute("SELECT count(*) FROM transactions").fetchone()[0]
        if n >= rows:
            break
        take = min(base, rows - n)
        with store.write(path) as w:
            bid = w.execute(
                "INSERT INTO batches (kind, file_name, file_sha256, is_demo, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines) VALUES ('spend', ?, ?, TRUE, ?, ?, 0, 0) RETURNING batch_id",
                [f"bench copy {copy}", f"bench-{copy}", take, take]).fetchone()[0]
            w.execute(
                """INSERT INTO transactions (batch_id, sheet, row_number, body, payment_date, period_start, fy,
                       fy_start, amount, irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id,
                       vat_number, department, category, category_code, description, transaction_ref)
                   SELECT ?, '', CAST(row_number() OVER (ORDER BY batch_id, sheet, row_number) AS INTEGER) + 1,
                          body, d, ps, fy_label(fy_start_of(ps)), fy_start_of(ps),
                          amount + CAST(CAST(hash(row_number, ?) % 7 AS INTEGER) - 3 AS DECIMAL(14,2)) / 100,
                          irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id, vat_number,
                          department, category, category_code, description, transaction_ref
                   FROM (SELECT *, CAST(payment_date - ? * INTERVAL 1 DAY AS DATE) AS d,
                                CAST(coalesce(payment_date - ? * INTERVAL 1 DAY, period_start) AS DATE) AS ps
                         FROM transactions WHERE batch_id <= ?
                         ORDER BY batch_id, sheet, row_number LIMIT ?)""",
                [bid, copy, copy % 4 + 1, copy % 4 + 1, orig_max, take])
        copy += 1
    cur.close()
    store.close(path)
    print(f"built {path.name}: {rows:,} lines in {time.perf_counter() - t0:.0f} s", flush=True)
    return path


def median_ms(fn, repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def wall_s(cmd: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


PAGES = {"Overview page (scorecard tiles)": None, "Scorecard page": "pages/scorecard.py",
         "Contracts page": "pages/contracts.py"}
# The same pages by address, and text each shows once drawn (--browser).
BROWSER_PAGES = {"Overview page (scorecard tiles)": ("/", "Strategy scorecard,"),
                 "Scorecard page": ("/scorecard", "Strategy scorecard"),
                 "Contracts page": ("/contracts", "Contracts and compliance")}


def page_times(db: Path, fy: str, repeats: int) -> dict[str, tuple[float, float]]:
    """Each page's whole script run through Streamlit's AppTest on the store: the first render
    with every cache cleared (what the first visitor after a load waits for, queries and figures),
    and a rerun with the caches warm. Medians of ``repeats``. Browser paint is not included."""
    import os

    os.environ.update(SPEND_DB=str(db), SPEND_NO_DEMO="1", SPEND_ALLOW_OPEN_STAFF="1")
    import streamlit as st
    import streamlit.runtime.scriptrunner.script_runner as script_runner
    from streamlit.testing.v1 import AppTest

    class NavigationOnly(script_runner.PagesManager):
        uses_pages_directory = False  # as tests/pages do: AppTest would otherwise run a page alone

    script_runner.PagesManager = NavigationOnly
    out = {}
    trivial = AppTest.from_string("import streamlit as st\nst.write('hello')")
    trivial.run()
    out["baseline"] = (median_ms(trivial.run, repeats), 0.0)
    for name, page in PAGES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.selectbox(key="flt_fy").select(fy).run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]

        def cold():
            st.cache_data.clear()
            at.run()

        out[name] = (median_ms(cold, repeats), median_ms(at.run, repeats))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Time the scorecard queries and kpis on a large store.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--demo", type=Path, help="start from this demo store instead of building one")
    ap.add_argument("--db", type=Path, help="where to keep the store (default bench/out/scorecard_<rows>.duckdb)")
    ap.add_argument("--browser", action="store_true",
                    help="also time the pages in Chromium through `streamlit run` (needs /usr/bin/chromium)")
    args = ap.parse_args(argv)

    from lib import store
    from lib.filters import Filters, fy_end
    from lib.scorecard import card, contracts, drill, spend

    db = args.db or OUT / f"scorecard_{args.rows // 1000}k.duckdb"
    build_store(db, args.rows, args.demo)
    cur = store.cursor(db)
    n, years = cur.execute("SELECT count(*), count(DISTINCT fy) FROM transactions").fetchone()
    fy = "2019/20"
    print(f"store: {n:,} transactions over {years} financial years; scorecard for {fy}")
    baseline = median_ms(lambda: cur.execute("SELECT sum(amount) FROM transactions").fetchone(), args.repeats)
    print(f"baseline  SELECT sum(amount) FROM transactions: {baseline:7.1f} ms")
    f = Filters(fy=fy)
    calls = {
        # the Overview scorecard: every measure for every year (values, change, sparkline)
        "scorecard (all years)": lambda: card.scorecard(cur, fy),
        # the Contracts page's first render (its drill-downs run only when opened)
        "spend_measures": lambda: spend.spend_measures(cur, fy, f),
        "collaborative_by_route": lambda: contracts.collaborative_by_route(cur, f),
        "review_list": lambda: contracts.review_list(cur, f),
        "contracts_expiring": lambda: contracts.contracts_expiring(cur, fy_end(fy)),
        "contract_burn": lambda: contracts.contract_burn(cur, fy_end(fy)),
        "contracts_live": lambda: contracts.contracts_live(cur, fy),
    }
    drills = {  # when a user opens "Show the transactions"
        "drill_summary (off contract)": lambda: drill.drill_summary(cur, "off_contract", fy),
        "drill_rows (off contract, 500)": lambda: drill.drill_rows(cur, "on_contract_pct", fy, part="off", limit=500),
    }
    print(f"{'query':30s} {'median ms':>10s} {'x baseline':>11s}")
    timings = {}
    for name, call in calls.items():
        ms = median_ms(call, args.repeats)
        timings[name] = ms
        print(f"{name:30s} {ms:10.1f} {ms / baseline:11.1f}")
    for name, call in drills.items():
        ms = median_ms(call, args.repeats)
        print(f"{name:30s} {ms:10.1f} {ms / baseline:11.1f}   (on demand)")
    score = timings["scorecard (all years)"]
    contracts_page = sum(v for k, v in timings.items() if k != "scorecard (all years)")
    print(f"Overview scorecard, uncached: {score:.0f} ms  (target < {PAGE_TARGET_MS:.0f} ms)  "
          f"{'OK' if score < PAGE_TARGET_MS else 'OVER TARGET'}")
    print(f"Contracts page, all its queries uncached: {contracts_page:.0f} ms  (target < {PAGE_TARGET_MS:.0f} ms)  "
          f"{'OK' if contracts_page < PAGE_TARGET_MS else 'OVER TARGET'}")
    cur.close()

    print()
    pages = page_times(db, fy, args.repeats)
    for name, (cold, warm) in pages.items():
        if name == "baseline":
            print(f"baseline  a one-line Streamlit script through AppTest: {cold:7.1f} ms")
            continue
        print(f"{name:30s} first render {cold:7.1f} ms  rerun {warm:7.1f} ms  "
              f"(target < {PAGE_TARGET_MS:.0f} ms)  {'OK' if cold < PAGE_TARGET_MS else 'OVER TARGET'}")
    store.close(db)

    if args.browser:
        from browser_pages import page_loads

        print()
        loads = page_loads(db, {name: BROWSER_PAGES[name] for name in PAGES}, args.repeats, OUT)
        base_first, base = loads.pop("baseline")
        print(f"baseline  a one-line Streamlit app in Chromium: first {base_first:7.1f} ms, later {base:7.1f} ms")
        for name, (first, later) in loads.items():
            print(f"{name:30s} in Chromium: first visit {first:7.1f} ms ({first - base:+7.1f} ms over the "
                  f"baseline), later {later:7.1f} ms ({later - base:+7.1f} ms)")

    py_base = wall_s([sys.executable, "-c", "import duckdb"], args.repeats)
    kpis = wall_s([sys.executable, "-m", "lib.cli", "kpis", "--fy", fy, "--db", str(db)], args.repeats)
    print(f"baseline  python -c 'import duckdb': {py_base:.2f} s")
    print(f"kpis --fy {fy} (subprocess wall): {kpis:.2f} s  x{kpis / py_base:.1f} baseline  "
          f"(target < {KPIS_TARGET_S:.0f} s)  {'OK' if kpis < KPIS_TARGET_S else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
