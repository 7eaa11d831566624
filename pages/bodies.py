"""Bodies: the store's own bodies (whose figures every page shows by default), the peers loaded
beside them, and the other spellings of a body's name."""
import streamlit as st

from lib import bodies, peers
from lib import format as fmt
from lib.ui import cache, layout, staff, tables

layout.require_router()

st.title("Bodies")
layout.demo_banner()
st.markdown(
    "Every line belongs to a body: the one its file's body column names, else the one chosen on upload, "
    "else the default below. Figures, downloads, the snapshot and the briefing are the **store's own "
    "bodies'**; a file from any other body is loaded as a **peer**: compared on the Peers page, never "
    "counted in the force's figures.")

table = cache.query("all_bodies")
shown = table.assign(
    own=table["own"].map(lambda v: "Own" if v else "Peer"),
    is_default=table["is_default"].map(lambda v: "Default" if v else ""),
    amount=table["amount"].map(fmt.money),
)
tables.table(shown, key="bd_table", config={
    "body_key": None, "name": "Body", "own": "Whose", "is_default": "For files that name none",
    "lines": st.column_config.NumberColumn("Lines", format="%,d"), "amount": "Spend (all years)",
    "first_month": st.column_config.DateColumn("From", format="MM/YYYY"),
    "last_month": st.column_config.DateColumn("To", format="MM/YYYY"),
    "batches": st.column_config.NumberColumn("Files", format="%d"),
})

names = dict(zip(table["body_key"], table["name"]))
who = staff.your_name()

st.subheader("The store's own bodies")
with st.form("bd_own"):
    own = st.multiselect("Own bodies", list(names), default=[k for k, o in zip(table["body_key"], table["own"]) if o],
                         format_func=names.get, key="bd_own_pick")
    current_default = next((k for k, d in zip(table["body_key"], table["is_default"]) if d), None)
    default = st.selectbox("Default body (for files that name none and where none is chosen)", list(names),
                           index=list(names).index(current_default) if current_default in names else 0,
                           format_func=names.get, key="bd_default")
    save_own = st.form_submit_button("Save", type="primary", key="bd_save_own")
if save_own:
    try:
        bodies.save_own(cache.db_path(), own, default, who)
    except ValueError as e:
        st.error(str(e))
    else:
        st.success("Saved: every figure is now " + bodies.scope_text(cache.cursor()) + "'s.")

st.subheader("Another spelling of a body")
st.caption("Files spell a body many ways; \"Lancashire Police\", \"Chief Constable of Lancashire\" and "
           "\"Lancashire OPCC\" are folded already. Say here which body any other spelling is: its lines "
           "already loaded move to that body, and later files follow.")
with st.form("bd_alias"):
    a, b = st.columns(2)
    spelling = a.text_input("Spelling", key="bd_spelling", placeholder="e.g. LANCS CONSTAB")
    target = b.selectbox("is the body", list(names), format_func=names.get, key="bd_target")
    save_alias = st.form_submit_button("Save spelling", key="bd_save_alias")
if save_alias:
    try:
        bodies.save_alias(cache.db_path(), spelling, target, who)
    except ValueError as e:
        st.error(str(e))
    else:
        st.success(f"'{spelling}' is now {names[target]}.")
tables.table(cache.query("body_aliases"), key="bd_aliases", config={
    "alias_key": "Spelling (folded)", "body_key": None, "name": "Body"})

st.subheader("Each body's area")
st.caption("A body's local and region shares on the Peers page are against its own area: the force's is "
           "Lancashire and the North West; another body's is derived from its name (a North West force area, "
           "a county, a unitary or a district) until set here.")
tables.table(cache.query("peer_areas"), key="bd_areas", config={"body_key": None})
choices = cache.query("area_choices")
body = st.selectbox("Body", list(names), format_func=names.get, key="bd_area_body")
options = [None] + list(choices)
now = [c if c in choices else None for c in cache.query("area_codes", body)]  # the form starts from what it has
with st.form("bd_area"):
    b, c = st.columns(2)
    # (keyed by the body: another body's choice starts from that body's own area)
    local = b.selectbox("Local area", options, index=options.index(now[0]), key=f"bd_area_local_{body}",
                        format_func=lambda k: "(not known)" if k is None else choices[k])
    region = c.selectbox("Region", options, index=options.index(now[1]), key=f"bd_area_region_{body}",
                         format_func=lambda k: "(not known)" if k is None else choices[k])
    save_area = st.form_submit_button("Save area", key="bd_save_area")
if save_area:
    try:
        peers.set_area(cache.db_path(), body, local, region, who)
    except ValueError as e:
        st.error(str(e))
    else:
        st.success(f"{names[body]}'s area saved.")
layout.footer()
