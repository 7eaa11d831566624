"""Load a spend file into the store: read → find headers → map → parse → one transaction.

Every data row ends up in exactly one place: ``transactions`` (loaded), ``quarantine`` (could not
be read, with the reason, row and column) or ``total_lines`` (a total or footer row), so
rows read = loaded + quarantined + total lines. Blank rows and header rows are not data rows.
"""
from __future__ import annotations

import calendar
import collections
import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from lib import bodies as bodies_mod
from lib import format as fmt
from lib import store
from lib.ingest import columns as colmod
from lib.ingest import listed
from lib.ingest import limits
from lib.ingest import overlap as overlap_mod
from lib.ingest.read import RawFile, Sheet, UnusableFile, mendable, read_file
from lib.ingest.read import is_csv_grid as _is_csv_grid

HEAD_ROWS = 40  # the header row is looked for among the first rows of each sheet


@dataclass
class SheetPlan:
    sheet: Sheet
    segments: list[tuple[int, int, colmod.Mapping]]   # (after rn, last rn, mapping): rows after < rn <= last
    scored: bool = True      # the header row was recognised by its words (not just the first row)
    notes: list = field(default_factory=list)           # what a person should know (rows read as a title)
    european: set = field(default_factory=set)          # segment starts (after rn) whose amounts use decimal commas
    month_first: set = field(default_factory=set)       # segment starts (after rn) whose dates are month first
    header_rows_repeated: int = 0                        # rows of the header read again further down
    note_rows: set = field(default_factory=set)         # rows of header words with no lines under them: notes
    title_body: str | None = None                        # the body the rows above the header name (lib.bodies)
    fy_named: int | None = None                          # the financial year (its first year) named once for the
                                                         # sheet: the title above its header, else its name, else the file's
    fy_named_where: str | None = None                    # ... where it was read ("the title above the header")
    title_period: tuple | None = None                    # the month or quarter the title above the header names
                                                         # ("Payments over £500 for April 2024"): dates lines with no day
    title_span: tuple | None = None                      # the days the title above the header says its lines are
                                                         # of ("1st August 2010 - 31st August 2010", "2024/25"):
                                                         # lines dated mostly outside them are said (title_dates_note)


@dataclass
class LoadResult:
    file: str
    batch_id: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_total_lines: int = 0
    amount_loaded: Decimal | None = None
    amount_quarantined: Decimal | None = None
    amount_total_lines: Decimal | None = None
    duplicate: bool = False
    encoding: str | None = None
    sheets: list[str] = field(default_factory=list)
    mapping: dict = field(default_factory=dict)      # sheet → {field: header}
    skipped_sheets: dict = field(default_factory=dict)  # sheet → why it held no spend
    problems: list[dict] = field(default_factory=list)  # the first quarantined rows, for messages
    columns: dict = field(default_factory=dict)         # sheet → {field: {"column": header, "found": how}}
    columns_unused: dict = field(default_factory=dict)  # sheet → [header or "column E", ...]
    warnings: list = field(default_factory=list)
    overlap: overlap_mod.Overlap | None = None  # earlier batches this file largely repeats (lib.ingest.overlap)
    skipped: bool = False                       # not loaded because of the overlap
    replaced: list = field(default_factory=list)  # batch ids removed in the transaction that loaded this one
    one_pass: bool = False                      # read in one pass, planned on its first lines (lib.ingest.fast)
    sample_lines: int | None = None             # a preview of the file's first lines only: how many were read
    bodies: list = field(default_factory=list)    # whose lines these are (lib.bodies): [{key, name, own, ...}]
    header_rows_repeated: int = 0               # header rows read again further down (not data rows, not counted as read)
    body_unread: str | None = None              # a column headed as the body, not used (its cells no body's name)

    def as_json(self) -> dict:
        money = lambda v: None if v is None else f"{v:.2f}"
        return {
            "file": self.file, "batch_id": self.batch_id, "rows_read": self.rows_read, "rows_loaded": self.rows_loaded,
            "rows_quarantined": self.rows_quarantined, "rows_total_lines": self.rows_total_lines,
            "amount_loaded": money(self.amount_loaded or Decimal("0")),
            "amount_quarantined": money(self.amount_quarantined), "duplicate": self.duplicate,
            "columns": _flat(self.columns), "columns_unused": _flat_unused(self.columns_unused),
            "sheets_not_used": self.skipped_sheets, "warnings": self.warnings,
            "overlap": self.overlap.as_json() if self.overlap else None, "skipped": self.skipped,
            "replaced": self.replaced,
            "bodies": [{"body": b["name"], "own": b["own"], **({"lines": b["lines"]} if "lines" in b else {})}
                       for b in self.bodies],
            **({"header_rows_repeated": self.header_rows_repeated} if self.header_rows_repeated else {}),
        }

    def peer_note(self) -> str | None:
        """What to tell the person when the file's lines are not (all) the store's own bodies'."""
        peers = [b["name"] for b in sorted((b for b in self.bodies if not b["own"]), key=lambda b: -b.get("lines", 0))]
        if not peers:
            return None
        if len(peers) == len(self.bodies):
            return (f"This file is {fmt.whose_spend(peers)}: loaded as {'a peer' if len(peers) == 1 else 'peers'}; "
                    "the force's figures are unchanged (compare on the Peers page).")
        whose = fmt.listed(peers)
        return f"Lines of {whose} in this file are loaded as a peer's; they are not counted in the force's figures."

    def default_body_note(self) -> str | None:
        """What to tell a person who gave no body when no column of the file says whose its lines are
        and they were all counted as the store's own default body's (the file may be another body's:
        a transport authority's or a council's list loaded by mistake would swell the force's figures)."""
        named = any("body" in cols for cols in self.columns.values())
        if named or not self.bodies or len(self.bodies) != 1 or not self.bodies[0]["own"]:
            return None
        # A column headed as the body whose cells are no body's name ("Entity" = EA, a ledger's "Client" = LP)
        # was not read as the body: the note says it is there (not that no column says whose the lines are).
        said = (f"the column '{self.body_unread}' is headed as whose spend it is but holds no body's name (a code, "
                "or a unit's name), so it was not read as the body" if self.body_unread
                else "no column of this file says whose spend it is")
        return (f"{said}: its lines are counted as {self.bodies[0]['name']}'s, the store's default body (if the file "
                "is another body's, remove the batch and load it again, choosing whose it is on the Upload page or with --body NAME)")

    def file_name_note(self) -> str | None:
        """When no column of the file says whose its lines are, and its name gives a place (a county, a
        unitary, a district) that the name of the body they are counted to does not: a sign the file is
        another body's (lib.bodies.file_name_note)."""
        named = any("body" in cols for cols in self.columns.values())
        if named or not self.bodies or self.body_unread:
            return None
        return bodies_mod.file_name_note(self.file, [b["name"] for b in self.bodies])

    def columns_rows(self, labels: dict | None = None) -> list[dict]:
        """One row per column of the file, used or not: sheet, column, what it is used for, how
        that was found. For the preview and the batch's page."""
        labels = labels or {}
        out = []
        for sheet, cols in self.columns.items():
            for f, v in cols.items():
                out.append({"sheet": sheet, "column": v["column"], "used for": labels.get(f, f), "found by": v["found"]})
            for c in self.columns_unused.get(sheet, []):
                out.append({"sheet": sheet, "column": c, "used for": "not used", "found by": ""})
        return out


def _where(sheet: str | None) -> str:
    """"sheet 'Apr 19', " before a row's number in a message; nothing for a CSV (no sheet name)."""
    return f"sheet '{sheet}', " if sheet else ""


def _flat(per_sheet: dict) -> dict:
    """{field: {"column": header, "found": how}} for the whole file; where sheets differ, the
    value is the list of their distinct headers (or ways found), in sheet order."""
    out: dict = {}
    for cols in per_sheet.values():
        for f, v in cols.items():
            slot = out.setdefault(f, {"column": [], "found": []})
            for k in ("column", "found"):
                if v[k] not in slot[k]:
                    slot[k].append(v[k])
    return {f: {k: (v[0] if len(v) == 1 else v) for k, v in slot.items()} for f, slot in out.items()}


def _flat_unused(per_sheet: dict) -> list:
    """Columns not used, as a list: plain headers for one sheet, 'Sheet: header' for several."""
    if len(per_sheet) <= 1:
        return [c for cols in per_sheet.values() for c in cols]
    return [f"{s}: {c}" for s, cols in per_sheet.items() for c in cols]


_PIPELINE_SHEET = re.compile(r"(?i)\b(pipeline|forward\s+(plan|programme|procurement)|upcoming|future\s+(procurements?|"
                             r"contracts?|tenders?)|planned\s+(procurements?|tenders?))\b")


class NeedsMapping(UnusableFile):
    """No header row could be matched to the required fields: the user must map the columns."""

    def __init__(self, message: str, sheet: str, headers: list, header_rn: int | None, suggested: dict):
        super().__init__(message)
        self.sheet, self.headers, self.header_rn, self.suggested = sheet, headers, header_rn, suggested

    @property
    def no_heading(self) -> bool:
        """The sheet has no heading row: its columns are known by their letters alone."""
        return _no_heading(self.header_rn, self.headers)


def _no_heading(header_rn: int | None, headers: list | None) -> bool:
    return not header_rn or not any(headers or [])


# ---------------------------------------------------------------------------------------------
# Periods for files whose rows carry no day (e.g. a quarter's file with "00:00:00" dates).


def period_from_text(text: str) -> tuple[dt.date, dt.date] | None:
    """A period as a person types it (``--period``, the Upload page): a month ``2017-03``, a calendar
    quarter ``2014-q2``, a financial year's quarter ``2023/24 Q2``. Read by the file-name rule below,
    the financial year's slash read as the dash a file name would carry. None when it says none."""
    return period_from_name(text.strip().replace("/", "-")) if text and text.strip() else None


_WHEN_WRITTEN = re.compile(r"\b(run|printed|generated|produced|created|extracted|exported|downloaded|updated|"
                           r"published|prepared|compiled|as\s+(at|of)|report\s+date|date\s+of\s+report)\b", re.I)


# a month's name, whole or short ("Sept" too): two in a title name a span of months
_MONTH_NAMES = sorted({m.lower() for m in calendar.month_name[1:] + calendar.month_abbr[1:]} | {"sept"}, key=len, reverse=True)
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b", re.I)


# a month's name in a title, with its year when one follows ("August 2010", "Aug-10", "Aug '10"; "June 24"
# may be a day, so a two-figure year needs its dash or apostrophe)
_TITLE_MONTH = re.compile(r"\b(?P<m>" + "|".join(_MONTH_NAMES) + r")(?![a-z])\.?"
                          r"(?:[\s,]*(?P<y4>\d{4})|\s*[-'\u2019]\s*(?P<y2>\d{2}))?(?!\d)", re.I)
_MONTH_NUMBER = {calendar.month_abbr[i].lower(): i for i in range(1, 13)}  # "aug" -> 8
_TITLE_DAY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def title_span(title_text: str) -> tuple[dt.date, dt.date] | None:
    """The days a title above a header says its lines are of: from the first day of the earliest
    month it names to the last day of the latest ("Payments over £500 - 1st August 2010 - 31st August
    2010", "Spend April to June 2024", "01/04/2024 - 30/06/2024"), else its one financial year
    ("2024/25"); None when it names neither, or says when it was written ("Report run 02/07/2012":
    that day is not the lines')."""
    if not title_text or _WHEN_WRITTEN.search(title_text):
        return None
    named = []
    for mt in _TITLE_MONTH.finditer(title_text):
        month = _MONTH_NUMBER[mt.group("m").lower()[:3]]
        year = int(mt.group("y4")) if mt.group("y4") else 2000 + int(mt.group("y2")) if mt.group("y2") else None
        named.append([month, year])
    # a month with no year takes the year of the next that has one ("April to June 2024"), the year before
    # when it comes later in the year than that one ("November to January 2024")
    for i in range(len(named) - 2, -1, -1):
        if named[i][1] is None and named[i + 1][1] is not None:
            named[i][1] = named[i + 1][1] - (named[i][0] > named[i + 1][0])
    months = [(y, m) for m, y in named if y is not None and 1990 <= y <= 2100]
    for mt in _TITLE_DAY.finditer(title_text):
        d, m, y = map(int, mt.groups())
        if 1 <= d <= 31 and 1 <= m <= 12 and 1990 <= y <= 2100:
            months.append((y, m))
    if months:
        (y0, m0), (y1, m1) = min(months), max(months)
        return dt.date(y0, m0, 1), dt.date(y1, m1, calendar.monthrange(y1, m1)[1])
    fy = colmod.financial_year_in([title_text])
    return (dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)) if fy is not None else None


def title_dates_note(cur, plans: list[SheetPlan], lines_sql: str, params: list) -> list[str]:
    """For each sheet whose title names the days its lines are of (:func:`title_span`), say so when
    most of its dated lines fall outside them: the column read as the day paid may be another date
    ("Updated"), or the file not the one its title says. ``lines_sql``: (sheet, payment_date) of the
    lines loaded, read once for every titled sheet. Nothing is changed: the lines keep their dates."""
    titled = {p.sheet.name: p for p in plans if p.title_span}
    if not titled:
        return []
    names = list(titled)
    spans = "(SELECT unnest(?::VARCHAR[]) AS sheet, unnest(?::DATE[]) AS lo, unnest(?::DATE[]) AS hi)"
    rows = cur.execute(
        "SELECT t.sheet, count(l.payment_date), count(*) FILTER (WHERE l.payment_date NOT BETWEEN t.lo AND t.hi), "
        "min(l.payment_date), max(l.payment_date) FROM " + spans + " t JOIN (" + lines_sql + ") l USING (sheet) "
        "GROUP BY t.sheet", [names, [titled[n].title_span[0] for n in names], [titled[n].title_span[1] for n in names],
                            *params]).fetchall()
    notes = {}
    for sheet, n, out, first, last in rows:
        if not n or out * 2 <= n:
            continue
        plan = titled[sheet]
        lo, hi = plan.title_span
        header = next((m.header_of("payment_date") for _, _, m in plan.segments if m.header_of("payment_date")), None)
        named = (f"{lo:%B %Y}" if (lo.year, lo.month) == (hi.year, hi.month) else f"{lo:%d/%m/%Y} to {hi:%d/%m/%Y}")
        notes[sheet] = (f"{_where(sheet)}the title above the header names {named}, but {out:,} of {n:,} dated "
                        f"lines fall outside it ({first:%d/%m/%Y} to {last:%d/%m/%Y}"
                        + (f", read from '{header}'" if header else "") + "): check that "
                        + (f"'{header}' gives" if header else "the date column gives")
                        + " the day each line was paid, and that the file is the one its title says; the lines keep "
                          "their own dates")
    return [notes[n] for n in names if n in notes]  # (in the workbook's order)


def _title_months(cur, cells: list) -> list[tuple[dt.date, dt.date]]:
    """The distinct months that title cells above a header each are, whole (a month, as a period cell
    is read: "Jun-13", "June 2013", "P02 2022/23"), as (first day, last day): not a day ("01/06/2013"
    is when, not which month), not a quarter (read as its span by :func:`period_from_text`)."""
    short = [str(c).strip() for c in cells if c is not None and 0 < len(str(c).strip()) <= 20
             and colmod.header_quarter(str(c)) is None]
    if not short:
        return []
    months = cur.execute("SELECT list_sort(list_distinct(list_filter(list_transform(?::VARCHAR[], lambda x: CASE WHEN "
                         "parse_uk_date(x) IS NULL THEN parse_period(x) END), lambda y: y IS NOT NULL)))",
                         [short]).fetchone()[0] or []
    return [(d, dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])) for d in months]


def _sheet_period(cur, plan: "SheetPlan", within: tuple | None = None, fy: int | None = None) -> tuple[tuple, str] | None:
    """(the month or quarter named once for a sheet, where) that dates lines with no date of their own:
    the title above its header ("Payments over £500 for April 2024"), else its name read as a period
    cell is ("Apr 24", "May 2024", "P01 2024/25": the store's parse_period), else its name a month
    alone ("Apr", "May", "June") in the file's period ``within`` (its first and last day: a quarter's
    workbook, "Spend_Q1_2024-25.xlsx", a sheet a month) or its financial year ``fy``; None when
    none names one."""
    if plan.title_period:
        return plan.title_period, "the title above the header"
    month = cur.execute("SELECT parse_period(?)", [plan.sheet.name]).fetchone()[0] if plan.sheet.name else None
    if month is None and plan.sheet.name:
        month = month_in(plan.sheet.name, within, fy)
    return ((month, month), f"the sheet's name '{plan.sheet.name}'") if month else None


def month_in(name: str, within: tuple | None, fy: int | None) -> dt.date | None:
    """The first day of the month a sheet's name gives alone ("Apr", "Sept", "June"), in the period
    ``within`` (first and last day, at most a year: the one month of it so named) or else the
    financial year ``fy`` (April to March); None when the name is no month alone, or no year is known."""
    s = name.strip().lower().rstrip(".")
    if s not in _MONTH_NAMES:
        return None
    k = _MONTH_NUMBER[s[:3]]
    if within:
        start, end = within
        days = [dt.date(y, k, 1) for y in range(start.year, end.year + 1)]
        inside = [d for d in days if dt.date(start.year, start.month, 1) <= d <= end]
        return inside[0] if len(inside) == 1 else None
    return dt.date(fy + (k < 4), k, 1) if fy else None


def _one_month(period: tuple) -> bool:
    """Whether a period (its first and last day) lies in one month."""
    return (period[0].year, period[0].month) == (period[1].year, period[1].month)


def _period_words(period: tuple) -> str:
    """A period as a note says it: 'April 2024', 'April to June 2024', 'January 2024 to March 2024'."""
    start, end = period
    if _one_month(period):
        return f"{start:%B %Y}"
    return f"{start:%B} to {end:%B %Y}" if start.year == end.year else f"{start:%B %Y} to {end:%B %Y}"


def _one_financial_year(period: tuple | None) -> int | None:
    """The first year of the financial year a period lies in, when it lies in one (None else)."""
    if not period:
        return None
    first = [d.year - (d.month < 4) for d in period]
    return first[0] if first[0] == first[-1] else None


def period_from_name(name: str) -> tuple[dt.date, dt.date] | None:
    """The period a file's name declares: 2014-q2 (calendar quarter), 2023-24_q2 or q2_2023-24 (a
    financial year's quarter: Q1 is April to June), 201101, 2017-03, mar-2017."""
    s = Path(name).stem.lower()
    for pattern, order in ((r"(?<!\d)(20\d{2}|19\d{2})[-_ ]?(\d{2})[-_ ]?q([1-4])(?!\d)", (0, 1, 2)),
                           (r"(?<![a-z])q([1-4])[-_ ]?(20\d{2}|19\d{2})[-_ ]?(\d{2})(?!\d)", (1, 2, 0))):
        m = re.search(pattern, s)
        if m and int(m.group(order[1] + 1)) == (int(m.group(order[0] + 1)) + 1) % 100:
            y, q = int(m.group(order[0] + 1)), int(m.group(order[2] + 1))
            start = dt.date(y + (q == 4), q * 3 % 12 + 1, 1)
            end_month = start.month + 2
            return start, dt.date(start.year, end_month, calendar.monthrange(start.year, end_month)[1])
    m = re.search(r"(20\d{2}|19\d{2})[-_ ]?q([1-4])(?!\d)", s)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        start = dt.date(y, 3 * q - 2, 1)
        end_month = 3 * q
        return start, dt.date(y, end_month, calendar.monthrange(y, end_month)[1])
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})[-_ ]?(0[1-9]|1[0-2])(?!\d)", s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.search(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]?(20\d{2})", s)
    if m:
        mo, y = _MONTH_NUMBER[m.group(1)], int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return None


# ---------------------------------------------------------------------------------------------
# Planning: header rows and mappings per sheet.

def _rows(cur, sheet: Sheet, where: str, params: list) -> list[tuple[int, list]]:
    cols = ", ".join(f"c{i}" for i in range(sheet.width))
    limit = ""
    if " LIMIT " in where:
        where, limit = where.split(" LIMIT ")
        limit = " LIMIT " + str(int(limit))
    sql = "SELECT rn, " + cols + " FROM " + sheet.table + " WHERE " + where + " ORDER BY rn" + limit
    return [(r[0], [None if v is None else str(v) for v in r[1:]]) for r in cur.execute(sql, params).fetchall()]


def _saved_mapping(cur, headers: list, kind: colmod.Kind) -> dict | None:
    sigs = colmod.header_signatures(headers)  # headers read as words first, then as they were keyed before
    row = cur.execute(
        "SELECT mapping FROM column_mappings WHERE kind = ? AND list_contains(?, header_signature) "
        "ORDER BY list_position(?, header_signature) LIMIT 1", [kind.name, sigs, sigs]
    ).fetchone()
    return json.loads(row[0]) if row else None


def _resolve(given: dict | None, headers: list) -> dict[str, int]:
    """{field: column} from what a person gave: a column index, a header's text or a column letter."""
    out = {}
    for f, ref in (given or {}).items():
        if ref is None or ref == "":
            continue
        try:
            i = ref if isinstance(ref, int) else colmod.column_index(str(ref), headers)
        except colmod.AmbiguousColumn as e:
            raise UnusableFile(f"{f}={ref}: {e}") from None
        if i is not None:
            out[f] = int(i)
    return out


def _mapping_for(cur, sheet: Sheet, header_rn: int, headers: list, lo: int, hi: int, given: dict | None,
                 kind: colmod.Kind, fy: int | None = None) -> colmod.Mapping:
    """The mapping for a header row: what the person gave, else what was remembered for these
    headers, each completed from the header's words and a sample of the rows in (lo, hi). ``fy``:
    the financial year named once for the sheet (a period with no year is read in it)."""
    profiles = colmod.profile_columns(cur, sheet.table, sheet.width, lo, hi, headers, kind)
    fixed, how = _resolve(given, headers), "given"
    if not fixed:
        saved = _saved_mapping(cur, headers, kind)
        if saved:
            fixed, how = {f: int(i) for f, i in saved.items() if i is not None}, "remembered"
    m = colmod.plan_columns(headers, profiles, kind, fixed=fixed, how_fixed=how)
    if not fixed and kind is colmod.SPEND and (moved := colmod.heading_left_out(headers, profiles, kind, m)):
        gap, headers, m = moved
        m.heading_left_out = gap
    colmod.add_saving_parts(m, profiles, kind)
    colmod.add_saving_costs(m, profiles, kind)
    colmod.add_saving_months(m, profiles, kind)
    colmod.add_spread_lines(m, kind)
    colmod.add_continued_columns(m, kind)
    colmod.add_day_month_in_year(cur, sheet.table, m, lo, hi, fy, kind)
    colmod.add_year_column(cur, sheet.table, m, lo, hi, kind)
    colmod.add_period_in_year(cur, sheet.table, m, lo, hi, fy, kind)
    colmod.add_day_column(cur, sheet.table, m, lo, hi, kind)
    m.currency_note = colmod.settle_currency(cur, sheet.table, m, lo, hi, kind)
    colmod.add_pence_part(cur, sheet.table, m, lo, hi, kind)
    colmod.add_vat_taken_off(cur, sheet.table, m, lo, hi, kind)
    colmod.add_credit_marks(cur, sheet.table, m, lo, hi, profiles, kind)
    colmod.add_credit_sections(cur, sheet, m, lo, hi, kind)
    colmod.add_supplier_code(cur, sheet.table, m, lo, hi, kind)
    colmod.add_category_label(cur, sheet.table, m, lo, hi, profiles, kind)
    if not fixed:
        colmod.add_route_by_cells(cur, sheet.table, m, lo, hi, kind)
    colmod.add_weightings_in_words(cur, sheet.table, m, lo, hi, kind)
    colmod.add_weightings_in_order(cur, sheet.table, m, lo, hi, kind)
    colmod.add_name_with_address(m, kind)
    if kind is colmod.SPEND:
        _cell_shapes(cur, sheet.table, m, lo, hi)
    m.header_rn = header_rn
    if kind is colmod.SPEND:
        _amount_gaps_filled(cur, sheet, m, lo, hi)
    if m.columns.get("credit") is not None:
        k = f"parse_amount(c{int(m.columns['credit'])})"
        pos, neg = cur.execute("SELECT count(CASE WHEN " + k + " > 0 THEN 1 END), count(CASE WHEN " + k + " < 0 THEN 1 END) "
                               "FROM " + sheet.table + " WHERE rn > ? AND rn < ?", [lo, hi]).fetchone()
        m.credit_signed = neg > 0 and pos == 0
    m.sampled = sum(p.n for p in profiles)
    return m


# A long number as a spreadsheet shows it once the column was saved as numbers: "4.71565E+21", its
# digits past the first few gone (a card's or an invoice's number, a supplier's, a VAT number).
_EXPONENT = r"-?\d(\.\d+)?[eE]\+\d{1,3}"
_NUMBERED = ("transaction_ref", "supplier_id", "vat_number", "category_code")


def _cell_shapes(cur, table: str, m: colmod.Mapping, lo: int, hi: int) -> None:
    """What the text fields' sampled cells (lo < rn < hi) are written as, in one look at them:
    ``m.multiline``, the columns whose cells break over two lines (a cell typed so, or a label a PDF's
    conversion wrapped: "Trust-Contract \\nHcare Srv Rec NHS" beside the same words on one line), read
    as one line (:func:`_col`, the store's macro one_line) so a label is one group however it was
    wrapped; and ``m.long_numbers``, a reference, an ID or a VAT number written as a spreadsheet writes a
    long number it holds as a figure ("4.71565E+21"): its digits are lost, so it matches no record of
    the publisher's or register's (said by the plan; kept as written); and ``m.placeholder_codes``, the
    code columns (an ID, a VAT number, a category's code) whose cells say there is none ("Not
    recorded", "N/K": m138's code_text), read through code_text. A file that never writes a cell so
    pays nothing on its lines."""
    text = [(f, m.columns[f]) for f in ("supplier_name", *_FIELDS_TEXT) if m.columns.get(f) is not None]
    if not text:
        return
    numbered = [(f, i) for f, i in text if f in _NUMBERED]
    coded = [i for f, i in text if f in _CODES]
    cells = lambda i: f"trim(c{int(i)})"  # (generated names c0..cN; the pattern and the bounds are bound values)
    got = cur.execute(
        "SELECT count(*)" + "".join(f", bool_or(regexp_matches(c{int(i)}, '[\\r\\n]'))" for _, i in text)
        + "".join(f", count(*) FILTER (WHERE regexp_full_match({cells(i)}, ?)), "
                  f"any_value({cells(i)}) FILTER (WHERE regexp_full_match({cells(i)}, ?))" for _, i in numbered)
        + "".join(f", bool_or(code_text(clean_text(c{int(i)})) IS NULL AND clean_text(c{int(i)}) IS NOT NULL)"
                  for i in coded)
        + " FROM (SELECT * FROM " + table + " WHERE rn > ? AND rn < ? LIMIT " + str(int(colmod.SAMPLE_WINDOW)) + ")",
        [_EXPONENT] * (2 * len(numbered)) + [lo, hi]).fetchone()
    looked, broken = got[0], got[1:1 + len(text)]
    long, said_none = got[1 + len(text):1 + len(text) + 2 * len(numbered)], got[1 + len(text) + 2 * len(numbered):]
    m.multiline = {i for (_, i), b in zip(text, broken) if b}
    m.long_numbers = [(f, long[2 * k], looked, long[2 * k + 1]) for k, (f, _) in enumerate(numbered) if long[2 * k]]
    m.placeholder_codes = {i for i, b in zip(coded, said_none) if b}


def _amount_gaps_filled(cur, sheet: Sheet, m: colmod.Mapping, lo: int, hi: int) -> None:
    """A second money column that holds the amount exactly where the amount column is empty (card
    payments with only a gross figure, in a "Gross amount (GPC)" column beside the net "Net
    amount"): mapped as ``amount_fill``, read on those lines only. Taken when its header names an
    amount, it holds a figure on some line (one naming a supplier) whose amount cell is empty, and
    never one beside an amount. When its header names a credit ("Credit", "Credit Amount", "Credit
    Note Value") it is the other half of a debit and a credit, whatever the amount's own header
    says: mapped as ``credit``, its figures taken off (a credit written as a positive sum is not
    spend). Identifiers are generated (c0..cN); the bounds are bound values."""
    a = m.columns.get("amount")
    if a is None or m.columns.get("credit") is not None or m.columns.get("amount_fill") is not None:
        return
    taken = set(m.columns.values())
    scores = {i: colmod.header_scores(m.headers[i], colmod.SPEND) for i in range(len(m.headers))
              if i not in taken and m.headers[i]}
    cands = [i for i, sc in scores.items() if max(sc.get("amount", 0), sc.get("credit", 0)) >= colmod.STRONG]
    if not cands:
        return
    s = m.columns.get("supplier_name")
    named = "TRUE" if s is None else f"clean_text(c{int(s)}) IS NOT NULL"  # a line, not a total under the lines
    reads = ", ".join(f"count(CASE WHEN clean_text(c{a}) IS NULL AND parse_amount(c{j}) IS NOT NULL AND {named} "
                      f"THEN 1 END), count(CASE WHEN clean_text(c{a}) IS NOT NULL AND clean_text(c{j}) IS NOT NULL "
                      "THEN 1 END)" for j in cands)
    got = cur.execute("SELECT " + reads + " FROM " + sheet.table + " WHERE rn > ? AND rn < ?", [lo, hi]).fetchone()
    fills = [j for k, j in enumerate(cands) if got[2 * k] and not got[2 * k + 1]]
    if len(fills) == 1:
        f = "credit" if scores[fills[0]].get("credit", 0) >= colmod.STRONG else "amount_fill"
        m.columns[f], m.found[f] = fills[0], "header"
        m.unused = [i for i in m.unused if i != fills[0]]


# A rule drawn across a printed report or under a database dump's header ("-----", "====="): no cell's content.
_RULE = "[-=_]{3,}"


def _unnamed_counts(cur, sheet: Sheet, m: colmod.Mapping, lo: int, hi: int) -> str | None:
    """Columns with no header and not used: list those holding anything anywhere in (lo, hi]
    (``m.unused``, ``m.extra``: kept with their rows), and return what they hold, for the person
    loading the file, read on the same pass: how many rows have something there and the first of
    them ("column J has no header: 1 row holds something there (row 101: '4,678,447.04'), kept with
    its line as written, not used"), so that a stray total or a spreadsheet's helper formulas are
    seen, not only listed. None when they hold nothing. Identifiers are generated (c0..cN)."""
    unnamed = [i for i in range(sheet.width) if i not in m.columns.values()
               and not (i < len(m.headers) and m.headers[i] and str(m.headers[i]).strip())]
    if not unnamed or not cur.execute(  # nothing there at all (the common case) costs no scan
            "SELECT EXISTS (SELECT 1 FROM " + sheet.table + " WHERE rn > ? AND rn <= ? AND coalesce("
            + ", ".join(f"c{i}" for i in unnamed) + ") IS NOT NULL)", [lo, hi]).fetchone()[0]:
        m.unused = [i for i in m.unused if i not in unnamed]  # (emptied by _rejoin_split_sums, say)
        return None
    cells = [f"x{i}" for i in unnamed]
    *counts, n, rn, text = cur.execute(
        "SELECT " + ", ".join(f"count({x})" for x in cells) + ", count(v), min(rn) FILTER (WHERE v IS NOT NULL), "
        "arg_min(v, rn) FILTER (WHERE v IS NOT NULL) FROM (SELECT *, coalesce(" + ", ".join(cells) + ") AS v FROM "
        # (a rule drawn across a printed report, "-----" alone in the column, holds nothing)
        "(SELECT rn, " + ", ".join(f"list_filter([clean_text(c{i})], lambda x: NOT regexp_full_match(x, '{_RULE}'))[1] "
                                   f"AS x{i}" for i in unnamed) + " FROM " + sheet.table
        + " WHERE rn > ? AND rn <= ?))", [lo, hi]).fetchone()
    held = {i for i, k in zip(unnamed, counts) if k}
    m.unused = sorted((set(m.unused) - set(unnamed)) | held)
    m.extra = sorted(held)
    if not held:
        return None
    letters = [colmod.column_letter(i) for i in m.extra]
    cols = (f"column {letters[0]} has" if len(letters) == 1 else
            "columns " + ", ".join(letters[:-1]) + f" and {letters[-1]} have")
    shown = text if len(text) <= 60 else text[:57] + "..."
    return (f"{_where(sheet.name)}{cols} no header: {n:,} row{'s hold' if n != 1 else ' holds'} something there "
            f"(row {rn}: '{shown}'), kept with {'their lines' if n != 1 else 'its line'} as written, not used")


# A column not used that says where each payment stands ("Status", "Payment Status"), and its words for a
# payment that did not go out, or came back (m147 is_payment_undone)
_STATUS_WORDS = {"status", "state", "stage"}


def status_note(cur, sheet: Sheet, m: colmod.Mapping, lo: int, hi: int) -> str | None:
    """Say how many lines a column not used marks as cancelled, void or reversed ("Status": Paid |
    Cancelled | Reversed), their sum and the first rows: they are loaded as the file publishes them,
    counted in every total, and the person loading it should know (a cancelled payment did not go
    out). None when no such column, or no line so marked. Identifiers are generated (c0..cN)."""
    a = m.columns.get("amount")
    cols = [i for i in m.unused if i < len(m.headers) and m.headers[i]
            and _STATUS_WORDS & set(colmod.tokens(m.headers[i]))]
    if not cols or a is None:
        return None
    marked = " OR ".join(f"is_payment_undone(c{int(i)})" for i in cols)
    n, total, rns = cur.execute(
        "SELECT count(*), sum(parse_amount(c" + str(int(a)) + ")), list(rn ORDER BY rn)[1:5] FROM " + sheet.table
        + " WHERE rn > ? AND rn <= ? AND parse_amount(c" + str(int(a)) + ") IS NOT NULL AND (" + marked + ")",
        [lo, hi]).fetchone()
    if not n:
        return None
    rows = ", ".join(str(r) for r in rns) + (f" and {n - len(rns):,} more" if n > len(rns) else "")
    heads = " or ".join(f"'{m.label(i)}'" for i in cols)
    return (f"{_where(sheet.name)}{n:,} line{'s' if n != 1 else ''} ({fmt.money(total or 0)}) "
            f"{'are' if n != 1 else 'is'} marked cancelled, void or reversed under {heads} (row{'s' if n != 1 else ''} "
            f"{rows}): loaded as the file publishes {'them' if n != 1 else 'it'}, counted in every total; if "
            f"{'they were' if n != 1 else 'it was'} not paid, take {'them' if n != 1 else 'it'} out of the file and load it again")


def _scan_for_header(cur, sheet: Sheet, kind: colmod.Kind) -> tuple[int, list] | None:
    """A header row anywhere in a sheet (a file sorted with its header among the data): rows with
    two or more cells and no digit at all, scored as headers. One pass, only when the first and
    last rows hold no header."""
    cols = ", ".join(f"c{i}" for i in range(sheet.width))
    rns = [r[0] for r in cur.execute(
        "SELECT rn FROM " + sheet.table + " WHERE NOT regexp_matches(concat_ws('|', " + cols + "), '\\d') "
        "AND len(list_filter([" + cols + "], lambda x: trim(x) <> '')) >= 2 LIMIT 200").fetchall()]
    if not rns:
        return None
    rows = _rows(cur, sheet, "rn IN (SELECT unnest(?::INTEGER[]))", [rns])
    return colmod.find_header(rows, kind)


def _data_above(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int) -> bool:
    """Do the rows above a header hold data (a file sorted with its header in the middle or last),
    rather than a title? Most of them have an amount and a date or a name in the mapped columns."""
    a, d, s = (m.columns.get(f) for f in ("amount", "payment_date", "supplier_name"))
    if a is None or header_rn <= 1:
        return False
    second = d if d is not None else s
    if second is None:
        return False
    cols = ", ".join(f"c{i}" for i in range(sheet.width))
    n, money, other = cur.execute(
        f"SELECT count(*), count(parse_amount(c{a})), count(clean_text(c{second})) FROM " + sheet.table
        + " WHERE rn < ? AND coalesce(" + cols + ") IS NOT NULL", [header_rn]).fetchone()
    m.title_amounts = 0 if (n > 0 and money >= 0.5 * n and other >= 0.5 * n) else money
    return n > 0 and money >= 0.5 * n and other >= 0.5 * n


def plan_sheet(cur, sheet: Sheet, mapping: dict | None = None, kind: colmod.Kind = colmod.SPEND,
               whole: bool = True, fy: int | None = None) -> SheetPlan | None:
    """Find the header row(s) of a sheet and map them; None when the sheet holds no table.

    The header is the row that reads best as one among the first and last rows of the sheet (or,
    failing those, anywhere). Its columns are mapped from their words and a sample of the rows
    below it (above it, when it is the last line). Rows above a header that hold data (a file
    sorted with its header among the lines) are read with it too. Lines dated by a period with no
    year ("P01") are read in the financial year the title above the header names, else the sheet's
    name, else ``fy`` (the file's name, or the period given for it).

    ``whole=False``: the sheet is the first lines of a file (lib.ingest.fast), so only its first
    rows are looked at for the header, and unnamed columns are left for the caller to count."""
    if sheet.rows == 0 or sheet.width == 0:
        return None
    head = _rows(cur, sheet, "rn <= ?", [HEAD_ROWS])
    tail = _rows(cur, sheet, "rn > ?", [sheet.rows - HEAD_ROWS]) if sheet.rows > HEAD_ROWS and whole else []
    found = colmod.find_header(head + tail, kind)
    scored = found is not None
    if found is None and not whole:
        return None
    if found is None and sheet.rows > 2 * HEAD_ROWS:
        found = _scan_for_header(cur, sheet, kind)
        scored = found is not None
    if found is None:
        # No known header words: take the first row with two or more filled cells as the header,
        # so that a user (or a mapping remembered for these headers) can say what each column is.
        found = next(((rn, cells) for rn, cells in head if sum(1 for c in cells if c and c.strip()) >= 2), None)
        if found is None:
            return None
        if colmod.looks_like_data(found[1]):  # no header at all: the lines start there, columns unnamed
            found = (found[0] - 1, [None] * sheet.width)
    header_rn, headers = found
    split_notes, split = [], {}
    if whole:  # a column whose header lists its cells' parts ("Supplier [Name|Address|...]"): a column a part
        # (a contracts register's row may name several suppliers: lib.ingest.registers makes a contract with each)
        headers, split_notes, split = listed.split_listed(cur, sheet, headers, header_rn,
                                                          several=kind is colmod.CONTRACTS)
    title = [c for rn, cells in head if rn < header_rn for c in cells if c]
    # (a title may name the year, "2024/25", or a month of it, "Payments over £500 - June 2024")
    title_text = " ".join(map(str, title))
    # (a month the report was run, printed or published in is not the lines' month)
    written = bool(_WHEN_WRITTEN.search(title_text))
    title_period = None if written else period_from_text(title_text)
    # a cell of its own above the header that is a month and nothing else ("Jun-13", "P02 2022/23")
    # says the month better than one read out of longer text (a query's "period between '201303'")
    alone = [] if written or not title else _title_months(cur, title)
    title_period = alone[0] if len(alone) == 1 else title_period
    fy_title = colmod.financial_year_in(title) or _one_financial_year(title_period)
    if len(alone) != 1 and len(_MONTH_WORD.findall(title_text)) > 1:
        title_period = None  # a title naming a span ("January to March 2024") dates no line to one month of it
    fy_named = fy_title or colmod.financial_year_in([sheet.name]) or fy
    m = _mapping_for(cur, sheet, header_rn, headers, header_rn, sheet.rows + 1, mapping, kind, fy_named)
    headed = None
    if whole and kind is colmod.SPEND and m.columns.get("supplier_name") is None and m.columns.get("amount") is not None:
        headed = _supplier_from_headings(cur, sheet, m, header_rn)
        if headed:  # the names written on the rows heading their lines, now a column of their own: map again
            headers = headers + headed.pop("headers")
            m = _mapping_for(cur, sheet, header_rn, headers, header_rn, sheet.rows + 1, mapping, kind, fy_named)
            for f, i in (("supplier_name", headed["column"]), ("supplier_id", headed["column"] + 1)):
                if m.columns.get(f) == i and m.found.get(f) == "header":
                    m.found[f] = "content"  # (read from the rows' content: the header is ours)
    below = bool(m.sampled) or _has_rows(cur, sheet, header_rn, sheet.rows + 1)
    if not below:
        m = _mapping_for(cur, sheet, header_rn, headers, 0, header_rn, mapping, kind, fy_named)
    m.listed = split
    filled = []
    if whole:  # every sum's column, a register's too ("Value" = £1 | 200.50 loaded £1.00 without a word)
        _rejoin_split_sums(cur, sheet, m, header_rn, sum_fields(m, kind))
        if (joined := getattr(m, "split_sums", 0)) and below and not headed:
            # The columns read again, as mended: one the sums' tails had filled ("Description" holding
            # "225.13") was taken for a column of figures, and left unused with its text.
            m = _mapping_for(cur, sheet, header_rn, headers, header_rn, sheet.rows + 1, mapping, kind, fy_named)
            m.listed, m.split_sums = split, joined
    if whole and kind is colmod.SPEND:
        filled += _rejoin_split_text(cur, sheet, m, header_rn, sheet.delimiter or ",")
        if below:
            filled += _fill_printed_once(cur, sheet, m, header_rn)
    segments = []
    if _data_above(cur, sheet, m, header_rn):
        segments.append((0, header_rn - 1, m))
    if below or not segments:
        segments.append((header_rn, sheet.rows, m))
    held_notes = []  # what columns with no header hold, said once
    for lo, hi, seg_m in segments:
        if whole and (note := _unnamed_counts(cur, sheet, seg_m, lo, hi)) and note not in held_notes:
            held_notes.append(note)
        if whole and kind is colmod.SPEND and (note := status_note(cur, sheet, seg_m, lo, hi)) \
                and note not in held_notes:
            held_notes.append(note)
    # else the year the amount's header names ("Total 2024/25", "Savings 2024-25 (£)"): a register's
    # sums for one year, its rows giving none of their own
    # (or that the headers of its parts name alike: "Cashable saving 2023/24 (£)" | "Non-cashable saving
    # 2023/24 (£)", a PCC's annual report appendix)
    sums = [m.header_of(f) for f in ("amount", "cashable", "non_cashable") if m.columns.get(f) is not None]
    years = [colmod.financial_year_in([h]) for h in sums]
    fy_header = years[0] if fy_named is None and sums and years[0] is not None and len(set(years)) == 1 else None
    fy_header_of = sums[0] if fy_header is not None else None
    fy_named = fy_named if fy_header is None else fy_header
    plan = SheetPlan(sheet, segments)
    plan.scored = scored
    plan.fy_named = fy_named
    plan.title_period = title_period
    plan.title_span = title_span(title_text) if kind is colmod.SPEND else None
    plan.notes += split_notes + filled + held_notes
    if headed and m.columns.get("supplier_name") == headed["column"]:
        n, ided = headed["suppliers"], headed["ids"]
        plan.notes.append(f"{_where(sheet.name)}no column names the supplier: each line's is the one named on the row "
                          f"heading its group ('{headed['example']}'), {n:,} supplier{'s' if n != 1 else ''} over "
                          f"{headed['lines']:,} line{'s' if headed['lines'] != 1 else ''}"
                          + (", the number before each name read as the supplier's ID" if ided else ""))
    if kind is colmod.SPEND and m.columns.get("body") is None and segments[0][0] == header_rn:
        # a title above the header may say whose lines they are ("Blackpool Council - Payments over £500")
        plan.title_body = bodies_mod.named_in_title(c for rn, cells in head if rn < header_rn for c in cells if c)
    if m.currency_note:
        plan.notes.append(_where(sheet.name) + m.currency_note)
    for f, n, looked, example in m.long_numbers:
        plan.notes.append(f"{_where(sheet.name)}'{m.header_of(f)}' holds numbers written as a spreadsheet shows a "
                          f"long number ('{example}', {n:,} of {looked:,} lines looked at): the digits past the first "
                          "few are lost, so they match no record of the publisher's; kept as written")
    if m.supplier_coded:
        sup = m.headers[m.columns["supplier_name"]]
        plan.notes.append(_where(sheet.name) + f"the supplier's cells carry its code ('{m.supplier_coded}'): "
                          f"the code is read as the supplier's ID"
                          + ("" if m.columns.get("supplier_id") is not None else f" (no column gives one)")
                          + f", the rest of '{sup}' as its name")
    def named(fy_given: int) -> str:  # where the year given once for the sheet was read
        return ("the title above the header" if fy_title == fy_given else
                f"the sheet's name '{sheet.name}'" if colmod.financial_year_in([sheet.name]) == fy_given
                else (f"the amount's header '{fy_header_of}'" if fy_header_of == m.header_of("amount")
                      else f"the header '{fy_header_of}'") if fy_header == fy_given
                else "the file's name or the period given for it")

    if fy_named is not None:
        plan.fy_named_where = named(fy_named)
    if m.day_month_fy is not None:
        plan.notes.append(f"{_where(sheet.name)}the dates in '{m.header_of('payment_date')}' give a day and a month "
                          f"and no year: read in the financial year {colmod.fy_text(m.day_month_fy)}, which "
                          f"{named(m.day_month_fy)} names (April to December in its first year, January to March in its second)")
    if m.year_given is not None:
        plan.notes.append(f"{_where(sheet.name)}the lines have no date of their own: each is dated by its "
                          f"'{m.header_of('period')}' in the financial year {colmod.fy_text(m.year_given)}, which "
                          f"{named(m.year_given)} names")
    if kind is colmod.SPEND and colmod.in_pence(m.header_of("amount")):
        m.pence = True
        plan.notes.append(f"{_where(sheet.name)}the amount's header '{m.header_of('amount')}' gives its sums in pence: "
                          "read as pounds and pence (123456 as £1,234.56)")
    if kind is colmod.SPEND and not m.pence and (scale := colmod.header_scale(m.header_of("amount"))):
        m.scale = scale
        plan.notes.append(f"{_where(sheet.name)}the amount's header '{m.header_of('amount')}' gives its sums in "
                          + ("thousands of pounds: read times 1,000 (1.5 as £1,500.00)" if m.scale == "k" else
                             "millions of pounds: read times 1,000,000 (1.5 as £1,500,000.00)"))
    if kind is colmod.SPEND and colmod.PIVOT_SUM.match(m.header_of("amount") or ""):
        plan.notes.append(f"{_where(sheet.name)}the amount's header '{m.header_of('amount')}' names a sum of figures, as a "
                          "pivot table's does: each line may total several payments to its supplier, not be one payment")
    if m.credit_marked:
        plan.notes.append(f"{_where(sheet.name)}{m.credit_marked} line{'s' if m.credit_marked != 1 else ''} marked as credit notes in "
                          f"'{m.header_of('credit_mark')}' {'were' if m.credit_marked != 1 else 'was'} written as "
                          "positive sums: taken off the spend (read as negative)")
    if m.columns.get("vat_off") is not None and m.found.get("vat_off") != "given":
        plan.notes.append(f"{_where(sheet.name)}'{m.header_of('amount')}' is each line's gross sum and "
                          f"'{m.header_of('vat_off')}' its VAT: the spend is the gross less the VAT")
    if m.credit_section:
        n = m.credit_section
        what = (f"{n} lines are credit notes written as positive sums" if n != 1
                else "1 line is a credit note written as a positive sum")
        plan.notes.append(f"{_where(sheet.name)}the sheet's name says its {what}: taken off the spend (read as negative)"
                          if m.credit_title is None else
                          f"{_where(sheet.name)}under the heading '{m.credit_title}', {what}: taken off the spend "
                          "(read as negative)")
    if getattr(m, "split_sums", 0):
        plan.notes.append(f"{m.split_sums} line{'s' if m.split_sums != 1 else ''} wrote sums with thousands "
                          f"separators the file did not quote (£1,234.56 read as £1 and 234.56 in the next column): "
                          f"each read as one sum, the cells after it moved back under their headers")
    if m.heading_left_out is not None:
        gap = m.heading_left_out
        plan.notes.append(f"{_where(sheet.name)}the header left a heading out: '{m.label(gap + 1)}' and each heading "
                          f"after it sat over the column before its own ('{m.header_of('amount')}' over cells that are "
                          "not sums, the sums in the column after it), and the last column held cells under no "
                          f"heading: each is read over the column after it, and column {colmod.column_letter(gap)} "
                          + ("has no heading (not used)" if gap not in m.columns.values() else
                             f"has no heading: its words are read as the {colmod.FIELD_LABELS[next(f for f, i in m.columns.items() if i == gap)].lower()}"
                             " (the one field of words no other column gives)"))
    if getattr(m, "title_amounts", 0):
        plan.notes.append(f"{_where(sheet.name)}rows 1 to {header_rn - 1} above the header were read as a title, not as lines, "
                          f"though {m.title_amounts} of them holds an amount in the '{m.header_of('amount')}' column")
    if kind is colmod.SPEND and m.columns.get("payment_date") is None and m.columns.get("period") is not None:
        span = _period_spanning_months(cur, sheet, m, header_rn)
        if span:
            plan.notes.append(f"{_where(sheet.name)}the lines are dated by '{m.header_of('period')}', which gives a "
                              f"quarter or a range of months ('{span}'): each line is counted in its first month")
    if kind is colmod.SPEND and m.columns.get("payment_date") is not None and m.columns.get("period") is not None:
        note = _dated_outside_period(cur, sheet, m, header_rn, whole)
        if note:
            plan.notes.append(_where(sheet.name) + note)
    return plan


# A period written year and period number (201110, 2015/01), read as the financial year's (the store's
# own _fy_period: period 1 is April, period 10 January of the next year). The year may name the year's
# first calendar year (201110 = period 10 of 2011/12, a council's ledger) or its last (2015/01 = period 1
# of 2014/15, a court service's "Year_Period"): both are tried, and the one the lines' dates bear out
# more is said. Over the query's ``pt`` (the period's text) and ``p`` (its reading as a calendar month,
# kept for every other way of writing one); ``back``: 0 for the first year, 1 for the last.
def _fy_period_month(back: int) -> str:
    y = f"(CAST(left(pt, 4) AS INTEGER) - {int(back)})"
    return ("CASE WHEN regexp_full_match(pt, '(19|20)\\d{2}[/-]?(0[1-9]|1[0-2])') THEN _fy_period("
            f"CAST(right(pt, 2) AS INTEGER), {y}, {y} + 1) ELSE p END")


def _dated_outside_period(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int, whole: bool) -> str | None:
    """Lines whose date falls outside the month their own period column names (an NHS trust's June
    report, "Month" = Jun-20 on every line, dating lines back to November 2019): they are counted by
    their dates, in another month or year than the report's, and the person is told how many and an
    example. None when every dated line's date is in its period's month, or the period spans several
    months (a quarter: a date within it is no surprise). Identifiers are generated (c0..cN)."""
    if _period_spanning_months(cur, sheet, m, header_rn):
        return None
    month, text = _period_sql(m)
    d = f"clean_text(c{int(m.columns['payment_date'])})"
    # each reading of the period: the lines dated outside it, and the first of them (row, date, period)
    first = lambda o: (f"count(*) FILTER (WHERE {o}), min(rn) FILTER (WHERE {o}), arg_min(dt, rn) FILTER (WHERE {o}), "
                       f"arg_min(pt, rn) FILTER (WHERE {o})")
    example = lambda o: f"arg_min(pt, rn) FILTER (WHERE o AND NOT {o}), arg_min(dt, rn) FILTER (WHERE o AND NOT {o})"
    got = cur.execute(
        "SELECT count(*), " + first("o") + ", " + first("o_fy") + ", " + example("o_fy") + ", " + first("o_fye")
        + ", " + example("o_fye") + " FROM (SELECT rn, dt, pt, date_trunc('month', day) <> date_trunc('month', p) AS o, "
        "date_trunc('month', day) <> date_trunc('month', " + _fy_period_month(0) + ") AS o_fy, "
        "date_trunc('month', day) <> date_trunc('month', " + _fy_period_month(1) + ") AS o_fye "
        "FROM (SELECT rn, dt, pt, p, parse_uk_date(dt) AS day FROM (SELECT rn, " + d + " AS dt, " + text
        + " AS pt, " + month + " AS p FROM " + sheet.table + " WHERE rn > ?)) WHERE day IS NOT NULL AND p IS NOT NULL)",
        [header_rn]).fetchone()
    n, (outside, row, day, said) = got[0], got[1:5]
    # (the financial year's reading that more lines bear out: the year its first, else its last)
    (fy, (ex, on)), back = min(((got[5:9], got[9:11]), 0), ((got[11:15], got[15:17]), 1), key=lambda r: r[0][0][0])
    if not outside:
        return None
    among = "" if whole else f" among the first {n:,} read"
    header = m.header_of("period")
    if 2 * fy[0] < n and fy[0] < outside:
        # Most lines fall in their period read as the financial year's (201110 = period 10 of 2011/12,
        # January 2012, as a council's or a trust's ledger numbers them), and more than as calendar
        # months: that is how the column is written. Any line dated outside its period so read is said.
        y = int(ex[:4]) - back
        fy_note = (f"the periods in '{header}' are the financial year's ('{ex}' is period {int(ex[-2:])} of "
                   f"{y}/{(y + 1) % 100:02d}, the month of '{on}'), as the lines' dates show")
        if not fy[0]:
            return fy_note + ": the lines are counted by their dates"
        outside, row, day, said = fy
        return (f"{fy_note}; {outside:,} of {n:,} lines{among} are dated outside their period so read (row {row}: "
                f"'{day}' under '{said}'): each is counted by its date, not in that month")
    return (f"{outside:,} of {n:,} lines{among} are dated outside the month their '{header}' column names "
            f"(row {row}: '{day}' under '{said}'): each is counted by its date, not in that month")


def _period_spanning_months(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int) -> str | None:
    """A period cell below the header that spans several months (a quarter, "July 2010-September
    2010"), as written; None when every period read is one month. Identifiers are generated."""
    p = colmod.period_sql(m.header_of("period"), m.columns["period"])
    row = cur.execute("SELECT any_value(trim(v)) FROM (SELECT " + p + " AS v FROM " + sheet.table + " WHERE rn > ? "
                      "AND rn <= ?) WHERE list_transform([_period_text(v)], lambda t: _parse_period(t) IS NULL AND "
                      "coalesce(_period_range(t), _period_quarter(t)) IS NOT NULL)[1]",
                      [header_rn, header_rn + colmod.SAMPLE_WINDOW]).fetchone()
    return row[0] if row else None


# A sum written with its thousands set off by unquoted commas in a comma-separated file
# ("£1,234.56" as £1 | 234.56): its head, the groups of three digits after it, the last with pence.
_SPLIT_HEAD = r"^\s*[-(]?\s*(£|Â£|\$|€)?\s*-?\d{1,3}$"
_SPLIT_GROUP = r"^\d{3}$"
_SPLIT_LAST = r"^\d{3}(\.\d*)?\s*(\)|-|CR|DR)?\s*$"


def _header_width(m: colmod.Mapping) -> int:
    """How many columns the header names: up to its last cell with a word in it."""
    return max((i + 1 for i, h in enumerate(m.headers) if h is not None and str(h).strip()), default=0)


def sum_fields(m: colmod.Mapping, kind: colmod.Kind) -> list[str]:
    """The fields of sums in pounds ``m`` took a column for (the amount, its VAT, a register's value),
    in the order of their columns."""
    return sorted((f for f in kind.fields if kind.shape(f) == "money" and f in m.columns), key=m.columns.get)


def sum_columns(m: colmod.Mapping, fields: list[str]) -> list[int]:
    """The columns a sum may have been split in by unquoted thousands separators: those taken for
    ``fields`` (sum_fields), and any column not used whose header names a sum (a "VAT" beside the net,
    a "Gross" after it), whose split cells move every cell after them along as well."""
    cols, used, w = {m.columns[f] for f in fields}, set(m.columns.values()), _header_width(m)
    for i, h in enumerate(m.headers[:w]):
        if i in used or h is None or not str(h).strip():
            continue
        scores = colmod.header_scores(str(h))
        if colmod.vat_alone_header(h) or (scores.get("amount", 0) >= 1 and scores["amount"] == max(scores.values())):
            cols.add(i)
    return sorted(cols)


def split_sums_sql(m: colmod.Mapping, width: int, ks: dict[int, int], relaxed: bool = False,
                   sums: tuple = ()) -> str | None:
    """SQL true for a line of a comma-separated file whose sums were split by unquoted thousands
    separators, ``ks`` saying how: {column (as the header names it): k}, that column's sum split into
    k + 1 cells. Each such sum is a head ("£1", "-6") and k groups of three digits after it, the last
    with any pence ("234.56"), at the place the cells before it have moved it to; and the line has as
    many cells more than its header names as all the groups together (the rest of its cells moved
    along). None when it cannot be so. Identifiers are generated (c0..cN).

    ``relaxed`` (one column only): the same head and groups on a line whose last cells are empty,
    where the count of cells cannot tell (the reader gives an empty cell and a missing one alike):
    "1,225.13" over an empty last column ("Description" left blank) reads as 1 | 225.13 | (empty).
    Those lines are joined only on the file's evidence (:func:`_rejoin_split_sums`), and never when a
    cell the head would take in is in another column of sums (``sums``: a net beside its gross)."""
    w, extra = _header_width(m), sum(ks.values())
    if not ks or not w or any(c >= w or k < 1 for c, k in ks.items()) or (w + extra > width and not relaxed):
        return None
    if relaxed and (len(ks) != 1 or any(a < c <= a + k for a, k in ks.items() for c in sums)):
        return None
    at = _split_places(w, ks)
    if any(at[c] + k >= width for c, k in ks.items()):
        return None
    tests = []
    for c, k in sorted(ks.items()):
        p = at[c]
        tests += [f"regexp_matches(trim(c{p}), '{_SPLIT_HEAD}')"]
        tests += [f"regexp_matches(trim(c{p + j}), '{_SPLIT_GROUP}')" for j in range(1, k)]
        tests += [f"regexp_matches(trim(c{p + k}), '{_SPLIT_LAST}')"]
    if relaxed:  # the file's last column, moved along, is empty, and so is anything past it
        tests += [f"nullif(trim(c{i}), '') IS NULL" for i in range(w + extra - 1, width)]
    else:
        tests += [f"nullif(trim(c{w + extra - 1}), '') IS NOT NULL"]
        tests += [f"nullif(trim(c{i}), '') IS NULL" for i in range(w + extra, width)]
    # First a test that costs next to nothing, apart, so that a filter reads the patterns only on the
    # lines it lets by (a million lines in milliseconds, where the patterns take a tenth of a second
    # each): the cell after the first head starts with a digit, or with a space.
    n = at[min(ks)] + 1
    first = f"coalesce((c{n} >= '0' AND c{n} < ':') OR c{n} LIKE ' %', FALSE)"
    return "(" + first + " AND coalesce(" + " AND ".join(tests) + ", FALSE))"


def _split_places(w: int, ks: dict[int, int]) -> dict[int, int]:
    """Where each of the header's w columns starts on a line whose sums ``ks`` split."""
    at, moved = {}, 0
    for j in range(w):
        at[j] = j + moved
        moved += ks.get(j, 0)
    return at


def split_join_sets(m: colmod.Mapping, width: int, ks: dict[int, int]) -> list[str]:
    """An UPDATE's SET list putting a line that split_sums_sql(``ks``) finds back as written: each
    split sum joined again, every other cell moved back under its header, the cells left over emptied.
    (SET reads the line as it was: the assignments do not see one another.)"""
    w = _header_width(m)
    at, sets = _split_places(w, ks), []
    for j in range(w):
        if j in ks:
            sets.append(f"c{j} = concat_ws(',', " + ", ".join(f"trim(c{at[j] + i})" for i in range(ks[j] + 1)) + ")")
        elif at[j] != j:
            sets.append(f"c{j} = " + (f"c{at[j]}" if at[j] < width else "NULL"))
    return sets + [f"c{j} = NULL" for j in range(w, min(w + sum(ks.values()), width))]


SPLIT_SUMS_AT_ONCE = 3  # sums on one line that may be split together (a net, its VAT and its gross)


def split_sum_tests(m: colmod.Mapping, width: int, fields: list[str]) -> list[tuple[dict[int, int], str, bool]]:
    """Every way the sums of ``fields`` (and the columns named as sums: sum_columns) may have been
    split on a line, as (ks, split_sums_sql's condition, relaxed), in the order they are tried: those
    the line's count of cells settles first (once joined, a line fits no other way), then one sum's
    whose last cells are empty, most groups first ("1 | 234 | 567.89" is not £1,234). The one-pass
    load and the full path ask the same questions of a file."""
    w, sums = _header_width(m), tuple(m.columns[f] for f in fields)
    tests = [(ks, cond, False) for ks in split_combinations(sum_columns(m, fields), width - w)
             if (cond := split_sums_sql(m, width, ks)) is not None]
    return tests + [({a: k}, cond, True) for a in sums for k in (3, 2, 1)
                    if (cond := split_sums_sql(m, width, {a: k}, relaxed=True, sums=sums)) is not None]


def split_combinations(cols: list[int], extra: int) -> list[dict[int, int]]:
    """The ways the sums in ``cols`` may have been split on a line with at most ``extra`` cells more
    than its header: {column: groups}, one sum first (in column order), then two, then three."""
    out = []
    for n in range(1, SPLIT_SUMS_AT_ONCE + 1):
        for chosen in itertools.combinations(cols, n):
            for ks in itertools.product((1, 2, 3), repeat=n):
                if sum(ks) <= extra:
                    out.append(dict(zip(chosen, ks)))
    return out


def _rejoin_split_sums(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int, fields: list[str]) -> None:
    """Lines of a comma-separated file whose sums (those of ``fields`` mapped, and any column not
    used whose header names a sum: sum_columns) its unquoted thousands separators split over several
    cells (split_sums_sql): each sum is joined again and the cells after it moved back, so the line
    loads as it was written (before, £1 was loaded and the pence read as the department, with no word
    of it). Only the CSV's own grid (raw_s0) is mended, and only lines that fit the shape: as many
    cells more than the header names as the sums were split into, or, where the line's last cells are
    empty and so the count cannot tell, one sum's shape alone when the file's other lines bear it
    out (:func:`_split_borne_out`)."""
    if not _is_csv_grid(cur, sheet):  # a CSV's grid: the view over raw_s0_t (a workbook's is a table)
        return
    done, width = 0, sheet.width
    for ks, cond, relaxed in split_sum_tests(m, width, fields):
        if relaxed and not _split_borne_out(cur, *next(iter(ks.items())), cond, header_rn):
            continue  # the count cannot tell, and the file's other lines do not bear it out
        done += cur.execute("UPDATE raw_s0_t SET " + ", ".join(split_join_sets(m, width, ks))
                            + " WHERE rowid + 1 > ? AND " + cond, [header_rn]).fetchone()[0]
    if done:
        m.split_sums = done


def _split_borne_out(cur, a: int, k: int, cond: str, header_rn: int) -> bool:
    """Do the file's other lines bear out reading the lines ``cond`` finds (split_sums_sql, relaxed:
    a sum's head in the sum's column, groups of three digits after it, the last cells empty) as sums
    split by unquoted thousands separators? Yes when the lines whose sum is whole (not a head) hold
    no number in the column after it (at most one in a hundred: there it is text, a description, or
    nothing), so that "1 | 225.13" cannot be a sum of £1 beside a figure of its own; and, when no
    line's sum is whole, when every such line's last group has its pence ("225.13"), as a split sum's
    has and a code or a count does not. Identifiers are generated (c0..cN)."""
    whole, numbered, found, pence = cur.execute(
        "SELECT count(*) FILTER (WHERE whole), count(*) FILTER (WHERE whole AND parse_amount(nxt) IS NOT NULL), "
        "count(*) FILTER (WHERE cand), count(*) FILTER (WHERE cand AND regexp_matches(trim(tail), '^\\d{3}\\.\\d{2}\\b')) "
        "FROM (SELECT parse_amount(c" + str(int(a)) + ") IS NOT NULL AND NOT coalesce(regexp_matches(trim(c" + str(int(a))
        + "), '" + _SPLIT_HEAD + "'), FALSE) AS whole, c" + str(int(a) + 1) + " AS nxt, " + cond + " AS cand, c"
        + str(int(a) + k) + " AS tail FROM raw_s0_t WHERE rowid + 1 > ?)", [header_rn]).fetchone()
    if not found:
        return False
    return numbered <= 0.01 * whole if whole else pence == found


SPLIT_TEXT_MAX_EXTRA = 3       # cells a line may have past its header for its split text to be joined again
SPLIT_TEXT_MAX_LINES = 2_000   # lines looked at (the rest, if any, stay quarantined with their reasons)
_SHAPE_RUNS = (re.compile(r"[A-Za-z\u00C0-\u024F]+"), re.compile(r"\d+"))


def _cell_shape(v: str | None) -> str:
    """A cell's shape: its runs of letters as 'a', of digits as '9', other characters as they are
    ("T901" -> "a9", "Smith & Sons Ltd" -> "a & a a")."""
    v = (v or "").strip()
    return _SHAPE_RUNS[1].sub("9", _SHAPE_RUNS[0].sub("a", v))


def _cell_kind(v: str | None) -> str:
    """A cell's kind: 'number' (digits and the marks sums and dates use), 'code' (letters and digits
    with no space: T901, GB123456789), else 'text'."""
    v = (v or "").strip()
    if not re.search(r"[^\W\d_]", v):
        return "number"
    return "code" if re.search(r"\d", v) and not re.search(r"\s", v) else "text"


def spend_text_column(m: colmod.Mapping, i: int) -> bool:
    """Is column ``i`` used for a field of words or a code (a name, a description, a reference)?"""
    return any(j == i and f in ("supplier_name", *_FIELDS_TEXT) for f, j in m.columns.items())


def spilled_text(w: int, width: int) -> str:
    """SQL: is a line's text past its header's ``w`` columns the end of its last cell, split off by the
    delimiter the file did not quote? The first cell past it begins with a space (", " was written
    inside the text) and every cell after that is empty or begins so too. Identifiers are generated."""
    return ("(" + " AND ".join([f"regexp_matches(c{w}, '^\\s+\\S')"]
                              + [f"(c{i} IS NULL OR regexp_matches(c{i}, '^\\s+\\S'))" for i in range(w + 1, width)])
            + f" AND nullif(trim(c{w - 1}), '') IS NOT NULL)")


def _regroupings(n: int, w: int, joinable: list[int]):
    """Ways to read ``n`` cells as ``w`` columns by joining runs of neighbouring cells in the
    ``joinable`` columns: each a list of w (start, end) cell ranges."""
    for extra in itertools.combinations_with_replacement(joinable, n - w):
        sizes = [1] * w
        for j in extra:
            sizes[j] += 1
        out, at = [], 0
        for size in sizes:
            out.append((at, at + size))
            at += size
        yield out


def _rejoin_split_text(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int, delimiter: str = ",") -> list[str]:
    """Lines of a delimited file with the delimiter inside a name or a description that the file did
    not quote ("Smith, J and Sons" read as 'Smith' | ' J and Sons'): every cell after it moved one
    along, so the amount's column held a word and the line was quarantined. Only lines with cells
    past the header's last column, whose date or amount does not read where it stands, are
    looked at. Each way of joining neighbouring cells in columns of text (never the date's or an
    amount's) that leaves the line exactly as wide as its header, with its date and amounts
    readable, is weighed by how much each column's cell then looks like that column's cells on the
    lines that need no mending (the same shape of letters and digits, the same value): the
    clearly best is taken, the cells joined again with the delimiter and those after moved back.
    A line where no way reads, or two read as well, is left as it was (quarantined, with its
    reason). Only a CSV's grid is mended. Returns the plan's notes."""
    if not _is_csv_grid(cur, sheet):
        return []
    w = _header_width(m)
    if not w or w >= sheet.width:
        return []
    typed = {i: t for f, i in m.columns.items() if i is not None and i < w
             and (t := colmod.SPEND.types.get(f)) in ("money", "date")}
    if not typed or m.columns.get("amount") is None:
        return []
    past = "coalesce(" + ", ".join(f"nullif(trim(c{i}), '')" for i in range(w, sheet.width)) + ") IS NOT NULL"
    read = {"money": "coalesce(parse_amount({c}), parse_amount_eu({c}))",
            "date": "coalesce(parse_uk_date({c}), parse_us_date({c}))"}
    fails = " OR ".join(read[t].format(c=f"c{i}") + " IS NULL" for i, t in typed.items())
    if spend_text_column(m, w - 1):
        # or the delimiter inside the last column's own text ("Hughes, Evans Accountancy Ltd" under
        # Supplier, the last header): nothing moves under a typed header, so nothing fails to read,
        # but the name's end sits past the header. Such a cell begins with the space written after the
        # delimiter; a column of its own past the header (a note, "see attached") does not.
        fails += " OR " + spilled_text(w, sheet.width)
    cells = ", ".join(f"c{i}" for i in range(sheet.width))
    rows = cur.execute("SELECT rn, " + cells + " FROM " + sheet.table + " WHERE rn > ? AND " + past + " AND (" + fails
                       + ") ORDER BY rn LIMIT ?", [header_rn, SPLIT_TEXT_MAX_LINES]).fetchall()
    if not rows:
        return []
    # What each column's cells look like on the lines that need no mending (as wide as the header).
    good = cur.execute("SELECT " + ", ".join(f"c{i}" for i in range(w)) + " FROM " + sheet.table
                       + " WHERE rn > ? AND NOT (" + past + ") LIMIT 5000", [header_rn]).fetchall()
    shapes = [collections.Counter(_cell_shape(r[j]) for r in good if r[j] is not None) for j in range(w)]
    values = [{(r[j] or "").strip().lower() for r in good if r[j] is not None} for j in range(w)]
    common = [{s for s, n in c.items() if n >= max(2, 0.01 * sum(c.values()))} for c in shapes]
    # What a mended line's cells must be: in a column of a few values used again and again (a
    # department, an expense type), one of them; in a column whose cells are nearly all of one kind
    # (numbers, codes, words), of that kind. Else the line is left as it was: a line left in
    # quarantine is seen, a line mended wrongly is not.
    kinds = [collections.Counter(_cell_kind(r[j]) for r in good if r[j] is not None and r[j].strip())
             for j in range(w)]
    kind_of = [{k for k, n in c.items() if n >= 0.05 * sum(c.values())}
               if sum(c.values()) >= 5 and c.most_common(1)[0][1] >= 0.9 * sum(c.values()) else None for c in kinds]
    few = [sum(kinds[j].values()) >= 10 and len(values[j]) <= min(30, 0.5 * sum(kinds[j].values())) for j in range(w)]
    joinable = [j for j in range(w) if j not in typed]
    plans = {}
    for rn, *row in rows:
        if colmod.looks_like_header(row, colmod.SPEND):
            break  # a header again, its columns moved along (a PDF's next page): the lines under it are read by it
        last = max(i for i, v in enumerate(row) if v is not None and v.strip())
        n = last + 1
        if not 0 < n - w <= SPLIT_TEXT_MAX_EXTRA or not joinable:
            continue
        options = []
        for groups in _regroupings(n, w, joinable):
            joined = [delimiter.join("" if v is None else v for v in row[a:b]) for a, b in groups]
            options.append((joined, groups, "join"))
        # or an empty cell too many before them (a report converted from PDF moves a line's cells
        # one column along so): the empty cells taken out
        empty = [i for i in range(n) if not (row[i] or "").strip()]
        for gone in itertools.combinations(empty, n - w):
            kept = [i for i in range(n) if i not in gone]
            options.append(([row[i] for i in kept], [(i, i + 1) for i in kept], "drop"))
        plans[rn] = options
    if not plans:
        return []
    # Which typed cells read (one query for every value offered).
    offered = {(i, o[i]) for opts in plans.values() for o, _, _ in opts for i in typed if o[i] is not None}
    ok = set()
    for t in ("money", "date"):
        vals = sorted({v for i, v in offered if typed[i] == t})
        if vals:
            ok |= {(t, v) for (v,) in cur.execute(
                "SELECT v FROM unnest(?::VARCHAR[]) AS u(v) WHERE " + read[t].format(c="v") + " IS NOT NULL",
                [vals]).fetchall()}
    mended, unclear, moved = {}, [], {"join": [], "drop": []}
    for rn, options in plans.items():
        scored = []
        for o, groups, how in options:
            if not all((typed[i], o[i]) in ok for i in typed):
                continue
            # (a cell joined again is a name or words the column has not had: its kind alone is asked)
            if any(o[j] and o[j].strip() and (o[j].strip().lower() not in values[j] if few[j] and b - a == 1
                                                  else kind_of[j] is not None and _cell_kind(o[j]) not in kind_of[j])
                   for j, (a, b) in enumerate(groups) if j in joinable):
                continue
            score = sum((_cell_shape(o[j]) in common[j]) + ((o[j] or "").strip().lower() in values[j])
                        for j in joinable if o[j] and o[j].strip())
            scored.append((score, o, how))
        scored.sort(key=lambda x: -x[0])
        if not scored:
            continue
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            unclear.append(rn)
            continue
        mended[rn] = scored[0][1]
        moved[scored[0][2]].append(rn)
    if mended:
        cur.execute("CREATE OR REPLACE TEMP TABLE _mended AS SELECT unnest(?::INTEGER[]) AS rn, "
                    "unnest(?::VARCHAR[][]) AS cells", [list(mended), list(mended.values())])
        sets = ", ".join(f"c{i} = " + (f"m.cells[{i + 1}]" if i < w else "NULL") for i in range(sheet.width))
        cur.execute("UPDATE raw_s0_t SET " + sets + " FROM _mended m WHERE raw_s0_t.rowid + 1 = m.rn")
        cur.execute("DROP TABLE _mended")
    def rows_text(rns):
        rns = sorted(rns)
        return (f"row{'s' if len(rns) != 1 else ''} " + ", ".join(str(r) for r in rns[:10])
                + (f" and {len(rns) - 10:,} more" if len(rns) > 10 else ""))

    notes = []
    if moved["join"]:
        k = len(moved["join"])
        notes.append(f"{k:,} line{'s' if k != 1 else ''} had the delimiter '{delimiter}' inside a name or description "
                     f"that the file did not quote, so the cells after it moved along ({rows_text(moved['join'])}): "
                     "read with the cells joined again, the cells after moved back under their headers")
    if moved["drop"]:
        k = len(moved["drop"])
        notes.append(f"{k:,} line{'s' if k != 1 else ''} had an empty cell too many, so the cells after it sat one "
                     f"column along, as a report converted from PDF leaves them ({rows_text(moved['drop'])}): read "
                     "with the empty cell taken out, the cells moved back under their headers")
    if unclear:
        notes.append(f"{rows_text(unclear)} {'have' if len(unclear) != 1 else 'has'} more cells than the header, as if "
                     f"a '{delimiter}' inside a name was not quoted or an empty cell was put in, but the cells could "
                     "be put back under their headers in more than one way: left in quarantine")
    return notes


BATCH_POUNDS = Decimal(10) ** 16  # a batch's totals are DECIMAL(18,2): below this
FILL_MIN_LINES = 10  # lines a sheet needs before blanks under its names or dates are read as written once


def _fill_printed_once(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int, dry: bool = False) -> list[str]:
    """A supplier's name, or a payment run's date, printed once over the lines it heads, as reports
    lay them out (the cells under it left blank, not merged): read on every line of its group, as a
    person reads it (they loaded as "(no name given)", or were quarantined for no date). A column is
    read so when, among the lines (an amount and another cell beside it: not a subtotal), its first
    is written, a fifth or more are blank, and each name or date is written about once (a file whose
    blanks are redactions names its suppliers again and again); dates must also run in order. Only
    the lines' blank cells are filled. A column merged down over most of its groups (sheet.merged_down)
    is read so with fewer blanks: the merges say how it is laid out, a blank group is a merge forgotten.
    Returns notes saying so (``dry``: the fields that would be
    filled, nothing filled: the one-pass load leaves such files to the full path). Identifiers are
    generated (c0..cN, our own table names); the bounds are bound values."""
    a = m.columns.get("amount")
    notes = []
    table = rn = None  # the table mended, and its row number (a CSV's grid is a view over the table DuckDB read it into)
    fields = [f for f in ("supplier_name", "payment_date") if m.columns.get(f) is not None]
    if a is None or not fields:
        return notes
    # Either reading needs a line whose cell is blank (a fifth of them, or all under a heading): a
    # column with no blank cell below the header is passed over without the reading below, whose
    # statement costs DuckDB some 30 ms to plan (a few milliseconds for this count).
    blanks = cur.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE clean_text(c{int(m.columns[f])}) IS NULL)"
                                               for f in fields)
                         + " FROM " + sheet.table + " WHERE rn > ?", [header_rn]).fetchone()
    for f, blank in zip(fields, blanks):
        i = m.columns.get(f)
        others = sorted({int(j) for g, j in m.columns.items() if j is not None and int(j) not in (i, a)})
        if not blank or not others:
            continue
        # (a subtotal labelled in a cell of its own, "Supplier total" under the invoice numbers, is
        # not a line)
        line = (f"parse_amount(c{int(a)}) IS NOT NULL AND coalesce("
                + ", ".join(f"clean_text(c{j})" for j in others) + ") IS NOT NULL AND NOT coalesce("
                + " OR ".join(f"is_total_label(c{j})" for j in others) + ", FALSE)")
        c = "c" + str(int(i))
        lines = "SELECT rn AS r, clean_text(" + c + ") AS v FROM " + sheet.table + " WHERE rn > ? AND " + line
        # (dates in order: each written date against the one written before it)
        order = ("(SELECT [count(*) FILTER (WHERE d < p), count(*) FILTER (WHERE d > p)] FROM (SELECT d, lag(d) "
                 "OVER (ORDER BY r) AS p FROM (SELECT r, parse_uk_date(v) AS d FROM l WHERE v IS NOT NULL)))"
                 if f == "payment_date" else "[0, 0]")
        # A supplier's name, or a payment run's date, on a row of its own over its lines, theirs left
        # blank: the rows with the name or the date alone (no amount, nothing in the other columns), the
        # first of them above the first line.
        heading = ("clean_text(" + c + ") IS NOT NULL AND coalesce("
                   + ", ".join(f"clean_text(c{j})" for j in [a, *others]) + ") IS NULL"
                   + (" AND parse_uk_date(" + c + ") IS NOT NULL" if f == "payment_date" else ""))
        heads = "(SELECT min(rn) FROM " + sheet.table + " WHERE rn > ? AND " + heading + ")"
        # (how many groups the blanks make: a written cell, then blanks under it)
        groups = ("(SELECT count(*) FILTER (WHERE v IS NULL AND p IS NOT NULL) FROM (SELECT v, lag(v) OVER (ORDER BY r) "
                  "AS p FROM l))")
        n, named, distinct, first, (down, up), first_line, first_head, runs = cur.execute(
            "WITH l AS (" + lines + ") SELECT count(*), count(v), count(DISTINCT v), arg_min(v IS NOT NULL, r), "
            + order + ", min(r), " + heads + ", " + groups + " FROM l",
            [header_rn, header_rn]).fetchone()
        headed = named == 0 and n >= 2 and first_head is not None and first_head < first_line
        # the column merged down over most of its groups, a few left blank under their first line (a
        # merge forgotten): the merges show how the sheet is laid out, the blanks read as they do
        merged = sheet.merged_down.get(int(i), 0)
        lapsed = (merged >= 2 and merged >= n - named >= 1 and first and named >= 2 and not (down and up))
        # (a few blanks among a handful of lines say nothing of how the file is laid out: they may as
        # well be withheld names, which must never read as the firm above them; nor does one run of
        # blanks under one name, the rest of the file written in full: a block of lines with no
        # supplier, as a ledger's adjustments are, 0.01 each, is not the firm above it)
        if not (headed or lapsed or (n >= FILL_MIN_LINES and first and named >= 2 and n - named >= max(0.2 * n, 3)
                           and named <= 1.2 * distinct and not (down and up) and runs >= 2)):
            continue
        if dry:
            notes.append(f)
            continue
        if table is None:
            table, rn = mendable(cur, sheet)
        filled = cur.execute(
            "UPDATE " + table + " SET " + c + " = f.v FROM (SELECT " + rn + " AS r, last_value(clean_text(" + c
            + ") IGNORE NULLS) OVER (ORDER BY " + rn + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS v FROM "
            + table + " WHERE " + rn + " > ?) f WHERE " + rn + " = f.r AND clean_text(" + c + ") IS NULL AND " + line,
            [header_rn]).fetchone()[0]
        if filled:
            # (a date alone on its row heads a payment run's lines: no payment with its sum left out)
            m.date_headings = m.date_headings or (headed and f == "payment_date")
            what = "supplier's name" if f == "supplier_name" else "payment date"
            notes.append(f"{_where(sheet.name)}the {what} in '{m.header_of(f)}' is written once over the lines it "
                         f"heads: read on each of them ({filled} line{'s' if filled != 1 else ''} under one left blank)")
    return notes


# A row heading a supplier's lines in a report with no supplier column: "Creditor: 100200 Acme Ltd",
# "Supplier - Acme Ltd", "100200 Acme Ltd": a label (its words a supplier's), then the supplier's
# number if any, then the name.
_HEADING_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z .'&/]{0,30}?)\s*(?::|\s[-\u2013]\s)\s*(?P<rest>.+)$")
_HEADING_ID = re.compile(r"^(?P<id>[A-Za-z]{0,3}\d{3,}[A-Za-z0-9/]*)\s*(?:[-\u2013:]\s*)?(?P<name>.*[A-Za-z].*)$")
# the forms a firm's name ends in ("Acme Ltd", "Bolt Holdings plc", "Care Trust CIC")
_FIRM_FORM = re.compile(r"\b(ltd|limited|plc|llp|lp|llc|inc|cic|cio|co|company|group|partnership|trust|uk)\.?\s*\)?$", re.I)
HEADINGS_MAX = 200_000  # headings read (a report naming more suppliers than this is read as it stands)


# the words a total's label writes around the name of what it totals ("Total for Acme", "Acme Total:")
_TOTAL_WORDS = re.compile(r"\b(?:sub[- ]?)?totals?\b|\bfor\b|[:\-\u2013]", re.I)


def _echoed_in_totals(cur, sheet: Sheet, header_rn: int, names: list[str]) -> int:
    """How many of ``names`` (the rows of one cell alone below the header) a total line names again
    further down ("Acme Cleaning" ... "Total for Acme Cleaning"), as a report grouped by supplier
    closes each group: such rows head groups whatever their names look like (a firm's name need not
    end in "Ltd"). Identifiers are generated (c0..cN); values are bound."""
    _, lone, total_row = colmod.row_sql(sheet.width)
    labels = {" ".join(_TOTAL_WORDS.sub(" ", text).lower().split()) for text, in cur.execute(
        "SELECT " + lone + " FROM " + sheet.table + " WHERE rn > ? AND " + total_row + " LIMIT ?",
        [header_rn, 2 * HEADINGS_MAX]).fetchall() if text}
    return sum(1 for name in names if " ".join(name.lower().split()) in labels)


def _supplier_from_headings(cur, sheet: Sheet, m: colmod.Mapping, header_rn: int) -> dict | None:
    """A report with no supplier column that names each supplier on a row of its own over its lines
    ("Creditor: 100200 Acme Ltd", the lines under it, then "Creditor Total"), as ledger and creditor
    reports lay them out: the name (and the number before it, when the file has no supplier ID) is
    written into a column of its own on every line under it, so the lines load with their supplier
    (the file was refused: no column for the supplier's name). Taken only when the rows of one cell
    alone below the header are headings of this kind: each (but page marks, totals, balances and
    headings of credit notes) labelled with a supplier's word ("Creditor:", "Supplier -") or, for
    most of them, ending as a firm's name does ("Ltd", "plc") or named again by the total that closes
    its group ("Total for Acme Cleaning": _echoed_in_totals); named about once each; the first above
    the first line, and lines under most of them. Returns {"headers": the new columns' headers,
    "column": the name's column, "suppliers", "lines", "ids", "example"}, or None (nothing changed).
    Identifiers are generated (c0..cN, our own table names); values are bound."""
    a = int(m.columns["amount"])
    filled, lone, total_row = colmod.row_sql(sheet.width)
    heads = cur.execute(
        "SELECT rn, text FROM (SELECT rn, " + lone + " AS text FROM " + sheet.table + " WHERE rn > ? AND " + filled
        + " = 1) WHERE length(text) <= 120 AND parse_amount(text) IS NULL AND parse_uk_date(text) IS NULL "
        "AND NOT is_total_label(text) AND NOT is_page_mark(text) ORDER BY rn LIMIT ?",
        [header_rn, HEADINGS_MAX + 1]).fetchall()
    heads = [(rn, " ".join(text.split())) for rn, text in heads if not colmod.names_credit_notes(text)]
    if not heads or len(heads) > HEADINGS_MAX:
        return None
    supplier_words = {w for w, score in colmod.SPEND.fields["supplier_name"].items() if score >= 2}
    parsed, labelled, firms, label_seen = [], 0, 0, None
    for rn, text in heads:
        rest = text
        got = _HEADING_LABEL.match(text)
        if got and supplier_words & set(colmod.tokens(got["label"])) and len(got["label"].split()) <= 3:
            rest = got["rest"].strip()
            labelled += 1
            label_seen = label_seen or got["label"].strip()
        ident = _HEADING_ID.match(rest)
        ident, name = (ident["id"], ident["name"].strip(" -:\u2013")) if ident else (None, rest)
        firms += bool(_FIRM_FORM.search(name))
        parsed.append((rn, name, ident))
    n = len(parsed)
    if not (labelled >= 0.8 * n or (n >= 2 and firms >= 0.6 * n)) and not (n >= 2 and _echoed_in_totals(
            cur, sheet, header_rn, [name for _, name, _ in parsed]) >= 0.8 * n):
        return None
    if len({name.lower() for _, name, _ in parsed}) < 0.8 * n:
        return None  # the same few words over and over: sections (departments, months), not suppliers
    line = (f"parse_amount(c{a}) IS NOT NULL AND " + filled + " >= 2 AND NOT " + total_row)
    first_line, = cur.execute("SELECT min(rn) FROM " + sheet.table + " WHERE rn > ? AND " + line,
                              [header_rn]).fetchone()
    if first_line is None or parsed[0][0] > first_line:
        return None
    cur.execute("CREATE OR REPLACE TEMP TABLE _supplier_heads AS SELECT unnest(?::INTEGER[]) AS h, "
                "unnest(?::VARCHAR[]) AS name, unnest(?::VARCHAR[]) AS ident",
                [[r for r, _, _ in parsed], [x for _, x, _ in parsed], [i for _, _, i in parsed]])
    lines, headed = cur.execute(
        "SELECT count(*), count(DISTINCT s.h) FROM (SELECT rn FROM " + sheet.table + " WHERE rn > ? AND " + line + ") t "
        "ASOF JOIN _supplier_heads s ON t.rn > s.h", [header_rn]).fetchone()
    if headed < 0.6 * n:
        cur.execute("DROP TABLE _supplier_heads")
        return None  # headings with no lines under them: not what heads the lines
    with_id = sum(1 for _, _, i in parsed if i) >= 0.8 * n and m.columns.get("supplier_id") is None
    w = sheet.width
    table, rn = mendable(cur, sheet)
    new_cols = [f"c{w}"] + ([f"c{w + 1}"] if with_id else [])
    for c in new_cols:
        cur.execute("ALTER TABLE " + table + " ADD COLUMN " + c + " VARCHAR")
    if table == "raw_s0_t":  # (a CSV's grid: the view's columns are those of the table when it was made)
        cur.execute("CREATE OR REPLACE TEMP VIEW raw_s0 AS SELECT (rowid + 1)::INTEGER AS rn, * FROM raw_s0_t")
    word = label_seen or "Supplier"
    headers = [f"{word} (named on the row heading its lines)"] + ([f"{word} number (on the row heading its lines)"]
                                                                   if with_id else [])
    cur.execute(
        "UPDATE " + table + " SET " + ", ".join(f"{c} = f.{v}" for c, v in zip(new_cols, ["name", "ident"]))
        + " FROM (SELECT t.r, s.name, s.ident FROM (SELECT " + rn + " AS r FROM " + table + " WHERE " + rn + " > ?) t "
        "ASOF JOIN _supplier_heads s ON t.r > s.h) f WHERE " + rn + " = f.r AND " + filled + " >= 2 AND NOT " + total_row,
        [header_rn])  # (the lines under each heading, and a line missing its amount, not the totals)
    cur.execute("UPDATE " + table + " SET " + ", ".join(f"{c} = ?" for c in new_cols) + " WHERE " + rn + " = ?",
                [*headers, header_rn])
    cur.execute("DROP TABLE _supplier_heads")
    sheet.width = w + len(new_cols)
    return {"headers": headers, "column": w, "suppliers": n, "lines": lines, "ids": with_id,
            "example": heads[0][1]}


def _has_rows(cur, sheet: Sheet, lo: int, hi: int) -> bool:
    cols = ", ".join(f"c{i}" for i in range(sheet.width))
    return cur.execute("SELECT EXISTS (SELECT 1 FROM " + sheet.table + " WHERE rn > ? AND rn < ? AND "
                       "nullif(trim(concat_ws('', " + cols + ")), '') IS NOT NULL)", [lo, hi]).fetchone()[0]


# ---------------------------------------------------------------------------------------------
# Parsing a segment into the staging table.

_FIELDS_TEXT = ["body", "supplier_id", "vat_number", "department", "category", "category_code",
                "description", "transaction_ref"]


# Fields that name a group of lines in words: a lone nought or dash there is none given (m128).
_LABELS = ("department", "category", "description")
# Fields that hold a code: words saying there is none ("Not recorded", "N/K") are none given (m138),
# read so in a column whose sampled cells write them (_cell_shapes: m.placeholder_codes).
_CODES = ("supplier_id", "vat_number", "category_code")


def _named(cell: str, m: colmod.Mapping) -> str:
    """A payee's name as a reader means it (m164): no-break spaces and "&amp;" off, and the apostrophe an
    export put before every name of the column when it did (colmod.add_supplier_code)."""
    return f"unmarked(name_text({cell}))" if m.names_marked else f"name_text({cell})"


def _col(m: colmod.Mapping, f: str) -> str:
    i = m.columns.get(f)
    if m.supplier_coded and m.columns.get("supplier_name") is not None:
        # the supplier's code written before its name (colmod.add_supplier_code): read apart
        if f == "supplier_name":
            return f"supplier_name_part({_named('clean_text(c' + str(int(i)) + ')', m)})"
        if f == "supplier_id" and i is None:
            return f"supplier_code_part({_named('clean_text(c' + str(int(m.columns['supplier_name'])) + ')', m)})"
    if i is None:
        return "NULL::VARCHAR"
    cell = f"one_line(clean_text(c{int(i)}))" if i in m.multiline else f"clean_text(c{int(i)})"
    if m.joined.get(f):  # a text carried on into the next column ("Supplier Name (cont.)"): joined by a space
        cell = "nullif(concat_ws(' ', " + ", ".join(f"clean_text(c{int(j)})" for j in m.joined[f]) + "), '')"
    if f == "supplier_name":
        return _named(cell, m)
    return (f"label_text({cell})" if f in _LABELS else
            f"code_text({cell})" if f in _CODES and i in m.placeholder_codes else cell)


def _extra_cells(m: colmod.Mapping) -> str:
    """JSON {"column E": text} of a row's cells in unnamed, unused columns (NULL when none): kept
    with the row, never a reason to refuse it. Keys are generated column letters."""
    if not m.extra:
        return "NULL::VARCHAR"
    cells = [f"clean_text(c{i})" for i in m.extra]
    entries = ", ".join(f"struct_pack(k := '{m.label(i)}', v := {c})" for i, c in zip(m.extra, cells))
    return ("CASE WHEN coalesce(" + ", ".join(cells) + ") IS NOT NULL THEN to_json(map_from_entries("
            "list_filter([" + entries + "], lambda e: e.v IS NOT NULL)))::VARCHAR END")


def _amount_sql(m: colmod.Mapping, money: str) -> tuple[str, str]:
    """(the amount's text, the amount read) as SQL over a row's cells. A ledger with a Debit and a
    Credit column (``credit`` mapped): one of them is empty on most lines, and a line with both is
    read as their difference; the text is the cell that cannot be read, else the one that holds
    something. Identifiers are generated column names; ``money`` is one of the store's macros."""
    a, c = m.columns.get("amount"), m.columns.get("credit")
    # credits written as negative figures already (the column holds no positive one) are added
    op = "+" if m.credit_signed else "-"
    if c is None and m.columns.get("vat_off") is not None:  # a gross less its VAT (add_vat_taken_off)
        c, op = m.columns["vat_off"], "-"
    if a is None:
        return "NULL::VARCHAR", "NULL::DECIMAL(14,2)"
    g = m.columns.get("amount_fill")
    if c is None:
        if g is not None:  # the second column's figure where the amount's cell is empty
            d = f"clean_text(c{int(a)})"
            raw, read = (f"coalesce({d}, clean_text(c{int(g)}))",
                         f"CASE WHEN {d} IS NULL THEN {money}(c{int(g)}) ELSE {money}(c{int(a)}) END")
        else:
            raw, read = f"clean_text(c{int(a)})", f"{money}(c{int(a)})"
        if m.columns.get("amount_pence") is not None:
            raw, read = _with_pence(raw, read, int(m.columns["amount_pence"]))
    else:
        d, k = f"clean_text(c{int(a)})", f"clean_text(c{int(c)})"
        raw = (f"CASE WHEN {d} IS NOT NULL AND {money}({d}) IS NULL THEN {d} "
               f"WHEN {k} IS NOT NULL AND {money}({k}) IS NULL THEN {k} ELSE coalesce({d}, {k}) END")
        read = (f"CASE WHEN {d} IS NULL AND {k} IS NULL THEN NULL ELSE coalesce({money}({d}), CASE WHEN {d} IS NULL "
                f"THEN 0 END) {op} coalesce({money}({k}), CASE WHEN {k} IS NULL THEN 0 END) END")
    # (never beside a ledger's credit column: add_credit_marks and add_credit_sections leave those be)
    if m.credit_marked:  # credit notes written as positive sums, marked in a column of their own
        read = (f"CASE WHEN {colmod.credit_mark_sql(m.columns['credit_mark'], m.credit_answers)} THEN -({read}) "
                f"ELSE {read} END")
    elif m.credit_rows:  # ... or listed apart, on a sheet or under a heading of their own
        read = f"CASE WHEN {colmod.credit_rows_sql(m)} THEN -({read}) ELSE {read} END"
    if m.scale:  # the cell times its scale, exactly ("1.234" under £000 is £1,234.00, as a register reads it)
        times = colmod.SCALE_TIMES[m.scale]  # (our constants: 'k' or 'm', never the file's text)
        read = (f"coalesce(CAST(({read}) * {times} AS DECIMAL(14,2)), "
                f"parse_register_money_scaled({raw}, '{m.scale}'))")
    return raw, (_in_pounds(read) if m.pence else read)


def _with_pence(raw: str, read: str, p: int) -> tuple[str, str]:
    """(text, sum) of an amount whose pence are written in a column of their own (``amount_pence``:
    colmod.add_pence_part): the pounds and the pence, of the pounds' sign (-12 | 50 is -£12.50). A
    pence cell that is not a whole number of one or two digits leaves no sum, and the text shows both
    cells, so the line is quarantined saying what was written."""
    c, pence = f"clean_text(c{p})", f"pence_part(c{p})"
    sign = f"CASE WHEN {read} < 0 OR starts_with({raw}, '-') OR starts_with({raw}, '(') THEN -1 ELSE 1 END"
    return (f"CASE WHEN {c} IS NULL OR {pence} IS NOT NULL THEN {raw} ELSE {raw} || ' pounds ' || {c} || ' pence' END",
            f"CASE WHEN {c} IS NULL THEN {read} ELSE CAST({read} + {sign} * {pence} * 0.01 AS DECIMAL(14,2)) END")


def _in_pounds(read: str) -> str:
    """A sum read from a column whose header gives it in pence, in pounds, exactly: 123456 is
    £1,234.56; a fraction of a penny is no sum (the line is quarantined, saying why)."""
    return (f"list_transform([{read}], lambda x: CASE WHEN x = trunc(x) THEN CAST(x * 0.01 AS DECIMAL(14,2)) "
            "END)[1]")


def _date_read(m: colmod.Mapping, month_first: bool = False) -> str:
    """SQL reading a line's payment date: UK order (US order where the file writes it so), or a day
    and a month alone in the financial year the sheet names once (colmod.add_day_month_in_year: the
    year an int of ours, never the file's text)."""
    if m.day_month_fy is not None and m.columns.get("payment_date") is not None:
        return f"parse_day_month(c{int(m.columns['payment_date'])}, {int(m.day_month_fy)})"
    d = m.columns.get("day")
    if d is not None and m.columns.get("payment_date") is None:  # the day of the line's month (colmod.add_day_column)
        day = f"(day_of_month(c{int(d)}) - 1)"
        return (f"list_transform([{_period_sql(m)[0]}], lambda p: CASE WHEN month(p + {day}) = month(p) "
                f"THEN CAST(p + {day} AS DATE) END)[1]")
    return _read("parse_us_date" if month_first else "parse_uk_date", m, "payment_date", "DATE")


def _read(macro: str, m: colmod.Mapping, field: str, typ: str, cell: str | None = None) -> str:
    """``macro`` over ``field``'s cell (``cell``: the SQL of that cell as read, else the column itself),
    or a NULL of its type when the field has no column. A reading macro is expanded into the statement
    wherever it is called, and DuckDB binds and optimises the expansion even over a constant NULL:
    parse_period's alone took 66 ms to plan, parse_amount's 20 ms, in each of the load's statements,
    whatever the file's size."""
    i = m.columns.get(field)
    return f"NULL::{typ}" if i is None else f"{macro}({cell or f'c{int(i)}'})"


def _segment_sql(sheet: Sheet, m: colmod.Mapping, suspects_only: bool = False, european: bool = False,
                 raw_cells: bool = False, month_first: bool = False) -> str:
    """SELECT of one segment's rows with parsed values. Identifiers are generated (c0..cN, fixed
    field names); every value from the file stays data. With ``suspects_only``, only the rows
    that may not load (no readable amount or date, a date out of range).
    ``european``: the amount column is written with decimal commas throughout (1.234,56).
    ``month_first``: the date column is written month first throughout (12/31/2023).
    ``raw_cells``: the row's cells c0..cN come too, as they are."""
    all_cells = ", ".join(f"c{i}" for i in range(sheet.width))
    cap = limits.current().line_pounds  # an int we parsed, never the file's text
    period_read, period_text = _period_sql(m)
    # A month and its year alone in the date's cell ("Apr 2023", a month's payroll among dated payments in a
    # hand-kept list): the line's month, with no day, as a period column's cell would give it (looked at
    # only where the cell gave no date).
    date_month = ("CASE WHEN payment_date IS NULL AND regexp_full_match(lower(trim(date_raw)), '" + _MONTH_AND_YEAR
                  + "') THEN parse_period(trim(date_raw)) END" if m.columns.get("payment_date") is not None else "NULL::DATE")
    money = "parse_amount_eu" if european else "parse_amount"
    amount_raw, amount_read = _amount_sql(m, money)
    # A row is blank when every cell is empty or spaces. A readable amount settles most rows
    # cheaply (a CASE, so the whole-row test runs only where there is none).
    nonblank = ("CASE WHEN amount_read IS NOT NULL THEN TRUE ELSE coalesce(" + all_cells + ") IS NOT NULL "
                "AND trim(concat_ws('', " + all_cells + ")) <> '' END")
    suspect = ""
    if suspects_only:
        # (a line with no supplier, or a supplier cell that labels a total, may be a total line: see
        # _settle_totals)
        suspect = (f" AND (NOT coalesce(abs(amount_read) < {cap}, FALSE) OR coalesce(NOT ({in_date_window('payment_date')}), "
                   f"TRUE) OR supplier_raw IS NULL "
                   f"OR is_total_label(supplier_raw) OR other_currency_line)")
    text = ",\n".join(f"{_col(m, f)} AS {f}" for f in _FIELDS_TEXT)
    # a line whose currency column names another currency than pounds (colmod.settle_currency): its
    # amount is not pounds (the pattern is our own constant)
    other = ("FALSE" if m.columns.get("currency") is None else
             f"coalesce(NOT regexp_full_match(coalesce({_col(m, 'currency')}, ''), '{colmod.POUNDS_CELL}'), FALSE)")
    # Each cell is read once, in the inner SELECT (the amount is tested and kept in the outer).
    return f"""
    SELECT rn, date_raw, amount_raw, supplier_raw, payment_date,
           CASE WHEN abs(amount_read) < {cap} THEN amount_read END AS amount,
           CASE WHEN abs(amount_read) >= {cap} THEN amount_read END AS amount_over,
           amount_over IS NOT NULL AS amount_too_big,
           irrecoverable_vat, period_raw, coalesce(period_month, {date_month}) AS period_month, amount_eu,
           {bool(m.pence)} AS amount_pence,
           {", ".join(_FIELDS_TEXT)},
           extra_cells, date_header, amount_header, period_header, currency_raw, currency_header, other_currency_line,
           CASE WHEN amount_read IS NULL AND len(list_filter([{all_cells}], lambda x: trim(x) <> '')) = 1
                THEN list_filter([{all_cells}], lambda x: regexp_full_match(trim(x), '{_SHEET_ERROR}'))[1]
           END AS lone_error,
           -- (a spreadsheet's error alone is no note: lone_error, above)
           CASE WHEN amount_read IS NULL THEN len(list_filter([{all_cells}], lambda x: trim(x) <> '')) <= 1
                AND lone_error IS NULL
           END AS lone_cell,
           -- (a count of the lines at the foot, its label and its count under any columns: "Number of
           -- transactions" | "18", nothing else on the row)
           CASE WHEN amount_read IS NULL THEN len(list_filter([{all_cells}], lambda x: is_total_word(x))) > 0
                AND len(list_filter([{all_cells}], lambda x: trim(x) <> '' AND NOT is_total_word(x)
                                                             AND NOT regexp_full_match(trim(x), '\\d[\\d,]*'))) = 0
           END AS count_line,
           -- (a row holding nothing of a payment: no amount, date, period or payee, and no cell of it
           -- reads as a sum or a date, or is a spreadsheet's error where a formula failed: a key or
           -- legend under the lines, "E110 = Repairs & Maintenance" | "SME" | "Small or medium-sized
           -- enterprise", or a heading of a few words)
           CASE WHEN amount_read IS NULL THEN amount_raw IS NULL AND date_raw IS NULL AND supplier_raw IS NULL
                AND period_raw IS NULL AND len(list_filter([{all_cells}], lambda x: parse_amount(x) IS NOT NULL
                                                                            OR parse_uk_date(x) IS NOT NULL
                                                                            OR regexp_matches(x, '{_SHEET_ERROR}'))) = 0
           END AS no_payment_cells,
           -- (a payment run's date alone on its row, heading the lines under it: _fill_printed_once)
           {bool(m.date_headings)} AND amount_read IS NULL AND date_raw IS NOT NULL AND coalesce(lone_cell, FALSE) AS date_heading,
           -- (or a balance's line with no sum where a payment's would be: a bank report's "Opening
           -- Balance", its figure in the balance's column, m117)
           CASE WHEN amount_read IS NULL THEN len(list_filter([{all_cells}], lambda x: is_page_mark(x)
                                                                            OR is_balance_label(x))) > 0
                -- (or a rule drawn under the header, a database dump's "-----" in every column)
                OR (len(list_filter([{all_cells}], lambda x: trim(x) <> '')) > 1
                    AND len(list_filter([{all_cells}], lambda x: trim(x) <> ''
                                                                  AND NOT regexp_full_match(trim(x), '{_RULE}'))) = 0)
           END AS page_mark,
           -- (a report's group closed by a line naming its supplier again, "Total Amberley Recruitment
           -- Ltd" under the date, the supplier written on its lines from the heading above: a total,
           -- however firm-like the name, as "Total Gas Ltd" alone is not)
           CASE WHEN amount_read IS NOT NULL THEN
                CASE WHEN supplier_raw IS NOT NULL THEN is_total_label(supplier_raw)
                          OR payment_date IS NULL AND len(list_filter([{all_cells}], lambda x: list_contains(
                                 ['total ', 'total for ', 'total of ', 'total: ', 'total - ', 'sub total ', 'subtotal ']
                                 .list_transform(lambda w: w || lower(trim(supplier_raw)))
                                 .list_append(lower(trim(supplier_raw)) || ' total'),
                                 lower(trim(x))))) > 0
                     ELSE len(list_filter([{all_cells}], lambda x: is_total_label(x))) > 0 END
           END AS total_label, {m.columns.get("payment_date") is not None} AS date_column
           {(", " + all_cells) if raw_cells else ""}
    FROM (
        SELECT rn,
               {_col(m, 'payment_date')} AS date_raw, {amount_raw} AS amount_raw,
               {_col(m, 'supplier_name')} AS supplier_raw,
               {_date_read(m, month_first)} AS payment_date,
               {amount_read} AS amount_read,
               {_read(money, m, "irrecoverable_vat", "DECIMAL(14,2)")} AS irrecoverable_vat,
               {period_text} AS period_raw, {period_read} AS period_month,
               {european} AS amount_eu,
               {text},
               {_extra_cells(m)} AS extra_cells,
               ?::VARCHAR AS date_header, ?::VARCHAR AS amount_header, ?::VARCHAR AS period_header,
               {_col(m, 'currency')} AS currency_raw, ?::VARCHAR AS currency_header, {other} AS other_currency_line,
               {all_cells}
        FROM {sheet.table}
        WHERE rn > ? AND rn <= ?)
    WHERE ({nonblank}){suspect}
    """


# A month by its name and a four-figure year, nothing else: "Apr 2023", "April-2023", "Sept. 2023"
_MONTH_AND_YEAR = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/]+(19|20)\d\d"


def _period_cell(m: colmod.Mapping) -> str:
    """SQL for the period cell as read (a quarter's bare number is the quarter: colmod.period_sql)."""
    i = m.columns.get("period")
    return "NULL::VARCHAR" if i is None else colmod.period_sql(m.headers[i] if i < len(m.headers) else None, i)


def _period_sql(m: colmod.Mapping) -> tuple[str, str]:
    """(the month a line's period cells give, their text) as SQL: the period cell, read with the year
    column beside it ("April" | "2024") when there is one. Identifiers are generated (c0..cN)."""
    p = _period_cell(m)
    if m.columns.get("period") is None and m.month_given is not None:
        # the month named once for the sheet (lib.ingest.load._sheet_period): a date we built, not the file's text
        return f"DATE '{m.month_given.isoformat()}'", "NULL::VARCHAR"
    if m.columns.get("year") is None and m.year_given is not None and m.columns.get("period") is not None:
        # the year named once for the sheet, as the store labels it: built from an int, not the file's text
        year = "'" + colmod.fy_text(int(m.year_given)) + "'"
        return f"parse_year_period({p}, {year})", _col(m, "period")
    if m.columns.get("year") is None:
        return _read("parse_period", m, "period", "DATE", cell=p), _col(m, "period")
    y = m.columns["year"]
    return (f"parse_year_period({p}, {colmod.year_sql(m.headers[y] if y < len(m.headers) else None, y)})",
            f"nullif(concat_ws(' ', {_col(m, 'period')}, {_col(m, 'year')}), '')")


def _adjustment_period_notes(cur, plans: list[SheetPlan]) -> None:
    """A note for each adjustment period (13 to 16: a financial year's closing entries) that dated
    lines to the year's last month, March: how many lines, which period, which month. Identifiers
    are generated (c0..cN); the bounds are bound values."""
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            if m.columns.get("period") is None:
                continue
            month, _ = _period_sql(m)
            d = m.columns.get("payment_date")
            undated = "TRUE" if d is None else f"parse_uk_date(clean_text(c{int(d)})) IS NULL"
            got = cur.execute(
                "SELECT n, month, count(*) FROM (SELECT fy_period_number(" + _period_cell(m) + ") AS n, " + month
                + " AS month FROM " + plan.sheet.table + " WHERE rn > ? AND rn <= ? AND " + undated
                + " AND rn NOT IN (SELECT rn FROM staged WHERE sheet = ?)) WHERE n BETWEEN 13 AND 16 "
                "AND month IS NOT NULL GROUP BY ALL ORDER BY month, n", [header_rn, last_rn, plan.sheet.name]).fetchall()
            where = f"sheet '{plan.sheet.name}': " if plan.sheet.name else ""
            for n, day, lines in got:
                plan.notes.append(f"{where}{lines} line{'s were' if lines != 1 else ' was'} adjustment period {n} "
                                  f"(the financial year's closing entries), dated to {day:%B %Y}, the year's last month")


# A spreadsheet's error value where a formula failed (#N/A, #REF!, #VALUE!, ...): alone on a row, not a
# note under the lines (a footer) but a line the file lost, quarantined so that it is seen.
_SHEET_ERROR = r"#(N/A|REF!|VALUE!|DIV/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA)"

# A day/month/year (or ISO) date with digits run on past its four-figure year and nothing after them:
# the run-on digits are group 2 (a time is never written so: it follows a space or a T).
_RUN_ON_DATE = r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})(-?\d[\d,]*(\.\d+)?)\s*$"

# The payment dates a line may have: from 1990 (no file publishes older spend) to a month after the
# day it is loaded (a payment run dated a little ahead is kept; "15/06/2042", a year typed wrong, is
# not a payment yet). The later bound moves with the calendar, so it is worked out at each load.
EARLIEST_DATE = dt.date(1990, 1, 1)
DAYS_AHEAD = 31


def date_window() -> tuple[dt.date, dt.date]:
    """(earliest, latest) payment date a line may have, today (see EARLIEST_DATE, DAYS_AHEAD)."""
    return EARLIEST_DATE, dt.date.today() + dt.timedelta(days=DAYS_AHEAD)


def in_date_window(expr: str, window: tuple[dt.date, dt.date] | None = None) -> str:
    """SQL: ``expr`` (a DATE) lies in ``window`` (:func:`date_window` unless given; its bounds are dates
    we make, written as literals)."""
    first, last = window or date_window()
    return f"{expr} BETWEEN DATE '{first.isoformat()}' AND DATE '{last.isoformat()}'"


_CLASSIFY = """
SELECT *,
  CASE
    -- (a date cell written as a date that is not one, "31/02/2024", is a payment with a bad date:
    -- quarantined, whoever it paid)
    -- (a total's label may stand in the first column, whatever that column is: "Total Spend" under
    -- the transaction numbers)
    WHEN amount IS NOT NULL AND payment_date IS NULL
         AND (transaction_ref IS NULL OR is_total_label(transaction_ref))
         AND (supplier_raw IS NULL OR is_total_word(supplier_raw))
         AND (date_raw IS NULL OR is_total_word(date_raw)
              OR (is_time_only(date_raw) = FALSE AND NOT regexp_matches(date_raw, '^\\s*\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}')))
         -- (a line of a file dated by month, its month and what it was for given and no payee, is a
         -- payment whose payee is withheld: "July 2024" | (blank) | "Payments to individuals" | 1,995.76)
         AND NOT (supplier_raw IS NULL AND period_month IS NOT NULL
                  AND coalesce(department, category, description) IS NOT NULL)
      THEN 'total'
    WHEN amount IS NOT NULL AND is_total_word(supplier_raw) AND payment_date IS NULL
      THEN 'total'
    -- a count of the lines at the foot with its count under another column than the amount's
    -- ("Number of transactions" | "157" under the dates, or the label under the dates and the count
    -- under the supplier): a total's words and whole numbers, nothing else
    WHEN amount IS NULL AND payment_date IS NULL AND amount_raw IS NULL AND coalesce(count_line, FALSE) THEN 'total'
    -- a subtotal: "Fleet Total" in the category column with no supplier, "XMA LTD Total" in the
    -- supplier column (Excel's subtotals), with a sum and no payment date
    WHEN amount IS NOT NULL AND payment_date IS NULL AND total_label THEN 'total'
    -- a note under the lines ("Notes:", "Figures exclude VAT"): one cell, no amount, not a date
    WHEN amount_raw IS NULL AND payment_date IS NULL AND lone_cell THEN 'total'
    -- a key or legend under the lines, or a heading: nothing of a payment on the row (no amount, date,
    -- period or payee, and no cell that reads as a sum or a date)
    WHEN amount_raw IS NULL AND payment_date IS NULL AND coalesce(no_payment_cells, FALSE) THEN 'total'
    WHEN amount_raw IS NULL AND date_heading THEN 'total'
    -- a page's furniture, printed on every page of a report and left in the file converted from it
    -- ("Page 2 of 3" beside a print date or the name of whoever ran it): no amount, not a payment
    WHEN amount IS NULL AND page_mark THEN 'total'
    -- a total written out in the amount's own cell ("Total for April 2024: £108,779.40", "Grand
    -- total 1,234.56"), on a line with no supplier and no date: a total, not an unreadable amount
    WHEN amount IS NULL AND payment_date IS NULL AND supplier_raw IS NULL
         AND regexp_matches(lower(amount_raw), '^\\s*(sub[\\s-]?|grand\\s+|overall\\s+|page\\s+|report\\s+)?totals?\\b')
      THEN 'total'
    WHEN amount_too_big THEN 'quarantine'
    WHEN amount IS NOT NULL AND other_currency_line THEN 'quarantine'
    WHEN amount IS NULL THEN 'quarantine'
    -- (a month and its year alone in the date's cell, no period column: the line's month, _segment_sql)
    WHEN payment_date IS NULL AND NOT (is_time_only(date_raw) OR date_raw IS NULL)
         AND NOT (period_raw IS NULL AND period_month IS NOT NULL) THEN 'quarantine'
    WHEN payment_date IS NULL AND period_raw IS NOT NULL AND period_month IS NULL THEN 'quarantine'
    WHEN payment_date IS NULL AND period_month IS NULL AND ?::DATE IS NULL THEN 'quarantine'
    WHEN payment_date IS NOT NULL AND NOT ({in_window}) THEN 'quarantine'
    ELSE 'ok'
  END AS status,
  CASE
    WHEN amount_too_big THEN 'amount ''' || amount_raw || ''' is over the limit set for one payment ('
         || ?::VARCHAR || ': SPEND_MAX_LINE_POUNDS; raise it to load a body that pays more at once)'
    WHEN amount IS NOT NULL AND other_currency_line
      THEN 'amount ''' || amount_raw || ''' is in ' || trim(currency_raw) || ', as its ''' || currency_header
           || ''' column says: the store holds sums in pounds; give the sum in pounds'
    WHEN amount IS NULL AND amount_pence AND parse_amount(amount_raw) IS NOT NULL
      THEN 'amount ''' || amount_raw || ''' is not a whole number of pence, and its column gives sums in pence'
    -- (a line with cells past the last column its header names may have had its cells moved along:
    -- a delimiter inside a name the file did not quote, an empty cell put in; see _rejoin_split_text)
    WHEN amount IS NULL AND lone_error IS NOT NULL
      THEN 'the row holds a spreadsheet''s error (' || trim(lone_error) || ') and nothing else: no payment to read'
    -- a date with a number run on past its year ("25/06/2012930"): a report writer that left out the
    -- separator before an amount it did not quote, so the amount sits in the date's cell and the
    -- cells after it moved one column left. Said as such, not as an unreadable amount; never read
    -- apart (which number was meant, and where the line's other cells belong, is not certain)
    WHEN amount IS NULL AND regexp_full_match(coalesce(date_raw, ''), '{run_on}')
      THEN 'date ''' || trim(date_raw) || ''' has a number run on past its year ('
           || regexp_extract(date_raw, '{run_on}', 2) || '), as if the line''s amount were joined to its date '
           || 'with no separator and the cells after it moved one column left (the amount''s column holds '''
           || coalesce(amount_raw, '') || '''): not read apart'
    WHEN amount IS NULL THEN amount_problem(amount_raw, amount_eu)
         || CASE WHEN extra_cells IS NOT NULL THEN ' (the line has cells past the last column its header names)' ELSE '' END
    WHEN payment_date IS NULL AND date_order(date_raw) = 'mdy'
      THEN 'date ''' || date_raw || ''' is month first (month/day/year), while other dates in its column are day first'
    -- (only where the column is read month first: a real date day first that did not read)
    WHEN payment_date IS NULL AND date_order(date_raw) = 'dmy' AND parse_uk_date(date_raw) IS NOT NULL
      THEN 'date ''' || date_raw || ''' is day first (day/month/year), while other dates in its column are month first'
    WHEN payment_date IS NULL AND date_raw IS NOT NULL AND NOT is_time_only(date_raw)
      THEN 'date ''' || date_raw || ''' is not a real date (day/month/year)'
    WHEN payment_date IS NULL AND period_raw IS NOT NULL AND period_month IS NULL
      THEN 'period ''' || period_raw || ''' is not a month (202205, 2022-05, May-22, P02 2022/23, Apr-Jun 2023, Q1 2023/24)'
    WHEN payment_date IS NULL THEN 'no payment date, and no period given for the file'
    WHEN payment_date > {latest}
      THEN 'date ' || strftime(payment_date, '%d/%m/%Y') || ' is more than a month after the day it was loaded ({today}): '
           || 'a payment not made yet, or its year typed wrong'
    WHEN NOT ({in_window})
      THEN 'date ' || strftime(payment_date, '%d/%m/%Y') || ' is out of range (before 1990)'
  END AS reason,
  CASE
    WHEN amount IS NOT NULL AND other_currency_line THEN currency_header
    WHEN amount IS NULL AND regexp_full_match(coalesce(date_raw, ''), '{run_on}') THEN date_header
    WHEN amount IS NULL THEN amount_header
    WHEN payment_date IS NULL AND date_raw IS NULL AND period_raw IS NOT NULL THEN period_header
    ELSE date_header
  END AS column_name,
  -- a line that may be a total all the same, settled by the sum of the lines above it
  -- (_settle_totals): 'named' and 'label' carry a date and a label ("Total for Fleet", "XMA LTD
  -- Total"); 'sum' carries no word, and lacks a supplier or a date its column would give
  CASE
    WHEN amount IS NULL OR amount = 0 THEN NULL
    WHEN payment_date IS NOT NULL AND total_label THEN
      CASE WHEN supplier_raw IS NULL
                OR regexp_matches(lower(supplier_raw), '^\\s*(sub[\\s-]?|grand\\s+|overall\\s+|page\\s+|report\\s+)?totals?\\b')
                OR is_balance_label(supplier_raw)  -- "Balance b/f" where the supplier goes (m117)
           THEN 'named' ELSE 'label' END
    WHEN payment_date IS NOT NULL AND supplier_raw IS NULL THEN 'sum'
    -- "Total Acme Ltd" with no date under Acme's lines (a subtotal a supplier at a time, one line
    -- or many): its label says total, and may still be a name ("Total Office Solutions Ltd")
    WHEN payment_date IS NULL AND date_raw IS NULL AND date_column AND supplier_raw IS NOT NULL
         AND NOT coalesce(total_label, FALSE) AND NOT is_total_word(supplier_raw)
         AND regexp_matches(lower(supplier_raw), '^\\s*(sub[\\s-]?)?totals?\\s+\\S') THEN 'label'
    -- no date where the column gives them, and no total's word (a supplier or not: a reference or a
    -- department beside no supplier is no word of a total either)
    WHEN payment_date IS NULL AND date_raw IS NULL AND date_column
         AND NOT coalesce(total_label, FALSE) AND NOT is_total_word(supplier_raw) THEN 'sum'
  END AS total_check
FROM staged_raw
""".replace("{run_on}", _RUN_ON_DATE)


def classify_sql() -> str:
    """_CLASSIFY with today's date window (:func:`date_window`)."""
    first, last = date_window()
    return (_CLASSIFY.replace("{in_window}", in_date_window("payment_date", (first, last)))
            .replace("{latest}", f"DATE '{last.isoformat()}'")
            .replace("{today}", f"{last - dt.timedelta(days=DAYS_AHEAD):%d/%m/%Y}"))


@dataclass
class Classified:
    """The SELECT that parses and classifies every data row of a spend file (not materialised:
    good rows go straight from the raw grid into the store; only the few others are staged)."""
    sql: str
    params: list


def _runs(plan: SheetPlan):
    """The plan's segments, those one after another read by the same mapping (a report's header printed
    again at the head of each page) as one: (first header row, last row, mapping, the header rows
    inside to leave out). A query a segment made a report of 200 pages slow to plan."""
    runs: list = []
    for header_rn, last_rn, m in plan.segments:
        flags = (header_rn in plan.european, header_rn in plan.month_first)
        if runs and runs[-1][2] is m and runs[-1][4] == flags:
            lo, hi, _, skip, _ = runs[-1]
            runs[-1] = (lo, last_rn, m, skip + list(range(hi + 1, header_rn + 1)), flags)
        else:
            runs.append((header_rn, last_rn, m, [], flags))
    return [(lo, hi, m, skip) for lo, hi, m, skip, _ in runs]


def _stage(cur, raw: RawFile, plans: list[SheetPlan], period: tuple | None,
           lines: tuple[str, list] | None = None) -> Classified:
    """Stage the rows that will not load (temp table ``staged``: quarantine and total lines) and the
    distinct supplier names; return the SELECT of the rows that will load.

    Only suspect rows (cheap tests) are classified in full; the loading rows are every other
    non-blank data row, so the store's copy reads each cell once. ``lines``: a SELECT (sheet, rn,
    amount) of lines of these sheets read elsewhere (the one-pass load's), summed with them when a
    line may be a total (:func:`_settle_totals`)."""
    suspects, loading, params, load_params, names = [], [], [], [], []
    for plan in plans:
        for header_rn, last_rn, m, skip in _runs(plan):
            seg = [plan.sheet.name, m.header_of("payment_date") or "date", m.header_of("amount") or "amount",
                   m.header_of("period") or "period", m.header_of("currency") or "currency", header_rn, last_rn]
            eu, us = header_rn in plan.european, header_rn in plan.month_first
            suspects.append("SELECT ?::VARCHAR AS sheet, * FROM (" + _segment_sql(plan.sheet, m, True, eu, month_first=us)
                            + ") WHERE NOT list_contains(?::INTEGER[], rn)")
            params += seg + [skip]
            loading.append("SELECT ?::VARCHAR AS sheet, * FROM (" + _segment_sql(plan.sheet, m, False, eu, month_first=us)
                           + ") "
                           "WHERE rn NOT IN (SELECT rn FROM staged WHERE sheet = ?) AND NOT list_contains(?::INTEGER[], rn)")
            load_params += seg + [plan.sheet.name, skip]
            sup = m.columns.get("supplier_name")
            if sup is not None:
                names.append(("SELECT DISTINCT " + _col(m, "supplier_name") + " AS supplier_raw FROM "
                              + plan.sheet.table + " WHERE rn > ? AND rn <= ?", [header_rn, last_rn]))
    cur.execute(
        # a sum in another currency is not pounds: its quarantined line keeps no amount, so the
        # quarantine list shows no sum for it and the quarantined total leaves it out; a sum past
        # the limit of one payment is pounds, set aside: its quarantined line keeps it, and the
        # quarantined total counts it (a file's £4.2bn to NHS England is not £0.00 set aside)
        "CREATE OR REPLACE TEMP TABLE staged AS SELECT * REPLACE (CASE WHEN other_currency_line THEN NULL "
        "WHEN status = 'quarantine' AND amount_too_big THEN amount_over ELSE amount END AS amount) "
        "FROM (WITH staged_raw AS ("
        + " UNION ALL ".join(suspects) + ") " + classify_sql() + ") WHERE status <> 'ok' OR total_check IS NOT NULL",
        params + [period[0] if period else None, f"£{limits.current().line_pounds:,}"],
    )
    for plan in plans:  # a note that names columns ("supplier name, payment date and amount ..."): not a line
        if plan.note_rows:
            cur.execute("UPDATE staged SET status = 'total', reason = NULL WHERE sheet = ? AND amount IS NULL "
                        "AND list_contains(?::INTEGER[], rn)", [plan.sheet.name, sorted(plan.note_rows)])
    # Supplier keys and redaction are worked out once per distinct name, not once per row.
    union = " UNION ".join(sql for sql, _ in names) or "SELECT NULL::VARCHAR AS supplier_raw"
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE staged_names AS SELECT supplier_raw, supplier_key(supplier_raw) AS supplier_key, "
        "is_redacted_name(supplier_raw) AS is_redacted FROM (" + union + ") WHERE supplier_raw IS NOT NULL",
        [p for _, ps in names for p in ps],
    )
    classified = Classified(" UNION ALL ".join(loading), load_params)
    _settle_totals(cur, plans, classified, lines)
    _settle_summary_below(cur, plans, classified, lines)
    return classified


def _settle_totals(cur, plans: list[SheetPlan], classified: Classified, lines: tuple[str, list] | None) -> None:
    """Decide the staged lines that may be totals (``total_check``) by the sum of the lines above
    them; the rest go back to what they were (a line that loads leaves ``staged``).

    The lines of a segment are summed in order, a run starting after each total. A line carrying a
    date is a total when its label says so plainly ('named': "Total for Fleet", or "Fleet Total"
    with no supplier) or ('label': "XMA LTD Total", which could be a name; or "Total Acme Ltd" with
    no date) when its amount is exactly the sum of the run above it or of every line above it. A line with no word ('sum': no
    supplier, or no date where the column gives one) is a total only on stronger evidence: its
    amount is exactly the sum of two or more lines, either those of the run since the last total
    when the segment has other totals (or when every such line of the segment, two or more, is the
    sum of the run above it), or every line above it when no line follows it. A payment that
    happens to equal such a sum elsewhere in a sheet stays a payment."""
    if not cur.execute("SELECT count(*) FROM staged WHERE total_check IS NOT NULL").fetchone()[0]:
        return
    src, params = _loading_lines(classified, lines)
    totals = []
    for plan in plans:
        for lo, hi in _pages_as_one(plan.segments):
            rows = cur.execute(
                "WITH l AS (SELECT rn, amount FROM (" + src + ") WHERE sheet = ? AND rn > ? AND rn <= ? AND amount IS NOT "
                "NULL UNION ALL SELECT rn, amount FROM staged WHERE sheet = ? AND rn > ? AND rn <= ? AND amount IS NOT "
                "NULL AND status = 'quarantine' AND total_check IS NULL), "
                "c AS (SELECT rn, amount, total_check, status FROM staged WHERE sheet = ? AND rn > ? AND rn <= ? AND "
                "(total_check IS NOT NULL OR status = 'total')), "
                "u AS (SELECT rn, amount, 1 AS line, NULL AS total_check, NULL AS status FROM l UNION ALL "
                "SELECT rn, amount, 0, total_check, status FROM c) "
                "SELECT rn, amount, total_check, status, coalesce(sum(amount * line) OVER w, 0), coalesce(sum(line) OVER w, 0), "
                "sum(line) OVER () "
                "FROM u WINDOW w AS (ORDER BY rn, line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) QUALIFY line = 0 "
                "ORDER BY rn",
                params + [plan.sheet.name, lo, hi] * 3).fetchall()
            if not any(r[2] for r in rows):
                continue
            has_totals = any((r[3] == "total" and r[1] is not None) or r[2] in ("named", "label") for r in rows)
            found = _totals_in_run(rows, has_totals)
            sums = [r[0] for r in rows if r[2] == "sum" and r[1] is not None]
            if not has_totals and len(sums) >= 2:
                # no total says so in words, but every line of no word is the sum of the lines since the one
                # before it (a page of a ledger's report, its suppliers' subtotals marked by a sign): they
                # are subtotals, each other's evidence (two such sums by chance are past belief)
                every = _totals_in_run(rows, True)
                if set(sums) <= set(every):
                    found = every
            totals += [(plan.sheet.name, rn) for rn in found]
    if totals:
        cur.execute("UPDATE staged SET status = 'total', reason = NULL FROM (SELECT unnest(?::VARCHAR[]) AS s, "
                    "unnest(?::INTEGER[]) AS r) t WHERE staged.sheet = t.s AND staged.rn = t.r",
                    [[s for s, _ in totals], [r for _, r in totals]])
    cur.execute("UPDATE staged SET total_check = NULL WHERE total_check IS NOT NULL")
    cur.execute("DELETE FROM staged WHERE status = 'ok'")


def _pages_as_one(segments: list) -> list[tuple[int, int]]:
    """The (lo, hi) of a sheet's segments, those under the same header written again (a report's pages,
    its header on each) as one: a supplier's lines run on over a page's end to its subtotal on the
    next page, and the lines are summed as one run (:func:`_settle_totals`)."""
    out, last = [], None
    for lo, hi, m in segments:
        if out and m.headers == last:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
        last = m.headers
    return out


def _totals_in_run(rows: list, has_totals: bool) -> list[int]:
    """The row numbers of the candidates in ``rows`` (one segment's, :func:`_settle_totals`) that are
    totals, summing its lines in order, a run starting after each total."""
    totals = []
    extra_sum, extra_n = Decimal(0), 0     # candidates found to be lines, in order
    base_sum, base_n = Decimal(0), 0       # the lines up to the last total
    for rn, amount, check, status, cum, n, n_lines in rows:
        if amount is None:
            continue  # a note under the lines, not a total of them
        above, n_above = cum + extra_sum, n + extra_n
        run, n_run = above - base_sum, n_above - base_n
        total = status == "total"
        if check == "named":
            total = True
        elif check == "label":
            total = (n_run >= 1 and amount == run) or (n_above >= 2 and amount == above)
        elif check == "sum":
            last = n == n_lines  # no line after it
            # (a subtotal among others, of one line or more: a supplier's one payment in a ledger's
            # report grouped by supplier has its subtotal too, and taken for a line it would put
            # every subtotal after it out by its sum)
            total = ((has_totals and n_run >= 1 and amount == run)
                     or (last and n_above >= 2 and amount == above))  # the grand total under them
        if total:
            base_sum, base_n = above, n_above
            if check:
                totals.append(rn)
        elif check:
            extra_sum, extra_n = extra_sum + amount, extra_n + 1
    return totals


def _loading_lines(classified: Classified, lines: tuple[str, list] | None) -> tuple[str, list]:
    """(SELECT of sheet, rn, amount of every line that loads, its parameters): the classified rows,
    and ``lines`` read elsewhere (the one-pass load's)."""
    src = "SELECT sheet, rn, amount FROM (" + classified.sql + ")"
    params = list(classified.params)
    if lines:
        src += " UNION ALL SELECT sheet, rn, amount FROM (" + lines[0] + ")"
        params += list(lines[1])
    return src, params


def _settle_summary_below(cur, plans: list[SheetPlan], classified: Classified,
                          lines: tuple[str, list] | None) -> None:
    """A table of figures under the lines (spend by department or by month, a grand total in a
    column of its own, under a heading of its own) is not lines that failed: it is kept aside with
    the totals, not quarantined. The rows after a segment's last line that loads are read so when
    at least one of them would be quarantined, none holds a payment date, and their figures
    reconcile with the lines: a cell is exactly the sum of the lines above, or the figures of one
    column add up to exactly that sum. Rows that do not reconcile stay in quarantine with their
    reasons; a person is told which rows were read as a summary."""
    if not cur.execute("SELECT count(*) FROM staged WHERE status = 'quarantine'").fetchone()[0]:
        return
    src, params = _loading_lines(classified, lines)
    for plan in plans:
        sheet = plan.sheet
        for lo, hi, _ in plan.segments:
            # Read from the staged rows alone first: the segment's last one undated, and one held in
            # quarantine (else no block can qualify), before the lines are summed, a pass over them.
            undated_last, held = cur.execute(
                "SELECT arg_max(payment_date IS NULL, rn), bool_or(status = 'quarantine') FROM staged "
                "WHERE sheet = ? AND rn > ? AND rn <= ?", [sheet.name, lo, hi]).fetchone()
            if not (undated_last and held):
                continue
            last, total, n = cur.execute(
                "SELECT max(rn), sum(amount), count(*) FROM (" + src + ") WHERE sheet = ? AND rn > ? AND rn <= ? "
                "AND amount IS NOT NULL", params + [sheet.name, lo, hi]).fetchone()
            if n < 2 or not total:
                continue
            block = cur.execute(
                "SELECT list(rn ORDER BY rn), count(*) FILTER (WHERE status = 'quarantine'), "
                "count(payment_date) FROM staged WHERE sheet = ? AND rn > ? AND rn <= ?",
                [sheet.name, last, hi]).fetchone()
            rows, quarantined, dated = block[0] or [], block[1], block[2]
            if not quarantined or dated:
                continue
            cols = ", ".join(f"c{i}" for i in range(sheet.width))
            figures = cur.execute(
                "SELECT col, list(v) FROM (SELECT col, parse_amount(clean_text(raw)) AS v FROM (UNPIVOT (SELECT "
                + cols + " FROM " + sheet.table + " WHERE list_contains(?::INTEGER[], rn)) ON " + cols
                + " INTO NAME col VALUE raw)) WHERE v IS NOT NULL GROUP BY col", [rows]).fetchall()
            if not any(total in vs or (len(vs) >= 2 and sum(vs) in (total, 2 * total)) for _, vs in figures):
                continue
            cur.execute("UPDATE staged SET status = 'total', reason = NULL WHERE sheet = ? AND list_contains(?::INTEGER[], rn)",
                        [sheet.name, rows])
            span = f"row {rows[0]}" if len(rows) == 1 else f"rows {rows[0]} to {rows[-1]}"
            note = (f"{_where(sheet.name)}{span} under the lines were read as a summary of them, not as lines: their figures "
                    f"add up to the lines' total ({fmt.money(total)}); kept aside with the totals")
            if note not in plan.notes:
                plan.notes.append(note)


_INSERT_TXNS = """
INSERT INTO transactions (batch_id, sheet, row_number, body, body_key, payment_date, period_start, fy, fy_start, amount,
                          irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id, vat_number,
                          department, category, category_code, description, transaction_ref, extra_cells)
SELECT ?, s.sheet, s.rn, body, coalesce(sb.body_key, body_key(s.body), ?::VARCHAR), payment_date,
       coalesce(payment_date, period_month, ?::DATE) AS period_start,
       fy_label(fy_start_of(coalesce(payment_date, period_month, ?::DATE))),
       fy_start_of(coalesce(payment_date, period_month, ?::DATE)),
       amount, irrecoverable_vat,
       coalesce(s.supplier_raw, '""" + colmod.NO_NAME + """'),
       CASE WHEN n.supplier_raw IS NULL OR n.is_redacted THEN 'REDACTED' ELSE n.supplier_key END,
       n.supplier_raw IS NULL OR n.is_redacted,
       supplier_id, vat_number, department, category, category_code, description, transaction_ref, extra_cells
FROM ({classified}) s LEFT JOIN staged_names n ON n.supplier_raw = s.supplier_raw
LEFT JOIN staged_bodies sb ON sb.body_raw = s.body
"""

_INSERT_QUARANTINE = """
INSERT INTO quarantine
SELECT ?, s.sheet, s.rn, s.column_name, s.reason, s.amount, f.raw
FROM staged s JOIN raw_fix f ON f.sheet = s.sheet AND f.rn = s.rn WHERE s.status = 'quarantine'
"""

# What the Upload page's preview says of a line kept aside with the totals (a total, a subtotal, a
# note or a page's furniture among the lines: no payment of its own).
TOTAL_REASON = "a total, a subtotal or a note among the lines, not a payment: kept aside with the totals"

_INSERT_TOTALS = """
INSERT INTO total_lines SELECT ?, s.sheet, s.rn, s.amount, f.raw
FROM staged s JOIN raw_fix f ON f.sheet = s.sheet AND f.rn = s.rn WHERE s.status = 'total'
"""

_COUNTS = """
SELECT status, count(*), sum(amount) FROM staged GROUP BY status
"""


def _headers_json(plans: list[SheetPlan]) -> dict:
    out = {}
    for p in plans:
        segs = [m.as_headers() for _, _, m in p.segments]
        out[p.sheet.name or "(csv)"] = segs[0] if len(segs) == 1 else segs
    return out


def _columns_json(plans: list[SheetPlan]) -> tuple[dict, dict]:
    """({sheet: {field: {"column": header, "found": how}}}, {sheet: [unused column, ...]})."""
    found, unused = {}, {}
    for p in plans:
        name = p.sheet.name or "(csv)"
        f_out, u_out = {}, []
        for _, _, m in p.segments:
            for f in sorted(m.columns, key=m.columns.get):
                f_out.setdefault(f, {"column": ", ".join(m.label(i) for i in m.joined[f]) if f in m.joined
                                     else m.header_of(f), "found": m.found.get(f, "header")})
            if m.months:  # a savings register's columns a month (colmod.add_saving_months): one entry
                f_out.setdefault("saving_months", {"column": ", ".join(m.label(i) for i, _, _ in m.months),
                                                   "found": "header"})
            for c in m.unused_labels():
                if c not in u_out:
                    u_out.append(c)
        found[name], unused[name] = f_out, u_out
    return found, unused


def _result(raw: RawFile, plans: list[SheetPlan]) -> "LoadResult":
    res = LoadResult(file=raw.file_name, encoding=raw.encoding, sheets=[p.sheet.name for p in plans],
                     mapping=_headers_json(plans), skipped_sheets=dict(raw.sheets_not_used))
    res.columns, res.columns_unused = _columns_json(plans)
    # (a column so headed with no cell says nothing of whose the lines are: "no column says", as for none)
    res.body_unread = next((m.label(i) for p in plans for _, _, m in p.segments for i in m.unused if i < len(m.headers)
                            and i not in m.blank
                            and colmod.header_scores(m.headers[i]).get("body", 0) >= colmod.OPTIONAL_WORDS), None)
    res.header_rows_repeated = sum(p.header_rows_repeated for p in plans)
    res.warnings += list(raw.notes) + [n for p in plans for n in p.notes]
    for s, why in raw.sheets_not_used.items():
        if why != "no table in it":
            res.warnings.append(f"sheet '{s}' not read: {why}")
    return res


def _relabel_raw(cur, plans: list[SheetPlan]) -> None:
    """Keep each quarantined or total row as {header: text}, so staff can read it without the file.

    Only those rows (few) are fetched back from the raw grid; loaded rows never pay for this."""
    cur.execute("CREATE OR REPLACE TEMP TABLE raw_fix (sheet VARCHAR, rn INTEGER, raw VARCHAR)")
    fixed = []
    for p in plans:
        cols = ", ".join(f"r.c{i}" for i in range(p.sheet.width))
        rows = cur.execute(
            "SELECT r.rn, " + cols + " FROM " + p.sheet.table + " r JOIN staged s ON s.rn = r.rn "
            "WHERE s.sheet = ? AND s.status <> 'ok' ORDER BY r.rn", [p.sheet.name]
        ).fetchall()
        for rn, *cells in rows:
            headers = next((m.headers for a, b, m in p.segments if a < rn <= b), [])
            obj = {}
            for i, v in enumerate(cells):
                if v is None or not str(v).strip():
                    continue
                name = headers[i] if i < len(headers) and headers[i] and headers[i].strip() else f"column {i + 1}"
                if name in obj:
                    name = f"{name} ({i + 1})"
                obj[name] = v
            fixed.append((p.sheet.name, rn, json.dumps(obj, ensure_ascii=False)))
    if fixed:  # one insert from a frame: executemany costs ~0.4 ms a row (20,000 rows: 8 s)
        import pandas as pd

        cur.register("_raw_fix_rows", pd.DataFrame(fixed, columns=["sheet", "rn", "raw"]))
        try:
            cur.execute("INSERT INTO raw_fix SELECT sheet, rn, raw FROM _raw_fix_rows")
        finally:
            cur.unregister("_raw_fix_rows")


def prepare(cur, path: Path, file_name: str | None = None, mapping: dict | None = None,
            period: tuple | None = None, progress=None,
            kind: colmod.Kind = colmod.SPEND,
            raw: RawFile | None = None) -> tuple[RawFile, list[SheetPlan], tuple | None, Classified | None]:
    """Read and stage a file on ``cur`` (temp tables), without writing to the store.

    Raises UnusableFile when nothing in it can be used, NeedsMapping when a sheet's required
    fields are unclear (or, when no sheet can be used, missing): the caller can then pass
    ``mapping`` ({field: column index, header text or column letter}). Sheets with no table, or
    a table lacking a required field while other sheets load, are listed in ``raw.sheets_not_used``.
    ``raw``: the file already read (the first lines of it, for a preview), instead of reading it."""
    raw = raw or read_file(cur, Path(path), file_name, progress)
    plans, first_unmapped, not_used = [], None, {}
    by_name = period_from_name(raw.file_name)
    has_period = bool(period or by_name)
    file_fy = (_one_financial_year(period or by_name)
               or colmod.financial_year_in([Path(raw.file_name).stem.replace("_", " ")]))
    # Sheets hidden in the workbook (a raw export, a pivot, a lookup list the publisher does not
    # show) come last, and are read only when no sheet it shows holds lines: what a file publishes
    # is what it shows.
    for sheet in sorted(raw.sheets, key=lambda s: s.hidden):
        label = sheet.name or "(csv)"
        if sheet.hidden and plans:
            not_used[label] = "it is hidden in the workbook (unhide it to load its rows)"
            continue
        if kind is colmod.CONTRACTS and len(raw.sheets) > 1 and _PIPELINE_SHEET.search(sheet.name or ""):
            # a register's sheet of contracts still to be let ("Pipeline", "Forward Plan") beside its
            # live ones: no contract yet, whoever holds the work now
            not_used[label] = "its name says its contracts are still to be let (a pipeline): not read as contracts"
            continue
        plan = plan_sheet(cur, sheet, mapping, kind, fy=file_fy)
        if plan is None:
            not_used[label] = "no table in it"
            continue
        maps = [m for _, _, m in plan.segments]
        unclear = sorted({f for m in maps for f in m.unclear if m.found.get(f) not in ("given", "remembered")},
                         key=list(kind.required).index)
        missing = sorted({f for m in maps for f in m.missing()}, key=list(kind.required).index)
        given = (_sheet_period(cur, plan, by_name, file_fy) if kind is colmod.SPEND and "payment_date" in missing
                 and not period else None)
        if given and not (by_name and given[0] == by_name):
            # No date on the lines: the month (or quarter) the title above the header names dates them,
            # else the sheet's name ("April 2024", "Apr 24"), as the file's name would ("Payments over
            # £500 - April 2024"). Where the file's name says another month, the title is the
            # publisher's own word (a name may be given by whoever saved the file); a period a person
            # gives is taken over both.
            named, where = given
            for _, _, seg_m in plan.segments:
                seg_m.month_given = named[0]
            missing.remove("payment_date")
            plan.notes.append(f"{_where(sheet.name)}no column gives the lines a date: each is dated "
                              f"{_period_words(named)}, which {where} names"
                              + (f" (the file's name says {_period_words(by_name)})" if by_name else ""))
        elif kind is colmod.SPEND and has_period:
            if "payment_date" in missing:  # dated by the file's name, or by the period a person gave
                dated = period or by_name
                plan.notes.append(f"{_where(sheet.name)}no column gives the lines a date: each is dated "
                                  f"{_period_words(dated)}, "
                                  + ("the period given for the file" if period else "as the file's name says")
                                  + ("" if _one_month(dated) else " (counted in its first month)"))
            missing = [f for f in missing if f != "payment_date"]
        if unclear and plan.scored:
            raise _needs_mapping(cur, raw, sheet, maps[0], unclear, kind, unclear=True)
        if unclear:  # no header row was recognised: an unclear field is as good as missing
            missing = sorted(set(missing) | set(unclear), key=list(kind.required).index)
        if missing and not plan.scored and not mapping:
            plan = _continuing(cur, sheet, plans, kind) or plan
            missing = [] if plan.scored else missing
        if missing:
            if first_unmapped is None:
                first_unmapped = (sheet, maps[0], missing)
            not_used[label] = "no column found for " + ", ".join(kind.labels[f].lower() for f in missing)
            continue
        if sheet.hidden:
            plan.notes.append(f"sheet '{label}' is hidden in the workbook: read because no sheet it shows holds lines")
        if sheet.formulas_unsaved:
            n = sheet.formulas_unsaved
            plan.notes.append(f"{n:,} cell{'s' if n != 1 else ''} of sheet '{label}' {'are formulas' if n != 1 else 'is a formula'} saved "
                              "without a result (the program that wrote the file did not calculate them): read as "
                              "empty; open the file in Excel or LibreOffice and save it again to keep their values")
        plans.append(plan)
    # (a sheet's own title or name dates its lines as the file's period would: month_given)
    titled = any(m.month_given for p in plans for _, _, m in p.segments)
    if kind is colmod.SPEND and (has_period or titled) and len(plans) > 1:
        # A sheet with no day on its lines beside sheets that have one is a summary of them (a pivot
        # by supplier or directorate), not more lines dated by the file's period.
        dated = [p for p in plans if not any(m.missing() for _, _, m in p.segments)]
        if dated:
            for p in plans:
                if p not in dated:
                    not_used[p.sheet.name or "(csv)"] = (f"no payment date, while sheet '{dated[0].sheet.name}' "
                                                         "has one: read as a summary of it, not as lines")
            plans = dated
    if kind is not colmod.SPEND and len(plans) > 1:
        # A register's sheet whose entries' names were found by the cells alone, beside a sheet whose
        # header names them: a change log's or a key's lines ("Novation: Apex Data Recovery Ltd to
        # Capital Evidence Solutions Group Limited" under "Change"), not more entries.
        name = {"suppliers": "name", "contracts": "supplier_name"}.get(kind.name, kind.required[0])
        headed = [p for p in plans if all(m.found.get(name, "header") != "content" for _, _, m in p.segments)]
        if headed and len(headed) < len(plans):
            for p in plans:
                if p not in headed:
                    not_used[p.sheet.name or "(csv)"] = (f"no column of its header names the {kind.labels[name].lower()} "
                                                         f"(sheet '{headed[0].sheet.name}' has one): its lines are not "
                                                         "read as more entries")
            plans = headed
    if kind is colmod.SPEND and len(plans) > 1:
        plans = _sheets_naming_others(cur, plans, [s.name for s in raw.sheets], not_used)
    if kind is colmod.SPEND and len(plans) > 1:
        plans = _sheets_repeating_others(cur, plans, not_used)
    raw.sheets_not_used = not_used
    if not plans:
        if first_unmapped:
            raise _needs_mapping(cur, raw, *first_unmapped, kind)
        needs = ", ".join(kind.labels[f].lower() for f in kind.required)
        raise UnusableFile(
            f"{raw.file_name}: no header row with {needs} columns was found in any sheet"
        )
    period, period_where = file_period(period, raw.file_name)
    if progress:
        progress(0.5, "Checking every row")
    if kind is colmod.SPEND:
        _settle_us_clock(cur, plans, period, period_where)
        classified = _stage(cur, raw, plans, period)
        # A header row again further down (monthly blocks pasted together; the columns can move)
        # fails to read as money, so it is among the staged rows: split the sheet there and stage again.
        if _split_at_repeated_headers(cur, plans, mapping, kind):
            classified = _stage(cur, raw, plans, period)
        if _settle_decimal_commas(cur, plans) | _settle_month_first(cur, plans):
            classified = _stage(cur, raw, plans, period)
        _adjustment_period_notes(cur, plans)
    else:
        from lib.ingest.registers import stage_register
        before = [list(p.notes) for p in plans]
        stage_register(cur, plans, kind)
        staged_notes = [len(p.notes) for p in plans]
        # a register's header written again further down (its pages or years pasted together) is no
        # entry missing its dates: split there as a spend sheet is, and stage again (its notes once)
        if _split_at_repeated_headers(cur, plans, mapping, kind):
            for p, b, n in zip(plans, before, staged_notes):
                p.notes[:] = b + p.notes[n:]
            stage_register(cur, plans, kind)
        classified = None
    return raw, plans, period, classified


def _continuing(cur, sheet: Sheet, plans: list[SheetPlan], kind: colmod.Kind) -> SheetPlan | None:
    """The plan of a sheet with no header row of its own that goes on with the lines of the sheet
    read before it (a report converted from PDF a sheet a page, its header on the first page only):
    that sheet's columns, when this one fills the same columns and holds, where that one's required
    fields are, cells of their kinds (dates, sums, names) on nine lines in ten. Else None: the sheet
    is not read, and the load says it found no header in it. Identifiers are generated (c0..cN)."""
    prev = next((p for p in reversed(plans) if p.scored), None)
    if prev is None:
        return None
    lo, hi, m0 = prev.segments[-1]
    if sheet.width != prev.sheet.width or any(i is None or i >= sheet.width for i in m0.columns.values()):
        return None
    filled = ", ".join(f"count(clean_text(c{i})) > 0" for i in range(sheet.width))
    here = cur.execute("SELECT " + filled + " FROM " + sheet.table).fetchone()
    there = cur.execute("SELECT " + filled + " FROM " + prev.sheet.table + " WHERE rn > ? AND rn <= ?", [lo, hi]).fetchone()
    if here != there:
        return None
    checks = []
    for f in kind.required:
        i = m0.columns.get(f)
        if i is None:
            continue
        shape, c = kind.shape(f), f"c{int(i)}"
        if shape == "date":
            checks.append(f"count(parse_uk_date({c}))")
        elif shape == "money":
            checks.append(f"count(parse_amount({c}))")
        else:  # names: text that is neither a sum nor a date
            checks.append(f"count(CASE WHEN parse_amount({c}) IS NULL AND parse_uk_date({c}) IS NULL "
                          f"THEN clean_text({c}) END)")
    a = m0.columns.get("amount")
    if not checks or a is None:
        return None
    got = cur.execute("SELECT count(*), " + ", ".join(checks) + " FROM " + sheet.table
                      + f" WHERE parse_amount(c{int(a)}) IS NOT NULL").fetchone()
    if not got[0] or any(n < 0.9 * got[0] for n in got[1:]):
        return None
    plan = plan_sheet(cur, sheet, dict(m0.columns), kind)
    if plan is None or any(m.missing() or m.unclear for _, _, m in plan.segments):
        return None
    plan.scored = True
    plan.notes.append(f"sheet '{sheet.name}' has no header row: read with the columns of sheet '{prev.sheet.name}', "
                      "whose lines it goes on with (the same columns, holding dates, sums and names where that "
                      "sheet's do)")
    return plan


# The share of a column's cells below the header that must name the workbook's other sheets for its
# sheet to be read as their summary (an index may name a sheet the publisher dropped).
SHEET_INDEX_SHARE = 0.8


def _sheets_naming_others(cur, plans: list[SheetPlan], sheet_names: list[str], not_used: dict) -> list[SheetPlan]:
    """The plans less any sheet with a column whose cells, line after line, are the names of the
    workbook's other sheets (a "Summary" of "Month | Sheet | No. of payments | Net £", one line a
    month sheet): a summary of them, or their index, not more lines. Read beside them, its lines
    loaded as payments to "Apr-23", "May-23", ..., and the year's spend was doubled. A column naming
    one sheet, or lines that name none, prove nothing. Identifiers are generated (c0..cN, our own
    table names); sheet names are bound values."""
    kept = []
    for plan in plans:
        others = sorted({" ".join(str(n).lower().split()) for n in sheet_names if n and n != plan.sheet.name})
        lo, hi = plan.segments[0][0], plan.segments[-1][1]
        named = None
        if len(others) >= 2:
            # (every column in one pass: its filled cells, those naming another sheet, and how many sheets)
            norm = [f"nullif(lower(regexp_replace(trim(c{i}), '\\s+', ' ', 'g')), '')" for i in range(plan.sheet.width)]
            got = cur.execute(
                "SELECT " + ", ".join(f"count({v}), count(*) FILTER (WHERE list_contains($1, {v})), "
                                      f"count(DISTINCT {v}) FILTER (WHERE list_contains($1, {v}))" for v in norm)
                + " FROM " + plan.sheet.table + " WHERE rn > $2 AND rn <= $3", [others, lo, hi]).fetchone()
            named = next((i for i in range(plan.sheet.width) if got[3 * i] >= 2 and got[3 * i + 2] >= 2
                          and got[3 * i + 1] >= SHEET_INDEX_SHARE * got[3 * i]), None)
        if named is None:
            kept.append(plan)
            continue
        not_used[plan.sheet.name or "(csv)"] = (f"its column {colmod.column_letter(named)} names the workbook's other "
                                                "sheets, line by line: read as a summary of them, not as more lines")
    return kept if kept else plans


def _sheets_repeating_others(cur, plans: list[SheetPlan], not_used: dict) -> list[SheetPlan]:
    """The plans less any sheet whose every line is a line of the workbook's other sheets (an "All"
    or "Year to date" sheet beside the month sheets it gathers, a copy of a sheet): read beside
    them, its lines would count twice. Lines are compared by date, amount and supplier as written,
    each as many times as it is written; the sheets with most lines are looked at first, so that
    the one that gathers the others is left out and they are kept, and of two copies the later.
    Identifiers are generated (c0..cN, our own table names); the bounds are bound values."""
    parts, params = [], []
    for k, plan in enumerate(plans):
        for lo, hi, m in plan.segments:
            d, a, sup = (m.columns.get(f) for f in ("payment_date", "amount", "supplier_name"))
            if a is None or sup is None:
                return plans
            day = f"parse_uk_date(c{int(d)})" if d is not None else "NULL::DATE"
            parts.append(f"SELECT {k} AS k, {day} AS d, parse_amount(c{int(a)}) AS a, clean_text(c{int(sup)}) AS s "
                         f"FROM {plan.sheet.table} WHERE rn > ? AND rn <= ?")
            params += [lo, hi]
    cur.execute("CREATE OR REPLACE TEMP TABLE _sheet_lines AS SELECT k, d, a, s, count(*) AS n FROM ("
                + " UNION ALL ".join(parts) + ") WHERE a IS NOT NULL AND s IS NOT NULL GROUP BY ALL", params)
    try:
        sizes = dict(cur.execute("SELECT k, sum(n) FROM _sheet_lines GROUP BY k").fetchall())
        kept = [k for k in range(len(plans)) if sizes.get(k)]
        for k in sorted(kept, key=lambda k: (-sizes[k], -k)):
            others = [j for j in kept if j != k]
            if not others:
                break
            short = cur.execute(
                "SELECT count(*) FROM (SELECT d, a, s, n FROM _sheet_lines WHERE k = ?) x LEFT JOIN "
                "(SELECT d, a, s, sum(n) AS n FROM _sheet_lines WHERE list_contains(?, k) GROUP BY ALL) y "
                "ON x.d IS NOT DISTINCT FROM y.d AND x.a = y.a AND x.s = y.s WHERE coalesce(y.n, 0) < x.n",
                [k, others]).fetchone()[0]
            if short == 0:
                kept = others
                names = ", ".join(f"'{plans[j].sheet.name}'" for j in others)
                not_used[plans[k].sheet.name or "(csv)"] = (
                    f"every line of it is a line of sheet{'s' if len(others) > 1 else ''} {names}: "
                    "read as a repeat of them, not as more lines")
        kept = _sheets_summing_others(cur, plans, kept, sizes, not_used)
        return [p for k, p in enumerate(plans) if k in kept or not sizes.get(k)]
    finally:
        cur.execute("DROP TABLE IF EXISTS _sheet_lines")


def _sheets_summing_others(cur, plans: list[SheetPlan], kept: list[int], sizes: dict, not_used: dict) -> list[int]:
    """``kept`` less any sheet whose lines are sums of another sheet's lines, or of all the others'
    (a pivot table beside the data it sums: "Supplier | Sum of Amount", by month or not): fewer lines,
    and for every supplier it names, and only those, the same sum to the penny as there (its total
    rows aside). Read beside them, its sums would count every payment twice. Looked at from the
    smallest sheet up; a summary found is left out and said, with the sheets it sums. Reads the
    ``_sheet_lines`` of :func:`_sheets_repeating_others`."""
    # Each sheet's sum first (one pass): only a sheet whose sum is another's, or all the others', can
    # be their summary, and only those are compared supplier by supplier (a workbook of twelve month
    # sheets and no summary asks nothing more).
    sums = dict(cur.execute("SELECT k, sum(a * n) FROM _sheet_lines WHERE NOT is_total_label(s) GROUP BY k").fetchall())
    per = ("SELECT s, sum(a * n) AS t FROM _sheet_lines WHERE list_contains(?, k) AND NOT is_total_label(s) "
           "GROUP BY s")
    for k in sorted(kept, key=lambda k: (sizes[k], k)):
        others = [j for j in kept if j != k]
        for group in [[j] for j in others] + ([others] if len(others) > 1 else []):
            if sizes[k] >= sum(sizes[j] for j in group) or sums.get(k) != sum(sums.get(j, 0) for j in group):
                continue
            differ, total = cur.execute(
                "SELECT count(*) FILTER (WHERE x.t IS DISTINCT FROM y.t), sum(x.t) FROM (" + per + ") x FULL JOIN ("
                + per + ") y ON x.s = y.s", [[k], group]).fetchone()
            if differ == 0 and total:
                kept = others
                names = ", ".join(f"'{plans[j].sheet.name}'" for j in group)
                not_used[plans[k].sheet.name or "(csv)"] = (
                    f"its sums by supplier are those of the lines of sheet{'s' if len(group) > 1 else ''} {names} "
                    f"({fmt.money(total)} in all): read as a summary of them (a pivot table), not as more lines")
                break
    return kept


def _settle_column_reading(cur, plans: list[SheetPlan], field: str, marked: str, failing: str, opposing: str,
                           note: str, majority: int | None = None, kept_out: str = "", none_out: str = "",
                           among: str | None = None, tighter: str = "FALSE") -> bool:
    """Mark segments (in ``plan.<marked>``) whose ``field`` column is read the other way throughout,
    saying so in the plan's notes (``note``, with the column's header as ``{header}``): a reading the
    file did not state is never taken in silence. True when any was found (the rows must then be
    staged again with that reading).

    The rule for a whole column, defined once: only a column with staged cells that fail the usual
    reading in the form the other reading explains (``failing``, over the staged rows) can be one,
    so the common case costs a look at the staged rows alone; it is read the other way when none of
    its cells can only be read the usual way (``opposing``, over the column's cell ``{cell}``), or,
    with ``majority``, when those are outnumbered that many times over (a US export's one date typed
    the UK way among thirty that can only be month first: read as UK, the ambiguous rest were
    swapped in silence); those few are then the ones quarantined, and ``kept_out`` (with ``{n}``)
    says so in the note, where ``note`` has ``{kept_out}`` (``none_out`` when there are none). With
    ``among`` (the column's cells of the field's kind, over ``{cell}``), the other-way cells must also
    be one in OTHER_WAY_SHARE of those (:func:`reads_other_way`), unless the cells either way reads fall
    in fewer months read the other way (``tighter``, SQL over the column's ``{cell}``): one date typed
    the US way in a UK file whose every other date reads either way (a week's list, or a workbook's
    typed dates beside it) is quarantined, not made the reason to swap the rest. Else the column keeps
    the usual reading, and its other-way cells stay quarantined."""
    found = False
    for plan in plans:
        done = getattr(plan, marked)
        for header_rn, last_rn, m in plan.segments:
            col = m.columns.get(field)
            if col is None or header_rn in done:
                continue
            failed = cur.execute("SELECT count(*) FROM staged WHERE sheet = ? AND rn > ? AND rn <= ? AND " + failing,
                                 [plan.sheet.name, header_rn, last_rn]).fetchone()[0]
            if not failed:
                continue
            opposed, kind_cells, tight = column_evidence(cur, plan.sheet.table, col, header_rn, last_rn,
                                                         opposing, among, tighter)
            if reads_other_way(failed, opposed, kind_cells, majority, tight):
                done.add(header_rn)
                plan.notes.append(_where(plan.sheet.name) + note.format(
                    header=m.header_of(field), kept_out=kept_out.format(n=opposed) if opposed else none_out))
                found = True
    return found


def _settle_decimal_commas(cur, plans: list[SheetPlan]) -> bool:
    """Amounts written the European way (1.234,56) throughout: their column is read that way when none
    of its cells is written the UK way (12.34, 1,234); else its European-looking cells stay
    quarantined as ambiguous."""
    return _settle_column_reading(cur, plans, "amount", "european",
                                  "amount IS NULL AND amount_form(amount_raw) = 'eu'", "amount_form({cell}) = 'uk'",
                                  "the amounts in '{header}' are written with decimal commas (1.234,56), and none the "
                                  "UK way: read that way throughout")


def _settle_month_first(cur, plans: list[SheetPlan]) -> bool:
    """Dates written month first (12/31/2023): their column is read that way when some of its dates
    fail the day-first reading because their second number is over 12 and none can only be day
    first (31/12/2023), or those are outnumbered ten times over (then quarantined, saying so); and
    they are one in twenty of its dates, or the dates either order reads (01/02/2024) fall in fewer
    months read month first (one US-typed date in a UK week's list is quarantined, the rest kept)."""
    return _settle_column_reading(cur, plans, "payment_date", "month_first",
                                  "payment_date IS NULL AND date_order(date_raw) = 'mdy'",
                                  note="the dates in '{header}' are written month first (12/31/2023, as US English "
                                       "writes them){kept_out}: read month first throughout",
                                  majority=MONTH_FIRST_MAJORITY,
                                  kept_out=", but for {n} that can only be day first, far fewer than those that can "
                                           "only be month first (each quarantined, saying so)",
                                  none_out=", and none can only be day first", **MONTH_FIRST_EVIDENCE)


MONTH_FIRST_MAJORITY = 10  # dates that can only be month first, to each one that can only be day first
OTHER_WAY_SHARE = 20  # a column read the other way holds at least one such cell in this many of its kind


def reads_other_way(failed: int, opposed: int, kind_cells: int | None, majority: int | None,
                    tighter: bool = False) -> bool:
    """Whether a column is read the other way (month first; decimal commas): ``failed`` cells only that
    way reads, ``opposed`` only the usual way reads, ``kind_cells`` of its cells of the field's kind
    (None: not weighed), ``tighter``: the cells either way reads fall in fewer months read the other
    way (a month's list). The rule of :func:`_settle_column_reading`, defined once for both load paths."""
    if not failed:
        return False
    if kind_cells is not None and failed * OTHER_WAY_SHARE < kind_cells and not tighter:
        return False
    return not opposed or bool(majority and opposed * majority <= failed)


# What a date column's cells (``{cell}``) say for and against reading it month first, in SQL
# (_settle_column_reading's opposing, among and tighter): cells only day first reads; cells of dates
# at all; whether the months the dates either order reads fall in are fewer read month first than day
# first (a US month's list whose days mostly run to the 12th; not a UK week's).
MONTH_FIRST_EVIDENCE = {
    "opposing": "date_order(clean_text({cell})) = 'dmy'",
    "among": "(date_order(clean_text({cell})) IS NOT NULL OR parse_uk_date(clean_text({cell})) IS NOT NULL)",
    "tighter": (
        "count(DISTINCT date_trunc('month', parse_us_date(clean_text({cell})))) FILTER (WHERE {either}) "
        "< count(DISTINCT date_trunc('month', parse_uk_date(clean_text({cell})))) FILTER (WHERE {either})").replace(
        "{either}", "date_order(clean_text({cell})) IS NULL AND parse_uk_date(clean_text({cell})) "
                    "<> parse_us_date(clean_text({cell}))"),
}


def column_evidence(cur, table: str, col: int, lo: int, hi: int, opposing: str, among: str | None = None,
                    tighter: str = "FALSE") -> tuple[int, int | None, bool]:
    """(cells of column ``col`` in rows (lo, hi] only the usual reading reads, its cells of the field's
    kind (None without ``among``), the ``tighter`` test) for :func:`reads_other_way`: the conditions are
    SQL over ``{cell}``, the store's own; the column a generated name. One look at the column, by the
    full path (:func:`_settle_column_reading`) and the one pass alike."""
    cell = f"c{int(col)}"
    opposed, kind_cells, tight = cur.execute(
        "SELECT count(*) FILTER (WHERE " + opposing.format(cell=cell) + "), count(*) FILTER (WHERE "
        + (among or "TRUE").format(cell=cell) + "), " + tighter.format(cell=cell) + " FROM " + table
        + " WHERE rn > ? AND rn <= ?", [lo, hi]).fetchone()
    return opposed, kind_cells if among else None, bool(tight)


# A date with a twelve-hour clock ("4/1/2024 12:00:00 AM"): how a report set to US English writes
# one (SQL Server Reporting Services, .NET), month first. A UK-set report writes "01/04/2024 00:00:00".
US_CLOCK_DATE = r"\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(:\d{2})?\s*[AaPp]\.?[Mm]\.?\s*"


def us_clock_dates(cur, table: str, col: int, lo: int, hi: int) -> bool:
    """Does the date column ``c{col}`` in rows (lo, hi) write its dates as a US-set report does, month
    first with a twelve-hour clock, nine in ten of them, and none that can only be day first?"""
    n, us, dmy = cur.execute(
        f"SELECT count(v), count(*) FILTER (WHERE regexp_full_match(v, ?)), count(*) FILTER (WHERE date_order(v) = 'dmy') "
        f"FROM (SELECT clean_text(c{int(col)}) AS v FROM " + table + " WHERE rn > ? AND rn <= ?) WHERE v IS NOT NULL",
        [US_CLOCK_DATE, lo, hi]).fetchone()
    return bool(n) and us >= 0.9 * n and not dmy


# A date header that gives its order month first: "Payment Date (MM/DD/YYYY)", "Date mm-dd-yy", "M/D/Y".
_MONTH_FIRST_HEADER = re.compile(r"(?i)\bm{1,2}\s*[/.-]\s*d{1,2}\s*[/.-]\s*y{2,4}\b")


def month_first_by_header(cur, table: str, m: colmod.Mapping, lo: int, hi: int) -> bool:
    """Does the payment date's header say its dates are month first ("Payment Date (MM/DD/YYYY)"),
    and none of them can only be day first?"""
    col = m.columns.get("payment_date")
    if col is None or not _MONTH_FIRST_HEADER.search(str(m.header_of("payment_date") or "")):
        return False
    return not cur.execute(
        f"SELECT count(*) FILTER (WHERE date_order(v) = 'dmy') FROM (SELECT clean_text(c{int(col)}) AS v FROM "
        + table + " WHERE rn > ? AND rn <= ?) WHERE v IS NOT NULL", [lo, hi]).fetchone()[0]


# The lines an either-way reading of dates is judged on: a month's list shows its month in these
ORDER_WINDOW = 5000


def _either_order(cur, table: str, m: colmod.Mapping, lo: int, hi: int) -> tuple | None:
    """(first, last, months) of the dates read day first, and the one month they all fall in read month
    first, when every date in the payment date's column reads either way (none has a number over 12:
    1/12/2016 .. 9/12/2016, a December's first days) and, read day first, they spread over three months
    or more; None otherwise. Judged on the first ORDER_WINDOW lines from ``lo``."""
    col = m.columns.get("payment_date")
    if col is None:
        return None
    n, dmy, mdy, uk, us, first, last, us_month = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE o = 'dmy'), count(*) FILTER (WHERE o = 'mdy'), "
        "count(DISTINCT date_trunc('month', uk)), count(DISTINCT date_trunc('month', us)), min(uk), max(uk), "
        "any_value(us) FROM (SELECT date_order(v) AS o, parse_uk_date(v) AS uk, parse_us_date(v) AS us FROM "
        f"(SELECT clean_text(c{int(col)}) AS v FROM " + table + " WHERE rn > ? AND rn <= ?)) "
        # the dates written day, month and year in figures: one order or the other, or both
        "WHERE o IS NOT NULL OR (uk IS NOT NULL AND us IS NOT NULL)",
        [lo, min(hi, lo + ORDER_WINDOW)]).fetchone()
    if n < 5 or dmy or mdy or uk < 3 or us != 1 or us_month is None:
        return None
    return first, last, uk, us_month


def either_order_note(m: colmod.Mapping, found: tuple) -> str:
    """Dates that each read either way (``found``: :func:`_either_order`) are read day first, as a UK
    file writes them; when so read they spread over three months or more while read month first they
    all fall in one (as a month's list does), the reading may be wrong: said, with how to load them
    month first. Nothing is changed."""
    first, last, uk, us_month = found
    return (f"the dates in '{m.header_of('payment_date')}' each read either way (no number in them is over 12): read "
            f"day first, as UK files are, they run from {first:%d/%m/%Y} to {last:%d/%m/%Y} ({uk} months), while read "
            f"month first they all fall in {us_month:%B %Y}: if the file is that month's, head the column "
            f"'{m.header_of('payment_date')} (MM/DD/YYYY)' and load it again to read them month first")


def month_first_by_period(m: colmod.Mapping, found: tuple, named: list[tuple[tuple, str]]) -> str | None:
    """When every date reads either way and, read month first, all fall in one month while read day first
    they spread over three or more (``found``: :func:`_either_order`), and the file itself names a period
    holding that month and not all of the others (``named``: :func:`periods_named`): the note saying they
    are read month first; None otherwise. The publisher's own word for the month settles what the dates
    alone cannot."""
    first, last, uk, us_month = found
    for period, where in named:
        if period and period[0] <= us_month <= period[1] and not (period[0] <= first and last <= period[1]):
            return (f"the dates in '{m.header_of('payment_date')}' each read either way (no number in them is over 12), "
                    f"and {where} names {_period_words(period)}: read month first, they all fall in "
                    f"{us_month:%B %Y}; read day first they would run from {first:%d/%m/%Y} to {last:%d/%m/%Y} "
                    f"({uk} months). Read month first throughout")
    return None


def file_period(period: tuple | None, file_name: str) -> tuple[tuple | None, str]:
    """(the period that dates a file's lines with no day of their own, where it comes from): the one
    given for the file, else the one its name declares (:func:`period_from_name`)."""
    if period:
        return period, "the period given for the file"
    return period_from_name(file_name), f"the file's name '{file_name}'"


def periods_named(cur, plan: SheetPlan, period: tuple | None, where: str) -> list[tuple[tuple | None, str]]:
    """The periods a sheet's lines are said to be of, each with where it is said: the file's
    (:func:`file_period`), and the sheet's own title or name (:func:`_sheet_period`)."""
    return [(period, where)] + ([own] if (own := _sheet_period(cur, plan, period)) else [])


def swapped_by_a_spreadsheet_note(cur, table: str, m: colmod.Mapping, lo: int, hi: int) -> str | None:
    """Dates written two ways in one column, as a spreadsheet leaves a UK file it read as a US one: the
    dates it could read month first made dates of (2/1/2014, the 2nd of January, became 1 February,
    written back 2014-02-01), the others left as text (13/01/2014). The signs, all of them: the dated
    cells are of those two forms alone, year-month-day and day first past the 12th (a date of another
    form, one of figures that reads either way above all, the spreadsheet would have turned too); the
    year-month-day ones over two months or more as written, each with a day no later than the 12th,
    and all of them, day and month swapped, in the months of the day-first ones. Said, with what the
    swap would make of them; nothing is changed (the file says what it says). None otherwise."""
    col = m.columns.get("payment_date")
    if col is None:
        return None
    cells = f"(SELECT clean_text(c{int(col)}) AS v FROM " + table + " WHERE rn > ? AND rn <= ?)"
    window = [lo, min(hi, lo + ORDER_WINDOW)]
    iso, other = cur.execute(  # (the shapes first, cheaply: most columns hold one)
        "SELECT count(*) FILTER (WHERE v LIKE '____-__-__%'), count(*) FILTER (WHERE v NOT LIKE '____-__-__%') FROM "
        + cells, window).fetchone()
    if iso < 3 or other < 3:
        return None
    n_iso, n_dmy, third, iso_months, off, first, last, sw_first, sw_last = cur.execute(
        "WITH c AS (SELECT regexp_full_match(v, '\\d{4}-\\d{2}-\\d{2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?') AS iso, "
        "date_order(v) AS o, parse_uk_date(v) AS uk FROM " + cells + " WHERE v IS NOT NULL), "
        "t AS (SELECT *, CASE WHEN iso AND day(uk) <= 12 THEN make_date(year(uk), day(uk), month(uk)) END AS sw FROM c), "
        "dm AS (SELECT DISTINCT date_trunc('month', uk) AS mo FROM t WHERE o = 'dmy') "
        "SELECT count(*) FILTER (WHERE iso AND uk IS NOT NULL), count(*) FILTER (WHERE o = 'dmy'), "
        "count(*) FILTER (WHERE NOT iso AND o IS DISTINCT FROM 'dmy' AND uk IS NOT NULL), "
        "count(DISTINCT date_trunc('month', uk)) FILTER (WHERE iso), "
        "count(*) FILTER (WHERE iso AND uk IS NOT NULL AND (sw IS NULL OR date_trunc('month', sw) NOT IN (SELECT mo FROM dm))), "
        "min(uk) FILTER (WHERE iso), max(uk) FILTER (WHERE iso), min(sw), max(sw) FROM t", window).fetchone()
    if n_iso < 3 or n_dmy < 3 or third or iso_months < 2 or off:
        return None
    h = m.header_of("payment_date")
    swapped = f"{sw_first:%B %Y}" if (sw_first.year, sw_first.month) == (sw_last.year, sw_last.month) else \
        f"{sw_first:%B %Y} to {sw_last:%B %Y}"
    return (f"the dates in '{h}' are written two ways: {n_iso} year-month-day, from {first:%d/%m/%Y} to {last:%d/%m/%Y} "
            f"({iso_months} months), none past the 12th day, and {n_dmy} day first, every one past the 12th. Read with "
            f"day and month swapped the year-month-day ones fall in {swapped}, with the others, as when a spreadsheet "
            "reads a UK file's dates as US ones (2/1/2014, the 2nd of January, becomes 1 February) and leaves as text "
            "those it cannot. Loaded as written: if they were swapped, correct the dates in the file and load it again")


def date_order_note(cur, table: str, m: colmod.Mapping, lo: int, hi: int,
                    named: list[tuple[tuple | None, str]] = ()) -> tuple[str | None, bool]:
    """(what a column of dates read day first may have wrong, whether it is read month first instead).
    Every date reads either way: month first when a period the file names holds the month they then
    fall in (:func:`month_first_by_period`, with ``named``), else said and not changed
    (:func:`either_order_note`); or a spreadsheet swapped some (:func:`swapped_by_a_spreadsheet_note`),
    said. Judged on the lines from ``lo``, by the full path and the one pass alike, in one look at them."""
    found = _either_order(cur, table, m, lo, hi)
    if found is None:
        return swapped_by_a_spreadsheet_note(cur, table, m, lo, hi), False
    if note := month_first_by_period(m, found, named):
        return note, True
    return either_order_note(m, found), False


def _settle_us_clock(cur, plans: list[SheetPlan], period: tuple | None = None, period_where: str = "") -> None:
    """Dates written month first with a twelve-hour clock throughout (:func:`us_clock_dates`) are read
    month first even when every one of them could be read either way ("4/1/2024 12:00:00 AM" in a
    week of April was read as the 4th of January..July): a note says so. So are dates that each read
    either way when the file names the one month they fall in read month first (``period``, the file's
    own or the one given, said as ``period_where``, or a sheet's title or name: :func:`date_order_note`)."""
    for plan in plans:
        named = periods_named(cur, plan, period, period_where)
        for header_rn, last_rn, m in plan.segments:
            col = m.columns.get("payment_date")
            if col is None or header_rn in plan.month_first:
                continue
            if us_clock_dates(cur, plan.sheet.table, col, header_rn, last_rn):
                plan.month_first.add(header_rn)
                plan.notes.append(f"{_where(plan.sheet.name)}the dates in '{m.header_of('payment_date')}' are written "
                                  "month first with a twelve-hour clock (4/1/2024 12:00:00 AM), as a report set to US "
                                  "English writes them: read month first throughout")
            elif month_first_by_header(cur, plan.sheet.table, m, header_rn, last_rn):
                plan.month_first.add(header_rn)
                plan.notes.append(f"{_where(plan.sheet.name)}the dates in '{m.header_of('payment_date')}' are month "
                                  "first, as the header says: read month first throughout")
            else:
                note, month_first = date_order_note(cur, plan.sheet.table, m, header_rn, last_rn, named)
                if month_first:
                    plan.month_first.add(header_rn)
                if note:
                    plan.notes.append(_where(plan.sheet.name) + note)


def _sums_elsewhere(m: colmod.Mapping, f: str) -> str:
    """Where the sums a misfit column's header promised are (``m.sums_in``), said after it: the one column
    under another heading that holds them, and, when the last column holding cells has no heading of its
    own, that the header may be a heading short, each heading from some column on sitting over the column
    before its own (a header that left one out)."""
    sums = m.sums_in.get(f) or []
    said = f" (the cells under '{m.label(sums[0])}' do)" if len(sums) == 1 else ""
    if m.cells_past_header is not None:
        said += (f"; {m.label(m.cells_past_header)}, after the last heading, holds cells: the header may have left a "
                 "heading out, so that the headings after it sit over the column before their own")
    return said


# Cells a spreadsheet shows where a column is too narrow for its numbers or dates ("######"), saved so
_HASHES = re.compile(r"#{2,}")


def _dates_unread(cur, sheet: Sheet, m: colmod.Mapping, i: int) -> str:
    """Why no column was taken for the payment date, when column ``i`` is headed as it ("Date") and its
    cells do not read as dates (``m.misfit``): said after the refusal, with what the cells are ("######"
    on every line: a spreadsheet's sign that the column was too narrow to show its dates, saved so)."""
    # (a generated column name; the bound is a value)
    cells = [v for (v,) in cur.execute("SELECT DISTINCT trim(c" + str(int(i)) + ") AS v FROM " + sheet.table
                                       + " WHERE rn > ? AND nullif(trim(c" + str(int(i)) + "), '') IS NOT NULL "
                                       "ORDER BY v LIMIT 4", [m.header_rn]).fetchall()]
    said = f"; '{m.label(i)}' is headed as the payment date, but its cells do not read as dates ('" \
        + "', '".join(cells[:3]) + "'" + (", …)" if len(cells) > 3 else ")")
    if cells and all(_HASHES.fullmatch(v) for v in cells):
        said += (": a spreadsheet shows ###### where a column is too narrow for its dates, and the file was saved "
                 "so; widen the column and save it again, or give the month its lines are of (the Upload page's period box, or --period YYYY-MM)")
    return said


def _needs_mapping(cur, raw: RawFile, sheet: Sheet, m: colmod.Mapping, fields: list, kind: colmod.Kind,
                   unclear: bool = False) -> NeedsMapping:
    where = _where(sheet.name)
    names = ", ".join(kind.labels[f].lower() for f in fields)
    if unclear:
        cols = {f: " or ".join(f"'{m.label(i)}'" for i in m.candidates.get(f, [])[:3]) for f in fields}
        options = "; ".join(f"{kind.labels[f].lower()}: {c}" for f, c in cols.items())
        if all(len(m.candidates.get(f, [])) <= 1 for f in fields):  # one, whose header names another field more
            nearest = cols[fields[0]] if len(fields) == 1 else options
            msg = f"{raw.file_name}: {where}row {m.header_rn}: no column is clearly the {names} (nearest: {nearest})"
        else:
            msg = f"{raw.file_name}: {where}row {m.header_rn}: more than one column could be the {names} ({options})"
    elif _no_heading(m.header_rn, m.headers):  # the columns were read by what they hold
        msg = f"{raw.file_name}: {where}no heading row, and no column's cells show which is the {names}"
    else:
        why = "".join(_dates_unread(cur, sheet, m, i) if kind.shape(f) == "date" else
                      f"; '{m.label(i)}' is headed as the {kind.labels[f].lower()}, but its cells do not read as "
                      "sums of money in pounds" + _sums_elsewhere(m, f) for f, i in m.misfit.items() if f in fields)
        msg = (f"{raw.file_name}: {where}row {m.header_rn}: no column found for {names}{why}; "
               f"headers are {', '.join(h for h in m.headers if h)}")
    e = NeedsMapping(msg, sheet.name, m.headers, m.header_rn,
                     {f: i for f, i in m.columns.items()})
    e.fields = list(fields)
    e.found = dict(m.found)
    e.unclear = unclear  # a header was found, and more than one column could be a field
    e.options = {f: [m.label(i) for i in m.candidates.get(f, [])[:3]] for f in fields} if unclear else {}
    return e


def _split_at_repeated_headers(cur, plans: list[SheetPlan], mapping: dict | None, kind: colmod.Kind) -> bool:
    """Split each sheet's segment at staged rows that look like a header; True when any was found.
    A row of header words with no lines under it is a note that names columns (kept in
    ``note_rows``, read with the totals and notes), not a new block."""
    found = False
    for plan in plans:
        rows = [rn for (rn,) in cur.execute(
            "SELECT rn FROM staged WHERE sheet = ? AND amount IS NULL ORDER BY rn LIMIT 20000", [plan.sheet.name]
        ).fetchall()]
        if not rows:
            continue
        cells_by_rn = dict(_rows(cur, plan.sheet, "rn IN (SELECT unnest(?::INTEGER[]))", [rows]))
        skip = set()
        for rn in rows:
            cells = cells_by_rn.get(rn)
            if not cells or rn in skip:
                continue
            # A header written over two lines, again (a printed export repeats it at each page
            # break): the two lines read as one, the lines start under the second.
            lower = cells_by_rn.get(rn + 1)
            first, header_rn = rn, rn
            if lower is not None and colmod.is_two_line_header(cells, lower, kind):
                cells, header_rn = colmod.joined_header(cells, lower), rn + 1
                skip.add(rn + 1)
            elif not colmod.looks_like_header(cells, kind):
                continue
            prev_hdr, last, prev_map = plan.segments[-1]
            if not (prev_hdr < first <= last):
                continue
            if not _lines_under(cur, plan.sheet, header_rn, last, rows, cells_by_rn):
                plan.note_rows.update(range(first, header_rn + 1))  # a note naming columns, under the lines
                found = True  # staged again, the note counted with the totals
                continue
            plan.segments[-1] = (prev_hdr, first - 1, prev_map)
            # (the same header again, as a report prints it at the head of every page: read as it was
            # read the first time, not planned afresh, 0.1 s a page)
            same = _header_cells(cells) == _header_cells(prev_map.headers)
            m = prev_map if same else _mapping_for(cur, plan.sheet, header_rn, cells, header_rn, last + 1, mapping, kind)
            if (note := _unnamed_counts(cur, plan.sheet, m, header_rn, last)) and note not in plan.notes:
                plan.notes.append(note)
            plan.segments.append((header_rn, last, m))
            plan.header_rows_repeated += header_rn - first + 1
            found = True
    return found


def _header_cells(cells) -> list:
    """A header's cells as text, trimmed, trailing empties dropped (to tell the same header again)."""
    out = [str(c).strip() if c is not None and str(c).strip() else None for c in cells]
    while out and out[-1] is None:
        out.pop()
    return out


def _lines_under(cur, sheet: Sheet, after: int, last: int, no_amount: list, cells_by_rn: dict) -> bool:
    """Any line in (after, last]: a non-blank row with an amount, or one without that reads as data."""
    cols = ", ".join(f"c{i}" for i in range(sheet.width))
    if cur.execute("SELECT EXISTS (SELECT 1 FROM " + sheet.table + " WHERE rn > ? AND rn <= ? AND NOT list_contains("
                   "?::INTEGER[], rn) AND trim(concat_ws('', " + cols + ")) <> '')", [after, last, no_amount]).fetchone()[0]:
        return True
    return any(colmod.looks_like_data(c) for rn, c in cells_by_rn.items() if after < rn <= last)


def _fill_counts(cur, res: LoadResult, ok: tuple | None = None) -> None:
    """Counts from ``staged``; ``ok`` = (rows, amount) of the loaded rows when staged holds only the others."""
    for status, n, amount in cur.execute(_COUNTS).fetchall():
        if status == "ok":
            res.rows_loaded, res.amount_loaded = n, amount
        elif status == "quarantine":  # rows with no readable amount add nothing to the sum
            if amount is not None and abs(amount) >= BATCH_POUNDS:
                # sums past the limit of one payment, so many that their total is past what a batch
                # records: the batch's total leaves them out (each line keeps its own in quarantine)
                amount = cur.execute("SELECT sum(amount) FILTER (WHERE NOT amount_too_big) FROM staged "
                                     "WHERE status = 'quarantine'").fetchone()[0]
            res.rows_quarantined, res.amount_quarantined = n, amount or Decimal("0.00")
        else:
            res.rows_total_lines, res.amount_total_lines = n, amount
    if ok is not None:
        res.rows_loaded, res.amount_loaded = ok
    res.rows_read = res.rows_loaded + res.rows_quarantined + res.rows_total_lines
    if res.amount_loaded is None:
        res.amount_loaded = Decimal("0.00")
    if res.rows_quarantined == 0:
        res.amount_quarantined = Decimal("0.00")
    _past_penny_warning(cur, res)
    res.problems = [
        {"sheet": s, "row": r, "column": c, "reason": why}
        for s, r, c, why in cur.execute(
            "SELECT sheet, rn, column_name, reason FROM staged WHERE status = 'quarantine' ORDER BY sheet, rn LIMIT 50"
        ).fetchall()
    ]


NO_NAME_LINES = ("SELECT sheet, row_number AS rn, amount FROM transactions WHERE batch_id = ? AND is_redacted "
                 "AND supplier_name = '" + colmod.NO_NAME + "'")  # a stored batch's lines that name no supplier


DATED_LINES = "SELECT sheet, payment_date FROM transactions WHERE batch_id = ?"  # (title_dates_note's, of a batch)
# a stored batch's lines with no day of their own, the month they are counted in (undated_note's)
UNDATED_LINES = ("SELECT sheet, row_number AS rn, amount, period_start FROM transactions WHERE batch_id = ? "
                 "AND payment_date IS NULL")


def undated_note(cur, plans: list[SheetPlan], lines_sql: str, params: list, period: tuple | None = None) -> list[str]:
    """For each sheet whose lines have a date column, say how many of them had no date in it and were
    counted in the month of the period instead (the file's name, its title, the period given, the line's
    own period): loaded, not quarantined, so said, with the first of them and the sum. ``lines_sql``:
    (sheet, rn, amount, period_start) of the lines with no date. A sheet dated by its period alone has
    its note already ("no column gives the lines a date"). ``period``: the file's (given, or its name's),
    said when it spans months (a quarter's lines are counted in its first month)."""
    dated = {p.sheet.name: p for p in plans if any(m.columns.get("payment_date") is not None for _, _, m in p.segments)}
    if not dated:
        return []
    rows = cur.execute("SELECT sheet, count(*), sum(amount), min(rn), arg_min(amount, rn), min(period_start), "
                       "max(period_start) FROM (" + lines_sql + ") WHERE list_contains(?, sheet) GROUP BY sheet "
                       "ORDER BY sheet", [*params, list(dated)]).fetchall()
    notes = []
    for sheet, n, total, rn, amount, first, last in rows:
        header = next(m.header_of("payment_date") for _, _, m in dated[sheet].segments
                      if m.columns.get("payment_date") is not None)
        if first != last:
            month = f"the months of their periods ({first:%B %Y} to {last:%B %Y})"
        elif period and period[0] == first and not _one_month(period):
            month = f"{first:%B %Y}, the first month of the period the file gives ({_period_words(period)})"
        elif any(m.columns.get("period") is not None for _, _, m in dated[sheet].segments):
            month = f"{first:%B %Y}, the month of {'its' if n == 1 else 'their'} period"
        else:
            month = f"{first:%B %Y}, the period the file gives"
        said = (f"1 line has no date under '{header}' (row {rn}, {fmt.money(amount)})" if n == 1 else
                f"{n:,} lines have no date under '{header}' ({fmt.money(total)} in all; the first, row {rn}, "
                f"{fmt.money(amount)})")
        notes.append(f"{_where(sheet)}{said}: {'it is' if n == 1 else 'they are'} counted in {month}, with no day")
    return notes


def no_supplier_note(cur, lines_sql: str, params: list) -> str | None:
    """Say how many lines name no supplier, their sum and the largest (a card statement's unnamed
    settlement of the month, say, which the person may not want counted as spend): they load as
    "(no name given)", redacted at source. ``lines_sql``: (sheet, rn, amount) of those lines only.
    None when there are none."""
    row = cur.execute("SELECT count(*) OVER (), sum(amount) OVER (), sheet, rn, amount FROM (" + lines_sql
                      + ") ORDER BY abs(amount) DESC, sheet, rn LIMIT 1", params).fetchone()
    if row is None:
        return None
    n, total, sheet, rn, amount = row
    where = f"{_where(sheet)}row {rn}"
    said = (f"1 line names no supplier ({where}, {fmt.money(amount)})" if n == 1 else
            f"{n:,} lines name no supplier ({fmt.money(total)} in all; the largest, {where}, {fmt.money(amount)})")
    return (said + f": loaded as '{colmod.NO_NAME}', counted in every total and shown as redacted wherever lines are "
            "published")


def _past_penny_warning(cur, res: LoadResult) -> None:
    """Say so when lines were quarantined for an amount written past the penny (12.3456), and,
    when most of the file's amounts are written that way, that the column may be a price or a rate
    rather than the sum paid (the person can give the amount's column)."""
    if not cur.execute("SELECT count(*) FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = 'staged' "
                       "AND column_name = 'amount_eu'").fetchone()[0]:
        return  # a register's rows: their reasons say it
    n, sheet, rn, text, column = cur.execute(
        "SELECT count(*), arg_min(sheet, (sheet, rn)), arg_min(rn, (sheet, rn)), arg_min(amount_raw, (sheet, rn)), "
        "arg_min(column_name, (sheet, rn)) FROM staged WHERE status = 'quarantine' AND amount IS NULL "
        "AND amount_past_penny(amount_raw, amount_eu)").fetchone()
    said = "the amount has more than two decimal places"
    res.warnings[:] = [w for w in res.warnings if said not in w]  # counted again once the lines are stored
    if not n:
        return
    where = _where(sheet) + f"row {rn}, column '{column}'"
    msg = (f"{n} line{'s' if n != 1 else ''} quarantined: {said}, "
           f"and a payment is in whole pence (first: {where}, '{text.strip()}')")
    if 2 * n >= n + res.rows_loaded:
        msg += (f"; most amounts in '{column}' are written that way: if it holds prices or rates rather "
                "than the sums paid, give the amount's column (--map amount=COLUMN, or on the Upload page)")
    res.warnings.append(msg)


PREVIEW_LINES = 20_000  # a preview of a longer CSV reads this many lines (Load reads them all)
# A workbook smaller than this is previewed whole: reading it costs little, and every limit (a value
# in a far-off cell of a tiny file) is then checked before Load, as Load checks it.
PREVIEW_WORKBOOK_BYTES = 2_000_000


def _prepare_preview(cur, path: Path, file_name, mapping, period, spec, sample_lines: int | None):
    """``prepare`` on the first ``sample_lines`` lines of a long CSV (None: the whole file); returns
    prepare's four values and the lines read (None when the whole file was). A file whose header
    is not among those lines (or that the sample cannot read as it stands) is read whole."""
    sample = None
    if sample_lines:
        with open(path, "rb") as f:
            head = f.read(8)
        if head.startswith(b"PK\x03\x04") and Path(path).stat().st_size > PREVIEW_WORKBOOK_BYTES:
            return _prepare_workbook_preview(cur, path, file_name, mapping, period, spec, sample_lines)
        from lib.ingest.read import first_lines_csv

        try:
            sample = first_lines_csv(cur, Path(path), sample_lines, file_name)
        except UnusableFile:
            sample = None  # read whole below, which says what is wrong
        if sample is not None and sample.whole:
            sample = None
    if sample is not None:
        out = _planned_on_sample(cur, path, file_name, mapping, period, spec, sample.raw,
                                 lambda plans: all(p.scored for p in plans))  # a header recognised among them
        if out is not None:
            sample.raw.sha256 = sample.sha.result()  # the whole file's: a file loaded before is still found
            return (*out, sample.raw.sheets[0].rows)
    return (*prepare(cur, path, file_name, mapping, period, kind=spec), None)


def _planned_on_sample(cur, path, file_name, mapping, period, spec, raw, enough):
    """``prepare`` on a file's first lines (``raw``), or None when ``enough(plans)`` says those lines do
    not settle the plan, or they cannot be read as they stand: the caller then reads the file whole.
    A question about the columns (NeedsMapping, unclear) is raised: it is the same for the whole file."""
    try:
        out = prepare(cur, path, file_name, mapping, period, kind=spec, raw=raw)
    except NeedsMapping as e:
        if getattr(e, "unclear", False):
            raise
        return None
    except UnusableFile:
        return None
    return out if enough(out[1]) else None


def _prepare_workbook_preview(cur, path: Path, file_name, mapping, period, spec, sample_lines: int):
    """``prepare`` on the first ``sample_lines`` rows of each sheet of a workbook (XLSX), the rest of
    each sheet never parsed; the workbook is read whole when a long sheet's header is not among
    those rows. Returns prepare's four values and the rows read (None when every sheet was whole)."""
    raw = read_file(cur, Path(path), file_name, max_rows=sample_lines)
    cut = {s.name for s in raw.sheets if s.rows >= sample_lines}
    if not cut:
        return (*prepare(cur, path, file_name, mapping, period, kind=spec, raw=raw), None)
    out = _planned_on_sample(cur, path, file_name, mapping, period, spec, raw,
                             lambda plans: cut <= {p.sheet.name for p in plans if p.scored})  # each long sheet's header
    if out is not None:
        return (*out, sample_lines)
    return (*prepare(cur, path, file_name, mapping, period, kind=spec), None)


def preview_file(path: Path, file_name: str | None = None, mapping: dict | None = None,
                 period: tuple | None = None, db=None, limit: int = 200, kind: str = "spend",
                 body: str | None = None, sample_lines: int | None = None):
    """Parse without storing: (LoadResult with counts, DataFrame of parsed rows, DataFrame of problems).

    ``sample_lines``: a CSV longer than this is previewed from its first lines only (planned the
    way the one-pass load plans it), so a million-line file previews in moments; the counts are
    then those lines' and ``sample_lines`` on the result says how many were read."""
    con = store.connect(db)
    cur = con.cursor()
    try:
        spec = colmod.KINDS[kind]
        raw, plans, period, classified, sampled = _prepare_preview(cur, path, file_name, mapping, period, spec,
                                                                   sample_lines)
        if spec is colmod.SPEND:
            body = chosen_body(cur, plans, body)
        res = _result(raw, plans)
        res.sample_lines = sampled
        if classified is not None:
            ok = cur.execute("SELECT count(*), sum(amount) FROM (" + classified.sql + ")",
                             classified.params).fetchone()
            _fill_counts(cur, res, ok)
            if note := no_supplier_note(cur, "SELECT sheet, rn, amount FROM (" + classified.sql
                                        + ") WHERE supplier_raw IS NULL", classified.params):
                res.warnings.append(note)
            res.warnings += title_dates_note(cur, plans, "SELECT sheet, payment_date FROM (" + classified.sql + ")",
                                             classified.params)
            shown = "payment_date, amount, supplier_raw AS supplier, department, category, description, transaction_ref"
            source, params = "(" + classified.sql + ")", classified.params
            if period or any(m.columns.get("period") is not None or m.month_given for p in plans for _, _, m in p.segments):
                # lines a period dates (a period column, the file's name, its title, --period): the month
                # each is stored under, beside the day it has not got
                shown = shown.replace("payment_date, ", "payment_date, CASE WHEN payment_date IS NULL THEN "
                                      "coalesce(period_month, ?::DATE) END AS month, ")
                params = [period[0] if period else None] + params
        else:  # a register's rows as they will be stored: a saving written as its parts is two, a
            # contract naming two suppliers is two, a supplier's postcode is found in its address
            from lib.ingest.registers import stored_sql

            _fill_counts(cur, res)
            shown = ("project, fy, category, saving_type, amount, recorded_on" if spec.name == "savings"
                     else ", ".join(spec.fields))
            source, params = "(" + stored_sql(spec) + ")", []
        res.duplicate = _already_loaded(cur, raw.sha256, spec) is not None
        if classified is not None:
            names_sql, names_params = _body_names(plans)
            named = {r[0]: r[1] for r in cur.execute(names_sql, names_params).fetchall() if r[0] is not None}
            res.bodies = bodies_mod.preview(cur, list(named), body, lines=named)
        if classified is not None and not res.duplicate:
            res.overlap = overlap_mod.find(cur, classified.sql, classified.params, period[0] if period else None)
        if res.rows_read == 0:
            res.warnings.append(f"{raw.file_name}: a header row but no data rows; nothing will be loaded")
        rows = cur.execute(
            "SELECT sheet, rn AS row, " + shown + " FROM " + source + " ORDER BY sheet, rn"
            + {"savings": ", saving_type, recorded_on", "contracts": ", supplier_name"}.get(spec.name, "") + " LIMIT ?",
            params + [limit],
        ).df()
        _relabel_raw(cur, plans)
        problems = cur.execute(
            # (a total line has no column at fault: the amount's header beside it read as a complaint; nor
            # is its missing date a fault: it is said to be what it is)
            "SELECT s.sheet, s.rn AS row, CASE WHEN s.status = 'quarantine' THEN s.column_name END AS \"column\", "
            "CASE WHEN s.status = 'total' THEN ? ELSE s.reason END AS reason, s.amount, f.raw, s.status "
            "FROM staged s JOIN raw_fix f ON f.sheet = s.sheet AND f.rn = s.rn ORDER BY s.status DESC, s.sheet, s.rn",
            [TOTAL_REASON]).df()
        return res, rows, problems
    finally:
        cur.close()


def chosen_body(cur, plans: list[SheetPlan], body: str | None) -> str | None:
    """The body of the lines that name none: the one the file's title names (the file says whose
    they are), else ``body`` (chosen on upload, or --body), else None (the store's default). When the
    title names another body than would be taken otherwise, a note on the plan says so."""
    for plan in plans:
        if not plan.title_body:
            continue
        key = bodies_mod.key_of(cur, plan.title_body)
        was = bodies_mod.key_of(cur, body) if body and body.strip() else bodies_mod.default_key(cur)
        if key == was:
            return body
        plan.notes.append(f"{_where(plan.sheet.name)}the title above the header names {plan.title_body}: the lines "
                          f"are taken as {plan.title_body}'s, not {body.strip() if body and body.strip() else 'the default body'}'s "
                          f"(a body that is not the store's own is loaded as a peer)")
        return plan.title_body
    return body


def _body_names(plans: list[SheetPlan]) -> tuple[str, list]:
    """SELECT of the distinct body names the file's loading rows give (``body_raw``) and their lines,
    the name on most lines first, and its params."""
    parts, params = [], []
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            col = m.columns.get("body")
            if col is None:
                continue
            parts.append("SELECT clean_text(c" + str(int(col)) + ") AS body_raw FROM " + plan.sheet.table
                         + " WHERE rn > ? AND rn <= ? AND rn NOT IN (SELECT rn FROM staged WHERE sheet = ?)")
            params += [header_rn, last_rn, plan.sheet.name]
    if not parts:
        return "SELECT NULL::VARCHAR AS body_raw WHERE FALSE", params
    return ("SELECT body_raw, count(*) AS lines FROM (" + " UNION ALL ".join(parts) + ") GROUP BY body_raw "
            "ORDER BY lines DESC, body_raw"), params


def _already_loaded(cur, sha: str, kind: colmod.Kind) -> int | None:
    row = cur.execute(
        "SELECT batch_id FROM batches WHERE kind = ? AND file_sha256 = ?", [kind.name, sha]
    ).fetchone()
    return row[0] if row else None


def load_file(path, db=None, kind: str = "spend", file_name: str | None = None, mapping: dict | None = None,
              period: tuple | None = None, is_demo: bool = False, progress=None,
              loaded_by: str | None = None, remember_mapping: bool = False,
              refresh_suppliers: bool = True, on_overlap: str = "skip", body: str | None = None) -> LoadResult:
    """Load one file as one batch, in one transaction: all of it or none of it.

    Returns the counts; a file loaded before (same sha256) adds nothing and comes back with
    ``duplicate=True`` and the earlier batch id. Everything derived from it (supplier links and
    locations, covering contracts: lib.derived) is brought up to date in the same transaction by
    ``lib.store.write``; ``refresh_suppliers=False`` is for a bulk job that calls
    ``lib.store.refresh`` once after its last file. Raises UnusableFile (or NeedsMapping) when the
    file cannot be used at all; nothing is written then.

    A spend file whose lines largely repeat batches already loaded (lib.ingest.overlap: whatever
    its bytes, format or order) is found before anything is written: ``on_overlap="skip"`` loads
    nothing and returns ``skipped=True`` with ``overlap``; ``"replace"`` removes those batches and
    loads this file in the same transaction (``replaced`` lists them).

    Each line belongs to the body its file's body column names, else ``body`` (chosen on upload),
    else the store's default (lib.bodies); ``bodies`` on the result says whose lines they are.
    """
    if on_overlap not in ("skip", "replace"):
        raise ValueError(f"on_overlap {on_overlap!r}: 'skip' or 'replace'")
    if kind not in colmod.KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(colmod.KINDS)}")
    spec = colmod.KINDS[kind]
    if spec is colmod.SPEND:
        # Most spend CSVs load in one pass, planned on their first lines (lib.ingest.fast); the
        # rest (workbooks, other encodings, headers further down, ...) are read whole below.
        from lib.ingest import fast

        res = fast.load_csv(Path(path), db, file_name=file_name, mapping=mapping, period=period, is_demo=is_demo,
                            progress=progress, loaded_by=loaded_by, remember_mapping=remember_mapping,
                            refresh_suppliers=refresh_suppliers, on_overlap=on_overlap, body=body)
        if res is not None:
            return res
    cur = store.connect(db).cursor()
    try:
        # Staging builds temp tables outside the transaction (row ids then follow the file's order);
        # the store itself changes only inside the one transaction below.
        raw, plans, period, classified = prepare(cur, Path(path), file_name, mapping, period, progress, kind=spec)
        if spec is colmod.SPEND:
            body = chosen_body(cur, plans, body)
        res = _result(raw, plans)
        _fill_counts(cur, res)
        if not any(_has_rows(cur, p.sheet, lo, hi + 1) for p in plans for lo, hi, _ in p.segments):
            # A header and nothing under it: say so, and record no empty batch.
            raise UnusableFile(f"{raw.file_name}: there are no rows under the header row: nothing to load")
        _relabel_raw(cur, plans)
        if progress:
            progress(0.75, "Storing the rows")
        with store.write(db, cur=cur, refresh=refresh_suppliers):
            earlier = _already_loaded(cur, raw.sha256, spec)
            if earlier is not None:
                # Nothing is added: the counts say so, and batch_id names the earlier load.
                res.batch_id, res.duplicate = earlier, True
                res.rows_loaded = res.rows_quarantined = res.rows_total_lines = 0
                res.amount_loaded = res.amount_quarantined = Decimal("0.00")
                res.problems = []
                return res
            if spec is colmod.SPEND:
                res.overlap = overlap_mod.find(cur, classified.sql, classified.params, period[0] if period else None)
                if res.overlap and on_overlap == "skip":
                    res.skipped = True
                    res.rows_loaded = res.rows_quarantined = res.rows_total_lines = 0
                    res.amount_loaded = res.amount_quarantined = Decimal("0.00")
                    res.problems = []
                    return res
                if res.overlap:
                    delete_batches(cur, res.overlap.batch_ids)
                    res.replaced = res.overlap.batch_ids
            batch_id = cur.execute(
                "INSERT INTO batches (kind, file_name, file_sha256, loaded_by, is_demo, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines, amount_loaded, amount_quarantined, amount_total_lines, sheets, "
                "mapping, columns_unused, columns_found) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING batch_id",
                [kind, raw.file_name, raw.sha256, loaded_by, is_demo, res.rows_read, res.rows_loaded,
                 res.rows_quarantined, res.rows_total_lines, res.amount_loaded, res.amount_quarantined,
                 res.amount_total_lines, json.dumps(res.sheets), json.dumps(res.mapping),
                 json.dumps(res.columns_unused), json.dumps(res.columns)],
            ).fetchone()[0]
            start = period[0] if period else None
            if spec is colmod.SPEND:
                names_sql, names_params = _body_names(plans)
                fallback = bodies_mod.stage(cur, names_sql, names_params, body, loaded_by)
                cur.execute(_INSERT_TXNS.format(classified=classified.sql),
                            [batch_id, fallback, start, start, start] + classified.params)
                res.bodies, note = bodies_mod.settle_batch(cur, batch_id, fallback, chosen=bool(body and body.strip()))
                res.warnings += [note] if note else []
                _fill_counts(cur, res, cur.execute(
                    "SELECT count(*), sum(amount) FROM transactions WHERE batch_id = ?", [batch_id]).fetchone())
                if note := no_supplier_note(cur, NO_NAME_LINES, [batch_id]):
                    res.warnings.append(note)
                res.warnings += title_dates_note(cur, plans, DATED_LINES, [batch_id])
                res.warnings += undated_note(cur, plans, UNDATED_LINES, [batch_id], period)
                if res.rows_read == 0:  # the rollback leaves no empty batch behind
                    raise UnusableFile(f"{raw.file_name}: there are no rows under the header row: nothing to load")
                cur.execute(
                    "UPDATE batches SET rows_read = ?, rows_loaded = ?, amount_loaded = ? WHERE batch_id = ?",
                    [res.rows_read, res.rows_loaded, res.amount_loaded, batch_id])
            else:
                from lib.ingest.registers import insert_register
                insert_register(cur, spec, batch_id)
            cur.execute(_INSERT_QUARANTINE, [batch_id])
            cur.execute(_INSERT_TOTALS, [batch_id])
            _remember(cur, plans, spec, mapping if remember_mapping else None, loaded_by)
            res.batch_id = batch_id
        if progress:
            progress(1.0, "Done")
        return res
    finally:
        cur.close()


def _remember(cur, plans: list[SheetPlan], spec: colmod.Kind, mapping: dict | None, loaded_by: str | None) -> None:
    """Remember what the person confirmed (``mapping``), whole, for each header row it applied to."""
    if not mapping:
        return
    for p in plans:
        for _, _, m in p.segments:
            if "given" not in m.found.values():
                continue
            cur.execute(
                "INSERT OR REPLACE INTO column_mappings (kind, header_signature, mapping, headers, "
                "confirmed_by) VALUES (?, ?, ?, ?, ?)",
                [spec.name, colmod.header_signature(m.headers), json.dumps(m.columns),
                 json.dumps(m.headers), loaded_by])


def delete_batches(cur, batch_ids: list[int]) -> int:
    """Delete batches and everything they loaded, inside the caller's transaction (``store.write``,
    which then brings what was derived from them up to date); return the spend lines removed."""
    ids = [int(b) for b in batch_ids]
    if not ids:
        return 0
    n = cur.execute("SELECT count(*) FROM transactions WHERE list_contains(?, batch_id)", [ids]).fetchone()[0]
    for table in ("transactions", "quarantine", "total_lines", "supplier_register", "contracts", "savings"):
        cur.execute("DELETE FROM " + table + " WHERE list_contains(?, batch_id)", [ids])
    cur.execute("DELETE FROM batches WHERE list_contains(?, batch_id)", [ids])
    return n


def removal_note(kind: str, file_name: str, rows: int, amount, peer: bool = False, demo: bool = False) -> str:
    """What removing a batch does, in words (the Data page says it before the button): a spend file's
    lines leave every figure (a peer's, ``peer``: the Peers page's, never in the force's); a register's
    rows leave what they decided, and its money, which is no spend figure (a contracts register's value,
    a savings register's savings), is named as what it is. ``demo``: the batch was built, not uploaded."""
    what = colmod.rows_of(kind, rows)
    money = colmod.KIND_WORDS.get(kind, (None,) * 4)[3]
    sums = f" ({fmt.money(amount)}{'' if kind == 'spend' else ' in ' + money})" if money and amount is not None else ""
    effect = {
        "spend": ("from the peer's figures on the Peers page (a peer's lines are in none of the force's)" if peer
                  else "from every figure"),
        "contracts": ("from the store: spend they covered counts as off contract again, unless another register's "
                      "contract covers it"),
        "suppliers": ("from the store: the postcodes, sizes and types it gave no longer place or class spend, "
                      "unless another register gives them"),
        "savings": "from the savings figures",
    }.get(kind, "from the store")
    again = ("It is demo data: `python -m lib.cli demo` builds the demo again." if demo
             else "The file itself is not changed; you can load it again.")
    return f"Removes **{file_name}** and its {what}{sums} {effect}. {again}"


def remove_batch(batch_id: int, db=None) -> int:
    """Remove a batch and everything it loaded, in one transaction (the write brings what was
    derived from it up to date); return the lines removed."""
    with store.write(db) as cur:
        return delete_batches(cur, [batch_id])
