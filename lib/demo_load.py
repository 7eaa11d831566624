"""Build the demo store: the postcode reference, then the deterministic demo files loaded through
the same ingest path as any upload, marked as demo data (the app labels it wherever it shows).

A build is many transactions (one a file), so it must never be left half done for good:

- the store says where a build stands (``settings`` row ``demo_build``: ``building`` from the
  first write, ``complete`` after the last, ``removed`` once the demo is taken out), and a start
  that finds ``building`` (or demo batches with no state at all, from an older release) finishes
  the build: files already loaded are skipped by their SHA-256, so it picks up where it stopped;
- the app runs the build in a background thread of its own (:func:`start_if_needed`), so a click
  that stops the page's script does not stop the build; every session waits on the same build;
- :func:`remove_demo` takes every demo batch out in one transaction, and the demo is not built
  again by itself after that.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile
import threading
from pathlib import Path

from lib import store
from lib.queries import has_demo_data

DEMO_SEED = 2020
STATE = "demo_build"  # the settings row
BUILDING, COMPLETE, REMOVED = "building", "complete", "removed"
# The first line or first page of every output made while demo batches are in the store (briefing,
# snapshot, CSV and XLSX downloads), so invented figures are never forwarded as the force's.
DEMO_LABEL = "Demo data, not the force's spend"


def label(db=None) -> str | None:
    """DEMO_LABEL when any batch in the store (a path, or a cursor) is demo data, else None."""
    return DEMO_LABEL if has_demo_data(db) else None


def store_is_empty(db=None) -> bool:
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT count(*) FROM batches").fetchall()[0][0] == 0
    finally:
        cur.close()


def demo_state(db=None) -> str | None:
    """Where the demo build stands in this store: building, complete, removed, or None (never)."""
    cur = store.cursor(db)
    try:
        row = cur.execute("SELECT value FROM settings WHERE name = ?", [STATE]).fetchone()
        if row:
            return row[0]
        # A store from before the state was kept: demo batches mean a build ran, perhaps not to the end.
        return BUILDING if has_demo_data(cur) else None
    finally:
        cur.close()


def _set_state(cur, state: str) -> None:
    cur.execute("INSERT OR REPLACE INTO settings (name, value, note) VALUES (?, ?, ?)",
                [STATE, state, "the demo store's build: building, complete or removed (lib.demo_load)"])


def needs_build(db=None) -> bool:
    """True when the demo should be built now: a half-built demo store (to finish it), or an empty
    store that never held the demo. SPEND_NO_DEMO=1 turns both off (tests, a force's own store)."""
    if os.environ.get("SPEND_NO_DEMO") == "1":
        return False
    state = demo_state(db)
    return state == BUILDING or (state is None and store_is_empty(db))


def _loaded(db, path: Path, kind: str) -> bool:
    from lib.ingest.read import sha256_of

    cur = store.cursor(db)
    try:
        return cur.execute("SELECT count(*) FROM batches WHERE kind = ? AND file_sha256 = ?",
                           [kind, sha256_of(path)]).fetchone()[0] > 0
    finally:
        cur.close()


def build_demo(db=None, progress=None) -> dict:
    """Generate and load the demo registers and spend files; return a summary.

    Resumes a build that stopped part way: a file already in the store is skipped (same bytes,
    same seed), and the store says ``complete`` only after the last file is in."""
    from lib.demo import generate
    from lib.geo.postcodes import build_reference
    from lib.ingest import load_file
    from lib.suppliers import refresh_store

    say = progress or (lambda f, t: None)
    with store.write(db) as cur:
        _set_state(cur, BUILDING)

    def load(path: Path, kind: str = "spend", **kw):
        if _loaded(db, path, kind):
            return None
        return load_file(path, db=db, kind=kind, is_demo=True, **kw)

    build_reference(db, progress=lambda f, t: say(0.35 * f, t))
    say(0.36, "Generating demo data")
    with tempfile.TemporaryDirectory(prefix="spend-demo-") as tmp:
        files = generate(Path(tmp), seed=DEMO_SEED)
        load(files["suppliers"], "suppliers", refresh_suppliers=False)
        load(files["savings"], "savings")
        spend = sorted(files["spend"])
        lines, amount, loaded = 0, 0, 0
        for i, path in enumerate(spend):
            res = load(path, refresh_suppliers=False)
            if res is not None and not res.duplicate:
                loaded += 1
                lines += res.rows_loaded
                amount += res.amount_loaded
            say(0.4 + 0.58 * (i + 1) / len(spend), f"Loaded {Path(path).name}")
        say(0.98, "Linking spend to suppliers and places")
        refresh_store(db)
        # The contracts last, once spend and its links are in: which contract covers each line is
        # then worked out once, not again with every spend file.
        say(0.99, "Loading the contracts register")
        load(files["contracts"], "contracts")
    with store.write(db) as cur:
        _set_state(cur, COMPLETE)
    say(1.0, "Demo data ready")
    return {"files": len(spend), "files_loaded": loaded, "lines": lines, "amount": f"{amount:.2f}"}


def ensure_demo_loaded(db=None, progress=None) -> bool:
    """Build (or finish) the demo store when :func:`needs_build` says so; True when it did."""
    if not needs_build(db):
        return False
    build_demo(db, progress)
    return True


def remove_demo(db=None) -> dict:
    """Remove every demo batch and everything it loaded, in one transaction; the demo is then not
    built again by itself (``python -m lib.cli demo`` builds it on purpose)."""
    from lib.ingest.load import delete_batches

    with store.write(db) as cur:
        ids = [r[0] for r in cur.execute("SELECT batch_id FROM batches WHERE is_demo ORDER BY batch_id").fetchall()]
        lines = delete_batches(cur, ids)
        _set_state(cur, REMOVED)
    return {"batches_removed": len(ids), "lines_removed": lines}


# ---- the app's build: one background thread per store, whatever the sessions do -------------

@dataclasses.dataclass
class Build:
    """One background build and how far it has got, read by every session that waits on it."""
    db: str
    fraction: float = 0.0
    text: str = "Building the demo store (first run only)"
    error: str | None = None
    done: threading.Event = dataclasses.field(default_factory=threading.Event)

    def _say(self, fraction, text) -> None:
        self.fraction, self.text = min(max(float(fraction), 0.0), 1.0), text

    def _run(self) -> None:
        try:
            with store.hold(self.db):  # the store stays open for the build, then closes when idle
                build_demo(self.db, progress=self._say)
        except Exception as exc:  # shown by the app; the store still says building: the next start finishes it
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.done.set()


_builds: dict[str, Build] = {}
_builds_lock = threading.Lock()


def start_if_needed(db=None) -> Build | None:
    """The build of ``db`` running in this process, started now if :func:`needs_build`; None when
    there is nothing to build. The thread owns the build: a session that stops waiting (a click
    elsewhere, a closed tab) does not stop it."""
    key = str(store.db_path(db))
    with _builds_lock:
        build = _builds.get(key)
        if build is not None and not build.done.is_set():
            return build
        if not needs_build(key):
            return None
        build = _builds[key] = Build(key)
        threading.Thread(target=build._run, name="demo-build", daemon=True).start()
        return build
