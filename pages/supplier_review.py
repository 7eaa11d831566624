"""Match review: spend names that no rule linked, each with its closest register supplier by
fuzzy score, accepted or rejected by a named member of staff. Decisions persist and apply to
every later upload."""
from __future__ import annotations

import streamlit as st

from lib import suppliers as sup
from lib import format as fmt
from lib.ui import cache, layout, staff, tables

layout.require_router()
st.title("Match review")
layout.demo_banner()
st.caption(
    f"Spend names that no rule linked to the register (supplier ID, VAT number, normalised name), each "
    f"with its closest register supplier (score {sup.FUZZY_MIN_SCORE:.0f} or more out of 100), largest "
    "spend first. An accepted match links that name now and in every later upload; a rejected pair "
    "is never offered again."
)

cur = cache.cursor()
msg = st.session_state.pop("rv_msg", None)
if msg:
    st.success(msg)


def _decide(spend_key: str, spend_name: str, ref: str, name: str, decision: str, score: float) -> None:
    who = (st.session_state.get(staff.K_WHO) or "").strip()
    if not who:
        st.session_state["rv_msg"] = None
        return
    sup.decide_match(spend_key, ref, decision, decided_by=who, score=score, db=cache.db_path())
    verb = "Linked" if decision == "accept" else "Rejected"
    st.session_state["rv_msg"] = f"{verb}: “{spend_name}” {'→' if decision == 'accept' else '≠'} {name} (by {who})."


share = cache.query("matched_share")
reg_count = cache.query("register_summary")["in_register"]
if not reg_count:
    st.info("No supplier register yet. Upload a supplier register on the Upload page (choose “Supplier "
            "register”); spend names it does not match then appear here for review.", icon=":material/upload_file:")
    st.page_link(layout.UPLOAD_PAGE, label="Go to Upload", icon=":material/arrow_forward:")
    st.stop()

who = staff.your_name()
limit = 50
cands = cache.query("fuzzy_candidates", limit)
unmatched = share["by_method"].get("unmatched", (0, 0))
m = st.columns(3)
m[0].metric("Matched to the register, all years", fmt.percent(share['matched_pct']),
            help=f"{fmt.money(share['matched'])} of {fmt.money(share['total'])} (by value, every year: a match "
                 "holds for every year; the Suppliers page gives the share under its filters)")
m[1].metric("To review", f"{len(cands):,}{'+' if len(cands) >= limit else ''}",
            help="Unmatched spend names with a close register candidate")
m[2].metric("Spend at stake", fmt.money_short(cands["amount"].sum() if len(cands) else 0),
            help=f"{fmt.money(cands['amount'].sum() if len(cands) else 0)} in the names below; "
                 f"{fmt.money(unmatched[0])} of spend is unmatched in all")

if cands.empty:
    st.success("Nothing to review: every named supplier in spend is matched to the register, or has no "
               "close candidate. Suppliers with none can be completed on the Supplier worklist.")
else:
    if not who:
        st.warning("Type your name above to accept or reject: each decision records who made it and when.")
    head = st.columns([3, 3, 1, 1.4, 1, 1])
    for col, label in zip(head, ["**Name in spend**", "**Register supplier**", "**Score**", "**Spend at stake**", "", ""]):
        col.markdown(label)
    for i, c in enumerate(cands.itertuples()):
        row = st.columns([3, 3, 1, 1.4, 1, 1], vertical_alignment="center")
        row[0].markdown(f"{c.spend_name}  \n:gray[{c.lines:,} line{'s' if c.lines != 1 else ''}]")
        row[1].markdown(f"{c.name}  \n:gray[{c.supplier_ref}{' · ' + c.postcode if c.postcode else ''}]")
        row[2].markdown(f"{c.score:.0f}")
        row[3].markdown(fmt.money(c.amount))
        args = (c.spend_key, c.spend_name, c.supplier_ref, c.name)
        row[4].button("Accept", key=f"rv_accept_{i}", type="primary", disabled=not who,
                      on_click=_decide, args=args + ("accept", c.score))
        row[5].button("Reject", key=f"rv_reject_{i}", disabled=not who, on_click=_decide, args=args + ("reject", c.score))

st.subheader("Decisions")
done = sup.decisions(cur)
if done.empty:
    st.caption("No decisions yet.")
else:
    tables.table(done, width="stretch", key="rv_decisions", hide=["spend_key"],
                 labels={"name": "Register supplier", "decided_by": "By"})
    st.caption("An accepted link stays in force while no stronger rule (ID, VAT, name) links the same name.")
layout.footer()
