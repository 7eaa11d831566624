"""Workbooks of one sheet a month, as bodies publish a year's spend, made from tests/spend_generator.py's
files with the truth known (a test fixture's maker).

``build(seed, folder)`` writes one XLSX and returns its truth: the lines of every sheet, their exact
total and each line's payment date. Seeded, so a seed is the same workbook on every machine.

What varies, at random: two to four month sheets, named as publishers name them ("Apr 24", "MAY
2024", "Jun-24", "Sheet3"); either one publisher's layout on every sheet (its lines shared out among
them) or each sheet a layout of its own (as a workbook looks when its sheets were exported in
different years); a notes sheet before them (a title, a sentence, a publication date); a summary
sheet after them (a pivot of the sums by supplier, which is not lines to load). Each month sheet
keeps the generated file's title rows, total line, number formats and dates as they were.
"""
from __future__ import annotations

import os
import random
import shutil
import tempfile
from decimal import Decimal

import spend_generator

MONTHS = ["Apr", "May", "Jun", "Jul"]


def _workbook_cases(start: int, k: int, tmp: str) -> list[dict]:
    """The first ``k`` generated files from seed ``start`` on that are workbooks."""
    out, seed = [], start
    while len(out) < k:
        folder = os.path.join(tmp, f"s{seed}")
        os.makedirs(folder, exist_ok=True)
        truth = spend_generator.gen_case(seed, folder)
        if truth["path"].endswith(".xlsx"):
            out.append(truth)
        seed += 1
    return out


def _header_row(rows, truth) -> int:
    """The index of the generated sheet's header row (its first header, wrapped or not)."""
    return next(r for r, row in enumerate(rows)
                if sum(1 for c in row if c.value is not None) >= len(truth["headers"]) - 1
                and any(str(c.value or "").replace("\n", " ") == truth["headers"][0] for c in row))


def build(seed: int, outdir: str) -> dict:
    """Write workbook ``seed`` into ``outdir``; return its truth (path, lines, total, dates, and how it
    was made: sheets, same layout or not, the sheets that are not lines)."""
    import openpyxl

    rng = random.Random(seed)
    tmp = tempfile.mkdtemp()
    try:
        k = rng.choice([2, 3, 4])
        same = rng.random() < 0.5
        cases = _workbook_cases(seed * 10 + 100000, 1 if same else k, tmp)
        if same:
            cases = cases * k
        wb = openpyxl.Workbook()
        first = wb.active
        extra = []
        if rng.random() < 0.5:
            first.title = "Notes"
            first["A1"] = "Spend over £500"
            first["A3"] = "This workbook holds one sheet a month. Personal data is redacted."
            if rng.random() < 0.5:
                first["A5"], first["B5"] = "Published", "05/12/2026"
            extra.append("notes")
        else:
            wb.remove(first)
        for i, truth in enumerate(cases):
            src = openpyxl.load_workbook(truth["path"]).active
            m = MONTHS[i]
            ws = wb.create_sheet(rng.choice([f"{m} 24", f"{m}-24", f"{m.upper()} 2024", f"Sheet{i + 1}"]))
            rows = list(src.iter_rows())
            if same:  # the one file's lines shared out among the sheets, each under the title and header
                head = _header_row(rows, truth)
                n = truth["lines"]
                keep = [*range(head + 1), *range(head + 1 + i * n // k, head + 1 + (i + 1) * n // k)]
            else:
                keep = range(len(rows))
            for out_r, r in enumerate(keep, start=1):
                for c in rows[r]:
                    if c.value is not None:
                        ws.cell(out_r, c.column, c.value).number_format = c.number_format
        if same:
            total, lines, dates = Decimal(cases[0]["total"]), cases[0]["lines"], list(cases[0]["dates"])
        else:
            total = sum((Decimal(c["total"]) for c in cases), Decimal(0))
            lines = sum(c["lines"] for c in cases)
            dates = [d for c in cases for d in c["dates"]]
        if rng.random() < 0.5:
            s = wb.create_sheet(rng.choice(["Summary", "Pivot", "Totals"]))
            for row in (["Row Labels", "Sum of Amount"], ["Acme Office Supplies Ltd", 1234.5], ["Grand Total", 1234.5]):
                s.append(row)
            extra.append("summary")
        path = os.path.join(outdir, f"workbook_{seed}.xlsx")
        wb.save(path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"path": path, "total": str(total), "lines": lines, "dates": sorted(dates), "sheets": k,
            "same": same, "extra": extra, "headers": [c["headers"] for c in cases]}
