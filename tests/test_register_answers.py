"""Supplier and contracts registers from publishers the project had not seen (a probe of 16 registers:
a Welsh force's, a regional collaboration's approved list, a supplier survey's responses, a hand-kept
tracker, a VCSE directory, Unit4 and SAP vendor lists, councils' and a fire service's contracts):

- Ticks and crosses (✓ ✗) under "BBaCh / SME" and "Trydydd Sector / VCSE": the SME column went unused and
  the VCSE column was taken for a type, so no supplier had an answer.
- "Not declared" under "Organisation size" read as "not an SME"; unknown is unknown.
- A survey's question "Is your organisation a Small or Medium-sized Enterprise (SME)? ..." taken for the
  VCSE type ("Enterprise"): the "(SME)" that says what it asks was dropped as a decoration.
- "Not VCSE" under "VCSE status" left no answer, and stood as a VCSE type.
- "Suppliers on lot: 14" and "Cyfanswm / Total" stored as suppliers.
- Headings in capitals over a register's groups ("ESTATES & FACILITIES", "BRISTOL") stored as suppliers.
- A contracts register's numbered notes at its foot ("1. Contracts below £5,000 are not listed.")
  quarantined as contracts with no supplier.
"""
from __future__ import annotations

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

FIRMS = ["Acme Ltd", "Bolt Haulage Ltd", "Calder Print Ltd", "Dunmore Fuels Ltd", "Eden Cleaning Ltd", "Fylde Signs Ltd",
         "Garstang Joinery Ltd", "Hesketh Tyres Ltd", "Irwell Security Ltd", "Jubilee Catering Ltd", "Kirkham Glass Ltd",
         "Lune Valley Coaches Ltd"]


def test_ticks_and_crosses_are_a_registers_answers_and_a_bilingual_total_no_supplier(tmp_path, db):
    marks = [("✓", "✗"), ("✗", "✗"), ("✓", "✓"), ("", "✗"), ("✓", ""), ("✗", "✓"), ("✓", "✗"), ("✓", "✗")]
    rows = "".join(f"{FIRMS[i]},SA1{i} 2AB,{s},{v}\n" for i, (s, v) in enumerate(marks))
    text = ("✓ = Ydy / Yes ✗ = Nac ydy / No,,,\n,,,\nEnw'r Cyflenwr / Supplier Name,Cod Post / Postcode,BBaCh / SME,"
            "Trydydd Sector / VCSE\n" + rows + "Cyfanswm / Total,,5,2\n")
    res = load_file(written(tmp_path / "cofrestr-cyflenwyr.csv", text), db=db, kind="suppliers")
    assert res.rows_loaded == 8
    want = [(FIRMS[i], {"✓": True, "✗": False, "": None}[s], {"✓": True, "✗": False, "": None}[v])
            for i, (s, v) in enumerate(marks)]
    assert q(db, "SELECT name, is_sme, is_vcse FROM supplier_register ORDER BY row_number") == want
    assert q(db, "SELECT vcse_type FROM supplier_register WHERE vcse_type IS NOT NULL") == []


def test_not_declared_is_no_answer_and_counts_of_a_lot_are_no_suppliers(tmp_path, db):
    sizes = ["Micro", "Large", "Not declared", "Small", "Medium", "Not declared"]
    text = "Ref,Supplier name,Organisation size,VCSE (Yes/No)\nLOT 1 - VEHICLE RECOVERY,,,\n"
    text += "".join(f"R{i},{FIRMS[i]},{sizes[i]},No\n" for i in range(3)) + "Suppliers on lot: 3,,,\n"
    text += "LOT 2 - FORENSIC SERVICES,,,\n" + "".join(f"R{i},{FIRMS[i]},{sizes[i]},No\n" for i in range(3, 6))
    text += "Suppliers on lot: 3,,,\nTotal suppliers: 6,,,\n"
    res = load_file(written(tmp_path / "approved-suppliers.csv", text), db=db, kind="suppliers")
    assert res.rows_loaded == 6
    assert q(db, "SELECT name, is_sme FROM supplier_register ORDER BY row_number") == [
        (FIRMS[0], True), (FIRMS[1], False), (FIRMS[2], None), (FIRMS[3], True), (FIRMS[4], True), (FIRMS[5], None)]


def test_a_surveys_questions_are_read_by_the_abbreviation_they_spell_out(tmp_path, db):
    answers = [("Yes", "No"), ("No", "No"), ("Don't know", "Yes"), ("Yes", "Yes"), ("Yes", "No"), ("No", "No")]
    text = ("ID,Your name,Organisation name,Postcode,Is your organisation a Small or Medium-sized Enterprise (SME)? "
            "(fewer than 250 employees and turnover under £44m),"
            "\"Is your organisation a Voluntary, Community or Social Enterprise (VCSE)?\",Any other comments?\n"
            + "".join(f"{i},Jo Bloggs,{FIRMS[i]},DL{i} 7JS,{s},{v},\n" for i, (s, v) in enumerate(answers)))
    res = load_file(written(tmp_path / "supplier-survey-responses.csv", text), db=db, kind="suppliers")
    cols = res.as_json()["columns"]
    assert cols["is_sme"]["column"].startswith("Is your organisation a Small or Medium-sized Enterprise (SME)?")
    assert q(db, "SELECT is_sme, is_vcse FROM supplier_register ORDER BY row_number") == [
        (True, False), (False, False), (None, True), (True, True), (True, False), (False, False)]


def test_not_vcse_under_a_vcse_status_is_the_answer_no(tmp_path, db):
    status = ["VCSE", "Not VCSE", "", "Not VCSE", "VCSE", "Non-VCSE"]
    text = "Supplier ID,Supplier name,SME status,VCSE status\n" + "".join(
        f"S{i},{FIRMS[i]},Small,{v}\n" for i, v in enumerate(status))
    load_file(written(tmp_path / "supplier-list.csv", text), db=db, kind="suppliers")
    assert q(db, "SELECT is_vcse, vcse_type FROM supplier_register ORDER BY row_number") == [
        (True, "VCSE"), (False, None), (None, None), (False, None), (True, "VCSE"), (False, None)]


def test_headings_in_capitals_over_a_supplier_registers_groups_are_no_suppliers(tmp_path, db):
    text = "Supplier,Category,Address,SME? (Y/N)\nESTATES & FACILITIES,,,\n"
    text += "".join(f"{FIRMS[i]},Estates,\"1 Mill Lane, Preston, PR{i} 2UD\",Y\n" for i in range(4))
    text += "FLEET,,,\n" + "".join(f"{FIRMS[i]},Fleet,\"2 Dock St, Fleetwood, FY{i} 4JP\",N\n" for i in range(4, 8))
    text += "VICTIM SERVICES (commissioned),,,\n" + "".join(f"{FIRMS[i]},Victims,\"3 Low Rd, Lancaster, LA{i} 1AB\",Y\n"
                                                         for i in range(8, 10))
    text += "ZED LTD,,,\n"  # a firm with nothing but its name, in capitals: still a supplier
    res = load_file(written(tmp_path / "supplier-tracker.csv", text), db=db, kind="suppliers")
    assert res.rows_loaded == 11
    assert q(db, "SELECT count(*) FROM supplier_register WHERE name IN ('ESTATES & FACILITIES', 'FLEET', "
                 "'VICTIM SERVICES (commissioned)')") == [(0,)]
    assert q(db, "SELECT count(*) FROM supplier_register WHERE name = 'ZED LTD'") == [(1,)]


def test_a_contracts_registers_numbered_notes_are_no_contracts(tmp_path, db):
    rows = "".join(f"KCC/PROC/0{i:03d},Grounds maintenance,{FIRMS[i]},01/04/2023,31/03/2026,\"£{10 + i},000\"\n"
                   for i in range(8))
    text = ("Our Ref,Title,Supplier,Start,End,Value\n" + rows + ",,,,,\n1. Contracts below £5,000 are not listed.,,,,,\n"
            "2. Extension options are shown for information only.,,,,,\n")
    res = load_file(written(tmp_path / "contracts-register.csv", text), db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (8, 0, 2)


def test_a_totals_cells_raise_no_note_of_answers_unread(tmp_path, db):
    rows = "".join(f"{FIRMS[i]},SA1{i} 2AB,{'✓' if i % 2 else '✗'},✗\n" for i in range(6))
    text = "Supplier Name,Postcode,BBaCh / SME,Trydydd Sector / VCSE\n" + rows + "Cyfanswm / Total,,3,0\n"
    res = load_file(written(tmp_path / "cofrestr.csv", text), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_total_lines) == (6, 1)
    assert not [w for w in res.warnings if "could not be read" in w]
