"""Dates that read either way, in a file that names its month.

A US-set export of March 2024 paid on its first twelve days writes 03/01/2024 .. 03/12/2024: every
date reads either way. Read day first, as UK files are, they ran from January to December, and only a
warning said they might be month first. When the file itself names the month they fall in read month
first (its name, the period given, the title above the header, the sheet's name) and day first they
would not all lie in it, the publisher's word settles it: they are read month first, and said so.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file


def _march_lines(n: int):
    """``n`` lines paid on March 2024's first twelve days, written month first; their total."""
    lines, total = [], Decimal("0")
    for i in range(n):
        amount = Decimal(250 + i % 500) + Decimal("0.40")
        total += amount
        lines.append((f"03/{i % 12 + 1:02d}/2024", f"Supplier {i % 40} Ltd", amount))
    return lines, total


def _csv(path, lines):
    path.write_text("Payment Date,Supplier Name,Amount\n" + "".join(f"{d},{s},{a}\n" for d, s, a in lines))
    return path


def _months(db):
    return q(db, "SELECT DISTINCT strftime(payment_date, '%Y-%m') FROM transactions ORDER BY 1")


def test_the_file_name_names_the_month(tmp_path):
    lines, total = _march_lines(60)
    db = tmp_path / "s.duckdb"
    res = load_file(_csv(tmp_path / "spend-2024-03.csv", lines), db=db)
    assert (res.rows_loaded, res.amount_loaded) == (60, total)
    assert _months(db) == [("2024-03",)]
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2024, 3, 1), dt.date(2024, 3, 12))]
    assert any("the file's name 'spend-2024-03.csv' names March 2024" in w and "Read month first throughout" in w
               for w in res.warnings)


def test_a_long_file_leaves_the_one_pass_to_be_read_month_first(tmp_path):
    lines, total = _march_lines(8_000)
    db = tmp_path / "s.duckdb"
    res = load_file(_csv(tmp_path / "payments_mar-2024.csv", lines), db=db)
    assert (res.rows_loaded, res.amount_loaded) == (8_000, total)
    assert not res.one_pass
    assert _months(db) == [("2024-03",)]


def test_the_period_given_names_the_month(tmp_path):
    lines, total = _march_lines(30)
    db = tmp_path / "s.duckdb"
    res = load_file(_csv(tmp_path / "spend.csv", lines), db=db, period=(dt.date(2024, 3, 1), dt.date(2024, 3, 31)))
    assert _months(db) == [("2024-03",)]
    assert any("the period given for the file names March 2024" in w for w in res.warnings)


def test_a_workbook_title_names_the_month(tmp_path):
    lines, total = _march_lines(30)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Payments over £500 - March 2024"])
    ws.append([])
    ws.append(["Payment Date", "Supplier Name", "Amount"])
    for d, s, a in lines:
        ws.append([d, s, float(a)])
    path = tmp_path / "spend.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (30, total)
    assert _months(db) == [("2024-03",)]
    assert any("the title above the header names March 2024" in w for w in res.warnings)


def test_a_name_saying_another_month_leaves_them_day_first_with_the_warning(tmp_path):
    """Named May: neither reading falls in it, so the file's word settles nothing (read day first, said)."""
    lines, _ = _march_lines(60)
    db = tmp_path / "s.duckdb"
    res = load_file(_csv(tmp_path / "spend-2024-05.csv", lines), db=db)
    assert len(_months(db)) == 12
    assert any("each read either way" in w and "head the column" in w for w in res.warnings)


def test_dates_day_first_in_the_named_month_stay_day_first(tmp_path):
    """A UK file of March 2024 (01/03/2024 .. 12/03/2024): read day first they all lie in the month named."""
    path = tmp_path / "spend-2024-03.csv"
    path.write_text("Payment Date,Supplier Name,Amount\n"
                    + "".join(f"{i % 12 + 1:02d}/03/2024,Supplier {i} Ltd,10.00\n" for i in range(40)))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert _months(db) == [("2024-03",)]
    assert not any("month first" in w for w in res.warnings)
