"""A savings register laid out by month, as a savings tracker is: a project on each row and its
savings in a column a month ("Apr-24" | "May-24" | ... | "Mar-25", or "April" | ... | "March" with the
year in a column), often with a total after them. Every month column could be the amount (or, with
no header word for a sum, none was), so the load asked a person, and with one month chosen the other
eleven were lost. Now each month's sum is a saving recorded in that month, of its financial year,
and a total beside them is checked against them (lib.ingest.columns.add_saving_months,
lib.ingest.registers)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib import store
from lib.ingest import load_file
from lib.ingest.columns import header_month
from lib.scorecard import registers
from test_register_layouts import _fields, _write

D = Decimal
MONTHS = ["Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24", "Nov-24", "Dec-24", "Jan-25",
          "Feb-25", "Mar-25"]


@pytest.mark.parametrize("header, month", [
    ("Apr-24", (4, 2024)), ("April 2024", (4, 2024)), ("Sept 24", (9, 2024)), ("2025-03", (3, 2025)),
    ("03/2025", (3, 2025)), ("Apr-24 (£)", (4, 2024)), ("Saving May 24", (5, 2024)), ("June", (6, None)),
    ("Mar.", (3, None)), ("Marketing", None), ("Maybe", None), ("Total", None), ("Month", None),
    ("Apr-24 to Mar-25", None)])
def test_a_header_that_is_a_month_alone(header, month):
    assert header_month(header) == month


def test_each_month_is_a_saving_recorded_in_it_and_the_total_is_checked(tmp_path, db):
    rows = [["Fleet tyres", "Fleet"] + ["1,000"] * 12 + ["12,000"],
            ["Interpreters", "Criminal Justice", "", "", "500", "500", "500"] + [""] * 7 + ["1,500"],
            ["Energy", "Estates"] + [""] * 6 + ["2,000"] * 4 + ["n/a", "", "8,000"],
            ["Print", "ICT", "100", "100", "100"] + [""] * 9 + ["999"]]
    res = load_file(_write(tmp_path / "tracker.csv", ["Project", "Category"] + MONTHS + ["Total"], rows), db=db,
                    kind="savings")
    assert _fields(res)["amount"] == "Total"
    assert _fields(res)["saving_months"] == ", ".join(MONTHS)
    got = q(db, "SELECT project, fy, recorded_on, amount FROM savings ORDER BY row_number, recorded_on")
    assert len(got) == 12 + 3 + 4
    assert got[0] == ("Fleet tyres", "2024/25", dt.date(2024, 4, 1), D("1000.00"))
    assert got[11] == ("Fleet tyres", "2024/25", dt.date(2025, 3, 1), D("1000.00"))
    assert [r[2] for r in got if r[0] == "Energy"] == [dt.date(2024, 10, 1), dt.date(2024, 11, 1),
                                                       dt.date(2024, 12, 1), dt.date(2025, 1, 1)]
    # a total that is not its months' sum is quarantined, saying what they sum to
    assert q(db, "SELECT row_number, reason, column_name FROM quarantine") == [
        (5, "'Total' 999 is not the sum of the months beside it, 300.00", "Total")]
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (4, 3, 1)
    assert res.amount_loaded == D("21500.00") == q(db, "SELECT sum(amount) FROM savings")[0][0]
    cur = store.cursor(db)
    try:
        cum = registers.savings_cumulative(cur, "2024/25")
        sav = registers.savings(cur, "2024/25")
    finally:
        cur.close()
    by_month = dict(zip(cum["month"].astype(str).str[:10], cum["total"]))
    assert by_month["2024-06-01"] == D("1500.00")  # Fleet 1,000 and Interpreters 500
    assert cum["cumulative"].iloc[-1] == D("21500.00")
    # three projects (rows of the register), their 19 savings of no type said: shown as such, not as £0 of each
    assert (sav["projects"], sav["not_said"], sav["cashable"]) == (3, D("21500.00"), D("0.00"))


def test_months_with_no_year_are_of_the_rows_financial_year(tmp_path, db):
    head = ["Scheme", "Financial Year", "April", "May", "June", "January", "February", "March"]
    load_file(_write(tmp_path / "by_month.csv", head,
                     [["Custody healthcare", "2023/24", "250", "", "", "", "", "400"],
                      ["Custody healthcare", "2024/25", "", "300", "", "700", "", ""]]), db=db, kind="savings")
    assert q(db, "SELECT fy, recorded_on, amount FROM savings ORDER BY recorded_on") == [
        ("2023/24", dt.date(2023, 4, 1), D("250.00")), ("2023/24", dt.date(2024, 3, 1), D("400.00")),
        ("2024/25", dt.date(2024, 5, 1), D("300.00")), ("2024/25", dt.date(2025, 1, 1), D("700.00"))]


def test_a_month_cell_that_is_no_sum_quarantines_its_row_naming_the_month(tmp_path, db):
    load_file(_write(tmp_path / "bad.csv", ["Project", "Apr-24", "May-24", "Jun-24"],
                     [["Fleet", "100", "see note", "100"], ["ICT", "50", "50", "50"]]), db=db, kind="savings")
    assert q(db, "SELECT row_number, column_name, reason FROM quarantine") == [
        (2, "May-24", "May-24 'see note' is not a sum of money")]
    assert q(db, "SELECT count(*), sum(amount) FROM savings") == [(3, D("150.00"))]


def test_two_month_columns_are_not_taken_for_a_layout_by_month(tmp_path, db):
    res = load_file(_write(tmp_path / "two.csv", ["Project", "Financial Year", "Saving (£)", "Apr-24", "May-24"],
                           [["Fleet", "2024/25", "300", "100", "200"]]), db=db, kind="savings")
    assert "saving_months" not in _fields(res)
    assert q(db, "SELECT amount, recorded_on FROM savings") == [(D("300.00"), None)]


def test_a_person_who_names_one_month_as_the_amount_loads_that_month(tmp_path, db):
    load_file(_write(tmp_path / "one.csv", ["Project", "Financial Year", "Apr-24", "May-24", "Jun-24"],
                     [["Fleet", "2024/25", "100", "200", "300"]]), db=db, kind="savings", mapping={"amount": "May-24"})
    assert q(db, "SELECT amount FROM savings") == [(D("200.00"),)]


@pytest.mark.parametrize("header, quarter", [
    ("Q1", (4, None)), ("Qtr 2", (7, None)), ("Quarter 3 2024/25", (10, 2024)), ("Q4 24/25", (1, 2025)),
    ("Q1 (Apr-Jun)", (4, None)), ("Q4 2024-25", (1, 2025)), ("Q1 Savings (£)", (4, None)),
    ("Q1 2024", None), ("Quality", None), ("Q5", None), ("Quarter", None)])
def test_a_header_that_is_a_quarter_of_the_financial_year_alone(header, quarter):
    from lib.ingest.columns import header_quarter

    assert header_quarter(header) == quarter


def test_a_register_by_quarter_saves_each_quarter_in_its_year(tmp_path, db):
    """A savings tracker by quarter ("Q1" | "Q2" | "Q3" | "Q4" with the year in a column, or "Q1 2024/25"
    | ...): each quarter's sum is a saving of its financial year (Q4 is January to March, in the
    year's second calendar year), recorded on the quarter's first day; a total beside them is checked."""
    head = ["Project", "Financial Year", "Q1", "Q2", "Q3", "Q4", "Total"]
    rows = [["Fleet tyres", "2024/25", "3,000", "3,000", "3,000", "3,000", "12,000"],
            ["Interpreters", "2023/24", "", "1,500", "", "500", "2,000"],
            ["Print", "2024/25", "100", "", "", "", "150"]]
    res = load_file(_write(tmp_path / "quarters.csv", head, rows), db=db, kind="savings")
    assert _fields(res)["saving_months"] == "Q1, Q2, Q3, Q4"
    assert _fields(res)["amount"] == "Total"
    assert q(db, "SELECT project, fy, recorded_on, amount FROM savings ORDER BY row_number, recorded_on") == [
        ("Fleet tyres", "2024/25", dt.date(2024, 4, 1), D("3000.00")),
        ("Fleet tyres", "2024/25", dt.date(2024, 7, 1), D("3000.00")),
        ("Fleet tyres", "2024/25", dt.date(2024, 10, 1), D("3000.00")),
        ("Fleet tyres", "2024/25", dt.date(2025, 1, 1), D("3000.00")),
        ("Interpreters", "2023/24", dt.date(2023, 7, 1), D("1500.00")),
        ("Interpreters", "2023/24", dt.date(2024, 1, 1), D("500.00"))]
    assert q(db, "SELECT row_number, reason FROM quarantine") == [
        (4, "'Total' 150 is not the sum of the quarters beside it, 100.00")]
    # with the year in each header, and two quarters so far
    res = load_file(_write(tmp_path / "half_year.csv", ["Scheme", "Q1 2025/26", "Q2 2025/26"],
                           [["Cleaning re-let", "2,500", "2,500"], ["Custody", "", "4,000"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0), res.problems[:3]
    assert q(db, "SELECT project, fy, recorded_on, amount FROM savings WHERE fy = '2025/26' ORDER BY 1, 3") == [
        ("Cleaning re-let", "2025/26", dt.date(2025, 4, 1), D("2500.00")),
        ("Cleaning re-let", "2025/26", dt.date(2025, 7, 1), D("2500.00")),
        ("Custody", "2025/26", dt.date(2025, 7, 1), D("4000.00"))]


@pytest.mark.parametrize("header, first", [
    ("2024/25", 2024), ("Saving 2023/24 (£)", 2023), ("FY 23/24", 2023), ("2023-2024", 2023), ("Savings 2024-25 £", 2024),
    ("FY2025/26", 2025), ("2024", None), ("2023/25", None), ("Apr-24", None), ("Total", None), ("2024/2026", None)])
def test_a_header_that_is_a_financial_year_alone(header, first):
    from lib.ingest.columns import header_fy

    assert header_fy(header) == first


def test_a_register_by_financial_year_saves_each_year_apart(tmp_path, db):
    """A savings plan with a column a financial year ("Saving 2023/24 (£)" | "Saving 2024/25 (£)"), as
    police savings plans are laid out: each year's sum is a saving of that year (a project saving in
    two years is two savings), recorded on the row's date when that date is in the year, else on none
    (counted in the year's last month); a total beside them is checked. Before, the load asked which one
    column was the amount, and with one chosen the other years were lost."""
    head = ["Ref", "Contract / Project", "Saving Type (Cashable/Non-Cashable)", "Saving 2023/24 (£)",
            "Saving 2024/25 (£)", "Total Saving (£)", "Date Identified"]
    rows = [["S001", "Fleet tyres re-tender", "Cashable", "12,500.00", "15,000.00", "27,500.00", "12/05/2023"],
            ["S002", "Body armour (NW collaboration)", "Non-Cashable", "8,000.00", "", "8,000.00", "01/09/2023"],
            ["S003", "Cleaning re-let", "Cashable", "", "22,750.50", "22,750.50", "10/01/2024"],
            ["S004", "Print", "Cashable", "100", "", "150", ""]]
    res = load_file(_write(tmp_path / "plan.csv", head, rows), db=db, kind="savings")
    assert _fields(res)["saving_months"] == "Saving 2023/24 (£), Saving 2024/25 (£)"
    assert _fields(res)["amount"] == "Total Saving (£)"
    assert q(db, "SELECT project, fy, saving_type, recorded_on, amount FROM savings ORDER BY row_number, fy") == [
        ("Fleet tyres re-tender", "2023/24", "Cashable", dt.date(2023, 5, 12), D("12500.00")),
        ("Fleet tyres re-tender", "2024/25", "Cashable", None, D("15000.00")),
        ("Body armour (NW collaboration)", "2023/24", "Non-cashable", dt.date(2023, 9, 1), D("8000.00")),
        ("Cleaning re-let", "2024/25", "Cashable", None, D("22750.50"))]
    assert q(db, "SELECT row_number, reason FROM quarantine") == [
        (5, "'Total Saving (£)' 150 is not the sum of the years beside it, 100.00")]
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (4, 3, 1)
    assert res.amount_loaded == D("58250.50") == q(db, "SELECT sum(amount) FROM savings")[0][0]
    # with no total, and years only in the headers
    res = load_file(_write(tmp_path / "plan2.csv", ["Scheme", "2025/26", "2026/27"],
                           [["Custody meals", "4,000", "4,500"], ["Energy", "", "9,000"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0), res.problems[:3]
    assert q(db, "SELECT project, fy, amount FROM savings WHERE fy >= '2025/26' ORDER BY 1, 2") == [
        ("Custody meals", "2025/26", D("4000.00")), ("Custody meals", "2026/27", D("4500.00")),
        ("Energy", "2026/27", D("9000.00"))]


@pytest.mark.parametrize("project", ["Description of Saving", "Saving Description"])
def test_a_savings_own_description_is_its_project_and_a_contracts_value_is_not_the_saving(tmp_path, db, project):
    """Each entry of a savings register is a saving: "Description of Saving" is the entry's own
    description, its project (it was taken for the amount, the file refused); beside "Savings Delivered
    (£)", a "Whole Life Value £" is the contract's, not the saving (the load asked which)."""
    head = [project, "Category", "Whole Life Value £", "Savings Delivered (£)", "Status"]
    rows = [["Fleet tyres re-tender", "Fleet", "450,000.00", "12,500.00", "Delivered"],
            ["Cleaning re-let", "Estates", "1,200,000.00", "22,750.50", "Achieved"]]
    res = load_file(_write(tmp_path / "savings_2024-25.csv", head, rows), db=db, kind="savings")
    assert _fields(res)["project"] == project and _fields(res)["amount"] == "Savings Delivered (£)"
    assert "Whole Life Value £" in res.as_json()["columns_unused"]
    assert q(db, "SELECT project, fy, amount FROM savings ORDER BY row_number") == [
        ("Fleet tyres re-tender", "2024/25", D("12500.00")), ("Cleaning re-let", "2024/25", D("22750.50"))]


@pytest.mark.parametrize("beside", ["Annual Contract Value", "Whole Life Value £", "Contract Value (£)"])
def test_a_contracts_value_beside_a_plans_quarters_or_parts_is_not_their_total(tmp_path, db, beside):
    """A plan by quarter, or by cashable and non-cashable part, with the contract's value beside: the
    value is no total of the saving (it was taken for one, and every row quarantined as not their sum);
    it is listed as not used and each quarter or part is a saving."""
    res = load_file(_write(tmp_path / "plan_2024-25.csv", ["Scheme", beside, "Q1", "Q2", "Q3", "Q4"],
                           [["Custody meals", "250,000.00", "1,000", "", "2,000", "500"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (1, 0), res.problems[:2]
    assert "amount" not in _fields(res) and beside in res.as_json()["columns_unused"]
    assert q(db, "SELECT sum(amount), count(*) FROM savings") == [(D("3500.00"), 3)]
    res = load_file(_write(tmp_path / "parts_2024-25.csv", ["Initiative", beside, "Cashable £", "Non-Cashable £"],
                           [["Energy", "800,000.00", "4,000.00", "1,500.00"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (1, 0), res.problems[:2]
    assert beside in res.as_json()["columns_unused"]
    assert q(db, "SELECT saving_type, amount FROM savings WHERE project = 'Energy' ORDER BY 1") == [
        ("Cashable", D("4000.00")), ("Non-cashable", D("1500.00"))]


def test_a_year_of_saving_written_with_a_dash_is_its_year_not_a_sum(tmp_path, db):
    """"2023-24" in a "Year of Saving" column is the saving's financial year. A register's sums read
    "1,000-2,000" as the top of a band, and read "2023-24" as £24.00, so the column was taken for the
    total beside a plan's quarters (every row quarantined) or asked about beside the saving."""
    res = load_file(_write(tmp_path / "plan.csv", ["Project Name", "Year of Saving", "Q1", "Q2", "Q3", "Q4"],
                           [["Waste collection", "2023-24", "", "1,336.96", "5,099.11", ""],
                            ["Print", "2024-25", "6,086.41", "", "", "7,991.04"]]), db=db, kind="savings")
    assert _fields(res)["fy"] == "Year of Saving" and (res.rows_loaded, res.rows_quarantined) == (2, 0)
    assert q(db, "SELECT project, fy, amount FROM savings ORDER BY row_number, recorded_on") == [
        ("Waste collection", "2023/24", D("1336.96")), ("Waste collection", "2023/24", D("5099.11")),
        ("Print", "2024/25", D("6086.41")), ("Print", "2024/25", D("7991.04"))]
    res = load_file(_write(tmp_path / "rows.csv", ["Description of Saving", "Year of Saving", "Annual Contract Value",
                                                   "Total Saving"],
                           [["Uniform supply", "2022-23", "1,423,221.44", "44,475.67"]]), db=db, kind="savings")
    assert _fields(res)["amount"] == "Total Saving" and _fields(res)["fy"] == "Year of Saving"
    cur = store.cursor(db)
    try:
        assert cur.execute("SELECT parse_register_money('2023-24'), parse_register_money('2023 - 24'), "
                           "parse_register_money('1,000-2,000')").fetchone() == (None, None, D("2000.00"))
    finally:
        cur.close()
