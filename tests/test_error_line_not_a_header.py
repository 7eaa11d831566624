"""A line whose amount is a spreadsheet's error, among words headers also use, is a line.

"Corbridge Borough Council, 30/11/2023, People, Children's Services, Foster Care Allowances, REDACTED,
1948696844, #VALUE!" read nothing as money, so it was looked at as a header written again further
down; its words ("Council", "Services", "Allowances") scored as one, and the line was taken for a
header: not loaded, not quarantined, not counted (rows read fell one short of the file's). A row
holding dates and figures is never a header: it is quarantined for its amount.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import load_file

HEADER = "Organisation,Date,Directorate,Service,Expense Type,Supplier,Reference,Amount"
ERROR = ("Corbridge Borough Council,30/11/2023,People,Children's Services,Foster Care Allowances,REDACTED,"
         "1948696844,#VALUE!")


@pytest.mark.parametrize("lines", [40, 9_000])  # the full path, and the one pass
def test_the_error_line_is_quarantined_and_every_row_counted(tmp_path, lines):
    rows, total = [HEADER], Decimal("0")
    for i in range(lines):
        if i == lines - 10:
            rows.append(ERROR)
            continue
        amount = Decimal(500 + i % 700) + Decimal("0.12")
        total += amount
        rows.append(f"Corbridge Borough Council,{i % 28 + 1:02d}/11/2023,Place,Environment & Transport,"
                    f"Highways Maintenance,Supplier {i % 60} Ltd,{1_900_000_000 + i},{amount}")
    path = tmp_path / "spend.csv"
    path.write_text("\n".join(rows) + "\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, body="Corbridge Borough Council")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (lines, lines - 1, 1)
    assert res.amount_loaded == total
    assert res.header_rows_repeated == 0
    assert q(db, "SELECT row_number, column_name FROM quarantine") == [(lines - 8, "Amount")]
    assert res.columns_unused == {"(csv)": ["Service"]}  # one header: no line's cells taken for a second
