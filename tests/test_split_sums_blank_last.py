"""Sums split by unquoted thousands separators on lines whose last cells are empty, and several
sums split on one line.

A council's monthly CSV writes "1,225.13" without quotes, so the reader sees 1 | 225.13 and every
cell after the sum one column along. The loader joined such a line again only when it counted one
cell more than the header names. A line whose last column is blank ("Description" left empty) has
that extra cell empty, and the reader gives an empty cell and a missing one alike: the count could
not tell, and the line loaded as £1, without a word. A file whose last column was blank on every
line loaded a tenth of its spend. Those lines are now joined on the file's evidence (the lines whose
sum is whole hold no figure in the column after it), in both ways of loading; a figure of its own
after the sum (a cost centre, a gross beside its net) keeps the lines as written.

A finance export that does not quote its sums leaves every column of sums unquoted: a "Net Amount"
and the "VAT" after it both split, the line two cells longer than its header. Only one sum at a
time was joined, and only when the line was exactly one cell longer, so such lines loaded their
thousands alone (£58 for £58,181.16) while the VAT and the cells after it slid into columns with no
header. Every column of sums (the ones used, and one not used whose header names a sum) is now
joined together, as many groups in all as the line has cells too many.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from test_ingest_one_pass import both_ways
from test_recognition_residuals import _csv

D = Decimal
HEAD = "Directorate,Service,Supplier Name,Supplier Reference,Payment Date,Payment Amount,Description"
SUPPLIERS = ["Ricoh UK Ltd", "Veolia ES (UK) Ltd", "Kier Construction Ltd", "Reed Specialist Recruitment Ltd"]


def _lines(n: int, described) -> tuple[list[str], Decimal]:
    """n lines of sums from £137.25 to tens of thousands, unquoted; ``described(i)``: line i's description."""
    lines, total = [], D("0")
    for i in range(n):
        v = D(137 + (i * 7919) % 41_000) + D(i % 100) / 100
        total += v
        lines.append(f"Communities,Highways,{SUPPLIERS[i % 4]},S{1000 + i},{1 + i % 28:02d}/11/2024,{v:,},{described(i)}")
    return lines, total


def test_a_blank_last_column_on_every_line(tmp_path, monkeypatch):
    lines, total = _lines(80, lambda i: "")
    whole, one = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend-nov-2024.csv", [HEAD] + lines))
    assert (whole.rows_loaded, whole.rows_quarantined, whole.amount_loaded) == (80, 0, total)
    split = sum(1 for i in range(80) if 137 + (i * 7919) % 41_000 >= 1000)
    assert any(f"{split} lines wrote sums with thousands separators" in w for w in whole.warnings)


def test_a_last_column_blank_on_some_lines(tmp_path, monkeypatch):
    lines, total = _lines(80, lambda i: "Legal Fees" if i % 3 == 0 else "")
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend-nov-2024.csv", [HEAD] + lines))
    assert (whole.rows_loaded, whole.amount_loaded) == (80, total)
    db = tmp_path / "spend-nov-2024_1000000000.duckdb"
    # the descriptions are back under their header, and the blank ones stay blank
    assert q(db, "SELECT count(*) FILTER (WHERE description = 'Legal Fees'), count(*) FILTER (WHERE description IS NULL) "
                 "FROM transactions") == [(27, 53)]


def test_a_total_line_with_its_cells_empty_is_kept_whole(tmp_path):
    lines, total = _lines(40, lambda i: "Fees")
    from lib.ingest import load_file
    res = load_file(_csv(tmp_path / "spend.csv", [HEAD] + lines + [f",,Grand Total,,,{total:,},"]),
                    db=tmp_path / "t.duckdb")
    assert (res.rows_loaded, res.rows_total_lines, res.amount_loaded) == (40, 1, total)
    assert q(tmp_path / "t.duckdb", "SELECT amount FROM total_lines") == [(total,)]


def test_a_figure_of_its_own_after_the_sum_is_not_joined(tmp_path, monkeypatch):
    """Whole pounds beside a cost centre ("500" | "450"): the lines whose sum is whole hold a figure
    there too, so nothing is joined."""
    head = "Payment Date,Supplier Name,Amount,Cost Centre"
    lines = [f"{1 + i % 28:02d}/05/2024,{SUPPLIERS[i % 4]},{v},{cc}"
             for i, (v, cc) in enumerate([("500", "450"), ("523.45", "451"), ("812", "452.10"), ("1250.00", "450")] * 10)]
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "pay.csv", [head] + lines))
    assert whole.amount_loaded == 10 * (D("500") + D("523.45") + D("812") + D("1250.00"))
    assert not any("thousands separators" in w for w in whole.warnings)


def test_a_gross_after_the_net_is_not_joined(tmp_path, monkeypatch):
    """'Net' | 'Gross' | 'Description' left blank: a net of £500 beside a gross of £600.00 is two sums."""
    head = "Payment Date,Supplier Name,Net,Gross,Description"
    lines = [f"{1 + i % 28:02d}/05/2024,{SUPPLIERS[i % 4]},{v},{g}," for i, (v, g) in
             enumerate([("500", "600.00"), ("250", "300.00"), ("120.50", "144.60")] * 12)]
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "netgross.csv", [head] + lines))
    assert whole.amount_loaded == 12 * (D("500") + D("250") + D("120.50"))
    assert whole.as_json()["columns"]["amount"]["column"] == "Net"


def _net_and_vat(n: int, quote_net: bool, tail: str) -> tuple[list[str], Decimal, Decimal]:
    lines, net_total, vat_total = [], D("0"), D("0")
    for i in range(n):
        net = D(90 + (i * 104_729) % 2_900_000) + D(i % 100) / 100
        net = -net if i % 17 == 0 else net
        vat = (net / 5).quantize(D("0.01")) if i % 3 else D("0.00")
        net_total, vat_total = net_total + net, vat_total + vat
        n_cell = f'"{net:,}"' if quote_net else f"{net:,}"
        lines.append(f"{1 + i % 28:02d}/05/2024,{SUPPLIERS[i % 4]},Body worn video,Estates,{n_cell},{vat:,}{tail}")
    return lines, net_total, vat_total


def test_a_net_and_its_vat_both_unquoted(tmp_path, monkeypatch):
    lines, net, _ = _net_and_vat(90, quote_net=False, tail="")
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend.csv",
                                                     ["Payment Date,Supplier Name,Description,Cost Centre,Net Amount,VAT"] + lines))
    assert (whole.rows_loaded, whole.rows_quarantined, whole.amount_loaded) == (90, 0, net)
    assert whole.as_json()["columns_unused"] == ["VAT"]  # nothing slid into columns with no header
    db = tmp_path / "spend_1000000000.duckdb"
    assert q(db, "SELECT count(*) FROM transactions WHERE department = 'Estates' AND description = 'Body worn video'") == [(90,)]


def test_a_net_and_its_vat_unquoted_with_text_after_them(tmp_path, monkeypatch):
    lines, net, _ = _net_and_vat(90, quote_net=False, tail=",Forensic services,Fleet")
    head = "Payment Date,Supplier Name,Description,Cost Centre,Net Amount,VAT,Purpose,Service Area"
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend.csv", [head] + lines))
    assert (whole.rows_loaded, whole.amount_loaded) == (90, net)
    db = tmp_path / "spend_1000000000.duckdb"
    assert not [w for w in whole.warnings if "no header" in w]  # every cell back under its own header
    dept = whole.as_json()["columns"]["department"]["column"]
    assert q(db, "SELECT DISTINCT department, description FROM transactions") == [
        ({"Cost Centre": "Estates", "Service Area": "Fleet"}[dept], "Body worn video")]


def test_a_quoted_net_and_an_unquoted_vat(tmp_path, monkeypatch):
    lines, net, _ = _net_and_vat(90, quote_net=True, tail=",Fleet")
    head = "Payment Date,Supplier Name,Description,Cost Centre,Net Amount,VAT,Service Area"
    whole, _ = both_ways(tmp_path, monkeypatch, _csv(tmp_path / "spend.csv", [head] + lines))
    assert (whole.rows_loaded, whole.amount_loaded) == (90, net)
    assert not [w for w in whole.warnings if "no header" in w]
