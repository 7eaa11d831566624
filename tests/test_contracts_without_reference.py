"""A contract its register gives no reference (session 60's finding on hand-kept registers).

Hand-kept registers leave the reference blank for a contract let by quotation, or not numbered yet.
Such rows were quarantined as "no contract reference" (33 of 34 rows set aside across eight
registers a helper wrote), though their supplier and dates say what they cover, so the spend under
them was counted off contract. They are now kept (m175): the reference left empty, the contract
known by its title and start with its supplier, so that two such contracts with one supplier stay
two, and the same contract in the register's next version is the same contract.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib import store
from lib.filters import Filters
from lib.ingest import load_file
from lib.scorecard import contracts, spend

HEAD = "Ref,Contract,Supplier,Start Date,End Date,Total Value\n"
ROWS = ("ATC/01,Grounds maintenance,Greenway Landscapes Ltd,01/04/2023,31/03/2026,\"£45,000\"\n"
        ",Dog bin emptying,Westmarch District Council,01/04/2023,31/03/2024,\"£8,900\"\n"
        ",Litter picking,Westmarch District Council,01/06/2023,31/05/2024,\"£3,200\"\n"
        "TOTAL,,,,,\"£57,100\"\n")


def _register(db):
    cur = store.cursor(db)
    try:
        return contracts.contracts_register(cur)
    finally:
        cur.close()


def test_contracts_without_a_reference_are_kept_and_said(tmp_path, db):
    res = load_file(written(tmp_path / "Ashcombe TC contracts register.csv", HEAD + ROWS), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (3, 0, 1), res.problems[:3]
    note = next(w for w in res.warnings if "no 'Ref'" in w)
    assert note.startswith("2 entries give no 'Ref': kept without one, shown as —")
    assert "row 3 (Westmarch District Council)" in note and "row 4" in note
    reg = _register(db)
    assert len(reg) == 3 and reg["contract_id"].is_unique  # one supplier, two contracts: not merged
    blank = reg[reg["reference"].isna()].sort_values("start_date")
    assert list(blank["title"]) == ["Dog bin emptying", "Litter picking"]
    assert [Decimal(v) for v in blank["value"]] == [Decimal("8900.00"), Decimal("3200.00")]
    # found by title or supplier; the reference not given reads as such where one is picked
    assert list(contracts.find_contracts(reg, "litter")["title"]) == ["Litter picking"]
    assert len(contracts.find_contracts(reg, "westmarch")) == 2
    assert len(contracts.find_contracts(reg, "atc/")) == 1
    r = blank.iloc[0]
    assert contracts.contract_label(r["reference"], r["supplier_name"], r["title"]) == (
        "— · Westmarch District Council · Dog bin emptying")


def test_spend_under_a_contract_without_a_reference_is_on_contract(tmp_path, db):
    load_file(written(tmp_path / "register.csv", HEAD + ROWS), db=db, kind="contracts")
    spend_file = written(tmp_path / "spend_2023.csv", "Date,Supplier Name,Amount\n"
                         "15/05/2023,Westmarch District Council,1000.00\n"   # under the bin emptying
                         "15/05/2024,Westmarch District Council,400.00\n"    # under the litter picking alone
                         "15/07/2024,Westmarch District Council,250.00\n"    # after both ended
                         "15/05/2023,Greenway Landscapes Ltd,2000.00\n")
    assert load_file(spend_file, db=db).rows_loaded == 4
    assert q(db, "SELECT amount, covered_by IS NOT NULL FROM transactions ORDER BY row_number") == [
        (Decimal("1000.00"), True), (Decimal("400.00"), True), (Decimal("250.00"), False), (Decimal("2000.00"), True)]
    cur = store.cursor(db)
    try:
        facts = spend.spend_facts(cur, Filters())
    finally:
        cur.close()
    assert Decimal(str(facts["on_contract"].sum())) == Decimal("3400.00")


def test_the_registers_next_version_is_the_same_contracts(tmp_path, db):
    """A later version of the register, one contract added: the contracts without a reference are the
    same contracts (their value as the newer register gives it), not two of each."""
    load_file(written(tmp_path / "register v1.csv", HEAD + ROWS), db=db, kind="contracts")
    v2 = ROWS.replace('"£3,200"', '"£3,600"').replace("TOTAL", ",Hedge cutting,Greenway Landscapes Ltd,01/09/2023,"
                                                      "31/08/2024,\"£1,500\"\nTOTAL")
    res = load_file(written(tmp_path / "register v2.csv", HEAD + v2), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    reg = _register(db)
    assert len(reg) == 4
    assert sorted((t, Decimal(v)) for t, v in reg[reg["reference"].isna()][["title", "value"]].itertuples(index=False)) == [
        ("Dog bin emptying", Decimal("8900.00")), ("Hedge cutting", Decimal("1500.00")),
        ("Litter picking", Decimal("3600.00"))]


def test_a_row_with_no_reference_and_no_start_is_still_set_aside(tmp_path, db):
    """The supplier and the start say what a contract covers: without a start it covers nothing, and
    is quarantined saying so (the reference is not asked for)."""
    res = load_file(written(tmp_path / "register.csv", HEAD + ROWS.replace("01/06/2023", "")), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 1)
    assert [p["reason"] for p in res.problems] == ["no start date"]
    assert q(db, "SELECT count(*) FROM contracts WHERE start_date IS NULL") == [(0,)]
    assert dt.date(2023, 4, 1) in {d for (d,) in q(db, "SELECT start_date FROM contracts")}


def test_a_contract_without_a_reference_is_corrected_like_any_other(tmp_path, db):
    """Staff correct such a contract on the register page (by its contract id): the edit holds, and
    holds over the register's next version."""
    load_file(written(tmp_path / "register v1.csv", HEAD + ROWS), db=db, kind="contracts")
    reg = _register(db)
    cid = reg[(reg["title"] == "Litter picking")]["contract_id"].iloc[0]
    assert contracts.edit_contract(cid, {"end_date": "30/09/2024"}, "Jo Bloggs", "extended by letter", db=db) == 1
    load_file(written(tmp_path / "register v2.csv", HEAD + ROWS.replace("£57,100", "£57,100.00")), db=db,
              kind="contracts")
    reg = _register(db)
    assert len(reg) == 3
    assert reg[reg["title"] == "Litter picking"]["end_date"].iloc[0] == dt.date(2024, 9, 30)
