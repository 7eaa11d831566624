"""A third set of spend-file layouts, each taken from a real public file or a publisher's own account
of its columns (named above each layout), none of them among the corpus or the first two sets
(tests/test_publisher_layouts.py, tests/test_publisher_layouts_more.py). Each loads with no hand
mapping, exactly (lines and pennies, totals and notes left out), each field from the header
expected, and every column either used or listed as not used.

Where the real file's shape is unusual (a database query printed above the header, a row of the
query's own column names, a marker in the first column of every line, an unnamed column, a
supplier's number column holding redaction labels, "#N/A" cells) the fixture keeps it; the
rows are made up here, written the way those files write them.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import rows_of as q
from lib.ingest import load_file
import test_publisher_layouts as first_set
from test_publisher_layouts import (AREAS, SUPPLIERS, TYPES, Layout, _loads_exactly, amounts, code, const, date,
                                    blank, days, dmy, etype, area, mon, plain, ref, spend_rows, sup,
                                    uk)
from test_publisher_layouts_more import MARKERS, red_sup, xl

D = Decimal
ROOT = Path(__file__).resolve().parent.parent

amt_ = lambda f: (lambda i, a, d: f(a))


def dd_mon_yy(d: dt.date) -> str:
    """20-Dec-13: a day, a month's short name and a two-digit year."""
    return d.strftime("%d-%b-%y")


def iso(d: dt.date) -> str:
    return d.isoformat()


def short(d: dt.date) -> str:
    """24/09/14: a day, a month and a two-digit year."""
    return d.strftime("%d/%m/%y")


def brackets(v: Decimal) -> str:
    """Credits in brackets: (1,234.56)."""
    return f"({-v:,.2f})" if v < 0 else f"{v:,.2f}"


def trimmed(v: Decimal) -> str:
    """As a database export writes a number: no trailing zeros, no thousands separator (472.4, 1000)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def pence(v: Decimal) -> Decimal:
    """A card purchase's size: a hundredth of a made-up amount, to the penny."""
    return (v / 100).quantize(D("0.01"))


def _layouts() -> list[Layout]:
    out = []

    # 1. Leeds City Council's monthly file (odileeds/council-spending-data leeds/2013-12.csv): the LGA
    #    schema's joined-up names, the body as a statistics.data.gov.uk URI, "DatePaid" as 20-Dec-13,
    #    "NetAmount" with no trailing zeros, a capital or revenue flag.
    rows, total = spend_rows(30, [const("http://statistics.data.gov.uk/doc/local-authority/00DA"),
                                  const("Example City Council"), area, area, etype, etype,
                                  lambda i, a, d: str(200 + i % 60), date(dd_mon_yy),
                                  lambda i, a, d: f"2404-{i + 1:05d}", amt_(trimmed),
                                  lambda i, a, d: "C" if i % 5 == 0 else "R", red_sup])
    out.append(Layout("joined_up_lga_names", [["Body", "BodyName", "ServiceLabel", "ServiceDivisionLabel",
                                               "ExpenditureCategory", "DetailedExpenditureType",
                                               "DetailedExpenditureCode", "DatePaid", "TransactionNumber",
                                               "NetAmount", "CapitalOrRevenue", "SupplierName"]] + rows,
                      30, total, {"amount": "NetAmount", "supplier_name": "SupplierName", "payment_date": "DatePaid",
                                  "body": "BodyName"}))

    # 2. Bradford Council's capital payments file (odileeds/council-spending-data bradford/2018-01_clean.csv):
    #    "Supplier Number" beside "Supplier Name", the number column holding the redaction label too
    #    (REDACTED PERSONAL DATA in both), "#N/A" where a lookup found no service label, the service
    #    code then empty.
    vals, ds = amounts(30, 53), days(30)
    rows = []
    for i in range(30):
        redacted = i % 7 == 3
        lookup_failed = i % 5 == 2
        rows.append(["" if lookup_failed else str(1020 + i % 30), "#N/A" if lookup_failed else AREAS[i % 7],
                     str(12000 + (i * 37) % 900), TYPES[i % 7], iso(ds[i]), str(6101567000 + i), plain(vals[i]),
                     "REDACTED PERSONAL DATA" if redacted else (f"{'ABCPW'[i % 5]}{10000 + i * 7}" if i % 2
                                                                else str(110000 + i * 13)),
                     "REDACTED PERSONAL DATA" if redacted else SUPPLIERS[i % 12]])
    out.append(Layout("supplier_number_redacted_too", [["Service Code", "Service Label", "Expenditure code",
                                                         "Expenditure category", "Payment date", "Transaction Number",
                                                         "Net Amount", "Supplier Number", "Supplier Name"]] + rows,
                      30, sum(vals), {"amount": "Net Amount", "supplier_name": "Supplier Name",
                                      "payment_date": "Payment date", "supplier_id": "Supplier Number"}))

    # 3. Calderdale's purchase card file (odileeds/council-spending-data calderdale/2014-10_a_clean.csv):
    #    merchant category and its group, the expense area as "Directorate-Service", expense codes of
    #    letters and digits, small amounts.
    rows, total = spend_rows(40, [const("http://statistics.data.gov.uk/doc/local-authority-district/00CY"),
                                  const("The Borough of Example"), date(iso), lambda i, a, d: str(42600 + i), sup,
                                  amt_(lambda v: plain(pence(v))), etype, const("General Retail And Wholesale"),
                                  lambda i, a, d: f"{AREAS[i % 7]}-{AREAS[(i + 3) % 7]} Services", etype,
                                  lambda i, a, d: f"{60 + i % 30}G{44216 + i}"])
    out.append(Layout("card_merchant_group", [["Body", "Body Name", "Transaction Date", "Transaction number",
                                               "Supplier Name", "Net Amount", "Merchant Category",
                                               "Merchant Category Group", "Expense Area", "Expense Type",
                                               "Expense Code"]] + rows,
                      40, sum(pence(v) for v in amounts(40)), {"amount": "Net Amount", "supplier_name": "Supplier Name",
                                        "payment_date": "Transaction Date"}))

    # 4. Darlington BC's monthly file (odileeds/council-spending-data darlington/2014-04.csv): the
    #    finance system's SQL query printed above the data, a title and the month, a row of the
    #    query's own column names ("text description", "apar_name", "amount"), then the header
    #    ("Directotate", sic), every line marked "INSERTED DETAIL" in the first column, no date at all
    #    (the file's name gives the month), amounts with thousands separators in quotes.
    vals = amounts(30, 59)
    grid = [["sql select t.apar_id, t.amount, t.ext_inv_ref, t.account, t.voucher_date, d.apar_name from agltransact t",
             "", "", "", "", "", "", ""],
            ["sql inner join aglaccounts a on t.client = a.client and t.account = a.account", "", "", "", "", "", "", ""],
            ["sql where t.client = 'DC'", "", "", "", "", "", "", ""],
            ["sql and t.period between '202404' and '202404'", "", "", "", "", "", "", ""],
            ["sql and t.amount >= 500", "", "", "", "", "", "", ""],
            ["query", "", "", "", "", "", "", ""],
            ["", "", "Example Borough Council - Analysis of Transactions Over £500", "", "", "", "", ""],
            ["", "", "Apr-24", "", "", "", "", ""],
            ["", "", "", "", "", "", "", ""],
            ["columns", "", "text description", "text servdesc", "apar_name", "amount", "accdesc", ""],
            ["", "", "Directotate", "Service", "Supplier", "Invoice Line Value (net of VAT)", "Account", ""]]
    grid += [["INSERTED DETAIL", "", AREAS[i % 7], AREAS[(i + 2) % 7], SUPPLIERS[i % 12], uk(vals[i]), TYPES[i % 7], ""]
             for i in range(30)]
    out.append(Layout("sql_preamble_2024-04", grid, 30, sum(vals),
                      {"amount": "Invoice Line Value (net of VAT)", "supplier_name": "Supplier"}))

    # 5. Pendle BC's monthly files (the Pendle adapter of a Lancashire councils' spending site's
    #    council_etl.py, which lists the fourteen headings): each heading followed by the Transparency Code's
    #    letter for it ("(A)", "(C )", "(N/A)"), "Pay Date", "Supplier Reference", a VCSE grant flag
    #    and charity number, "Irrecoverable VAT" as a Y/N flag, not an amount.
    rows, total = spend_rows(30, [const("Example Borough Council"), area, area, etype, code, red_sup,
                                  lambda i, a, d: f"S{3000 + i % 12}", date(dmy), ref, amt_(plain),
                                  lambda i, a, d: "Y" if i % 9 == 0 else "N",
                                  lambda i, a, d: "1012345" if i % 9 == 0 else "",
                                  lambda i, a, d: "N", lambda i, a, d: "N"])
    out.append(Layout("code_letters_in_headings", [["Organisation Name (A)", "Department (B)", "Service Cat Label (C )",
                                                    "Purpose of Spend (D)", "Expenditure CIPFA Sub Group (E)",
                                                    "Supplier (F)", "Supplier Reference (G)", "Pay Date (H)",
                                                    "Transaction Number (I)", "Net Amount (J)", "Grant to VCSE? (K)",
                                                    "Charity Number (L)", "Card Transaction (M)",
                                                    "Irrecoverable VAT (N/A)"]] + rows,
                      30, total, {"amount": "Net Amount (J)", "supplier_name": "Supplier (F)",
                                  "payment_date": "Pay Date (H)"}))

    # 6. Wakefield Council's quarterly file (odileeds/council-spending-data wakefield/2017-18_a.csv): a
    #     title line naming "£500" saved as cp1252, a blank line, then 25 headings (two pairs repeated:
    #     "Procurement Classification" and "Class Code"), a blank line under the header, the quarter's
    #     end as "Effective Date" on every line beside the "Payment Date", "Supplier ID" always
    #     "Redacted", company numbers, "N/A" and "Awaiting", "Nil" irrecoverable VAT.
    vals, ds = amounts(30, 61), days(30)
    head = ["Organisation Name", "Organisation Code", "Effective Date", "Directorate", "Service (Sercop)",
            "Sercop URI", "Supplier Name", "Supplier ID", "Company Registration", "Charity Registration",
            "VCSE Grant", "Payment Date", "Transaction Number", "Seq No", "Net Amount", "Irrecoverable VAT",
            "Purpose of Spend", "Type", "Procurement Classification", "Class Code", "Procurement Classification",
            "Class Code", "Thomson Classification", "Thomson Desc.", "Contract"]
    grid = [["Example Council Supplier Spend Greater Than £500 for Quarter 1st April 2024 to 30th June 2024."]
            + [""] * 24, [""] * 25, head, [""] * 25]
    grid += [["Example MDC", "E08000036", "30/06/2024", AREAS[i % 7].upper()[:8], str(i % 9), AREAS[(i + 1) % 7],
              red_sup(i, None, None), "Redacted", ["00178738", "N/A", "Awaiting", "NI018971"][i % 4], "N/A",
              "Not yet available", dmy(ds[i]), str(23430658 + i), "1", plain(vals[i]), "Nil", TYPES[i % 7],
              "Revenue", "Transport", f"CAT{10 + i % 3}", TYPES[(i + 2) % 7], f"SUBCAT{1007 + i % 5}",
              "Home Care Services", f"{2600 + i:05d}", "Not yet available"] for i in range(30)]
    out.append(Layout("title_blank_rows_cp1252", grid, 30, sum(vals),
                      {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"},
                      encoding="cp1252"))

    # 7. Leeds City Council's first files (odileeds/council-spending-data leeds/2011-04.csv): the same
    #     fields in words ("Service divison label", sic), dates as 06-Apr-2011, and seventeen empty
    #     columns after the last heading on every line.
    rows, total = spend_rows(30, [const("http://statistics.data.gov.uk/doc/local-authority/00DA"),
                                  const("Example City Council"), area, area, etype, etype,
                                  lambda i, a, d: f"{200 + i % 60:03d}", date(mon),
                                  lambda i, a, d: f"2404-{i + 1:05d}", amt_(plain), const("R"), red_sup]
                             + [blank] * 17)
    out.append(Layout("trailing_empty_columns", [["Body", "Body name", "Service label", "Service divison label",
                                                  "Expenditure category", "Detailed expenditure type",
                                                  "Detailed expenditure code", "Date paid", "Transaction number",
                                                  "Net amount", "Capital or revenue", "Supplier name"]
                                                 + [""] * 17] + rows,
                      30, total, {"amount": "Net amount", "supplier_name": "Supplier name", "payment_date": "Date paid",
                                  "body": "Body name"}))
    # 8. Sheffield City Council's "Spend over £250" (odileeds/council-spending-data sheffield/clean/2016-10.csv,
    #    a JD Edwards extract): "GL Date", "Invoiced Value", the business unit's number beside its
    #    description, the supplier's "Address Book No.", invoice numbers Excel turned into 6.54874E+14,
    #    an empty "Proclass Details Level 1" on every line.
    rows, total = spend_rows(30, [const("EXAMPLE CITY COUNCIL"), lambda i, a, d: AREAS[i % 7].upper(),
                                  lambda i, a, d: str(18000 + i * 37), lambda i, a, d: TYPES[i % 7].upper(),
                                  lambda i, a, d: str(8000 + i % 9 * 10), lambda i, a, d: TYPES[(i + 1) % 7].upper(),
                                  date(iso), lambda i, a, d: str(4086607 + i),
                                  lambda i, a, d: "6.54874E+14" if i % 6 == 0 else f"INV{143621 + i}", amt_(plain),
                                  red_sup, lambda i, a, d: str(559438 + i % 12), blank,
                                  lambda i, a, d: TYPES[(i + 3) % 7].upper()])
    out.append(Layout("gl_date_invoiced_value", [["Body Name", "Organisational Unit", "Business Unit No.",
                                                  "Business Unit Description", "Expense Code",
                                                  "Expense Code Description", "GL Date", "Document No.", "Invoice No.",
                                                  "Invoiced Value", "Supplier Name", "Address Book No.",
                                                  "Proclass Details Level 1", "Thomson Classification Description"]]
                      + rows, 30, total, {"amount": "Invoiced Value", "supplier_name": "Supplier Name",
                                          "payment_date": "GL Date"}))

    # 9. Exeter City Council's files (the column map of a council data pipeline, Nolski/council-spending
    #    exeter_spending.yaml, "stable across eras"): "Trans Date", "Trans Ref/No", "Category" holding the
    #    creditor's kind.
    rows, total = spend_rows(25, [date(dmy), red_sup, lambda i, a, d: f"{i + 1}/{70000 + i}", amt_(uk), etype,
                                  lambda i, a, d: f"S{100 + i % 20}", lambda i, a, d: "Trade" if i % 3 else "Grant"])
    out.append(Layout("trans_ref_no", [["Trans Date", "Supplier Name", "Trans Ref/No", "Net Amount",
                                        "Expense Description", "Service Code", "Category"]] + rows,
                      25, total, {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Trans Date"}))

    # 10. Portsmouth City Council's report (its "explanation table"): "Body Name" twice, the second
    #     holding the council's code, SeRCOP categories, the word CHAPS as the transaction number of
    #     payments made outside the finance system.
    rows, total = spend_rows(25, [const("Example City Council"), const("E06000044"), area, area, area, etype, etype,
                                  code, date(dmy), lambda i, a, d: "CHAPS" if i % 8 == 0 else str(5100000 + i),
                                  amt_(uk), red_sup])
    out.append(Layout("body_name_twice", [["Body Name", "Body Name", "Service Area Categorisation",
                                           "Service Division Categorisation", "Responsible Unit", "Expense Type",
                                           "Detailed Expense Type", "Expense Code", "Payment Date",
                                           "Transaction Number", "Amount", "Supplier Name"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"}))

    # 11. A council's answer to the recurring Freedom of Information request for "transactional invoice
    #     payment data for all trade suppliers" (Royal Borough of Windsor and Maidenhead, Herefordshire's
    #     disclosure log): the request's own words as headings, the invoice's date, the day it was
    #     received and the day it was paid, its gross value, as a workbook.
    vals, ds = amounts(24, 67), days(24)
    grid = [["Supplier name", "Invoice date (date on invoice)", "Date invoice was paid", "Invoice gross value",
             "Supplier invoice reference", "Invoice number (your system reference)", "Date invoice was received"]]
    grid += [[SUPPLIERS[i % 12], xl(ds[i] - dt.timedelta(days=40)), xl(ds[i]), float(vals[i]), f"SI-{3000 + i}",
              7_000_100 + i, xl(ds[i] - dt.timedelta(days=35))] for i in range(24)]
    out.append(Layout("foi_invoice_payments", [], 24, sum(vals),
                      {"amount": "Invoice gross value", "supplier_name": "Supplier name",
                       "payment_date": "Date invoice was paid"}, fmt="xlsx", sheets={"Sheet1": grid}))

    # 12. Darlington BC's later files (odileeds/council-spending-data darlington/2015-08.csv): no query
    #     printed any more, but the title, the month, two empty rows, the query's column names and an
    #     "Order" column of order numbers, 0 where there was none.
    vals = amounts(30, 71)
    grid = [["", "", "Example Borough Council - Analysis of Transactions Over £500", "", "", "", "", ""],
            ["", "", "Aug-24", "", "", "", "", ""], [""] * 8, [""] * 8,
            ["columns", "", "text description", "text servdesc", "apar_name", "order_id", "amount", "accdesc"],
            ["", "", "Directotate", "Service", "Supplier", "Order", "Invoice Line Value (net of VAT)", "Account"]]
    grid += [["INSERTED DETAIL", "", AREAS[i % 7], AREAS[(i + 2) % 7], SUPPLIERS[i % 12],
              "0" if i % 3 == 0 else str(3071288 + i), uk(vals[i]).replace(".00", "") if i % 4 == 1 else uk(vals[i]),
              TYPES[i % 7]] for i in range(30)]
    out.append(Layout("query_column_names_2024-08", grid, 30, sum(vals),
                      {"amount": "Invoice Line Value (net of VAT)", "supplier_name": "Supplier"}))

    # 13. Wakefield Council's quarterly file with card payments in it (odileeds/council-spending-data
    #     wakefield/clean/2021-Q4.csv): "Bvacopse" beside "Bvacopse(T)" (a code and its text), "TransNo",
    #     "TT" saying GPC, pence-sized card lines and a 0.00 line, "Nil" irrecoverable VAT.
    vals, ds = amounts(30, 73), days(30)
    vals = [D("0.00") if i == 7 else (v / 100).quantize(D("0.01")) if i % 2 else v for i, v in enumerate(vals)]
    grid = [["Organisation Name", "Organisation Code", "Effective Date", "Service", "Bvacopse", "Bvacopse(T)",
             "Supplier Name", "Purpose Of Spend", "Type", "TransNo", "Seq No", "Payment Date", "Net Amount",
             "Irrecoverable VAT", "Merchant Category", "TT", "Contract"]]
    grid += [["Example WMDC", "E08000036", "2024-06-30", AREAS[i % 7].upper()[:8], "ABCDL4"[i % 6], AREAS[(i + 1) % 7],
              SUPPLIERS[i % 12], TYPES[i % 7], "Revenue", str(161522 + i // 3), str(340 + i), iso(ds[i]), plain(vals[i]),
              "Nil", TYPES[(i + 2) % 7].upper(), "GPC" if i % 2 else "AP", "Not yet available"] for i in range(30)]
    out.append(Layout("code_and_text_twins", grid, 30, sum(vals),
                      {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"}))
    # 14. Calderdale's monthly file (odileeds/council-spending-data calderdale/2014-10_clean.csv): nineteen
    #     columns, the LGA fields then the ledger's own ("SOURCE", "SUBSOURCE", "Definition",
    #     "Explanation"), three always empty ("BVACOP", "Proclass", "Extended Description"); personal
    #     budget lines whose "supplier" is a period and a client group ("2024:07D  Dementia") and whose
    #     "Supplier ID" says "Personal Budgets", card lines whose ID says "Purchase Card Supplier".
    vals, ds = amounts(30, 79), days(30)

    def calder(i):
        kind = "PB" if i % 7 == 2 else "CC" if i % 7 == 5 else "AP"
        name = (f"2024:0{4 + i % 3}D  Dementia" if kind == "PB" else SUPPLIERS[i % 12])
        sid = {"PB": "Personal Budgets", "CC": "Purchase Card Supplier"}.get(kind, f"S{120000 + i % 12 * 37}")
        what = {"PB": ("Personal Budgets", "Direct payments to service users assessed as needing service provision"),
                "CC": ("Credit Cards", "Payments via credit cards")}.get(
            kind, ("Accounts Payable Invoices", "Payment of accounts payable invoices"))
        return ["http://statistics.data.gov.uk/doc/local-authority-district/00CY", "The Borough of Example",
                iso(ds[i]), str(23964218 + i), f"FE{2461 + i}", plain(vals[i]), name, sid, "",
                f"{AREAS[i % 7]}-{AREAS[(i + 4) % 7]}", TYPES[i % 7], f"{44025505 + i}", "", "", "",
                "CQ" if kind == "PB" else "IV", kind, *what]
    grid = [["Body", "Body Name", "Date", "Transaction number", "Invoice Number", "Amount", "Supplier Name",
             "Supplier ID", "VAT Registration Number", "Expense Area", "Expense Type", "Expense Code", "BVACOP",
             "Proclass", "Extended Description", "SOURCE", "SUBSOURCE", "Definition", "Explanation"]]
    grid += [calder(i) for i in range(30)]
    out.append(Layout("ledger_source_columns", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Date",
                       "body": "Body Name"}))
    # 15. Derbyshire's police and crime commissioner ("Items of expenditure exceeding £500", its own
    #     column guide): a workbook, "Text" describing the spend, the general ledger's date.
    vals, ds = amounts(20, 89), days(20)
    grid = [["Body Name", "Service Area Categorisation", "Supplier name", "Transaction number", "Date", "Amount",
             "Text"]]
    grid += [["Example Constabulary" if i % 3 else "Office of the Police and Crime Commissioner", AREAS[i % 7],
              red_sup(i, None, None), 5_100_000 + i, xl(ds[i]), float(vals[i]), TYPES[i % 7]] for i in range(20)]
    out.append(Layout("police_gl_text", [], 20, sum(vals), {"amount": "Amount", "supplier_name": "Supplier name",
                                                            "payment_date": "Date", "description": "Text"},
                      fmt="xlsx", sheets={"Sheet1": grid}))

    # 16. Lichfield DC (its "Data we publish" table): "Publisher URI" and "Publisher label" for the body,
    #     and the expense type and code the other way round from their names ("Expense type" holds the
    #     account code, "Expense code" its description).
    rows, total = spend_rows(25, [const("http://opendatacommunities.org/id/district-council/example"),
                                  const("Example District Council"), date(dmy), ref, amt_(plain), red_sup,
                                  lambda i, a, d: f"{1000 + i % 12}", area, code, etype, etype])
    out.append(Layout("publisher_label", [["Publisher URI", "Publisher label", "Date", "Transaction number", "Amount",
                                           "Supplier name", "Supplier ID", "Expense area", "Expense type",
                                           "Expense code", "Extended description"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier name", "payment_date": "Date",
                                  "body": "Publisher label"}))
    # 17. Harrogate BC's monthly file (odileeds/council-spending-data harrogate/2017-03.csv): "Capital/ Revenue",
    #     a "Service Code" and an "Expenditure Code" that hold words, not codes, "Transaction No.",
    #     a line and its reversal (-54.07, 54.07) under one transaction, and the redaction label in the
    #     narrative, not in the supplier's name (the supplier is an agency; the person it sent is withheld).
    vals, ds = amounts(30, 101), days(30)
    vals = [(-vals[i - 1] if i % 10 == 9 else v) for i, v in enumerate(vals)]
    grid = [["Body Name", "Expenditure Category", "Capital/ Revenue", "Service Label", "Service Code",
             "Expenditure Code", "Payment date", "Supplier Name", "Transaction No.", "Net Amount", "Narrative"]]
    grid += [["Example Borough Council", ["Transport", "Premises", "Supplies and Services", "Employees"][i % 4], "R",
              "Community", AREAS[i % 7], TYPES[i % 7], dmy(ds[i]), SUPPLIERS[i % 12].upper(),
              str(4670585 + i - (1 if i % 10 == 9 else 0)), trimmed(vals[i]) if abs(vals[i]) < 1000 else uk(vals[i]),
              "REDACTED - PERSONAL DATA" if i % 8 == 3 else ("" if i % 3 else "Claro Road Depot")] for i in range(30)]
    out.append(Layout("redaction_in_narrative", grid, 30, sum(vals),
                      {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Payment date"}))
    # 18. Wakefield Council's first quarterly files (odileeds/council-spending-data wakefield/2014-20.csv): the
    #     title's "£500" written in the DOS code page (the byte 0x9C, read elsewhere as "œ"), "Not yet
    #     available" in five columns of every line, "N/A" supplier IDs, and twenty-three empty columns
    #     after the last heading.
    vals, ds = amounts(30, 103), days(30)
    head = ["Organisation Name", "Organisation Code", "Effective Date", "Directorate", "Service (Sercop)", "Sercop URI",
            "Supplier Name", "Supplier ID", "Company Registration", "Charity Registration", "VCSE Grant",
            "Payment Date", "Transaction Number", "Net Amount", "Irrecoverable VAT", "Purpose of Spend", "Type",
            "Procurement Classification", "Class Code", "Procurement Classification", "Class Code",
            "Thomson Classification", "Thomson Description", "Contract"]
    nya = "Not yet available"
    grid = [["Example Council Supplier Spend Greater Than £500 for Quarter 1st April 2024 to 30th June 2024."]
            + [""] * 46, [""] * 47, head + [""] * 23, [""] * 47]
    grid += [["Example MDC", "E08000036", "30/06/2024", AREAS[i % 7].upper()[:8], nya, nya, SUPPLIERS[i % 12].upper(),
              "N/A", nya, nya, nya, dmy(ds[i]), str(22522996 + i), uk(vals[i]), "Nil", TYPES[i % 7], "Revenue",
              "Family Services", "CAT04", "Sub Category To Be Classified", "SUBCATTBC", f"{29360 + i:05d}",
              "Educational Services", nya] + [""] * 23 for i in range(30)]
    out.append(Layout("dos_code_page_title", grid, 30, sum(vals),
                      {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"},
                      encoding="cp850"))
    # 19. Norfolk County Council's monthly file (its page on the columns it leaves blank): the LGA spend
    #     schema's twenty-one columns, label and URI pairs left empty, and card (GPC) payments with no
    #     net amount, reference or transaction number: "For GPC spend only gross amount is available,
    #     and so is shown in a separate column".
    vals, ds = amounts(30, 83), days(30)
    grid = [["Organisation name", "Organisation URI", "Effective date", "Directorate", "Service category label",
             "Service category URI", "Supplier (beneficiary) name", "Local supplier (beneficiary) internal reference",
             "Supplier registered company number", "Supplier registered charity number", "VCSE grant",
             "Payment date", "Transaction number", "Net amount", "Irrecoverable VAT", "Purpose of spend",
             "Procurement classification", "CPV label", "CPV URI", "Proclass label", "Proclass URI",
             "Gross amount (GPC)"]]
    for i in range(30):
        gpc = i % 5 == 3
        grid.append(["Example County Council", "http://opendatacommunities.org/id/county-council/example",
                     "30/04/2024", AREAS[i % 7], "", "", red_sup(i, None, None), "" if gpc else f"V{1000 + i}",
                     "" if i % 4 else "01234567", "", "N", dmy(ds[i]), "" if gpc else str(880000 + i),
                     "" if gpc else plain(vals[i]), "0.00", TYPES[i % 7], "" if gpc else TYPES[(i + 1) % 7],
                     "", "", "", "", plain(vals[i]) if gpc else ""])
    out.append(Layout("card_gross_in_own_column", grid, 30, sum(vals),
                      {"amount": "Net amount", "amount_fill": "Gross amount (GPC)",
                       "supplier_name": "Supplier (beneficiary) name", "payment_date": "Payment date"}))
    # 20. Bath and North East Somerset Council (its "What is included" list): a service area's code
    #     beside its name and an account code beside the expenses type, "redacted" for a person.
    rows, total = spend_rows(25, [const("Example and North East Example Council"), area,
                                  lambda i, a, d: f"S{300 + i % 7}", etype, code, date(dmy), ref, amt_(plain),
                                  lambda i, a, d: "redacted" if i % 6 == 4 else SUPPLIERS[i % 12]])
    out.append(Layout("service_area_code", [["Body Name", "Service Area Categorisation", "Service Area Code",
                                             "Expenses Type", "Account Code", "Date", "Transaction Number", "Amount",
                                             "Supplier Name"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Date",
                                  "category_code": "Account Code"}))
    # 21. Tameside MBC's monthly file (GMDSP-Linked-Data/Expenditure, "Tameside September 2014.csv"): a
    #     pivot table's "Sum of Inv Amount", figures with a trailing space inside their quotes
    #     ("5,303.57 "), "Account Description " with one, a "Redact Name" column saying why a name
    #     was withheld ("Business Payment") beside the names, two-digit years, and twenty-four empty
    #     columns after the last heading.
    vals, ds = amounts(30, 107), days(30)
    grid = [["Inv Transaction", "Supplier Name", "Headserv Name", "Stratdir Name", "Account Description ",
             "Redact Name", "Paid Date", "Sum of Inv Amount"] + [""] * 24]
    grid += [[str(460285 + i // 10), SUPPLIERS[i % 12].upper(), AREAS[i % 7], AREAS[(i + 3) % 7], TYPES[i % 7],
              "Business Payment" if i % 9 == 4 else "", short(ds[i]), uk(vals[i]) + " "] + [""] * 24
             for i in range(30)]
    out.append(Layout("pivot_sum_of_amount", grid, 30, sum(vals),
                      {"amount": "Sum of Inv Amount", "supplier_name": "Supplier Name", "payment_date": "Paid Date"}))

    # 22. The Greater London Authority's period files (rufuspollock/dataset-gla, its README and clean-up
    #     script): a SAP report with title lines above the header, every row shifted right by empty
    #     leading cells, "Amount £" with credits in brackets, "Clearing Date", the period's files named
    #     2012-13-P8-250.
    vals, ds = amounts(30, 109), days(30)
    grid = [["", "Greater Example Authority"], ["", "Expenditure over £250: Period 8 2024/25"], [],
            ["", "Vendor ID", "Vendor Name", "Cost Element", "Expenditure Account Code Description",
             "SAP Document No", "Amount £", "Clearing Date"]]
    grid += [["", str(100200 + i % 12), SUPPLIERS[i % 12], str(540000 + i % 7 * 10), TYPES[i % 7],
              str(5100000000 + i), brackets(vals[i]), mon(ds[i])] for i in range(30)]
    grid += [[], []]
    out.append(Layout("leading_empty_column", grid, 30, sum(vals),
                      {"amount": "Amount £", "supplier_name": "Vendor Name", "payment_date": "Clearing Date",
                       "supplier_id": "Vendor ID"}))
    # 23. Kirklees Council's monthly files (the column map odileeds/council-spending-data keeps for them in
    #     kirklees/index.json): the payee under a misspelt "Benificiary Name", "Amount Excluding VAT",
    #     the ProClass category as the only other word column.
    rows, total = spend_rows(25, [date(dmy), red_sup, amt_(uk), etype])
    out.append(Layout("misspelt_beneficiary", [["Payment Date", "Benificiary Name", "Amount Excluding VAT",
                                                "Proclass Description"]] + rows,
                      25, total, {"amount": "Amount Excluding VAT", "supplier_name": "Benificiary Name",
                                  "payment_date": "Payment Date"}))

    # 24. Sheffield City Council's first files (odileeds/council-spending-data sheffield/2011-04_clean.csv):
    #     no body or organisational unit, the business unit's description first, ProClass filled in,
    #     13-digit invoice numbers as Excel writes them (3400000000000).
    rows, total = spend_rows(30, [lambda i, a, d: AREAS[i % 7].upper(), lambda i, a, d: str(776 + i % 9 * 100),
                                  lambda i, a, d: TYPES[i % 7].upper(), date(iso), lambda i, a, d: str(3008473 + i),
                                  lambda i, a, d: "3400000000000" if i % 5 == 0 else str(5797 + i), amt_(plain),
                                  red_sup, lambda i, a, d: str(202556 + i % 12), etype,
                                  lambda i, a, d: TYPES[(i + 2) % 7].upper()])
    out.append(Layout("business_unit_first", [["Business Unit Description", "Expense Code", "Expense Code Description",
                                               "GL Date", "Document No.", "Invoice No.", "Invoiced Value",
                                               "Supplier Name", "Address Book No.", "Proclass Details Level 1",
                                               "Thomson Classification Description"]] + rows,
                      30, total, {"amount": "Invoiced Value", "supplier_name": "Supplier Name",
                                  "payment_date": "GL Date"}))
    # 25. A government department's "spend over £25,000" file (the Department for Education rows two
    #     public repositories keep as a sample of UK government spending data): the Treasury's nine
    #     columns with a free-text "Description" last, transaction numbers of letters and digits
    #     ("CORE-PINV-074083"), amounts in quotes with thousands separators.
    rows, total = spend_rows(25, [const("Department for Example"), const("Core"), date(dmy), etype, area, sup,
                                  lambda i, a, d: f"CORE-PINV-{74083 + i:06d}", amt_(lambda v: uk(v * 40)), etype])
    out.append(Layout("central_government_25k", [["Department Family", "Entity", "Date", "Expense Type",
                                                  "Expense Area", "Supplier", "Transaction Number", "Amount",
                                                  "Description"]] + rows,
                      25, total * 40, {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date",
                                       "transaction_ref": "Transaction Number"}))
    return out


LAYOUTS = _layouts()


@pytest.mark.parametrize("layout", LAYOUTS, ids=[x.name for x in LAYOUTS])
def test_third_publisher_layouts_load_exactly_with_no_mapping(tmp_path, db, layout, monkeypatch):
    if layout.name.startswith(("sql_preamble", "query_column_names")):
        # the shared check counts the columns a header names among a file's first six rows; this
        # file's header lies below them: the columns it names, and the unnamed first column of markers
        header = next(row for row in layout.grid if "Supplier" in row)
        monkeypatch.setattr(first_set, "_columns_named", lambda _layout: sum(1 for c in header if c) + 1)
    _loads_exactly(tmp_path, db, layout)
    # exactly the lines whose supplier is withheld are redacted lines (a label elsewhere on the line,
    # in a narrative or a supplier's number column beside the name, changes nothing)
    grids = list(layout.sheets.values()) or [layout.grid]
    marked = sum(1 for g in grids for row in g if any(isinstance(c, str) and c in MARKERS for c in row))
    assert q(db, "SELECT count(*) FILTER (WHERE is_redacted) FROM transactions") == [(marked,)]


# ---------------------------------------------------------------------------------------------
# What the columns are not: fields a real heading names something else by

@pytest.mark.parametrize("name,field,header", [
    # a link in every cell is the body's address, not its name: the name is in the column beside it
    ("joined_up_lga_names", "body", "BodyName"),
    ("card_merchant_group", "body", "Body Name"),
    # the supplier's invoice reference is the invoice's, not the supplier's identifier
    ("foi_invoice_payments", "supplier_id", None),
    # an organisation's or a service's code is not the category's code
    ("code_and_text_twins", "category_code", None),
    ("trans_ref_no", "category_code", None),
    # an always-empty column gives a field nothing, when another column can: the expense code's words
    # are the category ("X Code Description" names what the code stands for, not the line)
    ("gl_date_invoiced_value", "category", "Expense Code Description"),
    ("gl_date_invoiced_value", "description", None),
])
def test_a_heading_naming_another_thing_is_not_taken_for_a_field(tmp_path, db, name, field, header):
    layout = next(x for x in LAYOUTS if x.name == name)
    got = load_file(layout.write(tmp_path), db=db).as_json()
    assert got["columns"].get(field, {}).get("column") == header, got["columns"]
    if header is None:
        assert got["columns_unused"]  # the column is listed as not used, not dropped


# ---------------------------------------------------------------------------------------------
# Long enough to be read in one pass (lib.ingest.fast plans on its first 6,000 records)

def _long(layout: Layout, first_data_row: int, at_least: int = 6_200) -> Layout:
    """The layout with its lines repeated until the file is past the one-pass sample."""
    head, data = layout.grid[:first_data_row], layout.grid[first_data_row:]
    k = -(-at_least // len(data))
    return Layout(layout.name + "_long", head + data * k, layout.lines * k, layout.total * k, layout.used,
                  encoding=layout.encoding, delimiter=layout.delimiter)


@pytest.mark.parametrize("name,first_data_row", [("joined_up_lga_names", 1), ("supplier_number_redacted_too", 1),
                                                 ("gl_date_invoiced_value", 1), ("ledger_source_columns", 1),
                                                 ("code_letters_in_headings", 1)])
def test_long_files_of_these_layouts_load_in_one_pass_exactly(tmp_path, db, name, first_data_row):
    assert_one_pass_exact(tmp_path, db, _long(next(x for x in LAYOUTS if x.name == name), first_data_row))


def assert_one_pass_exact(tmp_path, db, layout: Layout) -> None:
    """The layout's file loads through the one-pass path, every line exact, each field from its column."""
    from lib.ingest import fast

    path = layout.write(tmp_path)
    res = fast.load_csv(path, db, file_name=None, mapping=None, period=None, is_demo=False, progress=None,
                        loaded_by=None, remember_mapping=False, refresh_suppliers=True, on_overlap="skip")
    assert res is not None, "the one-pass path handed the file to the full path"
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (layout.lines, 0, 0), res.problems[:3]
    assert res.amount_loaded == layout.total
    cols = res.as_json()["columns"]
    assert {f: cols[f]["column"] for f in layout.used} == layout.used
    assert q(db, "SELECT count(*), sum(amount) FROM transactions") == [(layout.lines, layout.total)]


def test_a_layout_loads_through_the_command_line(tmp_path):
    """The CLI's JSON line for a real layout: no --map, every field found, nothing quarantined."""
    layout = next(x for x in LAYOUTS if x.name == "sql_preamble_2024-04")
    path = layout.write(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "lib.cli", "ingest", str(path), "--db", str(tmp_path / "c.duckdb")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[0])
    assert (got["rows_loaded"], got["rows_quarantined"]) == (layout.lines, 0)
    assert D(got["amount_loaded"]) == layout.total
    assert got["columns"]["amount"] == {"column": "Invoice Line Value (net of VAT)", "found": "header"}
    assert got["columns"]["supplier_name"] == {"column": "Supplier", "found": "header"}
