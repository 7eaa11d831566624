"""Suppliers: the current register, how much spend is matched to it, SME and VCSE under the
chosen test, and one supplier's detail with where each answer came from."""
from __future__ import annotations

import streamlit as st

from lib import suppliers as sup
from lib import format as fmt
from lib.ui import cache, layout, sidebar, staff, tables

layout.require_router()
f = sidebar.current_filters()
st.title("Suppliers")
layout.demo_banner()

cur = cache.cursor()
TEST_NAMES = {"procurement_act_2023": "Procurement Act 2023", "eu_2003": "EU test (2003/361)"}

# ---- which SME test -----------------------------------------------------------------------
stored = sup.sme_test(cur)
if st.session_state.get("sup_sme_test") not in TEST_NAMES:
    st.session_state["sup_sme_test"] = stored
c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
test = c1.radio("SME test", list(TEST_NAMES), format_func=TEST_NAMES.get, key="sup_sme_test", horizontal=True,
                help="The test used is named beside every SME figure.")
test_label = TEST_NAMES[test]
c1.caption(sup.SME_TESTS[test][1])
if test != stored:
    with c2:
        who = staff.your_name()
        if st.button(f"Make {test_label} the default for everyone", key="sup_sme_save", disabled=not who):
            sup.set_sme_test(test, db=cache.db_path(), set_by=who)
            st.rerun()
        if not who:
            st.caption("Type your name to change the default; it is recorded.")
else:
    note = sup.sme_test_note(cur)
    c2.caption("The store's default SME test" + (f", {note}." if note.startswith("set by") else
                                                  " (the Procurement Act 2023 unless staff chose otherwise)."))

# ---- how much spend is matched ------------------------------------------------------------
share = cache.query("matched_share", f)
summary = cache.query("register_summary", test, f)
if not share["total"] and not summary["suppliers"]:
    st.info("No suppliers yet. Upload a supplier register on the Upload page (choose “Supplier register” "
            "under “What is in these files?”), and spend files to match against it.", icon=":material/upload_file:")
    st.page_link(layout.UPLOAD_PAGE, label="Go to Upload", icon=":material/arrow_forward:")
    st.stop()

st.subheader("Spend matched to the register")
m = st.columns([1, 1, 1.6, 1])  # the SME label names its test in full
m[0].metric("Matched to the register", fmt.percent(share['matched_pct']),
            help=f"{fmt.money(share['matched'])} of {fmt.money(share['total'])} (by value, under the filters)")
m[1].metric("Suppliers in the register", f"{summary['suppliers']:,}",
            help=f"{summary['located']:,} placed in a ring by postcode")
total = summary["total"]
m[2].metric(f"SME spend ({test_label})", fmt.percent(fmt.share_pct(summary["sme_spend"], total)),
            help=f"{fmt.money(summary['sme_spend'])} with {summary['sme']:,} SMEs under the {test_label} test")
m[3].metric("VCSE spend", fmt.percent(fmt.share_pct(summary["vcse_spend"], total)),
            help=f"{fmt.money(summary['vcse_spend'])} with {summary['vcse']:,} voluntary, community and social enterprises")
by_method = sup.matched_share_table(share)
tables.table(by_method[["label", "amount", "pct", "lines"]], key="sup_methods",
             labels={"label": "Matched by", "amount": "Spend", "pct": "Share of spend"},
             config={"pct": st.column_config.ProgressColumn(format="%.2f%%", min_value=0, max_value=100)})
st.caption("Rules in order: supplier ID, else VAT number, else the normalised name (case, punctuation, "
           "& / and, Ltd / Limited / PLC / LLP, T/A, a leading “The”), else a fuzzy match a member of "
           "staff accepted on the Match review page. Redacted lines stay in every total.")
if not summary["suppliers"]:
    st.info("Spend is loaded but there is no supplier register yet. Upload a supplier register on the Upload "
            "page (“Supplier register”), or complete suppliers on the Supplier worklist.")
    st.page_link(layout.UPLOAD_PAGE, label="Go to Upload", icon=":material/arrow_forward:")
    st.stop()

# ---- the register -------------------------------------------------------------------------
st.subheader("The register")
search = st.text_input("Search suppliers", key="sup_search", placeholder="Name, supplier ID, postcode or company number")
table = cache.query("register_table", search, test, 5000, f)
if table.empty:
    st.info(f"No supplier matches “{search}”.")
    st.stop()
# The largest first: a register of thousands need not all go to the browser on every visit.
SHOWN = 100
found = len(table)
if found > SHOWN and not st.toggle(f"Show all {found:,} suppliers", key="sup_all"):
    table = table.head(SHOWN)
    st.caption(f"The {SHOWN} of {found:,} suppliers with most spend (search, or show all) · "
               f"SME under the {test_label} test · click a row for its detail")
else:
    st.caption(f"{found:,} suppliers, most spend first · SME under the {test_label} test · click a row for its detail")
shown = table.assign(sme=table["sme"].map({True: "yes", False: "no"}), vcse=table["vcse"].map({True: "yes", False: "no"}))


def _pick_from_table() -> None:
    rows = st.session_state["sup_table"].selection.rows
    if rows:
        st.session_state["sup_pick"] = shown.iloc[rows[0]]["supplier_ref"]


tables.table(
    shown[["name", "supplier_id", "postcode", "ring", "district", "sme", "vcse", "vcse_type", "spend", "lines"]],
    width="stretch", height=min(400, 38 + 35 * len(shown)), key="sup_table",
    on_select=_pick_from_table, selection_mode="single-row",
    labels={"name": "Supplier", "sme": f"SME ({test_label})", "spend": "Spend"},
    config={"name": st.column_config.TextColumn(width="large")},
)

# ---- one supplier -------------------------------------------------------------------------
refs = table["supplier_ref"].tolist()
names = dict(zip(table["supplier_ref"], table["name"]))
if st.session_state.get("sup_pick") not in refs:
    st.session_state["sup_pick"] = refs[0]
ref = st.selectbox("Supplier detail", refs, key="sup_pick", format_func=lambda r: f"{names[r]} ({r})")
d = sup.supplier_detail(cur, ref)
r = d["row"]
st.subheader(r["name"])
p = d["provenance"]
if p:
    st.caption(f"From **{p['file_name']}**{', sheet ' + p['sheet'] if p['sheet'] else ''}, row {p['row_number']} "
               f"(batch {p['batch_id']}, loaded {p['loaded_at']:%d/%m/%Y %H:%M}"
               f"{' by ' + p['loaded_by'] if p['loaded_by'] else ''}); staff edits below are applied on top.")
else:
    st.caption("Not in an uploaded register: added by staff on the Supplier worklist (see the edits below).")


def _yes_no(v) -> str:
    return "not known" if v is None or v != v else ("yes" if v else "no")


def _amount(v) -> str:
    return "not given" if v is None or v != v else fmt.money(v)


a, b = st.columns(2)
a.markdown(
    f"- **Supplier ID:** {r['supplier_id'] or '—'}\n"
    f"- **Postcode:** {r['postcode'] or '—'} · **ring:** {r['ring']}"
    f"{' · ' + r['district_name'] if r['district_name'] else ''}"
    f"{' (' + r['location_note'] + ')' if r['location_note'] else ''}\n"
    f"- **Country:** {r['country'] or 'United Kingdom (assumed)'}\n"
    f"- **Company number:** {r['company_number'] or '—'} · **VAT:** {r['vat_number'] or '—'}\n"
    f"- **Delivers locally:** {_yes_no(r['delivers_locally'])}"
    f"{' — ' + r['delivers_locally_reason'] if r['delivers_locally_reason'] else ''}"
)
employees = r["employees"]
other = next(t for t in TEST_NAMES if t != test)
b.markdown(
    f"- **Employees:** {'not given' if employees is None or employees != employees else f'{int(employees):,}'}\n"
    f"- **Turnover:** {_amount(r['turnover'])} · **balance sheet:** {_amount(r['balance_sheet'])}\n"
    f"- **SME ({test_label}):** {_yes_no(r[sup.sme_column(test)])}"
    f" · under the {TEST_NAMES[other]}: {_yes_no(r[sup.sme_column(other)])}\n"
    f"- **VCSE:** {_yes_no(r['is_vcse'])}{' (' + r['vcse_type'] + ')' if r['vcse_type'] else ''}"
    f"{' · charity ' + r['charity_number'] if r['charity_number'] else ''}"
)
by_year = d["spend_by_year"]
y1, y2 = st.columns(2)
with y1:
    st.markdown("**Spend by financial year**")
    if by_year.empty:
        st.caption("No spend linked to this supplier.")
    else:
        tables.table(by_year, key="sup_years", labels={"amount": "Spend"})
        st.caption(f"Total {fmt.money(by_year['amount'].sum())}")
with y2:
    st.markdown("**Names it is paid under**")
    if d["spend_names"].empty:
        st.caption("None linked yet.")
    else:
        tables.table(d["spend_names"].assign(method=d["spend_names"]["method"].map(sup.METHOD_LABELS)),
                     key="sup_names", hide=["spend_key"], labels={"amount": "Spend"})
st.markdown("**Edits**")
if d["edits"].empty:
    st.caption("No staff edits: every answer above comes from the uploaded register.")
else:
    tables.table(d["edits"].assign(field=d["edits"]["field"].map(sup.EDITABLE_FIELDS)), key="sup_edits",
                 hide=["edit_id", "supplier_ref"])
layout.footer()
