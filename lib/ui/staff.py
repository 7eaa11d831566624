"""Staff and public modes (lib.auth decides; this holds the session's answer), and who is making a
change."""
from __future__ import annotations

import streamlit as st

from lib import auth

K_WHO = "staff_name"    # the name, kept in session state across pages
K_WHO_BOX = "who_box"   # the text box that edits it (widget state is dropped on pages without it)


def _keep_name() -> None:
    st.session_state[K_WHO] = (st.session_state.get(K_WHO_BOX) or "").strip()


def your_name(where=None) -> str:
    """The "Your name" box every staff write records; the name is kept in session state across
    pages (and starts as whoever signed in). Returns the name, stripped ('' until one is given)."""
    ss = st.session_state
    if K_WHO not in ss and ss.get("_staff_user"):
        ss[K_WHO] = ss["_staff_user"]
    if K_WHO_BOX not in ss:
        ss[K_WHO_BOX] = ss.get(K_WHO, "")
    (where or st).text_input("Your name", key=K_WHO_BOX, on_change=_keep_name,
                             placeholder="Recorded with every change you save",
                             help="Saved with each change, with the date and time, in the audit trail.")
    _keep_name()
    return ss[K_WHO]


K_STAFF_USER = "_staff_user"


def secrets():
    """st.secrets, or None when the app has no secrets file (reading it would raise)."""
    try:
        st.secrets.get("auth")
        return st.secrets
    except Exception:
        return None


def staff_access() -> str:
    """How staff sign in here: lib.auth.OIDC, PASSWORD, OPEN or REFUSED."""
    return auth.staff_access(secrets())


def staff_signed_in() -> bool:
    """True when this session may see the staff pages (never in public mode: app.py asks only in
    staff mode)."""
    access = staff_access()
    if access == auth.OPEN:
        return True
    if access == auth.OIDC:
        try:
            return bool(st.user.is_logged_in)
        except Exception:
            return False
    if access == auth.PASSWORD:
        return bool(st.session_state.get(K_STAFF_USER))
    return False


def sign_in_with_password(name: str, password: str) -> bool:
    """Check the password against the configured hash; on success remember who signed in."""
    if not (name or "").strip():
        return False
    if auth.check_password(password, auth.expected_hash(secrets())):
        st.session_state[K_STAFF_USER] = name.strip()
        return True
    return False


def sign_out() -> None:
    st.session_state.pop(K_STAFF_USER, None)


def staff_identity() -> str:
    """Who is deciding, for audit trails: the OIDC e-mail or name, the name given at password
    sign-in, or 'local demo (open staff mode)'."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "signed-in user")
    except Exception:
        pass
    return st.session_state.get(K_STAFF_USER) or "local demo (open staff mode)"
