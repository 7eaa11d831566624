"""A Welsh body's register answers yes or no in both languages ("Ie / Yes", "Na / No"). "Na / No" read as
a placeholder ("Na" is also how a cell says N/A), so the SME column held too few answers to be read and
was listed as not used: no supplier was an SME (m157)."""
from __future__ import annotations

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file


def test_the_macros_read_the_english_half(db):
    cells = ["Ie / Yes", "Na / No", "Yes / Ie", "No / Na", "N/A", "N/A - see note", "Na"]
    assert q(db, "SELECT list_transform(?::VARCHAR[], lambda s: parse_sme(s)), "
                 "list_transform(?::VARCHAR[], lambda s: register_blank(s))", [cells, cells]) == [(
        [True, False, True, False, None, None, None], [False, False, False, False, True, True, True])]


def test_a_welsh_registers_sme_column_is_read(tmp_path, db):
    text = ("Cyfeirnod Cyflenwr / Supplier Ref,Enw'r Cyflenwr / Supplier Name,Cod Post / Postcode,"
            "Busnes Bach neu Ganolig / SME\n"
            "CY1,Adeiladwyr Teifi Cyf,SA43 1EW,Ie / Yes\nCY2,Hafren Highways Ltd,SY1 1AA,Na / No\n"
            "CY3,Integrated Facilities Group plc,CF10 1AA,Na / No\nCY4,Menter Iaith Sir Gâr,SA31 1JP,Ie / Yes\n")
    res = load_file(written(tmp_path / "cyflenwyr.csv", text), db=db, kind="suppliers")
    assert res.as_json()["columns"]["is_sme"]["column"] == "Busnes Bach neu Ganolig / SME"
    assert q(db, "SELECT supplier_id, is_sme FROM supplier_register ORDER BY supplier_id") == [
        ("CY1", True), ("CY2", False), ("CY3", False), ("CY4", True)]
