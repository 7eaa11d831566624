"""Peers: every body loaded side by side and over time (total spend and its trend, local and region
shares against each body's own area, SME and on-contract shares where the registers allow, the
largest suppliers they share), each figure opening the page behind it for that body."""
import streamlit as st

from lib import format as fmt
from lib import peers
from lib.ui import cache, drill, layout, tables

layout.require_router()

st.title("Peers")
layout.demo_banner()
st.markdown(
    "How the force compares with the other bodies whose files are loaded (each a **peer**: never counted in "
    "the force's figures). Each body's *local* share is spend with suppliers in its own area (the force's: "
    "Lancashire; a Cumbria body's: Cumbria), its *region* share with suppliers in its region, local included. "
    "A share that cannot be worked out says why, never 0%.")

table = cache.query("peer_comparison")
if table.empty:
    layout.empty_state()
    st.stop()
bodies = list(dict.fromkeys(table["body"]))
if len(bodies) < 2:
    st.info("Only one body's spend is loaded. Upload another body's file (a force, a PCC or a council) and it is "
            "compared here, never merged.", icon=":material/compare_arrows:")

years = sorted(set(table["fy"]), reverse=True)
fy = st.selectbox("Financial year", years, index=years.index(peers.best_year(table)), key="peers_fy",
                  help="First offered: the latest year the most bodies have spend in")
prev = table[table["fy"] == peers.previous_fy(fy)].set_index("body_key")
now = table[table["fy"] == fy]

st.subheader(f"Side by side, {fy}")
tables.table(peers.side_by_side(now, prev), key="peers_table", width="stretch")
for row in now.itertuples():
    if row.notes:
        st.caption(f"**{row.body}**: {row.notes}.")
for body, its_years in peers.absent_in(table, fy).items():
    st.caption(f"**{body}**: no spend loaded for {fy} (its years: {', '.join(its_years)}).")

st.subheader("Over time")
measure = st.segmented_control("Figure", list(peers.MEASURE_LABELS), format_func=peers.MEASURE_LABELS.get,
                               default="total", key="peers_measure", required=True) or "total"
st.plotly_chart(peers.trend_figure(table, measure), key="peers_trend", config={"displaylogo": False})
tables.table(peers.over_time(table, measure), key="peers_over_time", width="stretch")

st.subheader(f"Largest suppliers they share, {fy}")
shared = cache.query("shared_suppliers", fy)
if shared.empty:
    st.info(f"No supplier was paid by more than one of the bodies in {fy}.")
else:
    tables.table(peers.money_table(shared), key="peers_shared", width="stretch")

st.subheader("Open a body's figures")
st.caption("The same pages as the force's own, for the body chosen: the Bodies filter (under Filters at the top) is set to it.")
keys = dict(zip(now["body"], now["body_key"]))
a, b, c = st.columns([1.4, 1.2, 0.8], vertical_alignment="bottom")
who = a.selectbox("Body", list(keys), key="peers_open_body")
page = b.selectbox("Page", list(peers.PAGES), format_func=peers.PAGES.get, key="peers_open_page")
c.button("Show its figures", key="peers_open", type="primary", on_click=drill.apply_drill,
         args=({"bodies": [keys[who]], "fy": fy, "page": page},), width="stretch")
layout.footer()
