"""Staff sign-in: OIDC (st.login) when configured, else a password checked against its hash."""
import streamlit as st

from lib import auth
from lib.ui import layout, staff

layout.require_router()

st.title("Staff sign-in")
access = staff.staff_access()
if access == auth.OIDC:
    st.write("Sign in with your organisation's account to see the staff pages.")
    st.button("Sign in", on_click=st.login, key="signin_oidc", icon=":material/login:")
elif access == auth.PASSWORD:
    shared = set(staff.password_accounts()) == {auth.SHARED_ACCOUNT}
    with st.form("signin_form"):
        user = None if shared else st.text_input("Account name", key="signin_name",
                                                  help="Recorded against the decisions you make")
        password = st.text_input("Staff password", type="password", key="signin_password")
        if st.form_submit_button("Sign in"):
            ok, message = staff.sign_in_with_password(user, password)
            if ok:
                st.rerun()
            st.error(message)
else:
    st.warning(
        "Staff pages are not configured on this server, so only the public pages are served. "
        "An administrator sets `SPEND_STAFF_PASSWORD_HASH` (made by `python -m lib.cli hash-password "
        "--user NAME`; or `staff_password_hash` in Streamlit secrets), or an `[auth]` OIDC section in "
        "secrets; for a local demo only, `SPEND_ALLOW_OPEN_STAFF=1`.", icon=":material/lock:")
