"""The map page in a real ``streamlit run`` and Debian's Chromium, with no network: the district
shapes and supplier bubbles must be drawn as SVG, with the attribution, and a screenshot saved to
screenshots/map.png (look at it).

Starts the app on a copy of the demo store (the session's demo_template fixture), follows the
sidebar to Map as a person would, waits for Plotly to draw, and checks the SVG itself: filled
district paths, a colour bar, then bubbles once Suppliers is picked. Skips only when /usr/bin/chromium is
missing outside CI.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_browser import CHROMIUM, IN_CI, ROOT, SHOTS, _wait_for_app

pytestmark = pytest.mark.timeout(420)

if not IN_CI and not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} missing (apt-get install chromium); runs in CI", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402
from server import copy_store, running_app, stop as _stop  # noqa: E402,F401

NW_DISTRICTS = 35


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, demo_template):
    """(base URL, process) of ``streamlit run app.py`` on a copy of the demo store."""
    db = copy_store(demo_template, tmp_path_factory.mktemp("e2e_map") / "spend.duckdb")
    with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, proc):
        yield base, proc


def test_map_page_draws_offline(demo_server):
    base, _ = demo_server
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1500})
        # No network beyond the app itself: anything else (a tile server, a CDN) is refused.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                   else route.abort())
        try:
            page.goto(base + "/", wait_until="domcontentloaded")
            _wait_for_app(page)
            page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Map").click()
            page.wait_for_url("**/map")
            _wait_for_app(page)
            charts = page.locator(".js-plotly-plot")
            charts.first.wait_for(timeout=90_000)
            _wait_for_app(page)
            first = charts.first
            # Every North West district is a filled SVG path (plus neighbours for context).
            page.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot .scatterlayer .js-fill').length >= n",
                arg=NW_DISTRICTS, timeout=60_000)
            fills = first.locator(".scatterlayer .js-fill").count()
            assert fills >= NW_DISTRICTS
            assert first.locator(".colorbar").count() == 1
            assert "Contains OS data © Crown copyright" in first.inner_text()
            assert page.get_by_text("Local (Lancashire)").first.is_visible()
            page.screenshot(path=str(SHOTS / "map.png"), full_page=True)
            first.screenshot(path=str(SHOTS / "map_districts.png"))

            page.locator('[data-testid="stButtonGroup"]').get_by_text("Suppliers", exact=True).click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(t => t.textContent.startsWith('Suppliers by spend'))",
                timeout=60_000)
            _wait_for_app(page)
            second = charts.first
            bubbles = second.locator(".scatterlayer .point").count()
            assert bubbles > 100, bubbles
            second.screenshot(path=str(SHOTS / "map_suppliers.png"))
        except Exception:
            page.screenshot(path=str(SHOTS / "map_failure.png"), full_page=True)
            raise
        finally:
            page.close()
            browser.close()
