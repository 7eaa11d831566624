"""Hostile and broken spend files, written at test time (nothing large is committed).

Each case is (file name, builder, what must happen). Workbooks are written as raw XML in a zip,
as an attacker would, so they can claim dimensions, cells and sizes no spreadsheet program writes.

    python tests/hostile/corpus.py DIR     # write every case into DIR (to probe by hand)
"""
from __future__ import annotations

import os
import random
import struct
import sys
import zipfile
from pathlib import Path

REFUSED, LOADED = "refused", "loaded"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def col_letter(n: int) -> str:
    """1 → A, 16384 → XFD."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _cell(col: int | None, row: int, value) -> str:
    """A cell; col None leaves out its reference (readers then count cells along the row, past
    Excel's last column XFD if there are more than 16,384)."""
    ref = f' r="{col_letter(col)}{row}"' if col else ""
    if value is None:
        return f'<c{ref} s="1"/>'
    if isinstance(value, (int, float)):
        return f'<c{ref}><v>{value}</v></c>'
    return f'<c{ref} t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(rows, dimension: str | None = None) -> str:
    """rows: iterable of (row number, [(col, value), ...])."""
    body = "".join(f'<row r="{r}">' + "".join(_cell(c, r, v) for c, v in cells) + "</row>" for r, cells in rows)
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>{dim}<sheetData>{body}</sheetData></worksheet>'


def write_xlsx(path: Path, sheets: list[tuple[str, str | bytes]], compresslevel: int = 6) -> Path:
    """A minimal workbook: sheets is [(title, sheet XML)]."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS}><sheets>'
          + "".join(f'<sheet name="{t}" sheetId="{i}" r:id="rId{i}"/>' for i, (t, _) in enumerate(sheets, 1))
          + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
            + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=overrides))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, (_, xml) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return path


HEADER = ["Date", "Supplier", "Amount", "Description"]


def _header_row():
    return (1, [(i + 1, h) for i, h in enumerate(HEADER)])


def far_cell(path):
    """Four real rows and one value at XFD1048576: openpyxl padded every row to 16,384 columns."""
    rows = [_header_row(), (2, [(1, "2024-04-01"), (2, "Acme Ltd"), (3, 10), (4, "Pens")]),
            (1048576, [(16384, "x")])]
    return write_xlsx(path, [("Spend", sheet_xml(rows, "A1:XFD1048576"))])


def far_row(path):
    """One value in the sheet's last row (A1048576): a real used range of a million rows, read
    within the bounds (the rows between are blank)."""
    rows = [_header_row(), (2, [(1, "2024-04-01"), (2, "Acme Ltd"), (3, 10), (4, "Pens")]), (1048576, [(1, "x")])]
    return write_xlsx(path, [("Spend", sheet_xml(rows))])


def far_dimension(path):
    """A real small sheet that claims A1:XFD1048576 and has an empty styled cell there: loads."""
    rows = [_header_row(), (2, [(1, "2024-04-01"), (2, "Acme Ltd"), (3, 10), (4, "Pens")]),
            (1048576, [(16384, None)])]
    return write_xlsx(path, [("Spend", sheet_xml(rows, "A1:XFD1048576"))])


def empty_cells_row(path):
    """A header, one line, then a row of 50,000 empty cells."""
    rows = [_header_row(), (2, [(1, "2024-04-01"), (2, "Acme Ltd"), (3, 10), (4, "Pens")]),
            (3, [(None, None)] * 50_000)]
    return write_xlsx(path, [("Spend", sheet_xml(rows))])


def zip_bomb(path, megabytes: int = 600):
    """A sheet of empty rows that inflates to ``megabytes`` MB from well under 1 MB."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>'.encode()
    tail = b"</sheetData></worksheet>"
    chunk = b"<row/>" * 100_000  # 600 KB
    n = megabytes * 1_000_000 // len(chunk)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in (("[Content_Types].xml", _CONTENT_TYPES.format(sheets="")), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", f'<workbook {_NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
                           ("xl/_rels/workbook.xml.rels",
                            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')):
            z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(head)
            for _ in range(n):
                f.write(chunk)
            f.write(tail)
    return path


def lying_bomb(path):
    """A zip bomb whose headers claim each member is 1 KB: the real size is only found by inflating."""
    zip_bomb(path, megabytes=60)
    data = bytearray(path.read_bytes())
    # Patch every local header's and central directory entry's uncompressed size to 1,000.
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = data.find(sig)
        while i != -1:
            if struct.unpack_from("<I", data, i + off)[0] not in (0xFFFFFFFF,):
                struct.pack_into("<I", data, i + off, 1000)
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))
    return path


def corrupt_xml(path):
    """A workbook whose sheet XML breaks off mid-tag (openpyxl raised ParseError)."""
    return write_xlsx(path, [("Spend", sheet_xml([_header_row()])[:-40] + "<row r=")])


def truncated_xlsx(path):
    """The first half of a real workbook."""
    far_dimension(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _noise(n: int) -> str:
    """Text that does not compress (so the cell, not the zip ratio, is what is over a limit)."""
    rnd = random.Random(7)
    return "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(n))


def big_cell_xlsx(path):
    rows = [_header_row(), (2, [(1, "2024-04-01"), (2, "Acme Ltd"), (3, 10), (4, _noise(2_000_000))])]
    return write_xlsx(path, [("Spend", sheet_xml(rows))])


def big_cell_csv(path):
    path.write_text("Date,Supplier,Amount,Description\n2024-04-01,Acme Ltd,10.00," + "x" * 2_000_000 + "\n")
    return path


def wide_header_csv(path):
    path.write_text(",".join(f"Column {i}" for i in range(50_000)) + "\n" + ",".join("1" for _ in range(50_000)) + "\n")
    return path


def wide_header_xlsx(path):
    rows = [(1, [(None, f"Column {i}") for i in range(1, 50_001)])]
    return write_xlsx(path, [("Spend", sheet_xml(rows))])


def many_sheets(path):
    return write_xlsx(path, [(f"S{i}", sheet_xml([_header_row()])) for i in range(300)])


def huge_amounts(path):
    lines = ["Date,Supplier,Amount,Description"] + [
        f'2024-04-{1 + i % 28:02d},Supplier {i},"£999,999,999,999.99",Line {i}' for i in range(20_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _real_xls(path):
    import xlwt  # tests only (requirements-dev.txt)

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Spend")
    for r, row in enumerate([HEADER] + [["2024-04-01", f"Supplier {i}", 10 + i, "Pens"] for i in range(200)]):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.save(str(path))
    return path


def truncated_xls(path):
    """The first half of a real .xls (the OLE container breaks off)."""
    data = _real_xls(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def ole_garbage_xls(path):
    """The .xls signature, then noise."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(3).randbytes(20_000))
    return path


def empty_file(path):
    path.write_bytes(b"")
    return path


def blank_file(path):
    path.write_bytes(b" \r\n\r\n  \n")
    return path


def random_bytes(path):
    path.write_bytes(random.Random(11).randbytes(100_000))
    return path


def html_as_xls(path):
    path.write_text("<html><head><title>Spend</title></head><body><table><tr><th>Date</th><th>Supplier</th>"
                    "<th>Amount</th></tr><tr><td>01/04/2024</td><td>Acme</td><td>10.00</td></tr></table></body></html>")
    return path


def rss_as_xls(path):
    """XML that is no spreadsheet (a news feed saved under a spreadsheet's name)."""
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Spend</title>'
                    "<item><title>01/04/2024 Acme 10.00</title></item></channel></rss>")
    return path


def xml_bomb(path):
    """An XML spreadsheet whose one cell is a billion laughs: entities nested ten deep."""
    ents = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    path.write_text('<?xml version="1.0"?><!DOCTYPE Workbook [' + ents + ']>'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
                    '<Row><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Supplier</Data></Cell>'
                    '<Cell><Data ss:Type="String">Amount</Data></Cell></Row>'
                    '<Row><Cell><Data ss:Type="String">01/04/2024</Data></Cell><Cell><Data ss:Type="String">&lol9;</Data>'
                    '</Cell><Cell><Data ss:Type="Number">10</Data></Cell></Row></Table></Worksheet></Workbook>')
    return path


def invalid_utf8(path):
    body = b"Date,Supplier,Amount\n" + b"".join(
        b"2024-04-01,Caf\xe9 \xff\xfe Ltd,10.00\n" + b"2024-04-02,Bad \xc3\x28 Seq,\x9c20.00\n" for _ in range(50))
    path.write_bytes(body)
    return path


def nul_bytes(path):
    """A CSV with NUL bytes inside it (after the first 4 KB, past the binary sniff)."""
    rows = b"".join(b"2024-04-01,Acme Ltd,10.00\n" for _ in range(400))
    path.write_bytes(b"Date,Supplier,Amount\n" + rows + b"2024-04-02,Ac\x00\x00me,\x0020.00\n" + rows)
    return path


def nul_start(path):
    path.write_bytes(b"\x00" * 64 + b"Date,Supplier,Amount\n2024-04-01,Acme,10.00\n")
    return path


def header_only(path):
    path.write_text("Date,Supplier,Amount,Description\n")
    return path


# (file name, builder, expected outcome)
CASES = [
    ("far_cell.xlsx", far_cell, REFUSED),
    ("far_dimension.xlsx", far_dimension, LOADED),
    ("far_row.xlsx", far_row, LOADED),
    ("empty_cells_row.xlsx", empty_cells_row, LOADED),
    ("zip_bomb.xlsx", zip_bomb, REFUSED),
    ("lying_bomb.xlsx", lying_bomb, REFUSED),
    ("corrupt_xml.xlsx", corrupt_xml, REFUSED),
    ("truncated.xlsx", truncated_xlsx, REFUSED),
    ("big_cell.xlsx", big_cell_xlsx, REFUSED),
    ("big_cell.csv", big_cell_csv, REFUSED),
    ("wide_header.csv", wide_header_csv, REFUSED),
    ("wide_header.xlsx", wide_header_xlsx, REFUSED),
    ("many_sheets.xlsx", many_sheets, REFUSED),
    ("huge_amounts.csv", huge_amounts, LOADED),
    ("empty.csv", empty_file, REFUSED),
    ("blank.csv", blank_file, REFUSED),
    ("random.xlsx", random_bytes, REFUSED),
    ("random.csv", random_bytes, REFUSED),
    ("html_saved_as.xls", html_as_xls, LOADED),
    ("rss_saved_as.xls", rss_as_xls, REFUSED),
    ("xml_bomb.xls", xml_bomb, REFUSED),
    ("real.xls", _real_xls, LOADED),
    ("truncated.xls", truncated_xls, REFUSED),
    ("ole_garbage.xls", ole_garbage_xls, REFUSED),
    ("invalid_utf8.csv", invalid_utf8, LOADED),
    ("nul_bytes.csv", nul_bytes, LOADED),
    ("nul_start.csv", nul_start, REFUSED),
    ("header_only.csv", header_only, REFUSED),
]


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [builder(folder / name) for name, builder, _ in CASES]


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")):
        print(f"{os.path.getsize(p):>12,} {p}")
