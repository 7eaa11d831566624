"""Snapshot and briefing (staff): write the public transparency snapshot, and the senior
managers' PDF briefing, for a financial year."""
import tempfile
from pathlib import Path

import streamlit as st

from lib import ui
from lib.publish import briefing, redaction, snapshot

ui.require_router()

st.title("Snapshot and briefing")
fys = ui.query("financial_years")
if not fys:
    ui.empty_state()
    st.stop()
fy = st.selectbox("Financial year", fys, key="pubx_fy")
status = redaction.line_status(ui.cursor(), fy)
pending = int(status["pending"].sum()) if len(status) else 0
if pending:
    st.warning(f"{pending:,} line(s) have redaction proposals nobody has decided: they will be published redacted. "
               "Review them on the Redactions page.", icon=":material/visibility_off:")

st.header("Public transparency snapshot")
st.write("A folder that opens from disk with no network: index.html (charts, maps and their data tables), "
         "monthly spend files, a data dictionary, the Open Government Licence and attribution.")
if st.button("Write snapshot", key="pubx_snapshot", icon=":material/folder_zip:"):
    out = Path(tempfile.mkdtemp(prefix="snapshot_")) / f"transparency_{fy.replace('/', '-')}"
    with st.spinner("Writing the snapshot…"):
        try:
            manifest = snapshot.write_snapshot(out, fy, db=ui.db_path())
        except (ValueError, snapshot.LeakError) as e:
            st.error(str(e))
            st.stop()
    st.session_state["pubx_zip"] = (fy, snapshot.zip_snapshot(out), manifest["total"], manifest["lines"])
if st.session_state.get("pubx_zip") and st.session_state["pubx_zip"][0] == fy:
    _, data, total, n = st.session_state["pubx_zip"]
    st.success(f"Snapshot of {fy}: {n:,} payments, total {ui.money(total)}.")
    st.download_button("Download the snapshot (zip)", data=data, file_name=f"transparency_{fy.replace('/', '-')}.zip",
                       mime="application/zip", key="pubx_zip_dl", icon=":material/download:")

st.header("Senior managers' briefing")
st.write("A PDF: the scorecard against targets and the previous year, what changed most, the local-spend map, "
         "savings and the largest off-contract suppliers.")
if st.button("Build briefing", key="pubx_briefing", icon=":material/picture_as_pdf:"):
    out = Path(tempfile.mkdtemp(prefix="briefing_")) / f"briefing_{fy.replace('/', '-')}.pdf"
    with st.spinner("Building the briefing…"):
        res = briefing.write_briefing(out, fy, db=ui.db_path())
    st.session_state["pubx_pdf"] = (fy, out.read_bytes(), res["seconds"])
if st.session_state.get("pubx_pdf") and st.session_state["pubx_pdf"][0] == fy:
    _, pdf, secs = st.session_state["pubx_pdf"]
    st.success(f"Briefing for {fy} built in {secs:.1f} s.")
    st.download_button("Download the briefing (PDF)", data=pdf, file_name=f"briefing_{fy.replace('/', '-')}.pdf",
                       mime="application/pdf", key="pubx_pdf_dl", icon=":material/download:")
ui.footer()
