"""The scorecard measures against a small force worked by hand.

The force (two years of spend, a supplier register with postcodes, five contracts, four savings,
a match decision and the postcode reference) is written out below with every figure worked by
hand in the comments; each measure's numerator and denominator are checked, then the kpis command
as a subprocess, targets by year, contract edits and the exports. The force loads its parts one
write at a time, the postcode reference last; the same figures come out in any other order.
"""
from __future__ import annotations

import io
import itertools
import json
import random
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from lib import export, store
from lib.filters import Filters
from lib.scorecard import card, contracts, drill, registers, spend, targets
from lib.scorecard.card import scorecard

ROOT = Path(__file__).resolve().parent.parent

# Register suppliers: (supplier_id, name, employees, turnover, charity_number, postcode): ring
REGISTER = [
    ("S1", "Acme Ltd", 50, "1000000", None, "PR1 2HE"),          # Lancashire (Preston); SME
    (None, "Beta Supplies", 500, "90000000", None, "WN5 0AA"),    # North West (Wigan); not SME; ref KEY:BETA SUPPLIES
    ("S3", "Gamma Charity", 10, "500000", "123456", "SW1A 1AA"),  # Rest of UK (Westminster); SME and VCSE
]
# Delta Services is not in the register: location, SME and VCSE unknown.

# Contracts: (reference, supplier_id, supplier_name, start, end, value, route, collaborative, quality, social value)
CONTRACTS = [
    ("LC-001", "S1", "Acme Ltd", "2019-04-01", "2019-09-30", "10000", "ESPO", None, "60", "5"),
    ("LC-002", None, "ACME LIMITED", "2019-06-01", "2020-05-31", "20000", "Own tender", False, "50", "0"),
    ("LC-003", None, "Beta Supplies", "2019-04-01", None, "5000", "Crown Commercial Service", None, None, None),
    ("LC-004", "S3", "Gamma Charity", "2018-01-01", "2019-03-31", "3000", "Direct award", False, None, None),
    ("REF-77", None, "Omega Consulting", "2019-04-01", "2020-03-31", "4000", "Own tender", False, "40", "2.5"),
]

# Spend: (row, payment_date, period_start, amount, supplier_name, supplier_id, department, transaction_ref, description)
SPEND = [
    (2, "2019-05-10", None, "1000.00", "Acme Ltd", "S1", "Operations", None, "Vans"),        # LC-001 only: on, ESPO
    (3, "2019-07-15", None, "2000.00", "ACME LIMITED", None, "Operations", None, "Vans"),    # LC-001 and LC-002: once, ESPO
    (4, "2019-08-01", None, "-500.00", "Acme Ltd", "S1", "Operations", None, "Credit note"),  # credit, both: on, ESPO
    (5, "2019-09-30", None, "300.00", "Acme Ltd", "S1", "Estates", None, "Repairs"),        # LC-001's end date: on, ESPO
    (6, "2019-10-01", None, "400.00", "Acme Ltd", "S1", "Estates", None, "Repairs"),        # day after LC-001: LC-002, own tender
    (7, "2019-11-11", None, "1500.00", "Beta Supplies & Co", None, "Estates", None, "Gas"),  # other spelling, linked: LC-003
    (8, "2019-12-01", None, "250.00", "Beta Supplies", None, "Estates", None, "Gas"),       # LC-003 (open-ended)
    (9, "2020-01-15", None, "600.00", "Delta Services", None, "HQ", "REF-77", "Advice"),    # quotes REF-77 as its ref: on
    (10, "2020-02-01", None, "900.00", "Delta Services", None, "HQ", None, "Work under ref-77 call-off"),  # in description
    (11, "2020-03-20", None, "1100.00", "Delta Services", None, "HQ", None, "=SUM(A1)"),     # off
    (12, None, "2020-03-01", "200.00", "REDACTED PERSONAL DATA", None, "HQ", None, "@interpreter"),  # period only: off
    (13, "2019-04-01", None, "700.00", "Gamma Charity", "S3", "HQ", None, "+44 helpline"),  # day after LC-004: off
    # 2020/21
    (14, "2020-04-10", None, "5000.00", "Acme Ltd", "S1", "Operations", None, "Vans"),      # LC-002: on, own tender
    (15, "2020-06-01", None, "800.00", "Acme Ltd", "S1", "Operations", None, "Vans"),       # day after LC-002: off
]

# Hand-worked 2019/20 (rows 2-13):
TOTAL = D("8450.00")        # 1000+2000-500+300+400+1500+250+600+900+1100+200+700
ON = D("6450.00")           # rows 2-10
OFF = D("2000.00")          # rows 11, 12, 13
COLLAB = D("4550.00")       # ESPO 2800 (rows 2-5) + Crown Commercial Service 1750 (rows 7, 8)
LOCAL = D("3200.00")        # Acme, rows 2-6
NORTH_WEST = D("4950.00")   # Acme 3200 + Beta 1750
UNKNOWN = D("2800.00")      # Delta 2600 + redacted 200
SME = D("3900.00")          # Acme 3200 + Gamma 700
VCSE = D("700.00")          # Gamma
# Savings 2019/20: 1000 (cashable, May) + 500 (non-cashable, Nov) + 250.50 (cashable, no date: March)
SAVINGS = [("P1", "2019/20", "Cashable", "1000.00", "2019-05-10"), ("P2", "2019/20", "Non-cashable", "500.00", "2019-11-02"),
           ("P3", "2019/20", "Cashable", "250.50", None), ("P4", "2020/21", "Cashable", "999.99", "2020-07-01")]


def _spend(cur) -> None:
    cur.execute("INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines) VALUES (1, 'spend', 'small_spend.csv', 'a', 14, 14, 0, 0)")
    for row, pay, period, amount, name, sid, dept, tref, desc in SPEND:
        ps = pay or period
        cur.execute("INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start, "
                    "amount, supplier_name, supplier_key, is_redacted, supplier_id, department, transaction_ref, "
                    "description) VALUES (1, '', ?, ?, ?, fy_label(fy_start_of(?::DATE)), fy_start_of(?::DATE), ?, ?, "
                    "supplier_key(?), is_redacted_name(?), ?, ?, ?, ?)",
                    [row, pay, ps, ps, ps, D(amount), name, name, name, sid, dept, tref, desc])


def _register(cur) -> None:
    cur.execute("INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines) VALUES (2, 'suppliers', 'register.xlsx', 'b', 3, 3, 0, 0)")
    for i, (sid, name, emp, turnover, charity, postcode) in enumerate(REGISTER):
        cur.execute("INSERT INTO supplier_register (batch_id, sheet, row_number, supplier_id, name, supplier_key, "
                    "employees, turnover, charity_number, postcode) VALUES (2, 'Suppliers', ?, ?, ?, supplier_key(?), "
                    "?, ?, ?, ?)", [i + 2, sid, name, name, emp, D(turnover), charity, postcode])


def _contracts(cur) -> None:
    cur.execute("INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines) VALUES (3, 'contracts', 'contracts.xlsx', 'c', 5, 5, 0, 0)")
    for i, (ref, sid, name, start, end, value, route, collab, q, sv) in enumerate(CONTRACTS):
        cur.execute("INSERT INTO contracts (batch_id, sheet, row_number, reference, supplier_id, supplier_name, "
                    "supplier_key, start_date, end_date, value, route, collaborative, quality_pct, social_value_pct, title) "
                    "VALUES (3, 'Register', ?, ?, ?, ?, supplier_key(?), ?, ?, ?, ?, ?, ?, ?, ?)",
                    [i + 2, ref, sid, name, name, start, end, D(value), route, collab,
                     None if q is None else D(q), None if sv is None else D(sv), f"Contract {ref}"])


def _savings(cur) -> None:
    cur.execute("INSERT INTO batches (batch_id, kind, file_name, file_sha256, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines) VALUES (4, 'savings', 'savings.csv', 'd', 4, 4, 0, 0)")
    for i, (project, fy, kind, amount, rec) in enumerate(SAVINGS):
        cur.execute("INSERT INTO savings (batch_id, sheet, row_number, project, fy, saving_type, amount, recorded_on) "
                    "VALUES (4, '', ?, ?, ?, ?, ?, ?)", [i + 2, project, fy, kind, D(amount), rec])


def _decision(cur) -> None:
    # "Beta Supplies & Co" is Beta Supplies: a reviewer accepted the fuzzy match.
    cur.execute("INSERT INTO match_decisions (spend_key, supplier_ref, decision, decided_by) "
                "VALUES (supplier_key('Beta Supplies & Co'), 'KEY:BETA SUPPLIES', 'accept', 'tester')")


PARTS = {"spend": _spend, "register": _register, "contracts": _contracts, "savings": _savings,
         "decision": _decision, "reference": None}
# The order staff loaded it in when the figures came out wrong: the postcode reference last.
ORDER = ("register", "contracts", "savings", "spend", "decision", "reference")


def load_force(path, subset, order=ORDER) -> None:
    """Write the force above into a migrated store, one write a part, in ``order``. Links, rings
    and covering contracts are the app's own (lib.derived); the reference is built from ``subset``
    (a Code-Point Open zip of the postcodes used) by the code `postcode --build` runs."""
    from lib.geo.postcodes import build_reference

    for part in order:
        if part == "reference":
            build_reference(path, source=subset)
            continue
        with store.write(path) as cur:
            PARTS[part](cur)


@pytest.fixture
def force(fresh_db, codepoint_subset):
    load_force(fresh_db, codepoint_subset)
    return fresh_db


@pytest.fixture
def cur(force):
    c = store.cursor(force)
    yield c
    c.close()


def test_links_join_both_spellings(cur):
    links = dict(cur.execute("SELECT spend_key, supplier_ref FROM supplier_links").fetchall())
    assert links["ACME"] == "ID:S1"
    assert links["BETA SUPPLIES AND CO"] == "KEY:BETA SUPPLIES"


def test_on_contract_numerator_and_denominator(cur):
    m = spend.on_contract_pct(cur, "2019/20")
    assert (m["numerator"], m["denominator"]) == (ON, TOTAL)
    assert m["value"] == D("76.33")  # 6450 / 8450
    assert m["target"] == D("92") and m["status"] == "not met" and m["rule"].startswith("≥ 92.00%: met")


def test_each_line_counted_once_and_where(cur):
    rows = drill.drill_rows(cur, "on_contract_pct", "2019/20")
    assert sorted(rows["row_number"]) == [2, 3, 4, 5, 6, 7, 8, 9, 10]  # one row each, never twice
    assert sum(rows["amount"]) == ON
    by_row = dict(zip(rows["row_number"], rows["contract_reference"]))
    assert by_row[3] == "LC-001"   # two contracts: the collaborative one
    assert by_row[5] == "LC-001"   # on the end date: on
    assert by_row[6] == "LC-002"   # the day after LC-001 ended: the other contract
    assert by_row[7] == "LC-003"   # the other spelling, through the register link
    assert by_row[9] == "REF-77" and by_row[10] == "REF-77"  # the reference quoted
    off = drill.drill_rows(cur, "on_contract_pct", "2019/20", part="off")
    assert sorted(off["row_number"]) == [11, 12, 13] and sum(off["amount"]) == OFF
    assert {"file_name", "sheet", "row_number", "batch_id"} <= set(off.columns)
    assert set(off["file_name"]) == {"small_spend.csv"}


def test_collaborative_by_route(cur):
    m = spend.collaborative_pct(cur, "2019/20")
    assert (m["numerator"], m["denominator"], m["value"]) == (COLLAB, TOTAL, D("53.85"))
    routes = contracts.collaborative_by_route(cur, Filters(fy="2019/20"))
    got = dict(zip(routes["route"], routes["amount"]))
    assert got == {"ESPO": D("2800.00"), "Crown Commercial Service": D("1750.00"), "Own tender": D("1900.00"),
                   "Off contract": OFF}
    assert sum(routes["amount"]) == TOTAL
    lines = drill.drill_rows(cur, "route", "2019/20", args=("ESPO",))
    assert sorted(lines["row_number"]) == [2, 3, 4, 5]


def test_location_measures(cur):
    for fn, num, value in ((spend.local_pct, LOCAL, "37.87"), (spend.north_west_pct, NORTH_WEST, "58.58"),
                           (spend.unknown_location_pct, UNKNOWN, "33.14")):
        m = fn(cur, "2019/20")
        assert (m["numerator"], m["denominator"], m["value"]) == (num, TOTAL, D(value)), m["measure"]
    assert spend.unknown_location_pct(cur, "2019/20")["status"] == "not met"  # at most 5%
    assert spend.unknown_location_pct(cur, "2019/20")["rule"].startswith("≤ 5.00%")


def test_sme_and_vcse(cur):
    m = spend.sme_pct(cur, "2019/20")
    assert (m["numerator"], m["denominator"], m["value"]) == (SME, TOTAL, D("46.15"))
    assert "Procurement Act 2023" in m["sme_test_label"] and m["status"] == "no target"
    assert m["not_known"] == UNKNOWN  # Delta and the redacted line
    v = spend.vcse_pct(cur, "2019/20")
    assert (v["numerator"], v["denominator"], v["value"]) == (VCSE, TOTAL, D("8.28"))


def test_another_year_is_apart(cur):
    m = spend.on_contract_pct(cur, "2020/21")
    assert (m["numerator"], m["denominator"], m["value"]) == (D("5000.00"), D("5800.00"), D("86.21"))
    off = drill.drill_rows(cur, "on_contract_pct", "2020/21", part="off")
    assert list(off["row_number"]) == [15]  # the day after LC-002 ended
    assert spend.collaborative_pct(cur, "2020/21")["numerator"] == D("0")


def test_filters_narrow_a_spend_measure(cur):
    m = spend.on_contract_pct(cur, "2019/20", Filters(departments=("HQ",)))
    # HQ: 600 + 900 on; 1100 + 200 + 700 off
    assert (m["numerator"], m["denominator"]) == (D("1500.00"), D("3500.00"))


def test_savings(cur):
    m = registers.savings(cur, "2019/20")
    assert m["value"] == m["numerator"] == D("1750.50") and m["denominator"] is None
    assert m["cashable"] == D("1250.50") and m["non_cashable"] == D("500.00")
    assert m["status"] == "not met" and m["target"] == D("1700000")
    cum = registers.savings_cumulative(cur, "2019/20")
    assert len(cum) == 12
    by = dict(zip(cum["month"].astype(str), cum["cumulative"]))
    assert by["2019-04-01"] == D("0") and by["2019-05-01"] == D("1000.00")
    assert by["2019-11-01"] == D("1500.00") and by["2020-03-01"] == D("1750.50")
    assert cum["cumulative_cashable"].iloc[-1] == D("1250.50")


def test_social_value(cur):
    m = registers.social_value_pct(cur, "2019/20")
    # starting in 2019/20: LC-001 (5%), LC-002 (0%), LC-003 (none recorded), REF-77 (2.5%, exactly the minimum)
    assert (m["numerator"], m["denominator"], m["value"]) == (2, 4, D("50.00"))
    listed = registers.social_value_contracts(cur, "2019/20")
    below = listed[~listed["meets"]]
    assert sorted(below["reference"]) == ["LC-002", "LC-003"]
    assert "no social value weighting" in below.set_index("reference").at["LC-003", "reason"]


def test_contracts_live_expiring_and_burn(cur):
    import datetime as dt

    assert contracts.contracts_live(cur, "2019/20")["contracts"] == 4  # LC-004 ended 31/03/2019
    exp = contracts.contracts_expiring(cur, dt.date(2019, 6, 15))
    assert list(exp["reference"]) == ["LC-001"] and exp["days_left"].iloc[0] == 107
    burn = contracts.contract_burn(cur, dt.date(2020, 3, 31)).set_index("reference")
    assert burn.at["LC-001", "spend"] == D("2800.00")   # 1000 + 2000 - 500 + 300
    assert burn.at["LC-002", "spend"] == D("400.00")    # row 6 (rows 3-5 count under LC-001)
    assert burn.at["LC-001", "time_pct"] == pytest.approx(100.0)
    assert burn.at["LC-001", "spend_pct"] == pytest.approx(28.0)


def test_review_list_largest_first(cur):
    rl = contracts.review_list(cur, Filters(fy="2019/20"))
    assert list(zip(rl["supplier_name"], rl["department"], rl["amount"])) == [
        ("Delta Services", "HQ", D("1100.00")), ("Gamma Charity", "HQ", D("700.00")),
        ("REDACTED PERSONAL DATA", "HQ", D("200.00"))]
    assert sum(rl["amount"]) == OFF


def test_scorecard_change_and_trend(cur):
    card = scorecard(cur, "2020/21")
    m = card["measures"]["on_contract_pct"]
    assert m["previous"] == D("76.33") and m["change"] == D("86.21") - D("76.33")
    assert m["trend"] == [("2019/20", D("76.33")), ("2020/21", D("86.21"))]
    assert card["total_spend"] == D("5800.00")


def test_targets_by_year_do_not_rewrite_earlier_years(force, cur):
    targets.set_target("on_contract_pct", "2020/21", 95, set_by="Head of Procurement")
    assert targets.target_for(cur, "on_contract_pct", "2019/20")["value"] == D("92")
    assert targets.target_for(cur, "on_contract_pct", "2020/21")["value"] == D("95")
    assert targets.target_for(cur, "on_contract_pct", "2024/25")["value"] == D("95")
    assert spend.on_contract_pct(cur, "2019/20")["target"] == D("92")
    assert spend.on_contract_pct(cur, "2020/21")["status"] == "not met"
    targets.set_target("on_contract_pct", "2020/21", 85, set_by="Head of Procurement")
    assert spend.on_contract_pct(cur, "2020/21")["status"] == "met"
    assert targets.target_for(cur, "on_contract_pct", "2019/20")["value"] == D("92")
    log = targets.target_changes(cur)
    mine = log[log["set_by"] == "Head of Procurement"]
    assert list(mine["value"]) == [D("85"), D("95")] and mine["old_value"].iloc[0] == D("95")
    with pytest.raises(ValueError):
        targets.set_target("on_contract_pct", "2020/21", 90, set_by="")
    with pytest.raises(ValueError):
        targets.set_target("nonsense", "2020/21", 90, set_by="x")


def test_contract_edit_applies_with_audit(force, cur):
    cid = cur.execute("SELECT contract_id FROM contracts_current WHERE reference = 'LC-002'").fetchone()[0]
    n = contracts.edit_contract(cid, {"end_date": "30/06/2020", "route": "YPO"}, edited_by="Buyer", reason="extended")
    assert n == 2
    m = spend.on_contract_pct(cur, "2020/21")
    assert m["numerator"] == D("5800.00")  # row 15 (1 June 2020) now inside the extension
    assert spend.collaborative_pct(cur, "2020/21")["numerator"] == D("5800.00")  # YPO is collaborative
    hist = contracts.contract_edit_history(cur, cid)
    assert set(hist["field"]) == {"end_date", "route"}
    assert hist.set_index("field").at["end_date", "old_value"] == "2020-05-31"
    assert set(hist["edited_by"]) == {"Buyer"}
    # 2019/20: row 6 now counts under LC-002 as YPO, so collaborative gains it
    assert spend.collaborative_pct(cur, "2019/20")["numerator"] == COLLAB + D("400.00")
    contracts.edit_contract(cid, {"end_date": ""}, edited_by="Buyer")  # open-ended
    assert cur.execute("SELECT end_date FROM contracts_current WHERE contract_id = ?", [cid]).fetchone()[0] is None
    with pytest.raises(ValueError):
        contracts.edit_contract(cid, {"end_date": "31/02/2020"}, edited_by="Buyer")
    with pytest.raises(ValueError):
        contracts.edit_contract(cid, {"title": "x"}, edited_by="Buyer")


def test_exports_neutralise_formulas(cur):
    rows = drill.drill_rows(cur, "on_contract_pct", "2019/20", part="off")
    csv_text = export.to_csv(rows).decode("utf-8-sig")
    assert "'=SUM(A1)" in csv_text and "'@interpreter" in csv_text and "'+44 helpline" in csv_text
    assert ",=SUM" not in csv_text
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.to_xlsx(rows, "Off contract")))
    ws = wb["Off contract"]
    texts = [c.value for r in ws.iter_rows(min_row=2) for c in r if isinstance(c.value, str)]
    assert "'=SUM(A1)" in texts and "'@interpreter" in texts
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)
    header = [c.value for c in ws[1]]
    amounts = [r[header.index("amount")].value for r in ws.iter_rows(min_row=2)]
    assert sum(D(str(a)) for a in amounts) == OFF


def test_kpis_cli_prints_one_json_object(force):
    store.close(force)  # DuckDB lets one process hold the file
    out = subprocess.run([sys.executable, "-m", "lib.cli", "kpis", "--fy", "2019/20", "--db", str(force)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # nothing missing: no warning
    data = json.loads(out.stdout)
    assert set(data) == {"fy", "total_spend", "measures", "bodies"}
    assert data["bodies"][0] == "Lancashire Constabulary"  # whose figures: the store's own bodies, default first
    assert data["fy"] == "2019/20" and data["total_spend"] == "8450.00"
    m = data["measures"]
    assert list(m) == ["on_contract_pct", "collaborative_pct", "local_pct", "north_west_pct", "unknown_location_pct",
                       "sme_pct", "vcse_pct", "savings", "social_value_pct"]
    assert m["on_contract_pct"] == {"value": 76.33, "target": 92.0, "status": "not met",
                                    "numerator": "6450.00", "denominator": "8450.00", "reason": None}
    assert m["collaborative_pct"]["value"] == 53.85 and m["collaborative_pct"]["numerator"] == "4550.00"
    assert m["local_pct"]["value"] == 37.87 and m["north_west_pct"]["value"] == 58.58
    assert m["unknown_location_pct"] == {"value": 33.14, "target": 5.0, "status": "not met",
                                         "numerator": "2800.00", "denominator": "8450.00", "reason": None}
    assert m["sme_pct"]["value"] == 46.15 and m["sme_pct"]["target"] is None and m["sme_pct"]["status"] == "no target"
    assert m["vcse_pct"]["numerator"] == "700.00"
    assert m["savings"] == {"value": "1750.50", "target": "1700000.00", "status": "not met",
                            "numerator": "1750.50", "denominator": None, "reason": None}
    assert m["social_value_pct"] == {"value": 50.0, "target": 100.0, "status": "not met",
                                     "numerator": 2, "denominator": 4, "reason": None}
    bad = subprocess.run([sys.executable, "-m", "lib.cli", "kpis", "--fy", "2019", "--db", str(force)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "financial year" in bad.stderr


def test_a_figure_missing_its_reference_data_says_so(fresh_db, capsys):
    """The force without its postcode reference, then without its registers: the figures that need
    them are 'no data' with the reason, in the scorecard and as a warning line from kpis; never a
    silent 0% or 100%."""
    from lib import cli

    load_force(fresh_db, None, [p for p in ORDER if p != "reference"])
    cur = store.cursor(fresh_db)
    m = card.scorecard(cur, "2019/20")["measures"]
    for key in ("local_pct", "north_west_pct", "unknown_location_pct"):
        assert m[key]["value"] is None and m[key]["status"] == "no data", key
        assert "postcode reference is not built" in m[key]["reason"] and m[key]["rule"].startswith("no data: ")
    assert m["sme_pct"]["value"] == D("46.15") and m["sme_pct"]["reason"] is None  # needs no reference
    cur.close()
    assert cli.main(["kpis", "--fy", "2019/20", "--db", str(fresh_db)]) == 0
    out, err = capsys.readouterr()
    k = json.loads(out)["measures"]
    assert k["local_pct"]["value"] is None and k["local_pct"]["status"] == "no data"
    assert "postcode --build" in k["local_pct"]["reason"]
    assert [line.split(":")[0] for line in err.splitlines()] == ["warning"] * 3
    assert {line.split()[1] for line in err.splitlines()} == {"local_pct", "north_west_pct", "unknown_location_pct"}
    # No registers at all: what needs each one says which is missing; spend alone still has its total.
    with store.write(fresh_db) as w:
        for table in ("supplier_register", "contracts", "savings", "match_decisions"):
            w.execute("DELETE FROM " + table)
        w.execute("DELETE FROM batches WHERE batch_id > 1")
    assert cli.main(["kpis", "--fy", "2019/20", "--db", str(fresh_db)]) == 0
    out, err = capsys.readouterr()
    k = json.loads(out)
    assert k["total_spend"] == "8450.00"
    missing = {key: v["reason"] for key, v in k["measures"].items() if v["status"] == "no data"}
    assert set(missing) == set(k["measures"])  # every measure needs a register
    assert "no supplier register" in missing["local_pct"] and "no supplier register" in missing["sme_pct"]
    assert "no contracts register" in missing["on_contract_pct"] and "no contracts register" in missing[
        "social_value_pct"]
    assert "no savings register" in missing["savings"]
    assert len(err.splitlines()) == 9


def test_collaborative_routes_are_data(force, cur):
    with store.write(force) as w:
        w.execute("INSERT INTO collaborative_routes VALUES ('own tender', 'Own tender (joint)', 'test')")
    assert spend.collaborative_pct(cur, "2019/20")["numerator"] == ON


def test_unknown_part_is_refused(cur):
    with pytest.raises(ValueError):
        drill.drill_rows(cur, "no such thing", "2019/20")
    with pytest.raises(ValueError):
        drill.drill_rows(cur, "route", "2019/20")  # a route needs its name


# ---- the same figures whatever order the force arrives in ----------------------------------------

def _figures(path) -> dict:
    """Everything the scorecard says of both years, and what it rests on: each line's contract,
    each spend name's register supplier, each register supplier's ring."""
    cur = store.cursor(path)
    try:
        return {
            "kpis": [card.kpis(cur, fy) for fy in ("2019/20", "2020/21")],
            "cover": cur.execute("SELECT row_number, covered_by FROM transactions ORDER BY row_number").fetchall(),
            "links": cur.execute("SELECT spend_key, supplier_ref, method FROM supplier_links ORDER BY 1").fetchall(),
            "rings": cur.execute("SELECT supplier_ref, ring, district_code FROM supplier_locations ORDER BY 1").fetchall(),
        }
    finally:
        cur.close()


@pytest.fixture(scope="module")
def figures_in_order(tmp_path_factory, codepoint_subset):
    """The figures of the force loaded in ORDER (its own store, kept for the module)."""
    path = tmp_path_factory.mktemp("order") / "force.duckdb"
    load_force(path, codepoint_subset)
    try:
        return _figures(path)
    finally:
        store.close(path)


# Six parts make 720 orders, each a few writes and a reference build: the two ends (reference first
# and last), the reverse, and a fixed sample of the rest.
_ALL = sorted(itertools.permutations(ORDER))
OTHER_ORDERS = [("reference",) + ORDER[:-1], tuple(reversed(ORDER)), ("spend", "decision", "reference", "savings",
                "contracts", "register")] + random.Random(9).sample(_ALL, 5)


@pytest.mark.parametrize("order", OTHER_ORDERS, ids=["-".join(p[:3] for p in o) for o in OTHER_ORDERS])
def test_same_figures_in_any_load_order(order, fresh_db, codepoint_subset, figures_in_order):
    load_force(fresh_db, codepoint_subset, order)
    got = _figures(fresh_db)
    assert got == figures_in_order
    m = got["kpis"][0]["measures"]
    assert (m["local_pct"]["value"], m["north_west_pct"]["value"], m["unknown_location_pct"]["value"]) == (
        37.87, 58.58, 33.14)
    assert (m["on_contract_pct"]["numerator"], m["sme_pct"]["numerator"]) == (f"{ON}", f"{SME}")
