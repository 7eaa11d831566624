"""What a fifth probe (49 registers in other publishers' layouts) found misread, each shape written
here and loaded as a person would load it, beside a month of spend where the scorecard needs one:

- a contracts register with no social value column scored social value 0%, "not met": it records
  nothing of social value, so the measure has no data (and says why);
- a savings register's subtotals in the project's own cell ("Fleet Total", "Sub-total ICT") were
  added to the savings, doubling the total;
- one unreadable optional cell ("10% of quality", "Ydy / Yes", "N/A - below threshold", "<2")
  quarantined the whole contract or supplier: the contract's spend went off contract. Such a cell is
  now read where it can be and else left empty (unknown) with a note, the record loaded."""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib import store
from lib.ingest import load_file
from lib.scorecard import card
from test_register_layouts import _write

D = Decimal


def _kpi(db, key: str, fy: str = "2024/25") -> dict:
    cur = store.cursor(db)
    try:
        return card.kpis(cur, fy)["measures"][key]
    finally:
        cur.close()


def test_a_register_with_no_social_value_column_says_nothing_of_social_value(tmp_path, db):
    load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date", "Value"],
                     [["C1", "Acme Ltd", "01/05/2024", "31/03/2026", "50000"],
                      ["C2", "Beta Ltd", "01/06/2024", "31/03/2026", "20000"]]), db=db, kind="contracts")
    m = _kpi(db, "social_value_pct")
    assert (m["status"], m["numerator"], m["denominator"]) == ("no data", 0, 0)
    assert "records a social value weighting" in m["reason"]
    # a register that records it counts its blanks as below, as before
    load_file(_write(tmp_path / "c2.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date",
                                           "Social Value Weighting (% of quality)"],
                     [["D1", "Gamma Ltd", "01/07/2024", "31/03/2026", "10%"],
                      ["D2", "Delta Ltd", "01/08/2024", "31/03/2026", ""]]), db=db, kind="contracts")
    m = _kpi(db, "social_value_pct")
    assert (m["numerator"], m["denominator"]) == (1, 2)


def test_savings_subtotals_written_in_the_project_cell_are_totals(tmp_path, db):
    res = load_file(_write(tmp_path / "s.csv", ["Category", "Project", "Financial Year", "Saving Type", "Saving (£)"],
                           [["Fleet", "Tyres", "2024/25", "Cashable", "10,000"],
                            ["Fleet", "Fleet Total", "2024/25", "", "10,000"],
                            ["ICT", "Licences", "2024/25", "Non-cashable", "4,000"],
                            ["", "Sub-total ICT", "2024/25", "", "4,000"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_total_lines, res.amount_loaded) == (2, 2, D("14000.00"))
    assert q(db, "SELECT sum(amount) FROM savings") == [(D("14000.00"),)]


def test_an_unreadable_optional_cell_leaves_that_fact_unknown_not_the_contract_out(tmp_path, db):
    res = load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date",
                                                "Collaborative?", "Social Value Weighting", "Value"],
                           [["R1", "Alpha Ltd", "01/04/2024", "31/03/2026", "Yes", "10% of quality", "50000"],
                            ["R2", "Beta Ltd", "01/04/2024", "31/03/2026", "Ydy / Yes", "10%", "lots"],
                            ["R3", "Gamma Ltd", "01/04/2024", "31/03/2026", "No", "N/A - below threshold", "100"],
                            ["R4", "Delta Ltd", "01/04/2024", "31/03/2026", "Perhaps", "7.5 percent", "200"]]),
                    db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert q(db, "SELECT reference, collaborative, social_value_pct, value FROM contracts ORDER BY 1") == [
        ("R1", True, D("10.00"), D("50000.00")), ("R2", True, D("10.00"), None), ("R3", False, None, D("100.00")),
        ("R4", None, D("7.50"), D("200.00"))]
    assert any("'Value' could not be read as a sum of money" in w and "row 3 'lots'" in w for w in res.warnings)
    assert any("'Collaborative?' could not be read as yes or no" in w and "row 5 'Perhaps'" in w for w in res.warnings)


def test_a_contracts_end_that_cannot_be_read_still_quarantines_it(tmp_path, db):
    """An end left empty would make a contract run for ever (its supplier's spend on contract for ever)."""
    res = load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date"],
                           [["E1", "Alpha Ltd", "01/04/2024", "31/03/2026"],
                            ["E2", "Beta Ltd", "01/04/2024", "when the work is done"]]), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (1, 1)


def test_a_supplier_registers_unreadable_size_is_unknown(tmp_path, db):
    res = load_file(_write(tmp_path / "p.csv", ["Supplier Name", "Postcode", "Annual Turnover (£m)", "SME?"],
                           [["Alpha Ltd", "PR1 1AA", "1.5", "Yes"], ["Beta Ltd", "PR2 2BB", "<2", "Don't know"]]),
                    db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0)
    assert q(db, "SELECT name, turnover, is_sme FROM supplier_register ORDER BY 1") == [
        ("Alpha Ltd", D("1500000.00"), True), ("Beta Ltd", None, None)]


def test_the_saving_in_the_year_over_the_saving_over_a_contracts_life(tmp_path, db):
    res = load_file(_write(tmp_path / "s.csv", ["Scheme", "Financial Year", "Type", "In-Year Saving £", "Lifetime Saving £"],
                           [["Custody healthcare re-tender", "2024/25", "Cashable", "6,000", "36,000"],
                            ["Fleet tyres", "2024/25", "Non-cashable", "2,000", "2,000"]]), db=db, kind="savings")
    assert res.as_json()["columns"]["amount"]["column"] == "In-Year Saving £"
    assert res.amount_loaded == D("8000.00")


def test_contracts_finders_packed_suppliers_are_the_names_in_them(tmp_path, db):
    """"[Language Line Ltd|40 Queen Square, Bristol|COMPANIES_HOUSE|02345678|No|No][The Big Word Ltd|...]":
    two suppliers (before, six made-up ones: the address, "COMPANIES_HOUSE", "No", ...)."""
    cell = ("[Language Line Ltd|40 Queen Square, Bristol, BS1 4QP|COMPANIES_HOUSE|02345678|No|No]"
            "[The Big Word Ltd|Link Up House, Leeds, LS1 4AP|COMPANIES_HOUSE|03456789|No|No]")
    load_file(_write(tmp_path / "cf.csv", ["Notice Identifier", "Title", "Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]",
                                            "Contract start date", "Contract end date", "Awarded Value"],
                     [["tender_301777/1129001", "Interpreting", cell, "01/07/2024", "30/06/2026", "300000"]]),
              db=db, kind="contracts")
    assert q(db, "SELECT supplier_name FROM contracts ORDER BY 1") == [("Language Line Ltd",), ("The Big Word Ltd",)]


def test_the_current_end_date_over_the_original(tmp_path, db):
    res = load_file(_write(tmp_path / "c.csv", ["Contract Ref", "Supplier", "Start Date", "Original End Date",
                                                "Extension Exercised?", "Current End Date"],
                           [["E1", "Extended One Ltd", "01/04/2022", "31/03/2024", "Yes", "31/03/2025"]]),
                    db=db, kind="contracts")
    assert res.as_json()["columns"]["end_date"]["column"] == "Current End Date"
    assert q(db, "SELECT end_date::VARCHAR FROM contracts") == [("2025-03-31",)]


def test_a_size_with_its_staff_band_is_the_sme_answer(tmp_path, db):
    res = load_file(_write(tmp_path / "p.csv", ["Supplier Name", "Postcode", "Organisation Size"],
                           [["Micro Firm Ltd", "PR1 2AB", "Micro (<10 staff)"], ["Small Firm Ltd", "PR1 2AB", "Small (10-49 staff)"],
                            ["Large Firm PLC", "M1 1AE", "Large (250+ staff)"]]), db=db, kind="suppliers")
    assert res.as_json()["columns"]["is_sme"]["column"] == "Organisation Size"
    assert q(db, "SELECT name, is_sme FROM supplier_register ORDER BY 1") == [
        ("Large Firm PLC", False), ("Micro Firm Ltd", True), ("Small Firm Ltd", True)]


def test_the_postcode_in_an_address_cell_places_the_supplier(tmp_path, db):
    """No postcode column, the address in one cell: its postcode is the supplier's (before, none,
    and the supplier's spend could not be placed: local 0%)."""
    load_file(_write(tmp_path / "p.csv", ["Supplier Name", "Supplier Address", "SME? (Y/N)"],
                     [["Ribble Cleaning Ltd", "12 Fishergate, Preston, Lancashire, PR1 2AB", "Y"],
                      ["Mersey Kit Ltd", "Unit 4\nSpeke Hall Road\nLiverpool\nL24 9HE", "N"],
                      ["Nowhere Ltd", "PO Box 12, Preston", "N"]]), db=db, kind="suppliers")
    assert q(db, "SELECT name, postcode FROM supplier_register ORDER BY 1") == [
        ("Mersey Kit Ltd", "L24 9HE"), ("Nowhere Ltd", None), ("Ribble Cleaning Ltd", "PR1 2AB")]


def test_routes_that_say_no_framework_fitted_and_buying_organisations_named_alone(tmp_path, db):
    load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date", "Route to Market"],
                     [["X1", "Open Tender Ltd", "01/04/2024", "31/03/2026", "Open tender (no suitable framework)"],
                      ["X2", "Ypo Call Off Ltd", "01/04/2024", "31/03/2026", "Framework - YPO 1000"],
                      ["B1", "Kcs Supplier Ltd", "01/04/2024", "31/03/2026", "KCS"],
                      ["B2", "Sbs Supplier Ltd", "01/04/2024", "31/03/2026", "NHS SBS"],
                      ["B3", "Cpc Supplier Ltd", "01/04/2024", "31/03/2026", "NOE CPC"]]), db=db, kind="contracts")
    assert dict(q(db, "SELECT reference, is_collaborative FROM contracts_current")) == {
        "X1": False, "X2": True, "B1": True, "B2": True, "B3": True}


def test_a_savings_year_in_words_or_in_a_quarter_of_it(tmp_path, db):
    res = load_file(_write(tmp_path / "s.csv", ["Project", "Period", "Saving £"],
                           [["P1", "Q1 24/25", "100"], ["P2", "Qtr 2 2024/25", "200"], ["P3", "Q4 23/24", "400"],
                            ["P4", "Financial Year 2024 to 2025", "800"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert dict(q(db, "SELECT project, fy FROM savings")) == {"P1": "2024/25", "P2": "2024/25", "P3": "2023/24",
                                                             "P4": "2024/25"}


def test_a_rolling_contract_with_its_terms_has_no_end(tmp_path, db):
    res = load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Contract Start Date", "Contract End Date"],
                           [["A3", "Rolling Ltd", "01/04/2020", "Rolling"],
                            ["A4", "Rolling Notice Ltd", "01/04/2023", "Rolling - 3 months notice"],
                            ["A5", "Until Terminated Ltd", "01/10/2023", "Until terminated"]]), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    assert q(db, "SELECT count(*) FROM contracts WHERE end_date IS NULL") == [(3,)]


def test_a_term_written_in_the_start_dates_cell_ends_the_contract(tmp_path, db):
    """"01/04/2021 for 3 years" in the start's cell and no end: the contract ran to 31/03/2024 (before,
    it had no end, and so covered spend for ever). The first term only: options after it are not
    taken up ("(2 years + 1)")."""
    res = load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Start Date", "End Date", "Value"],
                           [["T1", "Three Years Ltd", "01/04/2021 for 3 years", "", "120000"],
                            ["T2", "Initial Term Ltd", "01/06/2022 (2 years + 1)", "", "50000"],
                            ["T3", "Months Ltd", "01/04/2023 for an initial term of 36 months", "", "90000"],
                            ["T4", "Range Ltd", "01/04/2022 - 31/03/2025", "", "300000"],
                            ["T5", "Plain Ltd", "01/04/2022", "", "1000"]]), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0)
    assert dict(q(db, "SELECT reference, end_date::VARCHAR FROM contracts")) == {
        "T1": "2024-03-31", "T2": "2024-05-31", "T3": "2026-03-31", "T4": "2025-03-31", "T5": None}
