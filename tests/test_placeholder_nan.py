"""A cell a script wrote for a missing value, "NaN" or "None", is an empty cell (m148).

pandas writes a missing value as "NaN" or "nan", Python as "None": a supplier so written loaded as a
supplier called "NaN", counted among the suppliers, and a description of "nan" became a group of its own.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load_file


def test_nan_and_none_are_empty_cells(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Date,Supplier,Amount,Description,Department\n"
                    "01/04/2024,Acme Ltd,10.00,nan,None\n"
                    "02/04/2024,NaN,25.00,Fees,Finance\n"
                    "03/04/2024,Beta Ltd,NaN,Fees,Finance\n"
                    "04/04/2024,Nan Lyons Catering Ltd,40.00,None of the above,Finance\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (3, 1)
    assert q(db, "SELECT supplier_name, is_redacted, description, department FROM transactions ORDER BY row_number") == [
        ("Acme Ltd", False, None, None), ("(no name given)", True, "Fees", "Finance"),
        ("Nan Lyons Catering Ltd", False, "None of the above", "Finance")]
    assert q(db, "SELECT row_number, reason FROM quarantine") == [(4, "no amount")]
    assert res.amount_loaded == Decimal("75.00")
