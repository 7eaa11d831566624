"""Staff app, public site and a scheduled CLI load, all at once, as a force runs them side by side.

The staff app serves the staff store and is being viewed; the public site serves only the
published store and is being viewed; meanwhile a CLI load adds a month to the staff store. The
load finishes within a minute; staff see it on their next run; the public site keeps showing what
was published (never the unpublished month, never a lock error or a traceback) and never opens the
staff store; after ``publish-store`` the public site shows the new month too.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from server import ROOT, make_own, opened_page, require_browser, running_app, wait_for_app

APRIL = ROOT.parent / "shared" / "corpus" / "devon_cc_over500_202504.csv"

pytestmark = [pytest.mark.timeout(900),
              pytest.mark.skipif(not APRIL.exists(), reason="../shared/corpus is not on this machine")]
require_browser()

BAD = ("IOException", "Traceback", "Could not set lock", "Conflicting lock", "(PID ")


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def _payments(page) -> str:
    """The public Transparency page's "Payments" tile."""
    tile = page.get_by_test_id("stMetric").filter(has_text="Payments").first
    tile.wait_for(timeout=60_000)
    return tile.get_by_test_id("stMetricValue").inner_text()


def _open_files(pid: int) -> set[str]:
    out = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            out.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            pass
    return out


def test_staff_public_and_cli_at_once(tmp_path, browser):
    staff_db, public_db = tmp_path / "spend.duckdb", tmp_path / "public.duckdb"
    load = _cli("ingest", str(APRIL), "--db", str(staff_db))
    assert load.returncode == 0, load.stderr
    make_own(staff_db, "Devon County Council")  # the store is Devon's, as the council would set it
    published = _cli("publish-store", "--out", str(public_db), "--db", str(staff_db))
    assert published.returncode == 0, published.stderr
    may = tmp_path / "devon_cc_over500_202505.csv"
    may.write_bytes(APRIL.read_bytes().replace(b"/04/2025", b"/05/2025"))

    with running_app(staff_db) as (staff, _), \
            running_app(tmp_path / "never-opened.duckdb", SPEND_MODE="public",
                        SPEND_PUBLIC_DB=str(public_db)) as (public, public_proc), \
            opened_page(browser, "all_at_once_staff.png") as staff_page, \
            opened_page(browser, "all_at_once_public.png") as public_page:
        staff_page.goto(staff + "/", wait_until="domcontentloaded")
        wait_for_app(staff_page)
        staff_page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
        assert "237" in staff_page.get_by_test_id("stMetricValue").all_inner_texts()
        public_page.goto(public + "/", wait_until="domcontentloaded")
        wait_for_app(public_page)
        assert _payments(public_page) == "237"

        started = time.monotonic()
        cli = subprocess.Popen([sys.executable, "-m", "lib.cli", "ingest", str(may), "--db", str(staff_db)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []
        while cli.poll() is None and time.monotonic() - started < 60:  # both sites are browsed meanwhile
            for page in (staff_page, public_page):
                page.reload(wait_until="domcontentloaded")
                wait_for_app(page)
                seen.append(page.locator("body").inner_text())
        out, err = cli.communicate(timeout=60)
        took = time.monotonic() - started
        assert cli.returncode == 0 and '"rows_loaded": 237' in out, (out, err)
        assert took < 60, took

        staff_page.reload(wait_until="domcontentloaded")  # staff see the new month on their next run
        wait_for_app(staff_page)
        staff_page.get_by_text("474", exact=True).first.wait_for(timeout=60_000)
        public_page.reload(wait_until="domcontentloaded")  # the public site shows what was published
        wait_for_app(public_page)
        assert _payments(public_page) == "237"
        seen += [staff_page.locator("body").inner_text(), public_page.locator("body").inner_text()]
        assert not [b for b in BAD for text in seen if b in text]
        opened = _open_files(public_proc.pid)
        assert str(public_db) in opened and not any(str(staff_db) in f for f in opened), opened

        republished = _cli("publish-store", "--out", str(public_db), "--db", str(staff_db))
        assert republished.returncode == 0, republished.stderr
        public_page.reload(wait_until="domcontentloaded")
        wait_for_app(public_page)
        assert _payments(public_page) == "474"
        assert not any(b in public_page.locator("body").inner_text() for b in BAD)
