"""The demo store is built whole or finished later, never left half built, and comes out at once.

A build killed part way (a real process, SIGKILL, while it loads the monthly files) leaves the
store saying ``building``; the next start finishes it through the app's own path (the background
build), and the store then holds exactly the batches of an uninterrupted build, with the same
scorecard. Removing the demo (function, CLI, Data page) takes every demo batch and nothing else.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from conftest import _copy_store
from lib import demo_load, store
from lib.ingest import load_file
from lib.scorecard import card

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
APP = str(ROOT / "app.py")


def _batches(db) -> list[tuple]:
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT kind, file_name, file_sha256, is_demo FROM batches ORDER BY kind, file_name").fetchall()
    finally:
        cur.close()


def _count(db, sql: str) -> int:
    cur = store.cursor(db)
    try:
        return cur.execute(sql).fetchone()[0]
    finally:
        cur.close()


def _kpis(db, fy: str = "2019/20") -> dict:
    cur = store.cursor(db)
    try:
        return card.kpis(cur, fy)
    finally:
        cur.close()


def test_killed_build_is_finished_on_next_start(tmp_path, monkeypatch, reference_template, demo_template):
    db = _copy_store(reference_template, tmp_path / "killed.duckdb")
    env = os.environ | {"SPEND_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "lib.cli", "demo", "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = 0
    try:
        for line in proc.stderr:  # progress lines: "  52% Loaded spend_2019-04.csv"
            seen += "Loaded spend_" in line
            if seen == 30:
                proc.send_signal(signal.SIGKILL)  # as a crash or a closed server would: no clean-up runs
                break
    finally:
        proc.wait(timeout=120)
    assert seen == 30 and proc.returncode == -signal.SIGKILL

    whole = _batches(demo_template)
    half = _batches(db)
    assert demo_load.demo_state(db) == demo_load.BUILDING
    assert 30 <= len(half) < len(whole) and not any(kind == "contracts" for kind, *_ in half)
    assert set(half) < set(whole)  # what did go in is whole files of the same demo

    # The next start: even with the store no longer empty, the app's check finds the half-built
    # demo and finishes it in its own thread.
    monkeypatch.delenv("SPEND_NO_DEMO", raising=False)
    assert demo_load.needs_build(db)
    build = demo_load.start_if_needed(db)
    assert build is not None and demo_load.start_if_needed(db) is build  # one build, whoever asks
    assert build.done.wait(600) and build.error is None, build.error
    assert demo_load.demo_state(db) == demo_load.COMPLETE
    assert _batches(db) == whole
    assert _count(db, "SELECT count(*) FROM transactions") == _count(demo_template, "SELECT count(*) FROM transactions")
    assert _kpis(db) == _kpis(demo_template)
    assert _kpis(db)["measures"]["on_contract_pct"]["value"] > 50
    assert demo_load.start_if_needed(db) is None  # nothing left to do
    store.close(db)


def test_no_build_after_the_demo_was_removed_or_with_own_data(demo_db, monkeypatch):
    monkeypatch.delenv("SPEND_NO_DEMO", raising=False)
    assert demo_load.demo_state(demo_db) == demo_load.COMPLETE and not demo_load.needs_build(demo_db)
    demo_load.remove_demo(demo_db)
    assert _count(demo_db, "SELECT count(*) FROM batches") == 0
    assert demo_load.demo_state(demo_db) == demo_load.REMOVED
    assert not demo_load.needs_build(demo_db)  # empty, but the demo was taken out on purpose


def test_remove_demo_takes_every_demo_batch_and_nothing_else(demo_db):
    own = load_file(FIXTURES / "e2e_upload_spend.csv", db=demo_db)
    demo_batches = _count(demo_db, "SELECT count(*) FROM batches WHERE is_demo")
    demo_lines = _count(demo_db, "SELECT count(*) FROM transactions t JOIN batches b USING (batch_id) WHERE b.is_demo")
    assert demo_batches > 80 and demo_lines > 0

    gone = demo_load.remove_demo(demo_db)
    assert gone == {"batches_removed": demo_batches, "lines_removed": demo_lines}
    assert [b[1] for b in _batches(demo_db)] == ["e2e_upload_spend.csv"]
    assert _count(demo_db, "SELECT count(*) FROM transactions") == own.rows_loaded
    for table in ("contracts", "savings", "supplier_register"):
        assert _count(demo_db, f"SELECT count(*) FROM {table}") == 0, table


def test_cli_demo_remove(demo_db):
    demo_batches = _count(demo_db, "SELECT count(*) FROM batches WHERE is_demo")
    store.close(demo_db)  # the CLI is another process: it needs the file to itself
    proc = subprocess.run([sys.executable, "-m", "lib.cli", "demo", "--remove", "--db", str(demo_db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["batches_removed"] == demo_batches and out["lines_removed"] > 0
    assert _count(demo_db, "SELECT count(*) FROM batches") == 0
    assert demo_load.demo_state(demo_db) == demo_load.REMOVED


def test_data_page_removes_every_demo_batch(small_store):
    with store.write(small_store) as cur:
        cur.execute("UPDATE batches SET is_demo = TRUE WHERE batch_id = 2")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("pages/data.py").run()
    assert any("Demo data" in w.value for w in at.warning)
    assert at.button(key="data_remove_demo").disabled
    at.checkbox(key="data_confirm_demo").check().run()
    at.button(key="data_remove_demo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert list(at.dataframe[0].value["batch_id"]) == [1]
    assert not any("Demo data" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "data_remove_demo"]  # no demo left to remove


def test_exports_open_with_the_label(small_store):
    """CSV: the label is the first line, the header the second; XLSX: the label is cell A1, the
    header row 2; without a label both start at the header."""
    import csv
    import io

    from openpyxl import load_workbook

    from lib import export, queries
    from lib.filters import Filters

    label = demo_load.label(small_store)
    assert label is None  # the small store holds no demo batch
    with store.write(small_store) as cur:
        cur.execute("UPDATE batches SET is_demo = TRUE WHERE batch_id = 2")
    label = demo_load.label(small_store)
    assert label == demo_load.DEMO_LABEL == "Demo data, not the force's spend"

    lines = list(csv.reader(io.StringIO(queries.transactions_csv(small_store, Filters(), label=label).decode("utf-8-sig"))))
    assert lines[0] == [label] and "Amount" in lines[1] and len(lines) == 2 + 8
    plain = list(csv.reader(io.StringIO(queries.transactions_csv(small_store, Filters()).decode("utf-8-sig"))))
    assert plain == lines[1:]

    df = queries.batches(small_store)
    ws = load_workbook(io.BytesIO(export.to_xlsx(df, "Batches", label))).active
    assert ws["A1"].value == label and ws["A1"].font.b
    assert [c.value for c in ws[2]] == list(df.columns) and ws.max_row == 2 + len(df)
    ws = load_workbook(io.BytesIO(export.to_xlsx(df, "Batches"))).active
    assert [c.value for c in ws[1]] == list(df.columns)
