"""Contracts register: the register as it stands (latest upload of each contract, staff edits on
top), and a form to correct one contract's end date, route, collaborative flag, weightings or
value, recorded with who, when, why and the old value."""
import datetime as dt

import streamlit as st
from lib.scorecard import contracts
from lib.ui import cache, drill, layout, staff, tables


layout.require_router()

st.title("Contracts register")
layout.demo_banner()
reg = cache.measure("contracts_register")
if reg.empty:
    st.info("No contracts register yet: upload one on the Upload page (kind: contracts).",
            icon=":material/upload_file:")
    st.stop()

search = st.text_input("Find a contract", key="cr_search", placeholder="Reference, title or supplier")
shown = contracts.find_contracts(reg, search)
st.caption(f"{len(shown):,} of {len(reg):,} contracts")
tables.table(shown, key="cr_table", hide=["contract_id", "collaborative_flag"])
drill.table_downloads(shown.drop(columns=["contract_id"]), "contracts_register", "cr_dl")

st.subheader("Correct a contract")
if shown.empty:
    st.info("No contract matches the search.")
    st.stop()
labels = {r.contract_id: contracts.contract_label(r.reference, r.supplier_name, r.title) for r in shown.head(500).itertuples()}
cid = st.selectbox("Contract", list(labels), format_func=labels.get, key="cr_pick")
c = reg.set_index("contract_id").loc[cid]


def _text(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%d/%m/%Y")
    return str(v)


who = staff.your_name()
with st.form("cr_form", border=True):
    a, b = st.columns(2)
    end = a.text_input("End date (dd/mm/yyyy; empty = open-ended)", value=_text(c["end_date"]), key=f"cr_end_{cid}")
    route = b.text_input("Route to market", value=_text(c["route"]), key=f"cr_route_{cid}")
    flag = {True: "yes", False: "no"}.get(c["collaborative_flag"] if c["collaborative_flag"] in (True, False) else None, "")
    d, e, g = st.columns(3)
    collab = d.selectbox("Collaborative", ["", "yes", "no"], index=["", "yes", "no"].index(flag),
                         key=f"cr_collab_{cid}", format_func=lambda v: v or "not said")
    quality = e.text_input("Quality weighting %", value=_text(c["quality_pct"]), key=f"cr_quality_{cid}")
    social = g.text_input("Social value % of the quality element", value=_text(c["social_value_pct"]),
                          key=f"cr_social_{cid}")
    value = st.text_input("Contract value (£)", value=_text(c["value"]), key=f"cr_value_{cid}")
    reason = st.text_input("Why", key="cr_reason")
    save = st.form_submit_button("Save changes", type="primary")
if save:
    before = {"end_date": _text(c["end_date"]), "route": _text(c["route"]), "collaborative": flag,
              "quality_pct": _text(c["quality_pct"]), "social_value_pct": _text(c["social_value_pct"]),
              "value": _text(c["value"])}
    after = {"end_date": end, "route": route, "collaborative": collab, "quality_pct": quality,
             "social_value_pct": social, "value": value}
    changes = {k: v for k, v in after.items() if v.strip() != before[k]}
    try:
        n = contracts.edit_contract(cid, changes, edited_by=who, reason=reason or None, db=cache.db_path())
    except ValueError as err:
        st.error(str(err))
    else:
        st.success(f"{n} change(s) saved by {who}; the scorecard uses them from now on." if n else "Nothing changed.")

st.subheader("Changes to this contract")
history = cache.measure("contract_edit_history", cid)
if len(history):
    tables.table(history, key="cr_history", hide=["edit_id", "contract_id"])
else:
    st.caption("No changes saved yet: a change made above is listed here, with who made it and when.")
layout.footer()
