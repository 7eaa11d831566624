"""Text written in UTF-8 twice over: "CafÃ©" for "Café", "â€™" for "’".

A UTF-8 export opened as Windows text and saved as UTF-8 again carries every character beyond ASCII
as two or three. The bytes are valid UTF-8, so nothing looked wrong: "CafÃ© Nero Ltd" was stored as
written, keyed "CAF NERO" apart from its other spellings, and shown so on every page. Such cells are
now read as meant (ftfy's fix_encoding decides, cell by cell), in every format, with a note saying
how many and the first; text that merely has accents, or a name that is Portuguese, is kept.
"""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from conftest import rows_of as q
from lib import filehash
from lib.ingest import load_file

NAMES = ["CafÃ© Nero Ltd", "Sainsburyâ€™s Supermarkets Ltd", "MÃ¼ller Services GmbH",
         "São Paulo Imports Ltd", "Åsa Consulting AB", "Nestlé UK Ltd"]
MEANT = ["Café Nero Ltd", "Sainsbury’s Supermarkets Ltd", "Müller Services GmbH",
         "São Paulo Imports Ltd", "Åsa Consulting AB", "Nestlé UK Ltd"]


def _lines(n: int):
    """``n`` lines cycling through NAMES, each £100.25 plus its index; and their total."""
    lines, total = [], Decimal("0")
    for i in range(n):
        amount = Decimal("100.25") + i
        total += amount
        lines.append((f"{i % 28 + 1:02d}/05/2024", NAMES[i % len(NAMES)], amount, "Supplies â€“ May"))
    return lines, total


def test_a_small_csv_is_read_as_meant_and_says_so(tmp_path):
    lines, total = _lines(36)
    path = tmp_path / "spend-may-2024.csv"
    path.write_text("Date,Supplier Name,Amount,Description\n"
                    + "".join(f"{d},{s},{a},{t}\n" for d, s, a, t in lines), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (36, total)
    names = [r[0] for r in q(db, "SELECT DISTINCT supplier_name FROM transactions ORDER BY 1")]
    assert names == sorted(MEANT)
    assert q(db, "SELECT DISTINCT description FROM transactions") == [("Supplies – May",)]
    note = next(w for w in res.warnings if "twice over" in w)
    # 3 of 6 names on 36 lines are mis-encoded (18 cells), and every line's description (36)
    assert note.startswith("54 cells held text written in UTF-8 twice over")
    assert "row 2, column B: “CafÃ© Nero Ltd” read as “Café Nero Ltd”" in note


def test_a_long_csv_leaves_the_one_pass_for_one_line_far_down(tmp_path):
    """The one-pass load plans on the first lines; the whole file's bytes show the pair wherever it is."""
    path = tmp_path / "spend.csv"
    rows = ["Date,Supplier Name,Amount"]
    total = Decimal("0")
    for i in range(12_000):
        name = "CafÃ© Nero Ltd" if i == 11_000 else f"Supplier {i % 300} Ltd"
        amount = Decimal(100 + i % 1000) + Decimal("0.25")
        total += amount
        rows.append(f"{i % 28 + 1:02d}/05/2024,{name},{amount}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (12_000, total)
    assert q(db, "SELECT supplier_name FROM transactions WHERE row_number = 11002") == [("Café Nero Ltd",)]
    assert any("1 cell held text written in UTF-8 twice over" in w and "row 11002, column B" in w
               for w in res.warnings)


def test_a_csv_with_accents_alone_keeps_the_one_pass(tmp_path):
    path = tmp_path / "spend.csv"
    rows = ["Date,Supplier Name,Amount"] + [f"{i % 28 + 1:02d}/05/2024,Café Château Ltd,£10.00" for i in range(7_000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = load_file(path, db=tmp_path / "s.duckdb")
    assert res.one_pass and res.rows_loaded == 7_000
    assert not any("twice over" in w for w in res.warnings)


def test_a_workbook_sheet_is_mended_and_its_pound_signs_read(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "May 2024"
    ws.append(["Payment Date", "Supplier", "Amount"])
    ws.append(["01/05/2024", "CafÃ© Nero Ltd", "Â£1,234.50"])
    ws.append(["02/05/2024", "Acme Ltd", 99.5])
    path = tmp_path / "spend.xlsx"
    wb.save(path)
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (2, Decimal("1334.00"))
    assert q(db, "SELECT supplier_name FROM transactions ORDER BY row_number") == [("Café Nero Ltd",), ("Acme Ltd",)]
    assert any(w.startswith("sheet 'May 2024', 2 cells held text") for w in res.warnings)


def test_the_bytes_are_looked_at_across_the_reads_blocks(tmp_path):
    """The pair cut by the hash's 1 MB block (C3 | A9 ... here C3 83 | C2 A9) is found; text as meant is not."""
    cut = tmp_path / "cut.csv"
    body = b"a" * (filehash._BLOCK - 1) + "Ã©".encode("utf-8") + b"\n"
    cut.write_bytes(body)
    assert filehash._digest(cut)[2] is True
    fine = tmp_path / "fine.csv"
    fine.write_bytes("Café Château, São Paulo, Åsa – “quoted” £5 €6\n".encode("utf-8") * 1000)
    assert filehash._digest(fine)[2] is False


def test_a_closing_quote_the_first_reading_lost_is_given_back(tmp_path):
    """cp1252 has no byte 9D, so "”" (E2 80 9D) read as cp1252 became "â€�": what is left of it."""
    path = tmp_path / "spend.csv"
    path.write_text("Date,Supplier Name,Amount,Description\n"
                    "07/06/2024,CafÃ© Rouge Catering Ltd,\"Â£24,369.33\",Room hire â€“ â€œSpringâ€\ufffd\n",
                    encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert res.amount_loaded == Decimal("24369.33")
    assert q(db, "SELECT supplier_name, description FROM transactions") == [
        ("Café Rouge Catering Ltd", "Room hire – “Spring”")]

