"""Lines a "Status" column marks as cancelled, void or reversed are loaded as published, and said (m147).

A council's month, shaded by hand, gives each line a Status: Paid, Cancelled, Reversed. The cancelled
lines still show their amount; they loaded with no word, counted in every total. They are still loaded
(the file publishes them), but the load now says how many, their sum and where, so that the person
loading it can take out a payment that did not go out.
"""
from __future__ import annotations

from decimal import Decimal

from lib.ingest import load_file


def _file(path, n, marks):
    rows = [f"{i % 28 + 1:02d}/01/2025,Supplier {i % 40} Ltd,{100 + i}.00,{marks.get(i, 'Paid')}" for i in range(n)]
    path.write_text("Date Paid,Supplier,Amount,Status\n" + "\n".join(rows) + "\n")
    return path


def test_a_small_file_says_which_lines_are_marked(tmp_path):
    res = load_file(_file(tmp_path / "spend.csv", 30, {3: "Cancelled", 8: "REVERSED", 20: "Void"}), db=tmp_path / "s.duckdb")
    assert res.rows_loaded == 30
    note = next(w for w in res.warnings if "marked cancelled, void or reversed" in w)
    assert note.startswith(f"3 lines (£{103 + 108 + 120:,}.00) are marked cancelled, void or reversed under 'Status' "
                           "(rows 5, 10, 22)")


def test_a_long_file_says_so_in_one_pass(tmp_path):
    res = load_file(_file(tmp_path / "spend.csv", 8_000, {7_500: "Payment cancelled"}), db=tmp_path / "s.duckdb")
    assert res.rows_loaded == 8_000 and res.one_pass
    assert any(w.startswith("1 line (£7,600.00) is marked cancelled, void or reversed under 'Status' (row 7502)")
               for w in res.warnings)


def test_paid_lines_alone_say_nothing(tmp_path):
    res = load_file(_file(tmp_path / "spend.csv", 30, {}), db=tmp_path / "s.duckdb")
    assert res.amount_loaded == sum(Decimal(100 + i) for i in range(30))
    assert not any("cancelled" in w for w in res.warnings)
