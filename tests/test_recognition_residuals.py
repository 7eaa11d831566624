"""What recognition still got wrong once the columns were found: a year that could not be given by
hand, subtotal and grand total lines that carry a date, an "Account Name" that is the supplier,
and dates written month first. Each is a file written here, loaded as a person would load it."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from lib import store
from lib.ingest import columns as colmod
from lib.ingest import load_file
from conftest import rows_of as q

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", "ingest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# A year column can be given by hand

def test_year_is_a_field_a_person_can_choose():
    assert "year" in colmod.SPEND.choosable and "year" in colmod.FIELD_LABELS
    assert "year" not in colmod.SPEND.fields  # header words alone never pick it: add_year_column does


def test_cli_map_year_reads_the_month_column_with_it(tmp_path):
    """A month column and a year column whose header does not say "year": the CLI asks, and says
    that a period and a year can be given; given the year, the month beside it dates each line."""
    f = _csv(tmp_path / "months.csv", ["Creditor,Amount,Month,Cycle", "Acme Ltd,10.00,April,2024",
                                       "Beta Ltd,5.50,May,2024", "Gamma plc,7.25,January,2025"])
    dbp = tmp_path / "y.duckdb"
    asked = cli(f, "--db", dbp)
    assert asked.returncode == 2 and '--map year="HEADER"' in json.loads(asked.stdout)["error"]
    out = cli(f, "--db", dbp, "--map", "year=Cycle")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (3, 0, "22.75")
    assert got["columns"]["year"] == {"column": "Cycle", "found": "given"}
    assert got["columns"]["period"] == {"column": "Month", "found": "header"}
    assert q(dbp, "SELECT supplier_name, period_start FROM transactions ORDER BY 2") == [
        ("Acme Ltd", dt.date(2024, 4, 1)), ("Beta Ltd", dt.date(2024, 5, 1)), ("Gamma plc", dt.date(2025, 1, 1))]
    store.close(dbp)
    bad = cli(f, "--db", dbp, "--map", "colour=Cycle")
    assert bad.returncode != 0 and "year" in bad.stderr  # the fields one can give, year among them

