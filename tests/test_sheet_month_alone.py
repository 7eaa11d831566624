"""A workbook a sheet a month, named by the month alone ("Apr", "May", "Jun"), its year in the file's name.

A district council's quarter has no date column: each sheet is a month, the year only in the file's
name ("Spend_Q1_2024-25.xlsx"). Every line was dated April to June and counted in April: May's and
June's spend sat in April. A sheet named by a month alone is now that month of the file's period, or
of its financial year. And a total labelled with the period it totals ("Total February 2018", m149) at
the foot of a month split over two sheets is a total, not one more line that doubled the month.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file


def _workbook(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def _lines(n, base):
    return [["Service Area", "Supplier Name", "Net Amount"]] + [
        ["Housing", f"Supplier {i} Ltd", base + i] for i in range(n)]


def test_each_sheet_is_its_month_of_the_files_quarter(tmp_path):
    path = _workbook(tmp_path / "Preston_Spend_Q1_2024-25.xlsx",
                     {"Apr": _lines(3, 100), "May": _lines(2, 200), "Jun": _lines(4, 300)})
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert res.rows_loaded == 9
    assert q(db, "SELECT sheet, period_start, count(*) FROM transactions GROUP BY ALL ORDER BY 2") == [
        ("Apr", dt.date(2024, 4, 1), 3), ("May", dt.date(2024, 5, 1), 2), ("Jun", dt.date(2024, 6, 1), 4)]
    assert any("sheet 'May', no column gives the lines a date: each is dated May 2024, which the sheet's name "
               "'May' names" in w for w in res.warnings)


def test_a_month_alone_in_the_files_financial_year(tmp_path):
    path = _workbook(tmp_path / "spend_2024-25.xlsx", {"January": _lines(2, 10), "Sept": _lines(1, 20)})
    db = tmp_path / "s.duckdb"
    load_file(path, db=db)
    assert q(db, "SELECT sheet, period_start FROM transactions GROUP BY ALL ORDER BY 2") == [
        ("Sept", dt.date(2024, 9, 1)), ("January", dt.date(2025, 1, 1))]


def test_a_total_labelled_with_its_month_is_a_total(tmp_path):
    head = ["Transaction Date", "Supplier Name", "Amount £"]
    part1 = [head, [dt.datetime(2018, 2, 1), "Acme Ltd", 100.25], [dt.datetime(2018, 2, 2), "Beta Ltd", 50.00]]
    part2 = [head, [dt.datetime(2018, 2, 20), "Gamma Ltd", 20.00], [None, None, None],
             ["", "Total February 2018", 170.25]]
    path = _workbook(tmp_path / "spend_february_2018.xlsx", {"Part 1": part1, "Part 2": part2})
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_total_lines, res.amount_loaded) == (3, 1, Decimal("170.25"))
