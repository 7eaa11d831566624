"""A held-out round of files written by helpers who never saw the product (session 58).

Spend from open-data portals (7 of 8 exactly at first): a fire service's ArcGIS Hub export gave its
payment dates as milliseconds since 1970 (1664841600000), and every line was dated by the file's
name alone ("Q3 2022-23": October), its date column listed as not used.

Spend sheets laid out for reading (7 of 8 at first): a council's key under its lines ("E110 = Repairs
& Maintenance" | "SME" | "Small or medium-sized enterprise") was quarantined, row by row, as payments
with no amount.

Contracts registers from e-tendering systems (5 of 8 at first): a collaboration's "Revised End (if
extended)" was not read (the brackets' "if" said an end an option could reach); a Salesforce report's
"Count" | 32 under each group was quarantined as a contract with no supplier; a national register's
suppliers a line each, one of them a charity with no legal form ("Mind in the City"), kept the first
line alone.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib import store
from lib.ingest import load_file
from test_register_layouts import _write

FIRMS = ["Allstar Business Solutions Ltd", "Rosenbauer UK Plc", "Angloco Ltd", "MSA (Britain) Ltd",
         "Lyreco UK Ltd", "REDACTED PERSONAL DATA"]


def _ms(day: dt.date, hour: int = 0) -> int:
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone.utc).timestamp()) * 1000


def test_epoch_milliseconds_are_the_day_the_instant_was_in_the_uk(db):
    cur = store.cursor(db)
    try:
        def day(v):
            return cur.execute("SELECT parse_uk_date(?)", [v]).fetchone()[0]
        assert day(str(_ms(dt.date(2022, 10, 4)))) == dt.date(2022, 10, 4)  # midnight UTC
        assert day(str(_ms(dt.date(2022, 10, 3), 23))) == dt.date(2022, 10, 4)  # a UK midnight in summer, in UTC
        assert day(str(_ms(dt.date(2023, 1, 15)))) == dt.date(2023, 1, 15)
        assert day("1664841600123") is None  # not a whole second: an identifier, not an instant
        assert day("9999999999999") is None  # past 2100
        assert day("0664841600000") is None  # before 2000
    finally:
        cur.close()


def test_a_portal_export_dated_in_epoch_milliseconds_loads_each_lines_day(tmp_path, db):
    lines = ["OBJECTID,Body_Name,Service_Area,Payment_Date,Transaction_Number,Amount,Supplier_Name"]
    want, total = [], Decimal("0")
    for i in range(40):
        d = dt.date(2022, 10, 3) + dt.timedelta(days=2 * i)
        # summer days written as the UK midnight in UTC (23:00 the day before), winter ones at 00:00
        stamp = _ms(d - dt.timedelta(days=1), 23) if d < dt.date(2022, 10, 30) else _ms(d)
        amount = Decimal(900 + 131 * i) + Decimal("0.45")
        total += amount
        want.append((d, amount))
        lines.append(f"{1874 + i},North Yorkshire Fire and Rescue Service,ICT,{stamp},NYFRS{195581 + i},{amount},{FIRMS[i % 6]}")
    lines.append(f"{1874 + 40},Grand Total,,,,{total},")
    path = written(tmp_path / "Spend_Over_500_Q3_2022_23.csv", "\n".join(lines) + "\n")
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (40, 0, 1), res.problems[:3]
    assert res.amount_loaded == total
    assert res.as_json()["columns"]["payment_date"]["column"] == "Payment_Date"
    assert sorted(q(db, "SELECT payment_date, amount FROM transactions")) == sorted(want)


def test_a_key_under_the_lines_is_set_aside_not_quarantined(tmp_path, db):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Calderdale Council - Expenditure over £500 - September 2024"])
    ws.append([])
    ws.append(["Body Name", "Service Area", "Expense Type", "Payment Date", "Transaction Number", "Net Amount",
               "Supplier Name"])
    total = Decimal("0")
    for i in range(20):
        amount = Decimal(700 + 53 * i) + Decimal("0.20")
        total += amount
        ws.append(["Calderdale Council", "Regeneration", "E110 Repairs", dt.datetime(2024, 9, 2 + i), 51359259 + i,
                   float(amount), FIRMS[i % 5]])
    ws.append([])
    ws.append(["Key"])
    ws.append(["Expense type codes:", "Supplier type:"])
    ws.append(["E110 = Repairs & Maintenance (Premises)", "SME", "Small or medium-sized enterprise"])
    ws.append(["E120 = Grounds Maintenance", "VCSE", "Voluntary, community or social enterprise"])
    ws.append(["E130 = Energy"])
    # a line that lost its amount but still names its payee, or its date: a payment, quarantined
    ws.append(["Calderdale Council", "Regeneration", "E110 Repairs", None, 51359300, None, "Idverde Ltd"])
    ws.append(["Calderdale Council", "Regeneration", "E110 Repairs", dt.datetime(2024, 9, 30), None, None, None])
    path = tmp_path / "Calderdale_Council_Spend_Over_500_September_2024.xlsx"
    wb.save(path)
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (20, 2), res.problems[:4]
    assert res.amount_loaded == total
    assert res.rows_total_lines == 5  # the key's heading, its two labels' row, its three entries


def test_a_revised_end_filled_where_extended_is_the_end_now(tmp_path, db):
    from lib.ingest import columns as colmod

    assert colmod.header_scores("Revised End (if extended)", colmod.CONTRACTS).get("end_now", 0) > 1
    assert colmod.header_scores("End Date (if extended)", colmod.CONTRACTS).get("end_now", 0) <= 0
    res = load_file(_write(tmp_path / "norfolk.csv", [
        "Ref No", "Description of Goods/Services", "Supplier", "Start", "End", "Revised End (if extended)", "Value (Total)"], [
        ["NSPROC/19/009", "Interpreting", "Tascor Medical Services Ltd", "01/03/2020", "28/02/2023", "29/02/2024", "28351"],
        ["NSPROC/21/030", "SARC", "Jacobs Enforcement Ltd", "01/05/2021", "30/04/2023", "", "181100"]]),
        db=db, kind="contracts")
    assert res.as_json()["columns"]["end_now"]["column"] == "Revised End (if extended)"
    assert dict(q(db, "SELECT reference, end_date::VARCHAR FROM contracts_current")) == {
        "NSPROC/19/009": "2024-02-29", "NSPROC/21/030": "2023-04-30"}


def test_a_reports_counts_alone_are_no_contracts(tmp_path, db):
    rows = []
    for g, n in (("Active", 3), ("Expired", 2)):
        for i in range(n):
            rows.append([g if i == 0 else "", f"CTR-{g[:2]}{i}", "Occupational Health", FIRMS[i], "01/03/2023",
                         "28/02/2026", str(10000 + i)])
        rows.append(["", "Subtotal", "", "", "", "", str(sum(10000 + i for i in range(n)))])
        rows.append(["", "Count", str(n), "", "", "", ""])
    rows.append(["Total", "", "", "", "", "", "50013"])
    rows.append(["Count", "5", "", "", "", "", ""])
    res = load_file(_write(tmp_path / "atamis.csv", [
        "Contract Status", "Contract Number", "Contract Name", "Supplier: Account Name", "Start Date", "End Date",
        "Total Contract Value"], rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (5, 0, 6), res.problems[:3]
    cur = store.cursor(db)
    try:
        assert cur.execute("SELECT is_total_word('Count'), is_total_word('Count:'), is_total_word('Counter Ltd')"
                           ).fetchone() == (True, True, False)
    finally:
        cur.close()


def test_suppliers_a_line_each_most_with_a_legal_form_are_each_a_supplier(db):
    cur = store.cursor(db)
    try:
        def lines(cell):
            return cur.execute("SELECT register_supplier_lines(?)", [cell]).fetchone()[0]
        assert lines("Motorola Solutions UK Limited\nMind in the City\nNode4 Limited") == (
            "Motorola Solutions UK Limited; Mind in the City; Node4 Limited")
        assert lines("Browne Jacobson LLP\nMind in the City\nSerco Limited\nHarrassowitz GmbH & Co. KG") == (
            "Browne Jacobson LLP; Mind in the City; Serco Limited; Harrassowitz GmbH & Co. KG")
        # one supplier's address over several lines: its name alone
        assert lines("Acme Ltd\nRiverside Business Park\nBeta Ltd") == "Acme Ltd"
        assert lines("Acme Ltd\n12 High Street\nPreston\nPR1 1AA") == "Acme Ltd"
        assert lines("Acme Ltd\nPreston") == "Acme Ltd"
        assert lines("Acme Ltd\nMind in the City") == "Acme Ltd"  # no line after the first a firm's
    finally:
        cur.close()


def _savings(db):
    return sorted(q(db, "SELECT project, fy, saving_type, amount FROM savings"))


def test_a_returns_memo_lines_under_its_total_are_no_years_of_the_project_above(tmp_path, db):
    rows = [["1", "FLT01", "Fleet", "Fuel cards", "2023/24", "12,802.85"],
            ["", "", "", "", "2024/25", "4,000.00"],  # the project written once over its years
            ["", "FLT subtotal", "Fleet", "", "", "16,802.85"],
            ["2", "ICT01", "ICT", "ANPR camera maintenance", "2023/24", "47,049.55"],
            ["", "TOTAL", "All categories", "", "2023/24", "63,852.40"],
            ["", "Memo", "Force savings target 2023/24", "", "2023/24", "1,250,000.00"],
            ["", "Memo", "Forecast 2024/25 (not validated)", "", "2024/25", "980,000.00"]]
    res = load_file(_write(tmp_path / "HO_return.csv", ["Line no", "Cat code", "Category description",
                                                         "Initiative / contract", "Financial year", "Value (£)"], rows),
                    db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0), res.problems[:3]
    assert [(p, fy, a) for p, fy, _, a in _savings(db)] == [
        ("ANPR camera maintenance", "2023/24", Decimal("47049.55")), ("Fuel cards", "2023/24", Decimal("12802.85")),
        ("Fuel cards", "2024/25", Decimal("4000.00"))]


def test_a_target_named_whose_it_is_is_no_saving_and_target_hardening_is(tmp_path, db):
    rows = [["ER-001", "Custody interpreter services", "Cashable", "£159,921", "£38,071.49"],
            ["ER-002", "Target hardening works", "Cashable", "£12,000", ""],
            ["", "Total", "", "£171,921", "£38,071.49"],
            ["", "Regional target", "", "£1,000,000.00", "£1,000,000.00"]]
    res = load_file(_write(tmp_path / "benefits.csv", ["Ref", "Project", "Benefit type", "2022/23", "2023/24"], rows),
                    db=db, kind="savings")
    assert res.rows_quarantined == 0, res.problems[:3]
    assert {p for p, *_ in _savings(db)} == {"Custody interpreter services", "Target hardening works"}


def test_a_summary_by_status_under_the_savings_is_no_saving(tmp_path, db):
    rows = [["AVP-001", "Grounds maintenance", "Estates", "Cashable", "2024/25", "At risk", "63258"],
            ["AVP-002", "Drug testing kits", "Forensics", "Cost avoidance", "2024/25", "Delivered", "215829"],
            ["AVP-003", "Fleet parts", "Fleet", "Cashable", "2024/25", "Delivered", "142370.05"],
            ["AVP-004", "Body armour", "Uniform", "Cashable", "2024/25", "In Progress", "5000"],
            ["", "", "", "", "", "", ""],
            ["", "Summary by status", "", "", "", "", ""],
            ["", "Delivered", "", "", "", "", "358199.05"],
            ["", "At risk", "", "", "", "", "63258"],
            ["", "Total pipeline", "", "", "", "", "426457.05"]]
    res = load_file(_write(tmp_path / "tracker.csv", ["Ref", "Project", "Category", "Benefit type", "FY", "Status",
                                                       "Saving (£)"], rows), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 2), res.problems[:3]  # at risk, in progress: not made
    assert [p for p, *_ in _savings(db)] == ["Drug testing kits", "Fleet parts"]


def test_a_sheet_named_for_a_type_types_its_savings(tmp_path, db):
    import openpyxl

    wb = openpyxl.Workbook()
    for title, firms in (("Cashable Savings", FIRMS[:3]), ("Cost Avoidance", FIRMS[3:5])):
        ws = wb.create_sheet(title)
        ws.append(["Project", "Date achieved", "Saving £"])
        for i, f in enumerate(firms):
            ws.append([f"{f} contract", dt.datetime(2023, 5, 1 + i), 10000 + i])
        ws.append(["Total", None, sum(10000 + i for i in range(len(firms)))])
    del wb["Sheet"]
    path = tmp_path / "Registers.xlsx"
    wb.save(path)
    res = load_file(path, db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0), res.problems[:3]
    types = {p: t for p, _, t, _ in _savings(db)}
    assert {types[f"{f} contract"] for f in FIRMS[:3]} == {"Cashable"}
    assert {types[f"{f} contract"] for f in FIRMS[3:5]} == {"Non-cashable"}


def test_the_day_a_saving_was_realised_gives_its_year_not_its_target_date(tmp_path, db):
    from lib.ingest import columns as colmod

    s = colmod.header_scores
    assert s("Realised Date", colmod.SAVINGS)["recorded_on"] > s("Target Date", colmod.SAVINGS).get("recorded_on", 0)
    rows = [["Grounds maintenance", "Efficiency", "107397.34", "Realised", "05/07/2024", "11/09/2022"],
            ["Solar PV", "Cashable Saving", "164969.26", "Realised", "24/11/2024", "30/03/2023"],
            ["Soft FM cleaning", "Non-Cashable Saving", "11500.77", "In Progress", "04/11/2023", ""]]
    res = load_file(_write(tmp_path / "benefits_export.csv", ["Project Title", "Benefit Type", "Benefit Value",
                                                               "Benefit Status", "Target Date", "Realised Date"], rows),
                    db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 1), res.problems[:3]
    assert [(p, fy) for p, fy, *_ in _savings(db)] == [("Grounds maintenance", "2022/23"), ("Solar PV", "2022/23")]


def test_the_year_named_once_counts_the_savings_it_dates_not_a_summary_under_them(tmp_path, db):
    path = tmp_path / "tracker.csv"
    path.write_text("Procurement Savings Tracker 2024/25\n\nRef,Project,Status,Saving (£)\n"
                    "AVP-1,Drug testing kits,Delivered,215829\nAVP-2,Fleet parts,Delivered,142370.05\n\n"
                    ",Summary by status,,\n,Delivered,,358199.05\n", encoding="utf-8")
    res = load_file(path, db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0), res.problems[:3]
    said = [w for w in res.warnings if "no year of" in w]
    assert said and said[0].startswith("2 savings with no year of their own: read in 2024/25"), res.warnings


def test_a_survey_questions_explanation_names_no_other_field(tmp_path, db):
    """Ariba's "Is your organisation a Small or Medium-sized Enterprise (SME), i.e. fewer than 250 staff
    and turnover <= EUR 50m ...?": what follows "i.e." explains the question (staff and turnover are
    other fields' words); the column is the SME answer."""
    q_sme = ("Registration Questionnaire - 2.1 Is your organisation a Small or Medium-sized Enterprise (SME), i.e. "
             "fewer than 250 staff and turnover <= EUR 50m or balance sheet <= EUR 43m?")
    rows = [["S1", "Coastline Catering Limited", "FY1 6PL", "11172869", "Yes", "9"],
            ["S2", "Chowdhury & Sons Limited", "HP2 8UJ", "03007390", "No", "8513"],
            ["S3", "Hadley Analytics Limited", "TS1 5GX", "09968968", "Yes", "4"]]
    res = load_file(_write(tmp_path / "ariba.csv", ["SM Vendor ID", "Supplier Name", "Postal Code",
                                                    "Registration Questionnaire - 1.4 Companies House registration number",
                                                    q_sme, "Registration Questionnaire - 2.3 Number of employees (UK)"],
                           rows), db=db, kind="suppliers")
    assert res.as_json()["columns"]["is_sme"]["column"] == q_sme
    assert dict(q(db, "SELECT name, is_sme FROM supplier_register")) == {
        "Coastline Catering Limited": True, "Chowdhury & Sons Limited": False, "Hadley Analytics Limited": True}


def test_a_summary_and_counts_by_lot_under_a_supplier_list_are_no_suppliers(tmp_path, db):
    rows = [[f"BLC-{i}", f, "Small"] for i, f in enumerate(FIRMS[:5])]
    rows += [["", "", ""], ["Summary", "", ""], ["Total in pipeline", "5", ""], ["Onboarded (G)", "3", ""],
             ["Number of suppliers per lot", "2", ""]]
    res = load_file(_write(tmp_path / "onboarding.csv", ["Ref", "Supplier legal name", "Company size"], rows),
                    db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0), res.problems[:3]
    assert res.rows_total_lines == 4


def test_headings_named_again_by_their_subtotals_and_answers_not_reported(tmp_path, db):
    """A council's social value list: service areas in ordinary letters over their suppliers, each closed
    by "Subtotal – <area>"; "n/r" (not reported) under SME is no answer, not "No"."""
    rows = []
    for area, firms in (("Environment & Waste", FIRMS[:2]), ("Highways & Transport", FIRMS[2:5])):
        rows.append([area, "", "", ""])
        for i, f in enumerate(firms):
            rows.append([f, f"M{i + 1} 6UA", "n/r" if i == 1 else "Yes", "100"])
        rows.append([f"Subtotal – {area}", "", "", str(100 * len(firms))])
    rows.append(["GRAND TOTAL", "", "", "500"])
    res = load_file(_write(tmp_path / "social_value.csv", ["Supplier", "Postcode", "SME", "Total proxy SV (£)"], rows),
                    db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0), res.problems[:3]
    assert dict(q(db, "SELECT name, is_sme FROM supplier_register")) == {
        FIRMS[0]: True, FIRMS[1]: None, FIRMS[2]: True, FIRMS[3]: None, FIRMS[4]: True}


def test_a_spend_reports_count_alone_is_no_payment(tmp_path, db):
    """A Salesforce-style report closes its lines with "Count" and the count under another column: a
    total's words since m171, as "Number of transactions" was."""
    body = "".join(f"0{1 + i}/04/2024,{FIRMS[i]},{1000 + i}.50,INV{i}\n" for i in range(4))
    res = load_file(written(tmp_path / "report.csv", "Date,Supplier,Amount,Invoice\n" + body + "Count,,,4\n"), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (4, 0, 1), res.problems[:3]
