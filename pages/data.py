"""Data loaded: every batch (file) in the store, what was read, loaded, held back and why,
removing a batch, and removing every demo batch at once."""
import streamlit as st

from lib import demo_load, export
from lib.ingest.columns import kind_name, rows_of
from lib.ingest.load import removal_note
from lib.ui import cache, layout, tables

layout.require_router()

st.title("Data loaded")
layout.demo_banner()
batches = cache.query("batches")
if batches.empty:
    layout.empty_state("files loaded")
    st.stop()

tables.table(batches.assign(kind=batches["kind"].map(kind_name)), key="data_batches", hide=("peer",),
             config={"file_name": st.column_config.TextColumn(width="medium"),
                     "whose": st.column_config.TextColumn(width="medium")})
st.caption("Quarantined rows could not be read and are not in any figure; total lines are the file's own "
           "subtotals, kept aside so they are not counted twice. The amount loaded is what a file's rows "
           "add up to: spend for a spend file (only these are in the spend figures), the contracts' value for "
           "a contracts register, the savings for a savings register; a supplier register has none.")

demo = batches[batches["is_demo"]]
if not demo.empty:
    st.subheader("Remove the demo data")
    spend = demo[demo["kind"] == "spend"]
    registers = len(demo) - len(spend)
    also = f", and {registers:,} register{'' if registers == 1 else 's'}" if registers else ""
    st.write(f"Removes all {len(demo):,} demo batches ({rows_of('spend', spend['rows_loaded'].sum())} of spend{also}) "
             "at once, so only "
             "files you loaded stay in the figures. The demo is not built again by itself; "
             "`python -m lib.cli demo` builds it on purpose.")
    confirm_demo = st.checkbox("Yes, remove every demo batch", key="data_confirm_demo")
    if st.button("Remove the demo data", type="primary", disabled=not confirm_demo, key="data_remove_demo"):
        gone = demo_load.remove_demo(db=cache.db_path())
        st.session_state.pop("data_confirm_demo", None)
        st.toast(f"Removed {gone['batches_removed']:,} demo batches: {gone['lines_removed']:,} lines.")
        st.rerun()

labels = {
    r.batch_id: f"#{r.batch_id} · {r.file_name} · {rows_of(r.kind, r.rows_loaded)}{' · demo' if r.is_demo else ''}"
    for r in batches.itertuples()
}
batch_id = st.selectbox("Batch", list(labels), format_func=labels.get, key="data_batch")
row = batches[batches["batch_id"] == batch_id].iloc[0]

st.subheader("Quarantined rows")
held = cache.query("quarantine_rows", int(batch_id))
if held.empty:
    st.success("Every row of this file was loaded or recognised as a total line.")
else:
    tables.table(held, key="data_quarantine", config={
        "reason": st.column_config.TextColumn(width="large"), "raw": st.column_config.TextColumn(width="large")})
    st.download_button(
        f"Download {len(held):,} quarantined rows as CSV",
        data=export.to_csv(held, demo_load.DEMO_LABEL if row.is_demo else None),
        file_name=f"quarantine_batch_{batch_id}.csv",
        mime="text/csv",
        key="data_quarantine_csv",
        icon=":material/download:",
        on_click="ignore",  # a download changes nothing on the page: no rerun
    )

if int(row.rows_total_lines or 0):
    st.subheader("Total lines")
    st.caption("Rows read as the file's own totals or subtotals: kept aside, not counted again in any figure.")
    tables.table(cache.query("total_line_rows", int(batch_id)), key="data_total_lines",
                 config={"raw": st.column_config.TextColumn(width="large")})

st.subheader("Remove this batch")
st.write(removal_note(row.kind, row.file_name, int(row.rows_loaded), row.amount_loaded, peer=bool(row.peer),
                      demo=bool(row.is_demo)))
confirm = st.checkbox(f"Yes, remove batch #{batch_id}", key=f"data_confirm_{batch_id}")
if st.button("Remove batch", type="primary", disabled=not confirm, key="data_remove"):
    removed = cache.remove_batch(int(batch_id))
    st.session_state.pop(f"data_confirm_{batch_id}", None)
    st.toast(f"Removed batch #{batch_id}: {rows_of(row.kind, row.rows_loaded)}.")
    st.rerun()
layout.footer()
