"""An amount column filled on a line in twelve is no rival to one filled on every line.

A file with "Amount" blank on most lines (a copy of the net, typed where someone had it) beside
"Net Amount" filled on every line stopped to ask which was the amount. The amount is on every line:
a column that holds something on fewer than half the lines another fills cannot be it. The other way
about (the column named more strongly is the sparse one) still asks.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from lib.ingest import load_file
from lib.ingest.load import NeedsMapping

SUPPLIERS = ["Preston Motor Factors Ltd", "Kier Facilities Services Ltd", "Dell Corporation Ltd", "Vodafone Ltd"]


def _file(tmp_path, sparse: str, full: str):
    lines, total = [f"Payment Date,Supplier,{sparse},{full},Expense Type"], Decimal("0")
    for i in range(60):
        v = Decimal(600 + 137 * i) + Decimal(i % 100) / 100
        total += v
        lines.append(f'{1 + i % 28:02d}/07/2024,{SUPPLIERS[i % 4]},{v if i % 12 == 5 else ""},{v},Tyres')
    path = tmp_path / "spend.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, total


def test_the_column_filled_on_every_line_is_the_amount(tmp_path):
    path, total = _file(tmp_path, "Amount", "Net Amount")
    res = load_file(path, db=tmp_path / "s.duckdb")
    assert (res.rows_loaded, res.amount_loaded) == (60, total)
    assert res.as_json()["columns"]["amount"]["column"] == "Net Amount"
    assert res.as_json()["columns_unused"] == ["Amount"]


def test_a_sparse_column_named_more_strongly_still_asks(tmp_path):
    path, _ = _file(tmp_path, "Net Amount", "Amount")
    with pytest.raises(NeedsMapping) as asked:
        load_file(path, db=tmp_path / "s.duckdb")
    assert asked.value.unclear and asked.value.fields == ["amount"]
