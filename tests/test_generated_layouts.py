"""Files in publishers' layouts, made by tests/spend_generator.py with the truth known, load as a
person reads them: the payment date, amount and supplier columns taken, every line loaded (the
title above, the total line and blank columns under and beside left out), the total to the penny
and each line's day as paid. A seeded sample of the generator's files: each a different mix of
wordings, decorations, neighbours that hold numbers or dates, shapes of dates and sums, CSV or XLSX.

Widen the sample to probe further (``SPEND_GENERATED=2000`` runs seeds 0 to 1999): the seeds it
fails are the cases to read."""
from __future__ import annotations

import os
from decimal import Decimal

import duckdb
import pytest

from lib import store
from lib.ingest import load_file
import spend_generator

_WIDE = int(os.environ.get("SPEND_GENERATED", "0"))
SEEDS = range(_WIDE) if _WIDE else [*range(0, 40), *range(40, 3000, 75)]


def _norm(h) -> str:
    return " ".join(str(h or "").split()).casefold()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_publishers_file_loads_as_a_person_reads_it(tmp_path, seed):
    truth = spend_generator.gen_case(seed, str(tmp_path))
    db = tmp_path / "s.duckdb"
    res = load_file(truth["path"], db=db)
    (cols,) = res.mapping.values()  # one sheet
    assert {f: _norm(cols.get(f)) for f in ("payment_date", "amount", "supplier_name")} == \
        {f: _norm(truth[f]) for f in ("payment_date", "amount", "supplier_name")}, truth["headers"]
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (truth["lines"], 0, Decimal(truth["total"]))
    store.close(db)
    with duckdb.connect(str(db), read_only=True) as con:
        days = sorted(str(d) for (d,) in con.execute("SELECT payment_date FROM transactions WHERE batch_id = ?",
                                                     [res.batch_id]).fetchall())
    assert days == sorted(truth["dates"])
