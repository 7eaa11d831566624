"""A held-out round of savings trackers (8 sources chosen by the writer: a force's tracker, a regional
benefits register, a council's log, an NHS trust's cost improvement schedule, a university's report, a
fire authority's efficiency plan, a purchasing body's statement, a PCC's annual report appendix) loaded
2 of 8 exactly. Six now, and the other two differ only by savings of £0 stored as written. Read rightly:

- "Procurement activity" beside "Route" and "What was achieved": the project, not asked about;
- "YTD Actual £000" beside "YTD Plan", "YTD Variance", "Forecast Outturn", "FOT Variance": the saving;
- a summary by type under the schemes ("Cash Releasing" | 922.4), "Combined cashable and non-cashable",
  "Projected (not included above)": totals, not savings;
- "2022/23 Actual" | "2023/24 Actual" | "2024/25 Plan" over "Cashable £" | "Non-cashable £": one header
  of two lines, the plan's year not read;
- a total beside a forecast year's column, or over a span of years: no check of the years read (it
  quarantined every line).
"""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

SCHEMES = ["Custody healthcare contract", "Vehicle recovery and storage", "Mobile phone airtime", "Cleaning of buildings"]


def test_a_procurement_activity_beside_its_route_is_the_project(tmp_path, db):
    text = ("Procurement activity,Route,What was achieved,Cashable saving 2023/24 (£),Non-cashable saving 2023/24 (£)\n"
            + "".join(f"{s},Open tender,Lower annual price,{10000 + i},{'-' if i % 2 else 500 + i}\n" for i, s in enumerate(SCHEMES))
            + "Total,,,40006,1002\nCombined cashable and non-cashable 2023/24,,,41008,\n")
    res = load_file(written(tmp_path / "appendix-3-procurement-savings-2023-24.csv", text), db=db, kind="savings")
    assert res.as_json()["columns"]["project"]["column"] == "Procurement activity"
    assert q(db, "SELECT count(*), sum(amount) FROM savings") == [(6, Decimal("41008.00"))]


def test_a_cost_improvement_schedules_actual_is_the_saving_and_its_summary_by_type_no_saving(tmp_path, db):
    text = ("Scheme Ref,Scheme Name,Savings Type,Annual Plan £000,YTD Plan £000,YTD Actual £000,YTD Variance £000,"
            "Forecast Outturn £000,FOT Variance £000\n"
            + "".join(f"PRC-0{i},{s},Cash Releasing,180.0,135.0,{140 + i}.5,5.5,188.0,8.0\n" for i, s in enumerate(SCHEMES))
            + ",Total,,720,540,566.0,22.0,752,32\n,,,,,,,,\nCash Releasing,,,720,540,566.0,22.0,752,32\n")
    res = load_file(written(tmp_path / "CIP_2023-24_M09_Procurement.csv", text), db=db, kind="savings")
    assert res.as_json()["columns"]["amount"]["column"] == "YTD Actual £000"
    assert q(db, "SELECT count(*), sum(amount) FROM savings") == [(4, Decimal("568000.00"))]


def test_actual_years_over_their_types_are_read_and_the_plans_year_is_not(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Eastshire Fire and Rescue Authority - Efficiency Plan 2022/23 to 2024/25"])
    ws.append([])
    ws.append(["Ref", "Efficiency", "Collaboration / Route", "2022/23 Actual", None, "2023/24 Actual", None,
               "2024/25 Plan", None, "Total 2022/23 to 2024/25"])
    ws.append([None, None, None, "Cashable £", "Non-cashable £", "Cashable £", "Non-cashable £", "Cashable £",
               "Non-cashable £", "£"])
    for i, s in enumerate(SCHEMES):
        ws.append([f"P{i}", s, "NFCC framework", 1000 * (i + 1), 100, 2000, None, 3000, 300, 6400 + 1000 * i])
    path = tmp_path / "efficiency-plan-2022-25.xlsx"
    wb.save(path)
    load_file(path, db=db, kind="savings")
    assert q(db, "SELECT fy, lower(saving_type), sum(amount) FROM savings GROUP BY ALL ORDER BY ALL") == [
        ("2022/23", "cashable", Decimal("10000.00")), ("2022/23", "non-cashable", Decimal("400.00")),
        ("2023/24", "cashable", Decimal("8000.00"))]


def test_a_total_beside_a_forecast_years_column_checks_nothing(tmp_path, db):
    text = ("Ref,Project Title,Saving Type,2021/22,2022/23,2023/24,2024/25 (Forecast),Total Savings (£),Status\n"
            + "".join(f"PS-{i},{s},Cashable,100,200,300,400,1000,Realised\n" for i, s in enumerate(SCHEMES)))
    res = load_file(written(tmp_path / "savings-tracker-2023-24.csv", text), db=db, kind="savings")
    assert res.rows_quarantined == 0
    assert q(db, "SELECT count(*), sum(amount) FROM savings") == [(12, Decimal("2400.00"))]
