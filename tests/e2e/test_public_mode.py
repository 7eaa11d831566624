"""Public mode in a real browser: only the public pages, no upload widget; and the transparency
snapshot opened from disk with the network off, checked with axe-core (WCAG 2.2 AA).

axe-core is the npm package in package.json (``npm install`` in scripts/test.sh), injected into
the page with Playwright's add_script_tag. Skips like test_browser.py outside CI when Chromium
or axe-core is missing; in CI both must be there.
"""
from __future__ import annotations

import json

import pytest

from server import IN_CI, ROOT, SHOTS, opened_page, require_browser, running_app, wait_for_app

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FY = "2024/25"

pytestmark = pytest.mark.timeout(600)
require_browser()
if not IN_CI and not AXE.exists():
    pytest.skip("axe-core missing: npm install (scripts/test.sh does it)", allow_module_level=True)


@pytest.fixture(scope="module")
def demo_copy(demo_template, tmp_path_factory):
    from conftest import _copy_store

    return _copy_store(demo_template, tmp_path_factory.mktemp("pub") / "demo.duckdb")


@pytest.fixture(scope="module")
def public_db(demo_copy):
    """The public store published from the demo copy (the public site reads only this)."""
    from lib import store
    from lib.publish.public_store import write_public_store

    out = demo_copy.parent / "public.duckdb"
    write_public_store(out, db=demo_copy)
    store.close(demo_copy)
    return out


@pytest.fixture(scope="module")
def public_server(public_db, tmp_path_factory):
    missing = tmp_path_factory.mktemp("nostaff") / "no-staff-store.duckdb"  # nothing to fall back to
    with running_app(missing, SPEND_MODE="public", SPEND_PUBLIC_DB=str(public_db),
                     SPEND_ALLOW_OPEN_STAFF="1") as (base, _):  # open staff must make no difference here
        yield base
    assert not missing.exists()


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    res = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return res["violations"]


def _report(violations) -> str:
    return json.dumps([{"id": v["id"], "impact": v["impact"], "help": v["help"],
                        "nodes": [n["target"] for n in v["nodes"][:3]]} for v in violations], indent=1)


def test_public_mode_has_no_upload_and_no_staff_page(public_server, browser):
    SHOTS.mkdir(exist_ok=True)
    with opened_page(browser, "public_failure.png", 1400, 1000) as page:
        page.goto(public_server + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        page.get_by_role("heading", name="Spend transparency").wait_for(timeout=60_000)
        nav = page.locator('[data-testid="stSidebarNav"]')
        links = sorted(t.strip().splitlines()[-1] for t in nav.get_by_role("link").all_inner_texts())  # after the icon
        assert links == ["Monthly spend list", "Transparency"], links
        assert page.locator('input[type="file"]').count() == 0
        page.screenshot(path=str(SHOTS / "public_transparency.png"), full_page=True)
        nav.get_by_role("link", name="Monthly spend list").click()
        page.get_by_role("heading", name="Monthly spend list").wait_for(timeout=60_000)
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "public_spend_list.png"), full_page=True)
        assert page.locator('input[type="file"]').count() == 0
        # A staff page asked for by its address is not served: still no upload widget.
        for path in ("/upload", "/redactions", "/data"):
            page.goto(public_server + path, wait_until="domcontentloaded")
            # What is served instead, seen before anything is counted as absent: Streamlit's "Page
            # not found" over the public main page.
            page.get_by_text("Page not found").first.wait_for(timeout=60_000)
            page.get_by_role("heading", name="Spend transparency").wait_for(timeout=60_000)
            wait_for_app(page)
            page.wait_for_timeout(1000)
            assert page.locator('input[type="file"]').count() == 0, path
            assert page.get_by_role("heading", name="Upload spend files").count() == 0
            assert page.get_by_role("heading", name="Redactions").count() == 0
        page.screenshot(path=str(SHOTS / "public_upload_refused.png"), full_page=True)
        # Transparency's own address (as the staff app's sidebar links it) opens the page, not
        # "Page not found": an address a member of staff copies works for the public.
        page.goto(public_server + "/transparency", wait_until="domcontentloaded")
        wait_for_app(page)
        page.get_by_role("heading", name="Spend transparency").wait_for(timeout=60_000)
        page.get_by_text("Total spend").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Page not found").count() == 0
        page.screenshot(path=str(SHOTS / "public_transparency_address.png"), full_page=True)


def test_snapshot_offline_and_accessible(demo_template, browser, tmp_path):
    from conftest import _copy_store
    from lib import store
    from lib.publish.snapshot import write_snapshot

    db = _copy_store(demo_template, tmp_path / "demo.duckdb")  # the server holds the other copy
    out = tmp_path / "snapshot"
    write_snapshot(out, FY, db=db)
    store.close(db)
    ctx = browser.new_context(viewport={"width": 1300, "height": 900}, offline=True)
    page = ctx.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto((out / "index.html").as_uri(), wait_until="load")
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5", timeout=60_000)
        page.screenshot(path=str(SHOTS / "snapshot_index.png"), full_page=True)
        assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
        # Every chart and map drew its marks from the inline plotly.js, and has a data table.
        assert page.locator("figure").count() == page.locator("figure table").count() >= 5
        headings = page.evaluate("[...document.querySelectorAll('h1,h2,h3')].map(h => +h.tagName[1])")
        assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:]))
        assert page.locator("main").count() == 1 and page.locator("header").count() == 1
        violations = _axe(page)
        (SHOTS / "snapshot_axe.json").write_text(_report(violations))
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not bad, _report(bad)
    finally:
        ctx.close()


def test_public_page_in_the_app_has_no_critical_axe_violation(public_server, browser):
    with opened_page(browser, "public_axe_failure.png", 1400, 1000) as page:
        page.goto(public_server + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        page.get_by_role("heading", name="Spend transparency").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        violations = _axe(page)
        (SHOTS / "public_app_axe.json").write_text(_report(violations))
        assert not [v for v in violations if v["impact"] == "critical"], _report(violations)
