"""What the browser tests share: ``streamlit run app.py`` on a free loopback port on a store of
the test's choosing (stopped when the test module is done), Debian's Chromium, and waiting for
Streamlit to finish a run. Outside CI a browser test skips when Chromium or Playwright is missing
(``require_browser``); in CI (CI=true) it must run."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@contextlib.contextmanager
def opened_page(browser, failure_shot: str, width: int = 1400, height: int = 1000):
    """A page of ``browser``, closed afterwards; when the block fails, a full-page screenshot goes to
    screenshots/``failure_shot`` first, to see what the browser saw."""
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        yield page
    except Exception:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / failure_shot), full_page=True)
        # the screenshot stays on the machine that ran the test; the page's words go to the log
        with contextlib.suppress(Exception):
            print(f"--- what the page said when the test failed ({failure_shot}):\n"
                  + page.locator("body").inner_text(timeout=5_000)[:3_000])
        raise
    finally:
        page.close()


def require_browser() -> None:
    """Skip the calling test module outside CI when Chromium or Playwright is missing."""
    if not IN_CI:
        if not Path(CHROMIUM).exists():
            pytest.skip(f"{CHROMIUM} missing (apt-get install chromium); runs in CI", allow_module_level=True)
        pytest.importorskip("playwright.sync_api")


def wait_for_app(page, settle_ms: int = 0) -> None:
    """Until Streamlit has finished the current script run (as Streamlit's own e2e tests wait); with
    ``settle_ms``, wait that long and for the end of any run it started (a rerun a widget asks for)."""
    page.wait_for_selector(DONE, timeout=120_000)
    if settle_ms:
        page.wait_for_timeout(settle_ms)
        page.wait_for_selector(DONE, timeout=120_000)


def wait_drawn(page, timeout_ms: int = 60_000) -> None:
    """Until every element on the page is drawn: the browser fetches an element's code the first
    time one is shown, and until then Streamlit shows a grey placeholder (seconds on a busy machine)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout_ms)
    page.wait_for_timeout(700)  # charts lay out after their code arrives


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, url: str, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited {proc.returncode} before it was healthy:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} not ok after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def copy_store(template: Path, dest: Path) -> Path:
    shutil.copyfile(template, dest)
    if Path(str(template) + ".wal").exists():
        shutil.copyfile(str(template) + ".wal", str(dest) + ".wal")
    return dest


def choose_upload(page, base: str, path) -> None:
    """Open the Upload page as a person would (the front door, then the router's sidebar link: on a
    fresh server a first request straight to /upload ran the page without app.py's router) and
    choose the file at ``path``."""
    page.goto(base + "/", wait_until="domcontentloaded")
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Upload").click()
    page.wait_for_url("**/upload")
    file_input = page.locator('input[type="file"]').first
    file_input.wait_for(state="attached", timeout=60_000)
    wait_for_app(page)
    file_input.set_input_files(str(path))


def make_own(db, name: str) -> None:
    """Make ``name`` the store's one own body, as the Bodies page does: a store whose files are all
    that body's (Devon's, say). Another body's spend is a peer's, never in the store's figures."""
    from lib import bodies, store

    with store.write(db) as cur:
        key = bodies.key_of(cur, name)
        bodies.set_own(cur, [key], key)
    store.close(db)


@contextlib.contextmanager
def running_app(db: Path, app: str = "app.py", **env_extra: str):
    """Yield (base URL, process) of the app serving ``db`` (no demo auto-load); ``app`` another
    script to run instead (the benchmarks' one-line baseline)."""
    log = db.parent / "streamlit.log"
    port = free_port()
    env = os.environ | {"SPEND_DB": str(db), "SPEND_NO_DEMO": "1",
                        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"} | env_extra
    cmd = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1"]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(proc, base + "/_stcore/health", log)
        yield base, proc
    finally:
        stop(proc)
