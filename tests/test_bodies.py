"""Bodies: every line belongs to one; a peer's file is loaded as a peer and never merged into the
force's figures."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import SMALL, rows_of
from lib import bodies, queries, store
from lib.filters import Filters, where_clause
from lib.ingest import load_file, preview_file
from lib.scorecard import card

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEVON_MARCH = CORPUS / "devon_cc_over500_202503.csv"
DEVON_APRIL = CORPUS / "devon_cc_over500_202504.csv"
needs_corpus = pytest.mark.skipif(not DEVON_APRIL.exists(), reason="../shared/corpus is not on this machine")
FORCE, PCC = "LANCASHIRE CONSTABULARY", "LANCASHIRE PCC"


@pytest.mark.parametrize("name,key", [
    ("Lancashire Constabulary", FORCE), ("LANCASHIRE POLICE", FORCE), ("Lancashire Police Force", FORCE),
    ("  the lancashire constabulary. ", FORCE), ("Chief Constable of Lancashire", FORCE), ("Lancs Constabulary", FORCE),
    ("Office of the Police and Crime Commissioner for Lancashire", PCC), ("Police & Crime Commissioner for Lancashire", PCC),
    ("Lancashire OPCC", PCC), ("OPCC for Lancashire", PCC),
    ("Devon County Council", "DEVON COUNTY COUNCIL"), ("Cumbria Police", "CUMBRIA CONSTABULARY"), ("", None),
])
def test_spellings_of_a_body_are_one_body(fresh_db, name, key):
    cur = store.cursor(fresh_db)
    assert bodies.key_of(cur, name) == key


def test_the_store_starts_with_the_force_and_its_pcc_as_its_own(fresh_db):
    cur = store.cursor(fresh_db)
    assert bodies.own_names(cur) == ["Lancashire Constabulary",
                                     "Office of the Police and Crime Commissioner for Lancashire"]
    assert bodies.default_key(cur) == FORCE
    assert "body_key IN (SELECT body_key FROM bodies WHERE own)" in where_clause(Filters())[0]


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


PEER_LINES = ("Date,Supplier Name,Amount\n"
              "10/04/2019,Acme Ltd,5000.00\n"
              "11/04/2019,Zeta Care Ltd,70000.00\n")


def test_a_peer_file_leaves_every_figure_of_the_force_unchanged(small_store, tmp_path):
    cur = store.cursor(small_store)
    before = (queries.headline(small_store, Filters(fy="2019/20")), card.kpis(cur, "2019/20"),
              queries.financial_years(small_store), queries.filter_options(small_store))
    cur.execute("SELECT nextval('batch_seq'), nextval('batch_seq')")  # the small store wrote batches 1 and 2 itself
    f = _write(tmp_path / "peer_2019-04.csv", PEER_LINES)
    res = load_file(f, db=small_store, body="Cumbria Police")
    assert res.rows_loaded == 2
    # (every line of the file names no body: the chosen body's lines, all of them "unnamed")
    assert res.bodies == [{"key": "CUMBRIA CONSTABULARY", "name": "Cumbria Police", "own": False, "lines": 2,
                           "amount": Decimal("75000.00"), "unnamed": 2, "unnamed_amount": Decimal("75000.00")}]
    assert res.peer_note().startswith("This file is Cumbria Police's spend: loaded as a peer; the force's figures are unchanged")
    after = (queries.headline(small_store, Filters(fy="2019/20")), card.kpis(cur, "2019/20"),
             queries.financial_years(small_store), queries.filter_options(small_store))
    assert after == before
    assert before[0]["current"]["total"] == SMALL["fy19_total"]
    # the peer's figures are there when it is chosen
    peer = queries.headline(small_store, Filters(fy="2019/20", bodies=("CUMBRIA CONSTABULARY",)))["current"]
    assert (peer["total"], peer["lines"]) == (Decimal("75000.00"), 2)
    both = queries.headline(small_store, Filters(fy="2019/20", bodies=(FORCE, "CUMBRIA CONSTABULARY")))["current"]
    assert both["total"] == SMALL["fy19_total"] + Decimal("75000.00")
    assert rows_of(small_store, "SELECT body_key FROM batches WHERE batch_id = ?", [res.batch_id]) == [("CUMBRIA CONSTABULARY",)]


def test_a_file_with_no_body_column_is_the_default_body_or_the_one_chosen(fresh_db, tmp_path):
    f = _write(tmp_path / "own_2019-04.csv", PEER_LINES)
    res = load_file(f, db=fresh_db)
    assert [b["key"] for b in res.bodies] == [FORCE] and res.peer_note() is None
    g = _write(tmp_path / "pcc_2019-05.csv", PEER_LINES.replace("/04/", "/05/"))
    res = load_file(g, db=fresh_db, body="Lancashire OPCC")  # a spelling of an own body: not a peer
    assert [b["key"] for b in res.bodies] == [PCC] and res.peer_note() is None
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("150000.00")


def test_the_body_column_wins_and_mixed_files_split_by_line(fresh_db, tmp_path):
    f = _write(tmp_path / "mixed_2019-04.csv", (
        "Body Name,Date,Supplier Name,Amount\n"
        "LANCASHIRE POLICE,10/04/2019,Acme Ltd,100.00\n"
        "Lancashire Constabulary,10/04/2019,Acme Ltd,200.00\n"
        "Cumbria Constabulary,11/04/2019,Zeta Ltd,4000.00\n"))
    pv, _, _ = preview_file(f, db=fresh_db, body="Devon County Council")
    assert [(b["name"], b["own"]) for b in pv.bodies] == [("Lancashire Constabulary", True), ("Cumbria Constabulary", False)]
    res = load_file(f, db=fresh_db, body="Devon County Council")  # the column wins over the choice
    assert [(b["key"], b["lines"]) for b in res.bodies] == [(FORCE, 2), ("CUMBRIA CONSTABULARY", 1)]
    assert "Cumbria Constabulary" in res.peer_note() and "not counted in the force's figures" in res.peer_note()
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("300.00")


def _ledger(payer: str, firms: list[str]) -> str:
    """A finance system's export in which the paying body is the ledger's "Company Name" and the payee
    is the "Supplier" (no header says "body")."""
    return "URI,Company Name,Transaction Date,Amount,Supplier,G/L Description\n" + "".join(
        f"WM{i},{payer},{10 + i % 9}/04/2019,{100 * (i + 1)}.00,{firm},Telephones\n" for i, firm in enumerate(firms))


def test_a_column_holding_one_public_bodys_name_is_whose_spend_it_is(fresh_db, tmp_path):
    """No header names the body, yet one column holds "West Mercia Police" on every line: the file is
    West Mercia's, loaded as a peer, and the force's figures stay as they were."""
    firms = ["Acme Ltd", "Zeta Care Ltd", "Blue Light Fleet Ltd", "BT plc", "Vodafone Ltd"] * 2
    res = load_file(_write(tmp_path / "wm_2019-04.csv", _ledger("West Mercia Police", firms)), db=fresh_db)
    assert res.columns["(csv)"]["body"] == {"column": "Company Name", "found": "content"}
    assert [(b["name"], b["own"], b["lines"]) for b in res.bodies] == [("West Mercia Police", False, 10)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("0")
    own = load_file(_write(tmp_path / "lancs_2019-04.csv", _ledger("Lancashire Constabulary", firms)), db=fresh_db)
    assert [(b["key"], b["lines"]) for b in own.bodies] == [(FORCE, 10)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("5500.00")


def test_a_column_of_one_firms_name_is_not_a_body(fresh_db, tmp_path):
    """The same words on every line that name a firm, or a department alone ("Police"), say nothing of
    whose spend it is: the file is the default body's."""
    f = _write(tmp_path / "firm_2019-04.csv", "Agent,Service,Date,Amount,Supplier\n" + "".join(
        f"Capita Business Services Ltd,Police,{10 + i}/04/2019,{i + 1}00.00,Firm {i} Ltd\n" for i in range(6)))
    res = load_file(f, db=fresh_db)
    assert "body" not in res.columns["(csv)"]
    assert [b["key"] for b in res.bodies] == [FORCE]


def test_own_bodies_are_settings_and_an_alias_moves_lines(fresh_db, tmp_path):
    f = _write(tmp_path / "x_2019-04.csv", PEER_LINES)
    load_file(f, db=fresh_db, body="Cumbria Police")
    with store.write(fresh_db) as cur:
        bodies.set_own(cur, [FORCE, "CUMBRIA CONSTABULARY"], FORCE)
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("75000.00")
    with store.write(fresh_db) as cur:
        with pytest.raises(ValueError):
            bodies.set_own(cur, [], FORCE)
        bodies.set_own(cur, [FORCE, PCC], FORCE)
        bodies.add_body(cur, "Westmorland Police")
        bodies.add_alias(cur, "Cumbria Police", "WESTMORLAND CONSTABULARY")
    assert rows_of(fresh_db, "SELECT DISTINCT body_key FROM transactions") == [("WESTMORLAND CONSTABULARY",)]
    assert bodies.key_of(store.cursor(fresh_db), "CUMBRIA POLICE") == "WESTMORLAND CONSTABULARY"
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("0.00")


def test_an_older_store_keeps_its_lines_as_its_own(tmp_path):
    """A store made before bodies existed (migrations up to m016) opens with every line its own: the
    PCC's office where the line says so, else the force, whatever else the body column held."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)")
    for sql_file in sorted(store.MIGRATIONS.glob("m[0-9][0-9][0-9]_*.sql")):
        if sql_file.stem >= "m017":
            break
        con.execute(sql_file.read_text())
        con.execute("INSERT INTO _migrations (name) VALUES (?)", [sql_file.stem])
    con.execute("INSERT INTO batches (file_name, file_sha256, rows_read, rows_loaded, rows_quarantined, rows_total_lines) "
                "VALUES ('old.csv', 'x', 3, 3, 0, 0)")
    for n, body in enumerate(["Lancashire Constabulary", "Police and Crime Commissioner for Lancashire",
                              "Devon County Council"]):
        con.execute("INSERT INTO transactions (batch_id, sheet, row_number, body, period_start, fy, fy_start, amount, "
                    "supplier_name, supplier_key) VALUES (1, '', ?, ?, DATE '2019-04-01', '2019/20', 2019, 10, 'A', 'A')",
                    [n + 2, body])
    con.close()
    try:
        assert rows_of(path, "SELECT body_key FROM transactions ORDER BY row_number") == [(FORCE,), (PCC,), (FORCE,)]
        assert queries.headline(path, Filters())["current"]["total"] == Decimal("30.00")
    finally:
        store.close(path)


def _cli(*args, db: Path):
    proc = subprocess.run([sys.executable, "-m", "lib.cli", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True)
    return proc.returncode, [json.loads(x) for x in proc.stdout.splitlines() if x.strip()], proc.stderr


@needs_corpus
def test_devon_county_councils_file_is_a_peer_and_the_force_kpis_are_identical(demo_db):
    """The case that was wrong: Devon's March 2025 file uploaded into the force's store took 2024/25
    from £52.0M to £184.8M and on-contract from 93.0% to 26.3%. Now the kpis stay byte for byte."""
    store.close(demo_db)
    years = ("2024/25", "2025/26")  # Devon's March 2025 and April 2025 files fall in these
    before = {}
    for fy in years:
        code, out, err = _cli("kpis", "--fy", fy, db=demo_db)
        assert code == 0, err
        before[fy] = out[0]
    assert before["2024/25"]["bodies"] == ["Lancashire Constabulary",
                                           "Office of the Police and Crime Commissioner for Lancashire"]
    assert before["2024/25"]["total_spend"] == "51997707.92"  # £52.0M, the force and its PCC
    code, out, err = _cli("ingest", str(DEVON_MARCH), str(DEVON_APRIL), db=demo_db)
    assert code == 0, err
    assert [o["bodies"][0]["body"] for o in out] == ["Devon County Council"] * 2
    assert all(o["bodies"][0]["own"] is False and o["rows_loaded"] > 0 for o in out)
    assert "This file is Devon County Council's spend: loaded as a peer; the force's figures are unchanged" in err
    for fy in years:
        code, out, err = _cli("kpis", "--fy", fy, db=demo_db)
        assert code == 0, err
        assert out[0] == before[fy], fy


def test_a_long_file_loaded_in_one_pass_keeps_each_lines_body(fresh_db, tmp_path):
    """Past the lines read ahead (lib.ingest.fast), a body met for the first time is still its own
    body, spelt however: 'Cumbria Police' far down the file is a peer, not the force."""
    head = "Body,Date,Supplier Name,Amount\n"
    own = "".join(f"Lancashire Constabulary,{1 + i % 28:02d}/04/2019,Supplier {i % 50},100.00\n" for i in range(7000))
    peer = "".join(f"CUMBRIA POLICE,{1 + i % 28:02d}/05/2019,Supplier {i % 7},10.00\n" for i in range(300))
    f = _write(tmp_path / "long_2019.csv", head + own + peer)
    res = load_file(f, db=fresh_db)
    assert res.one_pass
    assert [(b["key"], b["own"], b["lines"]) for b in res.bodies] == [(FORCE, True, 7000),
                                                                      ("CUMBRIA CONSTABULARY", False, 300)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("700000.00")
    assert rows_of(fresh_db, "SELECT name, own FROM bodies WHERE body_key = 'CUMBRIA CONSTABULARY'") == [
        ("CUMBRIA POLICE", False)]


@pytest.mark.parametrize("lines", [40, 7000])  # the full path, and the one pass (lib.ingest.fast)
def test_a_line_with_an_empty_body_cell_in_one_bodys_file_is_that_bodys(fresh_db, tmp_path, lines):
    """An Environment Agency month names the agency on 289 lines and leaves the cell empty on one
    (£25,246.58): that line went into the force's figures. In a file whose other lines all name one
    body, the empty cells are that body's; chosen on upload, the file's body is the one chosen."""
    head = "Department family,Entity,Date,Expense type,Supplier,Amount\n"
    body = "".join(f"DEFRA,{'' if i == 5 else 'Environment Agency'},{1 + i % 28:02d}/04/2019,Works,Supplier {i % 50},"
                   f"{100 + i}.00\n" for i in range(lines))
    res = load_file(_write(tmp_path / "ea_2019-04.csv", head + body), db=fresh_db)
    assert res.one_pass == (lines > 6000)
    assert [(b["key"], b["own"], b["lines"]) for b in res.bodies] == [("ENVIRONMENT AGENCY", False, lines)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("0")
    assert not [w for w in res.warnings if "name no body" in w or "names no body" in w]


@pytest.mark.parametrize("lines", [40, 7000])
def test_lines_naming_no_body_in_a_file_of_several_bodies_are_said(fresh_db, tmp_path, lines):
    """Where the other lines name two bodies, an empty cell cannot say which: the line is the body
    chosen for the file (or the default's), and the load says how many lines and how much."""
    head = "Body,Date,Supplier Name,Amount\n"
    body = "".join(f"{'' if i == 3 else ('Cumbria Constabulary' if i % 2 else 'Environment Agency')},"
                   f"{1 + i % 28:02d}/04/2019,Supplier {i % 50},{100 + i}.00\n" for i in range(lines))
    res = load_file(_write(tmp_path / "two_2019-04.csv", head + body), db=fresh_db)
    assert (FORCE, True, 1) in [(b["key"], b["own"], b["lines"]) for b in res.bodies]
    said = [w for w in res.warnings if "names no body" in w]
    assert said == ["1 line (£103.00) names no body where the file's other lines do: counted as Lancashire "
                    "Constabulary's, the body chosen for the file or the store's default (if they are another "
                    "body's, remove the batch and load it again, choosing whose it is)"]


def test_a_line_naming_no_body_is_the_chosen_bodys(fresh_db, tmp_path):
    head = "Entity,Date,Supplier,Amount\n"
    body = "".join(f"{'' if i == 5 else 'Environment Agency'},{1 + i % 28:02d}/04/2019,Supplier {i},{100 + i}.00\n"
                   for i in range(20))
    res = load_file(_write(tmp_path / "ea_2019-04.csv", head + body), db=fresh_db, body="Cumbria Constabulary")
    assert [(b["key"], b["lines"]) for b in res.bodies] == [("ENVIRONMENT AGENCY", 19), ("CUMBRIA CONSTABULARY", 1)]
    assert [w for w in res.warnings if "names no body" in w]


def test_a_peers_scorecard_says_no_data_for_the_contract_measures(small_store, tmp_path):
    cur = store.cursor(small_store)
    cur.execute("SELECT nextval('batch_seq'), nextval('batch_seq')")
    load_file(_write(tmp_path / "peer_2019-04.csv", PEER_LINES), db=small_store, body="Cumbria Police")
    card_ = card.scorecard(cur, "2019/20", bodies=("CUMBRIA CONSTABULARY",))
    assert card_["total_spend"] == Decimal("75000.00")
    for m in ("on_contract_pct", "collaborative_pct"):
        assert card_["measures"][m]["value"] is None and card_["measures"][m]["status"] == "no data"
        assert "none is loaded for Cumbria Police" in card_["measures"][m]["reason"]


# ---- rings relative to each body's own area ---------------------------------------------------

def test_the_regions_reference_places_every_district_and_agrees_with_the_rings():
    from lib import peers
    from lib.geo.postcodes import RINGS_CSV
    import pandas as pd

    ref = peers.reference()
    assert ref["district_code"].is_unique and len(ref) == 350  # every district of Code-Point Open (May 2025)
    rings = pd.read_csv(RINGS_CSV, dtype=str)
    north_west = set(ref.loc[ref["region_code"] == "E12000002", "district_code"])
    assert north_west == set(rings["district_code"])  # the 35 districts of DOMAIN.md
    assert set(ref.loc[ref["county_code"] == "E10000017", "district_code"]) == set(
        rings.loc[rings["ring"] == "Lancashire", "district_code"]) - {"E06000008", "E06000009"}
    # the nine English regions, Wales and Scotland, each district in one
    assert ref.groupby("region_name")["district_code"].count().to_dict() == {
        "East Midlands": 35, "East of England": 45, "London": 33, "North East": 12, "North West": 35,
        "Scotland": 32, "South East": 64, "South West": 27, "Wales": 22, "West Midlands": 30,
        "Yorkshire and The Humber": 15}


@pytest.mark.parametrize("name,local,region", [
    ("Cumbria Constabulary", "Cumbria", "North West"),
    ("Office of the Police and Crime Commissioner for Cumbria", "Cumbria", "North West"),
    ("Devon County Council", "Devon", "South West"),
    ("Devon and Cornwall Police", "Devon and Cornwall", "South West"),
    ("London Borough of Camden", "Camden", "London"),
    ("City of London Police", "City of London", "London"),
    ("West Yorkshire Police", "West Yorkshire", "Yorkshire and The Humber"),
    ("Durham Constabulary", "County Durham", "North East"),
    ("Lancashire County Council", "Lancashire", "North West"),
    ("Thames Valley Police", None, None),
])
def test_a_bodys_area_and_region_come_from_its_name(fresh_db, name, local, region):
    from lib import peers

    area = peers.area_of(store.cursor(fresh_db), "X", name)
    assert (area.local_name, area.region_name) == (local, region)
    assert bool(area.local_districts) == (local is not None)
    if local:
        assert set(area.local_districts) <= set(area.region_districts)


@pytest.mark.parametrize("stored,ds,ring", [
    ("Unknown", None, "Unknown"), ("Outside UK", None, "Outside UK"),
    ("Rest of UK", [], "Rest of UK"),            # Northern Ireland: in the UK, in no district of the reference
    ("Lancashire", None, "Unknown"),             # delivers locally, no postcode: cannot be placed for another body
    ("Rest of UK", ["L1"], "Local"), ("Rest of UK", ["L1", "L2"], "Local"),
    ("Rest of UK", ["L1", "R1"], "Unknown"),     # an outward code across the local boundary
    ("North West", ["R1"], "Region"), ("North West", ["R1", "X1"], "Unknown"), ("Lancashire", ["X1"], "Rest of UK"),
])
def test_a_suppliers_ring_relative_to_a_body(fresh_db, stored, ds, ring):
    got = store.cursor(fresh_db).execute(
        "SELECT ring_relative(?, ?::VARCHAR[], ['L1', 'L2'], ['L1', 'L2', 'R1'])", [stored, ds]).fetchone()[0]
    assert got == ring


# Two peers' May 2023 lines (tests/fixtures/peers_2023-05.csv), paid to demo register suppliers:
# Osprey Hotel Ltd PL9 (Devon), Heritage Analytical plc BS10 (Bristol, South West), Waddington Door
# Systems Ltd CA28 (Cumberland), Wessex Landscapes Limited FY6 (Wyre, Lancashire), Zenith Computing Ltd
# E9 (London), Cellebrite DI Ltd (Israel), and a name not in the register.
PEERS_2023 = ROOT / "tests" / "fixtures" / "peers_2023-05.csv"


def test_each_peers_local_and_region_are_its_own_and_the_forces_stay_the_scorecards(demo_db, tmp_path):
    from lib import peers
    from lib.scorecard.spend import spend_facts

    cur = store.cursor(demo_db)
    force_before = peers.comparison(cur, (FORCE,))
    load_file(PEERS_2023, db=demo_db)
    t = peers.comparison(cur).set_index(["body_key", "fy"])
    devon = t.loc[("DEVON COUNTY COUNCIL", "2023/24")]
    assert (devon["local_area"], devon["region_area"], devon["total"]) == ("Devon", "South West", Decimal("651234.50"))
    assert devon["local_pct"] == share_of("1000.00", "651234.50")
    assert devon["region_pct"] == share_of("1200.00", "651234.50")
    assert devon["unknown_location_pct"] == share_of("600000.00", "651234.50")
    cumbria = t.loc[("CUMBRIA CONSTABULARY", "2023/24")]
    assert (cumbria["local_area"], cumbria["region_area"]) == ("Cumbria", "North West")
    assert (cumbria["local_pct"], cumbria["region_pct"]) == (share_of("7", "117"), share_of("17", "117"))
    # the force: unchanged by the peers, and what the scorecard reads
    force = peers.comparison(cur, (FORCE,))
    assert force.equals(force_before)
    facts = spend_facts(cur, Filters(bodies=(FORCE,))).set_index("fy")
    f23 = force.set_index("fy").loc["2023/24"]
    assert f23["local_pct"] == share_of(facts.loc["2023/24", "local"], facts.loc["2023/24", "total"])


def share_of(part, whole):
    from lib.format import share_pct

    return share_pct(Decimal(str(part)), Decimal(str(whole)))


def test_the_peers_figures_read_the_same_from_the_summaries_and_the_lines(demo_db, monkeypatch):
    from lib import peers, summary

    load_file(PEERS_2023, db=demo_db)
    cur = store.cursor(demo_db)
    assert summary.is_fresh(cur)
    chosen = Filters(fy="2023/24", bodies=("DEVON COUNTY COUNCIL", FORCE))
    ahead = (peers.comparison(cur), peers.shared_suppliers(cur, "2023/24"), peers.relative_rings(cur, chosen))
    monkeypatch.setattr(summary, "ENABLED", False)
    lines = (peers.comparison(cur), peers.shared_suppliers(cur, "2023/24"), peers.relative_rings(cur, chosen))
    assert ahead[0].equals(lines[0]) and ahead[1].equals(lines[1]) and ahead[2] == lines[2]
    shared = ahead[1].set_index("supplier")
    # Osprey Hotel Ltd: paid by Devon (£1,000) and Cumbria (£100) in 2023/24, and perhaps by the force
    assert shared.loc["Osprey Hotel Ltd", "Devon County Council"] == Decimal("1000.00")
    assert shared.loc["Osprey Hotel Ltd", "Cumbria Constabulary"] == Decimal("100.00")


def test_each_peers_figure_opens_the_page_behind_it_for_that_body_and_year():
    from lib import peers

    assert peers.figure_change("Total spend", "DEVON COUNTY COUNCIL", "2023/24") == {
        "bodies": ["DEVON COUNTY COUNCIL"], "fy": "2023/24"}  # money: its transactions
    assert peers.figure_change("Local %", "DEVON COUNTY COUNCIL", "2023/24")["page"] == "pages/rings.py"
    assert peers.figure_change("sme_pct", "X", "2023/24") == {
        "bodies": ["X"], "fy": "2023/24", "page": "pages/scorecard.py", "measure": "sme_pct"}
    import pandas as pd

    row = pd.Series({"supplier": "Acme", "Devon County Council": None, "Cumbria Constabulary": Decimal("5"),
                     "supplier_keys": ["ACME", "ACME LTD"], "body_keys": ["CUMBRIA CONSTABULARY", FORCE]})
    keys = {"Devon County Council": "DEVON COUNTY COUNCIL", "Cumbria Constabulary": "CUMBRIA CONSTABULARY"}
    assert peers.shared_change(row, "Devon County Council", keys, "2023/24") is None  # paid it nothing
    assert peers.shared_change(row, "Cumbria Constabulary", keys, "2023/24") == {
        "bodies": ["CUMBRIA CONSTABULARY"], "suppliers": ["ACME", "ACME LTD"], "fy": "2023/24"}
    assert peers.shared_change(row, "Total", keys, None)["bodies"] == ["CUMBRIA CONSTABULARY", FORCE]


def test_a_body_named_without_its_place_is_the_home_forces(fresh_db, tmp_path):
    """"OPCC" beside "Lancashire Constabulary" in a force's own file is the force's own PCC, not a
    peer called OPCC (its lines left the force's figures); in a peer's file it is the peer's."""
    f = _write(tmp_path / "own_2019-04.csv", (
        "Organisation,Payment Date,Supplier Name,Amount\n"
        "Lancashire Constabulary,01/04/2019,Acme Ltd,600.00\n"
        "OPCC,02/04/2019,Victim Support,700.00\n"
        "PCC,03/04/2019,Victim Support,50.00\n"))
    pv, _, _ = preview_file(f, db=fresh_db)
    # the preview names the bodies as the load does: most lines first (OPCC and PCC are one body)
    assert [(b["key"], b["own"]) for b in pv.bodies] == [(PCC, True), (FORCE, True)]
    res = load_file(f, db=fresh_db)
    assert [(b["key"], b["own"], b["lines"]) for b in res.bodies] == [(PCC, True, 2), (FORCE, True, 1)]
    assert res.peer_note() is None and queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("1350.00")
    g = _write(tmp_path / "cumbria_2019-05.csv", (
        "Organisation,Payment Date,Supplier Name,Amount\n"
        "Cumbria Constabulary,01/05/2019,Acme Ltd,10.00\n"
        "OPCC,02/05/2019,Victim Support,20.00\n"))
    res = load_file(g, db=fresh_db)
    assert [(b["key"], b["own"]) for b in res.bodies] == [("CUMBRIA CONSTABULARY", False), ("CUMBRIA PCC", False)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("1350.00")  # unchanged


def test_a_chief_constable_without_a_place_is_the_home_force(fresh_db, tmp_path):
    """A force's joint file ("Entity": Chief Constable | Police and Crime Commissioner): the PCC's lines
    were the force's own PCC's, the chief constable's a peer of their own, out of the force's figures
    (m156); with a place named beside it, the chief constable is that place's force."""
    f = _write(tmp_path / "joint_2019-04.csv", (
        "Entity,Payment Date,Supplier Name,Amount\n"
        "Chief Constable,01/04/2019,Acme Ltd,600.00\n"
        "Police and Crime Commissioner,02/04/2019,Victim Support,700.00\n"))
    res = load_file(f, db=fresh_db)
    assert sorted((b["key"], b["own"]) for b in res.bodies) == [(FORCE, True), (PCC, True)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("1300.00")
    g = _write(tmp_path / "cumbria_2019-05.csv", (
        "Entity,Payment Date,Supplier Name,Amount\n"
        "Chief Constable,01/05/2019,Acme Ltd,10.00\n"
        "Cumbria PCC,02/05/2019,Victim Support,20.00\n"))
    res = load_file(g, db=fresh_db)
    assert sorted((b["key"], b["own"]) for b in res.bodies) == [("CUMBRIA CONSTABULARY", False), ("CUMBRIA PCC", False)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("1300.00")  # unchanged


def test_a_long_file_names_the_pcc_without_its_place_far_down(fresh_db, tmp_path):
    head = "Body,Date,Supplier Name,Amount\n"
    own = "".join(f"Lancashire Constabulary,{1 + i % 28:02d}/04/2019,Supplier {i % 50},100.00\n" for i in range(7000))
    pcc = "".join(f"OPCC,{1 + i % 28:02d}/05/2019,Supplier {i % 7},10.00\n" for i in range(30))
    res = load_file(_write(tmp_path / "long_2019.csv", head + own + pcc), db=fresh_db)
    assert res.one_pass
    assert [(b["key"], b["own"], b["lines"]) for b in res.bodies] == [(FORCE, True, 7000), (PCC, True, 30)]


def test_a_ledgers_company_code_is_not_whose_spend_it_is(fresh_db, tmp_path):
    """Unit4 (Agresso) names the ledger's company "Client" ("LP", "10"): not a body's name, so the
    file is the body chosen for it (before, 'LP' was a peer and the whole file left the force's figures)."""
    for month, code in ((4, "LP"), (5, "10")):
        f = _write(tmp_path / f"agresso_{code}_2019-0{month}.csv", "Client,Trans Date,Supplier(T),Amount\n" + "".join(
            f"{code},{1 + i:02d}/0{month}/2019,Firm {i} Ltd,{100 * month + i}.00\n" for i in range(5)))
        res = load_file(f, db=fresh_db)
        assert [(b["key"], b["own"]) for b in res.bodies] == [(FORCE, True)]
        assert "Client" in res.as_json()["columns_unused"] and "body" not in res.as_json()["columns"]


@pytest.mark.parametrize("lines", [5, 40])
def test_the_templates_entity_written_as_a_code_is_whose_spend_it_is(fresh_db, tmp_path, lines):
    """The Environment Agency's April 2012 gives "Entity" = EA on all 338 lines (£32.2M): refused as
    no body's name, the whole file was counted as the force's. The transparency template's entity is
    whose spend it is, however it is written: a peer called EA, the force's figures unchanged (a
    ledger's "Client" = LP is still the body chosen for the file: above)."""
    head = "Department,Entity,Date,Expense type,Expense Area,Supplier Name,Transaction Number,Amount\n"
    body = "".join(f"Defra,EA,{1 + i % 28:02d}/04/2012,Goods,Area {i % 3},Firm {i} Ltd,{1061059 + i},\"£{25000 + i:,}.00\"\n"
                   for i in range(lines))
    res = load_file(_write(tmp_path / "EA-OVER-25K-1204.csv", head + body), db=fresh_db)
    assert res.columns["(csv)"]["body"] == {"column": "Entity", "found": "header"}
    assert [(b["key"], b["own"], b["lines"]) for b in res.bodies] == [("EA", False, lines)]
    assert queries.headline(fresh_db, Filters())["current"]["total"] == Decimal("0")


def test_the_cli_says_when_a_file_without_a_body_column_is_counted_as_the_default_body(tmp_path):
    """A transport authority's list with no body column, loaded from the command line without --body,
    was counted as the force's without a word (£12.2M added to its figures). The load goes ahead (the
    force's own monthly files name no body either) and says whose the lines were taken to be, and how
    to say otherwise, on stderr and in the JSON line's warnings (a card file from a government
    department said so on stderr alone, its warnings empty); with --body, or a body column, nothing
    of the kind is said."""
    lines = "Supplier Name,Invoice GL Date,Spend\n" + "".join(
        f"Firm {i} Ltd,{1 + i:02d}/04/2021,{1000 + i}.00\n" for i in range(12))
    f = _write(tmp_path / "spend_2021-04.csv", lines)
    code, out, err = _cli("ingest", str(f), db=tmp_path / "a.duckdb")
    assert code == 0 and out[0]["rows_loaded"] == 12 and out[0]["bodies"][0]["own"] is True
    assert ("no column of this file says whose spend it is: its lines are counted as Lancashire Constabulary's, "
            "the store's default body") in err and "--body NAME" in err
    # and in the JSON line's warnings, where a scheduled job reads what the load said
    assert [w for w in out[0]["warnings"] if w.startswith("no column of this file says whose spend it is")]
    code, out, err = _cli("ingest", str(f), "--body", "Network Rail", db=tmp_path / "b.duckdb")
    assert code == 0 and out[0]["bodies"][0]["own"] is False and "no column" not in err
    assert not [w for w in out[0]["warnings"] if "no column of this file" in w]
    named = _write(tmp_path / "named_2021-04.csv", "Body Name," + "\n".join(
        ("Lancashire Constabulary," if k else "") + line for k, line in enumerate(lines.splitlines())) + "\n")
    code, out, err = _cli("ingest", str(named), db=tmp_path / "c.duckdb")
    assert code == 0 and out[0]["columns"]["body"]["column"] == "Body Name" and "no column" not in err
    assert out[0]["rows_loaded"] == 12


def test_the_preview_names_a_files_bodies_most_lines_first_as_the_load_does(fresh_db, tmp_path):
    """A file of several peers: the Upload page's preview lists them by lines (the few named first in
    the file last), as the load's note does, so that "and N other bodies" leaves out the smallest."""
    f = _write(tmp_path / "peers_2019-04.csv", "Organisation,Payment Date,Supplier Name,Amount\n"
               + "Aardvark District Council,01/04/2019,Acme Ltd,1.00\n"
               + "".join(f"Zebra Borough Council,0{d}/04/2019,Acme Ltd,2.00\n" for d in range(1, 4))
               + "".join(f"Mole Valley Fire Authority,0{d}/04/2019,Acme Ltd,3.00\n" for d in range(1, 3)))
    pv, _, _ = preview_file(f, db=fresh_db)
    shown = [b["name"] for b in pv.bodies]
    assert shown == ["Zebra Borough Council", "Mole Valley Fire Authority", "Aardvark District Council"]
    res = load_file(f, db=fresh_db)
    assert [b["name"] for b in res.bodies] == shown and [b["lines"] for b in res.bodies] == [3, 2, 1]


def test_a_place_in_a_files_name_that_its_body_is_not_named_for():
    """Districts, unitaries and counties the reference knows, found as words of the file's name (snake
    case, spaces, camel case, letters run into figures); not a region, not a place the body's own
    name gives, not a file named after no place."""
    from lib.bodies import place_in_file_name

    own = ["Lancashire Constabulary", "Office of the Police and Crime Commissioner for Lancashire"]
    assert place_in_file_name("hyndburn_spend250_2024-10.csv", own) == "Hyndburn"
    assert place_in_file_name("devon_cc_over500_202503.csv", own) == "Devon"
    assert place_in_file_name("TraffordSpend2024.csv", own) == "Trafford"
    assert place_in_file_name("Blackpool Council payments.xlsx", own) == "Blackpool"
    assert place_in_file_name("Bath_and_North_East_Somerset_2024.csv", own) == "Bath and North East Somerset"
    for plain in ("spend_2024-04.csv", "Lancashire Constabulary over 500 April 2024.xlsx", "north_west_collab.csv",
                  "PCC spend Oct 2024.csv", "LancsPolice-2019-20.xlsx"):
        assert place_in_file_name(plain, own) is None, plain
    assert place_in_file_name("hyndburn_spend250_2024-10.csv", ["Hyndburn Borough Council"]) is None
