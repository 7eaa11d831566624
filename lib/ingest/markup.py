"""Spreadsheets written as markup: a web page's table saved under a spreadsheet's name, and Excel's
"XML Spreadsheet 2003".

Many finance and web systems' "Export to Excel" writes an HTML table and names it .xls; Excel opens
it as a sheet, so staff take it for one. Others write Excel 2003's XML (SpreadsheetML). Both are read
here into the same grids (rows of cells, rows counted from 1 as a spreadsheet shows them) that the
workbook readers give, with lxml doing the parsing: no network, no entities expanded.

- A web page: each table holding no table of its own is a sheet (a page that lays itself out in
  tables keeps its data in the innermost). Its rows are its ``<tr>`` in order, header rows
  included; a cell's text is what a browser shows, its white space run together. A cell spanning
  columns takes its first column (the rest empty, as a merged cell); a cell spanning rows is read on
  every row it spans when it runs down one column (limits.merged_down: the rule for every format).
  The page's text is decoded as a CSV's is (its byte-order mark, UTF-8, else the Windows encoding
  its bytes fit, line by line).
- SpreadsheetML: each ``Worksheet`` is a sheet, its ``Row``/``Cell`` placed by ``ss:Index`` where
  given, typed by ``Data ss:Type`` (Number, DateTime, Boolean, String), merges from
  ``ss:MergeAcross``/``ss:MergeDown``.
"""
from __future__ import annotations

import datetime as dt
import re

from lib.ingest import limits

HTML_STARTS = (b"<!doctype", b"<html", b"<table", b"<head", b"<body", b"<meta", b"<style", b"<title", b"<!--")
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_SPACE = re.compile(r"\s+")


def kind_of(head: bytes) -> str | None:
    """'html', 'xmlss', 'other' or None from a file's first bytes: a web page holding a table, Excel's
    XML spreadsheet, markup that is neither (another XML document, a page with no table in its first
    bytes: no spreadsheet), or no markup at all."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # saved as "Unicode" (UTF-16)
        head = head[: len(head) // 2 * 2].decode("utf-16", errors="replace").encode("utf-8")
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if h.startswith((b"<?xml", b"<workbook")):
        return "xmlss" if _SS.encode() in head else "other"
    if h.startswith(HTML_STARTS):
        return "html" if b"<t" in h else "other"
    return None


def _place(grid: list[list], taken: set, r: int, c: int, value, rowspan: int, colspan: int, spans: list) -> None:
    """Put ``value`` at (r, c), mark the cells its spans cover as taken, record a merge."""
    while len(grid) <= r + rowspan - 1:
        grid.append([])
    for rr in range(r, r + rowspan):
        row = grid[rr]
        if len(row) < c + colspan:
            row.extend([None] * (c + colspan - len(row)))
        for cc in range(c, c + colspan):
            taken.add((rr, cc))
    grid[r][c] = value
    if rowspan > 1 or colspan > 1:
        spans.append((r, r + rowspan - 1, c, c + colspan - 1))


def _span(el, name: str) -> int:
    try:
        return max(1, min(int(str(el.get(name, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def html_grids(text: str) -> list[tuple[str, list[list]]]:
    """(name, rows) of each innermost table of a web page's ``text`` (decoded as a CSV is:
    lib.ingest.read.decode); one table is named '' (as a CSV's sheet), several 'table 1', 'table 2', ..."""
    import lxml.html

    if not text.strip():
        return []
    doc = lxml.html.document_fromstring(text)
    tables = [t for t in doc.iter("table") if not t.xpath(".//table")]
    out = []
    for n, table in enumerate(tables, 1):
        grid, taken, spans = [], set(), []
        # the table's own rows (thead, tbody, tfoot or none), not a nested table's
        rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table]
        for r, tr in enumerate(rows):
            c = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                value = _SPACE.sub(" ", cell.text_content()).strip() or None
                rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
                _place(grid, taken, r, c, value, rowspan, colspan, spans)
                c += colspan
            while len(grid) <= r:
                grid.append([])
        limits.fill_merged_down(grid, spans)
        out.append((n, grid))
    return [("" if len(out) == 1 else f"table {n}", grid) for n, grid in out]


def _ss(name: str) -> str:
    return "{" + _SS + "}" + name


def _ss_value(data):
    kind, text = data.get(_ss("Type")), "".join(data.itertext())
    if text is None or not text.strip():
        return None
    try:
        if kind == "Number":
            f = float(text)
            return int(f) if f.is_integer() and abs(f) < 1e15 else f
        if kind == "DateTime":
            return dt.datetime.fromisoformat(text.strip()[:19])
        if kind == "Boolean":
            return text.strip() in ("1", "true", "TRUE")
    except ValueError:
        pass
    return text


def xmlss_grids(raw: bytes) -> list[tuple[str, list[list]]]:
    """(name, rows) of each worksheet of an XML Spreadsheet 2003 file."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    root = etree.fromstring(raw, parser)
    out = []
    for n, ws in enumerate(root.iter(_ss("Worksheet")), 1):
        grid, taken, spans = [], set(), []
        r = -1
        for row in ws.iter(_ss("Row")):
            r = int(row.get(_ss("Index"))) - 1 if row.get(_ss("Index")) else r + 1
            while len(grid) <= r:
                grid.append([])
            c = -1
            for cell in row.iter(_ss("Cell")):
                c = int(cell.get(_ss("Index"))) - 1 if cell.get(_ss("Index")) else c + 1
                while (r, c) in taken and not cell.get(_ss("Index")):
                    c += 1
                data = cell.find(_ss("Data"))
                value = None if data is None else _ss_value(data)
                across = _span_ss(cell, "MergeAcross")
                down = _span_ss(cell, "MergeDown")
                _place(grid, taken, r, c, value, down + 1, across + 1, spans)
                c += across
        limits.fill_merged_down(grid, spans)
        out.append((ws.get(_ss("Name")) or f"Sheet{n}", grid))
    return out


def _span_ss(cell, name: str) -> int:
    try:
        return max(0, min(int(cell.get(_ss(name), "0")), 1000))
    except ValueError:
        return 0
