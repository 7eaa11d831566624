"""From a figure to the transactions behind it: clickable charts, their keyboard twin, the
drill-down shown in place, and the CSV/XLSX downloads of a table."""
from __future__ import annotations

import functools

import streamlit as st

from lib import export
from lib.filters import Filters
from lib.format import money
from lib.scorecard import drill
from lib.ui.cache import cursor, demo_label, measure
from lib.ui.sidebar import (ALL_YEARS, K_BODIES, K_CATS, K_DEPTS, K_FILTERS, K_FY, K_MONTHS, K_SUPS,
                             keep_filter_state, snapshot)
from lib.ui.tables import table

TRANSACTIONS_PAGE = "pages/transactions.py"
K_GOTO = "_goto"
# The drill-downs' way back: a list of {"saved": the filter widgets before, "before": Filters before,
# "after": Filters the drill made (filled in by lib.ui.chips on the next run)}, latest last.
K_UNDO = "_drill_undo"
UNDO_DEPTH = 10
K_TO_TOP = "_drill_to_top"


def _apply_drill(change: dict) -> None:
    """Callback: narrow the filters to ``change`` and ask the router to open Transactions.

    ``change`` keys: fy, month (a first-of-month date), departments, categories, suppliers, bodies;
    page: the page to open instead of Transactions (a peer's figure opens the page that explains it);
    measure: the scorecard measure that page explains.
    Runs before the script, so the filter widgets can still take new values.
    """
    keep_filter_state()
    ss = st.session_state
    if change:  # what to go back to (lib.ui.chips says what the drill added and offers the way back)
        undo = ss.get(K_UNDO) or []
        undo.append({"saved": snapshot(), "before": ss.get(K_FILTERS) or Filters(), "after": None})
        ss[K_UNDO] = undo[-UNDO_DEPTH:]
    if "fy" in change:
        ss[K_FY] = change["fy"] or ALL_YEARS
        ss.pop(K_MONTHS, None)
    if "month" in change:
        ss[K_MONTHS] = (change["month"], change["month"])
    for field, key in (("departments", K_DEPTS), ("categories", K_CATS), ("suppliers", K_SUPS),
                       ("bodies", K_BODIES)):
        if field in change:
            ss[key] = list(change[field])
    if change.get("measure"):  # the Scorecard page explains this measure (its picker's key)
        ss["sc_measure"] = change["measure"]
    ss[K_GOTO] = change.get("page") or TRANSACTIONS_PAGE


# Public name of the drill callback, for a page that builds its own control (the Peers page).
apply_drill = _apply_drill


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
        st.session_state[K_TO_TOP] = True  # lib.ui.chips: open the page at its top, where the chips are
        st.switch_page(target)


def measure_drill(part: str, fy: str | None, f: Filters | None, args: tuple, key: str, title: str) -> None:
    """The transactions behind a figure (lib.scorecard.drill_rows) shown in place, largest first,
    with provenance, their total, and the whole set as CSV or XLSX with formulas neutralised."""
    f = f or Filters()
    if not st.toggle(f"Show the transactions: {title}", key=f"{key}_show"):
        return
    summary = measure("drill_summary", part, fy, f, tuple(args))
    st.markdown(f"**{title}**: {summary['lines']:,} lines, {money(summary['amount'])}")
    if summary["lines"] == 0:
        st.info("No transactions behind this figure.")
        return
    rows = measure("drill_rows", part, fy, None, f, tuple(args), 500)
    table(rows, key=f"{key}_rows")
    if summary["lines"] > len(rows):
        st.caption(f"The {len(rows):,} largest lines of {summary['lines']:,}; the downloads hold them all.")

    def _all():
        return drill.drill_rows(cursor(), part, fy, None, f, tuple(args))

    a, b = st.columns(2)
    a.download_button("Download CSV", data=lambda: export.to_csv(_all(), demo_label()), file_name=f"{key}.csv",
                      mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore",
                      help="Text starting with = + - or @ is prefixed with ' so a spreadsheet shows it rather than runs it.")
    b.download_button("Download XLSX", data=lambda: export.to_xlsx(_all(), title[:31], demo_label()), file_name=f"{key}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")


def table_downloads(df, name: str, key: str) -> None:
    """CSV and XLSX of a table on screen, formulas neutralised; built when a button is pressed, not on
    every rerun (an XLSX of a few hundred rows takes a quarter of a second). ``df`` may be a function
    returning the table, called on the press: a list longer than the screen shows, read in full."""
    def rows():
        return df() if callable(df) else df

    a, b = st.columns(2)
    a.download_button("Download CSV", data=lambda: export.to_csv(rows(), demo_label()), file_name=f"{name}.csv",
                      mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    b.download_button("Download XLSX", data=lambda: export.to_xlsx(rows(), name[:31], demo_label()), file_name=f"{name}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")
