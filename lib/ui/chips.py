"""The active filters at the top of every staff page: a "Filters" pop-over holding the filter bar,
each active filter as a chip whose × removes it, "Clear all", what a drill-down added with the way
back, and which of the filters the page does not apply. app.py draws it once, before the page."""
from __future__ import annotations

import streamlit as st

from lib import filters
from lib.filters import Filters
from lib.ui import sidebar
from lib.ui.cache import query
from lib.ui.drill import K_TO_TOP, K_UNDO

# Fixed script (no user text): the page the drill opened starts at its top. Streamlit keeps the
# main block's scroll across a page switch, so a drill from a chart low on the Overview would open
# Transactions halfway down, past the chips and the note of what the drill added.
_TO_TOP = ("<script>const m = document.querySelector('[data-testid=\"stMain\"]');"
           " if (m) m.scrollTo({top: 0});</script>")


def _supplier_names(*fs: Filters) -> dict | None:
    return query("filter_options")["suppliers"] if any(f.suppliers for f in fs) else None


def filters_row(uses: str) -> Filters:
    """Draw the filters row for a page that applies ``uses`` of them (lib.filters.USES_*) and return
    the filters chosen (also what sidebar.current_filters gives the page)."""
    with st.container(key="filters_row", gap="small"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small", key="filter_chips"):
            f = sidebar.filter_bar(st.popover("Filters", icon=":material/tune:", key="flt_popover",
                                              help="Change the year, months, departments, categories or suppliers"))
            cs = filters.chips(f, _supplier_names(f))
            if not cs:
                st.caption("All years, all spend")
            if not f.bodies and query("has_peers"):  # peers are loaded: say whose figures these are
                st.caption("Figures for " + query("body_scope", ()))
            for i, chip in enumerate(cs):
                st.button(chip.label, key=f"chip_{i}_{chip.field}", icon=":material/close:", icon_position="right",
                          on_click=sidebar.remove_chip, args=(chip,), help="Remove this filter")
            if cs:
                st.button("Clear all", key="chip_clear", type="tertiary", icon=":material/filter_alt_off:",
                          on_click=sidebar.clear_filters, help="Every year and all spend")
        _drill_notice(f)
        scope_caption(f, uses)
        if st.session_state.pop(K_TO_TOP, False):
            st.html(_TO_TOP, unsafe_allow_javascript=True)
    return f


def _drill_notice(f: Filters) -> None:
    """After a drill-down: what it added, and a button back to the filters before it. Gone once the
    filters are changed any other way."""
    ss = st.session_state
    undo = ss.get(K_UNDO)
    if not undo:
        return
    top = undo[-1]
    if top["after"] is None:
        top["after"] = f  # the first run after the drill: this is what it made
    if top["after"] != f or top["before"] == f:
        ss.pop(K_UNDO, None)  # changed since, or the drill changed nothing: nothing to go back from
        return
    text = filters.drill_added(top["before"], f, _supplier_names(top["before"], f))
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="drill_notice"):
        st.markdown(f":material/filter_alt: **{text}.**")
        st.button("Back to previous filters", key="drill_back", icon=":material/undo:", on_click=_back)


def _back() -> None:
    ss = st.session_state
    undo = ss.get(K_UNDO) or []
    if undo:
        sidebar.restore(undo.pop()["saved"])


def scope_caption(f: Filters, uses: str) -> None:
    """Beside a figure that applies only ``uses`` of the filters (lib.filters.USES_*): which of the
    active ones it does not apply, in a caption (nothing when it applies them all)."""
    fys = query("financial_years") if uses in (filters.USES_YEAR, filters.USES_ONE_YEAR) else []
    note = filters.scope_note(f, uses, fys[0] if fys else None)
    if note:
        st.caption(f":material/info: {note}")
