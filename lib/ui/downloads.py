"""Staff downloads end with the session that made them.

Streamlit serves a download button's file from its media store at ``/media/<id>`` to anyone who
has the address, with no cookie, for as long as some session refers to it. A session whose browser
has gone is kept for a reconnection (``server.disconnectedSessionTTL``) still referring to its
files, and a file built on click (callable data) is removed only when a later script run happens
to sweep: so a staff CSV, withheld names and all, stayed fetchable minutes after the browser
closed.

``start_sweeper`` runs one thread per server process that, every SWEEP_SECONDS, drops the file
references of every session whose browser is no longer connected, then lets Streamlit remove
every file no connected session refers to (its remove_orphaned_files: a downloadable file is
marked on one sweep and deleted on the next). A file built on click lives one to two sweeps,
which is time for the browser to fetch it (it does at once); a download button's file lives as
long as its page is open. A browser that reconnects after a network cut gets its files back on
its next rerun.
"""
from __future__ import annotations

import logging
import threading

import streamlit as st

SWEEP_SECONDS = 5.0
_log = logging.getLogger(__name__)


def sweep() -> int:
    """One sweep; returns how many ended sessions' files were let go."""
    from streamlit import runtime

    if not runtime.exists():
        return 0
    rt = runtime.get_instance()
    mgr = rt.media_file_mgr
    refs = getattr(mgr, "_files_by_session_and_coord", None)  # Streamlit's record of who uses what
    ended = [sid for sid in list(refs or {}) if not rt.is_active_session(sid)]
    for sid in ended:
        mgr.clear_session_refs(sid)
    mgr.remove_orphaned_files()
    return len(ended)


def _loop(stop: threading.Event) -> None:
    while not stop.wait(SWEEP_SECONDS):
        try:
            sweep()
        except Exception:  # a sweep that fails is tried again; it never takes the server down
            _log.exception("download sweep failed")


@st.cache_resource(show_spinner=False)
def start_sweeper() -> threading.Event:
    """Start the sweeper once per process (app.py calls this every run); returns its stop event."""
    stop = threading.Event()
    threading.Thread(target=_loop, args=(stop,), name="download-sweeper", daemon=True).start()
    return stop
