"""Transactions: every line behind the current filters, with where it came from (file, sheet,
row). Sorting, text search and paging are done by the store over every matching line; the
download holds every matching line under the published Transparency Code headings."""
import math

import streamlit as st

from lib import format as fmt
from lib import queries
from lib.ui import cache, layout, sidebar

layout.require_router()


def _turn(key: str, to: int) -> None:
    st.session_state[key] = to


f = sidebar.current_filters()
st.title("Transactions")
layout.demo_banner()
if not cache.query("has_spend"):
    layout.empty_state()
    st.stop()

search = st.text_input("Search", key="tx_search",
                       placeholder="Supplier, description, department, category or reference",
                       help="Any lines whose supplier, description, department, category or reference "
                            "contains this text, in any case.")
search = search.strip() or None
summary = cache.query("transactions_summary", f, search)
c1, c2 = st.columns(2)
c1.metric("Total", fmt.money(summary["amount"]), border=True,
          help="The sum of every matching line, on all pages: credit notes netted, redacted lines included.")
c2.metric("Lines", f"{summary['lines']:,}", border=True)
if summary["lines"] == 0:
    st.info("No transactions match. Change the search, or widen the filters "
            "(Filters at the top of the page, or Clear all).")
    st.stop()

a, b, c, d = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
column = a.selectbox("Sort by", list(queries.SORT_COLUMNS), key="tx_sort")
descending = b.radio("Direction", ["Ascending", "Descending"], horizontal=True, key="tx_dir") == "Descending"
size = c.selectbox("Lines per page", [25, 50, 100, 200], index=2, key="tx_size")
pages = max(1, math.ceil(summary["lines"] / size))
# One page box per list (filters, search, order, size): a new list opens on page 1, and a page typed out of
# range for the old list (the box's "between 1 and N" error) goes with it, whatever changed the list.
page_key = "tx_page_" + layout.key_of(f, search, column, descending, size)
page = d.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=page_key)
page = min(int(page), pages)
offset = (page - 1) * size
order = (column, descending)

rows = cache.query("transactions", f, size, offset, order, search)
st.caption(
    f"Page {page:,} of {pages:,}: lines {offset + 1:,}–{offset + len(rows):,} of {summary['lines']:,} matching, "
    f"sorted by {column.lower()}, {'descending' if descending else 'ascending'}; "
    f"all matching lines sum to {fmt.money(summary['amount'])}."
)
st.table(queries.transactions_table(rows))
if pages > 1:  # at the foot of a long page, the next one without scrolling back to the box
    p1, p2, p3 = st.columns([1, 2, 1], vertical_alignment="center")
    p1.button("Previous", key="tx_prev", icon=":material/chevron_left:", disabled=page <= 1,
              on_click=_turn, args=(page_key, page - 1), width="stretch")
    p2.caption(f"Page {page:,} of {pages:,}")
    p3.button("Next", key="tx_next", icon=":material/chevron_right:", disabled=page >= pages,
              on_click=_turn, args=(page_key, page + 1), width="stretch")

st.download_button(
    f"Download all {summary['lines']:,} matching lines",
    data=lambda: cache.transactions_csv(f, order, search),
    file_name="transactions.csv",
    mime="text/csv",
    key="tx_csv",
    on_click="ignore",  # built on the click: a rerun then could lose it (lib.ui.downloads)
    icon=":material/download:",
    help="CSV under the published Transparency Code headings, every matching line in this order. "
         "Text starting with = + - or @ is prefixed with ' so a spreadsheet shows it rather than runs it.",
)
layout.footer()
