"""Registers' cells as public bodies write them (m102, lib.ingest.registers): placeholders ("TBC",
"N/A", "Ongoing") are empty cells, not reasons to quarantine a contract; sums with their scale ("£1.5m",
"£250k") or a bound in front ("Up to £250,000"); months as dates; an SME answer as the firm's size;
a financial year with "FY" in front; a name cell with the address under the name; percentages as a
workbook shows them; and the headings of the Transparency Code's contracts register and of Contracts
Finder's notices. Each fixture is written here and loaded into a real store of its own."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file
from test_register_layouts import _fields, _write  # the same CSV writer and columns found

D = Decimal


LGTC = ["Reference Number", "Title of Agreement", "Department responsible", "Description of goods/services",
        "Supplier Name and Details", "Sum to be paid over the length of the contract", "VAT that cannot be recovered",
        "Start Date", "End Date", "Review Date",
        "Whether or not the contract was the result of an invitation to quote or a published invitation to tender",
        "Whether SME", "Whether VCSE", "Company registration number", "Charity registration number"]


def test_a_transparency_code_register_as_councils_write_it(tmp_path, db):
    """Values written "£1.5m", "£250k", "Up to £250,000" and "TBC"; an end date "Ongoing", "N/A" or "-"
    (open-ended); a start "April 2023"; the supplier's address on the lines under its name. Every
    contract loads (before, half were quarantined), titled from "Title of Agreement", not the
    description beside it, and its supplier keyed by its name alone, so its spend is on contract."""
    rows = [
        ["C001", "Highways maintenance", "Highways", "Reactive repairs and resurfacing",
         "Tarmac Trading Ltd\nPortland House, Bickenhill Lane\nBirmingham B37 7BQ", "£1.5m", "0", "01/04/2023",
         "31/03/2026", "", "Invitation to tender", "No", "No", "00453791", ""],
        ["C002", "Carers support", "Adults", "Floating support", "Blackpool Carers Centre", "£250k", "0",
         "April 2023", "Ongoing", "", "Invitation to quote", "Yes", "Yes", "", "1093333"],
        ["C003", "Agency staff", "HR", "Temporary staff", "Matrix SCM Ltd", "Up to £250,000", "0", "01/04/2023",
         "N/A", "", "Framework", "No", "No", "03856324", ""],
        ["C004", "Licences", "ICT", "Annual licences", "Civica UK Ltd", "TBC", "0", "01/05/2023", "-", "",
         "Direct award", "No", "No", "01628868", ""],
        ["C005", "Window cleaning", "Estates", "Windows", "Crystal Clear Windows", "£42,400", "0", "01/06/2023",
         "March 2026", "", "Invitation to quote", "Yes", "No", "", ""],
    ]
    res = load_file(_write(tmp_path / "contracts_register.csv", LGTC, rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0)
    f = _fields(res)
    assert f["title"] == "Title of Agreement" and f["value"] == "Sum to be paid over the length of the contract"
    assert f["route"].startswith("Whether or not the contract was the result of an invitation")
    assert q(db, "SELECT reference, title, supplier_name, supplier_key, start_date, end_date, value FROM contracts "
                 "ORDER BY reference") == [
        ("C001", "Highways maintenance", "Tarmac Trading Ltd", "TARMAC TRADING", dt.date(2023, 4, 1),
         dt.date(2026, 3, 31), D("1500000.00")),
        ("C002", "Carers support", "Blackpool Carers Centre", "BLACKPOOL CARERS CENTRE", dt.date(2023, 4, 1), None,
         D("250000.00")),
        ("C003", "Agency staff", "Matrix SCM Ltd", "MATRIX SCM", dt.date(2023, 4, 1), None, D("250000.00")),
        ("C004", "Licences", "Civica UK Ltd", "CIVICA UK", dt.date(2023, 5, 1), None, None),
        ("C005", "Window cleaning", "Crystal Clear Windows", "CRYSTAL CLEAR WINDOWS", dt.date(2023, 6, 1),
         dt.date(2026, 3, 31), D("42400.00")),
    ]


def test_what_a_register_cell_cannot_say_is_still_quarantined(tmp_path, db):
    """A placeholder in a required field is that field missing; a sum by the year is no contract's
    value as it stands (the year's times the term: m176); a scale that
    leaves digits past the penny is not rounded to one: the contract loads with no value (unknown),
    and a note names the cell (m112: an optional fact left unknown, not the contract quarantined)."""
    head = ["Contract Ref", "Contract Title", "Supplier", "Start Date", "End Date", "Contract Value"]
    rows = [["R1", "Fuel", "Certas Energy UK Ltd", "TBC", "31/03/2026", "£10,000"],
            ["R2", "Fuel", "Certas Energy UK Ltd", "01/04/2023", "31/03/2026", "£50,000 per annum"],
            ["R3", "Fuel", "Certas Energy UK Ltd", "01/04/2023", "31/03/2026", "£1.234567891m"],
            ["R4", "Fuel", "Certas Energy UK Ltd", "01/04/2023", "31/03/2026", "£10,000"]]
    res = load_file(_write(tmp_path / "bad.csv", head, rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 1)
    reasons = dict(q(db, "SELECT row_number, reason FROM quarantine ORDER BY row_number"))
    assert reasons == {2: "no start date"}
    assert dict(q(db, "SELECT reference, value FROM contracts")) == {"R2": D("150000.00"), "R3": None, "R4": D("10000.00")}
    assert any("'Contract Value' could not be read as a sum of money" in w and "row 4 '£1.234567891m'" in w
               for w in res.warnings)


def test_contracts_finder_value_is_the_value_awarded(tmp_path, db):
    """A notice's "Value Low" and "Value High" are the estimate it was advertised at; "Awarded Value"
    is the contract's value."""
    head = ["Notice Identifier", "Title", "Value Low", "Value High", "Start Date", "End Date", "Awarded Value",
            "Awarded Supplier"]
    rows = [[f"tender_{i}/1", f"Service {i}", 10000 * (i + 1), 20000 * (i + 1), "01/04/2023", "31/03/2026",
             15000 * (i + 1), f"Firm {i} Ltd"] for i in range(4)]
    res = load_file(_write(tmp_path / "notices.csv", head, rows), db=db, kind="contracts")
    assert _fields(res)["value"] == "Awarded Value"
    assert q(db, "SELECT sum(value) FROM contracts") == [(D("150000.00"),)]


def test_a_workbook_percentage_is_read_as_it_is_shown(tmp_path, db):
    """A cell shown as 10% holds 0.1: the social value weighting is 10 (before, 0.10, and the
    scorecard counted no contract as weighting social value)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Contract Ref", "Contract Title", "Supplier", "Start Date", "End Date", "Value",
               "Quality Weighting", "Social Value Weighting"])
    for i, (quality, sv) in enumerate([(0.6, 0.1), (0.7, 0.05), (0.4, 0.125)]):
        ws.append([f"LC/{i}", "Works", f"Firm {i} Ltd", dt.date(2023, 4, 1), dt.date(2026, 3, 31), 1000 * (i + 1),
                   quality, sv])
        ws.cell(row=i + 2, column=7).number_format = "0%"
        ws.cell(row=i + 2, column=8).number_format = "0.0%"
    f = tmp_path / "register.xlsx"
    wb.save(f)
    res = load_file(f, db=db, kind="contracts")
    assert res.rows_loaded == 3
    assert q(db, "SELECT quality_pct, social_value_pct FROM contracts ORDER BY reference") == [
        (D("60.00"), D("10.00")), (D("70.00"), D("5.00")), (D("40.00"), D("12.50"))]


def test_a_supplier_list_with_scaled_turnovers_and_sizes(tmp_path, db):
    """Turnover "£1.2m", "£450k", "£2.9bn"; the SME column holding the firm's size: Micro, Small and
    Medium are SMEs, Large is not (before, the rows were quarantined and the column left unused)."""
    head = ["Supplier No", "Supplier Name", "Postcode", "SME", "Annual Turnover"]
    rows = [["S1", "Acme Print Ltd", "PR1 1AA", "Small", "£1.2m"], ["S2", "Bolton Fleet Ltd", "BL1 1AA", "Micro", "£450k"],
            ["S3", "Lancaster Joinery", "LA1 1AA", "Medium", "£8.5m"], ["S4", "Serco Ltd", "RG1 1AA", "Large", "£4.5bn"],
            ["S5", "Fylde Coast YMCA", "FY1 1AA", "N/A", "£3,400,000"]]
    res = load_file(_write(tmp_path / "suppliers.csv", head, rows), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0)
    assert _fields(res)["is_sme"] == "SME"
    assert q(db, "SELECT name, turnover, is_sme FROM supplier_register ORDER BY supplier_id") == [
        ("Acme Print Ltd", D("1200000.00"), True), ("Bolton Fleet Ltd", D("450000.00"), True),
        ("Lancaster Joinery", D("8500000.00"), True), ("Serco Ltd", D("4500000000.00"), False),
        ("Fylde Coast YMCA", D("3400000.00"), None)]


def test_savings_with_fy_in_front_and_scaled_sums(tmp_path, db):
    head = ["Project", "Financial Year", "Cashable/Non-cashable", "Saving"]
    rows = [["Fleet tyres", "FY 2023/24", "Cashable", "£12.5k"], ["Custody", "FY23/24", "Non-cashable", "£1.2m"],
            ["Energy", "F/Y 2022-23", "Cashable", "£3,250"]]
    res = load_file(_write(tmp_path / "savings.csv", head, rows), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    assert q(db, "SELECT project, fy, amount FROM savings ORDER BY project") == [
        ("Custody", "2023/24", D("1200000.00")), ("Energy", "2022/23", D("3250.00")),
        ("Fleet tyres", "2023/24", D("12500.00"))]


def test_a_framework_named_makes_a_contract_collaborative(tmp_path, db):
    """A "Framework" column beside the route names the framework each contract was let through: those
    contracts are collaborative (DOMAIN), one with no framework is not."""
    head = ["Contract Ref", "Contract Title", "Supplier", "Contract Start Date", "Contract End Date",
            "Total Contract Value", "Procurement Route", "Framework"]
    rows = [["LC/1", "Tyres", "Bluelight Fleet Ltd", "01/04/2023", "31/03/2026", "480000", "Framework call-off",
             "Bluelight Commercial"],
            ["LC/2", "Body worn video", "Motorola Solutions UK Ltd", "01/07/2023", "30/06/2027", "2150000",
             "Further competition", "Crown Commercial Service RM6068"],
            ["LC/3", "Custody", "Mitie Ltd", "01/10/2023", "30/09/2028", "6400000", "Open tender", ""],
            ["LC/4", "Cleaning", "Clean Co Ltd", "01/10/2023", "30/09/2026", "90000", "Open tender", "None"]]
    res = load_file(_write(tmp_path / "frameworks.csv", head, rows), db=db, kind="contracts")
    assert (res.rows_loaded, _fields(res)["collaborative"], _fields(res)["route"]) == (4, "Framework", "Procurement Route")
    assert q(db, "SELECT reference, is_collaborative FROM contracts_current ORDER BY reference") == [
        ("LC/1", True), ("LC/2", True), ("LC/3", False), ("LC/4", False)]


def test_a_header_scale_multiplies_its_cells_exactly(tmp_path, db):
    """ "Value (£k)" of 12,500 is £12,500,000 (before, £12,500: a thousand times too small, silently);
    "(£m)" 4.5 is £4,500,000; a cell that says its own scale keeps it; no scale in "(£)"."""
    head = ["Contract ID", "Contract Title", "Supplier", "Start Date", "End Date", "Value (£k)"]
    rows = [["N1", "Pathology", "Synlab UK Ltd", "01/04/2023", "31/03/2030", "12,500"],
            ["N2", "Transport", "E-Zec Ltd", "01/07/2023", "30/06/2026", "3,750.5"],
            ["N3", "Interpreting", "DA Languages Ltd", "01/10/2023", "30/09/2025", "£1.2m"]]
    res = load_file(_write(tmp_path / "k.csv", head, rows), db=db, kind="contracts")
    assert res.rows_loaded == 3
    assert q(db, "SELECT value FROM contracts ORDER BY reference") == [
        (D("12500000.00"),), (D("3750500.00"),), (D("1200000.00"),)]
    head2 = ["Supplier ID", "Supplier Name", "Postcode", "Annual Turnover (£m)", "Balance Sheet Total (£)"]
    load_file(_write(tmp_path / "m.csv", head2, [["S1", "Serco Ltd", "RG27 9UY", "4,500", "1200"]]), db=db,
              kind="suppliers")
    assert q(db, "SELECT turnover, balance_sheet FROM supplier_register") == [(D("4500000000.00"), D("1200.00"))]


def test_the_whole_life_value_before_the_annual_and_the_own_end_before_an_extension(tmp_path, db):
    head = ["Contract Reference", "Contract Title", "Supplier Name", "Start Date", "Extension End Date",
            "Contract End Date", "Estimated Annual Value", "Contract Value inc VAT", "Contract Value ex VAT"]
    rows = [["V-1", "Cleaning", "Acme Ltd", "01/04/2023", "31/03/2027", "31/03/2026", "100,000", "360,000", "300,000"],
            ["V-2", "Catering", "Beta Ltd", "01/05/2023", "30/04/2027", "30/04/2026", "50,000", "£240,000",
             "£200,000 + VAT"]]
    res = load_file(_write(tmp_path / "v.csv", head, rows), db=db, kind="contracts")
    assert (_fields(res)["value"], _fields(res)["end_date"]) == ("Contract Value ex VAT", "Contract End Date")
    assert q(db, "SELECT value, end_date FROM contracts ORDER BY reference") == [
        (D("300000.00"), dt.date(2026, 3, 31)), (D("200000.00"), dt.date(2026, 4, 30))]


def test_weightings_go_where_their_header_says(tmp_path, db):
    """A price or cost weighting is neither quality's nor social value's (before, "Cost Weighting" was
    stored as the social value weighting); a quality weighting written "Quality 70%" is 70."""
    head = ["Contract Reference", "Contract Title", "Supplier Name", "Start Date", "End Date", "Contract Value",
            "Cost Weighting", "Quality Weighting", "Collaborative?"]
    rows = [["A1", "Cleaning", "Acme Ltd", "01/04/2023", "31/03/2026", "10000", "40", "60", "Yes - Bluelight Commercial"],
            ["A2", "Catering", "Beta Ltd", "01/05/2023", "30/04/2026", "20000", "30", "Quality 70%", "No (own tender)"]]
    res = load_file(_write(tmp_path / "w.csv", head, rows), db=db, kind="contracts")
    assert res.rows_loaded == 2 and "social_value_pct" not in _fields(res)
    assert q(db, "SELECT quality_pct, social_value_pct, collaborative FROM contracts ORDER BY reference") == [
        (D("60.00"), None, True), (D("70.00"), None, False)]


def test_sizes_and_bands_in_a_supplier_list(tmp_path, db):
    """"Company Size" is the SME answer, not the company number; staff as bands settle the staff test."""
    head = ["Supplier Number", "Supplier Name", "Postcode", "Company Size", "Employees"]
    rows = [["1", "Acme Print Ltd", "PR1 2HE", "Small", "10-49"], ["2", "Capita plc", "EC2V 7NQ", "Large", "250+"],
            ["3", "Lancs Joinery", "LA1 4YW", "Micro", "Fewer than 10"]]
    res = load_file(_write(tmp_path / "s.csv", head, rows), db=db, kind="suppliers")
    assert res.rows_loaded == 3 and _fields(res)["is_sme"] == "Company Size" and "company_number" not in _fields(res)
    assert q(db, "SELECT company_number, is_sme, employees FROM supplier_register ORDER BY supplier_id") == [
        (None, True, 49), (None, False, 250), (None, True, 9)]


def test_a_framework_column_alone_is_the_route_and_says_collaborative(tmp_path, db):
    head = ["Contract Ref", "Contract Title", "Supplier", "Start Date", "End Date", "Contract Value", "Framework"]
    rows = [["LC/1", "Tyres", "Bluelight Fleet Ltd", "01/04/2023", "31/03/2026", "480000", "Bluelight Commercial Tyres"],
            ["LC/2", "Agency staff", "Matrix SCM Ltd", "01/10/2023", "30/09/2025", "300000", "ESPO 653F"],
            ["LC/3", "Custody", "Mitie Ltd", "01/10/2023", "30/09/2028", "6400000", "None"]]
    res = load_file(_write(tmp_path / "f.csv", head, rows), db=db, kind="contracts")
    assert res.rows_loaded == 3 and _fields(res)["route"] == "Framework"
    assert q(db, "SELECT reference, is_collaborative FROM contracts_current ORDER BY reference") == [
        ("LC/1", True), ("LC/2", True), ("LC/3", False)]


def test_savings_types_as_trackers_write_them(tmp_path, db):
    head = ["Project", "Financial Year", "Saving Type", "Amount"]
    rows = [["A", "2023/24", "Non-recurrent cashable", "1000"], ["B", "2023/24", "Price reduction", "2000"],
            ["C", "2023/24", "Cost avoidance", "3000"], ["D", "2023/24", "Non-cashable", "4000"]]
    load_file(_write(tmp_path / "t.csv", head, rows), db=db, kind="savings")
    assert q(db, "SELECT project, saving_type FROM savings ORDER BY project") == [
        ("A", "Cashable"), ("B", "Cashable"), ("C", "Non-cashable"), ("D", "Non-cashable")]


def test_an_xls_percentage_is_read_as_it_is_shown(tmp_path, db):
    """The same in an Excel 97-2003 workbook: a cell of 0.6 formatted 0% is 60."""
    import xlwt

    book = xlwt.Workbook()
    ws = book.add_sheet("Contracts")
    pct, day = xlwt.easyxf(num_format_str="0%"), xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for c, h in enumerate(["Contract Reference", "Contract Title", "Supplier Name", "Start Date", "End Date",
                           "Contract Value", "Quality Weighting", "Social Value Weighting"]):
        ws.write(0, c, h)
    for r, (q_, sv) in enumerate([(0.6, 0.1), (0.7, 0.05)], start=1):
        for c, v in enumerate([f"FR-0{r}", "Rescue kit", f"Firm {r} Ltd"]):
            ws.write(r, c, v)
        ws.write(r, 3, dt.date(2023, 4, 1), day)
        ws.write(r, 4, dt.date(2026, 3, 31), day)
        ws.write(r, 5, 220000 * r)
        ws.write(r, 6, q_, pct)
        ws.write(r, 7, sv, pct)
    f = tmp_path / "register.xls"
    book.save(str(f))
    res = load_file(f, db=db, kind="contracts")
    assert res.rows_loaded == 2
    assert q(db, "SELECT quality_pct, social_value_pct FROM contracts ORDER BY reference") == [
        (D("60.00"), D("10.00")), (D("70.00"), D("5.00"))]


def test_a_name_cell_with_the_details_on_the_same_line(tmp_path, db):
    """"Supplier Name and Details" written on one line ("Blue Light Parts Ltd, 1 Mill Lane, Preston, PR1
    1AA"): the name is the text before the details (after a legal form, else before what only an address
    or a register number begins with), so the contract is keyed by the supplier's name and meets its
    spend. A name with a comma of its own is left whole; a supplier register's name is read the same way."""
    rows = [["N1", "Parts", "Blue Light Parts Ltd, Mill Lane, Preston, PR1 1AA", "01/04/2023", "31/03/2026"],
            ["N2", "Counselling", "Lancashire Mind, 80 Devonshire Road, Chorley PR7 2DR", "01/06/2023", "31/05/2025"],
            ["N3", "Cameras", "Axon Public Safety UK Ltd - Company No 09999999", "01/01/2022", "31/12/2026"],
            ["N4", "Legal", "Smith, Jones & Co", "01/01/2022", "31/12/2026"],
            ["N5", "Pest control", "Fylde Coast YMCA, PR1 1AA", "01/01/2022", "31/12/2026"]]
    res = load_file(_write(tmp_path / "c.csv", ["Reference Number", "Title of Agreement", "Supplier Name and Details",
                                                 "Start Date", "End Date"], rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0)
    assert q(db, "SELECT reference, supplier_name, supplier_key FROM contracts ORDER BY reference") == [
        ("N1", "Blue Light Parts Ltd", "BLUE LIGHT PARTS"), ("N2", "Lancashire Mind", "LANCASHIRE MIND"),
        ("N3", "Axon Public Safety UK Ltd", "AXON PUBLIC SAFETY UK"), ("N4", "Smith, Jones & Co", "SMITH JONES AND CO"),
        ("N5", "Fylde Coast YMCA", "FYLDE COAST YMCA")]
    res = load_file(_write(tmp_path / "s.csv", ["Supplier Name and Details", "SME"], [
        ["Acme Services Ltd, Unit 4, Trafford Park, M17 1AA", "Yes"], ["Preston Print, 12 Fishergate, PR1 2AB", "No"]]),
        db=db, kind="suppliers")
    assert res.rows_loaded == 2
    assert q(db, "SELECT name FROM supplier_register ORDER BY row_number") == [("Acme Services Ltd",), ("Preston Print",)]
