"""Registers as councils publish them under the Local Government Transparency Code, and their habits.

- The Code's contracts register heads its VAT "Value Added Tax that cannot be recovered": the word
  "Value" took it for the contract's value, so every contract was worth £0 and its own value column,
  "Sum to be paid over the length of the contract ...", was listed as not used.
- A postcode written in two columns ("Postcode 1" | "Postcode 2": "CA11" | "9BN") kept only its first
  half, so no supplier could be placed.
- A "Supplier name and details" cell naming a supplier a line, each with its own address and company
  number, gave only the first.
- "Contract Dates" written "01/03/2022-28/02/2025", no spaces about the dash, read as no start date.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file

CODE_HEADER = ("Reference Number,Title of agreement,Department responsible,Supplier name and details,"
               "Sum to be paid over the length of the contract or the estimated annual spending or budget for the "
               "contract,Value Added Tax that cannot be recovered,Start date,End date,Review date,Whether or not the "
               "contract was the result of an invitation to quote or a published invitation to tender,\"Whether or not "
               "the supplier is a small or medium sized enterprise and/or a voluntary or community sector organisation "
               "and where it is, provide Companies House and Charity Registration number\"\n")


def _found(res) -> dict:
    """How each field was found, for a file of one sheet."""
    (found,) = res.columns.values()
    return found


def test_the_codes_value_column_is_the_value_and_its_vat_is_not(tmp_path):
    path = tmp_path / "contracts_register.csv"
    path.write_text(CODE_HEADER
                    + 'LC/2017/0120,Managed Print,ICT,Lakeland Document Solutions Ltd,"£540,000.00",£0.00,01/12/2017,'
                      '30/11/2025,31/05/2025,Published invitation to tender,SME - Co. No. 04098812\n'
                      'LC/2021/0043,Custody Healthcare,Custody,Northcare Custody Health Ltd,"£4,860,000.00",£0.00,'
                      '01/04/2021,31/03/2026,30/09/2025,Published invitation to tender,No\n')
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="contracts")
    assert _found(res)["value"]["column"].startswith("Sum to be paid over the length of the contract")
    assert "Value Added Tax that cannot be recovered" in res.columns_unused["(csv)"]
    assert q(db, "SELECT reference, value FROM contracts ORDER BY 1") == [
        ("LC/2017/0120", Decimal("540000.00")), ("LC/2021/0043", Decimal("4860000.00"))]


def test_vat_that_cannot_be_recovered_is_a_spend_files_irrecoverable_vat(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Date,Supplier,Net Amount,Value Added Tax that cannot be recovered\n"
                    "01/04/2024,Acme Ltd,100.00,20.00\n02/04/2024,Beta Ltd,50.00,0.00\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert _found(res)["irrecoverable_vat"]["column"] == "Value Added Tax that cannot be recovered"
    assert q(db, "SELECT amount, irrecoverable_vat FROM transactions ORDER BY row_number") == [
        (Decimal("100.00"), Decimal("20.00")), (Decimal("50.00"), Decimal("0.00"))]


def test_a_postcode_in_two_columns_is_one_postcode(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Vendor ID", "Supplier Name", "Address 1", "Town", "Postcode 1", "Postcode 2"])
    ws.append(["V1", "Eden Valley Catering Ltd", "Unit 4", "Penrith", "CA11", "9BN"])
    ws.append(["V2", "Solway Fire Protection Ltd", "2 Dock St", "Carlisle", "ca3", "8da"])
    ws.append(["V3", "Two Sites Ltd", "1 Road", "Kendal", "LA9 6ND", "LA1 1PP"])  # not two halves: the first as it is
    path = tmp_path / "suppliers.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="suppliers")
    assert _found(res)["postcode"]["column"] == "Postcode 1, Postcode 2"
    assert q(db, "SELECT supplier_id, upper(postcode) FROM supplier_register ORDER BY 1") == [
        ("V1", "CA11 9BN"), ("V2", "CA3 8DA"), ("V3", "LA9 6ND")]


def test_a_supplier_a_line_with_its_details_is_a_contract_with_each(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Contract Reference", "Contract Title", "Supplier name and details", "Contract Value (£)",
               "Start Date", "End Date"])
    ws.append(["PCC-0431", "Vehicle Maintenance",
               "Riverside Commercial Vehicles Ltd, Bluebell Way, Preston PR2 5PZ (Co. No. 02987654)\n"
               "North West Truck Services Ltd, 3 Walton Summit Centre, Preston PR5 8AL (Co. No. 07788990)",
               720000, dt.datetime(2024, 2, 1), dt.datetime(2027, 1, 31)])
    ws.append(["PCC-0440", "Toilet Cleaning", "Brightwell Facilities Ltd\n88 Church Street\nBlackburn BB1 5AF",
               156000, dt.datetime(2024, 4, 1), dt.datetime(2026, 3, 31)])
    path = tmp_path / "contracts.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    load_file(path, db=db, kind="contracts")
    assert q(db, "SELECT reference, supplier_name FROM contracts ORDER BY 1, 2") == [
        ("PCC-0431", "North West Truck Services Ltd"), ("PCC-0431", "Riverside Commercial Vehicles Ltd"),
        ("PCC-0440", "Brightwell Facilities Ltd")]


def test_a_range_of_dates_with_no_spaces_gives_start_and_end(tmp_path):
    path = tmp_path / "contracts.csv"
    path.write_text("Contract Reference,Title,Supplier Name,Contract Dates,Contract Value\n"
                    "C-1,Fleet,Ribble Vans Ltd,01/04/2024 - 31/03/2026,125000\n"
                    "C-2,Fuel,Wigan Fuel Ltd,01/05/2024-30/04/2025,20000\n"
                    "C-3,Legal,Legal Ltd,01.06.2024–31.05.2027,30000\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="contracts")
    assert res.rows_quarantined == 0
    assert q(db, "SELECT reference, start_date, end_date FROM contracts ORDER BY 1") == [
        ("C-1", dt.date(2024, 4, 1), dt.date(2026, 3, 31)), ("C-2", dt.date(2024, 5, 1), dt.date(2025, 4, 30)),
        ("C-3", dt.date(2024, 6, 1), dt.date(2027, 5, 31))]
