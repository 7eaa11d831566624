"""Re-sent files and the shared store on a million-line store.

    python bench/bench_overlap.py               # 1,000,000 stored lines (84 monthly batches)
    python bench/bench_overlap.py --rows 200000

Builds a store of ``--rows`` spend lines in monthly batches (April 2018 to March 2025), loads the
April 2025 corpus file, then times: (a) loading that month re-sent with one amount changed (caught
as an overlap and skipped: the multiset comparison of line keys plus the reading), (b) loading a
genuinely new month (May 2025: compared, nothing found, loaded), (c) the overlap check alone on the
staged file, and (d) opening the store again (what a page run pays after the app let go of it
when idle). Prints; asserts nothing about speed (the machine is shared: read the load average with it).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
APRIL = ROOT.parent / "shared" / "corpus" / "devon_cc_over500_202504.csv"


def build(db: Path, rows: int) -> None:
    from lib import store

    months = 84
    with store.write(db) as cur:
        cur.execute(
            "INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded, rows_quarantined, "
            "rows_total_lines, amount_loaded) SELECT 1000 + m, 'spend', 'bench_' || m || '.csv', 'sha' || m, ?, ?, 0, 0, 0 "
            "FROM range(?) t(m)", [rows // months, rows // months, months])
        cur.execute(
            """INSERT INTO transactions (batch_id, sheet, row_number, body, payment_date, period_start, fy, fy_start,
                   amount, supplier_name, supplier_key, transaction_ref)
               SELECT 1000 + (i % ?), '', i // ? + 2, 'Lancashire Police',
                      DATE '2018-04-01' + INTERVAL (i % ?) MONTH + INTERVAL (i % 28) DAY,
                      DATE '2018-04-01' + INTERVAL (i % ?) MONTH + INTERVAL (i % 28) DAY,
                      fy_label(fy_start_of(DATE '2018-04-01' + INTERVAL (i % ?) MONTH)),
                      fy_start_of(DATE '2018-04-01' + INTERVAL (i % ?) MONTH),
                      (500 + (hash(i) % 100000) / 100)::DECIMAL(14,2), 'SUPPLIER ' || (i % 5000),
                      'supplier ' || (i % 5000), 'T' || i
               FROM range(?) t(i)""", [months, months, months, months, months, months, rows])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    os.environ["SPEND_NO_DEMO"] = "1"
    from lib import store
    from lib.ingest import load_file
    from lib.ingest import overlap
    from lib.ingest.load import prepare

    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "bench.duckdb"
        t = time.perf_counter()
        build(db, args.rows)
        print(f"built {args.rows:,} lines in {time.perf_counter() - t:.1f} s")
        first = load_file(APRIL, db=db)
        resent = tmp / "resent_202504.csv"
        resent.write_bytes(APRIL.read_bytes().replace(b"\r\n", b"\n").replace(b",697.00,", b",797.00,", 1))
        may = tmp / "devon_202505.csv"
        may.write_bytes(APRIL.read_bytes().replace(b"/04/2025", b"/05/2025"))
        t = time.perf_counter()
        res = load_file(resent, db=db)
        print(f"(a) re-sent month: skipped={res.skipped} matching {res.overlap.lines_matching} of "
              f"{res.overlap.lines_in_file} (batch {first.batch_id}) in {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        res = load_file(may, db=db)
        print(f"(b) new month: overlap={res.overlap} loaded {res.rows_loaded} in {time.perf_counter() - t:.2f} s")
        cur = store.cursor(db)
        _, _, period, classified = prepare(cur, resent)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            overlap.find(cur, classified.sql, classified.params, period[0] if period else None)
            times.append(time.perf_counter() - t)
        cur.close()
        print(f"(c) the overlap check alone: best {min(times) * 1000:.0f} ms of 5")
        store.close(db)
        times = []
        for _ in range(6):  # as the app does: a run holds the store, then it is closed when idle
            t = time.perf_counter()
            with store.hold(db):
                store.cursor(db).execute("SELECT count(*) FROM batches").fetchone()
            times.append(time.perf_counter() - t)
            time.sleep(store.IDLE_CLOSE + 0.3)
            assert not store._connections, "closed when idle"
        print(f"(d) a page run's open + one query after the app let go: median {sorted(times[1:])[2] * 1000:.0f} ms "
              f"(the process's first open, with the derived-data refresh: {times[0] * 1000:.0f} ms)")
        store.close(db)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
