"""Sums in another currency than pounds are not read as pounds: "€500", "700.00 USD", a line whose
Currency column says EUR, a workbook cell formatted in euros. Each was loaded as that many pounds,
with no word. A ledger's amount in its own (local) currency beside the invoice's currency is pounds."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of as q
from lib import store
from lib.ingest import limits
from lib.ingest.load import load_file
from test_recognition_residuals import _csv

D = Decimal


@pytest.mark.parametrize("cell, currency", [("€500.00", "€"), ("$1,200.00", "$"), ("EUR 700", "EUR"),
                                            ("700.00 USD", "USD")])
def test_a_sum_written_in_another_currency_is_quarantined_saying_which(tmp_path, cell, currency):
    lines = ["Date,Supplier,Amount"] + [f"{1 + i:02d}/04/2024,Firm {i} Ltd,{100 + i}.00" for i in range(8)]
    lines.append(f'10/04/2024,Euro Firm GmbH,"{cell}"')
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "x.csv", lines), db=db)
        assert (res.rows_loaded, res.rows_quarantined) == (8, 1)
        assert res.amount_loaded == sum(D(100 + i) for i in range(8))
        (reason,), = q(db, "SELECT reason FROM quarantine")
        assert f"is in another currency ({currency})" in reason and "pounds" in reason
    finally:
        store.close(db)


def test_pounds_still_read(tmp_path):
    lines = ["Date,Supplier,Amount", '01/04/2024,A Ltd,£500.00', '02/04/2024,B Ltd,"GBP 1,000.00"',
             '03/04/2024,C Ltd,12.50 CR', '04/04/2024,D Ltd,(10.00)', '05/04/2024,Europa Ltd,5.00']
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "gbp.csv", lines), db=db)
        assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (5, 0, D("1482.50"))
    finally:
        store.close(db)


def test_a_currency_column_quarantines_its_lines_in_other_currencies(tmp_path):
    lines = ["Payment Date,Supplier Name,Amount,Currency", "01/04/2024,Acme Ltd,600.00,GBP",
             "02/04/2024,Beta GmbH,700.00,EUR", "03/04/2024,Gamma Ltd,800.00,GBP", "04/04/2024,Delta Ltd,50.00,",
             "05/04/2024,Acme Inc,90.00,USD"]
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "cur.csv", lines), db=db)
        assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (3, 2, D("1450.00"))
        assert res.as_json()["columns"]["currency"] == {"column": "Currency", "found": "header"}
        assert q(db, "SELECT row_number, column_name, reason FROM quarantine ORDER BY 1") == [
            (3, "Currency", "amount '700.00' is in EUR, as its 'Currency' column says: the store holds sums in pounds; "
                            "give the sum in pounds"),
            (6, "Currency", "amount '90.00' is in USD, as its 'Currency' column says: the store holds sums in pounds; "
                            "give the sum in pounds")]
        # not pounds: the quarantine list shows no sum in pounds for them, nor counts them in its total
        assert q(db, "SELECT amount FROM quarantine") == [(None,), (None,)]
        assert res.amount_quarantined == D("0.00")
    finally:
        store.close(db)


def test_a_ledgers_local_currency_amount_is_pounds_whatever_the_invoice_was_in(tmp_path):
    """SAP: "Amount in LC" (the company's currency, pounds) beside "Amount in DC" and "Curr." (the
    invoice's): the local amount, and the payment's day is "Clearing", not "Pstng Date"."""
    lines = ["Vendor,Name 1,Pstng Date,Clearing,Amount in LC,Amount in DC,Curr.,Cost Ctr",
             "100234,Acme Ltd,28.03.2024,01.04.2024,600.00,600.00,GBP,LC0101",
             "100235,Beta GmbH,29.03.2024,02.04.2024,700.00,819.00,EUR,LC0102",
             "100236,Gamma Ltd,30.03.2024,03.04.2024,800.00,800.00,GBP,LC0103"]
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "sap.csv", lines), db=db)
        cols = {k: v["column"] for k, v in res.as_json()["columns"].items()}
        assert cols["amount"] == "Amount in LC" and cols["payment_date"] == "Clearing" and "currency" not in cols
        assert (res.rows_loaded, res.amount_loaded) == (3, D("2100.00"))
        assert q(db, "SELECT min(payment_date)::VARCHAR FROM transactions") == [("2024-04-01",)]
        assert any("'Curr.' names other currencies than pounds" in w for w in res.warnings)
    finally:
        store.close(db)


def test_a_paid_on_column_is_the_payment_date_over_a_bare_date(tmp_path):
    lines = ["Date,Invoice No,Supplier,Paid On,Amount"] + [
        f"{1 + i:02d}/03/2024,INV{i},Firm {i} Ltd,{2 + i:02d}/04/2024,{600 + i}.00" for i in range(6)]
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_csv(tmp_path / "paid.csv", lines), db=db)
        assert res.as_json()["columns"]["payment_date"]["column"] == "Paid On"
        assert q(db, "SELECT min(payment_date)::VARCHAR FROM transactions") == [("2024-04-02",)]
    finally:
        store.close(db)


@pytest.mark.parametrize("fmt, shown", [("[$€-x-euro2] #,##0.00", "€"), ('"€"#,##0.00', "€"), ("[$$-409]#,##0.00", "$"),
                                        ("[$EUR] 0.00", "EUR"), ("[$£-809]#,##0.00", None), ("£#,##0.00", None),
                                        ("[$-F800]dddd", None), ("#,##0.00", None)])
def test_a_number_formats_currency(fmt, shown):
    assert limits.format_currency(fmt) == shown


def test_a_workbook_cell_formatted_in_euros_is_not_pounds(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Payment Date", "Supplier Name", "Amount"])
    for i, (amount, fmt) in enumerate([(600, "£#,##0.00"), (700, "[$€-x-euro2] #,##0.00"), (800.5, "#,##0.00")]):
        ws.append([f"0{i + 1}/04/2024", f"Firm {i} Ltd", amount])
        ws.cell(row=i + 2, column=3).number_format = fmt
    path = tmp_path / "eur.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (2, 1, D("1400.50"))
        assert "in another currency (€)" in q(db, "SELECT reason FROM quarantine")[0][0]
    finally:
        store.close(db)


def test_a_currency_column_that_belongs_to_another_amount_leaves_the_ledgers_amount_in_pounds(tmp_path):
    """Unit4: "Cur amount" | "Currency" | "Amount": the currency is the "Cur amount"'s; the Amount is
    the ledger's own, pounds. A card statement: "Original Amount" | "Original Currency" | "Billing
    Amount" | "Billing Currency": the billed amount's currency is the billing one."""
    lines = ["Trans Date,Apar Id(T),Cur amount,Currency,Amount"] + [
        f"0{d}/04/2024,Firm {d} Ltd,{819 if d % 2 else 700}.00,{'EUR' if d % 2 else 'GBP'},700.00" for d in range(1, 7)]
    db = tmp_path / "u4.duckdb"
    try:
        res = load_file(_csv(tmp_path / "u4.csv", lines), db=db)
        assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (6, 0, D("4200.00"))
        assert "currency" not in res.as_json()["columns"]
        assert any("they are the currency of 'Cur amount'" in w for w in res.warnings)
    finally:
        store.close(db)
    lines = ["Transaction Date,Merchant Name,Original Amount,Original Currency,Billing Amount,Billing Currency",
             "03/04/2024,HOTEL IBIS PARIS,85.00,EUR,73.02,GBP", "04/04/2024,AMAZON,10.00,GBP,10.00,GBP",
             "05/04/2024,ZOOM.US,20.00,USD,15.80,GBP"]
    db = tmp_path / "card.duckdb"
    try:
        res = load_file(_csv(tmp_path / "card.csv", lines), db=db)
        assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (3, 0, D("98.82"))
        cols = res.as_json()["columns"]
        assert cols["amount"]["column"] == "Billing Amount" and cols["currency"]["column"] == "Billing Currency"
    finally:
        store.close(db)
