"""Scale benchmark: fifty million lines over several bodies and ten years, in one store on disk.

    nice -n 10 python bench/bench_scale.py --rows 2000000          # a quick look (minutes)
    nice -n 10 python bench/bench_scale.py                         # 50,000,000 lines (hours; resumable)
    python bench/bench_scale.py --pages-only                       # the pages again, on the store as it is
    python bench/bench_scale.py --pages-only --db COPY --page map  # one page, on a copy of a store

Steps, each skipped when already done, so a run stopped part way carries on where it stopped:

1. The files (bench/make_scale_csv.py): one CSV per body and month, April 2016 to March 2026, five
   bodies, ``--rows`` lines in all, with a ``Body Name`` column, under ``--dir`` (default
   ``/work/scale/<rows/1000>k/``; never inside the repository: 50M lines are about 6.5 GB).
2. The store: a copy of the demo force's store (postcode reference, registers, its own seven years;
   built once with ``python -m lib.cli demo``), then every file loaded through the product's own
   path, ``python -m lib.cli ingest FILE ...`` in subprocesses of ``--chunk`` files each, month by
   month. A file whose name is already a batch is not sent again (the store would skip it by its
   SHA-256 anyway, after reading it). Each chunk's wall time, CPU time and peak RSS go to
   ``load_log.jsonl`` beside the store, so the total load time survives a restart.
3. The ingest ratio at this size (``--one-more`` alone: one monthly file the store does not hold
   yet, into a copy of it, beside the same file into a new store and the single statement): bench_ingest's single-statement baseline (one ``CREATE TABLE AS
   SELECT … FROM read_csv(…)``, the same conversions as plain SQL) for one monthly file and for the
   whole set of files, beside ``lib.cli ingest`` of the same monthly file into a new store and the
   total load time of step 2 (which also pays what a store of tens of millions of lines costs each
   file: the overlap check, the derived refresh).
4. Every staff page run whole through Streamlit's AppTest against the store, staff mode, default
   filters: the first render with every cache cleared, then a rerun; every query the page ran
   (recorded at the cursor: SQL, parameters, time in the page including the fetch) beside DuckDB's
   own time for the same SQL and parameters run again on a plain cursor (``fetchall``). Peak memory
   of this process and of the loads; the machine's load average at each step.

Targets (issue 13): every page's first render under 1 s; the ingest ratio of bench_ingest (<= 1.5)
held at this size; memory under 8 GB. Prints; never asserts.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import make_scale_csv  # noqa: E402
from bench_ingest import BASELINE, cli_ingest_cmd, last_json, load_average, run_measured  # noqa: E402

PAGE_TARGET_MS = 1000.0
PEAK_TARGET_MB = 8 * 1024
RATIO_TARGET = 1.5
# The baseline names the Body column as bench_ingest's file has it; these files say "Body Name".
SCALE_BASELINE = BASELINE.replace('trim("Body")', 'trim("Body Name")')
# Staff pages, as app.py lists them (sign-in is not a page a signed-in person sees).
PAGES = ["overview", "transactions", "suppliers", "supplier_review", "worklist", "map", "rings", "peers", "scorecard",
         "contracts", "savings_social_value", "contract_register", "targets", "upload", "data", "bodies",
         "redactions", "publish", "transparency", "spend_list"]


def say(text: str = "") -> None:
    print(text, flush=True)


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.0f} MB" if n_bytes < 2**30 else f"{n_bytes / 2**30:,.2f} GB"


def store_size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(str(db) + ".wal")) if p.exists())


# ---------------------------------------------------------------- the store and its load


def demo_store(path: Path) -> Path:
    """The demo force's store (built once: the postcode reference, registers and seven years)."""
    if not path.exists():
        say(f"building the demo store {path} (a few minutes) ...")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lib.cli", "demo", "--db", str(path)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        say(f"  built in {time.perf_counter() - t0:.0f} s")
    return path


def loaded_names(db: Path) -> set[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT file_name FROM batches WHERE kind = 'spend'").fetchall()}
    finally:
        con.close()


def read_log(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()] if log.exists() else []


def load(db: Path, files: list[Path], chunk: int, log: Path) -> None:
    """Send every file not yet a batch through ``lib.cli ingest``, ``chunk`` files a process."""
    done = loaded_names(db)
    todo = [p for p in files if p.name not in done]
    say(f"load: {len(files) - len(todo)} of {len(files)} files already in the store; {len(todo)} to go")
    for i in range(0, len(todo), chunk):
        part = todo[i:i + chunk]
        before = load_average()
        cmd = [sys.executable, "-m", "lib.cli", "ingest", *map(str, part), "--db", str(db)]
        try:
            wall, peak, stdout, cpu = run_measured(cmd)
        except RuntimeError as e:
            say(f"  ingest failed: {e}")
            raise SystemExit(1) from None
        reports = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        rows = sum(r.get("rows_loaded") or 0 for r in reports)
        bad = [r for r in reports if r.get("error") or r.get("skipped") or r.get("rows_quarantined")]
        entry = {"files": len(part), "rows": rows, "wall": round(wall, 2), "cpu": round(cpu, 2),
                 "peak_mb": round(peak), "load_before": before, "load_after": load_average(),
                 "first": part[0].name, "at": time.strftime("%H:%M:%S"),
                 "store_bytes": store_size(db), "problems": bad[:3]}
        with log.open("a") as fh:
            fh.write(json.dumps(entry) + "\n")
        say(f"  {i + len(part):4d}/{len(todo)} files  {rows:>9,} lines in {wall:6.1f} s (cpu {cpu:5.1f} s, "
            f"{rows / wall:,.0f} lines/s)  peak {peak:,.0f} MB  store {mb(entry['store_bytes'])}  "
            f"load avg {entry['load_after']}" + (f"  PROBLEMS {bad[:2]}" if bad else ""))


# ---------------------------------------------------------------- a store filled by copying


def fill_by_copy(db: Path, out: Path, rows: int, csv_dir: Path) -> Path:
    """``out``: the store at ``db`` with each file of the plan not loaded yet stood in for by a copy
    of a loaded batch's lines (the same body's when there is one, else the largest batch), moved to
    the file's month and body, as one batch named after the file. For the pages at full size when the
    load through the CLI could not finish in the time there was: the lines are the CLI's own, only
    their dates and body are moved. One INSERT, then the one derived refresh (lib.store.refresh)."""
    import duckdb

    from lib import store

    if out.exists():
        return out
    tmp = out.with_suffix(".part")
    shutil.copyfile(db, tmp)
    con = duckdb.connect(str(tmp))
    loaded = con.execute("""SELECT b.file_name, b.batch_id, b.rows_loaded, min(t.body),
                                   CAST(date_trunc('month', min(t.period_start)) AS DATE)
                            FROM batches b JOIN transactions t USING (batch_id)
                            WHERE b.kind = 'spend' AND NOT b.is_demo GROUP BY ALL""").fetchall()
    by_name = {r[0]: r for r in loaded}
    by_body: dict[str, list] = {}
    for r in loaded:
        by_body.setdefault(r[3], []).append(r)
    largest = max(loaded, key=lambda r: r[2])
    plan = [(body, month, make_scale_csv.file_path(csv_dir, body, month).name)
            for body, _, month, _, _ in make_scale_csv.plan(rows)]
    todo = [(body, month, name) for body, month, name in plan if name not in by_name]
    first = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchone()[0]
    maps = []
    for i, (body, month, name) in enumerate(todo):
        same = by_body.get(body) or [largest]
        tpl = same[i % len(same)]
        shift = (month.year - tpl[4].year) * 12 + month.month - tpl[4].month
        maps.append((first + i, tpl[1], shift, body, "copy of " + name, tpl[2]))
    con.execute("CREATE TEMP TABLE fill (batch_id INTEGER, template INTEGER, shift INTEGER, body VARCHAR, "
                "file_name VARCHAR, n INTEGER)")
    con.executemany("INSERT INTO fill VALUES (?, ?, ?, ?, ?, ?)", maps)
    t0 = time.perf_counter()
    con.execute("BEGIN")
    con.execute("""INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded,
                       rows_quarantined, rows_total_lines)
                   SELECT batch_id, 'spend', file_name, 'copy-' || batch_id, n, n, 0, 0 FROM fill""")
    con.execute("""INSERT INTO transactions (batch_id, sheet, row_number, body, payment_date, period_start, fy,
                       fy_start, amount, irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id,
                       vat_number, department, category, category_code, description, transaction_ref)
                   SELECT batch_id, sheet, row_number, body, d, ps, fy_label(fy_start_of(ps)), fy_start_of(ps),
                          amount, irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id,
                          vat_number, department, category, category_code, description, transaction_ref
                   FROM (SELECT f.batch_id, t.sheet, t.row_number, f.body,
                                CAST(t.payment_date + f.shift * INTERVAL 1 MONTH AS DATE) AS d,
                                CAST(t.period_start + f.shift * INTERVAL 1 MONTH AS DATE) AS ps,
                                t.amount, t.irrecoverable_vat, t.supplier_name, t.supplier_key, t.is_redacted,
                                t.supplier_id, t.vat_number, t.department, t.category, t.category_code,
                                t.description, t.transaction_ref || '-' || f.batch_id AS transaction_ref
                         FROM fill f JOIN transactions t ON t.batch_id = f.template)""")
    # the ids were given here: the sequence is moved past them, or the next load draws one in use
    con.execute("SELECT max(nextval('batch_seq')) FROM range(?)", [first + len(todo)])
    con.execute("COMMIT")
    n = con.execute("SELECT count(*) FROM transactions").fetchone()[0]
    con.close()
    say(f"filled by copy: {len(todo)} files stood in for, {n:,} lines in the store, {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    store.refresh(tmp)  # links, cover, summary: as a bulk load ends
    store.close(tmp)
    say(f"  derived refresh after the copy: {time.perf_counter() - t0:.0f} s")
    tmp.replace(out)
    return out


# ---------------------------------------------------------------- the ingest ratio


def ratio(files: list[Path], whole: bool, log: list[dict]) -> None:
    """bench_ingest's single-statement baseline against the product's ingest, one file and all."""
    one = max(files, key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        base_db, ours_db = Path(tmp) / "base.duckdb", Path(tmp) / "ours.duckdb"
        b_wall, b_peak, b_out, b_cpu = run_measured([sys.executable, "-c", SCALE_BASELINE, str(one), str(base_db)])
        o_wall, o_peak, o_out, o_cpu = run_measured(cli_ingest_cmd(one, ours_db))
    b_rows, o_rows = last_json(b_out).get("rows_loaded"), last_json(o_out).get("rows_loaded")
    say(f"one monthly file ({one.name}, {one.stat().st_size / 1e6:.0f} MB):")
    say(f"  (a) one CREATE TABLE AS SELECT: {b_wall:6.2f} s  cpu {b_cpu:6.2f} s  peak {b_peak:,.0f} MB  rows {b_rows}")
    say(f"  (b) lib.cli ingest, new store:  {o_wall:6.2f} s  cpu {o_cpu:6.2f} s  peak {o_peak:,.0f} MB  rows {o_rows}")
    say(f"  ratio {o_wall / b_wall:.2f} (cpu {o_cpu / b_cpu:.2f})  target <= {RATIO_TARGET}")
    if log:
        last = log[-1]
        say(f"  the same size of file into the full store, last chunk of the load: "
            f"{last['wall'] / last['files']:.2f} s a file ({last['rows'] / last['wall']:,.0f} lines/s)")
    if not whole:
        return
    pattern = str(files[0].parent.parent / "*" / "*.csv")
    size = sum(p.stat().st_size for p in files)
    with tempfile.TemporaryDirectory(prefix="bench_scale_", dir=files[0].parent.parent.parent) as tmp:
        b_wall, b_peak, b_out, b_cpu = run_measured([sys.executable, "-c", SCALE_BASELINE, pattern,
                                                     str(Path(tmp) / "base.duckdb")])
    total_wall = sum(e["wall"] for e in log)
    total_cpu = sum(e["cpu"] for e in log)
    say(f"the whole set ({len(files)} files, {size / 1e9:.2f} GB):")
    say(f"  (a) one CREATE TABLE AS SELECT over all files: {b_wall:7.1f} s  cpu {b_cpu:7.1f} s  "
        f"peak {b_peak:,.0f} MB  rows {last_json(b_out).get('rows_loaded')}")
    say(f"  (b) lib.cli ingest, file by file (load_log):  {total_wall:7.1f} s  cpu {total_cpu:7.1f} s  "
        f"peak {max((e['peak_mb'] for e in log), default=0):,} MB")
    say(f"  ratio {total_wall / b_wall:.2f} (cpu {total_cpu / b_cpu:.2f})  target <= {RATIO_TARGET}")


def into_full_store(db: Path, base: Path, rows: int) -> None:
    """One monthly file more into the store as it stands (a copy of it), beside the same file into a
    new store and bench_ingest's single statement: what a file costs once the store holds
    everything, and the ingest ratio there. The file is the first body's for the month after the
    plan (make_scale_csv.next_month_file), so the store does not hold it yet."""
    one = make_scale_csv.next_month_file(base / "extra", rows)
    copy = base / "one_more.duckdb"
    for suffix in ("", ".wal"):
        if Path(str(db) + suffix).exists():
            shutil.copyfile(str(db) + suffix, str(copy) + suffix)
            # on disk before the load is timed: else the load's commit (its fsync) waits for the
            # copy's gigabytes still in the page cache, a cost no real store pays
            with open(str(copy) + suffix, "rb+") as f:
                os.fsync(f.fileno())
    try:
        with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
            before = load_average()
            runs = {
                "(a) one CREATE TABLE AS SELECT, new file": run_measured(
                    [sys.executable, "-c", SCALE_BASELINE, str(one), str(Path(tmp) / "base.duckdb")]),
                "(b) lib.cli ingest, new store": run_measured(cli_ingest_cmd(one, Path(tmp) / "ours.duckdb")),
                "(c) lib.cli ingest, this store": run_measured(cli_ingest_cmd(one, copy)),
            }
        n = duckdb_count(copy)
    finally:
        for suffix in ("", ".wal"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        shutil.rmtree(str(copy) + ".tmp", ignore_errors=True)
    say(f"one monthly file more ({one.name}, {one.stat().st_size / 1e6:.0f} MB) into the store of "
        f"{n - (last_json(runs['(c) lib.cli ingest, this store'][2]).get('rows_loaded') or 0):,} lines "
        f"(load average {before}, then {load_average()}):")
    for name, (wall, peak, out, cpu) in runs.items():
        got = last_json(out)
        say(f"  {name:42s} {wall:6.2f} s  cpu {cpu:6.2f} s  peak {peak:,.0f} MB  rows {got.get('rows_loaded')}"
            + ("  SKIPPED" if got.get("skipped") else ""))
    (bw, _, _, bc), (fw, _, _, fc), (sw, _, _, sc) = runs.values()
    say(f"  ratio into this store / single statement: {sw / bw:.2f} (cpu {sc / bc:.2f}); into a new store: "
        f"{fw / bw:.2f} (cpu {fc / bc:.2f}); this store / new store: {sw / fw:.2f} (cpu {sc / fc:.2f})  "
        f"target <= {RATIO_TARGET}")


def duckdb_count(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM transactions").fetchone()[0]
    finally:
        con.close()


# ---------------------------------------------------------------- the pages and their queries


class _Recorder:
    """Every statement run through the store's connections: (sql, params, ms in the page)."""

    def __init__(self):
        self.calls: list[list] = []
        self.on = False

    def add(self, sql, params, ms):
        if self.on:
            self.calls.append([sql, params, ms])

    def more(self, ms):
        if self.on and self.calls:
            self.calls[-1][2] += ms


REC = _Recorder()


def _timed_fetch(fetch_fn):
    """``fetch_fn`` with its time added to the statement being recorded (a fetch is part of a query's cost)."""
    def fetch(*a, **k):
        t0 = time.perf_counter()
        try:
            return fetch_fn(*a, **k)
        finally:
            REC.more((time.perf_counter() - t0) * 1000)
    return fetch


class _Traced:
    """A DuckDB connection or cursor that records each execute (and the fetch after it)."""

    _FETCH = ("fetchone", "fetchall", "fetchmany", "fetchdf", "df", "fetchnumpy", "fetch_arrow_table", "arrow",
              "pl", "fetch_df", "fetch_record_batch")

    def __init__(self, real):
        object.__setattr__(self, "_real", real)

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        return _timed_fetch(attr) if name in self._FETCH else attr

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)

    def execute(self, sql, params=None):
        t0 = time.perf_counter()
        out = self._real.execute(sql, params) if params is not None else self._real.execute(sql)
        REC.add(sql, params, (time.perf_counter() - t0) * 1000)
        return self if out is self._real else out

    def sql(self, query, **kw):  # a relation, run lazily: its time is added when it is fetched
        t0 = time.perf_counter()
        out = self._real.sql(query, **kw)
        REC.add(query, kw.get("params"), (time.perf_counter() - t0) * 1000)
        return _TracedRelation(out) if out is not None else out

    def cursor(self):
        return _Traced(self._real.cursor())


class _TracedRelation:
    """A DuckDB relation whose fetch (to_arrow_table, df, fetchall, ...) adds its time to the statement
    that made it (the lazy relation itself costs nothing until then)."""

    _FETCH = _Traced._FETCH + ("to_arrow_table", "to_df", "fetch_arrow_reader")

    def __init__(self, real):
        object.__setattr__(self, "_real", real)

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        return _timed_fetch(attr) if name in self._FETCH else attr


def trace_store() -> None:
    """Hand out traced connections from lib.store.connect, which every page's cursor comes from."""
    from lib import store

    real_connect = store.connect

    def connect(path=None):
        return _Traced(real_connect(path))

    store.connect = connect


def duckdb_ms(cur, sql: str, params) -> float | None:
    """DuckDB's own time for ``sql`` (execute and fetchall on a plain cursor); None for a write."""
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    if head not in ("SELECT", "WITH", "FROM", "(", "SUMMARIZE", "DESCRIBE", "PRAGMA", "VALUES"):
        return None
    t0 = time.perf_counter()
    try:
        cur.execute(sql, params).fetchall() if params is not None else cur.execute(sql).fetchall()
    except Exception:  # noqa: BLE001 - a temp table of the page's own, say: not comparable
        return None
    return (time.perf_counter() - t0) * 1000


def pages(db: Path, only: list[str] | None, top: int) -> dict[str, float]:
    """Each page's first render (every cache cleared) and rerun, and the queries behind it."""
    os.environ.update(SPEND_DB=str(db), SPEND_NO_DEMO="1", SPEND_ALLOW_OPEN_STAFF="1")
    import streamlit as st
    import streamlit.runtime.scriptrunner.script_runner as script_runner
    from streamlit.testing.v1 import AppTest

    from lib import store

    class NavigationOnly(script_runner.PagesManager):
        uses_pages_directory = False  # as tests/pages do: AppTest would otherwise run a page alone

    script_runner.PagesManager = NavigationOnly
    store.IDLE_CLOSE = 3600.0  # keep the one connection open between pages: the bench is the only user
    trace_store()
    trivial = AppTest.from_string("import streamlit as st\nst.write('hello')")
    trivial.run()
    t0 = time.perf_counter()
    trivial.run()
    say(f"baseline  a one-line Streamlit script through AppTest: {(time.perf_counter() - t0) * 1000:.0f} ms")

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    t0 = time.perf_counter()
    at.run()  # opens the store (migrations, derived refresh) once, as the server's first visitor does
    say(f"app's first run (store opened, Overview): {(time.perf_counter() - t0) * 1000:,.0f} ms")
    plain = duckdb_cursor(db)
    firsts = {}
    for name in only or PAGES:
        page = f"pages/{name}.py"
        at.switch_page(page)
        st.cache_data.clear()
        REC.calls, REC.on = [], True
        t0, c0 = time.perf_counter(), time.process_time()
        at.run()
        first, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        REC.on = False
        calls = REC.calls
        t0 = time.perf_counter()
        at.run()
        rerun = (time.perf_counter() - t0) * 1000
        errors = [str(e.value)[:200] for e in at.exception]
        in_page = sum(c[2] for c in calls)
        own = [duckdb_ms(plain, c[0], c[1]) for c in calls]
        own_sum = sum(x for x in own if x is not None)
        firsts[name] = first
        say(f"{name:22s} first render {first:8,.0f} ms (cpu {cpu:7,.0f} ms)  rerun {rerun:7,.0f} ms  {len(calls):3d} statements "
            f"{in_page:8,.0f} ms in the page, DuckDB alone {own_sum:8,.0f} ms  "
            f"{'OK' if first < PAGE_TARGET_MS else 'OVER TARGET'}" + (f"  EXCEPTION {errors}" if errors else ""))
        ranked = sorted(zip(calls, own), key=lambda t: -t[0][2])[:top]
        for (sql, params, ms), alone in ranked:
            if ms < 50:
                break
            text = " ".join(sql.split())
            say(f"    {ms:8,.0f} ms (DuckDB alone {'-' if alone is None else f'{alone:,.0f}'} ms)  {text[:150]}")
    if "contracts" in (only or PAGES):
        review_tab(plain)
    plain.close()
    return firsts


def review_tab(cur) -> None:
    """The Contracts page's review list tab, worked out only when opened (its first view): the
    function it calls, for the year the page opens on, cold (no cache) and again."""
    from lib import queries
    from lib.filters import Filters
    from lib.scorecard import contracts

    fy = (queries.financial_years(cur) or [None])[0]
    for run in ("first", "again"):
        t0, c0 = time.perf_counter(), time.process_time()
        r = contracts.review(cur, Filters(fy=fy), contracts.REVIEW_SHOWN)
        ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        say(f"contracts review tab ({fy}, {r['pairs']:,} pairs) {run}: {ms:8,.0f} ms (cpu {cpu:7,.0f} ms)  "
            f"{'OK' if ms < PAGE_TARGET_MS else 'OVER TARGET'}")


def duckdb_cursor(db: Path):
    from lib import store

    con = store.connect(db)
    return con._real.cursor() if isinstance(con, _Traced) else con.cursor()


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Fifty million lines: load, store size, ingest ratio, page renders.")
    ap.add_argument("--rows", type=int, default=50_000_000)
    ap.add_argument("--dir", type=Path, help="where the files and the store go (default /work/scale/<rows/1000>k)")
    ap.add_argument("--demo", type=Path, default=Path("/work/scale/demo_base.duckdb"),
                    help="the demo store to start from (built there if missing)")
    ap.add_argument("--chunk", type=int, default=20, help="files per lib.cli ingest process")
    ap.add_argument("--pages-only", action="store_true", help="only the pages, on the store as it is")
    ap.add_argument("--existing", action="store_true",
                    help="write no files: load those already written (while make_scale_csv.py writes the rest)")
    ap.add_argument("--no-pages", action="store_true")
    ap.add_argument("--fill-by-copy", action="store_true",
                    help="time the pages on a copy of the store with every file not loaded yet stood in for "
                         "by copied lines (filled.duckdb), when the CLI load could not finish")
    ap.add_argument("--no-ratio", action="store_true", help="skip the single-statement baselines")
    ap.add_argument("--one-more", action="store_true",
                    help="only this: one monthly file more into a copy of the store, against the single statement")
    ap.add_argument("--whole-baseline", action="store_true",
                    help="also the baseline over the whole set of files (minutes at 50M)")
    ap.add_argument("--page", action="append", help="only this page (repeatable): overview, map, ...")
    ap.add_argument("--db", type=Path, help="with --pages-only: the pages on this store (a copy: it is migrated and "
                                            "refreshed on opening) instead of --dir's store.duckdb")
    ap.add_argument("--top", type=int, default=3, help="slowest queries shown per page")
    args = ap.parse_args(argv)

    base = args.dir or Path("/work/scale") / f"{args.rows // 1000}k"
    db = args.db if args.db and args.pages_only else base / "store.duckdb"
    log = base / "load_log.jsonl"
    say(f"load average at start: {load_average()}  ({os.cpu_count()} cores)")
    if args.one_more:
        into_full_store(db, base, args.rows)
        return
    if not args.pages_only:
        t0 = time.perf_counter()
        if args.existing:
            files = [p for p in make_scale_csv.load_order(base / "csv", args.rows) if p.exists()]
        else:
            files = make_scale_csv.write_all(base / "csv", args.rows, say=say)
        size = sum(p.stat().st_size for p in files)
        say(f"files: {len(files)} ({size / 1e9:.2f} GB) in {base / 'csv'}, ready in {time.perf_counter() - t0:.0f} s")
        if not db.exists():
            shutil.copyfile(demo_store(args.demo), db)
        load(db, files, args.chunk, log)
        entries = read_log(log)
        say(f"loaded: {sum(e['rows'] for e in entries):,} lines in {len(entries)} processes, "
            f"{sum(e['wall'] for e in entries):,.0f} s wall, {sum(e['cpu'] for e in entries):,.0f} s cpu, "
            f"peak RSS {max((e['peak_mb'] for e in entries), default=0):,} MB")
        if not args.no_ratio:
            ratio(files, args.whole_baseline, entries)

    import duckdb

    if args.fill_by_copy:
        db = fill_by_copy(db, base / "filled.duckdb", args.rows, base / "csv")
    con = duckdb.connect(str(db), read_only=True)
    n, bodies, years, batches = con.execute(
        "SELECT count(*), count(DISTINCT body), count(DISTINCT fy), count(DISTINCT batch_id) FROM transactions").fetchone()
    con.close()
    say(f"store: {db}  {mb(store_size(db))}  {n:,} transactions, {bodies} bodies, {years} financial years, "
        f"{batches} batches; load average {load_average()}")
    if args.no_pages:
        return
    firsts = pages(db, args.page, args.top)
    over = [k for k, v in firsts.items() if v >= PAGE_TARGET_MS]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    say(f"pages over {PAGE_TARGET_MS:.0f} ms at first render: {', '.join(over) or 'none'}; "
        f"median first render {statistics.median(firsts.values()):,.0f} ms")
    say(f"peak memory of the page process: {mb(peak)} (target < {mb(PEAK_TARGET_MB * 2**20)}); "
        f"load average {load_average()}")


if __name__ == "__main__":
    main()
