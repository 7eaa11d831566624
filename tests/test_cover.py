"""Each line's covering contract, stored (lib/cover.py): after every kind of change that can move
it, the stored answer equals the rule computed afresh, and the measures read the same figures
from either.

Files go through the real loaders; the changes are the ones staff make: spend, a contracts
register, a supplier register that links a second spelling, a contract edit, an accepted fuzzy
match, a new collaborative route, a batch removed, and a store written outside lib.store.write.
"""
from __future__ import annotations

from decimal import Decimal as D

import pandas as pd
import pytest

from lib import cover, filters, store
from lib.filters import Filters
from lib.ingest import load_file, remove_batch
from lib.suppliers import decide_match
from lib.scorecard import card, contracts, spend

SPEND_HEAD = "Date,Supplier Name,Supplier ID,Amount,Department,Transaction Reference,Description\n"


def matched(cur) -> dict:
    """{(batch, sheet, row): contract_id or None} by the rule, computed afresh for every line."""
    sql = ("WITH " + cover.MATCH_CTES.format(where="TRUE", located_cols="", lines_from="transactions",
                                              contracts="contracts_current")
           + " SELECT l.batch_id, l.sheet, l.row_number, cc.contract_id FROM lines l "
             "LEFT JOIN cc ON cc.cover_rank = l.cover_rank")
    return {(b, s, r): c for b, s, r, c in cur.execute(sql).fetchall()}


def stored(cur) -> dict:
    return {(b, s, r): c for b, s, r, c in
            cur.execute("SELECT batch_id, sheet, row_number, covered_by FROM transactions").fetchall()}


def check(db) -> dict:
    """The stored answer is fresh and equals the rule; the measures agree read either way.
    Returns the stored answer."""
    cur = store.cursor(db)
    try:
        assert cover.is_fresh(cur)
        now = stored(cur)
        assert now == matched(cur)
        fast = spend.spend_facts(cur, Filters())
        fast_review = contracts.review_list(cur, Filters())
        fast_burn = contracts.contract_burn(cur, filters.fy_end("2020/21"))
        cur.execute("UPDATE cover_state SET inputs = 'out of date'")  # readers must not trust it now
        assert not cover.is_fresh(cur)
        pd_eq(fast, spend.spend_facts(cur, Filters()))
        pd_eq(fast_review, contracts.review_list(cur, Filters()))
        pd_eq(fast_burn, contracts.contract_burn(cur, filters.fy_end("2020/21")))
        return now
    finally:
        cur.close()
        with store.write(db):  # refreshes: nothing changed, so the state is simply restamped
            pass


def pd_eq(a, b) -> None:
    pd.testing.assert_frame_equal(a, b)  # NaN (no time elapsed on an open-ended contract) equals NaN


@pytest.fixture
def db(fresh_db):
    return fresh_db


def write(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text)
    return f


def test_stored_cover_follows_every_change(tmp_path, db):
    s1 = load_file(write(tmp_path, "spend_2019.csv", SPEND_HEAD +
                         "10/05/2019,Acme Ltd,S1,1000.00,Operations,,Vans\n"
                         "15/07/2019,ACME LIMITED,,2000.00,Operations,,Vans\n"
                         "01/08/2019,Acme Ltd,S1,-500.00,Operations,,Credit note\n"
                         "01/10/2019,Beta Supplies & Co,,1500.00,Estates,,Gas\n"
                         "15/01/2020,Delta Services,,600.00,HQ,REF-77,Advice\n"
                         "01/02/2020,Delta Services,,900.00,HQ,,Work under ref-77 call-off\n"
                         "20/03/2020,Delta Services,,1100.00,HQ,,Advice\n"), db=db)
    assert set(check(db).values()) == {None}  # no register yet: nothing covered

    c = load_file(write(tmp_path, "contracts.csv",
                        "Contract Reference,Title,Supplier ID,Supplier Name,Start Date,End Date,Contract Value,"
                        "Route to Market,Collaborative\n"
                        "LC-001,Vans,S1,Acme Ltd,01/04/2019,30/09/2019,10000,ESPO,\n"
                        "LC-002,Vans,,Acme Ltd,01/06/2019,31/05/2020,20000,Own tender,No\n"
                        "LC-003,Gas,,Beta Supplies,01/04/2019,,5000,Crown Commercial Service,\n"
                        "REF-77,Advice,,Omega Consulting,01/04/2019,31/03/2020,4000,Own tender,No\n"), db=db,
                  kind="contracts")
    now = check(db)
    by_row = {r: cid for (_, _, r), cid in now.items()}
    assert by_row[2].startswith("LC-001") and by_row[3].startswith("LC-001")  # two cover it: ESPO first
    assert by_row[6].startswith("REF-77") and by_row[7].startswith("REF-77")  # the reference quoted
    assert by_row[5] is None and by_row[8] is None  # another spelling, not linked yet; no reference

    s2 = load_file(write(tmp_path, "spend_2020.csv", SPEND_HEAD +
                         "10/04/2020,Acme Ltd,S1,5000.00,Operations,,Vans\n"
                         "01/06/2020,Acme Ltd,S1,800.00,Operations,,Vans\n"), db=db)
    now = check(db)
    assert [now[(s2.batch_id, "", r)] is not None for r in (2, 3)] == [True, False]  # LC-002 ended 31 May

    # A supplier register whose Beta Supplies is the same firm as the contract's: linked by name.
    load_file(write(tmp_path, "suppliers.csv", "Supplier ID,Supplier Name,Postcode\nS1,Acme Ltd,PR1 2HE\n"
                    ",Beta Supplies,M1 1AA\n"), db=db, kind="suppliers")
    check(db)
    # "Beta Supplies & Co" becomes Beta Supplies by an accepted match: its line is now covered.
    cur = store.cursor(db)
    ref = cur.execute("SELECT supplier_ref FROM suppliers_current WHERE name = 'Beta Supplies'").fetchone()[0]
    key = cur.execute("SELECT supplier_key FROM transactions WHERE row_number = 5 AND batch_id = ?",
                      [s1.batch_id]).fetchone()[0]
    decide_match(key, ref, "accept", "Reviewer", db=db)
    now = check(db)
    assert now[(s1.batch_id, "", 5)].startswith("LC-003")

    # A staff edit extends LC-002: the June 2020 line is now on contract.
    cid = cur.execute("SELECT contract_id FROM contracts_current WHERE reference = 'LC-002'").fetchone()[0]
    contracts.edit_contract(cid, {"end_date": "30/06/2020"}, edited_by="Buyer", db=db)
    assert check(db)[(s2.batch_id, "", 3)] == cid

    # A new collaborative route reorders contracts: LC-002's own tender now ranks with the collaborative.
    with store.write(db) as w:
        w.execute("INSERT INTO collaborative_routes VALUES ('own tender', 'Own tender (joint)', 'test')")
    now = check(db)
    assert now[(s1.batch_id, "", 3)] == cid  # both cover 15 July 2019; LC-002 started later, so it wins now

    # Remove the 2019 file, then the register: the rest stays right.
    remove_batch(s1.batch_id, db=db)
    check(db)
    remove_batch(c.batch_id, db=db)
    assert set(check(db).values()) == {None}
    cur.close()


def test_a_store_written_outside_store_write_is_not_trusted_then_repaired(tmp_path, db):
    load_file(write(tmp_path, "contracts.csv",
                    "Contract Reference,Title,Supplier Name,Start Date,End Date,Contract Value\n"
                    "K1,Fuel,Fuel Co,01/04/2019,31/03/2021,100\n"), db=db, kind="contracts")
    load_file(write(tmp_path, "spend.csv", SPEND_HEAD + "10/05/2019,Fuel Co,,250.00,Fleet,,Diesel\n"), db=db)
    cur = store.cursor(db)
    # As an older release (or a hand-written script) would leave it: answers missing, inputs unknown.
    cur.execute("UPDATE transactions SET covered_by = NULL")
    cur.execute("UPDATE cover_state SET inputs = NULL")
    assert not cover.is_fresh(cur)
    assert spend.on_contract_pct(cur, "2019/20")["numerator"] == D("250.00")  # computed afresh
    cur.close()
    store.close(db)
    cur = store.cursor(db)  # opening the store brings it up to date
    assert cover.is_fresh(cur)
    assert cur.execute("SELECT covered_by FROM transactions").fetchone()[0].startswith("K1")
    assert spend.on_contract_pct(cur, "2019/20")["numerator"] == D("250.00")
    # The register emptied behind the store's back: on opening, no line keeps a contract.
    cur.execute("DELETE FROM contracts")
    cur.execute("UPDATE cover_state SET inputs = NULL")
    cur.close()
    store.close(db)
    cur = store.cursor(db)
    assert cur.execute("SELECT covered_by FROM transactions").fetchall() == [(None,)]
    assert spend.on_contract_pct(cur, "2019/20")["numerator"] == D("0.00")
    cur.close()


def test_demo_store_stored_cover_equals_the_rule(demo_db):
    cur = store.cursor(demo_db)
    assert cover.is_fresh(cur)
    now = stored(cur)
    assert now == matched(cur)
    assert sum(c is not None for c in now.values()) > len(now) // 2
    fast = card.scorecard(cur, "2019/20")
    cur.execute("UPDATE cover_state SET inputs = 'out of date'")
    slow = card.scorecard(cur, "2019/20")
    for m in fast["measures"]:
        assert fast["measures"][m]["value"] == slow["measures"][m]["value"], m
        assert fast["measures"][m]["numerator"] == slow["measures"][m]["numerator"], m
    cur.close()
