"""Savings registers as police, fire and council procurement teams keep them, generated with the truth
known (a test fixture's maker, beside tests/spend_generator.py and tests/register_generator.py).

``gen(seed, folder)`` writes one CSV and returns (path, truth): truth["savings"] is every saving the
register holds as the store keeps it, (project, financial year, cashable or not, amount), and
truth["quarantined"] the rows that are not savings made (a pipeline, planned or at-risk stage).
Seeded, so a seed is the same file on every machine.

What varies: the layout (a saving a row; its cashable and non-cashable parts; a column a month, a
quarter or a financial year, with or without a total after them); the header's wording for each
field ("Description of Saving", "Savings Initiative", "Year of Saving", "Cashable?", ...); columns
beside the saving that hold sums and are not it (a contract's value, its whole-life value, a budget)
and others (a reference, a lead officer, the supplier, notes); the year as a column ("2024/25",
"2024-25", "FY2024/25", "2024/2025"), as each row's date or in the file's name; a stage, delivered or
not; sums with commas and pound signs; a title above the header; the columns' order.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import random
from decimal import Decimal

PROJECTS = ["Fleet tyres re-tender", "Body armour (NW collaboration)", "Cleaning re-let", "Custody meals",
            "Energy - gas and electricity", "Mobile phones contract", "Interpreters framework", "Forensic services",
            "Vehicle leasing", "Print managed service", "Uniform supply", "Legal services panel", "Estates FM",
            "Airwave handsets", "Training courses", "Kennelling", "Hotel bookings", "Stationery", "Fuel cards",
            "Waste collection", "Insurance renewal", "ICT licences (EA)", "Recruitment advertising", "Drones"]
CATS = ["Fleet", "Estates", "ICT", "Operational", "Corporate", "Criminal Justice", "HR"]
H_PROJECT = ["Project", "Project Name", "Initiative", "Scheme", "Savings Initiative", "Project Title",
             "Procurement Project", "Description of Saving", "Contract / Project", "Saving Description"]
H_CAT = ["Category", "Spend Category", "Category Area", "Commodity"]
H_AMOUNT = ["Saving (£)", "Savings £", "Amount", "Saving Achieved (£)", "Value of Saving", "Total Saving",
            "Saving Amount", "Realised Saving £", "Savings Delivered (£)", "Saving Value"]
H_FY = ["Financial Year", "FY", "Year", "Year of Saving", "Fin Year"]
H_TYPE = ["Saving Type", "Type of Saving", "Cashable / Non-Cashable", "Cashable?", "Type"]
H_STAGE = ["Status", "Stage", "Delivery Status", "Saving Status"]
H_DATE = ["Date Recorded", "Date Achieved", "Date Identified", "Date Logged", "Recorded On"]
H_EXTRA_MONEY = ["Contract Value (£)", "Annual Contract Value", "Budget (£)", "Whole Life Value £"]
H_EXTRA = [("Ref", lambda r, i: f"S{i + 1:03d}"), ("Lead Officer", lambda r, i: r.choice(["J Bloggs", "A Khan", "T Evans"])),
           ("Supplier", lambda r, i: r.choice(["Acme Ltd", "Bolton Tyres Ltd", "Crown Print"])),
           ("Notes", lambda r, i: r.choice(["", "re-tendered", "via framework", "price freeze"]))]
MADE = ["Delivered", "Achieved", "Complete", "Realised"]
NOT_MADE = ["Pipeline", "Planned", "At risk", "Forecast"]


def fy_text(r, y, style):
    return {"slash": f"{y}/{(y + 1) % 100:02d}", "dash": f"{y}-{(y + 1) % 100:02d}", "short": f"{y % 100:02d}/{(y + 1) % 100:02d}",
            "fy": f"FY{y}/{(y + 1) % 100:02d}", "long": f"{y}/{y + 1}"}[style]


def money(r, a: Decimal, style):
    s = f"{a:,.2f}"
    return {"plain": f"{a:.2f}", "comma": s, "pound": "£" + s, "int": f"{a:.0f}" if a == a.to_integral() else s}[style]


def gen(seed, outdir):
    r = random.Random(seed)
    layout = r.choice(["rows", "rows", "rows", "parts", "years", "months", "quarters"])
    n = r.randint(4, 18)
    mstyle = r.choice(["plain", "comma", "pound", "int"])
    y0 = r.choice([2022, 2023, 2024])
    cols = [(r.choice(H_PROJECT), "project")]
    if r.random() < 0.6:
        cols.append((r.choice(H_CAT), "category"))
    type_h = r.choice(H_TYPE) if layout != "parts" and r.random() < 0.7 else None
    if type_h:
        cols.append((type_h, "type"))
    has_fy = layout in ("rows", "parts", "quarters", "months") and r.random() < 0.7
    fystyle = r.choice(["slash", "dash", "short", "fy", "long"])
    if has_fy:
        cols.append((r.choice(H_FY), "fy"))
    has_date = r.random() < 0.5
    if has_date:
        cols.append((r.choice(H_DATE), "date"))
    if r.random() < 0.5:
        cols.append((r.choice(H_STAGE), "stage"))
    for h, f in r.sample(H_EXTRA, r.randint(0, 2)):
        cols.append((h, ("extra", f)))
    if r.random() < 0.4:
        cols.append((r.choice(H_EXTRA_MONEY), "extra_money"))
    if layout == "rows":
        cols.append((r.choice(H_AMOUNT), "amount"))
    elif layout == "parts":
        cols += [(r.choice(["Cashable Saving (£)", "Cashable £", "Cashable"]), "cash"),
                 (r.choice(["Non-Cashable Saving (£)", "Non-Cashable £", "Non-cashable", "Cost Avoidance (£)"]), "noncash")]
        if r.random() < 0.5:
            cols.append((r.choice(["Total Saving (£)", "Total", "Total £"]), "total"))
    elif layout == "years":
        k = r.choice([2, 3])
        for j in range(k):
            y = y0 + j
            cols.append((r.choice(["{}", "Saving {}", "{} £", "Savings {} (£)", "FY {}"]).format(fy_text(r, y, r.choice(["slash", "dash", "long"]))), ("year", y)))
        if r.random() < 0.5:
            cols.append(("Total", "total"))
    elif layout == "months":
        mons = [dt.date(y0 + (m < 4), m, 1) for m in [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]]
        mfmt = r.choice(["%b-%y", "%B %Y", "%b %y"])
        for d in mons:
            cols.append((d.strftime(mfmt), ("month", d)))
        if r.random() < 0.5:
            cols.append(("Total", "total"))
    else:  # quarters
        qfmt = r.choice(["Q{}", "Qtr {}", "Q{} " + fy_text(r, y0, "slash")])
        for q in range(1, 5):
            cols.append((qfmt.format(q), ("quarter", q)))
        if r.random() < 0.5:
            cols.append(("Total", "total"))
    head = [cols[0]] + r.sample(cols[1:], len(cols) - 1) if r.random() < 0.3 else cols
    truth, rows, quarantined = [], [], 0
    for i in range(n):
        proj = r.choice(PROJECTS) + (f" {i + 1}" if r.random() < 0.3 else "")
        made = r.random() < 0.85
        stage_v = r.choice(MADE) if made else r.choice(NOT_MADE)
        typ = r.choice(["Cashable", "Non-Cashable", "Non-cashable", "Cost Avoidance"])
        typ_stored = "Cashable" if typ == "Cashable" else "Non-cashable"
        yes_no = type_h == "Cashable?"
        fy = y0 + (r.random() < 0.3 if has_fy else 0)
        day = dt.date(fy, 4, 1) + dt.timedelta(days=r.randint(0, 360))
        a = Decimal(r.randint(50000, 5000000)) / 100
        vals, pieces = {}, []
        if layout == "rows":
            vals["amount"] = money(r, a, mstyle)
            pieces = [(fy, typ_stored if type_h else None, a)]
        elif layout == "parts":
            c, nc = a, Decimal(r.randint(0, 300000)) / 100
            if r.random() < 0.3:
                nc = Decimal(0)
            vals["cash"], vals["noncash"] = money(r, c, mstyle), (money(r, nc, mstyle) if nc else r.choice(["", "0", "0.00"]))
            vals["total"] = money(r, c + nc, mstyle)
            pieces = [(fy, "Cashable", c)] + ([(fy, "Non-cashable", nc)] if nc else [])
        else:
            def piece_year(f):  # the financial year a month's, quarter's or year's column is of
                if f[0] == "year":
                    return f[1]
                if f[0] == "month":
                    return f[1].year - (f[1].month < 4)
                return y0 if "/" in qfmt else fy  # (a quarter with its year in the header, else the row's)

            pieces = []
            for h, f in cols:
                if isinstance(f, tuple) and f[0] in ("year", "month", "quarter"):
                    if r.random() < 0.35:
                        vals[h] = ""
                        continue
                    v = Decimal(r.randint(10000, 900000)) / 100
                    vals[h] = money(r, v, mstyle)
                    pieces.append((piece_year(f), typ_stored if type_h else None, v))
            if not pieces:
                h0 = next(h for h, f in cols if isinstance(f, tuple) and f[0] in ("year", "month", "quarter"))
                v = Decimal("100.00"); vals[h0] = money(r, v, mstyle)
                pieces.append((piece_year(dict(cols)[h0]), typ_stored if type_h else None, v))
            vals["total"] = money(r, sum(p[2] for p in pieces), mstyle)
        row = []
        for h, f in head:
            if f == "project": row.append(proj)
            elif f == "category": row.append(r.choice(CATS))
            elif f == "type": row.append(("Yes" if typ_stored == "Cashable" else "No") if yes_no else typ)
            elif f == "fy": row.append(fy_text(r, fy, fystyle))
            elif f == "date": row.append(day.strftime("%d/%m/%Y"))
            elif f == "stage": row.append(stage_v)
            elif f == "extra_money": row.append(money(r, a * r.randint(5, 40), mstyle))
            elif isinstance(f, tuple) and f[0] == "extra": row.append(f[1](r, i))
            elif f in ("amount", "cash", "noncash", "total"): row.append(vals[f])
            else: row.append(vals.get(h, ""))
        rows.append(row)
        has_stage = any(f == "stage" for _, f in head)
        if has_stage and not made:
            quarantined += 1
        else:
            truth += [(proj, f"{p[0]}/{(p[0] + 1) % 100:02d}", p[1], p[2]) for p in pieces]
    # a year for rows with none: the file's name
    name = f"savings_{seed}" + ("" if has_fy or layout == "years" or (layout == "quarters" and "/" in qfmt) or has_date
                                else f"_{y0}-{(y0 + 1) % 100:02d}") + ".csv"
    path = os.path.join(outdir, name)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if r.random() < 0.3:
            w.writerow(["Procurement savings register"]); w.writerow([])
        w.writerow([h for h, _ in head])
        w.writerows(rows)
    return path, {"layout": layout, "savings": sorted(truth, key=str), "quarantined": quarantined, "rows": n,
                  "headers": [h for h, _ in head]}
