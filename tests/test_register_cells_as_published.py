"""Contracts registers' cells as councils, fire and police bodies write them (a probe of files from
publishers the project had not seen):

- A register number in brackets after the supplier's name ("O'Neill Plant Hire Ltd (06677889)",
  "(Company No. 04567123)", "(Charity No. 1012345)") stayed in the name, so the contract met none of the
  supplier's spend (m153).
- An address after a name with no legal form ("Calder Valley Community Transport, Mytholm Works,
  Burnley Road, Hebden Bridge, HX7 8AD") kept the street and the town in the name (m153).
- A "Supplier Name and Address" column was not taken for the supplier (its last word an address's):
  the register asked which column was the supplier, offering "Extension Options".
- Contracts Finder's cell naming two suppliers as blocks set apart by a comma ("[A|...],[B|...]") was
  quarantined as holding 11 parts, not 6.
- The header written again part way down was quarantined as a contract with no start date.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file


def test_a_register_number_after_the_name_is_not_the_name(db):
    assert q(db, "SELECT list_transform(?::VARCHAR[], lambda s: register_name_of(s))", [[
        "O'Neill Plant Hire Ltd (06677889)", "Brightwater Consulting LLP (Company No. OC398214)",
        "St Mary's Hospice (Charity No. 1012345)", "Meridian Public Systems (UK) Ltd (05111222)",
        "Meridian Public Systems (UK) Ltd", "Hall & Partners (2020) Ltd", "Acme (North West)"]]) == [(
        ["O'Neill Plant Hire Ltd", "Brightwater Consulting LLP", "St Mary's Hospice", "Meridian Public Systems (UK) Ltd",
         "Meridian Public Systems (UK) Ltd", "Hall & Partners (2020) Ltd", "Acme (North West)"],)]


def test_an_address_after_a_name_with_no_legal_form(db):
    assert q(db, "SELECT list_transform(?::VARCHAR[], lambda s: register_name_of(s))", [[
        "Calder Valley Community Transport, Mytholm Works, Burnley Road, Hebden Bridge, HX7 8AD",
        "Oakfield Care Trust, Hartshill Road, Stoke-on-Trent", "Smith, Jones & Co, Mill House, Preston",
        "Smith, Jones & Co", "Lancashire Mind, 80 Devonshire Road, Chorley PR7 2DR",
        "Park Lane Garage, Park Lane, Leeds"]]) == [(
        ["Calder Valley Community Transport", "Oakfield Care Trust", "Smith, Jones & Co", "Smith, Jones & Co",
         "Lancashire Mind", "Park Lane Garage"],)]


def test_supplier_name_and_address_over_lines_is_the_supplier(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contracts Register"
    for row in [["Office of the Police and Crime Commissioner for Northmoor"], ["Contracts Register"], [],
                ["Ref", "Contract Title", "Department", "Supplier Name and Address", "SME", "Contract Value (£)",
                 "Start Date", "End Date", "Extension Options"],
                ["OPCC-22-010", "Cleaning", "Estates", "Northern Cleaning Services Ltd\n210 Attercliffe Road\nSheffield\nS4 7WZ",
                 "Yes", 750000, dt.datetime(2022, 3, 1), dt.datetime(2027, 2, 28), None],
                ["OPCC-21-013", "Interpreting", "Operational Support", "Kennet & Avon Interpreting\n18 Broad Street\nBath\nBA1 5LJ",
                 "Yes", 148750, dt.datetime(2021, 11, 6), dt.datetime(2024, 11, 5), "1+1 years"],
                ["OPCC-23-016", "Legal services", "Commissioning", "Quantock Legal Services Ltd\n12 Hammet Street\nTaunton",
                 "No", 75000, dt.datetime(2023, 3, 1), dt.datetime(2026, 2, 28), "None"]]:
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    res = load_file(tmp_path / "register.xlsx", db=db, kind="contracts")
    assert res.as_json()["columns"]["supplier_name"] == {"column": "Supplier Name and Address", "found": "header"}
    assert q(db, "SELECT reference, supplier_name, value FROM contracts ORDER BY reference") == [
        ("OPCC-21-013", "Kennet & Avon Interpreting", Decimal("148750.00")),
        ("OPCC-22-010", "Northern Cleaning Services Ltd", Decimal("750000.00")),
        ("OPCC-23-016", "Quantock Legal Services Ltd", Decimal("75000.00"))]


def test_contracts_finder_blocks_set_apart_by_a_comma(tmp_path, db):
    text = ("Notice Identifier,Title,Awarded Value,Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE],"
            "Contract Start Date,Contract End Date\n"
            "6251486c-1480,Legal services Lot 2,62000,\"[Quantock Legal Services Ltd|12 Hammet Street, Taunton, TA1 1RZ|"
            "COMPANIES_HOUSE|07234561|Yes|No],[Fenwick & Hart Solicitors LLP|40 Grey Street, Newcastle, NE1 6AE|"
            "COMPANIES_HOUSE|OC312876|Yes|No]\",2021-01-01T00:00:00Z,2023-12-31T00:00:00Z\n"
            "7a51486c-1481,Fleet tyres,41000,\"[Tyre Co Ltd|1 Mill Lane, Preston, PR1 1AA|COMPANIES_HOUSE|01234567|No|No]\","
            "2022-04-01T00:00:00Z,2025-03-31T00:00:00Z\n")
    res = load_file(written(tmp_path / "notices.csv", text), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0)
    assert q(db, "SELECT reference, supplier_name FROM contracts ORDER BY reference, supplier_name") == [
        ("6251486c-1480", "Fenwick & Hart Solicitors LLP"), ("6251486c-1480", "Quantock Legal Services Ltd"),
        ("7a51486c-1481", "Tyre Co Ltd")]


def test_a_registers_header_written_again_is_no_contract(tmp_path, db):
    head = "Reference,Title,Supplier,Value,Start Date,End Date\n"
    text = (head + "EB-1,Cleaning,Acme Ltd (06677889),12000,01/04/2023,31/03/2025\n"
            "EB-2,Catering,Ivy Lane Catering Ltd,8000,01/05/2023,30/04/2024\n,,,,,\n"
            + head + "EB-3,Printing,Lindum Office Supplies Ltd,5000,01/06/2023,31/05/2024\n")
    res = load_file(written(tmp_path / "register.csv", text), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    assert q(db, "SELECT reference, supplier_name, supplier_key FROM contracts ORDER BY reference") == [
        ("EB-1", "Acme Ltd", "ACME"), ("EB-2", "Ivy Lane Catering Ltd", "IVY LANE CATERING"),
        ("EB-3", "Lindum Office Supplies Ltd", "LINDUM OFFICE SUPPLIES")]


# A second probe: registers exported from e-tendering systems (Jaggaer, In-Tend, ProContract) and kept by hand.

def test_suppliers_a_line_with_no_details_are_each_a_contract(tmp_path, db):
    """A framework's lot let to three firms, a firm a line, none with an address (m155): two were lost,
    read as the first firm's address. A name over its address lines is still one supplier."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    for row in [["Reference", "Title", "Supplier(s)", "Value £", "Start Date", "End Date"],
                ["CC-1", "Highways surfacing", "Tarmac Trading Ltd\nJames Bros (Hamworthy) Ltd\nHazell & Jefferies Ltd",
                 "Various", dt.datetime(2023, 4, 1), dt.datetime(2027, 3, 31)],
                ["CC-2", "Home to school transport", "Kingfisher Cars Ltd\nCountywide Taxis Limited", 250000,
                 dt.datetime(2023, 9, 1), dt.datetime(2026, 8, 31)],
                ["CC-3", "Fostering", "Compass Fostering Ltd\n12 High Street\nPreston", 90000,
                 dt.datetime(2023, 9, 1), dt.datetime(2026, 8, 31)]]:
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    load_file(tmp_path / "register.xlsx", db=db, kind="contracts")
    assert q(db, "SELECT reference, supplier_name, value FROM contracts ORDER BY reference, supplier_name") == [
        ("CC-1", "Hazell & Jefferies Ltd", None), ("CC-1", "James Bros (Hamworthy) Ltd", None),
        ("CC-1", "Tarmac Trading Ltd", None), ("CC-2", "Countywide Taxis Limited", Decimal("250000.00")),
        ("CC-2", "Kingfisher Cars Ltd", Decimal("250000.00")), ("CC-3", "Compass Fostering Ltd", Decimal("90000.00"))]


def test_awarded_to_a_labelled_name_and_the_value_awarded(tmp_path, db):
    """'Awarded To' is the supplier ('to' read it as an end); its cells' 'Supplier:' label is not the
    name; the value awarded is the value when an estimate stands beside it; the contract's own code
    is its reference before the tender project's."""
    text = ("Jaggaer Project Ref,Contract Code,Contract Title,Awarded To,Estimated Value (£),Awarded Value (£),"
            "Contract Start Date,Contract End Date\n"
            "PRJ-2019-300,CON_10482,Radios,Supplier: MOTOROLA SOLUTIONS UK LTD,\"1,300,000\",\"1,240,000\",01/04/2021,31/03/2025\n"
            "PRJ-2019-311,CON_10511,Uniform,Supplier: CORE CLOTHING SERVICES LTD,\"2,900,000\",\"2,760,000\",01/05/2022,30/04/2025\n")
    res = load_file(written(tmp_path / "register.csv", text), db=db, kind="contracts")
    cols = res.as_json()["columns"]
    assert (cols["supplier_name"]["column"], cols["value"]["column"], cols["reference"]["column"]) == (
        "Awarded To", "Awarded Value (£)", "Contract Code")
    assert q(db, "SELECT reference, supplier_name, supplier_key, value FROM contracts ORDER BY reference") == [
        ("CON_10482", "MOTOROLA SOLUTIONS UK LTD", "MOTOROLA SOLUTIONS UK", Decimal("1240000.00")),
        ("CON_10511", "CORE CLOTHING SERVICES LTD", "CORE CLOTHING SERVICES", Decimal("2760000.00"))]
