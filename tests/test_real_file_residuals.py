"""What real files from publishers not yet seen still loaded wrong: a zero written as an
accountant's dash, amounts written past the penny, periods written as a range or a quarter, the
adjustment period 13, optional columns taken for the wrong field, and OpenDocument spreadsheets.
Each fixture is written here and loaded as a person would load it (the CLI, or load_file), into a
real store of its own."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal
from pathlib import Path

from lib.ingest import load_file
from conftest import rows_of as q
from test_ingest_one_pass import both_ways

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


from test_recognition_residuals import _csv, cli  # noqa: E402 - the same CLI run and file writer


def _json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# ---------------------------------------------------------------------------------------------
# A zero written as a dash

DASHES = ["-", "£ -", "£-", " - ", "£ -   "]


def test_a_lone_dash_in_the_amount_column_is_zero(tmp_path):
    """Excel's accounting format writes a zero as a dash: each such line loads as 0.00; "-5", "5-"
    and "(5)" keep their meaning; a lone dash under the description is none given (m128), not a sum."""
    rows = [f'0{i + 1}/04/2024,Supplier {i},"{d}",-' for i, d in enumerate(DASHES)]
    rows += ['10/04/2024,Minus Ltd,-5,x', '11/04/2024,Trailing Ltd,5-,x', '12/04/2024,Bracket Ltd,(5),x',
             '13/04/2024,Plain Ltd,12.50,x']
    f = _csv(tmp_path / "dashes.csv", ["Payment Date,Supplier,Amount,Description"] + rows)
    got = _json(cli(f, "--db", tmp_path / "d.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (9, 0, "-2.50")
    stored = q(tmp_path / "d.duckdb", "SELECT supplier_name, amount, description FROM transactions ORDER BY row_number")
    assert stored[:5] == [(f"Supplier {i}", D("0.00"), None) for i in range(5)]
    assert [a for _, a, _ in stored[5:]] == [D("-5.00"), D("-5.00"), D("-5.00"), D("12.50")]


def test_a_dash_zero_loads_the_same_in_one_pass(tmp_path, monkeypatch):
    """The one-pass load reads plain cells alone and leaves a dash to the full rules: stored the same."""
    rows = [f"Lancashire Constabulary,{1 + i % 28:02d}/05/2021,T{i},"
            + (f'"{DASHES[i % 5]}"' if i % 7 == 3 else f"{i}.25") + f",Acme {i % 9} Ltd,Fleet,Fuel,line {i}"
            for i in range(300)]
    f = _csv(tmp_path / "dash_long.csv", ["Body,Date,Transaction Number,Amount,Supplier Name,Department,Expense Type,"
                                          "Description"] + rows)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert one.one_pass and (one.rows_loaded, one.rows_quarantined) == (300, 0)


# ---------------------------------------------------------------------------------------------
# Amounts past the penny

def test_an_amount_past_the_penny_is_quarantined_not_rounded(tmp_path):
    """1,234.567 and 12.3456 are not sums in pence: quarantined, naming the row and column, never
    rounded; zeros past the penny (12.3400) and a spreadsheet's float noise (829.5500000000001)
    are exact and load."""
    f = _csv(tmp_path / "pence.csv", ["Payment Date,Supplier,Net Amount",
                                      '01/04/2024,Acme Ltd,"1,234.567"', "02/04/2024,Beta Ltd,12.3456",
                                      "03/04/2024,Gamma Ltd,12.3400", "04/04/2024,Delta Ltd,829.5500000000001",
                                      "05/04/2024,Eps Ltd,-441.17999999999995", '06/04/2024,Zeta Ltd,"1,000.50"'])
    dbp = tmp_path / "p.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (4, 2, "1401.21")
    assert q(dbp, "SELECT row_number, column_name, reason FROM quarantine ORDER BY 1") == [
        (2, "Net Amount", "amount '1,234.567' has more than two decimal places: a payment is in whole pence"),
        (3, "Net Amount", "amount '12.3456' has more than two decimal places: a payment is in whole pence")]
    assert any("2 lines quarantined: the amount has more than two decimal places" in w and "row 2" in w
               and "most amounts" not in w for w in got["warnings"])


def test_a_column_written_past_the_penny_throughout_says_so(tmp_path):
    """A column of sub-penny figures (unit prices, rates) is not the sum paid: every line is
    quarantined, and the load says the column may not be the amount, and how to give another."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Jan 24"
    ws.append(["Date", "Supplier", "Value"])
    for i, v in enumerate([0.1234, 12.3456, 7.891, 100.0005]):
        ws.append([dt.datetime(2024, 1, 2 + i), f"Supplier {i} Ltd", v])
    f = tmp_path / "rates.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "r.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (0, 4)
    warning = next(w for w in got["warnings"] if "more than two decimal places" in w)
    assert "sheet 'Jan 24', row 2, column 'Value'" in warning and "--map amount=" in warning


def test_past_the_penny_in_one_pass_is_as_read_whole(tmp_path, monkeypatch):
    rows = [f"Lancashire Constabulary,{1 + i % 28:02d}/05/2021,T{i},"
            + ("12.345" if i % 50 == 7 else "1.2300" if i % 50 == 8 else f"{i}.25") + f",Acme {i % 9} Ltd,Fleet,Fuel,x"
            for i in range(300)]
    f = _csv(tmp_path / "pence_long.csv", ["Body,Date,Transaction Number,Amount,Supplier Name,Department,"
                                           "Expense Type,Description"] + rows)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert one.one_pass and (one.rows_loaded, one.rows_quarantined) == (294, 6)


def test_decimal_commas_still_settle_by_column(tmp_path):
    """A column written the European way throughout still reads so; a value past the cent there
    (1.234,567) is quarantined like its UK twin."""
    f = tmp_path / "eu.csv"
    f.write_text("Datum;Lieferant;Betrag\n01/04/2024;A GmbH;1.234,56\n02/04/2024;B GmbH;12,50\n"
                 "03/04/2024;C GmbH;-3,10\n04/04/2024;D GmbH;1.234,567\n", encoding="utf-8")
    res = load_file(f, db=tmp_path / "e.duckdb", mapping={"supplier_name": "Lieferant", "amount": "Betrag",
                                                          "payment_date": "Datum"})
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (3, 1, D("1243.96"))
    assert "more than two decimal places" in res.problems[0]["reason"]


# ---------------------------------------------------------------------------------------------
# Periods written as a range of months or a quarter

def _months(dbp: Path) -> list:
    return q(dbp, "SELECT supplier_name, payment_date, period_start FROM transactions ORDER BY row_number")


def test_a_range_of_months_dates_each_line_to_its_first_month(tmp_path):
    """A quarterly file dated only by the months it covers loads with no mapping: each line is dated
    to the first month of its range (no payment date is made up)."""
    f = _csv(tmp_path / "ranges.csv", ["Period,Supplier,Amount",
                                       "July 2010-September 2010,Acme Ltd,10.00",
                                       "Apr-Jun 2023,Beta Ltd,20.00",
                                       "Nov 2022 - Jan 2023,Gamma Ltd,30.00",
                                       "Jan-Mar 2023/24,Delta Ltd,40.00",
                                       "Dec-Feb 2023,Eps Ltd,50.00"])
    dbp = tmp_path / "r.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (5, 0)
    assert got["columns"]["period"] == {"column": "Period", "found": "header"}
    assert _months(dbp) == [("Acme Ltd", None, dt.date(2010, 7, 1)), ("Beta Ltd", None, dt.date(2023, 4, 1)),
                            ("Gamma Ltd", None, dt.date(2022, 11, 1)), ("Delta Ltd", None, dt.date(2024, 1, 1)),
                            ("Eps Ltd", None, dt.date(2022, 12, 1))]


def test_a_date_column_that_holds_ranges_is_read_as_the_period(tmp_path):
    """A column headed "Date" whose cells are spans of months, not days: read as the period."""
    f = _csv(tmp_path / "date_ranges.csv", ["Date,Supplier Name,Amount Paid",
                                            "Apr-Jun 2023,Acme Ltd,10.00", "Apr-Jun 2023,Beta Ltd,20.00",
                                            "Jul-Sep 2023,Gamma Ltd,30.00", "Jul-Sep 2023,Acme Ltd,5.00"])
    dbp = tmp_path / "d.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (4, 0, "65.00")
    assert got["columns"]["period"]["column"] == "Date" and "payment_date" not in got["columns"]
    assert [r[2] for r in _months(dbp)] == [dt.date(2023, 4, 1)] * 2 + [dt.date(2023, 7, 1)] * 2


def test_quarters_with_a_financial_year_start_in_april_and_with_a_calendar_year_in_january(tmp_path):
    f = _csv(tmp_path / "quarters.csv", ["Quarter,Supplier,Amount",
                                         "Q1 2023/24,Acme Ltd,1.00", "2023/24 Q2,Beta Ltd,2.00",
                                         "Q4 2023-24,Gamma Ltd,3.00", "Quarter 3 2019,Delta Ltd,4.00",
                                         "Q1 2023,Eps Ltd,5.00", "2019 Q2,Zeta Ltd,6.00"])
    dbp = tmp_path / "q.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (6, 0)
    assert [r[2] for r in _months(dbp)] == [dt.date(2023, 4, 1), dt.date(2023, 7, 1), dt.date(2024, 1, 1),
                                            dt.date(2019, 7, 1), dt.date(2023, 1, 1), dt.date(2019, 4, 1)]


def test_a_quarters_number_beside_a_financial_year_is_that_quarter(tmp_path):
    """"Qtr" = 2 beside "Financial Year" = 2023/24 is July to September 2023, not period 2 (May)."""
    f = _csv(tmp_path / "qtr.csv", ["Financial Year,Qtr,Supplier,Amount", "2023/24,1,Acme Ltd,1.00",
                                    "2023/24,2,Beta Ltd,2.00", "2023/24,4,Gamma Ltd,3.00"])
    dbp = tmp_path / "q.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (3, 0)
    assert got["columns"]["year"]["column"] == "Financial Year"
    assert [r[2] for r in _months(dbp)] == [dt.date(2023, 4, 1), dt.date(2023, 7, 1), dt.date(2024, 1, 1)]


# ---------------------------------------------------------------------------------------------
# Adjustment periods

def test_period_13_beside_the_year_a_financial_year_ends_in_is_march_and_said(tmp_path):
    """"Period" = 13 beside "Financial_Year_Ending" = 2024 is the closing entries of 2023/24: dated to
    March 2024, and the load says how many lines were; period 17 is no period: quarantined."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ledger"
    ws.append(["Financial_Year_Ending", "Period", "Supplier", "Net Amount"])
    for p in range(1, 13):
        ws.append([2024, p, f"Supplier {p} Ltd", 1])
    for row in [(2024, 13, "Beta Ltd", 20), (2024, 13, "Gamma Ltd", 30), (2024, 14, "Delta Ltd", 40),
                (2024, 17, "Eps Ltd", 50)]:
        ws.append(list(row))
    f = tmp_path / "adjust.xlsx"
    wb.save(f)
    dbp = tmp_path / "a.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (15, 1, "102.00")
    assert got["columns"]["year"] == {"column": "Financial_Year_Ending", "found": "header"}
    months = [r[2] for r in _months(dbp)]
    assert months[0] == dt.date(2023, 4, 1) and months[11:] == [dt.date(2024, 3, 1)] * 4
    assert "sheet 'Ledger': 2 lines were adjustment period 13 (the financial year's closing entries), dated to " \
           "March 2024, the year's last month" in got["warnings"]
    assert any("1 line was adjustment period 14" in w for w in got["warnings"])
    assert q(dbp, "SELECT row_number, column_name, reason FROM quarantine") == [
        (17, "Period", "period '17 2024' is not a month (202205, 2022-05, May-22, P02 2022/23, Apr-Jun 2023, Q1 2023/24)")]


def test_p13_in_a_period_column_is_march_of_its_year(tmp_path):
    f = _csv(tmp_path / "p13.csv", ["Period,Supplier,Amount", "P12 2022/23,Acme Ltd,1.00",
                                    "P13 2022/23,Beta Ltd,2.00", "2022/23 P13,Gamma Ltd,3.00"])
    dbp = tmp_path / "p.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (3, 0)
    assert [r[2] for r in _months(dbp)] == [dt.date(2023, 3, 1)] * 3
    assert [w for w in got["warnings"] if "adjustment" in w] == [
        "2 lines were adjustment period 13 (the financial year's closing entries), dated to March 2023, "
        "the year's last month"]


# ---------------------------------------------------------------------------------------------
# Optional columns by their meaning

AREAS = ["Highways", "Resources", "Finance", "Planning", "Housing", "Leisure"]


def test_expense_area_is_the_department_not_a_category_code(tmp_path):
    """The transparency code's layout: "Expense Area" (the service that spent) is the department,
    "Expense Type" the category; neither is a code (no header word says code, and the areas are
    words). "Department Family" holds the same words on every line ("Local Government"): it says
    nothing about a line, and is listed as not used."""
    lines = [f"Local Government,Wyre Council,{1 + i % 28:02d}/04/2024,{['Agency Staff', 'Equipment'][i % 2]},"
             f"{AREAS[i % 6]},Supplier {i} Ltd,T{i},{i}.50" for i in range(24)]
    f = _csv(tmp_path / "lgtc.csv", ["Department Family,Entity,Date,Expense Type,Expense Area,Supplier,"
                                     "Transaction Number,Amount"] + lines)
    dbp = tmp_path / "l.duckdb"
    got = _json(cli(f, "--db", dbp))
    cols = {k: v["column"] for k, v in got["columns"].items()}
    assert cols["department"] == "Expense Area" and cols["category"] == "Expense Type"
    assert "category_code" not in cols and "Department Family" in got["columns_unused"]
    assert q(dbp, "SELECT DISTINCT department FROM transactions ORDER BY 1") == [(a,) for a in sorted(AREAS)]


def test_a_company_number_is_neither_the_supplier_id_nor_the_transaction(tmp_path):
    """A Companies House number identifies the supplier with someone else: it is not the publisher's
    own supplier ID, nor the payment's reference; it is listed as not used (the spend store has no
    field for it)."""
    lines = [f"Supplier {i} Ltd,{'SC' if i % 3 else '0'}{1234560 + i},{i}.25,{1 + i % 28:02d}/04/2024,"
             f"{AREAS[i % 6]} Services,Agency Staff" for i in range(12)]
    f = _csv(tmp_path / "crn.csv", ["Supplier Name,Company Registration Number,Amount,Payment Date,Expense Area,"
                                    "Expense Type"] + lines)
    got = _json(cli(f, "--db", tmp_path / "c.duckdb"))
    cols = {k: v["column"] for k, v in got["columns"].items()}
    assert "supplier_id" not in cols and "transaction_ref" not in cols
    assert got["columns_unused"] == ["Company Registration Number"]
    assert cols["department"] == "Expense Area"

    f2 = _csv(tmp_path / "crn2.csv", ["Vendor ID,Vendor Name,Supplier Company Number,Invoice Number,Paid Date,Net"]
              + [f"V{100 + i},Supplier {i} Ltd,0{7654320 + i},INV{i},{1 + i % 28:02d}/05/2024,{i}.00" for i in range(12)])
    got = _json(cli(f2, "--db", tmp_path / "c2.duckdb"))
    cols = {k: v["column"] for k, v in got["columns"].items()}
    assert cols["supplier_id"] == "Vendor ID" and cols["transaction_ref"] == "Invoice Number"
    assert got["columns_unused"] == ["Supplier Company Number"]


# ---------------------------------------------------------------------------------------------
# OpenDocument spreadsheets

def _ods(path: Path, sheets: dict) -> Path:
    """An .ods workbook written here (pandas' OpenDocument writer): {sheet: rows}, the first row of
    each written as it is (a title or the header)."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as w:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(w, sheet_name=name, index=False, header=False)
    return path


def test_an_ods_workbook_loads_each_sheet_planned_on_its_own(tmp_path):
    """Each sheet of an OpenDocument workbook is read like a workbook's: its own header (after a title
    on one of them), dates as dates, amounts exact, rows numbered as in the sheet."""
    f = _ods(tmp_path / "spend_2024.ods", {
        "Apr 24": [["Payments over £500, April 2024", None, None],
                   [None, None, None],
                   ["Payment Date", "Supplier Name", "Amount"],
                   [dt.date(2024, 4, 3), "Acme Ltd", 1234.56],
                   [dt.date(2024, 4, 17), "Beta Supplies", -250.0],
                   [dt.date(2024, 4, 30), "Gamma plc", "£ -"]],
        "May 24": [["Creditor", "Net Value", "Date Paid", "Expense Type"],
                   ["Delta Ltd", 99.99, dt.date(2024, 5, 2), "Fuel"],
                   ["Acme Ltd", 1000.5, dt.date(2024, 5, 20), "Tyres"]],
    })
    dbp = tmp_path / "o.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (5, 0, "2085.05")
    assert got["columns"]["amount"]["column"] == ["Amount", "Net Value"]
    assert q(dbp, "SELECT sheet, row_number, payment_date, supplier_name, amount FROM transactions "
                  "ORDER BY sheet, row_number") == [
        ("Apr 24", 4, dt.date(2024, 4, 3), "Acme Ltd", D("1234.56")),
        ("Apr 24", 5, dt.date(2024, 4, 17), "Beta Supplies", D("-250.00")),
        ("Apr 24", 6, dt.date(2024, 4, 30), "Gamma plc", D("0.00")),
        ("May 24", 2, dt.date(2024, 5, 2), "Delta Ltd", D("99.99")),
        ("May 24", 3, dt.date(2024, 5, 20), "Acme Ltd", D("1000.50"))]
    assert q(dbp, "SELECT sheets FROM batches") == [('["Apr 24", "May 24"]',)]


def test_a_damaged_ods_is_refused_in_one_line(tmp_path):
    good = _ods(tmp_path / "g.ods", {"S": [["Date", "Supplier", "Amount"], [dt.date(2024, 4, 3), "Acme Ltd", 1.0]]})
    bad = tmp_path / "bad.ods"
    bad.write_bytes(good.read_bytes()[:300])
    out = cli(bad, "--db", tmp_path / "b.duckdb")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "bad.ods: this ODS file is damaged" in out.stderr


def test_a_financial_years_quarter_in_the_file_name_dates_lines_with_no_day(tmp_path):
    """A quarterly file named for its financial year's quarter ("..._2023-24_q2.csv") dates the lines
    that carry no day to the quarter's first month, July 2023; a calendar quarter ("2014-q2") stays
    April to June."""
    from lib.ingest import period_from_name

    assert period_from_name("spend_2023-24_q2.csv") == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))
    assert period_from_name("Spend Q4 2023-24.xlsx") == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert period_from_name("oxford_city_over500_2014-q2.csv") == (dt.date(2014, 4, 1), dt.date(2014, 6, 30))
    assert period_from_name("spend_2023-25_q2.csv") is None  # not one financial year
    f = _csv(tmp_path / "opcc_spend_2023-24_q2.csv", ["Date,Supplier,Amount", "00:00:00,Acme Ltd,10.00",
                                                      "00:00:00,Beta Ltd,5.00"])
    dbp = tmp_path / "n.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (2, 0)
    assert [r[2] for r in _months(dbp)] == [dt.date(2023, 7, 1)] * 2


# ---------------------------------------------------------------------------------------------
# A capital-or-revenue flag headed as the code's words

def test_a_revenue_or_capital_flag_is_not_the_words_of_the_expenditure_code(tmp_path):
    """A city's quarter: "Expenditure Code" (its ledger codes) beside "Type of Expenditure", which is
    "Revenue" on every line (or Capital): the header reads as the code's words, but the cells say how
    the line is accounted, not what was bought. The category is left unknown, the codes kept as the
    code, and the flag listed as not used; a column of words that name what was bought, headed the
    same way, is still the code's words."""
    lines = [f"OCC,{AREAS[i % 6]},Z{110205 + i % 5},{1 + i % 28:02d}/08/2017,{1038986 + i} - {i % 3},{100 + i}.35,"
             f"Revenue,{20019050 + i},Supplier {i} Ltd" for i in range(30)]
    header = ("Client,Service Area,Expenditure Code,Paid Date,Trans No,Amount,Type of Expenditure,Supplier ID,"
              "Supplier Name")
    dbp = tmp_path / "o.duckdb"
    got = _json(cli(_csv(tmp_path / "flag.csv", [header] + lines), "--db", dbp))
    assert "category" not in got["columns"] and got["columns"]["category_code"]["column"] == "Expenditure Code"
    assert "Type of Expenditure" in got["columns_unused"]
    assert (got["rows_loaded"], got["rows_quarantined"]) == (30, 0)
    assert q(dbp, "SELECT count(*) FROM transactions WHERE category IS NULL") == [(30,)]
    kinds = ["Stationery", "Agency Staff", "Electricity", "Legal Fees"]
    worded = [ln.replace(",Revenue,", f",{kinds[i % 4]},") for i, ln in enumerate(lines)]
    dbw = tmp_path / "w.duckdb"
    got = _json(cli(_csv(tmp_path / "worded.csv", [header] + worded), "--db", dbw))
    assert got["columns"]["category"]["column"] == "Type of Expenditure"


# ---------------------------------------------------------------------------------------------
# Dates a spreadsheet swapped: some year-month-day, the rest day first

def _swapped_month(iso_days: list[int], text_days: list[int], month: int = 1) -> list[str]:
    """A month's lines as a spreadsheet leaves them after reading UK dates as US ones: the days it
    could read month first (``iso_days``) written back year-month-day with day and month swapped, the
    others (``text_days``) left as the file wrote them."""
    days = [f"2014-{d:02d}-{month:02d}" for d in iso_days] + [f"{d:02d}/{month:02d}/2014" for d in text_days]
    return [f"EH - Food Safety,AR04,Premises,{day},{619372 + i},{1000 + i}.50,Supplier {i} Ltd,{14501 + i}"
            for i, day in enumerate(days)]


SWAP_HEADER = ("Operational unit,Unit code,CIPFA expenses type,Transaction date,Transaction number,Net amount,"
               "Supplier name,Supplier ID")


def test_dates_a_spreadsheet_swapped_are_said_and_loaded_as_written(tmp_path, monkeypatch):
    """South Oxfordshire's January: 2014-02-01 .. 2014-11-01 (the 2nd to the 11th of January, swapped
    by a spreadsheet) among 13/01/2014 .. 17/01/2014. Loaded as the file writes them, and said, with
    the month they fall in read swapped; the same whether the file is read whole or in one pass."""
    f = _csv(tmp_path / "swapped.csv", [SWAP_HEADER] + _swapped_month([2, 3, 6, 7, 8, 9, 10, 11] * 3,
                                                                        [13, 14, 15, 16, 17] * 4))
    whole, one = both_ways(tmp_path, monkeypatch, f)
    note = [w for w in one.warnings if "written two ways" in w]
    assert len(note) == 1 and "24 year-month-day" in note[0] and "20 day first" in note[0]
    assert "fall in January 2014" in note[0] and "(8 months)" in note[0]
    assert (one.rows_loaded, one.rows_quarantined) == (44, 0)


def test_dates_in_two_forms_that_no_swap_explains_are_not_said(tmp_path):
    """Year-month-day dates that swapped would fall in May (2014-03-05, 2014-04-05, ...) beside
    day-first dates of mid-February, a column of year-month-day dates alone, and one with a date of
    figures that reads either way (which a spreadsheet would have turned into a date): nothing is said."""
    cases = {
        "other_months": _swapped_month([3, 4, 6] * 4, [], month=5) + _swapped_month([], [13, 14, 15] * 3, month=2),
        "iso_only": _swapped_month([2, 3, 4, 5, 6] * 3, []),
        "either_way_text": _swapped_month([2, 3, 4] * 3, [13, 14, 15, 5] * 2),
    }
    for name, lines in cases.items():
        got = _json(cli(_csv(tmp_path / f"{name}.csv", [SWAP_HEADER] + lines), "--db", tmp_path / f"{name}.duckdb"))
        assert not [w for w in got["warnings"] if "written two ways" in w], name
        assert got["rows_quarantined"] == 0, name


# ---------------------------------------------------------------------------------------------
# Whose spend: the body named in full over its code or its address

def test_the_body_named_in_full_is_taken_over_its_code_or_address(tmp_path):
    """"Body name" = East Midlands Combined County Authority beside "Body" = EMCCA (a card file's
    layout), and "Body" = the council's address on the web beside "Body Name" (the transparency
    code's): whose spend it is, is the name in full, whichever comes first; the other is listed as not
    used. A column of the code alone is still the body."""
    rows = [f"{1 + i % 28:02d}/04/2024,Supplier {i} Ltd,{100 + i}.25,{212018 + i}" for i in range(20)]
    cases = {
        "code_after": ("Body name,Body,", "East Midlands Combined County Authority,EMCCA,",
                       "Body name", "East Midlands Combined County Authority"),
        "address_first": ("Body,Body Name,", "http://opendatacommunities.org/id/district-council/eden,Eden District Council,",
                          "Body Name", "Eden District Council"),
        "code_alone": ("Body,", "EMCCA,", "Body", "EMCCA"),
    }
    for name, (head, cells, column, body) in cases.items():
        f = _csv(tmp_path / f"{name}.csv", [head + "Date,Supplier name,Amount,Transaction number"]
                 + [cells + r for r in rows])
        dbp = tmp_path / f"{name}.duckdb"
        got = _json(cli(f, "--db", dbp))
        assert got["columns"]["body"]["column"] == column, name
        assert [b["body"] for b in got["bodies"]] == [body], name
        assert (got["rows_loaded"], got["amount_loaded"]) == (20, "2195.00"), name
        if name != "code_alone":
            assert set(head.strip(",").split(",")) - {column} <= set(got["columns_unused"]), name
