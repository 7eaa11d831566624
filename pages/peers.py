"""Peers: every body loaded side by side and over time (total spend and its trend, local and region
shares against each body's own area, SME and on-contract shares where the registers allow, the
largest suppliers they share), each figure opening the page behind it for that body."""
import streamlit as st

from lib import peers
from lib.ui import body_scope, cache, drill, layout, tables

layout.require_router()
PINNED = {"Body": st.column_config.TextColumn(pinned=True)}  # whose row it is stays in view on a phone
K_SHARED = "peers_shared_open"  # the shared suppliers' expander, open or not

st.title("Peers")
layout.demo_banner()
st.markdown(
    "How the force compares with the other bodies whose files are loaded (each a **peer**: never counted in "
    "the force's figures). Each body's *local* share is spend with suppliers in its own area (the force's: "
    "Lancashire; a Cumbria body's: Cumbria; a Devon body's: Devon), its *region* share with suppliers in its "
    "region, local included. A share that cannot be worked out says why, never 0%.")

table = cache.query("peer_comparison")
if table.empty:
    layout.empty_state()
    st.stop()
if not peers.has_peer(table):
    st.info(peers.no_peer_note(table), icon=":material/compare_arrows:")
    st.page_link("pages/upload.py", label="Upload a peer's spend file", icon=":material/upload:")

years = sorted(set(table["fy"]), reverse=True)
fy = st.selectbox("Financial year", years, index=years.index(peers.best_year(table)), key="peers_fy",
                  help="First offered: the latest year the most bodies have spend in")
prev = table[table["fy"] == peers.previous_fy(fy)].set_index("body_key")
now = table[table["fy"] == fy]

st.subheader(f"Side by side, {fy}")
side = peers.side_by_side(now, prev)
body_scope.clickable_table(
    side, "peers_table", lambda row, col: peers.figure_change(col, side.at[row, "body_key"], fy),
    kinds=peers.TABLE_KINDS, hide=("body_key", "fy"), missing=peers.NO_DATA, width="stretch", config=PINNED)
st.caption("Click a figure to open the page behind it for that body and year: money opens its transactions, "
           "a local or region share the local and regional spend, SME and on contract the scorecard.")
for row in now.itertuples():
    if row.notes:
        st.caption(f"**{row.body}**: {row.notes}.")
for body, its_years in peers.absent_in(table, fy).items():
    st.caption(f"**{body}**: no spend loaded for {fy} (its years: {', '.join(its_years)}).")

st.subheader("Over time")
measure = st.segmented_control("Figure", list(peers.MEASURE_LABELS), format_func=peers.MEASURE_LABELS.get,
                               default="total", key="peers_measure", required=True) or "total"
drill.clickable_chart(peers.trend_figure(table, measure), "peers_trend", peers.trend_changes(table, measure))
over = peers.over_time(table, measure)
year_columns = [c for c in over.columns if c not in ("body_key", "Body")]
body_scope.clickable_table(
    over, "peers_over_time",
    lambda row, col: peers.figure_change(measure, over.at[row, "body_key"], col) if col in year_columns else None,
    kinds={y: "money" if measure == "total" else "percent" for y in year_columns}, hide=("body_key",),
    missing=peers.NO_DATA, width="stretch", config=PINNED)

st.subheader(f"Largest suppliers they share, {fy}")
# Read only when opened (a pass over the year's spend by body and supplier): the page's first view does not wait.
shared_box = st.expander("The suppliers paid by more than one body, largest first", key=K_SHARED, on_change="rerun",
                         icon=":material/handshake:")
with shared_box:
    if shared_box.open:
        shared = cache.query("shared_suppliers", fy)
        if shared.empty:
            st.info(f"No supplier was paid by more than one of the bodies in {fy}.")
        else:
            shown = peers.money_table(shared)
            body_keys = dict(zip(table["body"], table["body_key"]))
            body_scope.clickable_table(
                shown, "peers_shared", lambda row, col: peers.shared_change(shown.iloc[row], col, body_keys, fy),
                kinds=peers.TABLE_KINDS | {b: "money" for b in body_keys}, hide=("supplier_keys", "body_keys"),
                width="stretch", config={"Supplier": st.column_config.TextColumn(pinned=True)})
            st.caption("Click a supplier's spend to list its transactions: under a body, that body's; under the "
                       "supplier or the total, every body's that paid it. A blank: that body paid it nothing.")

st.subheader("Open a body's figures")
st.caption("The same pages as the force's own, for the body chosen: the Bodies filter (under Filters at the top) is set to it.")
keys = dict(zip(now["body"], now["body_key"]))
a, b, c = st.columns([1.4, 1.2, 0.8], vertical_alignment="bottom")
who = a.selectbox("Body", list(keys), key="peers_open_body")
page = b.selectbox("Page", list(peers.PAGES), format_func=peers.PAGES.get, key="peers_open_page")
c.button("Show its figures", key="peers_open", type="primary", on_click=drill.apply_drill,
         args=({"bodies": [keys[who]], "fy": fy, "page": page},), width="stretch")
layout.footer()
