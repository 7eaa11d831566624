"""Spend files from publishers the project had not seen (a probe of 32 files from housing associations,
fire services, academy trusts, NHS trusts and councils; 29 loaded exactly before these):

- A housing association's "Gross" | "VAT" beside a "Cost Centre" of codes: the cost centre, faintly a
  cost by its words, was taken for a plain sum beside the gross, which ranked the gross down until
  the VAT alone tied with it, and a person was asked which column was the amount.
- A police file closed with "Number of transactions" | "157", the count under the dates, not the
  amounts: the row was quarantined as a payment with no amount.
- A fire service's lines grouped by payment run, each run's date on a row of its own above its lines
  (theirs left blank): the lines loaded undated and the date rows were quarantined as payments with
  no amount.
- Wide files: "Parent Supplier" (the group that owns the firm) tied with "Supplier Name", and a
  "Contract Value" (what the whole contract is worth) with the "Gross Amount" beside its "VAT Amount":
  a person was asked which.
- A fire service's system headers "GROSS_VAL" | "VAT_VAL": the VAT's "val" was not read as the VAT
  alone, so the gross loaded with its VAT in it.
- A database dump's rule under the header ("-----" in every column) was quarantined as a payment.
- A town council's file with no header row, its amounts beside its voucher numbers (2201, 2202, ...):
  no column was taken for the amount.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

FIRMS = ["Mears Ltd", "Anglian Water Services Ltd", "Trowers & Hamlins LLP", "Pinnacle Group Ltd",
         "Housing Ombudsman Service", "Wates Living Space Ltd", "Axis Europe plc", "Saint-Gobain Building Distribution"]


def test_a_gross_and_its_vat_beside_a_cost_centre_of_codes_loads_the_gross_less_the_vat(tmp_path, db):
    lines = [(f"2021/04/{i + 1:02d}", FIRMS[i % len(FIRMS)], 1200 + 100 * i, 200 + 10 * i if i % 3 else 0,
              ["CORP", "PW03", "VOID", "RR01"][i % 4]) for i in range(16)]
    text = ("Transaction Date,Supplier,Gross,VAT,Description,Cost Centre,\n"
            + "".join(f"{d},{s},{g:.2f},{v:.2f},Responsive repairs,{c},\n" for d, s, g, v, c in lines)
            + f",Total April 2021,{sum(g for _, _, g, _, _ in lines):.2f},{sum(v for *_, v, _ in lines):.2f},,,\n")
    res = load_file(written(tmp_path / "supplier-payments-apr-2021.csv", text), db=db)
    cols = res.as_json()["columns"]
    assert cols["amount"]["column"] == "Gross"
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (16, 0, 1)
    assert res.amount_loaded == Decimal(sum(g - v for _, _, g, v, _ in lines)).quantize(Decimal("0.01"))
    assert q(db, "SELECT amount FROM transactions WHERE row_number = 3") == [(Decimal("1090.00"),)]  # 1,300.00 less 210.00


def test_a_count_of_the_lines_under_the_dates_is_a_total(tmp_path, db):
    rows = "".join(f'"{FIRMS[i % 8]}","{i + 1:02d}/07/2022","Estates","PO41{i:05d}","{740 + i}.23 DR"\n' for i in range(14))
    text = '"Supplier Name","Payment Date","Cost Centre Description","Transaction Ref","Amount"\n' + rows
    text += '"Number of transactions","14","","",""\n'
    res = load_file(written(tmp_path / "payments-over-500-2022-q2.csv", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (14, 0, 1)
    assert q(db, "SELECT count(*) FROM total_lines") == [(1,)]


def test_a_payment_runs_date_on_a_row_of_its_own_dates_the_lines_under_it(tmp_path, db):
    runs = [("04/04/2024", dt.date(2024, 4, 4)), ("18/04/2024", dt.date(2024, 4, 18)), ("02/05/2024", dt.date(2024, 5, 2))]
    text = "Payment Date,Supplier Name,Description,Service Area,Amount\n"
    want = []
    for r, (written_date, day) in enumerate(runs):
        text += f"{written_date},,,,\n"
        run = [(FIRMS[(r + i) % 8], 500 + 37 * i + r) for i in range(5)]
        text += "".join(f",{s},Equipment,Operational,{a}.00\n" for s, a in run)
        text += f",,Total for payment run,,{sum(a for _, a in run)}.00\n,,,,\n"
        want += [(day, s, Decimal(f"{a}.00")) for s, a in run]
    res = load_file(written(tmp_path / "spend-over-500-q1-2024-25.csv", text), db=db)
    # every line dated by its run; the date rows and the runs' totals are no payments
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (15, 0, 6)
    assert q(db, "SELECT payment_date, supplier_name, amount FROM transactions ORDER BY row_number") == want
    assert any("written once over the lines it heads" in w for w in res.warnings)


def test_a_date_alone_on_a_row_among_dated_lines_is_still_a_payment_with_no_sum(tmp_path, db):
    """Dates on every line: a row with a date and nothing else heads nothing; it is quarantined as a
    payment whose sum was left out, as before, so that a person sees it."""
    rows = "".join(f"{i + 1:02d}/04/2024,{FIRMS[i % 8]},Equipment,{600 + i}.00\n" for i in range(12))
    text = "Payment Date,Supplier Name,Description,Amount\n" + rows + "13/04/2024,,,\n"
    res = load_file(written(tmp_path / "spend-apr-2024.csv", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (12, 1)


def test_a_parent_supplier_is_not_the_supplier_nor_a_contracts_value_the_amount(tmp_path, db):
    lines = [(f"{i + 1:02d}/03/2024", FIRMS[i % 8], FIRMS[(i + 3) % 8].split()[0] + " Holdings", 2_489_000,
              0 if i % 2 else 100 + i, 1000 + 50 * i + (100 + i if not i % 2 else 0)) for i in range(14)]
    text = ("Date Paid,Vendor Number,Vendor Name,Parent Supplier,Cost Centre,Contract Value,VAT Amount,Gross Amount\n"
            + "".join(f"{d},{100500 + i},{s},{p},OP10{i:02d},{cv},{v}.00,{g}.00\n"
                      for i, (d, s, p, cv, v, g) in enumerate(lines)))
    res = load_file(written(tmp_path / "spend-over-500-march-2024.csv", text), db=db)
    cols = res.as_json()["columns"]
    assert (cols["supplier_name"]["column"], cols["amount"]["column"]) == ("Vendor Name", "Gross Amount")
    assert res.rows_loaded == 14
    assert res.amount_loaded == Decimal(sum(g - v for *_, v, g in lines)).quantize(Decimal("0.01"))
    assert q(db, "SELECT supplier_name FROM transactions ORDER BY row_number LIMIT 1") == [(FIRMS[0],)]


def test_a_systems_gross_val_and_vat_val_load_the_gross_less_the_vat(tmp_path, db):
    lines = [(f"{i + 1:02d}/04/2024", FIRMS[i % 8], 1200 + 120 * i, 200 + 20 * i) for i in range(12)]
    text = ("PAY_DT,CRDTR_NO,CRDTR_NAME,INV_NO,GROSS_VAL,VAT_VAL\n"
            + "".join(f"{d},C5{i:04d},{s},APR{i:04d},{g}.00,{v}.00\n" for i, (d, s, g, v) in enumerate(lines)))
    res = load_file(written(tmp_path / "ap-pay-over-500-apr-24.csv", text), db=db)
    assert res.as_json()["columns"]["amount"]["column"] == "GROSS_VAL"
    assert res.amount_loaded == Decimal(sum(g - v for *_, g, v in lines)).quantize(Decimal("0.01"))


def test_a_rule_under_a_database_dumps_header_is_no_payment(tmp_path, db):
    rows = "".join(f"2022-08-{i + 1:02d} 00:00:00.000,{FIRMS[i % 8]},{1000 + i}.5600,{200 + i}.1100\n" for i in range(12))
    text = ("posting_dt,payee_nm,net_val,vat_val\n" + "-" * 23 + "," + "-" * 50 + "," + "-" * 20 + "," + "-" * 20 + "\n"
            + rows + "\n(12 rows affected)\n")
    res = load_file(written(tmp_path / "spend-over-500-2022-08.csv", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (12, 0, 2)
    assert res.amount_loaded == Decimal("12072.72")  # 12 x 1,000.56 plus 0 + 1 + ... + 11 (66)


def test_a_file_with_no_header_takes_its_sums_in_pence_over_its_voucher_numbers(tmp_path, db):
    rows = "".join(f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2022,{FIRMS[i % 8]},{700 + 13 * i}.{i % 100:02d},101 Admin,Supplies,{2201 + i}\n"
                   for i in range(30))
    res = load_file(written(tmp_path / "payments-500-2022-23.csv", rows), db=db)
    assert res.rows_loaded == 30
    assert q(db, "SELECT min(amount), max(amount) FROM transactions") == [(Decimal("700.00"), Decimal("1077.29"))]


def test_a_count_labelled_under_the_dates_with_its_count_under_the_supplier_is_a_total(tmp_path, db):
    rows = "".join(f"{i + 1:02d}/04/2026,{FIRMS[i % 8]},Equipment,{600 + i}.00\n" for i in range(18))
    text = "Payment Date,Supplier Name,Description,Amount\n" + rows + ",,,\nNumber of transactions,18,,\n"
    res = load_file(written(tmp_path / "payment-runs-april-2026.csv", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (18, 0, 1)
