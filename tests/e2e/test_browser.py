"""The browser test: a real ``streamlit run``, Debian's Chromium, a file through the real chooser.

Starts the app on a free loopback port with an empty temporary store, waits for
``/_stcore/health`` to say ``ok``, opens the app and follows the sidebar to Upload, uploads
tests/fixtures/e2e_upload_spend.csv through ``<input type=file>``, confirms the load, checks the
page reports the rows loaded and that the store holds them, and saves screenshots to
screenshots/.

Skips only when /usr/bin/chromium is missing outside CI; in CI (CI=true) it must run.
"""
from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from server import ROOT, SHOTS, choose_upload, opened_page, require_browser, running_app, stop, wait_for_app

FIXTURE = ROOT / "tests" / "fixtures" / "e2e_upload_spend.csv"
FIXTURE_ROWS = 12
FIXTURE_TOTAL = Decimal("28253.09")  # worked by hand from the fixture

pytestmark = pytest.mark.timeout(300)  # a hung server or browser fails here, not the CI run
require_browser()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """(base URL, store path, process) of a running ``streamlit run app.py`` on an empty store
    (no demo: every row in the store came through the browser)."""
    db = tmp_path_factory.mktemp("e2e") / "spend.duckdb"
    with running_app(db) as (base, proc):
        yield base, db, proc


def test_upload_a_csv_through_the_browser(app_server, browser):
    base, db, server = app_server
    SHOTS.mkdir(exist_ok=True)
    with opened_page(browser, "e2e_upload_failure.png", 1400, 1000) as page:
        choose_upload(page, base, FIXTURE)
        confirm = page.get_by_role("button", name="Load 1 file")
        confirm.wait_for(timeout=60_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "e2e_upload_preview.png"), full_page=True)
        confirm.click()
        page.get_by_text(f"loaded {FIXTURE_ROWS} rows (£{FIXTURE_TOTAL:,})").first.wait_for(timeout=60_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "e2e_upload_loaded.png"), full_page=True)

    # The store itself: DuckDB lets one process at a time open the file, so stop the app first.
    stop(server)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n, total = con.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
    finally:
        con.close()
    assert (n, total) == (FIXTURE_ROWS, FIXTURE_TOTAL)
