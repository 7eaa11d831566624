"""A supplier merged down over its lines in most groups and one group left blank under its first line
(the merge forgotten): the blank lines loaded as '(no name given)'. The merges say how the sheet is
laid out, so the blanks read as a person reads them; a sheet with no merges and a few blanks still
keeps them blank (they may be withheld names)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file

GROUPS = [("Angloco Ltd", [9760.72, 289500]), ("Bristol Uniforms Ltd", [15899.4, 1129.18, 893.59]),
          ("Sandholme County Council", [3967.15]), ("J. Tomlinson Ltd", [1841.51, 9524.1, 1383.73]),
          ("Fire Service College Ltd", [3755.74, 16224.96])]


def _workbook(path, merge: bool):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Oct-Dec 2023"
    ws.append(["Supplier", "Date Paid", "Service", "Amount"])
    day = 1
    for name, sums in GROUPS:
        top = ws.max_row + 1
        for k, amount in enumerate(sums):
            ws.append([name if k == 0 else None, dt.datetime(2023, 10, day), "Estates", amount])
            day += 1
        if merge and len(sums) > 1 and name != "J. Tomlinson Ltd":  # (its merge forgotten)
            ws.merge_cells(f"A{top}:A{top + len(sums) - 1}")
    wb.save(path)
    return path


def test_a_forgotten_merge_among_merges_reads_as_the_group(tmp_path, db):
    res = load_file(_workbook(tmp_path / "spend.xlsx", merge=True), db=db)
    assert res.rows_loaded == 11
    assert q(db, "SELECT row_number, supplier_name FROM transactions WHERE row_number BETWEEN 8 AND 10 ORDER BY 1") == [
        (8, "J. Tomlinson Ltd"), (9, "J. Tomlinson Ltd"), (10, "J. Tomlinson Ltd")]
    assert q(db, "SELECT count(DISTINCT supplier_name), sum(amount) FROM transactions") == [(5, Decimal("353880.08"))]
    assert any("written once over the lines it heads" in w and "2 lines" in w for w in res.warnings), res.warnings


def test_blanks_with_no_merges_stay_blank(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Supplier", "Date Paid", "Service", "Amount"])
    for k in range(12):
        ws.append([None if k in (5, 6) else f"Firm {k} Ltd", dt.datetime(2023, 10, k + 1), "Estates", 100 + k])
    wb.save(tmp_path / "plain.xlsx")
    load_file(tmp_path / "plain.xlsx", db=db)
    assert q(db, "SELECT row_number, is_redacted FROM transactions WHERE row_number IN (7, 8) ORDER BY 1") == [
        (7, True), (8, True)]
