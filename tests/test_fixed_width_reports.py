"""A finance system's report printed to a text file, its columns lined up by spaces (lib.ingest.fixed).

Read as a CSV each line was one cell (or split at its sums' commas) and the file was refused for want
of a date column. It is read as a sheet cut at the places its record-like lines leave blank: the
header found by its words, a wide sum kept whole in its column, the underlines set aside, the page
header printed again on every page a note, the total a total."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib.ingest import fixed, load_file
from lib.ingest.read import sniff_dialect

HEAD = ("LANCASHIRE WIDGETS TRUST                                   PAGE    {page}\n"
        "CREDITOR PAYMENTS REPORT  01/04/2024 TO 30/04/2024\n\n"
        "PAYMENT DATE  SUPPLIER NAME                        REFERENCE       AMOUNT\n"
        "------------  -----------------------------------  ----------  ----------\n")
LINES = [("03/04/2024", "ACME CLEANING LTD", "INV-101", "1,250.00"), ("05/04/2024", "BOLTON PRINT SERVICES", "BP-2231", "845.60"),
         ("11/04/2024", "NORTHERN FUEL CARDS PLC", "NF-88", "123,402.17"), ("20/04/2024", "BOLTON PRINT SERVICES", "BP-2301", "-120.00")]


def _line(d, s, r, a):
    return f"{d:<14}{s:<37}{r:<12}{a:>10}\n"


def test_a_printed_report_loads_by_its_columns(tmp_path, db):
    text = (HEAD.format(page=1) + "".join(_line(*x) for x in LINES)
            + f"{'':<63}{'-' * 10}\n{'':<51}{'TOTAL':<12}{'125,377.77':>10}\n")
    res = load_file(written(tmp_path / "creditors.prn", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (4, 0, 1)
    assert {f: c["column"] for f, c in res.as_json()["columns"].items()} == {
        "payment_date": "PAYMENT DATE", "supplier_name": "SUPPLIER NAME", "transaction_ref": "REFERENCE",
        "amount": "AMOUNT"}
    assert q(db, "SELECT row_number, payment_date, supplier_name, amount FROM transactions ORDER BY 1") == [
        (6, dt.date(2024, 4, 3), "ACME CLEANING LTD", Decimal("1250.00")),
        (7, dt.date(2024, 4, 5), "BOLTON PRINT SERVICES", Decimal("845.60")),
        (8, dt.date(2024, 4, 11), "NORTHERN FUEL CARDS PLC", Decimal("123402.17")),  # (wider than its column)
        (9, dt.date(2024, 4, 20), "BOLTON PRINT SERVICES", Decimal("-120.00"))]


def test_a_long_report_of_many_pages(tmp_path, db):
    """3,000 lines over 60 pages, the page header printed again on each: every line loads, each page's
    title a note, its header not a line; the pages read as one (not planned afresh page by page)."""
    parts, want = [], Decimal("0")
    for k in range(3000):
        if k % 50 == 0:
            parts.append(("\n" if k else "") + HEAD.format(page=k // 50 + 1))
        amount = Decimal(500 + k % 977) + Decimal("0.25")
        want += amount
        parts.append(_line(f"{k % 28 + 1:02d}/04/2024", f"SUPPLIER {k % 40} LTD", f"INV-{k}", f"{amount:,}"))
    res = load_file(written(tmp_path / "ap_report.txt", "".join(parts)), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (3000, 0)
    assert res.header_rows_repeated == 59 and res.rows_total_lines == 2 * 59
    assert q(db, "SELECT sum(amount), count(DISTINCT supplier_name) FROM transactions") == [(want, 40)]


def test_delimited_text_is_not_read_as_a_report():
    assert sniff_dialect("Date,Supplier,Amount\n01/04/2024,Acme Ltd,1200.00\n02/04/2024,Bolt Ltd,99.00\n") == (",", 3, True)
    assert sniff_dialect(HEAD.format(page=1) + "".join(_line(*x) for x in LINES))[2] is False
    assert fixed.columns_of("Date,Supplier\n01/04/2024,Acme Ltd\n") is None
    assert fixed.columns_of("Some prose written  with  two spaces\nbut not a table at all.\n") is None
