"""Spend files as UK public bodies publish them, generated with the truth known (a test fixture's maker).

``gen_case(seed, folder)`` writes one CSV or XLSX file and returns its truth: the headers of the
payment date, amount and supplier columns as written, the data lines (preamble, total line and
blank columns aside), their exact total and their payment dates. Seeded, so a seed is the same
file on every machine.

What varies, at random: the header's wording for each field, drawn from councils', police and
fire forces', NHS bodies' and departments' wordings, in any case and with their decorations
(``*``, ``(£)``, a trailing space, underscores, CamelCase, a non-breaking space); the columns'
order; columns beside the fields that hold numbers or dates and are not them (an invoice's date
beside the day paid, the VAT and the gross beside a net, cost centre codes, PO, charity and
company numbers, a supplier's town and type); dates in the UK's shapes (and real dates in a
workbook); amounts with commas, pound signs, and credits as ``-5``, ``(5)``, ``5-`` or ``5 CR``;
a title, a publication date and a blank line above the header; a total line under the lines;
blank columns after them; UTF-8, with or without its mark, or Windows-1252.

Only what a careful person reads one way is made: where an invoice's date stands beside the day
paid, the day paid says so ("Cheque/BACS Date", "Paid On"); where a VAT or gross column stands
beside the amount, the amount says it is the net.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
from decimal import Decimal, ROUND_HALF_UP

# ---------------------------------------------------------------------------------------------
# Pools

SUPPLIERS = [
    "Acme Office Supplies Ltd", "Bolton Plumbing & Heating Ltd", "Capita Business Services Ltd",
    "Serco Ltd", "Amey Community Ltd", "Kier Construction Ltd", "Balfour Beatty Group Ltd",
    "Northgate Public Services (UK) Ltd", "Civica UK Ltd", "Lyreco UK Ltd", "Banner Group Ltd",
    "Brake Bros Ltd", "BT Plc", "Vodafone Ltd", "EE Ltd", "Npower Ltd", "British Gas Business",
    "Total Gas & Power Ltd", "United Utilities Water Ltd", "Electricity North West Ltd",
    "Veolia ES (UK) Ltd", "Biffa Waste Services Ltd", "Sodexo Ltd", "Compass Contract Services (UK) Ltd",
    "G4S Secure Solutions (UK) Ltd", "Mitie Facilities Services Ltd", "ISS Facility Services Ltd",
    "Arriva North West Ltd", "Stagecoach Merseyside & South Lancashire", "Ringway Infrastructure Services Ltd",
    "Tarmac Trading Ltd", "Hanson UK", "Travis Perkins Trading Co Ltd", "Screwfix Direct Ltd",
    "Jewson Ltd", "Wolseley UK Ltd", "Dell Corporation Ltd", "Computacenter (UK) Ltd",
    "Softcat Plc", "Microsoft Ltd", "Oracle Corporation UK Ltd", "Phoenix Software Ltd",
    "Airwave Solutions Ltd", "Motorola Solutions UK Ltd", "Ford Motor Company Ltd",
    "Vauxhall Motors Ltd", "BMW (UK) Ltd", "Lex Autolease Ltd", "Allstar Business Solutions Ltd",
    "Certas Energy UK Ltd", "Emergency One (UK) Ltd", "Angloco Ltd", "Bristol Uniforms Ltd",
    "MSA (Britain) Ltd", "Draeger Safety UK Ltd", "Specsavers Optical Group Ltd",
    "Medacs Healthcare Plc", "Hays Specialist Recruitment Ltd", "Reed Specialist Recruitment Ltd",
    "Matrix SCM Ltd", "Comensura Ltd", "Pertemps Ltd", "Addleshaw Goddard LLP", "DWF Law LLP",
    "Hill Dickinson LLP", "Browne Jacobson LLP", "Weightmans LLP", "Grant Thornton UK LLP",
    "KPMG LLP", "Mazars LLP", "Deloitte LLP", "PricewaterhouseCoopers LLP", "Ernst & Young LLP",
    "Age UK Lancashire", "Barnardo's", "Victim Support", "The Salvation Army", "Shelter",
    "Mind in Salford", "Citizens Advice Lancashire West", "Groundwork Cheshire, Lancashire & Merseyside",
    "Smith, Jones & Partners LLP", "Harris, Patel and Co Ltd", "Brown, Green & Black Solicitors",
    "Johnson, Matthey Ltd", "Wilson, James & Sons Ltd", "Cooper, Parry Wright Ltd",
    "Fylde Coast Taxis Ltd", "Preston Care Homes Ltd", "Ribble Valley Nurseries Ltd",
    "Pendle Landscapes", "Lancaster Print & Design Ltd", "Blackburn Rovers Community Trust",
    "Westmorland Glass Co", "Morecambe Bay Security Services Ltd", "Chorley Electrical Contractors Ltd",
    "O'Brien Roofing Ltd", "St. Catherine's Hospice", "A & B Cleaning Services", "J. Smith Builders",
    "Ashworth's Bakery", "HM Revenue & Customs", "Blackpool Council", "Lancashire County Council",
    "NHS Business Services Authority", "Greater Manchester Combined Authority", "Home Office",
    "Cumbria Constabulary", "Merseyside Fire & Rescue Service", "University of Central Lancashire",
    "Royal Mail Group Ltd", "Post Office Ltd", "Zurich Municipal", "Aon UK Ltd", "Lloyds Bank Plc",
    "Barclays Bank UK Plc", "Public Works Loan Board", "Local Pensions Partnership Ltd",
    "3M United Kingdom Plc", "B&Q Plc", "Costain Ltd", "Eric Wright Construction Ltd",
    "Morgan Sindall Construction & Infrastructure Ltd", "Willmott Dixon Construction Ltd",
]
REDACTED = ["REDACTED", "Redacted Personal Data", "Personal Information", "REDACTED - PERSONAL DATA"]

DEPARTMENTS = [
    "Adult Social Care", "Children's Services", "Highways", "Waste Management", "Libraries",
    "Corporate Services", "Finance", "ICT", "Estates & Facilities", "Public Health", "Education",
    "Transport", "Planning", "Legal Services", "Human Resources", "Operational Policing",
    "Crime Command", "Fleet Services", "Estates", "Criminal Justice", "Professional Standards",
    "Fire Stations", "Prevention & Protection", "Training Centre", "Community Safety",
    "Surgery", "Pharmacy", "Estates and Facilities", "Medicine", "Women & Children",
    "Office of the PCC", "Digital Services", "Procurement", "Housing", "Leisure Services",
]
CATEGORIES = [
    "Stationery", "Legal Fees", "Repairs & Maintenance", "Building Maintenance", "Electricity",
    "Gas", "Water Charges", "Rents", "Rates", "Consultancy", "Agency Staff", "Computer Software",
    "Computer Hardware", "Telephones", "Vehicle Fuel", "Vehicle Repairs", "Vehicle Purchase",
    "Uniforms & Clothing", "Catering", "Cleaning", "Security", "Insurance", "Training",
    "Grants to Voluntary Organisations", "Residential Care", "Home Care", "Printing",
    "Postage", "Professional Fees", "Equipment Purchase", "Medical Supplies", "Drugs",
    "Subscriptions", "Travel Expenses", "Waste Disposal", "Hire of Plant", "Audit Fees",
]
PURPOSES = [
    "Supply of office stationery", "Annual software licence", "Reactive repairs", "Agency cover",
    "Quarterly electricity charge", "Legal advice re property", "Provision of residential care",
    "Training course fees", "Vehicle servicing", "Uniform issue", "Catering for event",
    "Cleaning contract monthly charge", "Consultancy support", "Replacement equipment",
    "Grant payment", "Annual subscription", "Waste collection", "Rent for quarter", "Printing of leaflets",
    "Fuel card charges", "Security patrols", "Insurance premium", "Laptop refresh", "Mobile phone charges",
]
BODIES = {
    "council": ["Lancashire County Council", "Blackpool Council", "Preston City Council", "Wigan Council",
                "Cumberland Council", "Bristol City Council", "Leeds City Council", "Kent County Council"],
    "police": ["Lancashire Constabulary", "Police and Crime Commissioner for Lancashire", "Cumbria Constabulary",
               "Merseyside Police", "Greater Manchester Police", "Thames Valley Police"],
    "fire": ["Lancashire Fire and Rescue Service", "Merseyside Fire & Rescue Authority",
             "Cumbria Fire and Rescue Service", "West Yorkshire Fire and Rescue Authority"],
    "nhs": ["Lancashire Teaching Hospitals NHS Foundation Trust", "NHS Lancashire and South Cumbria ICB",
            "Blackpool Teaching Hospitals NHS Foundation Trust", "Leeds Teaching Hospitals NHS Trust"],
    "gov": ["Department for Education", "Ministry of Justice", "Home Office", "Department for Transport",
            "Cabinet Office", "HM Treasury", "Department of Health and Social Care"],
}
BODY_CODES = ["E10000017", "E06000009", "E07000123", "E08000010", "E10000016", "PCC-LANCS"]

# ---- header pools (per field) ----
H_AMOUNT_PLAIN = ["Amount", "Amount (£)", "Amount £", "Value £", "Value (£)", "Total", "Payment Amount",
                  "Amount Paid", "Spend", "Value", "Line Amount", "£", "Transaction Amount", "Amount GBP",
                  "Paid Amount", "Sum of Amount", "Expenditure", "Total Amount", "Spend Amount", "Amount in Sterling",
                  "Invoice Line Amount", "Payment Value", "Total Value", "AMOUNT", "Amt",
                  "Invoice Amount", "Expenditure Amount", "Value of Payment", "Payment Value (£)", "Transaction Value",
                  "Cost", "Amount Paid (£)", "Sum", "Amount Spent", "Spend (£)", "Value Paid", "Amount £'s"]
H_AMOUNT_NET = ["Net Amount", "Net Value", "Net Amount (£)", "Invoice Amount (excl VAT)", "Amount excl VAT",
                "Amount (excluding VAT)", "Net £", "Net", "Amount Ex VAT", "Net Spend", "Value excl. VAT",
                "Net Payment Amount", "Amount Exc VAT (£)", "Net Invoice Value", "Net Total",
                "Net Cost", "Amount (exc. VAT)", "Excl VAT £", "Net Amount Paid", "Total Net", "Net Value (£)",
                "Amount Excluding VAT", "Net Line Amount", "Value Ex VAT"]
H_VAT = ["VAT", "VAT Amount", "VAT (£)", "VAT Value", "Vat Amount £", "Tax Amount"]
H_GROSS = ["Gross Amount", "Gross", "Gross Value (£)", "Total inc VAT", "Amount incl VAT", "Gross Total"]

H_SUPPLIER = ["Supplier Name", "Supplier", "Payee", "Vendor Name", "Beneficiary", "Creditor Name",
              "Merchant Name", "Paid To", "Supplier/Payee Name", "Payee Name", "Vendor", "Creditor",
              "Supplier Name (Payee)", "Name of Supplier", "Recipient", "Recipient Name", "Supplier Full Name",
              "Beneficiary Name", "Suppliers", "SUPPLIER NAME", "Trading Name", "Contractor",
              "Name of Payee", "Payee Details", "Supplier Details", "Company Name", "Vendor Full Name",
              "Paid To (Supplier)", "Third Party Name", "Supplier Name(s)", "Creditor Name / Payee", "Supplier Name/Payee"]
# a date header that says it is the day of payment (used when an invoice date sits beside it)
H_DATE_PAY = ["Payment Date", "Date Paid", "Paid Date", "Pay Date", "Invoice Payment Date", "Date of Payment",
              "Payment Made Date", "Cheque Date", "Payment Run Date", "Date Payment Made", "Pmt Date",
              "Paid On", "Payment Issue Date", "BACS Date", "Cheque/BACS Date", "Date Cleared", "Payment Processed Date",
              "Date of Cheque/BACS", "Paid Date (dd/mm/yyyy)", "Payment Date (DD/MM/YYYY)"]
H_DATE_OTHER = ["Date", "Transaction Date", "Posting Date", "Trans Date", "Date of Transaction", "Posted Date",
                "Clearing Date", "Process Date"]
H_INVOICE_DATE = ["Invoice Date", "Inv Date", "Date of Invoice", "Invoice Received Date", "Document Date",
                  "Date Invoice Received", "Order Date", "Due Date", "Goods Received Date", "Invoice Dated", "Tax Point Date",
                  "Date Received", "Invoice Posted Date"]

H_DEPARTMENT = ["Service Area", "Directorate", "Service", "Department", "Cost Centre", "Expense Area",
                "Service Division", "Business Unit", "Portfolio", "Division", "Cost Centre Name",
                "Service Area Description", "Department Name", "Responsible Unit", "Team", "Service Label"]
H_CATEGORY = ["Expense Type", "Expenditure Category", "Account Description", "Expense Description",
              "Category", "Subjective Description", "Spend Category", "Expenditure Type", "Type of Expenditure",
              "Nominal Description", "Account Name", "Procurement Category", "Expense Category", "Subjective",
              "Proclass Description", "Category of Spend"]
H_DESCRIPTION = ["Purpose of Spend", "Narrative", "Description", "Purpose", "Details", "Line Description",
                 "Transaction Description", "Item Description", "Summary of Purpose", "Comments",
                 "Purpose of Expenditure", "Invoice Description"]
H_REF = ["Transaction Number", "Document No", "Transaction Ref", "Transaction ID", "Payment Reference",
         "Voucher Number", "Doc No.", "Transaction No", "Payment Ref", "Reference", "Unique Transaction ID",
         "Journal Number", "Document Number"]
H_INVOICE_NO = ["Invoice Number", "Invoice No", "Invoice Ref", "Supplier Invoice Number", "Inv No."]
H_SUPPLIER_ID = ["Supplier ID", "Vendor Number", "Supplier Number", "Supplier Code", "Supplier Ref",
                 "Creditor Number", "Vendor ID", "Payee ID", "Supplier No"]
H_VAT_NO = ["VAT Reg No", "VAT Registration Number", "Supplier VAT Number", "VAT Number", "VAT Reg. No."]
H_BODY = ["Organisation Name", "Body Name", "Body", "Organisation", "Authority", "Entity",
          "Name of Body", "Local Authority"]
H_BODY_CODE = ["Organisation Code", "Body Code", "ONS Code", "Organisation URI"]
H_DEPT_FAMILY = ["Department Family", "Dept Family", "Departmental Family"]
H_COST_CENTRE_CODE = ["Cost Centre Code", "Cost Centre No", "CC Code", "Cost Code", "Service Area Code"]
H_CATEGORY_CODE = ["Account Code", "Expense Code", "Subjective Code", "GL Code", "Nominal Code",
                   "Proclass Code", "Expenditure Code"]
H_POSTCODE = ["Supplier Postcode", "Postcode", "Supplier Post Code"]
H_ADDRESS = ["Supplier Address", "Supplier Town", "Address", "Supplier Town/City"]
H_SUPPLIER_TYPE = ["Supplier Type", "Vendor Type", "Supplier Classification"]
H_PAY_METHOD = ["Payment Method", "Payment Type", "Method of Payment"]
H_FY = ["Financial Year", "Fin Year", "Year"]
H_PERIOD = ["Period", "Accounting Period", "Month", "Financial Period"]
H_PO = ["Purchase Order Number", "PO Number", "Order Number", "PO No"]
H_CHARITY = ["Charity Number", "Registered Charity Number"]
H_COMPANY = ["Company Registration Number", "Companies House Number", "Company Number"]

# ---------------------------------------------------------------------------------------------
# Helpers


def money2(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def decorate(rng: random.Random, h: str, is_amount=False) -> str:
    """Vary a header's case and decorations, keeping its words."""
    r = rng.random()
    if r < 0.15:
        h = h.upper()
    elif r < 0.22:
        h = h.lower()
    elif r < 0.30:
        h = h.title() if "'" not in h else h
    r = rng.random()
    if r < 0.05:
        h = "*" + h
    elif r < 0.10:
        h = h + " *"
    elif r < 0.14:
        h = h + " "
    elif r < 0.17:
        h = " " + h
    elif r < 0.20 and " " in h and "/" not in h and "(" not in h:
        h = h.replace(" ", "_")
    elif r < 0.23 and " " in h and "/" not in h and "(" not in h and "." not in h:
        h = "".join(w[:1].upper() + w[1:] for w in h.split(" "))  # CamelCase
    if is_amount and "£" not in h and rng.random() < 0.15:
        h = h + " (£)"
    if " " in h.strip() and rng.random() < 0.03:
        h = h.replace(" ", "\u00a0", 1)  # a non-breaking space, from a web page's table
    return h


def norm_header(h: str) -> str:
    return " ".join((h or "").split()).lower()


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def fmt_date(d: dt.date, style: str) -> str:
    if style == "dmy":
        return d.strftime("%d/%m/%Y")
    if style == "dmy_short":
        return f"{d.day}/{d.month}/{d.year % 100:02d}"
    if style == "dmy_nopad":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmony":
        return d.strftime("%d-%b-%Y")
    if style == "dmony_short":
        return d.strftime("%d-%b-%y")
    if style == "long":
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    if style == "dmy_time":
        return d.strftime("%d/%m/%Y") + " 00:00"
    if style == "dmy_time_s":
        return d.strftime("%d/%m/%Y") + " 00:00:00"
    if style == "iso_time":
        return d.isoformat() + " 00:00:00"
    raise ValueError(style)


DATE_STYLES = ["dmy"] * 6 + ["dmy_short", "dmy_nopad", "iso", "iso", "dmony", "dmony", "dmony_short", "long",
                             "dot", "dmy_time", "dmy_time_s", "iso_time"]


def fmt_amount(a: Decimal, style: str, neg: str, cr_sep: str = " ") -> str:
    """One amount as written: style of the number, neg = how a credit is written ("cr": after it,
    ``cr_sep`` between)."""
    if neg == "cr" and a < 0:
        return fmt_amount(-a, style, neg) + cr_sep + "CR"
    x = abs(a)
    if style == "plain":
        s = f"{x:.2f}"
    elif style == "comma":
        s = f"{x:,.2f}"
    elif style == "pound":
        s = f"£{x:,.2f}"
    elif style == "pound_plain":
        s = f"£{x:.2f}"
    elif style == "general":  # Excel "General" export: trailing zeros dropped
        s = f"{x:.2f}".rstrip("0").rstrip(".")
    else:
        raise ValueError(style)
    if a >= 0:
        return s
    if neg == "minus":
        return "-" + s
    if neg == "paren":
        return f"({s})"
    if neg == "trail":
        return s + "-"
    raise ValueError(neg)


AMOUNT_STYLES = ["plain"] * 4 + ["comma"] * 3 + ["pound"] * 2 + ["pound_plain", "general", "general"]


def rand_amount(rng: random.Random) -> Decimal:
    r = rng.random()
    if r < 0.6:
        v = rng.uniform(500, 5000)
    elif r < 0.9:
        v = rng.uniform(5000, 60000)
    elif r < 0.98:
        v = rng.uniform(60000, 500000)
    else:
        v = rng.uniform(500000, 2500000)
    if rng.random() < 0.1:
        v = round(v)  # whole pounds
    return money2(v)


def period_for(rng: random.Random):
    """A month or a quarter of a financial year: (start, end, label words)."""
    fy = rng.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025])
    if rng.random() < 0.8:
        m = rng.randrange(12)
        month = (3 + m) % 12 + 1
        year = fy if month >= 4 else fy + 1
        start = dt.date(year, month, 1)
        end = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        return start, end, "month"
    q = rng.randrange(4)
    month = 4 + 3 * q
    year = fy if month <= 12 else fy + 1
    if month > 12:
        month -= 12
    start = dt.date(year, month, 1)
    em = month + 2
    end = (dt.date(year + (em == 12), em % 12 + 1, 1) - dt.timedelta(days=1))
    return start, end, "quarter"


def period_words(start, end, kind, rng):
    if kind == "month":
        return rng.choice([f"{_MONTHS[start.month - 1]} {start.year}", f"{start.strftime('%b')} {start.year}",
                           f"{start.strftime('%B %Y')}", f"{start.strftime('%b-%y')}"])
    fy = start.year if start.month >= 4 else start.year - 1
    qn = ((start.month - 4) % 12) // 3 + 1
    return rng.choice([f"Q{qn} {fy}/{(fy + 1) % 100:02d}",
                       f"{start.strftime('%B')} to {end.strftime('%B %Y')}",
                       f"{start.strftime('%d/%m/%Y')} to {end.strftime('%d/%m/%Y')}"])


def working_days(start, end):
    d = start
    out = []
    while d <= end:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


# ---------------------------------------------------------------------------------------------
# The case


def gen_case(seed: int, outdir: str) -> dict:
    rng = random.Random(seed)
    sector = rng.choice(["council", "council", "police", "fire", "nhs", "gov"])
    body = rng.choice(BODIES[sector])
    start, end, pkind = period_for(rng)
    n = rng.choice([rng.randint(5, 30), rng.randint(30, 120), rng.randint(120, 300)])
    xlsx = rng.random() < 0.25

    used_norm: set[str] = set()

    def pick(pool, is_amount=False):
        for _ in range(50):
            h = decorate(rng, rng.choice(pool), is_amount)
            k = norm_header(h).strip("* ").replace("_", " ")
            if k and k not in used_norm:
                used_norm.add(k)
                return h
        raise RuntimeError("no free header")

    # --- the lines' content ---
    days = working_days(start, end)
    pay_days = sorted(rng.choice(days) for _ in range(n)) if rng.random() < 0.7 else [rng.choice(days) for _ in range(n)]
    sup_pool = rng.sample(SUPPLIERS, k=min(len(SUPPLIERS), rng.randint(max(3, n // 6), max(4, n // 2 + 3))))
    redact = rng.random() < 0.15
    suppliers = []
    for _ in range(n):
        if redact and rng.random() < 0.05:
            suppliers.append(rng.choice(REDACTED))
        else:
            suppliers.append(rng.choice(sup_pool))
    credit_share = rng.choice([0, 0, 0.02, 0.05, 0.1])
    amounts = []
    for _ in range(n):
        a = rand_amount(rng)
        if rng.random() < credit_share:
            a = -money2(rng.uniform(20, 5000))
        amounts.append(a)
    vat_rate = [rng.choice([Decimal("0.2")] * 4 + [Decimal("0")]) for _ in range(n)]
    vats = [money2(a * r) for a, r in zip(amounts, vat_rate)]
    supplier_ids = {s: str(rng.randint(100000, 999999)) if rng.random() < 0.5 else f"V{rng.randint(10000, 99999)}"
                    for s in SUPPLIERS + REDACTED}
    vat_nos = {s: (f"GB{rng.randint(100000000, 999999999)}" if rng.random() < 0.5 else
                   str(rng.randint(100000000, 999999999))) if rng.random() < 0.8 else "" for s in SUPPLIERS + REDACTED}
    ref0 = rng.randint(1000000, 9000000)
    refs, r = [], ref0
    for _ in range(n):
        r += rng.randint(1, 3)
        refs.append(str(r))
    if rng.random() < 0.3:
        pre = rng.choice(["PAY", "INV", "AP", "T"])
        refs = [pre + r for r in refs]
    depts = [rng.choice(DEPARTMENTS) for _ in range(n)]
    cats = [rng.choice(CATEGORIES) for _ in range(n)]
    cat_code = {c: str(rng.randint(10000, 99999)) for c in CATEGORIES}
    dept_code = {d: rng.choice(["", "C", "CC"]) + str(rng.randint(1000, 9999)) for d in DEPARTMENTS}
    purposes = [rng.choice(PURPOSES) for _ in range(n)]

    # --- the columns: (header, role, values) ---
    cols: list[tuple[str, str, list]] = []

    # amount (and money distractors)
    money_mode = rng.choice(["plain"] * 5 + ["net_vat"] * 2 + ["net_vat_gross"])
    if money_mode == "plain":
        amount_h = pick(H_AMOUNT_PLAIN, True)
    else:
        amount_h = pick(H_AMOUNT_NET, True)
    cols.append((amount_h, "amount", amounts))
    if money_mode in ("net_vat", "net_vat_gross"):
        cols.append((pick(H_VAT), "vat", vats))
    if money_mode == "net_vat_gross":
        cols.append((pick(H_GROSS), "gross", [a + v for a, v in zip(amounts, vats)]))

    # payment date (and an invoice date)
    inv_date = rng.random() < 0.3
    if inv_date:
        date_h = pick(H_DATE_PAY)
        inv_days = [d - dt.timedelta(days=rng.randint(3, 60)) for d in pay_days]
        cols.append((pick(H_INVOICE_DATE), "invoice_date", inv_days))
    else:
        date_h = pick(H_DATE_PAY + H_DATE_OTHER)
    cols.append((date_h, "date", pay_days))

    supplier_h = pick(H_SUPPLIER)
    cols.append((supplier_h, "supplier", suppliers))

    # optional columns
    def maybe(p, pool, role, values):
        if rng.random() < p:
            cols.append((pick(pool), role, values))

    if sector == "gov" or sector == "nhs":
        maybe(0.7, H_DEPT_FAMILY, "dept_family", [rng.choice(["Department for Education", "Department of Health"])] * n)
    maybe(0.5, H_BODY, "body", [body] * n)
    maybe(0.15, H_BODY_CODE, "body_code", [rng.choice(BODY_CODES)] * n)
    maybe(0.75, H_DEPARTMENT, "department", depts)
    maybe(0.3, H_COST_CENTRE_CODE, "cost_centre_code", [dept_code[d] for d in depts])
    maybe(0.8, H_CATEGORY, "category", cats)
    maybe(0.3, H_CATEGORY_CODE, "category_code", [cat_code[c] for c in cats])
    maybe(0.5, H_DESCRIPTION, "description", purposes)
    maybe(0.7, H_REF, "ref", refs)
    maybe(0.25, H_INVOICE_NO, "invoice_no", [rng.choice(["", "INV-", "SI"]) + str(rng.randint(1000, 999999)) for _ in range(n)])
    maybe(0.4, H_SUPPLIER_ID, "supplier_id", [supplier_ids[s] for s in suppliers])
    maybe(0.2, H_VAT_NO, "vat_no", [vat_nos[s] for s in suppliers])
    maybe(0.1, H_POSTCODE, "postcode", [rng.choice(["PR1 8XJ", "BB1 7DT", "M1 1AE", "LA1 4YW", "FY1 3AH", "L3 9PP"]) for _ in range(n)])
    maybe(0.06, H_ADDRESS, "address", [rng.choice(["1 Market Street, Preston", "Unit 4, Riverside Park", "Blackburn",
                                                   "22 High St, Lancaster", "Manchester", "PO Box 123, Leeds"]) for _ in range(n)])
    maybe(0.1, H_SUPPLIER_TYPE, "supplier_type", [rng.choice(["SME", "Non-SME", "VCSE", "Public Sector"]) for _ in range(n)])
    maybe(0.1, H_PAY_METHOD, "pay_method", [rng.choice(["BACS", "BACS", "Cheque", "CHAPS", "Purchase Card"]) for _ in range(n)])
    fy = start.year if start.month >= 4 else start.year - 1
    maybe(0.1, H_FY, "fy", [f"{fy}/{(fy + 1) % 100:02d}"] * n)
    if rng.random() < 0.1:
        ph = pick(H_PERIOD)
        if "month" in ph.lower():
            cols.append((ph, "period", [d.strftime("%b-%y") for d in pay_days]))
        else:
            cols.append((ph, "period", [str((d.month - 4) % 12 + 1) for d in pay_days]))
    maybe(0.1, H_PO, "po", [(str(rng.randint(4500000000, 4509999999)) if rng.random() < 0.8 else "") for _ in range(n)])
    maybe(0.05, H_CHARITY, "charity", [(str(rng.randint(200000, 1199999)) if rng.random() < 0.1 else "") for _ in range(n)])
    maybe(0.05, H_COMPANY, "company", [(f"{rng.randint(100000, 15999999):08d}" if rng.random() < 0.7 else "") for _ in range(n)])

    # order: typical templates first, then shuffled
    order_style = rng.random()
    if order_style < 0.5:
        rng.shuffle(cols)
    else:
        pref = ["body", "body_code", "dept_family", "department", "cost_centre_code", "category", "category_code",
                "date", "invoice_date", "ref", "invoice_no", "po", "supplier", "supplier_id", "vat_no", "postcode",
                "address", "supplier_type", "description", "amount", "vat", "gross", "pay_method", "fy", "period",
                "charity", "company"]
        if order_style < 0.75:
            head = pref[:7]
            rng.shuffle(head)
            pref[:7] = head
        cols.sort(key=lambda c: pref.index(c[1]) + rng.random() * 2)

    date_style = rng.choice(DATE_STYLES)
    amount_style = rng.choice(AMOUNT_STYLES)
    neg_style = rng.choice(["minus", "minus", "minus", "paren", "paren", "trail", "cr"])
    cr_sep = rng.choice([" ", ""])

    def amount_text(v):
        return fmt_amount(v, amount_style, neg_style, cr_sep)
    xlsx_text_amounts = xlsx and rng.random() < 0.15  # amounts stored as text in the workbook
    xlsx_wrap_headers = xlsx and rng.random() < 0.1    # a header cell written on two lines
    # a trailing "-" on a bare number that might be read as a date fragment: keep to money shapes
    xlsx_text_dates = xlsx and rng.random() < 0.2
    xlsx_int_ids = xlsx and rng.random() < 0.5  # numeric codes stored as numbers in a workbook

    # --- preamble, totals, blanks ---
    preamble = []
    if rng.random() < 0.3:
        preamble.append(body)
        title = rng.choice(["Expenditure over £500", "Spend over £500", "Payments to suppliers over £500",
                            "Transparency report - payments over £500", "Spending over £25,000",
                            "Expenditure Transparency Report"])
        preamble.append(f"{title} - {period_words(start, end, pkind, rng)}")
        if rng.random() < 0.5:
            pub = end + dt.timedelta(days=rng.randint(10, 40))
            preamble.append(f"Published: {pub.strftime('%d/%m/%Y')}" if rng.random() < 0.5
                            else f"Date published: {pub.day} {_MONTHS[pub.month - 1]} {pub.year}")
        if rng.random() < 0.7:
            preamble.append("")
    total_line = rng.random() < 0.2
    blank_cols = rng.randint(1, 4) if rng.random() < 0.15 else 0
    blank_cols_header = rng.random() < 0.5  # blank trailing columns have blank headers, else "Column1"...

    headers = [c[0] for c in cols]
    ci = {c[1]: i for i, c in enumerate(cols)}

    truth = {
        "seed": seed, "sector": sector, "xlsx": xlsx,
        "payment_date": date_h, "amount": amount_h, "supplier_name": supplier_h,
        "lines": n, "total": str(sum(amounts, Decimal(0))),
        "dates": [d.isoformat() for d in pay_days],
        "date_style": "xlsx_date" if xlsx and not xlsx_text_dates else date_style,
        "amount_style": ("xlsx_text:" + amount_style if xlsx_text_amounts else "xlsx_number") if xlsx else amount_style,
        "xlsx_wrap_headers": xlsx_wrap_headers, "neg_style": neg_style,
        "money_mode": money_mode, "preamble": len(preamble), "total_line": total_line, "blank_cols": blank_cols,
        "headers": headers,
    }

    # period in file name sometimes
    name_style = rng.random()
    if name_style < 0.4:
        base = f"case_{seed:05d}"
    elif pkind == "month":
        base = rng.choice([f"spend-over-500-{start.strftime('%Y-%m')}", f"Transparency_{start.strftime('%b%y')}",
                           f"expenditure_{start.strftime('%B_%Y').lower()}"]) + f"_{seed}"
    else:
        base = f"spend_q{((start.month - 4) % 12) // 3 + 1}_{fy}_{(fy + 1) % 100:02d}_{seed}"
    ext = ".xlsx" if xlsx else ".csv"
    path = os.path.join(outdir, base + ext)
    truth["path"] = path

    def cell_text(role, v):
        if role in ("amount", "vat", "gross"):
            return amount_text(v)
        if role in ("date", "invoice_date"):
            return fmt_date(v, date_style)
        return v

    if not xlsx:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=rng.choice(["\r\n", "\n"]))
        width = len(headers) + blank_cols
        pad_pre = rng.random() < 0.5  # preamble lines padded with commas to the width (Excel export)
        for p in preamble:
            w.writerow([p] + ([""] * (width - 1) if pad_pre else []))
        extra_h = [("" if blank_cols_header else f"Column{len(headers) + k + 1}") for k in range(blank_cols)]
        w.writerow(headers + extra_h)
        for i in range(n):
            w.writerow([cell_text(c[1], c[2][i]) for c in cols] + [""] * blank_cols)
        if total_line:
            row = [""] * width
            tot = sum(amounts, Decimal(0))
            row[ci["amount"]] = amount_text(tot)
            if "vat" in ci:
                row[ci["vat"]] = amount_text(sum(vats, Decimal(0)))
            if "gross" in ci:
                row[ci["gross"]] = amount_text(sum(amounts, Decimal(0)) + sum(vats, Decimal(0)))
            lab = 0 if ci["amount"] != 0 else 1
            row[lab] = rng.choice(["Total", "TOTAL", "Grand Total", "Total Spend"])
            w.writerow(row)
        data = buf.getvalue()
        enc = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252"])
        with open(path, "w", encoding=enc, newline="") as f:
            f.write(data)
        truth["encoding"] = enc
    else:
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = rng.choice(["Sheet1", "Spend", "Data", f"{start.strftime('%b %Y')}", "Report"])
        for p in preamble:
            ws.append([p if p else None])
        extra_h = [(None if blank_cols_header else f"Column{len(headers) + k + 1}") for k in range(blank_cols)]
        if xlsx_wrap_headers:
            ws.append([h.replace(" ", "\n", 1) if h.count(" ") >= 1 and len(h) > 10 else h for h in headers] + extra_h)
        else:
            ws.append(headers + extra_h)
        date_fmt = rng.choice(["dd/mm/yyyy", "dd/mm/yyyy", "d-mmm-yy", "yyyy-mm-dd", "dd-mmm-yyyy", "d mmmm yyyy"])
        num_fmt = rng.choice(["#,##0.00", "0.00", "General", '"£"#,##0.00', "#,##0.00;(#,##0.00)",
                              "£#,##0.00;[Red]-£#,##0.00"])
        for i in range(n):
            row = []
            for c in cols:
                v = c[2][i]
                if c[1] in ("amount", "vat", "gross"):
                    row.append(amount_text(v) if xlsx_text_amounts else float(v))
                elif c[1] in ("date", "invoice_date"):
                    row.append(fmt_date(v, date_style) if xlsx_text_dates else dt.datetime(v.year, v.month, v.day))
                elif c[1] in ("ref", "supplier_id", "cost_centre_code", "category_code", "invoice_no", "po",
                              "period") and v.isdigit() and xlsx_int_ids:
                    row.append(int(v))
                else:
                    row.append(v if v != "" else None)
            ws.append(row + [None] * blank_cols)
            r = ws.max_row
            for j, c in enumerate(cols):
                if c[1] in ("amount", "vat", "gross"):
                    ws.cell(r, j + 1).number_format = num_fmt
                elif c[1] in ("date", "invoice_date") and not xlsx_text_dates:
                    ws.cell(r, j + 1).number_format = date_fmt
        if total_line:
            row = [None] * (len(headers) + blank_cols)
            row[ci["amount"]] = float(sum(amounts, Decimal(0)))
            if "vat" in ci:
                row[ci["vat"]] = float(sum(vats, Decimal(0)))
            if "gross" in ci:
                row[ci["gross"]] = float(sum(amounts, Decimal(0)) + sum(vats, Decimal(0)))
            lab = 0 if ci["amount"] != 0 else 1
            row[lab] = rng.choice(["Total", "TOTAL", "Grand Total"])
            ws.append(row)
        wb.save(path)
        truth["num_fmt"] = num_fmt
        truth["xlsx_date_fmt"] = date_fmt
    truth["numeric_cols_as_int"] = bool(xlsx and xlsx_int_ids)
    return truth

