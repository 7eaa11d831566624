"""A round of hand-edited spend workbooks loaded 7 of 8 exactly. The eighth split each supplier's name
over "Supplier Name" and "Supplier Name (cont.)" (its system's 30 characters a name): two columns alike,
so a person was asked which, and either alone cut the long names short. Now the second carries on the
first (columns.add_continued_columns), the parts joined by a space; and the mark beats what the cells
alone suggest ("NHS Foundation Trust" under every long name read as the body whose spend it was).
"""
from __future__ import annotations

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file


def test_a_supplier_name_carried_on_into_the_next_column_is_read_whole(tmp_path, db):
    names = [("South Western Ambulance Service", "NHS Foundation Trust"), ("National Housing Federation", None),
             ("Redacted - personal data", None), ("Aareon UK Limited", None)]
    text = ("Date,Supplier Name,Supplier Name (cont.),Amount\n"
            + "".join(f"{i + 2:02d}/05/2025,{a},{b or ''},{900 + 10 * i}.00\n" for i, (a, b) in enumerate(names * 3)))
    res = load_file(written(tmp_path / "payments-over-500-may-2025.csv", text), db=db)
    out = res.as_json()
    assert out["columns"]["supplier_name"]["column"] == "Supplier Name, Supplier Name (cont.)"
    assert out["columns_unused"] == []
    assert q(db, "SELECT DISTINCT supplier_name FROM transactions WHERE NOT is_redacted ORDER BY 1") == [
        ("Aareon UK Limited",), ("National Housing Federation",),
        ("South Western Ambulance Service NHS Foundation Trust",)]
