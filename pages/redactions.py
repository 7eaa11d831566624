"""Redactions (staff): confirm or clear what the tool proposes before anything is published.

Suppliers proposed as people (titles, sole traders, names with no company form) are decided in
bulk per supplier; lines in sensitive categories per line or per category. Every decision is
recorded with who, when, why and its label. Anything undecided is withheld when published."""
import streamlit as st

from lib.publish import redaction
from lib.ui import cache, layout, staff, tables

layout.require_router()

st.title("Redactions")
st.caption("Undecided proposals are redacted in everything published (fail closed). Amounts stay in every total.")
fys = cache.query("financial_years")
if not fys:
    layout.empty_state()
    st.stop()
fy = st.selectbox("Financial year", fys, key="red_fy")
who = staff.staff_identity()
props = cache.query("proposals", fy)
sup, lines = props["suppliers"], props["lines"]

c1, c2, c3 = st.columns(3)
c1.metric("Suppliers proposed", f"{len(sup):,}", border=True)
c2.metric("Suppliers undecided", f"{int((sup['status'] == 'pending').sum()):,}" if len(sup) else "0", border=True)
c3.metric("Lines in sensitive categories or redacted at source", f"{len(lines):,}", border=True)


def _decision_form(key: str):
    a, b = st.columns([1, 2])
    decision = a.radio("Decision", ["redact", "clear"], key=f"{key}_decision", horizontal=True,
                       format_func={"redact": "Confirm redaction", "clear": "Clear (publish the name)"}.get)
    label = b.selectbox("Label", redaction.LABELS, key=f"{key}_label", disabled=decision == "clear")
    reason = st.text_input("Why (recorded with your name)", key=f"{key}_reason")
    return decision, (label if decision == "redact" else None), reason


st.header("Suppliers proposed as individuals")
if sup.empty:
    st.info("No supplier this year looks like an individual or sole trader.")
else:
    view = sup.assign(select=False)[["select", "supplier_name", "reasons", "lines", "amount", "status", "label",
                                     "decided_by", "decided_at", "why", "supplier_key"]]
    edited = tables.editor(view, key="red_sup_editor", editable=["select"], hide=["supplier_key"],
                           kinds={"select": "flag"})
    picked = list(edited.loc[edited["select"], "supplier_key"])
    with st.form("red_sup_form"):
        st.write(f"{len(picked)} supplier(s) selected; the decision covers every line of each, in every year.")
        decision, label, reason = _decision_form("red_sup")
        if st.form_submit_button("Record decision", disabled=False):
            try:
                n = redaction.decide_suppliers(picked, decision, label, reason, who, db=cache.db_path())
            except ValueError as e:
                st.error(str(e))
            else:
                if n:
                    st.success(f"Recorded for {n} supplier(s) by {who}.")
                    st.rerun()
                st.warning("Select at least one supplier.")

st.header("Lines in sensitive categories")
if lines.empty:
    st.info("No line this year is in a sensitive category or redacted at source.")
else:
    cats = sorted(set(lines["category"].dropna()))
    cat = st.selectbox("Category", ["All"] + cats, key="red_cat")
    shown = lines if cat == "All" else lines[lines["category"] == cat]
    tables.table(shown.drop(columns=["batch_id", "sheet", "row_number"]), key="red_lines")
    decidable = shown[shown["status"] != "redacted at source"]
    with st.form("red_line_form"):
        st.write(f"Apply to the {len(shown):,} line(s) shown ({len(decidable):,} not redacted at source; "
                 "lines redacted at source can only be given a label).")
        decision, label, reason = _decision_form("red_line")
        if st.form_submit_button("Record decision for these lines"):
            target = decidable if decision == "clear" else shown
            try:
                n = redaction.decide_lines(target[["batch_id", "sheet", "row_number"]].itertuples(index=False, name=None),
                                           decision, label, reason, who, db=cache.db_path())
            except ValueError as e:
                st.error(str(e))
            else:
                st.success(f"Recorded for {n} line(s) by {who}.")
                st.rerun()

st.header("Sensitive categories")
rules = redaction.rules_frame(cache.cursor())
tables.table(rules[rules["kind"] == "sensitive_category"].drop(columns=["kind"]), key="red_rules")
with st.form("red_rule_form"):
    a, b = st.columns([2, 1])
    pattern = a.text_input("Category pattern (case-insensitive; | separates alternatives)", key="red_rule_pattern")
    rlabel = b.selectbox("Label", redaction.LABELS, key="red_rule_label")
    note = st.text_input("Note", key="red_rule_note")
    if st.form_submit_button("Add sensitive category"):
        try:
            redaction.set_rule("sensitive_category", pattern, rlabel, note, who=who, db=cache.db_path())
        except ValueError as e:
            st.error(str(e))
        else:
            st.rerun()

with st.expander("Decision history"):
    tables.table(redaction.decisions(cache.cursor()), key="red_decisions")
