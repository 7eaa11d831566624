"""A fifth set of spend-file layouts, from publishers none of the earlier sets hold
(tests/test_publisher_layouts.py, _more.py, _third.py, _fourth.py): a district council's Agresso
export described column by column, an ambulance trust's spend over £25,000, district and county
councils' monthly files, a city council's purchasing-department file, a workbook whose pound signs
were encoded twice, a fire authority's monthly spend, SAP's vendor line items. Their heading rows
are the ones the publishers' own accounts of their columns give (named above each layout); a few
more (a grants file whose "Organisation" is the payee, Welsh headings alone, a pound sign for a
header, a running total) are shapes such files take, made here. The rows are made up, written the
way such files write them. Each loads with no hand mapping, exactly (lines and pennies), each field
from the column expected, and every column either used or listed as not used.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from test_publisher_layouts import (AREAS, SUPPLIERS, TYPES, Layout, _loads_exactly, amounts, days, dmy, mon,
                                    plain, uk)

D = Decimal


def sup_or(i: int, label: str, every: int = 7) -> str:
    """A supplier, or the publisher's redaction label on every ``every``-th line."""
    return label if i % every == every - 1 else SUPPLIERS[i % len(SUPPLIERS)]


def _layouts() -> list[Layout]:
    out = []

    # 1. A district council's Agresso export, as its open-data page lists the columns: "Body name",
    #    "Transaction date", "Supplier (beneficiary)" with the role in brackets, "Transaction
    #    number", "Net amount", "Irrecoverable VAT", a department header that is a whole phrase
    #    ("Department or service where expenditure occurred": its "expenditure" is not the amount),
    #    "Procurement category", "CIPFA expenditure code", "Purpose of expenditure (narrative)" and
    #    "Card transaction" (Yes/No).
    vals, ds = amounts(30, 211), days(30)
    grid = [["Body name", "Transaction date", "Supplier (beneficiary)", "Transaction number", "Net amount",
             "Irrecoverable VAT", "Department or service where expenditure occurred", "Procurement category",
             "CIPFA expenditure code", "Purpose of expenditure (narrative)", "Card transaction"]]
    grid += [["Example District Council", dmy(ds[i]), sup_or(i, "Redacted personal data"), str(4400120 + i),
              plain(vals[i]), "0.00", AREAS[i % 7], TYPES[i % 7], f"{4100 + i % 6}", f"{TYPES[i % 7]} for {AREAS[i % 5]}",
              "Yes" if i % 8 == 3 else "No"] for i in range(30)]
    out.append(Layout("agresso_described_columns", grid, 30, sum(vals),
                      {"amount": "Net amount", "supplier_name": "Supplier (beneficiary)",
                       "payment_date": "Transaction date", "department": "Department or service where expenditure occurred"}))

    # 2. An ambulance trust's single spends over £25,000, as its page explains the columns:
    #    "Department family", "Entity", "Date", "Expense type", "Expense area", "Supplier",
    #    "Transaction number", "Amount in sterling", "Supplier VAT registration number" (empty for
    #    some suppliers).
    vals, ds = amounts(25, 223), days(25)
    grid = [["Department family", "Entity", "Date", "Expense type", "Expense area", "Supplier", "Transaction number",
             "Amount in sterling", "Supplier VAT registration number"]]
    grid += [["Department of Health", "Example Ambulance Service NHS Foundation Trust", dmy(ds[i]), TYPES[i % 7],
              AREAS[i % 7], SUPPLIERS[i % 12], f"{7023410 + i}", uk(vals[i] * 50),
              "" if i % 4 == 2 else f"GB{123456789 + i * 7}"] for i in range(25)]
    out.append(Layout("amount_in_sterling", grid, 25, sum(vals) * 50,
                      {"amount": "Amount in sterling", "supplier_name": "Supplier", "payment_date": "Date",
                       "vat_number": "Supplier VAT registration number"}))

    # 3. A district council's supplier expenditure (its page: "Expense Area", "Expense Type" and
    #    "Expense Type Description", "Extended Description", the posting date, dummy invoice numbers),
    #    "REDACTED – COMMERCIAL CONFIDENTIALITY" with an en dash beside "REDACTED PERSONAL DATA".
    vals, ds = amounts(28, 227), days(28)
    grid = [["Expense Area", "Expense Type", "Expense Type Description", "Extended Description", "Posting Date",
             "Supplier Name", "Invoice Number", "Amount"]]
    for i in range(28):
        label = "REDACTED – COMMERCIAL CONFIDENTIALITY" if i % 14 == 6 else "REDACTED PERSONAL DATA"
        grid.append([AREAS[i % 7], f"E{310 + i % 7}", TYPES[i % 7], f"{TYPES[i % 7]} - April",
                     dmy(ds[i]), sup_or(i, label), f"INV{900001 + i}", uk(vals[i])])
    out.append(Layout("expense_type_and_description", grid, 28, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Posting Date"}))

    # 4. A county council's spending over £500, as its page explains the headings: "Body name",
    #    "Body" (a code), "Service area categorisation", "Responsible unit", "Expenses type", "Date",
    #    "Transaction number", "Amount", "Supplier name"; 'redacted personal data' in lower case.
    vals, ds = amounts(30, 229), days(30)
    grid = [["Body name", "Body", "Service area categorisation", "Responsible unit", "Expenses type", "Date",
             "Transaction number", "Amount", "Supplier name"]]
    grid += [["Example County Council", "E1001", AREAS[i % 7], f"{AREAS[(i + 3) % 7]} Unit", TYPES[i % 7],
              dmy(ds[i]), str(5100200300 + i), plain(vals[i]), sup_or(i, "redacted personal data")]
             for i in range(30)]
    out.append(Layout("responsible_unit", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier name", "payment_date": "Date"}))

    # 5. A city council's spending over £500 (its page lists supplier name, amount, description of
    #    what was bought, purchasing department, payment date, transaction number), dates written
    #    01-Apr-2024, individuals "redacted".
    vals, ds = amounts(30, 233), days(30)
    grid = [["Supplier Name", "Amount", "Description", "Purchasing Department", "Payment Date", "Transaction Number"]]
    grid += [[sup_or(i, "redacted"), uk(vals[i]), f"{TYPES[i % 7]}", AREAS[i % 7], mon(ds[i]), str(60000 + i)]
             for i in range(30)]
    out.append(Layout("purchasing_department", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date",
                       "department": "Purchasing Department"}))

    # 6. A workbook whose pound signs were encoded twice (UTF-8 read as cp1252 and saved again), as
    #    a transport body's own titles carry it ("Payments greater than Â£250"): the title above
    #    the header, "Value (Â£)", each amount "Â£1,234.56".
    vals, ds = amounts(24, 239), days(24)
    grid = [["Payments greater than Â£500"], [], ["Payment Date", "Supplier", "Value (Â£)", "Cost Centre"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], f"Â£{vals[i]:,.2f}" if vals[i] >= 0 else f"-Â£{-vals[i]:,.2f}",
              AREAS[i % 7]] for i in range(24)]
    out.append(Layout("pound_encoded_twice_workbook", grid, 24, sum(vals),
                      {"amount": "Value (£)", "supplier_name": "Supplier", "payment_date": "Payment Date"},
                      fmt="xlsx"))  # (the header as meant: read.mend_encoded_twice)

    # 7. A fire authority's monthly spend: "Transaction date" (the day entered in the ledger),
    #    "Functional area (cost centre related)" with its explanation in brackets, "Expenditure type",
    #    "Supplier name", "Amount (excl VAT)".
    vals, ds = amounts(30, 241), days(30)
    grid = [["Transaction date", "Functional area (cost centre related)", "Expenditure type", "Supplier name",
             "Amount (excl VAT)"]]
    grid += [[dmy(ds[i]), AREAS[i % 7], TYPES[i % 7], sup_or(i, "Redacted"), uk(vals[i])] for i in range(30)]
    out.append(Layout("functional_area", grid, 30, sum(vals),
                      {"amount": "Amount (excl VAT)", "supplier_name": "Supplier name",
                       "payment_date": "Transaction date"}))

    # 8. A file of grants to voluntary and community organisations, whose "Organisation" column
    #    names who was paid (the publisher is not named on its lines): the header reads as the body's,
    #    the cells, many firms and charities by their legal forms, are the payee.
    vals, ds = amounts(30, 251), days(30)
    grid = [["Organisation", "Date", "Service", "Value"]]
    grid += [[SUPPLIERS[i % 12], dmy(ds[i]), AREAS[i % 7], uk(vals[i])] for i in range(30)]
    out.append(Layout("organisation_paid", grid, 30, sum(vals),
                      {"amount": "Value", "supplier_name": "Organisation", "payment_date": "Date"}))

    # 9. SAP's vendor line items as exported: "Vendor", "Doc. Date" (the invoice's date), "Clearing"
    #    (the day the payment cleared it: the day paid), "Amount in LC" (local currency).
    vals, ds = amounts(30, 257), days(30)
    grid = [["Vendor", "Doc. Date", "Clearing", "Amount in LC"]]
    grid += [[SUPPLIERS[i % 12], dmy(ds[i] - (ds[i] - ds[0]) // 2), dmy(ds[i]), uk(vals[i])] for i in range(30)]
    out.append(Layout("sap_clearing", grid, 30, sum(vals),
                      {"amount": "Amount in LC", "supplier_name": "Vendor", "payment_date": "Clearing"}))

    # 10. A Welsh council's file with the Welsh headings alone ("Dyddiad", "Cyflenwr", "Disgrifiad",
    #     "Swm"): no header word is known, and each field is found by what its column holds.
    vals, ds = amounts(30, 263), days(30)
    grid = [["Dyddiad", "Cyflenwr", "Disgrifiad", "Swm"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], TYPES[i % 7], uk(vals[i])] for i in range(30)]
    out.append(Layout("welsh_headings_alone", grid, 30, sum(vals),
                      {"amount": "Swm", "supplier_name": "Cyflenwr", "payment_date": "Dyddiad"}))

    # 11. The amount's column headed with the pound sign alone, beside a transaction number.
    vals, ds = amounts(30, 269), days(30)
    grid = [["Date", "Supplier", "Transaction No", "£"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], str(4400120 + i), uk(vals[i])] for i in range(30)]
    out.append(Layout("pound_sign_header", grid, 30, sum(vals),
                      {"amount": "£", "supplier_name": "Supplier", "payment_date": "Date"}))

    # 12. A police force's payments: "Beneficiary Name" and "Beneficiary Postcode", "Date Paid" with
    #     a midnight time, "Amount Paid" and a "Running Total" beside it (not the line's amount).
    vals, ds = amounts(30, 271), days(30)
    grid = [["Beneficiary Name", "Beneficiary Postcode", "Date Paid", "Amount Paid", "Running Total"]]
    run = D(0)
    for i in range(30):
        run += vals[i]
        grid.append([SUPPLIERS[i % 12], "PR4 5SB", dmy(ds[i]) + " 00:00", uk(vals[i]), uk(run)])
    out.append(Layout("running_total", grid, 30, sum(vals),
                      {"amount": "Amount Paid", "supplier_name": "Beneficiary Name", "payment_date": "Date Paid"}))
    return out


LAYOUTS = _layouts()


@pytest.mark.parametrize("layout", LAYOUTS, ids=[x.name for x in LAYOUTS])
def test_fifth_publisher_layouts_load_exactly_with_no_mapping(tmp_path, db, layout):
    _loads_exactly(tmp_path, db, layout)
    # exactly the lines whose supplier is withheld are redacted lines
    grid = layout.grid
    marked = sum(1 for row in grid[1:] if any(isinstance(c, str) and c.lower().startswith("redacted") for c in row))
    assert q(db, "SELECT count(*) FILTER (WHERE is_redacted) FROM transactions") == [(marked,)]


@pytest.mark.parametrize("head", [["Organisation", "Date", "Amount", "Service"], ["Date", "Paid To", "Value", "Team"]],
                         ids=["organisation", "paid_to"])
def test_a_weakly_headed_payee_is_known_in_a_long_file_beside_department_names(tmp_path, db, head):
    """A month of thousands of lines paying the same firms again, the payee under a header that says
    little (or says the body), beside a column of department names some of which end in "Services":
    the firms' legal forms make the payee's column, not the departments'."""
    from lib.ingest import load_file

    n = 6_300
    vals, ds = amounts(n, 281), days(n)
    depts = AREAS + ["Community Based Services", "Support Services"]
    cells = {"Date": lambda i: dmy(ds[i]), "Amount": lambda i: plain(vals[i]), "Value": lambda i: plain(vals[i]),
             "Organisation": lambda i: SUPPLIERS[i % 12], "Paid To": lambda i: SUPPLIERS[i % 12],
             "Service": lambda i: depts[i % 9], "Team": lambda i: depts[i % 9]}
    grid = [head] + [[cells[h](i) for h in head] for i in range(n)]
    res = load_file(Layout("weak_payee_" + head[0], grid, n, sum(vals), {}).write(tmp_path), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (n, 0), res.problems[:3]
    assert res.amount_loaded == sum(vals)
    payee = "Organisation" if "Organisation" in head else "Paid To"
    assert res.as_json()["columns"]["supplier_name"]["column"] == payee
