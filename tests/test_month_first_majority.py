"""A US export with one date typed the UK way is read month first, and that one date is quarantined.

A column was read month first only when none of its dates could only be day first. One date typed
the UK way ("25/04/2024") among thirty that can only be month first (04/25/2024) kept the whole
column day first: the thirty were quarantined, and every date either order reads (04/06/2024) was
stored with its day and month swapped, with no word of it. Now a column whose dates that can only
be month first outnumber those that can only be day first ten times over is read month first, and
the few day-first ones are quarantined, each saying so; read whole or in one pass alike.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv


def _lines(uk_typed: int) -> tuple[list[str], list[dt.date], Decimal]:
    lines, days, total = ["Payment Date,Supplier Name,Amount,Description"], [], Decimal("0")
    for i in range(60):
        day = dt.date(2024, 4, 1 + i % 30)
        amount = Decimal(500 + 97 * i) + Decimal(i % 100) / 100
        text = f"{day:%d/%m/%Y}" if i < uk_typed else f"{day:%m/%d/%Y}"
        lines.append(f"{text},Firm {i % 7} Ltd,{amount},Radios")
        if i >= uk_typed:
            days.append(day)
            total += amount
    return lines, days, total


def test_one_uk_typed_date_among_us_dates(tmp_path, monkeypatch):
    lines, _, _ = _lines(uk_typed=0)
    lines[2] = "25/04/2024" + lines[2][10:]  # row 3: a date that can only be day first
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend-april-2024.csv", lines))
    assert (whole.rows_loaded, whole.rows_quarantined) == (59, 1)
    db = tmp_path / "spend-april-2024_1000000000.duckdb"
    # every date stored in April, the month the file is of: none swapped
    assert q(db, "SELECT count(*) FROM transactions WHERE month(payment_date) = 4") == [(59,)]
    assert q(db, "SELECT reason FROM quarantine") == [
        ("date '25/04/2024' is day first (day/month/year), while other dates in its column are month first",)]
    assert any("but for 1 that can only be day first" in w for w in whole.warnings)


def test_a_uk_column_with_a_few_us_typed_dates_stays_day_first(tmp_path, monkeypatch):
    lines, _, _ = _lines(uk_typed=56)  # 56 day first, 4 month first: not ten to one the other way
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend-april-2024.csv", lines))
    db = tmp_path / "spend-april-2024_1000000000.duckdb"
    assert whole.rows_quarantined == 4  # the four month-first dates, each saying so
    assert not any("read month first throughout" in w for w in whole.warnings)
