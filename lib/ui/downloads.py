"""Staff downloads end with the session that made them.

Streamlit serves a download button's file from its media store at ``/media/<id>`` to anyone who
has the address, with no cookie, for as long as some session refers to it. A session whose browser
has gone is kept for a reconnection (``server.disconnectedSessionTTL``) still referring to its
files, and a file built on click (callable data) is removed only when a later script run happens
to sweep: so a staff CSV, withheld names and all, stayed fetchable minutes after the browser
closed.

``start_sweeper`` runs one thread per server process that, every SWEEP_SECONDS, drops the file
references of every session whose browser is no longer connected and then, on that sweep and the
next, lets Streamlit remove every file no connected session refers to (its remove_orphaned_files: a
downloadable file is marked on one sweep and deleted on the next). So a session's files, those
built on click included, are gone one to two sweeps after its browser goes.

Streamlit leaves a file built on click referred to by no session, so the sweeper removes such
files only when a session has gone: a sweep on a timer deleted one before a slow browser fetched
it (a download that failed on a busy machine). While its page is open such a file lives as
Streamlit keeps it (to the end of the session's next runs). Download buttons whose file is built
on click do not rerun the page (``on_click="ignore"``): a run the click started let go of the
button's builder, and when that run ended before the click's request for the file was served, the
file was never built ("Deferred file ... not found" in the server log, no download).
"""
from __future__ import annotations

import logging
import threading

import streamlit as st

SWEEP_SECONDS = 5.0
_log = logging.getLogger(__name__)


def sweep(known: set[str] | None = None, orphans: bool = True) -> int:
    """One sweep: let go of the files of every session whose browser has gone (those holding files
    now, and those in ``known``, the sessions earlier sweeps saw holding files, kept up to date
    here), then, when ``orphans`` or a session has gone, let Streamlit remove the files no session
    refers to. Returns how many sessions were let go."""
    from streamlit import runtime

    if not runtime.exists():
        return 0
    rt = runtime.get_instance()
    mgr = rt.media_file_mgr
    holding = set(getattr(mgr, "_files_by_session_and_coord", None) or {})  # Streamlit's record of who uses what
    if known is None:
        known = set()
    known |= holding
    ended = [sid for sid in known if not rt.is_active_session(sid)]
    for sid in ended:
        mgr.clear_session_refs(sid)
        known.discard(sid)
    if orphans or ended:
        mgr.remove_orphaned_files()
    return len(ended)


def _loop(stop: threading.Event) -> None:
    known: set[str] = set()
    owed = 0  # sweeps still owed to the files of sessions that went (marked on one, deleted on the next)
    while not stop.wait(SWEEP_SECONDS):
        try:
            if sweep(known, orphans=owed > 0):
                owed = 2
            owed = max(0, owed - 1)
        except Exception:  # a sweep that fails is tried again; it never takes the server down
            _log.exception("download sweep failed")


@st.cache_resource(show_spinner=False)
def start_sweeper() -> threading.Event:
    """Start the sweeper once per process (app.py calls this every run); returns its stop event."""
    stop = threading.Event()
    threading.Thread(target=_loop, args=(stop,), name="download-sweeper", daemon=True).start()
    return stop
