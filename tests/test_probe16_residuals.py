"""Two layouts of councils' monthly files, read wrongly until now:

- a gross sum beside its VAT and no net ("Gross Invoice Value" | "Vat Amount", as one London borough
  publishes): the file was refused as having two amount columns, because the VAT column was itself
  counted as the plain sum that made the gross look like an invoice's total. The spend is now the
  gross less the VAT, as for any gross-and-VAT file, said in a warning;
- a "VAT Type" column (STD, EXEM, ZERO) was taken as the lines' category: how a line was taxed is not
  what was bought. It is now listed as not used (and a "VAT Code" is no category code either);
- "FINAL Supplier name" beside "Supplier name" (the name after redaction beside the name before, as a
  London borough publishes them) was a question for a person: the FINAL one is now taken, so a
  person's name redacted in it stays redacted;
- a report that printed "PAYMENT AMOUNT" over its dates as well as over its sums was refused for want
  of a date: a column whose header is another's word for word, that other taken for the field they
  both name, is read by what it holds;
- "Local Authority Department" (over Adults, Resources) was taken as whose spend it is, and the file
  loaded as another body's: it is the department; and "Purpose of Expenditure" or "ACTIVITY" holding a
  few values again and again was left unused: it is the lines' category;
- a row holding "#N/A" and nothing else (a formula's lost line) was counted as a note under the lines:
  it is quarantined, saying so, where staff see it;
- a contracts register's "Estimated Annual Value" was read as each contract's whole value: it is a
  year's, times the contract's term.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file

SUPPLIERS = ["Gateley PLC", "RE3 Ltd", "The Welding Shop Ltd", "MMCG (2) Ltd"]


def test_a_gross_beside_its_vat_is_the_gross_less_the_vat(tmp_path, db):
    lines, gross, vat = [], Decimal("0"), Decimal("0")
    for i in range(40):
        g = Decimal(1000 + 37 * i) + Decimal("0.60")
        v = (g / 6).quantize(Decimal("0.01")) if i % 3 else Decimal("0.00")
        gross, vat = gross + g, vat + v
        day = dt.date(2024, 1, 1) + dt.timedelta(days=9 * i)
        # a first column with no header, numbering the lines; dates as 10-Apr-24
        lines.append(f"{i + 1},INV{5000 + i},{SUPPLIERS[i % 4]},{day:%d-%b-%y},PRECEPT,Corporate Services,"
                     f"\"{g:,}\",{v}\n")
    head = ",Supplier Invoice No,Supplier Name,Payment Date,Description,Directorate,Gross Invoice Value,Vat Amount\n"
    res = load_file(_csv(tmp_path / "2024.csv", head + "".join(lines)), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (40, 0)
    assert res.amount_loaded == gross - vat
    assert res.columns["(csv)"]["amount"]["column"] == "Gross Invoice Value"
    assert res.columns["(csv)"]["vat_off"]["column"] == "Vat Amount"
    assert any("gross less the VAT" in w for w in res.warnings)
    assert q(db, "SELECT sum(amount) FROM transactions") == [(gross - vat,)]


def test_a_vat_type_is_not_the_lines_category(tmp_path, db):
    body = "".join(f"{100000 + i // 2},{SUPPLIERS[i % 4]},{1 + i % 28:02d}/06/2024,Fees,Adult Social Care,"
                   f"£{500 + i}.25,£{(500 + i) * 1.2:.2f},{('STD', 'EXEM', 'ZERO')[i % 3]}\n" for i in range(36))
    head = ("TransNo,Accounts Payable/Accounts Receivable ID,Pay Date,Description,Service Area,Payment Amount (Net),"
            "Invoice Amount (Gross),VAT Type\n")
    res = load_file(_csv(tmp_path / "supplier-spend-2024-25.csv", head + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (36, 0)
    assert res.columns["(csv)"]["amount"]["column"] == "Payment Amount (Net)"
    assert "category" not in res.columns["(csv)"]
    assert "VAT Type" in res.columns_unused["(csv)"]
    assert q(db, "SELECT count(*) FROM transactions WHERE category IS NOT NULL") == [(0,)]
    assert res.amount_loaded == sum(Decimal(500 + i) + Decimal("0.25") for i in range(36))


def test_a_vat_code_is_no_category_code(tmp_path, db):
    body = "".join(f"{SUPPLIERS[i % 4]},{1 + i % 28:02d}/07/2024,{300 + i}.00,Stationery,{('S', 'E', 'Z')[i % 3]}\n"
                   for i in range(30))
    res = load_file(_csv(tmp_path / "spend.csv", "Supplier,Date,Amount,Expense Type,VAT Code\n" + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (30, 0)
    assert res.columns["(csv)"]["category"]["column"] == "Expense Type"
    assert "category_code" not in res.columns["(csv)"]
    assert res.columns_unused == {"(csv)": ["VAT Code"]}


def _lines(n, row):
    return "".join(row(i, dt.date(2023, 4, 3) + dt.timedelta(days=7 * i), Decimal(700 + 13 * i) + Decimal("0.45"))
                   for i in range(n))


def test_the_final_supplier_name_is_taken_over_the_name_before_it(tmp_path, db):
    names = ["Gateley PLC", "RE3 Ltd", "Jane Smith", "Acme Care Ltd"]
    body = _lines(40, lambda i, d, a: f"{d:%d/%m/%Y},{'REDACTED' if names[i % 4] == 'Jane Smith' else names[i % 4]},"
                                      f"{names[i % 4]},Adults,Supplies,{a}\n")
    res = load_file(_csv(tmp_path / "westminster.csv",
                         "Posting date,FINAL Supplier name,Supplier name,Department,Expense type,Amount\n" + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (40, 0)
    assert res.columns["(csv)"]["supplier_name"]["column"] == "FINAL Supplier name"
    assert res.columns_unused == {"(csv)": ["Supplier name"]}
    assert q(db, "SELECT count(*) FROM transactions WHERE supplier_name = 'Jane Smith'") == [(0,)]
    assert q(db, "SELECT count(*), bool_and(is_redacted) FROM transactions WHERE supplier_name = 'REDACTED'") == [(10, True)]


def test_a_header_printed_twice_is_read_by_what_its_cells_hold(tmp_path, db):
    body = _lines(40, lambda i, d, a: f"{d:%d/%m/%Y},{SUPPLIERS[i % 4]},Resources,Care package,\"{a:,}\"\n")
    res = load_file(_csv(tmp_path / "wandsworth-2024-07.csv",
                         "PAYMENT AMOUNT,PAYEE,DIRECTORATE,ACTIVITY,PAYMENT AMOUNT\n" + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (40, 0)
    cols = res.columns["(csv)"]
    assert (cols["payment_date"]["column"], cols["payment_date"]["found"]) == ("PAYMENT AMOUNT (column A)", "content")
    assert cols["amount"]["column"] == "PAYMENT AMOUNT (column E)"
    assert res.amount_loaded == sum(Decimal(700 + 13 * i) + Decimal("0.45") for i in range(40))
    assert q(db, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2023, 4, 3), dt.date(2023, 4, 3) + dt.timedelta(days=7 * 39))]


def test_a_local_authority_department_is_the_department_and_a_repeated_purpose_the_category(tmp_path, db):
    depts, purposes = ["Adults", "Children's Services", "Environment", "Resources"], ["Stationery", "Agency Staff", "Rents"]
    body = _lines(45, lambda i, d, a: f"{d:%d/%m/%Y},{SUPPLIERS[i % 4]},{depts[i % 4]},{purposes[i % 3]},{a},0.00\n")
    res = load_file(_csv(tmp_path / "havering.csv", "Transaction Date,Beneficiary,Local Authority Department,"
                         "Purpose of Expenditure,Amount (excluding VAT),Non Recoverable VAT\n" + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (45, 0)
    cols = res.columns["(csv)"]
    assert "body" not in cols
    assert cols["department"]["column"] == "Local Authority Department"
    assert cols["category"]["column"] == "Purpose of Expenditure"
    assert res.columns_unused == {"(csv)": []}
    assert [b["own"] for b in res.bodies] == [True]  # the store's own spend, not a peer's
    assert q(db, "SELECT category, count(*) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("Agency Staff", 15), ("Rents", 15), ("Stationery", 15)]


def test_a_row_holding_only_a_spreadsheet_error_is_quarantined_not_taken_for_a_footer(tmp_path, db):
    rows = [f"Reading Borough Council,R57{i:02d},{SUPPLIERS[i % 4]},{1 + i % 28:02d}/04/2025,Tipping Charge,Environment,"
            f"{900 + i}.10,{4619000 + i}\n" for i in range(30)]
    rows[12:12] = ["#N/A,,,,,,,\n", "#N/A,,,,,,,\n"]
    head = "Legal Entity,Cost Centre No,Supplier name,Payment Date,Purpose,Directorate,Amount (£),Voucher Number\n"
    res = load_file(_csv(tmp_path / "Over-500-April-25.csv", head + "".join(rows)), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (32, 30, 2, 0)
    assert res.amount_loaded == sum(Decimal(900 + i) + Decimal("0.10") for i in range(30))
    assert q(db, "SELECT row_number, reason FROM quarantine ORDER BY 1") == [
        (14, "the row holds a spreadsheet's error (#N/A) and nothing else: no payment to read"),
        (15, "the row holds a spreadsheet's error (#N/A) and nothing else: no payment to read")]


def test_a_contracts_annual_value_is_a_year_of_its_term(tmp_path, db):
    """The Transparency Code lets a contracts register give "the estimated annual spending": a column
    headed so was read as each contract's whole value (spend against value three times too high for a
    three-year contract). Now the whole value is a year's times the term."""
    head = "Reference Number,Title of Agreement,Supplier Name,Start Date,End Date,Estimated Annual Value,Procurement Process\n"
    rows = ["CON1,Cleaning,Acme Care Ltd,01/04/2022,31/03/2025,\"£100,000\",Open tender\n",          # 36 months
            "CON2,Fuel,Fylde Fuels Limited,01/10/2023,30/09/2024,\"£48,000.50\",Framework (YPO)\n",  # 12 months
            "CON3,Legal,Gateley PLC,15/04/2022,31/03/2023,\"£36,525\",Direct award\n",              # 351 days
            "CON4,Advice,Lancashire Mind,01/04/2024,,\"£20,000\",Direct award\n"]                   # no end
    res = load_file(_csv(tmp_path / "contracts_register.csv", head + "".join(rows)), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert q(db, "SELECT reference, value FROM contracts ORDER BY 1") == [
        ("CON1", Decimal("300000.00")), ("CON2", Decimal("48000.50")), ("CON3", Decimal("35100.00")), ("CON4", None)]
    assert res.amount_loaded == Decimal("383100.50")
    assert any("gives a year's value" in w and "1 with no end date or term keeps no value" in w for w in res.warnings)


def test_a_contracts_whole_value_beside_its_annual_value_is_the_value(tmp_path, db):
    head = "Reference,Supplier,Start Date,End Date,Total Contract Value,Annual Value\n"
    res = load_file(_csv(tmp_path / "contracts.csv", head + "C1,Acme Care Ltd,01/04/2022,31/03/2025,300000,100000\n"
                         + "C2,Gateley PLC,01/04/2023,31/03/2024,50000,50000\n"), db=db, kind="contracts")
    assert res.rows_loaded == 2
    assert q(db, "SELECT reference, value FROM contracts ORDER BY 1") == [("C1", Decimal("300000.00")), ("C2", Decimal("50000.00"))]
    assert not any("year's value" in w for w in res.warnings)
