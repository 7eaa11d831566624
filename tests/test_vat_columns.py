"""A file's VAT beside its sums. Published spend is net of VAT (a police body recovers the VAT it
pays): a file giving each line's gross and its VAT, and no net, loads the gross less the VAT, with a
note; a column of the tax alone ("Tax amount", "VAT Amount") is never the amount; an invoice's "Sub
Total" beside its "VAT" and "Total" is the net. Each was loaded as the gross, or refused as unclear.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file
from lib.ingest.load import NeedsMapping


@pytest.mark.parametrize("gross", ["Gross Amount", "Total inc VAT", "Total"])
@pytest.mark.parametrize("lines", [3, 7002])  # a short file, and one long enough for the one-pass load to be tried
def test_a_gross_and_its_vat_load_the_net(tmp_path, db, gross, lines):
    rows = "".join(f"{1 + i % 28:02d}/04/2024,Supplier {i % 40} Ltd,{g},{v}\n"
                   for i, (g, v) in zip(range(lines), [("1200.00", "200.00"), ("500.00", "0.00"), ("600.00", "100.00")] * lines))
    res = load_file(_csv(tmp_path / "gross.csv", f"Date Paid,Supplier,{gross},VAT\n" + rows), db=db)
    assert (res.rows_read, res.rows_loaded) == (lines, lines)
    assert res.amount_loaded == Decimal("2000.00") * (lines // 3)
    assert q(db, "SELECT amount FROM transactions ORDER BY row_number LIMIT 3") == [
        (Decimal("1000.00"),), (Decimal("500.00"),), (Decimal("500.00"),)]
    assert any(f"'{gross}' is each line's gross sum and 'VAT' its VAT" in w for w in res.warnings)


def test_a_net_beside_the_vat_and_the_gross_is_the_amount(tmp_path, db):
    res = load_file(_csv(tmp_path / "three.csv", "Date,Supplier,Net,VAT,Gross\n"
                         "01/04/2024,Acme Ltd,1000.00,200.00,1200.00\n"
                         "02/04/2024,Bolt Ltd,500.00,100.00,600.00\n"), db=db)
    assert res.amount_loaded == Decimal("1500.00")
    assert not any("gross less the VAT" in w for w in res.warnings)


def test_an_invoices_sub_total_vat_and_total_load_the_sub_total(tmp_path, db):
    res = load_file(_csv(tmp_path / "invoice.csv", "Invoice Paid Date,Supplier,Sub Total,VAT,Total\n"
                         "01/04/2024,Acme Ltd,1000.00,200.00,1200.00\n"
                         "02/04/2024,Bolt Ltd,500.00,100.00,600.00\n"), db=db)
    assert res.amount_loaded == Decimal("1500.00")
    assert res.columns["(csv)"]["amount"]["column"] == "Sub Total"


@pytest.mark.parametrize("tax", ["Tax amount", "VAT Amount", "Tax"])
def test_a_column_of_the_tax_is_not_the_amount(tmp_path, db, tax):
    res = load_file(_csv(tmp_path / "tax.csv", f"Payment date,Supplier,Amount,{tax}\n"
                         "01/04/2024,Acme Ltd,1000.00,200.00\n"
                         "02/04/2024,Bolt Ltd,500.00,100.00\n"
                         "03/04/2024,Core Ltd,250.00,50.00\n"), db=db)
    assert res.amount_loaded == Decimal("1750.00")


def test_a_column_beside_a_gross_with_more_than_its_vat_in_it_is_not_taken_off(tmp_path, db):
    """"VAT" holding more than a fifth of the gross is not the gross's VAT: the gross loads as written,
    and the column is listed as unused."""
    res = load_file(_csv(tmp_path / "odd.csv", "Date,Supplier,Gross Amount,VAT\n"
                         "01/04/2024,Acme Ltd,1200.00,200.00\n"
                         "02/04/2024,Bolt Ltd,500.00,400.00\n"), db=db)
    assert res.amount_loaded == Decimal("1700.00")
    assert res.columns_unused == {"(csv)": ["VAT"]}


def test_a_vat_column_given_by_hand_is_taken_off(tmp_path, db):
    path = _csv(tmp_path / "given.csv", "Date,Supplier,Paid,Tax Element\n"
                "01/04/2024,Acme Ltd,1200.00,200.00\n02/04/2024,Bolt Ltd,600.00,100.00\n")
    res = load_file(path, db=db, mapping={"amount": "Paid", "vat_off": "Tax Element"})
    assert res.amount_loaded == Decimal("1500.00")
