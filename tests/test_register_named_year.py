"""A savings register whose rows give no year, with the year named once for the sheet: a workbook of
a sheet a quarter ("Q1", "Q2", ...) under a title "Savings 2024/25", or a file named for its year
("savings_2024-25.csv"). Each saving was quarantined for no financial year; now it is of the year the
title (else the sheet's name, else the file's name) names, and the load says where it read it, as
spend's periods are (lib.ingest.load.plan_sheet, lib.ingest.registers._year_named_once)."""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file
from test_register_layouts import _write

D = Decimal
HEAD = ["Project", "Saving Type", "Saving (£)"]


def test_a_sheet_a_quarter_under_a_title_naming_the_year(tmp_path, db):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (("Q1", [["Fleet tyres", "Cashable", 3000]]),
                       ("Q2", [["Interpreters", "Cashable", 1500], ["Print", "Non-cashable", 250]])):
        ws = wb.create_sheet(name)
        ws.append(["Procurement savings 2024/25"])
        ws.append([])
        ws.append(HEAD)
        for r in rows:
            ws.append(r)
    path = tmp_path / "savings.xlsx"
    wb.save(path)
    res = load_file(path, db=db, kind="savings")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (3, 3, 0), res.problems[:3]
    assert q(db, "SELECT sheet, project, fy, amount FROM savings ORDER BY sheet, row_number") == [
        ("Q1", "Fleet tyres", "2024/25", D("3000.00")), ("Q2", "Interpreters", "2024/25", D("1500.00")),
        ("Q2", "Print", "2024/25", D("250.00"))]
    assert "sheet 'Q2': 2 savings with no year of their own: read in 2024/25, which the title above the header names" \
        in res.warnings


def test_a_file_named_for_its_year_and_a_year_in_the_row_before_it(tmp_path, db):
    rows = [["Fleet tyres", "Cashable", "3,000"], ["Energy", "Cashable", "2,000"]]
    res = load_file(_write(tmp_path / "savings_2023-24.csv", HEAD, rows), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 0), res.problems[:3]
    assert q(db, "SELECT DISTINCT fy FROM savings") == [("2023/24",)]
    assert any("read in 2023/24, which the file's name or the period given for it names" in w for w in res.warnings)
    # a year the row gives is its own, whatever the file is named
    res = load_file(_write(tmp_path / "savings_2025-26.csv", ["Project", "Financial Year", "Saving (£)"],
                           [["Custody", "2024/25", "900"]]), db=db, kind="savings")
    assert q(db, "SELECT fy FROM savings WHERE project = 'Custody'") == [("2024/25",)]
    assert not any("no year of" in w for w in res.warnings)


def test_no_year_anywhere_is_still_a_question(tmp_path, db):
    res = load_file(_write(tmp_path / "savings.csv", HEAD, [["Fleet tyres", "Cashable", "3,000"]]), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (0, 1)
    assert q(db, "SELECT reason FROM quarantine") == [("no financial year (give it, or the date the saving was recorded)",)]
