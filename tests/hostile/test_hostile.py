"""Hostile and broken files through the CLI, each in its own process: every one ends within
seconds in one clear line (exit 2) or loads, never in a traceback, with memory and time bounded
loosely (the files are written into a temporary folder by tests/hostile/corpus.py)."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import CASES, REFUSED

ROOT = Path(__file__).resolve().parents[2]
MAX_GROWTH_KB = 1_000_000  # < 1 GB above the process's size before the file is read
MAX_SECONDS = 30  # CPU seconds (user + system): a shared CI machine's load does not count
MAX_WALL_SECONDS = 120
HARD_CAP = 4 << 30  # a regression must fail this test, not take the machine down

RUNNER = """
import json, os, resource, sys, time
sys.path.insert(0, os.environ["H_ROOT"])
from lib.cli import main
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.monotonic()
code = main(sys.argv[1:])
use = resource.getrusage(resource.RUSAGE_SELF)
with open(os.environ["H_OUT"], "w") as f:
    json.dump({"code": code, "wall": time.monotonic() - t, "seconds": use.ru_utime + use.ru_stime,
               "growth_kb": use.ru_maxrss - base}, f)
sys.exit(code)
"""


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (HARD_CAP, HARD_CAP))


def run_cli(tmp: Path, *args: str, env: dict | None = None):
    out = tmp / "measure.json"
    out.unlink(missing_ok=True)
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], cwd=ROOT, capture_output=True, text=True, timeout=MAX_WALL_SECONDS,
        env={**os.environ, "H_ROOT": str(ROOT), "H_OUT": str(out), **(env or {})}, preexec_fn=_cap)
    measured = json.loads(out.read_text()) if out.exists() else None
    lines = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    return proc, lines, measured


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {name: builder(folder / name) for name, builder, _ in CASES}


@pytest.mark.parametrize("name,expected", [(n, e) for n, _, e in CASES], ids=[n for n, _, _ in CASES])
def test_each_file_ends_clearly_and_bounded(corpus, tmp_path, name, expected):
    proc, lines, measured = run_cli(tmp_path, "ingest", str(corpus[name]), "--db", str(tmp_path / "s.duckdb"))
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert measured is not None, proc.stderr[-2000:]
    assert measured["seconds"] < MAX_SECONDS and measured["growth_kb"] < MAX_GROWTH_KB, measured
    assert len(lines) == 1 and lines[0]["file"] == name
    if expected == REFUSED:
        assert proc.returncode == 2, (proc.stdout, proc.stderr)
        err = proc.stderr.strip()
        assert len(err.splitlines()) == 1 and err.startswith(f"{name}: ") and lines[0]["error"] == err
        assert len(err) < 400
    else:
        assert proc.returncode == 0, proc.stderr
        assert "error" not in lines[0] and lines[0]["rows_loaded"] + lines[0]["rows_quarantined"] >= 1


def test_the_refusals_say_why(corpus, tmp_path):
    """Each refusal names what is wrong, and where, and the setting to raise when it is a limit."""
    want = {
        "far_cell.xlsx": "row 1,048,576, column 16,384 lies past the limit of 500 columns",
        "zip_bomb.xlsx": "SPEND_MAX_UNCOMPRESSED_MB",
        "big_cell.xlsx": "sheet 'Spend': row 2, column 4 holds 2,000,000 characters",
        "big_cell.csv": "line 2 is 2,000,0",
        "wide_header.csv": "SPEND_MAX_COLUMNS",
        "many_sheets.xlsx": "number of sheets (300)",
        "rss_saved_as.xls": "web page or XML document",
        "empty.csv": "empty",
        "corrupt_xml.xlsx": "cannot be opened",
    }
    from lib.ingest import UnusableFile, load_file

    for name, text in want.items():
        with pytest.raises(UnusableFile, match=None) as e:
            load_file(corpus[name], db=tmp_path / "s.duckdb")
        assert text in str(e.value), (name, str(e.value))


def test_a_run_goes_on_past_bad_files(corpus, tmp_path):
    good = tmp_path / "spend_2024-04.csv"
    good.write_text("Date,Supplier,Amount\n01/04/2024,Acme Ltd,10.00\n")
    files = [corpus["far_cell.xlsx"], good, corpus["corrupt_xml.xlsx"], tmp_path / "missing.csv"]
    proc, lines, _ = run_cli(tmp_path, "ingest", *map(str, files), "--db", str(tmp_path / "s.duckdb"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert [x["file"] for x in lines] == ["far_cell.xlsx", "spend_2024-04.csv", "corrupt_xml.xlsx", "missing.csv"]
    assert "error" in lines[0] and lines[1]["rows_loaded"] == 1 and "error" in lines[2] and "error" in lines[3]
    said = proc.stderr.strip().splitlines()
    # one line a file that failed, and for the good file (no body column, no --body) whose it was taken to be
    assert [x.split(":")[0] for x in said] == ["far_cell.xlsx", "spend_2024-04.csv", "corrupt_xml.xlsx", "missing.csv"]
    assert "counted as Lancashire Constabulary's, the store's default body" in said[1]


def test_limits_are_settings(tmp_path):
    f = tmp_path / "spend_2024-04.csv"
    f.write_text("Date,Supplier,Amount\n" + "01/04/2024,Acme Ltd,10.00\n" * 150)
    proc, lines, _ = run_cli(tmp_path, "ingest", str(f), "--db", str(tmp_path / "s.duckdb"),
                             env={"SPEND_MAX_ROWS": "100"})
    assert proc.returncode == 2 and "SPEND_MAX_ROWS" in lines[0]["error"] and "(152)" not in lines[0]["error"]
    proc, lines, _ = run_cli(tmp_path, "ingest", str(f), "--db", str(tmp_path / "s.duckdb"),
                             env={"SPEND_MAX_ROWS": "lots"})
    assert proc.returncode == 2 and "SPEND_MAX_ROWS='lots'" in lines[0]["error"] and "Traceback" not in proc.stderr
    proc, lines, _ = run_cli(tmp_path, "ingest", str(f), "--db", str(tmp_path / "s.duckdb"),
                             env={"SPEND_MAX_ROWS": "200"})
    assert proc.returncode == 0 and lines[0]["rows_loaded"] == 150


def test_a_workbook_is_read_by_its_used_range(corpus, tmp_path):
    """A sheet claiming A1:XFD1048576 with an empty styled cell there, and one with a row of 50,000
    empty cells, read as the few cells they hold."""
    import duckdb

    from lib.ingest.read import read_file

    for name in ("far_dimension.xlsx", "empty_cells_row.xlsx"):
        cur = duckdb.connect().cursor()
        raw = read_file(cur, corpus[name])
        assert [(s.width, s.rows) for s in raw.sheets] == [(4, 2)], name
        assert cur.execute("SELECT c1 FROM raw_s0 WHERE rn = 2").fetchall() == [("Acme Ltd",)]


def test_the_upload_page_says_why_and_holds(corpus, fresh_db):
    """Choosing hostile files on the Upload page (it reads them before Load is pressed) shows one
    message each and no traceback."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/upload.py").run()
    names = ["far_cell.xlsx", "zip_bomb.xlsx", "corrupt_xml.xlsx", "big_cell.csv", "rss_saved_as.xls"]
    at.file_uploader[0].set_value([(n, corpus[n].read_bytes(), "application/octet-stream") for n in names])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in at.error)
    for text in ("16,384 lies past the limit", "SPEND_MAX_UNCOMPRESSED_MB", "cannot be opened",
                 "SPEND_MAX_CELL_CHARS", "web page"):
        assert text in shown, (text, shown)
