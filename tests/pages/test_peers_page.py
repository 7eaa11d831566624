"""The Peers and Bodies pages, and a peer's file on the Upload page, through AppTest."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from streamlit.testing.v1 import AppTest

import pandas as pd

from apptools import APP, frame_with, metrics, open_app, pounds, shown, table_with
from lib import queries
from lib.filters import Filters
from lib.ingest import load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PEER = ("Organisation Name,Date,Supplier Name,Amount\n"
        "Cumbria Constabulary,10/05/2023,Acme Ltd,5000.00\n"
        "Cumbria Constabulary,11/05/2023,Zeta Care Ltd,70000.00\n")


def _two_bodies(db, tmp_path):
    load_file(FIXTURES / "e2e_upload_spend.csv", db=db)
    peer = tmp_path / "cumbria_2023-05.csv"
    peer.write_text(PEER)
    load_file(peer, db=db)


def test_peers_page_shows_both_bodies_side_by_side_and_opens_a_peers_figures(fresh_db, tmp_path):
    _two_bodies(fresh_db, tmp_path)
    force_total = queries.headline(fresh_db, Filters(fy="2023/24"))["current"]["total"]
    at = open_app("pages/peers.py")
    grid = table_with(at, "Body", "Whose", "Total spend", "Local %", "SME %", "On contract %")
    table = shown(grid)
    assert list(table["Body"]) == ["Lancashire Constabulary",
                                   "Office of the Police and Crime Commissioner for Lancashire", "Cumbria Constabulary"]
    assert list(table["Whose"]) == ["Own", "Own", "Peer"]
    cumbria = table[table["Body"] == "Cumbria Constabulary"].iloc[0]
    assert cumbria["Total spend"] == "£75,000.00" and cumbria["Local area / region"] == "Cumbria / North West"
    # no register, no reference: every share says "no data" and why, never 0%
    assert {cumbria[c] for c in ("Local %", "Region %", "SME %", "On contract %")} == {"no data"}
    notes = " ".join(c.value for c in at.caption)
    assert "contracts register is the store's own bodies'" in notes and "SME: no data" in notes
    # money and shares are numbers under their written form: the grid sorts them as numbers
    values = grid.value
    assert all(pd.api.types.is_float_dtype(values[c]) for c in ("Total spend", "Local %", "Change on the year before"))
    assert pounds(table["Total spend"]) == [Decimal(str(v)).quantize(Decimal("0.01")) for v in values["Total spend"]]
    assert sorted(values["Total spend"], reverse=True)[0] == 75000.0  # the peer's £75,000 above the force's £28,253.09
    over_time = shown(table_with(at, "Body", "2023/24"))
    assert len(over_time) == 3
    by_body = dict(zip(over_time["Body"], over_time["2023/24"]))
    assert by_body["Cumbria Constabulary"] == "£75,000.00"
    assert sum(pounds(by_body[b] for b in by_body if b != "Cumbria Constabulary")) == Decimal("28253.09")
    # open the peer's figures: the Bodies filter is set to it and the Overview shows its spend alone
    at.selectbox(key="peers_open_body").select("Cumbria Constabulary").run()
    at.selectbox(key="peers_open_page").select("pages/overview.py").run()
    at.button(key="peers_open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["flt_bodies"] == ["CUMBRIA CONSTABULARY"]
    figures = " ".join(m.value for m in at.metric)
    assert "£75,000.00" in figures or "£75.0k" in figures
    assert any("Figures for Cumbria Constabulary" in c.value for c in at.caption)
    assert "Body: Cumbria Constabulary" in [b.label for b in at.button], [b.label for b in at.button]
    assert force_total == Decimal("28253.09")  # the force's own, unchanged by the peer


def test_the_suppliers_bodies_share_open_on_request_with_each_bodys_spend(fresh_db, tmp_path):
    _two_bodies(fresh_db, tmp_path)
    shared = tmp_path / "cumbria_2023-06.csv"
    shared.write_text("Organisation Name,Date,Supplier Name,Amount\n"
                      "Cumbria Constabulary,10/06/2023,Ribble Fleet Services Ltd,400.00\n")
    load_file(shared, db=fresh_db)
    at = open_app("pages/peers.py")
    # read only when opened: the page's first view does not wait for it
    assert not any("Supplier" in df.value.columns for df in at.dataframe)
    at.session_state["peers_shared_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = shown(table_with(at, "Supplier", "Bodies paying it", "Total")).set_index("Supplier")
    assert list(table.index) == ["Ribble Fleet Services Ltd"]
    row = table.loc["Ribble Fleet Services Ltd"]
    assert row["Cumbria Constabulary"] == "£400.00" and int(row["Bodies paying it"]) == 2
    assert pounds([row["Lancashire Constabulary"]])[0] > 0


def test_bodies_page_lists_own_and_peer_and_sets_the_own_bodies(fresh_db, tmp_path):
    _two_bodies(fresh_db, tmp_path)
    at = open_app("pages/bodies.py")
    table = frame_with(at, "name", "own")
    assert dict(zip(table["name"], table["own"]))["Cumbria Constabulary"] == "Peer"
    at.multiselect(key="bd_own_pick").set_value(["LANCASHIRE CONSTABULARY", "CUMBRIA CONSTABULARY"])
    at.button(key="bd_save_own").click().run()  # a form: the choice goes with its Save
    assert not at.exception, [e.value for e in at.exception]
    assert queries.headline(fresh_db, Filters(fy="2023/24"))["current"]["total"] == Decimal("98253.09")


def test_bodies_page_area_form_starts_from_each_bodys_own_area(fresh_db, tmp_path):
    """The area form showed "(not known)" for the force, whose table row says Lancashire and the
    North West: saved as shown, it would have wiped them. It starts from the chosen body's own area,
    so Save changes nothing until a person changes something."""
    _two_bodies(fresh_db, tmp_path)
    at = open_app("pages/bodies.py")
    areas = frame_with(at, "Body", "Local area", "Region").set_index("Body")
    force = areas.loc["Lancashire Constabulary"]
    assert (force["Local area"], force["Region"]) == ("Lancashire", "North West")
    at.selectbox(key="bd_area_body").set_value("LANCASHIRE CONSTABULARY").run()
    local = at.selectbox(key="bd_area_local_LANCASHIRE CONSTABULARY")
    region = at.selectbox(key="bd_area_region_LANCASHIRE CONSTABULARY")
    assert local.value is not None and "Lancashire" in local.format_func(local.value)
    assert region.value is not None and "North West" in region.format_func(region.value)
    at.button(key="bd_save_area").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = frame_with(at, "Body", "Local area", "Region").set_index("Body").loc["Lancashire Constabulary"]
    assert (after["Local area"], after["Region"]) == ("Lancashire", "North West")
    at.selectbox(key="bd_area_body").set_value("CUMBRIA CONSTABULARY").run()
    cumbria = at.selectbox(key="bd_area_local_CUMBRIA CONSTABULARY")
    assert "Cumbria" in cumbria.format_func(cumbria.value)


def test_upload_page_says_a_peers_file_is_loaded_as_a_peer(fresh_db):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("cumbria_2023-05.csv", PEER.encode(), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("This file is Cumbria Constabulary's spend: it will be loaded as a peer; the force's figures are "
               "unchanged" in w.value for w in at.warning)
    at.button(key="load_btn").click().run()
    assert any("loaded as a peer; the force's figures are unchanged" in i.value for i in at.info)
    assert queries.headline(fresh_db, Filters())["current"]["lines"] == 0


def test_overview_with_only_a_peers_spend_says_whose_figures_and_what_to_do(fresh_db, tmp_path):
    peer = tmp_path / "cumbria_2023-05.csv"
    peer.write_text(PEER)
    load_file(peer, db=fresh_db)
    at = open_app("pages/overview.py")
    said = " ".join(i.value for i in at.info)
    assert "No spend matches these filters" not in said
    assert ("Figures for Lancashire Constabulary and Office of the Police and Crime Commissioner for Lancashire: "
            "no spend of the store's own bodies is loaded yet. The store holds spend of Cumbria Constabulary only. "
            "Upload the force's files on the Upload page, or choose a body under Filters → Bodies") in said
    assert not at.metric  # no figure of the force's is shown as 0
    # the Bodies filter is there to follow that advice, and choosing the peer shows its figures
    at.multiselect(key="flt_bodies").set_value(["CUMBRIA CONSTABULARY"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Total spend"].value == "£75.0k"
    assert not [i for i in at.info if "no spend" in i.value]


def _peer_chosen(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["flt_bodies"] = ["CUMBRIA CONSTABULARY"]
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_rings_and_map_say_plainly_they_are_the_forces_area_and_show_the_peers_own_shares(fresh_db, tmp_path):
    _two_bodies(fresh_db, tmp_path)
    for page in ("pages/rings.py", "pages/map.py"):
        at = _peer_chosen(page)
        warned = " ".join(w.value for w in at.warning)
        assert ("Cumbria Constabulary (area Cumbria, region North West) is chosen. This page's local and regional "
                "figures are drawn against Lancashire and the North West, the force's area, so they are not shown "
                "here") in warned, page
        tiles = metrics(at)
        assert "Local (Lancashire)" not in tiles and "North West" not in tiles, page
        # no register or postcode reference in this store: the peer's own shares say so, never 0%
        assert tiles["Local (Cumbria)"].value == "no data" and tiles["Region (North West)"].value == "no data"
        assert tiles["Total spend"].value == "£75.0k"
        assert any("no supplier is placed yet" in c.value for c in at.caption), page


def test_the_scorecard_for_a_peer_gives_no_lancashire_local_share(fresh_db, tmp_path):
    _two_bodies(fresh_db, tmp_path)
    at = _peer_chosen("pages/scorecard.py")
    table = frame_with(at, "Measure", "Value", "Status")
    rows = dict(zip(table["Measure"], zip(table["Value"], table["Status"])))
    assert rows["Lancashire (local)"][1] == "no data" and rows["North West"][1] == "no data"


def test_rings_for_a_peer_show_its_own_shares_against_its_own_area(demo_db, tmp_path):
    load_file(FIXTURES / "peers_2023-05.csv", db=demo_db)  # see tests/test_bodies.py PEERS_2023
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["flt_bodies"] = ["DEVON COUNTY COUNCIL"]
    at.run()
    at.switch_page("pages/rings.py").run()
    assert not at.exception, [e.value for e in at.exception]
    tiles = metrics(at)
    # Devon County Council, 2023/24: £1,000 in Devon, £1,200 in the South West, £600,000 of unknown
    # location, of £651,234.50
    assert (tiles["Local (Devon)"].value, tiles["Region (South West)"].value, tiles["Unknown location"].value) == (
        "0.15%", "0.18%", "92.13%")
    assert "£651,234.50" in tiles["Total spend"].help


def test_peers_page_with_only_the_stores_own_bodies_says_no_peer_is_loaded_and_how_to_add_one(fresh_db, tmp_path):
    """The force and its OPCC are two bodies, but neither is a peer: the page says none is loaded, names
    the own bodies it shows, and links to the upload; with a peer loaded it no longer says so."""
    load_file(FIXTURES / "e2e_upload_spend.csv", db=fresh_db)
    at = open_app("pages/peers.py")
    assert list(shown(table_with(at, "Body", "Whose"))["Whose"]) == ["Own", "Own"]
    said = " ".join(i.value for i in at.info)
    assert ("Only the store's own bodies (Lancashire Constabulary and Office of the Police and Crime Commissioner "
            "for Lancashire) have spend loaded: no peer yet." in said and "loads it as a peer" in said)
    peer = tmp_path / "cumbria_2023-05.csv"
    peer.write_text(PEER)
    load_file(peer, db=fresh_db)
    at = open_app("pages/peers.py")
    assert not any("no peer yet" in i.value for i in at.info)


def test_peers_page_says_how_many_months_each_bodys_year_covers(fresh_db, tmp_path):
    """A peer's one monthly file beside the force's months is not its year: the table gives the months
    each body's year has spend in, and a note says a year of fewer than twelve is not a full year's."""
    _two_bodies(fresh_db, tmp_path)
    at = open_app("pages/peers.py")
    table = shown(table_with(at, "Body", "Months", "Total spend")).set_index("Body")
    assert table.loc["Cumbria Constabulary", "Months"] == "1"
    notes = " ".join(c.value for c in at.caption)
    assert ("Cumbria Constabulary's 2023/24 spend covers 1 month of 12 (May 2023): its total is not a full year's"
            in notes)
    from lib import store
    from lib.peers import comparison, months_note
    both = comparison(store.cursor(fresh_db))
    force = both[(both["body"] == "Lancashire Constabulary") & (both["fy"] == "2023/24")].iloc[0]
    # the same count from the lines as from the month summary
    lines = store.cursor(fresh_db).execute(
        "SELECT count(DISTINCT date_trunc('month', period_start)) FROM transactions t JOIN bodies b USING (body_key) "
        "WHERE b.name = 'Lancashire Constabulary' AND fy = '2023/24'").fetchone()[0]
    assert force["months"] == lines
    assert months_note("X", "2023/24", (12, None, None)) is None
