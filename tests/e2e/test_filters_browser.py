"""The filters row in a real ``streamlit run`` and Debian's Chromium, on the demo store: drill from
the Overview by clicking a supplier's bar, see what the drill added as a chip and in words, carry
it back to the Overview, remove the chip and see the totals as before; then drill by the keyboard
twin (pick a category, Show transactions) and take "Back to previous filters".

Skips like test_browser.py outside CI when Chromium is missing; in CI it must run.
"""
from __future__ import annotations

import re

import pytest

from server import SHOTS, copy_store, opened_page, require_browser, running_app, wait_drawn, wait_for_app

pytestmark = pytest.mark.timeout(900)
require_browser()

from playwright.sync_api import expect  # noqa: E402


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, demo_template):
    db = copy_store(demo_template, tmp_path_factory.mktemp("e2e_filters") / "demo.duckdb")
    with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, _):
        yield base


def metric(page, label: str) -> str:
    """The value of the metric labelled ``label`` once it is drawn."""
    m = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    value = m.locator('[data-testid="stMetricValue"]')
    expect(value).to_be_visible(timeout=60_000)
    return value.inner_text().strip()


def chip(page, label: str):
    return page.locator(".st-key-filter_chips").get_by_role("button", name=label, exact=True)


def settle(page) -> None:
    wait_for_app(page, settle_ms=1000)
    wait_drawn(page)


def drill_by_clicking_the_top_supplier(page) -> tuple[str, str]:
    """Click the largest supplier's bar (the widest) on the Overview; the supplier's name and spend,
    as the picker under the chart lists it first ("Victim Support (£4,072,611.16)")."""
    first = page.locator(".st-key-ov_sup_pick input").first.input_value()
    name, amount = re.fullmatch(r"(.+) \((-?£[\d,.]+)\)", first.strip()).groups()
    chart = page.locator(".st-key-ov_sup")
    chart.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(500)
    bars = chart.locator("g.point path")
    expect(bars.first).to_be_attached(timeout=60_000)
    boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
    widest = max((b for b in boxes if b), key=lambda b: b["width"])
    # Plotly takes clicks on its drag layer above the bars and finds the point under the pointer
    page.mouse.click(widest["x"] + widest["width"] / 2, widest["y"] + widest["height"] / 2)
    return name, amount


def test_drill_shows_a_chip_and_clearing_it_brings_the_totals_back(demo_server, browser):
    SHOTS.mkdir(exist_ok=True)
    with opened_page(browser, "filters_failure.png", 1280, 900) as page:
        page.goto(demo_server + "/", wait_until="domcontentloaded")
        page.wait_for_selector("text=Spend overview", timeout=120_000)
        settle(page)
        total, suppliers = metric(page, "Total spend"), metric(page, "Suppliers")
        expect(page.locator(".st-key-filter_chips")).to_contain_text(re.compile(r"\d{4}/\d{2}"))

        name, amount = drill_by_clicking_the_top_supplier(page)
        page.wait_for_url("**/transactions", timeout=120_000)
        settle(page)
        assert metric(page, "Total") == amount
        expect(chip(page, f"Supplier: {name}")).to_be_visible(timeout=60_000)
        expect(page.locator(".st-key-drill_notice")).to_contain_text(f"Added supplier: {name}.")
        box = page.locator(".st-key-drill_notice").bounding_box()  # the page opened at its top, not
        assert box and 0 <= box["y"] < 900                          # scrolled as far as the Overview was
        page.screenshot(path=str(SHOTS / "filters_drilled.png"))

        # Back on the Overview the drill is still said, and the figures are the supplier's
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overview").click()
        page.wait_for_selector("text=Spend overview", timeout=120_000)
        settle(page)
        expect(chip(page, f"Supplier: {name}")).to_be_visible(timeout=60_000)
        expect(page.locator(".st-key-drill_notice")).to_be_visible()
        assert metric(page, "Suppliers") == "1"

        # The chip's × removes the supplier: the totals are the year's again, the note is gone
        chip(page, f"Supplier: {name}").click()
        settle(page)
        expect(chip(page, f"Supplier: {name}")).to_have_count(0)
        expect(page.locator(".st-key-drill_notice")).to_have_count(0)
        assert (metric(page, "Total spend"), metric(page, "Suppliers")) == (total, suppliers)

        # The keyboard twin: a category's transactions, then back to the filters before the drill
        page.locator(".st-key-ov_cat_go button").click()
        page.wait_for_url("**/transactions", timeout=120_000)
        settle(page)
        notice = page.locator(".st-key-drill_notice")
        expect(notice).to_contain_text("Added ", timeout=60_000)
        narrowed = metric(page, "Lines")
        notice.get_by_role("button", name="Back to previous filters").click()
        settle(page)
        expect(page.locator(".st-key-drill_notice")).to_have_count(0)
        expect(page.locator(".st-key-filter_chips")).not_to_contain_text(re.compile("categor", re.IGNORECASE))
        assert metric(page, "Lines") != narrowed
        page.screenshot(path=str(SHOTS / "filters_back.png"))
