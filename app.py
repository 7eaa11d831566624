"""Backing Lancashire Spend Insight: the router.

Page order, titles and sections live here and nowhere else. Every run: page config, the
navigation, the demo store on first run when the store is empty, the shared filter bar in the
sidebar, then the chosen page.
"""
import os
from pathlib import Path

import streamlit as st

from lib import ui

ROOT = Path(__file__).resolve().parent

st.set_page_config(page_title="Spend Insight · Lancashire", page_icon=":material/payments:", layout="wide")

data_pages = [st.Page("pages/data.py", title="Data loaded", icon=":material/database:")]
if (ROOT / "pages" / "upload.py").exists():  # the lead's page; absent in early checkouts
    data_pages.insert(0, st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"))

pg = st.navigation({
    "Overview": [st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True)],
    "Explore": [st.Page("pages/transactions.py", title="Transactions", icon=":material/receipt_long:")],
    "Data": data_pages,
})


def _load_demo_once() -> None:
    """Build the demo store on a session's first run when the store holds no batches.

    SPEND_NO_DEMO=1 turns this off (tests, and a force that wants an empty store).
    """
    if os.environ.get("SPEND_NO_DEMO") or st.session_state.get("_demo_checked"):
        return
    st.session_state["_demo_checked"] = True
    if ui.version()[1] > 0:
        return
    try:
        from lib.demo_load import ensure_demo_loaded
    except ImportError:  # the demo builder has not landed yet: start empty
        return
    bar = st.progress(0.0, text="Building the demo store (first run only)…")
    ensure_demo_loaded(db=ui.db_path(), progress=lambda frac, text: bar.progress(min(max(float(frac), 0.0), 1.0), text=text))
    bar.empty()
    st.cache_data.clear()


ui.mark_routed()
_load_demo_once()
ui.filter_bar()
ui.follow_drill()  # after the filter bar, so its widgets keep their state across the switch
pg.run()
