"""Scorecard: every strategy measure for the year with its numerator, denominator, target and
rule; one measure explained (its trend against the target in force each year) and the
transactions behind it, exportable."""
import streamlit as st

from lib import scorecard_charts
from lib import format as fmt
from lib.scorecard.drill import MEASURE_PARTS, PARTS
from lib.ui import cache, drill, layout, sidebar, tables, tiles

layout.require_router()

f = sidebar.current_filters()
st.title("Strategy scorecard")
layout.demo_banner()
if not cache.query("has_spend"):
    layout.empty_state()
    st.stop()
fy = sidebar.scorecard_year(f)
st.caption(f"{fy} · {cache.query('body_scope', f.bodies)} (choose the year under Filters at the top) · targets from the Targets page")
st.page_link("pages/publish.py", label="The managers' briefing (PDF) of this scorecard: build it on Snapshot and briefing",
             icon=":material/picture_as_pdf:")

card = cache.measure("scorecard", fy, True, f.bodies)
ms = card["measures"]
table = [{
    "Measure": m["label"], "Value": fmt.measure_text(m["unit"], m["value"]), "Target": tiles.target_words(m),
    "Status": m["status"], "Rule": m["rule"],
    # (social value's parts are contracts, not pounds: said so, beside the sums of the other rows)
    "Numerator": (f"{m['numerator']:,} contracts" if k == "social_value_pct" else fmt.money(m["numerator"])),
    "Denominator": ("—" if m["denominator"] is None else
                    f"{m['denominator']:,} contracts" if k == "social_value_pct" else fmt.money(m["denominator"])),
    "Previous year": fmt.measure_text(m["unit"], m["previous"]),
} for k, m in ms.items()]
tables.table(table, key="sc_table")
st.caption(f"All spend in {fy}: {fmt.money(card['total_spend'])} (credit notes netted, redacted lines included). "
           f"Contracts live at some time in the year: {card['contracts_live']:,}.")

keys = list(ms)
asked = st.query_params.get("measure")
if "sc_measure" not in st.session_state and asked in keys:
    st.session_state["sc_measure"] = asked
key = st.selectbox("Explain a measure", keys, format_func=lambda k: ms[k]["label"], key="sc_measure")
m = ms[key]
st.subheader(m["label"])
st.markdown(f"**What it is.** {m['what']}.  \n**Status rule.** {m['rule']}.")
if key == "sme_pct":
    st.markdown(f"**SME test.** {m['sme_test_label']} (settings). Spend with suppliers the test cannot decide: "
                f"{fmt.money(m['not_known'])}, counted as not SME.")
if key == "vcse_pct":
    st.markdown(f"Spend with suppliers not known to be VCSE or not: {fmt.money(m['not_known'])}.")

years = tuple(y for y, _ in m["trend"])
tt = cache.measure("targets_table", years) if years else None
rows = [] if tt is None else list(tt[tt["measure"] == key].itertuples())
targets = {r.fy: r.value for r in rows}
direction = next((r.direction for r in reversed(rows) if r.direction), None)
st.plotly_chart(scorecard_charts.measure_trend(
    m["trend"], targets, m["unit"], f"{m['label']} by financial year", direction), key="sc_trend")

if key in MEASURE_PARTS:
    num, comp = MEASURE_PARTS[key]
    choices = {f"The numerator: spend {PARTS[num][1]}": num}
    if comp:
        choices[f"Spend {PARTS[comp][1]}"] = comp
    choices["All spend in the year (the denominator)"] = "all"
    pick = st.radio("Transactions behind", list(choices), key="sc_part", horizontal=True)
    drill.measure_drill(choices[pick], fy, None, (), f"scorecard_{key}_{choices[pick]}", pick)
else:
    st.page_link(m["page"], label="Savings and social value: the figures and the rows behind them",
                 icon=":material/arrow_forward:")
layout.footer()
