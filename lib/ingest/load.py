"""Load a spend file into the store: read → find headers → map → parse → one transaction.

Every data row ends up in exactly one place: ``transactions`` (loaded), ``quarantine`` (could not
be read, with the reason, row and column) or ``total_lines`` (a total or footer row), so
rows read = loaded + quarantined + total lines. Blank rows and header rows are not data rows.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from lib import store
from lib.ingest import columns as colmod
from lib.ingest import limits
from lib.ingest.read import RawFile, Sheet, UnusableFile, read_file

HEAD_ROWS = 40  # the header row is looked for among the first rows of each sheet


@dataclass
class SheetPlan:
    sheet: Sheet
    segments: list[tuple[int, int, colmod.Mapping]]   # (header rn, last rn, mapping)
    european: set = field(default_factory=set)          # header rns of segments whose amounts use decimal commas


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

    def as_json(self) -> dict:
        money = lambda v: None if v is None else f"{v:.2f}"
        return {
            "file": self.file, "batch_id": self.batch_id, "rows_loaded": self.rows_loaded,
            "rows_quarantined": self.rows_quarantined, "rows_total_lines": self.rows_total_lines,
            "amount_loaded": money(self.amount_loaded or Decimal("0")),
            "amount_quarantined": money(self.amount_quarantined), "duplicate": self.duplicate,
        }


class NeedsMapping(UnusableFile):
    """No header row could be matched to the required fields: the user must map the columns."""

    def __init__(self, message: str, sheet: str, headers: list, header_rn: int | None, suggested: dict):
        super().__init__(message)
        self.sheet, self.headers, self.header_rn, self.suggested = sheet, headers, header_rn, suggested


# ---------------------------------------------------------------------------------------------
# Periods for files whose rows carry no day (e.g. a quarter's file with "00:00:00" dates).

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}


def period_from_name(name: str) -> tuple[dt.date, dt.date] | None:
    """The period a file's name declares: 2014-q2 (calendar quarter), 201101, 2017-03, mar-2017."""
    s = Path(name).stem.lower()
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
        mo, y = _MONTHS[m.group(1)], int(m.group(2))
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
    sig = colmod.header_signature(headers)
    row = cur.execute(
        "SELECT mapping FROM column_mappings WHERE kind = ? AND header_signature = ?", [kind.name, sig]
    ).fetchone()
    return json.loads(row[0]) if row else None


def _mapping_for(cur, headers: list, sample: list, override: dict | None, kind: colmod.Kind) -> colmod.Mapping:
    """The mapping for a header row: the caller's, else one remembered for these headers, else auto."""
    chosen = override or _saved_mapping(cur, headers, kind)
    if chosen:
        return colmod.Mapping(columns={f: int(i) for f, i in chosen.items() if i is not None and f in kind.fields},
                              headers=headers, required=kind.required)
    return colmod.auto_map(headers, sample, kind)


def plan_sheet(cur, sheet: Sheet, mapping: dict | None = None, kind: colmod.Kind = colmod.SPEND) -> SheetPlan | None:
    """Find the header row(s) of a sheet and map them; None when the sheet holds no table."""
    if sheet.rows == 0 or sheet.width == 0:
        return None
    head = _rows(cur, sheet, "rn <= ?", [HEAD_ROWS])
    found = colmod.find_header(head, kind)
    if found is None:
        # No known header words: take the first row with two or more filled cells as the header,
        # so that a user (or a mapping remembered for these headers) can say what each column is.
        found = next(((rn, cells) for rn, cells in head if sum(1 for c in cells if c and c.strip()) >= 2), None)
        if found is None:
            return None
    header_rn, headers = found
    sample = [cells for rn, cells in head if rn > header_rn][:20]
    m = _mapping_for(cur, headers, sample, mapping, kind)
    segments = [(header_rn, sheet.rows, m)]
    return SheetPlan(sheet, segments)


# ---------------------------------------------------------------------------------------------
# Parsing a segment into the staging table.

_FIELDS_TEXT = ["body", "supplier_id", "vat_number", "department", "category", "category_code",
                "description", "transaction_ref"]


def _col(m: colmod.Mapping, f: str) -> str:
    i = m.columns.get(f)
    return "NULL::VARCHAR" if i is None else f"clean_text(c{i})"


def _segment_sql(sheet: Sheet, m: colmod.Mapping, header_width: int, suspects_only: bool = False,
                 european: bool = False) -> str:
    """SELECT of one segment's rows with parsed values. Identifiers are generated (c0..cN, fixed
    field names); every value from the file stays data. With ``suspects_only``, only the rows
    that may not load (no readable amount or date, a date out of range, cells past the header).
    ``european``: the amount column is written with decimal commas throughout (1.234,56)."""
    all_cells = ", ".join(f"c{i}" for i in range(sheet.width))
    spare = [f"c{i}" for i in range(header_width, sheet.width)]
    over_wide = ("clean_text(coalesce(" + ", ".join(spare) + ")) IS NOT NULL") if spare else "FALSE"
    # A row is blank when every cell is empty or spaces; a filled amount cell settles most rows cheaply.
    amt = m.columns.get("amount")
    nonblank = ("coalesce(" + all_cells + ") IS NOT NULL AND trim(concat_ws('', " + all_cells + ")) <> ''")
    if amt is not None:
        nonblank = f"clean_text(c{amt}) IS NOT NULL OR ({nonblank})"
    a = "NULL::VARCHAR" if amt is None else f"c{amt}"
    d = "NULL::VARCHAR" if m.columns.get("payment_date") is None else f"c{m.columns['payment_date']}"
    v = "NULL::VARCHAR" if m.columns.get("irrecoverable_vat") is None else f"c{m.columns['irrecoverable_vat']}"
    cap = limits.current().line_pounds  # an int we parsed, never the file's text
    p = "NULL::VARCHAR" if m.columns.get("period") is None else f"c{m.columns['period']}"
    money = "parse_amount_eu" if european else "parse_amount"
    suspect = ""
    if suspects_only:
        suspect = (f" AND ({money}({a}) IS NULL OR abs({money}({a})) >= {cap} OR coalesce(parse_uk_date({d}) NOT BETWEEN DATE '1990-01-01' "
                   f"AND DATE '2100-12-31', TRUE) OR {over_wide})")
    text = ",\n".join(f"{_col(m, f)} AS {f}" for f in _FIELDS_TEXT)
    return f"""
    SELECT rn,
           {_col(m, 'payment_date')} AS date_raw, {_col(m, 'amount')} AS amount_raw,
           {_col(m, 'supplier_name')} AS supplier_raw,
           parse_uk_date({d}) AS payment_date,
           CASE WHEN abs({money}({a})) < {cap} THEN {money}({a}) END AS amount,
           coalesce(abs({money}({a})) >= {cap}, FALSE) AS amount_too_big,
           {money}({v}) AS irrecoverable_vat,
           {_col(m, 'period')} AS period_raw, parse_period({p}) AS period_month, {european} AS amount_eu,
           {text},
           ({over_wide}) AS over_wide,
           ?::VARCHAR AS date_header, ?::VARCHAR AS amount_header, ?::VARCHAR AS period_header
    FROM {sheet.table}
    WHERE rn > ? AND rn <= ? AND ({nonblank}){suspect}
    """


_CLASSIFY = """
SELECT *,
  CASE
    WHEN amount IS NOT NULL AND payment_date IS NULL AND transaction_ref IS NULL
         AND (supplier_raw IS NULL OR is_total_word(supplier_raw))
         AND (date_raw IS NULL OR is_total_word(date_raw) OR is_time_only(date_raw) = FALSE)
      THEN 'total'
    WHEN amount IS NOT NULL AND is_total_word(supplier_raw) AND payment_date IS NULL
      THEN 'total'
    WHEN over_wide THEN 'quarantine'
    WHEN amount_too_big THEN 'quarantine'
    WHEN amount IS NULL THEN 'quarantine'
    WHEN payment_date IS NULL AND NOT (is_time_only(date_raw) OR date_raw IS NULL) THEN 'quarantine'
    WHEN payment_date IS NULL AND period_raw IS NOT NULL AND period_month IS NULL THEN 'quarantine'
    WHEN payment_date IS NULL AND period_month IS NULL AND ?::DATE IS NULL THEN 'quarantine'
    WHEN payment_date IS NOT NULL AND (year(payment_date) < 1990 OR year(payment_date) > 2100) THEN 'quarantine'
    ELSE 'ok'
  END AS status,
  CASE
    WHEN over_wide THEN 'the row has more cells than the header'
    WHEN amount_too_big THEN 'amount ''' || amount_raw || ''' is more than one payment can be (over '
         || ?::VARCHAR || ': SPEND_MAX_LINE_POUNDS)'
    WHEN amount IS NULL THEN amount_problem(amount_raw, amount_eu)
    WHEN payment_date IS NULL AND date_raw IS NOT NULL AND NOT is_time_only(date_raw)
      THEN 'date ''' || date_raw || ''' is not a real date (day/month/year)'
    WHEN payment_date IS NULL AND period_raw IS NOT NULL AND period_month IS NULL
      THEN 'period ''' || period_raw || ''' is not a month (202205, 2022-05, May-22, P02 2022/23)'
    WHEN payment_date IS NULL THEN 'no payment date, and no period given for the file'
    WHEN year(payment_date) < 1990 OR year(payment_date) > 2100
      THEN 'date ' || strftime(payment_date, '%d/%m/%Y') || ' is out of range'
  END AS reason,
  CASE
    WHEN over_wide THEN NULL
    WHEN amount IS NULL THEN amount_header
    WHEN payment_date IS NULL AND date_raw IS NULL AND period_raw IS NOT NULL THEN period_header
    ELSE date_header
  END AS column_name
FROM staged_raw
"""


@dataclass
class Classified:
    """The SELECT that parses and classifies every data row of a spend file (not materialised:
    good rows go straight from the raw grid into the store; only the few others are staged)."""
    sql: str
    params: list


def _stage(cur, raw: RawFile, plans: list[SheetPlan], period: tuple | None) -> Classified:
    """Stage the rows that will not load (temp table ``staged``: quarantine and total lines) and the
    distinct supplier names; return the SELECT of the rows that will load.

    Only suspect rows (cheap tests) are classified in full; the loading rows are every other
    non-blank data row, so the store's copy reads each cell once."""
    suspects, loading, params, load_params, names = [], [], [], [], []
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            # the header's own width: trailing unnamed columns count as spare
            hw = max((i + 1 for i, h in enumerate(m.headers) if h and h.strip()), default=plan.sheet.width)
            hw = max([hw] + [i + 1 for i in m.columns.values()])
            seg = [plan.sheet.name, m.header_of("payment_date") or "date", m.header_of("amount") or "amount",
                   m.header_of("period") or "period", header_rn, last_rn]
            eu = header_rn in plan.european
            suspects.append("SELECT ?::VARCHAR AS sheet, * FROM (" + _segment_sql(plan.sheet, m, hw, True, eu) + ")")
            params += seg
            loading.append("SELECT ?::VARCHAR AS sheet, * FROM (" + _segment_sql(plan.sheet, m, hw, False, eu) + ") "
                           "WHERE rn NOT IN (SELECT rn FROM staged WHERE sheet = ?)")
            load_params += seg + [plan.sheet.name]
            sup = m.columns.get("supplier_name")
            if sup is not None:
                names.append(("SELECT DISTINCT clean_text(c" + str(sup) + ") AS supplier_raw FROM "
                              + plan.sheet.table + " WHERE rn > ? AND rn <= ?", [header_rn, last_rn]))
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE staged AS SELECT * FROM (WITH staged_raw AS ("
        + " UNION ALL ".join(suspects) + ") " + _CLASSIFY + ") WHERE status <> 'ok'",
        params + [period[0] if period else None, f"£{limits.current().line_pounds:,}"],
    )
    # Supplier keys and redaction are worked out once per distinct name, not once per row.
    union = " UNION ".join(sql for sql, _ in names) or "SELECT NULL::VARCHAR AS supplier_raw"
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE staged_names AS SELECT supplier_raw, supplier_key(supplier_raw) AS supplier_key, "
        "is_redacted_name(supplier_raw) AS is_redacted FROM (" + union + ") WHERE supplier_raw IS NOT NULL",
        [p for _, ps in names for p in ps],
    )
    return Classified(" UNION ALL ".join(loading), load_params)


_INSERT_TXNS = """
INSERT INTO transactions (batch_id, sheet, row_number, body, payment_date, period_start, fy, fy_start, amount,
                          irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id, vat_number,
                          department, category, category_code, description, transaction_ref)
SELECT ?, s.sheet, s.rn, body, payment_date,
       coalesce(payment_date, period_month, ?::DATE) AS period_start,
       fy_label(fy_start_of(coalesce(payment_date, period_month, ?::DATE))),
       fy_start_of(coalesce(payment_date, period_month, ?::DATE)),
       amount, irrecoverable_vat,
       coalesce(s.supplier_raw, '(no name given)'),
       CASE WHEN n.supplier_raw IS NULL OR n.is_redacted THEN 'REDACTED' ELSE n.supplier_key END,
       n.supplier_raw IS NULL OR n.is_redacted,
       supplier_id, vat_number, department, category, category_code, description, transaction_ref
FROM ({classified}) s LEFT JOIN staged_names n ON n.supplier_raw = s.supplier_raw
"""

_INSERT_QUARANTINE = """
INSERT INTO quarantine
SELECT ?, s.sheet, s.rn, s.column_name, s.reason, s.amount, f.raw
FROM staged s JOIN raw_fix f ON f.sheet = s.sheet AND f.rn = s.rn WHERE s.status = 'quarantine'
"""

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
    if fixed:
        cur.executemany("INSERT INTO raw_fix VALUES (?, ?, ?)", fixed)


def prepare(cur, path: Path, file_name: str | None = None, mapping: dict | None = None,
            period: tuple | None = None, progress=None,
            kind: colmod.Kind = colmod.SPEND) -> tuple[RawFile, list[SheetPlan], tuple | None, Classified | None]:
    """Read and stage a file on ``cur`` (temp tables), without writing to the store.

    Raises UnusableFile when nothing in it can be used, NeedsMapping when no sheet's headers give
    the required fields (the caller can then pass ``mapping``: {field: column index})."""
    raw = read_file(cur, Path(path), file_name, progress)
    plans, first_unmapped = [], None
    for sheet in raw.sheets:
        plan = plan_sheet(cur, sheet, mapping, kind)
        if plan is None:
            continue
        missing = [f for _, _, m in plan.segments for f in m.missing()]
        has_period = all(m.columns.get("period") is not None for _, _, m in plan.segments)
        if missing and not (kind is colmod.SPEND and set(missing) == {"payment_date"}
                            and (period or period_from_name(raw.file_name) or has_period)):
            if first_unmapped is None:
                first_unmapped = (sheet, plan, sorted(set(missing), key=list(kind.required).index))
            continue
        plans.append(plan)
    if not plans:
        if first_unmapped:
            sheet, plan, missing = first_unmapped
            hdr_rn, _, m = plan.segments[0]
            where = f"sheet '{sheet.name}', " if sheet.name else ""
            names = ", ".join(kind.labels[f].lower() for f in missing)
            raise NeedsMapping(
                f"{raw.file_name}: {where}row {hdr_rn}: no column found for {names}; "
                f"headers are {', '.join(h for h in m.headers if h)}",
                sheet.name, m.headers, hdr_rn, m.columns,
            )
        needs = ", ".join(kind.labels[f].lower() for f in kind.required)
        raise UnusableFile(
            f"{raw.file_name}: no header row with {needs} columns was found "
            f"in the first {HEAD_ROWS} rows of any sheet"
        )
    period = period or period_from_name(raw.file_name)
    if progress:
        progress(0.5, "Checking every row")
    if kind is colmod.SPEND:
        classified = _stage(cur, raw, plans, period)
        # A header row again further down (monthly blocks pasted together; the columns can move)
        # fails to read as money, so it is among the staged rows: split the sheet there and stage again.
        if _split_at_repeated_headers(cur, plans, mapping, kind):
            classified = _stage(cur, raw, plans, period)
        if _settle_decimal_commas(cur, plans):
            classified = _stage(cur, raw, plans, period)
    else:
        from lib.ingest.registers import stage_register
        stage_register(cur, plans, kind)
        classified = None
    return raw, plans, period, classified


def _settle_decimal_commas(cur, plans: list[SheetPlan]) -> bool:
    """Mark segments whose amount column is written the European way (1.234,56) throughout; True
    when any was found (the rows must then be staged again with that reading).

    Only a column with amounts that fail the UK reading because they are European in form can be
    one, so the common case costs a look at the staged rows alone. It is European when none of its
    cells is written the UK way (12.34, 1,234); else its European-looking cells stay quarantined
    as ambiguous."""
    found = False
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            col = m.columns.get("amount")
            if col is None or header_rn in plan.european:
                continue
            eu_cells = cur.execute(
                "SELECT count(*) FROM staged WHERE sheet = ? AND rn > ? AND rn <= ? AND amount IS NULL "
                "AND amount_form(amount_raw) = 'eu'", [plan.sheet.name, header_rn, last_rn]).fetchone()[0]
            if not eu_cells:
                continue
            uk_cells = cur.execute(
                "SELECT count(*) FROM " + plan.sheet.table + " WHERE rn > ? AND rn <= ? AND amount_form(c"
                + str(int(col)) + ") = 'uk'", [header_rn, last_rn]).fetchone()[0]
            if uk_cells == 0:
                plan.european.add(header_rn)
                found = True
    return found


def _split_at_repeated_headers(cur, plans: list[SheetPlan], mapping: dict | None, kind: colmod.Kind) -> bool:
    """Split each sheet's segment at staged rows that look like a header; True when any was found."""
    found = False
    for plan in plans:
        rows = [rn for (rn,) in cur.execute(
            "SELECT rn FROM staged WHERE sheet = ? AND amount IS NULL ORDER BY rn LIMIT 20000", [plan.sheet.name]
        ).fetchall()]
        if not rows:
            continue
        cells_by_rn = dict(_rows(cur, plan.sheet, "rn IN (SELECT unnest(?::INTEGER[]))", [rows]))
        for rn in rows:
            cells = cells_by_rn.get(rn)
            if not cells or not colmod.looks_like_header(cells, kind):
                continue
            nxt = [c for _, c in _rows(cur, plan.sheet, "rn > ? AND rn <= ?", [rn, rn + 20])]
            prev_hdr, last, prev_map = plan.segments[-1]
            plan.segments[-1] = (prev_hdr, rn - 1, prev_map)
            plan.segments.append((rn, last, _mapping_for(cur, cells, nxt, mapping, kind)))
            found = True
    return found


def _fill_counts(cur, res: LoadResult, ok: tuple | None = None) -> None:
    """Counts from ``staged``; ``ok`` = (rows, amount) of the loaded rows when staged holds only the others."""
    for status, n, amount in cur.execute(_COUNTS).fetchall():
        if status == "ok":
            res.rows_loaded, res.amount_loaded = n, amount
        elif status == "quarantine":  # rows with no readable amount add nothing to the sum
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
    res.problems = [
        {"sheet": s, "row": r, "column": c, "reason": why}
        for s, r, c, why in cur.execute(
            "SELECT sheet, rn, column_name, reason FROM staged WHERE status = 'quarantine' ORDER BY sheet, rn LIMIT 50"
        ).fetchall()
    ]


def preview_file(path: Path, file_name: str | None = None, mapping: dict | None = None,
                 period: tuple | None = None, db=None, limit: int = 200, kind: str = "spend"):
    """Parse without storing: (LoadResult with counts, DataFrame of parsed rows, DataFrame of problems)."""
    con = store.connect(db)
    cur = con.cursor()
    try:
        spec = colmod.KINDS[kind]
        raw, plans, period, classified = prepare(cur, path, file_name, mapping, period, kind=spec)
        res = LoadResult(file=raw.file_name, encoding=raw.encoding, sheets=[p.sheet.name for p in plans],
                         mapping=_headers_json(plans))
        if classified is not None:
            ok = cur.execute("SELECT count(*), sum(amount) FROM (" + classified.sql + ")",
                             classified.params).fetchone()
            _fill_counts(cur, res, ok)
            shown = "payment_date, amount, supplier_raw AS supplier, department, category, description, transaction_ref"
            source, params = "(" + classified.sql + ")", classified.params
        else:
            _fill_counts(cur, res)
            shown = ", ".join(spec.fields)
            source, params = "(SELECT * FROM staged WHERE status = 'ok')", []
        res.duplicate = _already_loaded(cur, raw.sha256, spec) is not None
        rows = cur.execute(
            "SELECT sheet, rn AS row, " + shown + " FROM " + source + " ORDER BY sheet, rn LIMIT ?",
            params + [limit],
        ).df()
        _relabel_raw(cur, plans)
        problems = cur.execute(
            "SELECT s.sheet, s.rn AS row, s.column_name AS \"column\", s.reason, s.amount, f.raw, s.status "
            "FROM staged s JOIN raw_fix f ON f.sheet = s.sheet AND f.rn = s.rn ORDER BY s.status DESC, s.sheet, s.rn"
        ).df()
        return res, rows, problems
    finally:
        cur.close()


def _already_loaded(cur, sha: str, kind: colmod.Kind) -> int | None:
    row = cur.execute(
        "SELECT batch_id FROM batches WHERE kind = ? AND file_sha256 = ?", [kind.name, sha]
    ).fetchone()
    return row[0] if row else None


def load_file(path, db=None, kind: str = "spend", file_name: str | None = None, mapping: dict | None = None,
              period: tuple | None = None, is_demo: bool = False, progress=None,
              loaded_by: str | None = None, remember_mapping: bool = False,
              refresh_suppliers: bool = True) -> LoadResult:
    """Load one file as one batch, in one transaction: all of it or none of it.

    Returns the counts; a file loaded before (same sha256) adds nothing and comes back with
    ``duplicate=True`` and the earlier batch id. Supplier links and locations are refreshed in
    the same transaction (``refresh_suppliers=False`` for a bulk job that refreshes once at the end). Raises UnusableFile (or NeedsMapping) when the
    file cannot be used at all; nothing is written then.
    """
    if kind not in colmod.KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(colmod.KINDS)}")
    spec = colmod.KINDS[kind]
    cur = store.connect(db).cursor()
    try:
        # Staging builds temp tables outside the transaction (row ids then follow the file's order);
        # the store itself changes only inside the one transaction below.
        raw, plans, period, classified = prepare(cur, Path(path), file_name, mapping, period, progress, kind=spec)
        res = LoadResult(file=raw.file_name, encoding=raw.encoding, sheets=[p.sheet.name for p in plans],
                         mapping=_headers_json(plans))
        _fill_counts(cur, res)
        _relabel_raw(cur, plans)
        if progress:
            progress(0.75, "Storing the rows")
        with store.write(db, cur=cur):
            earlier = _already_loaded(cur, raw.sha256, spec)
            if earlier is not None:
                # Nothing is added: the counts say so, and batch_id names the earlier load.
                res.batch_id, res.duplicate = earlier, True
                res.rows_loaded = res.rows_quarantined = res.rows_total_lines = 0
                res.amount_loaded = res.amount_quarantined = Decimal("0.00")
                res.problems = []
                return res
            batch_id = cur.execute(
                "INSERT INTO batches (kind, file_name, file_sha256, loaded_by, is_demo, rows_read, rows_loaded, "
                "rows_quarantined, rows_total_lines, amount_loaded, amount_quarantined, amount_total_lines, sheets, "
                "mapping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING batch_id",
                [kind, raw.file_name, raw.sha256, loaded_by, is_demo, res.rows_read, res.rows_loaded,
                 res.rows_quarantined, res.rows_total_lines, res.amount_loaded, res.amount_quarantined,
                 res.amount_total_lines, json.dumps(res.sheets), json.dumps(res.mapping)],
            ).fetchone()[0]
            start = period[0] if period else None
            if spec is colmod.SPEND:
                cur.execute(_INSERT_TXNS.format(classified=classified.sql),
                            [batch_id, start, start, start] + classified.params)
                _fill_counts(cur, res, cur.execute(
                    "SELECT count(*), sum(amount) FROM transactions WHERE batch_id = ?", [batch_id]).fetchone())
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
            if refresh_suppliers:
                _refresh_suppliers_after(cur, spec.name)
            if remember_mapping and mapping:
                for p in plans:
                    for _, _, m in p.segments:
                        cur.execute(
                            "INSERT OR REPLACE INTO column_mappings (kind, header_signature, mapping) "
                            "VALUES (?, ?, ?)", [spec.name, colmod.header_signature(m.headers), json.dumps(m.columns)])
            res.batch_id = batch_id
        if progress:
            progress(1.0, "Done")
        return res
    finally:
        cur.close()


def _refresh_suppliers_after(cur, kind: str) -> None:
    """Supplier links and locations after a batch of ``kind`` came or went, in its transaction: a
    register changes both; spend can only change the links (where suppliers are does not depend on
    spend), and only when there is a register, an edit or a decision to link to; contracts and
    savings change neither."""
    if kind == "suppliers":
        from lib import suppliers  # imported only when used: it brings pandas, dear for a CLI load

        suppliers.refresh(cur)
    elif kind == "spend" and cur.execute(
            "SELECT EXISTS (SELECT 1 FROM supplier_register) OR EXISTS (SELECT 1 FROM supplier_edits) "
            "OR EXISTS (SELECT 1 FROM match_decisions) OR EXISTS (SELECT 1 FROM supplier_links)").fetchone()[0]:
        from lib import suppliers

        suppliers.refresh_links(cur)


def delete_batches(cur, batch_ids: list[int]) -> int:
    """Delete batches and everything they loaded, inside the caller's transaction (``store.write``),
    supplier links and locations following; return the spend lines removed."""
    ids = [int(b) for b in batch_ids]
    if not ids:
        return 0
    kinds = {r[0] for r in cur.execute("SELECT DISTINCT kind FROM batches WHERE list_contains(?, batch_id)",
                                       [ids]).fetchall()}
    n = cur.execute("SELECT count(*) FROM transactions WHERE list_contains(?, batch_id)", [ids]).fetchone()[0]
    for table in ("transactions", "quarantine", "total_lines", "supplier_register", "contracts", "savings"):
        cur.execute("DELETE FROM " + table + " WHERE list_contains(?, batch_id)", [ids])
    cur.execute("DELETE FROM batches WHERE list_contains(?, batch_id)", [ids])
    # A register refresh covers links as well as locations; spend alone can only move the links.
    for kind in ("suppliers", "spend"):
        if kind in kinds:
            _refresh_suppliers_after(cur, kind)
            break
    return n


def remove_batch(batch_id: int, db=None) -> int:
    """Remove a batch and everything it loaded, in one transaction; return the lines removed."""
    with store.write(db) as cur:
        return delete_batches(cur, [batch_id])
