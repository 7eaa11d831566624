"""The supplier pages through AppTest, on stores loaded through the real ingest path: the figures
shown are the hand-worked ones, and what staff save is recorded with who and when."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptools import frame_with, metrics, open_app
from lib import store
from lib import suppliers as sup
from lib.ingest import load_file

REGISTER_HEAD = ("Supplier ID,Supplier Name,Postcode,VAT Number,Charity Number,Employees,Turnover,"
                 "Balance Sheet Total,VCSE Type,Delivers locally,Delivers locally reason\n")


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at



def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def spend_csv(tmp: Path, name: str, rows: list[tuple]) -> Path:
    lines = ["Payment Date,Supplier Name,Supplier ID,VAT Number,Amount"]
    lines += [f'15/05/2020,"{n}",{i},{v},{a}' for n, i, v, a in rows]
    return write(tmp, name, "\n".join(lines) + "\n")


@pytest.fixture
def linked(fresh_db, tmp_path):
    """A register of four and spend of £3,000: £1,000 by ID, £600 by name, £300 fuzzy-close, £100
    redacted, £1,000 unmatched."""
    load_file(write(tmp_path, "register.csv", REGISTER_HEAD + "\n".join([
        "S1,The Acme Co. Ltd,PR1 2HE,,,249,44000000,50000000,,,",   # SME under PA 2023, not under EU
        "S2,Preston Mediation,PR1 2HE,,1234567,12,300000,,,,",      # VCSE by charity number
        "S3,Lancashire Tyre Centre Ltd,,,,,,,,,",
        "S4,John Smith T/A Smith Plumbing,,,,3,90000,,,,",
    ]) + "\n"), db=fresh_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "spend.csv", [
        ("Anything", "S1", "", "1000.00"),
        ("Preston Mediation", "", "", "400.00"),
        ("Smith Plumbing", "", "", "200.00"),
        ("Lancs Tyre Centre", "", "", "300.00"),
        ("REDACTED PERSONAL DATA", "", "", "100.00"),
        ("Far Off Unmatched Ltd", "", "", "1000.00"),
    ]), db=fresh_db)
    return fresh_db


# ---- empty states ---------------------------------------------------------------------------

def test_suppliers_page_says_what_to_do_on_an_empty_store(fresh_db):
    at = open_app("pages/suppliers.py")
    assert any("Upload a supplier register on the Upload page" in i.value for i in at.info)


def test_review_page_says_what_to_do_without_a_register(fresh_db):
    at = open_app("pages/supplier_review.py")
    assert any("Upload a supplier register on the Upload page" in i.value for i in at.info)


def test_worklist_page_says_what_to_do_on_an_empty_store(fresh_db):
    at = open_app("pages/worklist.py")
    assert any("upload a file on the Upload page" in i.value for i in at.info)


# ---- Suppliers --------------------------------------------------------------------------------

def test_suppliers_page_matched_share_and_sme_test(linked):
    at = open_app("pages/suppliers.py")
    m = metrics(at)
    assert m["Matched to the register"].value == "53.33%"          # (1000 + 400 + 200) / 3000
    assert "£1,600.00 of £3,000.00" in m["Matched to the register"].help
    assert m["Suppliers in the register"].value == "4"
    # SME: Acme (£1,000) and Preston Mediation (£400) and Smith (£200) under PA 2023 = 53.33%
    assert m["SME spend (Procurement Act 2023)"].value == "53.33%"
    assert m["VCSE spend"].value == "13.33%"                           # Preston Mediation £400
    methods = frame_with(at, "label", "pct").set_index("label")
    assert methods.loc["Supplier ID", "amount"] == D("1000.00") and methods.loc["Name", "amount"] == D("600.00")
    assert methods.loc["Unmatched", "amount"] == D("1300.00") and methods.loc["Redacted", "amount"] == D("100.00")
    table = at.dataframe(key="sup_table").value
    assert list(table["name"])[:2] == ["The Acme Co. Ltd", "Preston Mediation"]
    assert list(table["sme"])[:2] == ["yes", "yes"]
    # the EU test: Acme's £44m turnover is over €50m at 0.85, and every SME figure says which test
    at.radio(key="sup_sme_test").set_value("eu_2003")
    rerun(at)
    m = metrics(at)
    assert "SME spend (EU test (2003/361))" in m and m["SME spend (EU test (2003/361))"].value == "20.00%"
    assert list(at.dataframe(key="sup_table").value["sme"])[:2] == ["no", "yes"]
    assert at.button(key="sup_sme_save").disabled                     # a default for everyone needs a name
    at.text_input(key="who_box").input("Sam Staff")
    rerun(at)
    at.button(key="sup_sme_save").click()
    rerun(at)
    cur = store.cursor(linked)
    assert sup.sme_test(cur) == "eu_2003" and "Sam Staff" in sup.sme_test_note(cur)


def test_suppliers_page_search_and_detail_with_provenance(linked):
    at = open_app("pages/suppliers.py")
    at.text_input(key="sup_search").input("smith")
    rerun(at)
    assert list(at.dataframe(key="sup_table").value["name"]) == ["John Smith T/A Smith Plumbing"]
    assert at.subheader[-1].value == "John Smith T/A Smith Plumbing"
    assert any("register.csv" in c.value and "row 5" in c.value for c in at.caption)
    years = frame_with(at, "fy", "amount")
    assert list(years["fy"]) == ["2020/21"] and list(years["amount"]) == [D("200.00")]
    names = frame_with(at, "spend_name", "method")
    assert list(names["spend_name"]) == ["Smith Plumbing"] and list(names["method"]) == ["Name"]


def test_a_long_register_shows_the_largest_with_a_way_to_see_all(fresh_db, tmp_path):
    """A register of 105: the 100 with most spend go to the browser, the rest on asking or by search."""
    load_file(write(tmp_path, "register.csv", REGISTER_HEAD + "\n".join(
        f"S{i},Supplier {i:03d} Ltd,,,,,,,,," for i in range(105)) + "\n"), db=fresh_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "spend.csv", [(f"Supplier {i:03d} Ltd", f"S{i}", "", f"{i + 1}.00") for i in range(105)]),
              db=fresh_db)
    at = open_app("pages/suppliers.py")
    table = at.dataframe(key="sup_table").value
    assert len(table) == 100 and table["name"].iloc[0] == "Supplier 104 Ltd" and "Supplier 004 Ltd" not in set(table["name"])
    assert any("The 100 of 105 suppliers with most spend" in c.value for c in at.caption)
    at.toggle(key="sup_all").set_value(True)
    rerun(at)
    table = at.dataframe(key="sup_table").value
    assert len(table) == 105 and table["name"].iloc[-1] == "Supplier 000 Ltd"
    at.toggle(key="sup_all").set_value(False)
    at.text_input(key="sup_search").input("Supplier 004")
    rerun(at)
    assert list(at.dataframe(key="sup_table").value["name"]) == ["Supplier 004 Ltd"]
    assert at.subheader[-1].value == "Supplier 004 Ltd"


# ---- Match review -----------------------------------------------------------------------------

def test_review_accept_links_and_records_who(linked, tmp_path):
    at = open_app("pages/supplier_review.py")
    m = metrics(at)
    assert m["To review"].value == "1" and m["Spend at stake"].value == "£300"
    assert any("Lancs Tyre Centre" in md.value for md in at.markdown)
    assert at.button(key="rv_accept_0").disabled                      # no name yet
    at.text_input(key="who_box").input("Pat Reviewer")
    rerun(at)
    at.button(key="rv_accept_0").click()
    rerun(at)
    assert any("Linked" in s.value and "Pat Reviewer" in s.value for s in at.success)
    m = metrics(at)
    assert m["To review"].value == "0" and m["Matched to the register, all years"].value == "63.33%"   # + £300
    done = frame_with(at, "decision", "decided_by")
    assert list(done["decision"]) == ["accept"] and list(done["decided_by"]) == ["Pat Reviewer"]
    assert bool(done["in_force"].iloc[0])
    # a later upload naming the supplier the same way loads linked
    res = load_file(spend_csv(tmp_path, "later.csv", [("LANCS TYRE CENTRE", "", "", "50.00")]), db=linked)
    cur = store.cursor(linked)
    assert cur.execute("SELECT supplier_ref, link_method FROM spend_located WHERE batch_id = ?",
                       [res.batch_id]).fetchall() == [("ID:S3", "fuzzy")]


def test_review_reject_is_not_offered_again(linked):
    at = open_app("pages/supplier_review.py")
    at.text_input(key="who_box").input("Pat Reviewer")
    rerun(at)
    at.button(key="rv_reject_0").click()
    rerun(at)
    assert metrics(at)["To review"].value == "0"
    assert metrics(at)["Matched to the register, all years"].value == "53.33%"
    assert list(frame_with(at, "decision", "decided_by")["decision"]) == ["reject"]


# ---- Supplier worklist ------------------------------------------------------------------------

def test_worklist_shows_the_biggest_gaps_first(linked):
    at = open_app("pages/worklist.py")
    table = at.data_editor(key="wl_editor_0").value
    # Far Off (£1,000, not in the register), Lancs Tyre Centre (£300, unmatched), S3 and Smith lack a postcode…
    assert list(table["name"])[:2] == ["Far Off Unmatched Ltd", "Lancs Tyre Centre"]
    assert list(table["amount"])[:2] == [1000.0, 300.0]
    assert table["missing"].iloc[0] == "postcode, SME, VCSE"
    assert metrics(at)["Spend with these suppliers"].value == "£1.50k"   # 1000 + 300 + 200 (Smith)
    assert at.button(key="wl_save").disabled


def _seed(at: AppTest, key: str, edits: dict) -> None:
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}


def test_worklist_saves_edits_with_who_and_shows_the_audit_trail(linked):
    at = open_app("pages/worklist.py")
    at.text_input(key="who_box").input("Sam Staff")
    rerun(at)
    _seed(at, "wl_editor_0", {0: {"postcode": "pr1 2he", "sme": "yes", "vcse": "no"}})
    rerun(at)
    assert at.button(key="wl_save").label == "Save 3 changes" and not at.button(key="wl_save").disabled
    at.button(key="wl_save").click()
    rerun(at)
    assert any("Saved 4 changes by Sam Staff" in s.value for s in at.success)   # + the supplier's name
    trail = frame_with(at, "edited_by", "field", "old_value")
    assert set(trail["edited_by"]) == {"Sam Staff"}
    pc = trail[trail["field"] == "Postcode"].iloc[0]
    assert pc["name"] == "Far Off Unmatched Ltd" and pc["new_value"] == "PR1 2HE" and pc["old_value"] is None
    assert "Far Off Unmatched Ltd" not in list(at.data_editor(key="wl_editor_1").value["name"])


def test_worklist_refuses_an_invalid_postcode_naming_the_supplier(linked):
    at = open_app("pages/worklist.py")
    at.text_input(key="who_box").input("Sam Staff")
    rerun(at)
    _seed(at, "wl_editor_0", {1: {"postcode": "NOT A CODE"}})
    rerun(at)
    at.button(key="wl_save").click()
    rerun(at)
    assert any("Lancs Tyre Centre: 'NOT A CODE' is not a UK postcode" in e.value for e in at.error)
    assert store.cursor(linked).execute("SELECT count(*) FROM supplier_edits").fetchone()[0] == 0


# ---- Upload: what is in these files -----------------------------------------------------------

def test_upload_page_kind_selector(fresh_db):
    at = open_app("pages/upload.py")
    assert at.title[0].value == "Upload spend files"
    at.segmented_control(key="upload_kind").set_value("suppliers")
    rerun(at)
    assert at.title[0].value == "Upload a supplier register"
    assert any("one row a supplier" in c.value for c in at.caption)
