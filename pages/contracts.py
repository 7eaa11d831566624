"""Contracts and compliance: on-contract and collaborative spend for the year, spend by route to
market, the review list (off-contract spend by supplier and department), contracts expiring within
120 days and contract burn. Every figure opens the transactions behind it, exportable."""
import datetime as dt

import streamlit as st

from lib import filters, scorecard_charts
from lib import format as fmt
from lib.scorecard import contracts
from lib.ui import cache, chips, drill, layout, sidebar, tables

layout.require_router()

f = sidebar.current_filters()
st.title("Contracts and compliance")
layout.demo_banner()
if not cache.query("has_spend"):
    held = len(cache.measure("contracts_register"))  # a register loaded before any spend: say it is there
    layout.empty_state(held=f"{held:,} contract{'s' if held != 1 else ''} in the contracts register" if held else None,
                       shown=("pages/contract_register.py", "See the contracts register") if held else None)
    st.stop()
fy = sidebar.scorecard_year(f)
fy_f = f.replace(fy=fy)
st.markdown("A payment is **on contract** when its supplier holds a contract in the register live on the payment "
            "date (same supplier ID, same name, or linked to the same register supplier), or the line quotes the "
            "contract's reference. A payment two contracts cover counts once, under a collaborative contract first.")

spend = cache.measure("spend_measures", fy, fy_f)
on, col = spend["on_contract_pct"], spend["collaborative_pct"]
live = cache.measure("contracts_live", fy)
if on["denominator"] == 0:
    st.info("No spend matches these filters. Widen them under Filters at the top of the page, or press Clear all.")
    st.stop()
c1, c2, c3, c4 = st.columns(4)
c1.metric("On contract", fmt.measure_text(on["unit"], on["value"]), border=True,
          help=f"{fmt.money(on['numerator'])} of {fmt.money(on['denominator'])}. {on['rule']}.")
c2.metric("Off contract (to review)", fmt.money_short(on["denominator"] - on["numerator"]), border=True,
          help=f"Exactly {fmt.money(on['denominator'] - on['numerator'])}: the review list below.")
c3.metric("Collaborative", fmt.measure_text(col["unit"], col["value"]), border=True,
          help=f"{fmt.money(col['numerator'])} of {fmt.money(col['denominator'])}. {col['rule']}.")
c4.metric("Contracts live in the year", f"{live['contracts']:,}", border=True,
          help=f"{live['collaborative']:,} of them collaborative; total value {fmt.money(live['value'])}.")
st.caption(f"On contract: **{on['status']}** ({on['rule']}) · Collaborative: **{col['status']}** ({col['rule']})")


def as_at() -> dt.date:
    """The day the expiring list and contract burn are as at: one box, shown on either tab."""
    end = filters.fy_end(fy)
    return st.date_input("As at", value=min(dt.date.today(), end), key="ct_as_of", format="DD/MM/YYYY",
                         help="Today, or the end of the chosen year when that is earlier")


# Only the open tab is worked out (each rerun, on a change of tab): the review list ranks every supplier
# and department pair of the year, seconds at fifty million lines, and need not wait on the first view.
tab_route, tab_review, tab_expiring, tab_burn = st.tabs(
    ["By route", "Review list", "Expiring within 120 days", "Contract burn"], key="ct_tab", on_change="rerun")

if tab_route.open:
    with tab_route:
        routes = cache.measure("collaborative_by_route", fy_f)
        st.plotly_chart(scorecard_charts.route_bars(routes, fy), key="ct_routes")
        st.caption("Dark blue: collaborative routes · light blue: other contracts · grey: off contract. "
                   "The % is of all spend in the year.")
        route_pick = st.selectbox("Route", list(routes["route"]), key="ct_route_pick",
                                  format_func=lambda r: f"{r} ({fmt.money(routes.set_index('route').at[r, 'amount'])})")
        if route_pick:
            drill.measure_drill("route", fy, fy_f, (route_pick,), "ct_route", f"Spend under {route_pick}")
        st.caption("Collaborative routes are a list staff keep: Bluelight Commercial, Crown Commercial "
                   "Service, North West police regional, CLEP, ESPO, YPO and other public buying organisations, or a "
                   "contract the register marks collaborative.")

if tab_review.open:
    with tab_review:
        totals = cache.measure("review", fy_f, contracts.REVIEW_SHOWN)
        review = totals["rows"]
        st.markdown(f"**{totals['pairs']:,}** supplier and department pairs off contract, "
                    f"{fmt.money(totals['amount'])} in all, largest first.")
        if totals["pairs"] > len(review):
            st.caption(f"The {len(review):,} largest are shown; the downloads hold all {totals['pairs']:,}.")
        tables.table(review, key="ct_review", hide=["supplier_key"],
                     labels={"supplier_name": "Supplier", "amount": "Off-contract spend"},
                     config={"contracts_held": st.column_config.NumberColumn(
                         format="%,d", help="The supplier's contracts, none live on these dates")})
        drill.table_downloads(lambda: contracts.review_list(cache.cursor(), fy_f).drop(columns=["supplier_key"]),
                              "review_list", "ct_review_dl")
        if not review.empty:
            pairs = {f"{r.supplier_name} · {r.department} ({fmt.money(r.amount)})": (r.supplier_key, r.department)
                     for r in review.head(200).itertuples()}
            pick = st.selectbox("Transactions of", list(pairs), key="ct_review_pick")
            drill.measure_drill("supplier_department", fy, fy_f, pairs[pick], "ct_review_lines", pick)
            st.divider()
            drill.measure_drill("off_contract", fy, fy_f, (), "ct_off", "Every off-contract line")

if tab_expiring.open:
    with tab_expiring:
        as_of = as_at()
        exp = cache.measure("contracts_expiring", as_of, contracts.EXPIRY_DAYS)
        chips.scope_caption(f, filters.USES_NONE)
        st.markdown(f"**{len(exp):,}** contracts end within {contracts.EXPIRY_DAYS} days of {as_of:%d/%m/%Y}.")
        tables.table(exp, key="ct_expiring", hide=["contract_id"])
        drill.table_downloads(exp.drop(columns=["contract_id"]), "contracts_expiring", "ct_exp_dl")

if tab_burn.open:
    with tab_burn:
        as_of_b = as_at()
        burn = cache.measure("contract_burn", as_of_b)
        burn = burn[burn["end_date"].isna() | (burn["end_date"] >= filters.fy_bounds(fy)[0])]  # live in the year
        chips.scope_caption(f, filters.USES_YEAR)
        st.markdown(f"Spend counted under each contract up to {as_of_b:%d/%m/%Y} against its value, and how much of "
                    "its term has passed. **Ahead** = spend % − time %: a contract spending faster than time passes "
                    "(positive) may run out before its end date.")
        tables.table(burn.sort_values("ahead", ascending=False, na_position="last"), key="ct_burn", hide=["contract_id"],
                     labels={"spend": "Spend to date"},
                     config={"spend_pct": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100),
                             "time_pct": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)})
        drill.table_downloads(burn.drop(columns=["contract_id"]), "contract_burn", "ct_burn_dl")
        if not burn.empty:
            cons = {f"{r.reference} · {r.supplier_name} ({fmt.money(r.spend)})": r.contract_id
                    for r in burn.sort_values("spend", ascending=False).head(300).itertuples()}
            pick_c = st.selectbox("Transactions counted under", list(cons), key="ct_burn_pick")
            drill.measure_drill("contract", None, None, (cons[pick_c],), "ct_contract_lines", pick_c)
layout.footer()
