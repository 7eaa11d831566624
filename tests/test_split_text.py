"""A name or a description with the file's delimiter in it, which the file did not quote
("Smith, J and Sons" written bare in a comma-separated file): the line has a cell more than its
header, every cell after the comma sits one column along, and the amount's column holds words.
Such lines were quarantined ("amount 'J and Sons' is not a sum of money"). They are read with the
cells joined again when one way of joining them reads clearly (lib.ingest.load._rejoin_split_text),
and left in quarantine, with their reasons, when none does or two do as well."""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib.ingest.load import _cell_kind, _cell_shape, _regroupings, load_file
from lib import store
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv, cli

D = Decimal
DEPTS = ["Estates", "ICT", "Fleet", "Custody"]
TYPES = ["Repairs", "Software", "Fuel", "Cleaning"]
FIRMS = ["Acme Ltd", "Ribble Motors Ltd", "Pennine Cleaning Services", "Bowland IT Limited", "Lune Fuels PLC",
         "Calder Estates Ltd", "Wyre Software Ltd", "Fylde Fleet Services"]


def _good(n: int, start: int = 0) -> tuple[list[str], Decimal]:
    """n well-formed lines (Date, Supplier Name, Amount, Department, Expense Type, Transaction Number)
    and their total."""
    out, total = [], D(0)
    for i in range(start, start + n):
        amount = D(300 + 17 * i) + D("0.25")
        total += amount
        out.append(f"{1 + i % 28:02d}/05/2023,{FIRMS[i % len(FIRMS)]},{amount},{DEPTS[i % 4]},{TYPES[i % 4]},T{10000 + i}")
    return out, total


HEADER = "Date,Supplier Name,Amount,Department,Expense Type,Transaction Number"


def _stored(db, rn):
    return q(db, "SELECT supplier_name, amount, department, category, transaction_ref, extra_cells FROM transactions "
                 "WHERE row_number = ?", [rn])


def test_a_comma_in_a_supplier_name_is_read_as_part_of_it(tmp_path):
    good, total = _good(60)
    lines = [HEADER] + good + [
        "03/05/2023,Smith, J and Sons,1234.50,Estates,Repairs,T900",           # row 62: one comma
        "04/05/2023,Jones, Brown, and Co,99.99,ICT,Software,T901",             # row 63: two
    ]
    path = _csv(tmp_path / "unquoted.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (62, 62, 0)
        assert res.amount_loaded == total + D("1234.50") + D("99.99")
        assert _stored(db, 62) == [("Smith, J and Sons", D("1234.50"), "Estates", "Repairs", "T900", None)]
        assert _stored(db, 63) == [("Jones, Brown, and Co", D("99.99"), "ICT", "Software", "T901", None)]
        note = next(w for w in res.warnings if "did not quote" in w)
        assert "2 lines" in note and "rows 62, 63" in note
        # the raw record of the line is kept as it was read: joined, under its headers
        assert q(db, "SELECT count(*) FROM quarantine") == [(0,)]
    finally:
        store.close(db)


def test_a_split_name_in_a_long_file_reads_the_same_in_one_pass(tmp_path, monkeypatch):
    """The one-pass path (lib.ingest.fast) hands such a file to the full path, which mends it."""
    good, total = _good(300)
    lines = [HEADER] + good[:200] + ["05/05/2023,Smith, J and Sons,1234.50,Estates,Repairs,T900"] + good[200:]
    path = _csv(tmp_path / "long.csv", lines)
    whole, one = both_ways(tmp_path, monkeypatch, path)
    assert (one.rows_loaded, one.rows_quarantined) == (301, 0)
    assert one.amount_loaded == total + D("1234.50")
    assert any("did not quote" in w and "row 202" in w for w in one.warnings)


def test_a_semicolon_file_with_a_semicolon_in_a_name(tmp_path):
    good, total = _good(40)
    lines = [HEADER.replace(",", ";")] + [g.replace(",", ";") for g in good] + [
        "06/05/2023;Smith; J and Sons;500.00;Fleet;Fuel;T902"]
    path = _csv(tmp_path / "semi.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.rows_quarantined) == (41, 0)
        assert res.amount_loaded == total + D("500.00")
        assert _stored(db, 42)[0][:3] == ("Smith; J and Sons", D("500.00"), "Fleet")
    finally:
        store.close(db)


def test_lines_that_no_joining_reads_stay_quarantined(tmp_path):
    good, total = _good(60)
    lines = [HEADER] + good + [
        # an amount that is not one, and a stray cell after the line: joining the supplier with it
        # would read the department as the amount (it is words), so nothing reads: quarantined
        "07/05/2023,Acme Ltd,TBC,Estates,Repairs,T903,#N/A",
        # a stray cell after a line that reads: loaded as it stands, the stray cell kept with it
        "08/05/2023,Acme Ltd,250.00,Estates,Repairs,T904,see note",
        # joined at the supplier ("Smith,Jones") the amount's column would hold 'Brown': no joining reads
        "09/05/2023,Smith,Jones,Brown,250.00,Repairs,T905",
    ]
    path = _csv(tmp_path / "left.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (63, 61, 2)
        assert res.amount_loaded == total + D("250.00")
        assert _stored(db, 63) == [("Acme Ltd", D("250.00"), "Estates", "Repairs", "T904", '{"column G":"see note"}')]
        assert q(db, "SELECT row_number, reason FROM quarantine ORDER BY row_number") == [
            (62, "amount 'TBC' is not a sum of money"), (64, "amount 'Jones' is not a sum of money (the line has cells past the last column its header names)")]
        assert not any("did not quote" in w for w in res.warnings)
    finally:
        store.close(db)


def test_two_ways_that_read_alike_leave_the_line_quarantined(tmp_path):
    """Department before the amount: "Smith, J" + "Estates" or "Smith" + "J, Estates"? Only the first
    leaves the department one the file has: mended. "Smith, Jones, Brown": 'Brown' or 'Jones, Brown'
    as the department, neither one the file has: left."""
    head = "Date,Supplier Name,Department,Amount"
    good = [f"{1 + i % 28:02d}/05/2023,{FIRMS[i % 8]},{DEPTS[i % 4]},{100 + i}.00" for i in range(40)]
    lines = [head] + good + ["11/05/2023,Smith, J,Estates,250.00", "12/05/2023,Smith, Jones, Brown,75.00"]
    path = _csv(tmp_path / "dept_first.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.rows_quarantined) == (41, 1)
        assert q(db, "SELECT supplier_name, department, amount FROM transactions WHERE row_number = 42") == [
            ("Smith, J", "Estates", D("250.00"))]
        assert q(db, "SELECT row_number FROM quarantine") == [(43,)]
    finally:
        store.close(db)


def test_a_code_column_keeps_its_kind(tmp_path):
    """Joining the supplier with the word after it would read the line (the code column's number is
    taken as the amount), but the code column would then hold words: not mended."""
    head = "Date,Supplier Name,Amount,Expense Code,Description"
    lines = [head] + [f"{1 + i % 28:02d}/05/2023,{FIRMS[i % 8]},{100 + i}.00,{4000 + i % 5},{TYPES[i % 4]} work"
                      for i in range(40)]
    lines.append("10/05/2023,Acme Ltd,TBC,4010,Repairs work,#N/A")
    path = _csv(tmp_path / "code.csv", lines)
    out = cli(path, "--db", tmp_path / "s.duckdb")
    assert out.returncode == 0, out.stderr
    assert '"rows_quarantined": 1' in out.stdout and '"amount_loaded": "' + str(sum(D(100 + i) for i in range(40))) + '.00"' in out.stdout


def test_shapes_kinds_and_regroupings():
    assert _cell_shape("T901") == "a9" and _cell_shape(" Smith & Sons Ltd ") == "a & a a"
    assert [_cell_kind(v) for v in ("1,234.50", "01/05/2023", "T901", "GB123456789", "Smith, J", "repairs 2")] == [
        "number", "number", "code", "code", "text", "text"]
    # five cells as four columns, joining only in columns 1 and 3
    assert list(_regroupings(5, 4, [1, 3])) == [[(0, 1), (1, 3), (3, 4), (4, 5)], [(0, 1), (1, 2), (2, 3), (3, 5)]]


def _pdf_lines(n: int, start: int, shifted: bool) -> tuple[list[str], Decimal]:
    out, total = [], D(0)
    for i in range(start, start + n):
        amount = D(1000 + 13 * i) + D("0.40")
        total += amount
        cells = [f"{1 + i % 28:02d}/04/2024", FIRMS[i % 8], TYPES[i % 4], f'"{amount:,}"']
        out.append(("," + ",".join(cells)) if shifted else (",".join(cells) + ","))
    return out, total


def test_lines_a_pdf_conversion_moved_one_column_along(tmp_path):
    """A report converted from PDF: the second page's lines start with an empty cell (and lose the
    empty cell at their end), so every cell sits one column along: read with the empty cell taken out."""
    page1, t1 = _pdf_lines(15, 0, False)
    page2, t2 = _pdf_lines(12, 15, True)
    lines = ["Date Paid,Supplier Name,Expense Type,Amount £,"] + page1 + page2
    path = _csv(tmp_path / "pdf.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (27, 27, 0)
        assert res.amount_loaded == t1 + t2
        assert q(db, "SELECT supplier_name, category FROM transactions WHERE row_number = 17") == [(FIRMS[15 % 8], TYPES[15 % 4])]
        assert any("an empty cell too many" in w and "rows 17, 18" in w for w in res.warnings)
    finally:
        store.close(db)


def test_a_page_header_moved_along_still_reads_its_own_lines(tmp_path):
    """The same, with the page's header repeated over its lines (moved along with them): the lines
    under it are read by that header, as before, and not moved a second time."""
    page1, t1 = _pdf_lines(15, 0, False)
    page2, t2 = _pdf_lines(12, 15, True)
    lines = (["Page 1 of 2,,,,", "Date Paid,Supplier Name,Expense Type,Amount £,"] + page1
             + [",Page 2 of 2,,,", ",Date Paid,Supplier Name,Expense Type,Amount £"] + page2)
    path = _csv(tmp_path / "pdf_pages.csv", lines)
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(path, db=db)
        assert (res.rows_loaded, res.rows_quarantined) == (27, 0)
        assert res.amount_loaded == t1 + t2
        assert not any("an empty cell too many" in w for w in res.warnings)
    finally:
        store.close(db)
