"""Pages whose rings are drawn against the force's area (Lancashire, the North West): what they
show when the bodies chosen in the filters have another area (a peer such as Cumbria or Devon)."""
from __future__ import annotations

import streamlit as st

from lib import format as fmt
from lib.filters import Filters
from lib.ui import cache, layout

PEERS_PAGE = "pages/peers.py"


def stop_unless_force_area(f: Filters) -> None:
    """When a body chosen in ``f`` has an area other than the force's, say so plainly, show the
    chosen bodies' own local, region and unknown-location shares (each line against its own body's
    area, lib.peers.relative_rings) and stop the page: its Lancashire figures are never shown under
    another body's name. Does nothing for the force's own bodies."""
    scope = cache.query("ring_scope", f.bodies)
    if scope["stored"]:
        return
    st.warning(scope["text"], icon=":material/compare_arrows:")
    r = cache.query("relative_rings", f)
    if r["lines"]:
        m = st.columns(4)
        m[0].metric(f"Local ({scope['local']})", fmt.percent(r["local_pct"]) if r["local_pct"] is not None else "no data",
                    border=True, help=f"{fmt.money(r['local'])} of {fmt.money(r['total'])} with suppliers in the "
                                      "body's own local area.")
        m[1].metric(f"Region ({scope['region']})", fmt.percent(r["region_pct"]) if r["region_pct"] is not None else "no data",
                    border=True, help=f"{fmt.money(r['region'])} of {fmt.money(r['total'])} with suppliers in the "
                                      "body's own region, local included.")
        m[2].metric("Unknown location", fmt.percent(r["unknown_pct"]), border=True,
                    help=f"{fmt.money(r['unknown'])} with suppliers of no known location, or only a partial postcode "
                         "that straddles the body's boundary: in the total, never counted as non-local.")
        m[3].metric("Total spend", fmt.money_short(r["total"]), border=True, help=f"Exactly {fmt.money(r['total'])}.")
        if r["reason"]:
            st.caption(f"Local and region: no data ({r['reason']}).")
    else:
        st.info("No spend of the chosen bodies matches these filters.")
    try:
        st.page_link(PEERS_PAGE, label="Compare the bodies on the Peers page", icon=":material/arrow_forward:")
    except Exception:  # the page is not in this run's navigation (public mode)
        pass
    layout.footer()
    st.stop()


def _on_cell(key: str, change_of) -> None:
    event = st.session_state.get(key) or {}
    cells = (event.get("selection") or {}).get("cells") or []
    if not cells:
        return
    row, column = cells[0]
    change = change_of(int(row), str(column))
    if change:
        from lib.ui import drill

        drill.apply_drill(change)


def clickable_table(data, key: str, change_of, **kwargs):
    """A table (lib.ui.tables.table) where clicking a cell opens what that figure stands for:
    ``change_of(row position, column)`` gives the filter change (lib.ui.drill), or None for a cell
    that opens nothing. Row positions are the data's own, however the table is sorted on screen."""
    import functools

    from lib.ui import tables

    return tables.table(data, key=key, on_select=functools.partial(_on_cell, key, change_of),
                        selection_mode="single-cell", **kwargs)
