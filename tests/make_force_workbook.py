"""Write a workbook laid out like the force's own annual spend workbooks (one sheet a month).

    python tests/make_force_workbook.py OUT.xlsx

What the real workbooks do, each reproduced here:
- 2018/19 to 2022/23 sheets head their columns ``Expenditure Category``, ``Date``,
  ``Total Invoice Amount``, ``SUPPLIER``; from 2021/22 on ``* Expenditure Category``, ``* Date``,
  ``TOTAL``, ``* SUPPLIER FINAL`` (both styles are in this file);
- dates are real Excel dates on some sheets and bare serial numbers (45170) on others;
- one sheet (``Sep 23``) has three helper columns with no header to the right of the data:
  ``=CONCATENATE(B2,C2,D2)``, its pasted value (``451701696.8XMA LTD``) and ``=COUNTIF(...)``
  (a count, as the cached value would read);
- a credit note (negative amount) and a sheet's total line under its data.

``build`` returns what was written, so a test sums the amounts on its own, with Decimal.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path

OLD = ["Expenditure Category", "Date", "Total Invoice Amount", "SUPPLIER"]
NEW = ["* Expenditure Category", "* Date", "TOTAL", "* SUPPLIER FINAL"]
CATEGORIES = ["Vehicle Parts", "Fuel", "IT Software Licences", "Forensic Services", "Uniforms", "Building Repairs",
              "Catering", "Legal Fees", "Custody Healthcare", "Training"]
SUPPLIERS = ["XMA LTD", "Ribble Fleet Services Ltd", "Pennine Print", "Lancashire County Council",
             "Bluelight Uniforms Ltd", "Eurofins Forensic Services", "Preston Mediation CIC", "Total Gas & Power Ltd"]
# (sheet, year, month, header style, dates as serial numbers, helper columns, a total line)
SHEETS = [
    ("Apr 19", 2019, 4, OLD, False, False, False),
    ("May 19", 2019, 5, OLD, True, False, True),
    ("Jun 19", 2019, 6, OLD, False, False, False),
    ("Apr 22", 2022, 4, NEW, True, False, False),
    ("Aug 23", 2023, 8, NEW, False, False, False),
    ("Sep 23", 2023, 9, NEW, True, True, False),
]
EPOCH = dt.date(1899, 12, 30)


def build(path: Path, rows_per_sheet: int = 40, seed: int = 7) -> dict:
    """Write the workbook; return {sheet: [(date, Decimal amount, supplier), ...]} of its data lines."""
    import openpyxl

    rng = random.Random(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    written: dict = {}
    for name, year, month, header, serial, helpers, total in SHEETS:
        ws = wb.create_sheet(name)
        ws.append(header)
        lines = []
        for r in range(rows_per_sheet):
            day = dt.date(year, month, 1 + rng.randrange(28))
            pence = rng.randrange(50_000, 2_500_000)
            if r == 3:
                pence = -pence  # a credit note
            amount = Decimal(pence) / 100
            supplier = rng.choice(SUPPLIERS)
            category = rng.choice(CATEGORIES)
            when = (day - EPOCH).days if serial else dt.datetime(day.year, day.month, day.day)
            row = [category, when, float(amount), supplier]
            if helpers:
                n = ws.max_row + 1
                row += [f"=CONCATENATE(B{n},C{n},D{n})",
                        f"{(day - EPOCH).days}{float(amount):g}{supplier}",
                        1 + r % 3]
            ws.append(row)
            lines.append((day, amount, supplier))
        if total:
            ws.append([None, None, float(sum(a for _, a, _ in lines)), None])
        written[name] = lines
    wb.save(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "force_spend_2019-24.xlsx")
    data = build(out)
    print(f"{out}: {sum(len(v) for v in data.values())} lines, "
          f"£{sum(a for v in data.values() for _, a, _ in v):,.2f}")
