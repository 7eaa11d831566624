"""Supplier registers as councils and forces keep them (a probe of registers the project had not seen):

- "Supplier Name and Address" in one cell over several lines, no column of the name alone: refused for
  want of a name (the column was taken for the address), or, taken for the name by its cells, every
  postcode lost, so no supplier could be placed.
- "Co Reg No" was not read as the company's number (listed as not used).
- "n/a" under a company or VAT number was kept as the number.
"""
from __future__ import annotations

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file


def test_name_and_address_in_one_cell_gives_both(tmp_path, db):
    text = ('Supplier Name and Address,SME,Company Number\n"Acme Ltd\n1 High St\nPreston\nPR1 2AB",Yes,1234567\n'
            '"Bolt Haulage\nUnit 4, Mill Lane\nChorley\nPR7 1AA",No,07654321\n')
    res = load_file(written(tmp_path / "suppliers.csv", text), db=db, kind="suppliers")
    cols = res.as_json()["columns"]
    assert cols["name"]["column"] == cols["address"]["column"] == "Supplier Name and Address"
    assert q(db, "SELECT name, postcode, company_number FROM supplier_register ORDER BY name") == [
        ("Acme Ltd", "PR1 2AB", "01234567"), ("Bolt Haulage", "PR7 1AA", "07654321")]


def test_a_workbooks_name_and_address_taken_for_the_name_gives_the_postcode(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Supplier List"
    for row in [["Supplier List 2024"], [], ["Ref", "Supplier Name and Address", "SME (Yes/No)", "VCSE", "Category"],
                ["S7316", "Mersey Traffic Management (UK) Ltd\nGround Floor, Lancaster Business Park\n231 Blackpool Road\n"
                 "Preston\nPR7 8TB", "Yes", None, "Construction"],
                ["S9558", "Meridian Fuels Limited\n223 High Street\nWigan\nWN8 5BG", "No", "No", "Facilities"],
                ["S1002", "Ribble Valley Community Transport\nClitheroe\nBB7 2AA", "Yes", "Charity", "Transport"]]:
        ws.append(row)
    wb.save(tmp_path / "Supplier_List_2024.xlsx")
    load_file(tmp_path / "Supplier_List_2024.xlsx", db=db, kind="suppliers")
    assert q(db, "SELECT supplier_id, name, postcode FROM supplier_register ORDER BY supplier_id") == [
        ("S1002", "Ribble Valley Community Transport", "BB7 2AA"), ("S7316", "Mersey Traffic Management (UK) Ltd", "PR7 8TB"),
        ("S9558", "Meridian Fuels Limited", "WN8 5BG")]


def test_co_reg_no_is_the_company_number_and_na_is_none(tmp_path, db):
    text = ("Payee ID,Payee Name,Co Reg No,VAT Reg No,Postcode\nP1,Acme Ltd,3172622,GB 123 4567 89,PR1 2AB\n"
            "P2,Friends of Avenham Park,n/a,n/a,PR1 8JT\nP3,Bolt Ltd,SC123456,Not registered,PR7 1AA\n")
    res = load_file(written(tmp_path / "payees.csv", text), db=db, kind="suppliers")
    assert res.as_json()["columns"]["company_number"]["column"] == "Co Reg No"
    assert q(db, "SELECT name, company_number, vat_number FROM supplier_register ORDER BY name") == [
        ("Acme Ltd", "03172622", "GB123456789"), ("Bolt Ltd", "SC123456", None), ("Friends of Avenham Park", None, None)]


def test_a_count_at_the_foot_is_no_supplier(tmp_path, db):
    """"10 records" under an Agresso extract was quarantined as a supplier with no name (m158)."""
    text = ("Supplier ID,Supplier name,Post code\n201541,Severnside Skip Hire Ltd,BS10 7SE\n201542,Acme Ltd,PR1 2AB\n"
            ",,\n2 records,,\n")
    res = load_file(written(tmp_path / "suppliers.csv", text), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (2, 0, 1)
    assert q(db, "SELECT list_transform(?::VARCHAR[], lambda s: register_total_line(s))", [[
        "Count of suppliers: 16", "Records: 10", "16 suppliers listed", "Contracts 2024", "10 Downing Street Ltd"]]) == [
        ([True, True, True, False, False],)]
