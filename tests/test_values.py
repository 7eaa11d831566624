"""Values read right or not at all, through whole files: money in either written form, text in
mixed encodings, periods for lines with no day, redaction markers, and the counts reported."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path


from lib import store
from lib.ingest import load_file
from conftest import rows_of

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def spend_csv(path: Path, amounts: list[str], delim: str = ",") -> Path:
    lines = [delim.join(["Date", "Supplier", "Amount"])]
    for i, a in enumerate(amounts):
        cell = f'"{a}"' if delim in a else a
        lines.append(delim.join([f"{i % 28 + 1:02d}/04/2020", f"Supplier {i}", cell]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Money

def test_ambiguous_amounts_in_a_uk_column_are_quarantined_with_the_reason(tmp_path, db):
    f = spend_csv(tmp_path / "s.csv", ["1,234.56", "12.50", "1.000,50", "12,34", "1,000,00", "£1,2,3", "(1,000.00)"])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (3, 4)
    assert res.amount_loaded == D("247.06")  # 1234.56 + 12.50 - 1000.00
    reasons = dict(rows_of(db, "SELECT row_number, reason FROM quarantine"))
    assert reasons[4] == "amount '1.000,50' is written with a decimal comma but the rest of its column is not: ambiguous"
    assert reasons[5] == "amount '12,34' is written with a decimal comma but the rest of its column is not: ambiguous"
    assert reasons[6] == ("amount '1,000,00' is not a sum of money "
                          "(separators must mark thousands in groups of three)")
    assert reasons[7] == "amount '£1,2,3' is not a sum of money (separators must mark thousands in groups of three)"
    assert rows_of(db, "SELECT DISTINCT column_name FROM quarantine") == [("Amount",)]


def test_a_column_written_the_european_way_throughout_reads_as_european(tmp_path, db):
    f = spend_csv(tmp_path / "eu.csv", ["1.234,56", "12,50", "-3,10", "1.000", "7", "(2.000,00)", "1 500,25"], delim=";")
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (7, 0)
    got = [a for (a,) in rows_of(db, "SELECT amount FROM transactions ORDER BY row_number")]
    assert got == [D("1234.56"), D("12.50"), D("-3.10"), D("1000.00"), D("7.00"), D("-2000.00"), D("1500.25")]


def test_a_column_mixing_the_two_forms_loads_neither_ambiguous_cell(tmp_path, db):
    # 12.34 is UK only, 56,78 European only: which one is the publisher's slip cannot be known.
    f = spend_csv(tmp_path / "mix.csv", ["12.34", "56,78", "1.000,00", "100"])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (2, 2)
    assert rows_of(db, "SELECT amount FROM transactions ORDER BY row_number") == [(D("12.34"),), (D("100.00"),)]


def test_uk_thousands_keep_a_column_uk_despite_one_decimal_comma(tmp_path, db):
    # 1,234 is a thousands comma to a UK writer; a European one would write 1.234.
    f = spend_csv(tmp_path / "ints.csv", ["1,234", "12,500", "12,34"])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (2, 1)
    assert res.amount_loaded == D("13734.00")


def test_overflow_is_quarantined_with_a_reason_not_an_error(tmp_path, db):
    f = spend_csv(tmp_path / "big.csv", ["99999999999999.99", "5.00", "1,000,000,000,000.00"])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (1, 2)
    reasons = [r for (r,) in rows_of(db, "SELECT reason FROM quarantine ORDER BY row_number")]
    assert reasons == ["amount '99999999999999.99' is too large to be a payment (over 999,999,999,999.99)",
                       "amount '1,000,000,000,000.00' is too large to be a payment (over 999,999,999,999.99)"]


def test_publisher_forms_still_read(tmp_path, db):
    forms = ["£1,234.56", "(1,234.56)", "1,234.56-", "£ 1 234.56", "4999.999999999999", " 12.00 ", "5CR", "-£5.00"]
    f = spend_csv(tmp_path / "ok.csv", forms)
    res = load_file(f, db=db)
    assert res.rows_quarantined == 0
    got = [a for (a,) in rows_of(db, "SELECT amount FROM transactions ORDER BY row_number")]
    assert got == [D("1234.56"), D("-1234.56"), D("-1234.56"), D("1234.56"), D("5000.00"), D("12.00"),
                   D("-5.00"), D("-5.00")]


def test_amount_quarantined_is_zero_not_null_in_the_cli_json(tmp_path):
    f = spend_csv(tmp_path / "q.csv", ["10.00", "ten", ""])
    proc = subprocess.run([sys.executable, "-m", "lib.cli", "ingest", str(f), "--db", str(tmp_path / "c.duckdb")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["rows_quarantined"] == 2 and out["amount_quarantined"] == "0.00"
    assert rows_of(tmp_path / "c.duckdb", "SELECT amount_quarantined FROM batches") == [(D("0.00"),)]
    store.close(tmp_path / "c.duckdb")


# ---------------------------------------------------------------------------------------------
# Text

def test_a_file_mixing_utf8_and_cp1252_lines_keeps_each_line_right(tmp_path, db):
    head = "Date,Supplier,Amount\n01/04/2020,Naïve Ltd,£5.00\n".encode("utf-8")
    legacy = "02/04/2020,Naïve Ltd,£6.00\n03/04/2020,Café Rouge,£7.00\n".encode("cp1252")
    tail = "04/04/2020,Crème Ltd,£8.00\n".encode("utf-8")
    f = tmp_path / "mixed.csv"
    f.write_bytes(head + legacy + tail)
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (4, D("26.00"))
    assert rows_of(db, "SELECT supplier_name FROM transactions ORDER BY row_number") == [
        ("Naïve Ltd",), ("Naïve Ltd",), ("Café Rouge",), ("Crème Ltd",)]
    assert "cp1252" in res.encoding


def test_cp1252_lines_far_into_a_utf8_file(tmp_path, db):
    # The first lines (all the reader samples) are UTF-8; a cp1252 line comes a few MB later.
    good = "01/04/2020,Café Ltd,1.00\n".encode("utf-8") * 120_000
    f = tmp_path / "late.csv"
    f.write_bytes(b"Date,Supplier,Amount\n" + good + "02/04/2020,Naïve Ltd,2.00\n".encode("cp1252"))
    res = load_file(f, db=db)
    assert res.rows_loaded == 120_001 and res.amount_loaded == D("120002.00")
    assert rows_of(db, "SELECT count(*) FROM transactions WHERE supplier_name = 'Naïve Ltd'") == [(1,)]
    assert rows_of(db, "SELECT count(*) FROM transactions WHERE supplier_name LIKE '%Ã%'") == [(0,)]


# ---------------------------------------------------------------------------------------------
# Periods

def test_a_period_column_dates_lines_that_have_no_day(tmp_path, db):
    f = tmp_path / "periods.csv"
    f.write_text(
        "Period,Supplier,Amount\n"
        "202205,Acme Ltd,10.00\n"
        "2022-06,Acme Ltd,20.00\n"
        "Jul-22,Acme Ltd,30.00\n"
        "P02 2022/23,Acme Ltd,40.00\n"
        "P10 2022/23,Acme Ltd,50.00\n"
        "sometime,Acme Ltd,60.00\n", encoding="utf-8")
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (5, 1)
    got = rows_of(db, "SELECT payment_date, period_start, fy, amount FROM transactions ORDER BY row_number")
    assert got == [
        (None, dt.date(2022, 5, 1), "2022/23", D("10.00")),
        (None, dt.date(2022, 6, 1), "2022/23", D("20.00")),
        (None, dt.date(2022, 7, 1), "2022/23", D("30.00")),
        (None, dt.date(2022, 5, 1), "2022/23", D("40.00")),   # P02 of 2022/23: May
        (None, dt.date(2023, 1, 1), "2022/23", D("50.00")),   # P10: January of the next year
    ]
    assert rows_of(db, "SELECT row_number, column_name, reason FROM quarantine") == [
        (7, "Period", "period 'sometime' is not a month (202205, 2022-05, May-22, P02 2022/23, Apr-Jun 2023, Q1 2023/24)")]


def test_a_day_wins_over_the_period_column(tmp_path, db):
    f = tmp_path / "both.csv"
    f.write_text("Payment Date,Period,Supplier,Amount\n17/05/2022,P02 2022/23,Acme,1.00\n,P03 2022/23,Acme,2.00\n",
                 encoding="utf-8")
    res = load_file(f, db=db)
    assert res.rows_loaded == 2
    assert rows_of(db, "SELECT payment_date, period_start FROM transactions ORDER BY row_number") == [
        (dt.date(2022, 5, 17), dt.date(2022, 5, 17)), (None, dt.date(2022, 6, 1))]


# ---------------------------------------------------------------------------------------------
# Redaction markers

def test_a_supplier_whose_name_starts_like_redacted_is_a_supplier(tmp_path, db):
    f = tmp_path / "r.csv"
    f.write_text("Date,Supplier,Amount\n01/04/2020,Redactive Publishing Ltd,1.00\n"
                 "01/04/2020,REDACTED - PERSONAL DATA,2.00\n01/04/2020,Name withheld,3.00\n"
                 "01/04/2020,[Redacted],4.00\n", encoding="utf-8")
    load_file(f, db=db)
    assert rows_of(db, "SELECT supplier_name, is_redacted FROM transactions ORDER BY row_number") == [
        ("Redactive Publishing Ltd", False), ("REDACTED - PERSONAL DATA", True), ("Name withheld", True),
        ("[Redacted]", True)]
