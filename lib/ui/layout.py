"""What every page has: the router check, the demo banner, the empty state and the footer."""
from __future__ import annotations

import hashlib

import streamlit as st

from lib.demo_load import DEMO_LABEL
from lib.ui import cache
from lib.ui.cache import query
from lib.ui.staff import staff_signed_in

UPLOAD_PAGE = "pages/upload.py"
K_ROUTED, K_ROUTE_RETRIES = "_routed", "_route_retries"


def key_of(*parts) -> str:
    """A short widget-key suffix naming ``parts`` (their repr): a widget keyed with it is a new widget,
    starting from its default, whenever any part changes."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


# Rows of columns that wrap: each named here with the least width (rem) a column of it may have; below that,
# its columns go onto a line of their own rather than be squeezed. Beside the sidebar on a 1024 px screen two
# bar charts had their labels and £ figures cut, three scorecard tiles their sparklines' labels.
WRAPS = {"ov_charts": 24, "scorecard_tiles": 15}


def wrapping(key: str):
    """A container (WRAPS[key]) whose rows of columns, made on it with ``.columns(n)``, wrap as WRAPS says."""
    if key not in WRAPS:
        raise KeyError(f"{key!r} is not in lib.ui.layout.WRAPS")
    return st.container(key=f"wrap_{key}")


# A headline figure's size follows the window: four to a row beside the sidebar on a 1024 px screen,
# Streamlit's fixed 2.25rem cut "£53.9M" to "£53.…". The figure is never shortened; it is drawn smaller
# (on a phone the columns stack, each figure has the width, and it stays large).
# Its label wraps, and "vs 2024/25" goes under the change, rather than either ending in "…".
_STYLE = """<style>
[data-testid="stMetricValue"] { font-size: clamp(1.5rem, 2.6vw, 2.25rem); }
[data-testid="stMetricLabel"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] .stMarkdownEllipsis p { white-space: normal; }
div:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap; row-gap: 0.25rem; }
@media (max-width: 640px) { [data-testid="stMetricValue"] { font-size: 2rem; } }
""" + "".join(f""".st-key-wrap_{k} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
.st-key-wrap_{k} [data-testid="stColumn"] {{ min-width: min(100%, {rem}rem); }}
""" for k, rem in WRAPS.items()) + "</style>"


def page_style() -> None:
    """app.py calls this each run: the few rules Streamlit's theme has no setting for."""
    st.html(_STYLE)


def mark_routed() -> None:
    """app.py calls this each run, before the page runs."""
    st.session_state[K_ROUTED] = True
    st.session_state[K_ROUTE_RETRIES] = 0


def require_router() -> None:
    """Pages call this first: make sure app.py (filters, navigation) ran around this page.

    Because pages/ sits beside app.py, Streamlit's legacy multipage mode answers a session's first
    request straight after the server starts: a deep link (/transactions) runs the page alone,
    without app.py, until st.navigation has run once in the process. Turning that mode off and
    rerunning puts the same page back inside the router.
    """
    if st.session_state.pop(K_ROUTED, False):
        return
    retries = st.session_state.get(K_ROUTE_RETRIES, 0)
    if retries >= 2:  # never loop; show the page bare rather than nothing
        return
    st.session_state[K_ROUTE_RETRIES] = retries + 1
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def demo_banner() -> None:
    """A notice on every page while any batch in the store is demo data."""
    if query("has_demo_data"):
        next_step = (" Load real files on the Upload page; remove the demo batches on the Data page."
                     if staff_signed_in() and not cache.public_mode() else "")
        st.warning(
            f"**{DEMO_LABEL}.** These figures are generated for illustration." + next_step,
            icon=":material/science:",
        )


def empty_state(what: str = "spend", held: str | None = None, shown: tuple[str, str] | None = None) -> None:
    """Say there is nothing to show and what to do next. ``held``: what the store does hold that the
    page holds spend against ("12 contracts in the contracts register"); ``shown``: (page, label) of the
    page that shows it."""
    text = (f"No {what} yet: upload a file on the Upload page." if not held else
            f"No {what} yet, so nothing to hold against the {held}: upload {what} on the Upload page.")
    st.info(text, icon=":material/upload_file:")
    for page, label in [(UPLOAD_PAGE, "Go to Upload")] + ([shown] if shown else []):
        try:
            st.page_link(page, label=label, icon=":material/arrow_forward:")
        except Exception:  # the page is not in this run's navigation (public mode)
            pass


def footer() -> None:
    st.divider()
    st.caption(
        "Spend as published by the force and its PCC under the Open Government Licence v3.0. "
        "Totals include credit notes (netted) and redacted lines; figures exact to the penny."
    )
