"""The charts show the target on the demo force (tests/conftest.py demo_db): the scorecard's bars
and the Overview tiles are zoomed to the figures with the target drawn as a labelled line and met
and not met told apart (colour, and a ✓/✗ in the text); the Map writes the district names and
keeps the distance from target apart from the change on last year."""
from __future__ import annotations

import json

from apptools import metrics
from test_scorecard_pages import run_app

LANCASHIRE = {"Blackburn with Darwen", "Blackpool", "Burnley", "Chorley", "Fylde", "Hyndburn", "Lancaster", "Pendle",
              "Preston", "Ribble Valley", "Rossendale", "South Ribble", "West Lancashire", "Wyre"}


def figures(at) -> dict[str, dict]:
    """The page's Plotly figures by their element key (AppTest keeps it at the end of the id)."""
    return {el.proto.id.rsplit("-", 1)[-1]: json.loads(el.proto.spec) for el in at.get("plotly_chart")}


def figure(at, key: str) -> dict:
    found = [json.loads(el.proto.spec) for el in at.get("plotly_chart") if el.proto.id.endswith(key)]
    assert found, f"no chart {key}: {list(figures(at))}"
    return found[0]


def test_scorecard_bars_zoom_to_the_target(demo_db):
    # the demo's on-contract share: 91.70% in 2019/20 (target 92.00% missed), 93.20% in 2025/26 (met)
    at = run_app("pages/scorecard.py", fy="2025/26")
    fig = figure(at, "sc_trend")
    bars = {t["name"]: t for t in fig["data"] if t["type"] == "bar"}
    met, missed = bars["✓ Met target"], bars["✗ Not met"]
    assert met["marker"]["color"] != missed["marker"]["color"]
    assert missed["marker"]["pattern"]["shape"] == "/"  # not colour alone: hatched, and ✗ in its label
    assert "2019/20" in missed["x"] and "91.70% ✗" in missed["text"]
    assert "2025/26" in met["x"] and "93.20% ✓" in met["text"]
    target = [t for t in fig["data"] if t["name"] == "Target 92.00%"]
    assert target and target[0]["line"]["dash"] == "dash" and set(target[0]["y"]) == {92.0}
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["<b>Target<br>92.00%</b>"]  # at the line
    # every bar labelled under its year, on the axis, where the target line cannot run through it
    ticks = dict(zip(fig["layout"]["xaxis"]["tickvals"], fig["layout"]["xaxis"]["ticktext"]))
    assert ticks["2019/20"] == "2019/20<br><b>91.70% ✗</b>" and ticks["2025/26"] == "2025/26<br><b>93.20% ✓</b>"
    assert list(ticks) == fig["layout"]["xaxis"]["categoryarray"]
    lo, hi = fig["layout"]["yaxis"]["range"]
    assert 80 <= lo < 91.7 and 93.2 < hi <= 100  # zoomed: 91.70% and 93.20% do not look alike
    assert "axis from" in fig["layout"]["yaxis"]["title"]["text"]


def test_overview_tiles_draw_the_target(demo_db):
    at = run_app(fy="2025/26")
    spark = figure(at, "spark_on_contract_pct")
    (line,) = spark["layout"]["shapes"]
    assert line["y0"] == line["y1"] == 92.0 and line["line"]["dash"] == "dash"
    assert [a["text"] for a in spark["layout"]["annotations"]] == ["Target 92.00%"]
    latest = spark["data"][-1]
    assert latest["text"] == [f"{metrics(at)['On contract'].value} ✓"]
    lo, hi = spark["layout"]["yaxis"]["range"]
    assert lo > 80 and hi <= 100
    # social value missed its 100% target: the latest point says so in its mark, not by colour alone
    sv = figure(at, "spark_social_value_pct")
    assert sv["data"][-1]["text"][0].endswith("✗") and sv["data"][-1]["marker"]["symbol"] == "x"
    assert sv["data"][-1]["marker"]["color"] != latest["marker"]["color"]


def _names(fig: dict) -> set[str]:
    (trace,) = [t for t in fig["data"] if t.get("name") == "District names"]
    return {t.replace("<br>", " ") for t in trace["text"]}


def test_map_names_the_districts(demo_db):
    at = run_app("pages/map.py", fy="2025/26")
    names = _names(figure(at, "map_districts"))
    # the whole region: the cities and the largest districts, and the Lancashire names that fit
    assert {"Manchester", "Liverpool", "Cumberland", "Westmorland and Furness", "Cheshire East"} <= names
    assert len(names & LANCASHIRE) >= 8
    assert any("Contains OS data" in a["text"] for a in figure(at, "map_districts")["layout"]["annotations"])
    at.radio(key="map_extent").set_value("lancashire").run()
    assert not at.exception
    assert _names(figure(at, "map_districts")) >= LANCASHIRE
    at.button_group(key="map_layer").set_value("suppliers").run()
    assert _names(figure(at, "map_suppliers")) >= LANCASHIRE


def test_map_target_apart_from_change_on_last_year(demo_db):
    at = run_app("pages/map.py", fy="2025/26")
    m = metrics(at)
    # the demo's local share: 43.00% in 2024/25, 43.80% in 2025/26 against a 39.00% target
    assert m["Local (Lancashire)"].value == "43.80%"
    assert m["Local (Lancashire)"].delta == "+0.80 pts" and m["Local (Lancashire)"].delta_description == "vs 2024/25"
    texts = [md.value for md in at.markdown]
    assert any(t.startswith(":material/flag: 4.80 pts above target 39.00%") and "**Met**" in t for t in texts)
    assert not any("pts above" in (x.delta or "") for x in at.metric)


def test_overview_categories_in_groups_with_no_dominant_other(demo_db):
    at = run_app(fy="2025/26")
    fig = figure(at, "ov_cat")
    assert fig["layout"]["title"]["text"] == "Spend by category group"
    (bars,) = fig["data"]
    amounts = dict(zip([c[1] for c in bars["customdata"]], bars["x"]))
    others = {k: v for k, v in amounts.items() if k.startswith("Other (")}
    largest = max(v for k, v in amounts.items() if k not in others)
    assert all(v < largest and v <= 0.2 * sum(amounts.values()) for v in others.values())
    assert len(amounts) <= 21 and "Vehicles and fleet" in amounts
    # each bar's hover says which categories it holds
    assert any("categories: " in c[3] and "Fuel" in c[3] for c in bars["customdata"])


def test_drill_from_a_category_group(small_store):
    at = run_app(fy="2019/20")
    at.selectbox(key="ov_cat_pick").select("Vehicles and fleet (£800.00)").run()
    at.button(key="ov_cat_go").click().run()
    assert not at.exception
    assert at.multiselect(key="flt_categories").value == ["Vehicles"]
    m = metrics(at)
    assert (m["Total"].value, m["Lines"].value) == ("£800.00", "2")


def test_a_group_staff_chose_shows_on_the_overview(small_store):
    from lib import categories

    categories.set_groups({"IT": "Vehicles and fleet"}, "Sam Jones", small_store)
    at = run_app(fy="2019/20")
    assert "Vehicles and fleet (£1,299.99)" in at.selectbox(key="ov_cat_pick").options


def test_all_years_trend_says_which_years_it_draws(demo_db):
    """The demo holds seven years; the monthly chart has six line colours: under 'All years' it draws the
    latest six and its title says so, rather than leave out 2019/20 without a word."""
    at = run_app(fy="All years")
    fig = figure(at, "ov_trend")
    assert [t["name"] for t in fig["data"]] == ["2025/26", "2024/25", "2023/24", "2022/23", "2021/22", "2020/21"]
    assert fig["layout"]["title"]["text"].replace("<br>", " ").startswith("Monthly spend by financial year (the latest 6 of 7 years)")
    at = run_app(fy="2025/26")
    assert figure(at, "ov_trend")["layout"]["title"]["text"].replace("<br>", " ").startswith("Monthly spend, 2025/26 against the year before")
    assert "latest" not in figure(at, "ov_trend")["layout"]["title"]["text"]
