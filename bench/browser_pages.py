"""Page loads in a real browser: ``streamlit run app.py`` and Debian's Chromium (Playwright).

Used by ``bench_scorecard.py --browser``. A load is timed from navigation until the page's own
text is on screen and Streamlit says the script has stopped running
(``data-test-script-state="notRunning"``): what a user waits for, the framework's own start-up
in the browser included. The baseline, in the same run: a one-line Streamlit app, which is the
floor no page of any Streamlit app gets under on this machine.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from server import running_app  # noqa: E402  (the browser tests' way to start the app)

CHROMIUM = "/usr/bin/chromium"
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _load_ms(context, url: str, text: str) -> float:
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.get_by_text(text).first.wait_for(state="attached", timeout=120_000)
        page.wait_for_selector(DONE, timeout=120_000)
        return (time.perf_counter() - t0) * 1000
    finally:
        page.close()


def page_loads(db: Path, pages: dict[str, tuple[str, str]], repeats: int, out: Path) -> dict:
    """{"baseline": (ms, ms), name: (first visit ms, later visits ms)} for ``pages`` ({name: (path,
    text the page shows)}). Each page gets a fresh server, so its first visit finds every cache
    empty but the filter bar's (warmed by opening "Data loaded" first, as any earlier page would);
    later visits are the median of ``repeats``."""
    from playwright.sync_api import sync_playwright

    hello = out / "hello_app"
    hello.mkdir(parents=True, exist_ok=True)
    (hello / "app.py").write_text('import streamlit as st\nst.title("Hello")\n')
    (hello / "store.duckdb").unlink(missing_ok=True)
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            with running_app(hello / "store.duckdb", app=str(hello / "app.py")) as (base, _):
                first = _load_ms(context, base + "/", "Hello")
                results["baseline"] = (first, statistics.median(
                    _load_ms(context, base + "/", "Hello") for _ in range(repeats)))
            for name, (path, text) in pages.items():
                with running_app(db, SPEND_ALLOW_OPEN_STAFF="1") as (base, _):
                    _load_ms(context, base + "/data", "Data loaded")
                    first = _load_ms(context, base + path, text)
                    results[name] = (first, statistics.median(
                        _load_ms(context, base + path, text) for _ in range(repeats)))
        finally:
            browser.close()
    return results
