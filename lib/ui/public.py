"""Public mode's guards: uploads refused by the server itself, and the public store or nothing."""
from __future__ import annotations

import logging

import streamlit as st

from lib.publish.public_store import NotPublished
from lib.ui import cache

_log = logging.getLogger(__name__)


def refuse_uploads() -> None:
    """Set server.maxUploadSize to 0 MB, so Streamlit's upload endpoint refuses every file (HTTP
    413), widget or no widget. The public server should be started so (``--server.maxUploadSize 0``,
    README); this closes the endpoint too when it was not, from the first page view on."""
    from streamlit import config

    if config.get_option("server.maxUploadSize") != 0:
        _log.warning("public mode: server.maxUploadSize was %s; set to 0 (start with --server.maxUploadSize 0)",
                     config.get_option("server.maxUploadSize"))
        config.set_option("server.maxUploadSize", 0)  # read by the upload endpoint on every request


def require_public_store() -> None:
    """Stop with a "not published yet" page unless the public store can be opened (the staff store
    is never a fallback)."""
    try:
        cache.version()
    except NotPublished:
        st.title("Spend transparency")
        st.info("Nothing has been published here yet. The force publishes its spend from the staff app "
                "(Snapshot and briefing, **Publish to the public site**); please come back later.",
                icon=":material/schedule:")
        st.stop()
