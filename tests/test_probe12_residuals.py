"""Spend-file shapes a sixth probe left misread, each written here and loaded as a person would load it:

- cells written ="03/04/2024" (text kept as it stands when the file is opened in Excel) were not read
  as dates, so the file was refused for want of a payment date;
- a ledger's "Balance brought forward" line, with no supplier, was loaded as a payment (m117);
- a column of invoice numbers (INV10001, ...) under "Invoice Number" was taken for the supplier's
  name when no column named one, and every line stored under a number.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file
from lib.ingest.load import NeedsMapping


@pytest.mark.parametrize("lines", [3, 7000])  # a short file, and one long enough for the one-pass load to be tried
def test_cells_written_for_excel_as_text_are_the_text_inside(tmp_path, db, lines):
    rows = "".join(f'="{1 + i % 28:02d}/04/2024",Acme Ltd,="{100 + i}",10.00\n' for i in range(lines))
    res = load_file(_csv(tmp_path / "excel_text.csv", "Payment Date,Supplier Name,Transaction No,Amount\n" + rows), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (lines, lines, 0)
    assert res.amount_loaded == Decimal("10.00") * lines
    assert q(db, "SELECT min(payment_date)::VARCHAR, max(payment_date)::VARCHAR, min(transaction_ref) FROM transactions") == [
        ("2024-04-01", "2024-04-28" if lines > 28 else "2024-04-03", "100")]


def test_a_ledgers_balances_brought_and_carried_forward_are_not_payments(tmp_path, db):
    res = load_file(_csv(tmp_path / "ledger.csv", "Date,Supplier,Description,Amount\n"
                         "01/04/2024,,Balance brought forward,84210.55\n"
                         "03/04/2024,Acme Ltd,Repairs,1000.00\n"
                         "09/04/2024,Opening Balance Ltd,Parts,500.00\n"
                         "12/04/2024,Balance b/f,,12.00\n"
                         "30/04/2024,,Balance carried forward,85710.55\n"), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (5, 2, 0, 3)
    assert res.amount_loaded == Decimal("1500.00")
    # a supplier whose name begins with the words is still a supplier
    assert q(db, "SELECT supplier_name FROM transactions ORDER BY row_number") == [("Acme Ltd",), ("Opening Balance Ltd",)]


def test_invoice_numbers_are_not_taken_for_the_suppliers_names(tmp_path, db):
    rows = "".join(f"{1 + i:02d}/04/2024,INV{10001 + 37 * i},Repairs,{500 + 10 * i}.00\n" for i in range(20))
    with pytest.raises(NeedsMapping, match="no column found for supplier name"):
        load_file(_csv(tmp_path / "invoices.csv", "Payment Date,Invoice Number,Description,Net Amount\n" + rows), db=db)
    assert q(db, "SELECT count(*) FROM transactions") == [(0,)]


def test_a_suppliers_name_on_a_row_of_its_own_over_its_lines(tmp_path, db):
    """A report's layout: the supplier's name on a row by itself, its lines under it with the
    supplier's cell blank, and a "Supplier total" row (labelled under the invoice numbers) after
    them. Each line is the supplier's above it; the subtotals are totals, not lines, and their
    dates are not filled in from the line above."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [("Supplier", "Payment Date", "Invoice No", "Amount"), ("Acme Ltd", None, None, None),
                (None, dt.datetime(2024, 4, 3), "INV1", 1000), (None, dt.datetime(2024, 4, 5), "INV2", 500),
                (None, None, "Supplier total", 1500), ("Bolt Ltd", None, None, None),
                (None, dt.datetime(2024, 4, 9), "INV3", 250), (None, None, "Supplier total", 250)]:
        ws.append(row)
    wb.save(tmp_path / "headed.xlsx")
    res = load_file(tmp_path / "headed.xlsx", db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (7, 3, 0, 4)
    assert res.amount_loaded == Decimal("1750.00")
    assert q(db, "SELECT supplier_name, amount, is_redacted FROM transactions ORDER BY row_number") == [
        ("Acme Ltd", Decimal("1000.00"), False), ("Acme Ltd", Decimal("500.00"), False), ("Bolt Ltd", Decimal("250.00"), False)]
    assert any("written once over the lines it heads" in w for w in res.warnings)
    assert not any("payment date" in w for w in res.warnings)


def _contracts(tmp_path, db, head, rows):
    from test_register_layouts import _write

    res = load_file(_write(tmp_path / "c.csv", head, rows), db=db, kind="contracts")
    ends = dict(q(db, "SELECT reference, end_date::VARCHAR FROM contracts_current"))
    return res, ends


def test_the_end_a_register_says_now_extended_revised_or_ended_early(tmp_path, db):
    """A column beside the end as let saying what changed it is the end where it is written; blank, the
    end as let stands. An end brought forward and an extension are two columns, both read: an early
    end, where written, is the end (a contract ended is not extended after). An end an option could
    reach ("Extension End Date") is not the end."""
    head = ["Contract Ref", "Supplier", "Start Date", "End Date", "Extended End Date", "Early Termination Date"]
    res, ends = _contracts(tmp_path, db, head, [
        ["E-1", "Preston Print Ltd", "01/04/2022", "31/03/2024", "31/03/2025", ""],
        ["E-2", "Guard Co Ltd", "01/04/2023", "31/03/2026", "", "30/06/2024"],
        ["E-3", "Plain Ltd", "01/04/2023", "31/03/2026", "", ""],
        ["E-4", "Armour Ltd", "01/09/2022", "31/08/2024", "31/08/2026", "31/12/2025"]])
    cols = {k: v["column"] for k, v in res.as_json()["columns"].items()}
    assert (cols["end_date"], cols["end_now"], cols["end_early"]) == (
        "End Date", "Extended End Date", "Early Termination Date")
    assert not any(res.columns_unused.values())
    assert ends == {"E-1": "2025-03-31", "E-2": "2024-06-30", "E-3": "2026-03-31", "E-4": "2025-12-31"}


def test_an_end_revised_then_cancelled_and_what_is_no_end(tmp_path, db):
    """"Original End Date" | "Revised End Date" | "Date Terminated": the end as let, as revised, as
    ended; "Cancelled On" is an early end. A notice period and a break clause's date are no end: not used."""
    res, ends = _contracts(tmp_path, db, ["Ref", "Supplier", "Start Date", "Original End Date", "Revised End Date",
                                          "Date Terminated"], [
        ["V-1", "Acme Ltd", "01/04/2022", "31/03/2025", "31/03/2026", "30/09/2025"],
        ["V-2", "Bolt Ltd", "01/04/2023", "31/03/2026", "31/03/2027", ""],
        ["V-3", "Cog Ltd", "01/04/2023", "31/03/2026", "", ""]])
    assert ends == {"V-1": "2025-09-30", "V-2": "2027-03-31", "V-3": "2026-03-31"}
    res, ends = _contracts(tmp_path, db, ["Ref", "Supplier", "Start Date", "End Date", "Cancelled On"], [
        ["D-1", "Acme Ltd", "01/04/2022", "31/03/2025", "15/01/2024"], ["D-2", "Bolt Ltd", "01/04/2023", "31/03/2026", ""]])
    assert {k: ends[k] for k in ("D-1", "D-2")} == {"D-1": "2024-01-15", "D-2": "2026-03-31"}
    # "Termination Date" beside a "Commencement Date" is the end as let, not an early end
    res, ends = _contracts(tmp_path, db, ["Contract Ref", "Supplier", "Commencement Date", "Termination Date"], [
        ["M-1", "Acme Ltd", "01/04/2023", "31/03/2025"], ["M-2", "Bolt Ltd", "01/04/2023", "31/03/2026"]])
    assert res.as_json()["columns"]["end_date"]["column"] == "Termination Date"
    assert "end_early" not in res.as_json()["columns"]
    assert {k: ends[k] for k in ("M-1", "M-2")} == {"M-1": "2025-03-31", "M-2": "2026-03-31"}
    res, ends = _contracts(tmp_path, db, ["Ref", "Supplier", "Start Date", "End Date", "Termination Notice Period",
                                          "Break Clause Date"], [
        ["B-1", "Acme Ltd", "01/04/2022", "31/03/2025", "3 months", "31/03/2024"],
        ["B-2", "Bolt Ltd", "01/04/2023", "31/03/2026", "6 months", ""],
        ["B-3", "Cog Ltd", "01/04/2023", "31/03/2027", "1 month", "31/03/2025"]])
    assert {k: ends[k] for k in ("B-1", "B-2", "B-3")} == {"B-1": "2025-03-31", "B-2": "2026-03-31", "B-3": "2027-03-31"}
    assert res.columns_unused == {"(csv)": ["Termination Notice Period", "Break Clause Date"]}


def test_an_early_termination_column_alone_and_a_revised_end(tmp_path, db):
    res, ends = _contracts(tmp_path, db, ["Contract Ref", "Supplier", "Start Date", "End Date", "Early Termination Date"], [
        ["T-1", "Guard Co Ltd", "01/04/2023", "31/03/2026", "30/06/2024"], ["T-2", "Plain Ltd", "01/04/2023", "31/03/2026", ""]])
    assert ends == {"T-1": "2024-06-30", "T-2": "2026-03-31"}
    res, ends = _contracts(tmp_path, db, ["Ref", "Supplier", "Start", "Contract End Date", "Revised End Date"], [
        ["R-1", "Acme Ltd", "01/04/2021", "31/03/2023", "30/09/2025"], ["R-2", "Bolt Ltd", "01/04/2021", "31/03/2026", ""]])
    assert ends["R-1"] == "2025-09-30" and ends["R-2"] == "2026-03-31"


def test_an_extension_an_option_could_reach_is_not_the_end(tmp_path, db):
    res, ends = _contracts(tmp_path, db, ["Ref", "Supplier", "Start Date", "End Date", "Extension End Date"], [
        ["O-1", "Acme Ltd", "01/04/2022", "31/03/2024", "31/03/2026"]])
    assert ends == {"O-1": "2024-03-31"}
    assert "end_now" not in res.as_json()["columns"]


def test_an_end_changed_in_its_own_cell(tmp_path, db):
    res, ends = _contracts(tmp_path, db, ["Contract No.", "Supplier", "Start Date", "End Date"], [
        ["PC-02", "Valet Pro Ltd", "01/04/2021", "31/03/2024 - extended to 31/03/2025"],
        ["PC-03", "Guard Co Ltd", "01/04/2023", "31/03/2026 (terminated early on 30/06/2024)"],
        ["PC-04", "Print Ltd", "01/04/2023", "31/03/2024 - revised: 30 September 2024"],
        ["PC-05", "Plain Ltd", "01/04/2023", "31/03/2026"]])
    assert ends == {"PC-02": "2025-03-31", "PC-03": "2024-06-30", "PC-04": "2024-09-30", "PC-05": "2026-03-31"}


def test_weightings_exported_as_fractions_are_percentages(tmp_path, db):
    from test_register_layouts import _write

    head = ["Ref", "Supplier", "Start Date", "End Date", "Quality Weighting", "Social Value Weighting"]
    res = load_file(_write(tmp_path / "c.csv", head, [
        ["SV-1", "Weighting One Ltd", "01/06/2024", "31/05/2026", "0.6", "0.1"],
        ["SV-2", "Weighting Two Ltd", "01/06/2024", "31/05/2026", "0.5", "0.025"]]), db=db, kind="contracts")
    assert dict(q(db, "SELECT reference, [quality_pct, social_value_pct]::VARCHAR FROM contracts_current")) == {
        "SV-1": "[60.00, 10.00]", "SV-2": "[50.00, 2.50]"}
    assert sum("holds fractions" in w for w in res.warnings) == 2
    # written as percentages, or with a sign, they are read as they stand
    res = load_file(_write(tmp_path / "c2.csv", head, [
        ["SV-3", "Three Ltd", "01/06/2024", "31/05/2026", "60", "10"], ["SV-4", "Four Ltd", "01/06/2024", "31/05/2026", "0.5%", "1"]]),
        db=db, kind="contracts")
    assert dict(q(db, "SELECT reference, [quality_pct, social_value_pct]::VARCHAR FROM contracts_current "
                      "WHERE reference IN ('SV-3', 'SV-4')")) == {"SV-3": "[60.00, 10.00]", "SV-4": "[0.50, 1.00]"}
    assert not any("fractions" in w for w in res.warnings)


def test_a_supplier_listed_twice_keeps_what_either_row_says(tmp_path, db):
    """A second, emptier row for the same firm (another account) no longer wipes out the postcode and
    the SME answer of the first; the register's "Extracted from ... on 02/04/2025" footnote is kept
    aside, not stored as a supplier. A newer register still replaces the older whole."""
    from test_register_layouts import _write

    res = load_file(_write(tmp_path / "s.csv", ["Supplier Name", "Postcode", "SME Status"], [
        ["Acme Cleaning Ltd", "PR1 2HE", "SME"], ["Bolt Ltd", "BB1 1AA", "Large"], ["ACME CLEANING LIMITED", "", ""],
        ["Extracted from Agresso by Finance Systems on 02/04/2025", "", ""]]), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_total_lines) == (3, 1)
    assert dict(q(db, "SELECT name, [postcode, is_sme::VARCHAR] FROM register_latest")) == {
        "ACME CLEANING LIMITED": ["PR1 2HE", "true"], "Bolt Ltd": ["BB1 1AA", "false"]}
    load_file(_write(tmp_path / "s2.csv", ["Supplier Name", "Postcode", "SME Status"], [
        ["Acme Cleaning Ltd", "", "SME"], ["Core Ltd", "PR2 5NA", "SME"]]), db=db, kind="suppliers")
    assert q(db, "SELECT postcode, is_sme FROM register_latest WHERE name = 'Acme Cleaning Ltd'") == [(None, True)]


def test_a_registers_first_record_of_words_alone_is_a_record(tmp_path, db):
    """The first record under the header with its postcode blank holds no digit, so it read as a
    second line of the header: the supplier was neither loaded nor counted as read."""
    from test_register_layouts import _write

    for name, first in (("a.csv", ["Acme Cleaning Ltd", "", "SME"]), ("b.csv", ["Preston Youth Trust", "", "Y"])):
        res = load_file(_write(tmp_path / name, ["Supplier Name", "Postcode", "SME Status"],
                               [first, ["Core Ltd", "PR2 5NA", "No"]]), db=db, kind="suppliers")
        assert (res.rows_read, res.rows_loaded) == (2, 2), name
    assert {r[0] for r in q(db, "SELECT name FROM register_latest")} >= {"Acme Cleaning Ltd", "Preston Youth Trust"}


def test_a_business_classification_of_sizes_is_the_sme_answer(tmp_path, db):
    """Oracle's "Business Classification": Small Business is an SME, Large Business is not, and a class
    that is no size (Minority Owned) or a blank leaves it unknown, with a note."""
    from test_register_layouts import _write

    res = load_file(_write(tmp_path / "s.csv", ["Supplier", "Supplier Number", "Business Classification", "Postal Code"], [
        ["Preston Print Ltd", "10001", "Small Business", "PR1 2HE"], ["National Supplies plc", "10006", "Large Business", "LS1 4AP"],
        ["Acme Ltd", "10007", "Minority Owned", "PR1 2HE"], ["Bolt Ltd", "10008", "", "PR1 2HE"],
        ["Core Ltd", "10009", "Medium Sized Business", "PR1 2HE"]]), db=db, kind="suppliers")
    assert res.as_json()["columns"]["is_sme"]["column"] == "Business Classification"
    assert dict(q(db, "SELECT name, is_sme FROM register_latest")) == {
        "Preston Print Ltd": True, "National Supplies plc": False, "Acme Ltd": None, "Bolt Ltd": None, "Core Ltd": True}
    assert any("Minority Owned" in w for w in res.warnings)


def test_savings_not_made_yet_are_set_aside_with_their_stage(tmp_path, db):
    from test_register_layouts import _write

    res = load_file(_write(tmp_path / "g.csv", ["Project", "Financial Year", "Stage", "Saving (£)"], [
        ["Custody meals re-tender", "2024/25", "Delivered", "10,000"], ["Fleet telematics", "2024/25", "Pipeline", "25,000"],
        ["Legal panel", "2024/25", "Withdrawn", "8,000"], ["Print", "2024/25", "At risk", "1,000"],
        ["Tyres", "2024/25", "Achieved", "2,000"]]), db=db, kind="savings")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (5, 2, 3)
    assert q(db, "SELECT sum(amount) FROM savings") == [(Decimal("12000.00"),)]
    assert q(db, "SELECT reason FROM quarantine ORDER BY row_number")[0] == (
        "stage 'Pipeline' is not a saving made: only savings delivered count",)


def test_a_bare_contract_column_beside_a_ref_is_the_title(tmp_path, db):
    """"Ref" | "Contract" ("Fuel cards"): the contract's title, not a column left unused; "Contract" of
    codes beside a "Description" is the reference; a contract's manager, type or status is no title."""
    res, _ = _contracts(tmp_path, db, ["Ref", "Contract", "Supplier", "Start", "End"], [
        ["X1", "Fuel cards", "Allstar Ltd", "01/04/2023", "31/03/2027"],
        ["X2", "Tyres", "Bush Tyres Ltd", "01/07/2022", "30/06/2025"],
        ["X3", "Legal services", "Weightmans LLP", "01/01/2024", "31/12/2025"]])
    cols = {k: v["column"] for k, v in res.as_json()["columns"].items()}
    assert (cols["reference"], cols["title"]) == ("Ref", "Contract")
    assert q(db, "SELECT title FROM contracts WHERE reference = 'X1'") == [("Fuel cards",)]
    res, _ = _contracts(tmp_path, db, ["Contract", "Description", "Supplier", "Start", "End"], [
        ["C-001", "Fleet parts", "Acme Ltd", "01/04/2023", "31/03/2025"],
        ["C-002", "Cleaning", "Bolt Ltd", "01/04/2023", "31/03/2026"],
        ["C-003", "Security", "Cog Ltd", "01/05/2023", "30/04/2026"]])
    cols = {k: v["column"] for k, v in res.as_json()["columns"].items()}
    assert (cols["reference"], cols["title"]) == ("Contract", "Description")
    res, _ = _contracts(tmp_path, db, ["Contract No", "Supplier", "Contract Manager", "Contract Type", "Contract Status",
                                       "Start Date", "End Date"], [
        ["K-001", "Acme Ltd", "J Smith", "Services", "Live", "01/04/2023", "31/03/2025"],
        ["K-002", "Bolt Ltd", "A Jones", "Goods", "Live", "01/04/2023", "31/03/2026"],
        ["K-003", "Cog Ltd", "P Patel", "Works", "Expired", "01/05/2023", "30/04/2026"]])
    assert "title" not in res.as_json()["columns"]
