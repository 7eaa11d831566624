"""Sums in euros or dollars in an OpenDocument spreadsheet are not read as pounds.

An .ods cell of currency type keeps its currency beside its value (office:currency="EUR"), and the
reader (calamine) gives the value alone: a €7,336.77 cell loaded as £7,336.77, with no word, where
the same cell in an XLSX (a euro number format) is quarantined, saying which currency. An .ods cell
in a currency other than pounds is now read with its currency, and quarantined as the XLSX's is.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from conftest import rows_of as q
from lib.ingest import load_file


def _cell(value, currency: str | None = None) -> TableCell:
    if isinstance(value, dt.date):
        c = TableCell(valuetype="date", datevalue=value.isoformat())
    elif currency:
        c = TableCell(valuetype="currency", currency=currency, value=str(value))
    elif isinstance(value, (int, float, Decimal)):
        c = TableCell(valuetype="float", value=str(value))
    else:
        c = TableCell(valuetype="string")
    c.addElement(P(text=str(value)))
    return c


def test_a_euro_and_a_dollar_cell_are_quarantined_saying_which(tmp_path):
    doc = OpenDocumentSpreadsheet()
    table = Table(name="October 2024")
    rows = [["Payment Date", "Supplier", "Amount", "Description"]]
    total = Decimal("0")
    for i in range(30):
        amount = Decimal(700 + 311 * i) + Decimal(i % 100) / 100
        currency = {7: "EUR", 19: "USD"}.get(i, "GBP")
        rows.append([dt.date(2024, 10, 1 + i % 28), f"Firm {i % 5} Ltd", (amount, currency), "Hotel"])
        total += amount if currency == "GBP" else 0
    for row in rows:
        tr = TableRow()
        for v in row:
            tr.addElement(_cell(*v) if isinstance(v, tuple) else _cell(v))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "spend-oct-2024.ods"
    doc.save(str(path))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (28, 2, total)
    reasons = sorted(r for (r,) in q(db, "SELECT reason FROM quarantine"))
    assert "(EUR)" in reasons[0] and "(USD)" in reasons[1]
