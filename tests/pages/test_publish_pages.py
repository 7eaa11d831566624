"""The publishing pages through AppTest: public mode serves only public pages, staff sign-in,
the transparency figures, the redacted monthly list, the redaction review and publishing."""
from decimal import Decimal as D

import pytest
from streamlit.errors import StreamlitAPIException

from apptools import open_app, pounds, shown
from conftest import SMALL
from lib import auth, store, summary

PUBLIC = ["pages/transparency.py", "pages/spend_list.py"]
STAFF_ONLY = ["pages/overview.py", "pages/transactions.py", "pages/upload.py", "pages/data.py",
              "pages/redactions.py", "pages/publish.py"]


@pytest.fixture
def public_mode(small_store, tmp_path, monkeypatch):
    """Public mode reading a public store published from the small store (call again to republish
    after changing the store)."""
    from lib.publish import public_store

    out = tmp_path / "public.duckdb"
    monkeypatch.setenv("SPEND_MODE", "public")
    monkeypatch.setenv("SPEND_PUBLIC_DB", str(out))

    def publish():
        public_store.write_public_store(out, db=small_store)

    publish()
    return publish


@pytest.mark.parametrize("page", PUBLIC)
def test_public_pages_run(small_store, public_mode, page):
    at = open_app(page)
    assert not at.sidebar.multiselect  # no filter bar listing every supplier's name


@pytest.mark.parametrize("page", STAFF_ONLY + ["pages/sign_in.py"])
def test_public_mode_serves_no_staff_page(small_store, public_mode, page):
    at = open_app()
    with pytest.raises((StreamlitAPIException, ValueError), match="Known pages") as e:
        at.switch_page(page).run()
    assert "transparency.py', '/" in str(e.value) and "upload" not in str(e.value).split("Known pages")[1]


def test_transparency_figures_equal_the_store(small_store, public_mode):
    at = open_app("pages/transparency.py")
    at.selectbox(key="pub_fy").select("2019/20").run()
    m = {x.label: x for x in at.metric}
    assert "£4,650.74" in m["Total spend"].help and m["Payments"].value == str(SMALL["fy19_lines"])


def test_spend_list_withholds_undecided_people(small_store, public_mode):
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET supplier_name = 'Mrs Ada Lovelace', supplier_key = 'MRS ADA LOVELACE' "
                    "WHERE row_number = 4 AND batch_id = 1")
    public_mode()  # published again
    at = open_app("pages/spend_list.py")
    at.selectbox(key="list_fy").select("2019/20").run()
    at.selectbox(key="list_month").select(at.selectbox(key="list_month").options[1]).run()  # May 2019
    rows = shown(at.dataframe[0])
    assert "Mrs Ada Lovelace" not in set(rows["Beneficiary"]) and "REDACTED PERSONAL DATA" in set(rows["Beneficiary"])
    assert sum(pounds(rows["Amount"])) == D("2600.50")  # the withheld amount stays, written £2,600.50 to the penny


def test_staff_refused_without_configuration(small_store, monkeypatch):
    monkeypatch.delenv("SPEND_ALLOW_OPEN_STAFF")
    at = open_app()
    with pytest.raises((StreamlitAPIException, ValueError), match="Known pages"):
        at.switch_page("pages/upload.py").run()
    at = open_app("pages/sign_in.py")
    assert any("not configured" in w.value for w in at.warning)


def test_password_sign_in(small_store, monkeypatch):
    """An account signs in with its own password; the account, not a typed name, is who decides;
    wrong passwords earn a growing wait."""
    monkeypatch.delenv("SPEND_ALLOW_OPEN_STAFF")
    monkeypatch.setenv("SPEND_STAFF_PASSWORD_HASH", "buyer:" + auth.hash_password("correct horse", n=2 ** 14))
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(free=2))
    at = open_app("pages/sign_in.py")
    at.text_input(key="signin_name").input("buyer")
    at.text_input(key="signin_password").input("wrong")
    at.button[0].click().run()
    assert at.error and "_staff_user" not in at.session_state
    at.text_input(key="signin_password").input("correct horse")
    at.text_input(key="signin_name").input("A Buyer")  # not an account
    at.button[0].click().run()
    assert "_staff_user" not in at.session_state
    at.text_input(key="signin_name").input("buyer")
    at.button[0].click().run()  # right now, but two failures earned a wait: not even checked
    assert "_staff_user" not in at.session_state and "try again in" in at.error[0].value
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(free=2))  # the wait has passed
    at.button[0].click().run()
    assert at.session_state["_staff_user"] == "buyer"
    at.switch_page("pages/redactions.py").run()
    assert not at.exception and at.title[0].value == "Redactions"
    at.switch_page("pages/targets.py").run()
    assert not at.exception and not [t for t in at.text_input if t.label == "Your name"]
    assert any("recorded as **buyer**" in c.value for c in at.caption)


def test_a_broken_setting_never_opens_the_staff_pages(small_store, monkeypatch):
    for bad in ("plain password", "scrypt$16$8$1$00$00", "ab" * 32):
        monkeypatch.setenv("SPEND_STAFF_PASSWORD_HASH", bad)
        at = open_app()  # SPEND_ALLOW_OPEN_STAFF=1 is set for the tests: still refused
        assert at.error and "misconfigured" in at.error[0].value
        try:
            at.switch_page("pages/upload.py").run()
        except (StreamlitAPIException, ValueError):
            continue  # no such page served: refused
        assert not at.title and "misconfigured" in at.error[0].value  # the app stopped before any page


def test_auth_rules():
    h = auth.hash_password("pw", n=2 ** 14)
    assert h.startswith("scrypt$16384$8$1$") and h != auth.hash_password("pw", n=2 ** 14)  # salted
    accounts = auth.parse_accounts(f"ann:{h}, bob:{auth.hash_password('other', n=2 ** 14)}")
    assert auth.verify("ann", "pw", accounts) == "ann" and auth.verify("ANN", "pw", accounts) == "ann"
    assert auth.verify("bob", "pw", accounts) is None and auth.verify("cy", "pw", accounts) is None
    assert auth.verify(None, "pw", auth.parse_accounts(h)) == auth.SHARED_ACCOUNT
    assert not auth.check_password("", accounts["ann"])
    assert auth.staff_access(None, {}) == auth.REFUSED
    assert auth.staff_access(None, {"SPEND_ALLOW_OPEN_STAFF": "1"}) == auth.OPEN
    assert auth.staff_access({"staff_password_hash": h}, {"SPEND_ALLOW_OPEN_STAFF": "1"}) == auth.PASSWORD
    assert auth.staff_access(None, {"SPEND_STAFF_PASSWORD_HASH": h}) == auth.PASSWORD
    assert auth.staff_access({"auth": {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s"}}, {}) == auth.OIDC
    # present but unusable: refused with a message, never open, whatever SPEND_ALLOW_OPEN_STAFF says
    for bad, said in [("pw", "not NAME:scrypt"), ("a" * 64, "not NAME:scrypt"), ("", "is empty"),
                      (h.replace("$16384$", "$1000$"), "power of two"), (h[:-2], "hash 32"),
                      ("ann:" + h + " ann:" + h, "twice"), ("bad name:" + h, "not NAME:scrypt")]:
        with pytest.raises(auth.SettingError, match=said):
            auth.staff_access(None, {"SPEND_STAFF_PASSWORD_HASH": bad, "SPEND_ALLOW_OPEN_STAFF": "1"})
    with pytest.raises(auth.SettingError, match="no longer accepted"):
        auth.staff_access(None, {"SPEND_STAFF_PASSWORD_SHA256": "ab" * 32, "SPEND_ALLOW_OPEN_STAFF": "1"})
    assert auth.mode([], {"SPEND_MODE": "PUBLIC"}) == auth.PUBLIC and auth.mode(["--public"], {}) == auth.PUBLIC
    assert auth.mode([], {}) == auth.STAFF


def test_redactions_page_records_a_line_decision(small_store):
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET category = 'Witness Expenses' WHERE row_number = 3 AND batch_id = 1")
        summary.invalidate(cur)  # lines changed in place (lib.summary's contract)
    at = open_app("pages/redactions.py")
    at.selectbox(key="red_fy").select("2019/20").run()
    at.selectbox(key="red_cat").select("Witness Expenses").run()
    at.radio(key="red_line_decision").set_value("clear")
    at.text_input(key="red_line_reason").input("a credit note to a company, not a witness")
    [b for b in at.button if "these lines" in b.label][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    from lib.publish import redaction
    hist = redaction.decisions(small_store)
    assert list(hist["decision"]) == ["clear"] and hist["decided_by"][0] == "local demo (open staff mode)"


def test_publish_page_builds_both(small_store):
    at = open_app("pages/publish.py")
    at.selectbox(key="pubx_fy").select("2019/20").run()
    at.button(key="pubx_snapshot").click().run()
    assert not at.exception and any("£4,650.74" in s.value for s in at.success)
    at.button(key="pubx_briefing").click().run()
    assert not at.exception and any("Briefing for 2019/20" in s.value for s in at.success)


def test_the_wait_grows_per_key_and_memory_is_bounded():
    now = [0.0]
    t = auth.Throttle(free=3, cap=300, forget=3600, max_keys=100, clock=lambda: now[0])
    keys = ["session:a", "address:1.2.3.4"]
    waits = []
    for _ in range(8):
        t.failed(keys)
        waits.append(t.wait(keys))
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32]
    assert t.wait(["session:new", "address:1.2.3.4"]) == 32  # a new session from the same address waits too
    assert t.wait(["session:new", "address:5.6.7.8"]) == 0
    now[0] += 3601
    assert t.wait(keys) == 0  # forgotten after an hour
    for i in range(10_000):  # an attacker with many addresses: memory stays bounded
        t.failed([f"address:{i}"])
    assert len(t) == 100
    t.failed(keys), t.failed(keys), t.failed(keys)
    t.succeeded(keys)
    assert t.wait(keys) == 0


def test_hash_password_command():
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.run([sys.executable, "-m", "lib.cli", "hash-password", "--user", "ann"], cwd=ROOT,
                          input="a long enough password\n", capture_output=True, text=True)
    assert proc.returncode == 0
    accounts = auth.parse_accounts(proc.stdout.strip())
    assert auth.verify("ann", "a long enough password", accounts) == "ann"
    proc = subprocess.run([sys.executable, "-m", "lib.cli", "hash-password"], cwd=ROOT, input="short\n",
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "at least 12" in proc.stderr


def test_redactions_page_offers_no_clearing_for_lines_whose_payee_the_publisher_withheld(small_store):
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET category = 'Witness Expenses', supplier_name = 'REDACTED PERSONAL DATA', "
                    "is_redacted = TRUE WHERE row_number = 3 AND batch_id = 1")
        summary.invalidate(cur)  # lines changed in place (lib.summary's contract)
    at = open_app("pages/redactions.py")
    at.selectbox(key="red_fy").select("2019/20").run()
    at.selectbox(key="red_cat").select("Witness Expenses").run()
    assert at.radio(key="red_line_decision").options == ["Confirm redaction"]
    assert any("the publisher withheld every one's payee (redacted at source), so there is no name to publish"
               in m.value for m in at.markdown)
