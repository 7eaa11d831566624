"""Geography benchmark: the postcode reference build, ring classification of 100,000 supplier
postcodes, the district shapes, and the Map page's queries on a million transactions paid to
20,000 suppliers.

    python bench/bench_geo.py                       # builds bench/out/geo_1m.duckdb once, then reuses it
    python bench/bench_geo.py --rows 200000 --suppliers 5000 --repeats 3

Each figure is printed beside a baseline measured in the same run, on the same machine:

| measures | baseline | target |
| --- | --- | --- |
| ``build_reference`` into a fresh store (Code-Point Open, 1.7M postcodes) | DuckDB ``read_csv`` of the same CSVs into a table | < 60 s |
| ``compute_shapes`` (district shapes) | reading the region's postcode points | a few seconds |
| ``classify`` of 100,000 postcodes as people type them (spaces, case, outward codes, junk) | a plain DuckDB join of 100,000 clean postcodes to the reference | < 2 s |
| every query the Map page makes, cold (no cache), 1M transactions, 20,000 suppliers (``map_data`` + ``ring_targets``; each single query printed too) | ``SELECT sum(amount) FROM transactions`` | < 1.5 s in all |

The synthetic store: the reference, a register of ``--suppliers`` suppliers on real postcodes
(about 60% in the North West, 3% with none), and ``--rows`` transactions over seven years spread
across them by a hash (2% to names not in the register), linked and located by lib.suppliers as a
load would. Deterministic. Prints; never asserts.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

OUT = HERE / "out"
TARGETS = {"reference": 60.0, "classify": 2.0, "map_page": 1.5}


def median_s(fn, repeats: int, warm: bool = True) -> float:
    if warm:
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def line(name: str, secs: float, base: float | None = None, target: float | None = None) -> None:
    ratio = f"{secs / base:7.1f}x baseline" if base else " " * 18
    tgt = "" if target is None else f"  target < {target:g} s: {'ok' if secs < target else 'MISSED'}"
    print(f"  {name:<44} {secs * 1000:10.1f} ms  {ratio}{tgt}", flush=True)


# ---- 1. the reference ---------------------------------------------------------------------

def bench_reference(tmp: Path) -> Path:
    """Build the reference into a fresh store; return the store (reused below)."""
    import duckdb

    from lib import store
    from lib.geo.postcodes import build_reference, codepoint_zip

    src = codepoint_zip()
    with tempfile.TemporaryDirectory(prefix="codepo-bench-") as d:
        t0 = time.perf_counter()
        with zipfile.ZipFile(src) as z:
            for n in z.namelist():
                if n.startswith("Data/CSV/") and n.endswith(".csv"):
                    z.extract(n, d)
        con = duckdb.connect(str(Path(d) / "base.duckdb"))
        con.execute("CREATE TABLE p AS SELECT * FROM read_csv(?, header=false)", [str(Path(d) / "Data/CSV/*.csv")])
        con.close()
        base = time.perf_counter() - t0
    path = tmp / "reference.duckdb"
    t0 = time.perf_counter()
    build_reference(path)
    secs = time.perf_counter() - t0
    store.close(path)
    print("Postcode reference (Code-Point Open)")
    line("baseline: unzip + DuckDB read_csv into a table", base)
    line("build_reference (fresh store)", secs, base, TARGETS["reference"])
    return path


# ---- 2. shapes ----------------------------------------------------------------------------

def bench_shapes(ref: Path, repeats: int) -> None:
    from lib import store
    from lib.geo.shapes import compute_shapes

    cur = store.cursor(ref)
    base = median_s(lambda: cur.execute(
        "SELECT easting, northing, district_code FROM postcodes WHERE quality <> 90 AND easting BETWEEN 250000 "
        "AND 450000 AND northing BETWEEN 300000 AND 620000 ORDER BY postcode").fetchnumpy(), repeats)
    shapes = None

    def run():
        nonlocal shapes
        shapes = compute_shapes(cur)
    secs = median_s(run, max(1, repeats // 2), warm=False)
    print(f"District shapes ({len(shapes)} districts, {int(shapes['vertices'].sum()):,} vertices)")
    line("baseline: read the region's postcode points", base)
    line("compute_shapes", secs, base)


# ---- 3. classify --------------------------------------------------------------------------

def sample_inputs(cur, n: int) -> list[str]:
    """``n`` postcodes as people type them: a deterministic sample in mixed forms."""
    pcs = [r[0] for r in cur.execute(
        "SELECT postcode FROM postcodes ORDER BY hash(postcode) LIMIT ?", [n]).fetchall()]
    out = []
    for i, pc in enumerate(pcs):
        k = i % 10
        out.append(pc.lower().replace(" ", "") if k in (0, 1, 2) else f"  {pc} " if k == 3
                   else pc.split(" ")[0] if k == 4 else "not a postcode" if k == 5 and i % 40 == 5 else pc)
    return out


def bench_classify(ref: Path, n: int, repeats: int) -> None:
    import pandas as pd

    from lib import store
    from lib.geo.postcodes import classify

    cur = store.cursor(ref)
    values = sample_inputs(cur, n)
    clean = pd.DataFrame({"postcode": [r[0] for r in cur.execute(
        "SELECT postcode FROM postcodes ORDER BY hash(postcode) LIMIT ?", [n]).fetchall()]})

    def baseline():
        cur.register("_clean", clean)
        cur.execute("SELECT c.postcode, p.district_code, d.ring, p.lat, p.lon FROM _clean c "
                    "LEFT JOIN postcodes p USING (postcode) LEFT JOIN districts d USING (district_code)").df()
        cur.unregister("_clean")

    base = median_s(baseline, repeats)
    secs = median_s(lambda: classify(values, cur=cur), repeats)
    print(f"Ring classification of {n:,} supplier postcodes")
    line("baseline: DuckDB join of clean postcodes", base)
    line("classify (normalise + validate + place)", secs, base, TARGETS["classify"])


# ---- 4. the map page on a million transactions ---------------------------------------------

DEPARTMENTS = ["ICT", "Fleet", "Estates", "Operations", "Custody", "Forensics", "Training", "HR",
               "Finance", "Legal", "Communications", "OPCC"]


def build_spend_store(path: Path, ref: Path, rows: int, n_suppliers: int) -> Path:
    """The reference plus a register of ``n_suppliers`` and ``rows`` transactions (built once)."""
    from lib import store, suppliers

    if path.exists():
        cur = store.cursor(path)
        got = cur.execute("SELECT (SELECT count(*) FROM transactions), (SELECT count(*) FROM supplier_register)").fetchone()
        cur.close()
        if got == (rows, n_suppliers):
            return path
        store.close(path)
        path.unlink()
        Path(str(path) + ".wal").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ref, path)
    t0 = time.perf_counter()
    with store.write(path) as cur:
        cur.execute(
            """INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded, rows_quarantined,
                   rows_total_lines) VALUES (1, 'suppliers', 'bench_register.csv', 'bench-r', ?, ?, 0, 0),
                   (2, 'spend', 'bench_spend.csv', 'bench-s', ?, ?, 0, 0)""",
            [n_suppliers, n_suppliers, rows, rows])
        nw = int(n_suppliers * 0.6)
        cur.execute(
            """INSERT INTO supplier_register (batch_id, sheet, row_number, name, supplier_key, postcode)
               WITH nw AS (SELECT postcode FROM postcodes JOIN districts USING (district_code)
                           WHERE ring IN ('Lancashire', 'North West') AND quality <> 90
                           ORDER BY hash(postcode) LIMIT ?),
                    uk AS (SELECT postcode FROM postcodes JOIN districts USING (district_code)
                           WHERE ring = 'Rest of UK' AND quality <> 90 ORDER BY hash(postcode) LIMIT ?),
                    pcs AS (SELECT postcode, row_number() OVER (ORDER BY hash(postcode || 'x')) AS i
                            FROM (SELECT * FROM nw UNION ALL SELECT * FROM uk))
               SELECT 1, '', i + 1, 'Supplier ' || i || ' Ltd', 'SUPPLIER ' || i,
                      CASE WHEN i % 33 = 0 THEN NULL WHEN i % 5 = 0 THEN lower(replace(postcode, ' ', ''))
                           ELSE postcode END
               FROM pcs""",
            [nw, n_suppliers - nw])
        cur.execute(
            """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start, amount,
                   supplier_name, supplier_key, is_redacted, department, category, description)
               WITH g AS (
                   SELECT n, DATE '2017-04-01' + CAST(n % 2555 AS INTEGER) AS d,
                          hash(n) % ? AS s, hash(n * 7 + 1) AS h
                   FROM range(?) t(n))
               SELECT 2, '', n + 2, d, d,
                      CAST(year(d) - (month(d) < 4)::INTEGER AS VARCHAR) || '/' ||
                          lpad(CAST((year(d) - (month(d) < 4)::INTEGER + 1) % 100 AS VARCHAR), 2, '0'),
                      year(d) - (month(d) < 4)::INTEGER,
                      CAST((h % 2000000) / 100.0 + 500 AS DECIMAL(14,2)),
                      'Supplier ' || s || ' Ltd', 'SUPPLIER ' || s, FALSE,
                      list_extract(?, CAST(h % 12 AS INTEGER) + 1),
                      'Category ' || CAST(s % 70 AS VARCHAR), 'bench'
               FROM g""",
            [int(n_suppliers * 1.02), rows, DEPARTMENTS])
        suppliers.refresh(cur)
    print(f"  (built {path.name}: {rows:,} transactions, {n_suppliers:,} suppliers in {time.perf_counter() - t0:.1f} s)")
    store.close(path)
    return path


def bench_map_page(path: Path, repeats: int) -> None:
    from lib import maps, store
    from lib.filters import Filters
    from lib.geo import queries as gq
    from lib.geo.shapes import build_shapes, load_shapes

    build_shapes(path)
    cur = store.cursor(path)
    fy = cur.execute("SELECT max(fy) FROM transactions").fetchone()[0]
    n_tx, n_sup = cur.execute("SELECT count(*), (SELECT count(*) FROM suppliers_current) FROM transactions").fetchone()
    base = median_s(lambda: cur.execute("SELECT sum(amount) FROM transactions").fetchone(), repeats)
    district = {}

    def first_district(f):
        rows = gq.spend_by_district(cur, f)
        rows = rows[rows["district_code"].notna()]
        district[f] = rows["district_code"].iloc[0] if len(rows) else "E07000123"
        return rows

    for label, f in (("no filters", Filters()), (f"latest FY {fy}", Filters(fy=fy))):
        first_district(f)
        page = {  # what pages/map.py asks, through the cache, on a first render
            "map_data (rings, districts, supplier points)": lambda: gq.map_data(cur, f),
            "ring_targets": lambda: gq.ring_targets(cur, f.fy),
        }
        single = {  # the same answers one function at a time (other callers use these)
            "spend_by_ring": lambda: gq.spend_by_ring(cur, f),
            "spend_by_district": lambda: gq.spend_by_district(cur, f),
            "supplier_points": lambda: gq.supplier_points(cur, f),
            "district_suppliers": lambda: gq.district_suppliers(cur, f, district[f]),
        }
        print(f"Map page queries, {n_tx:,} transactions, {n_sup:,} suppliers, {label} (cold, no cache)")
        line("baseline: SELECT sum(amount) FROM transactions", base)
        total = 0.0
        for name, fn in page.items():
            secs = median_s(fn, repeats)
            total += secs
            line(name, secs, base)
        line("all the Map page's queries", total, base, TARGETS["map_page"])
        for name, fn in single.items():
            line(f"  (alone) {name}", median_s(fn, repeats), base)
        shapes = load_shapes(cur)
        data = gq.map_data(cur, f)
        line("both figures (choropleth + bubbles)", median_s(
            lambda: (maps.district_choropleth(shapes, data["districts"], "t (£)"),
                     maps.supplier_bubbles(shapes, data["points"], "t (£)", total=data["summary"]["total"])),
            repeats), base)
        rings = {
            "target_gap": lambda: gq.target_gap(cur, f),
            "rings_by fy": lambda: gq.rings_by(cur, f.replace(fy=None), "fy"),
            "local_growth_categories": lambda: gq.local_growth_categories(cur, f),
            "local_growth_suppliers": lambda: gq.local_growth_suppliers(cur, f, 50),
        }
        total = sum(median_s(fn, repeats) for fn in rings.values())
        line("the rings page's queries (for comparison)", total, base)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--suppliers", type=int, default=20_000)
    ap.add_argument("--classify", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-geo-") as d:
        ref = bench_reference(Path(d))
        bench_shapes(ref, args.repeats)
        bench_classify(ref, args.classify, args.repeats)
        from lib import store
        store.close(ref)
        path = build_spend_store(OUT / f"geo_{args.rows // 1000}k.duckdb", ref, args.rows, args.suppliers)
        bench_map_page(path, args.repeats)


if __name__ == "__main__":
    main()
