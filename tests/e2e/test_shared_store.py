"""One writer, many readers: the running app and a CLI load share the store. A load while the app
is open (and being viewed) succeeds within a minute and the page then shows it; a page viewed while
another process holds the store waits with a plain message, never a lock error or a traceback."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from server import ROOT, make_own, opened_page, require_browser, running_app, wait_for_app

APRIL = ROOT.parent / "shared" / "corpus" / "devon_cc_over500_202504.csv"

pytestmark = [pytest.mark.timeout(600),
              pytest.mark.skipif(not APRIL.exists(), reason="../shared/corpus is not on this machine")]
require_browser()

BAD = ("IOException", "Traceback", "Could not set lock", "Conflicting lock", "(PID ")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app on a store holding April 2025 (237 lines), and a May file (the same lines a month on)."""
    from lib import store
    from lib.ingest import load_file

    tmp = tmp_path_factory.mktemp("shared")
    db = tmp / "spend.duckdb"
    assert load_file(APRIL, db=db).rows_loaded == 237
    store.close(db)
    make_own(db, "Devon County Council")  # the store is Devon's: its lines are the store's own figures
    may = tmp / "devon_cc_over500_202505.csv"
    may.write_bytes(APRIL.read_bytes().replace(b"/04/2025", b"/05/2025"))
    with running_app(db) as (base, _):
        yield base, db, may


def _metrics(page) -> list[str]:
    return page.get_by_test_id("stMetricValue").all_inner_texts()


def _text(page) -> str:
    return page.locator("body").inner_text()


def test_cli_load_while_the_app_is_viewed(served, browser):
    base, db, may = served
    with opened_page(browser, "shared_store_load.png") as page:
        page.goto(base + "/", wait_until="domcontentloaded")
        wait_for_app(page)
        page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
        assert "237" in _metrics(page)
        started = time.monotonic()
        cli = subprocess.Popen([sys.executable, "-m", "lib.cli", "ingest", str(may), "--db", str(db)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        page.reload(wait_until="domcontentloaded")  # staff keep browsing meanwhile
        wait_for_app(page)
        out, err = cli.communicate(timeout=60)
        took = time.monotonic() - started
        assert cli.returncode == 0, err
        assert '"rows_loaded": 237' in out and took < 60, (took, out)
        page.reload(wait_until="domcontentloaded")  # the next run shows the new batch
        wait_for_app(page)
        page.get_by_text("474", exact=True).first.wait_for(timeout=60_000)
        assert "474" in _metrics(page)
        assert not any(b in _text(page) for b in BAD)


HOLDER = """
import sys, time
from lib import store
with store.write(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_page_viewed_while_another_process_writes_waits_politely(served, browser):
    base, db, _ = served
    time.sleep(2)  # the app lets go of the store when idle
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "12"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        with opened_page(browser, "shared_store_busy.png") as page:
            page.goto(base + "/", wait_until="domcontentloaded")
            page.get_by_text("The store is busy loading a file, retrying").wait_for(timeout=30_000)
            seen = [_text(page)]
            while holder.poll() is None:
                seen.append(_text(page))
                time.sleep(0.5)
            wait_for_app(page)
            page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
            seen.append(_text(page))
            assert not [b for b in BAD for t in seen if b in t]
            assert "The store is busy" not in seen[-1]  # gone once the page could be drawn
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0, holder.stderr.read()
