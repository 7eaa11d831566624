"""Spend by place (lib.geo.queries), worked by hand on the small store placed on real postcodes,
and checked against the strategy's 2019/20 figures on the demo store."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from conftest import insert_small_store
from lib import store, suppliers
from lib.filters import NOT_GIVEN, Filters
from lib.geo import queries as gq
from lib.geo.postcodes import RINGS

FY19, FY20 = Filters(fy="2019/20"), Filters(fy="2020/21")

# The small store's suppliers in the register, on real postcodes (or none):
#   acme           PR1 2HE  Preston, Lancashire      2019/20: 1000 - 200 = 800.00; 2020/21: 300.00
#   beta supplies  WN5 0AA  Wigan, North West        2019/20: 2500.50 + 100 = 2600.50
#   cmd            (none)   Unknown                  2019/20: 499.99
#   gamma          SW1A 1AA Westminster, Rest of UK  2020/21: 1200.00
#   delta gmbh     Germany  Outside UK               2019/20: 300.00 (a line added here)
# The redacted line (750.25) links to no supplier: Unknown.
HAND = {
    "Lancashire": D("800.00"), "North West": D("2600.50"), "Rest of UK": D("0.00"),
    "Outside UK": D("300.00"), "Unknown": D("1250.24"),
}
TOTAL19 = D("4950.74")


@pytest.fixture
def placed_small(geo_db):
    """The small store (plus one line from a German supplier) on the postcode reference, with a
    register, links and locations refreshed as a load would."""
    with store.write(geo_db) as cur:
        insert_small_store(cur)
        cur.execute(
            """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start, amount,
                   supplier_name, supplier_key, is_redacted, department, category, description)
               VALUES (1, '', 11, DATE '2019-07-01', DATE '2019-07-01', '2019/20', 2019, 300.00, 'Delta GmbH',
                       'delta gmbh', FALSE, 'Operations', 'Vehicles', 'Parts')""")
        cur.executemany(
            """INSERT INTO supplier_register (batch_id, sheet, row_number, name, supplier_key, postcode, country)
               VALUES (3, '', ?, ?, ?, ?, ?)""",
            [(2, "Acme Ltd", "acme", "pr1 2he", None), (3, "Beta Supplies", "beta supplies", "WN5 0AA", None),
             (4, "CMD", "cmd", None, None), (5, "Gamma plc", "gamma", "SW1A 1AA", "United Kingdom"),
             (6, "Delta GmbH", "delta gmbh", None, "Germany")])
        suppliers.refresh(cur)
    return geo_db


def amounts(df, key="ring"):
    return dict(zip(df[key], df["amount"]))


def test_rings_by_hand_all_five_in_order(placed_small):
    df = gq.spend_by_ring(store.cursor(placed_small), FY19)
    assert list(df["ring"]) == list(RINGS)
    assert amounts(df) == HAND
    assert sum(df["amount"]) == TOTAL19
    assert dict(zip(df["ring"], df["lines"])) == {"Lancashire": 2, "North West": 2, "Rest of UK": 0,
                                                 "Outside UK": 1, "Unknown": 2}


def test_unknown_row_is_there_even_with_nothing_unknown(placed_small):
    df = gq.spend_by_ring(store.cursor(placed_small), FY20)
    assert list(df["ring"]) == list(RINGS)
    assert amounts(df) == {"Lancashire": D("300.00"), "North West": D("0.00"), "Rest of UK": D("1200.00"),
                           "Outside UK": D("0.00"), "Unknown": D("0.00")}


def test_percentages_by_hand(placed_small):
    s = gq.ring_summary(store.cursor(placed_small), FY19)
    assert s["total"] == TOTAL19 and s["lancashire"] == D("800.00") and s["north_west"] == D("3400.50")
    assert s["unknown"] == D("1250.24")
    # exact Decimal shares, two decimals, half up: 800 / 4950.74 = 16.159…%
    assert (s["local_pct"], s["north_west_pct"], s["unknown_pct"]) == (D("16.16"), D("68.69"), D("25.25"))


def test_filters_apply_through_where_clause(placed_small):
    cur = store.cursor(placed_small)
    ops = gq.spend_by_ring(cur, FY19.replace(departments=("Operations",)))
    assert amounts(ops) == {"Lancashire": D("800.00"), "North West": D("0.00"), "Rest of UK": D("0.00"),
                            "Outside UK": D("300.00"), "Unknown": D("750.25")}
    june = gq.spend_by_ring(cur, FY19.replace(month_from=date(2019, 6, 1), month_to=date(2019, 6, 1)))
    assert amounts(june)["Unknown"] == D("750.25") and sum(june["amount"]) == D("750.25")


def test_rings_by_department_month_category_year(placed_small):
    cur = store.cursor(placed_small)
    dept = gq.rings_by(cur, FY19, "department").set_index("label")
    assert list(dept.index) == ["Estates", "Operations", NOT_GIVEN]  # largest first
    assert dept.loc["Operations", "Lancashire"] == D("800.00") and dept.loc["Operations", "Unknown"] == D("750.25")
    assert dept.loc["Operations", "Outside UK"] == D("300.00") and dept.loc["Operations", "total"] == D("1850.25")
    assert dept.loc[NOT_GIVEN, "Unknown"] == D("499.99") and dept.loc["Estates", "north_west_pct"] == 100.0
    month = gq.rings_by(cur, FY19, "month")
    assert list(month["label"]) == [date(2019, 4, 1), date(2019, 5, 1), date(2019, 6, 1), date(2019, 7, 1),
                                    date(2020, 3, 1)]
    assert list(month["total"]) == [D("800.00"), D("2600.50"), D("750.25"), D("300.00"), D("499.99")]
    cat = gq.rings_by(cur, FY19, "category").set_index("label")
    assert cat.loc["Vehicles", "Lancashire"] == D("800.00") and cat.loc["Vehicles", "Outside UK"] == D("300.00")
    assert cat.loc["Vehicles", "local_pct"] == D("72.73")  # 800 / 1100
    years = gq.rings_by(cur, Filters(), "fy")
    assert list(years["label"]) == ["2019/20", "2020/21"]
    assert list(years["total"]) == [TOTAL19, D("1500.00")]
    for df in (dept, month, cat, years):  # every ring column, Unknown included, adds to the total
        assert all(sum(r[ring] for ring in RINGS) == r["total"] for _, r in df.iterrows())
    with pytest.raises(ValueError):
        gq.rings_by(cur, FY19, "supplier; DROP TABLE transactions")


def test_spend_by_district_adds_up_to_all_spend(placed_small):
    df = gq.spend_by_district(store.cursor(placed_small), FY19)
    assert sum(df["amount"]) == TOTAL19
    known = df["district_code"].notna()
    named = {r.district_name: (r.ring, r.amount) for r in df[known].itertuples()}
    assert named == {"Preston": ("Lancashire", D("800.00")), "Wigan": ("North West", D("2600.50"))}
    unplaced = {r.ring: r.amount for r in df[~known].itertuples()}
    assert unplaced == {"Unknown": D("1250.24"), "Outside UK": D("300.00")}
    assert set(df.loc[df["district_code"].isna(), "district_name"]) == {gq.NO_DISTRICT}


def test_supplier_points_and_a_districts_suppliers(placed_small):
    cur = store.cursor(placed_small)
    pts = gq.supplier_points(cur, FY19).set_index("name")
    assert set(pts.index) == {"Acme Ltd", "Beta Supplies", "CMD", "Delta GmbH"}  # the redacted line has none
    assert pts.loc["Beta Supplies", "amount"] == D("2600.50") and pts.loc["Beta Supplies", "postcode"] == "WN5 0AA"
    assert pts.loc["Acme Ltd", "district_name"] == "Preston" and 53.7 < pts.loc["Acme Ltd", "lat"] < 53.8
    assert pts.loc["CMD", "ring"] == "Unknown" and pts.loc["CMD", "lat"] != pts.loc["CMD", "lat"]  # NaN: no place
    # points + unlinked (redacted) spend = all spend
    assert sum(pts["amount"]) + D("750.25") == TOTAL19
    preston = gq.district_suppliers(cur, FY19, "E07000123")
    assert list(preston["name"]) == ["Acme Ltd"] and list(preston["amount"]) == [D("800.00")]
    assert gq.district_suppliers(cur, FY19, "E08000012").empty  # Liverpool: nobody


def test_where_local_spend_could_grow(placed_small):
    cur = store.cursor(placed_small)
    cats = gq.local_growth_categories(cur, FY19)
    # Only Vehicles has a Lancashire supplier (Acme); Utilities (Beta, North West) has none.
    assert list(cats["category"]) == ["Vehicles"]
    row = cats.iloc[0]
    assert (row.lancashire_suppliers, row.lancashire_amount) == (1, D("800.00"))
    assert (row.non_local_suppliers, row.non_local_amount, row.outside_uk_amount) == (1, D("300.00"), D("300.00"))
    sups = gq.local_growth_suppliers(cur, FY19)
    assert list(sups["name"]) == ["Delta GmbH"] and list(sups["ring"]) == ["Outside UK"]


def test_targets_and_the_spend_that_would_have_to_move(placed_small):
    with store.write(placed_small) as cur:
        cur.execute("INSERT INTO targets (measure, from_fy, value, direction) VALUES ('local_pct', '2022/23', 45, 'at_least')")
    cur = store.cursor(placed_small)
    assert gq.ring_targets(cur, "2018/19") == {"local": None, "north_west": None}
    assert gq.ring_targets(cur, "2021/22")["local"]["value"] == D("39.00")  # the 2019/20 row still applies
    assert gq.ring_targets(cur, "2023/24")["local"]["value"] == D("45.00")
    assert gq.ring_targets(cur, None)["local"]["from_fy"] == "2022/23"  # no year chosen: the latest
    gap = gq.target_gap(cur, FY19)
    # 39% of £4,950.74 = £1,930.79 (to the penny); Lancashire has £800.00: £1,130.79 must move.
    assert gap["local"]["target_amount"] == D("1930.79") and gap["local"]["to_move"] == D("1130.79")
    # 58% = £2,871.43; Lancashire + North West already £3,400.50: nothing has to move.
    assert gap["north_west"]["target_amount"] == D("2871.43") and gap["north_west"]["to_move"] == D("0.00")
    with pytest.raises(ValueError):
        gq.ring_targets(cur, "2019")


def test_nothing_matches(placed_small):
    cur = store.cursor(placed_small)
    none = Filters(fy="2030/31")
    assert list(gq.spend_by_ring(cur, none)["amount"]) == [D("0.00")] * 5
    s = gq.ring_summary(cur, none)
    assert s["local_pct"] is None and s["unknown_pct"] is None
    assert gq.rings_by(cur, none, "category").empty
    assert gq.spend_by_district(cur, none).empty and gq.supplier_points(cur, none).empty
    assert gq.local_growth_categories(cur, none).empty


def test_demo_2019_20_matches_the_strategy_and_the_map_matches_the_tables(demo_db):
    """The demo force is fitted to the strategy: 39% local, 58% North West in 2019/20."""
    from lib import maps
    from lib.geo.shapes import build_shapes, load_shapes

    cur = store.cursor(demo_db)
    s = gq.ring_summary(cur, FY19)
    assert round(s["local_pct"], 1) == 39.0 and round(s["north_west_pct"], 1) == 58.0
    total = cur.execute("SELECT sum(amount) FROM transactions WHERE fy = '2019/20'").fetchone()[0]
    assert s["total"] == total
    by_district = gq.spend_by_district(cur, FY19)
    assert sum(by_district["amount"]) == total
    direct = dict(cur.execute("SELECT ring, sum(amount) FROM spend_located WHERE fy = '2019/20' GROUP BY ring").fetchall())
    assert {k: v for k, v in amounts(gq.spend_by_ring(cur, FY19)).items() if v} == direct
    for ring, amount in amounts(gq.spend_by_ring(cur, FY19)).items():  # the district table, ring by ring
        assert sum(by_district.loc[by_district["ring"] == ring, "amount"], D("0")) == amount
    build_shapes(demo_db)
    shapes = load_shapes(cur)
    fig = maps.district_choropleth(shapes, by_district, "Spend by district, 2019/20 (£)")
    assert D(fig.layout.meta["total"]) == total
    assert D(fig.layout.meta["on_map"]) + D(fig.layout.meta["off_map"]) == total
    # Every pound of Lancashire and North West spend placed in a district is drawn on the map.
    region = by_district[by_district["ring"].isin(["Lancashire", "North West"]) & by_district["district_code"].notna()]
    assert D(fig.layout.meta["on_map"]) >= sum(region["amount"])
    pts = gq.supplier_points(cur, FY19)
    bubbles = maps.supplier_bubbles(shapes, pts, "Suppliers, 2019/20 (£)", total=s["total"])
    assert D(bubbles.layout.meta["total"]) == total
    assert D(bubbles.layout.meta["on_map"]) + D(bubbles.layout.meta["off_map"]) == total


def test_same_places_as_grouping_spend_located_line_by_line(placed_small):
    from lib.filters import where_clause

    cur = store.cursor(placed_small)
    for f in (FY19, FY20, Filters(), FY19.replace(departments=("Operations", NOT_GIVEN)),
              Filters(suppliers=("acme", "redacted personal data"))):
        where, params = where_clause(f)
        direct = cur.execute(
            f"SELECT ring, coalesce(district_code, ''), sum(amount), count(*) FROM spend_located WHERE {where} "
            "GROUP BY ALL", params).fetchall()
        ours = gq.spend_by_district(cur, f)
        assert sorted(direct) == sorted(
            (r.ring, r.district_code if isinstance(r.district_code, str) else "", r.amount, r.lines)
            for r in ours.itertuples())
