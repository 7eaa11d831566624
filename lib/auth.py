"""Who may see what: public or staff mode, and how staff prove who they are. No Streamlit here.

- **Mode**: ``SPEND_MODE=public`` (or ``streamlit run app.py -- --public``) serves only the
  public pages. Anything else is staff mode.
- **Staff access**, in order: Streamlit's OIDC login (``st.login``) when secrets hold an
  ``[auth]`` section; else staff accounts whose passwords are salted scrypt hashes in
  ``$SPEND_STAFF_PASSWORD_HASH`` (or ``staff_password_hash`` in secrets); else, only when
  ``SPEND_ALLOW_OPEN_STAFF=1`` (a local demo), staff pages open to whoever runs the app.
  With none of these, staff pages are refused and the app shows the public pages only.
  There is no default password.
- **A malformed setting never falls open**: a password setting that cannot be read (a typo, a
  plain password pasted in, the old unsalted SHA-256 setting) raises :class:`SettingError`
  with a message saying what to do, whatever ``SPEND_ALLOW_OPEN_STAFF`` says; the app shows it
  and serves no staff page.

The password setting is one or more accounts, separated by spaces, commas or new lines, each
``NAME:scrypt$N$r$p$SALT$HASH`` (SALT and HASH hex), or a bare ``scrypt$…`` for one shared
account recorded as ``staff``. ``python -m lib.cli hash-password --user NAME`` makes one. The name
of the account signed in to is what is recorded against each decision.

Wrong passwords slow down: :class:`Throttle` makes each session and each client address wait
longer after every failure (in memory, bounded).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets as _secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

PUBLIC, STAFF = "public", "staff"
OIDC, PASSWORD, OPEN, REFUSED = "oidc", "password", "open", "refused"
ENV_MODE = "SPEND_MODE"
ENV_PASSWORD_HASH = "SPEND_STAFF_PASSWORD_HASH"
ENV_ALLOW_OPEN = "SPEND_ALLOW_OPEN_STAFF"
SECRET_PASSWORD_HASH = "staff_password_hash"
# The old unsalted setting: refused (see SettingError), never read as a password.
LEGACY_ENV = "SPEND_STAFF_PASSWORD_SHA256"
LEGACY_SECRET = "staff_password_sha256"
SHARED_ACCOUNT = "staff"

# scrypt cost: N=2**15, r=8 takes 32 MiB and ~0.1 s a check; a setting may ask for more, not less.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
MIN_N, MAX_N = 2 ** 14, 2 ** 20
SALT_BYTES, HASH_BYTES = 16, 32
HOW_TO = "make one with `python -m lib.cli hash-password --user NAME` and set " + ENV_PASSWORD_HASH


class SettingError(RuntimeError):
    """The sign-in setting is present but unusable: staff pages must not open."""


def mode(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> str:
    """'public' when $SPEND_MODE is 'public' or the script arguments hold --public; else 'staff'."""
    env = os.environ if env is None else env
    if (env.get(ENV_MODE) or "").strip().lower() == PUBLIC:
        return PUBLIC
    if argv and "--public" in argv:
        return PUBLIC
    return STAFF


# ---- hashing ---------------------------------------------------------------------------------

def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + (1 << 20), dklen=HASH_BYTES)


def hash_password(password: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
                  salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$SALT$HASH`` for a password, with a new random salt."""
    if not password:
        raise ValueError("the password is empty")
    salt = salt if salt is not None else _secrets.token_bytes(SALT_BYTES)
    return f"scrypt${n}${r}${p}${salt.hex()}${_scrypt(password, salt, n, r, p).hex()}"


@dataclass(frozen=True)
class Account:
    name: str
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


_HEX = re.compile(r"[0-9a-f]+")
_NAME = re.compile(r"[^\s:,]{1,100}")


def _parse_hash(name: str, text: str) -> Account:
    parts = text.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise SettingError(f"{ENV_PASSWORD_HASH}: account {name!r} is not in the form scrypt$N$r$p$SALT$HASH; {HOW_TO}")
    try:
        n, r, p = (int(x) for x in parts[1:4])
    except ValueError:
        raise SettingError(f"{ENV_PASSWORD_HASH}: account {name!r}: N, r and p must be whole numbers; {HOW_TO}") from None
    salt, digest = parts[4].lower(), parts[5].lower()
    if n < MIN_N or n > MAX_N or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise SettingError(f"{ENV_PASSWORD_HASH}: account {name!r}: scrypt cost N={n}, r={r}, p={p} is outside "
                           f"N a power of two from {MIN_N} to {MAX_N}, r 1-32, p 1-16; {HOW_TO}")
    if not (_HEX.fullmatch(salt) and _HEX.fullmatch(digest) and len(salt) % 2 == 0 and len(digest) % 2 == 0):
        raise SettingError(f"{ENV_PASSWORD_HASH}: account {name!r}: salt and hash must be hex; {HOW_TO}")
    if len(salt) < 2 * SALT_BYTES or len(digest) != 2 * HASH_BYTES:
        raise SettingError(f"{ENV_PASSWORD_HASH}: account {name!r}: the salt must be at least {SALT_BYTES} bytes and "
                           f"the hash {HASH_BYTES}; {HOW_TO}")
    return Account(name, n, r, p, bytes.fromhex(salt), bytes.fromhex(digest))


def parse_accounts(text: str) -> dict[str, Account]:
    """The accounts in a password setting; raises SettingError (never returns an empty dict for a
    non-empty setting)."""
    entries = [e for e in re.split(r"[\s,]+", (text or "").strip()) if e]
    if not entries:
        raise SettingError(f"{ENV_PASSWORD_HASH} is empty; {HOW_TO}")
    accounts: dict[str, Account] = {}
    for entry in entries:
        if entry.startswith("scrypt$"):
            name, value = SHARED_ACCOUNT, entry
        elif ":" in entry:
            name, value = entry.split(":", 1)
            if not _NAME.fullmatch(name):
                raise SettingError(f"{ENV_PASSWORD_HASH}: {name!r} is not a usable account name; {HOW_TO}")
        else:
            raise SettingError(f"{ENV_PASSWORD_HASH} holds something that is not NAME:scrypt$… (a plain password "
                               f"or an old SHA-256 hash is never accepted); {HOW_TO}")
        if name.lower() in {a.lower() for a in accounts}:
            raise SettingError(f"{ENV_PASSWORD_HASH}: account {name!r} appears twice")
        accounts[name] = _parse_hash(name, value)
    return accounts


def _get(secrets: Mapping | None, key: str):
    if secrets is None:
        return None
    try:
        return secrets.get(key)
    except Exception:  # Streamlit raises when no secrets file exists at all
        return None


def configured_accounts(secrets: Mapping | None = None, env: Mapping[str, str] | None = None) -> dict[str, Account] | None:
    """The staff accounts (secrets first, then the environment), or None when no password setting
    is present. Raises SettingError for a setting that is present but unusable, and for the old
    unsalted SHA-256 setting."""
    env = os.environ if env is None else env
    if (env.get(LEGACY_ENV) or "").strip() or _get(secrets, LEGACY_SECRET):
        raise SettingError(
            f"{LEGACY_ENV} (an unsalted SHA-256 of the password) is no longer accepted: it is fast to crack "
            f"from a leaked setting. Remove it; {HOW_TO}.")
    value = _get(secrets, SECRET_PASSWORD_HASH)
    if value is None or not str(value).strip():
        value = env.get(ENV_PASSWORD_HASH)
    if value is None:
        return None
    return parse_accounts(str(value))


def check_password(candidate: str, account: Account) -> bool:
    """True when the candidate hashes to the account's hash (constant-time compare)."""
    if not candidate:
        return False
    return hmac.compare_digest(_scrypt(candidate, account.salt, account.n, account.r, account.p), account.digest)


def verify(user: str | None, password: str, accounts: Mapping[str, Account]) -> str | None:
    """The account name signed in to, or None. With one shared account the user name is not asked.
    A check runs (and takes as long) even for an unknown name, so timing does not tell names apart."""
    if len(accounts) == 1 and SHARED_ACCOUNT in accounts:
        account = accounts[SHARED_ACCOUNT]
    else:
        wanted = (user or "").strip().lower()
        account = next((a for n, a in accounts.items() if n.lower() == wanted), None)
        if account is None:
            check_password(password or "x", next(iter(accounts.values())))
            return None
    return account.name if check_password(password, account) else None


# ---- the rest of the access rules ------------------------------------------------------------

def oidc_configured(secrets: Mapping | None) -> bool:
    """True when secrets hold an [auth] section Streamlit's st.login can use."""
    auth = _get(secrets, "auth")
    try:
        return bool(auth) and bool(auth.get("redirect_uri")) and bool(auth.get("cookie_secret"))
    except Exception:
        return False


def staff_access(secrets: Mapping | None = None, env: Mapping[str, str] | None = None) -> str:
    """How staff get in: 'oidc', 'password', 'open' (SPEND_ALLOW_OPEN_STAFF=1) or 'refused'.

    Raises SettingError when a password setting is present but unusable (checked before the open
    demo switch, so a broken setting never falls open)."""
    env = os.environ if env is None else env
    accounts = configured_accounts(secrets, env)
    if oidc_configured(secrets):
        return OIDC
    if accounts:
        return PASSWORD
    if (env.get(ENV_ALLOW_OPEN) or "").strip() == "1":
        return OPEN
    return REFUSED


# ---- slowing down guessing --------------------------------------------------------------------

class Throttle:
    """A growing wait after wrong passwords, per key (a session, a client address), in memory.

    After ``free`` failures each further one doubles the wait (1 s, 2 s, 4 s … up to ``cap``).
    A key is forgotten ``forget`` seconds after its last failure, and at most ``max_keys`` keys are
    kept (the oldest go first), so memory stays bounded whatever an attacker sends."""

    def __init__(self, free: int = 3, cap: float = 300.0, forget: float = 3600.0, max_keys: int = 10_000,
                 clock=time.monotonic):
        self.free, self.cap, self.forget, self.max_keys, self.clock = free, cap, forget, max_keys, clock
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _delay(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return min(self.cap, 2.0 ** (failures - self.free))

    def wait(self, keys) -> float:
        """Seconds to wait before the next attempt may be checked (0 when it may be now)."""
        now = self.clock()
        with self._lock:
            longest = 0.0
            for k in keys:
                entry = self._failures.get(k)
                if entry is None:
                    continue
                n, last = entry
                if now - last > self.forget:
                    del self._failures[k]
                    continue
                longest = max(longest, last + self._delay(n) - now)
            return max(0.0, longest)

    def failed(self, keys) -> None:
        now = self.clock()
        with self._lock:
            for k in keys:
                n, _ = self._failures.pop(k, (0, now))
                self._failures[k] = (n + 1, now)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, keys) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)

    def __len__(self) -> int:
        return len(self._failures)


THROTTLE = Throttle()  # the process's: every session of the app shares it
