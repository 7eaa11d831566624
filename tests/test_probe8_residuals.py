"""Shapes of real spend files a fourth probe (60 new files in other publishers' layouts) found
misread, each written here and loaded as a person would load it:

- dates a report set to US English writes ("4/1/2024 12:00:00 AM"), every one of them readable
  either way: read day first, a week of April spread over January to July;
- dates run together as SAS writes them ("01APR2024"): not dates, the file refused;
- headers in Welsh alone ("Dyddiad Talu", "Enw'r Cyflenwr", "Swm"): refused;
- payees written "Individual", "Personal Information Removed", "Not disclosed - personal data":
  counted as suppliers and published;
- refunds written in an "Income" column beside "Expenditure": quarantined as lines with no amount;
- a "Transaction Type" or "Document Currency" taken for the transaction's reference, a "Company
  Code" for the category's code."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib import store
from lib.ingest.load import load_file
from test_recognition_residuals import _csv

D = Decimal


def _load(tmp_path, name, lines):
    db = tmp_path / f"{name}.duckdb"
    try:
        return load_file(_csv(tmp_path / f"{name}.csv", lines), db=db), db
    finally:
        store.close(db)


def test_dates_a_us_set_report_writes_are_read_month_first(tmp_path):
    lines = ["PaymentDate,SupplierName,PaymentAmount"] + [
        f"4/{d}/2024 12:00:00 AM,Firm {d} Ltd,{600 + d}.00" for d in range(1, 8)]
    res, db = _load(tmp_path, "ssrs", lines)
    assert (res.rows_loaded, res.amount_loaded) == (7, sum(D(600 + d) for d in range(1, 8)))
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2024, 4, 1), dt.date(2024, 4, 7))]
    assert any("twelve-hour clock" in w for w in res.warnings)


def test_a_uk_report_with_a_clock_keeps_day_first(tmp_path):
    """A day over 12 settles it: "13/04/2024 12:00:00 AM" can only be day first."""
    lines = ["Date,Supplier,Amount"] + [f"{d:02d}/04/2024 12:00:00 AM,Firm {d} Ltd,{600 + d}.00" for d in (1, 5, 13, 20)]
    res, db = _load(tmp_path, "ukclock", lines)
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2024, 4, 1), dt.date(2024, 4, 20))]
    assert not any("twelve-hour clock" in w for w in res.warnings)


def test_dates_run_together_as_sas_writes_them(tmp_path):
    lines = ["PAY_DT,VENDOR_NAME,AMOUNT"] + [f"{d:02d}APR2024,Firm {d} Ltd,{100 + d}.00" for d in (1, 2, 30)] + [
        "15MAY2024:00:00:00,Firm 9 Ltd,50.00"]
    res, db = _load(tmp_path, "sas", lines)
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2024, 4, 1), dt.date(2024, 5, 15))]


def test_headers_in_welsh_alone(tmp_path):
    lines = ["Dyddiad Talu,Enw'r Cyflenwr,Swm,Adran"] + [
        f"{d:02d}/04/2024,Cwmni {d} Cyf,{200 + d}.00,Cyllid" for d in range(1, 6)]
    res, db = _load(tmp_path, "cymraeg", lines)
    cols = {k: v["column"] for k, v in res.as_json()["columns"].items()}
    assert cols == {"payment_date": "Dyddiad Talu", "supplier_name": "Enw'r Cyflenwr", "amount": "Swm",
                    "department": "Adran"}
    assert res.amount_loaded == sum(D(200 + d) for d in range(1, 6))


@pytest.mark.parametrize("name", ["Individual", "Private Individual", "Personal Information Removed",
                                  "Not disclosed - personal data", "Undisclosed", "Name not disclosed"])
def test_more_ways_of_writing_a_redacted_payee(tmp_path, name):
    lines = ["Date,Supplier,Amount", "01/04/2024,Acme Ltd,100.00", f"02/04/2024,{name},250.00",
             "03/04/2024,Personal Touch Ltd,75.00", "04/04/2024,Individual Solutions Ltd,80.00"]
    res, db = _load(tmp_path, "red", lines)
    assert q(db, "SELECT supplier_name, is_redacted, supplier_key = 'REDACTED' FROM transactions ORDER BY row_number") == [
        ("Acme Ltd", False, False), (name, True, True), ("Personal Touch Ltd", False, False),
        ("Individual Solutions Ltd", False, False)]


def test_refunds_in_an_income_column_are_taken_off(tmp_path):
    lines = ["Date,Supplier,Expenditure,Income", "01/04/2024,Acme Ltd,600.00,", "02/04/2024,Beta Ltd,700.00,",
             "03/04/2024,Acme Ltd,,50.00"]
    res, db = _load(tmp_path, "income", lines)
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (3, 0, D("1250.00"))
    assert res.as_json()["columns"]["credit"] == {"column": "Income", "found": "header"}


def test_a_type_or_a_currency_is_not_the_transactions_reference(tmp_path):
    lines = ["Transaction Type,Document Currency,Company Code,Posting Date,Vendor Name,Amount,Document Number"] + [
        f"Invoice,GBP,LP01,{d:02d}/04/2024,Firm {d} Ltd,{300 + d}.00,19000{d}" for d in range(1, 6)]
    res, db = _load(tmp_path, "types", lines)
    cols = {k: v["column"] for k, v in res.as_json()["columns"].items()}
    assert cols.get("transaction_ref") == "Document Number"
    assert cols.get("category_code") != "Company Code"


def test_an_instant_in_utc_is_the_day_it_was_in_the_uk(tmp_path):
    """"2024-03-31T23:00:00Z" is 1 April at midnight BST (SharePoint and Power Automate write a UK
    midnight so): read as its first ten characters it fell a day early, 1 April into 2023/24."""
    lines = ["PaymentDate,Supplier,Amount", "2024-03-28T00:00:00Z,Acme Ltd,600.00", "2024-03-31T23:00:00Z,Beta Ltd,700.00",
             "2024-04-09T23:00:00Z,Gamma Ltd,800.00", "2024-06-15T10:00:00+01:00,Delta Ltd,5.00",
             "2024-04-02T00:00:00,Epsilon Ltd,1.00"]
    res, db = _load(tmp_path, "utc", lines)
    assert q(db, "SELECT supplier_name, payment_date::VARCHAR FROM transactions ORDER BY row_number") == [
        ("Acme Ltd", "2024-03-28"), ("Beta Ltd", "2024-04-01"), ("Gamma Ltd", "2024-04-10"), ("Delta Ltd", "2024-06-15"),
        ("Epsilon Ltd", "2024-04-02")]
