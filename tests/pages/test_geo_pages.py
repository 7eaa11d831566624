"""The Map and Local and regional spend pages through AppTest: the figures shown are the store's
(39.00% local and 58.00% North West in the demo's 2019/20), the maps are the offline SVG ones with
their attribution, the map adds up to the tables, and every empty case says what to do next."""
from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from lib import store
from lib.filters import Filters
from lib.geo import queries as gq
from apptools import frame_with, labels, metrics, pounds, shown, table_with
from test_pages import run_app

MAP, RINGS = "pages/map.py", "pages/rings.py"


def figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def titles(at) -> list[str]:
    return [f["layout"]["title"]["text"].replace("<br>", " ") for f in figures(at)]


@pytest.mark.parametrize("page", [MAP, RINGS])
def test_empty_store_says_what_to_do(fresh_db, page):
    at = run_app(page)
    assert any("upload a file on the Upload page" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_map_without_the_postcode_reference(small_store):
    at = run_app(MAP, fy="2019/20")
    m = metrics(at)
    assert m["Unknown location"].value == "100.00%"  # nothing can be placed: all of it shown as unknown
    assert m["Local (Lancashire)"].value == "0.00%"
    assert any("python -m lib.cli postcode --build" in i.value for i in at.info)
    assert any("No spend here is placed in a district yet" in i.value for i in at.info)


def test_map_page_on_the_demo_2019_20(demo_db):
    at = run_app(MAP, fy="2019/20")
    m = metrics(at)
    # 2019/20 is the demo's first year: no change on last year, and the target in words apart from it
    assert m["Local (Lancashire)"].value == "39.00%" and not m["Local (Lancashire)"].delta
    assert any(":material/flag: on target 39.00%" in md.value for md in at.markdown)
    assert m["North West"].value == "58.00%"
    assert m["Unknown location"].value == "0.80%"
    assert m["Total spend"].value == "£44.8M"
    figs = figures(at)
    assert titles(at) == ["Spend by the supplier's district, North West, 2019/20 (£)"]
    at.button_group(key="map_layer").set_value("suppliers").run()
    assert not at.exception
    assert titles(at) == ["Suppliers by spend, North West, 2019/20 (£)"]
    figs += figures(at)
    total = store.cursor(demo_db).execute("SELECT sum(amount) FROM transactions WHERE fy = '2019/20'").fetchone()[0]
    for fig in figs:
        notes = " ".join(a["text"] for a in fig["layout"]["annotations"])
        assert "Contains OS data © Crown copyright and database right." in notes
        assert "Contains National Statistics data © Crown copyright and database right." in notes
        assert fig["layout"]["yaxis"]["scaleanchor"] == "x"
        assert not any(t["type"] in ("scattermap", "choroplethmap", "scattergeo", "choropleth") for t in fig["data"])
        meta = fig["layout"]["meta"]
        assert D(meta["total"]) == total == D(meta["on_map"]) + D(meta["off_map"])  # the map adds up
    assert sum(1 for t in figs[0]["data"] if t.get("fill") == "toself") >= 35
    # The table behind the map adds up to the same total.
    rows = shown(table_with(at, "district_name"))
    assert sum(pounds(rows["amount"])) == total  # as read, '£1,234.56', to the penny


def test_picking_a_district_lists_its_suppliers(demo_db):
    at = run_app(MAP, fy="2019/20")
    district = at.selectbox(key="map_district")
    assert district.value.startswith("E07") or district.value.startswith("E06")  # a Lancashire district first
    at.selectbox(key="map_district").select("E07000123").run()  # Preston
    assert not at.exception
    table = shown(table_with(at, "postcode"))
    expected = gq.district_suppliers(store.cursor(demo_db), Filters(fy="2019/20"), "E07000123")
    assert list(table["name"]) == list(expected["name"]) and len(table) > 0
    assert pounds(table["amount"]) == list(expected["amount"])
    assert any(f"{len(expected):,} suppliers in Preston" in c.value for c in at.caption)


def test_lancashire_view(demo_db):
    at = run_app(MAP, fy="2019/20")
    at.radio(key="map_extent").set_value("lancashire").run()
    assert not at.exception
    assert titles(at)[0] == "Spend by the supplier's district, Lancashire, 2019/20 (£)"


def test_rings_page_on_the_demo_2019_20(demo_db):
    at = run_app(RINGS, fy="2019/20")
    m = metrics(at)
    assert (m["Local (Lancashire)"].value, m["North West"].value, m["Unknown location"].value) == ("39.00%", "58.00%", "0.80%")
    assert any(":material/flag: on target 58.00%" in md.value for md in at.markdown)
    # By financial year (the default): every year, 2019/20 among them with the same figures.
    years = frame_with(at, "local_pct").set_index("label")
    assert len(years) == 7 and round(years.loc["2019/20", "local_pct"], 1) == 39.0
    assert round(years.loc["2019/20", "north_west_pct"], 1) == 58.0
    assert {"Unknown", "Outside UK"} <= set(years.columns)
    assert titles(at)[:2] == ["Local, North West and unknown share of spend by financial year (%)",
                              "Spend by ring and financial year (£)"]
    # The ring outside Lancashire is called so beside the North West share, which counts Lancashire in
    # (the table showed "North West £9.9M" beside the tile's 62.20%)
    assert [t["name"] for t in figures(at)[1]["data"]] == ["Lancashire", "Rest of the North West", "Rest of UK",
                                                            "Outside UK", "Unknown"]
    assert labels(table_with(at, "local_pct"))["North West"] == "Rest of the North West"
    # Where local spend could grow: categories with Lancashire suppliers and non-local spend, read
    # only when opened.
    assert not any("non_local_amount" in df.value.columns for df in at.dataframe)
    at.session_state["rings_growth_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    cats = frame_with(at, "non_local_amount")
    expected = gq.local_growth_categories(store.cursor(demo_db), Filters(fy="2019/20"))
    assert list(cats["category"]) == list(expected["category"]) and len(cats) > 0
    assert any("target of **39.00%**" in md.value for md in at.markdown)


def test_rings_by_department(demo_db):
    at = run_app(RINGS, fy="2019/20")
    at.button_group(key="rings_by").set_value("department").run()
    assert not at.exception
    table = shown(table_with(at, "local_pct"))
    ring = gq.spend_by_ring(store.cursor(demo_db), Filters(fy="2019/20"))
    assert sum(pounds(table["total"])) == sum(ring["amount"])  # the rings table adds up to all spend
    assert titles(at) == ["Spend by ring and department (£)"]
