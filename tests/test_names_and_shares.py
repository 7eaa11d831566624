"""Payees' names as finance systems write them, and savings trackers, from publishers the project had
not seen (a probe of 16 files):

- No-break spaces at a name's ends and "&amp;" in a file copied from a web page made each firm two names,
  the second matching no register; so did an apostrophe an export put before every name of its column
  ("'Mears Ltd", "'Wolseley UK Ltd", ...): m164.
- A police ledger's payees with their codes in brackets after them ("SERCO LTD (200950)",
  "COMPUTACENTER (UK) LTD (200812)"): each firm a name of its own.
- A regional collaboration's tracker: "Lancashire share £" beside "Total regional saving £": the
  whole region's saving was stored as the force's.
- "Total collaborative" closing a group of savings was stored as a saving; a "Notes" heading and a
  numbered note beginning with a year ("2. 2024/25 figures are forecasts only") were quarantined.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

FIRMS = ["Mears Ltd", "Wolseley UK Ltd", "Anchor Lifts Ltd", "Kingdom Security Ltd", "Places for People Group Ltd",
         "Wates Living Space (Maintenance) Ltd"]


def test_no_break_spaces_and_a_web_pages_ampersand_are_not_the_name(tmp_path, db):
    written_as = ["Mears Ltd", "Wolseley UK Ltd\u00a0", "\u00a0Anchor Lifts Ltd", "Marks &amp; Spencer plc",
                  "Redacted - personal data\u00a0", "O'Neill Roofing Ltd", "'Allo Cafe"]
    rows = "".join(f'{i + 1:02d}/02/2020,"{n}",{600 + i}.00\n' for i, n in enumerate(written_as * 2))
    res = load_file(written(tmp_path / "supplier-payments-2020-02.csv", "Date,Supplier,Amount\n" + rows), db=db)
    assert res.rows_loaded == 14
    # (an apostrophe before one name among plain ones is the name's own: tests/test_probe14_residuals.py)
    assert q(db, "SELECT DISTINCT supplier_name FROM transactions ORDER BY 1") == [
        ("'Allo Cafe",), ("Anchor Lifts Ltd",), ("Marks & Spencer plc",), ("Mears Ltd",), ("O'Neill Roofing Ltd",),
        ("Redacted - personal data",), ("Wolseley UK Ltd",)]
    assert q(db, "SELECT count(*) FROM transactions WHERE is_redacted") == [(2,)]


def test_an_apostrophe_an_export_put_before_every_name_is_not_the_name(tmp_path, db):
    rows = "".join(f"{i % 28 + 1:02d}/02/2020,'{FIRMS[i % 6]},{700 + i}.00\n" for i in range(18))
    rows += "29/02/2020,'Redacted - personal data,1833.95\n"
    res = load_file(written(tmp_path / "supplier-payments-over-500-2020-02.csv", "Date,Supplier,Amount\n" + rows), db=db)
    assert res.rows_loaded == 19
    assert q(db, "SELECT DISTINCT supplier_name FROM transactions ORDER BY 1") == sorted(
        [(f,) for f in FIRMS] + [("Redacted - personal data",)])
    assert q(db, "SELECT count(*) FROM transactions WHERE is_redacted") == [(1,)]


def test_a_suppliers_code_in_brackets_after_its_name_is_its_id(tmp_path, db):
    payees = ["SERCO LTD (200950)", "COMPUTACENTER (UK) LTD (200812)", "VIRGIN MEDIA BUSINESS (VMB) (200567)",
              "DURHAM CONSTABULARY (200901)", "SOFTCAT PLC (200810)", "CERTAS ENERGY UK LTD (200701)"]
    rows = "".join(f"{i + 1:02d}/03/2024,{p},Supplies,{900 + i}.00\n" for i, p in enumerate(payees * 2))
    load_file(written(tmp_path / "expenditure-over-500-march-2024.csv", "Date,Supplier,Description,Net\n" + rows), db=db)
    assert q(db, "SELECT DISTINCT supplier_name, supplier_id FROM transactions ORDER BY supplier_id") == [
        ("VIRGIN MEDIA BUSINESS (VMB)", "200567"), ("CERTAS ENERGY UK LTD", "200701"), ("SOFTCAT PLC", "200810"),
        ("COMPUTACENTER (UK) LTD", "200812"), ("DURHAM CONSTABULARY", "200901"), ("SERCO LTD", "200950")]


def test_the_forces_share_of_a_regional_saving_is_its_saving(tmp_path, db):
    text = ("Project,Lead force,Financial year,Saving type,Total regional saving £,Lancashire share %,Lancashire share £\n"
            "Regional fuel bunkering,Cumbria,2022/23,Non-cashable,250000,20,50000\n"
            "Regional fuel bunkering,Cumbria,2023/24,Cashable,303500,20,60700\n"
            "NW interpreting framework,Merseyside,2023/24,Cashable,120000,25,30000\n"
            "Regional vehicle recovery,Lancashire,2022/23,Non-cashable,320000,20,64000\n")
    res = load_file(written(tmp_path / "regional-savings.csv", text), db=db, kind="savings")
    assert res.as_json()["columns"]["amount"]["column"].startswith("Lancashire share £")
    assert q(db, "SELECT sum(amount) FROM savings") == [(Decimal("204700.00"),)]


def test_a_savings_groups_total_and_notes_at_the_foot_are_no_savings(tmp_path, db):
    text = ("Category,Project,Financial year,Cashable £000,Non-cashable £000\n"
            "Collaborative,Fuel cards,2022/23,12.5,3.0\nCollaborative,Body armour,2022/23,40.0,\n"
            ",Total collaborative,,52.5,3.0\n"
            "Force-only,Cleaning,2022/23,8.0,1.5\nForce-only,Uniform,2022/23,6.0,\n,Total force-only tenders,,14.0,1.5\n"
            ",,,,\n,Notes,,,\n\"2. 2024/25 figures are forecasts only and are not yet achieved.\",,,,\n")
    res = load_file(written(tmp_path / "savings-000s.csv", text), db=db, kind="savings")
    assert res.rows_quarantined == 0
    assert q(db, "SELECT sum(amount), count(*) FROM savings") == [(Decimal("71000.00"), 6)]
