"""DataFrames → Plotly maps that need no network. No Streamlit here.

District shapes (lib.geo.shapes) are drawn as filled SVG ``go.Scatter`` traces in British National
Grid metres with a locked 1:1 aspect ratio: they render in the app, in a saved HTML file, in
headless Chromium and as static images through kaleido, where Plotly's MapLibre and geo traces
do not (see ../shared/domain/DOMAIN.md). Every map carries the OS / ONS attribution line and
``layout.meta`` with the money on and off the map (strings, exact), so a caller or a test can
check that the map adds up to the tables.
"""
from __future__ import annotations

import functools
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale

from lib.charts import BLUE, FONT, GREY, ORANGE, PURPLE, SKY, _layout, title_lines
from lib.format import money, money_short
from lib.geo.postcodes import ATTRIBUTION, RINGS, ring_label

RING_COLOURS = {"Lancashire": BLUE, "North West": SKY, "Rest of UK": ORANGE, "Outside UK": PURPLE, "Unknown": GREY}
# Viridis (reversed: pale is little, dark is much) reads in every common colour-vision deficiency
# and in greyscale print; grey is kept for "no spend", which Viridis never produces.
COLOURSCALE = "Viridis_r"
NO_SPEND = "#d4d4d4"
CONTEXT_FILL = "#f3f3f3"
CONTEXT_LINE = "#c8c8c8"
EXTENTS = ("north_west", "lancashire")
MAX_BUBBLE_PX = 42
ZERO = Decimal("0.00")


# ---- shapes ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=512)
def _outline(wkt: str) -> tuple[np.ndarray, np.ndarray]:
    """Exterior rings of a (Multi)Polygon WKT as x/y arrays, parts separated by NaN (a gap, null in
    the figure's JSON). Cached: the same district shapes are drawn on every map and every rerun,
    and arrays spare Plotly checking tens of thousands of floats one by one."""
    geom = shapely.from_wkt(wkt)
    xs: list = []
    ys: list = []
    for part in getattr(geom, "geoms", [geom]):
        x, y = part.exterior.coords.xy
        xs += list(x) + [math.nan]
        ys += list(y) + [math.nan]
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def _bounds(shapes: pd.DataFrame, extent: str) -> tuple[float, float, float, float]:
    if extent not in EXTENTS:
        raise ValueError(f"unknown extent {extent!r}: one of {', '.join(EXTENTS)}")
    pick = shapes["in_region"].astype(bool)
    if extent == "lancashire":
        pick = pick & (shapes["ring"] == "Lancashire")
    geoms = shapely.from_wkt(shapes.loc[pick if pick.any() else shapes.index, "geom_wkt"].to_numpy())
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    pad = 0.04 * max(x1 - x0, y1 - y0)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _figure(traces: list, title: str, shapes: pd.DataFrame, extent: str, height: int,
            notes: list[str], meta: dict, annotations: tuple = ()) -> go.Figure:
    """The map: ``traces`` in one go.Figure with its whole layout (built whole: adding traces and
    then updating the layout goes through Plotly's relayout machinery, several times slower)."""
    x0, y0, x1, y1 = _bounds(shapes, extent)
    lines = [n for n in notes if n] + ATTRIBUTION.replace(". ", ".\n").split("\n")
    return go.Figure(data=traces, layout=_layout(
        title, height,
        # 1:1 metres; Plotly widens whichever range the plot's shape needs, so a wide plot shows more
        # of the neighbouring districts rather than blank space.
        xaxis=dict(visible=False, range=[x0, x1]),
        yaxis=dict(visible=False, range=[y0, y1], scaleanchor="x", scaleratio=1),
        annotations=[*annotations, dict(
            text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
            yshift=-6, showarrow=False, align="left", font=dict(size=10, color="#555"))],
        paper_bgcolor="white", margin=dict(l=10, r=10, t=80, b=20 + 14 * len(lines)), dragmode="pan",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, bgcolor="rgba(255,255,255,0.8)"),
        meta=meta,
    ))


def _plot_px(height: int) -> float:
    """The height in pixels of a map's plot area (the figure less _figure's margins, about five
    lines of notes): the scale its district names are spaced at."""
    return height - 80 - 20 - 14 * 5


def _context_trace(row, fill: str, line: str, name: str) -> dict:
    """A district's outline, filled (a trace as a dict: go.Figure validates it once)."""
    xs, ys = _outline(row.geom_wkt)
    return dict(type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor=fill,
                line=dict(color=line, width=0.6), hoveron="fills", name=name, showlegend=False, hoverinfo="name")


def _by_size(shapes: pd.DataFrame) -> pd.DataFrame:
    # Largest first, so a district wrapped round by another is painted on top of it.
    return shapes.sort_values(["area_km2", "district_code"], ascending=[False, True])


def _split_on_map(by_district: pd.DataFrame, shapes: pd.DataFrame) -> tuple[dict, Decimal, Decimal, dict]:
    """(amount per drawn district, on-map total, off-map total, off-map total per ring). On the map is
    the region's districts: a neighbouring district drawn pale for context keeps its spend in its
    hover, but is counted with its ring off the map, so "Rest of UK" is one figure on every page
    (the ring table beside the map, the transparency page's table and this note)."""
    drawn = set(shapes["district_code"])
    region = set(shapes.loc[shapes["in_region"].astype(bool), "district_code"])
    on: dict[str, Decimal] = {}
    off_by_ring: dict[str, Decimal] = {}
    for r in by_district.itertuples():
        amount = Decimal(r.amount)
        if isinstance(r.district_code, str) and r.district_code in drawn:
            on[r.district_code] = on.get(r.district_code, ZERO) + amount
        if not (isinstance(r.district_code, str) and r.district_code in region):
            off_by_ring[r.ring] = off_by_ring.get(r.ring, ZERO) + amount
    on_total = sum((a for c, a in on.items() if c in region), ZERO)
    return on, on_total, sum(off_by_ring.values(), ZERO), off_by_ring


def _off_map_note(off_by_ring: dict) -> str:
    parts = [f"{ring} {money_short(off_by_ring[ring])}" for ring in RINGS
             if off_by_ring.get(ring, ZERO) != ZERO]
    return ("Not on this map: " + ", ".join(parts)) if parts else ""


# ---- (a) district choropleth ----------------------------------------------------------------

def _log_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    vals, text = [], []
    for k in range(int(math.floor(lo)) - 1, int(math.ceil(hi)) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** k
            if lo - 1e-9 <= math.log10(v) <= hi + 1e-9:
                vals.append(math.log10(v))
                text.append(money_short(v))
    return vals, text


def district_choropleth(shapes: pd.DataFrame, by_district: pd.DataFrame, title: str,
                        extent: str = "north_west", height: int = 720) -> go.Figure:
    """Spend by the supplier's district, for the North West's districts, on a log colour scale in £.

    ``shapes`` is lib.geo.shapes.load_shapes; ``by_district`` is lib.geo.queries.spend_by_district.
    Districts of the region with no (or net negative) spend are grey; neighbouring districts
    outside the region are pale context (their spend is in the hover). A point inside each
    region district carries customdata [district_code, district_name] for clicks. Raises
    ValueError for an unknown ``extent`` (one of EXTENTS).
    """
    on, on_total, off_total, off_by_ring = _split_on_map(by_district, shapes)
    traces = []
    region = shapes[shapes["in_region"].astype(bool)]
    positive = [float(on[c]) for c in region["district_code"] if on.get(c, ZERO) > 0]
    lo = math.log10(min(positive)) if positive else 0.0
    hi = math.log10(max(positive)) if positive else 1.0
    if hi - lo < 1:
        lo = hi - 1
    ordered = list(_by_size(shapes).itertuples())
    # One call for every district's colour: each call looks the colour scale up by name, ~3 ms.
    shades = [(math.log10(float(on[r.district_code])) - lo) / (hi - lo) for r in ordered
              if r.in_region and on.get(r.district_code, ZERO) > 0]
    colours = iter(sample_colorscale(COLOURSCALE, shades) if shades else [])
    for row in ordered:
        amount = on.get(row.district_code, ZERO)
        label = f"{row.district_name}: {money_short(amount)}" if amount else f"{row.district_name}: no spend"
        if not row.in_region:
            traces.append(_context_trace(row, CONTEXT_FILL, CONTEXT_LINE, f"{label} (outside the North West)"))
            continue
        traces.append(_context_trace(row, next(colours) if amount > 0 else NO_SPEND, "white", label))
    # Region outline of Lancashire, so the force area reads at a glance.
    lancs = shapes[shapes["ring"] == "Lancashire"]
    if not lancs.empty:
        outline = shapely.union_all(shapely.from_wkt(lancs["geom_wkt"].to_numpy()))
        xs, ys = _outline(shapely.to_wkt(outline))
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color="#222", width=1.6),
                           hoverinfo="skip", name="Lancashire (police force area)", showlegend=True))
    # Grey legend entry, then the click/hover points that also carry the colour bar.
    traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name="No spend",
                       marker=dict(color=NO_SPEND, size=12, symbol="square")))
    pts = region.assign(amount=[on.get(c, ZERO) for c in region["district_code"]])
    z = [math.log10(float(a)) if a > 0 else lo for a in pts["amount"]]
    tickvals, ticktext = _log_ticks(lo, hi)
    traces.append(dict(
        type="scatter", x=pts["label_x"], y=pts["label_y"], mode="markers", name="Districts", showlegend=False,
        marker=dict(size=16, opacity=0, color=z, colorscale=COLOURSCALE, cmin=lo, cmax=hi, showscale=bool(positive),
                    colorbar=dict(title=dict(text="Spend (£)"), tickvals=tickvals, ticktext=ticktext,
                                  thickness=14, len=0.6, y=0.5)),
        customdata=np.column_stack([pts["district_code"], pts["district_name"],
                                    [money_short(a) for a in pts["amount"]],
                                    [money(a) for a in pts["amount"]]]),
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[3]}<extra></extra>",
    ))
    dark = {c for c, zv, a in zip(pts["district_code"], z, pts["amount"]) if a > 0 and (zv - lo) / (hi - lo) > 0.45}
    traces.append(district_names(region, on, extent, _bounds(shapes, extent), _plot_px(height), dark))
    total = on_total + off_total
    meta = {"total": str(total), "on_map": str(on_total), "off_map": str(off_total),
            "off_map_by_ring": {k: str(v) for k, v in off_by_ring.items()}}
    notes = [f"Total {money_short(total)}: {money_short(on_total)} in the North West's districts.", _off_map_note(off_by_ring),
             "District shapes are approximate, drawn from postcode points."]
    return _figure(traces, title, shapes, extent, height, notes, meta)


NAMED_OTHERS = 8  # beyond Lancashire, the North West map names this many of the largest districts
DARK_HALO = "0 0 2px #111, 0 0 3px #111"
LIGHT_HALO = "0 0 2px white, 0 0 3px white, 0 0 3px white"


def named_districts(region: pd.DataFrame, amounts: dict, extent: str) -> pd.DataFrame:
    """The districts of ``region`` (shapes in the North West) a map writes the name of, most
    important first: every Lancashire district (most spend first, ``amounts``: {district_code:
    Decimal}); then, on the North West map, the NAMED_OTHERS other districts with most postcodes
    (the cities: lib.geo.shapes.load_shapes) and the NAMED_OTHERS largest by area."""
    spend = region.assign(_spend=[float(amounts.get(c, ZERO)) for c in region["district_code"]])
    lancs = spend[spend["ring"] == "Lancashire"].sort_values(["_spend", "area_km2"], ascending=False)
    if extent == "lancashire":
        return lancs
    others = spend[spend["ring"] != "Lancashire"]
    busiest = others.nlargest(NAMED_OTHERS, "postcodes") if "postcodes" in others else others.iloc[:0]
    return pd.concat([lancs, busiest, others.nlargest(NAMED_OTHERS, "area_km2")]).drop_duplicates("district_code")


def _two_lines(name: str, longest: int = 12) -> str:
    """A long name split at the space nearest its middle ('Blackburn<br>with Darwen')."""
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    if len(name) <= longest or not spaces:
        return name
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "<br>" + name[cut + 1:]


def district_names(region: pd.DataFrame, amounts: dict, extent: str, bounds: tuple, plot_px: float,
                   dark: set = frozenset()) -> dict:
    """A text trace writing district names (named_districts) at their label points (each shape's
    pole of inaccessibility, lib.geo.shapes): white on the districts in ``dark``, else near-black,
    with a halo. On the North West map a name that would overlap one already written (the map
    ``bounds`` shown ``plot_px`` pixels high) is left off, less important names first; the
    Lancashire map writes all fourteen."""
    size = 12 if extent == "lancashire" else 10
    m_per_px = (bounds[3] - bounds[1]) / max(plot_px, 1.0)
    placed: list[tuple[float, float, float, float]] = []
    rows = []
    for r in named_districts(region, amounts, extent).itertuples():
        text = _two_lines(r.district_name)
        lines = text.split("<br>")
        half_w = max(len(t) for t in lines) * 0.56 * size * m_per_px / 2
        half_h = len(lines) * 1.25 * size * m_per_px / 2
        box = (r.label_x - half_w, r.label_y - half_h, r.label_x + half_w, r.label_y + half_h)
        clash = any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed)
        if clash and extent != "lancashire":
            continue
        placed.append(box)
        rows.append((r.label_x, r.label_y, text, r.district_code in dark))
    return dict(type="scatter", x=[x for x, *_ in rows], y=[y for _, y, *_ in rows], mode="text",
                name="District names", text=[t for _, _, t, _ in rows], showlegend=False, hoverinfo="skip",
                textfont=dict(size=size, color=["white" if d else "#111" for *_, d in rows],
                              shadow=[DARK_HALO if d else LIGHT_HALO for *_, d in rows]))


# ---- (b) supplier bubbles -------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _wgs84_to_bng():
    """The pyproj transformer, built once (building it takes ~60 ms)."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def to_bng(lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 latitude/longitude → British National Grid easting/northing (metres), vectorised."""
    e, n = _wgs84_to_bng().transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(e), np.asarray(n)


def supplier_bubbles(shapes: pd.DataFrame, points: pd.DataFrame, title: str, extent: str = "north_west",
                     height: int = 720, total=None) -> go.Figure:
    """Suppliers as bubbles sized by spend (area ∝ £), coloured by ring, over the district outlines.

    ``points`` is lib.geo.queries.supplier_points. Bubbles outside the extent, and suppliers with
    no place (Outside UK, Unknown), are summed in a note under the map. Given ``total`` (all spend
    under the filters, Decimal), the spend no register supplier accounts for is added to Unknown,
    so the map's total is that total. customdata on each bubble:
    [supplier_ref, name, district_name, £ text, postcode].
    """
    traces = []
    for row in _by_size(shapes).itertuples():
        fill = "#e9eef5" if row.ring == "Lancashire" else ("#f4f4f4" if row.in_region else "#fbfbfb")
        traces.append(_context_trace(row, fill, "#b9b9b9" if row.in_region else "#dddddd", row.district_name))
    x0, y0, x1, y1 = _bounds(shapes, extent)
    placed = points[points["lat"].notna() & points["lon"].notna()].copy()
    if not placed.empty:
        placed["x"], placed["y"] = to_bng(placed["lat"], placed["lon"])
    else:
        placed["x"], placed["y"] = [], []
    inside = placed[(placed["x"] >= x0) & (placed["x"] <= x1) & (placed["y"] >= y0) & (placed["y"] <= y1)]
    top = max([float(a) for a in inside["amount"]] + [1.0])
    sizeref = 2.0 * top / (MAX_BUBBLE_PX ** 2)
    for ring in RINGS:
        grp = inside[inside["ring"] == ring].sort_values("amount", ascending=False)  # small ones on top
        if grp.empty:
            continue
        approx = np.where(grp["approximate"].fillna(False).astype(bool), " (approximate: outward code)", "")
        traces.append(dict(
            type="scatter", x=grp["x"], y=grp["y"], mode="markers", name=f"{ring_label(ring)} ({len(grp):,})",
            marker=dict(size=[max(float(a), 0.0) for a in grp["amount"]], sizemode="area", sizeref=sizeref,
                        sizemin=3, color=RING_COLOURS[ring], opacity=0.75, line=dict(color="white", width=0.6)),
            customdata=np.column_stack([grp["supplier_ref"], grp["name"], grp["district_name"].fillna(""),
                                        [money(a) for a in grp["amount"]],
                                        (grp["postcode"].fillna("") + approx)]),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[4]}, %{customdata[2]}<br>%{customdata[3]}"
                          "<extra>" + ring + "</extra>",
        ))
    region = shapes[shapes["in_region"].astype(bool)]
    traces.append(district_names(region, {}, extent, (x0, y0, x1, y1), _plot_px(height)))
    on_total = sum((Decimal(a) for a in inside["amount"]), ZERO)
    off_by_ring: dict[str, Decimal] = {}
    drawn = set(inside["supplier_ref"])
    for r in points.itertuples():
        if r.supplier_ref not in drawn:
            off_by_ring[r.ring] = off_by_ring.get(r.ring, ZERO) + Decimal(r.amount)
    if total is not None:
        unlinked = Decimal(total) - sum((Decimal(a) for a in points["amount"]), ZERO)
        if unlinked:
            off_by_ring["Unknown"] = off_by_ring.get("Unknown", ZERO) + unlinked
    off_total = sum(off_by_ring.values(), ZERO)
    meta = {"total": str(on_total + off_total), "on_map": str(on_total), "off_map": str(off_total),
            "suppliers_on_map": int(len(inside)),
            "off_map_by_ring": {k: str(v) for k, v in off_by_ring.items()}}
    notes = [f"{len(inside):,} suppliers on the map ({money_short(on_total)}); bubble area shows spend.",
             _off_map_note(off_by_ring)]
    return _figure(traces, title, shapes, extent, height, notes, meta)


def empty_map(shapes: pd.DataFrame | None, title: str, message: str, extent: str = "north_west",
              height: int = 520) -> go.Figure:
    """The outlines alone (when there are shapes) with a message in the middle."""
    message_note = dict(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                        font=dict(size=14, color="#333"), bgcolor="rgba(255,255,255,0.85)")
    if shapes is None or shapes.empty:
        return go.Figure(layout=dict(
            xaxis=dict(visible=False), yaxis=dict(visible=False),
            annotations=[message_note, dict(
                text="<br>".join(ATTRIBUTION.replace(". ", ".\n").split("\n")), xref="paper", yref="paper",
                x=0, y=0, xanchor="left", yanchor="top", showarrow=False, align="left",
                font=dict(size=10, color="#555"))],
            title=dict(text=title_lines(title), x=0, xanchor="left"), height=height, plot_bgcolor="white",
            margin=dict(l=10, r=10, t=60, b=50), font=FONT))
    traces = [_context_trace(row, CONTEXT_FILL, CONTEXT_LINE, row.district_name) for row in _by_size(shapes).itertuples()]
    return _figure(traces, title, shapes, extent, height, [], {"total": "0", "on_map": "0", "off_map": "0"},
                   annotations=(message_note,))
