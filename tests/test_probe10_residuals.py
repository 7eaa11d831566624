"""What a sixth probe (40 spend files in other publishers' layouts) found misread, each shape written
here and loaded as a person would load it:

- a Windows (cp1252) file naming "Škoda" and writing "£1,234.56" was read as cp437 (£ as "ú"), and
  refused for want of an amount column;
- credit notes marked in a column in ways other systems mark them were added to the spend as
  positive sums: "Credit Note (Y/N)" = Y, Sage's PC beside PI, SAP's H beside S, and "CR" beside
  empty cells in a column with no header or a "Dr/Cr" one;
- dates under "Payment Date (MM/DD/YYYY)" were read day first: a week of April spread over the year;
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib import store
from lib.ingest.load import load_file

D = Decimal


def _write_bytes(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_windows_file_with_a_latin_letter_and_pound_signs_is_cp1252(tmp_path):
    text = ("Transaction Date,Supplier,Amount\r\n01/04/2024,Škoda Auto UK,\"£1,234.56\"\r\n"
            "02/04/2024,Acme Ltd,£500.00\r\n03/04/2024,Bolt Ltd,£250.00\r\n")
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_write_bytes(tmp_path / "w.csv", text.encode("cp1252")), db=db)
        assert (res.rows_loaded, res.amount_loaded) == (3, D("1984.56"))
        assert q(db, "SELECT supplier_name FROM transactions ORDER BY row_number")[0] == ("Škoda Auto UK",)
        # the same bytes an old DOS export writes (cp437's £ is 0x9C) still read as cp437
        dos = tmp_path / "dos.duckdb"
        try:
            res = load_file(_write_bytes(tmp_path / "d.csv", text.replace("Š", "E").encode("cp437")), db=dos)
            assert (res.rows_loaded, res.amount_loaded) == (3, D("1984.56"))
        finally:
            store.close(dos)
    finally:
        store.close(db)


def _csv(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("header, marks", [
    ("Credit Note (Y/N)", ("N", "N", "Y")),   # a column that answers the question: its yes
    ("Type", ("PI", "PI", "PC")),             # Sage: purchase invoice, purchase credit
    ("D/C", ("S", "S", "H")),                 # SAP: Soll and Haben
    ("", ("", "", "CR")),                     # a helper column with no header
    ("Dr/Cr", ("", "", "CR")),                # a debit/credit indicator left empty on invoices
])
def test_credit_notes_marked_as_other_systems_mark_them_are_taken_off(tmp_path, header, marks):
    lines = [f"Date Paid,Paid To,Amount,{header}"] + [
        f"0{i + 1}/04/2024,{name},{amount},{mark}"
        for i, (name, amount, mark) in enumerate(zip(("Acme Ltd", "Bolt Ltd", "Acme Ltd"), ("1000.00", "500.00", "200.00"), marks))]
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "c.csv", lines), db=db)
        assert (res.rows_loaded, res.amount_loaded) == (3, D("1300.00"))
        assert q(db, "SELECT amount FROM transactions ORDER BY row_number") == [(D("1000.00"),), (D("500.00"),), (D("-200.00"),)]
    finally:
        store.close(db)


def test_a_yes_about_paying_by_credit_card_is_not_a_credit_note(tmp_path):
    lines = ["Date Paid,Paid To,Amount,Paid by Credit Card (Y/N)", "01/04/2024,Acme Ltd,1000.00,N",
             "02/04/2024,Bolt Ltd,500.00,N", "03/04/2024,Acme Ltd,200.00,Y"]
    db = tmp_path / "s.duckdb"
    try:
        assert load_file(_csv(tmp_path / "c.csv", lines), db=db).amount_loaded == D("1700.00")
    finally:
        store.close(db)


def test_a_header_that_says_month_first_is_read_month_first(tmp_path):
    lines = ["Payment Date (MM/DD/YYYY),Vendor Name,Amount", "04/01/2024,Acme Ltd,1000.00", "04/05/2024,Bolt Ltd,500.00",
             "04/11/2024,Core Ltd,250.00"]
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "us.csv", lines), db=db)
        assert q(db, "SELECT payment_date::VARCHAR FROM transactions ORDER BY row_number") == [
            ("2024-04-01",), ("2024-04-05",), ("2024-04-11",)]
        assert any("month first, as the header says" in w for w in res.warnings)
    finally:
        store.close(db)
