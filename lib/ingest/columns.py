"""Find the header row and map a file's columns onto the store's fields.

Synonyms cover every header in the shared corpus's SOURCES.md and the Local Government
Transparency Code fields. A header is compared in normalised form: lower case, letters and
digits only ("Net Amount(£)" → "netamount").
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Field → synonyms in order of preference (the first one present wins).
SPEND_FIELDS: dict[str, list[str]] = {
    "payment_date": ["paymentdate", "paiddate", "datepaid", "dateofpayment", "transactiondate",
                     "date", "postingdate", "paymentdt", "effectivedate"],
    "amount": ["amount", "netamount", "amountpaid", "paymentamount", "amountgbp", "netamountgbp",
               "amountexclvat", "amountexvat", "netvalue", "value", "totalamount", "amountinsterling",
               "lineamount", "spend", "expenditure"],
    "supplier_name": ["suppliername", "supplier", "beneficiaryname", "beneficiary", "payeename", "payee",
                      "vendorname", "vendor", "creditorname", "creditor", "recipientname", "recipient",
                      "merchantname", "merchant", "name", "suppliername1"],
    "supplier_id": ["supplierid", "suppliernumber", "supplierno", "suppliercode", "supplierref",
                    "beneficiaryotherid", "beneficiaryid", "vendorid", "vendornumber", "creditorid",
                    "creditornumber", "payeeid"],
    "vat_number": ["vatregistrationnumber", "vatregno", "vatregnumber", "vatnumber", "vatno",
                   "suppliervatnumber", "vatreg", "vatregistrationno"],
    "department": ["expensearea", "department", "departmentarea", "directorate", "servicearea",
                   "service", "organisationalunit", "servicecostcentre", "costcentrename",
                   "costcentre", "costcentrecode", "servicedivision", "division", "businessunit"],
    "category": ["expensetype", "expendituretype", "expenditurecategory", "accountdetail",
                 "category", "spendcategory", "proclasslabel", "merchantcategory", "accountcode",
                 "accountname", "subjective", "subjectivedescription", "purpose"],
    "category_code": ["expensecode", "expenditurecode", "categorycode", "proclasscode",
                      "accountcode", "subjectivecode", "costcode", "merchantcategorycode", "glcode"],
    "description": ["description", "purpose", "narrative", "details", "transactiondescription",
                    "linedescription", "summaryofpurpose", "purposeofexpenditure"],
    "transaction_ref": ["transactionnumber", "transactionno", "transno", "transactionref",
                        "transactionreference", "transactionid", "hbcrefno", "paymentreference",
                        "paymentref", "documentnumber", "reference", "ref", "invoicenumber"],
    "body": ["nameofbody", "bodyname", "organisationlabel", "organisationname", "body", "client",
             "organisation", "authority"],
    "irrecoverable_vat": ["irrecoverablevatamount", "irrecoverablevat"],
    # the month a line belongs to, for files that give no day (parse_period reads it)
    "period": ["period", "accountingperiod", "financialperiod", "postingperiod", "paymentperiod"],
}

REQUIRED = ("amount", "supplier_name", "payment_date")

FIELD_LABELS = {
    "payment_date": "Payment date", "amount": "Amount", "supplier_name": "Supplier name",
    "supplier_id": "Supplier ID", "vat_number": "VAT number", "department": "Department",
    "category": "Category / expense type", "category_code": "Category code",
    "description": "Description / purpose", "transaction_ref": "Transaction reference",
    "body": "Body", "irrecoverable_vat": "Irrecoverable VAT", "period": "Period (month)",
}

# Fields whose values are text names: with duplicate headers, the column with more letters wins.
_NAME_FIELDS = {"department", "category", "description", "body", "name", "title", "project"}
_CODE_FIELDS = {"category_code"}


@dataclass(frozen=True)
class Kind:
    """What one kind of file holds: its fields (with synonyms, in order of preference), which are
    required, how each is parsed (text, money, date, int, pct, bool) and where rows are stored."""
    name: str
    fields: dict
    required: tuple
    labels: dict
    types: dict
    table: str

    @property
    def synonyms(self) -> frozenset:
        return frozenset(s for syns in self.fields.values() for s in syns)


SPEND = Kind("spend", SPEND_FIELDS, REQUIRED, FIELD_LABELS,
             {"payment_date": "date", "amount": "money", "irrecoverable_vat": "money"}, "transactions")

SUPPLIERS = Kind(
    "suppliers",
    {
        "supplier_id": ["supplierid", "suppliernumber", "supplierno", "suppliercode", "supplierref", "vendorid", "id"],
        "name": ["suppliername", "name", "supplier", "companyname", "organisationname", "vendorname", "tradingname"],
        "postcode": ["postcode", "supplierpostcode", "postalcode", "pcode", "zip", "zipcode"],
        "company_number": ["companynumber", "companyno", "companieshousenumber", "crn", "companyregistrationnumber",
                           "registrationnumber"],
        "charity_number": ["charitynumber", "charityno", "registeredcharitynumber", "charityregistrationnumber"],
        "vat_number": ["vatnumber", "vatregistrationnumber", "vatregno", "vatno", "vatreg"],
        "employees": ["employees", "numberofemployees", "noofemployees", "staff", "headcount", "staffnumbers"],
        "turnover": ["turnover", "annualturnover", "turnovergbp"],
        "balance_sheet": ["balancesheettotal", "balancesheet", "totalassets"],
        "vcse_type": ["vcsetype", "vcse", "organisationtype", "legalform", "entitytype"],
        "country": ["country", "countryname"],
        "sole_trader": ["soletrader", "individual", "isindividual"],
        "delivers_locally": ["deliverslocally", "localdelivery", "lancashiresite", "localsite"],
        "delivers_locally_reason": ["deliverslocallyreason", "localdeliveryreason", "localreason"],
    },
    ("name",),
    {"supplier_id": "Supplier ID", "name": "Supplier name", "postcode": "Postcode", "company_number": "Company number",
     "charity_number": "Charity number", "vat_number": "VAT number", "employees": "Employees", "turnover": "Turnover",
     "balance_sheet": "Balance sheet total", "vcse_type": "VCSE type", "country": "Country",
     "sole_trader": "Sole trader", "delivers_locally": "Delivers locally",
     "delivers_locally_reason": "Reason it delivers locally"},
    {"employees": "int", "turnover": "money", "balance_sheet": "money", "sole_trader": "bool",
     "delivers_locally": "bool"},
    "supplier_register",
)

CONTRACTS = Kind(
    "contracts",
    {
        "reference": ["contractreference", "contractref", "contractid", "contractnumber", "reference", "ref"],
        "title": ["title", "contracttitle", "contractname", "description"],
        "supplier_id": ["supplierid", "suppliernumber", "supplierno", "suppliercode"],
        "supplier_name": ["suppliername", "supplier", "contractor", "provider", "awardedto"],
        "start_date": ["startdate", "contractstartdate", "contractstart", "start", "commencementdate"],
        "end_date": ["enddate", "contractenddate", "contractend", "end", "expirydate"],
        "value": ["contractvalue", "value", "totalvalue", "estimatedvalue", "totalcontractvalue"],
        "route": ["routetomarket", "route", "framework", "procurementroute", "buyingorganisation"],
        "collaborative": ["collaborative", "collaborativearrangement", "collaboration"],
        "category": ["category", "procurementcategory"],
        "quality_pct": ["qualityweighting", "qualityweightingpct", "quality", "qualitypct"],
        "social_value_pct": ["socialvalueweighting", "socialvalueweightingpct", "socialvalue", "socialvaluepct"],
    },
    ("reference", "supplier_name", "start_date"),
    {"reference": "Contract reference", "title": "Title", "supplier_id": "Supplier ID", "supplier_name": "Supplier name",
     "start_date": "Start date", "end_date": "End date", "value": "Contract value", "route": "Route to market",
     "collaborative": "Collaborative", "category": "Category", "quality_pct": "Quality weighting %",
     "social_value_pct": "Social value weighting % (of quality)"},
    {"start_date": "date", "end_date": "date", "value": "money", "collaborative": "bool", "quality_pct": "pct",
     "social_value_pct": "pct"},
    "contracts",
)

SAVINGS = Kind(
    "savings",
    {
        "project": ["project", "projectname", "procurementproject", "description"],
        "fy": ["financialyear", "fy", "year"],
        "category": ["category", "procurementcategory"],
        "saving_type": ["type", "savingtype", "savingstype", "cashablenoncashable", "cashable"],
        "amount": ["amount", "saving", "savings", "savingamount", "value"],
        "recorded_on": ["daterecorded", "recordedon", "date", "recorded"],
    },
    ("project", "amount"),
    {"project": "Project", "fy": "Financial year", "category": "Category", "saving_type": "Cashable or not",
     "amount": "Amount", "recorded_on": "Date recorded"},
    {"amount": "money", "recorded_on": "date"},
    "savings",
)

KINDS = {k.name: k for k in (SPEND, SUPPLIERS, CONTRACTS, SAVINGS)}


def norm(header: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (header or "").lower())


def header_signature(headers: list[str | None]) -> str:
    """A stable key for 'the same headers', used to remember a confirmed mapping."""
    key = "|".join(norm(h) for h in headers).rstrip("|")
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def header_score(cells: list[str | None], kind: Kind = SPEND) -> int:
    """How many cells of a row are known header words (a header row scores 2 or more)."""
    syn = kind.synonyms
    return sum(1 for c in cells if c and norm(c) in syn)


def looks_like_header(cells: list[str | None], kind: Kind = SPEND) -> bool:
    filled = [c for c in cells if c and c.strip()]
    if len(filled) < 2:
        return False
    score = header_score(cells, kind)
    return score >= 2 and score * 2 >= len(filled) - 1


def find_header(rows: list[tuple[int, list[str | None]]], kind: Kind = SPEND) -> tuple[int, list[str | None]] | None:
    """The (rn, cells) of the header row among the first rows: the best-scoring row with 2+ hits."""
    best = None
    for rn, cells in rows:
        s = header_score(cells, kind)
        if s >= 2 and (best is None or s > best[0]):
            best = (s, rn, cells)
    return (best[1], best[2]) if best else None


@dataclass
class Mapping:
    """field → 0-based column index, for one header row."""
    columns: dict[str, int]
    headers: list[str | None]
    required: tuple = REQUIRED

    def header_of(self, field: str) -> str | None:
        i = self.columns.get(field)
        return None if i is None else (self.headers[i] or f"column {i + 1}")

    def missing(self) -> list[str]:
        return [f for f in self.required if f not in self.columns]

    def as_headers(self) -> dict[str, str]:
        return {f: self.header_of(f) for f in self.columns}


def _letters_share(values: list[str | None]) -> float:
    vals = [v for v in values if v and v.strip()]
    if not vals:
        return 0.0
    return sum(1 for v in vals if re.search(r"[A-Za-z]{3,}", v)) / len(vals)


def auto_map(headers: list[str | None], sample: list[list[str | None]] | None = None, kind: Kind = SPEND) -> Mapping:
    """Map fields to columns by synonym; duplicate headers are settled by their sample values."""
    normed = [norm(h) for h in headers]
    used: set[int] = set()
    columns: dict[str, int] = {}
    sample = sample or []
    # Required fields first so that e.g. 'purpose' is not taken as a category before description.
    order = list(kind.required) + [f for f in kind.fields if f not in kind.required]
    for field in order:
        for syn in kind.fields[field]:
            idx = [i for i, h in enumerate(normed) if h == syn and i not in used]
            if not idx:
                continue
            if len(idx) > 1 and sample:
                col_vals = {i: [r[i] if i < len(r) else None for r in sample] for i in idx}
                if field in _NAME_FIELDS:
                    idx.sort(key=lambda i: -_letters_share(col_vals[i]))
                elif field in _CODE_FIELDS:
                    idx.sort(key=lambda i: _letters_share(col_vals[i]))
            columns[field] = idx[0]
            used.add(idx[0])
            break
    return Mapping(columns=columns, headers=list(headers), required=kind.required)
