"""A report's print stamp at its foot is page furniture, as its page number is (m143).

A report pasted into a workbook keeps its last line: "Printed 03/05/2024 09:14" | "User: FIN\\JHARRIS" |
"AP500R v3.2", the report's name sitting in the amount's column. It was quarantined as a payment whose
amount "is not a sum of money". A cell saying only when the report was printed, run or produced is
now furniture: with no amount its line is kept with the totals and notes; a line whose amount reads is
a line whatever it holds.
"""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from lib.ingest import load_file


def test_a_workbooks_print_stamp_is_set_aside(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Report"
    ws.append(["Payments to Suppliers over £500 - April 2024"])
    ws.append(["Page 1 of 1"])
    ws.append(["Supplier Name", "Payment Date", "Payment Ref", "Description", "Amount £"])
    ws.append(["Adecco UK Ltd", "01/04/2024", "PAY1", "Agency Staff", 11150.48])
    ws.append(["Anglian Water Services Ltd", "02/04/2024", "PAY2", "Water", 1943.35])
    ws.append([None])
    ws.append(["Printed 03/05/2024 09:14", None, None, "User: FIN\\JHARRIS", "AP500R v3.2"])
    path = tmp_path / "report.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (2, 0, 1)
    assert res.amount_loaded == Decimal("13093.83")
    assert q(db, "SELECT row_number FROM total_lines") == [(7,)]


@pytest.mark.parametrize("stamp", ["Run date: 3 May 2024", "Report generated on 2024-05-03 at 9.14am",
                                   "Date printed 03-MAY-2024", "Printed on 3rd May 2024, 14:05",
                                   # (QuickBooks' foot: m151)
                                   "Accrual basis Friday, 5 July 2024 10:12 AM GMT+01:00",
                                   "Cash Basis Tuesday, 14 March 2023 03:41 PM GMT", "05/07/2024 10:12"])
def test_a_long_csvs_stamp_is_set_aside_in_one_pass(tmp_path, stamp):
    lines = [f"{i % 28 + 1:02d}/04/2024,Supplier {i % 90} Ltd,Repairs,{100 + i % 40}.10" for i in range(8_000)]
    path = tmp_path / "spend.csv"
    path.write_text("Date,Supplier,Description,Amount\n" + "\n".join(lines) + f"\n\"{stamp}\",,,AP500R\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines, res.one_pass) == (8_000, 0, 1, True)


def test_a_line_whose_amount_reads_is_a_line_whatever_it_says(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Date,Supplier,Description,Amount\n01/04/2024,Printed Matter Ltd,Leaflets,250.00\n"
                    "02/04/2024,Acme Ltd,Printed 03/05/2024 09:14,99.00\n")
    res = load_file(path, db=tmp_path / "s.duckdb")
    assert (res.rows_loaded, res.rows_total_lines) == (2, 0)


def test_a_date_alone_is_no_stamp(db):
    """The time of day is what makes a day a stamp (m151): a date on its own may head that day's lines."""
    assert q(db, "SELECT is_page_mark('05/07/2024'), is_page_mark('Friday, 5 July 2024'), "
                 "is_page_mark('Accrual basis 5 July 2024 10:12')") == [(False, False, True)]
