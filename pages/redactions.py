"""Redactions (staff): confirm or clear what the tool proposes before anything is published.

Suppliers proposed as people (titles, sole traders, names with no company form) are decided in
bulk per supplier; lines in sensitive categories per line or per category. Every decision is
recorded with who, when, why and its label. Anything undecided is withheld when published."""
import streamlit as st

from lib import format as fmt
from lib.publish import redaction
from lib.ui import cache, layout, sidebar, staff, tables

layout.require_router()

st.title("Redactions")
layout.demo_banner()
st.caption("Undecided proposals are redacted in everything published (fail closed). Amounts stay in every total.")
fys = cache.query("financial_years")
if not fys:
    layout.empty_state()
    st.stop()
fy = sidebar.year_select(fys, key="red_fy")
who = staff.staff_identity()
props = cache.query("proposals", fy)
sup, lines = props["suppliers"], props["lines"]

c1, c2, c3 = st.columns(3)
c1.metric("Suppliers proposed", f"{len(sup):,}", border=True)
c2.metric("Suppliers undecided", f"{int((sup['status'] == 'pending').sum()):,}" if len(sup) else "0", border=True)
c3.metric("Sensitive lines", f"{len(lines):,}", border=True,
          help="Lines in a sensitive category, or whose payee the publisher withheld (redacted at source): listed below.")


def _decision_form(key: str, can_clear: bool = True):
    a, b = st.columns([1, 2])
    # a payee the publisher withheld has no name to publish: such lines can only be given a label
    decision = a.radio("Decision", ["redact", "clear"] if can_clear else ["redact"], key=f"{key}_decision",
                       horizontal=True,
                       format_func={"redact": "Confirm redaction", "clear": "Clear (publish the name)"}.get)
    label = b.selectbox("Label", redaction.LABELS, key=f"{key}_label", disabled=decision == "clear")
    reason = st.text_input("Why (recorded with your name)", key=f"{key}_reason")
    return decision, (label if decision == "redact" else None), reason


st.header("Suppliers proposed as individuals")
if sup.empty:
    st.info("No supplier this year looks like an individual or sole trader.")
else:
    f1, f2 = st.columns([3, 1])
    words = f1.text_input("Show the suppliers whose name holds", key="red_sup_words",
                          placeholder="nursing home, day nursery, housing",
                          help="Words or parts of words, in any case; separate alternatives with commas.")
    undecided = f2.checkbox("Undecided only", key="red_sup_undecided")
    shown_sup = redaction.pick_suppliers(sup, words, undecided)
    every = st.checkbox(f"Select all {len(shown_sup):,} shown", key="red_sup_all", disabled=shown_sup.empty)
    if shown_sup.empty:
        st.info("No supplier proposed this year has a name holding those words." if words else
                "Every supplier proposed this year has been decided.")
    view = shown_sup.assign(select=every)[["select", "supplier_name", "reasons", "lines", "amount", "status", "label",
                                           "decided_by", "decided_at", "why", "supplier_key"]]
    # a new list (words typed, all selected) is a new table: no tick is carried onto another row
    edited = tables.editor(view, key=f"red_sup_editor_{words.casefold()}_{undecided}_{every}", editable=["select"],
                           hide=["supplier_key"], kinds={"select": "flag"})
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
        if decidable.empty:
            st.write(f"Apply to the {fmt.count(len(shown), 'line')} shown: the publisher withheld every one's payee "
                     "(redacted at source), so there is no name to publish; only their label can be set.")
        else:
            st.write(f"Apply to the {fmt.count(len(shown), 'line')} shown ({len(decidable):,} not redacted at source; "
                     "lines redacted at source can only be given a label).")
        decision, label, reason = _decision_form("red_line", can_clear=not decidable.empty)
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
st.caption("A line is proposed for redaction when its category (expense type) holds one of a rule's words or "
           "phrases: whole words, in any case (“witness” typed here finds “Witness Expenses”, not “Eyewitnesses”). "
           "A rule shown as “pattern: …” (the policy's own, and any written as a pattern) matches anywhere in the "
           "category, parts of words too (failing closed): replace it with words to match whole words only.")
rules = redaction.rules_frame(cache.cursor())
cat_rules = rules[rules["kind"] == "sensitive_category"]
tables.table(cat_rules.assign(words=cat_rules["pattern"].map(redaction.rule_text))[
    ["words", "label", "note", "set_by", "set_at"]], key="red_rules")


def _add_rule(words: list[str], label: str, note: str) -> None:
    try:
        redaction.set_category_words(words, label, note or None, who=who, db=cache.db_path())
    except ValueError as e:
        st.session_state["red_rule_msg"] = ("error", str(e))
        return
    st.session_state["red_rule_msg"] = ("ok", f"Rule added by {who}: {', '.join(words)}.")
    st.session_state["red_rule_words"] = ""  # ready for the next rule


st.subheader("Add a rule")
a, b = st.columns([3, 2])
typed = a.text_area("Words or phrases, one a line or separated by commas", key="red_rule_words",
                    placeholder="witness protection\ninformant", height=110)
rlabel = b.selectbox("Label", redaction.LABELS, key="red_rule_label")
note = b.text_input("Note (why these are sensitive)", key="red_rule_note")
words = redaction.split_words(typed)
if words:
    pv = redaction.category_rule_preview(redaction.pattern_from_words(words), cache.cursor(), limit=20, words=words)
    if pv["lines"]:
        st.markdown(f"**This rule would catch {pv['lines']:,} lines** ({fmt.money(pv['amount'])}, every year) in "
                    f"{len(pv['categories']):,} categor{'y' if len(pv['categories']) == 1 else 'ies'}; "
                    + (f"{pv['new_lines']:,} of them are not caught by any rule yet." if pv["new_lines"] else
                       "every one is already caught by a rule above."))
        if pv["quiet"]:
            st.caption("No category holds " + ", ".join(f"“{w}”" for w in pv["quiet"]) + " as a whole word "
                       "(a plural, say, is another word: add it too).")
        tables.table(pv["categories"], key="red_rule_categories")
        st.caption(f"The {len(pv['first']):,} most recent of those lines:")
        tables.table(pv["first"], key="red_rule_preview")
    else:
        st.info("No line in the store has a category holding these words yet; the rule would catch later ones.")
    st.button("Add this rule", type="primary", key="red_rule_add", on_click=_add_rule, args=(words, rlabel, note))
msg = st.session_state.pop("red_rule_msg", None)
if msg:
    (st.success if msg[0] == "ok" else st.error)(msg[1])

if not cat_rules.empty:
    with st.expander("Remove a rule"):
        texts = dict(zip(cat_rules["pattern"], cat_rules["pattern"].map(redaction.rule_text)))
        gone = st.selectbox("Rule", list(texts), format_func=texts.get, key="red_rule_remove_pick")
        if st.button("Remove this rule", key="red_rule_remove"):
            redaction.remove_rule("sensitive_category", gone, db=cache.db_path())
            st.rerun()

with st.expander("Decision history"):
    tables.table(redaction.decisions(cache.cursor()), key="red_decisions")
layout.footer()
