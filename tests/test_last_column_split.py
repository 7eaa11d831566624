"""A comma inside the last column's text, in a file that quotes nothing.

A district council's CSV quotes no cell and puts Supplier last: "…,51218.73,Hughes, Evans Accountancy
Ltd" has a cell more than its header. Nothing under a date's or a sum's header moved, so nothing
failed to read: the line loaded as "Hughes", with " Evans Accountancy Ltd" kept aside as a column with
no header. The split cell begins with the space written after the comma; a note in a column of its
own past the header ("see attached") does not, and stays a column of its own.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load_file

HEAD = "Date,Transaction Number,Service,Description,Amount,Supplier\n"
LINES = [
    ("03/11/2025", "1125002", "Corporate Services", "Building surveying", "51218.73", "Hughes, Evans Accountancy Ltd"),
    ("03/11/2025", "1125014", "Corporate Services", "Consultancy", "4148.12", "Bevan Brittan LLP"),
    ("10/11/2025", "1125134", "Corporate Services", "Valuation services", "7736.72", "Smith, Jones & Co"),
    ("19/11/2025", "1125258", "Corporate Services", "Accountancy services", "20726.02", "Turner, Wright, Lowe Ltd"),
    ("20/11/2025", "1125301", "Housing", "Repairs", "-310.50", "Acme Builders Ltd"),
]


def test_the_last_columns_text_is_joined_again(tmp_path):
    path = tmp_path / "spend-nov-2025.csv"
    path.write_text(HEAD + "".join(",".join(line) + "\n" for line in LINES))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (5, 0)
    assert res.amount_loaded == sum(Decimal(line[4]) for line in LINES)
    assert q(db, "SELECT row_number, supplier_name, extra_cells FROM transactions ORDER BY row_number") == [
        (i + 2, line[5], None) for i, line in enumerate(LINES)]
    assert res.columns_unused == {"(csv)": []}
    assert any("3 lines had the delimiter ',' inside a name or description" in w and "rows 2, 4, 5" in w
               for w in res.warnings)


def test_a_note_in_a_column_of_its_own_stays_apart(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text(HEAD + "".join(",".join(line) + (",see attached" if i % 2 else "") + "\n"
                                   for i, line in enumerate(LINES[1:2] * 6)))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert res.rows_loaded == 6
    assert q(db, "SELECT DISTINCT supplier_name FROM transactions") == [("Bevan Brittan LLP",)]
    assert q(db, "SELECT count(*) FROM transactions WHERE extra_cells = '{\"column G\":\"see attached\"}'") == [(3,)]
    assert res.columns_unused == {"(csv)": ["column G"]}


def test_a_long_file_leaves_the_one_pass_for_it(tmp_path):
    path = tmp_path / "spend.csv"
    rows = []
    for i in range(9_000):
        name = "Smith, Jones & Co" if i == 8_500 else f"Supplier {i % 250} Ltd"
        rows.append(f"{i % 28 + 1:02d}/11/2025,{1_000_000 + i},Housing,Repairs,{100 + i % 50}.25,{name}")
    path.write_text(HEAD + "\n".join(rows) + "\n")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert res.rows_loaded == 9_000 and not res.one_pass
    assert q(db, "SELECT supplier_name, extra_cells FROM transactions WHERE row_number = 8502") == [
        ("Smith, Jones & Co", None)]


def test_a_long_file_with_no_split_keeps_the_one_pass(tmp_path):
    path = tmp_path / "spend.csv"
    rows = [f"{i % 28 + 1:02d}/11/2025,{1_000_000 + i},Housing,Repairs,{100 + i % 50}.25,Supplier {i % 250} Ltd"
            + (",see attached" if i == 8_500 else "") for i in range(9_000)]
    path.write_text(HEAD + "\n".join(rows) + "\n")
    res = load_file(path, db=tmp_path / "s.duckdb")
    assert res.rows_loaded == 9_000 and res.one_pass
