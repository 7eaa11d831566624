"""Monthly spend list (public): every payment of a month in the Transparency Code layout, with
redactions applied (lib.publish.redaction: undecided proposals are withheld). No drill-down."""
import streamlit as st

from lib import export, queries
from lib import format as fmt
from lib.ui import cache, layout, tables

layout.require_router()

st.title("Monthly spend list")
layout.demo_banner()
fys = cache.query("financial_years")
if not fys:
    st.info("No spend has been published yet.", icon=":material/info:")
    st.stop()
a, b = st.columns(2)
fy = a.selectbox("Financial year", fys, key="list_fy", help="1 April to 31 March")
lines = cache.published_lines(fy)
months = sorted(set(lines["month"]))
month = b.selectbox("Month", months, index=len(months) - 1, format_func=fmt.month_label, key="list_month")
rows = lines[lines["month"] == month].drop(columns=["month", "redacted"])
total = sum(rows["Amount"], start=queries.ZERO)
withheld = int(lines.loc[lines["month"] == month, "redacted"].sum())
st.caption(f"{len(rows):,} payments totalling {fmt.money(total)}; the payee is withheld on {withheld:,} of them "
           "(their amounts are included).")
tables.table(rows, key="list_table", kinds={"Date": "date", "Amount": "money", "Irrecoverable VAT": "money"})
st.download_button(f"Download {fmt.month_label(month)} as CSV", data=export.to_csv(rows, cache.demo_label()),
                   file_name=f"spend_{month:%Y-%m}.csv", mime="text/csv", key="list_csv", icon=":material/download:")
st.caption("Published under the Open Government Licence v3.0. Redaction labels: REDACTED PERSONAL DATA, "
           "REDACTED COMMERCIAL CONFIDENTIALITY, REDACTED OTHER.")
