"""More spend-file layouts of publishers the corpus does not hold: each loads with no hand mapping,
exactly (lines and pennies, totals lines left out), each field from the header expected, and every
column either used or listed as not used.

Each layout's headings are those a real publisher documents for its own files (the page or
repository is named above it); the rows are made up here, written the way such files write them
(pence, credits, redaction labels, title rows, footers, workbook sheets). These add to the layouts
of tests/test_publisher_layouts.py and repeat none of them.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import load_file
from test_publisher_layouts import (AREAS, SUPPLIERS, TYPES, Layout, _loads_exactly, amounts, code, const, date,
                                    days, dmy, etype, area, iso_t, mon, plain, ref, spend_rows, sup, uk)

D = Decimal

REDACTIONS = ["REDACTED PERSONAL DATA", "REDACTED \u2013 COMMERCIAL CONFIDENTIALITY", "Redacted Personal Data",
              "Redacted \u2013 personal data"]


def brackets(v: Decimal) -> str:
    """Credits in brackets with no pound sign: (1,234.56)."""
    return f"({-v:,.2f})" if v < 0 else f"{v:,.2f}"


def whole_or_pence(v: Decimal) -> str:
    """As a spreadsheet saved to CSV writes a number: no trailing zeros (1500, 834.3)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return s


def short_year(d: dt.date) -> str:
    return d.strftime("%d/%m/%y")


def xl(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time())


# Every marker a publisher writes for a withheld supplier, as these layouts write them; each line
# carrying one is a redacted line, and no other line is.
MARKERS = set(REDACTIONS) | {"REDACTED PERSONAL DATA", "redacted"}


class XlsLayout(Layout):
    """A layout saved as an Excel 97-2003 workbook (.xls), dates as date cells."""

    def write(self, folder):
        xlwt = pytest.importorskip("xlwt")
        path = folder / f"{self.name}.xls"
        book = xlwt.Workbook()
        as_date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
        for title, grid in self.sheets.items():
            sh = book.add_sheet(title)
            for r, row in enumerate(grid):
                for c, v in enumerate(row):
                    if isinstance(v, dt.datetime):
                        sh.write(r, c, v, as_date)
                    elif v is not None:
                        sh.write(r, c, v)
        book.save(str(path))
        return path


red_sup = lambda i, a, d: REDACTIONS[i % 4] if i % 6 == 5 else SUPPLIERS[i % len(SUPPLIERS)]
yn = lambda i, a, d: "Y" if i % 4 == 0 else "N"
zero = const("0.00")
uri = const("http://opendatacommunities.org/id/district-council/example")


def _layouts() -> list[Layout]:
    out = []

    # 1. East Cambridgeshire DC (Agresso), its published column guide: the Transparency Code's fields in
    #    their own words, "Supplier (beneficiary)", "Net amount" beside "Irrecoverable VAT", a card flag.
    #    https://eastcambs.gov.uk/about-council/data-and-information/open-data/open-data-expenditure-exceeding-ps500
    rows, total = spend_rows(30, [const("East Example District Council"), date(dmy), red_sup, ref, amt_(uk), zero,
                                  area, etype, code, etype, yn])
    out.append(Layout("agresso_beneficiary", [["Body name", "Transaction date", "Supplier (beneficiary)",
                                               "Transaction number", "Net amount", "Irrecoverable VAT",
                                               "Department or service where expenditure occurred",
                                               "Procurement category", "CIPFA expenditure code",
                                               "Purpose of expenditure (narrative)", "Card transaction"]] + rows,
                      30, total, {"amount": "Net amount", "supplier_name": "Supplier (beneficiary)",
                                  "payment_date": "Transaction date", "irrecoverable_vat": "Irrecoverable VAT"}))

    # 2. Eden DC: "Body" holds a URI, "Body name" the council, "Extended Description".
    #    https://www.eden.gov.uk/your-council/council-business/council-finances/council-spending-over-500/
    rows, total = spend_rows(25, [uri, const("Example District Council"), date(dmy), ref, amt_(plain), sup, code,
                                  area, etype, code, etype])
    out.append(Layout("body_uri", [["Body", "Body name", "Date", "Transaction Number", "Amount", "Supplier",
                                    "Supplier ID", "Expense Area", "Expense Type", "Expense code",
                                    "Extended Description"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date",
                                  "supplier_id": "Supplier ID"}))

    # 3. Sedgemoor DC: the LGA schema's joined-up names, an irrecoverable VAT *amount* beside the amount.
    #    https://www.sedgemoor.gov.uk/1391
    rows, total = spend_rows(25, [const("Example District Council"), area, red_sup, date(iso_t), ref,
                                  amt_(whole_or_pence), const("0"), etype, etype])
    out.append(Layout("joined_names", [["OrganisationLabel", "OrganisationalUnit", "BeneficiaryName", "PaymentDate",
                                        "TransactionNumber", "Amount", "IrrecoverableVATAmount", "Purpose",
                                        "CategoryInternalName"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "BeneficiaryName",
                                  "payment_date": "PaymentDate", "irrecoverable_vat": "IrrecoverableVATAmount"}))

    # 4. Taunton Deane BC: eighteen columns, a truncated "Detailed Expense Typ", an empty "Contract ID",
    #    "Capital / Revenue" and a commitment code.
    #    http://www.tauntondeane.gov.uk/open-data/spend-over-500gbp/
    rows, total = spend_rows(25, [const("Corporate"), const("Example Deane Borough Council"), const("TDBC"), area,
                                  area, area, etype, etype, code, etype, date(dmy), ref, amt_(uk),
                                  const("Revenue"), sup, const(""), const("C1"), code])
    out.append(Layout("eighteen_columns", [["Theme", "Body", "Company", "Service Area Org", "Service Division Org",
                                            "Responsible Unit", "Expense Type", "Detailed Expense Typ",
                                            "Expense Code", "Narrative", "Payment Date", "Transaction Number",
                                            "Amount", "Capital / Revenue", "Supplier Name", "Contract ID",
                                            "Commitment", "Cost Centre"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Payment Date", "transaction_ref": "Transaction Number"}))

    # 5. City of York's procurement card file: underscored names, "Creditor_Name", "Net_Amount",
    #    "Irrecoverable_VAT", three levels of subjective.
    #    https://data.yorkopendata.org/dataset/government-procurement-card-data
    rows, total = spend_rows(30, [const("Example City Council"), area, area, area, sup, date(dmy), ref,
                                  const("Y"), amt_(plain), zero, etype, etype, etype])
    out.append(Layout("card_underscored", [["Organisation_Name", "Directorate", "Department", "Service_Plan",
                                            "Creditor_Name", "Payment_Date", "Transaction_No", "Card_Transaction",
                                            "Net_Amount", "Irrecoverable_VAT", "Subjective_Group",
                                            "Subjective_Subgroup", "Subjective_Detail"]] + rows,
                      30, total, {"amount": "Net_Amount", "supplier_name": "Creditor_Name",
                                  "payment_date": "Payment_Date", "irrecoverable_vat": "Irrecoverable_VAT"}))

    # 6. Durham CC's procurement card file: gross, VAT and net amounts side by side (the net is the spend),
    #    merchant category number and name, long descriptive headings.
    #    https://durham.gov.uk/article/8154/Government-procurement-card-transactions
    rows, total = spend_rows(30, [area, area, code, area, etype, code, etype, date(dmy), ref, sup,
                                  const("5732"), etype, lambda i, a, d: uk(a * D("1.2")),
                                  lambda i, a, d: uk(a * D("0.2")), amt_(uk)])
    out.append(Layout("gross_vat_net", [["Local authority department which incurred the expenditure",
                                         "Service Division", "Cost Centre", "Summary of the Purpose of Expenditure",
                                         "Expense Type", "Expense Code", "Detailed Expense Type",
                                         "Date of Transaction", "Transaction Number", "Beneficiary",
                                         "Merchant Category Number", "Merchant Category", "Gross Amount", "VAT",
                                         "Net Amount"]] + rows,
                      30, total, {"amount": "Net Amount", "supplier_name": "Beneficiary",
                                  "payment_date": "Date of Transaction"}))

    # 7. Derbyshire CC (and the East Midlands CCA's card file): "Body" is an organisation code, the date is
    #    the day the payments system processed it.
    #    https://www.derbyshire.gov.uk/council/budgets-and-spending/spending/spending-over-500.aspx
    #    https://www.eastmidlands-cca.gov.uk/monthly-spending-reports
    rows, total = spend_rows(25, [const("Example County Council"), const("E10000007"), area, area, etype,
                                  date(short_year), ref, amt_(brackets), sup])
    out.append(Layout("body_code", [["Body name", "Body", "Service area categorisation", "Responsible unit",
                                     "Expenses type", "Date", "Transaction number", "Amount", "Supplier name"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier name", "payment_date": "Date"}))

    # 8. West Mercia Police: the line's "Amount" and the whole invoice's "Total Invoice Amount" (repeated on
    #    each of its lines), an INV/CRN flag, the paying body as "Company Name", G/L code and description.
    #    http://www.westmercia.police.uk/foi/expenditure/
    vals, ds = amounts(30, 19), days(30)
    inv = [i // 3 for i in range(30)]
    inv_total = {k: sum(v for v, j in zip(vals, inv) if j == k) for k in set(inv)}
    rows = [[f"WM{5000 + i}", "West Example Police Authority", dmy(ds[i]), f"V{8000 + inv[i]}",
             f"SI-{300 + inv[i]}", plain(vals[i]), SUPPLIERS[inv[i] % 12], TYPES[i % 7], f"{4100 + i % 7}",
             AREAS[i % 7], "CRN" if inv_total[inv[i]] < 0 else "INV", plain(inv_total[inv[i]])] for i in range(30)]
    out.append(Layout("invoice_total_beside_line", [["URI", "Company Name", "Transaction Date", "Voucher Number",
                                                     "Invoice Number", "Amount", "Supplier", "G/L Description",
                                                     "G/L Code", "Cost Centre", "INV/CRN",
                                                     "Total Invoice Amount"]] + rows,
                      30, sum(vals), {"amount": "Amount", "supplier_name": "Supplier",
                                      "payment_date": "Transaction Date"}))

    # 9. Haringey's purchase card file: the supplier as "Merchant Details", directorate and business unit.
    #    https://new.haringey.gov.uk/business/selling-to-council/purchase-card-expenditure
    rows, total = spend_rows(25, [ref, sup, date(dmy), area, area, amt_(plain)])
    out.append(Layout("merchant_details", [["Transaction Number", "Merchant Details", "Payment Date", "Directorate",
                                            "Business Unit", "Amount"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Merchant Details",
                                  "payment_date": "Payment Date"}))

    # 10. Epsom and St Helier NHS Trust's "over £25,000" workbook: the trust's name and month above the
    #     header, "Date paid", "Amount in sterling", supplier VAT numbers.
    #     http://www.epsom-sthelier.nhs.uk/about-us/investing-in-our-services/our-financial-transactions-over-25000/key/
    vals, ds = amounts(20, 23), days(20)
    grid = [["Example University Hospitals NHS Trust"], ["Expenditure over £25,000: April 2024"], [],
            ["Department family", "Entity", "Date paid", "Expense type", "Expense area", "Supplier",
             "Transaction number", "Amount in sterling", "Supplier VAT registration number"]]
    grid += [["Department of Health", "Example University Hospitals NHS Trust", xl(ds[i]), TYPES[i % 7],
              AREAS[i % 7], SUPPLIERS[i % 12], 7_000_100 + i, float(vals[i] * 50),
              f"GB{123456789 + i * 7}" if i % 3 else None] for i in range(20)]
    out.append(Layout("nhs_workbook_preamble", [], 20, sum(vals) * 50,
                      {"amount": "Amount in sterling", "supplier_name": "Supplier", "payment_date": "Date paid",
                       "vat_number": "Supplier VAT registration number"},
                      fmt="xlsx", sheets={"April 2024": grid}))

    # 11. Rother DC: the posting date, an expense type code with its description, an extended description,
    #     redaction labels with an en dash; saved from Excel as cp1252.
    #     https://www.rother.gov.uk/performance-and-spending/budgets-and-accounts/supplier-expenditure-information/
    rows, total = spend_rows(25, [date(mon), red_sup, ref, area, code, etype, etype, amt_(uk)])
    out.append(Layout("posting_date_cp1252", [["Posting Date", "Supplier Name", "Invoice Number", "Expense Area",
                                               "Expense Type", "Expense Type Description", "Extended Description",
                                               "Amount"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Posting Date"},
                      encoding="cp1252"))

    # 12. A police and crime commissioner's list: the Specified Information Order asks why value for money
    #     was obtained, so a "Value for Money" column of words sits beside the amount; title and total rows.
    #     https://www.durham-pcc.gov.uk/transparency/expenditures
    vals, ds = amounts(18, 29), days(18)
    why = ["Framework agreement", "Three quotations obtained", "Regional contract", "Sole supplier", "Tendered"]
    grid = [["Office of the Police, Crime and Victims' Commissioner"], ["Expenditure exceeding £500"],
            ["Date", "Supplier", "Amount", "Expenditure Type", "Value for Money"]]
    grid += [[xl(ds[i]), SUPPLIERS[i % 12], float(vals[i]), TYPES[i % 7], why[i % 5]] for i in range(18)]
    grid += [[None, "Total", float(sum(vals)), None, None]]
    out.append(Layout("value_for_money", [], 18, sum(vals), {"amount": "Amount", "supplier_name": "Supplier",
                                                              "payment_date": "Date"},
                      fmt="xlsx", sheets={"Sheet1": grid}, totals=1))

    # 13. A force's annual workbook, one sheet a month, each with its title, header, lines and total
    #     (Durham PCC's "Apr 2023 - Mar 2024" download; the force's own workbooks in issue 10).
    #     https://www.durham-pcc.gov.uk/transparency/expenditures
    sheets, n_all, sum_all, n_tot = {}, 0, D(0), 0
    for k, month in enumerate(["Apr 23", "May 23", "Jun 23"]):
        vals = amounts(12 + k, 31 + k)
        first = dt.date(2023, 4 + k, 1)
        grid = [[f"Payments over £500 - {first.strftime('%B %Y')}"],
                ["Supplier Name", "Payment Date", "Net Amount", "Department", "Expense Description"]]
        grid += [[red_sup(i, None, None), xl(first + dt.timedelta(days=i)), float(vals[i]), AREAS[i % 7],
                  TYPES[i % 7]] for i in range(len(vals))]
        grid += [[None, None, None, None, None], ["Total", None, float(sum(vals)), None, None]]
        sheets[month] = grid
        n_all, sum_all, n_tot = n_all + len(vals), sum_all + sum(vals), n_tot + 1
    out.append(Layout("annual_workbook_monthly_sheets", [], n_all, sum_all,
                      {"amount": "Net Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"},
                      fmt="xlsx", sheets=sheets, totals=n_tot))

    # 14. An accounts package's printed report saved as CSV: "Printed:" and "Accounting Period:" lines,
    #     with dates and times, above the header (the Sage report lines in nadimurrashid/important-codes
    #     loop_test.py), then credits in brackets.
    rows, total = spend_rows(25, [sup, date(dmy), amt_(brackets), area, etype])
    out.append(Layout("report_preamble", [["Printed: 05/05/2024 at 11:27am", "Example Fire Authority"],
                                          ["Accounting Period: 01/04/2024 to 30/04/2024"],
                                          ["Payments over £500"], [],
                                          ["Supplier", "Payment Date", "Net Amount", "Cost Centre Description",
                                           "Account Description"]] + rows,
                      25, total, {"amount": "Net Amount", "supplier_name": "Supplier", "payment_date": "Payment Date"}))

    # 15. Bristol City Council: "purchasing department", plain "redacted" for individuals.
    #     https://www.bristol.gov.uk/council-spending-performance/spending-over-500
    #     A real supplier whose name begins like the marker is not redacted.
    rows, total = spend_rows(25, [lambda i, a, d: "redacted" if i % 7 == 3 else
                                  "Redactive Publishing Ltd" if i % 7 == 5 else SUPPLIERS[i % 12], amt_(uk),
                                  etype, area, date(dmy), ref])
    out.append(Layout("purchasing_department", [["Supplier Name", "Amount", "Description", "Purchasing Department",
                                                 "Payment Date", "Transaction Number"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Payment Date", "department": "Purchasing Department"}))

    # 16. North Staffordshire Combined Healthcare NHS Trust: the parent department and the trust named on
    #     every line, "Value" for the amount.
    #     https://www.combined.nhs.uk/about/publications/finance/expenditure-over-25000-archive/
    rows, total = spend_rows(25, [const("Department of Health"), const("Example Combined Healthcare NHS Trust"),
                                  date(dmy), etype, area, sup, ref, amt_(plain)])
    out.append(Layout("nhs_value", [["Name of Department", "Name of Trust", "Payment Date", "Expense Type",
                                     "Expense Area", "Supplier Name", "Transaction Number", "Value"]] + rows,
                      25, total, {"amount": "Value", "supplier_name": "Supplier Name", "payment_date": "Payment Date"}))

    # 17. A card file with the transaction amount, its VAT and the merchant category code as numbers
    #     (Durham's card file columns; "Transaction Amount" as central government files write it).
    #     https://durham.gov.uk/article/8154/Government-procurement-card-transactions
    #     theodi/R-projects csv-stats/clean-headers.js ("Transaction Amount", "Merchant Category")
    rows, total = spend_rows(30, [date(dmy), sup, const("5411"), etype, amt_(plain),
                                  lambda i, a, d: plain(a * D("0.2")), area])
    out.append(Layout("card_mcc_numbers", [["Transaction Date", "Merchant Name", "Merchant Category Code",
                                            "Merchant Category", "Transaction Amount", "VAT Amount",
                                            "Cost Centre"]] + rows,
                      30, total, {"amount": "Transaction Amount", "supplier_name": "Merchant Name",
                                  "payment_date": "Transaction Date"}))

    # 18. Merseyside Recycling and Waste Authority: eight columns, "Type" is capital or revenue.
    #     https://www.merseysidewda.gov.uk/finance-transparency/expenditure-500/
    rows, total = spend_rows(25, [const("Waste Disposal"), area, etype, date(dmy), ref, amt_(uk),
                                  lambda i, a, d: "Capital" if i % 5 == 0 else "Revenue", sup])
    out.append(Layout("waste_authority", [["Service Area Categorisation", "Service Division Categorisation",
                                           "Expense Type", "Payment Date", "Transaction Number", "Amount", "Type",
                                           "Supplier Name"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"}))

    # 19. Manchester City Council: "Invoice Payment Date".
    #     https://www.manchester.gov.uk/info/200110/budgets_and_spending/5022/publication_of_supplier_transactions_over_%C2%A3500
    rows, total = spend_rows(25, [const("Example City Council"), area, etype, date(dmy), ref, amt_(plain), sup])
    out.append(Layout("invoice_payment_date", [["Body Name", "Service Area", "Expenses Type", "Invoice Payment Date",
                                                "Transaction Number", "Amount", "Supplier Name"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Invoice Payment Date"}))

    # 20. Test Valley BC: SeRCOP service and expense type beside the council's own cost centre and account.
    #     https://testvalley.gov.uk/aboutyourcouncil/accesstoinformation/open-government-data/archive-council-expenditure-163-500
    rows, total = spend_rows(25, [area, etype, code, code, date(dmy), sup, amt_(uk)])
    out.append(Layout("sercop", [["SeRCOP Service", "SeRCOP Expense Type", "Cost Centre", "Account Code", "Date",
                                  "Supplier", "Amount"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date"}))

    # 21. Kent Fire and Rescue Service (lines over £250): the day the line was entered in the ledger and a
    #     "Functional area (cost centre related)".
    #     http://www.kent.fire-uk.org/about_us/financial_information/monthly_spend_report.aspx
    rows, total = spend_rows(25, [date(dmy), area, sup, ref, amt_(uk)])
    out.append(Layout("functional_area", [["Transaction date", "Functional area (cost centre related)",
                                           "Supplier name", "Invoice number", "Amount"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier name",
                                  "payment_date": "Transaction date"}))

    # 22. Cambridgeshire CC: amounts including VAT, "Expense Type" serving as the merchant category,
    #     credit notes over £500 with a minus sign, dates as a spreadsheet writes them (d/m/yyyy).
    #     https://www.cambridgeshire.gov.uk/council/finance-and-budget/payments-to-suppliers-over-500/
    rows, total = spend_rows(25, [lambda i, a, d: f"{d.day}/{d.month}/{d.year}", sup, etype, area, ref,
                                  amt_(whole_or_pence)])
    out.append(Layout("gross_single_digit_dates", [["Payment Date", "Supplier Name", "Expense Type", "Service Area",
                                                    "Transaction ID", "Amount Including VAT"]] + rows,
                      25, total, {"amount": "Amount Including VAT", "supplier_name": "Supplier Name",
                                  "payment_date": "Payment Date"}))
    # 23. A Business Central / NAV vendor payments list: the vendor's number and name in two columns,
    #     "Document No.", "Amount (LCY)".
    #     https://github.com/MicrosoftDocs/dynamics365smb-docs business-central/LocalFunctionality/Germany/how-to-print-vendor-payments-list-reports.md
    #     https://learn.microsoft.com/en-us/previous-versions/dynamicsnav-2016/jj966053(v=nav.90) ("Amount (LCY)", "Vendor No.")
    rows, total = spend_rows(30, [date(dmy), ref, lambda i, a, d: f"V{10000 + (i % 12) * 17}", sup, etype,
                                  amt_(plain)])
    out.append(Layout("vendor_no_and_name", [["Posting Date", "Document No.", "Vendor No.", "Vendor Name",
                                              "Description", "Amount (LCY)"]] + rows,
                      30, total, {"amount": "Amount (LCY)", "supplier_name": "Vendor Name",
                                  "payment_date": "Posting Date", "supplier_id": "Vendor No."}))

    # 24. A workbook whose first sheet explains the columns, as councils' pages do ("Column heading |
    #     Explanation of data"), before the sheet of lines.
    #     https://www.derbyshire.gov.uk/council/budgets-and-spending/spending/spending-over-500.aspx
    notes = [["Column heading", "Explanation of data"],
             ["Body name", "Name of the organisation making the payment"],
             ["Service area categorisation", "The service area that has spent the money"],
             ["Expenses type", "Description of the type of expenditure"],
             ["Date", "The date that the payment was processed by our payments system"],
             ["Transaction number", "A reference number for each payment"],
             ["Amount", "The actual value of the payment, excluding VAT"],
             ["Supplier name", "The name of the supplier or organisation"]]
    vals, ds = amounts(20, 41), days(20)
    data = [["Body name", "Service area categorisation", "Expenses type", "Date", "Transaction number", "Amount",
             "Supplier name"]]
    data += [["Example County Council", AREAS[i % 7], TYPES[i % 7], xl(ds[i]), 90_000 + i, float(vals[i]),
              red_sup(i, None, None)] for i in range(20)]
    out.append(Layout("notes_sheet_first", [], 20, sum(vals), {"amount": "Amount", "supplier_name": "Supplier name",
                                                                "payment_date": "Date"},
                      fmt="xlsx", sheets={"Notes": notes, "Data": data}, not_used_sheets=("Notes",)))

    # 25. The Transparency Code's fields saved from Excel's accounting number format: " £1,234.56 ",
    #     credits "(£1,234.56)", and a zero irrecoverable VAT shown as " £-   ".
    #     https://www.barnsley.gov.uk/services/our-council/information-we-publish/expenditure-over-gbp500/
    rows, total = spend_rows(25, [date(dmy), area, sup, etype, amt_(lambda v: f" (\u00a3{-v:,.2f})" if v < 0
                                                                      else f" \u00a3{v:,.2f} "),
                                  const(" \u00a3-   "), etype])
    out.append(Layout("accounting_format", [["Date", "Department", "Beneficiary", "Purpose", "Amount",
                                             "Irrecoverable VAT", "Merchant Category"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Beneficiary", "payment_date": "Date"}))

    # 26. Dates as an SAP extract writes them, eight digits (the DATS type: yyyymmdd), with a vendor
    #     account number and the amount in local currency.
    #     https://help.sap.com/saphelp_tm80/helpdata/en/db/0345943f9043e083c3ccba1e73b42a/content.htm
    rows, total = spend_rows(25, [lambda i, a, d: f"{100200 + (i % 12)}", sup, date(lambda d: d.strftime("%Y%m%d")),
                                  ref, amt_(plain), area])
    out.append(Layout("sap_compact_dates", [["Vendor Account", "Vendor Name", "Payment Date", "Payment Document",
                                             "Amount in Local Currency", "Cost Centre"]] + rows,
                      25, total, {"amount": "Amount in Local Currency", "supplier_name": "Vendor Name",
                                  "payment_date": "Payment Date"}))

    # 27. UK dates with the time Excel adds when a date cell is saved to CSV ("01/04/2024 00:00").
    #     https://www.manchester.gov.uk/info/200110/budgets_and_spending/5022/publication_of_supplier_transactions_over_%C2%A3500
    rows, total = spend_rows(25, [const("Example City Council"), area, etype,
                                  date(lambda d: d.strftime("%d/%m/%Y 00:00")), ref, amt_(uk), sup])
    out.append(Layout("dates_with_time", [["Body Name", "Service Area", "Expenses Type", "Invoice Payment Date",
                                           "Transaction Number", "Amount", "Supplier Name"]] + rows,
                      25, total, {"amount": "Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Invoice Payment Date"}))

    # 28. A quarter in one sheet: each month's block under its own title, the header repeated
    #     ("header rows ... repeated mid-sheet", DOMAIN.md's account of real files).
    vals, ds = amounts(36, 43), days(36)
    grid = []
    for k in range(3):
        first = dt.date(2024, 4 + k, 1)
        grid += [[first.strftime("%B %Y")], ["Payment Date", "Supplier", "Service", "Amount"]]
        grid += [[xl(first + dt.timedelta(days=i)), SUPPLIERS[i % 12], AREAS[i % 7], float(vals[k * 12 + i])]
                 for i in range(12)]
        grid += [[]]
    # the second and third months' titles are rows read that are not lines: kept with the totals and notes
    out.append(Layout("month_blocks_one_sheet", [], 36, sum(vals),
                      {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Payment Date"},
                      fmt="xlsx", sheets={"Q1": grid}, totals=2))

    # 29. Kent Fire and Rescue's headings in an Excel 97-2003 workbook (.xls), the format forces such as
    #     Dyfed-Powys publish their year's list in; a title, the lines, a total.
    #     http://www.kent.fire-uk.org/about_us/financial_information/monthly_spend_report.aspx
    #     http://www.dyfedpowys-pcc.org.uk/en/the-office/finance/contracts-and-expenditure/
    vals, ds = amounts(20, 47), days(20)
    grid = [["Expenditure over £500 - April 2024"], [],
            ["Transaction date", "Functional area (cost centre related)", "Supplier name", "Amount"]]
    grid += [[xl(ds[i]), AREAS[i % 7], red_sup(i, None, None), float(vals[i])] for i in range(20)]
    grid += [[None, None, "Total", float(sum(vals))]]
    out.append(XlsLayout("excel_97_workbook", [], 20, sum(vals),
                         {"amount": "Amount", "supplier_name": "Supplier name", "payment_date": "Transaction date"},
                         fmt="xls", sheets={"Apr 24": grid}, totals=1))
    return out


def amt_(f):
    return lambda i, a, d: f(a)


LAYOUTS = _layouts()


@pytest.mark.parametrize("layout", LAYOUTS, ids=[x.name for x in LAYOUTS])
def test_more_publisher_layouts_load_exactly_with_no_mapping(tmp_path, db, layout):
    _loads_exactly(tmp_path, db, layout)  # lines, pennies, totals, each field's header, every column
    # exactly the lines carrying a redaction marker are flagged redacted
    grids = list(layout.sheets.values()) or [layout.grid]
    marked = sum(1 for g in grids for row in g for c in row if isinstance(c, str) and c in MARKERS)
    assert q(db, "SELECT count(*) FILTER (WHERE is_redacted) FROM transactions") == [(marked,)]


# ---------------------------------------------------------------------------------------------
# Year and month in separate columns, and a footer note that names columns

def _fy_period(d: dt.date) -> int:
    """The period of the UK financial year (period 1 is April)."""
    return (d.month - 4) % 12 + 1


def _fy(d: dt.date) -> str:
    y = d.year if d.month >= 4 else d.year - 1
    return f"{y}/{(y + 1) % 100:02d}"


# Lines across a financial year's turn (December to March), so that a period or month beside a
# financial year must fall in its second calendar year.
_YEAR_DAYS = [dt.date(2024, 4, 3) + dt.timedelta(days=19 * i) for i in range(18)]

_YEAR_LAYOUTS = [
    # a calendar year and a month's name ("Year" = 2024 | "Month" = April)
    ("year_and_month_name", ["Year", "Month", "Supplier", "Service Area", "Amount"],
     lambda i, d, v: [d.year, d.strftime("%B"), SUPPLIERS[i % 12], AREAS[i % 7], uk(v)], "Year", "Month"),
    # a calendar year and a month's number
    ("year_and_month_number", ["Calendar Year", "Month No", "Creditor Name", "Net Amount"],
     lambda i, d, v: [str(d.year), str(d.month), SUPPLIERS[i % 12], plain(v)], "Calendar Year", "Month No"),
    # a financial year and a period written P01 (period 1 is April)
    ("financial_year_and_p_period", ["Financial Year", "Period", "Supplier Name", "Expense Type", "Value"],
     lambda i, d, v: [_fy(d), f"P{_fy_period(d):02d}", SUPPLIERS[i % 12], TYPES[i % len(TYPES)], uk(v)],
     "Financial Year", "Period"),
    # a financial year and a bare period number
    ("fin_yr_and_period_number", ["Fin Yr", "Accounting Period", "Vendor", "Amount (£)"],
     lambda i, d, v: [_fy(d).replace("/", "-"), str(_fy_period(d)), SUPPLIERS[i % 12], plain(v)],
     "Fin Yr", "Accounting Period"),
    # a financial year and a month's name: January to March are in its second calendar year
    ("financial_year_and_month_name", ["FY", "Month", "Payee", "Total"],
     lambda i, d, v: [_fy(d), d.strftime("%b"), SUPPLIERS[i % 12], plain(v)], "FY", "Month"),
]


@pytest.mark.parametrize("name,header,row,year_h,period_h", _YEAR_LAYOUTS, ids=[x[0] for x in _YEAR_LAYOUTS])
def test_year_and_month_in_separate_columns_date_each_line(tmp_path, db, name, header, row, year_h, period_h):
    vals = amounts(len(_YEAR_DAYS), 13)
    grid = [header] + [row(i, d, v) for i, (d, v) in enumerate(zip(_YEAR_DAYS, vals))]
    path = Layout(name, grid, len(grid) - 1, sum(vals), {}).write(tmp_path)
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (len(_YEAR_DAYS), 0, 0), res.problems[:3]
    assert res.amount_loaded == sum(vals)
    cols = res.as_json()["columns"]
    assert cols["year"] == {"column": year_h, "found": "header"}
    assert cols["period"] == {"column": period_h, "found": "header"}
    assert year_h not in res.as_json()["columns_unused"] and period_h not in res.as_json()["columns_unused"]
    # each line in its own month, the month's first day; no day is made up
    want = sorted((d.replace(day=1), v) for d, v in zip(_YEAR_DAYS, vals))
    assert q(db, "SELECT period_start, amount FROM transactions WHERE payment_date IS NULL ORDER BY 1, 2") == want
    assert q(db, "SELECT sum(amount) FROM transactions WHERE fy = '2024/25'") == [(sum(vals),)]


def test_a_period_that_names_its_month_alone_is_read_alone_beside_a_year(tmp_path, db):
    """A period column that dates its lines by itself (P02 2024/25) is read as before; the year
    column beside it is not used for the date."""
    vals = amounts(12, 5)
    grid = [["Year", "Period", "Supplier", "Amount"]]
    grid += [["2024", f"P{_fy_period(d):02d} {_fy(d)}", SUPPLIERS[i % 12], uk(v)]
             for i, (d, v) in enumerate(zip(_YEAR_DAYS, vals))]
    res = load_file(Layout("period_alone", grid, 12, sum(vals), {}).write(tmp_path), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (12, 0), res.problems[:3]
    assert res.amount_loaded == sum(vals)
    cols = res.as_json()["columns"]
    assert cols["period"]["column"] == "Period" and "year" not in cols
    assert q(db, "SELECT min(period_start), max(period_start) FROM transactions") == [
        (dt.date(2024, 4, 1), _YEAR_DAYS[11].replace(day=1))]


def test_a_year_column_of_no_years_does_not_date_the_lines(tmp_path, db):
    """A 'Year' column that holds no years (Y1, Y2) is not a year: the file still needs a date."""
    from lib.ingest.load import NeedsMapping
    grid = [["Year", "Month", "Supplier", "Amount"]] + [[f"Y{i % 3 + 1}", "April", SUPPLIERS[i], "10.00"]
                                                       for i in range(6)]
    with pytest.raises(NeedsMapping, match="payment date"):
        load_file(Layout("year_of_no_years", grid, 0, D(0), {}).write(tmp_path), db=db)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_footer_note_naming_columns_is_a_note_not_a_header(tmp_path, db, fmt):
    """"Note: supplier name, payment date and amount ..." split on its commas reads like a header
    row; with no lines under it, it is a note: counted with the totals and notes, not a new block."""
    rows, total = spend_rows(25, [date(dmy), sup, amt_(uk)], seed=11)
    note = ["Note: supplier name", " payment date and amount are shown for every payment over £500", " VAT excluded"]
    grid = [["Payment Date", "Supplier Name", "Amount"]] + rows + [[None, "Total", uk(total)], note]
    layout = Layout(f"footer_note_{fmt}", grid, 25, total, {}, fmt=fmt,
                    sheets={"Sheet1": grid} if fmt == "xlsx" else {})
    res = load_file(layout.write(tmp_path), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (25, 0, 2), res.problems[:3]
    assert res.rows_read == 27
    assert res.amount_loaded == total
    got = res.as_json()
    assert "header_rows_repeated" not in got
    assert {f: v["column"] for f, v in got["columns"].items()} == {
        "payment_date": "Payment Date", "supplier_name": "Supplier Name", "amount": "Amount"}
    assert q(db, "SELECT count(*), sum(amount) FROM transactions") == [(25, total)]
    assert q(db, "SELECT count(*) FROM total_lines") == [(2,)]
