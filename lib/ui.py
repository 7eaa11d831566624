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
from lib.filters import Filters, describe, fy_name, fy_start

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

# The map and rings pages' questions (lib.geo.queries) and the supplier pages' (lib.suppliers: the
# fuzzy candidates take seconds on a large register) go through the same cache.
from lib import suppliers as _suppliers  # noqa: E402
from lib.geo import queries as geo_queries  # noqa: E402

CACHED.update({name: getattr(geo_queries, name) for name in geo_queries.CACHEABLE})
CACHED.update({name: getattr(_suppliers, name) for name in (
    "matched_share", "register_summary", "register_table", "worklist", "fuzzy_candidates")})
# The redaction status of a year's lines (lib.publish.redaction): ~0.7 s, wanted on every rerun of
# the Redactions and publishing pages.
from lib.publish import redaction as _redaction  # noqa: E402

CACHED.update({"line_status": _redaction.line_status, "proposals": _redaction.proposals})


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


def version() -> tuple:
    """The store's version (batches and staff decisions): part of every cache key, so a load, a
    removal or an edit is seen on the next rerun."""
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
        next_step = (" Load real files on the Upload page; remove the demo batches on the Data page."
                     if staff_signed_in() else "")
        st.warning(
            "**Demo data.** These figures are generated for illustration, not the force's real spend." + next_step,
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
    """Remove a batch through lib.ingest and return the rows removed (cached figures follow the
    store version)."""
    from lib.ingest import remove_batch as _remove

    return _remove(int(batch_id), db=db_path())


# ---- who is making a change ---------------------------------------------------------------

K_WHO = "staff_name"    # the name, kept in session state across pages
K_WHO_BOX = "who_box"   # the text box that edits it (widget state is dropped on pages without it)


def _keep_name() -> None:
    st.session_state[K_WHO] = (st.session_state.get(K_WHO_BOX) or "").strip()


def your_name(where=None) -> str:
    """The "Your name" box every staff write records; the name is kept in session state across
    pages (and starts as whoever signed in). Returns the name, stripped ('' until one is given)."""
    ss = st.session_state
    if K_WHO not in ss and ss.get("_staff_user"):
        ss[K_WHO] = ss["_staff_user"]
    if K_WHO_BOX not in ss:
        ss[K_WHO_BOX] = ss.get(K_WHO, "")
    (where or st).text_input("Your name", key=K_WHO_BOX, on_change=_keep_name,
                             placeholder="Recorded with every change you save",
                             help="Saved with each change, with the date and time, in the audit trail.")
    _keep_name()
    return ss[K_WHO]


# ---- staff and public modes (lib.auth decides; this holds the session's answer) -------------

K_STAFF_USER = "_staff_user"


def secrets():
    """st.secrets, or None when the app has no secrets file (reading it would raise)."""
    try:
        st.secrets.get("auth")
        return st.secrets
    except Exception:
        return None


def staff_access() -> str:
    """How staff sign in here: lib.auth.OIDC, PASSWORD, OPEN or REFUSED."""
    from lib import auth

    return auth.staff_access(secrets())


def staff_signed_in() -> bool:
    """True when this session may see the staff pages (never in public mode: app.py asks only in
    staff mode)."""
    from lib import auth

    access = staff_access()
    if access == auth.OPEN:
        return True
    if access == auth.OIDC:
        try:
            return bool(st.user.is_logged_in)
        except Exception:
            return False
    if access == auth.PASSWORD:
        return bool(st.session_state.get(K_STAFF_USER))
    return False


def sign_in_with_password(name: str, password: str) -> bool:
    """Check the password against the configured hash; on success remember who signed in."""
    from lib import auth

    if not (name or "").strip():
        return False
    if auth.check_password(password, auth.expected_hash(secrets())):
        st.session_state[K_STAFF_USER] = name.strip()
        return True
    return False


def sign_out() -> None:
    st.session_state.pop(K_STAFF_USER, None)


def staff_identity() -> str:
    """Who is deciding, for audit trails: the OIDC e-mail or name, the name given at password
    sign-in, or 'local demo (open staff mode)'."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "signed-in user")
    except Exception:
        pass
    return st.session_state.get(K_STAFF_USER) or "local demo (open staff mode)"


@st.cache_data(show_spinner=False, max_entries=16, ttl=600)
def _published(path: str, store_version: tuple, fy: str):
    from lib.publish import redaction

    return redaction.published_lines(connection(path).cursor(), fy)


def published_lines(fy: str):
    """The year's lines as the public may see them (lib.publish.redaction.published_lines),
    cached per store version (which stamps the redaction rules and decisions)."""
    return _published(db_path(), version(), fy)


# ---- district shapes for the maps (lib.geo.shapes) ----------------------------------------

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

    return getattr(figures, name)(connection(path).cursor(), fy)


def public_figures(name: str, fy: str):
    """lib.publish.figures.<name>(cursor, fy) ('summary', 'scorecard' or 'district_map'), cached per
    store version."""
    assert name in ("summary", "scorecard", "district_map")
    return _public(name, db_path(), version(), fy)


# ---- the strategy scorecard (lib.measures) ------------------------------------------------

MEASURE_CALLS = (
    "scorecard", "spend_facts", "spend_measures", "on_contract_pct", "collaborative_pct", "collaborative_by_route", "review_list",
    "contracts_expiring", "contract_burn", "contracts_live", "contracts_register", "savings", "savings_cumulative",
    "savings_rows", "social_value_pct", "social_value_contracts", "drill_rows", "drill_summary", "targets_table",
    "target_changes", "contract_edit_history", "sme_pct", "vcse_pct", "local_pct", "north_west_pct",
    "unknown_location_pct",
)


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _measure(name: str, path: str, store_version: tuple, *args):
    from lib import measures

    return getattr(measures, name)(connection(path).cursor(), *args)


def measure(name: str, *args):
    """``lib.measures.<name>(cursor, *args)``, cached per store version (which stamps contract
    edits, targets, supplier answers, routes and settings as well as the batches)."""
    assert name in MEASURE_CALLS, name
    return _measure(name, db_path(), version(), *args)


def scorecard_year(f: Filters) -> str | None:
    """The financial year the scorecard shows: the filter bar's, or the latest when 'All years'."""
    if f.fy:
        return f.fy
    fys = query("financial_years")
    return fys[0] if fys else None


def measure_text(m: dict, value) -> str:
    if value is None:
        return "—"
    return money_short(value) if m["unit"] == "money" else f"{Decimal(value):.1f}%"


def _change_text(m: dict) -> str | None:
    c = m.get("change")
    if c is None:
        return None
    if m["unit"] == "money":
        return signed(money_short(c))
    c = Decimal(c)
    shown = abs(c).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if shown == 0:  # a change too small for one decimal still shows its size and sign
        shown = abs(c).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{'-' if c < 0 else '+'}{shown} pts"


STATUS_ICONS = {"met": ":material/check_circle:", "not met": ":material/error:",
                "no target": ":material/remove:", "no data": ":material/help:"}


def scorecard_tiles(fy: str) -> None:
    """One tile a measure: value, change against the previous year, a trend by year, target and
    status with its rule (in words and an icon, never colour alone), and a link to the page that
    explains it (lib.measures.MEASURES)."""
    card = measure("scorecard", fy)
    items = list(card["measures"].items())
    for start in range(0, len(items), 3):
        cols = st.columns(3)
        for col, (key, m) in zip(cols, items[start:start + 3]):
            with col.container(border=True, key=f"tile_{key}"):
                trend = [float(v) for _, v in m["trend"] if v is not None]
                prev = m.get("previous")
                st.metric(
                    m["label"], measure_text(m, m["value"]), _change_text(m),
                    delta_color=("off" if m["direction"] is None else
                                 "inverse" if m["direction"] == "at_most" else "normal"),
                    delta_description=None if prev is None else f"vs {fy_name(fy_start(fy) - 1)}",
                    chart_data=trend if len(trend) > 1 else None, chart_type="line",
                    help=_tile_help(m),
                )
                st.markdown(f"{STATUS_ICONS.get(m['status'], '')} **{m['status'].capitalize()}** · "
                            f"{target_words(m)}")
                st.page_link(m["page"], label="How it is worked out", icon=":material/arrow_forward:",
                             query_params={"measure": key})


def target_words(m: dict) -> str:
    if m["target"] is None:
        return "no target set"
    sign = "≤" if m["direction"] == "at_most" else "≥"
    return f"target {sign} {measure_text(m, m['target'])}"


def _tile_help(m: dict) -> str:
    text = f"{m['what']}. Status rule: {m['rule']}."
    if m["denominator"] is not None and m["unit"] == "pct":
        if m["measure"] == "social_value_pct":
            text += f" {m['numerator']} of {m['denominator']} contracts."
        else:
            text += f" {money(m['numerator'])} of {money(m['denominator'])}."
    if m["measure"] == "savings" and m["value"] is not None:
        text += f" Cashable {money(m.get('cashable'))}; non-cashable {money(m.get('non_cashable'))}."
    if m["measure"] == "sme_pct":
        text += f" SME test: {m.get('sme_test_label')}; spend whose SME status is not known counts as not SME."
    return text


def measure_drill(part: str, fy: str | None, f: Filters | None, args: tuple, key: str, title: str) -> None:
    """The transactions behind a figure (lib.measures.drill_rows) shown in place, largest first,
    with provenance, their total, and the whole set as CSV or XLSX with formulas neutralised."""
    from lib import measures

    f = f or Filters()
    if not st.toggle(f"Show the transactions: {title}", key=f"{key}_show"):
        return
    summary = measure("drill_summary", part, fy, f, tuple(args))
    st.markdown(f"**{title}**: {summary['lines']:,} lines, {money(summary['amount'])}")
    if summary["lines"] == 0:
        st.info("No transactions behind this figure.")
        return
    rows = measure("drill_rows", part, fy, None, f, tuple(args), 500)
    st.dataframe(rows, hide_index=True, key=f"{key}_rows", column_config={
        "period_start": st.column_config.DateColumn("Date", format="DD/MM/YYYY"),
        "payment_date": st.column_config.DateColumn("Payment date", format="DD/MM/YYYY"),
        "amount": st.column_config.NumberColumn("Amount (£)", format="%,.2f"),
        "supplier_name": "Supplier (as published)", "contract_reference": "Contract", "file_name": "File",
        "row_number": st.column_config.NumberColumn("Row", format="%d"),
        "batch_id": st.column_config.NumberColumn("Batch", format="%d"),
    })
    if summary["lines"] > len(rows):
        st.caption(f"The {len(rows):,} largest lines of {summary['lines']:,}; the downloads hold them all.")

    def _all():
        return measures.drill_rows(cursor(), part, fy, None, f, tuple(args))

    a, b = st.columns(2)
    a.download_button("Download CSV", data=lambda: measures.to_csv(_all()), file_name=f"{key}.csv",
                      mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                      help="Text starting with = + - or @ is prefixed with ' so a spreadsheet shows it rather than runs it.")
    b.download_button("Download XLSX", data=lambda: measures.to_xlsx(_all(), title[:31]), file_name=f"{key}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"{key}_xlsx", icon=":material/download:")


def table_downloads(df, name: str, key: str) -> None:
    """CSV and XLSX of a table on screen, formulas neutralised; built when a button is pressed, not on
    every rerun (an XLSX of a few hundred rows takes a quarter of a second)."""
    from lib import measures

    a, b = st.columns(2)
    a.download_button("Download CSV", data=lambda: measures.to_csv(df), file_name=f"{name}.csv", mime="text/csv",
                      key=f"{key}_csv", icon=":material/download:")
    b.download_button("Download XLSX", data=lambda: measures.to_xlsx(df, name[:31]), file_name=f"{name}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"{key}_xlsx", icon=":material/download:")
