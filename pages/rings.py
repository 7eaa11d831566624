"""Local and regional spend: the rings (Lancashire, rest of the North West, rest of the UK, outside
the UK, unknown) by financial year, month, department or category, against the targets; and
where local spend could grow."""
from __future__ import annotations

import streamlit as st

from lib import ring_charts
from lib.geo.postcodes import RING_LABELS, RINGS
from lib import format as fmt
from lib.filters import previous_year
from lib.ui import cache, layout, body_scope, sidebar, tables, tiles

layout.require_router()

K_BY = "rings_by"
K_GROWTH = "rings_growth_open"  # the growth tables' expander, open or not
BY_NAMES = {"fy": "Financial year", "month": "Month", "department": "Department", "category": "Category"}

f = sidebar.current_filters()
st.title("Local and regional spend")
layout.demo_banner()
if not cache.query("has_spend"):
    layout.empty_state()
    st.stop()
body_scope.stop_unless_force_area(f)  # a peer's area is not the force's: its own shares, said plainly

gap = cache.query("target_gap", f)
s = gap["summary"]
if not s["total"] and int(cache.query("spend_by_ring", f)["lines"].sum()) == 0:
    st.info(cache.query("no_spend_text", f.bodies), icon=":material/info:")  # whose figures, and what to do
    st.stop()


targets = cache.query("ring_targets", f.fy)
prev_f = previous_year(f)
prev = cache.query("ring_summary", prev_f) if prev_f is not None else None

m = st.columns(4)
tiles.share_against_target(
    m[0], "Local (Lancashire)", s["local_pct"], prev and prev["local_pct"], prev_f and prev_f.fy, targets.get("local"),
    f"Lancashire ÷ all spend: {fmt.money(s['lancashire'])} of {fmt.money(s['total'])}.")
tiles.share_against_target(
    m[1], "North West", s["north_west_pct"], prev and prev["north_west_pct"], prev_f and prev_f.fy,
    targets.get("north_west"), f"(Lancashire + rest of the North West) ÷ all spend: {fmt.money(s['north_west'])} of "
                               f"{fmt.money(s['total'])}.")
m[2].metric("Unknown location", fmt.percent(s["unknown_pct"]), border=True,
            help=f"{fmt.money(s['unknown'])} with no known supplier location: in the total, never counted as non-local.")
m[3].metric("Total spend", fmt.money_short(s["total"]), border=True, help=f"Exactly {fmt.money(s['total'])}.")

# ---- rings by a dimension -----------------------------------------------------------------
st.subheader("Rings by year, month, department or category")
by = st.segmented_control("Group by", list(BY_NAMES), format_func=BY_NAMES.get, key=K_BY, default="fy",
                          selection_mode="single") or "fy"
# By financial year compares every year: the year and months chosen in the filters are set aside.
ff = f.replace(fy=None, month_from=None, month_to=None) if by == "fy" else f
if by == "fy" and (f.fy or f.month_from or f.month_to):
    st.caption("Every financial year is shown here; the other filters still apply.")
table = cache.query("rings_by", ff, by)
noun = ring_charts.DIMENSION_NAMES[by]
if by in ("fy", "month"):
    st.plotly_chart(ring_charts.ring_shares(table, f"Local, North West and unknown share of spend by {noun} (%)",
                                            cache.query("ring_targets", f.fy)),
                    key="rings_shares", config={"displaylogo": False})
st.plotly_chart(ring_charts.rings_stacked(table, by, f"Spend by ring and {noun} (£)"), key="rings_stacked",
                config={"displaylogo": False})
tables.table(table, width="stretch", key="rings_table", labels={"label": BY_NAMES[by], **RING_LABELS},
             kinds={"label": "month" if by == "month" else "text", **{r: "money" for r in RINGS}})

# ---- where local spend could grow ---------------------------------------------------------
st.subheader("Where local spend could grow")
for key, target_name, where in (("local", "local (Lancashire)", "Lancashire"),
                                ("north_west", "North West", "the North West")):
    g = gap.get(key)
    if g is None:
        st.caption(f"No {target_name} target is set for {f.fy or 'these years'}: targets are edited on the Targets page.")
    elif g["to_move"] > 0:
        st.markdown(f"To reach the {target_name} target of **{fmt.percent(g['target_pct'])}** (from {g['from_fy']}), "
                    f"**{fmt.money(g['to_move'])}** of this spend would have to move to suppliers in {where} "
                    f"(now {fmt.percent(g['actual_pct'])}, {fmt.money(g['actual_amount'])}).")
    else:
        st.markdown(f"The {target_name} target of **{fmt.percent(g['target_pct'])}** (from {g['from_fy']}) is met: "
                    f"{fmt.percent(g['actual_pct'])} ({fmt.money(g['actual_amount'])}).")

# The categories and suppliers behind it: a pass over a year's spend by category and supplier, read only
# when opened (the page's first view does not wait for it).
growth_box = st.expander("Categories and suppliers where local spend could grow", key=K_GROWTH, on_change="rerun",
                         icon=":material/trending_up:")
with growth_box:
    if growth_box.open:
        growth = cache.query("local_growth", f, 50)  # both tables from one pass over the lines
        cats = growth["categories"]
        if cats.empty:
            st.info("No category here has both Lancashire and non-local suppliers. Add postcodes to suppliers on "
                    "the Supplier worklist page, or widen the filters.", icon=":material/info:")
        else:
            st.caption("Categories in which Lancashire suppliers already supply the force, and what still goes to "
                       "suppliers elsewhere (unknown locations are not counted as non-local).")
            tables.table(cats, width="stretch", key="rings_growth_categories")
            sups = growth["suppliers"]
            st.markdown("**The largest non-local suppliers in those categories**")
            tables.table(sups[["category", "name", "ring", "amount", "lines", "lancashire_suppliers"]],
                         width="stretch", key="rings_growth_suppliers",
                         labels={"name": "Supplier", "amount": "Spend",
                                 "lancashire_suppliers": "Lancashire suppliers in the category"})

st.caption("Rings come from the supplier register's postcodes, classified offline. Contains OS data © Crown "
           "copyright and database right. Contains National Statistics data © Crown copyright and database right.")
layout.footer()
