"""Targets: the target in force for each measure and year, set by staff from a year on (a change
for one year never rewrites the years before it), with who set each and when."""
import streamlit as st

from lib.filters import fy_name, fy_start
from lib.scorecard import catalogue, targets
from lib.ui import cache, layout, staff, tables

layout.require_router()

st.title("Targets")
layout.demo_banner()
st.markdown("A target applies from the financial year it is set for until a later one replaces it; the years "
            "before keep theirs. Defaults are the Procurement Strategy's figures as at 31 March 2020.")

fys = cache.query("financial_years") or ["2019/20"]
latest = fy_start(fys[0])
years = [fy_name(y) for y in range(min(fy_start(y) for y in fys), latest + 4)]
show = st.selectbox("Targets in force in", years, index=years.index(fys[0]), key="tg_year")
table = cache.measure("targets_table", (show,))
tables.table(targets.written(table), key="tg_table", hide=["measure", "fy"], labels={"label": "Measure", "value": "Target"},
             kinds={"value": "text"})

st.subheader("Set a target")
said = st.session_state.pop("tg_saved", None)  # said after the rerun that shows the new target above
if said:
    st.success(said)
who = staff.your_name()
a, b = st.columns(2)
measure = a.selectbox("Measure", list(catalogue.MEASURES), format_func=lambda k: catalogue.MEASURES[k][0],
                      key="tg_measure")
from_fy = b.selectbox("From financial year", years, index=years.index(show), key="tg_from")
# The form starts from the target in force for that measure and year (its figure and which way it is
# met): saving it with only the figure changed never turns an "at most" target into an "at least" one.
now = cache.measure("targets_table", (from_fy,))
now = now[now["measure"] == measure].iloc[0]
with st.form(f"tg_form_{measure}_{from_fy}", border=True):
    c, d = st.columns(2)
    value = c.number_input("Target (% of spend, or £ for savings)", min_value=0.0, step=0.5,
                           value=float(now["value"]) if now["value"] is not None else 0.0,
                           key=f"tg_value_{measure}_{from_fy}")
    ways = ["at_least", "at_most"]
    direction = d.selectbox("Met when the value is", ways, key=f"tg_direction_{measure}_{from_fy}",
                            index=ways.index(now["direction"]) if now["direction"] in ways else 0,
                            format_func={"at_least": "at least the target", "at_most": "at most the target"}.get)
    note = st.text_input("Why (source or decision)", key=f"tg_note_{measure}_{from_fy}")
    saved = st.form_submit_button("Save target", type="primary")
if saved:
    try:
        targets.set_target(measure, from_fy, str(value), set_by=who, direction=direction,
                            source_note=note or None, db=cache.db_path())
    except ValueError as e:
        st.error(str(e))
    else:
        st.session_state["tg_saved"] = (f"{catalogue.MEASURES[measure][0]}: target {value:g} from {from_fy} on, "
                                        f"set by {who}. Earlier years keep their targets.")
        st.rerun()  # the table of targets in force above is drawn again with it

st.subheader("Every target set")
tables.table(targets.written(cache.measure("target_changes")), key="tg_history", hide=["measure"],
             labels={"label": "Measure", "old_value": "Was", "value": "Set to", "set_at": "When"},
             kinds={"old_value": "text", "value": "text"})
layout.footer()
