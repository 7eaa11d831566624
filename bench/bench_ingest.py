"""Ingest benchmark: ``python -m lib.cli ingest`` against DuckDB's own CSV reader, same run.

    python bench/bench_ingest.py                 # 1,000,000-line file, 3 repeats each
    python bench/bench_ingest.py --rows 100000 --repeats 1

(a) baseline: a subprocess that opens a fresh DuckDB file and runs ``read_csv`` (all columns as
    text) with the casts our loader must make: dates via strptime('%d/%m/%Y'), amounts cleaned
    of £ and commas and cast to DECIMAL(14,2), into a table.
(b) same casts: the same read_csv, but with the casts our loader really makes (the store's own
    parse macros: every UK date shape, £/commas/credits, trimmed text, financial year) into a
    table with the transactions table's value columns (the supplier key, dear per row, is left
    out of the baseline: the loader works it out once per distinct name). The target ratio is measured
    against this one: what the loader adds over DuckDB doing the same conversions is row
    numbers, validation, quarantine, totals detection and the one-transaction batch.
(c) ours: ``python -m lib.cli ingest FILE --db NEWFILE`` in a subprocess.

Both are timed wall-clock from process start to exit (so both pay Python's start-up), each in
a fresh database file; peak RSS is the child's own (os.wait4). Prints medians, the ratio
(target <= 1.5) and peak memory (target < 1.5 GB). Prints; never asserts.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_spend_csv  # noqa: E402

TARGET_RATIO = 1.5
TARGET_PEAK_MB = 1536

BASELINE = r"""
import sys, time, duckdb
csv_path, db_path = sys.argv[1], sys.argv[2]
con = duckdb.connect(db_path)
con.execute('SET enable_progress_bar = false')
t0 = time.perf_counter()
con.execute('''
    CREATE TABLE transactions AS
    SELECT "Body" AS body,
           CAST(strptime("Date", '%d/%m/%Y') AS DATE) AS payment_date,
           "Transaction Number" AS transaction_ref,
           CAST(replace(replace(trim("Amount"), '£', ''), ',', '') AS DECIMAL(14,2)) AS amount,
           "Supplier Name" AS supplier_name,
           "Supplier ID" AS supplier_id,
           "VAT Registration Number" AS vat_number,
           "Department" AS department,
           "Expense Type" AS category,
           "Expense Code" AS category_code,
           "Description" AS description
    FROM read_csv(?, header = true, all_varchar = true)
''', [csv_path])
n, total = con.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
con.close()
print(f'{{"rows_loaded": {n}, "amount_loaded": "{total}", "sql_seconds": {time.perf_counter() - t0:.3f}}}')
"""


SAME_CASTS = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
from lib import store   # a fresh store: migrations create the parse macros
csv_path, db_path = sys.argv[1], sys.argv[2]
con = store.connect(db_path)
con.execute('SET enable_progress_bar = false')
t0 = time.perf_counter()
con.execute('''
    CREATE TABLE same_casts AS
    SELECT clean_text("Body") AS body,
           parse_uk_date("Date") AS payment_date,
           parse_uk_date("Date") AS period_start,
           fy_label(fy_start_of(parse_uk_date("Date"))) AS fy,
           fy_start_of(parse_uk_date("Date")) AS fy_start,
           parse_amount("Amount") AS amount,
           clean_text("Supplier Name") AS supplier_name,
           clean_text("Supplier ID") AS supplier_id,
           clean_text("VAT Registration Number") AS vat_number,
           clean_text("Department") AS department,
           clean_text("Expense Type") AS category,
           clean_text("Expense Code") AS category_code,
           clean_text("Description") AS description,
           clean_text("Transaction Number") AS transaction_ref
    FROM read_csv(?, header = true, all_varchar = true)
''', [csv_path])
n, total = con.execute("SELECT count(*), sum(amount) FROM same_casts").fetchone()
store.close(db_path)
print(f'{{"rows_loaded": {n}, "amount_loaded": "{total}", "sql_seconds": {time.perf_counter() - t0:.3f}}}')
"""


def run_measured(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, str]:
    """Run ``cmd``; return (wall seconds, the child's peak RSS in MB, its stdout).

    Raises RuntimeError with the child's stderr when it exits non-zero.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, text=True)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the max over all runs.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr[-4000:]}")
    return wall, usage.ru_maxrss / 1024, stdout  # ru_maxrss is in KiB on Linux


def last_json(stdout: str) -> dict:
    """The last line of ``stdout`` that parses as a JSON object ({} if none)."""
    for line in reversed(stdout.strip().splitlines()):
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            return obj
    return {}


def ensure_csv(rows: int) -> Path:
    """The benchmark CSV for ``rows`` lines, written once into bench/out/ and reused."""
    path = make_spend_csv.OUT if rows == 1_000_000 else HERE / "out" / f"spend_{rows}.csv"
    if not path.exists():
        t0 = time.perf_counter()
        make_spend_csv.write_csv(path, rows)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    return path


def cli_ingest_cmd(csv_path: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "lib.cli", "ingest", str(csv_path), "--db", str(db_path)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Time lib.cli ingest against DuckDB read_csv.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    csv_path = ensure_csv(args.rows)
    csv_path.read_bytes()  # warm the page cache so the first timed run is not penalised
    print(f"file: {csv_path} ({csv_path.stat().st_size / 1e6:.0f} MB, {args.rows:,} lines)")

    runs = {"baseline": [], "same_casts": [], "ingest": []}
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        for i in range(args.repeats):
            # Alternate the two so drift on the machine hits both alike.
            for name in ("baseline", "same_casts", "ingest"):
                db = Path(tmp) / f"{name}_{i}.duckdb"
                cmd = {
                    "baseline": [sys.executable, "-c", BASELINE, str(csv_path), str(db)],
                    "same_casts": [sys.executable, "-c", SAME_CASTS, str(csv_path), str(db), str(ROOT)],
                    "ingest": cli_ingest_cmd(csv_path, db),
                }[name]
                wall, peak, stdout = run_measured(cmd)
                report = last_json(stdout)
                runs[name].append((wall, peak, report))
                print(f"  {name:10s} run {i + 1}: {wall:7.2f} s  peak {peak:7.0f} MB  "
                      f"rows_loaded={report.get('rows_loaded')}"
                      + (f" quarantined={report.get('rows_quarantined')}" if name == "ingest" else ""))
                db.unlink(missing_ok=True)
                Path(str(db) + ".wal").unlink(missing_ok=True)

    base = statistics.median(r[0] for r in runs["baseline"])
    same = statistics.median(r[0] for r in runs["same_casts"])
    ours = statistics.median(r[0] for r in runs["ingest"])
    base_peak = max(r[1] for r in runs["baseline"])
    same_peak = max(r[1] for r in runs["same_casts"])
    ours_peak = max(r[1] for r in runs["ingest"])
    ratio = ours / same
    loaded = runs["ingest"][-1][2].get("rows_loaded")
    print()
    print(f"(a) read_csv + minimal casts:     median {base:6.2f} s   peak RSS {base_peak:6.0f} MB")
    print(f"(b) read_csv + the same casts:    median {same:6.2f} s   peak RSS {same_peak:6.0f} MB")
    print(f"(c) lib.cli ingest:               median {ours:6.2f} s   peak RSS {ours_peak:6.0f} MB")
    print(f"ratio ingest / same casts:   {ratio:.2f}  (target <= {TARGET_RATIO})  "
          f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(f"ratio ingest / minimal casts: {ours / base:.2f}  (for reference: the minimal casts parse one date "
          f"shape and plain amounts only)")
    print(f"peak memory of ingest: {ours_peak:.0f} MB  (target < {TARGET_PEAK_MB} MB)  "
          f"{'OK' if ours_peak < TARGET_PEAK_MB else 'OVER TARGET'}")
    if loaded != args.rows:
        print(f"NOTE: ingest loaded {loaded} rows of {args.rows:,}")


if __name__ == "__main__":
    main()
