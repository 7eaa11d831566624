"""Downloads: spreadsheet-safe CSV and XLSX of a table (text a spreadsheet would run as a formula
is prefixed with ' and kept as text; money exact)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pandas as pd


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; others as is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame, label: str | None = None) -> bytes:
    """UTF-8 (with BOM, so Excel reads £) CSV of ``df`` with formula-like text neutralised.

    Decimals are written exactly ("-12.50"), never via float. ``label`` (lib.demo_load.label: demo
    data) is the first line, before the header.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if label:
        w.writerow([neutralise(label)])
    w.writerow([neutralise(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow(["" if v is None or (isinstance(v, float) and v != v) else neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(df: pd.DataFrame, sheet: str = "Data", label: str | None = None) -> bytes:
    """An .xlsx workbook of ``df``: text that a spreadsheet would run as a formula is prefixed with
    ' and stored as text; money (Decimal) as numbers with 2 decimals; dates as dates. ``label``
    (lib.demo_load.label: demo data) is the first row, in bold, above the header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = (re.sub(r"[][:*?/\\]", " ", sheet or "").strip() or "Data")[:31]
    if label:
        ws.append([neutralise(label)])
        ws["A1"].font = Font(bold=True)
    ws.append([neutralise(str(c)) for c in df.columns])
    money_cols = set()
    for row in df.itertuples(index=False, name=None):
        out = []
        for i, v in enumerate(row):
            if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
                out.append(None)
            elif isinstance(v, Decimal):
                money_cols.add(i)
                out.append(float(v))  # Excel stores doubles; 2-decimal format below keeps pence exact to read
            elif isinstance(v, pd.Timestamp):
                out.append(v.to_pydatetime())
            elif isinstance(v, str):
                out.append(neutralise(v))
            elif hasattr(v, "item") and not isinstance(v, (dt.date, dt.datetime)):
                out.append(v.item())
            else:
                out.append(v)
        ws.append(out)
    for r in ws.iter_rows():  # the label and header are text too
        for cell in r:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif cell.column - 1 in money_cols:
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "dd/mm/yyyy"
    for i, c in enumerate(df.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, len(str(c)) + 2), 40)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
