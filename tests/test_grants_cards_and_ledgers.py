"""Grants lists, purchase-card lists and ledger reports from publishers the project had not seen (a probe
of 32 files; the rest loaded exactly):

- A grants list names who was paid under "Organisation", the body's own word: refused for want of a
  supplier. Its sum, "Grant Awarded (£)", lost to "Total Project Cost (£)" beside it.
- A purchase-card list closed with "Number of transactions" (the count in the amount's column) and
  "Total value (£)" under the transaction references: both loaded as lines of "(no name given)".
- Xero's "Payable Invoice Detail": "Invoice Date" and "Due Date" tied for the payment date, and each
  supplier's group closed by "Total <supplier>" under the date was quarantined as a bad date.
- Oracle Fusion's "Entered Amount" and "Functional Amount" tied for the amount.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

RECIPIENTS = ["Northmoor Youth Trust", "Friends of Elm Park", "St Anne's Community Centre", "Safe Homes Northmoor",
              "Ridgeway Food Bank", "Open Door Mentoring", "Moorside Boxing Club", "Victim Voice CIC",
              "Northmoor Women's Aid", "The Bridge Project", "Calder Street Pastors", "Hope Recovery Café",
              "Kestrel Sea Cadets", "Ashdown Allotment Society", "Upton Parish Council"]


def test_a_grants_lists_organisation_is_who_was_paid_and_the_grant_its_sum(tmp_path, db):
    lines = [(RECIPIENTS[i], "Community Safety Fund", f"{1000 + 250 * i:,}.00", f"{1 + i:02d}/05/2024", f"{9000 + 1000 * i:,}.00")
             for i in range(len(RECIPIENTS))]
    text = ("Organisation,Fund Name,Date of Award,Grant Awarded (£),Total Project Cost (£)\n"
            + "".join(f'{o},{f},{d},"{a}","{t}"\n' for o, f, a, d, t in lines)
            + ',,Total,"' + f"{sum(1000 + 250 * i for i in range(len(RECIPIENTS))):,}" + '.00",\n')
    res = load_file(written(tmp_path / "grants-awarded-2024-25.csv", text), db=db)
    cols = res.as_json()["columns"]
    assert (cols["supplier_name"]["column"], cols["amount"]["column"]) == ("Organisation", "Grant Awarded (£)")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (15, 0, 1)
    assert q(db, "SELECT supplier_name, amount, payment_date FROM transactions ORDER BY row_number LIMIT 2") == [
        ("Northmoor Youth Trust", Decimal("1000.00"), dt.date(2024, 5, 1)),
        ("Friends of Elm Park", Decimal("1250.00"), dt.date(2024, 5, 2))]


def test_an_organisation_column_of_a_few_public_bodies_is_still_whose_spend(tmp_path, db):
    """The rule above is for many names that are mostly no public body's: a joint file's
    "Organisation" of two bodies stays the body, beside its supplier column."""
    rows = "".join(f"{'Chief Constable of Northmoor Police' if i % 2 else 'Police and Crime Commissioner for Northmoor'},"
                   f"{RECIPIENTS[i]} Ltd,{i + 1:02d}/06/2024,{100 + i}.00\n" for i in range(14))
    res = load_file(written(tmp_path / "spend.csv", "Organisation,Supplier,Date,Amount\n" + rows), db=db)
    cols = res.as_json()["columns"]
    assert (cols["body"]["column"], cols["supplier_name"]["column"]) == ("Organisation", "Supplier")


def test_a_count_and_a_total_in_pounds_under_the_references_are_totals(tmp_path, db):
    rows = "".join(f"Resources,MERCHANT {i} LTD,Office supplies,{i + 1:02d}/01/2025,PC2501{i:04d},{20 + i}.50\n"
                   for i in range(12))
    text = ("Directorate,Merchant Name,Merchant Category,Transaction Date,Transaction Ref,Amount (£)\n" + rows
            + ",,,,,\n,,,,Number of transactions,12\n,,,,Total value (£)," + f"{sum(20.5 + i for i in range(12)):.2f}\n")
    res = load_file(written(tmp_path / "purchase-cards-jan-2025.csv", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (12, 0, 2)
    assert q(db, "SELECT count(*) FROM transactions WHERE supplier_name = '(no name given)'") == [(0,)]
    for label, want in [("Total value (£)", True), ("Record count: 226", True), ("Total number of transactions: 1774", True),
                        ("No. of payments", True), ("Total (GBP)", True), ("Total Gas Ltd", False), ("Number One Cars", False)]:
        assert q(db, "SELECT is_total_label(?)", [label]) == [(want,)], label


def test_xero_payable_invoice_detail_invoice_date_before_due_and_total_per_contact(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Payable Invoice Detail"
    ws.append(["Payable Invoice Detail"])
    ws.append(["Thornfield Community Housing Trust"])
    ws.append(["For the period 1 April 2024 to 31 March 2025"])
    ws.append([])
    ws.append(["Invoice Date", "Invoice Number", "Reference", "Due Date", "Status", "Net", "VAT", "Total", "Paid", "Due"])
    want = []
    for k, contact in enumerate(["Amberley Recruitment Ltd", "Balfour Pennington Construction Ltd", "Brightstart Nurseries"]):
        ws.append([contact])
        nets = []
        for j in range(4):
            day = dt.datetime(2024, 4 + j * 2, 3 + k)
            net = 1000 + 100 * k + j
            nets.append(net)
            ws.append([day, f"SI{k}{j}", ["Legal fees, possession claim", "Audit 2023/24", "Void repairs", "Office supplies"][j], day + dt.timedelta(days=30), "Paid", net, net / 5, net * 1.2, net * 1.2, 0])
            want.append((contact, Decimal(f"{net}.00"), day.date()))
        ws.append([f"Total {contact}", None, None, None, None, sum(nets), sum(nets) / 5, sum(nets) * 1.2, sum(nets) * 1.2, 0])
        ws.append([])
    ws.append(["Total", None, None, None, None, sum(w[1] for w in want)])
    wb.save(tmp_path / "Payable_Invoice_Detail.xlsx")
    res = load_file(tmp_path / "Payable_Invoice_Detail.xlsx", db=db)
    assert res.as_json()["columns"]["payment_date"]["column"] == "Invoice Date"
    # (the three headings are kept aside with the totals, as rows of one cell)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (12, 0, 7)
    assert q(db, "SELECT supplier_name, amount, payment_date FROM transactions ORDER BY row_number") == want
    assert q(db, "SELECT row_number FROM total_lines WHERE amount IS NOT NULL ORDER BY 1") == [(11,), (18,), (25,), (27,)]


def test_oracles_functional_amount_before_the_entered(tmp_path, db):
    rows = "".join(f"Harrowfield BU,Supplier {chr(65 + i)} Ltd,INV{i},2024-09-{i + 1:02d}T00:00:00,"
                   f"{'USD' if i == 3 else 'GBP'},{100 + i if i != 3 else 130},GBP,{100 + i},{1100 + i}\n" for i in range(12))
    text = ("Business Unit,Supplier,Invoice Number,Payment Date,Entered Currency,Entered Amount,Functional Currency,"
            "Functional Amount,Cost Centre\n" + rows)
    res = load_file(written(tmp_path / "invoice_register.csv", text), db=db)
    assert res.as_json()["columns"]["amount"]["column"] == "Functional Amount"
    assert q(db, "SELECT sum(amount) FROM transactions") == [(Decimal(sum(100 + i for i in range(12))),)]


def test_a_summary_sheet_naming_the_month_sheets_is_not_more_lines(tmp_path, db):
    """A "Summary" of "Month | Sheet | No. of payments | Net £", one line a month sheet, loaded as
    payments to "Apr-23", "May-23": the year's spend doubled."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    summary.append(["Harbridge Borough Council"])
    summary.append([])
    summary.append([None, "Month", "Sheet", "No. of payments", "Net £", "VAT £", "Gross £"])
    total = Decimal("0.00")
    for k, (month, sheet) in enumerate([("April 2023", "Apr-23"), ("May 2023", "May-23"), ("June 2023", "Jun-23")]):
        ws = wb.create_sheet(sheet)
        ws.append(["Date", "Supplier", "Net", "VAT", "Gross"])
        sums = Decimal("0.00")
        for j in range(5):
            net = Decimal(f"{600 + 10 * k + j}.25")
            ws.append([dt.datetime(2023, 4 + k, 2 + j), f"Supplier {k}{j} Ltd", float(net), float(net / 5), float(net * 6 / 5)])
            sums += net
        summary.append([None, month, sheet, 5, float(sums), float(sums / 5), float(sums * 6 / 5)])
        total += sums
    summary.append([None, "Total 2023/24", None, 15, float(total)])
    wb.save(tmp_path / "payments_over_500_2023-24.xlsx")
    res = load_file(tmp_path / "payments_over_500_2023-24.xlsx", db=db)
    assert "Summary" in res.as_json()["sheets_not_used"]
    assert (res.rows_loaded, res.amount_loaded) == (15, total)
    assert q(db, "SELECT count(DISTINCT sheet) FROM transactions") == [(3,)]


def test_a_month_and_year_alone_in_the_date_column_is_the_lines_month(tmp_path, db):
    """A charity's list of what a PCC grant paid for dates its payments, but writes its monthly payroll as
    "Apr 2023": those lines were quarantined as dates that are not real. A month and a four-figure year
    alone is the line's month, with no day; a date that cannot be ("31/02/2024") is still quarantined."""
    text = ("Date,Payee,Details,Expenditure\n03/04/2023,Acme Ltd,Stationery,120.00\nApr 2023,Staff costs,Payroll,5070.22\n"
            "12/05/2023,Bolt Haulage Ltd,Removals,800.00\nMay 2023,Staff costs,Payroll,5070.22\n"
            "31/02/2024,Calder Print Ltd,Leaflets,99.00\n")
    res = load_file(written(tmp_path / "grant_spend_2023-24.csv", text), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (4, 1)
    assert q(db, "SELECT row_number, payment_date, period_start FROM transactions WHERE payment_date IS NULL "
                 "ORDER BY row_number") == [(3, None, dt.date(2023, 4, 1)), (5, None, dt.date(2023, 5, 1))]
