"""The map page in a real ``streamlit run`` and Debian's Chromium, with no network: the district
shapes and supplier bubbles must be drawn as SVG, with the attribution, and a screenshot saved to
screenshots/map.png (look at it).

Starts the app on a copy of the demo store (the session's demo_template fixture), follows the
sidebar to Map as a person would, waits for Plotly to draw, and checks the SVG itself: filled
district paths, a colour bar, then bubbles once Suppliers is picked. Skips only when /usr/bin/chromium is
missing outside CI.
"""
from __future__ import annotations

import pytest

from server import SHOTS, copy_store, opened_page, require_browser, running_app, wait_for_app

pytestmark = pytest.mark.timeout(420)
require_browser()

NW_DISTRICTS = 35


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, demo_template):
    """(base URL, process) of ``streamlit run app.py`` on a copy of the demo store."""
    db = copy_store(demo_template, tmp_path_factory.mktemp("e2e_map") / "spend.duckdb")
    with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, proc):
        yield base, proc


def test_map_page_draws_offline(demo_server, browser):
    base, _ = demo_server
    SHOTS.mkdir(exist_ok=True)
    with opened_page(browser, "map_failure.png", 1400, 1500) as page:
        # No network beyond the app itself: anything else (a tile server, a CDN) is refused.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                   else route.abort())
        page.goto(base + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Map").click()
        page.wait_for_url("**/map")
        wait_for_app(page)
        charts = page.locator(".js-plotly-plot")
        charts.first.wait_for(timeout=90_000)
        wait_for_app(page)
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
        wait_for_app(page)
        second = charts.first
        bubbles = second.locator(".scatterlayer .point").count()
        assert bubbles > 100, bubbles
        second.screenshot(path=str(SHOTS / "map_suppliers.png"))
