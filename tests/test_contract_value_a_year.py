"""A contract's value written as a year's sum in its own cell ("£18,600 p.a."): m176.

Hand-kept registers write most values so, under a plain "Value" header. No value was read from such a
cell (a year's sum is not the contract's), so each of those contracts had none. It is now the year's
times the term, as a column whose header says it gives a year's value was already read.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

HEAD = "Ref,Contract,Supplier,Start,End,Value\n"


def test_a_years_sum_in_the_value_cell_is_times_the_term(tmp_path, db):
    text = HEAD + ("RLT001,External audit,Bishop Fleming LLP,1st September 2022,31st August 2025,\"£18,600 p.a.\"\n"
                   "RLT002,Internal scrutiny,Juniper Education Services Ltd,01/09/2023,31/08/2024,£7200 per annum\n"
                   "RLT003,HR advice,Judicium Education Ltd,01/04/2021,31/03/2024,\"£42,500\"\n"
                   "RLT004,Alarm monitoring,Westcountry Alarms,01/05/2021,Rolling,£480 p.a.\n"
                   "RLT005,Window cleaning,Clearview Ltd,01/04/2023,31/03/2024,£150 per month\n"
                   "RLT006,Catering,Taylor Shaw Ltd,15/01/2024,14/07/2024,\"£10,000 a year\"\n")
    res = load_file(written(tmp_path / "register.csv", text), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (6, 0), res.problems[:3]
    assert q(db, "SELECT reference, value FROM contracts ORDER BY reference") == [
        ("RLT001", Decimal("55800.00")),   # three years
        ("RLT002", Decimal("7200.00")),    # one
        ("RLT003", Decimal("42500.00")),   # the whole contract's, as written
        ("RLT004", None),                  # no end: no term to multiply by
        ("RLT005", None),                  # a month's sum: still none
        ("RLT006", Decimal("5000.00"))]    # half a year, by whole months
    note = next(w for w in res.warnings if "a year's sum" in w)
    assert note == ("4 values in 'Value' are a year's sum (row 2 '£18,600 p.a.'): the contract's value is the "
                    "year's times its term, start to end; 1 with no end date or term keeps no value")
    assert res.amount_loaded == Decimal("110500.00")  # the batch's sum is its contracts' values


def test_a_years_column_with_a_years_words_in_its_cells_is_multiplied_once(tmp_path, db):
    """A column whose header says a year's value (lib.ingest.registers._annual_values) that also writes
    "p.a." in a cell: each contract's value is the year's times its term, once."""
    text = ("Ref,Contract,Supplier,Start,End,Annual Value\n"
            "C1,Cleaning,Brightwell Ltd,01/04/2023,31/03/2025,\"£12,000\"\n"
            "C2,Security,Guardall Ltd,01/04/2023,31/03/2025,\"£6,000 p.a.\"\n")
    res = load_file(written(tmp_path / "register.csv", text), db=db, kind="contracts")
    assert res.rows_loaded == 2
    assert q(db, "SELECT reference, value FROM contracts ORDER BY reference") == [
        ("C1", Decimal("24000.00")), ("C2", Decimal("12000.00"))]
