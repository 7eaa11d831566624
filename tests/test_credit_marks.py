"""Credit notes written as positive sums, marked as credits in a column of their own (a document
type: "INV" | "CRN", "Invoice" | "Credit Note", "DR" | "CR"): taken off the spend, not added to it.
Found by what the column holds, not by its header; read as written when the credits are negative
already, and never from a column that names a way of paying ("Credit Card")."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import rows_of as q
from lib.ingest import load_file

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def _file(path: Path, header: str, kinds: list[str], amounts: list[str]) -> Path:
    lines = [f"Date,Supplier Name,Amount,{header},Department"]
    for i, (k, a) in enumerate(zip(kinds, amounts)):
        lines.append(f"{i % 28 + 1:02d}/06/2024,Supplier {i % 5} Ltd,{a},{k},Estates")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("header,invoice,credit", [
    ("Doc Type", "INV", "CRN"), ("Transaction Type", "Invoice", "Credit Note"), ("Dr/Cr", "DR", "CR"),
    ("Kind", "Payment", "Credit"), ("Column E", "inv", "cn"),
    # a purchase card's refunds (before, added to the spend: twice the refund overstated)
    ("Transaction Type", "Purchase", "Refund"), ("Type", "Charge", "Refund")])
def test_positive_credit_notes_marked_in_a_column_are_taken_off(tmp_path, header, invoice, credit):
    kinds = [credit if i % 4 == 3 else invoice for i in range(20)]
    amounts = [f"{100 + i}.50" for i in range(20)]
    db = tmp_path / "s.duckdb"
    res = load_file(_file(tmp_path / "spend.csv", header, kinds, amounts), db=db)
    credits = sum(D(a) for k, a in zip(kinds, amounts) if k == credit)
    invoices = sum(D(a) for k, a in zip(kinds, amounts) if k == invoice)
    assert (res.rows_loaded, res.rows_quarantined) == (20, 0)
    assert res.amount_loaded == invoices - credits
    assert q(db, "SELECT count(*), sum(amount) FROM transactions WHERE amount < 0") == [(5, -credits)]
    got = res.as_json()
    assert got["columns"]["credit_mark"] == {"column": header, "found": "content"}
    assert header not in got["columns_unused"] and "category" not in got["columns"]  # not a category either
    assert any(f"5 lines marked as credit notes in '{header}'" in w and "taken off" in w for w in res.warnings)


def test_credits_written_negative_already_are_read_as_they_stand(tmp_path):
    kinds = ["CRN" if i % 4 == 3 else "INV" for i in range(20)]
    amounts = [f"-{100 + i}.50" if i % 4 == 3 else f"{100 + i}.50" for i in range(20)]
    res = load_file(_file(tmp_path / "spend.csv", "Doc Type", kinds, amounts), db=tmp_path / "s.duckdb")
    assert res.amount_loaded == sum(D(a) for a in amounts)
    assert "credit_mark" not in res.as_json()["columns"] and not any("credit notes" in w for w in res.warnings)


def test_a_way_of_paying_is_not_a_credit_mark(tmp_path):
    kinds = ["Credit Card" if i % 3 == 0 else ("Credit Transfer" if i % 3 == 1 else "Cheque") for i in range(20)]
    amounts = [f"{100 + i}.00" for i in range(20)]
    res = load_file(_file(tmp_path / "spend.csv", "Payment Method", kinds, amounts), db=tmp_path / "s.duckdb")
    assert res.amount_loaded == sum(D(a) for a in amounts) and "credit_mark" not in res.as_json()["columns"]


def test_credit_notes_first_met_far_down_a_long_file(tmp_path):
    """The first lines (those a long CSV is planned on) hold invoices alone: the credit notes further
    down are still found and taken off."""
    n = 9_000
    kinds = ["CRN" if i >= 7_000 and i % 10 == 0 else "INV" for i in range(n)]
    amounts = ["10.00"] * n
    db = tmp_path / "s.duckdb"
    res = load_file(_file(tmp_path / "spend.csv", "Doc Type", kinds, amounts), db=db)
    credits = sum(1 for k in kinds if k == "CRN")
    assert res.rows_loaded == n and res.amount_loaded == D(10) * (n - 2 * credits)
    assert q(db, "SELECT count(*) FROM transactions WHERE amount = -10") == [(credits,)]


def test_credit_notes_marked_in_a_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Payment Date", "Vendor", "Net Amount (£)", "Document Type"])
    for i in range(12):
        ws.append([f"{i + 1:02d}/07/2024", f"Vendor {i % 3}", 250.0, "Credit Note" if i in (2, 7) else "Invoice"])
    f = tmp_path / "ap.xlsx"
    wb.save(f)
    res = load_file(f, db=tmp_path / "s.duckdb")
    assert res.amount_loaded == D("250.00") * 8


def test_cli_reports_how_the_credit_column_was_found(tmp_path):
    kinds = ["CRN" if i % 5 == 0 else "INV" for i in range(10)]
    f = _file(tmp_path / "spend.csv", "Doc Type", kinds, ["20.00"] * 10)
    out = subprocess.run([sys.executable, "-m", "lib.cli", "ingest", str(f), "--db", str(tmp_path / "c.duckdb")],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["amount_loaded"] == "120.00"  # 8 invoices less 2 credit notes of £20
    assert got["columns"]["credit_mark"] == {"column": "Doc Type", "found": "content"}
    assert "Doc Type" not in got["columns_unused"]


def test_the_field_a_document_type_was_mistaken_for_goes_to_the_column_that_names_it(tmp_path):
    """"Doc Type" (INV, CRN: words that vary) outranked "Expense Type" (the same on every line) for
    the category; once it is the credit mark, "Expense Type" is the category."""
    lines = ["Transaction Date,Supplier,Net Amount,Doc Type,Expense Type"] + [
        f"{i + 1:02d}/03/2025,Acme Ltd,100.00,{'CRN' if i % 4 == 3 else 'INV'},Services" for i in range(12)]
    f = tmp_path / "spend.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = load_file(f, db=tmp_path / "s.duckdb").as_json()
    assert got["amount_loaded"] == "600.00"  # 9 invoices less 3 credit notes
    assert got["columns"]["category"] == {"column": "Expense Type", "found": "header"}
    assert got["columns"]["credit_mark"]["column"] == "Doc Type" and got["columns_unused"] == []


def test_a_person_can_give_the_credit_mark_column(tmp_path):
    """A marks column too wide to be found by what it holds (a dozen document types) is given on the
    command line: its credit notes are then taken off all the same, and the JSON says it was given."""
    types = ["INV", "CRN", "JNL", "PO", "NPO", "GRN", "EXP", "PCARD", "REF", "ADJ", "SUB", "REC"]
    lines = ["Date,Supplier Name,Amount,Doc Type"] + [
        f"{i % 28 + 1:02d}/03/2025,Acme Ltd,10.00,{types[i % len(types)]}" for i in range(24)]
    f = tmp_path / "spend.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = lambda *extra: json.loads(subprocess.run(
        [sys.executable, "-m", "lib.cli", "ingest", str(f), "--db", str(tmp_path / f"s{len(extra)}.duckdb"), *extra],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    assert run()["amount_loaded"] == "240.00"  # twelve kinds of cell: not taken as marks by itself
    got = run("--map", "credit_mark=Doc Type")
    assert got["amount_loaded"] == "200.00"  # the two CRN lines taken off
    assert got["columns"]["credit_mark"] == {"column": "Doc Type", "found": "given"}


def test_credit_notes_are_taken_off_where_an_amount_gap_is_filled_too(tmp_path):
    """Card payments with only a gross figure ("Gross amount (GPC)" where "Net amount" is empty)
    beside credit notes marked CRN: the marked lines are taken off whichever column holds the sum."""
    lines = ["Date,Supplier Name,Net Amount,Gross Amount (GPC),Doc Type"]
    for i in range(12):
        net, gross = ("", "30.00") if i in (4, 9) else ("10.00", "")
        lines.append(f"{i + 1:02d}/03/2025,Acme Ltd,{net},{gross},{'CRN' if i in (3, 9) else 'INV'}")
    f = tmp_path / "spend.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = load_file(f, db=tmp_path / "s.duckdb").as_json()
    assert got["columns"]["amount_fill"]["column"] == "Gross Amount (GPC)"
    assert got["columns"]["credit_mark"]["column"] == "Doc Type"
    # nine invoices of £10 and one of £30 (gross only), less a credit of £10 and one of £30 (gross only)
    assert got["amount_loaded"] == "80.00"
