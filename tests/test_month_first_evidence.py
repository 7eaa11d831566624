"""One date typed the US way is not enough to read a column month first.

A date that can only be month first ("04/13/2024") made its column month first whenever no date could
only be day first: in a UK week's list (01/04/2024 .. 07/04/2024, every one either way), or a workbook
whose other dates are typed date cells, one slip swapped every other date. Now the month-first dates
must be one in twenty of the column's dates, or the dates either order reads must fall in fewer months
read month first (a US month's list whose days mostly run to the 12th). Else the slip is quarantined.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from lib.ingest import load_file


def _week(n: int, slip_at: int):
    """``n`` lines of a UK week (1-7 April 2024), the line ``slip_at`` dated "04/13/2024"."""
    rows, total = [], Decimal("0")
    for i in range(n):
        amount = Decimal(200 + i % 300) + Decimal("0.75")
        if i == slip_at:
            rows.append(("04/13/2024", f"Supplier {i % 30} Ltd", amount))
            continue
        total += amount
        rows.append((f"{i % 7 + 1:02d}/04/2024", f"Supplier {i % 30} Ltd", amount))
    return rows, total


@pytest.mark.parametrize("n", [60, 9_000])  # the full path, and the one pass
def test_a_uk_weeks_one_us_date_is_quarantined_and_the_rest_kept_day_first(tmp_path, n):
    rows, total = _week(n, n - 5)
    path = tmp_path / "spend.csv"
    path.write_text("Payment Date,Supplier Name,Amount\n" + "".join(f"{d},{s},{a}\n" for d, s, a in rows))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded, res.rows_quarantined) == (n - 1, total, 1)
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2024, 4, 1), dt.date(2024, 4, 7))]
    assert q(db, "SELECT row_number FROM quarantine") == [(n - 3,)]
    assert not any("read month first throughout" in w for w in res.warnings)


def test_a_us_month_whose_days_mostly_run_to_the_twelfth_is_read_month_first(tmp_path):
    """One date in forty can only be month first, but the rest then all fall in April (day first: twelve months)."""
    lines = [f"04/{i % 12 + 1:02d}/2024,Supplier {i} Ltd,10.00" for i in range(39)] + ["04/13/2024,Late Ltd,10.00"]
    path = tmp_path / "spend.csv"
    path.write_text("Payment Date,Supplier Name,Amount\n" + "\n".join(lines) + "\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (40, 0)
    assert q(db, "SELECT DISTINCT strftime(payment_date, '%Y-%m') FROM transactions") == [("2024-04",)]
    assert any("read month first throughout" in w for w in res.warnings)


def test_a_workbooks_typed_dates_outweigh_one_us_text_date(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Payment Date", "Supplier", "Amount"])
    for i in range(40):
        ws.append([dt.datetime(2024, 4, i % 28 + 1), f"Supplier {i} Ltd", 100.0])
    ws.append(["03/04/2024", "Text Date Ltd", 50.0])
    ws.append(["05/04/2024", "Text Date Two Ltd", 60.0])
    ws.append(["04/25/2024", "Slip Ltd", 70.0])
    path = tmp_path / "spend.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (42, 1)
    assert q(db, "SELECT supplier_name, payment_date FROM transactions WHERE supplier_name LIKE 'Text%' ORDER BY 1") == [
        ("Text Date Ltd", dt.date(2024, 4, 3)), ("Text Date Two Ltd", dt.date(2024, 4, 5))]
    assert q(db, "SELECT row_number FROM quarantine") == [(44,)]
