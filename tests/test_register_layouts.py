"""Registers as public bodies publish them, loaded with no hand mapping: the contracts register of
the Local Government Transparency Code, Contracts Finder's award notices, a force's own register with
its social value weighting, and councils' supplier lists. Each heading row is the one the publisher's
file (or its own account of the columns) has; the rows are made up here. Each loads every row, each
field from the column expected, and every other column is listed as not used.
"""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import load_file

D = Decimal
FIRMS = ["Acme Ltd", "Bolton Fleet Services Ltd", "Lancaster University", "Capita Business Services Ltd", "BT plc",
         "Fylde Coast YMCA"]


def _write(path, head, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)
    return path


def _fields(res) -> dict:
    return {k: v["column"] for k, v in res.as_json()["columns"].items()}


def test_a_contracts_finder_export_loads_its_notice_identifier_as_the_reference(tmp_path, db):
    """Contracts Finder's award notices: the reference is the "Notice Identifier"; its "SME", "VCSE"
    and "Is sub-contract" columns hold yes and no, flags, which are no reference however short their
    cells (they were, and the file asked which of them was the contract's reference)."""
    head = ["Notice Identifier", "Title", "Description", "Awarded Supplier", "Supplier Address", "Awarded Value",
            "Awarded Date", "Start Date", "End Date", "Procedure Type", "Is sub-contract", "SME", "VCSE"]
    rows = [[f"tender_{5000 + i}/{1 + i % 3}", f"Supply of service {i}", "Services as described", FIRMS[i % 6],
             "1 High Street, Preston PR1 1AA", str((i + 1) * 9000), f"2023-{1 + i % 9:02d}-01",
             f"2023-{1 + i % 9:02d}-15", f"2026-{1 + i % 9:02d}-14", ["Open", "Restricted", "Call-off from a framework"][i % 3],
             "No", "Yes" if i % 3 else "No", "Yes" if i % 6 == 5 else "No"] for i in range(20)]
    res = load_file(_write(tmp_path / "contracts_finder.csv", head, rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (20, 0), res.problems[:3]
    assert _fields(res) == {"reference": "Notice Identifier", "title": "Title", "supplier_name": "Awarded Supplier",
                            "value": "Awarded Value", "start_date": "Start Date", "end_date": "End Date",
                            "route": "Procedure Type"}
    assert q(db, "SELECT sum(value), min(start_date) FROM contracts") == [(D(sum((i + 1) * 9000 for i in range(20))),
                                                                          dt.date(2023, 1, 15))]


def test_the_transparency_code_contracts_register_loads_with_its_own_headings(tmp_path, db):
    """The Local Government Transparency Code's contracts register, in its own words ("Title of
    Agreement", "Sum to be paid over the length of the contract", "Procurement process")."""
    head = ["Reference Number", "Title of Agreement", "Department", "Responsible Officer",
            "Description of the goods and/or services", "Supplier Name", "Supplier Registered Company Number",
            "Supplier Registered Charity Number", "VAT Registration Number",
            "Sum to be paid over the length of the contract", "Start Date", "End Date", "Review Date",
            "Procurement process", "SME", "VCSE"]
    rows = [[f"CR{1000 + i}", f"Supply of things {i}", "Estates", "J Bloggs", "Goods", FIRMS[i % 6], f"0{1234567 + i}", "",
             f"GB{123456789 + i}", f"£{(i + 1) * 12345:,.2f}", f"01/04/202{i % 4}", f"31/03/202{i % 4 + 3}", "",
             "Open tender" if i % 2 else "Framework call-off (ESPO)", "Yes" if i % 3 else "No", "No"] for i in range(20)]
    res = load_file(_write(tmp_path / "register.csv", head, rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (20, 0), res.problems[:3]
    assert _fields(res) == {"reference": "Reference Number", "title": "Title of Agreement", "supplier_name": "Supplier Name",
                            "value": "Sum to be paid over the length of the contract", "start_date": "Start Date",
                            "end_date": "End Date", "route": "Procurement process"}
    assert q(db, "SELECT sum(value) FROM contracts") == [(D(sum((i + 1) * 12345 for i in range(20))),)]


def test_a_force_register_uses_its_social_value_weighting_and_collaborative_flag(tmp_path, db):
    head = ["Contract ID", "Contract Title", "Supplier", "Contract Start", "Contract Expiry",
            "Estimated Annual Value (£)", "Total Contract Value (£)", "Route to Market", "Collaborative (Y/N)",
            "Social Value Weighting (% of quality)"]
    rows = [[f"LC-{i:04d}", f"Thing {i}", FIRMS[i % 6], f"{1 + i % 28:02d}/04/2022", f"{1 + i % 28:02d}/03/2025",
             f"{(i + 1) * 1000:.2f}", f"{(i + 1) * 3000:.2f}", "Crown Commercial Service" if i % 2 else "Own tender",
             "Y" if i % 2 else "N", f"{10 + i % 5}%"] for i in range(20)]
    res = load_file(_write(tmp_path / "force.csv", head, rows), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined) == (20, 0), res.problems[:3]
    fields = _fields(res)
    assert (fields["reference"], fields["value"], fields["collaborative"], fields["social_value_pct"]) == (
        "Contract ID", "Total Contract Value (£)", "Collaborative (Y/N)", "Social Value Weighting (% of quality)")
    assert res.as_json()["columns_unused"] == ["Estimated Annual Value (£)"]
    assert q(db, "SELECT count(*) FILTER (WHERE collaborative), sum(social_value_pct) FROM contracts") == [
        (10, D(sum(10 + i % 5 for i in range(20))))]


@pytest.mark.parametrize("head,row,expect", [
    (["Supplier Number", "Supplier Name", "Address Line 1", "Town", "Postcode", "Company Registration Number",
      "Charity Number", "VAT Number"],
     lambda i: [f"V{1000 + i}", f"{FIRMS[i % 6]} {i}", f"{i} High St", "Preston", ["PR1 2HE", "BB1 1AA", "LA1 4YW"][i % 3],
                f"0{1234567 + i}", "1100000" if i % 6 == 5 else "", f"GB{123456789 + i}"],
     {"supplier_id": "Supplier Number", "name": "Supplier Name", "postcode": "Postcode",
      "company_number": "Company Registration Number", "charity_number": "Charity Number", "vat_number": "VAT Number"}),
    (["Vendor ID", "Vendor Name", "Post Code", "No. of Employees", "Annual Turnover (£)", "Organisation Type"],
     lambda i: [str(500 + i), f"{FIRMS[i % 6]} {i}", ["PR1 2HE", "BB1 1AA", "LA1 4YW"][i % 3], str(5 + i * 3),
                f"{(i + 1) * 150000:,}", "Charity" if i % 6 == 5 else "Private company"],
     {"supplier_id": "Vendor ID", "name": "Vendor Name", "postcode": "Post Code", "employees": "No. of Employees",
      "turnover": "Annual Turnover (£)", "vcse_type": "Organisation Type"}),
], ids=["council_supplier_list", "vendor_master"])
def test_supplier_lists_load_with_no_mapping(tmp_path, db, head, row, expect):
    res = load_file(_write(tmp_path / "suppliers.csv", head, [row(i) for i in range(20)]), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (20, 0), res.problems[:3]
    got = _fields(res)
    assert {f: got.get(f) for f in expect} == expect


# ---- a register's own SME and VCSE answers ----------------------------------------------------

def test_a_registers_sme_and_vcse_columns_are_its_answers_and_move_the_sme_share(tmp_path, db):
    """A supplier list saying outright "SME (Y/N)" and "VCSE" (no staff numbers, no turnover): each
    is kept as the register's answer, used where staff have not answered, and the SME and VCSE shares
    of spend follow it. The column was dropped before, as not used, and every such supplier was
    "not known"."""
    from lib import store, suppliers as sup
    from lib.scorecard import spend

    head = ["Supplier Number", "Supplier Name", "Postcode", "SME (Y/N)", "VCSE Type", "VCSE"]
    rows = [["V1", "Acme Ltd", "PR1 2HE", "Y", "", "N"],
            ["V2", "Bolton Fleet Services Ltd", "BL1 1AA", "N", "", "No"],
            ["V3", "Fylde Coast YMCA", "FY1 1AA", "yes", "Charity", "Yes"],
            ["V4", "Preston Legal LLP", "PR1 3AA", "", "", ""]]
    res = load_file(_write(tmp_path / "suppliers.csv", head, rows), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0), res.problems[:3]
    assert {f: v["column"] for f, v in res.as_json()["columns"].items() if f in ("is_sme", "is_vcse", "vcse_type")} == {
        "is_sme": "SME (Y/N)", "is_vcse": "VCSE", "vcse_type": "VCSE Type"}
    assert q(db, "SELECT supplier_id, is_sme, is_vcse FROM supplier_register ORDER BY row_number") == [
        ("V1", True, False), ("V2", False, False), ("V3", True, True), ("V4", None, None)]
    assert {r: (pa, eu, v) for r, pa, eu, v in q(db, "SELECT supplier_ref, sme_pa2023, sme_eu, is_vcse FROM supplier_facts")} == {
        "ID:V1": (True, True, False), "ID:V2": (False, False, False), "ID:V3": (True, True, True),
        "ID:V4": (None, None, False)}

    spend_file = _write(tmp_path / "spend.csv", ["Supplier Name", "Supplier ID", "Date", "Amount"],
                        [["Acme Ltd", "V1", "01/05/2023", "100.00"], ["Bolton Fleet Services Ltd", "V2", "02/05/2023", "300.00"],
                         ["Fylde Coast YMCA", "V3", "03/05/2023", "50.00"], ["Preston Legal LLP", "V4", "04/05/2023", "50.00"]])
    assert load_file(spend_file, db=db).rows_loaded == 4
    with store.hold(db):
        cur = store.cursor(db)
        m = spend.sme_pct(cur, "2023/24")
        assert (m["numerator"], m["denominator"], m["not_known"]) == (D("150.00"), D("500.00"), D("50.00"))
        assert spend.vcse_pct(cur, "2023/24")["numerator"] == D("50.00")
    # a staff answer stands over the register's
    sup.save_edits([{"supplier_ref": "ID:V2", "name": "Bolton Fleet Services Ltd", "field": "is_sme", "old_value": "no",
                     "new_value": "yes"}], edited_by="Sam", db=db)
    with store.hold(db):
        assert spend.sme_pct(store.cursor(db), "2023/24")["numerator"] == D("450.00")


@pytest.mark.parametrize("said,kind", [("Cashable", "Cashable"), ("Non-Cashable", "Non-cashable"),
                                       ("cash releasing", "Cashable"), ("Cashable efficiency", "Cashable"),
                                       ("cost avoidance", "Non-cashable"), ("Efficiency (non-cash)", "Non-cashable"),
                                       ("Productivity", "Non-cashable"), ("Y", "Cashable"), ("N", "Non-cashable"),
                                       ("", None)])
def test_a_savings_register_says_cashable_or_not_in_its_own_words(tmp_path, db, said, kind):
    """The public sector's two kinds of saving: cashable (cash-releasing) and non-cashable (cost
    avoidance, efficiency, productivity), however the register words them; nothing said stays unsaid."""
    head = ["Initiative", "FY", "Type of saving", "Annual saving"]
    res = load_file(_write(tmp_path / "savings.csv", head, [["Fleet tyres", "23/24", said, "£1,250.50"]]), db=db,
                    kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (1, 0), res.problems[:3]
    assert q(db, "SELECT fy, saving_type, amount FROM savings") == [("2023/24", kind, D("1250.50"))]
