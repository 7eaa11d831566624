"""Bounded reading: a file's true size is checked before it is parsed, and workbooks are read by
their real used range, so memory and time grow with the data in a file, never with the
coordinates or sizes it claims.

The limits (environment settings, read on every call; the README's Configuration table):

    SPEND_MAX_FILE_MB          250         the file's size on disk (a million spend lines is ~120 MB)
    SPEND_MAX_UNCOMPRESSED_MB  500         an XLSX's parts once inflated (the zip's own directory;
                                           a part that inflates past what it declares is corrupt)
    SPEND_MAX_ZIP_RATIO        200         an XLSX part inflating more than this many times its
                                           compressed size (a zip bomb; real sheets are ~5-30)
    SPEND_MAX_SHEETS           100         sheets in a workbook
    SPEND_MAX_ROWS             1048576     rows (a CSV's lines) of a sheet, up to its last value (Excel's own)
    SPEND_MAX_COLUMNS          500         columns of a sheet, up to its last value
    SPEND_MAX_CELL_CHARS       32767       characters in one cell (Excel's own limit)
    SPEND_MAX_CELLS            20000000    rows x columns of the used ranges of a file
    SPEND_MAX_LINE_POUNDS      1000000000  one line's amount (either sign); a line over it is
                                           quarantined with the reason, so no total can overflow

Empty cells count for nothing: a workbook with one value at A1 that claims the range
A1:XFD1048576, or has a row of 50,000 empty styled cells, is read as one cell. A value beyond a
limit makes the whole file unusable (:class:`UnusableFile`), with one line saying which limit,
where, and the setting that raises it.
"""
from __future__ import annotations

import functools
import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

MB = 1_000_000


class _Lazy:
    """lib.ingest.read imports this module; its UnusableFile is fetched when first raised."""

    def __call__(self, message: str):
        from lib.ingest.read import UnusableFile as cls

        return cls(message)


UnusableFile = _Lazy()


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    uncompressed_bytes: int
    zip_ratio: int
    sheets: int
    rows: int
    columns: int
    cell_chars: int
    cells: int
    line_pounds: int


# name, environment setting, default, unit multiplier
_SETTINGS = (
    ("file_bytes", "SPEND_MAX_FILE_MB", 250, MB),
    ("uncompressed_bytes", "SPEND_MAX_UNCOMPRESSED_MB", 500, MB),
    ("zip_ratio", "SPEND_MAX_ZIP_RATIO", 200, 1),
    ("sheets", "SPEND_MAX_SHEETS", 100, 1),
    ("rows", "SPEND_MAX_ROWS", 1_048_576, 1),
    ("columns", "SPEND_MAX_COLUMNS", 500, 1),
    ("cell_chars", "SPEND_MAX_CELL_CHARS", 32_767, 1),
    ("cells", "SPEND_MAX_CELLS", 20_000_000, 1),
    ("line_pounds", "SPEND_MAX_LINE_POUNDS", 1_000_000_000, 1),
)
ENV = {name: env for name, env, _, _ in _SETTINGS}


def current(env=None) -> Limits:
    """The limits in force: each setting from the environment, else its default.

    A setting that is not a positive number raises ValueError naming it (a typo must not lift a
    limit silently)."""
    env = os.environ if env is None else env
    values = {}
    for name, var, default, unit in _SETTINGS:
        text = (env.get(var) or "").strip().replace("_", "").replace(",", "")
        if not text:
            values[name] = default * unit
            continue
        try:
            number = float(text)
        except ValueError:
            number = -1
        if not number > 0:
            raise ValueError(f"{var}={env.get(var)!r}: give a positive number")
        values[name] = int(number * unit)
    return Limits(**values)


def budget(limits: Limits | None = None) -> list:
    """The file's cell budget, shared by its sheets: [cells left]."""
    return [(limits or current()).cells]


def _over(what: str, found, limit, name: str):
    return UnusableFile(f"{what} ({found:,}) is over the limit of {limit:,}; "
                        f"if the file is genuine, raise {ENV[name]}")


# ---- before parsing -------------------------------------------------------------------------

def check_file(path: Path, fmt: str, limits: Limits | None = None) -> None:
    """Refuse a file whose true size is past the limits, before anything parses it."""
    limits = limits or current()
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise _over("the file's size in bytes", size, limits.file_bytes, "file_bytes")
    if fmt in ("xlsx", "ods"):
        check_zip(path, limits, fmt)


def check_zip(path: Path, limits: Limits, fmt: str = "xlsx") -> None:
    """An XLSX (or ODS) is a zip: its directory says how big each part inflates to (zipfile enforces
    that declaration while inflating: a part that grows past it fails its check)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise UnusableFile(f"this {fmt.upper()} file is damaged or incomplete (not a readable zip: {one_line(e)})") from None
    total = sum(i.file_size for i in infos)
    if total > limits.uncompressed_bytes:
        raise _over("its uncompressed size in bytes", total, limits.uncompressed_bytes, "uncompressed_bytes")
    for i in infos:
        if i.file_size > 1 * MB and i.file_size > limits.zip_ratio * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise UnusableFile(f"part {i.filename} inflates {ratio:,} times (a zip bomb?), over the limit of "
                               f"{limits.zip_ratio:,}; if the file is genuine, raise {ENV['zip_ratio']}")
    check_sheets(sum(1 for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")), limits)


def check_csv(path: Path, widest: int, limits: Limits | None = None, hasher=None) -> None:
    """A CSV's columns (the widest of its first lines) and lines, counted before it is read.
    ``hasher`` (a hashlib object), when given, is fed every byte of the file on the same pass."""
    limits = limits or current()
    if widest > limits.columns:
        raise _over("its number of columns", widest, limits.columns, "columns")
    # One pass over the bytes: the lines, and the longest. A line longer than its cells could be if
    # none passed the cell limit holds a cell over it (DuckDB would refuse it less clearly).
    sep = b"\n"
    with open(path, "rb") as f:
        if b"\n" not in f.read(1 << 16):
            sep = b"\r"
    longest_ok = max(widest, 1) * (limits.cell_chars + 3)
    lines, tail = 0, b""
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            if hasher is not None:
                hasher.update(chunk)
            block = tail + chunk
            last = block.rfind(sep)
            # No line may be longer than longest_ok: each window of that many bytes past a line end
            # holds another (found in C, one look a window, not one a line).
            at = 0
            while last >= 0 and at + longest_ok < last:
                nxt = block.rfind(sep, at, at + longest_ok + 1)
                if nxt < 0:
                    end = block.find(sep, at)
                    raise UnusableFile(f"line {lines + block.count(sep, 0, at) + 1:,} is {end - at:,} bytes long: a cell "
                                       f"in it is over the limit of {limits.cell_chars:,} characters; if the file is "
                                       f"genuine, raise {ENV['cell_chars']}")
                at = nxt + 1
            if last >= 0:  # (the lines from ``at`` to ``last`` fit in one window: none is too long)
                lines += block.count(sep, 0, last + 1)
                tail = block[last + 1:]
            else:
                tail = block
            if len(tail) > longest_ok:
                raise UnusableFile(f"line {lines + 1:,} is over {len(tail):,} bytes long: a cell in it is over the "
                                   f"limit of {limits.cell_chars:,} characters; if the file is genuine, raise "
                                   f"{ENV['cell_chars']}")
    lines = max(lines + (1 if tail.strip() else 0), 1)
    if lines > limits.rows:
        raise _over("its number of lines", lines, limits.rows, "rows")
    if lines * widest > limits.cells:
        raise _over(f"its cells ({lines:,} lines x {widest:,} columns)", lines * widest, limits.cells, "cells")


# ---- reading a workbook by its used range ----------------------------------------------------

def _percent_styles(wb) -> set[int]:
    """The workbook's cell styles whose number format shows a percentage (0%, 0.00%, a custom one)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    out = set()
    custom = list(getattr(wb, "_number_formats", []) or [])
    for i, style in enumerate(getattr(wb, "_cell_styles", []) or []):
        fid = getattr(style, "numFmtId", 0) or 0
        fmt = BUILTIN_FORMATS.get(fid) if fid < 164 else (custom[fid - 164] if fid - 164 < len(custom) else None)
        # a % outside quotes and escapes: the value is shown times a hundred
        if fmt and "%" in re.sub(r'"[^"]*"|\\.', "", str(fmt)):
            out.add(i)
    return out


# A number format's currency other than pounds: "[$€-x-euro2] #,##0.00", "[$EUR] 0.00", "$#,##0.00",
# "#,##0.00 €". A locale tag alone ("[$-F800]") or a pound ("[$£-809]") is not.
_FMT_BRACKET = re.compile(r"\[\$([^\]-]*)(?:-[^\]]*)?\]")
_FMT_OTHER = re.compile(r"€|\b(EUR|USD|CHF|SEK|NOK|DKK|JPY|CAD|AUD|NZD|PLN|CZK|HUF)\b|\$")


def format_currency(fmt: str | None) -> str | None:
    """The currency other than pounds a number format shows its values in ('€', '$', 'EUR', ...), else None."""
    if not fmt:
        return None
    fmt = str(fmt)
    for sym in _FMT_BRACKET.findall(fmt):
        m = _FMT_OTHER.search(sym)
        if m:
            return m.group(0)
    bare = re.sub(r'\\.', "", _FMT_BRACKET.sub("", fmt))  # (a quoted "€" or an escaped \€ is shown too)
    m = _FMT_OTHER.search(bare.replace('"', ""))
    return m.group(0) if m else None


def _currency_styles(wb) -> dict[int, str]:
    """The workbook's cell styles whose number format shows a currency other than pounds: {style: currency}."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    out = {}
    custom = list(getattr(wb, "_number_formats", []) or [])
    for i, style in enumerate(getattr(wb, "_cell_styles", []) or []):
        fid = getattr(style, "numFmtId", 0) or 0
        fmt = BUILTIN_FORMATS.get(fid) if fid < 164 else (custom[fid - 164] if fid - 164 < len(custom) else None)
        cur = format_currency(fmt)
        if cur:
            out[i] = cur
    return out


def percent_text(v: float) -> str:
    """A percentage cell's value as it is shown: 0.1 -> '10%', 0.125 -> '12.5%' (exact: the decimal
    the cell's value is written as, times a hundred)."""
    d = Decimal(repr(v)) * 100
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def xlsx_rows(ws, limits: Limits | None = None, budget: list | None = None, max_rows: int | None = None,
              stats: dict | None = None) -> list[list]:
    """The rows of an openpyxl read-only worksheet up to its last value, each up to its own last
    value (a gap row is []), streamed cell by cell: a claimed dimension, empty cells and styled
    blanks cost nothing. ``budget`` ([cells left]) carries the file's cell limit across sheets.
    ``max_rows``: only the sheet's first rows, up to that row (the rest is never parsed).
    ``stats`` is given 'formulas_unsaved': formula cells with no saved result (they read as empty).

    Raises UnusableFile naming the sheet and cell when a value lies past a limit."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    limits = limits or current()
    budget = budget if budget is not None else [limits.cells]
    row_tag, cell_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
    merge_tag, formula_tag, value_tag = (f"{{{SHEET_MAIN_NS}}}mergeCell", f"{{{SHEET_MAIN_NS}}}f",
                                         f"{{{SHEET_MAIN_NS}}}v")
    unsaved = 0
    merges = []  # the sheet's merged ranges ("A2:A6"), listed after its cells
    wb = ws.parent
    where = f"sheet '{ws.title}'"
    values: dict[int, dict[int, object]] = {}
    width = last_row = 0
    percent = _percent_styles(wb)
    # a sum shown in euros or dollars ("[$€-x-euro2] #,##0.00") is read with its currency, as it is
    # shown: not as pounds (the loader quarantines it, saying which currency)
    currency = _currency_styles(wb)
    seen = 0  # every cell element read, empty or not: bounds the time a sheet of blanks takes
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        stack = []       # the open elements; each is removed from its parent once read, so
        in_cell = False  # memory holds one cell at a time, whatever the sheet's size
        for event, el in iterparse(src, events=("start", "end")):
            if event == "start":
                stack.append(el)
                if el.tag == cell_tag:
                    in_cell = True
                elif el.tag == row_tag:
                    r = el.get("r")
                    parser.row_counter = int(float(r)) if r else parser.row_counter + 1
                    if max_rows is not None and parser.row_counter > max_rows:
                        break
                    parser.col_counter = 0
                continue
            stack.pop()
            if in_cell and el.tag != cell_tag:
                continue  # a cell's value or text: read with the cell
            seen += 1
            if seen > limits.cells:
                raise _over(f"{where}: its cell and row records", seen, limits.cells, "cells")
            if el.tag == merge_tag and el.get("ref"):
                merges.append(el.get("ref"))
            if el.tag == cell_tag:
                in_cell = False
                if el.find(formula_tag) is not None and not (getattr(el.find(value_tag), "text", None) or "").strip():
                    unsaved += 1  # a formula saved without its result: read as empty
                if len(el) == 0 and el.get("t") != "inlineStr":  # no value: counts for nothing
                    ref = el.get("r")
                    parser.col_counter = coordinate_to_tuple(ref)[1] if ref else parser.col_counter + 1
                else:
                    cell = parser.parse_cell(el)
                    v = cell["value"]
                    if percent and isinstance(v, (int, float)) and not isinstance(v, bool) \
                            and int(cell.get("style_id") or 0) in percent:
                        v = percent_text(v)  # shown as 10%, stored as 0.1: the cell as it is shown
                    elif currency and isinstance(v, (int, float)) and not isinstance(v, bool) \
                            and int(cell.get("style_id") or 0) in currency:
                        v = f"{currency[int(cell.get('style_id') or 0)]} {v!r}"
                    if v is not None and v != "":
                        row, col = cell["row"], cell["column"]
                        if col > limits.columns:
                            raise UnusableFile(f"{where}: a value in row {row:,}, column {col:,} lies past the limit "
                                               f"of {limits.columns:,} columns; if the file is genuine, raise "
                                               f"{ENV['columns']}")
                        if row > limits.rows:
                            raise UnusableFile(f"{where}: a value in row {row:,} lies past the limit of "
                                               f"{limits.rows:,} rows; if the file is genuine, raise {ENV['rows']}")
                        if isinstance(v, str) and len(v) > limits.cell_chars:
                            raise UnusableFile(f"{where}: row {row:,}, column {col:,} holds {len(v):,} characters, "
                                               f"over the limit of {limits.cell_chars:,}; if the file is genuine, "
                                               f"raise {ENV['cell_chars']}")
                        values.setdefault(row, {})[col] = v
                        width, last_row = max(width, col), max(last_row, row)
                        if width * last_row > budget[0]:
                            raise _over(f"{where}: its used range ({last_row:,} rows x {width:,} columns)",
                                        width * last_row, budget[0], "cells")
            if stack:
                stack[-1].remove(el)  # read: drop it (it is its parent's only child by now)
    budget[0] -= width * last_row
    merged = _fill_merged_down(values, merges, last_row)
    if stats is not None:
        stats["formulas_unsaved"] = unsaved
        stats["merged_down"] = merged
    rows = []
    for r in range(1, last_row + 1):
        cells = values.pop(r, None)
        if not cells:
            rows.append([])
            continue
        row = [None] * max(cells)
        for c, v in cells.items():
            row[c - 1] = v
        rows.append(row)
    return rows


def merged_down(spans):
    """The merges of ``spans`` ((first row, last row, first column, last column), inclusive) that run
    down one column: a cell merged down a column (a supplier's name, a payment run's date, printed
    once over the lines it heads, as reports lay them out) is shown on every row of the merge, and
    its value is read on each, as a person reading the sheet sees it; the file keeps it in the top
    cell alone, so the lines under it read as having no supplier or no date. Merges across columns
    (a group's name over its columns) are left as they are: the header reads them as group words.
    The one rule for XLSX, XLS and ODS alike."""
    for r1, r2, c1, c2 in spans:
        if c1 == c2 and r2 > r1:
            yield r1, r2, c1


def fill_merged_down(rows: list[list], spans) -> dict[int, int]:
    """Write each :func:`merged_down` merge's top value into the rows under it (``rows``: lists of
    cells, None for empty; ``spans`` counted from 0). Returns {column (from 0): cells so written}:
    a column its publisher wrote once over its groups (lib.ingest.load._fill_printed_once)."""
    filled: dict[int, int] = {}
    for r1, r2, c in merged_down(spans):
        if r1 >= len(rows) or c >= len(rows[r1]) or rows[r1][c] is None:
            continue
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c:
                row.extend([None] * (c + 1 - len(row)))
            if row[c] is None:
                row[c] = rows[r1][c]
                filled[c] = filled.get(c, 0) + 1
    return filled


def _fill_merged_down(values: dict, merges: list, last_row: int) -> dict[int, int]:
    """:func:`merged_down` on an XLSX sheet's cells as read (``values``: {row: {column: value}},
    counted from 1; ``merges``: its merged ranges, "A2:A6"). Returns {column (from 0): cells so
    written}, as fill_merged_down does."""
    from openpyxl.utils.cell import range_boundaries

    spans = []
    for ref in merges:
        try:
            c1, r1, c2, r2 = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        spans.append((r1, r2, c1, c2))
    filled: dict[int, int] = {}
    for r1, r2, c in merged_down(spans):
        v = values.get(r1, {}).get(c)
        if v is None:
            continue
        for r in range(r1 + 1, min(r2, last_row) + 1):
            if values.setdefault(r, {}).get(c) is None:
                values[r][c] = v
                filled[c - 1] = filled.get(c - 1, 0) + 1
    return filled


def check_sheets(n: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if n > limits.sheets:
        raise _over("its number of sheets", n, limits.sheets, "sheets")


def check_grid(where: str, nrows: int, ncols: int, limits: Limits | None = None, budget: list | None = None) -> None:
    """A sheet read whole by its own library (XLS): its rows and columns against the limits."""
    limits = limits or current()
    if ncols > limits.columns:
        raise _over(f"{where}: its number of columns", ncols, limits.columns, "columns")
    if nrows > limits.rows:
        raise _over(f"{where}: its number of rows", nrows, limits.rows, "rows")
    left = budget[0] if budget is not None else limits.cells
    if nrows * ncols > left:
        raise _over(f"{where}: its cells ({nrows:,} rows x {ncols:,} columns)", nrows * ncols, left, "cells")
    if budget is not None:
        budget[0] -= nrows * ncols


def check_table(cur, sheet, limits: Limits | None = None) -> None:
    """After a sheet is in its temp table: its rows, and no cell longer than the cell limit (CSV
    cells are only measured here, by DuckDB, without bringing them into Python)."""
    limits = limits or current()
    where = f"sheet '{sheet.name}': " if sheet.name else ""
    if sheet.rows > limits.rows:
        raise _over(f"{where}its number of rows", sheet.rows, limits.rows, "rows")
    if not sheet.width:
        return
    cols = [f"c{i}" for i in range(sheet.width)]  # generated names, not user text
    longest = " , ".join(f"max(length({c}))" for c in cols)
    found = cur.execute("SELECT " + longest + " FROM " + sheet.table).fetchone()
    for i, n in enumerate(found):
        if n is not None and n > limits.cell_chars:
            rn = cur.execute("SELECT min(rn) FROM " + sheet.table + " WHERE length(" + cols[i] + ") > ?",
                             [limits.cell_chars]).fetchone()[0]
            raise UnusableFile(f"{where}row {rn:,}, column {i + 1:,} holds {n:,} characters, over the limit of "
                               f"{limits.cell_chars:,}; if the file is genuine, raise {ENV['cell_chars']}")


# ---- one clear line, never a traceback ------------------------------------------------------

def one_line(e: BaseException, limit: int = 200) -> str:
    text = " ".join(str(e).split()) or e.__class__.__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def guarded(read):
    """Wrap a reader so that anything going wrong inside it (a parser error deep in a damaged
    file, a library's own limit, memory) ends as UnusableFile with one line, never a traceback."""

    @functools.wraps(read)
    def wrapper(cur, path, *args, **kwargs):
        from lib.ingest.read import UnusableFile as Unusable

        current()  # a malformed limit setting is said as itself, not blamed on the file
        try:
            return read(cur, path, *args, **kwargs)
        except Unusable:
            raise
        except MemoryError:
            raise UnusableFile("the file needs more memory to read than this machine has: split it into "
                               "smaller files") from None
        except Exception as e:  # noqa: BLE001 - every failure to read is the file's, said in one line
            fmt = Path(path).suffix.lstrip(".").upper() or "this"
            raise UnusableFile(f"the {fmt} file cannot be read: it is damaged or not what its name says "
                               f"({e.__class__.__name__}: {one_line(e)})") from None

    return wrapper
