"""Sums and dates that real spend files split over cells or leave part of elsewhere, each written here
and loaded as a person would load it, into a store of its own:

- a sum in two columns, whole pounds and pence ("Pounds" | "Pence", "£" | "p"): either could be the
  amount, so the load stopped to ask which;
- dates written as a day and a month alone ("03-Jun") under a title that names the month or the
  year: no date column found, refused;
- a date in three columns, year, month and day: each line was dated to the first of its month;
- two blank suppliers among a handful of lines: read as the name above them "written once", when
  they may as well be withheld names."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

from conftest import rows_of as q
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv, cli

D = Decimal


def _json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr + out.stdout
    return json.loads(out.stdout)


def _pounds_and_pence(n: int) -> tuple[list[str], Decimal]:
    lines, total = [], D("0")
    for k in range(n):
        pounds, pence = 17 + 31 * k, (7 * k) % 100
        lines.append(f"{1 + k % 28:02d}/05/2024,Firm {k % 6} Ltd,Repairs,{pounds},{pence:02d}")
        total += D(pounds) + D(pence) / 100
    return lines, total


def test_a_sum_in_pounds_and_pence_columns(tmp_path, monkeypatch):
    """'Pounds' | 'Pence': each line's amount is the one and the other, read whole and in one pass alike."""
    lines, total = _pounds_and_pence(60)
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "pence.csv", ["Date,Supplier,Description,Pounds,Pence"] + lines))
    assert (whole.rows_loaded, whole.rows_quarantined, whole.amount_loaded) == (60, 0, total)
    got = whole.as_json()["columns"]
    assert (got["amount"]["column"], got["amount_pence"]["column"]) == ("Pounds", "Pence")


def test_pound_and_penny_signs_as_headers_a_loss_and_a_bad_penny(tmp_path):
    """'£' | 'p': a loss is negative in its pence too (-12 | 50 is -£12.50); a pence cell that is not a
    whole number of pence is quarantined, saying what both cells hold; nothing is lost."""
    lines = ['Payment Date,Supplier Name,Expense Type,£,p',
             '01/05/2024,Acme Ltd,Fuel,"1,234",56', "02/05/2024,Bolt Ltd,Fuel,-12,50",
             "03/05/2024,Acme Ltd,Fuel,7,05", "04/05/2024,Bolt Ltd,Fuel,40,", "05/05/2024,Acme Ltd,Fuel,9,123"]
    lines += [f"{10 + k}/05/2024,Firm {k} Ltd,Fuel,{k + 1},{k}" for k in range(10)]
    got = _json(cli(_csv(tmp_path / "signs.csv", lines), "--db", tmp_path / "s.duckdb"))
    assert (got["rows_read"], got["rows_loaded"], got["rows_quarantined"]) == (15, 14, 1)
    assert D(got["amount_loaded"]) == (D("1234.56") - D("12.50") + D("7.05") + D("40")
                                       + sum(D(k + 1) + D(k) / 100 for k in range(10)))
    assert q(tmp_path / "s.duckdb", "SELECT amount FROM transactions WHERE amount < 0") == [(D("-12.50"),)]
    reasons = q(tmp_path / "s.duckdb", "SELECT reason FROM quarantine")
    assert len(reasons) == 1 and "9 pounds 123 pence" in reasons[0][0], reasons


def test_two_money_columns_neither_of_pence_still_ask(tmp_path):
    """Two columns of sums with no pence header are still a question for a person."""
    lines = ["Date,Supplier,Net,Gross"] + [f"0{1 + k}/05/2024,Firm {k} Ltd,{100 + k}.00,{120 + k}.00" for k in range(6)]
    out = cli(_csv(tmp_path / "two.csv", lines), "--db", tmp_path / "t.duckdb")
    assert out.returncode != 0 or "amount_pence" not in json.loads(out.stdout)["columns"]


def test_day_and_month_dates_under_a_title_naming_the_month(tmp_path):
    """'03-Jun' under 'Payments over £500 - June 2024': each line dated that day of June 2024, with a
    note saying where the year came from."""
    lines = ["Payments over £500 - June 2024,,,", ",,,", "Date,Supplier,Amount,Purpose"]
    lines += [f"{1 + k % 28:02d}-Jun,Firm {k % 5} Ltd,{600 + k}.00,Repairs" for k in range(30)]
    got = _json(cli(_csv(tmp_path / "june.csv", lines), "--db", tmp_path / "j.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (30, 0)
    assert q(tmp_path / "j.duckdb", "SELECT min(payment_date), max(payment_date), count(DISTINCT payment_date) "
             "FROM transactions") == [(dt.date(2024, 6, 1), dt.date(2024, 6, 28), 28)]
    assert any("give a day and a month and no year" in w and "2024/25" in w for w in got["warnings"])


def test_day_and_month_dates_across_a_financial_year(tmp_path):
    """A title naming the financial year (2023/24): April to December in 2023, January to March in 2024,
    29 February in the leap year 2024."""
    lines = ["Expenditure 2023/24,,", "Date,Supplier,Amount", "03-Apr,Acme Ltd,100.00", "15 December,Bolt Ltd,200.00",
             "03-Jan,Acme Ltd,300.00", "29-Feb,Bolt Ltd,400.00", "31-Mar,Acme Ltd,500.00"]
    got = _json(cli(_csv(tmp_path / "fy.csv", lines), "--db", tmp_path / "f.duckdb"))
    assert got["rows_loaded"] == 5
    assert [r[0] for r in q(tmp_path / "f.duckdb", "SELECT payment_date FROM transactions ORDER BY row_number")] == [
        dt.date(2023, 4, 3), dt.date(2023, 12, 15), dt.date(2024, 1, 3), dt.date(2024, 2, 29), dt.date(2024, 3, 31)]


def test_day_and_month_dates_with_no_year_anywhere_are_still_asked(tmp_path):
    """No title, sheet or file name gives the year: no date is made up."""
    lines = ["Date,Supplier,Amount"] + [f"0{1 + k}-Jun,Firm {k} Ltd,{100 + k}.00" for k in range(6)]
    out = cli(_csv(tmp_path / "noyear.csv", lines), "--db", tmp_path / "n.duckdb")
    assert out.returncode != 0 and "payment date" in (out.stdout + out.stderr)


def test_a_date_in_year_month_and_day_columns(tmp_path):
    """'Year' | 'Month' | 'Day': each line is dated to its day (a day its month does not have leaves
    the line dated by its month), and no column is left unused."""
    lines = ["Year,Month,Day,Supplier Name,Amount"] + [f"2024,{1 + k % 12},{1 + k % 28},Firm {k % 4} Ltd,{100 + k}.25"
                                                      for k in range(24)] + ["2024,6,31,Acme Ltd,9.00"]
    got = _json(cli(_csv(tmp_path / "ymd.csv", lines), "--db", tmp_path / "y.duckdb"))
    assert (got["rows_loaded"], got["columns"]["day"]["column"], got["columns_unused"]) == (25, "Day", [])
    rows = q(tmp_path / "y.duckdb", "SELECT payment_date, period_start FROM transactions ORDER BY row_number")
    assert rows[0] == (dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    assert rows[13] == (dt.date(2024, 2, 14), dt.date(2024, 2, 14))
    assert rows[-1][0] is None and rows[-1][1] == dt.date(2024, 6, 1)


def test_a_few_blank_suppliers_in_a_small_file_stay_blank(tmp_path):
    """Five lines, two with no supplier: not read as the name above them."""
    lines = ["Date,Supplier,Amount,Description", "01/05/2024,Acme Ltd,100.00,a", "02/05/2024,,50.00,b",
             "03/05/2024,Bolt Holdings plc,75.00,c", "04/05/2024,Pennine Motors Ltd,20.00,d", "05/05/2024,,30.00,e"]
    got = _json(cli(_csv(tmp_path / "small.csv", lines), "--db", tmp_path / "m.duckdb"))
    assert not any("written once" in w for w in got["warnings"])
    assert q(tmp_path / "m.duckdb", "SELECT count(*) FROM transactions WHERE supplier_name = '(no name given)'") == [(2,)]
