"""Snapshot and briefing (staff): publish the public site's store, write the public transparency
snapshot, and the senior managers' PDF briefing, for a financial year."""
import tempfile
from pathlib import Path

import streamlit as st

from lib.publish import public_store
from lib import format as fmt
from lib.ui import cache, layout, sidebar

layout.require_router()

st.title("Snapshot and briefing")
fys = cache.query("financial_years")
if not fys:
    layout.empty_state()
    st.stop()
fy = sidebar.year_select(fys, key="pubx_fy")
pending = cache.query("pending_lines", fy)
if pending:
    st.warning(f"{pending:,} line(s) have redaction proposals nobody has decided: they will be published redacted. "
               "Review them on the Redactions page.", icon=":material/visibility_off:")

st.header("Public site")
st.write("The public site reads only its own store, written here: every year's published lines (personal data "
         "withheld), aggregates, scorecard and map, and nothing else. It is checked for every withheld name before "
         "it replaces the one the site is showing.")
if st.button("Publish to the public site", key="pubx_store", icon=":material/public:"):
    with st.spinner("Publishing…"):
        try:
            res = public_store.write_public_store(db=cache.db_path())
        except (ValueError, public_store.LeakError) as e:
            st.error(str(e))
            st.stop()
    st.success(f"Published {len(res['years'])} year(s), {res['lines']:,} payments ({res['withheld_lines']:,} with the "
               f"payee withheld), in {res['seconds']:.1f} s.")

st.header("Public transparency snapshot")
st.write("A folder that opens from disk with no network: index.html (charts, maps and their data tables), "
         "monthly spend files, a data dictionary, the Open Government Licence and attribution.")
stem = fy.replace("/", "-")
if st.button("Write snapshot", key="pubx_snapshot", icon=":material/folder_zip:"):
    from lib.publish import snapshot  # on the click only, as the briefing's PDF library below

    with tempfile.TemporaryDirectory(prefix="snapshot_") as tmp, st.spinner("Writing the snapshot…"):
        out = Path(tmp) / f"transparency_{stem}"
        try:
            manifest = snapshot.write_snapshot(out, fy, db=cache.db_path())
        except (ValueError, snapshot.LeakError) as e:
            st.error(str(e))
            st.stop()
        # the zip's bytes are kept for the download; the folder goes with the temporary directory
        st.session_state["pubx_zip"] = (fy, snapshot.zip_snapshot(out), manifest["total"], manifest["lines"])
if st.session_state.get("pubx_zip") and st.session_state["pubx_zip"][0] == fy:
    _, data, total, n = st.session_state["pubx_zip"]
    st.success(f"Snapshot of {fy}: {n:,} payments, total {fmt.money(total)}.")
    st.download_button("Download the snapshot (zip)", data=data, file_name=f"transparency_{stem}.zip",
                       mime="application/zip", key="pubx_zip_dl", icon=":material/download:", on_click="ignore")

st.header("Senior managers' briefing")
st.write("A PDF: the scorecard against targets with each measure's five-year trend, what to act on (the largest "
         "gaps to target and the suppliers that would close them), savings by month, the district map and the "
         "largest off-contract suppliers; then the exact figures.")
if st.button("Build briefing", key="pubx_briefing", icon=":material/picture_as_pdf:"):
    from lib.publish import briefing  # imports the PDF library (most of a second): on the click only

    with tempfile.TemporaryDirectory(prefix="briefing_") as tmp, st.spinner("Building the briefing…"):
        out = Path(tmp) / f"briefing_{stem}.pdf"
        res = briefing.write_briefing(out, fy, db=cache.db_path())
        st.session_state["pubx_pdf"] = (fy, out.read_bytes(), res["seconds"])
        for name, why in res["charts_failed"].items():
            st.warning(f"The briefing was built, but {name} could not be drawn: the PDF says so in its place ({why}).")
if st.session_state.get("pubx_pdf") and st.session_state["pubx_pdf"][0] == fy:
    _, pdf, secs = st.session_state["pubx_pdf"]
    st.success(f"Briefing for {fy} built in {secs:.1f} s.")
    st.download_button("Download the briefing (PDF)", data=pdf, file_name=f"briefing_{stem}.pdf",
                       mime="application/pdf", key="pubx_pdf_dl", icon=":material/download:", on_click="ignore")
layout.footer()
