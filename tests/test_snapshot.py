"""The public snapshot: self-contained, redactions applied, no withheld name anywhere, totals
equal the app's, formula-like text neutralised."""
import csv
import io
import json
from decimal import Decimal as D

import pytest

from lib import queries, store
from lib.demo_load import DEMO_LABEL
from lib.filters import Filters
from lib.publish import redaction, snapshot

FY = "2024/25"


@pytest.fixture(scope="module")
def demo_snapshot(demo_template, tmp_path_factory):
    """The demo store's 2024/25 snapshot, written once through the CLI (as a scheduled job would)."""
    from conftest import _copy_store
    from lib.cli import main

    tmp = tmp_path_factory.mktemp("snap")
    db = _copy_store(demo_template, tmp / "demo.duckdb")
    out = tmp / "snapshot"
    assert main(["snapshot", "--fy", FY, "--out", str(out), "--db", str(db)]) == 0
    return db, out


def _csv_lines(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _csv_rows(path):
    """The rows of a monthly file as dicts, under its header (after the demo label, when there is one)."""
    lines = _csv_lines(path)
    if lines and lines[0] == [DEMO_LABEL]:
        lines = lines[1:]
    return [dict(zip(lines[0], r)) for r in lines[1:]]


def test_folder_contents(demo_snapshot):
    _, out = demo_snapshot
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"index.html", "data_dictionary.csv", "LICENCE.txt", "ATTRIBUTION.txt", "manifest.json"} <= names
    months = sorted(n for n in names if n.startswith("spend/"))
    assert months == [f"spend/{y}-{m:02d}.csv" for y, m in [(2024, m) for m in range(4, 13)] + [(2025, m) for m in (1, 2, 3)]]
    assert "Open Government Licence v3.0" in (out / "LICENCE.txt").read_text()
    att = (out / "ATTRIBUTION.txt").read_text()
    assert "Contains OS data © Crown copyright and database right" in att
    assert "Contains National Statistics data © Crown copyright and database right" in att
    label, header = _csv_lines(out / "spend" / "2024-04.csv")[:2]
    assert label == [DEMO_LABEL] and header == redaction.PUBLISHED_COLUMNS


def test_demo_snapshot_says_so_first(demo_snapshot):
    """Made from demo batches: the page's title and first line, every monthly file's first line, the
    attribution's and the manifest's first entry say so."""
    _, out = demo_snapshot
    import html as _html

    page = _html.unescape((out / "index.html").read_text())
    assert f"<title>{DEMO_LABEL}: " in page
    banner = page.index('<header role="banner">') + len('<header role="banner">')
    assert page[banner:].startswith(f'<p class="demo"><strong>{DEMO_LABEL}.</strong>')
    for p in sorted((out / "spend").glob("*.csv")):
        assert _csv_lines(p)[0] == [DEMO_LABEL], p.name
    assert (out / "ATTRIBUTION.txt").read_text().splitlines()[0] == DEMO_LABEL + "."
    assert next(iter(json.loads((out / "manifest.json").read_text()).items())) == ("notice", DEMO_LABEL)


def test_totals_equal_the_apps(demo_snapshot):
    db, out = demo_snapshot
    app = queries.headline(store.cursor(db), Filters(fy=FY))["current"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert D(manifest["total"]) == app["total"] and manifest["lines"] == app["lines"]
    rows = [r for p in sorted((out / "spend").glob("*.csv")) for r in _csv_rows(p)]
    assert len(rows) == app["lines"]
    assert sum(D(r["Amount"]) for r in rows) == app["total"]
    html = (out / "index.html").read_text()
    assert f"£{app['total']:,.2f}" in html
    # the rings table names the part of the North West outside Lancashire as the chart beside it does
    table = html[html.index("<caption>Spend by where the supplier is"):]
    table = table[:table.index("</table>")]
    assert ">Rest of the North West</th>" in table and ">North West</th>" not in table
    # the scorecard in the snapshot is lib.scorecard's own
    from lib.scorecard import card
    assert manifest["scorecard"] == json.loads(json.dumps(card.kpis(store.cursor(db), FY), default=str))


def test_no_withheld_name_anywhere(demo_snapshot):
    db, out = demo_snapshot
    names = redaction.withheld_names(db, FY)
    assert len(names) >= 10  # the demo force's individuals and sole traders
    files = [p for p in out.rglob("*") if p.is_file()]
    for p in files:
        text = p.read_bytes().decode("utf-8", errors="replace").lower()
        for n in names:
            assert n.lower() not in text, f"{n!r} in {p.name}"
    rows = [r for p in sorted((out / "spend").glob("*.csv")) for r in _csv_rows(p)]
    withheld = [r for r in rows if r["Beneficiary"] in redaction.LABELS]
    assert len(withheld) == json.loads((out / "manifest.json").read_text())["redacted_lines"] > 0
    assert all(r["Purpose"] in redaction.LABELS for r in withheld)


def test_opens_with_no_network(demo_snapshot):
    _, out = demo_snapshot
    html = (out / "index.html").read_text()
    assert "<script src=" not in html and "<link" not in html and "@import" not in html
    assert html.count("Plotly.newPlot") >= 4  # targets, savings, rings, map, months: drawn from inline plotly.js
    assert 'lang="en-GB"' in html and "<main" in html and "<table>" in html


def test_formula_text_is_neutralised(small_store, tmp_path):
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET body = '@SUM(1)', transaction_ref = '-2+3' WHERE row_number = 6")
    snapshot.write_snapshot(tmp_path / "s", "2019/20", db=small_store)
    files = sorted((tmp_path / "s" / "spend").glob("*.csv"))
    assert all(_csv_lines(p)[0] == redaction.PUBLISHED_COLUMNS for p in files)  # no demo here: no label
    assert "Demo data" not in (tmp_path / "s" / "index.html").read_text()
    rows = [r for p in files for r in _csv_rows(p)]
    cmd = [r for r in rows if "CMD()" in r["Beneficiary"]][0]
    assert cmd["Beneficiary"] == "'=CMD()" and cmd["Purpose"] == "'+SUM(A1)"
    assert cmd["Body"] == "'@SUM(1)" and cmd["Transaction reference"] == "'-2+3"
    assert [r["Amount"] for r in rows if r["Amount"].startswith("-")] == ["-200.00"]  # numbers stay numbers


def _publish_a_withheld_name(monkeypatch, name):
    """A bug: the name is withheld, but the published lines are not redacted for it."""
    nobody = redaction.PersonMatcher([], redaction.Rules(frozenset(), frozenset(), frozenset(), ()))
    monkeypatch.setattr(redaction, "withheld_names", lambda db, fy: [name])
    monkeypatch.setattr(redaction, "withheld_people", lambda *a, **k: nobody)


def test_a_leak_stops_the_snapshot(small_store, tmp_path, monkeypatch):
    _publish_a_withheld_name(monkeypatch, "Beta Supplies")
    with pytest.raises(snapshot.LeakError, match="Beta Supplies"):
        snapshot.write_snapshot(tmp_path / "s", "2019/20", db=small_store)
    assert not (tmp_path / "s").exists()


def test_refuses_a_folder_that_is_not_a_snapshot(small_store, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(ValueError, match="not empty"):
        snapshot.write_snapshot(tmp_path, "2019/20", db=small_store)
    assert (tmp_path / "keep.txt").exists()


def test_replaces_only_a_folder_it_made(small_store, tmp_path):
    out = tmp_path / "s"
    snapshot.write_snapshot(out, "2019/20", db=small_store)
    assert (out / snapshot.MARKER).exists()
    (out / "spend" / "stale.csv").write_text("an old month")  # not in the marker: someone else's
    with pytest.raises(ValueError, match="stale.csv"):
        snapshot.write_snapshot(out, "2019/20", db=small_store)
    assert (out / "spend" / "stale.csv").read_text() == "an old month" and (out / "index.html").exists()
    (out / "spend" / "stale.csv").unlink()
    snapshot.write_snapshot(out, "2019/20", db=small_store)  # only its own files: replaced
    assert (out / "index.html").exists()


def test_a_borrowed_manifest_is_not_a_licence_to_delete(small_store, tmp_path):
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / "thesis.docx").write_text("years of work")
    with pytest.raises(ValueError, match="not made by an earlier snapshot"):
        snapshot.write_snapshot(tmp_path, "2019/20", db=small_store)
    assert (tmp_path / "thesis.docx").read_text() == "years of work"


def test_an_empty_folder_is_written_and_kept_on_failure(small_store, tmp_path, monkeypatch):
    out = tmp_path / "empty"
    out.mkdir()
    _publish_a_withheld_name(monkeypatch, "Beta Supplies")
    with pytest.raises(snapshot.LeakError):
        snapshot.write_snapshot(out, "2019/20", db=small_store)
    assert out.is_dir() and not any(out.iterdir())


def _card(**statuses):
    """A scorecard as lib.scorecard.card.kpis gives it, each measure with a value and the status given."""
    return {"fy": "2025/26", "measures": {m: {"value": 50.0, "target": None if s == "no target" else 40.0, "status": s}
                                          for m, s in statuses.items()}}


def test_targets_chart_key_names_only_the_marks_its_bars_have():
    """The chart's title and the words under it say what its marks mean, only those it shows: with every
    charted measure met there is no "hatched orange: not met" to look for; social value (a share of
    contracts) is not charted, VCSE (a share of spend) is."""
    from lib.publish import figures

    card = _card(on_contract_pct="met", local_pct="met", sme_pct="no target", vcse_pct="no target",
                 social_value_pct="not met")
    fig = figures.targets_chart(card, "2025/26")
    assert fig.layout.title.text.replace("<br>", " ") == "Measures against targets, 2025/26 (✓ met; grey: no target)"
    assert list(fig.data[0].y) == ["On-contract spend", "Local (Lancashire) spend", "SME spend", "VCSE spend"]
    said = figures.targets_caption(card)
    assert "hatched" not in said and "a grey one has none" in said and "black diamond" in said
    card = _card(on_contract_pct="not met", local_pct="met")
    assert "(✓ met; hatched orange ✗: not met)" in figures.targets_chart(card, "2025/26").layout.title.text.replace("<br>", " ")
    assert "a hatched orange bar missed its target" in figures.targets_caption(card)
    assert "grey" not in figures.targets_caption(card)


def test_public_charts_give_their_axes_the_room_their_labels_need():
    """The snapshot draws with Plotly's own template, where a fixed 10 px left margin cut each bar's name to its
    last letter: every public chart lets its axes take the room their labels and titles need."""
    import pandas as pd

    from lib.publish import figures

    card = _card(on_contract_pct="met", local_pct="not met", savings="met")
    rings = pd.DataFrame({"ring": ["Lancashire", "Unknown"], "amount": [100, 20], "share_pct": [83.3, 16.7]})
    months = pd.DataFrame({"month": pd.to_datetime(["2025-04-01", "2025-05-01"]), "amount": [10, 20]})
    for fig in (figures.targets_chart(card, "2025/26"), figures.savings_chart(card, "2025/26"),
                figures.rings_chart(rings, "2025/26"), figures.monthly_chart(months, "2025/26"),
                figures.rings_chart(None, "2025/26")):
        assert fig.layout.xaxis.automargin is True and fig.layout.yaxis.automargin is True, fig.layout.title.text


def test_spend_list_download_is_the_snapshots_monthly_file(demo_snapshot):
    """The Monthly spend list's download (pages/spend_list.py: month_csv of the month's published lines) is
    byte for byte the snapshot's file for that month: dates dd/mm/yyyy in both, not ISO in one."""
    db, out = demo_snapshot
    import datetime as dt

    lines = redaction.published_page(store.cursor(db), FY, dt.date(2024, 11, 1), None)
    data = snapshot.month_csv(lines, DEMO_LABEL)
    assert data == (out / "spend" / "2024-11.csv").read_bytes()
    rows = _csv_rows(out / "spend" / "2024-11.csv")
    assert rows and all(len(r["Date"]) == 10 and r["Date"][2] == "/" and r["Date"].endswith("/2024") for r in rows)
