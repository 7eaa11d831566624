"""More shapes of real spend files that a third probe (65 new files in other publishers' layouts)
found loading wrong, each written here and loaded as a person would load it, into a store of its own:

- a body named only in the title above the header ("Lancashire Fire and Rescue Service - Payments
  over £500"): its lines were filed as the force's own;
- a "Running Total" column beside the "Payment": the running balance was summed as the spend;
- sums in pence ("Amount (pence)"): loaded as pounds, a hundred times over;
- credit notes marked "C" in a D/C column: added to the spend as positive sums;
- a "Month" column of whole dates (01/04/2024 shown as Apr-24): no date column found, refused;
- a report converted from PDF a sheet a page, its header on the first sheet only: the other sheets
  were not read (half the month dropped from a file that loaded "successfully")."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from lib.bodies import named_in_title
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv, cli

D = Decimal


def _json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr + out.stdout
    return json.loads(out.stdout)


def _lines(n: int, start: int = 0) -> list[tuple[str, str, Decimal]]:
    """n payments: (dd/mm/yyyy, supplier, amount)."""
    return [(f"{1 + (start + i) % 28:02d}/04/2024", f"Firm {(start + i) % 7} Ltd", D(200 + 37 * (start + i)) + D("0.45"))
            for i in range(n)]


@pytest.mark.parametrize("title, named", [
    ("Lancashire Fire and Rescue Service - Payments over £500 - April 2024", "Lancashire Fire and Rescue Service"),
    ("Blackpool Council", "Blackpool Council"),
    ("Expenditure over £500: Greater Manchester Combined Authority", "Greater Manchester Combined Authority"),
    ("Transparency data - Stoke-on-Trent City Council", "Stoke-on-Trent City Council"),
    ("Lancashire Constabulary Payments over £500 April 2024", "Lancashire Constabulary"),
    ("NHS Blackpool Teaching Hospitals Foundation Trust - spend over £25,000",
     "NHS Blackpool Teaching Hospitals Foundation Trust"),
    # no one in particular: a kind of body with no name of its own, or no body at all
    ("Police expenditure over £500 April 2024", None),
    ("Police Services", None),
    ("Finance Department Report", None),
    ("Spend over £500 (April 2024)", None),
    ("Payments by Department", None),
    ("This data is published under the Local Government Transparency Code", None),
])
def test_the_body_a_title_names(title, named):
    assert named_in_title([title]) == named


def test_a_body_named_in_the_title_is_that_bodys_not_the_forces(tmp_path, monkeypatch):
    """A council's or a fire service's file says whose it is in its title, not in a column: its
    lines were filed under the force's default body, adding another body's spend to the force's
    figures without a word. They are that body's (a peer: the force's figures unchanged), and the
    load says why; read whole and in one pass alike."""
    rows = _lines(150)
    lines = ["Lancashire Fire and Rescue Service - Payments over £500 - April 2024", "",
             "Date,Supplier,Amount"] + [f"{d},{s},{a}" for d, s, a in rows]
    whole, one = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "fire.csv", lines))
    for res in (whole, one):
        assert [(b["name"], b["own"], b["lines"]) for b in res.bodies] == [
            ("Lancashire Fire and Rescue Service", False, 150)]
        assert any("the title above the header names Lancashire Fire and Rescue Service" in w for w in res.warnings)
    assert whole.amount_loaded == sum(a for _, _, a in rows)


def test_the_forces_own_title_and_a_body_column_keep_their_lines(tmp_path):
    """The force's own title files its lines under the force with no word; a body column still wins
    over a title; a title that names no body leaves the default."""
    own = _csv(tmp_path / "own.csv", ["Lancashire Constabulary - Payments over £500", "Date,Supplier,Amount",
                                      "01/04/2024,Acme Ltd,100.00", "02/04/2024,Bolt Ltd,250.50"])
    got = _json(cli(own, "--db", tmp_path / "own.duckdb"))
    assert [(b["body"], b["own"]) for b in got["bodies"]] == [("Lancashire Constabulary", True)]
    assert not any("title" in w for w in got["warnings"])
    col = _csv(tmp_path / "col.csv", ["Blackpool Council - Payments over £500", "Body,Date,Supplier,Amount",
                                      "Cumbria Constabulary,01/04/2024,Acme Ltd,100.00"])
    got = _json(cli(col, "--db", tmp_path / "col.duckdb"))
    assert [(b["body"], b["own"]) for b in got["bodies"]] == [("Cumbria Constabulary", False)]
    plain = _csv(tmp_path / "plain.csv", ["Payments over £500 - April 2024", "Date,Supplier,Amount",
                                          "01/04/2024,Acme Ltd,100.00"])
    got = _json(cli(plain, "--db", tmp_path / "plain.duckdb"))
    assert [(b["body"], b["own"]) for b in got["bodies"]] == [("Lancashire Constabulary", True)]


@pytest.mark.parametrize("header", ["Running Total", "Cumulative Spend", "Balance", "YTD Spend", "Balance Brought Forward"])
def test_a_sum_carried_down_the_lines_is_not_the_payment(tmp_path, monkeypatch, header):
    """A column that carries the running sum down the lines, whatever its place: the payments are
    in "Payment", not in the "Running Total" that summed to ten times the spend."""
    rows, run, lines = _lines(120), D("0"), [f"{header},Payment Date,Supplier,Payment"]
    for d, s, a in rows:
        run += a
        lines.append(f"{run},{d},{s},{a}")
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "running.csv", lines))
    assert whole.amount_loaded == sum(a for _, _, a in rows)
    assert [m["amount"] for m in whole.mapping.values()] == ["Payment"]


@pytest.mark.parametrize("header", ["Amount (pence)", "Value (p)", "Amount in pennies"])
def test_sums_in_pence_are_read_as_pounds_and_pence(tmp_path, header):
    """A finance system's export that gives its sums in pence, as its header says: 123456 is
    £1,234.56, not £123,456.00 (the file loaded a hundred times over). A sum with a fraction of a
    penny is quarantined, saying why."""
    rows = _lines(30)
    lines = [f"Date,Supplier,{header}"] + [f"{d},{s},{int(a * 100)}" for d, s, a in rows] + ["30/04/2024,Odd Ltd,1234.5"]
    got = _json(cli(_csv(tmp_path / "pence.csv", lines), "--db", tmp_path / "p.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (30, 1)
    assert D(got["amount_loaded"]) == sum(a for _, _, a in rows)
    assert any("gives its sums in pence" in w for w in got["warnings"])
    assert q(tmp_path / "p.duckdb", "SELECT reason FROM quarantine") == [
        ("amount '1234.5' is not a whole number of pence, and its column gives sums in pence",)]


def test_credit_notes_marked_c_in_a_d_c_column_are_taken_off(tmp_path, monkeypatch):
    """A ledger's debit/credit indicator written as single letters, D and C, beside positive sums:
    the C lines are credit notes, taken off the spend (they were added to it)."""
    rows = _lines(100)
    lines = ["Payment Date,Supplier,Amount,D/C"]
    total = D("0")
    for k, (d, s, a) in enumerate(rows):
        credit = k % 9 == 4
        lines.append(f"{d},{s},{a},{'C' if credit else 'D'}")
        total += -a if credit else a
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "dc.csv", lines))
    assert whole.amount_loaded == total
    # a column of capital and revenue codes (C and R) marks no credit
    lines = ["Payment Date,Supplier,Amount,Cap/Rev"] + [f"{d},{s},{a},{'C' if k % 9 == 4 else 'R'}"
                                                         for k, (d, s, a) in enumerate(rows)]
    got = _json(cli(_csv(tmp_path / "cr.csv", lines), "--db", tmp_path / "cr.duckdb"))
    assert D(got["amount_loaded"]) == sum(a for _, _, a in rows)


def test_a_month_column_of_whole_dates_dates_the_lines(tmp_path):
    """A "Month" column holding real dates (the month's first day, shown as Apr-24): no column was
    taken for the date, and the file was refused. The dates are the lines' dates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Month", "Supplier", "Amount"])
    total = D("0")
    for k in range(18):
        cell_row = [dt.datetime(2024, 4 + k // 6, 1), f"Firm {k % 5} Ltd", 100 + k]
        ws.append(cell_row)
        ws.cell(ws.max_row, 1).number_format = "mmm-yy"
        total += 100 + k
    f = tmp_path / "months.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "m.duckdb"))
    assert (got["rows_loaded"], D(got["amount_loaded"])) == (18, total)
    assert q(tmp_path / "m.duckdb", "SELECT DISTINCT period_start FROM transactions ORDER BY 1") == [
        (dt.date(2024, 4, 1),), (dt.date(2024, 5, 1),), (dt.date(2024, 6, 1),)]


def test_sheets_with_no_header_that_go_on_from_the_sheet_before_are_read(tmp_path):
    """A report converted from PDF a sheet a page, the header on the first page only: the other
    sheets were left out with "no column found for supplier name", half the month dropped. A sheet
    with no header of its own that fills the same columns with cells of the same kinds is read with
    the columns of the sheet before it; a sheet of another shape is still not read."""
    wb = openpyxl.Workbook()
    total, n = D("0"), 0
    for page in range(3):
        ws = wb.active if page == 0 else wb.create_sheet()
        ws.title = f"Table {page + 1}"
        if page == 0:
            ws.append(["Date", "Supplier", "Description", "Amount"])
        for k, (d, s, a) in enumerate(_lines(12, start=12 * page)):
            # (descriptions as varied as the names: the cells alone do not say which is the payee)
            ws.append([dt.datetime.strptime(d, "%d/%m/%Y"), s, ("Fuel", "Repairs", "Uniforms", "Software")[k % 4], float(a)])
            total, n = total + a, n + 1
    other = wb.create_sheet("Notes")
    other.append(["Cost centre", "Budget holder"])
    other.append(["CC101", "Fleet"])
    f = tmp_path / "pages.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "pages.duckdb"))
    assert (got["rows_loaded"], D(got["amount_loaded"])) == (n, total) == (36, total)
    assert any("sheet 'Table 2' has no header row: read with the columns of sheet 'Table 1'" in w for w in got["warnings"])
    assert "Notes" in got["sheets_not_used"]


def test_a_name_or_a_date_written_once_over_its_lines(tmp_path, monkeypatch):
    """A report sorted by supplier that writes each supplier's name once, on its first line, the lines
    under it left blank (not merged), and one that writes each payment run's date once: the lines
    loaded as "(no name given)", or were quarantined for no date. Each line reads the cell above it,
    as a person reads the report; a subtotal under a group (an amount alone) is still a subtotal;
    read whole and in one pass alike."""
    lines, total, n = ["Supplier,Date,Description,Amount"], D("0"), 0
    for k in range(40):
        group = D("0")
        for i in range(1 + k % 3):
            a = D(300 + 11 * k + i) + D("0.20")
            lines.append(f"{f'Firm {k:02d} Ltd' if i == 0 else ''},{1 + (k + i) % 28:02d}/05/2024,Goods {i},{a}")
            group, n = group + a, n + 1
        lines.append(f",,,{group}")
        total += group
    whole, one = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "once.csv", lines))
    assert (whole.rows_loaded, whole.rows_quarantined, whole.rows_total_lines, whole.amount_loaded) == (n, 0, 40, total)
    assert any("is written once over the lines it heads" in w for w in whole.warnings)
    stored = q(tmp_path / "once_1000000000.duckdb", "SELECT count(*) FILTER (WHERE supplier_name = '(no name given)'), "
               "count(DISTINCT supplier_name) FROM transactions")
    assert stored == [(0, 40)]
    dated = ["Payment Date,Supplier,Amount"]
    for k in range(30):
        dated.append(f"{'%02d/06/2024' % (1 + k // 5) if k % 5 == 0 else ''},Firm {k} Ltd,{100 + k}.00")
    got = _json(cli(_csv(tmp_path / "runs.csv", dated), "--db", tmp_path / "runs.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (30, 0)
    assert q(tmp_path / "runs.duckdb", "SELECT payment_date, count(*) FROM transactions GROUP BY 1 ORDER BY 1") == [
        (dt.date(2024, 6, d), 5) for d in range(1, 7)]


def test_blank_suppliers_among_names_written_again_and_again_are_left_blank(tmp_path):
    """A file whose blank suppliers are redactions (its suppliers named on line after line) is not
    read as names written once: the blanks stay "(no name given)", never another firm's name."""
    lines = ["Date,Supplier,Amount,Expense Type"]
    for k in range(60):
        lines.append(f"{1 + k % 28:02d}/05/2024,{'' if k % 4 == 3 else f'Firm {k % 5} Ltd'},{100 + k}.00,Supplies")
    got = _json(cli(_csv(tmp_path / "redacted.csv", lines), "--db", tmp_path / "r.duckdb"))
    assert got["rows_loaded"] == 60
    assert not any("written once" in w for w in got["warnings"])
    assert q(tmp_path / "r.duckdb", "SELECT count(*) FROM transactions WHERE supplier_name = '(no name given)'") == [(15,)]


def test_two_columns_named_alike_told_apart_by_the_line_under_them(tmp_path):
    """"Amount" | "Amount" over "excl VAT" | "incl VAT" in a CSV: the file was refused as ambiguous
    (the same header merged over both, in a workbook, loaded). The line under them says which is
    which, and the sum without the VAT is the payment."""
    lines = ["Payment Date,Supplier,Amount,Amount,VAT,Expense Type", ",,excl VAT,incl VAT,,"]
    total = D("0")
    for k in range(20):
        net = D(1000 + 37 * k) + D("0.50")
        lines.append(f"{1 + k:02d}/04/2024,Firm {k % 6} Ltd,{net},{net * D('1.2')},{net * D('0.2')},Repairs")
        total += net
    got = _json(cli(_csv(tmp_path / "vat.csv", lines), "--db", tmp_path / "v.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"], D(got["amount_loaded"])) == (20, 0, total)
    assert got["columns"]["amount"]["column"] == "Amount excl VAT"
