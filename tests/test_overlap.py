"""Re-sent files: the same month again, whatever its bytes, format or order, is caught before it
loads; a different month is not; identical lines inside one file all load."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from lib import store
from lib.ingest import load_file, preview_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
APRIL = CORPUS / "devon_cc_over500_202504.csv"
MARCH = CORPUS / "devon_cc_over500_202503.csv"

pytestmark = pytest.mark.skipif(not APRIL.exists(), reason="../shared/corpus is not on this machine")


def _rows() -> tuple[list[str], list[list[str]]]:
    with open(APRIL, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _csv(header, rows, newline="\r\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([header] + rows)
    return out.getvalue().encode("utf-8")


def _money(text: str) -> float:
    return float(text.replace(",", ""))


def _variants(tmp: Path) -> dict[str, Path]:
    """The April file as it might be sent again: six ways, none byte-identical to the first."""
    header, rows = _rows()
    original = APRIL.read_bytes()
    out = {}

    def put(name, data: bytes):
        p = tmp / name
        p.write_bytes(data)
        out[name] = p

    put("lf_202504.csv", original.replace(b"\r\n", b"\n"))
    amount = header.index("Amount")
    put("sorted_202504.csv", _csv(header, sorted(rows, key=lambda r: (-_money(r[amount]), r[3]))))
    put("trailing_202504.csv", original + b"\r\n")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "April 2025"
    ws.append(header)
    date = header.index("Date")
    for r in rows:  # typed cells as Excel keeps them: a real date, a number for the amount
        cells = list(r)
        cells[date] = dt.datetime.strptime(r[date], "%d/%m/%Y")
        cells[amount] = _money(r[amount])
        ws.append(cells)
    wb.save(tmp / "april_202504.xlsx")
    out["april_202504.xlsx"] = tmp / "april_202504.xlsx"
    changed = [list(r) for r in rows]
    changed[10][amount] = f"{_money(changed[10][amount]) + 100:.2f}"
    put("corrected_202504.csv", _csv(header, changed))
    # Re-issued: columns in another order, two lines withdrawn, one late line added.
    order = list(reversed(range(len(header))))
    late = list(rows[0])
    late[3], late[amount] = "99999999", "1234.56"
    reissued = [[r[i] for i in order] for r in rows[2:] + [late]]
    put("reissued_v2_202504.csv", _csv([header[i] for i in order], reissued))
    return out


def _spend(db) -> tuple[int, Decimal]:
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT count(*), coalesce(sum(amount), 0) FROM transactions").fetchone()
    finally:
        cur.close()


def test_each_resend_is_caught_before_loading(fresh_db, tmp_path):
    first = load_file(APRIL, db=fresh_db)
    assert first.rows_loaded == 237 and not first.skipped and first.overlap is None
    lines, total = _spend(fresh_db)
    for name, path in _variants(tmp_path).items():
        res = load_file(path, db=fresh_db)
        assert not res.duplicate, name  # not the same bytes
        assert res.skipped, name
        assert res.overlap.batch_ids == [first.batch_id], name
        assert res.overlap.months == ["2025-04"], name
        assert res.overlap.lines_matching >= 234, (name, res.overlap.lines_matching)
        assert res.rows_loaded == 0 and res.batch_id is None
        assert _spend(fresh_db) == (lines, total), name  # nothing added
    cur = store.cursor(fresh_db)
    assert cur.execute("SELECT count(*) FROM batches").fetchone()[0] == 1


def test_the_preview_shows_the_overlap(fresh_db, tmp_path):
    first = load_file(APRIL, db=fresh_db)
    path = _variants(tmp_path)["corrected_202504.csv"]
    res, _, _ = preview_file(path, db=fresh_db)
    assert res.overlap.batch_ids == [first.batch_id]
    assert res.overlap.lines_matching == 236 and res.overlap.lines_in_file == 237
    assert res.overlap.batches[0]["lines_in_batch"] == 237
    assert "236 of this file's 237 lines" in res.overlap.sentence()
    assert "2025-04" in res.overlap.sentence() and f"batch {first.batch_id}" in res.overlap.sentence()


def test_replace_swaps_the_batch_in_one_load(fresh_db, tmp_path):
    first = load_file(APRIL, db=fresh_db)
    _, total = _spend(fresh_db)
    res = load_file(_variants(tmp_path)["corrected_202504.csv"], db=fresh_db, on_overlap="replace")
    assert res.replaced == [first.batch_id] and res.batch_id != first.batch_id
    assert _spend(fresh_db) == (237, total + 100)
    cur = store.cursor(fresh_db)
    assert cur.execute("SELECT list(batch_id) FROM batches").fetchone()[0] == [res.batch_id]


def test_a_different_month_is_not_an_overlap(fresh_db):
    load_file(APRIL, db=fresh_db)
    res = load_file(MARCH, db=fresh_db)
    assert res.overlap is None and not res.skipped and res.rows_loaded > 0


def test_identical_lines_inside_one_file_all_load(fresh_db, tmp_path):
    header, rows = _rows()
    repeated = rows[:20] + [rows[0]] * 3  # the same payment made four times
    path = tmp_path / "repeats_202504.csv"
    path.write_bytes(_csv(header, repeated))
    res = load_file(path, db=fresh_db)
    assert res.rows_loaded == 23 and not res.skipped
    cur = store.cursor(fresh_db)
    assert cur.execute("SELECT count(*) FROM transactions WHERE transaction_ref = ?", [rows[0][3]]).fetchone()[0] == 4


def test_cli_skips_and_says_so_then_replaces(fresh_db, tmp_path):
    store.close(fresh_db)
    path = _variants(tmp_path)["corrected_202504.csv"]
    run = lambda *a: subprocess.run([sys.executable, "-m", "lib.cli", "ingest", *a, "--db", str(fresh_db)],
                                    cwd=ROOT, capture_output=True, text=True, timeout=120)
    first = json.loads(run(str(APRIL)).stdout)
    out = run(str(path))
    assert out.returncode == 0, out.stderr
    skipped = json.loads(out.stdout)
    assert skipped["skipped"] is True and skipped["rows_loaded"] == 0
    assert skipped["overlap"]["batches"][0]["batch_id"] == first["batch_id"]
    assert skipped["overlap"]["lines_matching"] == 236 and skipped["overlap"]["months"] == ["2025-04"]
    assert "--replace" in out.stderr
    out = run(str(path), "--replace")
    replaced = json.loads(out.stdout)
    assert out.returncode == 0 and replaced["replaced"] == [first["batch_id"]] and replaced["rows_loaded"] == 237
    assert _spend(fresh_db)[0] == 237
    store.close(fresh_db)
