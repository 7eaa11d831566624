"""What a sixth probe of registers (30 in other publishers' layouts) found misread, each shape written
here and loaded as a person would load it:

- a placeholder in the charity number's column ("N/A", "Not a charity") made the supplier a VCSE;
- the voluntary sector in other words ("Third sector organisation", "Community group", "Faith-based
  organisation", "Non-profit organisation") was not read as VCSE;
- routes read the wrong way round (m116): a call-off from G-Cloud or an RM framework "direct award"
  counted as let alone, "Non-competitive direct award via ESPO framework" as no framework, and a tender
  advertised on The Chest (a portal) as collaborative;
- "Contract End Date (Current)" beside "(Original)": the original end was taken.
"""
from __future__ import annotations

from conftest import rows_of as q
from lib.ingest import load_file
from test_register_layouts import _write


def test_a_placeholder_charity_number_is_no_charity(tmp_path, db):
    load_file(_write(tmp_path / "s.csv", ["Supplier Name", "Postcode", "Charity No", "SME (Y/N)"],
                     [["Age Concern Preston", "PR1 2HE", "1012345", "Y"], ["Acme Cleaning Ltd", "PR2 5NA", "N/A", "Y"],
                      ["Big Corp plc", "EC1A 1BB", "Not a charity", "N"]]), db=db, kind="suppliers")
    assert dict(q(db, "SELECT name, charity_number FROM supplier_register")) == {
        "Age Concern Preston": "1012345", "Acme Cleaning Ltd": None, "Big Corp plc": None}
    assert dict(q(db, "SELECT supplier_ref, is_vcse FROM supplier_facts")) == {
        "KEY:AGE CONCERN PRESTON": True, "KEY:ACME CLEANING": False, "KEY:BIG CORP": False}


def test_the_voluntary_sector_in_other_words_is_vcse(tmp_path, db):
    load_file(_write(tmp_path / "s.csv", ["Supplier Name", "Organisation Type", "Postcode"],
                     [["Preston Youth Trust", "Third sector organisation", "PR1 2HE"],
                      ["Burnley Food Bank", "Community group", "BB11 1BS"],
                      ["Fylde Coast Faith Network", "Faith-based organisation", "FY1 1AD"],
                      ["Fleetwood Sports Foundation", "Non-profit organisation", "FY1 1AD"],
                      ["Acme Ltd", "Private limited company", "PR1 2HE"]]), db=db, kind="suppliers")
    assert dict(q(db, "SELECT name, is_vcse FROM supplier_register")) == {
        "Preston Youth Trust": True, "Burnley Food Bank": True, "Fylde Coast Faith Network": True,
        "Fleetwood Sports Foundation": True, "Acme Ltd": None}


def test_framework_routes_by_number_and_direct_awards_from_frameworks(tmp_path, db):
    load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier", "Contract Start", "Contract End",
                                          "Procurement Route"],
                     [["R1", "Gcloud Ltd", "01/04/2024", "31/03/2026", "Direct award - G-Cloud 14"],
                      ["R2", "Rm Ltd", "01/04/2024", "31/03/2026", "RM6187 Lot 3"],
                      ["R3", "Espo Ltd", "01/04/2024", "31/03/2026", "Non-competitive direct award via ESPO framework 664"],
                      ["R4", "Ypo Ltd", "01/04/2024", "31/03/2026", "No further competition - direct award from YPO 000943"],
                      ["R5", "Chest Ltd", "01/04/2024", "31/03/2026", "Open tender advertised on The Chest"],
                      ["R6", "Own Ltd", "01/04/2024", "31/03/2026", "Open tender (no suitable framework)"]]),
              db=db, kind="contracts")
    assert dict(q(db, "SELECT reference, is_collaborative FROM contracts_current")) == {
        "R1": True, "R2": True, "R3": True, "R4": True, "R5": False, "R6": False}


def test_which_end_date_said_in_brackets(tmp_path, db):
    """Atamis: "Contract End Date (Original)" | "(Current)": the words in brackets were dropped as
    decoration, the two headers scored alike, and the original end was taken."""
    res = load_file(_write(tmp_path / "c.csv", ["Contract Reference", "Supplier Name", "Contract Start Date",
                                                "Contract End Date (Original)", "Contract End Date (Current)"],
                           [["AT-001", "Sparkle Cleaning Ltd", "01/04/2022", "31/03/2024", "31/03/2025"]]),
                    db=db, kind="contracts")
    assert res.as_json()["columns"]["end_date"]["column"] == "Contract End Date (Current)"
    assert q(db, "SELECT end_date::VARCHAR FROM contracts") == [("2025-03-31",)]
