"""Three contracts-register layouts that stored a figure the scorecard reads wrongly, with no word:

- a council's "Procurement Type" over "Framework - ESPO", "Mini-competition", "Open", "Quotation" was
  taken for the category, so no contract had a route and none counted as let collaboratively (65 of
  120 in the register tried). Its cells say how each contract was let: it is the route, found by its
  content. A "Procurement Type" of Goods, Services and Works stays the category;
- weightings typed "0.1" and "0.05" among "10%", "10" and "5" were stored as 0.1% and 0.05%, under
  the policy's 2.5% minimum: they are read as 10% and 5%, said in a warning;
- "Social Value Weighting (% of total evaluation)" was stored as a share of quality, the policy's
  measure: 2% of the whole with quality at 40% is 5% of quality, and is read so, said in a warning.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib.ingest import load_file

SUPPLIERS = ["Civica UK Ltd", "Kier Facilities Services Ltd", "Bluelight Fleet Ltd", "Capita Business Services Ltd",
             "Reed Specialist Recruitment Ltd"]


def _load(tmp_path, last_headers: str, cells: list[str]):
    """A register of len(cells) contracts, its last columns ``last_headers`` holding ``cells``: (result, store)."""
    path, db = tmp_path / "contracts.csv", tmp_path / "c.duckdb"
    rows = [_contract(i, c) for i, c in enumerate(cells)]
    path.write_text("Reference,Title,Supplier,Start Date,End Date,Value (£)," + last_headers + "\n" + "\n".join(rows)
                    + "\n", encoding="utf-8")
    return load_file(path, db=db, kind="contracts"), db


def _contract(i: int, extra: str) -> str:
    return (f"DN{380000 + i},Service contract {i},{SUPPLIERS[i % 5]},05/06/20{19 + i % 5},04/06/20{24 + i % 3},"
            f"{10000 + 1000 * i}.00,{extra}")


def test_a_procurement_type_of_routes_is_the_route(tmp_path):
    routes = ["Framework - ESPO", "Mini-competition", "Open", "Quotation", "Call-off - CCS RM6187", "Framework - YPO"]
    res, db = _load(tmp_path, "Procurement Type", routes * 6)
    assert res.rows_loaded == 36
    assert res.as_json()["columns"]["route"] == {"column": "Procurement Type", "found": "content"}
    # framework, mini-competition, call-off: let with others; open tender and quotation: alone
    assert q(db, "SELECT count(*) FILTER (WHERE is_collaborative), count(*) FROM contracts_current") == [(24, 36)]


def test_a_procurement_type_of_goods_and_services_stays_the_category(tmp_path):
    res, _ = _load(tmp_path, "Procurement Type", ["Goods", "Services", "Works"] * 10)
    cols = res.as_json()["columns"]
    assert "route" not in cols and cols["category"]["column"] == "Procurement Type"


def test_fractions_among_percentages_are_percentages(tmp_path):
    res, db = _load(tmp_path, "Social Value Weighting", ["10%", "10", "5", "0.1", "0.05", "15%"] * 5)
    assert q(db, "SELECT DISTINCT social_value_pct FROM contracts_current ORDER BY 1") == [
        (Decimal("5.00"),), (Decimal("10.00"),), (Decimal("15.00"),)]
    assert [w for w in res.warnings if "10 weightings in 'Social Value Weighting' written as a fraction" in w]


def test_social_value_of_the_whole_evaluation_is_read_as_of_quality(tmp_path):
    res, db = _load(tmp_path, "Price Weighting %,Quality Weighting %,Social Value Weighting (% of total evaluation)",
                    [f"{60 - 10 * k},{40 + 10 * k},{(2, 5, 10)[k]}" for k in range(3)] * 10)
    # 2 of the whole with quality 40 is 5% of quality; 5 with 50 is 10%; 10 with 60 is 16.67%
    assert q(db, "SELECT quality_pct, social_value_pct, count(*) FROM contracts_current GROUP BY ALL ORDER BY 1") == [
        (Decimal("40.00"), Decimal("5.00"), 10), (Decimal("50.00"), Decimal("10.00"), 10),
        (Decimal("60.00"), Decimal("16.67"), 10)]
    assert [w for w in res.warnings if "share of the whole evaluation: 30 weightings read as a share of quality" in w]
