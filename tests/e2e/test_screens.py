"""Every page on a phone (390×844), a small screen (1024×768) and a laptop (1280×800), in a real ``streamlit run`` and Debian's
Chromium, on the demo store: a screenshot of each, and on each that it reads.

Staff mode (open, as a local demo) serves every page, the public ones included; public mode serves
the public pages from a public store published from the same demo copy. Per page and size:

- no Streamlit exception box;
- the page's title (its ``h1``) is shown, and nothing of the main block reaches past the right
  edge of the window: the page never scrolls sideways (a wide table scrolls inside its own frame);
- on staff pages the filters row (the Filters pop-over) is within the first screen, no scrolling;
- no headline figure (st.metric) nor its label is cut short with "…": four to a row beside the
  sidebar on a 1024 px screen, Streamlit's own size cut "£53.9M" to "£53.…" (lib.ui.layout.page_style).

Screenshots (full page) go to ``$SPEND_SCREENS_DIR`` if set, else screenshots/screens/, named
``<mode>_<page>_<width>.png``. Skips like test_browser.py outside CI when Chromium is missing.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lib.ui.layout import WRAPS
from server import ROOT, SHOTS, copy_store, opened_page, require_browser, running_app, wait_drawn, wait_for_app

pytestmark = pytest.mark.timeout(1500)
require_browser()

from playwright.sync_api import expect  # noqa: E402

OUT = Path(os.environ.get("SPEND_SCREENS_DIR") or SHOTS / "screens")
SIZES = [(390, 844), (1024, 768), (1280, 800)]

# URL path → the page's title (its h1). Every page in app.py's staff navigation.
STAFF_PAGES = {
    "": "Spend overview", "transactions": "Transactions", "suppliers": "Suppliers",
    "supplier_review": "Match review", "worklist": "Supplier worklist", "map": "Where the money goes",
    "rings": "Local and regional spend", "peers": "Peers", "scorecard": "Strategy scorecard",
    "contracts": "Contracts and compliance", "savings_social_value": "Savings and social value",
    "contract_register": "Contracts register", "targets": "Targets", "upload": "Upload spend files",
    "data": "Data loaded", "bodies": "Bodies", "redactions": "Redactions", "publish": "Snapshot and briefing",
    "transparency": "Spend transparency", "spend_list": "Monthly spend list",
}
PUBLIC_PAGES = {"": "Spend transparency", "spend_list": "Monthly spend list"}

# How far the main block reaches past the window's right edge (px; 0 when nothing does). Elements
# inside a frame that clips or scrolls (a table, a chart's drawing) are measured by that frame.
OVERFLOW_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const limit = document.documentElement.clientWidth;
  let worst = Math.max(0, document.documentElement.scrollWidth - limit), what = 'the page';
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let hidden = false;  // inside a frame that clips or scrolls: the frame itself is measured
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') { hidden = true; break; }
    }
    if (!hidden && r.right - limit > worst) {
      worst = r.right - limit;
      what = (el.getAttribute('data-testid') || el.tagName) + ': ' + (el.innerText || '').slice(0, 60);
    }
  }
  return [Math.round(worst), what];
}"""

# The headline figures (and their labels) whose text is wider than their box: Streamlit ends them in "…".
CUT_METRICS_JS = """() => [...document.querySelectorAll(
    '[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"], [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]')]
  .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


# Rows of columns that wrap (lib.ui.layout.WRAPS: {key: least width in rem}) found with two of their own
# columns side by side, either narrower than its least width: [key, ...].
SQUEEZED_WRAPS_JS = """wraps => Object.entries(wraps).filter(([key, least]) => {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return [...document.querySelectorAll('.st-key-wrap_' + key)].some(p => {
      const cols = [...p.querySelectorAll('[data-testid="stColumn"]')]
        .filter(c => !p.contains(c.parentElement.closest('[data-testid="stColumn"]')))  // its own, not nested ones
        .map(c => c.getBoundingClientRect());
      return cols.some((a, i) => cols.slice(i + 1).some(b => Math.abs(a.top - b.top) < 1
                                                       && Math.min(a.width, b.width) < least * rem - 1));
    });
  }).map(([key]) => key)"""


def test_every_page_in_the_navigation_is_screened():
    """A page added to app.py is screened too (the sign-in page is not a staff page: it is what
    staff see before signing in, and the public pages are screened in public mode)."""
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    in_app = set(re.findall(r'st\.Page\("pages/(\w+)\.py"', app)) - {"sign_in"}
    screened = {path or "overview" for path in STAFF_PAGES}
    assert in_app == screened, f"not screened: {sorted(in_app - screened)}; gone: {sorted(screened - in_app)}"


@pytest.fixture(scope="module")
def demo_copy(demo_template, tmp_path_factory):
    return copy_store(demo_template, tmp_path_factory.mktemp("screens") / "demo.duckdb")


@pytest.fixture(scope="module")
def staff_server(demo_copy):
    with running_app(demo_copy, SPEND_ALLOW_OPEN_STAFF="1") as (base, _):
        yield base


@pytest.fixture(scope="module")
def public_server(demo_template, tmp_path_factory):
    """Public mode on the public store published from a copy of the demo store."""
    from lib import store
    from lib.publish.public_store import write_public_store

    where = tmp_path_factory.mktemp("screens_public")
    staff = copy_store(demo_template, where / "staff.duckdb")
    out = where / "public.duckdb"
    write_public_store(out, db=staff)
    store.close(staff)
    with running_app(where / "no-staff-store.duckdb", SPEND_MODE="public", SPEND_PUBLIC_DB=str(out)) as (base, _):
        yield base


def check_page(page, base: str, path: str, title: str, shot: Path, staff: bool) -> None:
    """Open ``path``, wait for the page to finish drawing, screenshot it, and check it reads."""
    page.goto(f"{base}/{path}", wait_until="domcontentloaded")
    heading = page.locator("h1").filter(has_text=title).first
    heading.wait_for(timeout=120_000)
    wait_for_app(page, settle_ms=1500)
    wait_drawn(page)
    assert page.locator('[data-testid="stException"]').count() == 0, f"{path or '/'}: an exception is shown"
    expect(heading).to_be_visible()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    over, what = page.evaluate(OVERFLOW_JS)
    assert over <= 1, f"{path or '/'} at {width} px: {what} reaches {over} px past the right edge"
    cut = page.evaluate(CUT_METRICS_JS)
    assert not cut, f"{path or '/'} at {width} px: headline figures cut short: {cut}"
    squeezed = page.evaluate(SQUEEZED_WRAPS_JS, WRAPS)
    assert not squeezed, f"{path or '/'} at {width} px: columns side by side narrower than layout.WRAPS says: {squeezed}"
    if staff:  # the filters are reachable without scrolling
        box = page.locator(".st-key-flt_popover").first.bounding_box()
        assert box and box["y"] + box["height"] <= height, f"{path or '/'}: filters off screen"
    full_screenshot(page, shot)


def full_screenshot(page, shot: Path, most: int = 16_000) -> None:
    """The whole page: Streamlit scrolls its main block, not the document, so the window is made as
    tall as the block for the picture (at most ``most`` px), then put back."""
    size = page.viewport_size
    tall = page.evaluate('() => document.querySelector(\'[data-testid="stMain"]\').scrollHeight')
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(tall), most))})
    wait_drawn(page)
    page.screenshot(path=str(shot))
    page.set_viewport_size(size)


@pytest.mark.parametrize("width,height", SIZES)
def test_every_staff_page_reads_at(staff_server, browser, width, height):
    OUT.mkdir(parents=True, exist_ok=True)
    failures = []
    with opened_page(browser, f"screens_staff_{width}_failure.png", width, height) as page:
        page.goto(staff_server + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        for path, title in STAFF_PAGES.items():
            try:
                check_page(page, staff_server, path, title, OUT / f"staff_{path or 'overview'}_{width}.png", True)
            except AssertionError as e:
                failures.append(str(e))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width,height", SIZES)
def test_every_public_page_reads_at(public_server, browser, width, height):
    OUT.mkdir(parents=True, exist_ok=True)
    failures = []
    with opened_page(browser, f"screens_public_{width}_failure.png", width, height) as page:
        for path, title in PUBLIC_PAGES.items():
            try:
                check_page(page, public_server, path, title, OUT / f"public_{path or 'transparency'}_{width}.png",
                           False)
            except AssertionError as e:
                failures.append(str(e))
    assert not failures, "\n".join(failures)
