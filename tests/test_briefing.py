"""The briefing PDF, read back with pdftotext: page one's scorecard, trend and what to act on (its
pounds the target-gap planner's), page two's savings by month, named districts and off-contract
suppliers (redacted ones grouped), the exact figures; and a chart that cannot be drawn, which the
PDF and the exit code say, with nothing but one line on stderr."""
import os
import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from lib import format as fmt
from lib import store
from lib.filters import Filters
from lib.geo.postcodes import ring_label
from lib.publish import briefing, figures, render
from lib.scorecard import card

FY = "2024/25"
ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") and not IN_CI,
                                reason="poppler-utils missing (scripts/test.sh installs it; CI must have it)")
# Targets above the demo's 2024/25 shares, so the planner has gaps to close (the demo meets its own).
RAISED = {"local_pct": "50", "north_west_pct": "70"}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_briefing(demo_template, tmp_path_factory):
    """The briefing of a demo store whose local and North West targets were raised, written by the
    CLI in its own process (as a scheduled job runs it), with what it printed."""
    from conftest import _copy_store
    from lib.scorecard.targets import set_target

    tmp = tmp_path_factory.mktemp("brief")
    db = _copy_store(demo_template, tmp / "demo.duckdb")
    for measure, value in RAISED.items():
        set_target(measure, FY, value, "briefing test", db=db)
    store.close(db)
    out = tmp / "briefing.pdf"
    run = subprocess.run([sys.executable, "-m", "lib.cli", "briefing", "--fy", FY, "--out", str(out), "--db", str(db)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "SPEND_NO_DEMO": "1"})
    pages = _pages(out)
    yield {"db": db, "pdf": out, "run": run, "pages": pages, "text": "\n".join(pages)}
    store.close(db)


def test_cli_exits_0_and_prints_nothing_on_stderr(demo_briefing):
    run = demo_briefing["run"]
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "", run.stderr  # no kaleido or choreographer output, no traceback
    assert '"charts_failed": {}' in run.stdout and '"map": true' in run.stdout


def test_figures_equal_kpis(demo_briefing):
    db, text = demo_briefing["db"], demo_briefing["text"]
    k = card.kpis(store.cursor(db), FY)
    prev = card.kpis(store.cursor(db), figures.previous_fy(FY))
    assert f"£{D(k['total_spend']):,.2f}" in text
    for name, m in k["measures"].items():
        if m["value"] is None:
            continue
        assert figures.fmt_value(name, m["value"]) in text, name
        if m["target"] is not None:
            assert figures.fmt_value(name, m["target"]) in text, name
        if prev["measures"][name]["value"] is not None:
            assert figures.fmt_value(name, prev["measures"][name]["value"]) in text, name
    statuses = [m["status"] for m in k["measures"].values()]
    page1 = demo_briefing["pages"][0]
    assert page1.count("✓ Met") == statuses.count("met") and page1.count("✗ Not met") == statuses.count("not met")


def test_page_one_has_the_trend_and_what_to_act_on_with_the_planners_pounds(demo_briefing):
    """The two gaps the raised targets open are the planner's (lib.geo.queries.target_gap), to the
    pound as written and to the penny in the exact figures, each with the planner's suppliers."""
    from lib.geo import queries as geo

    db = demo_briefing["db"]
    page1 = _flat(demo_briefing["pages"][0])
    exact = _flat("\n".join(demo_briefing["pages"][2:]))
    assert "Trend against target, 2020/21 to 2024/25" in page1
    for year in ("20/21", "21/22", "22/23", "23/24", "24/25"):
        assert year in page1
    act = page1[page1.index("What to act on"):]
    cur = store.cursor(db)
    planner = geo.target_gap(cur, Filters(fy=FY))
    suppliers = geo.local_growth_suppliers(cur, Filters(fy=FY), 200)
    positions = {}
    for key, name, rings in (("local", "Local (Lancashire) spend", ("North West", "Rest of UK", "Outside UK")),
                             ("north_west", "North West spend", ("Rest of UK", "Outside UK"))):
        gap = planner[key]["to_move"]
        assert gap > 0
        sentence = f"{fmt.money_short(gap)} of spend that would have to move to suppliers in"
        assert sentence in act, (key, act)
        positions[key] = act.index(f"{name}: ")
        assert fmt.money(gap) in exact
        top = suppliers[suppliers["ring"].isin(rings)].head(3)
        assert len(top) == 3
        for r in top.itertuples():
            assert f"{r.name} ({r.category}, {ring_label(r.ring)}) {fmt.money_short(r.amount)}" in act, r.name
            assert fmt.money(r.amount) in exact
    # largest first: the North West gap is the larger one
    assert planner["north_west"]["to_move"] > planner["local"]["to_move"]
    assert act.index("1. North West spend") < act.index("2. Local (Lancashire) spend")
    assert "3. " in act  # a third: social value, the demo's own miss
    assert "Social value in tenders: 72.00% against a target of 100.00% (not met)" in act


def test_page_two_has_savings_by_month_districts_and_named_off_contract_suppliers(demo_briefing):
    from lib.geo import queries as geo

    db = demo_briefing["db"]
    page2 = demo_briefing["pages"][1]
    flat = _flat(page2)
    assert f"Savings against target by month, {FY}" in flat
    m = card.scorecard(store.cursor(db), FY, trend=False)["measures"]["savings"]
    assert f"Savings recorded in {FY}: {fmt.money_short(m['value'])} against a target of {fmt.money_short(m['target'])}" in flat
    districts = geo.spend_by_district(store.cursor(db), Filters(fy=FY)).dropna(subset=["district_name"])
    districts = districts.assign(_a=[float(a) for a in districts["amount"]]).sort_values("_a", ascending=False)
    for r in districts.head(5).itertuples():
        assert f"{r.district_name} ({r.ring}) {fmt.money_short(r.amount)}" in flat
    # off-contract: every review-list supplier, by name; as one line those redacted by their publisher
    # and the people the redaction rules withhold
    from lib.publish import redaction

    off = figures.off_contract_suppliers(store.cursor(db), FY, n=None)
    withheld = set(redaction.withheld_names(db, FY))
    redacted = off[[n.upper().startswith("REDACTED") or n in withheld for n in off["supplier_name"]]]
    assert redacted["supplier_name"].str.upper().str.startswith("REDACTED").any()  # the demo publishes some
    assert len(redacted) > 1  # and withholds sole traders
    named = off[~off.index.isin(redacted.index)]
    table = flat[flat.index("Largest off-contract suppliers"):]
    assert table.index(named.iloc[0]["supplier_name"]) < table.index(named.iloc[1]["supplier_name"])
    for r in named.head(5).itertuples():
        assert f"{r.supplier_name} {fmt.money_short(r.amount)} {r.lines}" in table
    lines = int(redacted["lines"].sum())
    assert f"Redacted (personal data), {lines:,} lines" in table
    assert "REDACTED" not in page2  # a redaction label is never a supplier
    assert fmt.money(sum(redacted["amount"], D("0"))) in _flat("\n".join(demo_briefing["pages"][2:]))


def test_says_what_changed_and_the_map_attribution(demo_briefing):
    import json

    res = json.loads(demo_briefing["run"].stdout)
    flat = _flat(demo_briefing["text"])
    assert len(res["sentences"]) == 3
    for s in res["sentences"]:
        assert _flat(s) in flat
    assert "Contains OS data © Crown copyright" in flat


def test_no_withheld_name_in_the_briefing(demo_briefing):
    from lib.publish import redaction

    low = demo_briefing["text"].lower()
    assert not [n for n in redaction.withheld_names(demo_briefing["db"], FY) if n.lower() in low]


def test_every_page_says_demo_first(demo_briefing):
    """Made from demo batches: the first line of each page, as pdftotext reads it back."""
    from lib.demo_load import DEMO_LABEL

    pages = demo_briefing["pages"]
    assert len(pages) >= 3  # page 1, page 2, the exact figures
    for page in pages:
        assert page.strip().splitlines()[0].strip() == f"{DEMO_LABEL}. Generated for illustration."


def test_pages_render(demo_briefing):
    """Pages one and two as images (screenshots/briefing_page-1.png, -2.png), for a person to look at."""
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(demo_briefing["pdf"]),
                    str(shots / "briefing_page")], check=True)
    assert (shots / "briefing_page-1.png").stat().st_size > 20_000
    assert (shots / "briefing_page-2.png").stat().st_size > 60_000  # the savings chart and the map


def test_a_chart_that_cannot_be_drawn_is_said_in_the_pdf_and_the_exit_code(demo_briefing, monkeypatch, capsys, tmp_path):
    """Chromium failing every time: each chart's place says so, the CLI exits 3 with one stderr
    line, and no traceback reaches the console."""
    from lib.cli import CHART_FAILED, main

    def broken(charts, browser=None):
        raise RuntimeError("choreographer: JSONDecodeError: Expecting value: line 1 column 1 (char 0)")

    monkeypatch.setattr(render, "pngs", broken)
    out = tmp_path / "broken.pdf"
    rc = main(["briefing", "--fy", FY, "--out", str(out), "--db", str(demo_briefing["db"])])
    err = capsys.readouterr().err
    assert rc == CHART_FAILED == 3
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "2 chart(s) could not be drawn" in err and "the district map" in err
    pages = _pages(out)
    notice = "Chart could not be drawn: choreographer: JSONDecodeError: Expecting value"
    assert notice in _flat(pages[1]) and _flat(pages[1]).count("Chart could not be drawn") == 2
    assert "What to act on" in pages[0]  # the rest of the briefing is all there


def test_a_chart_is_drawn_again_once_in_a_new_browser(monkeypatch):
    import plotly.graph_objects as go

    calls = []
    real = render.pngs

    def flaky(charts, browser=None):
        calls.append(browser)
        if len(calls) == 1:
            raise RuntimeError("Chromium closed the pipe")
        return real(charts, browser)

    monkeypatch.setattr(render, "pngs", flaky)
    got = render.draw({"bars": render.Chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), 300, 200, 1)})
    assert isinstance(got["bars"], bytes) and got["bars"][:8] == b"\x89PNG\r\n\x1a\n"
    assert len(calls) == 2 and calls[1] is None  # the second try starts its own browser


def test_library_errors_stay_off_the_console():
    """What choreographer logs, and an error raised inside it that asyncio reports from a callback,
    reach no handler of the process (a console handler hangs on the root logger); an error of anyone
    else's still does. Read with a handler of our own on the root logger, as a console's would be:
    pytest's caplog sees records a logger does not pass on to the root (pytest 9.2)."""
    import asyncio
    import logging

    render._keep_quiet()
    ns: dict = {}
    # a function whose code lives in choreographer's folder, as its read loop's callback does
    exec(compile("def callback():\n    raise ValueError('pipe cut short')\n", "/site-packages/choreographer/_fake.py",
                 "exec"), ns)

    def ours():
        raise KeyError("not a library's")

    async def main():
        loop = asyncio.get_running_loop()
        loop.call_soon(ns["callback"])
        loop.call_soon(ours)
        await asyncio.sleep(0.05)

    class Console(logging.Handler):
        def __init__(self):
            super().__init__(logging.DEBUG)
            self.records: list[logging.LogRecord] = []

        def emit(self, record):
            self.records.append(record)

    root, console = logging.getLogger(), Console()
    level = root.level
    root.addHandler(console)
    root.setLevel(logging.DEBUG)
    try:
        logging.getLogger("choreographer.channels.pipe").error("Error in run_read_loop.")
        logging.getLogger("kaleido").warning("kaleido says")
        logging.getLogger("browser_proc").error("[ERROR:gpu_init.cc] Chromium's own stderr")
        asyncio.run(main())
    finally:
        root.removeHandler(console)
        root.setLevel(level)
    text = "\n".join(r.getMessage() + str(r.exc_info) for r in console.records)
    assert "run_read_loop" not in text and "kaleido says" not in text and "pipe cut short" not in text
    assert "Chromium's own stderr" not in text
    assert "not a library's" in text


def test_empty_year_is_refused(small_store, tmp_path):
    with pytest.raises(ValueError, match="no spend"):
        briefing.write_briefing(tmp_path / "b.pdf", "2015/16", db=small_store)


def test_page_one_names_the_stores_own_bodies(demo_briefing):
    """The heading is whose spend this is as the store is set (Bodies page), not a fixed name."""
    from lib import bodies

    scope = bodies.scope_text(store.cursor(demo_briefing["db"]))
    assert scope and scope != "no body"
    assert _flat(scope) in _flat(demo_briefing["pages"][0])


def test_hidden_names_can_be_asked_from_several_threads_at_once(small_store):
    """The briefing asks one Hidden from its main thread and a side thread at the same time; a DuckDB
    cursor refuses a second call while one runs (ResourceInUse), so the calls must take turns and
    every answer must be the one a single thread gets."""
    from concurrent.futures import ThreadPoolExecutor

    hidden = figures.Hidden(store.cursor(small_store), FY)
    names = [f"Supplier {i}" for i in range(2000)] + ["REDACTED PERSONAL DATA", "Mr John Smith"]
    alone = hidden.labels(names)
    assert alone[-2] is not None  # the publisher's redaction is recognised
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: hidden.labels(names), range(40)))
    assert all(a == alone for a in answers)
