"""District shapes (lib.geo.shapes) and the maps drawn on them (lib.maps): offline SVG traces in
British National Grid metres, titled in £, attributed, and printable through kaleido."""
from __future__ import annotations

import shutil
from decimal import Decimal as D

import pandas as pd
import pytest
import shapely

from lib import maps, store
from lib.geo import shapes as geo_shapes
from lib.geo.postcodes import ATTRIBUTION, RINGS_CSV

NORTH_WEST = pd.read_csv(RINGS_CSV, dtype=str)  # the 35 districts of region E12000002


@pytest.fixture(scope="module")
def shapes_db(tmp_path_factory, reference_template):
    """A copy of the reference store with the district shapes built once for this module."""
    path = tmp_path_factory.mktemp("shapes") / "shapes.duckdb"
    shutil.copyfile(reference_template, path)
    first = geo_shapes.build_shapes(path)
    yield path, first
    store.close(path)


@pytest.fixture(scope="module")
def shapes(shapes_db):
    return geo_shapes.load_shapes(store.cursor(shapes_db[0]))


def test_shapes_cover_all_35_north_west_districts(shapes):
    region = shapes[shapes["in_region"]]
    assert len(NORTH_WEST) == 35
    assert set(region["district_code"]) == set(NORTH_WEST["district_code"])
    assert set(region.loc[region["ring"] == "Lancashire", "district_code"]) == set(
        NORTH_WEST.loc[NORTH_WEST["ring"] == "Lancashire", "district_code"])
    # neighbours for context: Wales, Yorkshire, Scotland at least
    others = shapes[~shapes["in_region"]]
    assert {"E08000033", "E06000065"} <= set(others["district_code"])  # Calderdale, North Yorkshire
    assert others["district_code"].str.startswith("W").any() and others["district_code"].str.startswith("S").any()


def test_shapes_are_a_valid_simplified_coverage_in_metres(shapes):
    geoms = shapely.from_wkt(shapes["geom_wkt"].to_numpy())
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)  # neighbours share edges: no gaps or overlaps between them
    assert 1_000 <= shapes["vertices"].sum() <= 8_000  # "a few thousand vertices"
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    assert 250_000 < x0 < x1 < 480_000 and 300_000 < y0 < y1 < 640_000  # BNG metres, around the North West
    labels = shapely.points(shapes["label_x"], shapes["label_y"])
    assert shapely.contains(geoms, labels).all()
    areas = dict(zip(shapes["district_name"], shapes["area_km2"]))
    # Roughly right: Westmorland and Furness (3,756 km² official) is the largest, Blackpool (35 km²) small.
    assert areas["Westmorland and Furness"] > 3000 and areas["Blackpool"] < 120
    assert 80 < areas["Preston"] < 250  # official 142 km²


def test_shapes_are_deterministic_and_built_once(shapes_db, shapes):
    path, first = shapes_db
    assert first["built"] and first["districts"] == len(shapes)
    assert geo_shapes.shapes_built(path)
    assert geo_shapes.build_shapes(path) == {"built": False, "districts": len(shapes),
                                             "vertices": int(shapes["vertices"].sum())}
    again = geo_shapes.compute_shapes(store.cursor(path))
    assert list(again["geom_wkt"]) == list(shapes["geom_wkt"])
    assert geo_shapes.ensure_shapes(path) is False


def test_shapes_need_the_reference(fresh_db):
    assert not geo_shapes.shapes_built(fresh_db)
    with pytest.raises(geo_shapes.ReferenceMissing):
        geo_shapes.build_shapes(fresh_db)


def _by_district(shapes: pd.DataFrame) -> pd.DataFrame:
    """Made-up spend: Preston £1.2M, Wigan £45k, Leeds (context) £10k, Manchester nothing,
    Blackpool net negative (a credit), plus Unknown and Outside UK with no district."""
    code = dict(zip(shapes["district_name"], shapes["district_code"]))
    rows = [(code["Preston"], "Preston", "Lancashire", D("1200000.00")),
            (code["Wigan"], "Wigan", "North West", D("45000.50")),
            (code["Blackpool"], "Blackpool", "Lancashire", D("-20.00")),
            ("E08000035", "Leeds", "Rest of UK", D("10000.00")),
            ("E09000001", "City of London", "Rest of UK", D("5000.00")),
            (None, "(district not known)", "Unknown", D("700.25")),
            (None, "(district not known)", "Outside UK", D("99.75"))]
    return pd.DataFrame(rows, columns=["district_code", "district_name", "ring", "amount"])


def _annotations(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations)


def test_choropleth_figure(shapes):
    fig = maps.district_choropleth(shapes, _by_district(shapes), "Spend by district, 2019/20 (£)")
    assert fig.layout.title.text == "Spend by district, 2019/20 (£)"
    flat = _annotations(fig).replace("<br>", " ")
    assert "Contains OS data © Crown copyright and database right." in flat
    assert "Contains National Statistics data © Crown copyright and database right." in flat
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == len(shapes)  # one filled SVG trace per district, no map tiles
    assert not any(t.type in ("scattermap", "choroplethmap", "scattergeo", "choropleth") for t in fig.data)
    by_name = {t.name.split(":")[0]: t for t in fills}
    assert by_name["Manchester"].fillcolor == maps.NO_SPEND  # no spend: grey
    assert by_name["Blackpool"].fillcolor == maps.NO_SPEND  # net credit: grey, not a colour
    assert by_name["Preston"].fillcolor != by_name["Wigan"].fillcolor != maps.NO_SPEND
    assert by_name["Preston"].name == "Preston: £1.20M"  # district names on hover
    bar = [t for t in fig.data if t.marker and t.marker.showscale]
    assert len(bar) == 1 and bar[0].marker.colorbar.title.text == "Spend (£)"
    assert all(txt.startswith("£") for txt in bar[0].marker.colorbar.ticktext)
    meta = fig.layout.meta
    assert D(meta["total"]) == D("1260780.50")  # every row of the table
    # Preston + Wigan + Blackpool: Leeds is drawn pale for context, its spend in its hover, but counted
    # with the Rest of UK off the map, so the note's Rest of UK is the ring's whole figure
    assert D(meta["on_map"]) == D("1244980.50")
    assert D(meta["off_map"]) == D("15800.00")
    assert D(meta["on_map"]) + D(meta["off_map"]) == D(meta["total"])
    assert meta["off_map_by_ring"] == {"Rest of UK": "15000.00", "Unknown": "700.25", "Outside UK": "99.75"}
    assert by_name["Leeds"].name == "Leeds: £10.0k (outside the North West)"


def test_supplier_bubbles_figure(shapes):
    pts = pd.DataFrame([
        ("ID:1", "Preston Plumbing", "PR1 2HE", "Lancashire", "E07000123", "Preston", 53.7597, -2.6993, False, D("5000.00"), 3),
        ("ID:2", "Wigan Wheels", "WN5 0AA", "North West", "E08000010", "Wigan", 53.5439, -2.6640, False, D("300.00"), 1),
        ("ID:3", "London Ltd", "SW1A 1AA", "Rest of UK", "E09000033", "Westminster", 51.501, -0.1416, False, D("900.00"), 2),
        ("ID:4", "Nowhere Co", None, "Unknown", None, None, None, None, False, D("50.00"), 1),
    ], columns=["supplier_ref", "name", "postcode", "ring", "district_code", "district_name", "lat", "lon",
                "approximate", "amount", "lines"])
    fig = maps.supplier_bubbles(shapes, pts, "Suppliers by spend, 2019/20 (£)", total=D("6500.00"))
    assert "(£)" in fig.layout.title.text and ATTRIBUTION.split(". ")[0] in _annotations(fig)
    bubbles = {t.name: t for t in fig.data if t.mode == "markers"}
    # London is off the map, Unknown has no place; the ring outside Lancashire is named as what it is
    assert set(bubbles) == {"Lancashire (1)", "Rest of the North West (1)"}
    assert bubbles["Lancashire (1)"].marker.color == maps.RING_COLOURS["Lancashire"]
    assert list(bubbles["Lancashire (1)"].customdata[0][:2]) == ["ID:1", "Preston Plumbing"]
    x, y = bubbles["Lancashire (1)"].x[0], bubbles["Lancashire (1)"].y[0]
    assert abs(x - 354_000) < 2_000 and abs(y - 429_000) < 2_000  # PR1 in BNG metres
    meta = fig.layout.meta
    assert (D(meta["on_map"]), D(meta["off_map"]), D(meta["total"])) == (D("5300.00"), D("1200.00"), D("6500.00"))
    assert meta["off_map_by_ring"] == {"Rest of UK": "900.00", "Unknown": "300.00"}  # 50 + 250 not linked


def test_lancashire_extent_zooms_in_and_names_districts(shapes):
    nw = maps.district_choropleth(shapes, _by_district(shapes), "NW (£)")
    lancs = maps.district_choropleth(shapes, _by_district(shapes), "Lancashire (£)", extent="lancashire")
    assert (lancs.layout.xaxis.range[1] - lancs.layout.xaxis.range[0]) < (nw.layout.xaxis.range[1] - nw.layout.xaxis.range[0])
    assert any(t.mode == "text" and "Preston" in list(t.text) for t in lancs.data)
    with pytest.raises(ValueError):
        maps.district_choropleth(shapes, _by_district(shapes), "x", extent="world")


def test_empty_map_still_attributed(shapes):
    fig = maps.empty_map(shapes, "Spend by district (£)", "No spend matches these filters")
    assert "Contains OS data" in _annotations(fig)
    assert "Contains OS data" in _annotations(maps.empty_map(None, "Spend (£)", "No shapes"))


def test_kaleido_renders_a_png(shapes):
    fig = maps.district_choropleth(shapes, _by_district(shapes), "Spend by district, 2019/20 (£)")
    png = fig.to_image(format="png", width=700, height=700)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_cli_shapes(tmp_path, reference_template):
    import json
    import subprocess
    import sys
    from pathlib import Path

    db = tmp_path / "cli.duckdb"
    shutil.copyfile(reference_template, db)
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-m", "lib.cli", "shapes", "--db", str(db)], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["built"] and out["districts"] >= 35 and "District shapes ready" in run.stderr
    again = subprocess.run([sys.executable, "-m", "lib.cli", "shapes", "--db", str(db)], cwd=root,
                           capture_output=True, text=True, timeout=120)
    assert json.loads(again.stdout)["built"] is False
