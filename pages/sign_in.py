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
    with st.form("signin_form"):
        name = st.text_input("Your name", key="signin_name", help="Recorded against the decisions you make")
        password = st.text_input("Staff password", type="password", key="signin_password")
        if st.form_submit_button("Sign in"):
            if staff.sign_in_with_password(name, password):
                st.rerun()
            st.error("Name missing or password not recognised.")
else:
    st.warning(
        "Staff pages are not configured on this server, so only the public pages are served. "
        "An administrator sets `SPEND_STAFF_PASSWORD_SHA256` (or `staff_password_sha256` in "
        "Streamlit secrets), or an `[auth]` OIDC section in secrets; for a local demo only, "
        "`SPEND_ALLOW_OPEN_STAFF=1`.", icon=":material/lock:")
