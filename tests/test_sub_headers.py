"""A header with a word over a group of columns (a merged cell: "Supplier" over "Name" | "Number",
"Amount" over "excl VAT" | "incl VAT") and the group's own names on the line under it. That line
was read as a line of the file and quarantined (it holds no figure), and the column under the
merged cell's blank half was read with no name ("Number" not known as the supplier's ID)."""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib import store
from lib.ingest.load import load_file
from test_recognition_residuals import _csv

D = Decimal
FIRMS = ["Acme Ltd", "Ribble Motors Ltd", "Pennine Cleaning Services", "Bowland IT Limited"]


def test_names_under_a_word_written_once_over_them_csv(tmp_path):
    lines = ["Date,Supplier,,Amount,Service", ",Name,Number,,"]
    total = D(0)
    for i in range(20):
        amount = D(1500 + 77 * i) + D("0.35")
        total += amount
        lines.append(f"{1 + i % 28:02d}/04/2024,{FIRMS[i % 4]},{80000 + i % 4},{amount},Estates")
    path = _csv(tmp_path / "sub.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (20, 20, 0)
        assert res.amount_loaded == total
        cols = res.as_json()["columns"]
        assert cols["supplier_name"]["column"] == "Supplier Name" and cols["supplier_id"]["column"] == "Supplier Number"
        assert q(db, "SELECT supplier_id FROM transactions WHERE row_number = 3") == [("80000",)]
    finally:
        store.close(db)


def test_amounts_excl_and_incl_vat_under_a_merged_amount_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Supplier", "Amount", None, "Expense Type"])
    ws.append([None, None, "excl VAT", "incl VAT", None])
    ws.merge_cells("C1:D1")
    total = D(0)
    for i in range(20):
        net = D(2000 + 91 * i) + D("0.50")
        total += net
        ws.append([f"{1 + i % 28:02d}/04/2024", FIRMS[i % 4], float(net), float(net * D("1.2")), "Fuel"])
    path = tmp_path / "vat.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (20, 20, 0)
        assert res.amount_loaded == total  # the net sums, not the gross
        out = res.as_json()
        assert out["columns"]["amount"]["column"] == "Amount excl VAT" and out["columns_unused"] == ["Amount incl VAT"]
    finally:
        store.close(db)


def test_words_under_blank_header_cells_with_none_under_the_word_before(tmp_path):
    """Words under blank header cells after "Amount", with nothing under "Amount" itself (a note
    beside the lines, not the names of a group's columns): not read into the header's names."""
    lines = ["Date,Supplier,Amount,,", ",,,Note,See below"] + [
        f"{1 + i:02d}/04/2024,{FIRMS[i % 4]},{200 + i}.00,," for i in range(10)]
    path = _csv(tmp_path / "note.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert res.rows_loaded == 10 and res.amount_loaded == sum(D(200 + i) for i in range(10))
        out = res.as_json()
        assert out["columns"]["amount"]["column"] == "Amount"
        assert not any(c.startswith("Amount ") for c in out["columns_unused"])
    finally:
        store.close(db)
