"""Whatever order a force's files and the postcode reference arrive in, the figures are the same.

A small force (a supplier register with postcodes, a contracts register, a savings register and
two monthly spend files) and the postcode reference are loaded through the command line's own
code (``lib.cli.main``, in this process: a subprocess per step would take minutes) in every one of
the 5! = 120 orders, and ``kpis`` must print the identical JSON each time, equal to the figures
worked by hand below. The reference step is ``postcode --build --source`` with a Code-Point Open
zip cut down to the postcodes the force uses (tests/conftest.py), so it runs the same build and
the same refresh as the full file, in a fraction of a second.
"""
from __future__ import annotations

import itertools
import json
from decimal import Decimal as D

import pytest

from conftest import _copy_store
from lib import cli, store

FY = "2019/20"

SUPPLIERS = """Supplier ID,Supplier Name,Postcode,Country,Employees,Turnover,Charity Number,VCSE Type
S1,Ribble Vans Ltd,PR1 2HE,,40,"2,000,000",,
S2,Wigan Fuel Ltd,WN5 0AA,,300,"90,000,000",,
S3,Leeds Print Ltd,LS1 4AP,,20,"1,000,000",,
,Preston Care CIC,PR2,,12,400000,1234567,Community Interest Company
S5,Hamburg Tech GmbH,,Germany,,,,
S6,London Legal LLP,SW1A 1AA,,60,"5,000,000",,
S8,Quiet Supplies Ltd,,,,,,
"""
CONTRACTS = """Contract Reference,Title,Supplier ID,Supplier Name,Start Date,End Date,Contract Value,Route to Market,Quality Weighting %,Social Value Weighting %
C-100,Vans,S1,Ribble Vans Ltd,01/04/2019,31/03/2020,"10,000",ESPO,60,5
C-200,Fuel,,Wigan Fuel Ltd,01/05/2019,,"20,000",Own tender,50,1
C-300,Legal panel,,Legal Panel Ltd,01/04/2019,31/03/2021,"8,000",Own tender,,
"""
SAVINGS = """Project,Financial Year,Type,Amount,Date Recorded
Fleet,2019-20,Cashable,1200,10/06/2019
Print,2019-20,Non-cashable,300,
"""
SPEND_APRIL = """Date,Supplier Name,Supplier ID,Amount,Description,Department
01/04/2019,Ribble Vans Ltd,S1,1000.00,Van hire,Operations
15/04/2019,Wigan Fuel Ltd,S2,2000.00,Fuel,Operations
20/04/2019,Leeds Print Ltd,S3,500.00,Leaflets,HQ
25/04/2019,Preston Care CIC,,300.00,Welfare,HQ
"""
SPEND_MAY = """Date,Supplier Name,Supplier ID,Amount,Description,Department
02/05/2019,Ribble Vans Limited,,250.00,Van repairs,Operations
05/05/2019,Quiet Supplies Ltd,S8,150.00,Sundries,HQ
10/05/2019,Hamburg Tech GmbH,S5,400.00,Software,IT
12/05/2019,London Legal LLP,,350.00,Advice under C-300,HQ
20/05/2019,Unlisted Traders,,200.00,Cleaning,HQ
28/05/2019,Wigan Fuel Ltd,S2,-100.00,Fuel credit,Operations
"""

# Worked by hand (2019/20, every line):
TOTAL = D("5050.00")   # 1000 + 2000 + 500 + 300 + 250 + 150 + 400 + 350 + 200 - 100
LOCAL = D("1550.00")   # Ribble Vans (PR1 2HE) 1000 + 250 (linked by name), Preston Care CIC (PR2, by outward) 300
NORTH_WEST = D("3450.00")  # local + Wigan Fuel (WN5 0AA) 2000 - 100
UNKNOWN = D("350.00")  # Quiet Supplies (no postcode) 150 + Unlisted Traders (not in the register) 200
# (Leeds, London: Rest of UK 850; Hamburg: Outside UK 400, which is not unknown)
ON_CONTRACT = D("1500.00")  # C-100: Ribble 1250; C-200 from 1 May: the -100 credit; C-300 quoted: 350
COLLABORATIVE = D("1250.00")  # C-100 through ESPO
SME = D("2400.00")     # Ribble 1250, Leeds 500, Preston Care 300, London Legal 350
VCSE = D("300.00")     # Preston Care CIC
# measure: (numerator, value as kpis prints it: numerator / TOTAL, 2 decimals, half up)
EXPECTED = {
    "local_pct": (LOCAL, 30.69), "north_west_pct": (NORTH_WEST, 68.32), "unknown_location_pct": (UNKNOWN, 6.93),
    "on_contract_pct": (ON_CONTRACT, 29.70), "collaborative_pct": (COLLABORATIVE, 24.75),
    "sme_pct": (SME, 47.52), "vcse_pct": (VCSE, 5.94),
}

STEPS = ("reference", "suppliers", "contracts", "savings", "spend")
ORDERS = list(itertools.permutations(STEPS))


@pytest.fixture(scope="module")
def force_files(tmp_path_factory, codepoint_subset):
    d = tmp_path_factory.mktemp("force")
    files = {"suppliers.csv": SUPPLIERS, "contracts.csv": CONTRACTS, "savings.csv": SAVINGS,
             "spend_2019-04.csv": SPEND_APRIL, "spend_2019-05.csv": SPEND_MAY}
    for name, text in files.items():
        (d / name).write_text(text)
    return {"dir": d, "subset": codepoint_subset}


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    """A closed, migrated, empty store, copied per order (migrating takes longer than loading)."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    store.connect(path)
    store.close(path)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def load_step(capsys, step: str, files: dict, db) -> None:
    d = files["dir"]
    if step == "reference":
        argv = ["postcode", "--build", "--source", files["subset"]]
    elif step == "spend":
        argv = ["ingest", d / "spend_2019-04.csv", d / "spend_2019-05.csv"]
    else:
        argv = ["ingest", d / f"{step}.csv", "--kind", step]
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 0, (step, err)
    if step != "reference":
        assert all(json.loads(line)["rows_quarantined"] == 0 for line in out.splitlines()), out


def kpis_json(capsys, db) -> tuple[dict, str]:
    code, out, err = run(capsys, "kpis", "--fy", FY, "--db", db)
    assert code == 0, err
    return json.loads(out), err


class Prefixes:
    """Closed stores after the first one, two or three steps of an order, so the 120 orders share
    their 85 distinct beginnings instead of loading 600 steps. Orders run in lexicographic order,
    so a beginning the current order does not share is never needed again and is dropped."""

    def __init__(self, root, empty):
        self.root, self.empty, self.saved = root, empty, {}

    def start(self, order, db) -> int:
        """Copy the longest saved beginning of ``order`` to ``db``; return how many steps it holds."""
        for prefix in [p for p in self.saved if order[:len(p)] != p]:
            self.saved.pop(prefix).unlink()
        done = max((len(p) for p in self.saved), default=0)
        _copy_store(self.saved[order[:done]] if done else self.empty, db)
        return done

    def save(self, prefix, db) -> None:
        if 0 < len(prefix) <= 3 and prefix not in self.saved:
            store.close(db)
            self.saved[prefix] = _copy_store(db, self.root / ("-".join(prefix) + ".duckdb"))


@pytest.fixture(scope="module")
def prefixes(tmp_path_factory, empty_store):
    return Prefixes(tmp_path_factory.mktemp("prefixes"), empty_store)


_first: dict = {}


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(s[:3] for s in o) for o in ORDERS])
def test_every_order_gives_the_same_kpis(order, force_files, prefixes, tmp_path, capsys):
    db = tmp_path / "force.duckdb"
    try:
        for i in range(prefixes.start(order, db), len(order)):
            load_step(capsys, order[i], force_files, db)
            prefixes.save(order[:i + 1], db)
        got, err = kpis_json(capsys, db)
    finally:
        store.close(db)
    assert err == ""  # every figure has what it needs: no warning
    m = got["measures"]
    assert got["total_spend"] == f"{TOTAL}"
    for key, (num, value) in EXPECTED.items():
        assert (m[key]["numerator"], m[key]["denominator"], m[key]["value"]) == (f"{num}", f"{TOTAL}", value), key
    assert m["savings"]["value"] == "1500.00"
    assert (m["social_value_pct"]["numerator"], m["social_value_pct"]["denominator"]) == (1, 3)
    # and the very JSON the first order printed
    _first.setdefault("kpis", got)
    assert got == _first["kpis"]
