"""Ingest benchmark: ``python -m lib.cli ingest`` against one DuckDB statement doing the same conversions.

    python bench/bench_ingest.py                 # 1,000,000-line file, 3 repeats each
    python bench/bench_ingest.py --rows 100000 --repeats 1

(a) baseline: a subprocess that opens a fresh DuckDB file and runs one
    ``CREATE TABLE AS SELECT … FROM read_csv(…, all_varchar = true)`` making the conversions the
    loader makes, written as plain inline SQL (none of the store's macros): text trimmed (empty is
    NULL); dates by ``try_strptime`` over the UK shapes (dd/mm/yyyy, dd/mm/yy, dd-Mon-yy, 6 Jun 2023,
    ISO with or without a time, dd.mm.yyyy) and Excel serial numbers; amounts stripped of £,
    commas, spaces and brackets, negative when bracketed or with a minus (before or after), cast
    to DECIMAL(14,2). What the loader adds over it: row numbers, header finding and column
    recognition, validation with a reason per refused row, totals, supplier keys and redaction,
    the batch record and its one transaction.
(b) ours: ``python -m lib.cli ingest FILE --db NEWFILE`` in a subprocess.

Both are timed wall-clock from process start to exit (so both pay Python's start-up), each in
a fresh database file, alternated so drift on the machine hits both alike; peak RSS is the
child's own (os.wait4), and so is its CPU time (user + system): on a shared, loaded machine the
CPU-time ratio says what the wall-clock ratio cannot. Prints medians, the ratios (target <= 1.5),
peak memory (target < 1 GB) and the machine's load average before and after (read the figures
with it), and whether lib/ has its bytecode (the install compiles it; without it each CLI run
compiles our modules first, where Python writes no bytecode). Prints; never asserts.
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
TARGET_PEAK_MB = 1024

BASELINE = r"""
import sys, time, duckdb
csv_path, db_path = sys.argv[1], sys.argv[2]
con = duckdb.connect(db_path)
con.execute('SET enable_progress_bar = false')
t0 = time.perf_counter()
con.execute('''
    CREATE TABLE transactions AS
    SELECT nullif(trim("Body"), '') AS body,
           coalesce(
               CAST(try_strptime(trim("Date"), ['%d/%m/%Y', '%d/%m/%y', '%Y-%m-%d', '%Y-%m-%d %H:%M:%S',
                                                '%d-%b-%y', '%d-%b-%Y', '%d %b %Y', '%d %B %Y', '%d.%m.%Y']) AS DATE),
               CASE WHEN regexp_full_match(trim("Date"), '\d{5}')
                    THEN DATE '1899-12-30' + CAST(trim("Date") AS INTEGER) END) AS payment_date,
           nullif(trim("Transaction Number"), '') AS transaction_ref,
           CAST(CASE WHEN "Amount" LIKE '%(%)%' OR "Amount" LIKE '%-%' THEN -1 ELSE 1 END
                * TRY_CAST(translate("Amount", '£,() -', '') AS DECIMAL(14,2)) AS DECIMAL(14,2)) AS amount,
           nullif(trim("Supplier Name"), '') AS supplier_name,
           nullif(trim("Supplier ID"), '') AS supplier_id,
           nullif(trim("VAT Registration Number"), '') AS vat_number,
           nullif(trim("Department"), '') AS department,
           nullif(trim("Expense Type"), '') AS category,
           nullif(trim("Expense Code"), '') AS category_code,
           nullif(trim("Description"), '') AS description
    FROM read_csv(?, header = true, all_varchar = true)
''', [csv_path])
n, total = con.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
con.close()
print(f'{{"rows_loaded": {n}, "amount_loaded": "{total}", "sql_seconds": {time.perf_counter() - t0:.3f}}}')
"""


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages, as uptime prints them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_measured(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, str, float]:
    """Run ``cmd``; return (wall seconds, the child's peak RSS in MB, its stdout, its CPU seconds).

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
    return wall, usage.ru_maxrss / 1024, stdout, usage.ru_utime + usage.ru_stime  # ru_maxrss: KiB


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


def bytecode_state() -> str:
    """Whether lib/'s modules have current bytecode (as ``python -m compileall -q lib``, the install
    step, leaves them): without it every CLI run compiles them first (where Python writes none)."""
    import importlib.util

    sources = sorted((ROOT / "lib").rglob("*.py"))
    current = 0
    for src in sources:
        pyc = Path(importlib.util.cache_from_source(str(src)))
        try:
            head = pyc.read_bytes()[:16]
        except OSError:
            continue
        st = src.stat()
        # A timestamp pyc records its source's mtime and size (bytes 8-16); a stale one is ignored.
        if (len(head) == 16 and int.from_bytes(head[4:8], "little") == 0
                and int.from_bytes(head[8:12], "little") == int(st.st_mtime) & 0xFFFFFFFF
                and int.from_bytes(head[12:16], "little") == st.st_size & 0xFFFFFFFF):
            current += 1
    note = "" if current == len(sources) else "  (python -m compileall -q lib compiles them, as the install does)"
    return f"{current} of {len(sources)} lib modules have current bytecode{note}"


def ensure_csv(rows: int, mix: str = "spread") -> Path:
    """The benchmark CSV for ``rows`` lines (and ``mix``: make_spend_csv.make_frame), written once
    into bench/out/ and reused."""
    if mix == "spread":
        path = make_spend_csv.OUT if rows == 1_000_000 else HERE / "out" / f"spend_{rows}.csv"
    else:
        path = HERE / "out" / f"spend_{mix}_{rows}.csv"
    if not path.exists():
        t0 = time.perf_counter()
        make_spend_csv.write_csv(path, rows, mix=mix)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    return path


def cli_ingest_cmd(csv_path: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "lib.cli", "ingest", str(csv_path), "--db", str(db_path)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Time lib.cli ingest against one DuckDB statement.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--mix", choices=("spread", "kept"), default="spread",
                    help="the file's mix (bench/make_spend_csv.py): spread, the file the target was set on "
                         "(the default), or kept, each supplier keeping to a few expense types and departments "
                         "as real ledgers' do (the store's summaries then hold fewer rows)")
    args = ap.parse_args(argv)

    csv_path = ensure_csv(args.rows, args.mix)
    csv_path.read_bytes()  # warm the page cache so the first timed run is not penalised
    print(f"file: {csv_path} ({csv_path.stat().st_size / 1e6:.0f} MB, {args.rows:,} lines)")
    load_before = load_average()
    print(f"load average before: {load_before}  ({os.cpu_count()} cores)")
    # A new store is a copy of an empty one migrated ahead (lib.store._template), built by the first
    # new store after the migrations change: say whether run 1 pays for building it.
    folder = Path(tempfile.gettempdir()) / f"spend-insight-{getattr(os, 'getuid', lambda: 0)()}"
    made = any(folder.glob("schema-*.duckdb"))
    print("bytecode: " + bytecode_state())
    print("migrated schema template: " + ("present before run 1" if made else "absent: ingest run 1 builds it"))

    runs = {"baseline": [], "ingest": []}
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        for i in range(args.repeats):
            for name in ("baseline", "ingest"):
                db = Path(tmp) / f"{name}_{i}.duckdb"
                cmd = {
                    "baseline": [sys.executable, "-c", BASELINE, str(csv_path), str(db)],
                    "ingest": cli_ingest_cmd(csv_path, db),
                }[name]
                wall, peak, stdout, cpu = run_measured(cmd)
                report = last_json(stdout)
                runs[name].append((wall, peak, report, cpu))
                print(f"  {name:8s} run {i + 1}: {wall:7.2f} s  cpu {cpu:6.2f} s  peak {peak:7.0f} MB  "
                      f"rows_loaded={report.get('rows_loaded')} amount_loaded={report.get('amount_loaded')}"
                      + (f" quarantined={report.get('rows_quarantined')}" if name == "ingest" else ""), flush=True)
                db.unlink(missing_ok=True)
                Path(str(db) + ".wal").unlink(missing_ok=True)

    base = statistics.median(r[0] for r in runs["baseline"])
    ours = statistics.median(r[0] for r in runs["ingest"])
    base_peak = max(r[1] for r in runs["baseline"])
    ours_peak = max(r[1] for r in runs["ingest"])
    ratio = ours / base
    base_cpu = statistics.median(r[3] for r in runs["baseline"])
    ours_cpu = statistics.median(r[3] for r in runs["ingest"])
    loaded = runs["ingest"][-1][2].get("rows_loaded")
    print()
    print(f"(a) one CREATE TABLE AS SELECT, same conversions: median {base:6.2f} s  cpu {base_cpu:6.2f} s  "
          f"peak RSS {base_peak:6.0f} MB")
    print(f"(b) lib.cli ingest:                               median {ours:6.2f} s  cpu {ours_cpu:6.2f} s  "
          f"peak RSS {ours_peak:6.0f} MB")
    print(f"ratio ingest / baseline: {ratio:.2f}  (target <= {TARGET_RATIO})  "
          f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(f"CPU-time ratio ingest / baseline: {ours_cpu / base_cpu:.2f}  (the same target, read off a loaded machine)")
    print(f"peak memory of ingest: {ours_peak:.0f} MB  (target < {TARGET_PEAK_MB} MB)  "
          f"{'OK' if ours_peak < TARGET_PEAK_MB else 'OVER TARGET'}")
    print(f"load average before: {load_before}   after: {load_average()}  ({os.cpu_count()} cores)")
    if loaded != args.rows:
        print(f"NOTE: ingest loaded {loaded} rows of {args.rows:,}")


if __name__ == "__main__":
    main()
