"""Spreadsheets written as markup: a web page's table saved as .xls, and Excel's XML Spreadsheet 2003.

A police commissioner's finance system exports its month as an HTML table named .xls; Excel opens it
as a sheet, so staff upload it as one. It was refused ("a web page ... saved under a spreadsheet's
name"). It is now read as the sheet Excel shows: rows are the table's rows, header rows included, a
cell merged down a column read on each row it covers. Excel's XML spreadsheet is read the same way,
its cells typed as it types them. Another XML document is still refused, saying what it is.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import UnusableFile, load_file

LINES = [("01/08/2023", "Arval UK Ltd", "Lease cars", "£5,736.14"),
         ("02/08/2023", "Café Nero Ltd", "Refreshments", "£612.00"),
         ("03/08/2023", "Motorola Solutions UK Ltd", "Airwave", "-£250.00"),
         ("04/08/2023", "BT Plc", "Telephony", "£1,204.50")]
TOTAL = Decimal("5736.14") + Decimal("612.00") - Decimal("250.00") + Decimal("1204.50")


def _page(body: str, charset: str = "utf-8") -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>Spend</title></head><body><h1>Payments over £500 - August 2023</h1>{body}</body></html>")


def _table(lines=LINES, extra_rows: str = "") -> str:
    return ("<table border=1><thead><tr><th>Date Paid</th><th>Supplier</th><th>Description</th><th>Amount</th></tr>"
            "</thead><tbody>" + "".join(f"<tr><td>{d}</td><td>{s}</td><td>{x}</td><td>{a}</td></tr>"
                                        for d, s, x, a in lines)
            + extra_rows + "</tbody></table>")


def _stored(db):
    return q(db, "SELECT sheet, row_number, payment_date, supplier_name, amount FROM transactions ORDER BY row_number")


def test_a_web_pages_table_saved_as_xls_loads_as_its_sheet(tmp_path):
    path = tmp_path / "spend_aug_2023.xls"
    total_row = '<tr><td colspan="3">Total</td><td>£7,302.64</td></tr>'
    path.write_bytes(_page(_table(extra_rows=total_row), "windows-1252").encode("cp1252"))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_total_lines) == (5, 4, 1)
    assert res.amount_loaded == TOTAL
    assert _stored(db) == [("", i + 2, dt.date(2023, 8, i + 1), s, Decimal(a.replace("£", "").replace(",", "")))
                           for i, (_, s, _, a) in enumerate(LINES)]


def test_a_layout_table_around_it_and_a_name_merged_down(tmp_path):
    rows = ('<tr><td>01/08/2023</td><td rowspan="2">Arval UK Ltd</td><td>Lease</td><td>100.00</td></tr>'
            "<tr><td>02/08/2023</td><td>Lease</td><td>200.00</td></tr>"
            "<tr><td>03/08/2023</td><td>BT Plc</td><td>Phones</td><td>300.00</td></tr>")
    inner = _table(lines=[], extra_rows=rows)
    page = _page(f"<table><tr><td>Menu</td><td>{inner}</td></tr></table>")
    path = tmp_path / "export.html"
    path.write_text(page, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (3, Decimal("600.00"))
    assert [r[3] for r in _stored(db)] == ["Arval UK Ltd", "Arval UK Ltd", "BT Plc"]


def test_a_page_saved_as_unicode_text(tmp_path):
    path = tmp_path / "spend.xls"
    path.write_bytes(_page(_table()).encode("utf-16"))
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (4, TOTAL)
    assert "Café Nero Ltd" in [r[3] for r in _stored(db)]


XMLSS = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Aug 23">
  <Table>
   <Row><Cell><Data ss:Type="String">Payments over £500</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Supplier</Data></Cell>
        <Cell ss:Index="4"><Data ss:Type="String">Amount</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="DateTime">2023-08-01T00:00:00.000</Data></Cell>
        <Cell><Data ss:Type="String">Arval UK Ltd</Data></Cell><Cell ss:Index="4"><Data ss:Type="Number">5736.14</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="String">BT Plc</Data></Cell><Cell ss:Index="4"><Data ss:Type="Number">-250</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Sep 23">
  <Table>
   <Row><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Supplier</Data></Cell>
        <Cell><Data ss:Type="String">Amount</Data></Cell></Row>
   <Row><Cell><Data ss:Type="DateTime">2023-09-05T00:00:00.000</Data></Cell><Cell><Data ss:Type="String">Lyreco UK Ltd</Data></Cell>
        <Cell><Data ss:Type="String">£1,204.50</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>
"""


def test_an_xml_spreadsheet_loads_each_sheet(tmp_path):
    path = tmp_path / "spend.xls"
    path.write_text(XMLSS, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = load_file(path, db=db)
    assert (res.rows_loaded, res.amount_loaded) == (3, Decimal("5736.14") - 250 + Decimal("1204.50"))
    assert sorted(_stored(db)) == [
        ("Aug 23", 4, dt.date(2023, 8, 1), "Arval UK Ltd", Decimal("5736.14")),
        ("Aug 23", 5, dt.date(2023, 8, 1), "BT Plc", Decimal("-250.00")),  # the date merged down to it
        ("Sep 23", 2, dt.date(2023, 9, 5), "Lyreco UK Ltd", Decimal("1204.50"))]


def test_other_xml_is_still_refused_saying_what_it_is(tmp_path):
    path = tmp_path / "spend.xls"
    path.write_text('<?xml version="1.0"?><rss><channel><item>x</item></channel></rss>')
    with pytest.raises(UnusableFile, match="web page or XML document"):
        load_file(path, db=tmp_path / "s.duckdb")


def test_a_web_page_with_no_table_says_so(tmp_path):
    path = tmp_path / "spend.xls"
    path.write_text(_page("<p>Session expired: please log in again.</p>"))
    with pytest.raises(UnusableFile, match="holds no table"):
        load_file(path, db=tmp_path / "s.duckdb")
