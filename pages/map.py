"""Map: how much of the spend stays in Lancashire and the North West, by the supplier's district
(a choropleth) and by supplier (bubbles sized by spend), with the unknown share beside it. Click a
district or a bubble, or pick a district, to list that district's suppliers and their spend."""
from __future__ import annotations

import functools

import streamlit as st

from lib import maps
from lib.geo import queries as geo_queries
from lib import format as fmt
from lib.filters import previous_year
from lib.ui import cache, layout, body_scope, sidebar, tables, tiles

layout.require_router()

K_EXTENT, K_LAYER, K_DISTRICT = "map_extent", "map_layer", "map_district"
EXTENT_NAMES = {"north_west": "North West", "lancashire": "Lancashire"}
LAYER_NAMES = {"districts": "Spend by district", "suppliers": "Suppliers"}
CHART_CONFIG = {"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}

f = sidebar.current_filters()
st.title("Where the money goes")
layout.demo_banner()
if not cache.query("has_spend"):
    layout.empty_state()
    st.stop()
body_scope.stop_unless_force_area(f)  # a peer's area is not the force's: its own shares, said plainly

data = cache.query("map_data", f)  # rings, summary, districts and supplier points from one pass
rings, summary = data["rings"], data["summary"]
if int(rings["lines"].sum()) == 0:
    st.info(cache.query("no_spend_text", f.bodies), icon=":material/info:")  # whose figures, and what to do
    st.stop()
targets = cache.query("ring_targets", f.fy)
prev_f = previous_year(f)
prev = cache.query("ring_summary", prev_f) if prev_f is not None else None

m = st.columns(4)
tiles.share_against_target(
    m[0], "Local (Lancashire)", summary["local_pct"], prev and prev["local_pct"], prev_f and prev_f.fy,
    targets.get("local"), f"{fmt.money(summary['lancashire'])} of {fmt.money(summary['total'])} with suppliers in the "
                          "14 districts of the Lancashire police force area.")
tiles.share_against_target(
    m[1], "North West", summary["north_west_pct"], prev and prev["north_west_pct"], prev_f and prev_f.fy,
    targets.get("north_west"), f"{fmt.money(summary['north_west'])} of {fmt.money(summary['total'])}: Lancashire plus "
                               "the rest of the North West region.")
m[2].metric("Unknown location", fmt.percent(summary["unknown_pct"]), border=True,
            help=f"{fmt.money(summary['unknown'])} paid to suppliers with no register link, postcode or location; "
                 "counted in the total, never as non-local.")
m[3].metric("Total spend", fmt.money_short(summary["total"]), border=True, help=f"Exactly {fmt.money(summary['total'])}.")

shapes = cache.district_shapes()
if shapes is None:
    st.info("The map needs the postcode reference, which is not built in this store. Build it with "
            "`python -m lib.cli postcode --build` (about half a minute), then reload this page. "
            "The tables below work without it.", icon=":material/map:")

district_rows, points = data["districts"], data["points"]
placed = district_rows[district_rows["district_code"].notna()]
district_of_supplier = dict(zip(points["supplier_ref"], points["district_code"]))


def _pick_district(chart_key: str, lookup: dict | None) -> None:
    """Click on a map: remember the district (directly, or the clicked supplier's)."""
    event = st.session_state.get(chart_key) or {}
    pts = (event.get("selection") or {}).get("points") or []
    if not pts:
        return
    custom = pts[0].get("customdata")
    ident = custom[0] if isinstance(custom, list) and custom else custom
    code = lookup.get(ident) if lookup is not None else ident
    if isinstance(code, str) and code in set(placed["district_code"]):
        st.session_state[K_DISTRICT] = code


left, right = st.columns([3, 2], gap="large")
if shapes is not None:
    with left:
        a, b = st.columns(2)
        extent = a.radio("Area", list(EXTENT_NAMES), format_func=EXTENT_NAMES.get, key=K_EXTENT, horizontal=True,
                         help="Zoom to the Lancashire police force area or show the whole North West region.")
        # One map at a time: a chart drawn in a hidden tab comes out at the wrong size.
        layer = b.segmented_control("Map", list(LAYER_NAMES), format_func=LAYER_NAMES.get, key=K_LAYER,
                                    default="districts", selection_mode="single") or "districts"
        where = EXTENT_NAMES[extent]
        period = f.fy or "all years"
        if layer == "districts":
            fig = maps.district_choropleth(shapes, district_rows,
                                           f"Spend by the supplier's district, {where}, {period} (£)", extent=extent)
            st.plotly_chart(fig, key="map_districts", selection_mode="points", config=CHART_CONFIG,
                            on_select=functools.partial(_pick_district, "map_districts", None))
        else:
            fig = maps.supplier_bubbles(shapes, points, f"Suppliers by spend, {where}, {period} (£)", extent=extent,
                                        total=summary["total"])
            st.plotly_chart(fig, key="map_suppliers", selection_mode="points", config=CHART_CONFIG,
                            on_select=functools.partial(_pick_district, "map_suppliers", district_of_supplier))
        st.caption("Hover for names and amounts; click a district or a bubble to list the district's suppliers. "
                   "Scroll to zoom, drag to pan, double-click to reset. The North West map names the districts "
                   "that fit; the Lancashire map names all fourteen of the force area.")

# ---- beside the map: what is not on it, and one district's suppliers ------------------------
with right:
    off = rings[rings["ring"].isin(["Rest of UK", "Outside UK", "Unknown"])]
    st.markdown("**Not on the map** (outside the North West, or not placed)")
    st.markdown("\n".join(f"- {r.ring}: {fmt.money(r.amount)} ({fmt.percent(r.share_pct)})" for r in off.itertuples()))
    st.caption("Unknown is spend whose supplier has no register link, postcode or location. It stays in the total "
               "and is never counted as non-local.")
    st.subheader("Suppliers in a district")
    by_code = placed.groupby("district_code", sort=False).agg(
        district_name=("district_name", "first"), ring=("ring", "first"), amount=("amount", "sum"))
    by_code = by_code.sort_values("amount", ascending=False, kind="stable")
    if by_code.empty:
        st.info("No spend here is placed in a district yet: add postcodes to the suppliers on the Supplier worklist "
                "page, or upload a supplier register on the Upload page.", icon=":material/location_off:")
    else:
        codes = list(by_code.index)
        if st.session_state.get(K_DISTRICT) not in codes:
            lancs = [c for c in codes if by_code.at[c, "ring"] == "Lancashire"]
            st.session_state[K_DISTRICT] = (lancs or codes)[0]
        code = st.selectbox(
            "District", codes, key=K_DISTRICT,
            format_func=lambda c: f"{by_code.at[c, 'district_name']} ({by_code.at[c, 'ring']}): {fmt.money_short(by_code.at[c, 'amount'])}",
            help="Districts with spend under the filters, largest first. Clicking the map picks one too.")
        sup = geo_queries.in_district(points, code)
        st.caption(f"{len(sup):,} suppliers in {by_code.at[code, 'district_name']}, "
                   f"{fmt.money(by_code.at[code, 'amount'])} in all.")
        tables.table(sup[["name", "amount", "postcode"]], width="stretch", key="map_district_table", height=420,
                     labels={"name": "Supplier", "amount": "Spend"},
                     config={"postcode": st.column_config.TextColumn(width="small")})  # room for £1,234,567.89
        if sup["approximate"].fillna(False).astype(bool).any():
            st.caption("Some of these are placed by their outward code alone (approximate).")

# ---- the table behind the map -------------------------------------------------------------
with st.expander("Spend by ring and by district (the figures behind the map)"):
    tables.table(rings[["ring", "amount", "share_pct", "lines", "suppliers"]], width="stretch", key="map_rings_table",
                 labels={"amount": "Spend"})
    tables.table(district_rows[["district_name", "ring", "amount", "lines", "suppliers"]], width="stretch",
                 key="map_district_rows", labels={"amount": "Spend"})
    st.caption(f"These rows add up to {fmt.money(sum(district_rows['amount']))}, the total on the map. Districts are "
               "the supplier's postcode district; “(district not known)” is spend placed in a ring but not a "
               "district, abroad, or unknown.")

st.caption(maps.ATTRIBUTION + " District shapes are approximate, drawn from postcode points.")
layout.footer()
