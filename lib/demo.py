"""Deterministic demo data for a believable force: Lancashire Constabulary and the OPCC.

:func:`generate` writes seven financial years (2019/20 to 2025/26) of monthly "spend over £500"
files, a supplier register, a contracts register and a savings log, shaped to the strategy's
2019/20 facts (DOMAIN.md): about £44.7M spent, 92% of it with a supplier holding a live
contract, 75% through collaborative arrangements, 39% with Lancashire suppliers and 58% with
North West suppliers, 372 contracts and £1.7M of savings; then drifting slowly the way the
strategy wants (more local, more collaborative, fewer off-contract pounds).

How the shape is held: each year the total is split exactly (integer pence) over cells of
ring (Lancashire, rest of North West, rest of UK, outside UK, unknown) by contract status
(collaborative contract, own contract, off contract) fitted to the year's targets, then each
cell over its suppliers in proportion to a Pareto-like weight, then each supplier's share into
invoice lines. A supplier's contract status holds for a whole financial year and the contracts
register is built from it, so "live on the payment date" agrees with the design.

Same seed, same bytes: everything draws from one ``numpy.random.default_rng(seed)`` in a fixed
order, and nothing iterates a set or depends on the clock.
"""
from __future__ import annotations

import csv
import datetime as dt
import gc
import io
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SUPPLIERS_CSV = ROOT / "data" / "demo" / "suppliers.csv"

FIRST_FY = 2019
N_YEARS = 7  # 2019/20 .. 2025/26
BASE_TOTAL_PENCE = 44_700_000_00
GROWTH = 1.03

SPEND_HEADER = ["Body", "Date", "Transaction Number", "Amount", "Supplier Name", "Supplier ID",
                "VAT Registration Number", "Department", "Expense Type", "Expense Code", "Description"]
SUPPLIER_HEADER = ["Supplier ID", "Supplier Name", "Postcode", "Company Number", "Charity Number",
                   "VAT Number", "Employees", "Turnover", "Balance Sheet Total", "VCSE Type", "Country"]
CONTRACT_HEADER = ["Contract Reference", "Title", "Supplier ID", "Supplier Name", "Start Date", "End Date",
                   "Contract Value", "Route to Market", "Collaborative", "Category",
                   "Quality Weighting %", "Social Value Weighting %"]
SAVINGS_HEADER = ["Project", "Financial Year", "Category", "Type", "Amount", "Date Recorded"]

FORCE = "Lancashire Constabulary"
OPCC = "Office of the Police and Crime Commissioner for Lancashire"
REDACTED = "REDACTED PERSONAL DATA"

COLLABORATIVE_ROUTES = ["Bluelight Commercial", "Crown Commercial Service", "North West Police Regional",
                        "CLEP", "ESPO", "YPO"]
OWN_ROUTES = ["Own tender", "Direct award"]

RINGS = ["Lancashire", "North West", "Rest of UK", "Outside UK", "Unknown"]
STATUSES = ["collab", "own", "off"]
LANCASHIRE = [f"E070001{n}" for n in range(17, 29)] + ["E06000008", "E06000009"]
NORTH_WEST_REST = (["E06000006", "E06000007", "E06000049", "E06000050", "E06000063", "E06000064"]
                   + [f"E080000{n:02d}" for n in range(1, 16)])

# 2019/20 split of spend (% of the year's total) by ring x status: collaborative, own contract, off.
# Margins: rings 39 / 19 / 40.5 / 0.7 / 0.8; statuses 75 / 16.7 / 8.3 (the strategy's £3.7M).
SEED_CELLS = np.array([
    [22.0, 12.4, 4.6],   # Lancashire
    [15.0, 2.5, 1.5],    # rest of North West
    [37.7, 1.8, 1.0],    # rest of UK
    [0.3, 0.0, 0.4],     # outside UK
    [0.0, 0.0, 0.8],     # unknown (no postcode, and redacted lines)
])


def year_targets(y: int) -> tuple[np.ndarray, np.ndarray]:
    """(ring shares, status shares) in % for financial year FIRST_FY + y: slow drift to the targets."""
    lancs = 39.0 + 0.8 * y
    nw_rest = 19.0 - 0.1 * y
    outside = 0.7
    unknown = 0.8 - 0.05 * y
    rings = np.array([lancs, nw_rest, 100 - lancs - nw_rest - outside - unknown, outside, unknown])
    collab = 75.0 + 0.7 * y
    off = 8.3 - 0.25 * y
    statuses = np.array([collab, 100 - collab - off, off])
    return rings, statuses


# Departments: expense types with their codes and a few line descriptions ({site} and {month} filled in).
SITES = ["Hutton HQ", "Preston PHQ", "Blackpool PHQ", "Lancaster PHQ", "Burnley PHQ", "Blackburn PHQ",
         "Skelmersdale PS", "Leyland PS", "Morecambe PS", "Fleetwood PS", "Accrington PS", "Chorley PS",
         "Nelson PS", "Lytham PS", "Ormskirk PS", "Clitheroe PS", "Training Centre Hutton", "Marine Unit Heysham"]
EXPENSES = {
    "Fleet": {
        "Vehicle Parts": (4410, ["Brake pads and discs", "Service parts - {month}", "Replacement light bar units",
                                 "Parts for response vehicles", "Batteries and filters"]),
        "Fuel": (4420, ["Fuel card transactions {month}", "Bunkered diesel - {site}", "Bulk fuel delivery - {site}"]),
        "Vehicle Purchase": (4430, ["Vehicle acquisition - stage payment", "Vehicle acquisition - ancillaries",
                                    "Vehicle delivery and registration"]),
        "Vehicle Repairs": (4440, ["Accident repair", "Bodywork repairs", "Windscreen replacement", "MOT and service"]),
        "Tyres": (4450, ["Tyres - fleet {month}", "Tyre replacement and fitting"]),
        "Vehicle Conversion": (4460, ["Blue light conversion", "Livery and conversion", "Dog van conversion"]),
        "Vehicle Recovery": (4470, ["Vehicle recovery and storage", "Recovery of seized vehicles {month}"]),
    },
    "ICT": {
        "Software Licences": (5210, ["Annual licence renewal", "Software subscription {month}", "Records system licences"]),
        "Software Support": (5215, ["Support and maintenance {month}", "Application support contract"]),
        "Computer Hardware": (5220, ["Laptops", "Desktop refresh", "Servers and storage", "Monitors and docks"]),
        "Telecoms": (5230, ["Mobile voice and data {month}", "Fixed line rental {month}", "WAN circuits {month}"]),
        "Airwave Service": (5240, ["Airwave service charges {month}", "Radio terminals and accessories"]),
        "IT Consultancy": (5250, ["Project consultancy", "Technical design services", "Cyber security testing"]),
        "Mobile Devices": (5260, ["Smartphones for officers", "Mobile device accessories"]),
    },
    "Estates": {
        "Building Repairs & Maintenance": (3110, ["Reactive repairs - {site}", "Planned maintenance - {site}",
                                                  "Roof repairs - {site}", "Boiler repair - {site}"]),
        "Cleaning": (3120, ["Cleaning services {month}", "Deep clean - {site}"]),
        "Security Services": (3140, ["Manned guarding {month}", "Alarm monitoring"]),
        "Fire & Security Systems": (3145, ["Fire alarm servicing - {site}", "CCTV maintenance - {site}",
                                           "Access control works - {site}"]),
        "Grounds Maintenance": (3150, ["Grounds maintenance {month}", "Gritting and snow clearance"]),
        "Furniture & Fittings": (3160, ["Office furniture - {site}", "Custody suite fittings"]),
        "Waste Disposal": (3170, ["Waste collection {month}", "Confidential waste {month}"]),
        "Electricity": (3210, ["Electricity {month}"]),
        "Gas": (3220, ["Gas {month}"]),
        "Water": (3230, ["Water and sewerage {month}"]),
        "Capital Works": (3410, ["Refurbishment works - {site}", "Capital works valuation - {site}",
                                 "Custody suite works - {site}"]),
    },
    "HR": {
        "Occupational Health": (2110, ["Occupational health referrals {month}", "Health surveillance"]),
        "Recruitment Advertising": (2120, ["Recruitment advertising", "Assessment centre costs"]),
        "Agency Staff": (2130, ["Agency staff {month}", "Temporary staff cover"]),
        "Medical Fees": (2140, ["Medical reports", "Physiotherapy treatment"]),
        "Employee Assistance": (2150, ["Employee assistance programme", "Counselling sessions"]),
    },
    "Learning & Development": {
        "Training Courses": (2210, ["Course fees", "Public order training", "Driver training", "First aid training"]),
        "Conference Fees": (2220, ["Conference attendance", "Seminar places"]),
        "Training Equipment": (2230, ["Training equipment", "Training materials"]),
        "Venue Hire & Accommodation": (2240, ["Venue hire", "Accommodation for course delegates"]),
    },
    "HQ Crime": {
        "Informant Payments": (6110, ["Payment - details withheld"]),
        "Witness Expenses": (6120, ["Witness expenses", "Witness care costs"]),
        "Surveillance Equipment": (6130, ["Technical surveillance equipment", "Tracking devices"]),
        "Interpreters": (6140, ["Interpreting services {month}", "Interpreter attendance"]),
        "Investigative Services": (6150, ["Specialist investigative support", "Financial investigation services"]),
        "Transcription": (6160, ["Transcription of interviews", "Translation of documents"]),
    },
    "Operations": {
        "Operational Equipment": (6210, ["Operational equipment", "Search equipment", "Public order equipment"]),
        "Dog Section Costs": (6220, ["Kennelling and feed {month}", "Veterinary fees"]),
        "Marine Unit": (6240, ["Marine unit equipment", "Vessel maintenance"]),
        "Event Policing Costs": (6250, ["Event barriers and welfare", "Event policing logistics"]),
        "Firearms & Less Lethal": (6260, ["Less lethal weapons", "Firearms range equipment"]),
    },
    "Custody": {
        "Custody Healthcare": (6310, ["Custody healthcare services {month}", "Forensic medical examiner call-outs"]),
        "Detainee Meals": (6320, ["Detainee meals {month}"]),
        "Custody Supplies": (6330, ["Custody consumables", "Anti-ligature clothing"]),
        "Appropriate Adults": (6340, ["Appropriate adult service {month}"]),
    },
    "Forensics": {
        "Forensic Analysis": (6410, ["Forensic submissions {month}", "Fingerprint enhancement"]),
        "DNA Testing": (6420, ["DNA analysis {month}", "DNA profiling - urgent"]),
        "Toxicology": (6430, ["Toxicology analysis", "Drug driving samples {month}"]),
        "Digital Forensics": (6440, ["Digital forensic software licences", "Mobile phone extraction"]),
        "Forensic Consumables": (6450, ["Forensic consumables", "Evidence bags and kits"]),
    },
    "Uniform & Equipment": {
        "Uniforms": (7110, ["Uniform issue {month}", "Wicking shirts and trousers", "High visibility jackets"]),
        "Body Armour": (7120, ["Body armour covert and overt", "Body armour replacement"]),
        "Footwear": (7130, ["Operational boots"]),
        "Personal Protective Equipment": (7140, ["PPE", "Public order helmets", "Gloves and protective wear"]),
        "Body Worn Video": (7150, ["Body worn video cameras", "Digital evidence storage {month}"]),
    },
    "Finance": {
        "Insurance": (8110, ["Insurance premium", "Insurance claims handling"]),
        "Audit Fees": (8120, ["External audit fee", "Internal audit days"]),
        "Legal Fees": (8140, ["Legal advice", "Counsel fees", "Litigation costs"]),
        "Consultancy": (8150, ["Professional advice", "Value for money review"]),
        "Postage": (8160, ["Postage {month}", "Courier services"]),
        "Printing": (8165, ["Printing", "Print and copy services {month}"]),
        "Stationery": (8170, ["Stationery {month}", "Office supplies"]),
    },
    "OPCC": {
        "Victim Services": (9110, ["Victim services grant - Q{quarter}", "Independent sexual violence advisers"]),
        "Commissioned Services": (9120, ["Commissioned service payment - Q{quarter}", "Youth diversion programme"]),
        "Community Safety Grants": (9130, ["Community safety fund grant", "Safer streets project"]),
        "Restorative Justice": (9150, ["Restorative justice service - Q{quarter}"]),
    },
}

# Supplier categories: department, expense types (with weights), how much a supplier of the
# category tends to be paid, typical invoice size (£), collaborative routes, contract titles.
CATEGORIES = {
    "Fleet - Vehicles & Parts": ("Fleet", {"Vehicle Parts": 4, "Vehicle Repairs": 3, "Tyres": 2, "Vehicle Purchase": 2,
                                           "Vehicle Conversion": 1, "Vehicle Recovery": 1}, 1.4, 1800,
                                 {"Bluelight Commercial": 3, "North West Police Regional": 2, "CLEP": 1, "YPO": 1},
                                 ["Vehicle Parts and Accessories", "Vehicle Maintenance and Repair", "Supply of Tyres",
                                  "Supply of Police Vehicles", "Vehicle Conversions", "Vehicle Recovery and Storage"]),
    "Fleet - Fuel": ("Fleet", {"Fuel": 1}, 3.0, 4000, {"Crown Commercial Service": 3, "YPO": 1},
                     ["Supply of Fuel Cards", "Bulk Fuel Supply"]),
    "ICT - Software & Services": ("ICT", {"Software Licences": 3, "Software Support": 3, "IT Consultancy": 1}, 2.0, 6000,
                                  {"Crown Commercial Service": 4, "Bluelight Commercial": 1, "CLEP": 1},
                                  ["Software Licensing", "Records Management System Support", "ICT Managed Services",
                                   "Cyber Security Services"]),
    "ICT - Telecoms": ("ICT", {"Telecoms": 4, "Airwave Service": 2, "Mobile Devices": 1}, 2.0, 5000,
                       {"Crown Commercial Service": 4, "CLEP": 1},
                       ["Mobile Voice and Data Services", "Fixed Telephony and Network Services", "Airwave Services"]),
    "ICT - Hardware": ("ICT", {"Computer Hardware": 4, "Mobile Devices": 1}, 1.3, 3500,
                       {"Crown Commercial Service": 3, "ESPO": 1, "YPO": 1},
                       ["End User Devices", "Data Centre Hardware", "Mobile Devices"]),
    "Estates - Construction & Maintenance": ("Estates", {"Building Repairs & Maintenance": 5, "Capital Works": 2,
                                                         "Fire & Security Systems": 2, "Grounds Maintenance": 1},
                                             1.2, 2500, {"North West Police Regional": 2, "YPO": 1, "ESPO": 1,
                                                         "Crown Commercial Service": 1},
                                             ["Reactive Maintenance", "Planned Preventative Maintenance",
                                              "Minor Works Framework", "Fire and Security Systems Maintenance",
                                              "Grounds Maintenance"]),
    "Estates - Facilities Services": ("Estates", {"Cleaning": 3, "Security Services": 1, "Waste Disposal": 2,
                                                  "Furniture & Fittings": 1}, 1.0, 1800,
                                      {"YPO": 2, "ESPO": 2, "Crown Commercial Service": 1},
                                      ["Cleaning Services", "Waste Management", "Office Furniture", "Security Services"]),
    "Estates - Energy & Utilities": ("Estates", {"Electricity": 3, "Gas": 2, "Water": 1}, 4.0, 9000,
                                     {"Crown Commercial Service": 3, "YPO": 1},
                                     ["Supply of Electricity", "Supply of Gas", "Water and Wastewater Services"]),
    "HR - Occupational Health & Recruitment": ("HR", {"Occupational Health": 3, "Recruitment Advertising": 1,
                                                      "Agency Staff": 2, "Medical Fees": 1, "Employee Assistance": 1},
                                               0.8, 1500, {"North West Police Regional": 2, "Crown Commercial Service": 2},
                                               ["Occupational Health Services", "Temporary Agency Staff",
                                                "Employee Assistance Programme"]),
    "Learning & Development": ("Learning & Development", {"Training Courses": 4, "Conference Fees": 1,
                                                          "Training Equipment": 1, "Venue Hire & Accommodation": 2},
                               0.6, 1200, {"Bluelight Commercial": 1, "North West Police Regional": 2, "ESPO": 1},
                               ["Training Services", "Driver Training", "Venue Hire and Accommodation"]),
    "HQ Crime - Investigative Services": ("HQ Crime", {"Interpreters": 4, "Investigative Services": 1,
                                                       "Transcription": 2, "Surveillance Equipment": 1}, 0.7, 1100,
                                          {"North West Police Regional": 2, "Crown Commercial Service": 1, "CLEP": 1},
                                          ["Interpreting and Translation Services", "Transcription Services",
                                           "Technical Surveillance Equipment"]),
    "Operations - Operational Equipment": ("Operations", {"Operational Equipment": 4, "Dog Section Costs": 1,
                                                          "Marine Unit": 1, "Event Policing Costs": 1,
                                                          "Firearms & Less Lethal": 1}, 0.8, 2000,
                                           {"Bluelight Commercial": 3, "CLEP": 2, "North West Police Regional": 1},
                                           ["Operational Equipment", "Less Lethal Weapons", "Police Dog Services"]),
    "Custody - Healthcare & Services": ("Custody", {"Custody Healthcare": 4, "Detainee Meals": 1, "Custody Supplies": 1,
                                                    "Appropriate Adults": 1}, 2.0, 4000,
                                        {"North West Police Regional": 3, "Bluelight Commercial": 1},
                                        ["Custody Healthcare Services", "Detainee Meals", "Appropriate Adult Services"]),
    "Forensics": ("Forensics", {"Forensic Analysis": 3, "DNA Testing": 2, "Toxicology": 1, "Digital Forensics": 2,
                                "Forensic Consumables": 1}, 1.6, 3000,
                  {"CLEP": 2, "North West Police Regional": 2, "Bluelight Commercial": 1},
                  ["Forensic Science Services", "DNA Analysis", "Toxicology Services", "Digital Forensic Tools"]),
    "Uniform & Equipment": ("Uniform & Equipment", {"Uniforms": 4, "Body Armour": 1, "Footwear": 1,
                                                    "Personal Protective Equipment": 2, "Body Worn Video": 1}, 1.0, 2200,
                            {"Bluelight Commercial": 3, "CLEP": 2, "North West Police Regional": 1},
                            ["Police Uniform", "Body Armour", "Operational Footwear", "Personal Protective Equipment"]),
    "Finance - Professional Services": ("Finance", {"Legal Fees": 3, "Insurance": 1, "Audit Fees": 1, "Consultancy": 2},
                                        0.8, 3000, {"Crown Commercial Service": 3, "North West Police Regional": 1},
                                        ["Legal Services", "Insurance Services", "Audit Services", "Consultancy Services"]),
    "Office Supplies & Print": ("Finance", {"Stationery": 3, "Printing": 2, "Postage": 1}, 0.6, 900,
                                {"YPO": 2, "ESPO": 2, "Crown Commercial Service": 1},
                                ["Office Supplies", "Print Services", "Postal Services"]),
    "OPCC - Commissioned Services": ("OPCC", {"Victim Services": 3, "Commissioned Services": 3,
                                              "Community Safety Grants": 2, "Restorative Justice": 1}, 1.2, 5000,
                                     {"North West Police Regional": 1},
                                     ["Victim Support Services", "Independent Domestic Violence Advisers",
                                      "Restorative Justice Service", "Youth Diversion Services"]),
}
LINE_SCALE = 0.28  # typical invoice sizes above are for a mid-sized supplier; this tunes lines a year
MONTH_WEIGHTS = np.array([0.85, 1.0, 1.0, 1.0, 0.95, 1.0, 1.05, 1.0, 0.9, 1.0, 1.05, 1.35])


def _money(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    p = abs(int(pence))
    return f"{sign}{p // 100}.{p % 100:02d}"


def _date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _fy_label(fy: int) -> str:
    return f"{fy}/{(fy + 1) % 100:02d}"


def _split_exact(total: int, weights: np.ndarray, floor: int = 0) -> np.ndarray:
    """Split ``total`` pence into len(weights) integer parts, each >= floor, summing exactly."""
    n = len(weights)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    rest = total - floor * n
    if rest < 0:
        raise ValueError("total below the floor")
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    raw = w * rest
    parts = np.floor(raw).astype(np.int64)
    short = rest - int(parts.sum())
    if short:
        order = np.argsort(-(raw - parts), kind="stable")
        parts[order[:short]] += 1
    return parts + floor


def _capped(total: float, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Shares of ``total`` in proportion to weights, none above its cap where the caps allow (water-filling)."""
    alloc = np.zeros(len(weights))
    free = np.ones(len(weights), dtype=bool)
    remaining = float(total)
    for _ in range(20):
        share = remaining * weights[free] / weights[free].sum()
        over = share > caps[free]
        idx = np.flatnonzero(free)
        if not over.any():
            alloc[idx] = share
            return alloc
        alloc[idx[over]] = caps[idx[over]]
        remaining -= caps[idx[over]].sum()
        free[idx[over]] = False
        if not free.any() or remaining <= 0:
            break
    alloc[free] = max(remaining, 0.0) * weights[free] / max(weights[free].sum(), 1e-9)
    return alloc + 1e-9


def _ipf(seed: np.ndarray, rows: np.ndarray, cols: np.ndarray, iterations: int = 200) -> np.ndarray:
    m = seed.astype(float).copy()
    for _ in range(iterations):
        rs = m.sum(axis=1)
        m *= np.divide(rows, rs, out=np.zeros_like(rs), where=rs > 0)[:, None]
        cs = m.sum(axis=0)
        m *= np.divide(cols, cs, out=np.zeros_like(cs), where=cs > 0)[None, :]
    return m


def _business_days(fy: int) -> tuple[np.ndarray, np.ndarray]:
    """Weekdays of financial year ``fy`` (as numpy datetime64[D]) and a sampling probability each."""
    days = np.arange(np.datetime64(f"{fy}-04-01"), np.datetime64(f"{fy + 1}-04-01"))
    days = days[np.is_busday(days)]
    months = (days.astype("datetime64[M]").astype(int) % 12 - 3) % 12  # 0 = April
    counts = np.bincount(months, minlength=12)
    p = MONTH_WEIGHTS[months] / counts[months]
    return days, p / p.sum()


def load_suppliers(path: Path = SUPPLIERS_CSV) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("employees", "turnover_gbp", "balance_sheet_gbp"):
        df[col] = pd.to_numeric(df[col]).astype("int64")
    return df


class _Plan:
    """Per supplier and year: contract status, activity and budget (pence)."""

    def __init__(self, sup: pd.DataFrame, rng: np.random.Generator):
        self.sup = sup
        self.rng = rng
        n = len(sup)
        ring_idx = sup["ring"].map({r: i for i, r in enumerate(RINGS)}).to_numpy()
        self.ring = ring_idx
        cat_mult = sup["primary_category"].map(lambda c: CATEGORIES[c][2]).to_numpy(dtype=float)
        size = np.maximum(sup["turnover_gbp"].to_numpy(dtype=float), 20_000.0) ** 0.55
        self.weight = size * cat_mult * rng.lognormal(0.0, 1.3, n)
        self.growth = rng.normal(0.0, 0.06, n)
        # Window of years each supplier trades with the force.
        first = np.where(rng.random(n) < 0.86, 0, rng.integers(1, N_YEARS, n))
        last = np.where(rng.random(n) < 0.9, N_YEARS - 1, rng.integers(0, N_YEARS - 1, n))
        last = np.maximum(last, first)
        self.first, self.last = first, last

        # 2019/20 contract status: the biggest suppliers in each ring hold contracts.
        holders = {0: 112, 1: 60, 2: 112, 3: 3, 4: 0}
        p_collab = {0: 0.52, 1: 0.8, 2: 0.9, 3: 1.0, 4: 0.0}
        status = np.full((n, N_YEARS), 2, dtype=np.int8)  # 0 collab, 1 own, 2 off
        key = self.weight * rng.lognormal(0.0, 0.6, n)
        for r in range(len(RINGS)):
            members = np.flatnonzero((ring_idx == r) & (first == 0))
            held = members[np.argsort(-key[members], kind="stable")][:holders[r]]
            coll = rng.random(len(held)) < p_collab[r]
            status[held, 0] = np.where(coll, 0, 1)
        # Later years: contracts brought in, moved onto collaborative routes, or lapsing.
        for y in range(1, N_YEARS):
            prev = status[:, y - 1].copy()
            u = rng.random(n)
            v = rng.random(n)
            new = prev.copy()
            big = self.weight > np.quantile(self.weight, 0.6)
            bring_in = (prev == 2) & (u < np.where(big, 0.035, 0.004))
            new[bring_in] = np.where(v[bring_in] < 0.7, 0, 1)
            new[(prev == 1) & (u < 0.06)] = 0
            new[(prev != 2) & (u > 0.992)] = 2
            # Suppliers first seen this year arrive either under a new contract or as one-offs.
            fresh = first == y
            new[fresh] = np.where(key[fresh] > np.quantile(key, 0.85), np.where(v[fresh] < 0.75, 0, 1), 2)
            status[:, y] = new
        status[ring_idx == 4] = 2
        status[(ring_idx == 3)[:, None] & (status == 1)] = 0
        years = np.arange(N_YEARS)[None, :]
        window = (years >= first[:, None]) & (years <= last[:, None])
        status[~window] = 2
        self.contracted = window & (status != 2)
        self.status = status
        # The long tail buys some years and not others.
        self.active = window & (self.contracted | (rng.random((n, N_YEARS)) < 0.8))

    def budgets(self, y: int, total: int, redacted_total: int) -> np.ndarray:
        """Pence per supplier for year y; the redacted lines' total comes out of the unknown ring."""
        rng = self.rng
        n = len(self.sup)
        rings, statuses = year_targets(y)
        active = self.active[:, y]
        st = self.status[:, y]
        present = np.zeros((len(RINGS), 3), dtype=bool)
        for r in range(len(RINGS)):
            for s in range(3):
                present[r, s] = bool(np.any(active & (self.ring == r) & (st == s)))
        present[4, 2] = True  # redacted lines live here
        seed = np.where(present, SEED_CELLS + 1e-3, 0.0)
        cells = _ipf(seed, rings / 100, statuses / 100)
        cell_pence = _split_exact(total, cells.ravel()).reshape(cells.shape)
        out = np.zeros(n, dtype=np.int64)
        w_year = self.weight * np.exp(self.growth * y) * rng.lognormal(0.0, 0.25, n)
        # No supplier takes more than a third of its turnover from one force.
        cap = np.maximum(self.sup["turnover_gbp"].to_numpy(dtype=float), 50_000.0) * 100 / 3
        for r in range(len(RINGS)):
            for s in range(3):
                members = np.flatnonzero(active & (self.ring == r) & (st == s))
                budget = int(cell_pence[r, s])
                if r == 4 and s == 2:
                    budget -= redacted_total
                if len(members) == 0:
                    continue
                floor = min(55_000, budget // len(members))
                out[members] = _split_exact(budget, _capped(budget, w_year[members], cap[members]), floor=floor)
        return out


def _lines_for_supplier(rng, budget: int, mean_line: float, cdf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Invoice amounts (pence) summing to ``budget`` and their dates."""
    pounds = budget / 100
    target = LINE_SCALE * mean_line * (pounds / 20_000) ** 0.35
    n = int(max(1, round(pounds / max(target, 700) * rng.uniform(0.8, 1.2))))
    n = int(min(n, max(1, budget // 50_000), 900))
    amounts = _split_exact(budget, rng.gamma(2.0, 1.0, n), floor=min(50_000, budget // n))
    when = np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(cdf) - 1)
    return amounts, when


class _Calendar:
    """The financial year's weekdays (as positions 0..n-1) with their labels, computed once."""

    def __init__(self, fy: int):
        self.days, self.p = _business_days(fy)
        dates = self.days.astype(object)
        self.text = [_date(d) for d in dates]
        self.month_key = [(d.year, d.month) for d in dates]
        self.month_name = [d.strftime("%B %Y") for d in dates]
        self.quarter = [(d.month - 4) % 12 // 3 + 1 for d in dates]


def _describe(template: str, cal: _Calendar, k: int, site: int) -> str:
    if "{" not in template:
        return template
    return template.format(site=SITES[site], month=cal.month_name[k], quarter=cal.quarter[k])


def _year_lines(fy: int, y: int, plan: _Plan, rng, total: int) -> list[list]:
    sup = plan.sup
    cal = _Calendar(fy)
    days, p_days = cal.days, cal.p
    cdf = np.cumsum(p_days)
    # Redacted payments first (informants, witnesses): their total is carved from the unknown ring.
    n_red = int(rng.poisson(150 * GROWTH ** y))
    red_type = rng.choice(3, n_red, p=[0.6, 0.3, 0.1])
    red_amt = np.where(red_type == 0, np.round(rng.lognormal(np.log(900), 0.5, n_red)) * 100,
                       np.where(red_type == 1, rng.integers(6_000, 48_000, n_red),
                                np.round(rng.lognormal(np.log(3000), 0.4, n_red), -1) * 100)).astype(np.int64)
    red_days = rng.choice(len(days), n_red, p=p_days)
    budgets = plan.budgets(y, total, int(red_amt.sum()))

    # invoice rows: [date, supplier index (-1 redacted), department, expense type, amount, description, group]
    cats = sup["primary_category"].tolist()
    rows: list[list] = []
    group = 0
    for i, budget in enumerate(budgets):
        if budget <= 0:
            continue
        dept, types, _, mean_line, _, _ = CATEGORIES[cats[i]]
        names = list(types)
        tw = np.array([types[t] for t in names], dtype=float)
        amounts, when = _lines_for_supplier(rng, int(budget), mean_line, cdf)
        n = len(amounts)
        picks = rng.choice(len(names), n, p=tw / tw.sum()).tolist()
        u = rng.random(n).tolist()
        sites = rng.integers(len(SITES), size=n).tolist()
        for a, d, k, uu, site in zip(amounts.tolist(), when.tolist(), picks, u, sites):
            etype = names[k]
            templates = EXPENSES[dept][etype][1]
            desc = _describe(templates[int(uu * len(templates))], cal, d, site)
            rows.append([d, i, dept, etype, a, desc, group])
            group += 1
    names_red = ["Informant Payments", "Witness Expenses", "Witness Expenses"]
    for t, a, d in zip(red_type, red_amt, red_days):
        etype = names_red[int(t)]
        desc = "Payment - details withheld" if t == 0 else ("Witness expenses" if t == 1 else "Witness relocation costs")
        rows.append([int(d), -1, "HQ Crime", etype, int(a), desc, group])
        group += 1

    # Split invoices: one invoice across cost codes, leaving small lines under £500.
    extra: list[list] = []
    for row, u in zip(rows, rng.random(len(rows)).tolist()):
        if row[1] >= 0 and row[4] >= 90_000 and u < 0.05:
            dept = row[2]
            names = list(CATEGORIES[cats[row[1]]][1])
            for _ in range(int(rng.integers(1, 3))):
                part = int(rng.integers(2_500, 49_500))
                if row[4] - part < 50_000:
                    break
                row[4] -= part
                etype = names[int(rng.integers(len(names)))]
                templates = EXPENSES[dept][etype][1]
                extra.append([row[0], row[1], dept, etype, part, _describe(templates[0], cal, row[0], 0), row[6]])
    rows.extend(extra)
    # Credit notes (about 1% of lines): the invoice was overbilled by c and later credited c.
    credits: list[list] = []
    last_day = len(days) - 1
    for row, u in zip(rows, rng.random(len(rows)).tolist()):
        if row[1] >= 0 and row[4] >= 60_000 and u < 0.0105:
            c = int(round(row[4] * rng.uniform(0.05, 1.0), -2))
            row[4] += c
            when = min(row[0] + int(rng.integers(5, 32)), last_day)  # 1-6 weeks later, in business days
            group += 1
            credits.append([when, row[1], row[2], row[3], -c, f"Credit note - {row[5]}", group])
    rows.extend(credits)

    # Order by date, then number each invoice (group) in date order.
    rows.sort(key=lambda r: (r[0], r[6], -abs(r[4])))
    numbers: dict[int, str] = {}
    prefix = f"51{fy % 100:02d}"
    sup_names, sup_ids, sup_vats = sup["name"].tolist(), sup["supplier_id"].tolist(), sup["vat_number"].tolist()
    out = []
    for r in rows:
        if r[6] not in numbers:
            numbers[r[6]] = f"{prefix}{len(numbers) + 1:06d}"
        d, i, dept, etype, amount, desc, g = r
        if i >= 0:
            name, sid, vat = sup_names[i], sup_ids[i], sup_vats[i]
        else:
            name, sid, vat = REDACTED, "", ""
        body = OPCC if dept == "OPCC" else FORCE
        code = EXPENSES[dept][etype][0]
        out.append((cal.month_key[d], i, amount,
                    [body, cal.text[d], numbers[g], _money(amount), name, sid, vat, dept, etype, str(code), desc]))
    return out


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def _contracts(plan: _Plan, rng, annual: np.ndarray, target_2019: int = 372) -> list[list]:
    """Contract chains covering each supplier's contracted years, padded to ``target_2019`` live in 2019/20."""
    sup = plan.sup
    fy_start = [dt.date(FIRST_FY + y, 4, 1) for y in range(N_YEARS + 1)]
    horizon = fy_start[N_YEARS]
    items = []  # (start, end, supplier index, collaborative, category)

    def chain(i: int, start: dt.date, end: dt.date | None, collab: bool) -> None:
        s = start
        while True:
            term = int(rng.choice([2, 3, 3, 4, 4, 5]))
            e = dt.date(s.year + term, s.month, min(s.day, 28)) - dt.timedelta(days=1)
            if end is not None and e >= end:
                items.append((s, end, i, collab))
                return
            items.append((s, e, i, collab))
            if end is None and e >= horizon - dt.timedelta(days=1):
                return
            s = e + dt.timedelta(days=1)

    for i in range(len(sup)):
        st = plan.status[i]
        held = plan.contracted[i]
        y = 0
        while y < N_YEARS:
            if not held[y]:
                y += 1
                continue
            kind = st[y]
            y2 = y
            while y2 + 1 < N_YEARS and held[y2 + 1] and st[y2 + 1] == kind:
                y2 += 1
            if y == 0:
                start = dt.date(2014, 4, 1) + dt.timedelta(days=int(rng.integers(0, 365 * 5)))
            elif not plan.active[i, y - 1]:
                start = fy_start[y] - dt.timedelta(days=int(rng.integers(0, 60)))
            else:
                start = fy_start[y]
            end = None if y2 == N_YEARS - 1 else fy_start[y2 + 1] - dt.timedelta(days=1)
            chain(i, start, end, bool(kind == 0))
            y = y2 + 1

    # Pad with second contracts for suppliers contracted in 2019/20 (another lot, another service).
    fy0_start, fy0_end = fy_start[0], fy_start[1] - dt.timedelta(days=1)

    def live0(it):
        return it[0] <= fy0_end and it[1] >= fy0_start

    count = sum(1 for it in items if live0(it))
    holders = np.flatnonzero(plan.contracted[:, 0])
    holders = holders[np.argsort(-plan.weight[holders], kind="stable")]
    k = 0
    while count < target_2019 and len(holders):
        i = int(holders[k % len(holders)])
        k += 1
        # a parallel contract within the supplier's first contracted run
        run_end = 0
        while run_end + 1 < N_YEARS and plan.contracted[i, run_end + 1] and plan.status[i, run_end + 1] == plan.status[i, 0]:
            run_end += 1
        start = dt.date(2016, 4, 1) + dt.timedelta(days=int(rng.integers(0, 365 * 3 + 270)))
        term = int(rng.choice([2, 3, 4]))
        end = min(dt.date(start.year + term, start.month, 1) - dt.timedelta(days=1),
                  fy_start[run_end + 1] - dt.timedelta(days=1))
        if end < fy0_start:
            continue
        items.append((start, end, i, bool(plan.status[i, 0] == 0)))
        count += 1

    items.sort(key=lambda it: (it[0], it[2], it[1]))
    ids, names_, cats = sup["supplier_id"].tolist(), sup["name"].tolist(), sup["primary_category"].tolist()
    seq: dict[int, int] = {}
    out = []
    for start, end, i, collab in items:
        cat = cats[i]
        _, _, _, _, routes, titles = CATEGORIES[cat]
        if collab:
            names = list(routes)
            w = np.array([routes[r] for r in names], dtype=float)
            route = names[int(rng.choice(len(names), p=w / w.sum()))]
        else:
            route = "Direct award" if (rng.random() < 0.2 or annual[i] < 2_500_000) and rng.random() < 0.6 else "Own tender"
        title = titles[int(rng.integers(len(titles)))]
        if rng.random() < 0.3:
            title += f" (Lot {int(rng.integers(1, 5))})"
        years = max((end - start).days / 365.25, 0.25)
        value = int(round(max(annual[i], 500_000) / 100 * years * rng.uniform(0.9, 1.4), -3))
        value = max(value, 5_000)
        if route == "Direct award":
            quality, social = "", ""
        else:
            quality = str(int(rng.choice([40, 50, 60, 70], p=[0.15, 0.3, 0.35, 0.2])))
            if start >= dt.date(2020, 4, 1):
                sv = float(rng.choice([0, 2.5, 5, 10], p=[0.12, 0.45, 0.28, 0.15]))
            else:
                sv = float(rng.choice([0, 5, 10], p=[0.88, 0.08, 0.04]))
            social = f"{sv:g}"
        seq[start.year] = seq.get(start.year, 0) + 1
        ref = f"LC-{start.year}-{seq[start.year]:04d}"
        out.append([ref, title, ids[i], names_[i], _date(start), _date(end), str(value), route,
                    "Yes" if route in COLLABORATIVE_ROUTES else "No", cat, quality, social])
    return out


def _savings(rng, contracts: list[list]) -> list[list]:
    """Savings per financial year: about £1.7M in 2019/20, similar after, tied to contracts let that year."""
    out = []
    for y in range(N_YEARS):
        fy = FIRST_FY + y
        lo, hi = dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)
        target = int(round(1_700_000_00 * (1.0 if y == 0 else rng.uniform(0.9, 1.2)) + rng.integers(-900_000, 900_000)))
        let = [c for c in contracts if lo <= dt.datetime.strptime(c[4], "%d/%m/%Y").date() <= hi]
        n = int(rng.integers(38, 55))
        picks = rng.choice(len(let), size=min(n, len(let)), replace=False) if let else []
        amounts = _split_exact(target, rng.lognormal(0.0, 1.0, len(picks)), floor=50_000)
        rows = []
        for c_idx, amount in zip(picks, amounts):
            c = let[int(c_idx)]
            how = {"Own tender": "re-tender", "Direct award": "negotiated price reduction"}.get(
                c[7], f"call-off via {c[7]}")
            cashable = rng.random() < 0.68
            recorded = lo + dt.timedelta(days=int(rng.integers(0, (hi - lo).days + 1)))
            rows.append([recorded, f"{c[1]} - {how}", _fy_label(fy), c[9],
                         "Cashable" if cashable else "Non-cashable", _money(int(amount)), _date(recorded)])
        rows.sort(key=lambda r: (r[0], r[1]))
        out.extend(r[1:] for r in rows)
    return out


def generate(out_dir: Path, seed: int = 2020) -> dict:
    """Write the demo files under ``out_dir`` and return their paths.

    Returns {'spend': [monthly CSV paths, April 2019 .. March 2026], 'suppliers': path,
    'contracts': path, 'savings': path}. Same seed, same bytes.
    """
    # Hundreds of thousands of small lists: the cyclic collector only slows this down.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(Path(out_dir), seed)
    finally:
        if was_enabled:
            gc.enable()


def _generate(out_dir: Path, seed: int) -> dict:
    spend_dir = out_dir / "spend"
    spend_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    sup = load_suppliers()
    plan = _Plan(sup, rng)

    spend_paths: list[Path] = []
    annual_sum = np.zeros(len(sup), dtype=np.int64)
    base = BASE_TOTAL_PENCE + int(rng.integers(-12_000_000, 12_000_000))
    for y in range(N_YEARS):
        fy = FIRST_FY + y
        total = int(round(base * GROWTH ** y * (1 + (rng.normal(0, 0.004) if y else 0.0))))
        lines = _year_lines(fy, y, plan, rng, total)
        by_month: dict[tuple[int, int], list[list]] = {}
        for month_key, i, amount, row in lines:
            by_month.setdefault(month_key, []).append(row)
            if i >= 0:
                annual_sum[i] += amount
        for m in range(12):
            year, month = (fy, 4 + m) if m < 9 else (fy + 1, m - 8)
            rows = by_month.get((year, month), [])
            path = spend_dir / f"spend_{year}-{month:02d}.csv"
            _write_csv(path, SPEND_HEADER, rows)
            spend_paths.append(path)

    annual = annual_sum // np.maximum(plan.active.sum(axis=1), 1)
    contracts = _contracts(plan, rng, annual)
    contracts_path = out_dir / "contracts.csv"
    _write_csv(contracts_path, CONTRACT_HEADER, contracts)

    savings_path = out_dir / "savings.csv"
    _write_csv(savings_path, SAVINGS_HEADER, _savings(rng, contracts))

    suppliers_path = out_dir / "suppliers.csv"
    reg = sup[["supplier_id", "name", "postcode", "company_number", "charity_number", "vat_number",
               "employees", "turnover_gbp", "balance_sheet_gbp", "vcse_type", "country"]]
    _write_csv(suppliers_path, SUPPLIER_HEADER, reg.astype(str).values.tolist())
    return {"spend": spend_paths, "suppliers": suppliers_path, "contracts": contracts_path, "savings": savings_path}


if __name__ == "__main__":  # python -m lib.demo [out_dir]
    import sys
    import time

    t0 = time.time()
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "generated" / "demo"
    result = generate(target)
    print(f"wrote {len(result['spend'])} spend files and registers to {target} in {time.time() - t0:.1f}s")
