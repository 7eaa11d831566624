"""Approximate district shapes, derived from the postcode points and cached in the store.

No open package ships district boundary polygons, so they are drawn from Code-Point Open: every
cell of a 500 m grid over the North West (and a 20 km fringe of its neighbours, for context)
takes the district of its nearest located unit postcode; a cell more than 2.5 km from any
postcode is sea or empty moor (enclosed gaps are filled, so lakes and fells stay inside their
district). Cells are merged per district into a polygonal coverage, then simplified with
coverage simplification, so neighbouring districts still share their edges exactly.

The result is in British National Grid metres (EPSG:27700), a few thousand vertices in all,
deterministic (same reference, same shapes), built in a few seconds and stored in the
``district_shapes`` table (m006). These are approximations for a spend map, not official
boundaries. Contains OS data © Crown copyright and database right; Contains National
Statistics data © Crown copyright and database right.
"""
from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd

from lib import store

CELL_M = 500          # grid cell side
LAND_M = 2500         # a cell further than this from every postcode is not land
HALO_M = 20000        # how far into neighbouring districts the map reaches
SIMPLIFY_M = 700      # coverage simplification tolerance (≈ sqrt of the triangle area dropped)
REGION_RINGS = ("Lancashire", "North West")
PARAMS = {"cell_m": CELL_M, "land_m": LAND_M, "halo_m": HALO_M, "simplify_m": SIMPLIFY_M, "v": 1}
SOURCE = (f"Approximate shape: {CELL_M} m grid cells assigned to the district of the nearest unit "
          f"postcode in Code-Point Open, land within {LAND_M / 1000:g} km of a postcode, simplified; "
          "not an official boundary")
META = "district_shapes"


class ReferenceMissing(RuntimeError):
    """The postcode reference the shapes are drawn from is not in the store."""


def _reference_sha(cur) -> str | None:
    row = cur.execute("SELECT source_sha256 FROM reference_meta WHERE name = 'codepoint'").fetchone()
    return row[0] if row else None


def _stamp(reference_sha: str) -> str:
    """What the shapes were built from: the reference file and these parameters."""
    return hashlib.sha256((reference_sha + json.dumps(PARAMS, sort_keys=True)).encode()).hexdigest()


def shapes_built(db=None, cur=None) -> bool:
    """True when district_shapes holds shapes built from the store's current postcode reference."""
    own = cur is None
    cur = store.cursor(db) if own else cur
    try:
        ref = _reference_sha(cur)
        row = cur.execute("SELECT source_sha256 FROM reference_meta WHERE name = ?", [META]).fetchone()
        return bool(ref and row and row[0] == _stamp(ref))
    finally:
        if own:
            cur.close()


def built_stamp(cur) -> str | None:
    """What the stored shapes were built from (changes when they are rebuilt); None if never built."""
    row = cur.execute("SELECT source_sha256 FROM reference_meta WHERE name = ?", [META]).fetchone()
    return row[0] if row else None


def compute_shapes(cur, progress=None) -> pd.DataFrame:
    """District shapes from the postcode reference on ``cur``; nothing is written.

    Returns one row per district drawn: district_code, district_name, ring, in_region,
    geom_wkt, label_x, label_y, area_km2, vertices, source. Raises ReferenceMissing when the
    postcode reference is not built.
    """
    import shapely
    from scipy import ndimage
    from scipy.spatial import cKDTree
    from shapely.ops import polylabel

    say = progress or (lambda f, t: None)
    if not _reference_sha(cur):
        raise ReferenceMissing("the postcode reference is not built: run python -m lib.cli postcode --build")
    say(0.05, "Reading the North West's postcodes")
    districts = cur.execute("SELECT district_code, district_name, ring FROM districts").df()
    region = set(districts.loc[districts["ring"].isin(REGION_RINGS), "district_code"])
    e0, e1, n0, n1 = cur.execute(
        "SELECT min(p.easting), max(p.easting), min(p.northing), max(p.northing) FROM postcodes p "
        "JOIN districts d USING (district_code) WHERE d.ring IN (?, ?) AND p.quality <> 90 AND p.easting > 0",
        list(REGION_RINGS),
    ).fetchone()
    if e0 is None:
        raise ReferenceMissing("the postcode reference holds no located North West postcodes")
    margin = HALO_M + 2 * CELL_M
    x0 = (int(e0) - margin) // CELL_M * CELL_M
    y0 = (int(n0) - margin) // CELL_M * CELL_M
    nx = (int(e1) + margin - x0) // CELL_M + 1
    ny = (int(n1) + margin - y0) // CELL_M + 1
    reach = LAND_M + CELL_M
    pts = cur.execute(
        "SELECT easting, northing, district_code FROM postcodes "
        "WHERE quality <> 90 AND easting > 0 AND district_code IS NOT NULL "
        "AND easting BETWEEN ? AND ? AND northing BETWEEN ? AND ? ORDER BY postcode",
        [x0 - reach, x0 + nx * CELL_M + reach, y0 - reach, y0 + ny * CELL_M + reach],
    ).fetchnumpy()
    codes, which = np.unique(np.asarray(pts["district_code"], dtype=object).astype(str), return_inverse=True)
    xy = np.column_stack([np.asarray(pts["easting"], float), np.asarray(pts["northing"], float)])

    say(0.3, f"Placing {nx * ny:,} grid cells by their nearest postcode")
    cx = x0 + CELL_M / 2 + np.arange(nx) * CELL_M
    cy = y0 + CELL_M / 2 + np.arange(ny) * CELL_M
    gx, gy = np.meshgrid(cx, cy)
    dist, idx = cKDTree(xy).query(np.column_stack([gx.ravel(), gy.ravel()]), k=1)
    label = which[idx].reshape(ny, nx)
    land = (dist <= LAND_M).reshape(ny, nx)
    land = ndimage.binary_fill_holes(ndimage.binary_closing(land, iterations=2))
    in_region = np.isin(codes, sorted(region))[label] & land
    near = ndimage.distance_transform_edt(~in_region) * CELL_M <= HALO_M
    label = np.where(land & (in_region | near), label, -1)

    say(0.6, "Merging cells into districts")
    keys = np.unique(label[label >= 0])
    merged = []
    for k in keys:
        rr, cc = np.nonzero(label == k)
        boxes = shapely.box(x0 + cc * CELL_M, y0 + rr * CELL_M, x0 + (cc + 1) * CELL_M, y0 + (rr + 1) * CELL_M)
        merged.append(shapely.coverage_union_all(boxes))
    say(0.8, "Simplifying the outlines")
    simple = shapely.coverage_simplify(np.array(merged, dtype=object), SIMPLIFY_M)
    simple = shapely.make_valid(simple)

    names = districts.set_index("district_code")
    rows = []
    for k, geom in zip(keys, simple):
        code = str(codes[k])
        parts = list(getattr(geom, "geoms", [geom]))
        polys = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]
        if not polys:
            continue
        geom = shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]
        biggest = max(polys, key=lambda p: p.area)
        label_pt = polylabel(biggest, tolerance=CELL_M)
        known = code in names.index
        name = str(names.at[code, "district_name"]) if known else code
        rows.append({
            "district_code": code,
            "district_name": name.split(" - ")[-1],  # 'Sir y Fflint - Flintshire': the English name
            "ring": names.at[code, "ring"] if known else "Rest of UK",
            "in_region": code in region,
            "geom_wkt": shapely.to_wkt(geom, rounding_precision=0, trim=True),
            "label_x": float(label_pt.x), "label_y": float(label_pt.y),
            "area_km2": round(geom.area / 1e6, 1),
            "vertices": int(shapely.get_num_coordinates(geom)),
            "source": SOURCE,
        })
    return pd.DataFrame(rows).sort_values("district_code", ignore_index=True)


def build_shapes(db=None, progress=None, force: bool = False) -> dict:
    """Compute the shapes and store them (one transaction), unless already built from the same
    reference. Returns {"built": bool, "districts": int, "vertices": int}; raises
    ReferenceMissing when the postcode reference is not built."""
    cur = store.cursor(db)
    try:
        if not force and shapes_built(cur=cur):
            n, v = cur.execute("SELECT count(*), coalesce(sum(vertices), 0) FROM district_shapes").fetchone()
            return {"built": False, "districts": int(n), "vertices": int(v)}
        shapes = compute_shapes(cur, progress)
    finally:
        cur.close()
    say = progress or (lambda f, t: None)
    say(0.95, "Storing the district shapes")
    with store.write(db) as w:
        store_shapes(w, shapes)
    say(1.0, "District shapes ready")
    return {"built": True, "districts": len(shapes), "vertices": int(shapes["vertices"].sum())}


def store_shapes(cur, shapes: pd.DataFrame) -> None:
    """Replace the stored shapes with ``shapes`` (from :func:`compute_shapes` on the same store),
    stamped with the reference they were drawn from; call inside a write transaction."""
    cur.execute("DELETE FROM district_shapes")
    cur.register("_shapes", shapes)
    cur.execute("INSERT INTO district_shapes SELECT district_code, district_name, ring, in_region, geom_wkt, "
                "label_x, label_y, area_km2, vertices, source FROM _shapes")
    cur.unregister("_shapes")
    cur.execute("DELETE FROM reference_meta WHERE name = ?", [META])
    cur.execute("INSERT INTO reference_meta (name, source, source_sha256, rows) VALUES (?, ?, ?, ?)",
                [META, SOURCE, _stamp(_reference_sha(cur) or ""), len(shapes)])


def ensure_shapes(db=None, progress=None) -> bool:
    """Build the shapes if they are missing or stale; True when they were built now."""
    if shapes_built(db):
        return False
    return build_shapes(db, progress=progress)["built"]


def load_shapes(cur) -> pd.DataFrame:
    """The stored shapes: district_code, district_name, ring, in_region, geom_wkt, label_x,
    label_y, area_km2, vertices, postcodes (how many postcodes the reference holds in the district:
    where people and firms are, which the maps use to choose the names they write); empty when
    not built."""
    return cur.execute(
        "SELECT s.district_code, district_name, ring, in_region, geom_wkt, label_x, label_y, area_km2, vertices, "
        "coalesce(p.n, 0) AS postcodes FROM district_shapes s "
        "LEFT JOIN (SELECT district_code, count(*) AS n FROM postcodes GROUP BY 1) p USING (district_code) "
        "ORDER BY s.district_code"
    ).df()
