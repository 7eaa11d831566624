"""The store seen from the app: one connection per process, a cursor per query, and every lib
question the pages ask (queries, geography, suppliers, redaction, public figures, the scorecard)
cached per store path and store version.

In public mode (lib.auth.mode) the store is the public store (lib.publish.public_store), opened
read-only, and only the public pages' questions are answered: the staff store is never opened.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading

import duckdb
import streamlit as st

from lib import auth, categories, queries, store
from lib import suppliers as _suppliers
from lib import bodies as _bodies
from lib import peers as _peers
from lib.filters import Filters
from lib.geo import queries as geo_queries
from lib.publish import public_store
from lib.publish import redaction as _redaction
from lib.scorecard import card, contracts, drill, registers, spend, targets


# Query functions the cache may run (name → lib function). The map and rings pages' questions
# (lib.geo.queries) and the supplier pages' (lib.suppliers: the fuzzy candidates take seconds on a
# large register) go through the same cache, as does the redaction status of a year's lines
# (lib.publish.redaction: ~0.7 s, wanted on every rerun of the Redactions and publishing pages).
CACHED = {
    name: getattr(queries, name)
    for name in (
        "financial_years", "months_available", "filter_options", "body_choices", "headline", "monthly_trend",
        "spend_by_department", "spend_by_category", "top_suppliers", "transactions_summary",
        "transactions", "batches", "quarantine_rows", "total_line_rows", "has_demo_data", "has_spend",
    )
}
CACHED.update({name: getattr(geo_queries, name) for name in geo_queries.CACHEABLE})
CACHED.update({name: getattr(_suppliers, name) for name in (
    "matched_share", "register_summary", "register_table", "worklist", "fuzzy_candidates")})
CACHED.update({"line_status": _redaction.line_status, "proposals": _redaction.proposals,
               "pending_lines": _redaction.pending_lines, "published_months": _redaction.published_months,
               "published_page": _redaction.published_page, "withheld_totals": _redaction.withheld_totals,
               "month_figures": _redaction.month_figures})
# The Overview's category chart and its groups editor are worked out from one read of every category's
# spend (itself cached), not one each.
CACHED.update({"category_spend": categories.category_spend,
               "spend_by_category_group": lambda cur, f: categories.spend_by_group(cur, f, query("category_spend", f)),
               "category_groups": lambda cur, f: categories.mapping_table(cur, f, query("category_spend", f))})
CACHED.update({"body_names": _bodies.choices, "all_bodies": _bodies.all_bodies, "body_scope": _bodies.scope_text,
               "has_peers": _bodies.has_peers,
               "body_aliases": _bodies.aliases, "peer_comparison": _peers.comparison,
               "shared_suppliers": _peers.shared_suppliers, "peer_areas": _peers.areas_table,
               "area_choices": _peers.area_choices, "area_codes": _peers.area_codes, "ring_scope": _peers.ring_scope,
               "relative_rings": _peers.relative_rings, "no_spend_text": _bodies.no_spend_text})


# The questions the public pages ask, answered from the public store in public mode (name → function).
PUBLIC_CALLS = {name: getattr(public_store, name) for name in (
    "financial_years", "has_demo_data", "summary", "scorecard", "district_map", "published_lines",
    "published_months", "published_page", "withheld_totals", "month_figures")}


def public_mode() -> bool:
    """True when this server is the public site (SPEND_MODE=public, or --public)."""
    return auth.mode(sys.argv[1:]) == auth.PUBLIC


def db_path() -> str:
    """The store in use ($SPEND_DB or data/spend.duckdb; in public mode the public store,
    $SPEND_PUBLIC_DB or data/public.duckdb), as a string cache key."""
    return str(public_store.public_db_path() if public_mode() else store.db_path())


def connection(path: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection to the store at ``path`` (migrated on first open): open while a
    script run holds it (:func:`store_session`), closed when idle so other processes can load."""
    return store.connect(path)


BUSY = "The store is busy loading a file, retrying…"


@contextlib.contextmanager
def store_session():
    """Hold the store for one script run (lib.store.hold). While another process is loading into it,
    the page says so and waits (retrying), then goes on; if it stays busy past SPEND_LOCK_WAIT, a
    plain message and a stop: never a lock error or a traceback. In public mode, nothing: the
    public store is a read-only file of its own, never the staff store."""
    if public_mode():
        yield
        return
    notice = st.empty()

    def waiting(text: str) -> None:
        if text.startswith("waiting"):
            notice.info(BUSY, icon=":material/hourglass_top:")

    try:
        with store.wait_notice(waiting), store.hold(db_path()):
            notice.empty()
            _run.held = True
            try:
                yield
            finally:
                _run.held, _run.version = False, None
    except store.StoreBusy:
        notice.warning("The store is still busy loading a file. Reload the page in a minute.",
                       icon=":material/hourglass_top:")
        st.stop()


def _file_stamp(path: str) -> tuple | None:
    try:
        s = os.stat(path)
    except OSError:
        return None
    return s.st_ino, s.st_mtime_ns


def _is_open(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        con.execute("SELECT 1")
        return True
    except duckdb.Error:
        return False


_public_lock = threading.Lock()
_public_open: dict[str, tuple[tuple | None, duckdb.DuckDBPyConnection]] = {}


def _public_connection(path: str, file_stamp: tuple | None) -> duckdb.DuckDBPyConnection:
    """The public store at ``path``, read-only; a new one each time it is published (a new file
    renamed over the old: ``file_stamp`` changes). Raises public_store.NotPublished.

    The old connection is closed first: DuckDB keeps one database instance per path while any
    connection to it is open, so opening the path again would still read the replaced file."""
    with _public_lock:
        held = _public_open.get(path)
        if held and held[0] == file_stamp and _is_open(held[1]):
            return held[1]
        if held:
            del _public_open[path]
            with contextlib.suppress(duckdb.Error):
                held[1].close()
        con = public_store.connect(path)
        _public_open[path] = (file_stamp, con)
        return con


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared connection: one per query, as DuckDB wants across threads."""
    if public_mode():
        path = db_path()
        return _public_connection(path, _file_stamp(path)).cursor()
    return connection(db_path()).cursor()


# The script run on this thread: whether it holds the store (store_session), and the store version
# read in it, with the process's commit count and the path it was read at.
_run = threading.local()


def version() -> tuple:
    """The store's version (batches and staff decisions): part of every cache key, so a load, a
    removal or an edit is seen on the next rerun. In public mode, when it was published.

    Read once a script run while the run holds the store (no other process can write then), and
    again after any write this process commits: a page asks for it before every cached figure."""
    if public_mode():
        return public_store.stamp(cursor()) + (_file_stamp(db_path()),)
    path, commits = db_path(), store.commits()
    seen = getattr(_run, "version", None)
    if seen is not None and seen[:2] == (path, commits):
        return seen[2]
    v = queries.store_version(cursor())
    if getattr(_run, "held", False):
        _run.version = (path, commits, v)
    return v


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _public_cached(name: str, path: str, store_version: tuple, *args):
    return PUBLIC_CALLS[name](cursor(), *args)


@st.cache_data(show_spinner=False, max_entries=512, ttl=3600)
def _cached(name: str, path: str, store_version: tuple, *args):
    return CACHED[name](connection(path).cursor(), *args)


def query(name: str, *args):
    """``lib.queries.<name>(cursor, *args)``, cached per store path and store version (in public
    mode only the public store's questions: PUBLIC_CALLS)."""
    if public_mode():
        return _public_cached(name, db_path(), version(), *args)
    return _cached(name, db_path(), version(), *args)


def transactions_csv(f: Filters, order="date", search: str | None = None) -> bytes:
    """Every transaction behind ``f`` (and ``search``) as spreadsheet-safe CSV under the published
    headings, in ``order``; built on demand, not cached (a whole year can be tens of megabytes).
    Labelled as demo data when it is."""
    return queries.transactions_csv(cursor(), f, label=demo_label(), order=order, search=search)


def demo_label() -> str | None:
    """The demo label for an output made from this store (lib.demo_load.label), or None."""
    from lib.demo_load import DEMO_LABEL

    return DEMO_LABEL if query("has_demo_data") else None


def remove_batch(batch_id: int) -> int:
    """Remove a batch through lib.ingest and return the rows removed (cached figures follow the
    store version)."""
    from lib.ingest import remove_batch as _remove

    return _remove(int(batch_id), db=db_path())


@st.cache_data(show_spinner=False, max_entries=16, ttl=600)
def _published(path: str, store_version: tuple, fy: str):
    return _redaction.published_lines(connection(path).cursor(), fy)


def published_lines(fy: str):
    """The year's lines as the public may see them (lib.publish.redaction.published_lines),
    cached per store version (which stamps the redaction rules and decisions)."""
    if public_mode():
        return _public_cached("published_lines", db_path(), version(), fy)
    return _published(db_path(), version(), fy)


def published_month(fy: str, month):
    """Every line of ``month`` of ``fy`` as published (the Monthly spend list's download): built on
    demand, not cached (a month can be hundreds of thousands of lines)."""
    if public_mode():
        return public_store.published_page(cursor(), fy, month, None)
    return _redaction.published_page(cursor(), fy, month, None)


@st.cache_data(show_spinner=False, max_entries=4)
def _district_shapes(path: str, stamp: str):
    from lib.geo.shapes import load_shapes

    return load_shapes(connection(path).cursor())


def district_shapes():
    """The district shapes the maps draw on (lib.geo.shapes.load_shapes): built on first use with
    a progress bar (a few seconds), then read from the store and cached. None when the postcode
    reference they are drawn from is not built."""
    from lib.geo import shapes

    if not shapes.shapes_built(cur=cursor()):
        bar = st.progress(0.0, text="Drawing the district shapes (first use only)…")
        try:
            shapes.build_shapes(db_path(), progress=lambda f, t: bar.progress(min(max(float(f), 0.0), 1.0), text=t))
        except shapes.ReferenceMissing:
            return None
        finally:
            bar.empty()
    return _district_shapes(db_path(), shapes.built_stamp(cursor()))


@st.cache_data(show_spinner=False, max_entries=32, ttl=600)
def _public(name: str, path: str, store_version: tuple, fy: str):
    from lib.publish import figures

    if name == "district_map":  # drawn from the districts the year's summary summed with its rings
        return figures.district_map(connection(path).cursor(), fy, by_district=public_figures("summary", fy)["districts"])
    return getattr(figures, name)(connection(path).cursor(), fy)


def public_figures(name: str, fy: str):
    """lib.publish.figures.<name>(cursor, fy) ('summary', 'scorecard' or 'district_map'), cached per
    store version."""
    assert name in ("summary", "scorecard", "district_map")
    if public_mode():
        return _public_cached(name, db_path(), version(), fy)
    return _public(name, db_path(), version(), fy)


# ---- the strategy scorecard (lib.scorecard) ------------------------------------------------

# The scorecard functions the cache may run (name → function).
MEASURE_CALLS = {f.__name__: f for f in (
    card.scorecard, spend.spend_facts, spend.spend_measures, spend.on_contract_pct, spend.collaborative_pct,
    contracts.collaborative_by_route, contracts.review_list, contracts.review, contracts.contracts_expiring, contracts.contract_burn,
    contracts.contracts_live, contracts.contracts_register, registers.savings, registers.savings_cumulative,
    registers.savings_rows, registers.register_years, registers.social_value_pct, registers.social_value_contracts, drill.drill_rows,
    drill.drill_summary, targets.targets_table, targets.target_changes, contracts.contract_edit_history,
    spend.sme_pct, spend.vcse_pct, spend.local_pct, spend.north_west_pct, spend.unknown_location_pct,
)}


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _measure(name: str, path: str, store_version: tuple, *args):
    return MEASURE_CALLS[name](connection(path).cursor(), *args)


def measure(name: str, *args):
    """``lib.scorecard.<name>(cursor, *args)``, cached per store version (which stamps contract
    edits, targets, supplier answers, routes and settings as well as the batches)."""
    assert name in MEASURE_CALLS, name
    return _measure(name, db_path(), version(), *args)
