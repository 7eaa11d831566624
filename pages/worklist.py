"""Supplier worklist: the suppliers that matter most by spend and still lack a postcode, an SME
or a VCSE answer, completed in the table and saved with who, when, old and new value."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import suppliers as sup
from lib import format as fmt
from lib.ui import cache, layout, staff, tables

layout.require_router()
st.title("Supplier worklist")
layout.demo_banner()

cur = cache.cursor()
TEST_NAMES = {"procurement_act_2023": "Procurement Act 2023", "eu_2003": "EU test (2003/361)"}
test = sup.sme_test(cur)
test_label = TEST_NAMES[test]
# editor column → supplier field it saves
EDIT_COLUMNS = {"postcode": "postcode", "country": "country", "employees": "employees", "turnover": "turnover",
                "balance_sheet": "balance_sheet", "sme": "is_sme", "vcse": "is_vcse", "vcse_type": "vcse_type",
                "charity_number": "charity_number", "delivers_locally": "delivers_locally",
                "delivers_locally_reason": "delivers_locally_reason"}

msg = st.session_state.pop("wl_msg", None)
if msg:
    (st.success if msg[0] == "ok" else st.error)(msg[1])

if not cache.query("has_spend"):
    layout.empty_state("spend")
    st.stop()

st.caption(
    "The suppliers with most spend (all years) that still lack a postcode (none, invalid, or one that "
    f"cannot be placed), an SME answer under the {test_label} test, or a VCSE answer. Type the answers "
    "into the table and save: each change is recorded with your name, the time, and the old and new value. "
    "Suppliers not in the uploaded register are added to it by your answers."
)
c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
limit = c1.selectbox("Suppliers to show", [25, 50, 100, 250], key="wl_limit")
with c2:
    who = staff.your_name()

wl = cache.query("worklist", limit)
if wl.empty:
    st.success("Nothing to complete: every supplier with spend has a postcode, an SME answer and a VCSE answer.")
else:
    missing = (wl["needs_postcode"].map({True: "postcode", False: ""}) + " " + wl["needs_sme"].map({True: "SME", False: ""})
               + " " + wl["needs_vcse"].map({True: "VCSE", False: ""})).str.split().str.join(", ")
    yes_no = {True: "yes", False: "no"}
    shown = pd.DataFrame({
        "supplier_ref": wl["supplier_ref"], "name": wl["name"], "amount": wl["amount"].astype(float), "missing": missing,
        "ring": wl["ring"].fillna("Unknown"), "location_note": wl["location_note"].where(
            wl["location_note"].notna(), "not in the register yet"), "postcode": wl["postcode"], "country": wl["country"],
        "employees": wl["employees"].astype("Int64"), "turnover": wl["turnover"].astype(float),
        "balance_sheet": wl["balance_sheet"].astype(float),
        "sme": wl["sme"].map(yes_no).astype(object), "vcse": wl["vcse"].map(yes_no).astype(object),
        "vcse_type": wl["vcse_type"], "charity_number": wl["charity_number"],
        "delivers_locally": wl["delivers_locally"].map(yes_no).astype(object),
        "delivers_locally_reason": wl["delivers_locally_reason"],
    })
    shown = shown.astype({c: object for c in ("location_note", "postcode", "country", "vcse_type", "charity_number",
                                               "delivers_locally_reason")})
    shown = shown.where(shown.notna(), None)
    total = shown["amount"].sum()
    st.metric("Spend with these suppliers", fmt.money_short(total),
              help=f"{fmt.money(total)} across {len(shown):,} suppliers missing an answer")
    n = st.session_state.setdefault("wl_round", 0)
    key = f"wl_editor_{n}"
    st.session_state["wl_shown"] = shown
    yn = st.column_config.SelectboxColumn
    tables.editor(
        shown, key=key, width="stretch", num_rows="fixed", placeholder="",
        editable=["postcode", "country", "employees", "turnover", "balance_sheet", "sme", "vcse", "vcse_type",
                  "charity_number", "delivers_locally", "delivers_locally_reason"],
        column_order=["name", "amount", "missing", "ring", "location_note", "postcode", "country", "employees", "turnover",
                      "balance_sheet", "sme", "vcse", "vcse_type", "charity_number", "delivers_locally",
                      "delivers_locally_reason"],
        labels={"name": "Supplier", "amount": "Spend", "ring": "Ring now", "sme": f"SME ({test_label})"},
        config={
            "name": st.column_config.TextColumn(width="medium"),
            "postcode": st.column_config.TextColumn(help="A full UK postcode, e.g. PR2 1NN"),
            "country": st.column_config.TextColumn(help="Only for a supplier outside the UK"),
            "employees": st.column_config.NumberColumn(min_value=0, step=1, format="%,d"),
            "turnover": st.column_config.NumberColumn(min_value=0, format=tables.MONEY_TYPED),
            "balance_sheet": st.column_config.NumberColumn(min_value=0, format=tables.MONEY_TYPED),
            "sme": yn(options=["yes", "no"],
                      help="Your answer overrides the test; or give employees and turnover and the test decides"),
            "vcse": yn(options=["yes", "no"]),
            "vcse_type": st.column_config.TextColumn(help="charity, CIC, community benefit society…"),
            "delivers_locally": yn(options=["yes", "no"],
                                   help="A distant head office with a Lancashire site: counts as Lancashire"),
        },
    )
    edits = (st.session_state.get(key) or {}).get("edited_rows") or {}
    changes = sup.changes_from_editor(shown, edits, EDIT_COLUMNS)

    def _save() -> None:
        ss = st.session_state
        name = (ss.get(staff.K_WHO) or "").strip()
        state = ss.get(f"wl_editor_{ss['wl_round']}") or {}
        todo = sup.changes_from_editor(ss["wl_shown"], state.get("edited_rows") or {}, EDIT_COLUMNS)
        try:
            saved = sup.save_edits(todo, edited_by=name, db=cache.db_path())
        except ValueError as e:
            ss["wl_msg"] = ("error", str(e))
            return
        ss["wl_msg"] = ("ok", f"Saved {saved} change{'s' if saved != 1 else ''} by {name}.")
        ss["wl_round"] += 1  # a fresh editor over the refreshed worklist

    s1, s2 = st.columns([1, 3], vertical_alignment="center")
    s1.button(f"Save {len(changes)} change{'s' if len(changes) != 1 else ''}", key="wl_save", type="primary",
              disabled=not (who and changes), on_click=_save)
    if changes and not who:
        s2.warning("Type your name above to save: every change records who made it.")
    elif changes:
        s2.caption("Postcodes are checked as you save; an invalid one stops the save and names the supplier.")

st.subheader("Audit trail")
trail = sup.audit_trail(cur)
if trail.empty:
    st.caption("No changes saved yet.")
else:
    tables.table(trail.assign(field=trail["field"].map(sup.EDITABLE_FIELDS)), width="stretch", key="wl_trail",
                 labels={"edited_by": "Who", "name": "Supplier"},
                 config={"edited_at": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss")})
layout.footer()
