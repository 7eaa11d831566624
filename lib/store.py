"""The DuckDB file that is the system of record.

One connection per process and database path, opened behind a lock; callers take a
``cursor()`` each (a DuckDB connection is not safe to share across threads, and Streamlit runs
each browser session in its own thread). Every write goes through :func:`write`, which holds a
process-wide lock and one transaction, so a load is all of a file or none of it, and ends by
bringing everything derived from the tables up to date (lib.derived), so no reader sees a change
without what follows from it, whatever order the data arrived in.

Other processes share the file (the app, a scheduled CLI load): see :func:`hold` and
:func:`connect`. In the app every use of the store runs inside a hold (app.py holds it for each
script run; a background thread takes its own), so the connection is closed when no run needs it.
"""
from __future__ import annotations

import contextlib
import os
import random
import re
import threading
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "spend.duckdb"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

_open_lock = threading.Lock()
_write_locks: dict[str, threading.RLock] = {}
_commits = 0  # write transactions committed by this process (lib.ui.cache keys a run's store version on it)
_connections: dict[str, StoreConnection] = {}

# Sharing the file with other processes. DuckDB lets one process hold a store read-write, or several
# read-only, never both: so the app opens the store for each script run (:func:`hold`) and closes it
# when no run has used it for IDLE_CLOSE seconds, and whoever finds it held by another process waits,
# retrying with backoff for up to SPEND_LOCK_WAIT seconds, then raises StoreBusy (never a lock error).
IDLE_CLOSE = 1.0
_users: dict[str, int] = {}           # open holds per store
_pinned: set[str] = set()             # opened outside any hold (the CLI, tests): open until close()
_released: dict[str, float] = {}      # when the last hold of a store ended
_refreshed: set[str] = set()          # stores whose derived data this process has brought up to date
_notice = threading.local()           # per thread: who to tell when waiting for another process


class StoreBusy(RuntimeError):
    """Another process (a load, the app) held the store for longer than the wait allowed."""


def lock_wait() -> float:
    """Seconds to wait for another process to let go of the store ($SPEND_LOCK_WAIT, default 120)."""
    try:
        return max(0.0, float(os.environ.get("SPEND_LOCK_WAIT") or 120))
    except ValueError:
        return 120.0


def is_lock_error(e: BaseException) -> bool:
    """Is ``e`` DuckDB refusing the file because another process holds it?"""
    return isinstance(e, duckdb.IOException) and "lock" in str(e).lower()


def _holder(e: BaseException) -> str:
    """'another process (PID 123)' from DuckDB's message; never the paths it also names."""
    m = re.search(r"PID (\d+)", str(e))
    return f"another process (PID {m.group(1)})" if m else "another process"


@contextlib.contextmanager
def wait_notice(say):
    """While the block runs, ``say(text)`` is called in this thread when opening the store has to
    wait for another process ('waiting for …') and when it got it ('… after 2.1 s')."""
    before = getattr(_notice, "say", None)
    _notice.say = say
    try:
        yield
    finally:
        _notice.say = before


def set_default_notice(say) -> None:
    """``say`` for every thread with no :func:`wait_notice` of its own (the CLI: a stderr line)."""
    global _default_say
    _default_say = say


_default_say = None


def _say(text: str) -> None:
    say = getattr(_notice, "say", None) or _default_say
    if say is not None:
        say(text)


# DuckDB's own memory: a share of the machine's, capped well under the 8 GB a store of fifty million
# lines must stay within (issue 13); past it, DuckDB spills to a folder beside the store.
MEMORY_SHARE = 0.6
MEMORY_CAP_GB = 4.0


def memory_limit() -> str:
    """DuckDB's memory limit: $SPEND_MEMORY_LIMIT as DuckDB reads it ('2GB', '512MB'), else
    MEMORY_SHARE of the machine's memory, at most MEMORY_CAP_GB."""
    given = (os.environ.get("SPEND_MEMORY_LIMIT") or "").strip()
    if given:
        return given
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        ram = 0
    gb = min(ram / 2**30 * MEMORY_SHARE, MEMORY_CAP_GB) if ram else MEMORY_CAP_GB
    return f"{max(int(gb * 1024), 256)}MB"


def connection_config(key: str) -> dict:
    """The DuckDB settings a store is opened with: the memory limit, and where to spill past it
    (``<store>.tmp`` beside the file)."""
    return {"memory_limit": memory_limit(), "temp_directory": key + ".tmp"}


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The store's path: the argument, else $SPEND_DB, else data/spend.duckdb."""
    return Path(path or os.environ.get("SPEND_DB") or DEFAULT_DB).resolve()


def connect(path: str | os.PathLike | None = None) -> StoreConnection:
    """The process's connection to the store at ``path`` (migrated); opened once, then reused.

    Opened outside a :func:`hold`, it stays open until :func:`close`; inside one, it is closed
    when the last hold has been idle IDLE_CLOSE seconds. When another process holds the file,
    this waits (see :func:`lock_wait`), saying so through :func:`wait_notice`."""
    key = str(db_path(path))
    started, delay = None, 0.05
    while True:
        with _open_lock:
            con = _connections.get(key)
            if con is not None:
                return con
            try:
                con = _open(key)
            except duckdb.IOException as e:
                if not is_lock_error(e):
                    raise
                waited = 0.0 if started is None else time.monotonic() - started
                if started is None:
                    started = time.monotonic()
                    _say(f"waiting for the store: it is held by {_holder(e)}")
                elif waited >= lock_wait():
                    raise StoreBusy(f"the store was still held by {_holder(e)} after {waited:.0f} s") from None
            else:
                if not _users.get(key):
                    _pinned.add(key)
                if started is not None:
                    _say(f"got the store after waiting {time.monotonic() - started:.1f} s")
                return con
        time.sleep(delay * (0.5 + random.random()))  # jittered, so waiting processes do not collide
        delay = min(delay * 1.6, 1.0)


# Rows a row group holds (DuckDB's default is 122,880). DuckDB writes a load's rows to the file while
# they are inserted, a full row group at a time; the rest wait for the commit, which then compresses
# and writes them on one core. A load's summaries (lib.summary: some 400,000 rows in a dozen tables
# at a million lines, each under 122,880 rows) were all left to the commit, which took 0.25 s; at
# 32,768 all but their last row groups are written as they are inserted, and the commit takes 0.05 s.
# The cost: a store some 10% larger (more, smaller row groups compress a little less well; 16,384
# made it 40% larger), and finer zone maps for the readers, which skip more.
ROW_GROUP_SIZE = 32_768
_ALIAS = "store"  # the name the store's file is attached under (a fixed identifier, never a value)


class StoreConnection:
    """The store's connection: DuckDB's, on an in-memory database with the store's file attached as
    ``store`` (ATTACH takes the row group size; a file opened as the database itself cannot) and made
    the default, so every statement reads and writes the store. Every cursor taken from it
    (:meth:`cursor`) is one too; anything else is DuckDB's connection's own. (A connection a
    statement returns, ``cur.execute(...)``, is DuckDB's: fetch from it, take no cursor from it.)"""

    __slots__ = ("_con",)

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def cursor(self) -> StoreConnection:
        cur = self._con.cursor()
        cur.execute("USE " + _ALIAS)  # the default database is each DuckDB connection's own
        return StoreConnection(cur)

    def __getattr__(self, name):
        return getattr(self._con, name)

    def __enter__(self) -> StoreConnection:
        return self

    def __exit__(self, *exc):
        return self._con.__exit__(*exc)


def _attach(key: str) -> StoreConnection:
    """DuckDB's connection with the store's file attached (see :class:`StoreConnection`) and set as
    every store connection is; closed again if any of that fails."""
    con = duckdb.connect(config=connection_config(key))
    try:
        con.execute("ATTACH ? AS " + _ALIAS + " (ROW_GROUP_SIZE " + str(int(ROW_GROUP_SIZE)) + ")", [key])
        con.execute("USE " + _ALIAS)
        # DuckDB draws a progress bar on stdout for a long statement on this connection (a migration
        # over tens of millions of lines): the CLI's stdout is its JSON lines, so no bar (cursors have none)
        con.execute("SET enable_progress_bar = false")
        # DuckDB weighs every way of compressing each column as it writes. Plain FSST is the costliest to
        # weigh, and DuckDB's dictionary-with-FSST covers the columns it would win (free text, references):
        # a million-line load spent an eighth of its writing weighing it, and kept the same size without.
        # Zstandard never won a column of ours either (the same size without it) and cost the load 5% of
        # its writing to weigh.
        con.execute("SET disabled_compression_methods = 'fsst,zstd'")
    except BaseException:
        con.close()  # (another process holds the file: connect waits and tries again)
        raise
    return StoreConnection(con)


def _open(key: str) -> StoreConnection:
    """Open and migrate (caller holds _open_lock); derived data is refreshed on the first open only,
    and not at all when the store was made just now: nothing is derived from a store that holds
    nothing yet, and its first write brings every part up to date (until then each part reads as
    stale, so readers work from the tables, which are empty)."""
    Path(key).parent.mkdir(parents=True, exist_ok=True)
    new = not Path(key).exists() and not Path(key + ".wal").exists()
    copied = new and _copy_template(key)
    con = _attach(key)
    try:
        _write_locks.setdefault(key, threading.RLock())
        applied = migrate(con)
        made = copied or applied == _names()
        if copied:
            _stamp_now(con)
        if key not in _refreshed:
            if not made:
                _refresh_derived(con)
            _refreshed.add(key)
    except BaseException:
        con.close()
        raise
    _connections[key] = con
    return con


@contextlib.contextmanager
def hold(path: str | os.PathLike | None = None):
    """Keep the store open for the block (one script run of the app, a background build): opened
    on entry (waiting for another process if need be: StoreBusy when that takes too long), and,
    unless something opened it for good, closed IDLE_CLOSE seconds after the last hold ends, so
    other processes (a scheduled CLI load) get their turn."""
    key = str(db_path(path))
    with _open_lock:
        _users[key] = _users.get(key, 0) + 1
    try:
        connect(path)
        yield
    finally:
        with _open_lock:
            _users[key] -= 1
            idle = _users[key] == 0 and key not in _pinned
            if idle:
                _released[key] = time.monotonic()
        if idle:
            t = threading.Timer(IDLE_CLOSE, _close_if_idle, [key])
            t.daemon = True
            t.start()


def _close_if_idle(key: str) -> None:
    with _open_lock:
        if _users.get(key) or key in _pinned or time.monotonic() - _released.get(key, 0) < IDLE_CLOSE * 0.9:
            return
        # A write under way outside any hold (a button's callback, before its script run holds the store)
        # keeps the store: closed under it, the write failed with DuckDB's "Connection already closed".
        # The next run's idle close takes it. (write takes its lock before the connection: see write.)
        lock = _write_locks.get(key)
        if lock is not None and not lock.acquire(blocking=False):
            return
        try:
            _close_locked(key)
        finally:
            if lock is not None:
                lock.release()


def close(path: str | os.PathLike | None = None) -> None:
    """Close the process's connection (tests and the CLI use this; the app's closes when idle)."""
    key = str(db_path(path))
    with _open_lock:
        _close_locked(key)
        _pinned.discard(key)
        _refreshed.discard(key)


def _close_locked(key: str) -> None:
    """Close the connection to ``key`` (caller holds _open_lock). Closed before the lock is let go:
    the file stays attached until DuckDB has closed it (writing the log into the file takes a
    moment), and a file attached twice in one process is refused, so a script run that opened the
    store meanwhile failed with DuckDB's "Unique file handle conflict"."""
    con = _connections.pop(key, None)
    if con is not None:
        con.close()


def cursor(path: str | os.PathLike | None = None) -> StoreConnection:
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
    global _commits
    _commits += 1


def commits() -> int:
    """How many write transactions this process has committed (to any store): a reader that holds the
    store (:func:`hold`, so no other process can write) knows nothing changed while this stays put."""
    return _commits


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
    lock = _write_locks.setdefault(str(db_path(path)), threading.RLock())
    with lock:  # (before the connection: an idle close lets a store be while its write lock is taken)
        con = connect(path)
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


def _template() -> Path | None:
    """An empty store with every migration applied, to copy for a new store: applying the migrations
    (some 160 statements, each view and macro planned) costs DuckDB about 0.3 s of CPU, copying the
    file a few milliseconds. Built once per set of migrations and DuckDB release (a hash of both
    names it) in a folder of this user's own in the system's temporary folder, the templates of earlier
    migrations removed; None when it cannot be built (a new store is then migrated where it is)."""
    import hashlib
    import tempfile

    h = hashlib.sha256(duckdb.__version__.encode())
    for f in _files():
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    folder = _private_folder(Path(tempfile.gettempdir()) / f"spend-insight-{getattr(os, 'getuid', lambda: 0)()}")
    if folder is None:
        return None
    path = folder / f"schema-{h.hexdigest()[:20]}.duckdb"
    for old in folder.glob("schema-*.duckdb"):  # templates of earlier migrations or releases
        if old != path:
            old.unlink(missing_ok=True)
    if path.exists():
        return path
    part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        con = duckdb.connect(str(part))
        try:
            migrate(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(part, path)  # whole or not at all, whoever builds it at the same time
    except (OSError, duckdb.Error):
        return None
    finally:
        for p in (part, Path(str(part) + ".wal")):
            p.unlink(missing_ok=True)
    return path


def _private_folder(folder: Path) -> Path | None:
    """``folder``, made if need be, when only this user can write to it (made with mode 0700, owned by
    this user, no one else's write or read bit): a template in a folder others could write to could be
    swapped for a store of theirs. None otherwise."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.lstat()
    except OSError:
        return None
    import stat

    own = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    if not stat.S_ISDIR(st.st_mode) or not own or st.st_mode & 0o077:
        return None
    return folder


def _copy_template(key: str) -> bool:
    """Make the new store at ``key`` a copy of the migrated template; False when there is none or the
    path was taken meanwhile (then it is opened and migrated as it is)."""
    import shutil

    tpl = _template()
    if tpl is None:
        return False
    part = f"{key}.{os.getpid()}.{threading.get_ident()}.part"
    try:
        shutil.copyfile(tpl, part)
        os.link(part, key)  # never over a store another process has just made
        return True
    except OSError:
        return False
    finally:
        Path(part).unlink(missing_ok=True)


# The columns whose default is the time a row was written (the catalog's, checked against this list
# by tests/test_store_template.py): the only identifiers _stamp_now writes into a statement.
STAMPED = (("_migrations", "applied_at"), ("batches", "loaded_at"), ("bodies", "added_at"),
           ("body_aliases", "added_at"), ("body_areas", "set_at"), ("category_group_choices", "set_at"),
           ("column_mappings", "confirmed_at"), ("contract_edits", "edited_at"), ("match_decisions", "decided_at"),
           ("redaction_decisions", "decided_at"), ("redaction_rules", "set_at"), ("reference_meta", "built_at"),
           ("supplier_edits", "edited_at"), ("target_changes", "set_at"), ("targets", "set_at"))
STAMPED_SQL = ("SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() "
               "AND schema_name = 'main' AND column_default ILIKE '%current_timestamp%'")


def _stamp_now(con: duckdb.DuckDBPyConnection) -> None:
    """In a store copied from the template, the rows the migrations wrote (their record, the seeded
    targets, rules and bodies) say they were written now, as migrating it here would have: every
    column of :data:`STAMPED` the store has is set to the current time."""
    present = set(con.execute(STAMPED_SQL).fetchall())
    con.execute("BEGIN TRANSACTION")
    for table, column in STAMPED:
        if (table, column) in present:
            con.execute("UPDATE " + table + " SET " + column + " = current_timestamp WHERE " + column + " IS NOT NULL")
    con.execute("COMMIT")


def _files() -> list[Path]:
    return sorted(MIGRATIONS.glob("m[0-9][0-9][0-9]_*.sql"))


def _names() -> list[str]:
    """Every migration's name, in order."""
    return [f.stem for f in _files()]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations in lib/migrations not yet applied, in order, in one
    transaction (all of them or, if one fails, none: a new store is made in one commit); return
    their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {r[0] for r in con.execute("SELECT name FROM _migrations").fetchall()}
    pending = [f for f in _files() if f.stem not in done]
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for sql_file in pending:
            con.execute(sql_file.read_text())
            con.execute("INSERT INTO _migrations (name) VALUES (?)", [sql_file.stem])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [f.stem for f in pending]
