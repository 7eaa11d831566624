"""Contracts registers and supplier registers as UK public bodies publish them, generated with the
truth known (a test fixture's maker, beside tests/spend_generator.py).

``gen_case(kind, seed, folder)`` (kind "contracts" or "suppliers") writes one CSV or XLSX file and
returns (path, truth): truth["fields"] maps each field the file gives to its header as written, and
truth["rows"] is its number of records. Seeded, so a seed is the same file on every machine.

What varies: the Transparency Code's contracts layout and councils', police, fire and NHS bodies'
variants of it (reference, title, description, supplier and its numbers, start, end, review and
extension dates, value annual or whole, route, framework, department, officer, social value
weighting), Contracts Finder exports, and vendor-master extracts (vendor number, name, trading
name, postcode, company, charity and VAT numbers, employees, turnover, SME and VCSE answers,
addresses, contacts); header wording, case and decorations; column order; date and money shapes;
a title above the header; CSV or XLSX. Only what a careful person reads one way is made.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import random

import openpyxl

FIRMS = ["Acme Facilities Ltd", "Northgate Public Services (UK) Limited", "Brightwater Cleaning Services Ltd",
         "Kier Construction Ltd", "Capita Business Services Ltd", "Serco Ltd", "Mitie Security Ltd",
         "Age UK Lancashire", "Citizens Advice Preston", "Veolia ES (UK) Ltd", "Biffa Municipal Ltd",
         "Amey Community Ltd", "Civica UK Ltd", "Liquidlogic Ltd", "Xerox (UK) Ltd", "Softcat plc",
         "Bytes Software Services Ltd", "Hays Specialist Recruitment Ltd", "Reed Specialist Recruitment",
         "Penny Lane Catering", "J Smith & Sons Plumbing", "Redwood Tree Surgery", "The Wildlife Trust for Lancashire",
         "Tarmac Trading Ltd", "Eurovia UK Ltd", "Willmott Dixon Construction Ltd", "Morgan Sindall plc",
         "Barnardo's", "Mind in Salford", "Shaw Trust", "Places for People Leisure", "Fusion Lifestyle",
         "Blue Light Fleet Services Ltd", "Bristol Uniforms Ltd", "Motorola Solutions UK Ltd",
         "Airwave Solutions Ltd", "Medequip Assistive Technology Ltd", "NHS Shared Business Services Ltd",
         "Baxter Healthcare Ltd", "Greenfield Grounds Maintenance", "Apex Lift Services", "Sodexo Ltd",
         "Coeus Consultancy Ltd", "Pennine Care Transport CIC", "Rural Community Action", "Octopus Energy Ltd",
         "TotalEnergies Gas & Power Ltd", "Zurich Municipal", "Allpay Ltd", "Stannah Lifts Ltd"]
TITLES = ["Grounds Maintenance Services", "Provision of Domiciliary Care", "Supply of Fire Kit (PPE)",
          "Corporate Cleaning Contract", "Highways Resurfacing Programme 2023/24", "Waste Collection Vehicles Lease",
          "ICT Managed Print Service", "Custody Healthcare Services", "Legal Services Framework Call-off",
          "Agency Staff Provision", "Electricity Supply", "Gas Supply", "Insurance - Property",
          "Leisure Centre Management", "Advocacy Services", "Carers Support Service", "School Meals Catering",
          "Vehicle Maintenance", "Radio Airtime", "Mobile Phones", "Microsoft Licensing (EA)",
          "Community Equipment Service", "Lift Maintenance", "Tree Surgery Works", "Welfare Rights Advice",
          "Social Care Case Management System", "Payroll Software Support", "Security Guarding",
          "Pest Control", "Street Lighting Maintenance", "Road Salt Supply", "Hearing Aid Consumables"]
DEPTS = ["Adult Social Care", "Children's Services", "Place", "Resources", "Corporate", "Highways",
         "Estates", "ICT", "Operational Support", "Public Health", "Fleet", "Finance"]
ROUTES = ["Open Tender", "Restricted", "Framework", "Direct Award", "Quotation", "Call-off from framework",
          "Competitive Procedure with Negotiation", "Waiver"]
FRAMEWORKS = ["CCS RM6100", "ESPO 600", "YPO 000987", "NEPO", "Bluelight Commercial", "N/A", "", "CCS RM3808"]
OFFICERS = ["J. Bloggs", "Sarah Patel", "M. O'Neill", "Daniel Hughes", "Priya Shah", "Tom Evans", "Aisha Khan"]
TOWNS = [("Preston", "PR"), ("Lancaster", "LA"), ("Blackburn", "BB"), ("Manchester", "M"), ("Leeds", "LS"),
         ("Birmingham", "B"), ("Bristol", "BS"), ("Cardiff", "CF"), ("Norwich", "NR"), ("Exeter", "EX")]
STREETS = ["High Street", "Station Road", "Church Lane", "Mill Lane", "Victoria Road", "Park Avenue",
           "Unit 4 Riverside Ind Est", "Enterprise Way"]


def postcode(r):
    t, a = r.choice(TOWNS)
    return f"{a}{r.randint(1, 20)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}", t


# ---------------------------------------------------------------- formats

def fmt_date(r, style, d):
    return {
        "dmy": lambda: d.strftime("%d/%m/%Y"),
        "iso": lambda: d.isoformat(),
        "dmon": lambda: d.strftime("%d-%b-%y"),
        "long": lambda: f"{d.day} {d.strftime('%B %Y')}",
        "dmy2": lambda: d.strftime("%d.%m.%Y"),
        "native": lambda: dt.datetime(d.year, d.month, d.day),
    }[style]()


def fmt_money(r, style, v):
    return {
        "pound": lambda: f"£{v:,.2f}",
        "plain": lambda: f"{v:.2f}",
        "comma": lambda: f"{v:,.0f}",
        "int": lambda: f"{int(v)}",
        "native": lambda: round(v, 2),
    }[style]()


def deco(r, h):
    """Vary a header's case and decoration (keeping its words)."""
    c = r.random()
    if c < 0.15:
        h = h.upper()
    elif c < 0.25:
        h = h.lower()
    elif c < 0.3:
        h = h.replace(" ", "_")
    if r.random() < 0.1:
        h = h + " *"
    if r.random() < 0.05:
        h = " " + h + " "
    return h


# ---------------------------------------------------------------- contracts

C_REF = ["Reference Number", "Contract Reference", "Ref", "Contract Ref.", "Contract ID", "Reference", "Contract No",
         "Contract Number", "Contract Reference Number", "Unique Reference", "Our Reference", "Ref No"]
C_TITLE = ["Contract Title", "Title", "Title of Agreement", "Contract Name", "Title of Contract",
           "Contract Description", "Description of goods and services", "Description", "Subject Matter",
           "Service Description"]
C_DESC_EXTRA = ["Description of goods and services", "Description", "Contract Description", "Details"]
C_SUP = ["Supplier Name", "Supplier", "Contractor", "Name of Supplier", "Provider", "Awarded Supplier",
         "Supplier Name and Details", "Vendor Name", "Contractor Name", "Supplier(s)", "Successful Supplier",
         "Provider Name"]
C_SUPID = ["Supplier Registration Number", "Company Number", "Company Reg No", "Supplier ID", "Vendor No",
           "Supplier Number", "Companies House Number"]
C_START = ["Start Date", "Contract Start Date", "Commencement Date", "Start", "Date From", "Contract Start",
           "Effective From", "Start date of contract", "Contract Commencement Date"]
C_END = ["End Date", "Contract End Date", "Expiry Date", "End", "Date To", "Contract Expiry", "Finish Date",
         "End Date (excl. extensions)", "Contract Expiry Date", "End date of contract", "Original End Date"]
C_VAL = ["Contract Value (£)", "Total Contract Value", "Value", "Estimated Total Value", "Whole Life Value £",
         "Sum to be paid over the length of the contract or the estimated annual spending or budget for the contract",
         "Total Value (£)", "Contract Value", "Value of Contract", "Total Estimated Value (£)", "Whole Life Cost"]
C_ANNUAL = ["Estimated Annual Value", "Annual Value (£)", "Value per annum", "Annual Contract Value",
            "Estimated Annual Spend"]
# distractors: (header, generator(r, row) -> cell)
C_DISTRACT_DATE = ["Review Date", "Extension End Date", "Max End Date (incl. extensions)", "Date Published",
                   "Award Date", "Last Updated", "Date of Notice"]


def gen_contracts(seed):
    r = random.Random(seed)
    n = r.randint(3, 40)
    dstyle = r.choice(["dmy", "dmy", "iso", "dmon", "long", "dmy2", "native"])
    mstyle = r.choice(["pound", "plain", "comma", "int", "native"])
    cf = r.random() < 0.12  # a Contracts Finder export
    rows = []
    for i in range(n):
        start = dt.date(r.randint(2016, 2024), r.randint(1, 12), r.randint(1, 28))
        yrs = r.choice([1, 2, 3, 4, 5])
        end = start.replace(year=start.year + yrs) - dt.timedelta(days=1)
        ext = end + dt.timedelta(days=365 * r.choice([1, 2]))
        review = end - dt.timedelta(days=r.choice([90, 180]))
        award = start - dt.timedelta(days=r.randint(10, 60))
        annual = round(r.uniform(5000, 900000), 2)
        total = round(annual * yrs, 2)
        pc, town = postcode(r)
        firm = r.choice(FIRMS)
        rows.append(dict(
            ref=r.choice(["CON", "C", "PRO", "LCC/", "DN", "WMP-"]) + f"{r.randint(100, 99999):05d}",
            title=r.choice(TITLES), desc=r.choice(TITLES) + " - " + r.choice(["lot 1", "county-wide", "all sites", "phase 2", "including call-outs"]),
            sup=firm, sup_details=f"{firm}, {r.randint(1, 200)} {r.choice(STREETS)}, {town} {pc}",
            supid=f"{r.randint(1000000, 13999999):08d}", start=start, end=end, ext=ext, review=review, award=award,
            annual=annual, total=total, route=r.choice(ROUTES), fw=r.choice(FRAMEWORKS), dept=r.choice(DEPTS),
            officer=r.choice(OFFICERS), sme=r.choice(["SME", "VCSE", "Neither", "SME & VCSE", "No"]),
            charity=r.choice(["", "", str(r.randint(200000, 1199999))]), ext_opt=r.choice(["2 x 12 months", "None", "1+1", "Up to 24 months"]),
            sv=r.choice(["10%", "5%", "0%", "N/A", "15"]), vat=fmt_money(r, mstyle, 0.0) if r.random() < .8 else "0",
            email=r.choice(OFFICERS).split()[-1].lower().strip(".") + "@council.gov.uk",
            phone=f"01772 {r.randint(100000, 999999)}", buyer="Lancashire County Council",
            cpv=f"{r.randint(30000000, 90000000)}", pc=pc, status=r.choice(["Live", "Active", "Awarded"]),
        ))
    D = lambda d: fmt_date(r, dstyle, d)
    M = lambda v: fmt_money(r, mstyle, v)
    cols = []  # (header, cellfn, field or None)
    truth = {}
    if cf:
        cols = [("Notice Identifier", lambda x: "tender_" + x["ref"], "reference"),
                ("Notice Type", lambda x: "Awarded Contract", None),
                ("Organisation Name", lambda x: x["buyer"], None),
                ("Status", lambda x: "Awarded", None),
                ("Published Date", lambda x: D(x["award"]), None),
                ("Title", lambda x: x["title"], "title"),
                ("Description", lambda x: x["desc"], None),
                ("Postcode", lambda x: "PR1 8XJ", None),
                ("Cpv Codes", lambda x: x["cpv"], None),
                ("Contact Email", lambda x: x["email"], None),
                ("Value Low", lambda x: M(x["annual"]), None),
                ("Value High", lambda x: M(x["total"] * 1.2), None),
                ("Awarded Date", lambda x: D(x["award"]), None),
                ("Awarded Value", lambda x: M(x["total"]), "value"),
                ("Awarded Supplier", lambda x: x["sup"], "supplier_name"),
                ("Start Date", lambda x: D(x["start"]), "start_date"),
                ("End Date", lambda x: D(x["end"]), "end_date"),
                ("Is SME", lambda x: r.choice(["Yes", "No"]), None)]
    else:
        cols.append((r.choice(C_REF), lambda x: x["ref"], "reference"))
        th = r.choice(C_TITLE)
        cols.append((th, lambda x: x["title"], "title"))
        if "Desc" not in th and "desc" not in th and r.random() < 0.5:
            cols.append((r.choice(C_DESC_EXTRA), lambda x: x["desc"], None))
        sh = r.choice(C_SUP)
        cols.append((sh, (lambda x: x["sup_details"]) if "Details" in sh else (lambda x: x["sup"]), "supplier_name"))
        if r.random() < 0.5:
            cols.append((r.choice(C_SUPID), lambda x: x["supid"], None))
        sd_h, ed_h = r.choice(list(zip(C_START, C_END)) + [(r.choice(C_START), r.choice(C_END))])
        cols.append((sd_h, lambda x: D(x["start"]), "start_date"))
        cols.append((ed_h, lambda x: D(x["end"]), "end_date"))
        vmode = r.choice(["total", "total", "annual", "both"])
        if vmode in ("total", "both"):
            cols.append((r.choice(C_VAL), lambda x: M(x["total"]), "value"))
        if vmode == "annual":
            cols.append((r.choice(C_ANNUAL), lambda x: M(x["annual"]), "value"))
        if vmode == "both":
            cols.append((r.choice(C_ANNUAL), lambda x: M(x["annual"]), None))
        # distractors
        pool = [
            (r.choice(["Procurement Route", "Route to Market", "Procurement Procedure"]), lambda x: x["route"]),
            (r.choice(["Framework", "Framework Used", "Framework Agreement"]), lambda x: x["fw"]),
            (r.choice(["Department / Directorate", "Department", "Directorate", "Service Area"]), lambda x: x["dept"]),
            (r.choice(["Contract Officer", "Contract Manager", "Lead Officer"]), lambda x: x["officer"]),
            (r.choice(["Extension options", "Extension Options Available", "Option to extend"]), lambda x: x["ext_opt"]),
            (r.choice(["Social Value Weighting (% of quality)", "Social Value Weighting"]), lambda x: x["sv"]),
            ("VAT that cannot be recovered", lambda x: x["vat"]),
            (r.choice(["SME / VCSE", "SME/VCSE Status", "Is the supplier an SME or VCSE?"]), lambda x: x["sme"]),
            (r.choice(["Charity Number", "Charity No"]), lambda x: x["charity"]),
            (r.choice(["Review Date", "Contract Review Date"]), lambda x: D(x["review"])),
            (r.choice(["Extension End Date", "Max End Date (incl. extensions)", "End Date inc. Extensions"]), lambda x: D(x["ext"])),
            (r.choice(["Award Date", "Date Awarded", "Date of Award"]), lambda x: D(x["award"])),
            (r.choice(["Contact Email", "Officer Email"]), lambda x: x["email"]),
            (r.choice(["Telephone", "Contact Phone"]), lambda x: x["phone"]),
            (r.choice(["Contract Status", "Status"]), lambda x: x["status"]),
        ]
        for h, f in r.sample(pool, r.randint(0, len(pool))):
            cols.append((h, f, None))
        # shuffle (reference often first, keep it so half the time)
        first = cols[0]
        rest = cols[1:]
        r.shuffle(rest)
        cols = [first] + rest if r.random() < 0.5 else r.sample(cols, len(cols))
    return _written(r, cols, rows, truth, decorate=not cf)


# ---------------------------------------------------------------- suppliers

S_ID = ["Vendor No", "Supplier Number", "Supplier ID", "Vendor Code", "Creditor No", "Supplier Ref",
        "Vendor ID", "Supplier Code", "Creditor Number", "Vendor Number", "Supplier No."]
S_NAME = ["Vendor Name", "Supplier Name", "Name", "Supplier", "Creditor Name", "Company Name", "Legal Name",
          "Registered Name", "Organisation Name", "Supplier Legal Name"]
S_TRADING = ["Trading As", "Trading Name", "T/A", "Also Known As"]
S_PC = ["Postcode", "Post Code", "Postal Code", "PostCode", "Supplier Postcode", "Zip/Postcode", "Post code"]
S_CRN = ["Company Reg No", "Company Number", "Companies House No", "CRN", "Company Registration Number",
         "Registered Company Number", "Companies House Number", "Company No."]
S_CHAR = ["Charity No", "Charity Number", "Registered Charity Number", "Charity Reg No"]
S_VAT = ["VAT No", "VAT Registration Number", "VAT Reg No", "VAT Number"]
S_EMP = ["Number of Employees", "Employees", "Headcount", "No. of Staff", "Employee Count"]
S_TURN = ["Annual Turnover", "Turnover (£)", "Turnover", "Annual Turnover (£)"]
S_SME = ["SME (Y/N)", "SME", "SME Status", "Is SME"]
S_VCSE = ["VCSE", "VCSE (Y/N)", "VCSE Status"]


def gen_suppliers(seed):
    r = random.Random(seed)
    n = r.randint(3, 40)
    mstyle = r.choice(["pound", "plain", "comma", "int", "native"])
    firms = r.sample(FIRMS, min(n, len(FIRMS)))
    n = len(firms)
    rows = []
    for i, firm in enumerate(firms):
        pc, town = postcode(r)
        charity = str(r.randint(200000, 1199999)) if r.random() < 0.3 else ""
        rows.append(dict(
            id=r.choice(["V", "S", "", "CR"]) + str(r.randint(10000, 999999)), name=firm,
            ta=r.choice(["", "", firm.split()[0] + " Group", firm.split()[0]]),
            a1=f"{r.randint(1, 300)} {r.choice(STREETS)}", a2=r.choice(["", "Business Park", "Floor 2"]),
            town=town, county=r.choice(["Lancashire", "Greater Manchester", "West Yorkshire", ""]), pc=pc,
            crn=r.choice([f"{r.randint(100000, 13999999):08d}", "SC" + str(r.randint(100000, 799999)), ""]),
            charity=charity, vat=r.choice(["GB " + f"{r.randint(100, 999)} {r.randint(1000, 9999)} {r.randint(10, 99)}", f"{r.randint(100000000, 999999999)}", ""]),
            emp=str(r.choice([3, 12, 45, 230, 1500, 12000])), turn=round(r.uniform(50000, 5e8), 0),
            sme=r.choice(["Y", "N", "Yes", "No"]), vcse=r.choice(["Y", "N", "N", "No"]),
            phone=f"0{r.randint(1000, 1999)} {r.randint(100000, 999999)}",
            email="accounts@" + firm.split()[0].lower().strip("'") + ".co.uk",
            contact=r.choice(OFFICERS), created=dt.date(r.randint(2005, 2024), r.randint(1, 12), r.randint(1, 28)),
            status=r.choice(["Active", "Active", "Inactive"]), terms=r.choice(["30 days", "14 days", "Immediate"]),
            web="www." + firm.split()[0].lower().strip("'") + ".co.uk",
        ))
    if not any(x["crn"] for x in rows):  # a column of nothing is no column a person could name
        rows[0]["crn"] = f"{r.randint(100000, 13999999):08d}"
    M = lambda v: fmt_money(r, mstyle, v)
    cols = [(r.choice(S_ID), lambda x: x["id"], "supplier_id"),
            (r.choice(S_NAME), lambda x: x["name"], "name")]
    addr_style = r.choice(["lines", "lines", "one", "none"])
    if r.random() < 0.9:
        cols.append((r.choice(S_PC), lambda x: x["pc"], "postcode"))
    if r.random() < 0.85:
        cols.append((r.choice(S_CRN), lambda x: x["crn"], "company_number"))
    opt = []
    if r.random() < 0.4:
        opt.append((r.choice(S_TRADING), lambda x: x["ta"], None))
    if addr_style == "lines":
        ln = r.choice([["Address Line 1", "Address Line 2"], ["Address 1", "Address 2"], ["Addr1", "Addr2"],
                       ["Street", "Locality"]])
        opt.append((ln[0], lambda x: x["a1"], None))
        opt.append((ln[1], lambda x: x["a2"], None))
        opt.append((r.choice(["Town", "Town/City", "City"]), lambda x: x["town"], None))
        if r.random() < 0.5:
            opt.append(("County", lambda x: x["county"], None))
    elif addr_style == "one":
        opt.append((r.choice(["Address", "Supplier Address", "Registered Address"]),
                    lambda x: f"{x['a1']}, {x['town']}", None))
    pool = [
        (r.choice(S_CHAR), lambda x: x["charity"]), (r.choice(S_VAT), lambda x: x["vat"]),
        (r.choice(S_EMP), lambda x: x["emp"]), (r.choice(S_TURN), lambda x: M(x["turn"])),
        (r.choice(S_SME), lambda x: x["sme"]), (r.choice(S_VCSE), lambda x: x["vcse"]),
        (r.choice(["Telephone", "Phone", "Tel No"]), lambda x: x["phone"]),
        (r.choice(["Email", "Email Address", "Remittance Email"]), lambda x: x["email"]),
        (r.choice(["Contact Name", "Contact"]), lambda x: x["contact"]),
        (r.choice(["Date Created", "Created On"]), lambda x: x["created"].strftime("%d/%m/%Y")),
        (r.choice(["Status", "Vendor Status"]), lambda x: x["status"]),
        (r.choice(["Payment Terms", "Terms"]), lambda x: x["terms"]),
        (r.choice(["Website", "Web Address"]), lambda x: x["web"]),
    ]
    picked = r.sample(pool, r.randint(0, len(pool)))
    cols += opt + [(h, f, None) for h, f in picked]
    keep_addr_order = True
    if r.random() < 0.6:
        # shuffle but keep address lines in order
        blocks = [[c] for c in cols if not c[0].startswith(("Address Line", "Address 1", "Address 2", "Addr", "Street", "Locality", "Town", "City", "County"))]
        addr = [c for c in cols if c not in [b[0] for b in blocks]]
        if addr:
            blocks.append(addr)
        r.shuffle(blocks)
        cols = [c for b in blocks for c in b]
    return _written(r, cols, rows, {})


def _written(r, cols, rows, truth, decorate=True):
    """(headers, data rows, truth, rng): each column's header as written (decorated, a repeat left out)
    and its cells, and the header each field is under."""
    headers, out_cols, seen = [], [], set()
    for h, f, fld in cols:
        hh = deco(r, h) if decorate else h
        if hh.strip().lower() in seen:
            continue
        seen.add(hh.strip().lower())
        headers.append(hh)
        out_cols.append((hh, f, fld))
        if fld:
            truth[fld] = hh
    data = [[f(x) for _, f, _ in out_cols] for x in rows]
    return headers, data, truth, r


# ---------------------------------------------------------------- writing

def gen_case(kind, seed, outdir):
    headers, data, truth, r = (gen_contracts if kind == "contracts" else gen_suppliers)(seed)
    title = None
    if r.random() < 0.3:
        title = r.choice(["Contracts Register" if kind == "contracts" else "Supplier Register",
                          "Lancashire County Council - Contracts over £5,000" if kind == "contracts" else "Vendor master extract",
                          "Published under the Local Government Transparency Code 2015"])
    xlsx = r.random() < 0.5
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, f"{kind}_{seed}." + ("xlsx" if xlsx else "csv"))
    lines = []
    if title:
        lines.append([title])
        if r.random() < 0.6:
            lines.append([])
    lines.append(headers)
    lines += data
    if xlsx:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Register"
        for ln in lines:
            ws.append(ln)
        wb.save(path)
    else:
        def s(v):
            if isinstance(v, dt.datetime):
                return v.strftime("%d/%m/%Y")
            if isinstance(v, float):
                return f"{v:.2f}"
            return v
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            for ln in lines:
                w.writerow([s(v) for v in ln])
    return path, {"fields": truth, "rows": len(data), "headers": headers,
                  "data": [[str(v) for v in row] for row in data[:2]], "xlsx": xlsx, "title": title}
