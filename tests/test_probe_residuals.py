"""Shapes of real files that a probe with more publishers' layouts found loading wrong, each written
here and loaded as a person would load it, into a store of its own:

- suppliers whose names begin with the word "Total" (Total Office Solutions Ltd, Total Formwork
  Ltd, Total-Fire Protection Ltd): their dated payments were kept aside as total lines (m106);
- a "Credit" column beside an amount left blank on credit lines: a "Credit Amount" was added to the
  spend as a positive sum, a plain "Credit" left the lines quarantined with no amount;
- a payment to a blanked-out (redacted) supplier with an impossible date: kept aside as a total
  instead of quarantined with its date named;
- a cp1252 file whose sums have a no-break space after the £ (as Excel saves "£ 1,234.56"): read as
  cp437, so no amount column was found."""
from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv, cli

D = Decimal


def _json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr + out.stdout
    return json.loads(out.stdout)


def test_suppliers_named_total_are_suppliers(tmp_path, monkeypatch):
    names = ["Total Office Solutions Ltd", "Total Formwork Ltd", "Total-Fire Protection Ltd", "Totally Local Ltd",
             "Total Gas & Power Ltd", "Acme Ltd"]
    rows, total = ["Payment Date,Supplier Name,Net Amount"], D("0")
    for i in range(60):
        v = D(1000 + 37 * i) + D(i % 100) / 100
        rows.append(f"{1 + i % 28:02d}/04/2024,{names[i % len(names)]},{v}")
        total += v
    rows.append(f",Total,{total}")
    f = _csv(tmp_path / "total_names.csv", rows)
    got = _json(cli(f, "--db", tmp_path / "t.duckdb"))
    assert (got["rows_loaded"], got["rows_total_lines"], D(got["amount_loaded"])) == (60, 1, total)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert whole.rows_loaded == one.rows_loaded == 60


def test_labels_that_name_a_total_are_still_totals(tmp_path):
    """The labels m054 read stay labels: "Total for April", "Total: Estates", "Subtotal Fleet", "XMA LTD
    Total", "Total for supplier Acme Ltd"."""
    from lib import store
    cur = store.connect(tmp_path / "s.duckdb").cursor()
    try:
        for s, want in [("Total for April", True), ("Total: Estates", True), ("Subtotal Fleet", True),
                        ("XMA LTD Total", True), ("Grand Total", True), ("Total - Fleet", True), ("Total of payments", True),
                        ("Total for supplier Acme Ltd", True), ("Sub-total Acme Ltd", True),
                        ("Total Office Solutions Ltd", False), ("Total Formwork Ltd", False),
                        ("Total-Fire Protection Ltd", False), ("Total Offices Ltd", False),
                        ("Total Gas & Power Ltd", False), ("Totally Local Ltd", False)]:
            assert cur.execute("SELECT is_total_label(?)", [s]).fetchone()[0] is want, s
    finally:
        cur.close()
        store.close(tmp_path / "s.duckdb")


def _credit_book(path, credit_header: str):
    """An amount left blank on credit lines, the credit written as a positive sum in its own column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Payment Date", "Supplier", "Amount", credit_header, "Description"])
    total = D("0")
    for i in range(20):
        v = D(2000 + 113 * i) + D(i) / 100
        if i % 5 == 4:
            ws.append([f"{1 + i:02d}/05/2024", f"Supplier {i % 6} Ltd", None, float(v), "credit note"])
            total -= v
        else:
            ws.append([f"{1 + i:02d}/05/2024", f"Supplier {i % 6} Ltd", float(v), None, "invoice"])
            total += v
    wb.save(path)
    return path, total


def test_a_credit_column_beside_a_blank_amount_is_taken_off(tmp_path):
    for header in ("Credit Amount", "Credit", "Credit Value", "Credit Note Value"):
        f, total = _credit_book(tmp_path / f"{header.replace(' ', '_')}.xlsx", header)
        got = _json(cli(f, "--db", tmp_path / f"{f.stem}.duckdb"))
        assert (got["rows_loaded"], got["rows_quarantined"], D(got["amount_loaded"])) == (20, 0, total), header
        assert got["columns"]["credit"]["column"] == header


def test_a_payment_to_a_blank_supplier_with_an_impossible_date_is_quarantined(tmp_path):
    rows = ["Date,Supplier,Expense Type,Description,Amount"]
    rows += [f"{1 + i:02d}/04/2024,Acme {i} Ltd,Agency Staff,Cover shift,{100 * (i + 1)}.00" for i in range(10)]
    rows.insert(5, "31/02/2024,,Foster Carer Payments,Fostering allowance,745.00")
    f = _csv(tmp_path / "blank_supplier.csv", rows)
    got = _json(cli(f, "--db", tmp_path / "b.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"], got["rows_total_lines"]) == (10, 1, 0)
    assert D(got["amount_quarantined"]) == D("745.00")
    (row, column, reason), = q(tmp_path / "b.duckdb", "SELECT row_number, column_name, reason FROM quarantine")
    assert (row, column) == (6, "Date") and "31/02/2024" in reason


def test_a_cp1252_file_with_no_break_spaces_after_the_pound_sign(tmp_path):
    body = "Date,Supplier,Amount\r\n" + "".join(f'0{1 + i}/04/2024,Firm {i} Ltd,"\u00a3\u00a0{1 + i},234.56"\r\n'
                                                for i in range(8))
    f = tmp_path / "nbsp_cp1252.csv"
    f.write_bytes(body.encode("cp1252"))
    assert b"\xa3\xa0" in f.read_bytes()
    got = _json(cli(f, "--db", tmp_path / "n.duckdb"))
    assert got["rows_loaded"] == 8
    assert D(got["amount_loaded"]) == sum(D(f"{1 + i}234.56") for i in range(8))


def test_sums_split_by_unquoted_thousands_separators_are_joined_again(tmp_path, monkeypatch):
    """A comma-separated file that does not quote its sums: "£4,788.77" is read by any CSV reader as
    £4 and 788.77 in the next column, the line one cell longer than its header. Before, £4 was
    loaded and the department read as 788.77, with no word said; now the sum is joined again (a
    thousand, a million), the cells after it moved back under their headers, and the load says so."""
    rows, total = ["Date,Supplier,Amount,Department"], D("0")
    for i in range(150):
        v = D([12, 4788, 1234567, 950][i % 4]) + D(i % 100) / 100
        text = f"£{v:,.2f}"
        rows.append(f"{1 + i % 28:02d}/04/2024,Firm {i % 9} Ltd,{text},Finance")
        total += v
    f = _csv(tmp_path / "unquoted.csv", rows)
    got = _json(cli(f, "--db", tmp_path / "u.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"], D(got["amount_loaded"])) == (150, 0, total)
    assert got["columns_unused"] == []
    assert any("did not quote" in w for w in got["warnings"])
    assert q(tmp_path / "u.duckdb", "SELECT DISTINCT department FROM transactions") == [("Finance",)]
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert whole.amount_loaded == one.amount_loaded == total


def test_a_sheet_that_gathers_the_other_sheets_is_not_read_beside_them(tmp_path):
    """A workbook with a sheet for each month and an "All Q1" sheet of all three: every line of "All
    Q1" is a line of the month sheets, so reading it beside them counted the quarter twice (silently:
    the figures doubled). It is not read, and the load says why; sheets that only share a line or two
    with others are read as ever."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    months, total, every = {"April": 4, "May": 5, "June": 6}, D("0"), []
    for name, mo in months.items():
        ws = wb.create_sheet(name)
        ws.append(["Payment Date", "Supplier", "Net Amount"])
        for i in range(15):
            v = D(500 + 71 * i + mo) + D(i) / 100
            row = [f"{1 + i:02d}/{mo:02d}/2024", f"Firm {i % 4} Ltd", float(v)]
            ws.append(row)
            every.append(row)
            total += v
    ws = wb.create_sheet("All Q1", 0)
    ws.append(["Payment Date", "Supplier", "Net Amount"])
    for row in every:
        ws.append(row)
    f = tmp_path / "quarter.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "q.duckdb"))
    assert (got["rows_loaded"], D(got["amount_loaded"])) == (45, total)
    assert "All Q1" in got["sheets_not_used"] and "repeat" in got["sheets_not_used"]["All Q1"]
    # one line shared by two month sheets (a payment entered twice) leaves both sheets read
    wb = openpyxl.load_workbook(f)
    del wb["All Q1"]
    wb["May"].append(list(every[0]))
    wb.save(f2 := tmp_path / "shared_line.xlsx")
    got = _json(cli(f2, "--db", tmp_path / "s.duckdb"))
    assert got["rows_loaded"] == 46 and not got["sheets_not_used"]


def test_a_supplier_header_merged_over_its_id_and_name_takes_the_names(tmp_path):
    """"Supplier" merged over two columns, ID then Name, the second header line not read as part of
    the header: the names were loaded as the supplier ("1001", "1002"), every figure by supplier
    wrong with no sign of it. The column of names beside the numbers is the supplier, the numbers
    its identifier."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Payment Date", "Supplier", None, "Amount", "Description"])
    ws.merge_cells("B1:C1")
    ws.append([None, "ID", "Name", None, None])
    names = ["Acme Ltd", "Bolt Ltd", "Crane plc", "Dale Cleaning Services", "Eden Valley Council"]
    for i in range(20):
        ws.append([f"{1 + i:02d}/06/2024", 1001 + i % 5, names[i % 5], 100 + i, "goods"])
    f = tmp_path / "merged_supplier.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "m.duckdb"))
    assert got["rows_loaded"] == 20
    stored = q(tmp_path / "m.duckdb", "SELECT DISTINCT supplier_name, supplier_id FROM transactions ORDER BY 2")
    assert stored == [(n, str(1001 + k)) for k, n in enumerate(names)]


def _merged_report():
    """A report with each payment run's date and each supplier's name merged down over the lines it
    heads: (rows, merges (first row, last row, column), counted from 0, the sum of its lines)."""
    rows, merges, total = [["Payment Date", "Supplier", "Amount", "Expense Type"]], [], D("0")
    for run in range(3):
        start = len(rows)
        for sup in range(2):
            top = len(rows)
            for line in range(3):
                v = D(100 * (run + 1) + 10 * sup + line) + D("0.25")
                rows.append([f"{7 * run + 1:02d}/07/2024" if len(rows) == start else None,
                             f"Firm {run}{sup} Ltd" if line == 0 else None, float(v), "Supplies"])
                total += v
            merges.append((top, len(rows) - 1, 1))
        merges.append((start, len(rows) - 1, 0))
    return rows, merges, total


def _write_xlsx(path, rows, merges):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for r1, r2, c in merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c + 1, end_row=r2 + 1, end_column=c + 1)
    wb.save(path)


def _write_xls(path, rows, merges):
    import xlwt

    book = xlwt.Workbook()
    sh = book.add_sheet("Payments")
    tops = {(r1, c): r2 for r1, r2, c in merges}
    covered = {(r, c) for r1, r2, c in merges for r in range(r1 + 1, r2 + 1)}
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if (i, j) in tops:
                sh.write_merge(i, tops[(i, j)], j, j, v)
            elif (i, j) not in covered and v is not None:
                sh.write(i, j, v)
    book.save(str(path))


def _write_ods(path, rows, merges):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Payments")
    tops = {(r1, c): r2 - r1 + 1 for r1, r2, c in merges}
    covered = {(r, c) for r1, r2, c in merges for r in range(r1 + 1, r2 + 1)}
    for i, r in enumerate(rows):
        tr = TableRow()
        for j, v in enumerate(r):
            if (i, j) in covered:
                tr.addElement(CoveredTableCell())
                continue
            span = {"numberrowsspanned": tops[(i, j)]} if (i, j) in tops else {}
            if isinstance(v, float):
                cell = TableCell(valuetype="float", value=v, **span)
            else:
                cell = TableCell(valuetype="string", **span)
            if v is not None:
                cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


@pytest.mark.parametrize("ext, write", [("xlsx", _write_xlsx), ("xls", _write_xls), ("ods", _write_ods)])
def test_cells_merged_down_their_lines_read_on_every_line(tmp_path, ext, write):
    """A report laid out with each payment run's date and each supplier's name merged down over the
    lines it heads: the file keeps the value in the top cell alone, so the lines under it loaded as
    "(no name given)" or were quarantined for no date. Each line reads the merged cell, as the
    sheet shows it, in XLSX, XLS and ODS alike."""
    rows, merges, total = _merged_report()
    f = tmp_path / f"merged_down.{ext}"
    write(f, rows, merges)
    got = _json(cli(f, "--db", tmp_path / "d.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"], D(got["amount_loaded"])) == (18, 0, total)
    assert q(tmp_path / "d.duckdb", "SELECT count(DISTINCT supplier_name), count(DISTINCT payment_date), "
             "count(*) FILTER (WHERE supplier_name = '(no name given)') FROM transactions") == [(6, 3, 0)]


def test_formulas_saved_without_their_results_are_named(tmp_path):
    """A workbook written by a program that does not calculate (openpyxl, many report tools) holds
    its formulas' text and no result: the cells read as empty, and the lines were quarantined for
    no amount with no word of why. The load says which sheet and how many cells, and what to do."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "June"
    ws.append(["Date", "Supplier", "Gross", "VAT", "Net"])
    for i in range(5):
        ws.append([f"0{1 + i}/06/2024", f"Firm {i} Ltd", 120 + i, 20, f"=C{i + 2}-D{i + 2}"])
    f = tmp_path / "formulas.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "f.duckdb"))
    assert any("5 cells of sheet 'June' are formulas saved without a result" in w for w in got["warnings"])


@pytest.mark.parametrize("ending", [b"\r\n\x1a", b"\x1a", b"\r\n\x1a\r\n"])
def test_a_ctrl_z_at_the_end_of_a_file_is_not_a_line(tmp_path, monkeypatch, ending):
    """A DOS end-of-file mark (Ctrl-Z) after the last line was read as a line of its own (kept as a
    total), or as part of the last line, whose amount then did not read: the line was quarantined
    with nothing to show why. The mark ends the file, as the programs that write it mean; read
    whole and in one pass alike."""
    lines = ["Date,Supplier,Amount"] + [f"{1 + i % 28:02d}/04/2024,Firm {i % 9} Ltd,{100 + i}.50" for i in range(120)]
    f = tmp_path / "ctrl_z.csv"
    f.write_bytes("\r\n".join(lines).encode() + ending)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    total = sum(D(100 + i) + D("0.50") for i in range(120))
    assert (whole.rows_read, whole.rows_loaded, whole.rows_total_lines, whole.amount_loaded) == (120, 120, 0, total)


def test_a_subtotal_a_supplier_at_a_time_is_a_total_even_under_one_line(tmp_path, monkeypatch):
    """"Total <supplier>" under each supplier's lines, with no date: a subtotal under one invoice
    equals that invoice, and was quarantined for having no date (the month held twice over, once
    loaded and once set aside). It is kept with the totals when it sums the run above it; an
    undated payment to a firm whose name begins "Total" that sums nothing is still quarantined."""
    lines, total, payments = ["Date,Supplier,Amount,Department"], D("0"), 0
    for k in range(40):
        n = 1 + k % 3  # 14 suppliers with one invoice, 13 with two, 13 with three
        for i in range(n):
            v = D(100 + 7 * k + i) + D("0.25")
            lines.append(f"{1 + (k + i) % 28:02d}/05/2024,Firm {k} Ltd,{v},Fleet")
            total, payments = total + v, payments + 1
        lines.append(f",Total Firm {k} Ltd,{sum(D(100 + 7 * k + i) + D('0.25') for i in range(n))},")
    lines.append(",Total Office Solutions Ltd,99.99,Estates")  # no date, sums nothing: a payment with no date
    lines.append(f",Grand Total,{total + D('99.99')},")
    whole, one = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "by_supplier.csv", lines))
    assert (whole.rows_loaded, whole.rows_quarantined, whole.rows_total_lines) == (payments, 1, 41) == (79, 1, 41)
    assert whole.amount_loaded == total
    assert whole.amount_quarantined == D("99.99")
