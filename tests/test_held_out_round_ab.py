"""A held-out round of files written by helpers who never saw the product (session 59).

Spend straight from ledgers' reporting tools (2 of 8 exactly at first): a Unit4 browser export closes
each supplier's lines with a row of its supplier alone and their sum, no voucher, no date; a SAP ALV
list marks its suppliers' subtotals with "*" and repeats its header on each page, with no total
named in words until the last page. A supplier with one payment has a subtotal equal to it: taken
for a line, it put every subtotal after it out by its sum, and all of them were loaded as payments
(the file's sum twice over). A supplier's lines running on over a page's end left the subtotal on
the next page no run to match.

Contracts registers kept by hand (0 of 8 at first): a register whose second sheet reads fewer fields
than its first (no route, no annual cost) could not be loaded at all.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load_file

FIRMS = ["Airwave Solutions Ltd", "Amberline Facilities Management Ltd", "Ashworth Taxis Ltd",
         "Beacon Traffic Management Ltd", "Brook & Partners Chartered Surveyors", "Cobalt Telecom Ltd"]


def _spend(db):
    return q(db, "SELECT payment_date, amount, supplier_name FROM transactions ORDER BY row_number")


def test_a_ledger_reports_supplier_subtotals_are_totals_even_of_one_payment(tmp_path, db):
    """Unit4's layout: each supplier's lines, then its id and name over their sum alone; the first
    supplier has one payment. A grand total closes the report."""
    lines, rows, n = [], [], 0
    for k, firm in enumerate(FIRMS[:4]):
        group = [Decimal(f"{1000 + 137 * k + 11 * j}.{10 + j}") for j in range(1 if k == 0 else 3)]
        for j, a in enumerate(group):
            n += 1
            rows.append(f"{100 + k},{firm},{24000 + n},SI,{3 + j}/0{4 + k % 3}/2024,5610,{a}")
            lines.append((dt.date(2024, 4 + k % 3, 3 + j), a, firm))
        rows.append(f"{100 + k},{firm},,,,,{sum(group)}")
    total = sum(a for _, a, _ in lines)
    text = ("Kingsmere Borough Council\nClient:,KB\n\nSupplier,Supplier(T),Voucher no,Vouch.type,Trans.date,Account,Amount\n"
            + "\n".join(rows) + f"\nTotal,,,,,,{total}\n")
    path = tmp_path / "KBC_spend_Q1_2024-25.csv"
    path.write_text(text, encoding="utf-8")
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (10, 0, 5), res.problems[:3]
    assert res.amount_loaded == total
    assert _spend(db) == lines


def _alv(pages: list[list[tuple]], grand: Decimal) -> str:
    rule = "-" * 150
    out = ["Payments over GBP 500 - Expense Line Items", "", "Company Code          GB01   Office of the PCC",
           "Posting Date          01.07.2024  to  30.09.2024", ""]
    for p, page in enumerate(pages):
        out += [rule, "|St|Vendor    |Name 1                             |DocumentNo|Typ|Pstng Date|G/L Acct  |"
                      "    Amount in LC  |LCurr|Text                |", rule]
        for mark, vendor, name, doc, day, amount in page:
            out.append(f"|{mark:<2}|{vendor:<10}|{name:<35}|{doc:<10}|{'KR' if doc else '':<3}|{day:<10}|"
                       f"{'0000570010' if doc else '':<10}|{amount:>17,.2f} |GBP  |{'Training' if doc else '':<20}|")
        out.append(rule)
        if p == len(pages) - 1:
            out.append(f"|**|{'':<10}|{'':<35}|{'':<10}|{'':<3}|{'':<10}|{'':<10}|{grand:>17,.2f} |GBP  |{'':<20}|")
        out += ["", f"Page {p + 1}"]
    return "\n".join(out) + "\n"


def test_an_alv_lists_marked_subtotals_over_pages_with_no_total_named(tmp_path, db):
    """SAP's ALV list: "*" marks each vendor's subtotal (no date, no document), the header comes again
    on each page, and a vendor's lines run on over a page's end to its subtotal on the next page."""
    groups = [[Decimal("147487.50")]] + [[Decimal(f"{500 + 731 * k + 97 * j}.{13 + j}") for j in range(n)]
                                         for k, n in enumerate((14, 12, 9, 3, 5, 2, 6, 4), 1)]
    firms = FIRMS + ["Dale Street Solicitors LLP", "Cellmark Forensic Services Ltd", "British Telecommunications plc"]
    rows, k = [], 0
    for g, (firm, amounts) in enumerate(zip(firms, groups)):
        vendor = f"00100{5149 + 7919 * g:05d}"
        for a in amounts:
            k += 1
            rows.append(("", vendor, firm, f"51000{k:05d}", f"{1 + k % 28:02d}.0{7 + k % 3}.2024", a))
        rows.append(("*", vendor, firm, "", "", sum(amounts)))
    pages = [rows[i:i + 12] for i in range(0, len(rows), 12)]  # (the second vendor's lines run over a page)
    lines = [a for g in groups for a in g]
    path = tmp_path / "ZFI_TRANSP500_GB01_2024Q2.txt"
    path.write_text(_alv(pages, sum(lines)), encoding="utf-8")
    # (with so few vendors the file asks which of 'Vendor' and 'Name 1' names them: said, as a user would)
    res = load_file(path, db=db, mapping={"supplier_name": "Name 1", "supplier_id": "Vendor"})
    assert (res.rows_loaded, res.rows_quarantined) == (len(lines), 0), res.problems[:3]
    assert res.amount_loaded == sum(lines)
    assert [x for _, x, _ in _spend(db)] == lines


def test_a_subtotal_among_dated_lines_of_no_word_stays_a_payment_alone(tmp_path, db):
    """One undated line equal to the line above it, no other total on the sheet: a payment (its date
    unknown, said), not a subtotal; two sums, each of the run before it, were needed."""
    text = ("Date,Supplier,Amount\n03/04/2024,Acme Ltd,100.00\n04/04/2024,Beta Ltd,250.00\n,Beta Ltd,250.00\n"
            "05/04/2024,Gamma Ltd,75.00\n")
    path = tmp_path / "spend_april_2024.csv"
    path.write_text(text, encoding="utf-8")
    res = load_file(path, db=db)
    assert res.rows_total_lines == 0
    assert res.rows_loaded + res.rows_quarantined == 4


def test_a_registers_sheets_reading_different_fields_load_together(tmp_path, db):
    """A force's estates register: the live sheet has a route and an annual cost, the expired sheet
    neither; the sheets are read as one register (it was refused, its SQL's sheets unequal)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contracts Register"
    ws.append(["Site / Building", "Contract Ref", "Service", "Contractor", "Framework / Route", "Commencement",
               "Expiry", "Annual cost (£)", "Total value (£)", "Live/Expired"])
    ws.append(["All sites", "NMP-EF-101", "M&E maintenance", FIRMS[1], "CCS RM6232", dt.datetime(2022, 9, 1),
               dt.datetime(2025, 8, 31), 100000, 300000, "Live"])
    ws.append(["HQ", "NMP-EF-102", "Cleaning", FIRMS[3], "Direct award", dt.datetime(2023, 4, 1),
               dt.datetime(2026, 3, 31), 50000, 150000, "Live"])
    ws2 = wb.create_sheet("Expired contracts")
    ws2.append(["Site / Building", "Contract Ref", "Service", "Contractor", "Commencement", "Expiry",
                "Total value (£)", "Replaced by"])
    ws2.append(["Custody", "EF124", "CCTV maintenance", FIRMS[5], dt.datetime(2017, 10, 27), dt.datetime(2018, 10, 26),
                22500, "Re-let"])
    path = tmp_path / "Estates_Contracts_Register.xlsx"
    wb.save(path)
    res = load_file(path, db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0), res.problems[:3]
    assert q(db, "SELECT reference, value FROM contracts ORDER BY reference") == [
        ("EF124", Decimal("22500.00")), ("NMP-EF-101", Decimal("300000.00")), ("NMP-EF-102", Decimal("150000.00"))]


def test_a_reports_page_furniture_with_colons_is_set_aside(tmp_path, db):
    """An Oracle register's title block on every page ("Report Date: 08-JUL-24 07:02", "Page: 2 of 7")
    and Sage's "Page:" | 2 were quarantined as lines with no amount (m174)."""
    head = ("NHS Calderbrook ICB,,,Report Date: 08-JUL-24 07:02\nPayables Payment Register,,,Page: {p} of 2\n,,,\n"
            "Payment Date,Supplier Name,Invoice Number,Amount Paid\n")
    body = [f"0{1 + i}/04/2024,{FIRMS[i]},INV{i},{1000 + i}.25\n" for i in range(6)]
    text = head.format(p=1) + "".join(body[:3]) + ",,,\n" + head.format(p=2) + "".join(body[3:]) + ",Page:,2,\n"
    path = tmp_path / "XXAP_PAYMENT_REGISTER.csv"
    path.write_text(text, encoding="utf-8")
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (6, 0), res.problems[:3]


def test_vat_written_against_an_acronym_and_the_plain_sum_beside_the_gross():
    """Business Central's Data sheet: "AmountLCY" | "VATAmountLCY" | "AmountInclVATLCY". The gross says
    it holds the VAT; the plain sum beside it is the net, the line's amount (it asked which)."""
    from lib.ingest import columns as colmod

    assert colmod.tokens("AmountInclVATLCY") == ["amount", "incvat", "lcy"]
    assert colmod.tokens("VATAmountLCY")[:2] == ["vat", "amount"]


def test_a_plain_amount_beside_one_including_vat_is_the_amount(tmp_path, db):
    text = "Posting Date,Vendor Name,Document No,AmountLCY,VATAmountLCY,AmountInclVATLCY\n" + "".join(
        f"0{1 + i}/05/2024,{FIRMS[i]},PPI-{i},{100 * (i + 1)}.00,{20 * (i + 1)}.00,{120 * (i + 1)}.00\n" for i in range(5))
    path = tmp_path / "Vendor Spend.csv"
    path.write_text(text, encoding="utf-8")
    res = load_file(path, db=db)
    assert res.as_json()["columns"]["amount"]["column"] == "AmountLCY"
    assert res.amount_loaded == Decimal("1500.00")


def test_supplier_or_framework_is_the_supplier(tmp_path, db):
    """A fire authority's "Supplier / Framework": the supplier, or the framework where none is named;
    it was read as whether the contract was collaborative, and the description as the supplier."""
    from lib.ingest import columns as colmod

    s = colmod.header_scores("Supplier / Framework", colmod.CONTRACTS)
    assert s["supplier_name"] > max(s.get("route", 0), s.get("collaborative", 0))
    assert colmod.header_scores("Supplier Address", colmod.CONTRACTS).get("supplier_name", 0) <= 0
    rows = "".join(f"WFR/FL/0{i},Supply of item {i},{FIRMS[i]},01/04/2023,31/03/2026,£{i + 1}0,000\n" for i in range(5))
    path = tmp_path / "contracts.csv"
    path.write_text("Contract Ref,Description,Supplier / Framework,Start,End,Value\n" + rows, encoding="utf-8")
    res = load_file(path, db=db, kind="contracts")
    assert res.as_json()["columns"]["supplier_name"]["column"] == "Supplier / Framework"
    assert [n for (n,) in q(db, "SELECT supplier_name FROM contracts ORDER BY reference")] == FIRMS[:5]


def test_a_printed_reports_rules_and_repeated_header_are_no_cells_nor_currencies(tmp_path, db):
    """The SAP list above: its "-----" rules alone in the column before the first "|" were said to be
    something held in a column with no header, page after page; its "LCurr" header written again on
    each page was said to name another currency than pounds."""
    groups = [[Decimal(f"{600 + 211 * k + 37 * j}.{20 + j}") for j in range(n)] for k, n in enumerate((5, 7, 4, 6, 3, 8))]
    firms = FIRMS + ["Dale Street Solicitors LLP", "Cellmark Forensic Services Ltd"]
    rows, k = [], 0
    for g, amounts in enumerate(groups):
        for a in amounts:
            k += 1
            rows.append(("", f"00100{5149 + 7919 * g:05d}", firms[g], f"51000{k:05d}", f"{1 + k % 28:02d}.08.2024", a))
        rows.append(("*", f"00100{5149 + 7919 * g:05d}", firms[g], "", "", sum(amounts)))
    path = tmp_path / "ZFI_TRANSP500.txt"
    path.write_text(_alv([rows[i:i + 15] for i in range(0, len(rows), 15)], sum(sum(g) for g in groups)), encoding="utf-8")
    res = load_file(path, db=db, mapping={"supplier_name": "Name 1", "supplier_id": "Vendor"})
    assert res.rows_loaded == sum(len(g) for g in groups)
    said = " ".join(res.as_json()["warnings"])
    assert "other currencies" not in said and "'-----" not in said, said
