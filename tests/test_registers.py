"""Registers load through the same path as spend: mapping, validation, quarantine, one batch."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lib.ingest import load_file, remove_batch
from conftest import rows_of as q

D = Decimal


def test_supplier_register_with_bad_cells(tmp_path, db):
    f = tmp_path / "suppliers.csv"
    f.write_text(
        "Supplier ID,Supplier Name,Postcode,Employees,Turnover,VCSE Type,Delivers locally\n"
        "S1,Acme Ltd,pr2 1nn,12,\"£1,200,000\",,no\n"
        "S2,Preston Mediation CIC,PR1 2HE,eleven,50000,CIC,\n"
        "S3,,BB1 1AA,3,1,,\n"
        "S4,Far Away Ltd,SW1A 1AA,300,90000000,,yes\n"
    )
    res = load_file(f, db=db, kind="suppliers")
    # (an unreadable count of staff leaves it unknown, and says so: the supplier is loaded, m112)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (4, 3, 1)
    assert q(db, "SELECT row_number, column_name, reason FROM quarantine ORDER BY row_number") == [
        (4, "Supplier Name", "no supplier name"),
    ]
    assert any("'Employees' could not be read as a whole number" in w and "row 3 'eleven'" in w for w in res.warnings)
    assert q(db, "SELECT supplier_id, supplier_key, postcode, employees, turnover, delivers_locally FROM supplier_register "
                 "ORDER BY row_number") == [("S1", "ACME", "PR2 1NN", 12, D("1200000.00"), False),  # (written one way)
                                            ("S2", "PRESTON MEDIATION CIC", "PR1 2HE", None, D("50000.00"), None),
                                            ("S4", "FAR AWAY", "SW1A 1AA", 300, D("90000000.00"), True)]


def test_contracts_register(tmp_path, db):
    f = tmp_path / "contracts.csv"
    f.write_text(
        "Contract Reference,Title,Supplier Name,Start Date,End Date,Contract Value,Route to Market,Collaborative,"
        "Quality Weighting %,Social Value Weighting %\n"
        "C1,Fleet tyres,Acme Ltd,01/04/2019,31/03/2022,\"120,000\",Bluelight Commercial,Yes,60,2.5%\n"
        "C2,Cleaning,Beta,01/05/2020,30/04/2019,5000,Own tender,No,70,0\n"
        "C3,Uniforms,Gamma,1 June 2020,,9000,Own tender,maybe,70,5\n"
    )
    res = load_file(f, db=db, kind="contracts")
    # (an unreadable answer to "Collaborative" leaves it unknown, and says so: the contract is loaded, m112)
    assert (res.rows_loaded, res.rows_quarantined) == (2, 1)
    assert res.amount_loaded == D("129000.00")
    assert q(db, "SELECT reference, start_date, end_date, collaborative, quality_pct, social_value_pct FROM contracts "
                 "ORDER BY reference") == [
        ("C1", dt.date(2019, 4, 1), dt.date(2022, 3, 31), True, D("60.00"), D("2.50")),
        ("C3", dt.date(2020, 6, 1), None, None, D("70.00"), D("5.00"))]
    assert [r[0] for r in q(db, "SELECT reason FROM quarantine ORDER BY row_number")] == [
        "end date is before the start date"]
    assert any("'Collaborative' could not be read as yes or no" in w and "row 4 'maybe'" in w for w in res.warnings)


def test_savings_register_year_from_date(tmp_path, db):
    f = tmp_path / "savings.csv"
    f.write_text("Project,Financial Year,Type,Amount,Date Recorded\n"
                 "Tyres,2019-20,Cashable,1000,\nFuel,,Non-cashable,500,15/02/2021\nPens,,,20,\n")
    res = load_file(f, db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined) == (2, 1)
    assert q(db, "SELECT project, fy, saving_type, amount FROM savings ORDER BY row_number") == [
        ("Tyres", "2019/20", "Cashable", D("1000.00")), ("Fuel", "2020/21", "Non-cashable", D("500.00"))]
    assert remove_batch(res.batch_id, db=db) == 0
    assert q(db, "SELECT count(*) FROM savings") == [(0,)]


def test_same_file_as_spend_and_as_register_are_separate_kinds(tmp_path, db):
    f = tmp_path / "s.csv"
    f.write_text("Supplier Name,Date,Amount\nAcme,01/04/2020,10\n")
    assert not load_file(f, db=db).duplicate
    assert load_file(f, db=db).duplicate
    assert not load_file(f, db=db, kind="suppliers").duplicate


def test_a_supplier_registers_postcodes_that_are_no_uk_postcode_are_said_at_the_load(tmp_path, db):
    """The supplier loads, but 'XX1' places it nowhere: said by the load, naming the column and rows, not
    only on the supplier's own panel. A full postcode, an outward code alone and an empty cell are not."""
    f = tmp_path / "suppliers.csv"
    f.write_text("Supplier ID,Supplier Name,Postcode\nS1,Acme Ltd,PR1 2HE\nS2,Beta Ltd,XX1\nS3,Gamma Ltd,PR1\n"
                 "S4,Delta Ltd,\n")
    res = load_file(f, db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    said = [w for w in res.warnings if "Postcode" in w]
    assert said == ["1 cell of 'Postcode' is not a UK postcode: that supplier is loaded, but not placed by it (the "
                    "spend's location is unknown, unless the register says the supplier is abroad): row 3 'XX1'"]


def test_a_register_with_no_column_for_a_fact_leaves_it_as_the_older_register_gave_it(tmp_path, db):
    """A short register correcting postcodes and staff counts keeps the charity number and VCSE type the
    full register gave (it has no such columns); a later register with the column and a blank cell
    clears the fact; the newest register's postcode wins; a supplier the newer one does not list keeps
    all its facts."""
    full = tmp_path / "suppliers_full.csv"
    full.write_text("Supplier ID,Supplier Name,Postcode,Charity Number,VCSE Type,Employees\n"
                    "S1,Victim Support,SW1A 1AA,298028,Charity,900\nS2,Acme Ltd,PR1 2HE,,,12\n")
    load_file(full, db=db, kind="suppliers")
    short = tmp_path / "suppliers_fix.csv"
    short.write_text("Supplier ID,Supplier Name,Postcode,Employees\nS1,Victim Support,PR2 1NN,950\n")
    load_file(short, db=db, kind="suppliers")
    current = "SELECT supplier_ref, postcode, charity_number, vcse_type, employees FROM suppliers_current ORDER BY 1"
    assert q(db, current) == [("ID:S1", "PR2 1NN", "298028", "Charity", 950),
                              ("ID:S2", "PR1 2HE", None, None, 12)]
    cleared = tmp_path / "suppliers_clear.csv"
    cleared.write_text("Supplier ID,Supplier Name,Charity Number\nS1,Victim Support,\nS3,Age UK Lancashire,1076638\n")
    load_file(cleared, db=db, kind="suppliers")
    assert q(db, current)[0] == ("ID:S1", "PR2 1NN", None, "Charity", 950)


def test_a_registers_load_says_how_many_of_its_suppliers_the_spend_is_linked_to_and_its_unlinked_twins(tmp_path, db):
    from lib.suppliers import register_batch_note

    spend = tmp_path / "spend_2024-05.csv"
    spend.write_text("Date,Supplier,Amount\n01/05/2024,Acme Ltd,1000.00\n02/05/2024,Beta Ltd,50.00\n")
    load_file(spend, db=db)
    first = tmp_path / "suppliers.csv"
    first.write_text("Supplier ID,Supplier Name,Postcode\nS1,Acme Ltd,PR1 2HE\nS2,Nobody Paid Ltd,PR2 1NN\n")
    b1 = load_file(first, db=db, kind="suppliers").batch_id
    assert register_batch_note(db, b1) == "Spend is linked to 1 of its 2 suppliers."
    names_only = tmp_path / "suppliers_names.csv"
    names_only.write_text("Supplier Name,Postcode\nAcme Ltd,M1 1AE\nBeta Ltd,PR1 2HE\n")
    b2 = load_file(names_only, db=db, kind="suppliers").batch_id
    said = register_batch_note(db, b2)
    assert said.startswith("Spend is linked to 1 of its 2 suppliers. 1 has no ID and is named as a supplier the "
                           "register holds by its ID (Acme Ltd): added as a supplier of its own")
