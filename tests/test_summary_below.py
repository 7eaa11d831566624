"""A table of figures under the lines (spend by department, a grand total in a column of its own)
is a summary of them, kept aside with the totals: not lines that failed, so not quarantined. Only
when its figures reconcile with the lines loaded; anything else under the lines keeps its reason.
Each file is written here and loaded as a person would load it (both the one-pass load of a long
CSV and the full read of a short one or a workbook)."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import rows_of as q
from lib.ingest import load_file, preview_file
from lib.ingest.load import TOTAL_REASON

D = Decimal
DEPTS = ["Estates", "ICT", "Fleet", "HR"]


def _lines(n: int) -> tuple[list[list[str]], dict[str, Decimal]]:
    rows, by_dept = [], {}
    for i in range(n):
        dept, amount = DEPTS[i % 4], D(50_000 + (i * 7919) % 850_000) / 100
        by_dept[dept] = by_dept.get(dept, D(0)) + amount
        rows.append([f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2023", f"Supplier {i % 97} Ltd", f"{amount:,.2f}", dept, "Repairs"])
    return rows, by_dept


def _write(path: Path, lines: list[list[str]], below: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Date", "Supplier Name", "Amount", "Department", "Expense Type"], *lines, *below])
    return path


def _summary(by_dept: dict, grand: bool) -> list[list[str]]:
    rows = [[], ["Spend by department"], ["Department", "Total (£)"]]
    rows += [[d, f"£{a:,.2f}"] for d, a in by_dept.items()]
    return rows + ([["Total", f"£{sum(by_dept.values()):,.2f}"]] if grand else [])


@pytest.mark.parametrize("n", [40, 8_000])  # a short file read whole; a long one in one pass
@pytest.mark.parametrize("grand", [True, False])
def test_summary_table_under_the_lines_is_kept_aside(tmp_path, n, grand):
    lines, by_dept = _lines(n)
    below = _summary(by_dept, grand)
    f = _write(tmp_path / "spend.csv", lines, below)
    db = tmp_path / "s.duckdb"
    res = load_file(f, db=db)
    total = sum(by_dept.values())
    assert (res.rows_loaded, res.amount_loaded) == (n, total)
    # the heading, the table's own header, a row a department (and the grand total): none lost
    assert res.rows_quarantined == 0
    assert res.rows_total_lines == len(below) - 1  # the blank row is nothing
    assert res.rows_read == res.rows_loaded + res.rows_quarantined + res.rows_total_lines
    first, last = n + 3, n + 1 + len(below)  # rows as the file shows them (the blank line is row n + 2)
    assert any(f"rows {first} to {last} under the lines were read as a summary" in w and f"£{total:,.2f}" in w
               for w in res.warnings), res.warnings
    assert q(db, "SELECT min(row_number), max(row_number), count(*) FROM total_lines") == [(first, last, len(below) - 1)]
    assert q(db, "SELECT count(*), sum(amount) FROM transactions") == [(n, total)]


def test_figures_that_do_not_add_up_stay_in_quarantine(tmp_path):
    """Rows under the lines whose figures are not the lines' sum may be lines gone wrong: each keeps
    its reason."""
    lines, by_dept = _lines(40)
    wrong = {d: a + D("0.01") for d, a in by_dept.items()}
    below = [[], ["Department", "Budget"]] + [[d, f"{a:.2f}"] for d, a in wrong.items()]
    res = load_file(_write(tmp_path / "spend.csv", lines, below), db=tmp_path / "s.duckdb")
    assert res.rows_loaded == 40 and res.rows_quarantined == 5
    assert not any("summary" in w for w in res.warnings)


def test_a_dated_row_under_the_lines_is_a_line_not_a_summary(tmp_path):
    """A row with a payment date whose amount cannot be read is a line that failed, even when a
    figure beside it matches the total."""
    lines, by_dept = _lines(40)
    total = sum(by_dept.values())
    below = [["05/06/2023", "Acme Ltd", "twelve pounds", "Estates", f"{total:.2f}"]]
    res = load_file(_write(tmp_path / "spend.csv", lines, below), db=tmp_path / "s.duckdb")
    assert res.rows_loaded == 40 and res.rows_quarantined == 1 and res.rows_total_lines == 0


def test_summary_under_the_lines_of_a_workbook_sheet(tmp_path):
    """Each sheet's own summary, in a workbook: the figures of a month's sheet against its own lines."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    totals = {}
    for month, n in (("Apr 23", 30), ("May 23", 25)):
        ws = wb.create_sheet(month)
        lines, by_dept = _lines(n)
        ws.append(["Date", "Supplier Name", "Amount", "Department", "Expense Type"])
        for r in lines:  # each month's own payments (the same lines in two sheets would be one sheet repeated)
            ws.append([r[0], r[1].replace("Supplier", f"{month[:3]} Supplier"), float(r[2].replace(",", "")), r[3], r[4]])
        ws.append([])
        for d, a in by_dept.items():
            ws.append([None, d, None, None, float(a)])
        totals[month] = sum(by_dept.values())
    f = tmp_path / "year.xlsx"
    wb.save(f)
    res = load_file(f, db=tmp_path / "s.duckdb")
    assert (res.rows_loaded, res.amount_loaded) == (55, sum(totals.values()))
    assert res.rows_quarantined == 0 and res.rows_total_lines == 8
    assert sum("read as a summary" in w for w in res.warnings) == 2


# ---------------------------------------------------------------------------------------------
# Rows numbered as the file shows them: DuckDB's CSV reader skips blank lines, so every row under
# one was stored and reported one short ("row 3" for the file's line 4).

def _with_blank_lines(path: Path, n: int, blank_after: tuple[int, ...], bad_at: int, tail: str = "\n") -> Path:
    """A CSV of ``n`` lines under a header, a blank line after each line number in ``blank_after``
    and an unreadable amount on line ``bad_at`` (the file's own line numbers, the header line 1)."""
    out, line = ["Date,Supplier Name,Amount"], 1
    for i in range(n):
        line += 1
        out.append(f"{i % 28 + 1:02d}/05/2023,Supplier {i % 9} Ltd," + ("abc" if line == bad_at else "10.00"))
        if line in blank_after:
            out.append("")
            line += 1
    path.write_text("\n".join(out) + tail, encoding="utf-8")
    return path


@pytest.mark.parametrize("n", [5, 7_000])  # read whole; long enough for the one-pass load
def test_rows_keep_the_numbers_the_file_shows_past_blank_lines(tmp_path, n):
    f = _with_blank_lines(tmp_path / "gaps.csv", n, blank_after=(2, 4), bad_at=6, tail="\n\n\n")
    db = tmp_path / "s.duckdb"
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (n - 1, 1)
    assert res.rows_read == res.rows_loaded + res.rows_quarantined + res.rows_total_lines
    assert not res.one_pass  # blank lines: the full read, which keeps them as rows
    assert q(db, "SELECT row_number, column_name FROM quarantine") == [(6, "Amount")]
    # lines 2, 4 (blank 3, 5), then 7 on: the last of the n lines is the file's line n + 3
    got = [r for (r,) in q(db, "SELECT row_number FROM transactions ORDER BY row_number")]
    assert got[:3] == [2, 4, 7] and got[-1] == n + 3
    text = f.read_text().split("\n")
    assert text[6 - 1].endswith(",abc") and text[n + 3 - 1].startswith(f"{(n - 1) % 28 + 1:02d}/05/2023")


def test_preview_numbers_rows_as_the_load_does(tmp_path):
    f = _with_blank_lines(tmp_path / "gaps.csv", 30_000, blank_after=(3,), bad_at=10)
    pv, _, problems = preview_file(f, db=tmp_path / "s.duckdb", sample_lines=20_000)
    assert pv.sample_lines  # the first lines only, read as the one-pass load would
    assert problems[["row", "column", "status"]].values.tolist() == [[10, "Amount", "quarantine"]]


def test_a_line_break_inside_a_quoted_cell_is_one_row(tmp_path):
    """A cell written over two lines is one row, as a spreadsheet shows it: rows under it keep the
    record's count, not the lines'."""
    lines = ["Date,Supplier Name,Amount,Description"] + [
        f'{i % 28 + 1:02d}/05/2023,Acme Ltd,{"abc" if i == 3 else "5.00"},"{"two" + chr(10) + "lines" if i == 1 else "one"}"'
        for i in range(7_000)]
    f = tmp_path / "quoted.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = load_file(f, db=tmp_path / "s.duckdb")
    assert (res.rows_loaded, res.rows_quarantined) == (6_999, 1)
    assert q(tmp_path / "s.duckdb", "SELECT row_number FROM quarantine") == [(5,)]
    assert res.one_pass  # more lines than records, none of them blank: the one-pass load reads it


def test_preview_names_no_column_at_fault_for_a_summary_row(tmp_path):
    """The Upload page lists the rows kept aside with those quarantined: a total has no column at
    fault, so none is named (the amount's header there read as a complaint about it)."""
    lines, by_dept = _lines(40)
    lines.insert(10, ["01/05/2023", "Acme Ltd", "abc", "Estates", "Repairs"])  # a line that fails, among them
    f = _write(tmp_path / "spend.csv", lines, _summary(by_dept, grand=True))
    pv, _, problems = preview_file(f, db=tmp_path / "s.duckdb")
    assert (pv.rows_loaded, pv.rows_quarantined, pv.rows_total_lines) == (40, 1, 7)
    by_status = {s: list(g["column"]) for s, g in problems.groupby("status")}
    assert by_status["quarantine"] == ["Amount"]
    assert len(by_status["total"]) == 7 and all(c is None or c != c for c in by_status["total"])
    # nor is it said to be at fault (no payment date): it is said to be what it is
    reasons = {s: set(g["reason"]) for s, g in problems.groupby("status")}
    assert reasons["total"] == {TOTAL_REASON} and TOTAL_REASON not in reasons["quarantine"]
