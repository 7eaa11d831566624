"""A register grouped under headings of its own: "ICT", "Estates", "Fleet" each on a row alone over
its contracts (or savings), as a register kept by hand lays them out. Each heading was
quarantined as an entry with no supplier (or no amount), so the quarantine list held rows that were
never entries, and what the heading said of the entries under it was lost. Now headings are set
aside with the totals (rows read = stored + quarantined + totals still holds), and each is the
category of the entries under it that give none (lib.ingest.registers._section_headings)."""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load_file
from test_register_layouts import _write

D = Decimal

HEAD = ["Contract Reference", "Title", "Supplier Name", "Start Date", "End Date", "Value (£)", "Category"]
ROWS = [["ICT", "", "", "", "", "", ""],
        ["LC-101", "Mobile devices", "Vodafone Ltd", "01/04/2023", "31/03/2026", "450,000", ""],
        ["LC-102", "Network support", "Daisy Communications Ltd", "01/10/2023", "30/09/2025", "120,000", "Networks"],
        ["Estates", "", "", "", "", "", ""],
        ["LC-201", "Cleaning", "Acme Cleaning Ltd", "01/04/2024", "31/03/2027", "300,000", ""],
        ["LC-202", "Grounds", "", "01/06/2024", "31/05/2026", "80,000", ""],
        ["Fleet", "", "", "", "", "", ""],
        ["LC-301", "Tyres", "Fleet Tyres Ltd", "01/04/2024", "31/03/2026", "95,000", ""]]


def test_headings_over_contracts_are_their_category_not_entries(tmp_path, db):
    res = load_file(_write(tmp_path / "contracts.csv", HEAD, ROWS), db=db, kind="contracts")
    assert q(db, "SELECT reference, category FROM contracts ORDER BY row_number") == [
        ("LC-101", "ICT"), ("LC-102", "Networks"),  # (a category given is kept)
        ("LC-201", "Estates"), ("LC-301", "Fleet")]
    # a contract with no supplier under a heading is still quarantined, and only it
    assert q(db, "SELECT row_number, reason FROM quarantine") == [(7, "no supplier name")]
    assert q(db, "SELECT row_number FROM total_lines ORDER BY row_number") == [(2,), (5,), (8,)]
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (8, 4, 1, 3)
    assert any("3 rows hold a heading over the entries under them ('ICT', 'Estates', 'Fleet')" in w
               for w in res.warnings)


def test_a_lone_name_with_nothing_beside_it_is_an_entry_missing_its_facts(tmp_path, db):
    res = load_file(_write(tmp_path / "savings.csv", ["Project", "Financial Year", "Saving (£)"],
                           [["Fuel cards", "2024/25", "2,000"], ["Uniform re-tender", "", ""],
                            ["Custody healthcare", "2024/25", "5,000"]]), db=db, kind="savings")
    assert res.rows_quarantined == 1 and res.rows_total_lines == 0
    assert q(db, "SELECT row_number FROM quarantine") == [(3,)]


def test_a_heading_that_could_be_an_entry_is_one(tmp_path, db):
    # a supplier register asks only for a name: a row of one name is a supplier, however it reads
    res = load_file(_write(tmp_path / "suppliers.csv", ["Supplier Name", "Postcode", "SME"],
                           [["Local suppliers", "", ""], ["Acme Cleaning Ltd", "PR1 2HE", "Yes"],
                            ["National suppliers", "", ""], ["Vodafone Ltd", "RG14 2FN", "No"]]),
                    db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (4, 0, 0)


def test_one_heading_alone_is_not_taken_for_a_section(tmp_path, db):
    # (one row of one cell among the entries: an entry with its facts missing, as far as anyone can tell)
    res = load_file(_write(tmp_path / "contracts.csv", HEAD, ROWS[:3]), db=db, kind="contracts")
    assert q(db, "SELECT row_number FROM quarantine") == [(2,)]
    assert res.rows_total_lines == 0
