"""A payment dated years ahead: a year typed wrong ("15/06/2042" in a June 2024 file).

Only dates before 1990 or after 2100 were set aside, so such a line loaded into a financial year that
has not begun, with no word: a year of its own in the filters, its spend missing from the year it
belongs to. A line dated more than a month after the day it is loaded (load.date_window: a payment
run dated a little ahead is kept) is now quarantined, saying so, by the full path and the one pass.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load
from lib.ingest import load_file


def _reasons(db):
    return q(db, "SELECT row_number, reason, amount FROM quarantine ORDER BY row_number")


def test_a_year_typed_wrong_is_quarantined_and_a_run_a_week_ahead_kept(tmp_path):
    ahead = dt.date.today() + dt.timedelta(days=7)
    path = tmp_path / "spend.csv"
    path.write_text("Payment Date,Supplier Name,Amount\n"
                    "15/06/2024,Acme Ltd,100.00\n"
                    "16/06/2024,Bolt Ltd,200.00\n"
                    "15/06/2042,Cog Ltd,300.00\n"
                    f"{ahead:%d/%m/%Y},Dyno Ltd,50.00\n"
                    "15/06/1985,Elm Ltd,10.00\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (3, Decimal("350.00"))
    assert (res.rows_quarantined, res.amount_quarantined) == (2, Decimal("310.00"))
    (r1, why1, a1), (r2, why2, a2) = _reasons(db)
    assert (r1, a1) == (4, Decimal("300.00"))
    assert why1 == (f"date 15/06/2042 is more than a month after the day it was loaded ({dt.date.today():%d/%m/%Y}): "
                    "a payment not made yet, or its year typed wrong")
    assert (r2, why2) == (6, "date 15/06/1985 is out of range (before 1990)")


def test_the_one_pass_sets_it_aside_as_the_full_path_does(tmp_path):
    path = tmp_path / "spend.csv"
    rows, total = ["Payment Date,Supplier Name,Amount"], Decimal("0")
    for i in range(9_000):
        amount = Decimal(10 + i % 90) + Decimal("0.50")
        year = 2042 if i == 8_500 else 2024
        if year == 2024:
            total += amount
        rows.append(f"{i % 28 + 1:02d}/06/{year},Supplier {i % 50} Ltd,{amount}")
    path.write_text("\n".join(rows) + "\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert res.one_pass
    assert (res.rows_loaded, res.amount_loaded, res.rows_quarantined) == (8_999, total, 1)
    assert [r for r, _, _ in _reasons(db)] == [8_502]
    assert "year typed wrong" in _reasons(db)[0][1]


def test_the_window_moves_with_the_calendar():
    first, last = load.date_window()
    assert first == dt.date(1990, 1, 1)
    assert last == dt.date.today() + dt.timedelta(days=load.DAYS_AHEAD)
