"""The only module in lib/ that imports Streamlit: cached queries, the shared filter bar, banners,
money formatting and the drill-down from a figure to the transactions behind it.
"""
from __future__ import annotations

import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import streamlit as st

from lib import queries, store
from lib.filters import Filters, describe

ROOT = Path(__file__).resolve().parent.parent
TRANSACTIONS_PAGE = "pages/transactions.py"
UPLOAD_PAGE = "pages/upload.py"
ALL_YEARS = "All years"

# Session-state keys the filter bar's widgets own.
K_FY, K_MONTHS = "flt_fy", "flt_months"
K_DEPTS, K_CATS, K_SUPS = "flt_departments", "flt_categories", "flt_suppliers"
K_FILTERS, K_GOTO = "filters", "_goto"
K_ROUTED, K_ROUTE_RETRIES = "_routed", "_route_retries"

# Query functions the cache may run (name → lib.queries function).
CACHED = {
    name: getattr(queries, name)
    for name in (
        "financial_years", "months_available", "filter_options", "headline", "monthly_trend",
        "spend_by_department", "spend_by_category", "top_suppliers", "transactions_summary",
        "transactions", "batches", "quarantine_rows", "has_demo_data", "has_spend",
    )
}


# ---- routing ------------------------------------------------------------------------------

def mark_routed() -> None:
    """app.py calls this each run, before the page runs."""
    st.session_state[K_ROUTED] = True
    st.session_state[K_ROUTE_RETRIES] = 0


def require_router() -> None:
    """Pages call this first: make sure app.py (filters, navigation) ran around this page.

    Because pages/ sits beside app.py, Streamlit's legacy multipage mode answers a session's first
    request straight after the server starts: a deep link (/transactions) runs the page alone,
    without app.py, until st.navigation has run once in the process. Turning that mode off and
    rerunning puts the same page back inside the router.
    """
    if st.session_state.pop(K_ROUTED, False):
        return
    retries = st.session_state.get(K_ROUTE_RETRIES, 0)
    if retries >= 2:  # never loop; show the page bare rather than nothing
        return
    st.session_state[K_ROUTE_RETRIES] = retries + 1
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    PagesManager.uses_pages_directory = False
    st.rerun()


# ---- store and cache ----------------------------------------------------------------------

def db_path() -> str:
    """The store in use ($SPEND_DB or data/spend.duckdb), as a string cache key."""
    return str(store.db_path())


def _is_open(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        con.execute("SELECT 1")
        return True
    except duckdb.Error:
        return False


@st.cache_resource(show_spinner=False, validate=_is_open)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection to the store at ``path`` (migrated on first open)."""
    return store.connect(path)


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared connection: one per query, as DuckDB wants across threads."""
    return connection(db_path()).cursor()


def version() -> tuple[int, int]:
    """The store's version (max batch_id, batch count): part of every cache key, so a load or a
    removal is seen on the next rerun."""
    return queries.store_version(cursor())


@st.cache_data(show_spinner=False, max_entries=512, ttl=3600)
def _cached(name: str, path: str, store_version: tuple, *args):
    return CACHED[name](connection(path).cursor(), *args)


def query(name: str, *args):
    """``lib.queries.<name>(cursor, *args)``, cached per store path and store version."""
    return _cached(name, db_path(), version(), *args)


def transactions_csv(f: Filters) -> bytes:
    """Every transaction behind ``f`` as spreadsheet-safe CSV; built on demand, not cached
    (a whole year can be tens of megabytes)."""
    return queries.transactions_csv(cursor(), f)


# ---- money --------------------------------------------------------------------------------

def money(value) -> str:
    """'£1,234.56', '-£200.00'; exact to the penny."""
    d = Decimal(value or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{'-' if d < 0 else ''}£{abs(d):,.2f}"


def money_short(value) -> str:
    """'£44.7M', '£1.2bn', and whole pounds below a million ('£4,651', '-£3,151')."""
    d = Decimal(value or 0)
    sign, a = ("-" if d < 0 else ""), abs(d)
    if a >= 1_000_000_000:
        return f"{sign}£{a / 1_000_000_000:.1f}bn"
    if a >= 1_000_000:
        return f"{sign}£{a / 1_000_000:.1f}M"
    return f"{sign}£{a.quantize(Decimal('1'), ROUND_HALF_UP):,}"


def signed(text: str) -> str:
    """'+£1.2M' for a positive delta (st.metric reads the sign for its arrow)."""
    return text if text.startswith("-") else "+" + text


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


# ---- the shared filter bar ----------------------------------------------------------------

def _reset_months() -> None:
    st.session_state.pop(K_MONTHS, None)


def clear_filters() -> None:
    """Back to the latest financial year, every month, department, category and supplier."""
    for k in (K_FY, K_MONTHS, K_DEPTS, K_CATS, K_SUPS):
        st.session_state.pop(k, None)


def _keep_filter_state() -> None:
    """Re-assign the filter keys through the Session State API.

    st.switch_page reruns without the browser's widget states, and Streamlit then drops the
    state of every widget as stale; values set through the API survive. Without this a drill
    from the Overview would lose the year and months the user had chosen.
    """
    ss = st.session_state
    for k in (K_FY, K_MONTHS, K_DEPTS, K_CATS, K_SUPS):
        if k in ss:
            ss[k] = ss[k]


def _sanitise(fys: list[str], months: list[date], options: dict) -> None:
    """Drop stored choices the store no longer offers (a batch removed, a year changed)."""
    ss = st.session_state
    if ss.get(K_FY) not in fys + [ALL_YEARS]:
        ss[K_FY] = fys[0]
    rng = ss.get(K_MONTHS)
    if not (isinstance(rng, (tuple, list)) and len(rng) == 2 and all(m in months for m in rng)):
        ss[K_MONTHS] = (months[0], months[-1]) if months else None
    for key, opts in ((K_DEPTS, options["departments"]), (K_CATS, options["categories"]),
                      (K_SUPS, options["suppliers"])):
        ss[key] = [v for v in ss.get(key) or [] if v in opts]


def filter_bar() -> Filters:
    """Render the filters in the sidebar and return what they select (also kept in session state
    under 'filters' for the pages). Widgets keep their values across pages via their keys."""
    _keep_filter_state()
    fys = query("financial_years")
    sb = st.sidebar
    if not fys:
        st.session_state[K_FILTERS] = Filters()
        sb.caption("Filters appear once spend is loaded.")
        return Filters()
    options = query("filter_options")
    fy_choice = st.session_state.get(K_FY)
    months = query("months_available", None if fy_choice in (None, ALL_YEARS) else fy_choice)
    _sanitise(fys, months, options)
    fy_choice = st.session_state[K_FY]
    months = query("months_available", None if fy_choice == ALL_YEARS else fy_choice)
    _sanitise(fys, months, options)

    sb.header("Filters")
    sb.selectbox("Financial year", fys + [ALL_YEARS], key=K_FY, on_change=_reset_months,
                 help="1 April to 31 March")
    month_from = month_to = None
    if len(months) >= 2:
        rng = sb.select_slider("Months", options=months, key=K_MONTHS, format_func=month_label,
                               help="By the month of the payment date (or the file's period when no day was given)")
        month_from = rng[0] if rng[0] != months[0] else None
        month_to = rng[1] if rng[1] != months[-1] else None
    depts = sb.multiselect("Departments", options["departments"], key=K_DEPTS, placeholder="All departments")
    cats = sb.multiselect("Categories", options["categories"], key=K_CATS, placeholder="All categories")
    sups = sb.multiselect("Suppliers", list(options["suppliers"]), key=K_SUPS, placeholder="All suppliers",
                          format_func=lambda k: options["suppliers"].get(k, k))
    f = Filters(
        fy=None if fy_choice == ALL_YEARS else fy_choice,
        month_from=month_from, month_to=month_to,
        departments=tuple(depts), categories=tuple(cats), suppliers=tuple(sups),
    )
    sb.button("Clear filters", on_click=clear_filters, key="flt_clear", width="stretch")
    st.session_state[K_FILTERS] = f
    return f


def current_filters() -> Filters:
    """The filters the sidebar bar selected in this run (all spend if it has not run)."""
    return st.session_state.get(K_FILTERS) or Filters()


def filter_summary(f: Filters) -> str:
    names = query("filter_options")["suppliers"] if f.suppliers else None
    return describe(f, names)


# ---- drill-down: from a figure to the transactions behind it ------------------------------

def _apply_drill(change: dict) -> None:
    """Callback: narrow the filters to ``change`` and ask the router to open Transactions.

    ``change`` keys: fy, month (a first-of-month date), departments, categories, suppliers.
    Runs before the script, so the filter widgets can still take new values.
    """
    _keep_filter_state()
    ss = st.session_state
    if "fy" in change:
        ss[K_FY] = change["fy"] or ALL_YEARS
        ss.pop(K_MONTHS, None)
    if "month" in change:
        ss[K_MONTHS] = (change["month"], change["month"])
    for field, key in (("departments", K_DEPTS), ("categories", K_CATS), ("suppliers", K_SUPS)):
        if field in change:
            ss[key] = list(change[field])
    ss[K_GOTO] = TRANSACTIONS_PAGE


def _on_chart_select(chart_key: str, changes: dict) -> None:
    event = st.session_state.get(chart_key) or {}
    points = (event.get("selection") or {}).get("points") or []
    if not points:
        return
    custom = points[0].get("customdata")
    ident = custom[0] if isinstance(custom, list) and custom else custom
    change = changes.get(ident)
    if change is not None:
        _apply_drill(change)


def clickable_chart(fig, key: str, changes: dict) -> None:
    """A Plotly chart where clicking a mark opens the transactions behind it.

    ``changes`` maps a mark's customdata[0] (lib.charts puts the label, supplier_key or
    trend_id there) to the filter change that mark stands for (see _apply_drill).
    """
    st.plotly_chart(
        fig, key=key, on_select=functools.partial(_on_chart_select, key, changes),
        selection_mode="points", config={"displaylogo": False},
    )


def drill_picker(key: str, label: str, choices: dict) -> None:
    """Keyboard-friendly twin of a clickable chart: pick a bar, press 'Show transactions'.

    ``choices`` maps the text shown to the filter change (see _apply_drill).
    """
    if not choices:
        return
    a, b = st.columns([1.7, 1], vertical_alignment="bottom")
    pick = a.selectbox(label, list(choices), key=f"{key}_pick")
    b.button("Show transactions", key=f"{key}_go", on_click=_apply_drill, args=(choices[pick],),
             width="stretch")


def show_all_button(key: str, label: str = "Show these transactions") -> None:
    """Open Transactions with the current filters unchanged."""
    st.button(label, key=key, on_click=_apply_drill, args=({},))


def follow_drill() -> None:
    """Router hook: if a drill callback asked for Transactions, go there now."""
    target = st.session_state.pop(K_GOTO, None)
    if target:
        st.switch_page(target)


# ---- banners, empty states, footer --------------------------------------------------------

def demo_banner() -> None:
    """A notice on every page while any batch in the store is demo data."""
    if query("has_demo_data"):
        st.warning(
            "**Demo data.** These figures are generated for illustration, not the force's real spend. "
            "Load real files on the Upload page; remove the demo batch on the Data page.",
            icon=":material/science:",
        )


def empty_state(what: str = "spend") -> None:
    """Say there is nothing to show and what to do next."""
    st.info(f"No {what} yet: upload a file on the Upload page.", icon=":material/upload_file:")
    if (ROOT / UPLOAD_PAGE).exists():
        try:
            st.page_link(UPLOAD_PAGE, label="Go to Upload", icon=":material/arrow_forward:")
        except Exception:  # the page is not in this run's navigation
            pass


def footer() -> None:
    st.divider()
    st.caption(
        "Spend as published by the force and its PCC under the Open Government Licence v3.0. "
        "Totals include credit notes (netted) and redacted lines; figures exact to the penny."
    )


def remove_batch(batch_id: int) -> int:
    """Remove a batch through lib.ingest and return the rows removed; raises RuntimeError when
    the ingest module is not installed yet."""
    try:
        from lib.ingest import remove_batch as _remove
    except ImportError as exc:
        raise RuntimeError("Removing batches needs lib.ingest, which is not available") from exc
    removed = _remove(int(batch_id), db=db_path())
    st.cache_data.clear()
    return removed
