"""Transparency (public): the year's spend in aggregate, the measures against targets, where
suppliers are, the district map. Nothing here names a supplier or leads to a transaction."""
import streamlit as st

from lib.geo.postcodes import RING_LABELS
from lib.publish import figures
from lib import format as fmt
from lib.ui import cache, layout, sidebar, tables

layout.require_router()

st.title("Spend transparency")
layout.demo_banner()
fys = cache.query("financial_years")
if not fys:
    st.info("No spend has been published yet.", icon=":material/info:")
    st.stop()
fy = sidebar.year_select(fys, key="pub_fy", help="1 April to 31 March")
s = cache.public_figures("summary", fy)
card = cache.public_figures("scorecard", fy)

c1, c2, c3 = st.columns(3)
prev = s["previous"]
c1.metric("Total spend", fmt.money_short(s["total"]),
          None if not prev else fmt.signed(fmt.money_short(s["total"] - prev["total"])), delta_color="off",
          delta_description=f"vs {prev['fy']}" if prev else None, border=True,
          help=f"Exactly {fmt.money(s['total'])}: credit notes netted off, redacted payments included.")
c2.metric("Payments", f"{s['lines']:,}", border=True)
withheld = cache.query("withheld_totals", fy)
c3.metric("Payments with the payee withheld", f"{withheld['lines']:,}", border=True,
          help=f"{fmt.money(withheld['amount'])} in all, included in every total: personal "
               "data and sensitive payments, as on the Monthly spend list. Both those whose payee the published "
               "file itself withheld and those withheld here under the redaction policy.")

st.header("Measures against targets")
rows = figures.scorecard_rows(card)
if rows.empty:
    st.info("The scorecard is not available.")
else:
    st.plotly_chart(figures.targets_chart(card, fy), config={"displayModeBar": False}, key="pub_targets")
    st.caption(figures.targets_caption(card))
    tables.table(rows[["name", "value_text", "target_text", "status"]], key="pub_measures", labels={"name": "Measure"})
    if not rows[rows["measure"] == "savings"].empty:
        st.plotly_chart(figures.savings_chart(card, fy), config={"displayModeBar": False}, key="pub_savings")

st.header("Where suppliers are")
rings = s["rings"]
if rings is not None and not rings.empty:
    st.plotly_chart(figures.rings_chart(rings, fy), config={"displayModeBar": False}, key="pub_rings")
    tables.table(rings[["ring", "amount", "share_pct", "lines"]].replace({"ring": RING_LABELS}), key="pub_rings_table",
                 labels={"ring": "Where", "amount": "Spend", "lines": "Payments"})
map_fig, by_district = cache.public_figures("district_map", fy)
if map_fig is not None:
    st.subheader("Spend by the supplier's district")
    st.plotly_chart(map_fig, config={"displayModeBar": False}, key="pub_map")
    with st.expander("Map data: spend by district"):
        tables.table(by_district[["district_name", "ring", "amount", "lines"]], key="pub_districts",
                     labels={"amount": "Spend", "lines": "Payments"})
    st.caption(figures.attribution())

st.header("Month by month")
st.plotly_chart(figures.monthly_chart(s["by_month"], fy), config={"displayModeBar": False}, key="pub_months")
st.caption("Every payment of each month, with personal data withheld, is on the Monthly spend list page.")
st.caption("Published under the Open Government Licence v3.0. " + figures.attribution())
