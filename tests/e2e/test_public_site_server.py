"""The public site and staff downloads against real servers.

- A visitor's browser on the public site posts files straight to Streamlit's upload endpoint
  (``/_stcore/upload_file/<session>/<file>``, as a file_uploader does, with the XSRF token) and is
  refused, and the server's memory does not grow; the same post to a staff server is accepted,
  so the refusal is the public site's doing, not the test's.
- A CLI load into the staff store while the public site is browsed: the public site neither waits
  nor errs, and never opens the staff store (its open files are read from /proc).
- A staff download (the Transactions page's "Download all lines", built on click, and the Monthly
  spend list's CSV, sent with the page) is fetchable by its plain address while the page is open,
  and refused (404) soon after the browser is closed.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from server import ROOT, opened_page, require_browser, running_app, wait_for_app

pytestmark = pytest.mark.timeout(600)
require_browser()

MB = 1024 * 1024
FIXTURE = ROOT / "tests" / "fixtures" / "e2e_upload_spend.csv"
PUT_FILE = """async ([url, size]) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(size)], {type: 'text/csv'}), 'spend.csv');
  const xsrf = (document.cookie.split('; ').find(c => c.startsWith('_streamlit_xsrf=')) || '').split('=')[1];
  const r = await fetch(url, {method: 'PUT', body: form, headers: xsrf ? {'X-Xsrftoken': xsrf} : {}});
  return r.status;
}"""


@pytest.fixture(scope="module")
def staff_db(tmp_path_factory):
    from conftest import insert_small_store
    from lib import store

    path = tmp_path_factory.mktemp("staff") / "staff.duckdb"
    with store.write(path) as cur:
        insert_small_store(cur)
    store.close(path)
    return path


@pytest.fixture(scope="module")
def public_db(staff_db):
    from lib import store
    from lib.publish.public_store import write_public_store

    out = staff_db.parent / "public.duckdb"
    write_public_store(out, db=staff_db)
    store.close(staff_db)
    return out


def _rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _watch_session(page) -> list[str]:
    """The Streamlit session ids the page's websocket is given (what a file_uploader posts under)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ids: list[str] = []

    def on_frame(payload):
        if isinstance(payload, (bytes, bytearray)):
            msg = ForwardMsg()
            try:
                msg.ParseFromString(bytes(payload))
            except Exception:
                return
            if msg.HasField("new_session") and msg.new_session.initialize.session_id:
                ids.append(msg.new_session.initialize.session_id)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return ids


def _open_session(page, base: str) -> str:
    """Open the site in ``page``; the session id its websocket was given."""
    ids = _watch_session(page)
    page.goto(base + "/", wait_until="domcontentloaded")
    wait_for_app(page)
    assert ids, "no session id seen on the websocket"
    return ids[-1]


def _put_files(page, base: str, session: str, size: int, n: int) -> list[int]:
    return [page.evaluate(PUT_FILE, [f"{base}/_stcore/upload_file/{session}/probe{i}", size]) for i in range(n)]


def test_public_upload_endpoint_refuses_files(public_db, staff_db, browser, tmp_path):
    # SPEND_DB names a staff store, as on a machine running both: the public site must not open it.
    load_db = tmp_path / "staff.duckdb"
    with running_app(load_db, SPEND_MODE="public", SPEND_PUBLIC_DB=str(public_db)) as (base, proc):
        with opened_page(browser, "public_upload_failure.png") as page:
            session = _open_session(page, base)
            page.get_by_role("heading", name="Spend transparency").wait_for()  # the site is up and published
            before = _rss_mb(proc.pid)
            statuses = _put_files(page, base, session, 40 * MB, 8)  # 320 MB offered
            after = _rss_mb(proc.pid)
            assert page.locator('input[type="file"]').count() == 0
            # A CLI load into the staff store meanwhile: the public site neither waits nor errs.
            cli = subprocess.Popen([sys.executable, "-m", "lib.cli", "ingest", str(FIXTURE), "--db", str(load_db)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            page.get_by_role("link", name="Monthly spend list").click()
            page.get_by_role("heading", name="Monthly spend list").wait_for(timeout=60_000)
            wait_for_app(page, 500)
            body = page.inner_text("body")
            assert cli.wait(timeout=300) == 0, cli.stderr.read()
            opened = {os.readlink(f"/proc/{proc.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{proc.pid}/fd")}
    assert statuses and all(s == 413 for s in statuses), statuses
    assert after - before < 100, (before, after)
    assert "Traceback" not in body and "Error" not in body and "busy" not in body
    assert str(public_db) in opened and not any(str(load_db) in f for f in opened), opened
    with running_app(staff_db) as (base, _):  # the control: the same post to a staff server is taken
        with opened_page(browser, "staff_upload_failure.png") as page:
            assert _put_files(page, base, _open_session(page, base), 1024, 1) == [204]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # no cookie, no session: a plain address
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_staff_downloads_end_with_the_session(staff_db, browser):
    with running_app(staff_db) as (base, _):
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(base + "/transactions", wait_until="domcontentloaded")
        wait_for_app(page)
        with page.expect_download(timeout=120_000) as d:  # built on the click: slow on a busy machine
            page.get_by_role("button", name=re.compile(r"Download all \d+ matching lines")).click()
        built = d.value
        assert "acme" in open(built.path(), encoding="utf-8-sig").read().lower()  # staff data: suppliers named
        page.goto(base + "/spend_list", wait_until="domcontentloaded")
        wait_for_app(page)
        with page.expect_download(timeout=60_000) as d:
            page.get_by_test_id("stDownloadButton").get_by_role("button").click()
        sent = d.value
        urls = {"built on click": built.url, "sent with the page": sent.url}
        assert all("/media/" in u for u in urls.values()), urls
        assert _status(sent.url) == 200  # while the page is open, anyone with the address may fetch it
        context.close()  # the browser goes: the session ends
        closed = time.monotonic()
        left = dict(urls)
        while left and time.monotonic() - closed < 60:
            left = {k: u for k, u in left.items() if _status(u) != 404}
            time.sleep(1)
        assert not left, f"still served {time.monotonic() - closed:.0f} s after the browser closed: {left}"
        assert time.monotonic() - closed < 30
