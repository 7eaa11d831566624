"""The command line as a scheduled job runs it: a subprocess, JSON on stdout, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def cli(*args, db: Path):
    proc = subprocess.run([sys.executable, "-m", "lib.cli", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines() if line.strip()], proc.stderr


def test_ingest_json_per_file_then_duplicate(tmp_path):
    db = tmp_path / "cli.duckdb"
    good = tmp_path / "spend_2020-04.csv"
    good.write_text("Date,Supplier,Amount\n01/04/2020,Acme,\"1,000.00\"\n02/04/2020,Beta,x\n,,1000.00\n")
    code, out, err = cli("ingest", str(good), db=db)
    assert code == 0, err
    found = ("columns", "columns_unused", "sheets_not_used", "warnings")
    assert {k: out[0][k] for k in found} == {
        "columns": {"payment_date": {"column": "Date", "found": "header"},
                    "supplier_name": {"column": "Supplier", "found": "header"},
                    "amount": {"column": "Amount", "found": "header"}},
        "columns_unused": [], "sheets_not_used": {},
        # (no column says whose the lines are, and no --body was given: the JSON line says so too)
        "warnings": ["no column of this file says whose spend it is: its lines are counted as Lancashire "
                     "Constabulary's, the store's default body (if the file is another body's, remove the batch "
                     "and load it again, choosing whose it is on the Upload page or with --body NAME)"]}
    assert [{k: v for k, v in out[0].items() if k not in found}] == [{"file": "spend_2020-04.csv", "batch_id": 1, "rows_read": 3, "rows_loaded": 1, "rows_quarantined": 1,
                    "rows_total_lines": 1, "amount_loaded": "1000.00", "amount_quarantined": "0.00",
                    "duplicate": False, "overlap": None, "skipped": False, "replaced": [],
                    "bodies": [{"body": "Lancashire Constabulary", "own": True, "lines": 1}]}]
    code, out, _ = cli("ingest", str(good), db=db)
    assert code == 0 and out[0]["duplicate"] is True and out[0]["batch_id"] == 1 and out[0]["rows_loaded"] == 0


def test_unusable_file_exits_2_with_one_line_and_writes_nothing(tmp_path):
    db = tmp_path / "cli.duckdb"
    bad = tmp_path / "notes.csv"
    bad.write_text("these,are,not\nspend,at,all\n")
    code, out, err = cli("ingest", str(bad), db=db)
    assert code == 2 and out == [{"file": "notes.csv", "error": err.strip()}]
    assert len(err.strip().splitlines()) == 1 and err.startswith("notes.csv:")
    good = tmp_path / "ok.csv"
    good.write_text("Date,Supplier,Amount\n01/04/2020,Acme,5\n")
    code, out, err = cli("ingest", str(bad), str(good), db=db)  # the good file still loads
    assert code == 2 and out[0]["file"] == "notes.csv" and out[0]["error"].startswith("notes.csv:")
    assert out[1]["batch_id"] == 1 and out[1]["rows_loaded"] == 1


def test_registers_by_kind(tmp_path):
    db = tmp_path / "cli.duckdb"
    reg = tmp_path / "suppliers.csv"
    reg.write_text("Supplier ID,Supplier Name,Postcode\nS1,Acme Ltd,PR2 1NN\n")
    code, out, err = cli("ingest", str(reg), "--kind", "suppliers", db=db)
    assert code == 0, err
    assert out[0]["rows_loaded"] == 1 and out[0]["amount_quarantined"] == "0.00"


def test_corpus_file_through_the_cli(tmp_path):
    f = CORPUS / "hyndburn_spend250_2017-05.csv"
    if not f.exists():
        import pytest
        pytest.skip("../shared/corpus is not on this machine")
    code, out, err = cli("ingest", str(f), db=tmp_path / "c.duckdb")
    assert code == 0, err
    assert out[0]["rows_loaded"] == 178 and out[0]["rows_quarantined"] == 0


def test_db_must_be_a_store_or_a_new_path(tmp_path):
    data = tmp_path / "something.csv"
    data.write_text("Date,Supplier,Amount\n2020-04-01,Acme,10.00\n")
    good = tmp_path / "spend_2020-04.csv"
    good.write_text("Date,Supplier,Amount\n2020-04-01,Acme,10.00\n")
    for db in (data, tmp_path, tmp_path / "new.csv"):
        code, out, err = cli("ingest", str(good), db=db)
        assert code == 2 and out == [] and len(err.strip().splitlines()) == 1, err
        assert "--db" in err and "Traceback" not in err
    assert data.read_text().startswith("Date,Supplier")  # untouched
    code, out, _ = cli("kpis", "--fy", "2020/21", db=data)
    assert code == 2
    code, out, err = cli("ingest", str(good), db=tmp_path / "new.duckdb")  # a new path: a new store
    assert code == 0 and out[0]["rows_loaded"] == 1
    code, out, err = cli("ingest", str(good), db=tmp_path / "new.duckdb")  # now an existing store
    assert code == 0 and out[0]["duplicate"] is True


def test_snapshot_out_never_deletes_what_it_did_not_write(tmp_path):
    from lib import store
    from conftest import insert_small_store

    db = tmp_path / "s.duckdb"
    with store.write(db) as cur:
        insert_small_store(cur)
    store.close(db)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    (out / "notes.txt").write_text("keep me")
    code, _, err = cli("snapshot", "--fy", "2019/20", "--out", str(out), db=db)
    assert code == 2 and "notes.txt" not in err and "not made by an earlier snapshot" in err
    assert (out / "notes.txt").read_text() == "keep me"


def test_period_as_a_financial_years_quarter(tmp_path):
    # A file of one quarter's spend with no dates at all: --period says which quarter, written as the
    # finance team writes it. Q2 of 2023/24 is July to September 2023; its lines are dated July 2023.
    f = tmp_path / "quarter_spend.csv"
    f.write_text("Supplier,Amount\nAcme Ltd,100.00\nBeta Ltd,\"2,500.50\"\n")
    db = tmp_path / "q.duckdb"
    code, out, err = cli("ingest", str(f), "--period", "2023/24 Q2", db=db)
    assert code == 0, err
    assert out[0]["rows_loaded"] == 2 and out[0]["amount_loaded"] == "2600.50"
    import datetime as dt

    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT DISTINCT period_start, fy FROM transactions").fetchall() == [
            (dt.date(2023, 7, 1), "2023/24")]
    finally:
        con.close()
    code, out, err = cli("ingest", str(f), "--period", "Q5 2023/24", db=tmp_path / "bad.duckdb")
    assert code != 0 and "financial year's quarter (2023/24 Q1" in err


def test_a_file_with_no_heading_row_is_told_by_column_letters(tmp_path):
    """A file with no heading row: the date and the amount are found by what their cells hold; a
    supplier column the cells alone do not settle is asked for by its letter, and given so it loads."""
    db = tmp_path / "cli.duckdb"
    f = tmp_path / "no_heading.csv"
    f.write_text("".join(f"{1 + i % 28:02d}/05/2023,{['Acme', 'Beta'][i % 2]},Estates,"
                         f"\"{(i + 1) * 1000:,}.50\",T{1000 + i}\n" for i in range(12)))
    code, out, err = cli("ingest", str(f), db=db)
    assert code == 2 and err.strip() == ("no_heading.csv: no heading row, and no column's cells show which is the "
                                         "supplier name; say which with --map supplier_name=\"LETTER\"")
    code, out, err = cli("ingest", str(f), "--map", "supplier_name=B", db=db)
    assert code == 0, err
    assert (out[0]["rows_loaded"], out[0]["amount_loaded"]) == (12, f"{sum((i + 1) * 1000 for i in range(12)) + 6:.2f}")
    assert {k: (v["column"], v["found"]) for k, v in out[0]["columns"].items()} == {
        "payment_date": ("column A", "content"), "supplier_name": ("column B", "given"), "amount": ("column D", "content")}


def test_cli_says_when_a_files_name_gives_another_place_than_the_body_it_was_counted_to(tmp_path):
    import json
    import subprocess
    import sys

    f = tmp_path / "hyndburn_spend250_2024-10.csv"
    f.write_text("Date,Supplier,Amount\n01/10/2024,Acme Ltd,1000.00\n")
    out = subprocess.run([sys.executable, "-m", "lib.cli", "ingest", str(f), "--db", str(tmp_path / "s.duckdb")],
                         capture_output=True, text=True, cwd=ROOT)
    said = json.loads(out.stdout.strip().splitlines()[-1])["warnings"]
    assert any(w.startswith("the file's name gives Hyndburn, a place not in the name of Lancashire Constabulary")
               for w in said)
    g = tmp_path / "hyndburn_again_2024-11.csv"
    g.write_text("Date,Supplier,Amount\n01/11/2024,Acme Ltd,1000.00\n")
    out = subprocess.run([sys.executable, "-m", "lib.cli", "ingest", str(g), "--db", str(tmp_path / "s.duckdb"),
                          "--body", "Hyndburn Borough Council"], capture_output=True, text=True, cwd=ROOT)
    assert not any("file's name gives" in w for w in json.loads(out.stdout.strip().splitlines()[-1])["warnings"])
