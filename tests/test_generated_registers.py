"""Registers in publishers' layouts, made by tests/register_generator.py with the truth known, load as a
person reads them: each key field's column taken (a contract's reference, title, supplier, start, end
and value; a supplier's ID, name, postcode and company number) and every record loaded. A seeded
sample; ``SPEND_GENERATED=N`` widens it to seeds 1 to N of each kind."""
from __future__ import annotations

import os

import pytest

from lib.ingest import load_file
import register_generator

KEY = {"contracts": ("reference", "title", "supplier_name", "start_date", "end_date", "value"),
       "suppliers": ("supplier_id", "name", "postcode", "company_number")}
_WIDE = int(os.environ.get("SPEND_GENERATED", "0"))
SEEDS = range(1, _WIDE + 1) if _WIDE else [*range(1, 16), *range(16, 400, 40)]


@pytest.mark.parametrize("kind", sorted(KEY))
@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_register_loads_as_a_person_reads_it(tmp_path, kind, seed):
    path, truth = register_generator.gen_case(kind, seed, str(tmp_path))
    res = load_file(path, db=tmp_path / "r.duckdb", kind=kind)
    (cols,) = res.mapping.values()  # one sheet
    assert {f: (cols.get(f) or "").strip() for f in KEY[kind]} == \
        {f: (truth["fields"].get(f) or "").strip() for f in KEY[kind]}, truth["headers"]
    assert (res.rows_loaded, res.rows_quarantined) == (truth["rows"], 0)
