"""Monthly spend list (public): every payment of a month in the Transparency Code layout, with
redactions applied (lib.publish.redaction: undecided proposals are withheld). No drill-down.
A page of lines at a time is read from the store; the download holds the whole month."""
import math

import streamlit as st

from lib import format as fmt
from lib.publish import snapshot
from lib.ui import cache, layout, sidebar, tables

layout.require_router()


st.title("Monthly spend list")
layout.demo_banner()
fys = cache.query("financial_years")
if not fys:
    st.info("No spend has been published yet.", icon=":material/info:")
    st.stop()
a, b = st.columns(2)
fy = sidebar.year_select(fys, key="list_fy", where=a, help="1 April to 31 March")
months = cache.query("published_months", fy)
if months.empty:
    st.info(f"No payments are published for {fy}.", icon=":material/info:")
    st.stop()
month = b.selectbox("Month", list(months["month"]), index=len(months) - 1, format_func=fmt.month_label,
                    key="list_month")
m = cache.query("month_figures", fy, month)
st.caption(f"{int(m['lines']):,} payments totalling {fmt.money(m['amount'])}; the payee is withheld on "
           f"{int(m['withheld']):,} of them (their amounts are included).")
c, d = st.columns(2)
size = c.selectbox("Payments per page", [100, 500, 1000], key="list_size")
pages = max(1, math.ceil(int(m["lines"]) / size))
# one page box per list (year, month, size): a new list opens on its page 1 (as on Transactions)
page = min(int(d.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1,
                              key="list_page_" + layout.key_of(fy, month, size))), pages)
offset = (page - 1) * size
rows = cache.query("published_page", fy, month, size, offset).drop(columns=["month", "redacted"])
if pages > 1:
    st.caption(f"Page {page:,} of {pages:,}: payments {offset + 1:,}–{offset + len(rows):,} of {int(m['lines']):,}, "
               "in date order.")
tables.table(rows, key="list_table", kinds={"Date": "date", "Amount": "money", "Irrecoverable VAT": "money"},
             config={"Body": {"width": "medium"}})  # (a PCC's full name is long: the amount stays in view)
st.download_button(f"Download {fmt.month_label(month)} as CSV",
                   data=lambda: snapshot.month_csv(cache.published_month(fy, month), cache.demo_label()),
                   file_name=f"spend_{month:%Y-%m}.csv", mime="text/csv", key="list_csv", icon=":material/download:",
                   on_click="ignore",  # built on the click: a rerun then could release it before it is fetched
                   help=f"Every one of the {int(m['lines']):,} payments of the month, as shown here.")
st.caption("Published under the Open Government Licence v3.0. Redaction labels: REDACTED PERSONAL DATA, "
           "REDACTED COMMERCIAL CONFIDENTIALITY, REDACTED OTHER.")
