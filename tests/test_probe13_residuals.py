"""Spend-file columns a seventh probe (card, ledger and council layouts) read as the wrong field, each
written here and loaded as a person would load it:

- "Supplier Type" (Company, Sole Trader, Charity; or SME and Large) and "Payment Type" (BACS, Cheque)
  were taken for the spend's category, so the category charts would show firms' kinds or payment
  methods; when the file also had an "Expense Type" written the same on every line, the supplier's
  type won it;
- "Unit Price", a column of sums in pounds and pence, was taken for the department ("unit").

Each is now listed as not used, and the category and department come from the columns that name them.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file

SUPPLIERS = ["Acme Stationery Ltd", "Blackpool Motors Limited", "Preston Cleaning Services", "Wyre IT Ltd"]


def _used(res) -> dict[str, str]:
    """field -> the header it was read from (the file's one sheet)."""
    (cols,) = res.columns.values()
    return {f: c["column"] for f, c in cols.items()}


def _unused(res) -> list[str]:
    (cols,) = res.columns_unused.values()
    return cols


def _lines(n: int, cells) -> str:
    return "".join(",".join(cells(i)) + "\n" for i in range(n))


@pytest.mark.parametrize("header, kinds", [
    ("Supplier Type", ["Company", "Sole Trader", "Charity"]),
    ("Vendor Category", ["SME", "Large"]),
    ("Payment Type", ["BACS", "Cheque", "CHAPS"]),
])
def test_who_was_paid_or_how_is_not_what_was_bought(tmp_path, db, header, kinds):
    body = _lines(24, lambda i: [f"{1 + i:02d}/04/2024", SUPPLIERS[i % 4], kinds[i % len(kinds)], f"{100 + i}.50"])
    res = load_file(_csv(tmp_path / "spend.csv", f"Date,Supplier,{header},Amount\n" + body), db=db)
    assert (res.rows_read, res.rows_loaded) == (24, 24)
    assert "category" not in _used(res) and header in _unused(res)
    assert q(db, "SELECT count(*) FROM transactions WHERE category IS NOT NULL") == [(0,)]


def test_the_expense_type_is_the_category_beside_the_suppliers_type(tmp_path, db):
    """Even when every line of the month was spent under one expense type (a column written the
    same on every line counts for less than one whose words vary)."""
    body = _lines(24, lambda i: [f"{1 + i:02d}/04/2024", SUPPLIERS[i % 4], ["SME", "Large"][i % 2], "Fuel", f"{100 + i}.00"])
    res = load_file(_csv(tmp_path / "spend.csv", "Date,Supplier,Supplier Type,Expense Type,Amount\n" + body), db=db)
    assert _used(res)["category"] == "Expense Type" and "Supplier Type" in _unused(res)
    assert q(db, "SELECT DISTINCT category FROM transactions") == [("Fuel",)]


def test_a_cards_merchant_category_is_still_its_category(tmp_path, db):
    body = _lines(24, lambda i: [f"{1 + i:02d}/04/2024", SUPPLIERS[i % 4], ["5943 Stationery", "5541 Fuel"][i % 2],
                                 f"{20 + i}.99", "J Smith"])
    res = load_file(_csv(tmp_path / "card.csv", "Transaction Date,Merchant Name,Merchant Category,Amount,Cardholder Name\n"
                         + body), db=db)
    assert _used(res)["category"] == "Merchant Category" and _used(res)["supplier_name"] == "Merchant Name"
    assert "Cardholder Name" in _unused(res)


def test_a_unit_price_is_no_department(tmp_path, db):
    body = _lines(24, lambda i: [SUPPLIERS[i % 4], f"{1 + i:02d}/04/2024", "2", f"{150 + i}.25", f"{300 + 2 * i}.50"])
    res = load_file(_csv(tmp_path / "lines.csv", "Supplier,Date,Quantity,Unit Price,Value\n" + body), db=db)
    assert _used(res)["amount"] == "Value" and "department" not in _used(res)
    assert {"Quantity", "Unit Price"} <= set(_unused(res))
    assert res.amount_loaded == sum(Decimal(f"{300 + 2 * i}.50") for i in range(24))


def test_a_business_unit_of_numbers_is_still_the_department(tmp_path, db):
    """Whole numbers under a department's header are its codes (a cost centre 10234), kept."""
    body = _lines(24, lambda i: [SUPPLIERS[i % 4], f"{1 + i:02d}/04/2024", str(10230 + i % 3), f"{300 + i}.00"])
    res = load_file(_csv(tmp_path / "units.csv", "Supplier,Date,Business Unit,Amount\n" + body), db=db)
    assert _used(res)["department"] == "Business Unit"
    assert q(db, "SELECT count(DISTINCT department) FROM transactions") == [(3,)]


def _titled(tmp_path, title: str):
    body = _lines(12, lambda i: [SUPPLIERS[i % 4], f"{500 + i}.00", "Operations"])
    return _csv(tmp_path / "payments.csv", f"{title}\n\nSupplier,Amount,Department\n" + body)


@pytest.mark.parametrize("title, start, said", [
    ("Payments over £500 for April 2024", "2024-04-01", "April 2024"),
    ("Expenditure over £500 - Q1 2024/25", "2024-04-01", "April to June 2024"),
])
def test_the_month_a_title_names_dates_lines_that_have_no_date(tmp_path, db, title, start, said):
    """No date column, and none given by the person or the file's name: the month (or quarter) the
    title above the header names dates the lines, as the file's name would, and the load says so."""
    res = load_file(_titled(tmp_path, title), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (12, 12, 0)
    assert q(db, "SELECT DISTINCT period_start::VARCHAR, payment_date FROM transactions") == [(start, None)]
    assert any(f"dated {said}, which the title above the header names" in n for n in res.warnings)


def test_the_month_a_report_was_run_in_dates_nothing(tmp_path, db):
    from lib.ingest.load import NeedsMapping

    with pytest.raises(NeedsMapping, match="no column found for payment date"):
        load_file(_titled(tmp_path, "Creditor payments report, run 12 November 2024"), db=db)
    assert q(db, "SELECT count(*) FROM transactions") == [(0,)]


def test_the_preview_shows_the_month_a_line_is_stored_under(tmp_path, db):
    """The Upload page's first rows: a line with no day shows the month it will be stored under."""
    import datetime as dt

    from lib.ingest.load import preview_file

    res, rows, _ = preview_file(_titled(tmp_path, "Payments over £500 for April 2024"), db=db)
    assert res.rows_loaded == 12 and rows["payment_date"].isna().all()
    assert {d.date() for d in rows["month"]} == {dt.date(2024, 4, 1)}


def test_month_sheets_with_no_date_column_are_dated_each_by_its_own_title_or_name(tmp_path, db):
    """A workbook a sheet a month, no date on the lines: each sheet's lines are its own month's, from
    the title above its header, else the sheet's name; a sheet that names no month is not read."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = [("Apr 24", None), ("May 2024", None), ("Sheet3", "Payments over £500 - June 2024"), ("Notes", None)]
    for k, (name, title) in enumerate(sheets):
        ws = wb.create_sheet(name)
        if title:
            ws.append([title])
            ws.append([])
        ws.append(["Supplier", "Amount"])
        for i in range(6 if name != "Notes" else 2):
            ws.append([SUPPLIERS[i % 4], 100 * (k + 1) + i])
    path = tmp_path / "months.xlsx"
    wb.save(path)
    res = load_file(path, db=db)
    assert res.rows_loaded == 18
    assert q(db, "SELECT sheet, period_start::VARCHAR, count(*) FROM transactions GROUP BY ALL ORDER BY 2") == [
        ("Apr 24", "2024-04-01", 6), ("May 2024", "2024-05-01", 6), ("Sheet3", "2024-06-01", 6)]
    assert "Notes" in res.skipped_sheets
    notes = " ".join(res.warnings)
    assert "dated April 2024, which the sheet's name 'Apr 24' names" in notes
    assert "dated June 2024, which the title above the header names" in notes


def test_a_title_naming_a_span_of_months_dates_no_line_to_one_of_them(tmp_path, db):
    from lib.ingest.load import NeedsMapping

    with pytest.raises(NeedsMapping, match="no column found for payment date"):
        load_file(_titled(tmp_path, "Payments over £500, January to March 2024"), db=db)


def test_a_titled_sheet_with_no_dates_beside_a_dated_one_is_a_summary_of_it(tmp_path, db):
    """A month's lines with their dates, and a sheet summing them by supplier under the month's title:
    the summary is not more lines (they would count twice)."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    lines = wb.active
    lines.title = "Lines"
    lines.append(["Date", "Supplier", "Amount"])
    for i in range(8):
        lines.append([dt.datetime(2024, 4, 1 + i), SUPPLIERS[i % 4], 100 + i])
    summary = wb.create_sheet("By supplier")
    summary.append(["Spend by supplier, April 2024"])
    summary.append([])
    summary.append(["Supplier", "Amount"])
    for k, s in enumerate(SUPPLIERS):
        summary.append([s, 200 + 2 * k + 4])
    path = tmp_path / "april.xlsx"
    wb.save(path)
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (8, Decimal(sum(100 + i for i in range(8))))
    assert "By supplier" in res.skipped_sheets


@pytest.mark.parametrize("header", ["Amount (£000)", "Net Amount £'000", "Value (£k)"])
def test_sums_a_header_gives_in_thousands_are_read_as_thousands(tmp_path, db, header):
    """A ledger's "Amount (£000)": 1.5 is £1,500, exactly, as a register's "Value (£k)" is read; a
    cell past a pound under it (1.234 is £1,234) is no fraction of a penny."""
    body = "".join(f"0{1 + i}/04/2024,{SUPPLIERS[i]},{a}\n" for i, a in enumerate(["1.5", "1.234", "(0.75)", "12"]))
    res = load_file(_csv(tmp_path / "ledger.csv", f'Date,Supplier,"{header}"\n' + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert q(db, "SELECT amount FROM transactions ORDER BY row_number") == [
        (Decimal("1500.00"),), (Decimal("1234.00"),), (Decimal("-750.00"),), (Decimal("12000.00"),)]
    assert any("in thousands of pounds: read times 1,000" in n for n in res.warnings)


def test_a_pound_sign_alone_gives_no_scale(tmp_path, db):
    res = load_file(_csv(tmp_path / "ledger.csv", "Date,Supplier,Amount (£)\n01/04/2024,Acme Ltd,1.50\n"), db=db)
    assert res.amount_loaded == Decimal("1.50") and not any("thousands" in n for n in res.warnings)


@pytest.mark.parametrize("option_end", ["Max End Date (incl. extensions)", "End Date (including extensions)",
                                        "End Date (if extended)"])
def test_an_end_an_option_could_reach_said_in_brackets_is_not_the_end(tmp_path, db, option_end):
    """"Contract End" beside "Max End Date (incl. extensions)": the end is the contract's own, not the
    furthest its options could take it (the brackets say which end it is, and are read)."""
    from test_probe12_residuals import _contracts

    res, ends = _contracts(tmp_path, db, ["Contract Ref", "Awarded Supplier(s)", "Contract Start", "Contract End",
                                          option_end, "Total Value (£k)"], [
        ["C-1", "Chorley Tyres Ltd", "01/04/2023", "31/03/2025", "31/03/2026", "250"],
        ["C-2", "Acme Stationery Ltd", "01/01/2024", "31/12/2024", "31/12/2025", "45.5"]])
    assert res.as_json()["columns"]["end_date"]["column"] == "Contract End"
    assert option_end in res.columns_unused["(csv)"]
    assert ends == {"C-1": "2025-03-31", "C-2": "2024-12-31"}
    assert q(db, "SELECT reference, value FROM contracts_current ORDER BY 1") == [
        ("C-1", Decimal("250000.00")), ("C-2", Decimal("45500.00"))]


def test_the_end_with_the_options_alone_is_still_the_end(tmp_path, db):
    from test_probe12_residuals import _contracts

    res, ends = _contracts(tmp_path, db, ["Ref", "Supplier", "Start Date", "Max End Date (incl. extensions)"], [
        ["C-1", "Chorley Tyres Ltd", "01/04/2023", "31/03/2026"], ["C-2", "Acme Ltd", "01/01/2024", "31/12/2025"]])
    assert ends == {"C-1": "2026-03-31", "C-2": "2025-12-31"}
