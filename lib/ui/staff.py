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
    """The name every staff write records. Signed in (OIDC or a password account), it is that
    identity, shown and not editable; only the open local demo has a "Your name" box (kept in
    session state across pages). Returns the name, stripped ('' until one is given)."""
    ss = st.session_state
    if staff_access() != auth.OPEN:
        who = staff_identity()
        (where or st).caption(f"Changes you save are recorded as **{who}**.")
        return who
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
    """How staff sign in here: lib.auth.OIDC, PASSWORD, OPEN or REFUSED. A sign-in setting that is
    present but unusable stops the app with its message (never falls open)."""
    try:
        return auth.staff_access(secrets())
    except auth.SettingError as e:
        st.error(f"Staff sign-in is misconfigured, so the app will not start: {e}", icon=":material/lock:")
        st.stop()


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


def password_accounts() -> dict:
    """The configured staff accounts ({} unless password sign-in is on)."""
    return auth.configured_accounts(secrets()) or {}


def _throttle_keys() -> list[str]:
    """This session and this client address: wrong passwords slow down both."""
    ss = st.session_state
    if "_signin_session" not in ss:
        import secrets as pysecrets

        ss["_signin_session"] = pysecrets.token_hex(8)
    try:
        address = st.context.ip_address or "local"
    except Exception:
        address = "unknown"
    return [f"session:{ss['_signin_session']}", f"address:{address}"]


def sign_in_with_password(user: str | None, password: str) -> tuple[bool, str]:
    """Check an account's password (after any wait earlier failures earned); on success the
    account's name is who this session is. Returns (signed in, message)."""
    keys = _throttle_keys()
    wait = auth.THROTTLE.wait(keys)
    if wait > 0:
        return False, f"Too many wrong passwords: try again in {wait:.0f} seconds."
    who = auth.verify(user, password, password_accounts())
    if who is None:
        auth.THROTTLE.failed(keys)
        return False, "Account or password not recognised."
    auth.THROTTLE.succeeded(keys)
    st.session_state[K_STAFF_USER] = who
    return True, ""


def sign_out() -> None:
    st.session_state.pop(K_STAFF_USER, None)


def staff_identity() -> str:
    """Who is deciding, for audit trails: the OIDC e-mail or name, the password account signed in
    to, or 'local demo (open staff mode)'."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "signed-in user")
    except Exception:
        pass
    return st.session_state.get(K_STAFF_USER) or "local demo (open staff mode)"
