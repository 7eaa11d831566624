"""The supplier register through a real browser: ``streamlit run`` on an empty store, Debian's
Chromium, files through the real file chooser.

Loads tests/fixtures/e2e_upload_spend.csv as spend, then tests/fixtures/e2e_supplier_register.csv
with "What is in these files?" set to "Supplier register" (every row loads; one's employees, "about
ten", are left unknown with a note), checks the Suppliers page's matched share, accepts the one fuzzy candidate on Match
review, opens the Supplier worklist, and saves screenshots (screenshots/suppliers.png and others).
Then the store itself: who loaded the register, who decided the match.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from server import ROOT, SHOTS, opened_page, require_browser, running_app, stop, wait_for_app

SPEND = ROOT / "tests" / "fixtures" / "e2e_upload_spend.csv"
REGISTER = ROOT / "tests" / "fixtures" / "e2e_supplier_register.csv"
# Worked by hand from the fixtures: spend £28,253.09, of which £640.00 redacted; matched by ID
# Ribble £1,100.00, Lune £89.99, Red Rose £12,400.00, Calder £5,000.00, Wyre £455.20; by name
# Pennine £312.40; by VAT Fylde £4,460.00 = £23,817.59 (84.30%). Bowland £3,075.50 is the fuzzy
# candidate (95.19% once accepted); Heron £720.00 is not in the register.
MATCHED_PCT, AFTER_ACCEPT_PCT = "84.30%", "95.19%"
WHO = "Erin Tester"

pytestmark = pytest.mark.timeout(300)
require_browser()

from playwright.sync_api import expect  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e_suppliers") / "spend.duckdb"
    with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, proc):
        yield base, db, proc


def _nav(page, title: str) -> None:
    """Follow the sidebar link, opening the collapsed "View N more" list first when it hides it."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    link = nav.get_by_role("link", name=title, exact=True)
    if not link.count():
        nav.get_by_text("View", exact=False).filter(has_text="more").first.click()
    link.click()
    wait_for_app(page)


def _upload(page, path: Path, expect: str) -> None:
    file_input = page.locator('input[type="file"]').first
    file_input.wait_for(state="attached", timeout=60_000)
    wait_for_app(page)
    file_input.set_input_files(str(path))
    confirm = page.get_by_role("button", name="Load 1 file")
    confirm.wait_for(timeout=60_000)
    wait_for_app(page)
    return confirm


def _type_name(page) -> None:
    box = page.get_by_label("Your name", exact=True)
    box.fill(WHO)
    box.press("Enter")
    wait_for_app(page)


def test_supplier_register_through_the_browser(server, browser):
    base, db, proc = server
    SHOTS.mkdir(exist_ok=True)
    with opened_page(browser, "suppliers_failure.png", 1400, 1000) as page:
        page.goto(base + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        _nav(page, "Upload")
        # spend first, so the register has something to match
        _upload(page, SPEND, "Load 1 file").click()
        page.get_by_text("loaded 12 rows").first.wait_for(timeout=60_000)
        wait_for_app(page)

        page.locator('[data-testid="stButtonGroup"]').get_by_text("Supplier register", exact=True).click()
        wait_for_app(page)
        page.get_by_role("heading", name="Upload a supplier register").wait_for(timeout=30_000)
        confirm = _upload(page, REGISTER, "Load 1 file")
        # every column of the register is recognised and said so (none left unused)
        page.get_by_text("Columns: 12 used, 0 not used").first.wait_for(timeout=30_000)
        assert confirm.is_disabled()  # a register load needs a name
        _type_name(page)
        page.screenshot(path=str(SHOTS / "suppliers_upload_preview.png"), full_page=True)
        confirm = page.get_by_role("button", name="Load 1 file")
        # the rerun that the name triggers may not have started when _type_name returns
        expect(confirm).to_be_enabled(timeout=30_000)
        confirm.click()
        page.get_by_text("loaded 9 suppliers into the register").first.wait_for(timeout=60_000)
        wait_for_app(page)

        _nav(page, "Suppliers")
        page.get_by_text("Spend matched to the register").wait_for(timeout=60_000)
        metric = page.locator('[data-testid="stMetric"]').filter(has_text="Matched to the register")
        assert MATCHED_PCT in metric.inner_text()
        expect(page.locator('[data-testid="stMetric"]').filter(has_text="SME spend (Procurement Act 2023)")).to_have_count(1)
        # Streamlit scrolls inside its own container, so a tall window shows the whole page
        page.set_viewport_size({"width": 1400, "height": 2300})
        page.get_by_text("Spend by financial year").wait_for(timeout=30_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "suppliers.png"), full_page=True)
        page.set_viewport_size({"width": 1400, "height": 1000})

        _nav(page, "Match review")
        page.get_by_text("Bowland Forensic Services LLP").first.wait_for(timeout=60_000)
        # click as a user does, once the page has finished loading (the name appears mid-run)
        wait_for_app(page, settle_ms=500)
        page.screenshot(path=str(SHOTS / "supplier_review.png"), full_page=True)
        accept = page.get_by_role("button", name="Accept", exact=True).first
        expect(accept).to_be_enabled(timeout=30_000)
        accept.click()
        page.get_by_text("Linked:").first.wait_for(timeout=60_000)
        wait_for_app(page)
        metric = page.locator('[data-testid="stMetric"]').filter(has_text="Matched to the register")
        assert AFTER_ACCEPT_PCT in metric.inner_text()

        _nav(page, "Supplier worklist")
        page.get_by_text("Audit trail").wait_for(timeout=60_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "supplier_worklist.png"), full_page=True)

    stop(proc)  # DuckDB: one process at a time
    con = duckdb.connect(str(db), read_only=True)
    try:
        # (the supplier with 'about ten' staff is loaded, its staff unknown: m112)
        assert con.execute("SELECT count(*) FROM supplier_register").fetchone()[0] == 9
        assert con.execute("SELECT loaded_by FROM batches WHERE kind = 'suppliers'").fetchall() == [(WHO,)]
        assert con.execute("SELECT row_number, reason FROM quarantine q JOIN batches b USING (batch_id) "
                           "WHERE b.kind = 'suppliers'").fetchall() == []
        assert con.execute("SELECT employees FROM supplier_register WHERE row_number = 8").fetchall() == [(None,)]
        assert con.execute("SELECT spend_key, supplier_ref, decision, decided_by FROM match_decisions").fetchall() == [
            ("BOWLAND FORENSIC SERVICES", "KEY:BOWLAND FORENSIC SERVICE", "accept", WHO)]
    finally:
        con.close()
