"""The browser test: a real ``streamlit run``, Debian's Chromium, a file through the real chooser.

Starts the app on a free loopback port with an empty temporary store, waits for
``/_stcore/health`` to say ``ok``, opens the app and follows the sidebar to Upload, uploads
tests/fixtures/e2e_upload_spend.csv through ``<input type=file>``, confirms the load, checks the
page reports the rows loaded and that the store holds them, and saves screenshots to
screenshots/.

Skips only when /usr/bin/chromium is missing outside CI; in CI (CI=true) it must run.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "e2e_upload_spend.csv"
FIXTURE_ROWS = 12
FIXTURE_TOTAL = Decimal("28253.09")  # worked by hand from the fixture
SHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

pytestmark = pytest.mark.timeout(300)  # a hung server or browser fails here, not the CI run

if not IN_CI:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium); runs in CI", allow_module_level=True)
    pytest.importorskip("playwright.sync_api")

from playwright.sync_api import sync_playwright  # noqa: E402
from server import free_port as _free_port, running_app, stop as _stop, wait_healthy as _wait_healthy  # noqa: E402,F401


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """(base URL, store path, process) of a running ``streamlit run app.py`` on an empty store
    (no demo: every row in the store came through the browser)."""
    db = tmp_path_factory.mktemp("e2e") / "spend.duckdb"
    with running_app(db) as (base, proc):
        yield base, db, proc


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            yield b
        finally:
            b.close()


def _wait_for_app(page) -> None:
    """Until Streamlit has finished the current script run (as Streamlit's own e2e tests wait)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


def test_upload_a_csv_through_the_browser(app_server, browser):
    base, db, server = app_server
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # In through the front door and the router's sidebar, as a person would. (On a fresh
        # server a first request straight to /upload ran the page without app.py's router.)
        page.goto(base + "/", wait_until="domcontentloaded")
        _wait_for_app(page)
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Upload").click()
        page.wait_for_url("**/upload")
        file_input = page.locator('input[type="file"]').first
        file_input.wait_for(state="attached", timeout=60_000)
        _wait_for_app(page)
        file_input.set_input_files(str(FIXTURE))
        confirm = page.get_by_role("button", name="Load 1 file")
        confirm.wait_for(timeout=60_000)
        _wait_for_app(page)
        page.screenshot(path=str(SHOTS / "e2e_upload_preview.png"), full_page=True)
        confirm.click()
        page.get_by_text(f"loaded {FIXTURE_ROWS} rows (£{FIXTURE_TOTAL:,})").first.wait_for(timeout=60_000)
        _wait_for_app(page)
        page.screenshot(path=str(SHOTS / "e2e_upload_loaded.png"), full_page=True)
    except Exception:
        page.screenshot(path=str(SHOTS / "e2e_upload_failure.png"), full_page=True)
        raise
    finally:
        page.close()

    # The store itself: DuckDB lets one process at a time open the file, so stop the app first.
    _stop(server)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n, total = con.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
    finally:
        con.close()
    assert (n, total) == (FIXTURE_ROWS, FIXTURE_TOTAL)
