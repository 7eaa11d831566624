"""Postcodes offline, on real postcodes from the reference, the boundary-straddling ones included."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lib.geo.postcodes import classify, normalise

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text,expected", [
    ("pr21nn", "PR2 1NN"), (" PR2 1NN ", "PR2 1NN"), ("pr2-1nn", "PR2 1NN"), ("sw1a1aa", "SW1A 1AA"),
    ("GIR0AA", "GIR 0AA"), ("M11AE", "M1 1AE"),
])
def test_normalise(text, expected):
    p = normalise(text)
    assert p.valid and p.postcode == expected


@pytest.mark.parametrize("text", ["", "hello", "PR2 1N", "QQ1 1AA", "PR2 1CI", "12345"])
def test_not_postcodes(text):
    p = normalise(text)
    assert not p.valid and p.postcode is None and p.reason


def test_rings_on_real_postcodes_across_the_boundaries(geo_db):
    cases = {
        "PR1 2HE": ("Lancashire", "E07000123"),   # Preston
        "BB18 5AA": ("Lancashire", "E07000122"),  # Barnoldswick, Pendle: BB18 straddles
        "BD23 1AA": ("Rest of UK", None),         # Skipton: BD23 straddles into Lancashire elsewhere
        "LA2 0AA": ("Lancashire", "E07000121"),   # Lancaster district
        "OL14 5AA": ("Rest of UK", "E08000033"),  # Todmorden, Calderdale
        "PR8 1AA": ("North West", "E08000014"),   # Southport, Sefton: PR but not Lancashire
        "WN5 0AA": ("North West", "E08000010"),   # Wigan
        "LA1 1AA": ("Lancashire", "E07000121"),
        "CA1 1AA": ("North West", "E06000063"),   # Cumberland (2023 district)
        "SW1A 1AA": ("Rest of UK", "E09000033"),
    }
    out = classify(list(cases), db=geo_db)
    for r in out.itertuples():
        ring, district = cases[r.input]
        assert r.ring == ring, (r.input, r.ring)
        if district:
            assert r.district_code == district, (r.input, r.district_code)
        assert r.valid and not r.approximate and r.lat == r.lat


def test_outward_fallbacks_and_unknowns(geo_db):
    from lib import store

    cur = store.cursor(geo_db)
    taken = {r[0] for r in cur.execute("SELECT postcode FROM postcodes WHERE outward = 'PR2'").fetchall()}
    missing = next(f"PR2 9{a}{b}" for a in "ABDEFGHJLNPQRSTUWXYZ" for b in "ABDEFGHJLNPQRSTUWXYZ"
                   if f"PR2 9{a}{b}" not in taken)
    out = classify(["PR2", "BB18", "BT1 1AA", "JE2 3AB", missing, "", "nonsense"], db=geo_db).set_index("input")
    assert out.loc["PR2", "ring"] == "Lancashire" and out.loc["PR2", "approximate"]
    assert out.loc["BB18", "ring"] == "Unknown" and "straddles" in out.loc["BB18", "reason"]
    assert out.loc["BT1 1AA", "ring"] == "Rest of UK" and out.loc["BT1 1AA", "approximate"]
    assert out.loc["JE2 3AB", "ring"] == "Outside UK"
    # a valid postcode not in the reference falls back to its outward code, flagged approximate
    assert out.loc[missing, "ring"] == "Lancashire" and out.loc[missing, "approximate"]
    assert out.loc["", "ring"] == "Unknown" and out.loc["", "reason"] == "no postcode"
    assert out.loc["nonsense", "ring"] == "Unknown"


def test_cli_postcode_json(geo_db):
    from lib import store

    store.close(geo_db)  # the CLI is another process: DuckDB lets one process hold the file
    proc = subprocess.run([sys.executable, "-m", "lib.cli", "postcode", "pr21nn", "BB18", "--db", str(geo_db)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    a, b = [json.loads(line) for line in proc.stdout.splitlines()]
    assert a == {"input": "pr21nn", "postcode": "PR2 1NN", "valid": True, "district_code": "E07000123",
                 "district_name": "Preston", "ring": "Lancashire", "lat": a["lat"], "lon": a["lon"],
                 "approximate": False, "reason": None}
    assert 53.7 < a["lat"] < 53.8 and -2.8 < a["lon"] < -2.7
    assert b["ring"] == "Unknown" and b["postcode"] is None and b["lat"] is None
