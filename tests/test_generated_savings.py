"""Savings registers in procurement teams' layouts, made by tests/savings_generator.py with the truth
known, load as a person reads them: every saving made stored with its project, financial year, kind
and amount, a saving in several columns (its parts, its months, quarters or years) stored as a saving
of each, the stages not yet made set aside, and no contract value, budget or year taken for the
saving or its total. A seeded sample; ``SPEND_SAVINGS=N`` widens it to seeds 0 to N-1.

On 8194833, 39 of the first 150 seeds were refused or misread: "Description of Saving" was taken for
the amount, a contract's value beside a plan's quarters for their total (every row quarantined), and
"2023-24" in a "Year of Saving" column read as £24.00."""
from __future__ import annotations

import os

import duckdb
import pytest

from lib import store
from lib.ingest import load_file
import savings_generator

_WIDE = int(os.environ.get("SPEND_SAVINGS", "0"))
SEEDS = range(_WIDE) if _WIDE else [*range(0, 12), 31, 64, 66, 83, 111, 121, 148, 171, 532]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_savings_register_loads_as_a_person_reads_it(tmp_path, seed):
    path, truth = savings_generator.gen(seed, str(tmp_path))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="savings")
    assert res.rows_quarantined == truth["quarantined"], res.problems[:3]
    store.close(db)
    with duckdb.connect(str(db), read_only=True) as con:
        got = sorted(con.execute("SELECT project, fy, saving_type, amount FROM savings").fetchall(), key=str)
    assert got == truth["savings"], truth["headers"]
