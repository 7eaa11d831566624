"""Notes under a register's last entry: "Figures exclude VAT.", a source line cut by its comma.

Only lines that begin with a note's own word ("Note:", "Source:", "*") were set aside; any other
sentence under the entries was quarantined as a contract (or supplier) with no supplier name, so the
register's quarantine held its footnotes. A row below the last entry holding a sentence and little
else is now a note, set aside with the totals and said; an entry further up missing its facts stays
quarantined.
"""
from __future__ import annotations

from conftest import rows_of as q
from lib.ingest import load_file

CONTRACTS = """Contract Reference,Contract Title,Supplier Name,Start Date,End Date,Contract Value,Procurement Route
C-001,Vehicle maintenance,Acme Fleet Ltd,01/04/2023,31/03/2026,"250,000",Framework - ESPO
C-002,Window cleaning,,01/06/2023,31/05/2025,"8,000",Open
C-003,Cleaning services,Bright Clean Ltd,01/06/2023,31/05/2025,"80,000",Open
C-004,Legal services,Smith Law LLP,01/01/2024,31/12/2026,"120,000",Framework - CCS

Figures exclude VAT.
Contracts over £5,000 are published each quarter by the PCC's office
"""


def test_sentences_under_the_last_contract_are_notes_and_a_broken_entry_stays_quarantined(tmp_path):
    path = tmp_path / "contracts.csv"
    path.write_text(CONTRACTS)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (3, 1, 2)
    assert q(db, "SELECT row_number, reason FROM quarantine") == [(3, "no supplier name")]
    assert [r for (r,) in q(db, "SELECT row_number FROM total_lines ORDER BY 1")] == [7, 8]
    assert "2 rows under the last entry are notes ('Figures exclude VAT.'): set aside with the totals, not entries" \
        in res.warnings


def test_a_supplier_register_note_is_set_aside_too(tmp_path):
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier Name,Postcode,SME\nAcme Fleet Ltd,PR1 2AB,Yes\nBright Clean Ltd,BB1 1AA,No\n"
                    "SME status as declared by each supplier at registration\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (2, 0, 1)


def test_a_one_word_row_at_the_end_is_still_an_entry_to_look_at(tmp_path):
    """"C-005" alone under the entries is a contract missing its facts, not a note: quarantined."""
    path = tmp_path / "contracts.csv"
    path.write_text(CONTRACTS.split("\n\n")[0] + "\nC-005\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="contracts")
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (3, 2, 0)


def test_a_last_supplier_with_its_name_alone_stays_a_supplier(tmp_path):
    """A name in capitals ("Zurich Municipal Insurance", no postcode given) under the others is an entry."""
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier Name,Postcode,SME\nAcme Fleet Ltd,PR1 2AB,Yes\nBright Clean Ltd,BB1 1AA,No\n"
                    "Zurich Municipal Insurance\n")
    res = load_file(path, db=tmp_path / "s.duckdb", kind="suppliers")
    assert (res.rows_loaded, res.rows_total_lines) == (3, 0)

