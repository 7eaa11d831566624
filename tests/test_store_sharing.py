"""The store shared between processes: a hold lets go when idle, whoever finds the store held waits
and says so, and a wait that runs out is StoreBusy (a plain message), never DuckDB's lock error."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib import store

ROOT = Path(__file__).resolve().parent.parent

HOLDER = """
import sys, time
from lib import store
with store.write(sys.argv[1]):
    print("held", flush=True)
    if float(sys.argv[2]) > 0:
        time.sleep(float(sys.argv[2]))
    else:
        sys.stdin.read()  # held until the test lets go (closes our stdin), however slow the machine
"""


def _hold_elsewhere(db, seconds: float) -> subprocess.Popen:
    """Another process holding ``db`` for ``seconds`` (0: until its stdin is closed)."""
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], cwd=ROOT, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held", p.stderr.read()
    return p


def _opens_elsewhere(db) -> bool:
    code = "import sys, duckdb; duckdb.connect(sys.argv[1]).close()"
    return subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True).returncode == 0


@pytest.fixture
def closed_db(tmp_path, monkeypatch):
    db = tmp_path / "shared.duckdb"
    monkeypatch.setenv("SPEND_NO_DEMO", "1")
    store.connect(db)
    store.close(db)
    yield db
    store.close(db)


def _until_closed(db, poll: float = 0.1) -> None:
    """Wait (up to 10 s) until this process's idle close has taken the store at ``db`` out of use."""
    deadline = time.monotonic() + 10
    while str(store.db_path(db)) in store._connections and time.monotonic() < deadline:
        time.sleep(poll)
    # The close takes the connection out of the list first, then closes it (writing the log into the
    # file), all under the open lock: the file is free once that lock is let go.
    with store._open_lock:
        pass


def test_a_hold_lets_go_when_idle(closed_db):
    with store.hold(closed_db):
        store.cursor(closed_db).execute("SELECT count(*) FROM batches").fetchone()
        assert not _opens_elsewhere(closed_db)  # held during the run
    _until_closed(closed_db)
    assert _opens_elsewhere(closed_db)


def test_a_run_that_opens_the_store_while_it_is_closing_when_idle_gets_it(closed_db, monkeypatch):
    """The idle close and the next script run's opening, back to back: the run opens the store while
    the close (here made slow, as writing a large log into the file is) is still under way. A file is
    attached once per process, so the opening must wait for the close (it did not: DuckDB refused
    the second attach with a "Unique file handle conflict", and a browser test's page showed it)."""
    monkeypatch.setattr(store, "IDLE_CLOSE", 0.001)

    def slow_close(self):
        time.sleep(0.3)
        self._con.close()

    monkeypatch.setattr(store.StoreConnection, "close", slow_close, raising=False)
    with store.hold(closed_db):
        store.cursor(closed_db).execute("CREATE TABLE scratch (x INTEGER)")
    for n in range(1, 4):
        with store.hold(closed_db):
            store.cursor(closed_db).execute("INSERT INTO scratch VALUES (1)")
        _until_closed(closed_db, poll=0.001)  # taken out of use: the close has begun, and is not over
        with store.hold(closed_db):
            assert store.cursor(closed_db).execute("SELECT count(*) FROM scratch").fetchone() == (n,)
    _until_closed(closed_db)  # (the fixture's close then waits, under the same lock, for this one to end)


def test_a_write_outside_a_script_run_is_not_closed_under_it(closed_db, monkeypatch):
    """A button's callback writes before its script run holds the store (Match review's Accept): the
    last run's idle close fired while the write was still refreshing the derived data, and the write
    failed with DuckDB's "Connection already closed" (a browser test on a busy machine showed it). A
    write keeps the store while it lasts; the next run's idle close takes it."""
    monkeypatch.setattr(store, "IDLE_CLOSE", 0.05)
    with store.hold(closed_db):
        store.cursor(closed_db).execute("SELECT count(*) FROM batches").fetchone()
    with store.write(closed_db) as cur:  # the last run has let go: its idle close is due in 0.05 s
        time.sleep(0.3)
        cur.execute("CREATE TABLE scratch (x INTEGER)")
    assert store.cursor(closed_db).execute("SELECT count(*) FROM scratch").fetchone() == (0,)
    with store.hold(closed_db):  # the next script run's idle close takes the store
        pass
    _until_closed(closed_db)
    assert _opens_elsewhere(closed_db)


def test_opening_waits_for_another_process_and_says_so(closed_db):
    holder = _hold_elsewhere(closed_db, 2)
    said = []
    with store.wait_notice(said.append), store.hold(closed_db):
        assert store.cursor(closed_db).execute("SELECT count(*) FROM batches").fetchone() == (0,)
    holder.wait(timeout=30)
    assert said[0].startswith("waiting for the store: it is held by another process (PID ")
    assert said[-1].startswith("got the store after waiting ")
    assert str(closed_db) not in " ".join(said)  # no server paths


def test_a_wait_that_runs_out_is_store_busy(closed_db, monkeypatch):
    monkeypatch.setenv("SPEND_LOCK_WAIT", "1")
    holder = _hold_elsewhere(closed_db, 0)  # held until both waits have run out, not for a fixed time
    try:
        with pytest.raises(store.StoreBusy, match="held by another process"):
            with store.hold(closed_db):
                pass
        # and the CLI: one line, exit 1, no traceback
        r = subprocess.run([sys.executable, "-m", "lib.cli", "kpis", "--fy", "2024/25", "--db", str(closed_db)],
                           cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SPEND_LOCK_WAIT": "1"},
                           timeout=60)
        assert r.returncode == 1 and "Traceback" not in r.stderr and "IOException" not in r.stderr
        assert "waiting for the store" in r.stderr and "still held by another process" in r.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)


def test_a_run_reads_the_store_version_once_until_this_process_writes(fresh_db, tmp_path):
    """While a script run holds the store, the version every cached figure is keyed on is read once,
    and read again after a write this process commits (a load seen by the very next figure)."""
    from lib.ingest import load_file
    from lib.ui import cache

    cache._run.held, cache._run.version = True, None
    try:
        before = cache.version()
        with store.cursor(fresh_db) as cur:  # a stamped table changed behind the memo's back (not a commit
            cur.execute("INSERT INTO settings VALUES ('x', 'y', NULL)")  # through lib.store.write): not seen
        assert cache.version() == before
        (tmp_path / "spend_2019-05.csv").write_text("Date,Supplier Name,Amount\n01/05/2019,Acme Ltd,10.00\n")
        load_file(tmp_path / "spend_2019-05.csv", db=fresh_db)
        after = cache.version()
        assert after != before and after[1] == before[1] + 1  # one more batch
    finally:
        cache._run.held, cache._run.version = False, None
    assert cache.version() == after  # outside a held run: read every time
