"""What real files from publishers not yet seen still loaded wrong: a zero written as an
accountant's dash, amounts written past the penny, periods written as a range or a quarter, the
adjustment period 13, optional columns taken for the wrong field, and OpenDocument spreadsheets.
Each fixture is written here and loaded as a person would load it (the CLI, or load_file), into a
real store of its own."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from lib import store
from lib.ingest import load_file
from conftest import rows_of as q
from test_ingest_one_pass import both_ways

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", "ingest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# ---------------------------------------------------------------------------------------------
# A zero written as a dash

DASHES = ["-", "£ -", "£-", " - ", "£ -   "]


def test_a_lone_dash_in_the_amount_column_is_zero(tmp_path):
    """Excel's accounting format writes a zero as a dash: each such line loads as 0.00; "-5", "5-"
    and "(5)" keep their meaning, and a dash in a text column stays as it is."""
    rows = [f'0{i + 1}/04/2024,Supplier {i},"{d}",-' for i, d in enumerate(DASHES)]
    rows += ['10/04/2024,Minus Ltd,-5,x', '11/04/2024,Trailing Ltd,5-,x', '12/04/2024,Bracket Ltd,(5),x',
             '13/04/2024,Plain Ltd,12.50,x']
    f = _csv(tmp_path / "dashes.csv", ["Payment Date,Supplier,Amount,Description"] + rows)
    got = _json(cli(f, "--db", tmp_path / "d.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (9, 0, "-2.50")
    stored = q(tmp_path / "d.duckdb", "SELECT supplier_name, amount, description FROM transactions ORDER BY row_number")
    assert stored[:5] == [(f"Supplier {i}", D("0.00"), "-") for i in range(5)]
    assert [a for _, a, _ in stored[5:]] == [D("-5.00"), D("-5.00"), D("-5.00"), D("12.50")]


def test_a_dash_zero_loads_the_same_in_one_pass(tmp_path, monkeypatch):
    """The one-pass load reads plain cells alone and leaves a dash to the full rules: stored the same."""
    rows = [f"Lancashire Constabulary,{1 + i % 28:02d}/05/2021,T{i},"
            + (f'"{DASHES[i % 5]}"' if i % 7 == 3 else f"{i}.25") + f",Acme {i % 9} Ltd,Fleet,Fuel,line {i}"
            for i in range(300)]
    f = _csv(tmp_path / "dash_long.csv", ["Body,Date,Transaction Number,Amount,Supplier Name,Department,Expense Type,"
                                          "Description"] + rows)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert one.one_pass and (one.rows_loaded, one.rows_quarantined) == (300, 0)


# ---------------------------------------------------------------------------------------------
# Amounts past the penny

def test_an_amount_past_the_penny_is_quarantined_not_rounded(tmp_path):
    """1,234.567 and 12.3456 are not sums in pence: quarantined, naming the row and column, never
    rounded; zeros past the penny (12.3400) and a spreadsheet's float noise (829.5500000000001)
    are exact and load."""
    f = _csv(tmp_path / "pence.csv", ["Payment Date,Supplier,Net Amount",
                                      '01/04/2024,Acme Ltd,"1,234.567"', "02/04/2024,Beta Ltd,12.3456",
                                      "03/04/2024,Gamma Ltd,12.3400", "04/04/2024,Delta Ltd,829.5500000000001",
                                      "05/04/2024,Eps Ltd,-441.17999999999995", '06/04/2024,Zeta Ltd,"1,000.50"'])
    dbp = tmp_path / "p.duckdb"
    got = _json(cli(f, "--db", dbp))
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (4, 2, "1401.21")
    assert q(dbp, "SELECT row_number, column_name, reason FROM quarantine ORDER BY 1") == [
        (2, "Net Amount", "amount '1,234.567' has more than two decimal places: a payment is in whole pence"),
        (3, "Net Amount", "amount '12.3456' has more than two decimal places: a payment is in whole pence")]
    assert any("2 lines quarantined: the amount has more than two decimal places" in w and "row 2" in w
               and "most amounts" not in w for w in got["warnings"])


def test_a_column_written_past_the_penny_throughout_says_so(tmp_path):
    """A column of sub-penny figures (unit prices, rates) is not the sum paid: every line is
    quarantined, and the load says the column may not be the amount, and how to give another."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Jan 24"
    ws.append(["Date", "Supplier", "Value"])
    for i, v in enumerate([0.1234, 12.3456, 7.891, 100.0005]):
        ws.append([dt.datetime(2024, 1, 2 + i), f"Supplier {i} Ltd", v])
    f = tmp_path / "rates.xlsx"
    wb.save(f)
    got = _json(cli(f, "--db", tmp_path / "r.duckdb"))
    assert (got["rows_loaded"], got["rows_quarantined"]) == (0, 4)
    warning = next(w for w in got["warnings"] if "more than two decimal places" in w)
    assert "sheet 'Jan 24', row 2, column 'Value'" in warning and "--map amount=" in warning


def test_past_the_penny_in_one_pass_is_as_read_whole(tmp_path, monkeypatch):
    rows = [f"Lancashire Constabulary,{1 + i % 28:02d}/05/2021,T{i},"
            + ("12.345" if i % 50 == 7 else "1.2300" if i % 50 == 8 else f"{i}.25") + f",Acme {i % 9} Ltd,Fleet,Fuel,x"
            for i in range(300)]
    f = _csv(tmp_path / "pence_long.csv", ["Body,Date,Transaction Number,Amount,Supplier Name,Department,"
                                           "Expense Type,Description"] + rows)
    whole, one = both_ways(tmp_path, monkeypatch, f)
    assert one.one_pass and (one.rows_loaded, one.rows_quarantined) == (294, 6)


def test_decimal_commas_still_settle_by_column(tmp_path):
    """A column written the European way throughout still reads so; a value past the cent there
    (1.234,567) is quarantined like its UK twin."""
    f = tmp_path / "eu.csv"
    f.write_text("Datum;Lieferant;Betrag\n01/04/2024;A GmbH;1.234,56\n02/04/2024;B GmbH;12,50\n"
                 "03/04/2024;C GmbH;-3,10\n04/04/2024;D GmbH;1.234,567\n", encoding="utf-8")
    res = load_file(f, db=tmp_path / "e.duckdb", mapping={"supplier_name": "Lieferant", "amount": "Betrag",
                                                          "payment_date": "Datum"})
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (3, 1, D("1243.96"))
    assert "more than two decimal places" in res.problems[0]["reason"]
