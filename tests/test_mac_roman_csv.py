"""A CSV saved by Excel for Mac ("CSV (Macintosh)"): Mac Roman text, lines ending in a carriage return.

Its bytes were read as Windows' cp1252, which differs above 127: "Café" was stored as "CafŽ", "–" as
"Ð" and curly quotes as "Ò" and "Ó", with no word (the pound sign is the same byte in both, so the
sums were right). A file whose lines end in a carriage return alone now weighs Mac Roman too; a byte
read as a capital inside a word of small letters counts against a reading, so a cp1252 file with
such line ends keeps its "é".
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import load_file

LINES = ["Payment Date,Supplier Name,Amount,Description",
         "03/06/2024,Café Rouge Catering Ltd,£1250.00,Room hire – “Spring” conference",
         "04/06/2024,Nestlé UK Ltd,£840.50,Refreshments",
         "05/06/2024,Acme Ltd,£99.99,Stationery"]


@pytest.mark.parametrize("encoding", ["mac_roman", "cp1252"])
def test_a_carriage_return_csv_in_mac_roman_or_cp1252(tmp_path, encoding):
    path = tmp_path / "spend-june-2024.csv"
    path.write_bytes("\r".join(LINES).encode(encoding) + b"\r")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (3, Decimal("2190.49"))
    assert q(db, "SELECT supplier_name, description FROM transactions ORDER BY row_number")[:2] == [
        ("Café Rouge Catering Ltd", "Room hire – “Spring” conference"), ("Nestlé UK Ltd", "Refreshments")]
