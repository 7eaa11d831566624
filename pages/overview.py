"""Overview: headline figures against the previous year, the monthly trend, and where the money
went (departments, categories, suppliers). Every figure leads to the transactions behind it."""
import streamlit as st

from lib import charts
from lib import format as fmt
from lib.ui import cache, categories_editor, drill, layout, sidebar, tiles

layout.require_router()

f = sidebar.current_filters()
st.title("Spend overview")
layout.demo_banner()
if not cache.query("has_spend"):
    layout.empty_state()
    st.stop()

h = cache.query("headline", f)
cur, prev = h["current"], h["previous"]
if cur["lines"] == 0:
    st.info(cache.query("no_spend_text", f.bodies), icon=":material/info:")  # whose figures, and what to do
    st.stop()


def _delta(key: str, write):
    if prev is None:
        return None
    return fmt.signed(write(cur[key] - prev[key]))


vs = f"vs {prev['fy']}" if prev else None
c1, c2, c3, c4 = st.columns(4)
c1.metric("Total spend", fmt.money_short(cur["total"]), _delta("total", fmt.money_short), delta_color="off",
          delta_description=vs, border=True,
          help=f"Exactly {fmt.money(cur['total'])}: credit notes netted off, redacted lines included.")
c2.metric("Lines", f"{cur['lines']:,}", _delta("lines", lambda v: f"{v:,}"), delta_color="off",
          delta_description=vs, border=True)
c3.metric("Suppliers", f"{cur['suppliers']:,}", _delta("suppliers", lambda v: f"{v:,}"), delta_color="off",
          delta_description=vs, border=True, help="Named suppliers paid; redacted lines are not counted as suppliers.")
c4.metric("Redacted lines", f"{cur['redacted_lines']:,}", border=True,
          help=f"{fmt.money(cur['redacted_amount'])} paid on lines whose payee the file itself withheld, included in "
               "the total. What is published withholds these and, on the Redactions page's decisions and "
               "proposals, more: the Transparency page counts both.")
if cur["credit_lines"]:
    st.caption(f"Includes {cur['credit_lines']:,} credit notes worth {fmt.money(cur['credit_amount'])}.")
drill.show_all_button("ov_all")

# Strategy scorecard (lib.scorecard): whole force for the year, against the targets in force
sc_fy = sidebar.scorecard_year(f)
with st.expander(f"Strategy scorecard, {sc_fy}", expanded=True, icon=":material/target:"):
    st.caption("The whole force's spend in the year against the Procurement Strategy's targets (Targets page); "
               "the department, category, supplier and month filters do not apply here. Each tile opens the "
               "page that explains its figure and lists the transactions behind it.")
    tiles.scorecard_tiles(sc_fy)

# Monthly trend
trend = cache.query("monthly_trend", f)
trend_changes = {
    charts.trend_id(r.fy, r.month): {"fy": r.fy, "month": r.month} for r in trend.itertuples()
}
drill.clickable_chart(charts.monthly_trend(trend, f.fy), "ov_trend", trend_changes)
drill.drill_picker("ov_trend", "Month", {
    f"{fmt.month_label(r.month)} ({fmt.money(r.amount)})": {"fy": r.fy, "month": r.month}
    for r in trend.sort_values("month", ascending=False).itertuples()
})

# Departments and categories
left, right = layout.wrapping("ov_charts").columns(2)
for col, name, chart, field, key in ((left, "spend_by_department", "spend_by_department", "departments", "ov_dept"),
                                     (right, "spend_by_category_group", "spend_by_category", "categories", "ov_cat")):
    with col:
        df = cache.query(name, f)
        fig = getattr(charts, chart)(df)
        changes = {r.label: {field: tuple(r.members)} for r in df.itertuples()}
        drill.clickable_chart(fig, key, changes)
        drill.drill_picker(key, "Category group" if field == "categories" else "Department", {f"{r.label} ({fmt.money(r.amount)})": changes[r.label] for r in df.itertuples()})
        if field == "categories":
            for r in df[df["is_other"]].itertuples():
                st.caption(f"**{r.label}**, {fmt.money(r.amount)}: {r.detail}.")
categories_editor.category_groups(f)

# Suppliers
sup = cache.query("top_suppliers", f)
sup_changes = {r.supplier_key: {"suppliers": (r.supplier_key,)} for r in sup.itertuples()}
drill.clickable_chart(charts.top_suppliers(sup), "ov_sup", sup_changes)
drill.drill_picker("ov_sup", "Supplier", {
    f"{r.supplier_name} ({fmt.money(r.amount)})": sup_changes[r.supplier_key] for r in sup.itertuples()
})
st.caption("Click a bar or a point, or pick one below a chart, to see the transactions behind it.")
layout.footer()
