"""Transactions: every line behind the current filters, with where it came from (file, sheet,
row), its total, paging for large results and a spreadsheet-safe CSV download."""
import math

import streamlit as st

from lib import queries
from lib import format as fmt
from lib.ui import cache, layout, sidebar

layout.require_router()

ORDERS = {
    "date": "Date (oldest first)",
    "date_desc": "Date (newest first)",
    "amount_desc": "Amount (largest first)",
    "amount_asc": "Amount (smallest first, credit notes)",
    "supplier": "Supplier A–Z",
}

f = sidebar.current_filters()
st.title("Transactions")
layout.demo_banner()
if not cache.query("has_spend"):
    layout.empty_state()
    st.stop()
st.caption(sidebar.filter_summary(f) + " · change these in the sidebar")

summary = cache.query("transactions_summary", f)
c1, c2 = st.columns(2)
c1.metric("Total", fmt.money(summary["amount"]), border=True,
          help="The sum of every line below, on all pages: credit notes netted, redacted lines included.")
c2.metric("Lines", f"{summary['lines']:,}", border=True)
if summary["lines"] == 0:
    st.info("No transactions match these filters. Widen them in the sidebar, or press Clear filters.")
    st.stop()

a, b, c = st.columns([2, 1, 1], vertical_alignment="bottom")
order = a.selectbox("Sort by", list(ORDERS), format_func=ORDERS.get, key="tx_order")
size = b.selectbox("Lines per page", [50, 100, 500, 1000], index=1, key="tx_size")
pages = max(1, math.ceil(summary["lines"] / size))
page = c.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key="tx_page")
page = min(int(page), pages)
offset = (page - 1) * size

rows = cache.query("transactions", f, size, offset, order)
st.dataframe(
    rows,
    hide_index=True,
    placeholder="—",
    column_order=["period_start", "supplier_name", "amount", "department", "category", "description",
                  "is_redacted", "payment_date", "fy", "transaction_ref", "file_name", "sheet", "row_number",
                  "batch_id"],
    column_config={
        "period_start": st.column_config.DateColumn("Date", format="DD/MM/YYYY",
                                                    help="Payment date, or the first day of the file's period"),
        "payment_date": st.column_config.DateColumn("Payment date", format="DD/MM/YYYY"),
        "fy": "FY",
        "supplier_name": st.column_config.TextColumn("Supplier (as published)", width="medium"),
        "amount": st.column_config.NumberColumn("Amount (£)", format="%,.2f"),
        "department": "Department",
        "category": "Category",
        "description": "Description",
        "is_redacted": st.column_config.CheckboxColumn("Redacted"),
        "transaction_ref": "Reference",
        "file_name": "File",
        "sheet": "Sheet",
        "row_number": st.column_config.NumberColumn("Row", format="%d"),
        "batch_id": st.column_config.NumberColumn("Batch", format="%d"),
    },
)
shown = sum(rows["amount"], start=queries.ZERO)
st.caption(
    f"Lines {offset + 1:,}–{offset + len(rows):,} of {summary['lines']:,}; these lines sum to {fmt.money(shown)}."
)

st.download_button(
    f"Download all {summary['lines']:,} lines as CSV",
    data=lambda: cache.transactions_csv(f),
    file_name="transactions.csv",
    mime="text/csv",
    key="tx_csv",
    icon=":material/download:",
    help="Text starting with = + - or @ is prefixed with ' so a spreadsheet shows it rather than runs it.",
)
layout.footer()
