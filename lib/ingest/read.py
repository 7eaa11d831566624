"""Read a spreadsheet file into raw text grids: one DuckDB temp table per sheet.

Every cell stays text here (``c0``, ``c1``, … VARCHAR plus ``rn``, the 1-based row in the sheet)
so that nothing is lost before validation. CSV goes through DuckDB's own reader for speed, after
Python has detected the encoding and dialect; XLSX/XLS go through openpyxl/xlrd, ODS through calamine.
"""
from __future__ import annotations

import collections
import concurrent.futures
import csv
import datetime as dt
import io
import itertools
import mmap
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lib import filehash
from lib.ingest import fixed, limits, markup
from lib.ingest.columns import column_letter

# The names of files a person may choose to load (what they hold is told by their first bytes, not
# by the name): CSV and text (a report printed to a file, .prn, its columns lined up by spaces), workbooks,
# and the web pages and XML a system's "Export to Excel" writes.
UPLOAD_TYPES = ["csv", "txt", "tsv", "prn", "xlsx", "xls", "ods", "htm", "html", "xml"]

SPARE_COLUMNS = 4  # read this many columns past the widest sampled row, to catch over-long rows


class UnusableFile(ValueError):
    """The file cannot be used at all (not a spreadsheet, empty, no usable columns)."""


@dataclass
class Sheet:
    name: str           # '' for a CSV
    table: str          # DuckDB temp table holding rn, c0..cN
    width: int          # number of c columns
    rows: int           # rows in the table (blank rows included)
    hidden: bool = False  # hidden in the workbook (its publisher does not show it): read only when no shown sheet has lines
    formulas_unsaved: int = 0  # formula cells the file holds no result for (written by a program that does not calculate)
    delimiter: str | None = None  # a delimited file's delimiter (None for a workbook's sheet)
    # rows of one cell alone that name credit notes, (rn, text), found once for the sheet
    # (lib.ingest.columns.add_credit_sections: None until it looks)
    credit_heads: list | None = None
    # {column: cells under a merged cell's top, written with its value}: a column its publisher wrote
    # once over its groups by merging (limits.fill_merged_down; load._fill_printed_once)
    merged_down: dict = field(default_factory=dict)


def is_csv_grid(cur, sheet: Sheet) -> bool:
    """Is ``sheet`` a CSV's grid (the view raw_s0 over the table raw_s0_t), which may be mended in place?"""
    return sheet.table == "raw_s0" and bool(cur.execute(
        "SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name = 'raw_s0'").fetchone()[0])


def mendable(cur, sheet: Sheet) -> tuple[str, str]:
    """(the table whose cells a change to ``sheet`` writes, the SQL of its row number there): a CSV's
    grid is a view over raw_s0_t, numbered by rowid; a workbook's sheet is its own table, with rn."""
    return ("raw_s0_t", "(raw_s0_t.rowid + 1)") if is_csv_grid(cur, sheet) else (sheet.table, sheet.table + ".rn")


@dataclass
class RawFile:
    file_name: str
    sha256: str
    fmt: str                      # csv | xlsx | ods | xls
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[Sheet] = field(default_factory=list)
    sheets_not_used: dict = field(default_factory=dict)   # sheet → why no row of it was read
    notes: list[str] = field(default_factory=list)  # what reading it changed, said with the load's warnings


def sha256_of(path: Path) -> str:
    return filehash.sha256_of(path)


_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def sniff_format(head: bytes, file_name: str) -> str:
    """'xlsx', 'ods', 'xls', 'html', 'xmlss' or 'csv' from the file's first bytes (the name only
    breaks ties). An OpenDocument spreadsheet is a zip whose first part, stored as it is, names its
    type; a web page's table and Excel's XML spreadsheet are read by lib.ingest.markup."""
    if head.startswith(b"PK\x03\x04"):
        if _ODS_MIMETYPE in head[:256] or (file_name.lower().endswith(".ods") and b"mimetype" in head[:256]):
            return "ods"
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if not head.strip(b" \r\n\t\x00,;"):
        raise UnusableFile("the file is empty")
    written_as = markup.kind_of(head)  # a web page's table, or Excel's XML spreadsheet, under any name
    if written_as == "other":
        raise UnusableFile("this is a web page or XML document saved under a spreadsheet's name, not a "
                           "spreadsheet: open it in Excel and save it as XLSX or CSV")
    if written_as:
        return written_as
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableFile("this is not a spreadsheet (binary content); upload a CSV, XLSX, ODS or XLS file")
    return "csv"


# Characters that real English spend files contain; anything else in the 0x80-0xFF range counts
# against an encoding. cp437 turns cp1252's £ (0xA3) into ú and cp1252 turns cp437's £ (0x9C) into œ.
# A no-break space (cp1252's 0xA0) too: Excel writes one between £ and the sum ("£ 1,234.56").
_PLAUSIBLE = set("£€éèêëáàâäóòôöúùûüíìîïçñÉÈÁÓÚÇ’‘“”–—•…°½¼¾©®™·«»ßøØåÅæÆ \u00a0")


def _legacy_encoding(raw: bytes) -> str:
    """cp1252 or cp437, whichever makes the high bytes of ``raw`` look like English spend text: each
    byte read as a letter of a Latin alphabet or a sign spend text uses scores, anything else counts
    against; a byte read as £ or € before a sum ("£1,234.56") is the strongest sign of all. A tie is
    cp1252's, what Windows in the UK writes. A file whose lines end in a carriage return alone, as
    Excel for Mac's "CSV (Macintosh)" writes them, may be in Mac Roman, that Excel's own encoding
    (its "é" is cp1252's "Ž", its dash "Ð", its quotes "Ò" and "Ó"): there Mac Roman is weighed too,
    and wins a tie. A byte read as a capital letter inside a word of small letters ("CafŽ", "CafÈ")
    counts against its reading."""
    import unicodedata

    before_sum = collections.Counter(m.group(1) for m in re.finditer(rb"([\x80-\xff])[ \xa0]?\d", raw))
    high_only = raw.translate(None, bytes(range(0x80)))  # the high bytes alone
    high = bytes(sorted(set(high_only)))
    best = None
    mac = b"\r" in raw and b"\n" not in raw
    # a byte inside a word of small letters ("Caf?"): read as a capital there, it is not what was written
    in_word = collections.Counter(m.group(1) for m in re.finditer(rb"[a-z]([\x80-\xff])", raw))
    for enc in (("mac_roman",) if mac else ()) + ("cp1252", "cp437"):
        try:
            chars = high.decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        # weight each distinct byte by how often it occurs
        score = 0
        for b, ch in zip(high, chars):
            n = high_only.count(bytes([b]))
            latin = ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")
            score += n if ch in _PLAUSIBLE or latin else -3 * n
            if ch.isupper():
                score -= 4 * in_word[bytes([b])]
            if ch in "£€":
                score += 5 * before_sum[bytes([b])]
        if best is None or score > best[0]:
            best = (score, enc)
    return best[1] if best else "cp1252"


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding). UTF-8 (BOM or not), UTF-16, cp1252 or cp437.

    Decided line by line: a file whose lines were pasted together from UTF-8 and cp1252 exports
    keeps each line as it was written ("Naïve Ltd" from either). Linear: a file in one encoding is
    decoded whole; only a mixed one is decoded line by line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if raw.decode("utf-8", errors="ignore").isascii():  # no UTF-8 beyond ASCII anywhere: one legacy encoding
        enc = _legacy_encoding(raw)
        return raw.decode(enc, errors="replace"), enc
    text = raw.decode("utf-8", errors="surrogateescape")  # a byte that is not UTF-8 becomes a lone surrogate
    lines = text.split("\n")
    legacy = [i for i, line in enumerate(lines) if not line.isascii() and _NOT_UTF8.search(line)]
    enc = _legacy_encoding(b"\n".join(lines[i].encode("utf-8", errors="surrogateescape") for i in legacy))
    for i in legacy:
        lines[i] = lines[i].encode("utf-8", errors="surrogateescape").decode(enc, errors="replace")
    return "\n".join(lines), f"utf-8 and {enc} (mixed lines)"


_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def sniff_dialect(sample: str) -> tuple[str, int, bool]:
    """(delimiter, widest row, whether the delimiter sets the fields apart) from the first lines of
    text: it does when most lines hold as many cells as one another, three or more (a sum's
    thousands comma in a report printed to text is not that: lib.ingest.fixed). A text the csv
    module cannot read is left to the delimited reading."""
    lines = sample.splitlines()[:200]
    text = "\n".join(lines)
    best = (",", 1, -1.0, True)
    for delim in (",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delim))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        consistency = widths.count(common) / len(widths)
        score = (common > 1) * (common * consistency)
        if score > best[2]:
            best = (delim, max(widths), score, common >= fixed.RECORD_FIELDS and consistency >= 0.6)
    return best[0], best[1], best[3]


def _cell_text(v) -> str | None:
    """An Excel cell as text: real dates as ISO, whole numbers without '.0', else str()."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S") if (v.hour or v.minute or v.second) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, dt.time):
        return v.strftime("%H:%M:%S")
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    s = str(v)
    return s


def _grid_to_table(cur, rows: list[list], table: str) -> Sheet:
    import pandas as pd  # only workbooks need it; CSV loads skip the import

    width = max((len(r) for r in rows), default=0)
    cols = {f"c{i}": [(_cell_text(r[i]) if i < len(r) else None) for r in rows] for i in range(width)}
    df = pd.DataFrame(cols, dtype=object)
    df.insert(0, "rn", range(1, len(rows) + 1))
    cur.register("_grid_df", df)
    cur.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT * FROM _grid_df")  # our own name
    cur.unregister("_grid_df")
    return Sheet(name="", table=table, width=width, rows=len(rows))


def read_xlsx(cur, path: Path, progress=None, max_rows: int | None = None) -> list[Sheet]:
    """Each sheet of a workbook as a raw grid; ``max_rows``: only each sheet's first rows."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # corrupt zip, not a workbook
        raise UnusableFile(f"this XLSX file cannot be opened ({e.__class__.__name__}: {e})") from e
    sheets, budget = [], limits.budget()
    try:
        for i, ws in enumerate(wb.worksheets):
            stats = {}
            rows = limits.xlsx_rows(ws, budget=budget, max_rows=max_rows, stats=stats)  # the used range, never the claimed one
            sheet = _grid_to_table(cur, rows, f"raw_s{i}")
            sheet.formulas_unsaved = stats.get("formulas_unsaved", 0)
            sheet.merged_down = stats.get("merged_down", {})
            sheet.name = ws.title
            sheet.hidden = getattr(ws, "sheet_state", "visible") != "visible"  # 'hidden' or 'veryHidden'
            sheets.append(sheet)
            if progress:
                progress(0.1 + 0.3 * (i + 1) / len(wb.worksheets), f"Read sheet {ws.title}")
    finally:
        wb.close()
    return sheets


def read_ods(cur, path: Path, progress=None, max_rows: int | None = None) -> list[Sheet]:
    """Each sheet of an OpenDocument spreadsheet (.ods, as LibreOffice and Google Sheets save one)
    as a raw grid, read by calamine; rows keep their numbers in the sheet (empty rows and columns
    before the data are kept). ``max_rows``: only each sheet's first rows."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:  # not a spreadsheet inside, a damaged zip
        raise UnusableFile(f"this ODS file cannot be opened ({e.__class__.__name__}: {limits.one_line(e)})") from e
    names = list(wb.sheet_names)
    limits.check_sheets(len(names))
    hidden = {m.name for m in wb.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    merges, currencies = _ods_cell_facts(path)
    sheets, budget = [], limits.budget()
    for i, name in enumerate(names):
        ws = wb.get_sheet_by_name(name)
        end = ws.end  # the last used cell (row, column), counted from A1; None for an empty sheet
        nrows, ncols = (end[0] + 1, end[1] + 1) if end else (0, 0)
        if max_rows is not None:
            nrows = min(nrows, max_rows)
        limits.check_grid(f"sheet '{name}'", nrows, ncols, budget=budget)
        rows = ws.to_python(skip_empty_area=False, nrows=nrows) if nrows else []
        rows = [[None if c == "" else c for c in r] for r in rows]
        for (r, c), code in currencies.get(name, {}).items():
            # a sum shown in euros or dollars is read with its currency, as an XLSX's is (limits.xlsx_rows):
            # not as pounds (the loader quarantines it, saying which currency)
            if r < len(rows) and c < len(rows[r]) and isinstance(rows[r][c], (int, float)) \
                    and not isinstance(rows[r][c], bool):
                rows[r][c] = f"{code} {rows[r][c]!r}"
        merged = limits.fill_merged_down(rows, merges.get(name, ()))
        sheet = _grid_to_table(cur, rows, f"raw_s{i}")
        sheet.merged_down = merged
        sheet.name = name
        sheet.hidden = name in hidden
        sheets.append(sheet)
        if progress:
            progress(0.1 + 0.3 * (i + 1) / len(names), f"Read sheet {name}")
    return sheets


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# What the cells' values alone do not say: a cell merged over more than one row, a sum in a currency
# other than pounds (office:currency="EUR")
_ODS_MORE_THAN_VALUES = re.compile(rb'number-rows-spanned="(?!1")\d+"|office:currency="(?!GBP")[A-Za-z]{3}"')


def _ods_cell_facts(path: Path) -> tuple[dict[str, list[tuple[int, int, int, int]]], dict[str, dict[tuple[int, int], str]]]:
    """What calamine's values of an ODS file's cells leave out, read from its XML in one walk (and
    only when a quick scan finds any at all), rows and columns counted from 0 as calamine counts them
    (which it does not say): ({sheet name: [(first row, last row, first column, last column)]} of
    the cells merged over more than one row, {sheet name: {(row, column): 'EUR'}} of the sums in a
    currency other than pounds: calamine gives the value alone, so €500 read as £500). Empty when the
    XML cannot be read: the cells then read as the file stores them."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    t, o = _ODS_TABLE, _ODS_OFFICE
    merges: dict[str, list] = {}
    currencies: dict[str, dict] = {}
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as f:
            tail = b""
            for chunk in iter(lambda: f.read(1 << 20), b""):
                if _ODS_MORE_THAN_VALUES.search(tail + chunk):
                    break
                tail = chunk[-40:]
            else:
                return {}, {}
        with zipfile.ZipFile(path) as z, z.open("content.xml") as f:
            name, row, col = None, 0, 0
            for event, el in iterparse(f, ("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == t + "table":
                        name, row = el.get(t + "name"), 0
                    elif tag == t + "table-row":
                        col = 0
                    elif tag in (t + "table-cell", t + "covered-table-cell"):
                        repeated = int(el.get(t + "number-columns-repeated") or 1)
                        rows = int(el.get(t + "number-rows-spanned") or 1)
                        if rows > 1 and name is not None:
                            cols = int(el.get(t + "number-columns-spanned") or 1)
                            merges.setdefault(name, []).append((row, row + rows - 1, col, col + cols - 1))
                        code = el.get(o + "currency")
                        if (name is not None and code and code.upper() != "GBP"
                                and el.get(o + "value-type") == "currency"):
                            for k in range(min(repeated, 1024)):
                                currencies.setdefault(name, {})[(row, col + k)] = code.upper()
                        col += repeated
                elif tag == t + "table-row":
                    row += int(el.get(t + "number-rows-repeated") or 1)
                    el.clear()
        return merges, currencies
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        return {}, {}


def _xls_percent_formats(book) -> set[int]:
    """The XF (cell format) indexes of an XLS book whose number format shows a percentage."""
    out = set()
    for i, xf in enumerate(getattr(book, "xf_list", None) or []):
        fmt = (getattr(book, "format_map", None) or {}).get(xf.format_key)
        if fmt is not None and "%" in re.sub(r'"[^"]*"|\\.', "", str(fmt.format_str)):
            out.add(i)
    return out


def read_markup(cur, path: Path, fmt: str, progress=None, max_rows: int | None = None) -> list[Sheet]:
    """Each table of a web page saved as a spreadsheet, or each sheet of an XML Spreadsheet 2003 file,
    as a raw grid (lib.ingest.markup); ``max_rows``: only each sheet's first rows."""
    raw = path.read_bytes()
    what = "web page" if fmt == "html" else "XML spreadsheet"
    try:
        grids = markup.html_grids(decode(raw)[0]) if fmt == "html" else markup.xmlss_grids(raw)
    except Exception as e:  # markup too broken to parse
        raise UnusableFile(f"this {what} cannot be read ({e.__class__.__name__}: {limits.one_line(e)})") from e
    if not grids:
        raise UnusableFile(f"this {what} holds no table: open it in Excel and save it as XLSX or CSV")
    limits.check_sheets(len(grids))
    sheets, budget = [], limits.budget()
    for i, (name, rows) in enumerate(grids):
        rows = rows[:max_rows] if max_rows is not None else rows
        limits.check_grid(f"sheet '{name}'" if name else "the table", len(rows), max((len(r) for r in rows), default=0),
                          budget=budget)
        sheet = _grid_to_table(cur, rows, f"raw_s{i}")
        sheet.name = name
        sheets.append(sheet)
        if progress:
            progress(0.1 + 0.3 * (i + 1) / len(grids), f"Read {name or 'the table'}")
    return sheets


def read_xls(cur, path: Path, progress=None) -> list[Sheet]:
    import xlrd

    try:
        # one sheet in memory at a time; xlrd's own warnings about a damaged file are not our output;
        # the cells' formats too, when the file lets them be read (a percentage is shown times 100)
        try:
            book = xlrd.open_workbook(path, on_demand=True, logfile=io.StringIO(), formatting_info=True)
        except Exception:  # noqa: BLE001 - formats it cannot read: the values alone
            book = xlrd.open_workbook(path, on_demand=True, logfile=io.StringIO())
    except Exception as e:
        raise UnusableFile(f"this XLS file cannot be opened ({e.__class__.__name__}: {e})") from e
    percent = _xls_percent_formats(book)
    sheets, budget = [], limits.budget()
    limits.check_sheets(book.nsheets)
    for i in range(book.nsheets):
        sh = book.sheet_by_index(i)
        limits.check_grid(f"sheet '{sh.name}'", sh.nrows, sh.ncols, budget=budget)
        rows = []
        for r in range(sh.nrows):
            row = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    except Exception:
                        row.append(cell.value)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append(None)
                elif cell.ctype == xlrd.XL_CELL_NUMBER and cell.xf_index in percent:
                    row.append(limits.percent_text(cell.value))  # shown as 10%, stored as 0.1
                else:
                    row.append(cell.value)
            rows.append(row)
        # (xlrd lists merges only when it reads the formats: (first row, last row + 1, first column, last + 1))
        merged = limits.fill_merged_down(rows, [(r1, r2 - 1, c1, c2 - 1) for r1, r2, c1, c2 in getattr(sh, "merged_cells", ())])
        sheet = _grid_to_table(cur, rows, f"raw_s{i}")
        sheet.merged_down = merged
        sheet.name = sh.name
        sheet.hidden = bool(getattr(sh, "visibility", 0))  # 1 hidden, 2 very hidden
        sheets.append(sheet)
        book.unload_sheet(i)
    book.release_resources()
    return sheets


def _last_column_used(cur, table: str, width: int) -> bool:
    """Whether a row fills the last of the ``width`` columns read into ``table``. DuckDB's reader
    (null_padding, strict_mode off) cuts a line with more cells than it reads without a word, so
    a line may then have had cells past it: the file is read again wider, or whole."""
    return cur.execute("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE c" + str(int(width) - 1)
                       + " IS NOT NULL)").fetchone()[0]


def _wider(path: Path, width: int) -> int:
    """The next width to read a CSV whose last column read held a cell (:func:`_last_column_used`):
    twice as many columns, never past the limit (a line with more cells than that refuses the
    file, naming the limit)."""
    cap = limits.current().columns + SPARE_COLUMNS
    if width >= cap:
        limits.check_csv(path, width)  # raises: more columns than the limit
    return min(width * 2, cap)


def read_csv(cur, path: Path, progress=None) -> tuple[Sheet, str, str]:
    """Load a CSV into temp table raw_s0 with DuckDB's reader; return (sheet, encoding, delimiter)."""
    with open(path, "rb") as f:
        head = f.read(200_000)
    head_text = head.decode("utf-8", errors="ignore")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16, tab-separated
        head_text = head[:len(head) // 2 * 2].decode("utf-16", errors="ignore")
    delim, widest, delimited = sniff_dialect(head_text)
    if not delimited and fixed.columns_of(head_text):
        return _read_fixed(cur, path)  # a report printed to text, its columns lined up by spaces
    limits.check_csv(path, widest)
    cr_only = "\r" in head_text and "\n" not in head_text
    try:
        head[:-4].decode("utf-8")  # a character cut at the sample's end is not an error
        looks_utf8 = not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    except UnicodeDecodeError:
        looks_utf8 = False
    tmp = None
    source = path
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    if not looks_utf8 or cr_only or ends_with_eof_mark(path):
        source, tmp, encoding = _transcode(path, cr_only)
    if progress:
        progress(0.15, f"Decoded ({encoding}, delimiter {delim!r}); reading rows")
    width = widest + SPARE_COLUMNS
    columns = {f"c{i}": "VARCHAR" for i in range(width)}
    opts = dict(
        columns=columns, header=False, delim=delim, quote='"', escape='"', new_line="\\n",
        null_padding=True, strict_mode=False, auto_detect=False,
    )
    parallel = True
    try:
        try:
            _create_raw_from_csv(cur, source, opts, parallel=True)
        except Exception as e:
            msg = str(e).lower()
            if "unicode" in msg and tmp is None:
                # not UTF-8 after all (the first bytes were plain ASCII): decode in Python, once
                source, tmp, encoding = _transcode(path, cr_only)
                _create_raw_from_csv(cur, source, opts, parallel=True)
            elif "parallel" in msg:  # quoted new lines need the serial reader when padding
                parallel = False
                _create_raw_from_csv(cur, source, opts, parallel=False)
            else:
                raise
        # A line further down with more cells than the widest of the first lines and the spare
        # columns: read again wider until no line reaches the last column, so no cell is cut.
        while _last_column_used(cur, "raw_s0_t", width):
            width = _wider(path, width)
            opts["columns"] = {f"c{i}": "VARCHAR" for i in range(width)}
            _create_raw_from_csv(cur, source, opts, parallel=parallel)
        _keep_blank_rows(cur, source, delim, width)
        unwrap_excel_text(cur, "raw_s0_t", width)
    finally:
        if tmp is not None:
            os.unlink(tmp.name)
    n = cur.execute("SELECT count(*) FROM raw_s0").fetchone()[0]
    return Sheet(name="", table="raw_s0", width=width, rows=n, delimiter=delim), encoding, delim


def _read_fixed(cur, path: Path) -> tuple[Sheet, str, None]:
    """A report printed to text with its columns lined up by spaces (lib.ingest.fixed), read as a
    sheet: (the sheet, its encoding, no delimiter)."""
    text, encoding = decode(path.read_bytes())
    text = text.lstrip("\ufeff").rstrip(EOF_MARK)
    spans = fixed.columns_of(text)
    rows = fixed.grid(text, spans)
    limits.check_grid("the report", len(rows), len(spans), budget=limits.budget())
    sheet = _grid_to_table(cur, rows, "raw_s0")
    return sheet, encoding, None


# A cell written ="…" is text Excel keeps as it stands (a date or a number it would otherwise
# convert, an ID's leading zeros): exports meant to be opened in Excel write every cell of a column
# so. It is that text; the = and quotes are the export's wrapping, not the cell's.
_EXCEL_TEXT = '^="(.*)"$'
_EXCEL_TEXT_LIKE = " LIKE '=\"%\"'"  # the cells it may be (a cheap test before the pattern)
# So is a cell written '0123, '-45.00 or '01/04/2024: a leading apostrophe is how Excel is told
# "text, do not convert", and exports that guard against formulas write it before a minus sign.
# Only a cell whose text after it begins as a number, a sum or a date is unwrapped (an apostrophe
# closing it too, '12.50', goes with it); words after an apostrophe are left as written.
TEXT_PREFIX = "^'([-+\u2212(£.0-9][^']*)'?$"
TEXT_PREFIX_LIKE = " LIKE '''%'"


def _wrapped(c: str) -> str:
    """SQL: the cell ``c`` is written for Excel as text (binds one parameter: TEXT_PREFIX)."""
    return "(" + c + _EXCEL_TEXT_LIKE + " OR (" + c + TEXT_PREFIX_LIKE + " AND regexp_full_match(" + c + ", ?)))"


def excel_text_columns(cur, table: str, width: int) -> list[int]:
    """The columns of ``table`` (c0..c{width-1}) holding a cell written ="…" or '… (a number or date)."""
    cols = [f"c{i}" for i in range(int(width))]  # generated names c0..cN
    found = cur.execute("SELECT " + ", ".join("bool_or(" + _wrapped(c) + ")" for c in cols)
                        + " FROM " + table, [TEXT_PREFIX] * len(cols)).fetchone()
    return [i for i, hit in enumerate(found) if hit]


def unwrap_excel_text(cur, table: str, width: int) -> None:
    """Each cell written ="…" in ``table`` (a CSV's raw grid) becomes the text inside, and each
    written '… (a number or a date) the text after the apostrophe."""
    for i in excel_text_columns(cur, table, width):
        c = f"c{i}"
        cur.execute("UPDATE " + table + " SET " + c + " = CASE WHEN " + c + _EXCEL_TEXT_LIKE
                    + " THEN regexp_extract(" + c + ", ?, 1) ELSE regexp_extract(" + c + ", ?, 1) END WHERE "
                    + _wrapped(c), [_EXCEL_TEXT, TEXT_PREFIX, TEXT_PREFIX])


def _transcode(path: Path, cr_only: bool):
    """Decode a non-UTF-8 (or CR-only) file in Python and write it as UTF-8 with LF line ends;
    return (temp path, temp file, encoding found)."""
    with open(path, "rb") as f:
        text, encoding = decode(f.read())
    if cr_only:
        text = text.replace("\r", "\n")
    stripped = text.rstrip("\r\n\t \x00")
    if stripped.endswith(EOF_MARK):
        text = stripped[:-1]
    tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", suffix=".csv", delete=False)
    tmp.write(text)
    tmp.close()
    return Path(tmp.name), tmp, encoding


READ_BUFFER = 64 << 20  # bytes DuckDB's reader takes from the file at a time (see csv_source)


def read_buffer(path: Path) -> int:
    """The reader's buffer for ``path``: the whole file up to :data:`READ_BUFFER`. DuckDB's default
    is 16 times the longest line allowed, so a line limit of 32 KiB would read a large file in
    half-megabyte buffers: hundreds of batches, each copied again to keep the file's order."""
    return max(1 << 20, min(READ_BUFFER, Path(path).stat().st_size + 1))


def csv_source(width: int, max_line: bool = False) -> str:
    """DuckDB's reader over a CSV as every cell text, columns c0..c{width-1}: the one set of reader
    options the raw grid and the one-pass load (lib.ingest.fast) share. Bound values, in order:
    the path, the delimiter, parallel (true unless quoted new lines need the serial reader), and
    with ``max_line`` the longest line it may read, in bytes (past it the read fails), and the
    reader's buffer in bytes (:func:`read_buffer`)."""
    cols = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))  # generated names c0..cN
    return ("read_csv(?, columns={" + cols + "}, header=false, delim=?, quote='\"', escape='\"', new_line='\\n', "
            "null_padding=true, strict_mode=false, auto_detect=false, parallel=?"
            + (", max_line_size=?, buffer_size=?)" if max_line else ")"))


def _create_raw_from_csv(cur, source: Path, opts: dict, parallel: bool, limit: int | None = None) -> None:
    sql = "CREATE OR REPLACE TEMP TABLE raw_s0_t AS SELECT * FROM " + csv_source(len(opts["columns"]))
    if limit is not None:
        sql += " LIMIT " + str(int(limit))
    cur.execute(sql, [str(source), opts["delim"], parallel])
    # rowid follows the file's order (insertion order is preserved), so rn is the record's row.
    cur.execute("CREATE OR REPLACE TEMP VIEW raw_s0 AS SELECT (rowid + 1)::INTEGER AS rn, * FROM raw_s0_t")


_BLANK_LINE = re.compile(rb"\n\r?\n")


def blank_line_inside(path: Path) -> bool:
    """Whether the file has an empty line with a line of text after it (a tenth of a second for a
    million lines: asked only of a file whose lines of text outnumber its records)."""
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return False
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            end = len(m)
            while end and m[end - 1] in b"\r\n":  # the line ends after the last line start no row
                end -= 1
            return _BLANK_LINE.search(m, 0, end) is not None


def blank_lines_among(source: Path, delim: str, records: int) -> list[int] | None:
    """Rows (numbered from 1, as the file shows them) of the blank lines among the first ``records``
    records of the UTF-8 CSV ``source``, which DuckDB's reader skips: [] when there are none, None
    when Python's reading of the file does not find the same records (then rows stay numbered as
    DuckDB read them). A blank line after the last record starts no row and is not listed."""
    if not blank_line_inside(source):
        return []
    blanks, row, seen = [], 0, 0
    try:
        with open(source, encoding="utf-8-sig", newline="") as text:
            for cells in csv.reader(text, delimiter=delim):
                row += 1
                if not cells:
                    blanks.append(row)
                    continue
                seen += 1
                if seen == records:
                    break
    except (csv.Error, UnicodeDecodeError):
        return None
    return blanks if seen == records else None


def _keep_blank_rows(cur, source: Path, delim: str, width: int) -> None:
    """Put the blank lines DuckDB's reader skipped back into ``raw_s0_t`` as empty rows, so that each
    row's number is the one the file shows (a person reading "row 12" finds it there), as a
    workbook's blank rows are kept."""
    records = cur.execute("SELECT count(*) FROM raw_s0_t").fetchone()[0]
    blanks = blank_lines_among(source, delim, records) if records else []
    if not blanks:
        return
    cols = ", ".join(f"c{i}" for i in range(width))  # generated names c0..cN; the rows are bound
    empty = ", ".join(f"NULL::VARCHAR AS c{i}" for i in range(width))
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE raw_s0_rows AS SELECT " + cols + " FROM ("
        "SELECT m.row, " + cols + " FROM (SELECT row_number() OVER (ORDER BY row) - 1 AS k, row FROM range(1, ?) r(row) "
        "WHERE NOT list_contains(?::BIGINT[], row)) m JOIN (SELECT rowid AS k, " + cols + " FROM raw_s0_t) t USING (k) "
        "UNION ALL SELECT unnest(?::BIGINT[]) AS row, " + empty + ") ORDER BY row",
        [records + len(blanks) + 1, blanks, blanks])
    cur.execute("DROP TABLE raw_s0_t")
    cur.execute("ALTER TABLE raw_s0_rows RENAME TO raw_s0_t")


@dataclass
class CsvSample:
    """A UTF-8 CSV's first lines as a raw grid to plan on (``raw.sheets[0]``, rows numbered as in the
    file), read by DuckDB's serial reader, which stops there (``whole``: they are the whole file);
    and, from :func:`sample_csv`, the whole file being read meanwhile by DuckDB's parallel reader, on a
    cursor of its own, into the table ``table`` of the connection's in-memory database (columns
    c0..c{width-1}, in the file's order: ``rowid + 1`` is the record's row), so that the columns
    are planned while the file is read. :meth:`finish` waits for that read and checks it; only then
    are ``table`` and ``rows`` there to use. Worked out in a thread from when the file was named,
    the file's SHA-256 (``sha``; its result raises what limits.check_csv raises for a file past a
    limit)."""
    raw: RawFile
    width: int
    sha: concurrent.futures.Future
    whole: bool          # the sample is the whole file
    rows: int = 0        # records in the file (``table``'s rows), once :meth:`finish` has said True
    table: str = ""      # the whole file's table (a qualified name of our own making)
    _read: concurrent.futures.Future | None = None  # the whole file's read, in its thread
    _reader: object = None  # the cursor reading it (interrupted when the read is not waited for)

    def source(self) -> str:
        """The whole file as rows (rn, c0..cN), for a SELECT's FROM."""
        return ("(SELECT (rowid + 1)::INTEGER AS rn, " + ", ".join(f"c{i}" for i in range(self.width))
                + " FROM " + self.table + ")")

    def finish(self, cur) -> bool:
        """Wait for the whole file's read; True when it is in ``table`` and fit to load in one pass,
        False when the full path must read it: DuckDB's reader refused it (not UTF-8 further down, a
        line longer than a cell may be), a line has more cells than were read, or the file is past
        the limit on rows or cells (the full path refuses it, saying which)."""
        if self._read is None:
            return False
        try:
            self._read.result()
        except (duckdb.Error, OSError):
            return False
        finally:
            self._close_reader()
        if _last_column_used(cur, self.table, self.width):
            return False  # a line with more cells than were read: read_file reads it wider
        n = cur.execute("SELECT count(*) FROM " + self.table).fetchone()[0]
        lim = limits.current()
        if n > lim.rows or n * (self.width - SPARE_COLUMNS) > lim.cells:
            return False  # past a limit: read_file refuses it, saying which
        self.rows = n
        return True

    def _close_reader(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            if self._read is not None and not self._read.done():
                reader.interrupt()  # (a load given up before the read was waited for)
                concurrent.futures.wait([self._read])
            reader.close()

    def drop(self, cur) -> None:
        """Let go of the whole file's table (the read stopped first if it is still going)."""
        self._close_reader()
        if self.table:
            cur.execute("DROP TABLE IF EXISTS " + self.table)


_sample_ids = itertools.count(1)


def _plain_csv_head(path: Path, file_name: str) -> tuple[bytes, str, int] | None:
    """(the file's first 200,000 bytes, its delimiter, its widest line's cells) when ``path`` is a CSV
    DuckDB reads as it stands (UTF-8, not UTF-16, new lines not bare CRs), checked against the
    limits (which raise for a file past one); else None: :func:`read_file` reads it."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    with open(path, "rb") as f:
        head = f.read(200_000)
    if sniff_format(head[:8192], file_name) != "csv":
        return None
    limits.check_file(path, "csv")
    head_text = head.decode("utf-8", errors="ignore")
    delim, widest, delimited = sniff_dialect(head_text)
    if widest > limits.current().columns:
        limits.check_csv(path, widest)  # says so
    if "\r" in head_text and "\n" not in head_text:
        return None
    if not delimited and fixed.columns_of(head_text):
        return None  # a report printed to text (lib.ingest.fixed): read whole, as a sheet
    try:
        head[:-4].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or ends_with_eof_mark(path):
        return None
    return head, delim, widest


EOF_MARK = "\x1a"  # Ctrl-Z: DOS programs, and some finance systems still, end a text file with it


def ends_with_eof_mark(path: Path) -> bool:
    """Whether the file ends with a Ctrl-Z (after any line ends): not part of the last line, which
    would otherwise be read with it (its amount unreadable) or as a line of its own. Such a file is
    decoded in Python (:func:`_transcode`), which leaves the mark out."""
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - 64))
        tail = f.read()
    return tail.rstrip(b"\r\n\t \x00").endswith(EOF_MARK.encode())


def sample_csv(cur, path: Path, lines: int, file_name: str | None = None) -> CsvSample | None:
    """The CSV's first ``lines`` records as the grid to plan on, and the whole file being read
    meanwhile (see :class:`CsvSample`); or None when :func:`read_file` is to read it: a file no
    longer than its first lines (its first bytes may show it, and then DuckDB reads nothing here),
    or one DuckDB does not read as it stands (not UTF-8, CR line ends, cells written for Excel as
    text, a line wider than read). No line may be longer than a cell may be (the file's size was
    checked first; its lines and cells are counted by DuckDB's read): past a limit
    :meth:`CsvSample.finish` says False, and read_file refuses the file, saying which. ``sha`` is the
    file's SHA-256 (lib.filehash: started when the file was named)."""
    path = Path(path)
    file_name = file_name or path.name
    found = _plain_csv_head(path, file_name)
    if found is None:
        return None
    head, delim, widest = found
    if path.stat().st_size <= len(head) and head.count(b"\n") < lines:
        return None  # fewer lines than the first lines, let alone records: read_file reads it whole
    sha = filehash.future(path)
    width = widest + SPARE_COLUMNS
    cap = limits.current().cell_chars
    buffer = max(read_buffer(path), 16 * cap)
    # The whole file, on a cursor of its own from now on, while the first lines are read and
    # planned on: DuckDB's parallel reader, into the in-memory database every cursor of this
    # connection sees (a temp table is its own cursor's alone). Inserted in the file's order, so
    # rowid is its record.
    table = f"memory.main.fast_raw_{os.getpid()}_{next(_sample_ids)}"  # (a name of our own making)
    read = "CREATE OR REPLACE TABLE " + table + " AS SELECT * FROM " + csv_source(width, max_line=True)
    reader = cur.cursor()

    def read_whole():
        try:
            reader.execute(read, [str(path), delim, True, cap, buffer])
        except duckdb.Error as e:
            if "parallel" not in str(e).lower():
                raise
            reader.execute(read, [str(path), delim, False, cap, buffer])  # quoted new lines need the serial reader

    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="csv-read")
    try:
        job = pool.submit(read_whole)
    finally:
        pool.shutdown(wait=False)
    sample = CsvSample(None, width, sha, whole=False, table=table, _read=job, _reader=reader)
    kept = False
    try:
        # The grid planned on: the first lines, in order, by the serial reader, which stops there.
        try:
            cur.execute("CREATE OR REPLACE TEMP TABLE raw_s0_t AS SELECT * FROM " + csv_source(width, max_line=True)
                        + " LIMIT " + str(int(lines)), [str(path), delim, False, cap, min(buffer, 1 << 20)])
        except duckdb.Error:
            return None  # not UTF-8 after all, a line past the limit, ...: read_file says what is wrong
        cur.execute("CREATE OR REPLACE TEMP VIEW raw_s0 AS SELECT (rowid + 1)::INTEGER AS rn, * FROM raw_s0_t")
        if _last_column_used(cur, "raw_s0_t", width) or excel_text_columns(cur, "raw_s0_t", width):
            return None  # a line wider than read, or cells written ="…" for Excel: read_file reads those
        n = cur.execute("SELECT count(*) FROM raw_s0_t").fetchone()[0]
        if n < lines:
            return None  # the whole file is in the first lines (long lines): read_file reads it
        kept = True
    finally:
        if not kept:
            sample.drop(cur)  # (its read stopped)
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    sample.raw = RawFile(file_name=file_name, sha256="", fmt="csv", encoding=encoding, delimiter=delim,
                         sheets=[Sheet(name="", table="raw_s0", width=width, rows=n, delimiter=delim)])
    return sample


def first_lines_csv(cur, path: Path, lines: int, file_name: str | None = None) -> CsvSample | None:
    """The first ``lines`` records of a UTF-8 CSV as the raw grid ``raw_s0`` (rows numbered as in
    the file), read by DuckDB's serial reader, which stops there: a preview of a long file costs
    what its first lines cost. None when the file is not one DuckDB reads as it stands (as
    :func:`sample_csv`). ``sha`` is the whole file's SHA-256, worked out in a thread."""
    path = Path(path)
    file_name = file_name or path.name
    if not path.is_file() or path.stat().st_size == 0:
        return None
    with open(path, "rb") as f:
        if f.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            return None  # UTF-16: read_file decodes it
    found = _plain_csv_head(path, file_name)
    if found is None:
        return None
    head, delim, widest = found
    width = widest + SPARE_COLUMNS
    opts = {"columns": {f"c{i}": "VARCHAR" for i in range(width)}, "delim": delim}
    try:
        _create_raw_from_csv(cur, path, opts, parallel=False, limit=lines)
    except Exception:  # noqa: BLE001 - not UTF-8 further down, a line past DuckDB's limit, ...:
        return None    # read_file reads it whole and says what is wrong
    if _last_column_used(cur, "raw_s0_t", width):
        return None  # a line with more cells than were read: read_file reads it wider
    _keep_blank_rows(cur, path, delim, width)
    unwrap_excel_text(cur, "raw_s0_t", width)
    sha = filehash.future(path)
    n = cur.execute("SELECT count(*) FROM raw_s0").fetchone()[0]
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    raw = RawFile(file_name=file_name, sha256="", fmt="csv", encoding=encoding, delimiter=delim,
                  sheets=[Sheet(name="", table="raw_s0", width=width, rows=n, delimiter=delim)])
    mend_encoded_twice(cur, raw)
    return CsvSample(raw, width, sha, whole=n < lines, rows=n)


# Text written in UTF-8, read back as cp1252 and saved as UTF-8 again: "CafÃ©" for "Café", "â€™"
# for "’", "Â£" for "£". Each character beyond ASCII became two or three: the first a UTF-8 lead byte
# read as cp1252 (Â, Ã, Ä, Å for the Latin letters and signs, â for dashes, quotes and €), the rest
# continuation bytes read so (one of cp1252's 0x80-0xBF). A cell holding that pair may be such text;
# ftfy (its fix_encoding alone) decides whether it is, and undoes it.
_TWICE_LEADS = "ÂÃÄÅâ"
_TWICE_FOLLOWERS = sorted(set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))
                          | {chr(b) for b in range(0x80, 0xC0)})  # (and the same bytes read as Latin-1)
ENCODED_TWICE = ("[" + "".join(f"\\x{{{ord(c):X}}}" for c in _TWICE_LEADS) + "]["
                 + "".join(f"\\x{{{ord(c):X}}}" for c in _TWICE_FOLLOWERS) + "]")  # (RE2, DuckDB's)


def mend_encoded_twice(cur, raw: RawFile) -> None:
    """Undo text written in UTF-8 twice over (see ENCODED_TWICE) in every cell of every sheet of
    ``raw``, in the grids themselves, so that every field (a supplier's name, a department, an
    amount's "Â£") reads as it was meant; the note in ``raw.notes`` says how many cells were
    mended, with the first (sheet, row, column, as written and as read). A cell ftfy leaves as it
    is (a name that is Portuguese or Swedish, not mis-encoded) is kept as written. Costs one pattern
    test of each cell of a file that has characters beyond ASCII (none of a plain ASCII file)."""
    for sheet in raw.sheets:
        table, rn = mendable(cur, sheet)
        cols = [f"c{i}" for i in range(sheet.width)]  # generated names c0..cN
        # (bytes beyond characters first: a cell of ASCII alone is passed over without the pattern)
        test = "strlen({c}) > length({c}) AND regexp_matches({c}, $1)"
        marked = cur.execute("SELECT " + ", ".join("bool_or(" + test.format(c=c) + ")" for c in cols) + " FROM " + table,
                             [ENCODED_TWICE]).fetchone() if cols else ()
        found = []
        for i, hit in enumerate(marked):
            if hit:
                c = cols[i]
                found += cur.execute("SELECT ?, " + c + ", min(" + rn + "), count(*) FROM " + table + " WHERE "
                                     + test.format(c=c).replace("$1", "?") + " GROUP BY " + c, [i, ENCODED_TWICE]).fetchall()
        found.sort(key=lambda f: (f[2], f[0]))
        if not found:
            continue
        import ftfy  # (only for a file that has such cells: its import is a thirtieth of a second)

        # (a closing quote's last byte, 9D, is none of cp1252's: the first reading made it "�", so that
        # "â€�" is what is left of "”", the one character in common use it can be; given back so)
        fixes = [(i, v, ftfy.fix_encoding(v.replace("â€\ufffd", "â€\x9d")), r, n) for i, v, r, n in found]
        fixes = [f for f in fixes if f[2] != f[1]]
        if not fixes:
            continue
        cur.execute("CREATE OR REPLACE TEMP TABLE _twice (i INTEGER, bad VARCHAR, good VARCHAR)")
        cur.executemany("INSERT INTO _twice VALUES (?, ?, ?)", [(i, v, g) for i, v, g, _, _ in fixes])
        for i in sorted({f[0] for f in fixes}):
            c = f"c{int(i)}"
            cur.execute("UPDATE " + table + " SET " + c + " = m.good FROM _twice m WHERE m.i = ? AND "
                        + table + "." + c + " = m.bad", [i])
        cur.execute("DROP TABLE _twice")
        i, v, good, r, _ = fixes[0]
        cells = sum(f[4] for f in fixes)
        where = f"sheet '{sheet.name}', " if sheet.name else ""
        raw.notes.append(
            f"{where}{cells:,} cell{'s' if cells != 1 else ''} held text written in UTF-8 twice over (saved "
            f"again after being read as Windows text), read as meant: first {where and 'at '}row {r}, "
            f"column {column_letter(i)}: \u201c{v}\u201d read as \u201c{good}\u201d")


@limits.guarded
def read_file(cur, path: Path, file_name: str | None = None, progress=None, max_rows: int | None = None) -> RawFile:
    """Read any supported file into temp tables on ``cur``; raise UnusableFile when it can't be.
    ``max_rows``: a workbook's sheets only up to that row (a preview); other files whole."""
    path = Path(path)
    file_name = file_name or path.name
    if not path.is_file():
        raise UnusableFile("no such file")
    if path.stat().st_size == 0:
        raise UnusableFile("the file is empty")
    with open(path, "rb") as f:
        head = f.read(8192)
    fmt = sniff_format(head, file_name)
    limits.check_file(path, fmt)
    # The file's hash is worked out alongside the reading (hashlib lets go of the GIL): a
    # million-line file spends no extra wall time on it.
    sha = filehash.future(path)
    raw = RawFile(file_name=file_name, sha256="", fmt=fmt)
    if progress:
        progress(0.05, f"Reading {file_name}")
    if fmt == "xlsx":
        raw.sheets = read_xlsx(cur, path, progress, max_rows)
    elif fmt == "ods":
        raw.sheets = read_ods(cur, path, progress, max_rows)
    elif fmt == "xls":
        raw.sheets = read_xls(cur, path, progress)
    elif fmt in ("html", "xmlss"):
        raw.sheets = read_markup(cur, path, fmt, progress, max_rows)
    else:
        sheet, raw.encoding, raw.delimiter = read_csv(cur, path, progress)
        limits.check_table(cur, sheet)
        raw.sheets = [sheet]
    mend_encoded_twice(cur, raw)
    raw.sha256 = sha.result()
    return raw
