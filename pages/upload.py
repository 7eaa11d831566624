"""Upload: spend files in, previewed row by row before anything is stored."""
from __future__ import annotations

import json

import streamlit as st

from lib.ingest import NeedsMapping, UnusableFile, load_file, period_from_text, preview_file
from lib.ingest.load import PREVIEW_LINES
from lib.ingest.read import UPLOAD_TYPES
from lib.ingest.columns import KIND_WORDS, KINDS, column_letter, column_ref, rows_of
from lib.ingest.uploads import save_upload
from lib.suppliers import register_batch_note
from lib import format as fmt
from lib.ui import cache, layout, staff, tables

layout.require_router()


def _show_results() -> None:
    """What the last Load did, file by file: shown first on the page, where it is seen without scrolling
    past the previews."""
    results = st.session_state.get("upload_results") or {}
    errors = st.session_state.get("upload_errors") or {}
    if not results and not errors:
        return
    result_kinds = st.session_state.get("upload_result_kinds", {})
    with st.container(border=True, key="upload_results_box"):
        st.markdown("**Last load**")
        for name, message in errors.items():
            st.error(f"{name}: not loaded. {message}")
        for name, res in results.items():
            if res.duplicate:
                st.info(f"{name}: already loaded as batch {res.batch_id}; nothing added.")
            elif res.skipped:
                st.info(f"{name}: skipped, nothing added. {res.overlap.sentence()}.")
            elif result_kinds.get(name, "spend") == "suppliers":
                st.success(
                    f"{name}: batch {res.batch_id} loaded {res.rows_loaded:,} suppliers into the register; "
                    f"{res.rows_quarantined:,} quarantined. " + register_batch_note(cache.db_path(), res.batch_id)
                )
                for w in res.warnings:
                    st.warning(f"{name}: {w}")
            else:
                k = result_kinds.get(name, "spend")  # a contracts or savings register's rows and money in its own words
                what = fmt.count(res.rows_loaded, "row") if k == "spend" else rows_of(k, res.rows_loaded)
                money = fmt.money(res.amount_loaded) + ("" if k == "spend" else f" in {KIND_WORDS[k][3]}")
                st.success(
                    f"{name}: batch {res.batch_id} loaded {what} ({money}); "
                    f"{res.rows_quarantined:,} quarantined; {fmt.count(res.rows_total_lines, 'total line')} left out "
                    "(listed on the Data page)."
                    + (f" It replaced batch {', '.join(map(str, res.replaced))}." if res.replaced else "")
                )
                if getattr(res, "peer_note", None) and res.peer_note():
                    st.info(f"{name}: {res.peer_note()}", icon=":material/compare_arrows:")
                if res.warnings:  # what the load of every line said (a long file's preview read its first lines)
                    with st.expander(f"{name}: what the load said ({len(res.warnings)})"):
                        for w in res.warnings:
                            st.warning(fmt.sentence(w))
        if any(getattr(r, "peer_note", None) and r.peer_note() for r in results.values()):
            st.page_link("pages/peers.py", label="Compare the bodies on the Peers page",
                         icon=":material/compare_arrows:")
        if "contracts" in result_kinds.values():
            st.page_link("pages/contracts.py", label="See the spend the contracts cover on Contracts and compliance",
                         icon=":material/handshake:")
        if "savings" in result_kinds.values():
            st.page_link("pages/savings_social_value.py", label="See the savings on Savings and social value",
                         icon=":material/savings:")
        if results:
            st.page_link("pages/data.py", label="See batches and quarantine on the Data page",
                         icon=":material/table_view:")
        if "suppliers" in result_kinds.values():
            st.page_link("pages/suppliers.py", label="See the register and the share of spend matched on the Suppliers page",
                         icon=":material/storefront:")
        if st.button("Clear these messages", key="upload_results_clear", type="tertiary"):
            st.session_state.pop("upload_results", None)
            st.session_state.pop("upload_result_kinds", None)
            st.session_state.pop("upload_errors", None)
            st.rerun()


# What a file holds decides its fields, its checks and where its rows go (lib.ingest.columns.KINDS).
FILE_KINDS = {k: words[0] for k, words in KIND_WORDS.items()}
TITLES = {"spend": "Upload spend files", "suppliers": "Upload a supplier register",
          "contracts": "Upload a contracts register", "savings": "Upload a savings register"}
kind = st.session_state.get("upload_kind") or "spend"
st.title(TITLES.get(kind, TITLES["spend"]))
_show_results()
kind = st.segmented_control("What is in these files?", list(FILE_KINDS), format_func=FILE_KINDS.get,
                            key="upload_kind", default="spend", required=True) or "spend"
FIELD_LABELS = KINDS[kind].labels
st.caption(
    ("CSV, XLSX, ODS or XLS (the web page or XML a system's 'Export to Excel' writes too, or a report printed "
     "to a .txt or .prn file, its columns lined up by spaces), one or many "
     "at once: a finance-system extract or a published 'spend over £500' file. " if kind == "spend" else
     f"CSV, XLSX, ODS or XLS: a {FILE_KINDS[kind].lower()} with one row a "
     + {"suppliers": "supplier (name required; ID, postcode, company, charity and VAT numbers, employees, "
                     "turnover, balance sheet, SME and VCSE as yes or no, VCSE type, delivers locally "
                     "and why)",
        "contracts": "contract (supplier and start date required; a reference column too, though a row "
                     "may leave it blank)",
        "savings": "saving (project and amount required; a saving written as its cashable and "
                   "non-cashable parts is stored as one saving of each type, and one written in a column a "
                   "month, a quarter or a financial year as a saving in each, a total beside them checked; with no year in a row, "
                   "the year the sheet's title or the file's name gives)"}[kind] + ". ")
    + "Every row is checked and shown to you before anything is stored; "
    "rows that cannot be read are kept in quarantine with the reason, never dropped."
)

# One chooser per kind, so files picked as spend are never read as a register; a new one after each
# load that stored every file chosen (its key moves on), so what was loaded leaves the page and only
# what the load said stays above.
chooser_round = st.session_state.get(f"upload_round_{kind}", 0)
files = st.file_uploader(
    "Spend files" if kind == "spend" else FILE_KINDS[kind] + " files", type=UPLOAD_TYPES,
    accept_multiple_files=True,
    key=("upload_files" if kind == "spend" else f"upload_files_{kind}") + (f"_{chooser_round}" if chooser_round else ""),
)
if not files:
    st.info(("Choose more files above to load them too" if st.session_state.get("upload_results")
             else "Choose one or more files above") + ". Nothing is stored until you press **Load**.")
    st.stop()

mappings: dict = st.session_state.setdefault("upload_mappings", {})
results: dict = st.session_state.setdefault("upload_results", {})


@st.cache_data(show_spinner=False, max_entries=64)
def _preview(path: str, name: str, mapping_json: str, period_text: str, db: str, kind: str = "spend",
             store_version: tuple = (), body: str | None = None):  # the store version: what is already loaded decides the overlap
    mapping = json.loads(mapping_json) or None
    period = period_from_text(period_text)
    try:
        # a long CSV is previewed from its first lines (planned as its load will be); Load reads every line
        res, rows, problems = preview_file(path, file_name=name, mapping=mapping, period=period, db=db, kind=kind,
                                           body=body, sample_lines=PREVIEW_LINES)
        return {"ok": True, "res": res, "rows": rows, "problems": problems}
    except NeedsMapping as e:
        return {"ok": False, "needs_mapping": True, "message": str(e), "headers": e.headers,
                "suggested": e.suggested, "sheet": e.sheet, "header_rn": e.header_rn,
                "fields": getattr(e, "fields", None) or list(KINDS[kind].required), "found": getattr(e, "found", {})}
    except UnusableFile as e:
        return {"ok": False, "needs_mapping": False, "message": str(e)}


ready = []
for i, f in enumerate(files):
    data = f.getvalue()
    path = save_upload(data, f.name)
    key = f"{kind}:{f.name}:{len(data)}"
    with st.expander(f"{f.name} ({len(data) / 1024:,.0f} KB)", expanded=len(files) <= 3, icon=":material/description:"):
        period_text = "" if kind != "spend" else st.text_input(
            "Period of rows that give no day (e.g. 2017-03, 2014-q2 or 2023/24 Q2)",
            value="", key=f"period_{i}",
            help="Only for files whose dates are missing or only a time; the file name is used when it says.",
        )
        if period_text.strip() and period_from_text(period_text) is None:
            st.warning(f"The period '{period_text.strip()}' is not one this can read: give a month (2017-03), a "
                       "calendar quarter (2014-q2) or a financial year's quarter (2023/24 Q2). Until then the file's "
                       "name, if it says one, dates the rows that give no day.")
        body = None
        if kind == "spend":  # whose spend, for a file with no body column (lib.bodies)
            known = cache.query("body_names")
            body = st.selectbox("Whose spend is this, if the file does not say?", list(known),
                                key=f"body_{i}", help="A body column in the file wins. A body that is not "
                                "the store's own (set on the Bodies page) is loaded as a peer: compared on the "
                                "Peers page, never counted in the force's figures.")
            other = st.text_input("…or another body's name", key=f"body_other_{i}",
                                  placeholder="e.g. Cumbria Constabulary")
            body = other.strip() or body
        mapping = mappings.get(key, {})
        pv = _preview(str(path), f.name, json.dumps(mapping), period_text, cache.db_path(), kind, cache.version(), body)
        if not pv["ok"]:
            if not pv["needs_mapping"]:
                st.error(pv["message"])
                continue
            # Ask only for the fields that are unclear or missing; what was recognised is shown.
            st.warning(pv["message"] + ". Say which column holds it:")
            headers = pv["headers"]
            refs = [column_ref(j, headers) for j in range(len(headers))]
            labels = ["(none)"] + [f"{column_letter(j)}: {h or '(no header)'}" for j, h in enumerate(headers)]
            chosen = {}
            ask = list(pv["fields"])
            # lines with no day may be dated by a period column, read with a year column beside it
            optional = [f for f in ("period", "year") if "payment_date" in ask and f in FIELD_LABELS and f not in ask]
            cols = st.columns(max(1, min(3, len(ask) + len(optional))))
            for n, field in enumerate(ask + optional):
                current = pv["suggested"].get(field)
                pick = cols[n % len(cols)].selectbox(
                    FIELD_LABELS[field] + ("" if field in optional else " *"), labels,
                    index=0 if current is None else current + 1, key=f"map_{kind}_{i}_{field}"
                )
                if pick != "(none)":
                    chosen[field] = refs[labels.index(pick) - 1]
            known = {f: j for f, j in pv["suggested"].items() if f not in ask + optional}
            if known:
                st.caption("Recognised: " + "; ".join(f"{FIELD_LABELS.get(f, f)} ← {labels[j + 1]}"
                                                     for f, j in sorted(known.items(), key=lambda t: t[1])))
            remember = st.checkbox("Remember this for files with the same headers (the command line uses it too)",
                                   value=True, key=f"remember_{i}")
            if st.button("Use this mapping", key=f"apply_{i}", type="primary"):
                mappings[key] = chosen
                st.session_state[f"remember_map_{key}"] = remember
                st.rerun()
            continue
        res = pv["res"]
        if res.sample_lines:
            where = " of each sheet" if any(res.sheets) else ""
            st.info(f"A long file: this preview reads its first {res.sample_lines:,} lines{where}, and the counts below are "
                    "theirs. Every line is read and checked when you press **Load**.", icon=":material/speed:")
        c = st.columns(4)
        c[0].metric("Rows read", f"{res.rows_read:,}")
        c[1].metric("To load", f"{res.rows_loaded:,}", help=f"{fmt.money(res.amount_loaded)}" if kind != "suppliers" else None)
        c[2].metric("Quarantined", f"{res.rows_quarantined:,}")
        c[3].metric("Total lines", f"{res.rows_total_lines:,}", help="Totals and footers: left out, counted")
        # a workbook has no text encoding to name
        said = ([f"Amount to load {fmt.money(res.amount_loaded)}"] if kind != "suppliers" else []) \
            + ([f"encoding {res.encoding}"] if res.encoding else [])
        if said:
            st.caption(" · ".join(said))
        for w in res.warnings:
            st.warning(fmt.sentence(w))
        if kind == "spend" and res.bodies:
            peers = [b["name"] for b in res.bodies if not b["own"]]
            whose = fmt.listed([b["name"] for b in res.bodies])
            if peers and len(peers) == len(res.bodies):
                st.warning(f"This file is {fmt.whose_spend(peers)}: it will be loaded as "
                           f"{'a peer' if len(peers) == 1 else 'peers'}; the force's figures are unchanged.",
                           icon=":material/compare_arrows:")
            elif peers:
                st.warning(f"This file holds lines of {whose}: those of {fmt.listed(peers)} will be loaded as a "
                           "peer's, never counted in the force's figures.", icon=":material/compare_arrows:")
            elif res.body_unread:  # a body column of codes ("Entity" = EA): the lines are the body chosen above
                st.warning(f"The column '{res.body_unread}' is headed as whose spend it is but holds no body's name "
                           f"(a code, or a unit's name), so it was not read: these lines will be {whose}'s, the body "
                           "chosen above. If the file is another body's, choose or type it above.",
                           icon=":material/help:")
            elif res.file_name_note():  # "hyndburn_spend250_2024-10.csv" counted as the force's: ask to check
                st.warning(fmt.sentence(res.file_name_note()), icon=":material/help:")
            else:
                st.caption(f"Whose spend: {whose}.")
        used = res.columns_rows(FIELD_LABELS)
        n_unused = sum(1 for r in used if r["used for"] == "not used")
        with st.expander(f"Columns: {len(used) - n_unused} used, {n_unused} not used", expanded=n_unused > 0):
            tables.table(used, width="stretch", key=f"upload_columns_{i}",
                         hide=["sheet"] if all(not r["sheet"] or r["sheet"] == "(csv)" for r in used) else ())
        if res.duplicate:
            st.info("This exact file has been loaded before: loading it again adds nothing.")
        on_overlap = "skip"
        if res.overlap:  # the same payments again, whatever the file's bytes (lib.ingest.overlap)
            st.warning(f"**Already loaded?** {res.overlap.sentence()}.", icon=":material/content_copy:")
            on_overlap = st.radio(
                "What should happen to this file?", ["skip", "replace"], key=f"overlap_{key}", horizontal=True,
                format_func={"skip": "Skip it: load nothing from this file",
                             "replace": "Replace: remove batch " + ", ".join(map(str, res.overlap.batch_ids))
                                        + " and load this file instead (one step)"}.get)
        if len(pv["problems"]):
            st.markdown("**Rows that will not be loaded** (quarantined with their reason, or recognised as totals)")
            tables.table(pv["problems"], width="stretch", height=min(300, 40 + 35 * len(pv["problems"])),
                         key=f"upload_problems_{i}")
        st.markdown("**First rows as they will be stored**")
        tables.table(pv["rows"].head(50), width="stretch", key=f"upload_rows_{i}",
                     labels=None if kind == "spend" else dict(FIELD_LABELS))  # a register's own field names
        ready.append((f, path, mapping, period_text, key, on_overlap, body))

who = staff.your_name() if ready else ""
if ready and kind != "spend" and not who:
    st.warning("Type your name to load a register: every row staff load is recorded with who loaded it and when.")
if ready and st.button(f"Load {len(ready)} file{'s' if len(ready) > 1 else ''}", type="primary", key="load_btn",
                       disabled=kind != "spend" and not who):
    bar = st.progress(0.0, text="Starting")
    for n, (f, path, mapping, period_text, key, on_overlap, body) in enumerate(ready):
        def progress(frac, text, n=n, name=f.name):
            bar.progress(min(1.0, (n + frac) / len(ready)), text=f"{name}: {text}")

        try:
            res = load_file(path, db=cache.db_path(), kind=kind, file_name=f.name, mapping=mapping or None,
                            loaded_by=who or None,
                            period=period_from_text(period_text),
                            progress=progress, remember_mapping=st.session_state.get(f"remember_map_{key}", False),
                            on_overlap=on_overlap, body=body)
            results[f.name] = res
            st.session_state.get("upload_errors", {}).pop(f.name, None)
            st.session_state.setdefault("upload_result_kinds", {})[f.name] = kind
        except UnusableFile as e:  # said at the top of the page with the other results, after the rerun
            st.session_state.setdefault("upload_errors", {})[f.name] = str(e)
            results.pop(f.name, None)
    bar.progress(1.0, text="Done")
    if not any(f.name in st.session_state.get("upload_errors", {}) for f, *_ in ready):
        st.session_state[f"upload_round_{kind}"] = chooser_round + 1  # every file stored: an empty chooser
    st.rerun()  # the results stay in session state; the rerun refreshes the filter bar and figures
