"""A card statement's merchant category code, headed "MCC" (the card schemes' abbreviation of
"Merchant Category Code"), was listed as not used: a code's column must say it holds codes, and the
abbreviation says so only in its last letter. It is now the lines' category code, beside an "MCC
Description" read as their category, or alone."""
from __future__ import annotations

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file

MERCHANTS = ["Acme Stationery Ltd", "Blackpool Motors Limited", "Fylde Fuels Ltd", "Lune Hotels Ltd"]
CODES = [("5943", "Stationery"), ("5541", "Fuel"), ("7011", "Hotels"), ("5111", "Office Supplies")]


def test_a_cards_mcc_is_the_category_code_beside_its_description(tmp_path, db):
    body = "".join(f"{MERCHANTS[i % 4]},{1 + i % 28:02d}/04/2024,{100 + i}.25,{CODES[i % 4][0]},{CODES[i % 4][1]}\n"
                   for i in range(40))
    res = load_file(_csv(tmp_path / "card.csv", "Merchant Name,Transaction Date,Amount,MCC,MCC Description\n" + body),
                    db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (40, 0)
    assert res.columns_unused == {"(csv)": []}
    assert q(db, "SELECT category_code, category, count(*) FROM transactions GROUP BY ALL ORDER BY 1") == [
        ("5111", "Office Supplies", 10), ("5541", "Fuel", 10), ("5943", "Stationery", 10), ("7011", "Hotels", 10)]


def test_a_cards_mcc_alone_is_the_category_code(tmp_path, db):
    body = "".join(f"{MERCHANTS[i % 4]},{1 + i % 28:02d}/05/2024,{200 + i}.10,{CODES[i % 4][0]}\n" for i in range(40))
    res = load_file(_csv(tmp_path / "card.csv", "Merchant Name,Transaction Date,Amount,MCC\n" + body), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (40, 0)
    assert res.columns_unused == {"(csv)": []}
    assert q(db, "SELECT DISTINCT category_code, category FROM transactions ORDER BY 1") == [
        ("5111", None), ("5541", None), ("5943", None), ("7011", None)]
