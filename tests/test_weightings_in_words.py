"""A contracts register whose evaluation is written out in one column (m146).

A council's "Evaluation criteria" holds "Price 40% / Quality 60% (incl. Social Value 10%)", "Q60:P30:SV10",
"MEAT – 70% quality (inc. 15% social value) / 30% price": the column was listed as not used, and every
contract counted as having no social value weighting. Both weightings are now read from the words;
social value so written is a share of the whole evaluation, read over quality as the policy measures it.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load_file

ROWS = [
    ("C-1", "Price 40% / Quality 60% (incl. Social Value 10%)", "60.00", "16.67"),
    ("C-2", "Quality 50%, Price 40%, Social Value 10%", "50.00", "20.00"),
    ("C-3", "Q60:P30:SV10", "60.00", "16.67"),
    ("C-4", "MEAT – 70% quality (inc. 15% social value) / 30% price", "70.00", "21.43"),
    ("C-5", "Price 60% Quality 40% – no social value weighting", "40.00", "0.00"),
    ("C-6", "Lowest price (100% price)", "0.00", None),
    ("C-7", "Social Value: N/A", None, None),
    ("C-8", "Social value 5% of quality (quality 60%)", "60.00", "5.00"),
    ("C-9", "SV 5%", None, "5.00"),
]


def _register(path, header="Evaluation criteria"):
    path.write_text(f"Contract Ref,Contract Title,Supplier,Total Value (£),Start Date,End Date,{header}\n" + "".join(
        f'{ref},Works {ref},Supplier {ref} Ltd,"£10,000.00",01/04/2024,31/03/2026,"{words}"\n' for ref, words, _, _ in ROWS))
    return path


def test_both_weightings_are_read_from_the_words(tmp_path):
    db = tmp_path / "s.duckdb"
    res = load_file(_register(tmp_path / "contracts.csv"), db=db, kind="contracts")
    assert res.rows_loaded == len(ROWS) and res.rows_quarantined == 0
    (found,) = res.columns.values()
    assert found["quality_pct"] == found["social_value_pct"] == {"column": "Evaluation criteria", "found": "content"}
    assert q(db, "SELECT reference, quality_pct, social_value_pct FROM contracts ORDER BY 1") == [
        (ref, None if ql is None else Decimal(ql), None if sv is None else Decimal(sv)) for ref, _, ql, sv in ROWS]
    note = next(w for w in res.warnings if w.startswith("'Evaluation criteria' writes each contract's evaluation"))
    assert "quality weighting read from it on 7 of 9 contracts and the social value weighting on 7" in note
    assert not any("could not be read" in w for w in res.warnings)


def test_a_column_of_other_words_is_not_read_for_weightings(tmp_path):
    path = tmp_path / "contracts.csv"
    path.write_text("Contract Ref,Contract Title,Supplier,Total Value (£),Start Date,End Date,Evaluation notes\n"
                    + "".join(f"C-{i},Works,Supplier {i} Ltd,1000,01/04/2024,31/03/2026,Panel met on {i} May\n"
                              for i in range(1, 6)))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db, kind="contracts")
    (found,) = res.columns.values()
    assert "quality_pct" not in found and "social_value_pct" not in found
    assert q(db, "SELECT count(*) FROM contracts WHERE social_value_pct IS NOT NULL") == [(0,)]


def test_a_mapping_given_for_both_weightings_reads_the_words_too(tmp_path):
    db = tmp_path / "s.duckdb"
    load_file(_register(tmp_path / "contracts.csv", header="Notes"), db=db, kind="contracts",
              mapping={"quality_pct": "Notes", "social_value_pct": "Notes"})
    assert q(db, "SELECT quality_pct, social_value_pct FROM contracts WHERE reference = 'C-1'") == [
        (Decimal("60.00"), Decimal("16.67"))]


def test_weightings_in_the_order_the_header_names_them(tmp_path, db):
    """"Quality/Price weighting" over "60/40": the cells are no one percentage, so the column was listed
    as not used and no contract had a quality weighting. Read in the header's order; social value when
    the header names it, as a share of quality."""
    path = tmp_path / "register.csv"
    path.write_text("Ref,Title,Supplier,Value,Start Date,End Date,Price : Quality : Social Value,Quality/Price\n"
                    "C1,Cleaning,Acme Ltd,12000,01/04/2023,31/03/2025,40:50:10,\n"
                    "C2,Fuel,Bolt Ltd,22000,01/04/2023,31/03/2025,30% : 60% : 10%,\n"
                    "C3,Print,Cat Ltd,2000,01/04/2023,31/03/2025,100:0:0,\n"
                    "C4,Legal,Dee LLP,9000,01/04/2023,31/03/2025,,\n")
    res = load_file(path, db=db, kind="contracts")
    assert q(db, "SELECT reference, quality_pct, social_value_pct FROM contracts ORDER BY reference") == [
        ("C1", Decimal("50.00"), Decimal("20.00")), ("C2", Decimal("60.00"), Decimal("16.67")),
        ("C3", Decimal("0.00"), Decimal("0.00")), ("C4", None, None)]
    assert res.as_json()["columns"]["quality_pct"] == {"column": "Price : Quality : Social Value", "found": "content"}
    assert "Quality/Price" in res.as_json()["columns_unused"]  # (no cell under it: nothing read from it)
    assert any("in the order its header names them (price, quality, social value)" in w for w in res.warnings)


def test_quality_and_price_in_turn_beside_a_social_value_column(tmp_path, db):
    path = tmp_path / "register.csv"
    path.write_text("Ref,Title,Supplier,Value,Start Date,End Date,Quality/Price weighting,Social Value (% of quality)\n"
                    "C1,Cleaning,Acme Ltd,12000,01/04/2023,31/03/2025,60/40,10\n"
                    "C2,Fuel,Bolt Ltd,22000,01/04/2023,31/03/2025,70/30,5\n")
    load_file(path, db=db, kind="contracts")
    assert q(db, "SELECT reference, quality_pct, social_value_pct FROM contracts ORDER BY reference") == [
        ("C1", Decimal("60.00"), Decimal("10.00")), ("C2", Decimal("70.00"), Decimal("5.00"))]
