"""The DuckDB file that is the system of record.

One connection per process and database path, opened behind a lock; callers take a
``cursor()`` each (a DuckDB connection is not safe to share across threads, and Streamlit runs
each browser session in its own thread). Every write goes through :func:`write`, which holds a
process-wide lock and one transaction, so a load is all of a file or none of it, and ends by
bringing everything derived from the tables up to date (lib.derived), so no reader sees a change
without what follows from it, whatever order the data arrived in.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "spend.duckdb"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

_open_lock = threading.Lock()
_write_locks: dict[str, threading.RLock] = {}
_connections: dict[str, duckdb.DuckDBPyConnection] = {}


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The store's path: the argument, else $SPEND_DB, else data/spend.duckdb."""
    return Path(path or os.environ.get("SPEND_DB") or DEFAULT_DB).resolve()


def connect(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """The process's connection to the store at ``path`` (migrated); opened once, then reused."""
    key = str(db_path(path))
    with _open_lock:
        con = _connections.get(key)
        if con is None:
            Path(key).parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(key)
            _write_locks[key] = threading.RLock()
            migrate(con)
            _refresh_derived(con)
            _connections[key] = con
        return con


def close(path: str | os.PathLike | None = None) -> None:
    """Close the process's connection (tests and the CLI use this; the app keeps it open)."""
    key = str(db_path(path))
    with _open_lock:
        con = _connections.pop(key, None)
        _write_locks.pop(key, None)
    if con is not None:
        con.close()


def cursor(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared connection: one per query or per caller."""
    return connect(path).cursor()


@contextlib.contextmanager
def _transaction(cur: duckdb.DuckDBPyConnection, refresh: bool = True):
    """One transaction on ``cur``: commits when the block ends, rolls back (and re-raises) on any
    exception. Before it commits, everything derived from what the block may have changed (supplier
    links and locations, each spend line's covering contract, district shapes: lib.derived) is
    brought up to date inside it, so no reader sees one without the other."""
    from lib import derived

    cur.execute("BEGIN TRANSACTION")
    try:
        yield cur
        if refresh:
            derived.refresh(cur)
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    cur.execute("COMMIT")


@contextlib.contextmanager
def write(path: str | os.PathLike | None = None, cur: duckdb.DuckDBPyConnection | None = None,
          refresh: bool = True):
    """Yield a cursor inside one transaction under the process's write lock.

    Commits when the block ends, rolls back (and re-raises) on any exception, so a failed or
    interrupted load leaves nothing behind; brings derived data up to date before it commits. Pass
    ``cur`` to write from a cursor that already holds staged temp tables (it is left open for the
    caller). ``refresh=False`` is for a bulk job that loads many files and then calls
    :func:`refresh` once: until then the derived parts are stale (``lib.derived.stale`` says so,
    readers of covering contracts work them out afresh, and the next write or opening catches up).
    """
    con = connect(path)
    lock = _write_locks[str(db_path(path))]
    with lock:
        own = cur is None
        cur = con.cursor() if own else cur
        try:
            with _transaction(cur, refresh):
                yield cur
        finally:
            if own:
                cur.close()


def refresh(path: str | os.PathLike | None = None) -> None:
    """Bring derived data up to date now: the write path with nothing to write (lib.derived)."""
    with write(path):
        pass


def _refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Bring derived data up to date on opening (a store written by an older release, or outside
    :func:`write`); one transaction, a few milliseconds when nothing changed."""
    cur = con.cursor()
    try:
        with _transaction(cur):
            pass
    finally:
        cur.close()


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations in lib/migrations not yet applied; return their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {r[0] for r in con.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for sql_file in sorted(MIGRATIONS.glob("m[0-9][0-9][0-9]_*.sql")):
        name = sql_file.stem
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql_file.read_text())
            con.execute("INSERT INTO _migrations (name) VALUES (?)", [name])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
