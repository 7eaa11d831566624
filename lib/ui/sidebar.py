"""The shared filter bar: its widgets own their session-state keys, and it returns the
:class:`~lib.filters.Filters` they select. It is drawn in a "Filters" pop-over at the top of every
staff page (lib.ui.chips), beside the active filters as chips, so it is never below the
navigation (the module keeps its old name: it was the sidebar)."""
from __future__ import annotations

from datetime import date

import streamlit as st

from lib.filters import Chip, Filters, describe
from lib.format import month_label
from lib.ui.cache import query

ALL_YEARS = "All years"


# Session-state keys the filter bar's widgets own.
K_FY, K_MONTHS = "flt_fy", "flt_months"
K_DEPTS, K_CATS, K_SUPS = "flt_departments", "flt_categories", "flt_suppliers"
K_FILTERS = "filters"
K_BODIES = "flt_bodies"  # body_key values (lib.bodies); empty: the store's own bodies
LIST_KEYS = {"departments": K_DEPTS, "categories": K_CATS, "suppliers": K_SUPS, "bodies": K_BODIES}


def _reset_months() -> None:
    st.session_state.pop(K_MONTHS, None)


FILTER_KEYS = (K_FY, K_MONTHS, K_DEPTS, K_CATS, K_SUPS, K_BODIES)


def clear_filters() -> None:
    """No filter at all: every year, month, department, category and supplier."""
    keep_filter_state()
    for k in FILTER_KEYS:
        st.session_state.pop(k, None)
    st.session_state[K_FY] = ALL_YEARS


def remove_chip(chip: Chip) -> None:
    """Callback of a chip's ×: remove the filter it stands for (lib.filters.without, on the
    widgets' keys: the year removed is "All years", and its months go with it)."""
    keep_filter_state()
    ss = st.session_state
    if chip.field == "fy":
        ss[K_FY] = ALL_YEARS
        ss.pop(K_MONTHS, None)
    elif chip.field == "months":
        ss.pop(K_MONTHS, None)
    else:
        key = LIST_KEYS[chip.field]
        ss[key] = [v for v in ss.get(key) or [] if v not in chip.values]


def snapshot() -> dict:
    """The filter widgets' values, to put back later (restore)."""
    return {k: st.session_state[k] for k in FILTER_KEYS if k in st.session_state}


def restore(saved: dict) -> None:
    """Callback: put the filter widgets back as ``snapshot`` found them."""
    keep_filter_state()
    for k in FILTER_KEYS:
        st.session_state.pop(k, None)
    st.session_state.update(saved)


def keep_filter_state() -> None:
    """Re-assign the filter keys through the Session State API.

    st.switch_page reruns without the browser's widget states, and Streamlit then drops the
    state of every widget as stale; values set through the API survive. Without this a drill
    from the Overview would lose the year and months the user had chosen.
    """
    ss = st.session_state
    for k in FILTER_KEYS:
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


def filter_bar(sb) -> Filters:
    """Render the filters in the container ``sb`` and return what they select (also kept in session
    state under 'filters' for the pages). Widgets keep their values across pages via their keys."""
    keep_filter_state()
    known = query("body_choices")
    names = dict(zip(known["body_key"], known["name"]))
    st.session_state[K_BODIES] = [k for k in st.session_state.get(K_BODIES) or [] if k in names]
    chosen = tuple(st.session_state[K_BODIES])
    if len(names) > int(known["own"].sum()):  # peers loaded: whose figures is a choice (even before the force's)
        sb.multiselect("Bodies", list(names), key=K_BODIES, format_func=names.get,
                       placeholder="The store's own bodies",
                       help="Empty: the store's own bodies (set on the Bodies page). A peer's spend is never "
                            "counted in the force's figures unless chosen here.")
    sb.caption("Figures for " + query("body_scope", chosen))
    fys = query("financial_years", chosen)
    if not fys:
        st.session_state[K_FILTERS] = Filters(bodies=chosen)
        sb.caption("Filters appear once spend of these bodies is loaded.")
        return Filters(bodies=chosen)
    options = query("filter_options", chosen)
    fy_choice = st.session_state.get(K_FY)
    months = query("months_available", None if fy_choice in (None, ALL_YEARS) else fy_choice, chosen)
    _sanitise(fys, months, options)
    fy_choice = st.session_state[K_FY]
    months = query("months_available", None if fy_choice == ALL_YEARS else fy_choice, chosen)
    _sanitise(fys, months, options)

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
        departments=tuple(depts), categories=tuple(cats), suppliers=tuple(sups), bodies=chosen,
    )
    sb.button("Clear all filters", on_click=clear_filters, key="flt_clear", width="stretch")
    st.session_state[K_FILTERS] = f
    return f


def current_filters() -> Filters:
    """The filters the sidebar bar selected in this run (all spend if it has not run)."""
    return st.session_state.get(K_FILTERS) or Filters()


def filter_summary(f: Filters) -> str:
    names = query("filter_options")["suppliers"] if f.suppliers else None
    return describe(f, names)


def scorecard_year(f: Filters) -> str | None:
    """The financial year the scorecard shows: the filter bar's, or the latest when 'All years'."""
    if f.fy:
        return f.fy
    fys = query("financial_years")
    return fys[0] if fys else None


def year_select(fys: list[str], key: str, where=None, **kwargs) -> str:
    """A page's own "Financial year" box (pages the filter bar does not filter: Transparency, the Monthly
    spend list, Redactions, Snapshot and briefing). It opens on the year chosen in the filter bar and
    follows it each time the bar's year changes, so the chip at the top and the page never name two years;
    a year picked in the box itself holds until then. With no filter bar (the public site) or 'All years'
    it opens on the latest."""
    bar_fy = current_filters().fy
    seen = f"_{key}_bar_fy"
    # (Streamlit forgets a box's value when its page is left: back on the page, it opens on the bar's year again.)
    if bar_fy in fys and (st.session_state.get(seen) != bar_fy or key not in st.session_state):
        st.session_state[key] = bar_fy
    st.session_state[seen] = bar_fy
    return (where or st).selectbox("Financial year", fys, key=key, **kwargs)
