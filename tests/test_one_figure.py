"""One figure, one string: on the demo store, the same year's local share, savings and total spend
read the same on the Overview tiles, the Map page, the Scorecard page, the briefing PDF (read back
with pdftotext) and the snapshot's index.html."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import format as fmt
from lib import store
from lib.scorecard import card

FY = "2024/25"
APP = str(Path(__file__).resolve().parent.parent / "app.py")
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing (scripts/test.sh installs it)")


def _run(page: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    at.selectbox(key="flt_fy").select(FY).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict:
    return {m.label: m for m in at.metric}


def _exactly(help_text: str) -> str:
    return re.search(r"Exactly (-?£[\d,]+\.\d\d)", help_text).group(1)


@pytest.fixture(scope="module")
def shown(demo_template, tmp_path_factory):
    """Every surface's text for FY, from one private copy of the demo store."""
    from conftest import _copy_store
    from lib.cli import main

    tmp = tmp_path_factory.mktemp("one_figure")
    db = _copy_store(demo_template, tmp / "demo.duckdb")
    mp = pytest.MonkeyPatch()
    mp.setenv("SPEND_DB", str(db))
    mp.setenv("SPEND_NO_DEMO", "1")
    store.connect(db)  # opened here for the whole module, as the demo_db fixture does
    try:
        overview, map_page, scorecard_page = _run(None), _run("pages/map.py"), _run("pages/scorecard.py")
        assert main(["briefing", "--fy", FY, "--out", str(tmp / "briefing.pdf"), "--db", str(db)]) == 0
        assert main(["snapshot", "--fy", FY, "--out", str(tmp / "snapshot"), "--db", str(db)]) == 0
        pdf = subprocess.run(["pdftotext", "-layout", str(tmp / "briefing.pdf"), "-"], check=True,
                             capture_output=True, text=True).stdout
        snapshot = html.unescape((tmp / "snapshot" / "index.html").read_text(encoding="utf-8"))
        measures = card.scorecard(store.cursor(db), FY, trend=False)["measures"]
        yield {"overview": overview, "map": map_page, "scorecard": scorecard_page, "pdf": " ".join(pdf.split()),
               "snapshot": re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", snapshot)), "measures": measures}
    finally:
        mp.undo()
        store.close(db)


def test_local_share_is_one_string(shown):
    local = shown["measures"]["local_pct"]
    text = fmt.percent(local["value"])
    assert text == fmt.percent(fmt.share_pct(local["numerator"], local["denominator"]))  # no second rounding
    assert re.fullmatch(r"\d+\.\d\d%", text)
    assert _metrics(shown["overview"])["Lancashire (local)"].value == text
    assert _metrics(shown["map"])["Local (Lancashire)"].value == text
    table = shown["scorecard"].dataframe[0].value.set_index("Measure")
    assert table.loc["Lancashire (local)", "Value"] == text
    assert f"Local (Lancashire) spend {text}" in shown["pdf"]
    assert f"{text} of spend went to suppliers in Lancashire" in shown["snapshot"]


def test_savings_is_one_string(shown):
    text = fmt.money_short(shown["measures"]["savings"]["value"])
    assert re.fullmatch(r"£\d+(\.\d+)?[kM]", text)
    assert _metrics(shown["overview"])["Savings"].value == text
    table = shown["scorecard"].dataframe[0].value.set_index("Measure")
    assert table.loc["Savings", "Value"] == text
    assert f"Savings recorded in {FY}: {text}" in shown["pdf"]
    assert f"savings of {text}" in shown["snapshot"]


def test_total_spend_is_one_string(shown):
    exact = _exactly(_metrics(shown["overview"])["Total spend"].help)
    assert _exactly(_metrics(shown["map"])["Total spend"].help) == exact
    assert _metrics(shown["overview"])["Total spend"].value == _metrics(shown["map"])["Total spend"].value
    assert f"Total spend {exact} in" in shown["pdf"]
    assert f"Total spend {exact}" in shown["snapshot"]
