"""No table on any page shows an internal column name: every page in a real ``streamlit run`` on
the demo store, in Debian's Chromium, every expander opened and a spend file chosen on the Upload
page (its preview tables), each table's column headings read as the browser's accessibility tree
gives them (Streamlit's grid draws on a canvas; its headings are ``role=columnheader``), scrolled
sideways so that columns off screen are read too.

The list of internal names is kept here, apart from lib/tables.py, so a label left out of the
dictionary (or a page that bypasses lib.ui.tables) fails. A screenshot of each page goes to
screenshots/tables/. Skips like test_browser.py outside CI when Chromium is missing.
"""
from __future__ import annotations

import pytest

from server import SHOTS, copy_store, opened_page, require_browser, running_app, wait_drawn, wait_for_app

pytestmark = pytest.mark.timeout(1500)
require_browser()

OUT = SHOTS / "tables"
# Every page of the staff navigation (the public pages among them), by URL path.
PAGES = ["", "transactions", "suppliers", "supplier_review", "worklist", "map", "rings", "scorecard", "contracts",
         "savings_social_value", "contract_register", "targets", "upload", "data", "redactions", "publish",
         "transparency", "spend_list", "bodies", "peers"]
# Names of the store's columns and of lib's frames: none may be a heading people read.
INTERNAL = {
    "fy", "fy_start", "set_by", "set_at", "supplier_name", "supplier_key", "supplier_ref", "supplier_id",
    "period_start", "payment_date", "is_redacted", "is_demo", "is_collaborative", "is_vcse", "batch_id",
    "row_number", "file_name", "amount", "amount_loaded", "amount_quarantined", "amount_total_lines", "rows_read",
    "rows_loaded", "rows_quarantined", "rows_total_lines", "loaded_at", "loaded_by", "share_pct", "local_pct",
    "north_west_pct", "unknown_pct", "spend_key", "spend_name", "decided_by", "decided_at", "decision_id",
    "edited_at", "edited_by", "edit_id", "contract_id", "source_note", "from_fy", "value_text", "target_text",
    "district_name", "district_code", "vcse_type", "start_date", "end_date", "first_date", "last_date",
    "quality_pct", "social_value_pct", "spend_pct", "time_pct", "transaction_ref", "contract_reference",
    "column_name", "old_value", "new_value", "lancashire_amount", "non_local_amount", "recorded_on",
    "saving_type", "collaborative_flag", "route_group", "days_left", "contracts_held", "location_note",
    "delivers_locally", "balance_sheet", "charity_number", "label", "value", "pct", "kind", "raw", "why",
}
SPEND_FILE = ("spend_2026-04.csv", b"Payment Date,Supplier,Amount,Expense Type\n01/04/2026,Acme Ltd,1935.00,Vehicles\n"
              b"02/04/2026,Beta Supplies,not money,Utilities\n")

# The headings of the grid's columns now rendered, and whether it can scroll further right.
HEADINGS_JS = """(frame) => {
  const heads = [...frame.querySelectorAll('[role="columnheader"]')].map(h => h.textContent.trim());
  const scroller = frame.querySelector('.dvn-scroller');
  let more = false;
  if (scroller && scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1) {
    scroller.scrollLeft += Math.max(200, scroller.clientWidth - 100);
    more = true;
  }
  return [heads, more];
}"""


@pytest.fixture(scope="module")
def staff_server(demo_template, tmp_path_factory):
    db = copy_store(demo_template, tmp_path_factory.mktemp("tables") / "demo.duckdb")
    with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, _):
        yield base


# True for an element inside a tab panel not shown (another tab is open).
IN_CLOSED_TAB = "(el) => { const p = el.closest('[role=\"tabpanel\"]'); return !!p && !p.checkVisibility(); }"


def grid_headings(page, frame) -> list[str]:
    """Every column heading of one grid (``frame``: its stDataFrame element), left to right."""
    frame.scroll_into_view_if_needed()
    frame.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=30_000)
    seen: list[str] = []
    more = True
    for _ in range(40):
        heads, more = frame.evaluate(HEADINGS_JS)
        seen += [h for h in heads if h and h not in seen]
        if not more:
            break
        page.wait_for_timeout(400)  # the grid draws the columns scrolled to
    return seen


def page_headings(page, base: str, path: str) -> dict[str, list[str]]:
    """{table: its headings} for every table on ``path``, expanders opened."""
    page.goto(f"{base}/{path}", wait_until="domcontentloaded")
    wait_for_app(page, settle_ms=1000)
    if path == "upload":
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": SPEND_FILE[0], "mimeType": "text/csv", "buffer": SPEND_FILE[1]}])
        page.locator('[data-testid="stDataFrame"]').first.wait_for(state="attached", timeout=120_000)
        wait_for_app(page, settle_ms=1000)
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(20):  # each click opens one, so the next closed one is always the first
        if not closed.count():
            break
        closed.first.click()
        page.wait_for_timeout(200)
    wait_drawn(page)
    assert page.locator('[data-testid="stException"]').count() == 0, f"{path or '/'}: an exception is shown"
    out = {}
    frames = page.locator('[data-testid="stDataFrame"]')
    tabs = page.locator('[role="tab"]').all() or [None]
    hidden = []
    for tab in tabs:  # a table in a tab not chosen is not drawn: each tab is opened in turn
        label = ""
        if tab is not None:
            label = f" {tab.inner_text().strip()}"
            if tab.get_attribute("aria-selected") != "true":
                tab.click()
            # A tab may be worked out only when it is opened (st.tabs with a key): its run has drawn
            # something in the open panel once the panel holds an element, and is over once the app says so.
            panel = page.locator('[role="tabpanel"]').filter(visible=True)
            panel.locator('[data-testid="stElementContainer"]').first.wait_for(timeout=120_000)
            wait_for_app(page)
            wait_drawn(page)
        for n in range(frames.count()):
            name = f"{path or 'overview'}{label} table {n + 1}"
            if frames.nth(n).is_visible():
                out[name] = grid_headings(page, frames.nth(n))
            elif not frames.nth(n).evaluate(IN_CLOSED_TAB):
                hidden.append(name)
    assert not hidden, f"{path}: tables never shown: {hidden}"
    for n, table in enumerate(page.locator('[data-testid="stTable"]').all()):
        out[f"{path or 'overview'} st.table {n + 1}"] = [h.inner_text().strip() for h in table.locator("thead th").all()]
    page.screenshot(path=str(OUT / f"{path or 'overview'}.png"), full_page=True)
    return out


def test_no_table_on_any_page_shows_an_internal_column_name(staff_server, browser):
    OUT.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    with opened_page(browser, "tables_failure.png", 1600, 1400) as page:
        for path in PAGES:
            found.update(page_headings(page, staff_server, path))
    bad = {t: [h for h in heads if h in INTERNAL or "_" in h] for t, heads in found.items()}
    assert not {t: h for t, h in bad.items() if h}, bad
    assert all(found.values()), [t for t, heads in found.items() if not heads]  # every table's headings read
    assert len(found) >= 25, sorted(found)  # the demo fills most tables, the upload preview its own
    upload = [heads for t, heads in found.items() if t.startswith("upload")]
    assert ["Payment date", "Supplier (as published)", "Amount"] in [h[:3] for h in upload] or any(
        {"Payment date", "Amount"} <= set(h) for h in upload), upload
    # A table wider than the window is read to its last column (the batches' own totals, far right).
    assert any("File's own totals" in heads for t, heads in found.items() if t.startswith("data")), found
