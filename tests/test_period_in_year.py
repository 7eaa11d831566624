"""Lines dated by a period with no year ("P01", "May"), the financial year named once for the whole
sheet: in the title above the header ("Payments over £500 - 2024/25 Quarter 1"), the sheet's name
("2024-25"), the file's name or the period given for it. The file was refused ("no column found for
payment date"), or, when its name gave a period, every line was dated to the period's first month
and the Period column was listed as not used: a quarter's lines all filed in April."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from lib import store
from lib.ingest import columns as colmod
from lib.ingest.load import load_file
from test_recognition_residuals import _csv

D = Decimal
FIRMS = ["Acme Ltd", "Ribble Motors Ltd", "Pennine Cleaning Services", "Bowland IT Limited"]


def _lines(periods: list[str]) -> tuple[list[list[str]], Decimal]:
    rows, total = [], D(0)
    for i, p in enumerate(periods):
        amount = D(700 + 31 * i) + D("0.15")
        total += amount
        rows.append([p, FIRMS[i % 4], "Repairs", str(amount)])
    return rows, total


def _months(db) -> list[tuple]:
    return q(db, "SELECT period_start, count(*) FROM transactions GROUP BY ALL ORDER BY 1")


@pytest.mark.parametrize("texts, fy", [
    (["Payments over £500 - 2024/25 Quarter 1"], 2024),
    (["Spend 2023-24"], 2023),
    (["Financial year 2022/2023"], 2022),
    (["2024/25", "2024-25"], 2024),
    (["2023/24 and 2024/25"], None),                # two years: neither
    (["Payments 01/04/2024 - 31/03/2025"], None),    # dates, not a year's label
    (["Published 2025"], None),
    (["2024/26"], None),
])
def test_the_financial_year_a_title_names(texts, fy):
    assert colmod.financial_year_in(texts) == fy


def test_periods_read_in_the_year_the_title_names(tmp_path):
    rows, total = _lines(["P01"] * 4 + ["P02"] * 4 + ["P03"] * 4)
    lines = ["Payments over £500 - 2024/25 Quarter 1,,,", "Period,Supplier,Description,Amount"] + [",".join(r) for r in rows]
    path = _csv(tmp_path / "q1.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (12, 0, total)
        out = res.as_json()
        assert out["columns"]["period"] == {"column": "Period", "found": "header"} and out["columns_unused"] == []
        assert _months(db) == [(dt.date(2024, 4, 1), 4), (dt.date(2024, 5, 1), 4), (dt.date(2024, 6, 1), 4)]
        assert any("financial year 2024/25, which the title above the header names" in w for w in res.warnings)
    finally:
        store.close(db)


def test_a_period_named_by_the_file_dates_the_year_not_every_line(tmp_path):
    """Named "…2024-25 q1", every line was dated April 2024 and the Period column set aside."""
    rows, total = _lines(["P01", "P02", "P03"] * 3)
    lines = ["Period,Supplier,Description,Amount"] + [",".join(r) for r in rows]
    path = _csv(tmp_path / "spend_2024-25_q1.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.amount_loaded) == (9, total)
        assert _months(db) == [(dt.date(2024, 4, 1), 3), (dt.date(2024, 5, 1), 3), (dt.date(2024, 6, 1), 3)]
    finally:
        store.close(db)


def test_month_names_in_a_sheet_named_for_the_year(tmp_path):
    """A workbook's sheet "2023-24" with a Month column of month names: January is January 2024."""
    rows, total = _lines(["April", "May", "December", "January", "March", "March"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023-24"
    ws.append(["Month", "Supplier", "Description", "Amount"])
    for r in rows:
        ws.append(r[:3] + [float(r[3])])
    path = tmp_path / "spend.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.amount_loaded) == (6, total)
        assert _months(db) == [(dt.date(2023, 4, 1), 1), (dt.date(2023, 5, 1), 1), (dt.date(2023, 12, 1), 1),
                               (dt.date(2024, 1, 1), 1), (dt.date(2024, 3, 1), 2)]
        assert any("the sheet's name '2023-24'" in w for w in res.warnings)
    finally:
        store.close(db)


def test_a_bare_month_number_is_not_taken_for_a_period(tmp_path):
    """"Month" = 1 may be January or April: not read in the year (the file is refused, as before, and
    says how to give the columns)."""
    rows, _ = _lines(["1", "2", "3"] * 3)
    lines = ["Payments 2024/25,,,", "Month,Supplier,Description,Amount"] + [",".join(r) for r in rows]
    path = _csv(tmp_path / "m.csv", lines)
    with pytest.raises(Exception, match="no column found for payment date"):
        load_file(path, db=tmp_path / "s.duckdb")
    store.close(tmp_path / "s.duckdb")


def test_a_bare_number_under_period_is_the_financial_period(tmp_path):
    rows, total = _lines(["1", "2", "12"] * 2)
    lines = ["Payments 2024/25,,,", "Period,Supplier,Description,Amount"] + [",".join(r) for r in rows]
    path = _csv(tmp_path / "p.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.amount_loaded) == (6, total)
        assert _months(db) == [(dt.date(2024, 4, 1), 2), (dt.date(2024, 5, 1), 2), (dt.date(2025, 3, 1), 2)]
    finally:
        store.close(db)
