"""Exports of the accounts packages small public bodies use (Xero here).

Xero heads the party a bill is from "Contact" and the item "Description": the description was taken
for the supplier (every "Partnership grant - family support Q1" a supplier of its own). Its bank report
gives "Spent", "Received" and "Running Balance": no header named a sum, so the file was refused as
unclear, and its "Opening Balance" and "Closing Balance" lines, with no payment's sum, were quarantined.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file


def test_xeros_contact_is_the_supplier(tmp_path):
    path = tmp_path / "payable_invoice_detail.csv"
    path.write_text("Date,Source,Contact,Description,Reference,Account Code,Gross,GST/VAT\n"
                    "03 Apr 2024,Payable Invoice,Home-Start Oxford,Partnership grant - family support Q1,HOM-1,470,2697.95,0.00\n"
                    "29 May 2024,Payable Invoice,Home-Start Oxford,Partnership grant - family support Q2,HOM-2,470,1919.73,0.00\n"
                    "04 Jun 2024,Payable Invoice,Barclaycard,Amazon - craft materials,BC-3,460,45.10,7.52\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    (found,) = res.columns.values()
    assert found["supplier_name"]["column"] == "Contact" and found["description"]["column"] == "Description"
    assert q(db, "SELECT supplier_name, description FROM transactions ORDER BY row_number") == [
        ("Home-Start Oxford", "Partnership grant - family support Q1"),
        ("Home-Start Oxford", "Partnership grant - family support Q2"), ("Barclaycard", "Amazon - craft materials")]


def test_a_bank_report_loads_what_was_spent(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q1 Apr-Jun 2025"
    for row in [("Date", "Contact", "Description", "Reference", "Spent", "Received", "Running Balance"),
                (dt.datetime(2025, 4, 1), None, "Opening Balance", None, None, None, 18432.10),
                (dt.datetime(2025, 4, 1), "Zurich Municipal", "Insurance premium", "DD", 972.46, None, 17459.64),
                (dt.datetime(2025, 4, 2), "M Okafor", "Volunteer mileage", "FPO", 28.98, None, 17430.66),
                (dt.datetime(2025, 4, 3), "Kingsmead Town Council", "Core grant", "BGC", None, 5000, 22430.66),
                (dt.datetime(2025, 6, 30), None, "Closing Balance", None, None, None, 22430.66)]:
        ws.append(row)
    path = tmp_path / "bank_lines.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    (found,) = res.columns.values()
    assert found["amount"]["column"] == "Spent"
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (2, 1, 2)
    assert res.amount_loaded == Decimal("1001.44")
    assert q(db, "SELECT row_number, reason FROM quarantine") == [(5, "no amount")]  # money in is no payment
