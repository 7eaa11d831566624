"""A load through the CLI imports no pandas, numpy or pyarrow.

Importing pandas costs a process about half a second, more than a tenth of a million-line load; the
load path (reading, the write transaction and everything it refreshes) is written without it, and a
module that needs pandas for its readers keeps what a load calls in a module of its own (as
lib.scorecard.review_kept does for lib.scorecard.contracts). This guards that: both the one-pass path
(a CSV longer than its sample) and the full path (a short one), in a fresh interpreter.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lib.ingest import fast

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys
from lib import cli
try:
    cli.main(['ingest', sys.argv[1], '--db', sys.argv[2]])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules)))
"""


def _write(path: Path, lines: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Date", "Supplier Name", "Amount", "Expense Type"])
        for i in range(lines):
            w.writerow([f"{1 + i % 28:02d}/05/2024", f"Supplier {i % 300} Ltd", f"{i % 997 + 0.5:.2f}", "Stationery"])


@pytest.mark.parametrize("lines", [20, fast.SAMPLE_LINES + 1000], ids=["full path", "one pass"])
def test_a_load_imports_no_pandas(tmp_path, lines):
    src = tmp_path / "spend.csv"
    _write(src, lines)
    db = tmp_path / "store.duckdb"
    r = subprocess.run([sys.executable, "-c", _CHILD, str(src), str(db)], capture_output=True, text=True,
                       cwd=ROOT, timeout=600)
    out = r.stdout.strip().splitlines()
    loaded = json.loads(out[0])
    assert loaded["rows_loaded"] == lines and loaded["rows_quarantined"] == 0, r.stderr
    assert json.loads(out[-1]) == [], f"a load imported {out[-1]}"
