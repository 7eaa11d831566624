"""A fourth set of spend-file layouts from publishers none of the earlier sets hold
(tests/test_publisher_layouts.py, _more.py, _third.py): transport bodies, a metropolitan
council's Agresso extract, a combined authority's enriched file, a national infrastructure body, a
Scottish council's ArcGIS export, a university city's finance export. Each heading row is the one
the real file (or the publisher's own account of its columns) has, named above the layout; the rows
are made up here, written the way those files write them (their dates, amounts, references and
redaction labels). Each loads with no hand mapping, exactly (lines and pennies), each field from the
column expected, and every column either used or listed as not used.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import rows_of as q
import test_publisher_layouts as first_set
from test_publisher_layouts import (AREAS, SUPPLIERS, TYPES, Layout, _loads_exactly, amounts, days, dmy, mon,
                                    plain, uk)

D = Decimal
ROOT = Path(__file__).resolve().parent.parent

REDACTED = {"REDACTED DATA", "REDACTED - PERSONAL INFORMATION", "REDACTED PERSONAL DATA"}  # as written, in any case


def iso(d: dt.date) -> str:
    return d.isoformat()


def dd_mon_yyyy(d: dt.date) -> str:
    """04 Apr 2018: a day, a month's short name and the year, with spaces."""
    return d.strftime("%d %b %Y")


def trimmed(v: Decimal) -> str:
    """As a database export writes a number: no trailing zeros (850.1, 799)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def ordinal(d: dt.date) -> str:
    """1st April 2024."""
    n = d.day
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} {d.strftime('%B %Y')}"


def sup_or(i: int, label: str, every: int = 7) -> str:
    """A supplier, or the publisher's redaction label on every ``every``-th line."""
    return label if i % every == every - 1 else SUPPLIERS[i % len(SUPPLIERS)]


def _layouts() -> list[Layout]:
    out = []

    # 1. Transport for London's payments over £250 (odileeds/council-spending-data tfl/2019-01.csv):
    #    the subsidiary company as "Entity", "Vendor Name", "Expenditure Account " with a trailing
    #    space, SAP document numbers written company\document (1005\1900202628), "Clearing Date" as
    #    04 Apr 2018, "Amount (£)" in quotes with thousands separators, an empty "Merchant Category".
    vals, ds = amounts(30, 113), days(30)
    grid = [["Entity", "Vendor Name", "Expenditure Account ", "Document Number", "Clearing Date", "Amount (£)",
             "Merchant Category"]]
    grid += [[["LONDON UNDERGROUND LTD", "LONDON BUS SERVICES LTD", "TFL CORPORATE"][i % 3], SUPPLIERS[i % 12].upper(),
              TYPES[i % 7], f"10{i % 9:02d}\\{1900202628 + i}" if i % 4 else str(788300 + i), dd_mon_yyyy(ds[i]),
              uk(vals[i] * 20), ""] for i in range(30)]
    out.append(Layout("entity_vendor_clearing", grid, 30, sum(vals) * 20,
                      {"amount": "Amount (£)", "supplier_name": "Vendor Name", "payment_date": "Clearing Date"}))

    # 2. A Greater Manchester council's payments over £500 (odileeds/council-spending-data
    #    stockport/2019-08_clean.csv, whose lines name Salford City Council): "Date of Payment" as
    #    2019-08-01, SAP document numbers and, for card lines, nine random letters (kvvnmrsek), bare
    #    "Gross", "VAT" and "Net" side by side (the net is the spend), "Redacted Data" for a person,
    #    "G/L description." with its full stop.
    vals, ds = amounts(30, 127), days(30)
    grid = [["Authority Name", "Date of Payment", "SAP Document Number", "Gross", "VAT", "Net", "Supplier Name",
             "Directorate", "G/L description."]]
    for i in range(30):
        vat = (vals[i] * D("0.2")).quantize(D("0.01")) if i % 3 else D("0.00")
        grid.append(["Example City Council", iso(ds[i]), "kvvnmrsek"[i % 9:] + "abc"[:i % 3] if i % 10 == 7
                     else str(1600632351 + i), plain(vals[i] + vat), plain(vat), plain(vals[i]),
                     sup_or(i, "Redacted Data"), AREAS[i % 7], TYPES[i % 7]])
    out.append(Layout("gross_vat_net_bare", grid, 30, sum(vals),
                      {"amount": "Net", "supplier_name": "Supplier Name", "payment_date": "Date of Payment"}))

    # 3. Network Rail's spend over £25,000 (odileeds/council-spending-data networkrail/2019-10_clean.csv):
    #    four columns, the amount as "Spend", the date as "Invoice GL Date", ISO dates.
    vals, ds = amounts(25, 131), days(25)
    grid = [["Supplier Name", "Category Family", "Invoice GL Date", "Spend"]]
    grid += [[SUPPLIERS[i % 12], TYPES[i % 7], iso(ds[i]), plain(vals[i] * 60)] for i in range(25)]
    out.append(Layout("spend_and_gl_date", grid, 25, sum(vals) * 60,
                      {"amount": "Spend", "supplier_name": "Supplier Name", "payment_date": "Invoice GL Date"}))

    # 4. Gateshead Council's Agresso extract (odileeds/council-spending-data gateshead/2014-02_clean.csv):
    #    Agresso's "(T)" columns, the text of a code: "Supplier ID(T)" holds the supplier's *name*;
    #    "Period" is the ledger period (201311), months before the day the line was paid, which is
    #    in "Updated" (2014-02-21); "TransNo" and "Seq no"; amounts with no trailing zeros.
    vals, ds = amounts(30, 137), days(30)
    grid = [["Strgrpcc(T)", "Cipfsubj(T)", "Cipfsubs(T)", "TransNo", "Seq no", "Period", "Supplier ID(T)", "Amount",
             "Updated"]]
    grid += [["Community Based Services", ["Transport", "Premises", "Supplies and Services"][i % 3], TYPES[i % 7],
              str(148008502 + i // 3), str(i % 5), "202311", sup_or(i, "REDACTED - Personal Information").upper(),
              trimmed(vals[i]), iso(ds[i])] for i in range(30)]
    out.append(Layout("agresso_text_columns", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier ID(T)", "payment_date": "Updated"}))

    # 5. Newcastle City Council's invoices over £250 (odileeds/council-spending-data newcastle/2018-05.csv):
    #    a title line and an empty line above the header, "Paid Date" as 25-May-2018, the amount as a
    #    bare "Total", service areas padded with trailing spaces, "Group Description" saying
    #    "Revenue Expenditure" or "Revenue Income", and a supplier whose name is a number (3663).
    vals, ds = amounts(30, 139), days(30)
    grid = [["Example City Council Invoices over £250 paid in May 2024"] + [""] * 9, [""] * 10,
            ["Directorate", "Service Area", "Group Description", "Paid Date", "Supplier Name", "Internal Ref",
             "Cap/Rev", "Cost Centre", "Cost Centre Name", "Total"]]
    grid += [[AREAS[i % 7], f"{AREAS[(i + 2) % 7]}{' ' * (8 + i % 20)}",
              "Revenue Income" if vals[i] < 0 else "Revenue Expenditure", mon(ds[i]),
              "3663" if i % 10 == 3 else SUPPLIERS[i % 12].upper(), str(7511445 + i), "Revenue",
              f"1K{'FVR'[i % 3]}{i:02d}", TYPES[i % 7], plain(vals[i])] for i in range(30)]
    out.append(Layout("title_total_padded", grid, 30, sum(vals),
                      {"amount": "Total", "supplier_name": "Supplier Name", "payment_date": "Paid Date"}))

    # 6. Oxford City Council's expenditure over £500 (OxOpenData/expenditure-over-500
    #    data/expenditure-over-500-apr-jun-2017.csv): "Paid Date", "Trans No" written 1036863 - 4,
    #    "Expenditure Category" beside "Expenditure Code" (Z910198), "Supplier ID" of eight digits
    #    beside "Supplier Name", whole pounds with no decimals, a name in doubled quotes.
    vals, ds = amounts(30, 149), days(30)
    grid = [["Service Area", "Expenditure Category", "Expenditure Code", "Paid Date", "Trans No", "Amount", "Type",
             "Supplier ID", "Supplier Name"]]
    grid += [[AREAS[i % 7], TYPES[i % 7], f"D{3401 + i % 9}", dmy(ds[i]), f"{1036241 + i} - {i % 5}",
              trimmed(vals[i]), "Capital" if i % 6 == 0 else "Revenue", str(20003025 + i % 12),
              '"JOHNNIE" JOHNSON HOUSING TRUST' if i == 11 else SUPPLIERS[i % 12].upper()] for i in range(30)]
    out.append(Layout("trans_no_with_sequence", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Paid Date",
                       "supplier_id": "Supplier ID"}))

    # 7. The North West Open Data combined file for Greater Manchester councils
    #    (northwestopendata/lgtc_nwod_data gmca/README.md, its column table): snake_case names, the
    #    payee as published ("beneficiary_name") beside three cleaned copies of it ("clean_name",
    #    "naked_name", "company_name"), company and charity numbers matched afterwards, a SIC code.
    vals, ds = amounts(30, 151), days(30)
    grid = [["nwod_id_uri_code", "nwod_id", "org_short_name", "beneficiary_name", "payment_date", "amount",
             "clean_name", "naked_name", "company_name", "company_number", "charity_number", "sicc_int",
             "match_method"]]
    for i in range(30):
        name = SUPPLIERS[i % 12]
        grid.append(["E08000001", str(884201 + i), ["bolton", "salford", "oldham"][i % 3], name, iso(ds[i]),
                     plain(vals[i]), name.upper(), name.upper().replace(" LTD", "").replace(" PLC", ""),
                     name.upper(), f"0{4123456 + i % 12}" if i % 3 else "", "" if i % 5 else f"CHC-{1012345 + i}",
                     str(49410 + i % 7), str(i % 4)])
    out.append(Layout("enriched_name_copies", grid, 30, sum(vals),
                      {"amount": "amount", "supplier_name": "beneficiary_name", "payment_date": "payment_date"}))

    # 8. Stirling Council's payments to suppliers, downloaded from its ArcGIS hub
    #    (OpenDataScotland/jkan, the dataset page's column table): the hub's "OBJECTID" first,
    #    "Cost_Centre_Name", "Transaction_Type" (Invoice or Credit Note), "Net_Value", "VAT" and
    #    "Gross_Value", "Sub_Ledger", no payment date: "Financial_Year_Ending" with "Period" 1-12
    #    and the "Quarter".
    vals = amounts(24, 157)
    grid = [["OBJECTID", "Cost_Centre_Name", "Supplier_Name", "Transaction_Type", "Net_Value", "VAT", "Gross_Value",
             "Sub_Ledger", "Transaction_Reference", "Batch_Number", "Financial_Year_Ending", "Period", "Quarter"]]
    for i in range(24):
        vat = (vals[i] * D("0.2")).quantize(D("0.01"))
        period = 1 + i % 12
        grid.append([str(i + 1), AREAS[i % 7], SUPPLIERS[i % 12], "Credit Note" if vals[i] < 0 else "Invoice",
                     plain(vals[i]), plain(vat), plain(vals[i] + vat),
                     "Purchase Cards" if i % 8 == 2 else "Trade Creditors", str(5512001 + i), str(30871 + i // 4),
                     "2025", str(period), str(1 + (period - 1) // 3)])
    out.append(Layout("arcgis_objectid_periods", grid, 24, sum(vals),
                      {"amount": "Net_Value", "supplier_name": "Supplier_Name", "period": "Period"}))

    # 9. Buckinghamshire & Milton Keynes Fire Authority's expenditure over £5,000 (bucksfire.gov.uk,
    #    "authority-expenditure-over-5000-00": "the transaction date, transaction reference, budget
    #    description, supplier name, value, clearance date, supplier reference and whether a
    #    competitive process was carried out"): two dates, the day the payment cleared being the day
    #    it was paid; the amount as a bare "Value"; a Yes/No column.
    vals, ds = amounts(25, 163), days(25)
    grid = [["Transaction Date", "Transaction Reference", "Budget Description", "Supplier Name", "Value",
             "Clearance Date", "Supplier Reference", "Competitive Process"]]
    grid += [[dmy(ds[i] - dt.timedelta(days=9)), f"PI{40231 + i}", TYPES[i % 7], SUPPLIERS[i % 12],
              uk(vals[i] * 10), dmy(ds[i]), f"S{1201 + i % 12:05d}", "Yes" if i % 3 else "No"] for i in range(25)]
    out.append(Layout("clearance_date", grid, 25, sum(vals) * 10,
                      {"amount": "Value", "supplier_name": "Supplier Name", "payment_date": "Clearance Date"}))

    # 10. A research council's "spend over £25,000" (PSingh-Unipd/simple-data-visualization-app, its
    #     EPSRC transactions interface): the Treasury's columns run together (DepartmentFamily,
    #     ExpenseType), and "InvoiceCurrencyUnit" saying GBP on every line.
    vals, ds = amounts(25, 167), days(25)
    grid = [["DepartmentFamily", "Entity", "Date", "ExpenseType", "ExpenseArea", "Supplier", "TransactionNumber",
             "Amount", "InvoiceCurrencyUnit"]]
    grid += [["Department for Example", "Example Research Council", dmy(ds[i]), TYPES[i % 7], AREAS[i % 7],
              SUPPLIERS[i % 12], str(9100231 + i), plain(vals[i] * 50), "GBP"] for i in range(25)]
    out.append(Layout("currency_unit_column", grid, 25, sum(vals) * 50,
                      {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date",
                       "transaction_ref": "TransactionNumber"}))

    # 11. The Cabinet Office's spend over £25,000 as an Oracle pivot exported it (the column map
    #     odileeds/council-spending-data keeps in cabinetoffice/index.json): headings in capitals, the
    #     pound sign lost from "AMOUNT (£)" on the way ("AMOUNT ()"), a "SUM OF INVOICE DISTRIBUTION
    #     AMOUNT" elsewhere; here the first.
    vals, ds = amounts(25, 173), days(25)
    grid = [["DEPARTMENT FAMILY", "ENTITY", "DATE", "EXPENSE TYPE", "EXPENSE AREA", "SUPPLIER", "TRANSACTION NUMBER",
             "AMOUNT ()"]]
    grid += [["CABINET OFFICE", "CABINET OFFICE", mon(ds[i]).upper(), TYPES[i % 7].upper(), AREAS[i % 7].upper(),
              SUPPLIERS[i % 12].upper(), str(2100321 + i), uk(vals[i] * 40)] for i in range(25)]
    out.append(Layout("amount_sign_lost", grid, 25, sum(vals) * 40,
                      {"amount": "AMOUNT ()", "supplier_name": "SUPPLIER", "payment_date": "DATE"}))
    vals, ds = amounts(25, 179), days(25)
    grid = [["DEPARTMENT FAMILY", "ENTITY", "DATE", "EXPENSE TYPE", "EXPENSE AREA", "SUPPLIER", "TRANSACTION NUMBER",
             "SUM OF INVOICE DISTRIBUTION AMOUNT"]]
    grid += [["CABINET OFFICE", "GOVERNMENT DIGITAL SERVICE", dmy(ds[i]), TYPES[i % 7].upper(), AREAS[i % 7].upper(),
              SUPPLIERS[i % 12].upper(), str(2200321 + i), plain(vals[i] * 40)] for i in range(25)]
    out.append(Layout("sum_of_distribution_amount", grid, 25, sum(vals) * 40,
                      {"amount": "SUM OF INVOICE DISTRIBUTION AMOUNT", "supplier_name": "SUPPLIER",
                       "payment_date": "DATE"}))

    # 12. Gateshead Council's earlier Agresso files (the same column map, gateshead/index.json): the
    #     supplier under a misspelt "Suuplier ID (T)", the strategic group as "Nstrg(T)", the day paid
    #     as "Updated", no period.
    vals, ds = amounts(30, 181), days(30)
    grid = [["Nstrg(T)", "Cipfsubs(T)", "TransNo", "Suuplier ID (T)", "Amount", "Updated"]]
    grid += [[AREAS[i % 7], TYPES[i % 7], str(41047952 + i), sup_or(i, "REDACTED - Personal Information").upper(),
              trimmed(vals[i]), iso(ds[i])] for i in range(30)]
    out.append(Layout("misspelt_supplier_code_text", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Suuplier ID (T)", "payment_date": "Updated"}))

    # 13. Dates as Oracle E-Business Suite writes them (DD-MON-YY, the month in capitals: 03-APR-24),
    #     in an accounts-payable export's own words: "Vendor Name", "Invoice Num", "Check Date",
    #     "Payment Amount" beside the whole "Invoice Amount".
    vals, ds = amounts(25, 191), days(25)
    grid = [["Invoice Num", "Vendor Name", "Vendor Site Code", "Invoice Date", "Check Date", "Check Number",
             "Invoice Amount", "Payment Amount"]]
    grid += [[f"INV-{70021 + i}", SUPPLIERS[i % 12].upper(), ["MAIN", "HQ", "BACS"][i % 3],
              (ds[i] - dt.timedelta(days=20)).strftime("%d-%b-%y").upper(), ds[i].strftime("%d-%b-%y").upper(),
              str(330012 + i), plain(vals[i] * 2), plain(vals[i])] for i in range(25)]
    out.append(Layout("oracle_payables", grid, 25, sum(vals),
                      {"amount": "Payment Amount", "supplier_name": "Vendor Name", "payment_date": "Check Date"}))

    # 14. A units row under the header: "£" under each money column, as workbooks laid out for
    #     print have it (a row that is neither a line nor a second line of words).
    vals, ds = amounts(25, 193), days(25)
    grid = [["Payment Date", "Supplier", "Net Amount", "VAT", "Service"], ["", "", "£", "£", ""]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], uk(vals[i]), "0.00", AREAS[i % 7]] for i in range(25)]
    out.append(Layout("units_row_under_header", grid, 25, sum(vals),
                      {"amount": "Net Amount £", "supplier_name": "Supplier", "payment_date": "Payment Date"}))

    # 15. A header of two rows in a workbook whose group words are merged cells over the columns
    #     under them ("Supplier" over "Name" | "Number", "Payment" over "Date" | "Amount (£)"): the
    #     merged cell's word is written once, in its first column.
    vals, ds = amounts(20, 197), days(20)
    sheet = [["Example Police and Crime Commissioner: payments over £500"], [],
             ["Supplier", None, "Payment", None, "Cost Centre"], ["Name", "Number", "Date", "Amount (£)", None]]
    sheet += [[SUPPLIERS[i % 12], f"V{1000 + i % 12}", dt.datetime.combine(ds[i], dt.time()), float(vals[i]),
               AREAS[i % 7]] for i in range(20)]
    out.append(Layout("merged_group_header", [], 20, sum(vals),
                      {"amount": "Payment Amount (£)", "supplier_name": "Supplier Name",
                       "payment_date": "Payment Date", "supplier_id": "Supplier Number"},
                      fmt="xlsx", sheets={"Payments": sheet}))

    # 16. Amounts with the currency's code before them ("GBP 1,234.56", "GBP -56.78"), as an ERP's
    #     multi-currency report prints them, and dates written out with ordinals ("1st April 2024").
    vals, ds = amounts(25, 199), days(25)
    grid = [["Date Paid", "Payee", "Amount", "Currency"]]
    grid += [[ordinal(ds[i]), SUPPLIERS[i % 12], f"GBP {vals[i]:,.2f}", "GBP"] for i in range(25)]
    out.append(Layout("currency_code_and_ordinal_dates", grid, 25, sum(vals),
                      {"amount": "Amount", "supplier_name": "Payee", "payment_date": "Date Paid"}))

    # 17. The Home Office's procurement card spend over £500 (gov.uk, read by
    #     OtterOriented/home-office-spend-2020 HomeOffice.ipynb: "the column names aren't
    #     consistently formatted in each CSV file", the date, the amount and the supplier first):
    #     merchant names as the card scheme truncates them ("LVL-NORTH DOWN SPECIAL"), web shops by
    #     their address, amounts with thousands separators, the date before the amount.
    merchants = ["Amazon", "LVL-NORTH DOWN SPECIAL", "PETER LEONARD MOORINGS", "WWW.EQUIP4WORK.CO.UK",
                 "E H SMITH  BUILDERS", "TUFFIES DOG BEDS", "CURRYS", "SEA SCOPE TRAINING SOL"]
    for k, head in enumerate((["Transaction Date", "Amount", "Merchant Name", "Description"],
                              ["Date", "Total (£)", "Supplier", "Purpose"])):
        ds = days(24)
        vals = [(abs(v) / 20 + 500).quantize(D("0.01")) for v in amounts(24, 211 + k)]
        grid = [head] + [[dmy(ds[i]), uk(vals[i]), merchants[i % 8], TYPES[i % 7]] for i in range(24)]
        out.append(Layout(f"card_over_500_{k}", grid, 24, sum(vals),
                          {"amount": head[1], "supplier_name": head[2], "payment_date": head[0]}))

    # 18. A card issuer's statement export, as card files are published straight from it: the
    #     merchant's charge in its own currency ("Original Amount", "Original Currency": USD on some
    #     lines) beside the "Billing Amount" in pounds, which is the spend; the merchant category code.
    vals, ds = amounts(25, 223), days(25)
    grid = [["Transaction Date", "Posting Date", "Merchant Name", "MCC", "Original Amount", "Original Currency",
             "Billing Amount"]]
    for i in range(25):
        usd = i % 5 == 2
        grid.append([dmy(ds[i]), dmy(ds[i] + dt.timedelta(days=2)), SUPPLIERS[i % 12], str(5045 + i % 40),
                     plain((vals[i] * D("1.27")).quantize(D("0.01"))) if usd else plain(vals[i]),
                     "USD" if usd else "GBP", plain(vals[i])])
    out.append(Layout("card_original_currency", grid, 25, sum(vals),
                      {"amount": "Billing Amount", "supplier_name": "Merchant Name",
                       "payment_date": "Transaction Date"}))

    # 19. The value of each line, its VAT and their total side by side, each headed with a pound
    #     sign ("Value (£)" | "VAT (£)" | "Total (£)"), as remittance-style reports print them: the
    #     total is the sum with the VAT in it, the value is the spend. (No one publisher: the shape of
    #     Stirling's Net_Value | VAT | Gross_Value, in the plainer words others use.)
    vals, ds = amounts(25, 227), days(25)
    grid = [["Date", "Supplier", "Description", "Value (£)", "VAT (£)", "Total (£)"]]
    for i in range(25):
        vat = (vals[i] * D("0.2")).quantize(D("0.01")) if i % 4 else D("0.00")
        grid.append([dmy(ds[i]), SUPPLIERS[i % 12], TYPES[i % 7], uk(vals[i]), uk(vat), uk(vals[i] + vat)])
    out.append(Layout("value_vat_total", grid, 25, sum(vals),
                      {"amount": "Value (£)", "supplier_name": "Supplier", "payment_date": "Date"}))

    # 20. A Civica Financials creditor report in its own words: "Creditor Name" and "Creditor No",
    #     "Invoice Posted Date", "Net Value", the account code's description.
    vals, ds = amounts(25, 229), days(25)
    grid = [["Creditor Name", "Creditor No", "Invoice Posted Date", "Net Value", "Cost Centre",
             "Account Code Description"]]
    grid += [[SUPPLIERS[i % 12], f"C{10400 + i % 12}", dmy(ds[i]), uk(vals[i]), AREAS[i % 7], TYPES[i % 7]]
             for i in range(25)]
    out.append(Layout("creditor_report", grid, 25, sum(vals),
                      {"amount": "Net Value", "supplier_name": "Creditor Name", "payment_date": "Invoice Posted Date",
                       "supplier_id": "Creditor No"}))

    # 21. A ledger's three dates in SAP's short words ("Doc Date", "Posting Date", "Pay Date"): the
    #     day paid is the last of them.
    vals, ds = amounts(25, 233), days(25)
    grid = [["Doc Date", "Posting Date", "Pay Date", "Vendor Name", "Doc No", "Amount"]]
    grid += [[dmy(ds[i] - dt.timedelta(days=30)), dmy(ds[i] - dt.timedelta(days=10)), dmy(ds[i]), SUPPLIERS[i % 12],
              str(5100030000 + i), plain(vals[i])] for i in range(25)]
    out.append(Layout("three_ledger_dates", grid, 25, sum(vals),
                      {"amount": "Amount", "supplier_name": "Vendor Name", "payment_date": "Pay Date"}))

    # 22. A month's total written out in words in the amount column under the lines ("Total for
    #     April 2024: £108,779.40"), with no date or supplier beside it, as a hand-finished sheet has
    #     it: a total line, not an amount that cannot be read.
    vals, ds = amounts(24, 239), days(24)
    grid = [["Date", "Supplier", "Purpose", "Amount"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], TYPES[i % 7], uk(vals[i])] for i in range(24)]
    grid += [["", "", "", f"Total for April 2024: £{sum(vals):,.2f}"]]
    out.append(Layout("total_written_in_amount", grid, 24, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date"}, totals=1))

    # 23. Cannock Chase DC's two sums (its open data page: "SumOfAmount_Inc_VAT", "SumOfAmount_Exc_VAT"),
    #     as a report headed in words has them: "Amount Paid (incl VAT)" before "Amount (excl VAT)".
    #     The sum without the VAT is the spend; the one with it is not a rival for it.
    vals, ds = amounts(25, 241), days(25)
    grid = [["Date", "Supplier Name", "Amount Paid (incl VAT)", "Amount (excl VAT)", "Expenses Type"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], uk((vals[i] * D("1.2")).quantize(D("0.01"))), uk(vals[i]), TYPES[i % 7]]
             for i in range(25)]
    out.append(Layout("paid_with_and_without_vat", grid, 25, sum(vals),
                      {"amount": "Amount (excl VAT)", "supplier_name": "Supplier Name", "payment_date": "Date"}))

    # 24. Trafford Council's monthly file (GMDSP-Linked-Data/Expenditure, "Example Data/Trafford/Trafford
    #     September 2014.csv"): sixteen columns, an "Invoice Number" holding words (the client's or
    #     the home's name: CHILDREN IN CARE, OLD HALL ROAD), the same name as the supplier on many
    #     lines, a four-digit "Supplier ID", and five columns empty on every line (VAT registration,
    #     BVACOP, ProClass and its description, the extended description).
    vals, ds = amounts(30, 269), days(30)
    grid = [["Body", "Body name", "Date", "Transaction number", "Invoice Number", "Amount", "Supplier Name",
             "Supplier ID", "VAT Registration Number", "Expense Area", "Expense Type", "Expense Code", "BVACOP",
             "ProClass", "ProClass Description", "Extended Description"]]
    for i in range(30):
        home = i % 3 == 1
        grid.append(["http://statistics.data.gov.uk/id/local-authority/00BU", "Example", dmy(ds[i]),
                     str(1901095785 + i // 4), "OLD HALL ROAD" if home else "CHILDREN IN CARE", uk(vals[i]),
                     "OLD HALL ROAD" if home else SUPPLIERS[i % 12].upper(), str(1008 + i % 12), "",
                     AREAS[i % 7].upper(), TYPES[i % 7].upper(), str(220412 + i % 5), "", "", "", ""])
    out.append(Layout("invoice_number_of_words", grid, 30, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Date",
                       "supplier_id": "Supplier ID"}))
    return out


LAYOUTS = _layouts()
COLUMNS_NAMED = {"merged_group_header": 5}


@pytest.mark.parametrize("layout", LAYOUTS, ids=[x.name for x in LAYOUTS])
def test_fourth_publisher_layouts_load_exactly_with_no_mapping(tmp_path, db, layout, monkeypatch):
    if layout.name in COLUMNS_NAMED:
        # the shared check counts the columns named by the widest row of words near the top; a
        # header over two rows names more than either row
        monkeypatch.setattr(first_set, "_columns_named", lambda _layout: COLUMNS_NAMED[layout.name])
    _loads_exactly(tmp_path, db, layout)
    # exactly the lines whose supplier is withheld are redacted lines
    grids = list(layout.sheets.values()) or [layout.grid]
    marked = sum(1 for g in grids for row in g if any(isinstance(c, str) and c.upper() in REDACTED for c in row))
    assert q(db, "SELECT count(*) FILTER (WHERE is_redacted) FROM transactions") == [(marked,)]


# ---------------------------------------------------------------------------------------------
# Long enough to be read in one pass (lib.ingest.fast plans on its first 6,000 records)

from test_publisher_layouts_third import _long, assert_one_pass_exact  # noqa: E402 - as the third set reads them


@pytest.mark.parametrize("name,first_data_row", [("agresso_text_columns", 1), ("entity_vendor_clearing", 1),
                                                 ("units_row_under_header", 2), ("clearance_date", 1),
                                                 ("value_vat_total", 1), ("card_original_currency", 1),
                                                 ("title_total_padded", 3), ("currency_code_and_ordinal_dates", 1)])
def test_long_files_of_these_layouts_load_in_one_pass_exactly(tmp_path, db, name, first_data_row):
    assert_one_pass_exact(tmp_path, db, _long(next(x for x in LAYOUTS if x.name == name), first_data_row))


def test_an_agresso_extract_loads_through_the_command_line_dated_by_its_days(tmp_path):
    """The CLI's JSON line for the Agresso layout: no --map; the supplier's name found in the column
    headed as its code and the day paid in the column no header word names, both by what they hold;
    each line dated by that day, not by the ledger period beside it."""
    layout = next(x for x in LAYOUTS if x.name == "agresso_text_columns")
    path = layout.write(tmp_path)
    db = tmp_path / "c.duckdb"
    proc = subprocess.run([sys.executable, "-m", "lib.cli", "ingest", str(path), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[0])
    assert (got["rows_loaded"], got["rows_quarantined"]) == (layout.lines, 0)
    assert D(got["amount_loaded"]) == layout.total
    assert got["columns"]["supplier_name"] == {"column": "Supplier ID(T)", "found": "content"}
    assert got["columns"]["payment_date"] == {"column": "Updated", "found": "content"}
    assert got["columns"]["period"]["column"] == "Period"  # read, but a line's day comes first
    from lib import store
    try:
        want = sorted(dt.date.fromisoformat(row[-1]) for row in layout.grid[1:])
        assert [r[0] for r in q(db, "SELECT payment_date FROM transactions ORDER BY payment_date")] == want
    finally:
        store.close(db)


def test_a_total_beside_the_vat_alone_is_the_amount_when_nothing_else_is(tmp_path, db):
    """A "Total" is read as the sum with the VAT in it only where another column names a sum
    without it ("Value (£)"); with the VAT alone beside it, the total is still the file's amount."""
    vals, ds = amounts(20, 251), days(20)
    grid = [["Remittance Date", "Supplier", "Invoice Total", "VAT"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], uk(vals[i]), "0.00"] for i in range(20)]
    layout = Layout("total_and_vat_only", grid, 20, sum(vals),
                    {"amount": "Invoice Total", "supplier_name": "Supplier", "payment_date": "Remittance Date"})
    _loads_exactly(tmp_path, db, layout)


@pytest.mark.parametrize("header,dated_by_it", [("Updated", True), ("Created", False), ("Due", False)])
def test_a_column_of_days_beside_a_period_dates_the_lines_unless_its_header_says_whose_day_it_is(
        tmp_path, db, header, dated_by_it):
    """Beside a ledger "Period", a column of whole dates no header word claims is the day paid; one
    headed as the day something else happened (created, due) is not, and the period dates the
    lines as before."""
    vals, ds = amounts(20, 257), days(20)
    grid = [["Period", "Supplier Name", "Amount", header]]
    grid += [["202404", SUPPLIERS[i % 12], plain(vals[i]), iso(ds[i])] for i in range(20)]
    path = Layout("period_and_days", grid, 20, sum(vals), {}).write(tmp_path)
    from lib.ingest import load_file
    got = load_file(path, db=db).as_json()
    assert (got["rows_loaded"], got["rows_quarantined"]) == (20, 0)
    assert ("payment_date" in got["columns"]) == dated_by_it
    months = {r[0] for r in q(db, "SELECT DISTINCT CAST(date_trunc('month', period_start) AS DATE) FROM transactions")}
    assert months == ({dt.date(2024, m, 1) for m in (4, 5, 6)} if dated_by_it else {dt.date(2024, 4, 1)})


@pytest.mark.parametrize("rows", [
    # the header in English with its Welsh under it, as bilingual publishers of Wales set them out
    [["Payment Date", "Supplier Name", "Amount", "Department"], ["Dyddiad Talu", "Enw'r Cyflenwr", "Swm", "Adran"]],
    # the Welsh over the English
    [["Dyddiad Talu", "Enw'r Cyflenwr", "Swm", "Adran"], ["Payment Date", "Supplier Name", "Amount", "Department"]],
    # both in one cell
    [["Payment Date / Dyddiad Talu", "Supplier Name / Enw'r Cyflenwr", "Amount / Swm", "Department / Adran"]],
], ids=["english_over_welsh", "welsh_over_english", "one_cell"])
def test_a_bilingual_header_loads_every_line_and_no_header_word_as_a_line(tmp_path, db, rows):
    """A row of words alone under the header, in its columns (the header again in the other
    language), is part of the header: not a line quarantined for an amount that is a word."""
    vals, ds = amounts(20, 263), days(20)
    grid = [list(r) for r in rows] + [[dmy(ds[i]), SUPPLIERS[i % 12], plain(vals[i]), AREAS[i % 7]] for i in range(20)]
    from lib.ingest import load_file
    res = load_file(Layout("bilingual", grid, 20, sum(vals), {}).write(tmp_path), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (20, 0, 0), res.problems[:3]
    assert res.amount_loaded == sum(vals)
    cols = res.as_json()["columns"]
    assert {f: cols[f]["found"] for f in ("amount", "supplier_name", "payment_date")} == \
        {"amount": "header", "supplier_name": "header", "payment_date": "header"}


def test_a_pound_sign_encoded_twice_reads_as_a_pound_sign(tmp_path, db):
    """TfL's own titles carry the pound sign encoded twice (odileeds/council-spending-data
    tfl/index.json: "Payments greater than Â£250"); a file whose cells carry it so should load."""
    vals, ds = amounts(20, 271), days(20)
    grid = [["Date", "Supplier", "Amount (Â£)"]]
    grid += [[dmy(ds[i]), SUPPLIERS[i % 12], f"Â£{vals[i]:,.2f}" if vals[i] >= 0 else f"-Â£{-vals[i]:,.2f}"]
             for i in range(20)]
    _loads_exactly(tmp_path, db, Layout("pound_encoded_twice", grid, 20, sum(vals),
                                        # the header as meant: every cell is read so (read.mend_encoded_twice)
                                        {"amount": "Amount (£)", "supplier_name": "Supplier", "payment_date": "Date"}))


def _as_workbook_cell(c):
    """A CSV cell as a workbook holds it: figures as numbers, dd/mm/yyyy and ISO dates as dates."""
    if not isinstance(c, str):
        return c
    if re.fullmatch(r"-?\d+\.\d\d", c):
        return float(c)
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", c)
    if m:
        return dt.datetime(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", c)
    return dt.datetime(int(m[1]), int(m[2]), int(m[3])) if m else c


CSV_LAYOUTS = [x for x in LAYOUTS if x.fmt == "csv"]


@pytest.mark.parametrize("layout", CSV_LAYOUTS, ids=[x.name for x in CSV_LAYOUTS])
def test_the_same_layouts_saved_as_workbooks_load_exactly(tmp_path, db, layout):
    """Each layout as its publisher's workbook would hold it (plain figures as numbers, dates as date
    cells): the same lines, pennies and columns."""
    from lib.ingest import load_file

    book = Layout(layout.name + "_book", [], layout.lines, layout.total, layout.used, fmt="xlsx",
                  sheets={"Data": [[_as_workbook_cell(c) for c in row] for row in layout.grid]}, totals=layout.totals)
    res = load_file(book.write(tmp_path), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (layout.lines, 0, layout.totals), \
        res.problems[:3]
    assert res.amount_loaded == layout.total
    cols = res.as_json()["columns"]
    assert {f: cols[f]["column"] for f in layout.used} == {f: h.strip() for f, h in layout.used.items()}


@pytest.mark.parametrize("head", [["Date Paid", "Paid To", "Amount", "Details"],
                                  ["Company", "Date", "Amount", "Authority"]], ids=["paid_to", "company"])
def test_a_weakly_headed_payee_column_is_known_in_a_long_file_that_pays_the_same_firms_again(tmp_path, db, head):
    """A payee column whose header says little ("Paid To", "Company") is known by its cells, the
    names of firms; a month of thousands of lines pays the same firms many times, and its sample's
    share of distinct names is small: the firms' names still make it the payee."""
    from lib.ingest import load_file

    n = 6_300
    vals, ds = amounts(n, 277), days(n)
    sup = head.index(next(h for h in head if h in ("Paid To", "Company")))
    grid = [head]
    for i in range(n):
        row = {"Date Paid": dmy(ds[i]), "Date": dmy(ds[i]), "Amount": plain(vals[i]), "Details": TYPES[i % 7],
               "Authority": "Example Police"}
        grid.append([SUPPLIERS[i % 12] if k == sup else row[h] for k, h in enumerate(head)])
    res = load_file(Layout("weak_payee_" + head[sup].replace(" ", "_"), grid, n, sum(vals), {}).write(tmp_path), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (n, 0), res.problems[:3]
    assert res.amount_loaded == sum(vals)
    assert res.as_json()["columns"]["supplier_name"]["column"] == head[sup]
