"""Creditor and ledger reports with no supplier column: each supplier named on a row of its own
("Creditor: 100200 Acme Ltd") over its lines, a total under them. Such a file was refused ("no
column found for supplier name"); the lines now load with the supplier named above them (and its
number, when the file has no supplier ID), the totals set aside, with a note. Rows of one cell that
are sections (departments, months) are not taken for suppliers: the file still asks."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file
from lib.ingest.load import NeedsMapping

CREDITOR_REPORT = ("Payment Date,Invoice Number,Description,Net Amount\n"
                   "Creditor: 100200 Acme Ltd,,,\n"
                   "03/04/2024,INV10001,Repairs,1000.00\n"
                   "05/04/2024,INV10002,Parts,500.00\n"
                   "08/04/2024,INV10003,Labour,300.00\n"
                   "Creditor Total,,,1800.00\n"
                   "Creditor: 100217 Bolt Ltd,,,\n"
                   "09/04/2024,INV20001,Fuel,250.00\n"
                   "12/04/2024,INV20002,Fuel,260.00\n"
                   "Creditor Total,,,510.00\n")


def test_a_creditor_report_loads_each_line_with_the_supplier_heading_it(tmp_path, db):
    res = load_file(written(tmp_path / "creditors.csv", CREDITOR_REPORT), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (9, 5, 0, 4)
    assert q(db, "SELECT row_number, supplier_name, supplier_id, amount FROM transactions ORDER BY row_number") == [
        (3, "Acme Ltd", "100200", Decimal("1000.00")), (4, "Acme Ltd", "100200", Decimal("500.00")),
        (5, "Acme Ltd", "100200", Decimal("300.00")), (8, "Bolt Ltd", "100217", Decimal("250.00")),
        (9, "Bolt Ltd", "100217", Decimal("260.00"))]
    note = [w for w in res.warnings if "row heading its group" in w]
    assert note and "'Creditor: 100200 Acme Ltd'" in note[0] and "2 suppliers over 5 lines" in note[0], res.warnings
    assert "supplier's ID" in note[0]
    assert res.as_json()["columns"]["supplier_name"]["column"].startswith("Creditor"), res.as_json()["columns"]


def test_a_workbook_with_supplier_headings_and_a_supplier_id_column(tmp_path, db):
    """Labelled "Supplier -" with no number; a heading with no line under it (a supplier with nothing
    paid this month) is harmless; the number is not read as an ID when the file has its own."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "April"
    for row in [["Payments to suppliers, April 2024"], [],
                ["Date", "Vendor No", "Reference", "Amount"],
                ["Supplier - Carr Cleaning Services Ltd"],
                ["02/04/2024", "V001", "PO1", 120.5],
                ["02/04/2024", "V001", "PO2", 79.5],
                ["Supplier - Dee Foods plc"],
                ["Supplier - Eden Print Ltd"],
                ["10/04/2024", "V003", "PO3", 300],
                ["Total", None, None, 500]]:
        ws.append(row)
    wb.save(tmp_path / "ap.xlsx")
    res = load_file(tmp_path / "ap.xlsx", db=db)
    assert q(db, "SELECT supplier_name, supplier_id, amount FROM transactions ORDER BY row_number") == [
        ("Carr Cleaning Services Ltd", "V001", Decimal("120.50")), ("Carr Cleaning Services Ltd", "V001", Decimal("79.50")),
        ("Eden Print Ltd", "V003", Decimal("300.00"))]
    assert res.rows_read == res.rows_loaded + res.rows_quarantined + res.rows_total_lines


def test_unlabelled_headings_that_are_firms_names(tmp_path, db):
    text = ("Date,Description,Amount\n"
            "Acme Ltd,,\n01/05/2024,Repairs,100.00\n02/05/2024,Parts,50.00\n"
            "Bolt Haulage Limited,,\n03/05/2024,Fuel,75.00\n"
            "Lancashire Care Trust,,\n04/05/2024,Care,40.00\n")
    res = load_file(written(tmp_path / "u.csv", text), db=db)
    assert q(db, "SELECT supplier_name, sum(amount) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("Acme Ltd", Decimal("150.00")), ("Bolt Haulage Limited", Decimal("75.00")),
        ("Lancashire Care Trust", Decimal("40.00"))]
    assert res.as_json()["columns"]["supplier_name"]["column"].startswith("Supplier")


@pytest.mark.parametrize("heads", [["Estates", "ICT", "Fleet"], ["April", "May", "June"]])
def test_section_headings_are_not_suppliers(tmp_path, db, heads):
    rows = "".join(f"{h},,\n01/0{4 + k}/2024,Line {k},100.00\n02/0{4 + k}/2024,Line {k}b,50.00\n"
                   for k, h in enumerate(heads))
    with pytest.raises(NeedsMapping, match="no column found for supplier name"):
        load_file(written(tmp_path / "s.csv", "Date,Description,Amount\n" + rows), db=db)


def test_a_long_creditor_report_past_the_one_pass_loads_sample(tmp_path, db):
    """3,000 suppliers of 3 lines each (9,000 lines): the one-pass load finds no supplier column in
    its sample and hands the file to the full path, which reads every heading."""
    parts = ["Payment Date,Invoice Number,Net Amount\n"]
    for k in range(3000):
        parts.append(f"Creditor: {100000 + k} Firm {k} Ltd,,\n")
        parts += [f"{1 + j:02d}/04/2024,INV{k}-{j},{10 + j}.00\n" for j in range(3)]
        parts.append("Creditor Total,,33.00\n")
    res = load_file(written(tmp_path / "long.csv", "".join(parts)), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (9000, 0, 6000)
    assert q(db, "SELECT count(DISTINCT supplier_name), count(DISTINCT supplier_id), sum(amount) FROM transactions") == [
        (3000, 3000, Decimal("99000.00"))]
    assert q(db, "SELECT supplier_name, supplier_id FROM transactions WHERE row_number = 12003") == [("Firm 2400 Ltd", "102400")]


# QuickBooks' "Expenses by Supplier Detail": each supplier's name on a row alone, its lines under it
# in a blank first column, "Total for <name>" closing the group. The names need not look like firms'.
QUICKBOOKS = ("Lancashire Widgets Trust\nExpenses by Supplier Detail\nApril 2024 - June 2024\n\n"
              ",Date,Transaction Type,No.,Memo/Description,Account,Amount,Balance\n"
              "Acme Cleaning\n"
              ",03/04/2024,Bill,INV-101,Monthly office cleaning April,Premises,\"1,250.00\",\"1,250.00\"\n"
              ",02/05/2024,Bill,INV-117,Monthly office cleaning May,Premises,\"1,250.00\",\"2,500.00\"\n"
              "Total for Acme Cleaning,,,,,,\"£2,500.00\",\n"
              "Bolton Print Services\n"
              ",11/04/2024,Bill,BP-2231,Leaflets,Printing,845.60,845.60\n"
              ",20/06/2024,Supplier Credit,BP-2301,Credit for misprint,Printing,-120.00,725.60\n"
              "Total for Bolton Print Services,,,,,,£725.60,\n"
              "Northern Fuel Cards\n"
              ",30/04/2024,Expense,NF-88,Fuel April fleet,Vehicle fuel,\"3,402.17\",\"3,402.17\"\n"
              "Total for Northern Fuel Cards,,,,,,\"£3,402.17\",\n"
              "TOTAL,,,,,,\"£6,627.77\",\n\n"
              "\"Accrual basis Friday, 5 July 2024 10:12 AM GMT+01:00\"\n")


def test_headings_closed_by_totals_naming_them_are_suppliers(tmp_path, db):
    """No name ends as a firm's does: the totals naming each heading again say what the headings are
    (the file asked which column was the supplier, offering 'Transaction Type')."""
    res = load_file(written(tmp_path / "qb.csv", QUICKBOOKS), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0)
    assert q(db, "SELECT supplier_name, count(*), sum(amount) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("Acme Cleaning", 2, Decimal("2500.00")), ("Bolton Print Services", 2, Decimal("725.60")),
        ("Northern Fuel Cards", 1, Decimal("3402.17"))]
    assert res.as_json()["columns"]["description"]["column"] == "Memo/Description"


def test_headings_closed_by_their_name_and_total(tmp_path, db):
    """The other way round, as Sage writes it: "<name> Total" under each group, in a workbook."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q1"
    for row in [["Date", "Ref", "Details", "Net"], ["British Gas"], ["05/04/2024", "A1", "Gas", 410.25],
                ["British Gas Total", None, None, 410.25], ["Staples"], ["06/04/2024", "A2", "Paper", 99.0],
                ["07/04/2024", "A3", "Toner", 250.0], ["Staples Total", None, None, 349.0],
                ["Grand Total", None, None, 759.25]]:
        ws.append(row)
    wb.save(tmp_path / "sage.xlsx")
    res = load_file(tmp_path / "sage.xlsx", db=db)
    assert (res.rows_loaded, res.rows_total_lines) == (3, 5)
    assert q(db, "SELECT supplier_name, sum(amount) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("British Gas", Decimal("410.25")), ("Staples", Decimal("349.00"))]
