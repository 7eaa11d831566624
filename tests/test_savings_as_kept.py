"""Savings registers as procurement teams keep them (a probe of trackers the project had not seen):

- "Total delivered" under the savings loaded as one more saving of the whole sum, doubling the year
  (m154: the words of a saving made close a total's label, as spend's words do).
- A tracker naming each saving by its "Contract", beside its "Supplier", asked which was the project.
- A heading merged down over a two-line header read twice ("Route Route").
"""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file


def test_total_labels_of_savings(db):
    labels = ["Total delivered", "Total Delivered Savings", "Total (achieved)", "TOTAL SAVINGS", "Total Gas & Power Ltd",
              "Total cashable"]
    assert q(db, "SELECT list_transform(?::VARCHAR[], lambda s: is_total_label(s))", [labels]) == [
        ([True, True, True, True, False, True],)]


def test_a_trackers_total_delivered_is_no_saving(tmp_path, db):
    text = ("Savings log 2023/24\n\nProject,Financial Year,Saving Type,Saving (£),Status\n"
            "Fleet tyres,2023/24,Cashable,\"12,500.00\",Delivered\nCustody meals,2023/24,Cost avoidance,4250,Delivered\n"
            "Body armour,2023/24,Cashable,9000,Forecast\n\nTotal delivered,,,\"16,750.00\",\n")
    res = load_file(written(tmp_path / "savings.csv", text), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_total_lines) == (2, 1)
    assert q(db, "SELECT sum(amount) FROM savings") == [(Decimal("16750.00"),)]


def test_a_savings_contract_beside_its_supplier_is_the_project(tmp_path, db):
    text = ("Contract,Supplier,Saving Type,Status,2023/24 (£),2024/25 (£)\n"
            "Fleet vehicle leasing,Brookfield Fleet Ltd,Cashable,Delivered,£12.5k,£14k\n"
            "Custody meals,Hartley Catering Services,Cost avoidance,Delivered,\"£8,400\",\"£9,150\"\n")
    res = load_file(written(tmp_path / "savings_by_year.csv", text), db=db, kind="savings")
    assert res.as_json()["columns"]["project"]["column"] == "Contract"
    assert q(db, "SELECT project, fy, amount FROM savings ORDER BY project, fy") == [
        ("Custody meals", "2023/24", Decimal("8400.00")), ("Custody meals", "2024/25", Decimal("9150.00")),
        ("Fleet vehicle leasing", "2023/24", Decimal("12500.00")), ("Fleet vehicle leasing", "2024/25", Decimal("14000.00"))]


def test_a_heading_merged_down_a_two_line_header_reads_once(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Project", "Financial Year", "Savings (£)", None, "Route"])
    ws.append([None, None, "Cashable", "Non-cashable / cost avoidance", None])
    ws.append(["Fleet tyres", "2024/25", 12000, 3000, "Framework"])
    ws.append(["Custody meals", "2024/25", None, 4000, "Direct award"])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "savings.xlsx")
    res = load_file(tmp_path / "savings.xlsx", db=db, kind="savings")
    assert "Route" in res.as_json()["columns_unused"]
    assert q(db, "SELECT project, saving_type, amount FROM savings ORDER BY project, saving_type") == [
        ("Custody meals", "Non-cashable", Decimal("4000.00")), ("Fleet tyres", "Cashable", Decimal("12000.00")),
        ("Fleet tyres", "Non-cashable", Decimal("3000.00"))]
