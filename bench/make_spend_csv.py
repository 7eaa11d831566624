"""Write a large spend CSV in the Local Government Transparency Code layout, for benchmarks.

    python bench/make_spend_csv.py                       # 1,000,000 lines -> bench/out/spend_1m.csv
    python bench/make_spend_csv.py --rows 5000 --out /tmp/small.csv

Deterministic for a given --rows and --seed (same bytes every run), and vectorised: about
8 s for a million lines (about 120 MB). Every line is valid, so a loader should load all of
them: amounts like ``1,234.56`` (quoted, as the comma demands), ``-56.10`` credit notes, a few
``£`` signs, dates as dd/mm/yyyy over five financial years, and a few redacted supplier names.
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "out" / "spend_1m.csv"

HEADER = [
    "Body", "Date", "Transaction Number", "Amount", "Supplier Name", "Supplier ID",
    "VAT Registration Number", "Department", "Expense Type", "Expense Code", "Description",
]

DEPARTMENTS = [
    "Estates", "Fleet", "ICT", "Forensics", "Custody", "Training", "HR", "Finance",
    "Operational Support", "Criminal Justice", "Uniformed Policing", "Crime", "Corporate Services",
    "Commissioner's Office", "Contact Management",
]
EXPENSE_TYPES = [
    "Building Maintenance", "Electricity", "Gas", "Water", "Rents", "Rates", "Cleaning",
    "Vehicle Purchase", "Vehicle Repairs", "Fuel", "Tyres", "Computer Hardware",
    "Computer Software", "Telephones", "Airwave", "Forensic Services", "Medical Fees",
    "Interpreters", "Custody Healthcare", "Training Courses", "Conference Fees", "Hotels",
    "Travel", "Legal Fees", "Consultancy", "Agency Staff", "Uniform", "Body Armour",
    "Printing", "Stationery", "Postage", "Catering", "Insurance", "Grants", "Subscriptions",
    "Equipment", "Furniture", "Security", "Waste Disposal", "Kennelling",
]
WORDS = [
    "repairs", "supply", "service", "contract", "maintenance", "renewal", "licence", "annual",
    "quarterly", "invoice", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "January", "February", "March", "HQ", "Preston", "Blackburn",
    "Blackpool", "Lancaster", "Burnley", "Chorley", "Skelmersdale", "station", "custody suite",
    "vehicles", "fleet", "radios", "laptops", "training", "course", "officers", "staff",
]
STEMS = [
    "Northern", "Pennine", "Ribble", "Fylde", "Lune", "Red Rose", "Bowland", "Wyre", "Calder",
    "Mersey", "Lakeland", "Central", "Premier", "Allied", "United", "Capital", "Atlas", "Apex",
    "Summit", "Crown", "Phoenix", "Kestrel", "Heron", "Oak", "Beacon", "Harbour", "Vale",
]
KINDS = [
    "Services", "Supplies", "Motors", "Solutions", "Systems", "Facilities", "Energy", "Security",
    "Consulting", "Medical", "Legal", "Training", "Print", "Catering", "Fleet", "Technology",
]
SUFFIXES = ["Ltd", "Ltd", "Ltd", "Limited", "PLC", "LLP", "& Co"]
REDACTED = "REDACTED - PERSONAL DATA"


def _pick(rng: np.random.Generator, pool, n: int) -> np.ndarray:
    return np.asarray(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _suppliers(rng: np.random.Generator, n: int) -> pd.DataFrame:
    names = (
        pd.Series(_pick(rng, STEMS, n)) + " " + pd.Series(_pick(rng, KINDS, n)) + " "
        + pd.Series(_pick(rng, SUFFIXES, n))
    )
    # Stems x kinds x suffixes repeat: a number keeps the names (mostly) distinct, as
    # Companies House does with "(2005)" and the like.
    names = names.where(~names.duplicated(), names + " " + pd.Series(np.arange(n)).astype(str))
    ids = pd.Series(np.arange(100000, 100000 + n)).astype(str)
    vat = pd.Series(rng.integers(100_000_000, 999_999_999, n)).astype(str).radd("GB")
    vat = vat.where(rng.random(n) < 0.5, "")
    return pd.DataFrame({"name": names, "id": ids, "vat": vat})


def make_frame(rows: int, seed: int = 20240401, mix: str = "spread") -> pd.DataFrame:
    """The benchmark's lines as a DataFrame of strings, in HEADER order. ``mix``: "spread" (each
    line's department and expense type drawn alone, so a supplier's lines spread over all of them:
    the file the ingest target was set on) or "kept" (each supplier keeps to one to three expense
    types and one to four departments, as real ledgers' suppliers do: in Trafford's 2026/27 file,
    a supplier's lines in a year fall under 1.1 expense types and 2.3 services on average). The
    same lines otherwise: "kept" draws its choices from a generator of its own."""
    if mix not in ("spread", "kept"):
        raise ValueError(f"mix: spread or kept, not {mix!r}")
    rng = np.random.default_rng(seed)
    n_suppliers = max(10, min(6000, rows // 100))
    suppliers = _suppliers(rng, n_suppliers)
    # A few suppliers take most of the spend, as in real ledgers.
    who = np.minimum(rng.zipf(1.3, rows) - 1, n_suppliers - 1)

    # Five financial years, 2019/20 to 2023/24; format each distinct day once.
    days = pd.date_range("2019-04-01", "2024-03-31", freq="D")
    day_text = np.asarray(days.strftime("%d/%m/%Y"), dtype=object)
    date = day_text[np.sort(rng.integers(0, len(days), rows))]

    pence = np.round(rng.lognormal(mean=11.0, sigma=1.6, size=rows)).astype(np.int64) + 1
    pence = np.minimum(pence, 999_999_999)  # under £10m a line
    pence = np.where(rng.random(rows) < 0.03, -pence // 10, pence)  # credit notes
    amount = pd.Series(pence / 100).map("{:,.2f}".format)
    amount = amount.where(rng.random(rows) >= 0.02, "£" + amount)

    supplier_name = suppliers["name"].to_numpy()[who]
    redacted = rng.random(rows) < 0.005
    supplier_name = np.where(redacted, REDACTED, supplier_name)
    supplier_id = np.where(redacted, "", suppliers["id"].to_numpy()[who])
    vat = np.where(redacted, "", suppliers["vat"].to_numpy()[who])

    expense_ix = rng.integers(0, len(EXPENSE_TYPES), rows)
    if mix == "kept":
        kept = np.random.default_rng(seed + 1)
        types, n_types = kept.integers(0, len(EXPENSE_TYPES), (n_suppliers, 3)), kept.integers(1, 4, n_suppliers)
        expense_ix = types[who, kept.integers(0, 3, rows) % n_types[who]]
    expense = np.asarray(EXPENSE_TYPES, dtype=object)[expense_ix]
    code = np.asarray([f"E{4000 + 10 * i}" for i in range(len(EXPENSE_TYPES))], dtype=object)[expense_ix]
    description = pd.Series(_pick(rng, WORDS, rows)) + " " + pd.Series(_pick(rng, WORDS, rows))
    description = description.where(rng.random(rows) < 0.25, "")

    body = np.where(
        rng.random(rows) < 0.97, "Lancashire Constabulary",
        "Police and Crime Commissioner for Lancashire",
    )
    txn = pd.Series(np.arange(5_000_000, 5_000_000 + rows)).astype(str)
    department = _pick(rng, DEPARTMENTS, rows)
    if mix == "kept":
        depts, n_depts = kept.integers(0, len(DEPARTMENTS), (n_suppliers, 4)), kept.integers(1, 5, n_suppliers)
        department = np.asarray(DEPARTMENTS, dtype=object)[depts[who, kept.integers(0, 4, rows) % n_depts[who]]]

    return pd.DataFrame({
        "Body": body, "Date": date, "Transaction Number": txn, "Amount": amount,
        "Supplier Name": supplier_name, "Supplier ID": supplier_id,
        "VAT Registration Number": vat, "Department": department,
        "Expense Type": expense, "Expense Code": code, "Description": description,
    })


def write_csv(path: Path, rows: int = 1_000_000, seed: int = 20240401, mix: str = "spread") -> Path:
    """Write ``rows`` lines (plus the header) to ``path``; return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    make_frame(rows, seed, mix).to_csv(tmp, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20240401)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--mix", choices=("spread", "kept"), default="spread",
                    help="spread: each line's department and expense type drawn alone (the default); kept: each "
                         "supplier keeps to a few of each, as real ledgers' suppliers do")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    path = write_csv(args.out, args.rows, args.seed, args.mix)
    size = path.stat().st_size
    print(f"wrote {args.rows:,} lines, {size / 1e6:.1f} MB to {path} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
