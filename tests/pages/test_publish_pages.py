"""The publishing pages through AppTest: public mode serves only public pages, staff sign-in,
the transparency figures, the redacted monthly list, the redaction review and publishing."""
from decimal import Decimal as D

import pytest
from streamlit.errors import StreamlitAPIException
from streamlit.testing.v1 import AppTest

from apptools import APP
from conftest import SMALL
from lib import auth, store

PUBLIC = ["pages/transparency.py", "pages/spend_list.py"]
STAFF_ONLY = ["pages/overview.py", "pages/transactions.py", "pages/upload.py", "pages/data.py",
              "pages/redactions.py", "pages/publish.py"]


def run(page=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def public_mode(monkeypatch):
    monkeypatch.setenv("SPEND_MODE", "public")


@pytest.mark.parametrize("page", PUBLIC)
def test_public_pages_run(small_store, public_mode, page):
    at = run(page)
    assert not at.sidebar.multiselect  # no filter bar listing every supplier's name


@pytest.mark.parametrize("page", STAFF_ONLY + ["pages/sign_in.py"])
def test_public_mode_serves_no_staff_page(small_store, public_mode, page):
    at = run()
    with pytest.raises((StreamlitAPIException, ValueError), match="Known pages") as e:
        at.switch_page(page).run()
    assert "transparency.py', '/" in str(e.value) and "upload" not in str(e.value).split("Known pages")[1]


def test_transparency_figures_equal_the_store(small_store, public_mode):
    at = run("pages/transparency.py")
    at.selectbox(key="pub_fy").select("2019/20").run()
    m = {x.label: x for x in at.metric}
    assert "£4,650.74" in m["Total spend"].help and m["Payments"].value == str(SMALL["fy19_lines"])


def test_spend_list_withholds_undecided_people(small_store, public_mode):
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET supplier_name = 'Mrs Ada Lovelace', supplier_key = 'MRS ADA LOVELACE' "
                    "WHERE row_number = 4 AND batch_id = 1")
    at = run("pages/spend_list.py")
    at.selectbox(key="list_fy").select("2019/20").run()
    at.selectbox(key="list_month").select(at.selectbox(key="list_month").options[1]).run()  # May 2019
    rows = at.dataframe[0].value
    assert "Mrs Ada Lovelace" not in set(rows["Beneficiary"]) and "REDACTED PERSONAL DATA" in set(rows["Beneficiary"])
    assert sum(rows["Amount"]) == D("2600.50")  # the withheld amount stays


def test_staff_refused_without_configuration(small_store, monkeypatch):
    monkeypatch.delenv("SPEND_ALLOW_OPEN_STAFF")
    at = run()
    with pytest.raises((StreamlitAPIException, ValueError), match="Known pages"):
        at.switch_page("pages/upload.py").run()
    at = run("pages/sign_in.py")
    assert any("not configured" in w.value for w in at.warning)


def test_password_sign_in(small_store, monkeypatch):
    monkeypatch.delenv("SPEND_ALLOW_OPEN_STAFF")
    monkeypatch.setenv("SPEND_STAFF_PASSWORD_SHA256", auth.sha256_hex("correct horse"))
    at = run("pages/sign_in.py")
    at.text_input(key="signin_name").input("A Buyer")
    at.text_input(key="signin_password").input("wrong")
    at.button[0].click().run()
    assert at.error and "_staff_user" not in at.session_state
    at.text_input(key="signin_password").input("correct horse")
    at.button[0].click().run()
    assert at.session_state["_staff_user"] == "A Buyer"
    at.switch_page("pages/redactions.py").run()
    assert not at.exception and at.title[0].value == "Redactions"


def test_auth_rules():
    h = auth.sha256_hex("pw")
    assert auth.check_password("pw", h) and not auth.check_password("pw2", h) and not auth.check_password("", h)
    assert not auth.check_password("pw", "pw")  # a plain password is never taken as the hash
    assert auth.staff_access(None, {}) == auth.REFUSED
    assert auth.staff_access(None, {"SPEND_ALLOW_OPEN_STAFF": "1"}) == auth.OPEN
    assert auth.staff_access({"staff_password_sha256": h}, {"SPEND_ALLOW_OPEN_STAFF": "1"}) == auth.PASSWORD
    assert auth.staff_access({"auth": {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s"}}, {}) == auth.OIDC
    assert auth.mode([], {"SPEND_MODE": "PUBLIC"}) == auth.PUBLIC and auth.mode(["--public"], {}) == auth.PUBLIC
    assert auth.mode([], {}) == auth.STAFF


def test_redactions_page_records_a_line_decision(small_store):
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET category = 'Witness Expenses' WHERE row_number = 3 AND batch_id = 1")
    at = run("pages/redactions.py")
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
    at = run("pages/publish.py")
    at.selectbox(key="pubx_fy").select("2019/20").run()
    at.button(key="pubx_snapshot").click().run()
    assert not at.exception and any("£4,650.74" in s.value for s in at.success)
    at.button(key="pubx_briefing").click().run()
    assert not at.exception and any("Briefing for 2019/20" in s.value for s in at.success)
