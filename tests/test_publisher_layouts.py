"""Spend files in the layouts UK public bodies publish, beyond the corpus: each loads with no hand
mapping, exactly (lines and pennies), with every column either used or listed as not used.

The header wordings are those councils, police and crime commissioners, fire and rescue
authorities, NHS trusts and combined authorities publish (their own column guides); the rows are
made up here, each amount written the way such files write it. A small writer below turns a
layout (a grid of cells, a format, a delimiter, an encoding) into a real CSV or XLSX file.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lib.ingest import load_file
from conftest import rows_of as q

D = Decimal

SUPPLIERS = ["Ribble Fleet Services Ltd", "Pennine Print & Design", "Acme Facilities Management",
             "Bowland Legal LLP", "Fylde Coast Catering", "Lune Valley IT Solutions", "Wyre Waste Ltd",
             "Pendle Tyres", "REDACTED PERSONAL DATA", "Morecambe Bay Training CIC", "Calder Cleaning Co",
             "Hodder Highways plc"]
AREAS = ["Estates", "Fleet", "ICT", "Operational Support", "Finance", "Corporate Services", "Custody"]
TYPES = ["Vehicle Repairs", "Printing", "Cleaning", "Legal Fees", "Catering", "Software Licences", "Waste"]


def amounts(n: int, seed: int = 7) -> list[Decimal]:
    """n made-up amounts in pence: big and small, some credits."""
    out = []
    for i in range(n):
        v = D((seed * 7919 * (i + 3)) % 4_800_000 + 50_000) / 100
        out.append(-v if i % 9 == 4 else v)
    return out


def days(n: int) -> list[dt.date]:
    return [dt.date(2024, 4, 1) + dt.timedelta(days=(i * 5) % 88) for i in range(n)]


# How publishers write one amount and one date.
def uk(v: Decimal) -> str:
    return f"{v:,.2f}"


def plain(v: Decimal) -> str:
    return f"{v:.2f}"


def pounds_brackets(v: Decimal) -> str:
    return f"(£{-v:,.2f})" if v < 0 else f"£{v:,.2f}"


def cr_suffix(v: Decimal) -> str:
    return f"{-v:,.2f} CR" if v < 0 else f"{v:,.2f}"


def trailing_minus(v: Decimal) -> str:
    return f"{-v:.2f}-" if v < 0 else f"{v:.2f}"


def dmy(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def mon(d: dt.date) -> str:
    return d.strftime("%d-%b-%Y")


def long_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def iso_t(d: dt.date) -> str:
    return d.strftime("%Y-%m-%dT00:00:00")


def serial(d: dt.date) -> str:
    return str((d - dt.date(1899, 12, 30)).days)


@dataclass
class Layout:
    name: str
    grid: list                       # rows of cells, as the file holds them (preamble, header, lines, footer)
    lines: int                       # the spend lines in it
    total: Decimal                   # their sum, to the penny
    used: dict                       # field → header the field must be read from
    unused: list | None = None       # columns listed as not used (None: whatever is not used)
    fmt: str = "csv"
    delimiter: str = ","
    encoding: str = "utf-8"
    totals: int = 0                  # total / footer lines left out
    sheets: dict = field(default_factory=dict)   # xlsx: sheet name → grid (``grid`` is then unused)
    not_used_sheets: tuple = ()
    first_line: str = ""             # a CSV's line before the grid, as written (Excel's "sep=;")
    header_repeats: int = 0          # rows of the header read again further down (page breaks)

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}.{self.fmt}"
        if self.fmt == "xlsx":
            wb = openpyxl.Workbook()
            wb.remove(wb.active)
            for title, grid in (self.sheets or {"Sheet1": self.grid}).items():
                ws = wb.create_sheet(title)
                for row in grid:
                    ws.append(list(row))
            wb.save(path)
            return path
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=self.delimiter, lineterminator="\r\n")
        for row in self.grid:
            w.writerow(["" if c is None else c for c in row])
        data = self.first_line + buf.getvalue()
        path.write_bytes(data.encode(self.encoding))
        return path


def spend_rows(n: int, cols: list, seed: int = 7) -> tuple[list, Decimal]:
    """n rows built column by column: each entry of ``cols`` is a function (i, amount, date) → cell."""
    vals, ds = amounts(n, seed), days(n)
    rows = [[c(i, vals[i], ds[i]) for c in cols] for i in range(n)]
    return rows, sum(vals)


sup = lambda i, a, d: SUPPLIERS[i % len(SUPPLIERS)]
area = lambda i, a, d: AREAS[i % len(AREAS)]
etype = lambda i, a, d: TYPES[(i * 3) % len(TYPES)]
code = lambda i, a, d: f"E{4000 + (i * 37) % 900}"
ref = lambda i, a, d: f"INV{100200 + i}"
const = lambda v: (lambda i, a, d: v)
amt = lambda f: (lambda i, a, d: f(a))
date = lambda f: (lambda i, a, d: f(d))
gross = lambda i, a, d: uk(a * D("1.2"))
blank = const("")


def _layouts() -> list[Layout]:
    out = []

    # 1. NHS trust / central government "over £25,000" format (HM Treasury guidance).
    rows, total = spend_rows(40, [const("Department of Health and Social Care"), const("Lancashire Teaching Hospitals NHS FT"),
                                  date(mon), etype, area, sup, ref, amt(uk), const("GB123456789")])
    out.append(Layout("nhs_25k", [["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier",
                                   "Transaction Number", "Amount", "Supplier VAT Registration Number"]] + rows,
                      40, total, {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date",
                                  "category": "Expense Type", "transaction_ref": "Transaction Number"}))

    # 2. A district's field names with underscores, amounts with and without VAT.
    rows, total = spend_rows(30, [area, area, area, etype, etype, code, etype, date(dmy), ref, gross, amt(plain),
                                  const("Revenue"), sup, code, const("N/A")])
    out.append(Layout("underscored", [["Service_Area_Categorisation", "Service_Division_Categorisation",
                                       "Responsible_Unit", "Expenses_Type", "Detailed_Expenses_Type", "Expense_Code",
                                       "Narrative", "Date", "Transaction_Number", "SumOfAmount_Inc_VAT",
                                       "SumOfAmount_Exc_VAT", "Capital_Revenue", "Supplier_Name", "Supplier_ID",
                                       "Contract_ID"]] + rows,
                      30, total, {"amount": "SumOfAmount_Exc_VAT", "supplier_name": "Supplier_Name",
                                  "payment_date": "Date", "supplier_id": "Supplier_ID"}))

    # 3. A county's lower-case headers, "Amount Exc VAT".
    rows, total = spend_rows(25, [area, area, etype, code, etype, date(dmy), ref, amt(uk), sup])
    out.append(Layout("county_lower", [["Service area", "Service division", "Expense type", "Expense code",
                                        "Detailed expense type", "Payment date", "Transaction number",
                                        "Amount Exc VAT", "Supplier name"]] + rows,
                      25, total, {"amount": "Amount Exc VAT", "supplier_name": "Supplier name",
                                  "payment_date": "Payment date"}))

    # 4. A police and crime commissioner's workbook: title rows, a totals row and a note under the lines.
    vals, ds = amounts(20, 3), days(20)
    grid = [["Office of the Police and Crime Commissioner"], ["Payments over £500: April to June 2024"], [],
            ["Transaction Date", "Supplier Name", "Expense Type", "Cost Centre", "Amount (£)"]]
    grid += [[dt.datetime.combine(ds[i], dt.time()), SUPPLIERS[i % 12], TYPES[i % 7], AREAS[i % 7], float(vals[i])]
             for i in range(20)]
    grid += [[None, "Total", None, None, float(sum(vals))], [], ["Note: amounts exclude VAT that can be recovered."]]
    out.append(Layout("pcc_workbook", [], 20, sum(vals), {"amount": "Amount (£)", "supplier_name": "Supplier Name",
                                                             "payment_date": "Transaction Date"},
                      fmt="xlsx", sheets={"Apr-Jun 24": grid}, totals=2))

    # 5. A fire and rescue authority's SAP extract: semicolons, a BOM, clearing and document dates; long enough
    #    to be read in one pass.
    rows, total = spend_rows(7000, [sup, date(dmy), date(dmy), ref, amt(plain), area, etype], seed=11)
    out.append(Layout("fire_sap", [["Vendor Name", "Document Date", "Clearing Date", "Doc No", "Net Value",
                                    "Cost Centre", "GL Account Description"]] + rows,
                      7000, total, {"amount": "Net Value", "supplier_name": "Vendor Name",
                                    "payment_date": "Clearing Date"},
                      delimiter=";", encoding="utf-8-sig"))

    # 6. A combined authority: ISO date-times, "Invoice Value excl VAT", an organisation column.
    rows, total = spend_rows(30, [const("Greater Example Combined Authority"), area, etype, date(iso_t), sup, amt(uk),
                                  etype, ref])
    out.append(Layout("combined_authority", [["Organisation Name", "Service Area", "Expense Type", "Payment Date",
                                              "Supplier Name", "Invoice Value excl VAT", "Merchant Category",
                                              "Transaction Ref"]] + rows,
                      30, total, {"amount": "Invoice Value excl VAT", "supplier_name": "Supplier Name",
                                  "payment_date": "Payment Date"}))

    # 7. A header split over two lines.
    rows, total = spend_rows(20, [date(dmy), sup, amt(uk), area, etype])
    out.append(Layout("two_line_header", [["Payment", "Supplier", "Invoice", "Cost", "Expense"],
                                          ["Date", "Name", "Amount", "Centre", "Type"]] + rows,
                      20, total, {"amount": "Invoice Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Payment Date"}))

    # 8. Tab-separated, numbers in quotes, credits as "CR".
    rows, total = spend_rows(25, [date(dmy), sup, amt(cr_suffix), etype, ref])
    out.append(Layout("tab_cr", [["Pay Date", "Payee", "Value", "Description", "Ref"]] + rows,
                      25, total, {"amount": "Value", "supplier_name": "Payee", "payment_date": "Pay Date"},
                      delimiter="\t"))

    # 9. Headers in capitals with non-breaking spaces and trailing spaces.
    rows, total = spend_rows(15, [sup, date(dmy), amt(uk), area])
    out.append(Layout("nbsp_caps", [["SUPPLIER\u00a0NAME ", " payment\u00a0date", "NET\u00a0AMOUNT", "Service\u00a0Area "]]
                      + rows, 15, total, {"amount": "NET AMOUNT", "supplier_name": "SUPPLIER NAME",
                                          "payment_date": "payment date"}))

    # 10. Blank separator columns between the fields.
    rows, total = spend_rows(15, [date(dmy), blank, sup, blank, amt(uk), blank, area])
    out.append(Layout("separators", [["Date", "", "Supplier", "", "Amount", "", "Directorate"]] + rows,
                      15, total, {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date"},
                      unused=[]))

    # 11. A workbook with a summary sheet (a pivot by directorate) before the lines.
    vals, ds = amounts(18, 5), days(18)
    summary = [["Spend by directorate"], ["Directorate", "Sum of Amount"]]
    summary += [[a, float(sum(v for i, v in enumerate(vals) if i % 7 == k))] for k, a in enumerate(AREAS)]
    summary += [["Grand Total", float(sum(vals))]]
    data = [["Directorate", "Supplier", "Date Paid", "Amount"]]
    data += [[AREAS[i % 7], SUPPLIERS[i % 12], dt.datetime.combine(ds[i], dt.time()), float(vals[i])] for i in range(18)]
    out.append(Layout("summary_sheet", [], 18, sum(vals), {"amount": "Amount", "supplier_name": "Supplier",
                                                            "payment_date": "Date Paid"},
                      fmt="xlsx", sheets={"Summary": summary, "Data": data}, not_used_sheets=("Summary",)))

    # 12. Beneficiary, long dates, pounds and brackets.
    rows, total = spend_rows(20, [sup, date(long_date), amt(pounds_brackets), etype, area])
    out.append(Layout("long_dates", [["Beneficiary", "Date of Payment", "Amount (£)", "Purpose", "Department"]] + rows,
                      20, total, {"amount": "Amount (£)", "supplier_name": "Beneficiary",
                                  "payment_date": "Date of Payment"}))

    # 13. Excel serial numbers for dates in a CSV.
    rows, total = spend_rows(20, [date(serial), sup, amt(plain), area])
    out.append(Layout("serial_dates", [["Clearing Date", "Vendor", "Amount in Sterling", "Cost Centre Name"]] + rows,
                      20, total, {"amount": "Amount in Sterling", "supplier_name": "Vendor",
                                  "payment_date": "Clearing Date"}))

    # 14. A purchasing card file: transaction and posting dates, billing amount.
    rows, total = spend_rows(20, [date(dmy), date(dmy), sup, etype, amt(plain), area])
    out.append(Layout("purchase_card", [["Transaction Date", "Posting Date", "Merchant Name", "Merchant Category",
                                         "Billing Amount", "Cardholder Department"]] + rows,
                      20, total, {"amount": "Billing Amount", "supplier_name": "Merchant Name",
                                  "payment_date": "Transaction Date"}))

    # 15. Account codes with their descriptions, a creditor reference.
    rows, total = spend_rows(20, [area, area, code, etype, sup, ref, date(dmy), amt(uk)])
    out.append(Layout("account_codes", [["Directorate", "Service", "Expenditure Account Code",
                                         "Expenditure Account Code Description", "Supplier Name", "Creditor Ref",
                                         "Transaction Date", "Net Amount"]] + rows,
                      20, total, {"amount": "Net Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Transaction Date", "category": "Expenditure Account Code Description",
                                  "category_code": "Expenditure Account Code"}))

    # 16. cp1252, "£" in the header and the cells, a total and notes at the end.
    rows, total = spend_rows(20, [date(dmy), sup, amt(lambda v: f"£{v:,.2f}" if v >= 0 else f"-£{-v:,.2f}"), etype])
    out.append(Layout("cp1252_footer", [["Date Paid", "Payee Name", "Amount £", "Details"]] + rows
                      + [[], ["", "Total", f"£{total:,.2f}", ""], ["Notes:"],
                         ["Payments to individuals are shown as REDACTED PERSONAL DATA."]],
                      20, total, {"amount": "Amount £", "supplier_name": "Payee Name", "payment_date": "Date Paid"},
                      encoding="cp1252", totals=3))

    # 17. Credits with a trailing minus; the organisation's name on every line.
    rows, total = spend_rows(20, [const("Example Fire and Rescue Authority"), date(mon), sup, amt(trailing_minus),
                                  etype, area])
    out.append(Layout("trailing_minus", [["Organisation Name", "Pay Date", "Payee", "Amount", "Expense Type",
                                          "Service Area"]] + rows,
                      20, total, {"amount": "Amount", "supplier_name": "Payee", "payment_date": "Pay Date"}))

    # 18. A month, no day: "Month" of "April 2024".
    rows, total = spend_rows(15, [lambda i, a, d: d.strftime("%B %Y"), sup, amt(uk), area])
    out.append(Layout("month_only", [["Month", "Vendor Name", "Net Amount", "Cost Centre"]] + rows,
                      15, total, {"amount": "Net Amount", "supplier_name": "Vendor Name", "period": "Month"}))

    # 19. A two-line header under a title in a workbook.
    vals, ds = amounts(12, 13), days(12)
    grid = [["Example Constabulary: expenditure over £500"], [],
            ["Supplier", "Payment", "Net", "Expenditure"], ["Name", "Date", "Amount", "Category"]]
    grid += [[SUPPLIERS[i % 12], dt.datetime.combine(ds[i], dt.time()), float(vals[i]), TYPES[i % 7]] for i in range(12)]
    out.append(Layout("two_line_workbook", [], 12, sum(vals), {"amount": "Net Amount", "supplier_name": "Supplier Name",
                                                                "payment_date": "Payment Date"},
                      fmt="xlsx", sheets={"Sheet1": grid}))

    # 20. Pipe-delimited finance export, mixed-case, "Invoice Date" beside "Payment Date", gross and net.
    rows, total = spend_rows(20, [ref, date(dmy), date(dmy), sup, gross, amt(plain), lambda i, a, d: uk(a * D("0.2"))])
    out.append(Layout("pipes", [["doc no", "invoice date", "payment date", "creditor name", "gross amount",
                                 "net amount", "vat amount"]] + rows,
                      20, total, {"amount": "net amount", "supplier_name": "creditor name",
                                  "payment_date": "payment date"}, delimiter="|"))
    # 21. Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated.
    rows, total = spend_rows(20, [date(dmy), sup, amt(plain), area, etype])
    out.append(Layout("excel_unicode_text", [["Date Paid", "Supplier", "Amount", "Service", "Expense Type"]] + rows,
                      20, total, {"amount": "Amount", "supplier_name": "Supplier", "payment_date": "Date Paid"},
                      delimiter="\t", encoding="utf-16"))

    # 22. A ledger's debits and credits: "DR" and "CR" after the figure.
    rows, total = spend_rows(20, [date(mon), sup, amt(lambda v: f"{-v:,.2f} CR" if v < 0 else f"{v:,.2f} DR"), etype])
    out.append(Layout("ledger_dr_cr", [["Posting Date", "Creditor", "Amount", "Account"]] + rows,
                      20, total, {"amount": "Amount", "supplier_name": "Creditor", "payment_date": "Posting Date"}))

    # 23. Credits with the minus sign a number format gives (U+2212).
    rows, total = spend_rows(20, [sup, date(dmy), amt(lambda v: f"\u2212{-v:,.2f}" if v < 0 else f"{v:,.2f}"), area])
    out.append(Layout("minus_sign", [["Payee Name", "Payment Date", "Payment Amount", "Directorate"]] + rows,
                      20, total, {"amount": "Payment Amount", "supplier_name": "Payee Name",
                                  "payment_date": "Payment Date"}))

    # 24. Excel's "sep=" line, and header cells with a line break inside their quotes.
    rows, total = spend_rows(20, [ref, date(dmy), sup, amt(uk), area])
    out.append(Layout("sep_line_wrapped_headers", [["Transaction\nNumber", "Payment\nDate", "Supplier\nName",
                                                                "Net\nAmount", "Cost Centre"]] + rows,
                      20, total, {"amount": "Net Amount", "supplier_name": "Supplier Name",
                                  "payment_date": "Payment Date", "transaction_ref": "Transaction Number"},
                      delimiter=";", first_line="sep=;\r\n"))
    # 25. A month's workbook whose first sheet sums the lines by supplier: the file's name says the
    #     month, yet the summary is not read as more lines of it.
    vals, ds = amounts(16, 17), days(16)
    by_supplier = {}
    for i in range(16):
        by_supplier[SUPPLIERS[i % 12]] = by_supplier.get(SUPPLIERS[i % 12], D(0)) + vals[i]
    pivot = [["Row Labels", "Sum of Net Amount"]] + [[k, float(v)] for k, v in by_supplier.items()]
    pivot += [["Grand Total", float(sum(vals))]]
    data = [["Supplier Name", "Payment Date", "Net Amount", "Directorate"]]
    data += [[SUPPLIERS[i % 12], ds[i].strftime("%d/%m/%Y"), float(vals[i]), AREAS[i % 7]] for i in range(16)]
    out.append(Layout("pivot_2024-04", [], 16, sum(vals), {"amount": "Net Amount", "supplier_name": "Supplier Name",
                                                            "payment_date": "Payment Date"},
                      fmt="xlsx", sheets={"By supplier": pivot, "Lines": data}, not_used_sheets=("By supplier",)))
    return out


LAYOUTS = _layouts()


def _columns_named(layout: Layout) -> int:
    """How many columns the (last) sheet's header names: the widest row of text among its first rows."""
    grid = list(layout.sheets.values())[-1] if layout.sheets else layout.grid
    return max(sum(1 for c in row if isinstance(c, str) and c.strip()) for row in grid[:6])


@pytest.mark.parametrize("layout", LAYOUTS, ids=[x.name for x in LAYOUTS])
def test_publisher_layout_loads_exactly_with_no_mapping(tmp_path, db, layout):
    _loads_exactly(tmp_path, db, layout)


def _loads_exactly(tmp_path, db, layout: Layout) -> dict:
    """Load the layout's file; check lines, pennies, totals and columns; return the CLI JSON."""
    path = layout.write(tmp_path)
    res = load_file(path, db=db)
    got = res.as_json()
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (layout.lines, 0, layout.totals), \
        res.problems[:3]
    assert res.amount_loaded == layout.total  # to the penny
    assert q(db, "SELECT count(*), sum(amount) FROM transactions") == [(layout.lines, layout.total)]
    cols = got["columns"]
    for f, header in layout.used.items():
        assert f in cols and cols[f]["column"] == header.strip(), (f, cols.get(f))
        assert cols[f]["found"] in ("header", "content")
    if layout.unused is not None:
        assert got["columns_unused"] == layout.unused
    # every column that holds anything is either used or listed as not used
    used = {v["column"] for v in cols.values()}
    assert not used & set(got["columns_unused"])
    if len(layout.sheets) <= 1:
        assert len(used) + len(got["columns_unused"]) == _columns_named(layout), (cols, got["columns_unused"])
    for name in layout.not_used_sheets:
        assert name in got["sheets_not_used"]
    return got


# ---------------------------------------------------------------------------------------------
# Layouts that once needed a person, or counted a total as spend: each loads exactly, by itself.

def _residual_layouts() -> list[Layout]:
    out = []

    # A ledger with separate Debit and Credit columns: one of them empty on each line, both on one
    # (a line netted: read as their difference). The amount is debit less credit.
    vals, ds = amounts(24, 19), days(24)
    grid = [["Posting Date", "Supplier Name", "Cost Centre", "Debit", "Credit"]]
    total = D(0)
    for i in range(24):
        v = vals[i]
        if i == 7:  # both filled: 500.00 debit, 120.50 credit
            grid.append([dmy(ds[i]), SUPPLIERS[i % 12], AREAS[i % 7], "500.00", "120.50"])
            total += D("379.50")
            continue
        grid.append([dmy(ds[i]), SUPPLIERS[i % 12], AREAS[i % 7], plain(v) if v >= 0 else "", plain(-v) if v < 0 else ""])
        total += v
    out.append(Layout("debit_credit", grid, 24, total, {"amount": "Debit", "credit": "Credit",
                                                          "supplier_name": "Supplier Name",
                                                          "payment_date": "Posting Date"}, unused=[]))

    # The same in other words, with pounds and commas, in a workbook with numbers as numbers.
    vals, ds = amounts(18, 23), days(18)
    grid = [["Transaction Date", "Payee", "Debit Amount (£)", "Credit Amount (£)", "Narrative"]]
    grid += [[dt.datetime.combine(ds[i], dt.time()), SUPPLIERS[i % 12], float(vals[i]) if vals[i] >= 0 else None,
              float(-vals[i]) if vals[i] < 0 else None, TYPES[i % 7]] for i in range(18)]
    out.append(Layout("debit_credit_workbook", [], 18, sum(vals),
                      {"amount": "Debit Amount (£)", "credit": "Credit Amount (£)", "supplier_name": "Payee",
                       "payment_date": "Transaction Date", "description": "Narrative"},
                      fmt="xlsx", sheets={"Ledger": grid}, unused=[]))

    # "Dr" and "Cr", the credits written as negative figures already: added, not taken off twice.
    rows, total = spend_rows(16, [date(dmy), sup, amt(lambda v: plain(v) if v >= 0 else ""),
                                  amt(lambda v: plain(v) if v < 0 else ""), etype], seed=47)
    out.append(Layout("dr_cr_signed", [["Date", "Creditor", "Dr", "Cr", "Account"]] + rows, 16, total,
                      {"amount": "Dr", "credit": "Cr", "supplier_name": "Creditor", "payment_date": "Date"}))

    # Subtotals inside the lines, their word in the category column ("Fleet Total") with no supplier
    # and no date, and a grand total with no word at all under the lines; a supplier whose name
    # begins with "Total" is spend like any other.
    vals, ds = amounts(21, 29), days(21)
    grid = [["Department", "Expense Type", "Payment Date", "Supplier", "Amount"]]
    totals, grand = 0, D(0)
    for g, cat in enumerate(["Fleet", "Estates", "ICT"]):
        sub = D(0)
        for k in range(7):
            i = 7 * g + k
            name = "Total Gas & Power Ltd" if i == 9 else SUPPLIERS[i % 12]
            grid.append([AREAS[i % 7], cat, dmy(ds[i]), name, uk(vals[i])])
            sub += vals[i]
        grid.append(["", f"{cat} Total", "", "", uk(sub)])
        totals += 1
        grand += sub
    grid.append(["", "", "", "", uk(grand)])
    out.append(Layout("subtotals_in_category", grid, 21, grand, {"amount": "Amount", "supplier_name": "Supplier",
                                                                  "payment_date": "Payment Date"},
                      totals=totals + 1, unused=[]))

    # Excel's own subtotals, at each change of supplier ("XMA LTD Total" in the supplier column),
    # and "Grand Total"; the file's name gives its month, so a line with no day would load: a
    # subtotal must not.
    vals, ds = amounts(15, 31), days(15)
    grid = [["Date", "Supplier", "Description", "Net Amount"]]
    names = ["XMA LTD", "Pendle Tyres", "Total Gas & Power Ltd"]
    totals = 0
    for g, name in enumerate(names):
        sub = D(0)
        for k in range(5):
            i = 5 * g + k
            grid.append([dmy(ds[i]), name, TYPES[i % 7], plain(vals[i])])
            sub += vals[i]
        grid.append(["", f"{name} Total", "", plain(sub)])
        totals += 1
    grid.append(["", "Grand Total", "", plain(sum(vals))])
    out.append(Layout("excel_subtotals_2024-04", grid, 15, sum(vals), {"amount": "Net Amount", "supplier_name": "Supplier",
                                                                       "payment_date": "Date"},
                      totals=totals + 1, unused=[]))

    # The same, long enough to be read in one pass: the subtotals are found among its lines too.
    vals, ds = amounts(6600, 43), days(6600)
    grid = [["Date", "Supplier", "Description", "Net Amount"]]
    totals = 0
    for g in range(0, 6600, 600):
        name = SUPPLIERS[(g // 600) % 12]
        for i in range(g, g + 600):
            grid.append([dmy(ds[i]), name, TYPES[i % 7], plain(vals[i])])
        grid.append(["", f"{name} Total", "", plain(sum(vals[g:g + 600]))])
        totals += 1
    out.append(Layout("excel_subtotals_long", grid, 6600, sum(vals), {"amount": "Net Amount", "supplier_name": "Supplier",
                                                                      "payment_date": "Date"},
                      totals=totals, unused=[]))

    # A SAP vendor-line export: "Vendor" holds the vendor's number, "Name 1" its name.
    rows, total = spend_rows(25, [lambda i, a, d: str(100200 + (i % 12) * 7), sup, date(dmy), ref, amt(plain),
                                  etype], seed=37)
    out.append(Layout("sap_vendor_name1", [["Vendor", "Name 1", "Posting Date", "Document Number", "Amount in LC",
                                            "Text"]] + rows,
                      25, total, {"amount": "Amount in LC", "supplier_name": "Name 1", "supplier_id": "Vendor",
                                  "payment_date": "Posting Date", "transaction_ref": "Document Number"}, unused=[]))

    # A printed export: a two-line header repeated at each page break.
    vals, ds = amounts(36, 41), days(36)
    head = [["Payment", "Supplier", "Invoice", "Cost", "Expense"], ["Date", "Name", "Amount", "Centre", "Type"]]
    grid = []
    for i in range(36):
        if i % 12 == 0:
            grid += [list(h) for h in head]
        grid.append([dmy(ds[i]), SUPPLIERS[i % 12], uk(vals[i]), AREAS[i % 7], TYPES[i % 7]])
    out.append(Layout("two_line_header_repeated", grid, 36, sum(vals),
                      {"amount": "Invoice Amount", "supplier_name": "Supplier Name", "payment_date": "Payment Date"},
                      unused=[], header_repeats=4))
    return out


RESIDUALS = _residual_layouts()


@pytest.mark.parametrize("layout", RESIDUALS, ids=[x.name for x in RESIDUALS])
def test_residual_layout_loads_exactly_with_no_mapping(tmp_path, db, layout):
    got = _loads_exactly(tmp_path, db, layout)
    # rows read = stored + quarantined + totals, and nothing of a total is stored as spend
    assert q(db, "SELECT rows_read, rows_loaded + rows_quarantined + rows_total_lines FROM batches") == \
        [(layout.lines + layout.totals, layout.lines + layout.totals)]
    assert q(db, "SELECT count(*), sum(amount) FROM total_lines")[0][0] == layout.totals
    assert got.get("header_rows_repeated", 0) == layout.header_repeats
