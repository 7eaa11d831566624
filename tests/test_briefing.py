"""The briefing PDF: its figures equal `kpis`, read back with pdftotext; page one as a PNG."""
import os
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest

from lib import store
from lib.publish import briefing, figures
from lib.scorecard import card

FY = "2024/25"
ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") and not IN_CI,
                                reason="poppler-utils missing (scripts/test.sh installs it; CI must have it)")


@pytest.fixture(scope="module")
def demo_briefing(demo_template, tmp_path_factory):
    from conftest import _copy_store
    from lib.cli import main

    tmp = tmp_path_factory.mktemp("brief")
    db = _copy_store(demo_template, tmp / "demo.duckdb")
    out = tmp / "briefing.pdf"
    assert main(["briefing", "--fy", FY, "--out", str(out), "--db", str(db)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True).stdout
    return db, out, text


def test_figures_equal_kpis(demo_briefing):
    db, _, text = demo_briefing
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
    assert text.count("Met") >= statuses.count("met") and ("Not met" in text) == ("not met" in statuses)


def test_says_what_changed_map_and_off_contract(demo_briefing):
    db, _, text = demo_briefing
    flat = " ".join(text.split())
    for s in briefing.write_briefing(Path(demo_briefing[1]).with_name("again.pdf"), FY, db=db)["sentences"]:
        assert " ".join(s.split())[:60] in flat
    assert "Largest off-contract suppliers" in text and "Savings against target" in text
    off = figures.off_contract_suppliers(store.cursor(db), FY, 3)
    assert f"£{off['amount'].iloc[0]:,.2f}" in text
    assert "Contains OS data © Crown copyright" in flat


def test_no_withheld_name_in_the_briefing(demo_briefing):
    from lib.publish import redaction

    db, _, text = demo_briefing
    low = text.lower()
    assert not [n for n in redaction.withheld_names(db, FY) if n.lower() in low]


def test_every_page_says_demo_first(demo_briefing):
    """Made from demo batches: the first line of each page, as pdftotext reads it back."""
    from lib.demo_load import DEMO_LABEL

    _, _, text = demo_briefing
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 2
    for page in pages:
        assert page.strip().splitlines()[0].strip() == f"{DEMO_LABEL}. Generated for illustration."


def test_page_one_renders(demo_briefing):
    _, pdf, _ = demo_briefing
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(shots / "briefing_page")], check=True)
    assert (shots / "briefing_page-1.png").stat().st_size > 20_000
    assert (shots / "briefing_page-2.png").stat().st_size > 20_000  # the map page


def test_empty_year_is_refused(small_store, tmp_path):
    with pytest.raises(ValueError, match="no spend"):
        briefing.write_briefing(tmp_path / "b.pdf", "2015/16", db=small_store)
