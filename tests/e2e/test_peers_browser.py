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
        page.get_by_text("loaded as a peer; the force's figures are unchanged").first.wait_for(timeout=90_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "peers_upload_loaded.png"), full_page=True)

        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Peers").click()
        page.wait_for_url("**/peers")
        page.get_by_text("Side by side").first.wait_for(timeout=90_000)
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
