"""A pivot table's count beside its sum is not a second amount.

A workbook whose first sheet is a pivot pasted as values ("Row Labels | Sum of Amount | Count of
Amount", a common summary by supplier) ahead of the sheet of lines was stopped with a question about
that sheet: "more than one column could be the amount ('Sum of Amount' or 'Count of Amount')". The
answer changed nothing, as the summary is set aside as a summary of the lines. A pivot's count,
average, largest or smallest of a column is now not a sum, so the workbook loads with no question.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from lib.ingest import columns as colmod
from lib.ingest import load_file

SUPPLIERS = ["BT Plc", "Bluelight Fleet Services Ltd", "Motorola Solutions UK Ltd", "Kier Facilities Services Ltd"]


def test_a_pivots_count_and_average_are_not_sums():
    for header in ("Count of Amount", "Number of Payments", "Max of Net Value", "Average of Amount"):
        scores = colmod.header_scores(header)
        assert scores.get("amount", 0) < colmod.header_scores("Sum of Amount")["amount"] / 2, header


def test_a_pivot_summary_sheet_before_the_lines(tmp_path):
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    data = wb.create_sheet("Data")
    data.append(["Date", "Supplier", "Amount", "Description"])
    sums, counts, total = {}, {}, Decimal("0")
    for i in range(60):
        amount = Decimal(500 + 977 * i % 40_000) + Decimal(i % 100) / 100
        s = SUPPLIERS[i % 4]
        sums[s], counts[s] = sums.get(s, 0) + amount, counts.get(s, 0) + 1
        total += amount
        data.append([dt.datetime(2024, 6, 1 + i % 28), s, float(amount), "Radio airtime"])
    summary.append(["Payments over £500 - June 2024 - summary by supplier"])
    summary.append([])
    summary.append(["Row Labels", "Sum of Amount", "Count of Amount"])
    for s in SUPPLIERS:
        summary.append([s, float(sums[s]), counts[s]])
    summary.append(["Grand Total", float(total), 60])
    path = tmp_path / "payments-over-500-june-2024.xlsx"
    wb.save(path)
    res = load_file(path, db=tmp_path / "p.duckdb")
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (60, 0, total)
