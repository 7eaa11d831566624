"""Backing Lancashire Spend Insight: the router.

Page order, titles and sections live here and nowhere else. Every run: page config, the
navigation (public mode: the public pages only; staff mode: every page once signed in, see
lib.auth), the demo store on first run (or finishing one left half built), the filters row at the
top of the page (staff only: the filter bar in a pop-over, the active filters as chips, which of
them the page applies), then the chosen page.
"""
import os
import sys

import streamlit as st

from lib import auth
from lib import filters as flt
from lib.ui import cache, chips, downloads, drill, layout, public, staff

st.set_page_config(page_title="Spend Insight · Lancashire", page_icon=":material/payments:", layout="wide")

data_pages = [st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"),
              st.Page("pages/data.py", title="Data loaded", icon=":material/database:"),
              st.Page("pages/bodies.py", title="Bodies", icon=":material/domain:")]

staff_nav = {
    "Overview": [st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True)],
    "Explore": [st.Page("pages/transactions.py", title="Transactions", icon=":material/receipt_long:")],
    "Suppliers & places": [
        st.Page("pages/suppliers.py", title="Suppliers", icon=":material/storefront:"),
        st.Page("pages/supplier_review.py", title="Match review", icon=":material/rule:"),
        st.Page("pages/worklist.py", title="Supplier worklist", icon=":material/checklist:"),
        st.Page("pages/map.py", title="Map", icon=":material/map:"),
        st.Page("pages/rings.py", title="Local and regional spend", icon=":material/donut_large:"),
        st.Page("pages/peers.py", title="Peers", icon=":material/compare_arrows:"),
    ],
    "Strategy": [
        st.Page("pages/scorecard.py", title="Scorecard", icon=":material/target:"),
        st.Page("pages/contracts.py", title="Contracts and compliance", icon=":material/handshake:"),
        st.Page("pages/savings_social_value.py", title="Savings and social value", icon=":material/savings:"),
        st.Page("pages/contract_register.py", title="Contracts register", icon=":material/edit_document:"),
        st.Page("pages/targets.py", title="Targets", icon=":material/flag:"),
    ],
    "Data": data_pages,
}


def public_pages(default: bool) -> list:
    """What the public may see: aggregates, maps and the redacted monthly list. Nothing else."""
    # As the home page ("/") Transparency takes another url_path (a page's key is its url_path), and a hidden
    # page at /transparency, its address in the staff app, opens it: never Streamlit's "Page not found".
    home = st.Page("pages/transparency.py", title="Transparency", icon=":material/public:", default=default,
                   **({"url_path": "home"} if default else {}))
    pages = [home, st.Page("pages/spend_list.py", title="Monthly spend list", icon=":material/list_alt:")]
    if default:
        pages.append(st.Page(lambda: st.switch_page(home), title="Transparency", url_path="transparency",
                             visibility="hidden"))
    return pages


staff_nav["Publish"] = [
    st.Page("pages/redactions.py", title="Redactions", icon=":material/visibility_off:"),
    st.Page("pages/publish.py", title="Snapshot and briefing", icon=":material/publish:"),
] + public_pages(default=False)

# Two navigation lists: public mode serves only the public pages; staff mode serves everything
# once the person is signed in (lib.auth: OIDC, a hashed password, or an open local demo), and
# the public pages plus a sign-in page until then.
MODE = auth.mode(sys.argv[1:])
if MODE == auth.PUBLIC:
    nav = {"Spend transparency": public_pages(default=True)}
elif staff.staff_signed_in():
    nav = staff_nav
else:
    nav = {"Spend transparency": public_pages(default=True),
           "Staff": [st.Page("pages/sign_in.py", title="Staff sign-in", icon=":material/login:")]}
STAFF_VIEW = nav is staff_nav
# Which of the filters each staff page applies (lib.filters.USES_*; any page not named: none), said
# under the filters row at the top of the page.
FILTERS_USED = {
    "Overview": flt.USES_ALL, "Transactions": flt.USES_ALL, "Suppliers": flt.USES_ALL, "Map": flt.USES_ALL,
    "Local and regional spend": flt.USES_ALL, "Contracts and compliance": flt.USES_ONE_YEAR,
    "Scorecard": flt.USES_YEAR, "Savings and social value": flt.USES_YEAR,
}
pg = st.navigation(nav, expanded=True)  # every page listed: with more than 12, Streamlit would fold some away


def _demo_first() -> None:
    """Build (or finish) the demo store before any page reads it: on first run when the store is
    empty, or when an earlier build stopped part way (lib.demo_load). The build runs in a thread
    of its own, so clicking elsewhere meanwhile only brings the person back to this progress bar.

    SPEND_NO_DEMO=1 turns this off (tests, and a force that wants an empty store).
    """
    if os.environ.get("SPEND_NO_DEMO") == "1" or st.session_state.get("_demo_checked") or MODE == auth.PUBLIC:
        return  # the public site never opens the staff store
    from lib import demo_load

    build = demo_load.start_if_needed(cache.db_path())
    if build is not None:
        bar = st.progress(build.fraction, text=build.text)
        while not build.done.wait(0.3):
            bar.progress(build.fraction, text=build.text)
        bar.empty()  # cached figures follow the store version: nothing to clear
        if build.error:
            st.error(f"The demo store could not be finished ({build.error}). Reload the page to try again.",
                     icon=":material/error:")
            st.stop()
    st.session_state["_demo_checked"] = True


downloads.start_sweeper()  # a download's file ends with the session that made it
if MODE == auth.PUBLIC:  # after st.navigation, so no page outside the public list is ever served
    public.refuse_uploads()
    public.require_public_store()
# The store is held for this run only, so a scheduled load in another process gets its turn between
# runs; while one holds it, the page says the store is busy and waits (lib.ui.cache.store_session;
# nothing in public mode, which reads only the public store).
with cache.store_session():
    layout.mark_routed()
    layout.page_style()
    _demo_first()
    if STAFF_VIEW:  # the filter bar lists every supplier's name: staff only
        chips.filters_row(FILTERS_USED.get(pg.title, flt.USES_NONE))
        drill.follow_drill()  # after the filter bar, so its widgets keep their state across the switch
    pg.run()
