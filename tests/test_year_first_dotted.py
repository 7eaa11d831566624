"""Dates written year first with dots ("2024.05.01"), as SAP and other ledgers export them (m152).
The date column was left unused and every line dated by the file's name alone."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file


def test_the_macro_reads_year_first_with_dots(db):
    assert q(db, "SELECT parse_uk_date('2024.05.01'), parse_uk_date('2024.5.1 00:00'), parse_uk_date('2024.13.01'), "
                 "parse_amount('2024.05.01')") == [(dt.date(2024, 5, 1), dt.date(2024, 5, 1), None, None)]


def test_a_tab_separated_ledger_export_with_debit_and_credit(tmp_path, db):
    text = ("Posting Date\tReference\tSupplier\tDescription\tDebit\tCredit\r\n"
            "2024.05.01\tAP1\tWillmott Dixon Ltd\tEnergy\t49307.50\t\r\n"
            "2024.05.14\tAP2\tAmey Community Ltd\tCatering\t2161.27\t\r\n"
            "2024.05.31\tAP3\tAmey Community Ltd\tCredit note\t\t300.00\r\n")
    res = load_file(written(tmp_path / "supplier_payments_May2024.csv", text), db=db)
    assert res.as_json()["columns"]["payment_date"] == {"column": "Posting Date", "found": "header"}
    assert q(db, "SELECT row_number, payment_date, amount FROM transactions ORDER BY row_number") == [
        (2, dt.date(2024, 5, 1), Decimal("49307.50")), (3, dt.date(2024, 5, 14), Decimal("2161.27")),
        (4, dt.date(2024, 5, 31), Decimal("-300.00"))]


def test_a_long_file_in_one_pass(tmp_path, db):
    lines = [f"2024.04.{i % 28 + 1:02d},Supplier {i % 50} Ltd,{100 + i % 30}.25" for i in range(9_000)]
    res = load_file(written(tmp_path / "spend.csv", "Date,Supplier,Amount\n" + "\n".join(lines) + "\n"), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (9_000, 0)
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2024, 4, 1), dt.date(2024, 4, 28))]
