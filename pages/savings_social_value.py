"""Savings and social value: the year's recorded savings (cashable apart) cumulative by month
against the target, the savings register rows, and the share of contracts let in the year with
social value weighted at least 2.5% of the quality element, the rest listed."""
import streamlit as st

from lib import scorecard_charts
from lib import format as fmt
from lib.ui import cache, drill, layout, sidebar, tables, tiles

layout.require_router()

f = sidebar.current_filters()
st.title("Savings and social value")
layout.demo_banner()
fys = cache.query("financial_years")
if fys:
    fy = sidebar.scorecard_year(f)
    st.caption(f"{fy} · choose the year under Filters at the top · targets from the Targets page")
else:  # registers loaded before any spend: their own years
    years = cache.measure("register_years")
    if not years:
        layout.empty_state("spend, savings or contracts")
        st.stop()
    fy = st.selectbox("Financial year", years, key="sv_year", help="No spend is loaded yet: the years the "
                      "savings and contracts registers record. Once spend is loaded, choose the year under Filters.")

st.header("Savings")
sav = cache.measure("savings", fy)
c1, c2, c3, c4 = st.columns(4)
c1.metric("Savings recorded", fmt.money_short(sav["numerator"]), border=True,
          help=f"Exactly {fmt.money(sav['numerator'])}: every saving recorded for {fy} ({sav['projects']} projects).")
c2.metric("Cashable", fmt.money_short(sav["cashable"]), border=True, help=f"Exactly {fmt.money(sav['cashable'])}")
c3.metric("Non-cashable", fmt.money_short(sav["non_cashable"]), border=True,
          help=f"Exactly {fmt.money(sav['non_cashable'])}")
c4.metric("Target", "—" if sav["target"] is None else fmt.money_short(sav["target"]), border=True,
          help=sav["rule"])
st.markdown(f"{tiles.STATUS_ICONS.get(sav['status'], '')} **{sav['status'].capitalize()}** · {sav['rule']}")
if sav.get("not_said"):  # (unknown is shown, not folded into either type)
    st.caption(f"{fmt.money(sav['not_said'])} of the savings recorded say neither cashable nor non-cashable.")
cum = cache.measure("savings_cumulative", fy)
st.plotly_chart(scorecard_charts.savings_cumulative(cum, sav["target"], fy), key="sv_cum")
st.caption("By the month each saving was recorded; savings with no date recorded are counted in March.")
rows = cache.measure("savings_rows", fy)
if rows.empty:
    st.info(f"No savings recorded for {fy}: upload a savings register on the Upload page.")
else:
    tables.table(rows, key="sv_rows")
    drill.table_downloads(rows, f"savings_{fy.replace('/', '-')}", "sv_rows_dl")

st.header("Social value")
sv = cache.measure("social_value_pct", fy)
d1, d2, d3 = st.columns(3)
d1.metric("Contracts with social value ≥ 2.5%", fmt.measure_text(sv["unit"], sv["value"]), border=True,
          help=f"{sv['numerator']} of {sv['denominator']} contracts starting in {fy}. {sv['rule']}.")
d2.metric("Contracts starting in the year", f"{sv['denominator']:,}", border=True)
d3.metric("Below 2.5% or not recorded", f"{sv['denominator'] - sv['numerator']:,}", border=True)
st.markdown(f"{tiles.STATUS_ICONS.get(sv['status'], '')} **{sv['status'].capitalize()}** · {sv['rule']}. "
            "The Social Value Policy asks for at least 2.5% of the quality element where relevant; a contract "
            "with no weighting recorded counts as below (correct it on the Contracts register page).")
cons = cache.measure("social_value_contracts", fy)
below = cons[~cons["meets"]]
st.subheader(f"Contracts below 2.5% ({len(below):,})")
if cons.empty:  # (no contract to meet it: not a success)
    st.info(f"No contract in the contracts register starts in {fy}: nothing to check. Upload a contracts "
            "register on the Upload page if it is not loaded.")
elif below.empty:
    st.success("Every contract starting this year meets the minimum.")
else:
    tables.table(below, key="sv_below", hide=["meets", "contract_id"])
    drill.table_downloads(below.drop(columns=["meets", "contract_id"]), "social_value_below", "sv_below_dl")
with st.expander(f"Contracts meeting the minimum ({int(cons['meets'].sum()):,})"):
    tables.table(cons[cons["meets"]], key="sv_meeting", hide=["meets", "contract_id", "reason"])
layout.footer()
