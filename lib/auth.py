"""Who may see what: public or staff mode, and how staff prove who they are. No Streamlit here.

- **Mode**: ``SPEND_MODE=public`` (or ``streamlit run app.py -- --public``) serves only the
  public pages. Anything else is staff mode.
- **Staff access**, in order: Streamlit's OIDC login (``st.login``) when secrets hold an
  ``[auth]`` section; else a password whose SHA-256 (hex) is in secrets
  (``staff_password_sha256``) or ``$SPEND_STAFF_PASSWORD_SHA256``; else, only when
  ``SPEND_ALLOW_OPEN_STAFF=1`` (a local demo), staff pages open to whoever runs the app.
  With none of these, staff pages are refused and the app shows the public pages only.
  There is no default password.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping

PUBLIC, STAFF = "public", "staff"
OIDC, PASSWORD, OPEN, REFUSED = "oidc", "password", "open", "refused"
ENV_MODE = "SPEND_MODE"
ENV_PASSWORD_SHA256 = "SPEND_STAFF_PASSWORD_SHA256"
ENV_ALLOW_OPEN = "SPEND_ALLOW_OPEN_STAFF"
SECRET_PASSWORD_SHA256 = "staff_password_sha256"


def mode(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> str:
    """'public' when $SPEND_MODE is 'public' or the script arguments hold --public; else 'staff'."""
    env = os.environ if env is None else env
    if (env.get(ENV_MODE) or "").strip().lower() == PUBLIC:
        return PUBLIC
    if argv and "--public" in argv:
        return PUBLIC
    return STAFF


def sha256_hex(password: str) -> str:
    """The hex SHA-256 of a password (what to put in $SPEND_STAFF_PASSWORD_SHA256)."""
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def _clean_hash(value) -> str | None:
    text = str(value or "").strip().lower()
    if len(text) == 64 and all(c in "0123456789abcdef" for c in text):
        return text
    return None


def expected_hash(secrets: Mapping | None = None, env: Mapping[str, str] | None = None) -> str | None:
    """The configured password hash (secrets first, then the environment), or None.

    A value that is not 64 hex digits is ignored, so a plain password pasted by mistake never
    becomes the password."""
    env = os.environ if env is None else env
    from_secrets = None
    if secrets is not None:
        try:
            from_secrets = secrets.get(SECRET_PASSWORD_SHA256)
        except Exception:  # Streamlit raises when no secrets file exists at all
            from_secrets = None
    return _clean_hash(from_secrets) or _clean_hash(env.get(ENV_PASSWORD_SHA256))


def check_password(candidate: str, expected_sha256: str | None) -> bool:
    """True when the candidate's SHA-256 equals the configured hash (constant-time compare)."""
    expected = _clean_hash(expected_sha256)
    if not expected or not candidate:
        return False
    return hmac.compare_digest(sha256_hex(candidate).encode(), expected.encode())


def oidc_configured(secrets: Mapping | None) -> bool:
    """True when secrets hold an [auth] section Streamlit's st.login can use."""
    if secrets is None:
        return False
    try:
        auth = secrets.get("auth")
    except Exception:
        return False
    return bool(auth) and bool(auth.get("redirect_uri")) and bool(auth.get("cookie_secret"))


def staff_access(secrets: Mapping | None = None, env: Mapping[str, str] | None = None) -> str:
    """How staff get in: 'oidc', 'password', 'open' (SPEND_ALLOW_OPEN_STAFF=1) or 'refused'."""
    env = os.environ if env is None else env
    if oidc_configured(secrets):
        return OIDC
    if expected_hash(secrets, env):
        return PASSWORD
    if (env.get(ENV_ALLOW_OPEN) or "").strip() == "1":
        return OPEN
    return REFUSED
