"""How every table in the app names and writes its columns for people: one dictionary from the
store's column names to a label and a kind, and the kinds written the lib/format.py way (money
'£1,234.56', percentages '37.45%', changes '+1.20 pts', dates 31/03/2020, counts '1,234').

Pages show tables through lib.ui.tables, which reads this; the CSV and XLSX downloads keep their
own headings (lib.export). A column this dictionary does not know is labelled from its name
('vcse_type' → 'Vcse type') rather than shown raw, but every column a page shows belongs here.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from lib import format as fmt

# kinds: how a column's values are written
MONEY, PERCENT, POINTS, DATE, MONTH, DATETIME, COUNT, ID, FLAG, TEXT = (
    "money", "percent", "points", "date", "month", "datetime", "count", "id", "flag", "text")

# Money is shown from float only when that is exact to the penny: below 10^13 pounds, a value with
# two decimals keeps all its digits (15 significant) through a float and back.
_EXACT_POUNDS = Decimal(10) ** 13

# internal column name → (label, kind). Labels say what a reader sees; money labels carry no (£):
# every money cell is written with its £.
COLUMNS: dict[str, tuple[str, str]] = {
    # spend lines
    "period_start": ("Date", DATE), "payment_date": ("Payment date", DATE), "date": ("Date", DATE),
    "fy": ("Financial year", TEXT), "month": ("Month", MONTH),
    "supplier_name": ("Supplier (as published)", TEXT), "supplier_key": ("Supplier (name as matched)", TEXT),
    "department": ("Department", TEXT), "category": ("Category", TEXT), "description": ("Description", TEXT),
    "amount": ("Amount", MONEY), "is_redacted": ("Redacted", FLAG), "transaction_ref": ("Reference", TEXT),
    "contract_reference": ("Contract", TEXT), "expense_type": ("Expense type", TEXT), "body": ("Body", TEXT),
    "vat": ("Irrecoverable VAT", MONEY), "irrecoverable_vat": ("Irrecoverable VAT", MONEY),
    # where a line came from
    "file_name": ("File", TEXT), "sheet": ("Sheet", TEXT), "row_number": ("Row", ID), "batch_id": ("Batch", ID),
    "column_name": ("Column", TEXT), "reason": ("Reason", TEXT), "raw": ("Row as published", TEXT),
    "problem": ("Problem", TEXT), "kept_as": ("Kept as", TEXT),
    "column": ("Column", TEXT), "used for": ("Used for", TEXT), "found by": ("Found by", TEXT), "group": ("Group", TEXT),
    # batches
    "loaded_at": ("Loaded on", DATETIME), "kind": ("Kind", TEXT), "is_demo": ("Demo", FLAG), "whose": ("Whose spend", TEXT),
    "rows_read": ("Rows read", COUNT), "rows_loaded": ("Loaded", COUNT), "rows_quarantined": ("Quarantined", COUNT),
    "rows_total_lines": ("Total lines", COUNT), "amount_loaded": ("Amount loaded", MONEY),
    "amount_quarantined": ("Amount quarantined", MONEY), "amount_total_lines": ("File's own totals", MONEY),
    "loaded_by": ("Loaded by", TEXT),
    # figures
    "lines": ("Lines", COUNT), "payments": ("Payments", COUNT), "suppliers": ("Suppliers", COUNT),
    "spend": ("Spend", MONEY), "total": ("Total", MONEY), "share_pct": ("Share", PERCENT), "pct": ("Share", PERCENT),
    "local_pct": ("Lancashire share", PERCENT), "north_west_pct": ("North West share", PERCENT),
    "unknown_pct": ("Unknown location share", PERCENT), "label": ("Label", TEXT), "name": ("Name", TEXT),
    "value_text": ("Actual", TEXT), "target_text": ("Target", TEXT), "status": ("Status", TEXT),
    "measure": ("Measure", TEXT),
    # places
    "ring": ("Ring", TEXT), "district": ("District", TEXT), "district_name": ("District", TEXT),
    "district_code": ("District code", TEXT), "postcode": ("Postcode", TEXT), "country": ("Country", TEXT),
    "location_note": ("Why", TEXT), "approximate": ("Approximate", FLAG),
    "lancashire_suppliers": ("Lancashire suppliers", COUNT), "lancashire_amount": ("Lancashire spend", MONEY),
    "non_local_suppliers": ("Non-local suppliers", COUNT), "non_local_amount": ("Non-local spend", MONEY),
    "north_west_amount": ("Of which North West", MONEY), "rest_of_uk_amount": ("Rest of UK", MONEY),
    "outside_uk_amount": ("Outside UK", MONEY),
    # suppliers
    "supplier_ref": ("Register ref", TEXT), "supplier_id": ("Supplier ID", TEXT), "company_number": ("Company number", TEXT),
    "vat_number": ("VAT number", TEXT), "charity_number": ("Charity number", TEXT), "employees": ("Employees", COUNT),
    "turnover": ("Turnover", MONEY), "balance_sheet": ("Balance sheet", MONEY), "sme": ("SME", TEXT),
    "vcse": ("VCSE", TEXT), "is_vcse": ("VCSE", FLAG), "vcse_type": ("VCSE type", TEXT),
    "delivers_locally": ("Delivers locally", TEXT), "delivers_locally_reason": ("Why it delivers locally", TEXT),
    "missing": ("Missing", TEXT), "spend_name": ("Name in spend", TEXT), "spend_key": ("Spend key", TEXT),
    "method": ("Matched by", TEXT), "score": ("Score", ID), "in_force": ("Link in force", FLAG),
    "field": ("Field", TEXT), "old_value": ("Old value", TEXT), "new_value": ("New value", TEXT),
    "edit_id": ("Edit", ID), "edited_by": ("By", TEXT), "edited_at": ("When", DATETIME),
    # decisions, rules, targets
    "decision": ("Decision", TEXT), "decided_by": ("Decided by", TEXT), "decided_at": ("When", DATETIME),
    "decision_id": ("No.", ID), "scope": ("Applies to", TEXT), "why": ("Reason", TEXT),
    "reasons": ("Why proposed", TEXT), "note": ("Note", TEXT), "set_by": ("Set by", TEXT), "set_at": ("Set at", DATETIME),
    "pattern": ("Pattern", TEXT), "words": ("Words or phrases", TEXT), "direction": ("Met when", TEXT),
    "from_fy": ("Applies from", TEXT), "source_note": ("Source", TEXT), "target": ("Target", TEXT),
    "was": ("Was", TEXT), "set_to": ("Set to", TEXT),
    # contracts and savings
    "contract_id": ("Contract", ID), "reference": ("Reference", TEXT), "title": ("Title", TEXT),
    "value": ("Value", MONEY), "start_date": ("Start", DATE), "end_date": ("End", DATE),
    "end_now": ("End now (extended or revised)", DATE), "end_early": ("Ended early on", DATE),
    "is_collaborative": ("Collaborative", FLAG), "collaborative_flag": ("Collaborative (as published)", TEXT),
    "route": ("Route", TEXT), "route_group": ("Route group", TEXT), "days_left": ("Days left", COUNT), "last_edited_at": ("Last edited", DATETIME), "last_edited_by": ("Last edited by", TEXT),
    "first_date": ("First payment", DATE), "last_date": ("Last payment", DATE),
    "contracts_held": ("Contracts in register", COUNT), "spend_pct": ("Spend of value", PERCENT),
    "time_pct": ("Time elapsed", PERCENT), "ahead": ("Ahead of time", POINTS),
    "quality_pct": ("Quality weighting", PERCENT), "social_value_pct": ("Social value of quality", PERCENT),
    "meets": ("Meets the minimum", FLAG), "project": ("Project", TEXT), "saving_type": ("Type", TEXT),
    "recorded_on": ("Recorded", DATE), "procurement_route": ("Procurement route", TEXT),
    "edited_field": ("Field", TEXT),
}


def label(column: str) -> str:
    """The label people read for ``column``: the dictionary's, else its name in words."""
    known = COLUMNS.get(column)
    if known:
        return known[0]
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def kind(column: str, values: pd.Series | None = None) -> str:
    """How ``column`` is written: the dictionary's kind, else guessed from its values (True/False a
    flag, whole numbers a count, dates and times as such, anything else text)."""
    known = COLUMNS.get(column)
    if known:
        return known[1]
    if values is None:
        return TEXT
    sample = values.dropna()
    if sample.empty:
        return TEXT
    if pd.api.types.is_bool_dtype(values) or all(isinstance(v, bool) for v in sample.head(50)):
        return FLAG
    if pd.api.types.is_integer_dtype(values):
        return COUNT
    if pd.api.types.is_datetime64_any_dtype(values) or all(isinstance(v, dt.datetime) for v in sample.head(50)):
        return DATETIME
    if all(isinstance(v, dt.date) for v in sample.head(50)):
        return DATE
    return TEXT


TEXT_OF = {MONEY: fmt.money, PERCENT: fmt.percent, POINTS: fmt.points, DATE: fmt.day,
           MONTH: lambda v: "" if v is None or v != v else fmt.month_label(v),
           DATETIME: lambda v: "" if v is None or v != v else v.strftime("%d/%m/%Y %H:%M"),
           COUNT: lambda v: "" if v is None or v != v else f"{int(v):,}",
           ID: lambda v: "" if v is None or v != v else str(int(v)),
           FLAG: lambda v: "" if v is None or v != v else ("Yes" if v else "No")}


def as_text(value, kind_: str) -> str:
    """``value`` written as a cell of ``kind_`` is read (money '£1,234.56', dates 31/03/2020, …)."""
    if kind_ in TEXT_OF:
        return TEXT_OF[kind_](value)
    return "" if value is None or value != value else str(value)


def exact_float(values: pd.Series) -> pd.Series:
    """Money (Decimal, int or float) as float for a grid to sort by, checked to be exact to the
    penny; raises ValueError for a value too large to be (never for pounds and pence under £10^13)."""
    def one(v):
        if v is None or v != v:
            return None
        d = Decimal(str(v)) if isinstance(v, float) else Decimal(v)
        if abs(d) >= _EXACT_POUNDS:
            raise ValueError(f"{d} is too large to show exactly")
        return float(d)
    return pd.to_numeric(values.map(one), errors="raise").astype("float64")
