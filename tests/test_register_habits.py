"""Registers from bodies the project had not seen (a probe of 24 contracts registers, supplier
registers and savings trackers), the habits that were read wrongly:

- Supplier registers: a postcode written without its space ("LA10YB") or with two in an address
  ("Manchester, M1  1QW"); counts at the foot ("Total vendors" | 58) stored as suppliers; one
  "Registration number" column of company and charity numbers beside a column saying whose register
  each is; "Third sector (Y/N)" and "Charity / Social Enterprise?" not read as the VCSE answer; a
  "Trade" of Scaffolding, Roofing read as each supplier's trading name ("Acme Ltd T/A Roofing").
- Contracts registers: more suppliers of a contract on the rows under it, nothing else written,
  quarantined as contracts with no reference; "(Reg. Charity No. 1051942)" kept in the name.
- Savings trackers: "GRAND TOTAL (all statuses)" loaded as a saving; "Actual £" beside "Target £" and
  "Contract Value £" asked about.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

FIRMS = ["Acme Ltd", "Bolt Haulage Ltd", "Calder Print Ltd", "Dunmore Fuels Ltd", "Eden Cleaning Ltd", "Fylde Signs Ltd",
         "Garstang Joinery Ltd", "Hesketh Tyres Ltd", "Irwell Security Ltd", "Jubilee Catering Ltd", "Kirkham Glass Ltd",
         "Lune Valley Coaches Ltd"]


def test_postcodes_are_stored_one_way(tmp_path, db):
    text = ("Supplier ID,Supplier Name,Address,Postcode\n"
            "S1,Acme Ltd,1 High St,la10yb\nS2,Bolt Haulage Ltd,\"Unit 24, Manchester Business Park, Manchester, M1  1QW\",\n"
            "S3,Calder Print Ltd,2 Low St,PR1  2AB\nS4,Dunmore Fuels Ltd,3 Mill Lane,N/A\n")
    load_file(written(tmp_path / "suppliers.csv", text), db=db, kind="suppliers")
    assert q(db, "SELECT supplier_id, postcode FROM supplier_register ORDER BY supplier_id") == [
        ("S1", "LA1 0YB"), ("S2", "M1 1QW"), ("S3", "PR1 2AB"), ("S4", "N/A")]


def test_counts_at_the_foot_of_a_supplier_register_are_no_suppliers(tmp_path, db):
    rows = "".join(f"V{i},{FIRMS[i]},PR{i + 1} 2AB,Y\n" for i in range(6))
    text = "Vendor ID,Vendor Name,Post Code,SME (Y/N)\n" + rows + ",,,\nTotal vendors,6,,\nSME (Y),6,,\n"
    res = load_file(written(tmp_path / "monitoring.csv", text), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (6, 0)
    assert q(db, "SELECT count(*) FROM supplier_register WHERE name IN ('6')") == [(0,)]


def test_one_registration_number_column_read_by_its_type(tmp_path, db):
    text = ("Provider ref,Provider name,Registration number,Registered with,Postcode\n"
            "P1,Entwistle Plumbing Ltd,13538415,Companies House,CA1 9QA\n"
            "P2,Northmoor Women's Aid,1051942,Charity Commission,PR1 8JT\n"
            "P3,Clwyd Carers' Centre,1137068 / 11540153,Charity Commission / Companies House,LL11 3DQ\n"
            "P4,Kelso Community Trust,SC029434,OSCR,TD5 7AA\n")
    res = load_file(written(tmp_path / "providers.csv", text), db=db, kind="suppliers")
    assert q(db, "SELECT supplier_id, company_number, charity_number FROM supplier_register ORDER BY supplier_id") == [
        ("P1", "13538415", None), ("P2", None, "1051942"), ("P3", "11540153", "1137068"), ("P4", None, "SC029434")]
    assert any("'Registered with' says whose register" in w for w in res.warnings)


def test_the_sector_in_other_words_and_a_trade_that_is_no_name(tmp_path, db):
    trades = ["Scaffolding", "Roofing", "Cleaning"]
    rows = "".join(f"C{i},{FIRMS[i]},{trades[i % 3]},PR{i + 1} 2AB,{'Yes' if i % 4 == 0 else 'No'}\n" for i in range(12))
    text = "Ref,Contractor / Supplier,Trade,Post Code,Charity / Social Enterprise?\n" + rows
    load_file(written(tmp_path / "approved.csv", text), db=db, kind="suppliers")
    assert q(db, "SELECT name, is_vcse FROM supplier_register ORDER BY supplier_id LIMIT 2") == [
        ("Acme Ltd", True), ("Bolt Haulage Ltd", False)]
    text = ("Provider ref,Provider name,Third sector (Y/N),Charity (Y/N)\nP1,Acme Ltd,N,N\nP2,Open Door Mentoring,Y,N\n"
            "P3,Ridgeway Food Bank,Y,Y\n")
    load_file(written(tmp_path / "providers.csv", text), db=db, kind="suppliers")
    assert q(db, "SELECT supplier_id, is_vcse FROM supplier_register WHERE supplier_id LIKE 'P%' ORDER BY 1") == [
        ("P1", False), ("P2", True), ("P3", True)]


def test_more_suppliers_of_a_contract_on_the_rows_under_it(tmp_path, db):
    text = ("Reference Number,Title of Agreement,Supplier Name and Address,Supplier Company Registration Number,SME,"
            "Contract Start Date,Contract End Date,Value\n"
            "CV-1,Tree Surgery,\"Swale Tree Care Ltd, 118 Riverside Way, Sheffield, S1 2ZW\",04256062,No,"
            "2023-09-21,2024-09-20,\"£64,956.16\"\n"
            "CV-2,Reactive Repairs Framework,\"Millbrook Construction Ltd, 66 Riverside Way, Bristol, BS1 4NB\",13186653,No,"
            "2023-12-20,2026-12-19,\"£1,500,000.00\"\n"
            ",,\"Calder Building Services Ltd, 48 Enterprise Park, Bristol, BS2 7TY\",10925401,No,,,\n"
            ",,\"Redrose Construction Limited, 5 Victoria Road, Bolton, BL1 8DT\",06810688,Yes,,,\n"
            "CV-3,CCTV Monitoring,\"Ashworth CCTV Group Ltd, 118 Canal Wharf, Kendal, LA9 8SW\",06341122,Yes,"
            "2023-02-21,2027-02-20,50000\n"
            "CV-4,Advocacy,Bridgeway Advocacy (Reg. Charity No. 1051942),,No,2024-04-01,2025-03-31,12000\n")
    res = load_file(written(tmp_path / "contracts.csv", text), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (6, 0)
    assert q(db, "SELECT reference, supplier_name, value, end_date::VARCHAR FROM contracts WHERE reference = 'CV-2' "
                 "ORDER BY supplier_name") == [
        ("CV-2", "Calder Building Services Ltd", Decimal("1500000.00"), "2026-12-19"),
        ("CV-2", "Millbrook Construction Ltd", Decimal("1500000.00"), "2026-12-19"),
        ("CV-2", "Redrose Construction Limited", Decimal("1500000.00"), "2026-12-19")]
    assert q(db, "SELECT supplier_name FROM contracts WHERE reference = 'CV-4'") == [("Bridgeway Advocacy",)]
    assert any("2 rows under a contract name a supplier and nothing else" in w for w in res.warnings)


def test_a_row_under_a_contract_that_gives_its_own_dates_is_not_its_supplier(tmp_path, db):
    """Only a row that says nothing of a contract is another supplier of the one above: a row with a
    supplier and dates of its own but no reference is a contract of its own, its reference not given."""
    text = ("Reference,Title,Supplier,Start Date,End Date,Value\nR1,Fleet tyres,Acme Ltd,01/04/2024,31/03/2026,1000\n"
            ",,Bolt Haulage Ltd,01/05/2024,31/03/2026,\n")
    res = load_file(written(tmp_path / "contracts.csv", text), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0)
    assert q(db, "SELECT reference, title, supplier_name, start_date FROM contracts ORDER BY row_number") == [
        ("R1", "Fleet tyres", "Acme Ltd", dt.date(2024, 4, 1)), (None, None, "Bolt Haulage Ltd", dt.date(2024, 5, 1))]


def test_a_grand_total_of_every_status_and_the_actual_saving(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Benefits"
    ws.append(["Benefit ID", "Project", "Benefit Type", "Financial Year", "Contract Value £", "Target £", "Actual £", "Status"])
    for i in range(6):
        ws.append([f"BR-{i}", f"Project {i}", "Cash releasing", "FY23/24", 1_000_000 + i, 9000 + i, 8000 + i, "Realised"])
    ws.append([None, "GRAND TOTAL (all statuses)", None, None, None, sum(9000 + i for i in range(6)),
               sum(8000 + i for i in range(6))])
    wb.save(tmp_path / "tracker.xlsx")
    res = load_file(tmp_path / "tracker.xlsx", db=db, kind="savings")
    assert res.as_json()["columns"]["amount"]["column"] == "Actual £"
    assert (res.rows_loaded, res.rows_total_lines) == (6, 1)
    assert q(db, "SELECT sum(amount), min(fy), max(fy) FROM savings") == [(Decimal(sum(8000 + i for i in range(6))), "2023/24", "2023/24")]


def test_a_supplier_name_written_twice_the_second_numbered(tmp_path, db):
    rows = "".join(f"{i + 1:02d}/11/2024,{FIRMS[i]},{FIRMS[i].split()[0]} Trading,{1000 + i}.00\n" for i in range(12))
    res = load_file(written(tmp_path / "spend.csv", "Date,Supplier Name,Supplier Name 2,Amount\n" + rows), db=db)
    assert res.as_json()["columns"]["supplier_name"]["column"] == "Supplier Name"


def test_a_column_for_each_year_and_type_of_saving(tmp_path, db):
    """"Cashable achieved 2022/23 £000" | "Non-cashable achieved 2022/23 £000" | ... for each year: two of
    them were read as the saving's parts, of one year, and the forecast's columns said nothing."""
    text = ("Project,Category,Cashable achieved 2022/23 £000,Non-cashable achieved 2022/23 £000,"
            "Cashable achieved 2023/24 £000,Non-cashable achieved 2023/24 £000,Cashable forecast 2024/25 £000,RAG\n"
            "Fleet maintenance,Fleet,133.3,,121.2,,133.3,Green\nResponse cars,Fleet,13.3,7.2,13.3,7.2,14.6,Green\n"
            "Fuel,Fleet,,32,,32,,Amber\n")
    res = load_file(written(tmp_path / "savings.csv", text), db=db, kind="savings")
    assert "Cashable forecast 2024/25 £000" in res.as_json()["columns_unused"]
    assert q(db, "SELECT project, fy, saving_type, amount FROM savings ORDER BY row_number, fy, saving_type") == [
        ("Fleet maintenance", "2022/23", "Cashable", Decimal("133300.00")),
        ("Fleet maintenance", "2023/24", "Cashable", Decimal("121200.00")),
        ("Response cars", "2022/23", "Cashable", Decimal("13300.00")),
        ("Response cars", "2022/23", "Non-cashable", Decimal("7200.00")),
        ("Response cars", "2023/24", "Cashable", Decimal("13300.00")),
        ("Response cars", "2023/24", "Non-cashable", Decimal("7200.00")),
        ("Fuel", "2022/23", "Non-cashable", Decimal("32000.00")),
        ("Fuel", "2023/24", "Non-cashable", Decimal("32000.00"))]


def test_a_collaborative_saving_is_named_by_its_framework(tmp_path, db):
    text = ("Framework / Collaboration,Lead Organisation,Partners,Saving Type,Severnside Saving £,Status\n"
            "National police vehicle framework,BlueLight Commercial,All 43 forces,Cashable,\"£55,967.00\",Achieved\n"
            "Regional forensic services,Western Forces Forensic Partnership,\"Severnside, Avonmere\",Cashable,"
            "\"£41,904.21\",Achieved\nJoint fuel card,Severnside Police,Avonmere Police,Non-cashable,\"£9,500.00\",Achieved\n")
    res = load_file(written(tmp_path / "collaborative_2024-25.csv", text), db=db, kind="savings")
    assert res.as_json()["columns"]["project"]["column"] == "Framework / Collaboration"


def test_a_row_of_words_and_a_sum_in_pounds_is_no_header_again(tmp_path, db):
    """A savings log's row of words ("Fleet contract review project", "Cashable", "Not delivered") with its
    forecast in pounds and 'nil' delivered read as the header written again: the rows under it lost their
    amounts and were quarantined. A sum in pounds is no header's cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023-24"
    ws.append(["Reference", "Description of Procurement", "Service Area", "Type of Saving", "Forecast £", "Delivered £",
               "Delivery Status", "Comments"])
    ws.append(["KCC23-001", "Traffic signals maintenance", "Highways", "Non-cashable", "£284,600", "£284,600", "Delivered", "In full"])
    ws.append(["KCC23-002", "Fleet contract review project", "Adult Social Care", "Cashable", "£199,273.50", "nil",
               "Not delivered", "Re-tender unsuccessful"])
    for i in range(3, 8):
        ws.append([f"KCC23-00{i}", f"Project {i}", "Environment", "Cashable", "£1,000", f"£{500 + i}", "Delivered", None])
    wb.save(tmp_path / "savings_log.xlsx")
    res = load_file(tmp_path / "savings_log.xlsx", db=db, kind="savings")
    assert res.rows_loaded == 6 and res.rows_quarantined == 1
    assert q(db, "SELECT sum(amount) FROM savings") == [(Decimal(284600 + sum(500 + i for i in range(3, 8))),)]


def test_a_year_written_over_each_pair_of_cashable_and_non_cashable_columns(tmp_path, db):
    """A fire service's register heads each pair "Cashable £" | "Non-Cashable £" with its year on the row
    above: the year row was a title, and the three pairs were not read (every saving went into the year
    the sheet's title ends with, as one sum)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Savings Register"
    ws.append(["Hartshire Fire and Rescue Service"])
    ws.append([])
    ws.append([None, None, "2022/23", None, "2023/24", None])
    ws.append(["No.", "Contract / Project", "Cashable £", "Non-Cashable £", "Cashable £", "Non-Cashable £", "Total £"])
    ws.append([1, "Breathing apparatus", None, None, 43186, None, 43186])
    ws.append([2, "Hydraulic rescue equipment", 30321, 24717, 31917, None, 86955])
    ws.append([3, "Thermal imaging cameras", 13623, None, 13623, 500, 27746])
    wb.save(tmp_path / "hfrs_savings.xlsx")
    load_file(tmp_path / "hfrs_savings.xlsx", db=db, kind="savings")
    assert q(db, "SELECT project, fy, saving_type, amount FROM savings ORDER BY row_number, fy, saving_type") == [
        ("Breathing apparatus", "2023/24", "Cashable", Decimal("43186.00")),
        ("Hydraulic rescue equipment", "2022/23", "Cashable", Decimal("30321.00")),
        ("Hydraulic rescue equipment", "2022/23", "Non-cashable", Decimal("24717.00")),
        ("Hydraulic rescue equipment", "2023/24", "Cashable", Decimal("31917.00")),
        ("Thermal imaging cameras", "2022/23", "Cashable", Decimal("13623.00")),
        ("Thermal imaging cameras", "2023/24", "Cashable", Decimal("13623.00")),
        ("Thermal imaging cameras", "2023/24", "Non-cashable", Decimal("500.00"))]


def test_achieved_and_forecast_over_the_years_and_the_savings_at_risk(tmp_path, db):
    """A PCC's tracker heads its year columns with "Achieved savings (£)" and "Forecast savings (£)" on the
    row above: the group row was taken for the header and 36 of 42 savings were quarantined. Its total's
    "of which Cashable" line, and the savings under a heading "Savings at risk / not yet achieved", loaded
    as savings made."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Savings Tracker"
    ws.append(["Office of the Police and Crime Commissioner for Eastvale"])
    ws.append([])
    ws.append(["Project details", None, None, "Achieved savings (£)", None, None, "Forecast savings (£)", None])
    ws.append(["ID", "Project", "Saving Type", "2022/23", "2023/24", "2024/25", "2025/26", "RAG"])
    ws.append(["EV01", "Vehicle leasing", "Cashable", None, 41500, 41500, None, "Green"])
    ws.append(["EV02", "Custody meals", "Cashable", None, None, None, 23000, "Amber"])
    ws.append(["EV03", "Forensic collisions", "Non-cashable", 1000, 2000, None, None, "Green"])
    ws.append([None, "Total", None, 1000, 43500, 41500, 23000])
    ws.append([None, "of which Cashable", None, 0, 41500, 41500, 23000])
    ws.append([])
    ws.append(["Savings at risk / not yet achieved (excluded from the totals above)"])
    ws.append(["R1", "Tyre supply", "Cashable", None, 16292, None, None, "Red"])
    wb.save(tmp_path / "tracker.xlsx")
    res = load_file(tmp_path / "tracker.xlsx", db=db, kind="savings")
    assert q(db, "SELECT project, fy, amount FROM savings ORDER BY row_number, fy") == [
        ("Vehicle leasing", "2023/24", Decimal("41500.00")), ("Vehicle leasing", "2024/25", Decimal("41500.00")),
        ("Forensic collisions", "2022/23", Decimal("1000.00")), ("Forensic collisions", "2023/24", Decimal("2000.00"))]
    assert "Forecast savings (£) 2025/26" in res.as_json()["columns_unused"]
    assert q(db, "SELECT row_number FROM quarantine WHERE reason LIKE 'under the heading%'") == [(12,)]
