"""A peer's file through the browser: the Upload page says whose it is and loads it as a peer, the
force's figures stay as they were, and the Peers page sets both bodies side by side. Screenshots in
screenshots/peers_*.png."""
from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from server import ROOT, SHOTS, choose_upload, opened_page, require_browser, running_app, stop, wait_for_app

FORCE_FILE = ROOT / "tests" / "fixtures" / "e2e_upload_spend.csv"
FORCE_TOTAL = Decimal("28253.09")
DEVON = ROOT.parent / "shared" / "corpus" / "devon_cc_over500_202504.csv"

pytestmark = [pytest.mark.timeout(400),
              pytest.mark.skipif(not DEVON.exists(), reason="../shared/corpus is not on this machine")]
require_browser()


def test_a_peers_file_through_the_browser_then_the_peers_page(tmp_path, browser):
    from lib import store
    from lib.ingest import load_file

    db = tmp_path / "spend.duckdb"
    load_file(FORCE_FILE, db=db)
    store.close(db)
    SHOTS.mkdir(exist_ok=True)
    with running_app(db) as (base, server), opened_page(browser, "peers_failure.png", 1400, 1000) as page:
        choose_upload(page, base, DEVON)
        page.get_by_text("This file is Devon County Council's spend: it will be loaded as a peer").first.wait_for(
            timeout=90_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "peers_upload_preview.png"), full_page=True)
        page.get_by_role("button", name="Load 1 file").click()
        # The load's own words ("…'s spend: loaded as a peer"), not the preview's ("…: it will be loaded as a
        # peer; the force's figures are unchanged"), which is on the page before the click.
        page.get_by_text("Devon County Council's spend: loaded as a peer; the force's figures are unchanged").first \
            .wait_for(timeout=120_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "peers_upload_loaded.png"), full_page=True)

        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Peers").click()
        page.wait_for_url("**/peers")
        page.get_by_text("Side by side").first.wait_for(timeout=90_000)
        page.get_by_text("Open a body's figures").first.wait_for(timeout=90_000)  # the page drawn to its end
        wait_for_app(page, settle_ms=500)
        text = page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(SHOTS / "peers_page.png"), full_page=True)
        assert "Over time" in text and "Largest suppliers they share" in text
        assert "Devon County Council" in text and "Lancashire Constabulary" in text  # the notes under the table
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for(timeout=30_000)

        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overview").click()
        page.wait_for_url(base + "/")  # the default page
        wait_for_app(page, settle_ms=500)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Figures for Lancashire Constabulary and Office of the Police and Crime Commissioner for Lancashire" in main
        page.screenshot(path=str(SHOTS / "peers_overview_own.png"), full_page=True)
    stop(server)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT b.name, b.own, count(*), sum(t.amount) FROM transactions t JOIN bodies b "
                           "USING (body_key) GROUP BY ALL ORDER BY 2 DESC, 1").fetchall()
    finally:
        con.close()
    own_total = sum(r[3] for r in rows if r[1])
    assert own_total == FORCE_TOTAL
    assert [(r[0], r[1]) for r in rows if not r[1]] == [("Devon County Council", False)]


FORCE_2025 = ROOT / "tests" / "fixtures" / "e2e_force_2025-04.csv"  # three suppliers Devon paid too
ROW_PX = 35  # a Streamlit grid's header and row height


def click_cell(page, grid, row: int, x: int = 40) -> None:
    """Click the cell of data row ``row`` (0 = first under the headings) at ``x`` px from the grid's left."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)


def tall_screenshot(page, path, width: int, height: int = 3200) -> None:
    """The whole page in one picture: the app scrolls inside its main block, so the window is made
    tall enough to hold it, then put back."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": height})
    wait_for_app(page, settle_ms=1500)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(before)


def test_peers_figures_open_the_bodys_transactions_and_read_at_two_widths(tmp_path, browser):
    from lib import store
    from lib.ingest import load_file

    db = tmp_path / "spend.duckdb"
    load_file(FORCE_2025, db=db)
    load_file(DEVON, db=db)
    cur = store.cursor(db)
    devon_lines, devon_total = cur.execute(
        "SELECT count(*), sum(amount) FROM transactions WHERE body_key = 'DEVON COUNTY COUNCIL' AND fy = '2025/26'"
    ).fetchone()
    store.close(db)
    SHOTS.mkdir(exist_ok=True)
    with running_app(db) as (base, server):
        for width, height in ((1280, 900), (390, 844)):
            with opened_page(browser, f"peers_{width}_failure.png", width, height) as page:
                page.goto(base + "/", wait_until="domcontentloaded")
                wait_for_app(page)
                page.goto(base + "/peers", wait_until="domcontentloaded")
                page.get_by_text("Side by side, 2025/26").first.wait_for(timeout=90_000)
                page.get_by_text("Open a body's figures").first.wait_for(timeout=90_000)  # drawn to its end
                page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
                wait_for_app(page, settle_ms=1500)
                tall_screenshot(page, SHOTS / f"peers_page_{width}.png", width)
                text = page.locator('[data-testid="stMain"]').inner_text()
                assert "Largest suppliers they share, 2025/26" in text and "No supplier was paid" not in text
        with opened_page(browser, "peers_drill_failure.png", 1280, 900) as page:
            page.goto(base + "/", wait_until="domcontentloaded")
            wait_for_app(page)
            page.goto(base + "/peers", wait_until="domcontentloaded")
            grid = page.locator('[data-testid="stDataFrame"]').first
            grid.wait_for(timeout=90_000)
            wait_for_app(page, settle_ms=1500)
            click_cell(page, grid, 1)  # Devon County Council's row (own bodies first), its name
            page.wait_for_url("**/transactions", timeout=90_000)
            wait_for_app(page, settle_ms=1000)
            main = page.locator('[data-testid="stMain"]').inner_text()
            page.screenshot(path=str(SHOTS / "peers_drill_transactions.png"), full_page=True)
            assert "Body: Devon County Council" in main, main[:2000]
            assert f"of {devon_lines:,} matching" in main  # that body and year alone
            # the Local and regional page for the peer says plainly it is drawn against Lancashire
            page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Local and regional spend").click()
            page.wait_for_url("**/rings")
            page.get_by_text("is chosen. This page's local and regional figures are drawn against Lancashire").first.wait_for(
                timeout=90_000)
            wait_for_app(page, settle_ms=500)
            tall_screenshot(page, SHOTS / "peers_rings_for_a_peer.png", 1280, 1400)
            assert "Local (Devon)" in page.locator('[data-testid="stMain"]').inner_text()
    stop(server)


def test_a_store_with_only_a_peers_spend_says_so_on_the_overview(tmp_path, browser):
    from lib.ingest import load_file
    from lib import store

    db = tmp_path / "spend.duckdb"
    load_file(DEVON, db=db)
    store.close(db)
    SHOTS.mkdir(exist_ok=True)
    with running_app(db) as (base, server), opened_page(browser, "peers_only_failure.png", 1280, 900) as page:
        page.goto(base + "/", wait_until="domcontentloaded")
        page.get_by_text("no spend of the store's own bodies is loaded yet").first.wait_for(timeout=90_000)
        wait_for_app(page, settle_ms=500)
        page.screenshot(path=str(SHOTS / "peers_only_overview.png"), full_page=True)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "No spend matches these filters" not in main
        assert "The store holds spend of Devon County Council only" in main
        # the Bodies filter is there to follow that advice (under Filters at the top)
        page.locator('[data-testid="stMain"]').get_by_role("button", name="Filters").first.click()
        page.get_by_text("The store's own bodies").first.wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "peers_only_filters_open.png"))
    stop(server)
