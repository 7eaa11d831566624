"""Supplier matching, the review queue, the worklist and its audit, SME and VCSE, on real DuckDB
stores loaded through the same ingest path as an upload (lib.ingest.load_file)."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
import pytest

from lib import store
from lib import suppliers as sup
from lib.ingest import load_file
from conftest import rows_of as q

REGISTER_HEAD = ("Supplier ID,Supplier Name,Postcode,VAT Number,Charity Number,Employees,Turnover,"
                 "Balance Sheet Total,VCSE Type,Delivers locally,Delivers locally reason\n")


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def spend_csv(tmp: Path, name: str, rows: list[tuple]) -> Path:
    """rows of (supplier name, supplier id, vat, amount) paid on 15/05/2020."""
    lines = ["Payment Date,Supplier Name,Supplier ID,VAT Number,Amount"]
    lines += [f'15/05/2020,"{n}",{i},{v},{a}' for n, i, v, a in rows]
    return write(tmp, name, "\n".join(lines) + "\n")


def links(db) -> dict:
    return {k: (ref, m) for k, ref, m in q(db, "SELECT spend_key, supplier_ref, method FROM supplier_links")}


def cur_of(db):
    return store.cursor(db)


# ---- matching rules -----------------------------------------------------------------------

MATCH_REGISTER = REGISTER_HEAD + "\n".join([
    "S1,The Acme Co. Ltd,,GB123456789,,,,,,,",
    "S2,Zenith Security Ltd,,,,,,,,,",
    "S3,Beta Limited,,GB999999973,,,,,,,",
    "S4,John Smith T/A Smith Plumbing,,,,,,,,,",
    "S5,Smith & Jones Ltd,,,,,,,,,",
    "S6,Lancashire Tyre Centre Ltd,,,,,,,,,",
]) + "\n"


@pytest.fixture
def matched(fresh_db, tmp_path):
    load_file(write(tmp_path, "register.csv", MATCH_REGISTER), db=fresh_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "spend.csv", [
        ("ACME CO LIMITED", "", "", "100.00"),              # name: The / Co. / Ltd / Limited
        ("Unknown Trading Name", "S2", "", "200.00"),        # ID
        ("Zed Ltd", "S2", "GB123456789", "300.00"),          # ID beats VAT
        ("Beta Ltd", "", "GB 123 4567 89", "400.00"),        # VAT beats name (Beta Limited is S3)
        ("Smith Plumbing", "", "", "500.00"),                # T/A: the trading name
        ("JOHN SMITH t/a SMITH PLUMBING", "", "", "600.00"),  # T/A: the legal name
        ("Smith and Jones Limited", "", "", "700.00"),        # & vs and
        ("Lancs Tyre Centre", "", "", "800.00"),              # no rule: a fuzzy candidate
        ("LANCS TYRE CENTRE LTD.", "", "", "50.00"),          # the same supplier spelt another way
        ("REDACTED PERSONAL DATA", "", "", "75.00"),
        ("Nobody Like Them Ltd", "", "", "25.00"),
    ]), db=fresh_db)
    return fresh_db


def test_matching_rules_in_order(matched):
    got = links(matched)
    assert got["ACME CO"] == ("ID:S1", "name")
    assert got["UNKNOWN TRADING NAME"] == ("ID:S2", "id")
    assert got["ZED"] == ("ID:S2", "id")                   # its VAT number is S1's: ID wins
    assert got["BETA"] == ("ID:S1", "vat")                 # its name is S3's: VAT wins
    assert got["SMITH PLUMBING"] == ("ID:S4", "name")
    assert got["JOHN SMITH"] == ("ID:S4", "name")
    assert got["SMITH AND JONES"] == ("ID:S5", "name")
    assert "LANCS TYRE CENTRE" not in got and "NOBODY LIKE THEM" not in got


@pytest.mark.parametrize("a, b", [
    ("The Acme Co. Ltd", "ACME CO LIMITED"),
    ("Smith & Jones plc", "SMITH AND JONES P.L.C."),
    ("Bradshaw Surveyors LLP", "bradshaw surveyors"),
    ("J Smith T/A Smith Plumbing", "J. SMITH"),
])
def test_supplier_key_macro(fresh_db, a, b):
    (ka, kb), = q(fresh_db, "SELECT supplier_key(?), supplier_key(?)", [a, b])
    assert ka == kb


def test_matched_share_by_value_and_method(matched):
    m = sup.matched_share(cur_of(matched))
    assert m["total"] == D("3750.00")
    by = {k: v[0] for k, v in m["by_method"].items()}
    assert by == {"name": D("1900.00"), "id": D("500.00"), "vat": D("400.00"), "redacted": D("75.00"),
                  "unmatched": D("875.00")}
    assert m["matched"] == D("2800.00")
    assert m["matched_pct"] == D("74.67")  # 2800 / 3750, half up
    table = sup.matched_share_table(sup.matched_share(cur_of(matched)))
    assert list(table["method"]) == ["id", "vat", "name", "fuzzy", "redacted", "unmatched"]
    assert table["amount"].sum() == D("3750.00") and round(table["pct"].sum(), 6) == 100


def test_a_supplier_spelt_two_ways_is_one_candidate_and_one_link(matched):
    cands = sup.fuzzy_candidates(cur_of(matched))
    row = cands.set_index("spend_key").loc["LANCS TYRE CENTRE"]
    assert row["supplier_ref"] == "ID:S6" and row["score"] >= sup.FUZZY_MIN_SCORE
    assert row["amount"] == D("850.00") and row["lines"] == 2     # both spellings, one key
    assert "NOBODY LIKE THEM" not in set(cands["spend_key"])        # nothing close: not offered
    sup.decide_match("LANCS TYRE CENTRE", "ID:S6", "accept", "Pat Reviewer", row["score"], db=matched)
    assert links(matched)["LANCS TYRE CENTRE"] == ("ID:S6", "fuzzy")
    by_year = sup.supplier_detail(cur_of(matched), "ID:S6")["spend_by_year"]
    assert list(by_year["amount"]) == [D("850.00")]


def test_rejected_pairs_are_not_offered_again(matched):
    before = sup.fuzzy_candidates(cur_of(matched))
    assert "LANCS TYRE CENTRE" in set(before["spend_key"])
    sup.decide_match("LANCS TYRE CENTRE", "ID:S6", "reject", "Pat Reviewer", db=matched)
    after = sup.fuzzy_candidates(cur_of(matched))
    assert not ((after["spend_key"] == "LANCS TYRE CENTRE") & (after["supplier_ref"] == "ID:S6")).any()
    assert "LANCS TYRE CENTRE" not in links(matched)
    assert q(matched, "SELECT decision, decided_by FROM match_decisions") == [("reject", "Pat Reviewer")]


def test_match_review_and_worklist_read_the_summary_as_the_lines(matched):
    """Match review's candidates and decisions, the worklist and the matched share read spend summed by
    supplier over every year (lib.summary, m040): the same rows as from the lines."""
    from lib import summary

    sup.decide_match("SMITH AND JONES", "ID:S5", "accept", "Pat Reviewer", 100.0, db=matched)
    sup.decide_match("NOBODY LIKE THEM", "ID:S2", "reject", "Pat Reviewer", db=matched)
    cur = cur_of(matched)
    assert summary.answers(cur, "spend_by_supplier_key", None)

    assert sup.fuzzy_fresh(cur) and cur.execute("SELECT count(*) FROM fuzzy_kept").fetchone()[0] > 0

    def shown():
        return (sup.fuzzy_candidates(cur), sup.decisions(cur).drop(columns=["decided_at"]), sup.worklist(cur),
                sup.matched_share(cur), sup.register_summary(cur))

    try:
        summed = shown()
        summary.ENABLED = False
        cur.execute("UPDATE fuzzy_state SET inputs = NULL")  # and the candidates scored here, not at write
        read = shown()
    finally:
        summary.ENABLED = True
    assert not sup.fuzzy_fresh(cur)
    for a, b in zip(summed[:3], read[:3]):
        pd.testing.assert_frame_equal(a, b)
    assert summed[3:] == read[3:]
    cands, done = summed[0].set_index("spend_key"), summed[1].set_index("spend_key")
    # two spellings of one key, a line each: the name is the first of them A-Z, every time
    assert cands.loc["LANCS TYRE CENTRE", "spend_name"] == "LANCS TYRE CENTRE LTD."
    assert done.loc["SMITH AND JONES", "spend_name"] == "Smith and Jones Limited"
    assert done.loc["NOBODY LIKE THEM", "decision"] == "reject"


def test_candidates_scored_at_write_follow_new_spend(matched, tmp_path):
    cur = cur_of(matched)
    scored = cur.execute("SELECT count(*) FROM fuzzy_scored").fetchone()[0]
    load_file(spend_csv(tmp_path, "more.csv", [("Zenith Securty Ltd", "", "", "90.00")]), db=matched)
    assert sup.fuzzy_fresh(cur) and cur.execute("SELECT count(*) FROM fuzzy_scored").fetchone()[0] == scored + 1
    kept = sup.fuzzy_candidates(cur).set_index("spend_key")
    assert kept.loc["ZENITH SECURTY", "supplier_ref"] == "ID:S2"   # the new name alone was scored
    cur.execute("UPDATE fuzzy_state SET inputs = NULL")               # scored afresh here: the same rows
    pd.testing.assert_frame_equal(kept.reset_index(), sup.fuzzy_candidates(cur))


def test_decisions_need_a_name_and_a_known_verdict(matched):
    with pytest.raises(ValueError, match="who"):
        sup.decide_match("LANCS TYRE CENTRE", "ID:S6", "accept", "", db=matched)
    with pytest.raises(ValueError, match="accept or reject"):
        sup.decide_match("LANCS TYRE CENTRE", "ID:S6", "maybe", "Pat", db=matched)


def test_accepted_decision_applies_to_a_later_upload(matched, tmp_path):
    sup.decide_match("LANCS TYRE CENTRE", "ID:S6", "accept", "Pat Reviewer", 90.0, db=matched)
    res = load_file(spend_csv(tmp_path, "spend_june.csv", [("Lancs Tyre Centre", "", "", "123.45")]), db=matched)
    assert res.rows_loaded == 1
    got = q(matched, "SELECT supplier_ref, link_method FROM spend_located WHERE batch_id = ?", [res.batch_id])
    assert got == [("ID:S6", "fuzzy")]
    # a name decided once is not queued again, whatever file it comes in
    assert "LANCS TYRE CENTRE" not in set(sup.fuzzy_candidates(cur_of(matched))["spend_key"])
    # a stronger rule still wins later: the register gains the spend name itself
    load_file(write(tmp_path, "register2.csv", REGISTER_HEAD + "S7,Lancs Tyre Centre,,,,,,,,,\n"),
              db=matched, kind="suppliers")
    assert links(matched)["LANCS TYRE CENTRE"] == ("ID:S7", "name")


def test_fuzzy_scoring_reads_abbreviations_and_ignores_filler():
    assert sup.fuzzy_form("ACME CO") == sup.fuzzy_form("ACME COMPANY")
    assert sup.fuzzy_form("NUTTALL COACHWORKS UK") == "NUTTALL COACHWORKS"
    scores = sup._fuzzy_scores(["SMITH PLUMBING", "ACME"], ["SMITH PLUMBING AND HEATING", "ACME SECURITY SYSTEMS"])
    assert scores[0, 0] == 100                 # every word of a two-word name is in the other
    assert scores[1, 1] < sup.FUZZY_MIN_SCORE  # a one-word name does not match every name holding it


def test_fuzzy_candidates_scale_to_thousands(fresh_db, tmp_path):
    n_reg, n_spend = 5000, 2000
    reg = REGISTER_HEAD + "\n".join(f"R{i},Supplier Number {i} Services Ltd,,,,,,,,," for i in range(n_reg)) + "\n"
    load_file(write(tmp_path, "big_register.csv", reg), db=fresh_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "big_spend.csv",
                        [(f"Supplier Numbr {i} Servces", "", "", f"{1000 + i}.00") for i in range(n_spend)]), db=fresh_db)
    cands = sup.fuzzy_candidates(cur_of(fresh_db), limit=100)  # timing belongs in bench/, not here
    assert len(cands) == 100
    top = cands.iloc[0]
    assert top["spend_name"] == f"Supplier Numbr {n_spend - 1} Servces" and top["supplier_ref"] == f"ID:R{n_spend - 1}"


# ---- the worklist and its audit trail -------------------------------------------------------

WORK_REGISTER = REGISTER_HEAD + "\n".join([
    "W1,Big Spender Ltd,,,,,,,,,",                       # no postcode, no size (in the register: not VCSE)
    "W2,Middle Ltd,PR1 2HE,,,10,100000,,,,",             # complete
    "W3,Small Ltd,NOT A POSTCODE,,,5,50000,,,,",          # invalid postcode
]) + "\n"


@pytest.fixture
def work(fresh_db, tmp_path):
    load_file(write(tmp_path, "register.csv", WORK_REGISTER), db=fresh_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "spend.csv", [
        ("Big Spender Ltd", "W1", "", "9000.00"), ("Middle Ltd", "W2", "", "5000.00"),
        ("Small Ltd", "W3", "", "1000.00"), ("Not Registered Ltd", "", "", "3000.00"),
    ]), db=fresh_db)
    return fresh_db


def test_worklist_orders_by_spend_and_says_what_is_missing(work):
    wl = sup.worklist(cur_of(work))
    # no reference built in this store: a valid postcode is not "missing", an invalid one is
    assert list(wl["name"]) == ["Big Spender Ltd", "Not Registered Ltd", "Small Ltd"]  # Middle Ltd is complete
    row = wl.set_index("name")
    assert row.loc["Big Spender Ltd", "needs_postcode"] and row.loc["Big Spender Ltd", "needs_sme"]
    assert not row.loc["Big Spender Ltd", "needs_vcse"]  # in the register with no charity/CIC: not VCSE
    assert row.loc["Not Registered Ltd", "supplier_ref"] == "KEY:NOT REGISTERED"
    assert row.loc["Not Registered Ltd", "needs_vcse"]
    assert row.loc["Small Ltd", "needs_postcode"]         # 'NOT A POSTCODE' is no postcode
    assert "not a UK postcode" in row.loc["Small Ltd", "location_note"]


def test_edits_are_saved_with_who_when_old_and_new(work):
    wl = sup.worklist(cur_of(work)).set_index("name")
    t0 = pd.Timestamp.now() - pd.Timedelta(minutes=1)
    n = sup.save_edits([
        {"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "postcode", "old_value": None, "new_value": " pr1 2he "},
        {"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "employees", "old_value": None, "new_value": "12"},
        {"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "turnover", "old_value": None, "new_value": "£1,500,000"},
        {"supplier_ref": "KEY:NOT REGISTERED", "name": "Not Registered Ltd", "field": "is_vcse", "old_value": None,
         "new_value": True},
    ], edited_by="Sam Staff", db=work)
    assert n == 5  # four answers and the published name of the supplier added from spend
    trail = sup.audit_trail(cur_of(work))
    assert set(trail["edited_by"]) == {"Sam Staff"} and (trail["edited_at"] >= t0).all()
    got = {(r.supplier_ref, r.field): (r.old_value, r.new_value) for r in trail.itertuples()}
    assert got[("ID:W1", "postcode")] == (None, "PR1 2HE")
    assert got[("ID:W1", "turnover")] == (None, "1500000.00")
    assert got[("KEY:NOT REGISTERED", "is_vcse")] == (None, "yes")
    assert got[("KEY:NOT REGISTERED", "name")] == (None, "Not Registered Ltd")
    row = q(work, "SELECT postcode, employees, turnover FROM suppliers_current WHERE supplier_ref = 'ID:W1'")
    assert row == [("PR1 2HE", 12, D("1500000.00"))]
    assert q(work, "SELECT sme_pa2023 FROM supplier_facts WHERE supplier_ref = 'ID:W1'") == [(True,)]
    # the supplier added from spend is now in the current register and linked by name
    assert links(work)["NOT REGISTERED"] == ("KEY:NOT REGISTERED", "name")
    wl = sup.worklist(cur_of(work))
    assert "Big Spender Ltd" not in set(wl["name"])
    # a second change keeps the first in the trail: old value is what was there
    sup.save_edits([{"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "employees", "old_value": "12",
                     "new_value": "300"}], edited_by="Alex Other", db=work)
    hist = sup.edit_history(cur_of(work), "ID:W1")
    hist = hist[hist["field"] == "employees"].astype(object).where(hist.notna(), None)
    assert list(hist[["old_value", "new_value", "edited_by"]].itertuples(index=False, name=None)) == [
        ("12", "300", "Alex Other"), (None, "12", "Sam Staff")]
    assert q(work, "SELECT sme_pa2023 FROM supplier_facts WHERE supplier_ref = 'ID:W1'") == [(False,)]


def test_invalid_postcode_is_refused_naming_the_supplier(work):
    with pytest.raises(ValueError) as e:
        sup.save_edits([
            {"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "postcode", "new_value": "PR1 2HE"},
            {"supplier_ref": "ID:W3", "name": "Small Ltd", "field": "postcode", "new_value": "QQ99 9ZZ"},
        ], edited_by="Sam Staff", db=work)
    assert "Small Ltd" in str(e.value) and "QQ99 9ZZ" in str(e.value) and "not a UK postcode" in str(e.value)
    assert q(work, "SELECT count(*) FROM supplier_edits") == [(0,)]  # nothing saved, not even the good one


def test_edits_need_a_name_and_typed_values(work):
    with pytest.raises(ValueError, match="name"):
        sup.save_edits([{"supplier_ref": "ID:W1", "field": "postcode", "new_value": "PR1 2HE"}], edited_by="  ", db=work)
    with pytest.raises(ValueError, match="Big Spender Ltd: Employees 'lots' is not a number"):
        sup.save_edits([{"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "employees", "new_value": "lots"}],
                       edited_by="Sam", db=work)
    with pytest.raises(ValueError, match="not yes or no"):
        sup.save_edits([{"supplier_ref": "ID:W1", "name": "Big Spender Ltd", "field": "is_sme", "new_value": "perhaps"}],
                       edited_by="Sam", db=work)
    with pytest.raises(ValueError, match="cannot be edited"):
        sup.save_edits([{"supplier_ref": "ID:W1", "field": "supplier_id", "new_value": "X"}], edited_by="Sam", db=work)
    assert sup.save_edits([{"supplier_ref": "ID:W2", "field": "employees", "old_value": "10", "new_value": "10"}],
                          edited_by="Sam", db=work) == 0  # unchanged: nothing recorded


def test_changes_from_the_editor_carry_old_values():
    shown = pd.DataFrame({"supplier_ref": ["ID:A", "ID:B"], "name": ["A Ltd", "B Ltd"], "postcode": [None, "PR1 2HE"],
                          "sme": ["yes", None], "employees": pd.array([None, 12], dtype="Int64")})
    cols = {"postcode": "postcode", "sme": "is_sme", "employees": "employees"}
    got = sup.changes_from_editor(shown, {1: {"postcode": "PR2 1NN", "employees": 15}, "0": {"sme": "no"}}, cols)
    assert got == [
        {"supplier_ref": "ID:B", "field": "postcode", "name": "B Ltd", "old_value": "PR1 2HE", "new_value": "PR2 1NN"},
        {"supplier_ref": "ID:B", "field": "employees", "name": "B Ltd", "old_value": "12", "new_value": "15"},
        {"supplier_ref": "ID:A", "field": "is_sme", "name": "A Ltd", "old_value": "yes", "new_value": "no"},
    ]


# ---- SME under both tests, VCSE -------------------------------------------------------------

SME_REGISTER = REGISTER_HEAD + "\n".join([
    "A,Edge Turnover Ltd,,,,249,\"44,000,000\",50000000,,,",    # PA: yes (turnover exactly £44m); EU: no
    "B,Two Fifty Ltd,,,,250,1000000,100000,,,",                # 250 staff: not an SME under either
    "C,Edge Balance Ltd,,,,10,45000000,38000000,,,",           # PA: yes (balance sheet exactly £38m); EU: no
    "D,Euro Edge Ltd,,,,10,42500000,99000000,,,",              # EU: yes (turnover exactly €50m × 0.85)
    "E,Unknown Size Ltd,,,,,1000000,,,,",                      # staff not known: not known
    "F,Half Known Ltd,,,,100,50000000,,,,",                    # over £44m, balance sheet not given: not known
    "V1,Preston Mediation,,,1234567,,,,,,",                     # charity number
    "V2,Chorley Community Cafe,,,,,,,CIC,,",                    # community interest company
    "V3,Fylde Food Co-op,,,,,,,Community Benefit Society,,",
    "V4,Plain Trading Ltd,,,,,,,,,",
]) + "\n"


@pytest.fixture
def sizes(fresh_db, tmp_path):
    load_file(write(tmp_path, "register.csv", SME_REGISTER), db=fresh_db, kind="suppliers")
    return fresh_db


def facts(db) -> dict:
    return {r: (pa, eu, v) for r, pa, eu, v in q(db, "SELECT supplier_ref, sme_pa2023, sme_eu, is_vcse FROM supplier_facts")}


def kept_is_the_views(db) -> None:
    """register_kept (what the supplier pages read) holds what the register views give now, both ways."""
    kept = q(db, "SELECT * FROM register_kept ORDER BY supplier_ref")
    assert kept and kept == q(db, sup._REGISTER_KEPT)


def test_sme_under_both_tests_at_the_edges(sizes):
    kept_is_the_views(sizes)
    f = facts(sizes)
    assert f["ID:A"][:2] == (True, False)
    assert f["ID:B"][:2] == (False, False)
    assert f["ID:C"][:2] == (True, False)
    assert f["ID:D"][:2] == (True, True)
    assert f["ID:E"][:2] == (None, None)
    assert f["ID:F"][:2] == (None, None)


def test_eu_thresholds_follow_the_exchange_rate(sizes):
    with store.write(sizes) as cur:
        cur.execute("UPDATE settings SET value = '0.90' WHERE name = 'gbp_per_eur'")  # €50m = £45m, €43m = £38.7m
    f = facts(sizes)
    assert f["ID:A"][1] is True and f["ID:C"][1] is True and f["ID:A"][0] is True
    kept_is_the_views(sizes)  # the euro rate moves what is kept
    assert q(sizes, "SELECT sme_eu FROM register_kept WHERE supplier_ref = 'ID:A'") == [(True,)]


def test_sme_test_setting_picks_the_column(sizes):
    cur = cur_of(sizes)
    assert sup.sme_test(cur) == "procurement_act_2023"
    assert sup.register_table(cur, "Edge Turnover").iloc[0]["sme"] == True  # noqa: E712
    sup.set_sme_test("eu_2003", db=sizes, set_by="Sam Staff")
    assert sup.sme_test(cur) == "eu_2003" and "Sam Staff" in sup.sme_test_note(cur)
    assert sup.register_table(cur, "Edge Turnover").iloc[0]["sme"] == False  # noqa: E712
    with pytest.raises(ValueError, match="unknown SME test"):
        sup.set_sme_test("made_up", db=sizes)


def test_staff_sme_answer_overrides_both_tests(sizes):
    sup.save_edits([{"supplier_ref": "ID:B", "name": "Two Fifty Ltd", "field": "is_sme", "old_value": "no",
                     "new_value": "yes"}], edited_by="Sam", db=sizes)
    assert facts(sizes)["ID:B"][:2] == (True, True)
    kept_is_the_views(sizes)


def test_vcse_from_charity_number_cic_society_or_flag(sizes):
    f = facts(sizes)
    assert f["ID:V1"][2] is True and f["ID:V2"][2] is True and f["ID:V3"][2] is True
    assert f["ID:V4"][2] is False
    sup.save_edits([{"supplier_ref": "ID:V4", "name": "Plain Trading Ltd", "field": "is_vcse", "new_value": "yes"}],
                   edited_by="Sam", db=sizes)
    assert facts(sizes)["ID:V4"][2] is True


# ---- where suppliers are: the "delivers locally" override -----------------------------------

def test_delivers_locally_moves_a_supplier_to_lancashire_with_its_reason(geo_db, tmp_path):
    load_file(write(tmp_path, "register.csv", REGISTER_HEAD + "\n".join([
        "L1,London Head Office Ltd,SW1A 1AA,,,,,,,yes,Depot and staff in Preston since 2019",
        "L2,Other London Ltd,SW1A 1AA,,,,,,,no,",
        "L3,Preston Firm Ltd,PR1 2HE,,,,,,,,",
    ]) + "\n"), db=geo_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "spend.csv", [("London Head Office Ltd", "L1", "", "100.00"),
                                                ("Other London Ltd", "L2", "", "40.00")]), db=geo_db)
    rings = dict(q(geo_db, "SELECT supplier_ref, ring FROM supplier_locations"))
    assert rings == {"ID:L1": "Lancashire", "ID:L2": "Rest of UK", "ID:L3": "Lancashire"}
    reason, = q(geo_db, "SELECT reason FROM supplier_locations WHERE supplier_ref = 'ID:L1'")[0]
    assert "delivers locally" in reason
    d = sup.supplier_detail(cur_of(geo_db), "ID:L1")["row"]
    assert d["delivers_locally_reason"] == "Depot and staff in Preston since 2019" and d["ring"] == "Lancashire"
    assert dict(q(geo_db, "SELECT supplier_name, ring FROM spend_located")) == {
        "London Head Office Ltd": "Lancashire", "Other London Ltd": "Rest of UK"}
    # staff set the override on the worklist, with the reason, and it moves the spend
    sup.save_edits([
        {"supplier_ref": "ID:L2", "name": "Other London Ltd", "field": "delivers_locally", "old_value": "no", "new_value": "yes"},
        {"supplier_ref": "ID:L2", "name": "Other London Ltd", "field": "delivers_locally_reason",
         "new_value": "Runs the custody suite contract from Blackpool"},
    ], edited_by="Sam Staff", db=geo_db)
    assert dict(q(geo_db, "SELECT supplier_name, ring FROM spend_located"))["Other London Ltd"] == "Lancashire"
    assert q(geo_db, "SELECT delivers_locally_reason FROM suppliers_current WHERE supplier_ref = 'ID:L2'") == [
        ("Runs the custody suite contract from Blackpool",)]
    kept_is_the_views(geo_db)
    assert sup.register_table(cur_of(geo_db)).set_index("supplier_ref").at["ID:L2", "ring"] == "Lancashire"


def test_worklist_lists_a_postcode_that_cannot_be_placed(geo_db, tmp_path):
    load_file(write(tmp_path, "register.csv", REGISTER_HEAD + "\n".join([
        "P1,Placed Ltd,PR1 2HE,,,5,1,,,,", "P2,Straddling Ltd,BD23,,,5,1,,,,", "P3,Nowhere Ltd,,,,5,1,,,,",
    ]) + "\n"), db=geo_db, kind="suppliers")
    load_file(spend_csv(tmp_path, "spend.csv", [("Placed Ltd", "P1", "", "10"), ("Straddling Ltd", "P2", "", "20"),
                                                ("Nowhere Ltd", "P3", "", "30")]), db=geo_db)
    wl = sup.worklist(cur_of(geo_db)).set_index("name")
    assert "Placed Ltd" not in wl.index
    assert wl.loc["Straddling Ltd", "needs_postcode"] and "straddles" in wl.loc["Straddling Ltd", "location_note"]
    assert wl.loc["Nowhere Ltd", "needs_postcode"]


def test_register_detail_has_provenance(matched):
    d = sup.supplier_detail(cur_of(matched), "ID:S4")
    assert d["provenance"]["file_name"] == "register.csv" and d["provenance"]["row_number"] == 5
    assert set(d["spend_names"]["spend_key"]) == {"SMITH PLUMBING", "JOHN SMITH"}
    assert list(d["spend_by_year"]["amount"]) == [D("1100.00")]
    assert sup.supplier_detail(cur_of(matched), "ID:NOPE") is None
    assert list(sup.register_table(cur_of(matched), "smith")["name"]) == [
        "John Smith T/A Smith Plumbing", "Smith & Jones Ltd"]


def test_a_legal_name_beside_a_trading_name_links_spend_under_either(fresh_db, tmp_path):
    """A register giving "Legal Name" | "Trading Name" (it was refused: which is the name?): the entry is
    "Legal T/A Trading", as registers write it, keyed by the legal name, and spend under either name
    links to it. A trading name that is the legal name again adds nothing; a "Trading Name" column
    alone is the name."""
    res = load_file(write(tmp_path, "register.csv", "Legal Name,Trading Name,Postcode\n"
                          "Bloggs Holdings Limited,Bloggs Fleet,PR1 1AA\n"
                          "Northern Uniforms Ltd,Northern Uniforms,M17 1AA\n"
                          "Preston Print Ltd,Preston Print,PR1 2AB\n"), db=fresh_db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    assert {k: v["column"] for k, v in res.as_json()["columns"].items()} == {
        "name": "Legal Name", "trading_name": "Trading Name", "postcode": "Postcode"}
    assert q(fresh_db, "SELECT name, supplier_key FROM supplier_register ORDER BY row_number") == [
        ("Bloggs Holdings Limited T/A Bloggs Fleet", "BLOGGS HOLDINGS"), ("Northern Uniforms Ltd", "NORTHERN UNIFORMS"),
        ("Preston Print Ltd", "PRESTON PRINT")]
    load_file(spend_csv(tmp_path, "spend.csv", [("Bloggs Fleet", "", "", "100.00"),
                                                ("BLOGGS HOLDINGS LTD", "", "", "200.00")]), db=fresh_db)
    got = links(fresh_db)
    assert got["BLOGGS FLEET"][1] == got["BLOGGS HOLDINGS"][1] == "name"
    assert got["BLOGGS FLEET"][0] == got["BLOGGS HOLDINGS"][0]
    res = load_file(write(tmp_path, "alone.csv", "Trading Name,Postcode\nAcme Fleet,PR1 1AA\nBolt Tyres,PR2 2BB\n"
                          "Cog Print,PR3 3CC\n"), db=fresh_db, kind="suppliers")
    assert res.rows_loaded == 3 and res.as_json()["columns"]["name"]["column"] == "Trading Name"
