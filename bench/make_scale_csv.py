"""Write many monthly spend files for several bodies over ten financial years, for the scale benchmark.

    python bench/make_scale_csv.py --rows 2000000 --out /tmp/scale_2m/csv
    python bench/make_scale_csv.py                       # 50,000,000 lines into /work/scale/50000k/csv

One CSV per body and month, as bodies publish them (``<body>/<body>_2019-04.csv``), in the
Transparency Code layout with a ``Body Name`` column, April 2016 to March 2026. The bodies and their
shares of the lines are ``BODIES``: Lancashire's force and OPCC, two neighbouring forces and a fire
service. Suppliers come from one pool: the demo force's supplier register first (so the force's
lines link to the register, and its rings, SME shares and contract cover are computed as they would
be), then 30,000 made-up names; each body draws from the pool with a heavy tail from its own
starting point, so bodies share some suppliers and not others.

Written by DuckDB itself (``COPY (SELECT …) TO``), about a million lines a second on one core, so
fifty million lines (about 6 GB) take minutes, not an hour. Deterministic: a line's every value is
a hash of its file and line number, so the same ``--rows`` gives the same bytes; a file already
written is kept (the generation resumes where it stopped). Every line is valid: amounts like
``1,234.56`` (quoted), credit notes, a few ``£`` signs, dd/mm/yyyy dates inside the file's month,
a few redacted supplier names.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_spend_csv import DEPARTMENTS, EXPENSE_TYPES, KINDS, REDACTED, STEMS, SUFFIXES, WORDS  # noqa: E402

DEMO_SUPPLIERS = ROOT / "data" / "demo" / "suppliers.csv"
FIRST_FY = 2016
YEARS = 10  # 2016/17 .. 2025/26
MADE_UP_SUPPLIERS = 30_000
# (name, share of the lines, where in the supplier pool its heavy tail starts)
BODIES = [
    ("Lancashire Constabulary", 0.36, 0),
    ("Office of the Police and Crime Commissioner for Lancashire", 0.04, 0),
    ("Cumbria Constabulary", 0.14, 6_000),
    ("Merseyside Police", 0.30, 12_000),
    ("Lancashire Fire and Rescue Service", 0.16, 1_200),
]


def months() -> list[dt.date]:
    return [dt.date(FIRST_FY + (m + 3) // 12, (m + 3) % 12 + 1, 1) for m in range(12 * YEARS)]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def plan(rows: int) -> list[tuple[str, int, dt.date, int, int]]:
    """(body, body index, month, file number, lines) for every file: ``rows`` lines in all."""
    out, left = [], rows
    ms = months()
    for b, (body, share, _) in enumerate(BODIES):
        body_rows = left if b == len(BODIES) - 1 else round(rows * share)
        left -= body_rows
        per, extra = divmod(body_rows, len(ms))
        for i, m in enumerate(ms):
            out.append((body, b, m, b * 1000 + i, per + (1 if i < extra else 0)))
    return out


def file_path(out_dir: Path, body: str, month: dt.date) -> Path:
    return out_dir / slug(body) / f"{slug(body)}_{month:%Y-%m}.csv"


def _lst(values) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _pool(con) -> int:
    """The supplier pool (k, name, id, vat): the demo register's suppliers, then made-up ones."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE pool AS
        SELECT row_number() OVER (ORDER BY supplier_id) - 1 AS k, name, supplier_id AS id,
               coalesce(vat_number, '') AS vat
        FROM read_csv('{DEMO_SUPPLIERS}', all_varchar = true)""")
    n_demo = con.execute("SELECT count(*) FROM pool").fetchone()[0]
    con.execute(f"""
        INSERT INTO pool
        SELECT {n_demo} + i,
               {_lst(STEMS)}[1 + CAST(hash(i, 'stem') % {len(STEMS)} AS BIGINT)] || ' ' || {_lst(KINDS)}[1 + CAST(hash(i, 'kind') % {len(KINDS)} AS BIGINT)]
                   || ' ' || {_lst(SUFFIXES)}[1 + CAST(hash(i, 'suffix') % {len(SUFFIXES)} AS BIGINT)] || ' (' || i || ')',
               'X' || (100000 + i),
               CASE WHEN CAST(hash(i, 'vat') % 2 AS BIGINT) = 0 THEN 'GB' || (100000000 + CAST(hash(i, 'vatno') % 899999999 AS BIGINT)) ELSE '' END
        FROM range({MADE_UP_SUPPLIERS}) t(i)""")
    return n_demo + MADE_UP_SUPPLIERS


def _lines_sql(n_pool: int) -> str:
    """The SELECT writing one file: $body, $month, $days, $file, $n, $offset bound."""
    codes = [f"E{4000 + 10 * i}" for i in range(len(EXPENSE_TYPES))]
    u = "(CAST(hash(i, $file, '{}') % 1000000 AS BIGINT) + 0.5) / 1000000.0"
    return f"""
    WITH l AS (
        SELECT i,
               CAST((exp({u.format('who')} * ln({n_pool})) - 1 + $offset) AS BIGINT) % {n_pool} AS k,
               CAST(least(round(exp(11.0 + 1.6 * sqrt(-2 * ln({u.format('z1')})) * cos(2 * pi() * {u.format('z2')}))),
                          999999999) AS BIGINT) + 1 AS pence,
               CAST(hash(i, $file, 'x') % 10000 AS BIGINT) AS x,
               CAST(hash(i, $file, 'e') % {len(EXPENSE_TYPES)} AS BIGINT) AS e
        FROM range($n) t(i))
    SELECT $body AS "Body Name",
           strftime($month + CAST(hash(i, $file, 'day') % $days AS INTEGER), '%d/%m/%Y') AS "Date",
           CAST(CAST($file AS BIGINT) * 1000000 + i AS VARCHAR) AS "Transaction Number",
           CASE WHEN x % 50 = 7 THEN '£' ELSE '' END
               || format('{{:,.2f}}', (CASE WHEN x % 100 < 3 THEN -(pence // 10) ELSE pence END) / 100.0) AS "Amount",
           CASE WHEN x % 200 = 11 THEN '{REDACTED}' ELSE p.name END AS "Supplier Name",
           CASE WHEN x % 200 = 11 THEN NULL ELSE p.id END AS "Supplier ID",
           CASE WHEN x % 200 = 11 THEN NULL ELSE nullif(p.vat, '') END AS "VAT Registration Number",
           {_lst(DEPARTMENTS)}[1 + CAST(hash(i, $file, 'dep') % {len(DEPARTMENTS)} AS BIGINT)] AS "Department",
           {_lst(EXPENSE_TYPES)}[1 + e] AS "Expense Type",
           {_lst(codes)}[1 + e] AS "Expense Code",
           CASE WHEN x % 4 = 1 THEN {_lst(WORDS)}[1 + CAST(hash(i, $file, 'w1') % {len(WORDS)} AS BIGINT)] || ' '
                                    || {_lst(WORDS)}[1 + CAST(hash(i, $file, 'w2') % {len(WORDS)} AS BIGINT)] END AS "Description"
    FROM l JOIN pool p USING (k)
    ORDER BY i"""


def write_all(out_dir: Path, rows: int, say=print) -> list[Path]:
    """Write every file of the plan that is not there yet; return all the paths, in load order
    (month by month, each body's file in turn, as files arrive)."""
    con = duckdb.connect()
    con.execute("SET threads = 1")  # the machine is shared; one core writes a file in well under a second
    n_pool = _pool(con)
    sql = _lines_sql(n_pool)
    todo = plan(rows)
    t0, written, files = time.perf_counter(), 0, 0
    for body, b, month, file_no, n in todo:
        path = file_path(out_dir, body, month)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        tmp = path.with_suffix(".part")
        con.execute(f"COPY ({sql}) TO '{tmp}' (FORMAT csv, HEADER true)",
                    {"body": body, "month": month, "days": (nxt - month).days, "file": file_no, "n": n,
                     "offset": BODIES[b][2]})
        tmp.replace(path)
        written, files = written + n, files + 1
        if files % 60 == 0:
            say(f"  generated {written:,} lines so far ({time.perf_counter() - t0:.0f} s)")
    con.close()
    return load_order(out_dir, rows)


def next_month_file(out_dir: Path, rows: int) -> Path:
    """The first body's file for the month after the plan's last (April 2026), as large as its
    monthly files and written the same way, into ``out_dir``: a file a store loaded with the whole
    plan does not hold yet (bench_scale's load into a full store)."""
    body, b, last, _, n = [t for t in plan(rows) if t[1] == 0][-1]
    month = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    path = file_path(out_dir, body, month)
    if not path.exists():
        con = duckdb.connect()
        con.execute("SET threads = 1")
        sql = _lines_sql(_pool(con))
        path.parent.mkdir(parents=True, exist_ok=True)
        nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        tmp = path.with_suffix(".part")
        con.execute(f"COPY ({sql}) TO '{tmp}' (FORMAT csv, HEADER true)",
                    {"body": body, "month": month, "days": (nxt - month).days, "file": b * 1000 + 12 * YEARS,
                     "n": n, "offset": BODIES[b][2]})
        con.close()
        tmp.replace(path)
    return path


def load_order(out_dir: Path, rows: int) -> list[Path]:
    """Every file of the plan, month by month and each body's file in turn, as files arrive."""
    order = sorted(plan(rows), key=lambda t: (t[2], t[1]))
    return [file_path(out_dir, body, month) for body, _, month, _, _ in order]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=50_000_000)
    ap.add_argument("--out", type=Path, help="folder (default /work/scale/<rows/1000>k/csv)")
    args = ap.parse_args(argv)
    out = args.out or Path("/work/scale") / f"{args.rows // 1000}k" / "csv"
    t0 = time.perf_counter()
    paths = write_all(out, args.rows)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {args.rows:,} lines, {size / 1e9:.2f} GB in {out} ({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
