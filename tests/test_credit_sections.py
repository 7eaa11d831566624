"""Credit notes listed apart from the invoices, their sums written as positive figures: under a
heading of their own ("CREDIT NOTES RECEIVED" on a row alone) or on a sheet of their own ("Credit
Notes"). They were added to the spend; they are taken off it, with a note. Credits written negative
already, and headings that only look alike ("Credit Card Payments", "Refunds"), are read as written.
"""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file
from lib.ingest.columns import names_credit_notes


def _amounts(db):
    return [a for (a,) in q(db, "SELECT amount FROM transactions ORDER BY row_number")]


@pytest.mark.parametrize("lines", [2, 7000])  # a short file, and one long enough for the one-pass load to be tried
def test_credit_notes_under_a_heading_of_their_own_are_taken_off(tmp_path, db, lines):
    invoices = "".join(f"{1 + i % 28:02d}/04/2024,Supplier {i % 50} Ltd,Repairs,100.00\n" for i in range(lines))
    text = ("Date,Supplier,Description,Amount\n" + invoices + ",,,\n"
            "CREDIT NOTES RECEIVED,,,\n"
            "03/04/2024,Acme Ltd,Credit note,200.00\n"
            "05/04/2024,Bolt Ltd,Credit note,50.00\n"
            "Total credit notes,,,250.00\n"
            "PAYMENTS TO PARTNERS,,,\n"
            "06/04/2024,Lancashire County Council,Partnership,300.00\n")
    res = load_file(_csv(tmp_path / "with_credits.csv", text), db=db)
    # rows read = invoices + 2 credits + the partner payment loaded; the two headings and the total set aside
    assert (res.rows_loaded, res.rows_quarantined) == (lines + 3, 0)
    assert res.rows_read == res.rows_loaded + res.rows_total_lines
    assert res.amount_loaded == Decimal("100.00") * lines - 250 + 300
    assert _amounts(db)[-3:] == [Decimal("-200.00"), Decimal("-50.00"), Decimal("300.00")]
    assert any("under the heading 'CREDIT NOTES RECEIVED', 2 lines are credit notes" in w for w in res.warnings)


def test_a_sheet_of_credit_notes_is_taken_off(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Payments"
    ws.append(["Date", "Supplier", "Amount"])
    ws.append(["01/04/2024", "Acme Ltd", 1000])
    ws.append(["02/04/2024", "Bolt Ltd", 500])
    cn = wb.create_sheet("Credit Notes")
    cn.append(["Date", "Supplier", "Credit Amount"])
    cn.append(["03/04/2024", "Acme Ltd", 200])
    wb.save(tmp_path / "april.xlsx")
    res = load_file(tmp_path / "april.xlsx", db=db)
    assert (res.rows_read, res.rows_loaded) == (3, 3)
    assert res.amount_loaded == Decimal("1300.00")
    assert q(db, "SELECT supplier_name, amount FROM transactions WHERE amount < 0") == [("Acme Ltd", Decimal("-200.00"))]
    assert any("sheet 'Credit Notes'" in w and "its 1 line is a credit note" in w for w in res.warnings)


def test_credits_written_negative_already_are_read_as_they_stand(tmp_path, db):
    res = load_file(_csv(tmp_path / "signed.csv", "Date,Supplier,Amount\n"
                         "01/04/2024,Acme Ltd,1000.00\n"
                         "Credit Notes,,\n"
                         "03/04/2024,Acme Ltd,-200.00\n"
                         "04/04/2024,Bolt Ltd,-20.00\n"), db=db)
    assert res.amount_loaded == Decimal("780.00")
    assert not any("credit note" in w for w in res.warnings)


def test_headings_that_only_look_like_credit_notes_change_nothing(tmp_path, db):
    res = load_file(_csv(tmp_path / "card.csv", "Date,Supplier,Amount\n"
                         "Credit Card Payments,,\n"
                         "01/04/2024,Amazon EU Sarl,25.00\n"
                         "Refunds,,\n"
                         "02/04/2024,Mr J Smith,40.00\n"
                         "Refunds Ltd,,\n"
                         "03/04/2024,Refunds Ltd,60.00\n"), db=db)
    assert _amounts(db) == [Decimal("25.00"), Decimal("40.00"), Decimal("60.00")]
    assert res.amount_loaded == Decimal("125.00")


@pytest.mark.parametrize("text, credit", [
    ("CREDIT NOTES RECEIVED", True), ("Credit Notes - April 2024", True), ("Credits", True),
    ("Credit memos (CN)", True), ("Refunds received", True), ("CRN Q3 2024/25", True),
    ("Credit Card Payments", False), ("Total credit notes", False), ("Refunds", False),
    ("Refunds Ltd", False), ("Credit Suisse", False), ("Invoices", False), ("", False)])
def test_what_names_a_section_of_credit_notes(text, credit):
    assert names_credit_notes(text) is credit
