"""A supplier's code before its name with a space alone between: SAP's "0000104521 CERTAS ENERGY UK LTD".

The code was read apart only after a colon or a dash (m129, m137), so each vendor stayed a name of its
own, matching no register and no month that spells it plainly, and "0000104857 REDACTED" was not a
redacted line. A column nearly every cell of which is so written is now read apart (m141): the code
is the supplier's ID, the rest its name; a plain name beginning with a number stays whole.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import load_file

VENDORS = ["0000104521 CERTAS ENERGY UK LTD", "0000104773 3M UNITED KINGDOM PLC", "0000104857 REDACTED",
           "0000104941 24/7 LOCKSMITHS LTD", "0000104584 SODEXO LTD"]


def _sap(path, n: int):
    rows, total = ["Document No,Posting Date,Vendor,Cost Center,Amount in LC,Text"], Decimal("0")
    for i in range(n):
        amount = Decimal(100 + i % 900) + Decimal("0.35")
        total -= amount if i % 17 == 0 else -amount
        sign = "-" if i % 17 == 0 else ""
        rows.append(f"51000{i:05d},202404{i % 28 + 1:02d},{VENDORS[i % len(VENDORS)]},CC4410,{amount}{sign},Goods")
    path.write_text("\n".join(rows) + "\n")
    return total


@pytest.mark.parametrize("n", [50, 8_000])  # the full path, and the one pass
def test_the_vendor_number_is_the_id_and_the_rest_the_name(tmp_path, n):
    path = tmp_path / "sap.csv"
    total = _sap(path, n)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (n, total)
    got = q(db, "SELECT DISTINCT supplier_name, supplier_id, is_redacted FROM transactions ORDER BY 2")
    assert got == [("CERTAS ENERGY UK LTD", "0000104521", False), ("SODEXO LTD", "0000104584", False),
                   ("3M UNITED KINGDOM PLC", "0000104773", False), ("REDACTED", "0000104857", True),
                   ("24/7 LOCKSMITHS LTD", "0000104941", False)]
    assert any("'0000104521 CERTAS ENERGY UK LTD'" in w and "read as the supplier's ID" in w for w in res.warnings)


def test_a_plain_name_that_begins_with_a_number_stays_whole(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Payment Date,Supplier Name,Amount\n"
                    + "".join(f"0{i % 9 + 1}/05/2024,{name},10.00\n" for i, name in enumerate(
                        ["20200 Vision Ltd", "Acme Ltd", "Bolt Ltd", "Cog Ltd", "Dyno Ltd"] * 3)))
    db = tmp_path / "s.duckdb"
    load_file(path, db=db)
    assert ("20200 Vision Ltd",) in q(db, "SELECT DISTINCT supplier_name FROM transactions")
