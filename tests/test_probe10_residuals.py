"""What a sixth probe (40 spend files in other publishers' layouts) found misread, each shape written
here and loaded as a person would load it:

- a Windows (cp1252) file naming "Škoda" and writing "£1,234.56" was read as cp437 (£ as "ú"), and
  refused for want of an amount column;
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib import store
from lib.ingest.load import load_file

D = Decimal


def _write_bytes(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_windows_file_with_a_latin_letter_and_pound_signs_is_cp1252(tmp_path):
    text = ("Transaction Date,Supplier,Amount\r\n01/04/2024,Škoda Auto UK,\"£1,234.56\"\r\n"
            "02/04/2024,Acme Ltd,£500.00\r\n03/04/2024,Bolt Ltd,£250.00\r\n")
    db = tmp_path / "s.duckdb"
    try:
        res = load_file(_write_bytes(tmp_path / "w.csv", text.encode("cp1252")), db=db)
        assert (res.rows_loaded, res.amount_loaded) == (3, D("1984.56"))
        assert q(db, "SELECT supplier_name FROM transactions ORDER BY row_number")[0] == ("Škoda Auto UK",)
        # the same bytes an old DOS export writes (cp437's £ is 0x9C) still read as cp437
        dos = tmp_path / "dos.duckdb"
        try:
            res = load_file(_write_bytes(tmp_path / "d.csv", text.replace("Š", "E").encode("cp437")), db=dos)
            assert (res.rows_loaded, res.amount_loaded) == (3, D("1984.56"))
        finally:
            store.close(dos)
    finally:
        store.close(db)
