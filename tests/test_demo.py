"""The demo generator: deterministic, and shaped to the strategy's 2019/20 facts.

Every figure here is recomputed from the written files with pandas, independently of how
lib.demo builds them: rings from the register's district codes (and those codes checked against
Code-Point Open), on-contract and collaborative spend by joining each payment to the contracts
live on its date.
"""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lib import demo

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "data" / "demo" / "suppliers.csv"

LANCASHIRE = {"E07000117", "E07000118", "E07000119", "E07000120", "E07000121", "E07000122", "E07000123",
              "E07000124", "E07000125", "E07000126", "E07000127", "E07000128", "E06000008", "E06000009"}
NORTH_WEST = LANCASHIRE | {"E06000006", "E06000007", "E06000049", "E06000050", "E06000063", "E06000064",
                           *(f"E080000{n:02d}" for n in range(1, 16))}
POSTCODE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) "
    r"[0-9][ABD-HJLNP-UW-Z]{2})$")
SPEND_HEADER = ("Body,Date,Transaction Number,Amount,Supplier Name,Supplier ID,VAT Registration Number,"
                "Department,Expense Type,Expense Code,Description")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    t0 = time.perf_counter()
    result = demo.generate(out)
    return out, result, time.perf_counter() - t0


@pytest.fixture(scope="module")
def spend(run) -> pd.DataFrame:
    _, result, _ = run
    df = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in result["spend"]], ignore_index=True)
    assert df["Amount"].str.fullmatch(r"-?\d+\.\d{2}").all()
    df["pence"] = df["Amount"].str.replace(".", "", regex=False).astype("int64")  # exact
    df["date"] = pd.to_datetime(df["Date"], format="%d/%m/%Y")
    df["fy"] = df["date"].dt.year - (df["date"].dt.month < 4)
    return df


@pytest.fixture(scope="module")
def register() -> pd.DataFrame:
    return pd.read_csv(REGISTER, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def contracts(run) -> pd.DataFrame:
    _, result, _ = run
    c = pd.read_csv(result["contracts"], dtype=str, keep_default_na=False)
    c["start"] = pd.to_datetime(c["Start Date"], format="%d/%m/%Y")
    c["end"] = pd.to_datetime(c["End Date"], format="%d/%m/%Y")
    return c


@pytest.fixture(scope="module")
def fy2019(spend, contracts) -> pd.DataFrame:
    """2019/20 lines with on_contract / collaborative flags from contracts live on the payment date."""
    g = spend[spend["fy"] == 2019].reset_index(drop=True)
    m = g[["Supplier ID", "date"]].reset_index().merge(
        contracts[["Supplier ID", "start", "end", "Collaborative"]], on="Supplier ID", how="inner")
    m = m[(m["start"] <= m["date"]) & (m["date"] <= m["end"])]
    live = m.groupby("index")["Collaborative"].agg(lambda s: bool((s == "Yes").any()))
    g["on_contract"] = g.index.isin(live.index)
    g["collaborative"] = False
    g.loc[live.index[live.to_numpy()], "collaborative"] = True
    return g


def test_deterministic_bytes(run, tmp_path):
    out, result, _ = run
    demo.generate(tmp_path / "again")
    first = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert (out / rel).read_bytes() == (tmp_path / "again" / rel).read_bytes(), rel


def test_files(run):
    out, result, _ = run
    names = [p.name for p in result["spend"]]
    assert names[0] == "spend_2019-04.csv" and names[-1] == "spend_2026-03.csv" and len(names) == 84
    for p in result["spend"]:
        text = p.read_bytes().decode("utf-8")
        assert text.splitlines()[0] == SPEND_HEADER
    assert result["suppliers"].read_text(encoding="utf-8").splitlines()[0] == (
        "Supplier ID,Supplier Name,Postcode,Company Number,Charity Number,VAT Number,Employees,Turnover,"
        "Balance Sheet Total,VCSE Type,Country")
    assert result["contracts"].exists() and result["savings"].exists()


def test_total_2019_20(fy2019):
    total = fy2019["pence"].sum() / 100
    assert abs(total - 44_700_000) <= 0.03 * 44_700_000, total


def test_later_years_grow(spend):
    totals = spend.groupby("fy")["pence"].sum()
    assert list(totals.index) == list(range(2019, 2026))
    assert (totals.diff().dropna() > 0).sum() >= 5
    assert 1.12 < totals[2025] / totals[2019] < 1.28


def test_lines_look_like_a_spend_over_500_file(spend):
    for fy, g in spend.groupby("fy"):
        assert 25_000 <= len(g) <= 35_000, (fy, len(g))
    g = spend[spend["fy"] == 2019]
    assert 0.005 <= (g["pence"] < 0).mean() <= 0.02                      # credit notes
    assert (g["pence"].abs() >= 50_000).mean() >= 0.9                      # mostly over £500
    red = g[g["Supplier Name"] == "REDACTED PERSONAL DATA"]
    assert 0.003 <= len(red) / len(g) <= 0.008
    assert (red["Supplier ID"] == "").all() and (red["VAT Registration Number"] == "").all()
    assert set(red["Department"]) == {"HQ Crime"}
    # split invoices: several cost codes under one transaction number, with small lines
    multi = g[g.duplicated("Transaction Number", keep=False)]
    assert multi["Transaction Number"].nunique() > 100
    assert (multi["pence"].between(1, 49_999)).any()
    assert (multi.groupby("Transaction Number")["Supplier Name"].nunique() == 1).all()
    # OPCC body, a few per cent of lines
    assert 0.01 <= (g["Body"] == "Office of the Police and Crime Commissioner for Lancashire").mean() <= 0.1
    assert set(g["Body"]) <= {"Lancashire Constabulary", "Office of the Police and Crime Commissioner for Lancashire"}
    # one expense code per expense type
    assert (g.groupby("Expense Type")["Expense Code"].nunique() == 1).all()
    # named individuals appear (staff redact them before publishing)
    assert g["Supplier Name"].str.match(r"^(Mr|Mrs|Ms|Miss|Dr) [A-Z] ").any()


def test_local_and_regional_share_2019_20(fy2019, register):
    district = dict(zip(register["supplier_id"], register["district_code"]))
    d = fy2019["Supplier ID"].map(district).fillna("")
    total = fy2019["pence"].sum()
    local = fy2019.loc[d.isin(LANCASHIRE), "pence"].sum() / total
    regional = fy2019.loc[d.isin(NORTH_WEST), "pence"].sum() / total
    assert 0.36 <= local <= 0.42, local
    assert 0.55 <= regional <= 0.61, regional


def test_local_share_rises(spend, register):
    district = dict(zip(register["supplier_id"], register["district_code"]))
    local = spend["Supplier ID"].map(district).fillna("").isin(LANCASHIRE)
    share = spend["pence"].where(local, 0).groupby(spend["fy"]).sum() / spend.groupby("fy")["pence"].sum()
    assert share[2025] > share[2019]


def test_on_contract_and_collaborative_2019_20(fy2019):
    total = fy2019["pence"].sum()
    on = fy2019.loc[fy2019["on_contract"], "pence"].sum() / total
    collab = fy2019.loc[fy2019["collaborative"], "pence"].sum() / total
    off = (total - fy2019.loc[fy2019["on_contract"], "pence"].sum()) / 100
    assert 0.90 <= on <= 0.94, on
    assert 0.72 <= collab <= 0.78, collab
    assert 3_000_000 <= off <= 4_400_000, off


def test_contracts(contracts):
    live = contracts[(contracts["start"] <= "2020-03-31") & (contracts["end"] >= "2019-04-01")]
    assert abs(len(live) - 372) <= 15, len(live)
    assert (contracts["start"] <= contracts["end"]).all()
    assert contracts["Contract Reference"].is_unique
    routes = {"Bluelight Commercial", "Crown Commercial Service", "North West Police Regional", "CLEP", "ESPO",
              "YPO", "Own tender", "Direct award"}
    assert set(contracts["Route to Market"]) <= routes
    collab_route = ~contracts["Route to Market"].isin(["Own tender", "Direct award"])
    assert ((contracts["Collaborative"] == "Yes") == collab_route).all()
    later = contracts[(contracts["start"] >= "2020-04-01") & (contracts["Route to Market"] != "Direct award")]
    sv = pd.to_numeric(later["Social Value Weighting %"])
    assert (sv >= 2.5).mean() > 0.7
    assert set(sv.unique()) <= {0, 2.5, 5, 10}
    # more contracts live in later years
    live_25 = contracts[(contracts["start"] <= "2026-03-31") & (contracts["end"] >= "2025-04-01")]
    assert len(live_25) > len(live)


def test_savings(run):
    _, result, _ = run
    s = pd.read_csv(result["savings"], dtype=str, keep_default_na=False)
    assert list(s.columns) == ["Project", "Financial Year", "Category", "Type", "Amount", "Date Recorded"]
    amount = s["Amount"].astype(float)
    y19 = amount[s["Financial Year"] == "2019/20"].sum()
    assert abs(y19 - 1_700_000) <= 0.03 * 1_700_000, y19
    assert set(s["Type"]) == {"Cashable", "Non-cashable"}
    dates = pd.to_datetime(s.loc[s["Financial Year"] == "2019/20", "Date Recorded"], format="%d/%m/%Y")
    assert dates.min() >= pd.Timestamp("2019-04-01") and dates.max() <= pd.Timestamp("2020-03-31")
    assert dates.dt.month.nunique() >= 10
    for fy in ("2020/21", "2023/24", "2025/26"):
        assert 1_200_000 <= amount[s["Financial Year"] == fy].sum() <= 2_400_000


def test_register(register, run):
    _, result, _ = run
    assert 1_400 <= len(register) <= 1_600
    assert REGISTER.stat().st_size < 400_000
    assert register["supplier_id"].is_unique and register["name"].is_unique
    pcs = register["postcode"][register["postcode"] != ""]
    bad = pcs[~pcs.str.match(POSTCODE)]
    assert bad.empty, bad.tolist()[:5]
    assert pcs.is_unique
    blank = register[register["postcode"] == ""]
    assert set(blank["ring"]) == {"Unknown", "Outside UK"}
    assert (register.loc[register["ring"] == "Outside UK", "country"] != "United Kingdom").all()
    assert 10 <= (register["ring"] == "Outside UK").sum() <= 30 and 10 <= (register["ring"] == "Unknown").sum() <= 30
    # the ring column agrees with the district code
    ring = np.where(register["district_code"].isin(LANCASHIRE), "Lancashire",
                    np.where(register["district_code"].isin(NORTH_WEST), "North West", "Rest of UK"))
    known = register["district_code"] != ""
    assert (register.loc[known, "ring"] == ring[known.to_numpy()]).all()
    # SME test (Procurement Act 2023) and number formats
    emp, turn, bal = (pd.to_numeric(register[c]) for c in ("employees", "turnover_gbp", "balance_sheet_gbp"))
    sme = (emp < 250) & ((turn <= 44_000_000) | (bal <= 38_000_000))
    public = register["name"].str.contains("Council|University|NHS")
    assert ((register["is_sme"] == "True") == (sme & ~public)).all()
    vat = register["vat_number"][register["vat_number"] != ""]
    assert vat.str.fullmatch(r"GB\d{9}").all() and 0.6 <= len(vat) / len(register) <= 0.8
    cos = register["company_number"][register["company_number"] != ""]
    assert (cos.str.len() == 8).all()
    assert set(register["vcse_type"]) == {"", "charity", "CIC", "community benefit society"}
    assert (register.loc[register["vcse_type"] == "charity", "charity_number"] != "").all()
    assert register["name"].str.match(r"^(Mr|Mrs|Ms|Miss|Dr) ").sum() >= 10
    # the published register carries the same suppliers
    out = pd.read_csv(result["suppliers"], dtype=str, keep_default_na=False)
    assert out["Supplier ID"].tolist() == register["supplier_id"].tolist()
    assert out["Postcode"].tolist() == register["postcode"].tolist()


def test_register_districts_match_code_point(register):
    """Each supplier's district code is the one Code-Point Open gives its postcode."""
    geocode = pytest.importorskip("geocode")
    zpath = Path(geocode.__file__).resolve().parent / "code_point_open" / "codepo_gb.zip"
    known = register[register["postcode"] != ""]
    areas = known["postcode"].str.extract(r"^([A-Z]{1,2})")[0]
    # Every area holding a Lancashire or North West supplier (where the ring line runs), and a few others.
    nw_areas = set(areas[known["district_code"].isin(NORTH_WEST)])
    checked = sorted(nw_areas | {"BD", "SY", "ST", "LS", "B", "G"})
    known = known[areas.isin(checked)]
    wanted = set(known["postcode"].str.replace(" ", ""))
    lookup = {}
    with zipfile.ZipFile(zpath) as zf:
        for area in checked:
            with zf.open(f"Data/CSV/{area.lower()}.csv") as fh:
                df = pd.read_csv(fh, header=None, usecols=[0, 1, 8], dtype=str, keep_default_na=False)
            df[0] = df[0].str.replace(" ", "", regex=False)
            df = df[df[0].isin(wanted)]
            assert (df[1] != "90").all()
            lookup.update(zip(df[0], df[8]))
    got = known["postcode"].str.replace(" ", "").map(lookup)
    assert len(known) > 900 and got.notna().all()
    assert (got == known["district_code"]).all()
