"""Shapes of real files a probe with new publishers' layouts still loaded wrong: sums set off by
no-break spaces, sheets the workbook hides, a header under merged group words, a header's text
that names two columns when given by hand, and a ledger's "GL Description". Each fixture is
written here and loaded as a person would load it (the CLI, or load_file), into a store of its own."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv, cli

D = Decimal


def _json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr + out.stdout
    return json.loads(out.stdout)


# ---------------------------------------------------------------------------------------------
# No-break spaces in sums

NBSP, NNBSP = "\u00a0", "\u202f"


def _spaced_file(tmp_path, sep: str, n: int = 60):
    """A spend CSV whose amounts set off thousands (and the pound sign) with ``sep``; its expected total."""
    rows, total = ["Payment Date,Supplier,Amount,Description"], D("0")
    for i in range(n):
        pence = 100_000 + 7_919 * i * (1 if i % 5 else -1)
        v = D(pence) / 100
        whole, cents = f"{abs(v):.2f}".split(".")
        head = len(whole) % 3 or 3
        grouped = sep.join([whole[:head]] + [whole[j:j + 3] for j in range(head, len(whole), 3)])
        text = ("-" if v < 0 else "") + ("£" + sep if i % 2 else "") + grouped + "." + cents
        rows.append(f"{1 + i % 28:02d}/05/2024,Supplier {i % 7} Ltd,\"{text}\",item {i}")
        total += v
    return _csv(tmp_path / f"spaced_{ord(sep):x}.csv", rows), total


def test_sums_set_off_by_no_break_spaces_load_exactly(tmp_path):
    """Thousands and the pound sign set off by a no-break space (U+00A0) or a narrow one (U+202F), as
    spreadsheets and continental exports write them: the column is the amount, every line loads,
    to the penny (before, no column was found for the amount)."""
    for sep in (NBSP, NNBSP):
        f, total = _spaced_file(tmp_path, sep)
        got = _json(cli(f, "--db", tmp_path / f"{f.stem}.duckdb"))
        assert got["columns"]["amount"]["column"] == "Amount"
        assert (got["rows_loaded"], got["rows_quarantined"], D(got["amount_loaded"])) == (60, 0, total)


def test_no_break_spaces_load_the_same_in_one_pass(tmp_path, monkeypatch):
    f, total = _spaced_file(tmp_path, NBSP, n=150)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert one.one_pass and (one.rows_loaded, one.amount_loaded) == (150, total)


def test_thousands_in_wrong_groups_stay_quarantined_with_no_break_spaces(tmp_path):
    f = _csv(tmp_path / "bad_groups.csv", ["Payment Date,Supplier,Amount"]
             + [f"0{i + 1}/05/2024,Firm {i} Ltd,{1000 + i}.00" for i in range(6)]
             + [f"09/05/2024,Odd Ltd,\"12{NBSP}34.00\""])
    got = _json(cli(f, "--db", tmp_path / "b.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (6, 1)
    reason = q(tmp_path / "b.duckdb", "SELECT reason FROM quarantine")[0][0]
    assert "groups of three" in reason


# ---------------------------------------------------------------------------------------------
# Sheets the workbook hides

HEAD = ["Payment Date", "Supplier Name", "Amount", "Expense Type"]


def _lines(n: int, start: int = 0) -> list[list]:
    return [[dt.date(2024, 6, 1 + i % 28), f"Firm {start + i} Ltd", 500 + 10 * (start + i) + 0.25, "Fuel"]
            for i in range(n)]


def test_a_hidden_sheet_is_not_read_beside_the_sheets_shown(tmp_path):
    """A raw export left in a hidden sheet (the published lines again, and some never published)
    is not loaded: the file's spend is what its shown sheet publishes, and a warning names it."""
    wb = openpyxl.Workbook()
    shown = wb.active
    shown.title = "Spend over £500"
    shown.append(HEAD)
    for r in _lines(24):
        shown.append(r)
    raw = wb.create_sheet("Raw export")
    raw.append(HEAD)
    for r in _lines(24) + [[dt.date(2024, 6, 3), "J Smith", 45.00, "Expenses"]] * 6:
        raw.append(r)
    raw.sheet_state = "hidden"
    f = tmp_path / "hidden_raw.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "h.duckdb"))
    want = sum(D(str(r[2])) for r in _lines(24))
    assert (got["rows_loaded"], D(got["amount_loaded"])) == (24, want)
    assert got["sheets_not_used"] == {"Raw export": "it is hidden in the workbook (unhide it to load its rows)"}
    assert any("Raw export" in w and "hidden" in w for w in got["warnings"])
    assert q(tmp_path / "h.duckdb", "SELECT count(*) FROM transactions WHERE supplier_name = 'J Smith'") == [(0,)]


def test_a_hidden_sheet_is_read_when_no_shown_sheet_has_lines(tmp_path):
    """A workbook that shows only a cover note and hides its lines (very hidden, as a macro leaves
    it) still loads them, saying the sheet was hidden."""
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "About"
    cover.append(["Spend over £500, June 2024"])
    cover.append(["Published under the Local Government Transparency Code"])
    data = wb.create_sheet("Data")
    data.append(HEAD)
    for r in _lines(12):
        data.append(r)
    data.sheet_state = "veryHidden"
    f = tmp_path / "hidden_only.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "o.duckdb"))
    assert (got["rows_loaded"], D(got["amount_loaded"])) == (12, sum(D(str(r[2])) for r in _lines(12)))
    assert any("'Data' is hidden" in w for w in got["warnings"])


# ---------------------------------------------------------------------------------------------
# Group words over the header (merged cells)

def test_group_words_over_a_header_say_which_date_is_the_payment(tmp_path):
    """Row 1: "Invoice" over Date | Number, "Payment" over Date | Reference | Amount, "Supplier" over
    Name | ID, each a merged cell; row 2 repeats "Date". Three words over seven columns are the
    header's first line, not a title: the payment date is column C and the supplier's ID is used."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "May 2023"
    ws.append(["Invoice", None, "Payment", None, None, "Supplier", None])
    for rng in ("A1:B1", "C1:E1", "F1:G1"):
        ws.merge_cells(rng)
    ws.append(["Date", "Number", "Date", "Reference", "Amount", "Name", "ID"])
    total = D("0")
    for i in range(26):
        amount = D(f"{1200 + 37 * i}.{i % 100:02d}")
        ws.append([dt.date(2023, 4, 1 + i % 28), f"INV{i}", dt.date(2023, 5, 2 + i % 28), f"P{i}", float(amount),
                   f"Firm {i % 9} Ltd", f"S{i % 9}"])
        total += amount
    f = tmp_path / "group_words.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "g.duckdb"))
    assert (got["rows_loaded"], D(got["amount_loaded"])) == (26, total)
    assert got["columns"]["payment_date"]["column"] == "Payment Date"
    assert got["columns"]["supplier_id"]["column"] == "Supplier ID"
    assert q(tmp_path / "g.duckdb", "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2023, 5, 2), dt.date(2023, 5, 27))]


def test_a_title_line_over_a_header_is_still_a_title(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Lancashire Constabulary", None, None, "June 2024"])
    ws.append(HEAD)
    for r in _lines(10):
        ws.append(r)
    f = tmp_path / "title.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "t.duckdb"))
    assert got["rows_loaded"] == 10
    assert {k: v["column"] for k, v in got["columns"].items()} == {
        "payment_date": "Payment Date", "supplier_name": "Supplier Name", "amount": "Amount", "category": "Expense Type"}


# ---------------------------------------------------------------------------------------------
# A header's text given by hand that heads two columns

def test_a_header_text_that_heads_two_columns_is_refused_when_given(tmp_path):
    """--map payment_date="Date" where columns A and C are both headed Date: refused, naming both and
    how to name one (before, column A was taken without a word); the letter or the label works."""
    f = _csv(tmp_path / "two_dates.csv", ["Date,Number,Date,Amount,Supplier"]
             + [f"0{i + 1}/04/2023,{i},0{i + 1}/05/2023,{10 * (i + 1)}.00,Firm {i} Ltd" for i in range(5)])
    out = cli(f, "--db", tmp_path / "a.duckdb")
    error = json.loads(out.stdout)["error"]
    assert out.returncode == 2 and "'Date (column A)' or 'Date (column C)'" in error
    assert '--map payment_date="Date (column A)"' in error
    out = cli(f, "--db", tmp_path / "a.duckdb", "--map", "payment_date=Date")
    assert out.returncode == 2
    assert "'Date' heads more than one column (A, C)" in json.loads(out.stdout)["error"]
    assert q(tmp_path / "a.duckdb", "SELECT count(*) FROM transactions") == [(0,)]
    for ref in ("C", "Date (column C)"):
        db = tmp_path / f"{ref[0]}{len(ref)}.duckdb"
        got = _json(cli(f, "--db", db, "--map", f"payment_date={ref}"))
        assert got["rows_loaded"] == 5
        assert q(db, "SELECT min(payment_date) FROM transactions") == [(dt.date(2023, 5, 1),)]


# ---------------------------------------------------------------------------------------------
# A ledger's description

def test_a_ledger_description_is_the_category_not_its_code(tmp_path):
    """"GL Description" holding "Vehicle Repairs", "Consultancy": the category (the words a ledger
    code stands for), not the category code; "GL Code" beside it is the code."""
    rows = [f"{1 + i % 28:02d}/04/2023,Firm {i % 6} Ltd,{cat},{100 + i}.00"
            for i, cat in enumerate(["Vehicle Repairs", "Consultancy", "Building Maintenance", "Fuel"] * 6)]
    f = _csv(tmp_path / "gl.csv", ["Invoice Paid Date,Vendor,GL Description,Amount"] + rows)
    got = _json(cli(f, "--db", tmp_path / "gl.duckdb"))
    assert got["columns"]["category"]["column"] == "GL Description" and "category_code" not in got["columns"]
    f2 = _csv(tmp_path / "gl2.csv", ["Invoice Paid Date,Vendor,GL Code,GL Description,Amount"]
              + [r.replace(",Fuel,", ",4010,Fuel,").replace(",Consultancy,", ",5120,Consultancy,")
                  .replace(",Vehicle Repairs,", ",4020,Vehicle Repairs,")
                  .replace(",Building Maintenance,", ",3010,Building Maintenance,") for r in rows])
    got = _json(cli(f2, "--db", tmp_path / "gl2.duckdb"))
    assert (got["columns"]["category"]["column"], got["columns"]["category_code"]["column"]) == (
        "GL Description", "GL Code")
