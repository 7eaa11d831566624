"""What registers write in words, read as a person reads it: found by a probe with 61 registers in
other publishers' layouts (contracts, savings, suppliers), each shape written here, loaded into a
store of its own beside a month of spend, and held against the scorecard's figures:

- routes in free text ("Call-off from CCS RM6187", "Framework (ESPO 653F)") counted as collaborative,
  and "Force only", "Direct award", "Own tender" under a "Framework" heading not (m107);
- a "Collaboration: Regional / National / Force only" column read, not quarantined (m107);
- "SME: No" read as no, "Y (Small)" and a tick as yes, "c.300" staff as 300 (m108);
- a TOTAL line and notes under a register kept aside, not loaded as entries (m108);
- a supplier register's "Supplier Category" not taken for the supplier's ID;
- the Transparency Code's "Supplier Type: SME / VCSE" and a VCSE question answered yes or no;
- a contract's end from "Period To", from a term in months, or from a period in one cell; a term
  written with its options ("2+1+1", "36 months + 24 months optional") read as the term first let (m119);
- a contract's variation or extension listed under its own reference merged into it, not replacing it (m120);
- a supplier named in Welsh and English ("Prifysgol Bangor / Bangor University") one contract, not two (m121);
- a note or footnote mark after an answer ("£2,500,000 (whole life)", "Y*") set aside, "(£5k)" a sum lost (m122);
- a savings project written once over the rows of its years read on each of them;
- the saving achieved chosen over the contract's value or the target; "£50,000 per annum" and a
  range of sums read, not quarantined."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib import store
from lib.ingest import load_file
from lib.scorecard import card
from test_register_layouts import _write

D = Decimal


def _spend(tmp_path, db, paid: dict) -> None:
    """A month of spend (June 2024): {supplier: amount}."""
    load_file(_write(tmp_path / "spend.csv", ["Payment Date", "Supplier Name", "Amount"],
                     [["01/06/2024", s, str(a)] for s, a in paid.items()]), db=db)


def _measure(db, key: str, fy: str = "2024/25") -> tuple:
    cur = store.cursor(db)
    try:
        m = card.kpis(cur, fy)["measures"][key]
    finally:
        cur.close()
    return m["numerator"], m["denominator"]


def test_routes_written_in_free_text_say_whether_a_contract_was_let_with_others(tmp_path, db):
    routes = {"Call-off from CCS RM6187": True, "Framework (ESPO 653F)": True,
              "Mini-competition via Bluelight Commercial framework": True, "Collaborative - NW Police": True,
              "YPO framework 1004": True, "Further competition - NEPO": True,
              "Open tender": False, "Direct award": False, "Single force contract": False,
              "Non-framework": False, "Lancashire only": False}
    rows = [[f"R{k}", f"Route {k} Ltd", "01/04/2024", "31/03/2026", r] for k, r in enumerate(routes)]
    load_file(_write(tmp_path / "routes.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date",
                                               "Procurement Route"], rows), db=db, kind="contracts")
    _spend(tmp_path, db, {f"Route {k} Ltd": 100 * (k + 1) for k in range(len(routes))})
    got = dict(q(db, "SELECT route, is_collaborative FROM contracts_current"))
    assert got == routes
    want = sum(100 * (k + 1) for k, r in enumerate(routes) if routes[r])
    assert _measure(db, "collaborative_pct") == (f"{want}.00", f"{sum(100 * (k + 1) for k in range(len(routes)))}.00")
    assert dict(q(db, "SELECT route, route_group FROM contracts_current"))["Framework (ESPO 653F)"] == "ESPO"


def test_a_framework_column_counts_only_frameworks(tmp_path, db):
    """Under a "Framework" heading, a framework named is collaborative; "Force only", "Direct award",
    "Own tender", "In-house procurement", "N/A" are not (every one of them counted before)."""
    cells = {"Bluelight Commercial": True, "RM6187 Management Consultancy": True, "Force only": False,
             "Direct award": False, "Own tender": False, "In-house procurement": False, "N/A": False}
    rows = [[f"F{k}", f"Fw {k} Ltd", "01/04/2024", "31/03/2026", c] for k, c in enumerate(cells)]
    load_file(_write(tmp_path / "fw.csv", ["Reference Number", "Supplier Name", "Start Date", "End Date", "Framework"],
                     rows), db=db, kind="contracts")
    got = {r: c for r, c in q(db, "SELECT route, is_collaborative FROM contracts_current")}
    assert got == cells


def test_a_collaboration_column_answered_in_words_is_read(tmp_path, db):
    """"Collaboration: Regional / National / Force only": every contract was quarantined ("not yes or
    no"), taking all its spend off contract. Regional and national are collaborative; force only not."""
    rows = [["P001", "Medacs Healthcare PLC", "01/04/2024", "31/03/2027", "Regional"],
            ["P002", "Motorola Solutions UK Ltd", "01/04/2024", "31/03/2026", "National"],
            ["P003", "Greenscape Lancs Ltd", "01/04/2024", "31/03/2026", "Force only"]]
    res = load_file(_write(tmp_path / "collab.csv", ["Contract No.", "Supplier", "Commencement Date", "Expiry Date",
                                                     "Collaboration: Regional / National / Force only"], rows),
                    db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    _spend(tmp_path, db, {"Medacs Healthcare PLC": 1000, "Motorola Solutions UK Ltd": 2000, "Greenscape Lancs Ltd": 4000})
    assert _measure(db, "on_contract_pct") == ("7000.00", "7000.00")
    assert _measure(db, "collaborative_pct") == ("3000.00", "7000.00")


def test_sme_answers_written_after_the_word_they_answer(tmp_path, db):
    answers = {"Yes": True, "No": False, "SME: No": False, "SME - No": False, "SME (No)": False, "SME: Yes": True,
               "Small - No": False, "Y (Small)": True, "✓": True, "Micro": True, "Large": False}
    rows = [[f"S{k} Ltd", "PR1 2AB", a, n] for k, (a, n) in enumerate(zip(answers, ["12", "5", "c.300", "approx. 40",
                                                                                   "", "", "", "", "", "", ""]))]
    res = load_file(_write(tmp_path / "sme.csv", ["Supplier Name", "Postcode", "SME?", "Number of Employees"], rows),
                    db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (len(answers), 0)
    got = dict(q(db, "SELECT name, is_sme FROM supplier_register"))
    assert got == {f"S{k} Ltd": v for k, v in enumerate(answers.values())}
    assert dict(q(db, "SELECT name, employees FROM supplier_register WHERE employees IS NOT NULL")) == {
        "S0 Ltd": 12, "S1 Ltd": 5, "S2 Ltd": 300, "S3 Ltd": 40}


def test_totals_and_notes_under_a_register_are_not_entries(tmp_path, db):
    res = load_file(_write(tmp_path / "savings.csv", ["Project", "Financial Year", "Saving Type", "Saving"],
                           [["P1", "2024/25", "Cashable", "100"], ["P2", "2024/25", "Cashable", "200"],
                            ["TOTAL", "2024/25", "", "300"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_total_lines) == (2, 1)
    assert q(db, "SELECT sum(amount) FROM savings") == [(D("300.00"),)]
    res = load_file(_write(tmp_path / "suppliers.csv", ["Supplier Name", "Postcode", "SME"],
                           [["N1 Ltd", "PR1 2AB", "Yes"], ["Total Office Solutions Ltd", "PR2 2AB", "No"],
                            ["Total suppliers: 2", "", ""], ["* SME as defined by the Procurement Act 2023", "", ""],
                            ["Note: postcodes are the registered office's", "", ""]]), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_total_lines, res.rows_quarantined) == (2, 3, 0)
    assert sorted(r[0] for r in q(db, "SELECT name FROM supplier_register")) == ["N1 Ltd", "Total Office Solutions Ltd"]


def test_a_suppliers_category_or_address_is_not_its_id(tmp_path, db):
    """"Supplier Category" was taken for the supplier's ID: two suppliers in one category became one,
    and the other left the register."""
    res = load_file(_write(tmp_path / "cat.csv", ["Supplier Name", "Supplier Category", "Supplier Address", "SME"],
                           [["Cat One Ltd", "Cleaning", "1 High St, Preston PR1 2AB", "Yes"],
                            ["Cat Two Ltd", "Cleaning", "2 Low St, Manchester M1 1AE", "No"]]), db=db, kind="suppliers")
    assert "supplier_id" not in res.as_json()["columns"]
    _spend(tmp_path, db, {"Cat One Ltd": 1000, "Cat Two Ltd": 2000})
    assert _measure(db, "sme_pct") == ("1000.00", "3000.00")


@pytest.mark.parametrize("head, cells", [
    (["Supplier Name", "Supplier Type: SME / VCSE", "Postcode"], ["SME", "VCSE", "Large"]),
    (["Supplier", "Is the supplier an SME?", "Is the supplier a VCSE organisation?", "Supplier Postcode"],
     [("Yes", "No"), ("No", "Yes"), ("No", "No")]),
])
def test_sme_and_vcse_answers_under_the_transparency_codes_headings(tmp_path, db, head, cells):
    names = ["T1 Ltd", "T2 Community Services", "T3 PLC"]
    rows = [[n, *(c if isinstance(c, tuple) else (c,)), "PR1 2AB"] for n, c in zip(names, cells)]
    load_file(_write(tmp_path / "type.csv", head, rows), db=db, kind="suppliers")
    _spend(tmp_path, db, {"T1 Ltd": 1000, "T2 Community Services": 2000, "T3 PLC": 4000})
    assert _measure(db, "sme_pct") == ("1000.00", "7000.00")
    assert _measure(db, "vcse_pct") == ("2000.00", "7000.00")


@pytest.mark.parametrize("head, row", [
    (["Contract Ref", "Supplier Name", "Contract Period From", "Contract Period To"],
     ["PF1", "From One Ltd", "01/04/2023", "31/03/2024"]),
    (["Contract Reference", "Supplier Name", "Start Date", "Duration (months)"], ["PF1", "From One Ltd", "01/04/2023", "12"]),
    (["Contract Reference", "Supplier Name", "Start Date", "Contract Term (years)"], ["PF1", "From One Ltd", "01/04/2023", "1"]),
    (["Contract Reference", "Supplier Name", "Start Date", "Term"], ["PF1", "From One Ltd", "01/04/2023", "12 months"]),
    (["Contract Reference", "Supplier", "Contract Period"], ["PF1", "From One Ltd", "01/04/2023 - 31/03/2024"]),
])
def test_a_contracts_end_from_its_period_or_its_term(tmp_path, db, head, row):
    """The end written under "Period To", worked out from a term, or written in one cell with the
    start: the contract ended on 31 March 2024, so June 2024's spend is off contract (it was stored
    as open-ended, on contract for ever)."""
    load_file(_write(tmp_path / "c.csv", head, [row]), db=db, kind="contracts")
    assert q(db, "SELECT start_date, end_date FROM contracts") == [(dt.date(2023, 4, 1), dt.date(2024, 3, 31))]
    _spend(tmp_path, db, {"From One Ltd": 5000, "Other Ltd": 5000})
    assert _measure(db, "on_contract_pct") == ("0.00", "10000.00")


@pytest.mark.parametrize("term, end", [
    ("2+1+1", dt.date(2021, 3, 31)),  # years: a first term of 5 or less with no unit
    ("2 + 1 + 1", dt.date(2021, 3, 31)),
    ("3 years + 1 + 1", dt.date(2022, 3, 31)),
    ("36 months + 24 months optional", dt.date(2022, 3, 31)),
    ("2 years (+1)", dt.date(2021, 3, 31)),
    ("2+2 years", dt.date(2021, 3, 31)),
    ("3 years with an option to extend by 2", dt.date(2022, 3, 31)),
    ("24+12", dt.date(2021, 3, 31)),  # months: a first term above 5
    ("6+6", dt.date(2019, 9, 30)),
])
def test_a_term_with_its_options_is_the_term_first_let(tmp_path, db, term, end):
    """A "Contract Term" of "2+1+1" (and its kin) was no term at all: with no end date the contract
    was open-ended, and a 2019 contract covered 2024/25's spend. Now the first term is read, with a
    note; the options are not counted, so the contract ended before June 2024 in every case."""
    res = load_file(_write(tmp_path / "c.csv", ["Contract ID", "Provider", "Commencement Date", "Contract Term"],
                           [["D-2", "Term TwoPlus Ltd", "01/04/2019", term]]), db=db, kind="contracts")
    assert q(db, "SELECT start_date, end_date FROM contracts") == [(dt.date(2019, 4, 1), end)]
    assert [w for w in res.warnings if "options to extend" in w and f"'{term}'" in w], res.warnings
    _spend(tmp_path, db, {"Term TwoPlus Ltd": 1000, "Nobody Offcontract Ltd": 10000})
    assert _measure(db, "on_contract_pct") == ("0.00", "11000.00")


def test_a_term_header_in_months_keeps_its_unit_and_an_end_date_wins(tmp_path, db):
    """"2+1" under "Term (months)" is two months; a contract whose end date is written is not moved by
    its term, and draws no note."""
    res = load_file(_write(tmp_path / "c.csv", ["Contract ID", "Provider", "Start Date", "End Date", "Term (months)"],
                           [["M-1", "Short Ltd", "01/04/2024", "", "2+1"],
                            ["M-2", "Dated Ltd", "01/04/2024", "31/03/2026", "2+1+1"]]), db=db, kind="contracts")
    assert q(db, "SELECT reference, end_date FROM contracts ORDER BY 1") == [
        ("M-1", dt.date(2024, 5, 31)), ("M-2", dt.date(2026, 3, 31))]
    note = [w for w in res.warnings if "options to extend" in w]
    assert len(note) == 1 and "gives 1 term " in note[0] and "'2+1' as 2 months" in note[0], res.warnings


def test_a_contracts_variation_row_under_its_reference_does_not_replace_it(tmp_path, db):
    """A variation listed under the contract's own reference was taken for the contract: it seemed let
    in October 2024, September's spend fell off contract and a letting with no weighting was counted
    in 2024/25. The rows are one contract: let in 2021, the first row's weighting, the values added,
    a row written twice counted once, the last end given."""
    head = ["Contract Reference", "Contract Stage", "Supplier", "Start Date", "End Date", "Value (£)",
            "Social Value Weighting (%)"]
    rows = [["LC-2021-031", "Original term", "Fleet Maintenance Ltd", "01/04/2021", "31/03/2026", "£900,000", "10"],
            ["LC-2021-031", "Variation 1 (price uplift)", "Fleet Maintenance Ltd", "01/10/2024", "31/03/2026",
             "£60,000", ""],
            ["LC-2021-031", "Variation 1 (price uplift)", "Fleet Maintenance Ltd", "01/10/2024", "31/03/2026",
             "£60,000", ""],
            ["LC-2021-031", "Extension 1", "Fleet Maintenance Ltd", "01/04/2026", "31/03/2027", "£150,000", ""],
            ["LC-2023-007", "Original term", "Other Works Ltd", "01/04/2023", "31/03/2024", "£20,000", "5"]]
    load_file(_write(tmp_path / "c.csv", head, rows), db=db, kind="contracts")
    assert q(db, "SELECT reference, start_date, end_date, value, social_value_pct FROM contracts_current ORDER BY 1") == [
        ("LC-2021-031", dt.date(2021, 4, 1), dt.date(2027, 3, 31), D("1110000.00"), D("10.00")),
        ("LC-2023-007", dt.date(2023, 4, 1), dt.date(2024, 3, 31), D("20000.00"), D("5.00"))]
    _spend(tmp_path, db, {"Fleet Maintenance Ltd": 1000, "Nobody Offcontract Ltd": 10000})
    assert _measure(db, "on_contract_pct") == ("1000.00", "11000.00")
    cur = store.cursor(db)
    try:
        assert card.kpis(cur, "2024/25")["measures"]["social_value_pct"]["status"] == "no data"  # nothing let
        assert card.kpis(cur, "2021/22")["measures"]["social_value_pct"]["value"] == 100.0
    finally:
        cur.close()


def test_a_supplier_named_in_welsh_and_english_is_one_contract(tmp_path, db):
    """"Prifysgol Bangor / Bangor University" was split as a lot awarded to two suppliers: two
    contracts, one with a supplier no spend is paid to. It is one contract, with the English name the
    spend uses; "A Ltd / B Ltd" is still a contract with each."""
    load_file(_write(tmp_path / "c.csv", ["Reference", "Supplier", "Start Date", "End Date", "Value",
                                          "Social Value Weighting"],
                     [["W-1", "Prifysgol Bangor / Bangor University", "01/06/2024", "31/05/2026", "£120,000", "10%"],
                      ["W-2", "Heddlu Gogledd Cymru / North Wales Police", "01/06/2024", "31/05/2026", "£5,000", "5%"],
                      ["J-1", "Alpha Print Ltd / Beta Print Ltd", "01/06/2024", "31/05/2026", "£10,000", "10%"]]),
              db=db, kind="contracts")
    assert q(db, "SELECT reference, supplier_name FROM contracts_current ORDER BY 1, 2") == [
        ("J-1", "Alpha Print Ltd"), ("J-1", "Beta Print Ltd"), ("W-1", "Bangor University"),
        ("W-2", "North Wales Police")]
    _spend(tmp_path, db, {"Bangor University": 1000, "Nobody Offcontract Ltd": 10000})
    assert _measure(db, "on_contract_pct") == ("1000.00", "11000.00")


def test_notes_and_footnote_marks_after_a_registers_answers(tmp_path, db):
    """"£2,500,000 (whole life)", "Y*", "(£5k)", "10% (see note 3)" were not read: a contract with no
    value, a VCSE unknown, a saving quarantined. The note or mark is set aside; a bracketed sum is a
    sum lost; "N/A*" still says nothing."""
    load_file(_write(tmp_path / "c.csv", ["Reference", "Supplier", "Start Date", "End Date", "Contract Value",
                                          "Social Value Weighting"],
                     [["LCC-2020-006", "Audit Partners LLP", "01/04/2024", "31/03/2026", "£2,500,000 (whole life)",
                       "10% (see note 3)"],
                      ["LCC-2020-007", "Print Partners LLP", "01/04/2024", "31/03/2026", "£50,000*", "N/A*"]]),
              db=db, kind="contracts")
    assert q(db, "SELECT value, social_value_pct FROM contracts ORDER BY reference") == [
        (D("2500000.00"), D("10.00")), (D("50000.00"), None)]
    res = load_file(_write(tmp_path / "s.csv", ["Project", "FY", "Saving"],
                           [["Fuel", "2024/25", "(£5k)"], ["Forensics", "2024/25", "£-2,000 (price increase)"],
                            ["Tyres", "2024/25", "£10,000"]]), db=db, kind="savings")
    assert res.rows_quarantined == 0
    assert q(db, "SELECT project, amount FROM savings ORDER BY row_number") == [
        ("Fuel", D("-5000.00")), ("Forensics", D("-2000.00")), ("Tyres", D("10000.00"))]
    res = load_file(_write(tmp_path / "r.csv", ["Name", "Postcode", "SME", "VCSE"],
                           [["Lancaster Mediation Service", "LA1 1PL", "Y*", "Y*"]]), db=db, kind="suppliers")
    assert not res.warnings, res.warnings
    assert q(db, "SELECT is_sme, is_vcse FROM supplier_register") == [(True, True)]


def test_a_savings_project_written_once_over_its_years(tmp_path, db):
    """A project written once over the rows of its years (a merged cell in a CSV): the rows under it
    with a saving and a year of their own were quarantined ("no project"); they are the project's. A
    row with no project whose saving is the sum above it (a total with no label) is not one."""
    res = load_file(_write(tmp_path / "s.csv", ["Project", "Financial Year", "Saving Type", "Saving (£)"],
                           [["Custody healthcare re-tender", "2023/24", "Cashable", "20,000"],
                            ["", "2024/25", "Cashable", "40,000"],
                            ["", "2025/26", "Non-cashable", "5,000"],
                            ["Fleet tyres", "2024/25", "Cashable", "12,000"],
                            ["", "2024/25", "", "52,000"],
                            ["Total", "", "", "77,000"]]), db=db, kind="savings")
    assert q(db, "SELECT project, fy, amount FROM savings ORDER BY row_number") == [
        ("Custody healthcare re-tender", "2023/24", D("20000.00")),
        ("Custody healthcare re-tender", "2024/25", D("40000.00")),
        ("Custody healthcare re-tender", "2025/26", D("5000.00")),
        ("Fleet tyres", "2024/25", D("12000.00"))]
    assert [w for w in res.warnings if "written once over its rows" in w and "2 rows" in w], res.warnings
    assert res.rows_read == res.rows_loaded + res.rows_quarantined + res.rows_total_lines


@pytest.mark.parametrize("head, row, saved", [
    (["Project", "Financial Year", "Saving Type", "Baseline", "Contract Value", "Savings Achieved £", "% saving"],
     ["Fuel cards", "2024/25", "Cashable", "£500,000", "£450,000", "£50,000", "10%"], D("50000.00")),
    (["Project", "Financial Year", "Saving Type", "Target Saving £", "Actual Saving £"],
     ["T1", "2024/25", "Cashable", "50,000", "42,000"], D("42000.00")),
    (["Savings Initiative", "Date Recorded", "Cashable?", "Value of Saving"], ["A", "15/06/2024", "Yes", "£5,000"],
     D("5000.00")),
])
def test_the_saving_made_is_the_savings_amount(tmp_path, db, head, row, saved):
    res = load_file(_write(tmp_path / "s.csv", head, [row]), db=db, kind="savings")
    assert res.rows_loaded == 1
    assert q(db, "SELECT amount FROM savings") == [(saved,)]


def test_a_contract_valued_by_the_year_or_as_a_range_is_kept(tmp_path, db):
    rows = [["M1", "Pa One Ltd", "01/04/2024", "31/03/2026", "£50,000 per annum"],
            ["M2", "Pa Two Ltd", "01/04/2024", "31/03/2026", "£10,000 - £20,000"],
            ["M3", "Pa Three Ltd", "01/04/2024", "31/03/2026", "£5k to £7.5k"]]
    res = load_file(_write(tmp_path / "v.csv", ["Ref", "Supplier", "Start Date", "End Date", "Estimated Contract Value"],
                           rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    # (a sum by the year is not the contract's value as it stands: the year's times the term, m176)
    assert dict(q(db, "SELECT reference, value FROM contracts")) == {"M1": D("100000.00"), "M2": D("20000.00"),
                                                                      "M3": D("7500.00")}


def test_a_register_dated_month_first_is_read_month_first(tmp_path, db):
    """04/15/2024 shows the column is month first: 05/01/2024 is 1 May, not 5 January (it was read
    day first, silently, and the contract that showed it was quarantined)."""
    res = load_file(_write(tmp_path / "us.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date"],
                           [["US1", "Us One Ltd", "04/15/2024", "03/31/2026"],
                            ["US2", "Us Two Ltd", "05/01/2024", "06/01/2025"]]), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0)
    assert any("written month first" in w for w in res.warnings)
    assert dict((r, (s, e)) for r, s, e in q(db, "SELECT reference, start_date, end_date FROM contracts")) == {
        "US1": (dt.date(2024, 4, 15), dt.date(2026, 3, 31)), "US2": (dt.date(2024, 5, 1), dt.date(2025, 6, 1))}


def test_a_lot_awarded_to_several_suppliers_in_one_cell(tmp_path, db):
    """A framework's lot naming its suppliers in one cell: a contract with each, so their spend is on
    contract (it was all off contract)."""
    load_file(_write(tmp_path / "lot.csv", ["Contract Reference", "Supplier(s)", "Start Date", "End Date"],
                     [["LOT1", "Language Line Ltd; The Big Word Ltd", "01/04/2024", "31/03/2026"],
                      ["LOT2", "Alpha Ltd / Beta Ltd", "01/04/2024", "31/03/2026"],
                      ["LOT3", "A/B Testing Ltd", "01/04/2024", "31/03/2026"]]), db=db, kind="contracts")
    assert sorted(q(db, "SELECT reference, supplier_name FROM contracts")) == [
        ("LOT1", "Language Line Ltd"), ("LOT1", "The Big Word Ltd"), ("LOT2", "Alpha Ltd"), ("LOT2", "Beta Ltd"),
        ("LOT3", "A/B Testing Ltd")]
    _spend(tmp_path, db, {"Language Line Ltd": 1000, "The Big Word Ltd": 2000, "Other Ltd": 4000})
    assert _measure(db, "on_contract_pct") == ("3000.00", "7000.00")


def test_the_transparency_codes_long_value_heading_and_company_numbers(tmp_path, db):
    """The 2015 template's own heading for the value; a company number a spreadsheet stored as a number
    keeps its leading zero."""
    head = ["Reference Number", "Supplier name and details", "Start date", "End date",
            "Sum to be paid over the length of the contract or the estimated annual spending or budget for the contract"]
    load_file(_write(tmp_path / "dclg.csv", head, [["DCLG-1", "Payroll Co Ltd", "01/04/2024", "31/03/2027", "£120,000"]]),
              db=db, kind="contracts")
    assert q(db, "SELECT value FROM contracts") == [(D("120000.00"),)]
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Supplier Name", "Company Registration Number", "Postcode"])
    wb.active.append(["Zero Lead Ltd", 1234567, "PR1 2AB"])
    wb.save(tmp_path / "co.xlsx")
    load_file(tmp_path / "co.xlsx", db=db, kind="suppliers")
    assert q(db, "SELECT company_number FROM supplier_register") == [("01234567",)]


def test_a_savings_year_written_as_a_quarter_a_month_or_a_sheet(tmp_path, db):
    res = load_file(_write(tmp_path / "fy.csv", ["Initiative", "Year", "Saving (£)"],
                           [["F1", "2024/25 Q2", "1,000"], ["F2", "Q3 2024/25", "1,000"], ["F3", "Apr-24", "1,000"],
                            ["F4", "April 2024 - March 2025", "1,000"], ["F5", "sometime", "1,000"]]),
                    db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 1)
    assert q(db, "SELECT DISTINCT fy FROM savings") == [("2024/25",)]
    assert q(db, "SELECT reason FROM quarantine") == [
        ("financial year 'sometime' is not a financial year (2024/25) or a date in one",)]
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "2023-24"
    wb.active.append(["Project", "Saving Type", "Savings Achieved"])
    wb.active.append(["New project", "Cashable", 5000])
    wb.save(tmp_path / "by_year.xlsx")
    load_file(tmp_path / "by_year.xlsx", db=db, kind="savings")
    assert q(db, "SELECT fy, amount FROM savings WHERE project = 'New project'") == [("2023/24", D("5000.00"))]


def test_a_savings_year_with_its_quarter_after_it(tmp_path, db):
    """'2024/25 (Q3)', 'FY24/25 Q2', '2023-24 (Q4)', '2024/25 - P07': each is that financial year (m124),
    as a year with its quarter before it is; a year followed by other words still says none."""
    res = load_file(_write(tmp_path / "s.csv", ["Project", "Financial Year", "Saving £"],
                           [["P1", "2024/25 (Q3)", "100"], ["P2", "FY24/25 Q2", "200"], ["P3", "2023-24 (Q4)", "400"],
                            ["P4", "2024/25 - P07", "800"], ["P5", "2024/25 Q1 extra", "1600"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 1)
    assert dict(q(db, "SELECT project, fy FROM savings")) == {"P1": "2024/25", "P2": "2024/25", "P3": "2023/24",
                                                             "P4": "2024/25"}


def test_a_yes_under_a_charity_heading_is_a_vcse(tmp_path, db):
    """"Registered Charity (Y/N)": a yes says the supplier is a charity, so a VCSE (it was read as a
    charity number, found none, and the answer was lost); a no says only that it is not a charity (a
    CIC is a VCSE too), so no answer; a number under the heading is the charity's number."""
    res = load_file(_write(tmp_path / "suppliers.csv", ["Supplier Name", "Postcode", "Registered Charity (Y/N)"], [
        ["Lancashire Mind", "PR7 2DR", "Y"], ["Northern Uniforms Ltd", "M17 1AA", "N"],
        ["Age UK Lancashire", "BB1 1AA", "Yes"], ["Fylde Coast YMCA", "FY1 3PR", "1234567"]]), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert q(db, "SELECT name, charity_number, is_vcse FROM supplier_register ORDER BY row_number") == [
        ("Lancashire Mind", None, True), ("Northern Uniforms Ltd", None, None), ("Age UK Lancashire", None, True),
        ("Fylde Coast YMCA", "1234567", None)]
