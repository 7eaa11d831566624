"""The Transactions list through a real browser: ``streamlit run`` on a store of 8 + 131 lines
(more than a page), Debian's Chromium. Sorting by amount, largest first, puts the largest of ALL
lines on top (it sits on the second page in date order); a search narrows the lines and the top
row follows; the download holds every matching line under the published headings."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from conftest import insert_small_store
from lib import store
from lib.publish.redaction import PUBLISHED_COLUMNS
from server import SHOTS, opened_page, require_browser, running_app, wait_for_app

pytestmark = pytest.mark.timeout(300)
require_browser()

EXTRA = 131
BIG = Decimal("36762.13")  # the largest line, in the year's last month: page 2 in date order


def _lines():
    """(row, date, amount, supplier, description) of the 2021/22 lines (the latest year: the default filter)."""
    out = []
    for i in range(EXTRA):
        month = 4 + i * 12 // EXTRA  # April to March, in order
        year, month = (2021, month) if month <= 12 else (2022, month - 12)
        amount = BIG if i == EXTRA - 2 else Decimal(i * 37 % 101) * 10 + Decimal(i) / 100
        desc = "Tyre fitting" if i % 5 == 0 else "Printer paper"
        out.append((i + 2, f"{year}-{month:02d}-{1 + i % 28:02d}", amount, f"Firm {i % 9}", desc))
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e_tx") / "spend.duckdb"
    store.connect(db)
    with store.write(db) as cur:
        insert_small_store(cur)
        cur.execute(
            """INSERT INTO batches (batch_id, kind, file_name, file_sha256, loaded_at, is_demo, rows_read,
                   rows_loaded, rows_quarantined, rows_total_lines, amount_loaded, amount_quarantined,
                   amount_total_lines, sheets)
               VALUES (3, 'spend', 'spend_2021-22.csv', 'cc', TIMESTAMP '2022-05-01 09:00', FALSE, ?, ?, 0, 0, 0, 0, 0, '[""]')""",
            [EXTRA, EXTRA])
        cur.executemany(
            """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start,
                   amount, supplier_name, supplier_key, is_redacted, department, category, description)
               VALUES (3, '', ?, ?, ?, '2021/22', 2021, ?, ?, lower(?), FALSE, 'Fleet', 'Transport', ?)""",
            [(r, d, d, a, s, s, desc) for r, d, a, s, desc in _lines()])
    store.close(db)
    with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, proc):
        yield base


WAIT = 120_000  # ms: every wait is for something on the page, and returns once it is there; a run takes seconds on a busy machine


def _top_amount(page) -> str:
    return page.locator('[data-testid="stTable"] tbody tr').first.locator("td").nth(3).inner_text()


def test_sort_and_search_over_every_line(server, browser):
    from playwright.sync_api import expect

    SHOTS.mkdir(exist_ok=True)
    with opened_page(browser, "transactions_failure.png", 1400, 1000) as page:
        page.set_default_timeout(WAIT)
        page.goto(server + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Transactions", exact=True).click()
        page.wait_for_url("**/transactions")
        wait_for_app(page)
        table = page.locator('[data-testid="stTable"]')
        expect(table).to_contain_text("Supplier (as published)", timeout=WAIT)
        expect(page.get_by_text("Page 1 of 2: lines 1–100 of")).to_be_visible(timeout=WAIT)
        expect(table).not_to_contain_text("£36,762.13", timeout=WAIT)  # date order: it is on page 2

        page.locator('[data-testid="stSelectbox"]').filter(has_text="Sort by").click()
        page.get_by_role("option", name="Amount", exact=True).click()
        wait_for_app(page, 500)
        page.locator('[data-testid="stRadio"]').get_by_text("Descending", exact=True).click()
        wait_for_app(page, 500)
        expect(table.locator("tbody tr").first).to_contain_text("£36,762.13", timeout=WAIT)
        page.screenshot(path=str(SHOTS / "transactions_sorted.png"), full_page=True)

        search = page.get_by_role("textbox", name="Search")
        search.fill("tyre")
        search.press("Enter")
        wait_for_app(page, 500)
        tyres = sorted((a for _, _, a, _, d in _lines() if "tyre" in d.lower()), reverse=True)
        expect(page.get_by_text(f"of {len(tyres)} matching")).to_be_visible(timeout=WAIT)
        top = f"£{tyres[0]:,.2f}"
        expect(table.locator("tbody tr").first).to_contain_text(top, timeout=WAIT)
        assert top != "£36,762.13"
        page.screenshot(path=str(SHOTS / "transactions_search.png"), full_page=True)

        with page.expect_download(timeout=WAIT) as dl:  # the file is built on the click: slow on a busy machine
            page.get_by_role("button", name=f"Download all {len(tyres)} matching lines").click()
        rows = list(csv.reader(io.StringIO(open(dl.value.path(), encoding="utf-8-sig").read())))
    assert rows[0][:len(PUBLISHED_COLUMNS)] == PUBLISHED_COLUMNS
    assert [Decimal(r[5]) for r in rows[1:]] == tyres
