"""Registers as procurement systems write them: three weightings that make the whole, a Y/N column
that is no route, subtotals labelled in the category's column.

- "Quality %" 60, "Price %" 30, "Social Value %" 10 under one "Evaluation" heading: social value is a
  share of the whole evaluation (the three make 100), yet it was stored as a share of quality, the
  policy's measure (10 where it is 16.67). Now read as its share over quality's, with a note.
- An "SME" column of Y and N was taken for the route (a bare "N" reads as "not collaborative"), so
  every contract's route was "Y" or "N". A bare yes or no says nothing of how a contract was let.
- A savings register's "Fleet Total" in the category's column, the project left empty, was quarantined
  as a saving with no project. It is a subtotal, set aside with the totals.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib.ingest import load_file

WEIGHTS = [(60, 30, 10), (50, 40, 10), (55, 35, 10), (40, 50, 10), (45, 40, 15)]


def _register(tmp_path, price_header="Price %"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Contract Description", "Supplier", "Start", "End", "Total Value (£)", "Quality %",
               price_header, "Social Value %", "SME"])
    for i, (qual, price, sv) in enumerate(WEIGHTS):
        ws.append([f"NP-{i}", f"Service {i}", f"Supplier {i} Ltd", dt.datetime(2023, 4, 1), dt.datetime(2026, 3, 31),
                   100_000 * (i + 1), qual, price, sv, "N" if i % 2 else "Y"])
    path = tmp_path / "contracts.xlsx"
    wb.save(path)
    return path


def test_weightings_that_make_the_whole_are_read_as_shares_of_quality(tmp_path):
    db = tmp_path / "s.duckdb"
    res = load_file(_register(tmp_path), db=db, kind="contracts")
    assert res.rows_loaded == 5
    got = q(db, "SELECT reference, social_value_pct, route FROM contracts ORDER BY reference")
    assert got == [("NP-0", Decimal("16.67"), None), ("NP-1", Decimal("20.00"), None), ("NP-2", Decimal("18.18"), None),
                   ("NP-3", Decimal("25.00"), None), ("NP-4", Decimal("33.33"), None)]
    assert any("with 'Quality %' and 'Price %', it makes 100 on 5 of 5 contracts" in w for w in res.warnings)


def test_without_a_price_column_the_weighting_is_kept_as_written(tmp_path):
    db = tmp_path / "s.duckdb"
    load_file(_register(tmp_path, price_header="Lead Officer Grade"), db=db, kind="contracts")
    assert q(db, "SELECT social_value_pct FROM contracts ORDER BY reference")[0] == (Decimal("10.00"),)


def test_a_category_subtotal_with_no_project_is_a_total(tmp_path):
    path = tmp_path / "savings.csv"
    path.write_text("Category,Project,Saving Type,Financial Year,Saving (£)\n"
                    "Fleet,Tyre framework,Cashable,2024/25,\"12,000\"\n"
                    "Fleet,Fuel cards,Cashable,2024/25,\"8,500\"\n"
                    "Fleet Total,,,,\"20,500\"\n"
                    "ICT,Licence review,Non-cashable,2024/25,\"4,000\"\n"
                    "ICT Total,,,,\"4,000\"\n"
                    "Grand Total,,,,\"24,500\"\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (3, 0, 3)
    assert q(db, "SELECT sum(amount) FROM savings") == [(Decimal("24500.00"),)]
