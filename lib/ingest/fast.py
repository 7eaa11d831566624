"""A spend CSV in one pass: planned on its first lines, parsed once by DuckDB straight into the store.

The full path (lib.ingest.load) stages every row of the raw grid, so that it can look anywhere for
the header, count every column and classify every row. Most files need none of that: their header
is among the first lines and nearly every line loads. For those, this path

1. reads the whole file with DuckDB's parallel reader, on a cursor of its own, into a table whose
   row ids follow the file (lib.ingest.read.sample_csv: no line longer than a cell may be, the
   lines counted against the limits and the file hashed on one pass beside it), and meanwhile
   plans the columns on its first :data:`SAMPLE_LINES` records, read apart by the serial reader,
   exactly as the full path does (header, recognition by words and content, the same profiles),
   so that the planning costs no time of its own; unnamed columns are counted over every line, as
   the full path does;
2. works out supplier keys and redaction, and body keys, once for each distinct name;
3. in the write transaction, parses every line into ``transactions`` with the same SQL as the full
   path, on both cores; a line that does not plainly load (no readable amount or date, a total) is
   written under the batch's negative id with all its cells, so nothing is parsed twice;
4. takes those few lines out again and classifies them with the full path's own rules,
   quarantining them or keeping them as totals with their reasons (sheet, row, column), and
   loading any that are fine after all (a line dated by the file's period); then looks for an
   earlier batch the file repeats, and writes the batch record.

Whatever the first lines cannot settle goes to the full path, which reads the file whole: a file
not in UTF-8 as it stands or holding text written in UTF-8 twice over ("CafÃ©"), a header not
among the first rows or a header row again further down (seen among the lines that did not load),
data above the header, amounts written with decimal commas, dates read month first, a line longer
than the cell limit, a file past a limit, a file DuckDB's reader refuses, and any file where the
pass fails. The transaction is rolled back first, so nothing of the attempt
is left.
"""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import duckdb

from lib import bodies, store
from lib.ingest import columns as colmod
from lib.ingest import limits, listed
from lib.ingest import load as L
from lib.ingest import overlap as overlap_mod
from lib.ingest.read import Sheet, blank_line_inside, excel_text_columns, sample_csv

SAMPLE_LINES = 6_000  # records planned on: the header rows and the window profiles read below it


class _Fallback(Exception):
    """This file needs the full path (the write transaction is rolled back)."""


class _Done(Exception):
    """Nothing is to be kept (a duplicate, or a re-sent file skipped): roll back and return ``res``."""

    def __init__(self, res):
        super().__init__()
        self.res = res


def load_csv(path: Path, db, *, file_name: str | None, mapping: dict | None, period: tuple | None,
             is_demo: bool, progress, loaded_by: str | None, remember_mapping: bool,
             refresh_suppliers: bool, on_overlap: str, body: str | None = None) -> L.LoadResult | None:
    """Load a spend CSV in one pass (see the module's docstring); None when the full path must."""
    cur = store.connect(db).cursor()
    sample = None
    try:
        try:
            sample = sample_csv(cur, path, SAMPLE_LINES, file_name)
        except (duckdb.Error, L.UnusableFile, OSError):
            return None  # the full path reads it and says what is wrong
        if sample is None:
            return None  # small files (the full path costs as little and sees everything at once), and others
        raw = sample.raw
        if progress:
            progress(0.1, f"Reading {raw.file_name}")
        # Planned on the first lines while DuckDB reads the whole file beside (CsvSample).
        plan = _plan(cur, raw, mapping)
        if plan is None or not sample.finish(cur):
            return None
        try:
            sample.sha.result()
        except (L.UnusableFile, OSError):
            return None  # past a limit: the full path refuses it, saying which
        if sample.sha.encoded_twice:
            return None  # text written in UTF-8 twice over ("CafÃ©"): the full path reads it as meant (read.mend_encoded_twice)
        if sample.sha.text_rows != sample.rows and blank_line_inside(path):
            # More lines of text than records, and not only for line breaks inside quoted cells (a
            # record is one row, as a spreadsheet shows it): blank lines, which DuckDB's reader skips,
            # so that every row under one would be numbered one short of the file's. The full path
            # numbers the rows as the file shows them.
            return None
        if _credit_marks_below(cur, sample, plan) or _other_currency(cur, sample, plan):
            return None
        period, period_where = L.file_period(period, raw.file_name)
        header_rn, _, m = plan.segments[0]
        # (judged on the first lines, as the full path judges a file's first lines)
        note, month_first = L.date_order_note(cur, plan.sheet.table, m, header_rn, plan.sheet.rows + 1,
                                              L.periods_named(cur, plan, period, period_where))
        if month_first:
            return None  # dates that read either way, in the month the file names read month first: the full path
        if note:
            plan.notes.append(note)
        try:
            return _write(cur, path, sample, plan, period, db, is_demo, progress, loaded_by,
                          remember_mapping, mapping, refresh_suppliers, on_overlap, body)
        except _Fallback:
            return None
        except _Done as done:
            return done.res
    finally:
        if sample is not None:
            sample.drop(cur)
        cur.close()


def _plan(cur, raw, mapping: dict | None) -> L.SheetPlan | None:
    """The plan of the sampled sheet when the sample settles it (one header among the first rows,
    every required field clear, data below it), else None."""
    sheet = raw.sheets[0]
    plan = L.plan_sheet(cur, sheet, mapping, colmod.SPEND, whole=False)
    if plan is None or not plan.scored or len(plan.segments) != 1:
        return None
    header_rn, _, m = plan.segments[0]
    if header_rn > L.HEAD_ROWS or m.unclear or m.missing():
        return None
    if m.joined:
        return None  # a name carried on into the next column: the full path reads the two as one
    if any(listed.listed_parts(h) for h in m.headers):
        return None  # a column whose header lists its cells' parts: the full path reads a column a part
    if any(m.columns.get(f) is None for f in ("payment_date", "amount", "supplier_name")) or m.day_month_fy is not None:
        return None  # lines dated by a period: the full path
    if m.pence or m.scale or m.credit_rows or any(m.columns.get(f) is not None for f in ("credit", "amount_fill", "credit_mark", "vat_off", "amount_pence")):
        return None  # debit and credit columns, an amount's gaps filled, credit notes marked or apart, pence: the full path
    if sheet.rows <= header_rn + colmod.SAMPLE_WINDOW:
        return None  # the columns' profiles read this window below the header: it must all be here
    if not L._has_rows(cur, sheet, header_rn, sheet.rows + 1):
        return None
    if (L.us_clock_dates(cur, sheet.table, m.columns["payment_date"], header_rn, sheet.rows + 1)
            or L.month_first_by_header(cur, sheet.table, m, header_rn, sheet.rows + 1)):
        return None  # dates a US-set report wrote (4/1/2024 12:00:00 AM), or a header saying MM/DD/YYYY: the full path reads them month first
    if L._fill_printed_once(cur, sheet, m, header_rn, dry=True):
        return None  # a name or a date written once over the lines it heads: the full path reads it on each
    return plan


def _credit_marks_below(cur, sample, plan: L.SheetPlan) -> bool:
    """Whether a column of few distinct cells in the first lines marks credit notes written as
    positive sums further down (the first lines may hold none): the full path reads those."""
    header_rn, _, m = plan.segments[0]
    if not m.mark_candidates:
        return False
    colmod.add_credit_marks(cur, sample.source(), m, header_rn, 2**31 - 1, None, cands=m.mark_candidates)
    return m.columns.get("credit_mark") is not None  # (the full path plans the file afresh)


def _other_currency(cur, sample, plan: L.SheetPlan) -> bool:
    """Whether any line's currency column (the amount's own: colmod.settle_currency) names another
    currency than pounds: the full path quarantines those lines, saying which."""
    header_rn, _, m = plan.segments[0]
    c = m.columns.get("currency")
    return c is not None and cur.execute(
        "SELECT EXISTS (SELECT 1 FROM " + sample.source() + " WHERE rn > ? AND NOT regexp_full_match(coalesce("
        "clean_text(c" + str(int(c)) + "), ''), ?))", [header_rn, colmod.POUNDS_CELL]).fetchone()[0]


_INSERT = """
INSERT INTO transactions (batch_id, sheet, row_number, body, body_key, payment_date, period_start, fy, fy_start, amount,
                          irrecoverable_vat, supplier_name, supplier_key, is_redacted, supplier_id, vat_number,
                          department, category, category_code, description, transaction_ref, extra_cells)
SELECT CASE WHEN {keep} THEN ? ELSE -? END, '', s.rn, body,
       coalesce(sb.body_key, ?::VARCHAR), payment_date,
       coalesce(payment_date, DATE '1900-01-01'),
       list_extract(list_transform(range(1899, 2102), lambda y: fy_label(y)),
                    fy_start_of(coalesce(payment_date, DATE '1900-01-01')) - 1898),
       fy_start_of(coalesce(payment_date, DATE '1900-01-01')),
       coalesce(amount, 0), irrecoverable_vat,
       coalesce(s.supplier_raw, '""" + colmod.NO_NAME + """'),
       CASE WHEN s.supplier_raw IS NULL THEN 'REDACTED'
            WHEN n.supplier_raw IS NOT NULL THEN CASE WHEN n.is_redacted THEN 'REDACTED' ELSE n.supplier_key END
            WHEN is_redacted_name(s.supplier_raw) THEN 'REDACTED' ELSE supplier_key(s.supplier_raw) END,
       CASE WHEN s.supplier_raw IS NULL THEN TRUE
            WHEN n.supplier_raw IS NOT NULL THEN n.is_redacted ELSE is_redacted_name(s.supplier_raw) END,
       {text}, CASE WHEN {keep} THEN extra_cells END
FROM (SELECT *, coalesce(amount IS NOT NULL AND {in_window}, FALSE) AS ok
      FROM (SELECT *, CASE WHEN abs(amount_read) < {cap} THEN amount_read END AS amount
            FROM (SELECT rn, {supplier} AS supplier_raw, {dates}({date}) AS payment_date,
                         {money}({amount}) AS amount_read, {vat} AS irrecoverable_vat,
                         {cleaned}, {extra} AS extra_cells
                  FROM {source} WHERE rn > ?))) s
LEFT JOIN fast_names n ON n.supplier_raw = s.supplier_raw
LEFT JOIN staged_bodies sb ON sb.body_raw = s.body
"""


def _cell(m: colmod.Mapping, f: str) -> str:
    i = m.columns.get(f)
    return "NULL::VARCHAR" if i is None else f"c{int(i)}"


def _insert_sql(m: colmod.Mapping, source: str, plain: bool = False) -> str:
    """The pass: every line below the header parsed once, each field as the full path parses it
    (lib.ingest.load: the same macros), straight into ``transactions``; a line that does not
    plainly load (no readable amount, a date missing or out of range, a blank line) goes under the
    batch's negative id, its cells left in the file's temp table for :func:`_flagged`.
    ``plain``: amounts and dates are read by their plain shapes alone (m046; see :func:`_plain`): a
    cell of another shape leaves its line unloaded here, and :func:`_flagged` reads it by the full
    rules. A line with no supplier, or whose supplier cell labels a total ("XMA LTD Total"), goes
    there too: it may be a total of the lines above it (load._settle_totals).
    Identifiers are generated (c0..cN, fixed field names); every value from the file stays data."""
    keep = ("ok AND s.supplier_raw IS NOT NULL AND NOT CASE WHEN n.supplier_raw IS NOT NULL THEN n.is_total "
            "ELSE is_total_label(s.supplier_raw) END")
    return _INSERT.format(keep=keep, in_window=L.in_date_window("payment_date"),
        text=", ".join(L._FIELDS_TEXT[1:]), cap=int(limits.current().line_pounds), supplier=L._col(m, "supplier_name"),
        date=_cell(m, "payment_date"), amount=_cell(m, "amount"),
        vat=L._read("parse_amount", m, "irrecoverable_vat", "DECIMAL(14,2)"),
        dates="parse_uk_date_plain" if plain else "parse_uk_date", money="parse_amount_plain" if plain else "parse_amount",
        cleaned=", ".join(f"{L._col(m, f)} AS {f}" for f in L._FIELDS_TEXT), extra=L._extra_cells(m), source=source)


PLAIN_SHARE = 0.995  # of the first lines' amounts and dates read by their plain shapes: then the pass reads those alone


def _plain(cur, sheet: Sheet, header_rn: int, m: colmod.Mapping) -> bool:
    """Whether the first lines write amounts and dates in their plain shapes (m046), so that the
    pass may read those shapes alone: at most one cell in 200 that the full rules read is of
    another shape (its line is then read by the full rules after the pass: :func:`_flagged`)."""
    a, d = _cell(m, "amount"), _cell(m, "payment_date")
    n, amounts, dates = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE parse_amount_plain(" + a + ") IS NULL AND parse_amount(" + a
        + ") IS NOT NULL), count(*) FILTER (WHERE parse_uk_date_plain(" + d + ") IS NULL AND parse_uk_date(" + d
        + ") IS NOT NULL) FROM " + sheet.table + " WHERE rn > ?", [header_rn]).fetchone()
    return n > 0 and max(amounts, dates) <= (1 - PLAIN_SHARE) * n


def _write(cur, path: Path, sample, plan: L.SheetPlan, period, db, is_demo, progress, loaded_by,
           remember_mapping, mapping, refresh_suppliers, on_overlap, body=None) -> L.LoadResult:
    raw, sheet = sample.raw, plan.sheet
    header_rn, _, m = plan.segments[0]
    width = sample.width
    source = sample.source()
    # Unnamed columns: kept with their rows, listed, and said, only when they hold something below
    # the header, over every line (the full path's own rule; most files have none, and that costs
    # one quick look).
    held_note = L._unnamed_counts(cur, dataclasses.replace(sheet, table=source), m, header_rn, 2**31 - 1)
    # Sums split by unquoted thousands separators (a line with as many more cells, or its last cells
    # empty, where the count cannot tell): the full path joins them again, on the file's evidence.
    # (a line as many cells longer only where the file has cells past its header at all)
    split = [cond for _, cond, relaxed in L.split_sum_tests(m, width, L.sum_fields(m, colmod.SPEND))
             if relaxed or m.extra]
    if split and cur.execute("SELECT EXISTS (SELECT 1 FROM " + source + " WHERE rn > ? AND ("
                             + " OR ".join(split) + "))", [header_rn]).fetchone()[0]:
        raise _Fallback("sums split by unquoted thousands separators")
    # Text split by a delimiter the file did not quote, at the end of the last column ("Hughes, Evans
    # Accountancy Ltd" under Supplier): the full path joins it again.
    w = L._header_width(m)
    if m.extra and 0 < w < width and L.spend_text_column(m, w - 1) and cur.execute(
            "SELECT EXISTS (SELECT 1 FROM " + source + " WHERE rn > ? AND " + L.spilled_text(w, width) + ")",
            [header_rn]).fetchone()[0]:
        raise _Fallback("text split by an unquoted delimiter in the last column")
    if held_note:
        plan.notes.append(held_note)
    if status := L.status_note(cur, dataclasses.replace(sheet, table=source), m, header_rn, 2**31 - 1):
        plan.notes.append(status)
    sup = m.columns.get("supplier_name")
    # Supplier keys and redaction once a name, not once a line.
    cur.execute("CREATE OR REPLACE TEMP TABLE fast_names AS SELECT supplier_raw, supplier_key(supplier_raw) AS "
                "supplier_key, is_redacted_name(supplier_raw) AS is_redacted, is_total_label(supplier_raw) AS is_total "
                "FROM (SELECT DISTINCT " + L._col(m, "supplier_name") + " AS supplier_raw FROM (SELECT DISTINCT c"
                + str(int(sup)) + " FROM " + sample.table + ")) WHERE supplier_raw IS NOT NULL")  # (cleaned once a spelling)
    if progress:
        progress(0.3, "Reading and storing every row")
    sql = _insert_sql(m, source, plain=_plain(cur, sheet, header_rn, m))
    spec = colmod.SPEND
    res = None
    with store.write(db, cur=cur, refresh=refresh_suppliers):
        batch_id = cur.execute("SELECT nextval('batch_seq')").fetchone()[0]
        # Whose lines (lib.bodies): the body names in the first lines, else the one chosen, else the
        # default; a name first met further down is keyed here, once a name, and settled after the
        # pass (the pass itself then only looks names up: keying a line there cost on every line).
        bcol = m.columns.get("body")
        body = L.chosen_body(cur, [plan], body)
        fallback = bodies.stage(cur, ("SELECT DISTINCT clean_text(c" + str(int(bcol)) + ") AS body_raw FROM "
                                      + sheet.table + " WHERE rn > ?") if bcol is not None else
                                "SELECT NULL::VARCHAR AS body_raw WHERE ? IS NULL", [header_rn], body, loaded_by)
        if bcol is not None:
            cur.execute("INSERT INTO staged_bodies SELECT body_raw, body_key(body_raw) FROM (SELECT DISTINCT clean_text(v) "
                        "AS body_raw FROM (SELECT DISTINCT c" + str(int(bcol)) + " AS v FROM " + sample.table + " WHERE rowid >= ?)) "
                        "WHERE body_raw IS NOT NULL "
                        "AND body_raw NOT IN (SELECT body_raw FROM staged_bodies)", [header_rn])
        # The file's side of the supplier join has no estimate the planner can use (it guesses a
        # handful of rows, builds its hash table on the million lines and holds them all in
        # memory): keep the written order, lines probing, the names built.
        cur.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'")
        try:
            cur.execute(sql, [batch_id, batch_id, fallback, header_rn])
        except duckdb.Error:
            raise _Fallback("the pass failed") from None  # (this cursor, setting and all, is closed on the way out)
        cur.execute("RESET disabled_optimizers")
        flagged = cur.execute("SELECT count(*) FROM transactions WHERE batch_id = ?", [-batch_id]).fetchone()[0]
        staged = _flagged(cur, batch_id, plan, width, period, fallback, source) if flagged else None
        res = L._result(raw, [plan])
        ok = cur.execute("SELECT count(*), sum(amount) FROM transactions WHERE batch_id = ?", [batch_id]).fetchone()
        if staged:
            L._fill_counts(cur, res, ok)
        else:
            res.rows_loaded, res.amount_loaded = ok[0], ok[1] or Decimal("0.00")
            res.rows_read = res.rows_loaded
            res.amount_quarantined = Decimal("0.00")
        if res.rows_read == 0:
            raise _Fallback("no rows")  # the full path says why nothing is there
        if note := L.no_supplier_note(cur, L.NO_NAME_LINES, [batch_id]):
            res.warnings.append(note)
        res.warnings += L.title_dates_note(cur, [plan], L.DATED_LINES, [batch_id])
        res.warnings += L.undated_note(cur, [plan], L.UNDATED_LINES, [batch_id], period)
        raw.sha256 = sample.sha.result()
        earlier = L._already_loaded(cur, raw.sha256, spec)
        if earlier is not None:
            # Nothing is added: the counts say so, and batch_id names the earlier load.
            res.batch_id, res.duplicate = earlier, True
            res.rows_loaded = res.rows_quarantined = res.rows_total_lines = 0
            res.amount_loaded = res.amount_quarantined = Decimal("0.00")
            res.problems = []
            raise _Done(res)
        res.overlap = overlap_mod.find_loaded(cur, batch_id)
        if res.overlap and on_overlap == "skip":
            res.skipped = True
            res.rows_loaded = res.rows_quarantined = res.rows_total_lines = 0
            res.amount_loaded = res.amount_quarantined = Decimal("0.00")
            res.problems = []
            raise _Done(res)
        if res.overlap:
            L.delete_batches(cur, res.overlap.batch_ids)
            res.replaced = res.overlap.batch_ids
        cur.execute(
            "INSERT INTO batches (batch_id, kind, file_name, file_sha256, loaded_by, is_demo, rows_read, rows_loaded, "
            "rows_quarantined, rows_total_lines, amount_loaded, amount_quarantined, amount_total_lines, sheets, "
            "mapping, columns_unused, columns_found) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [batch_id, spec.name, raw.file_name, raw.sha256, loaded_by, is_demo, res.rows_read, res.rows_loaded,
             res.rows_quarantined, res.rows_total_lines, res.amount_loaded, res.amount_quarantined,
             res.amount_total_lines, json.dumps(res.sheets), json.dumps(res.mapping),
             json.dumps(res.columns_unused), json.dumps(res.columns)])
        L._remember(cur, [plan], spec, mapping if remember_mapping else None, loaded_by)
        res.bodies, note = bodies.settle_batch(cur, batch_id, fallback, chosen=bool(body and body.strip()))
        res.warnings += [note] if note else []
        res.batch_id = batch_id
        res.one_pass = True
    if progress:
        progress(1.0, "Done")
    return res


def _flagged(cur, batch_id: int, plan: L.SheetPlan, width: int, period, fallback: str, source: str) -> bool:
    """Classify the lines written under ``-batch_id`` with the full path's rules: quarantine and
    totals (with reasons and raw cells), the rest loaded after all; then take them out. Raises
    _Fallback for what only the full path can settle."""
    header_rn, _, m = plan.segments[0]
    sample_table = plan.sheet.table
    cells = ", ".join(f"c{i}" for i in range(width))
    cur.execute("CREATE OR REPLACE TEMP TABLE fast_flagged AS SELECT rn, " + cells + " FROM " + source + " WHERE rn IN "
                "(SELECT row_number FROM transactions WHERE batch_id = ?) ORDER BY rn", [-batch_id])
    cur.execute("DELETE FROM transactions WHERE batch_id = ?", [-batch_id])
    if excel_text_columns(cur, "fast_flagged", width):
        # a sum or a date written for Excel as text ('-45.00, ="01/04/2024") further down than the
        # first lines: the full path reads every such cell as the text inside
        raise _Fallback("cells written for Excel as text")
    w = L._header_width(m)
    if 0 < w < width and cur.execute("SELECT EXISTS (SELECT 1 FROM fast_flagged WHERE coalesce("
                                     + ", ".join(f"nullif(trim(c{i}), '')" for i in range(w, width))
                                     + ") IS NOT NULL)").fetchone()[0]:
        # cells past the header on a line that did not load: a name with the delimiter in it, unquoted,
        # may have moved its cells along; the full path joins them again (load._rejoin_split_text)
        raise _Fallback("cells past the header on a line that did not load")
    cap = limits.current().cell_chars
    if cur.execute("SELECT count(*) FROM fast_flagged WHERE greatest(" + ", ".join(f"length(c{i})" for i in range(width))
                   + ") > ?", [cap]).fetchone()[0]:
        raise _Fallback("a cell past the limit")  # a cell past the limit: the full path refuses the file, naming it
    flag_sheet = Sheet(name="", table="fast_flagged", width=width, rows=0)
    flag_plan = L.SheetPlan(flag_sheet, [(header_rn, 2**31 - 1, m)])
    # (the lines loaded by the pass are summed with these when one of these may be a total of them)
    classified = L._stage(cur, None, [flag_plan], period,
                          lines=("SELECT '' AS sheet, row_number AS rn, amount FROM transactions WHERE batch_id = ?",
                                 [batch_id]))
    plan.notes += [n for n in flag_plan.notes if n not in plan.notes]  # (a summary under the lines)
    # A header row again further down, or amounts written with decimal commas: the full path.
    rows = [rn for (rn,) in cur.execute("SELECT rn FROM staged WHERE amount IS NULL ORDER BY rn LIMIT 20000").fetchall()]
    if rows:
        cells_by_rn = dict(L._rows(cur, flag_sheet, "rn IN (SELECT unnest(?::INTEGER[]))", [rows]))
        if any(colmod.looks_like_header(c, colmod.SPEND) for c in cells_by_rn.values()):
            raise _Fallback("a header row again")
        if any(len(filled) == 1 and colmod.names_credit_notes(filled[0])
               for filled in ([x for x in c if x is not None and str(x).strip()] for c in cells_by_rn.values())):
            raise _Fallback("credit notes under a heading of their own")  # the full path takes them off
        if cur.execute("SELECT count(*) FROM staged WHERE amount IS NULL AND amount_form(amount_raw) = 'eu'").fetchone()[0]:
            # Decimal commas throughout (the full path reads the column the European way) unless a
            # cell is written the UK way: one in the first lines settles it, as the full path would.
            col = m.columns["amount"]
            if not cur.execute("SELECT count(*) FROM " + sample_table + " WHERE rn > ? AND amount_form(c" + str(int(col))
                               + ") = 'uk'", [header_rn]).fetchone()[0]:
                raise _Fallback("decimal commas")
    if mdy := cur.execute("SELECT count(*) FROM staged WHERE payment_date IS NULL AND date_order(date_raw) = 'mdy'"
                          ).fetchone()[0]:
        # Dates month first (12/31/2023): the full path reads the column that way when no cell of it
        # is day first, or those are far fewer (L._settle_month_first, over every line, as here).
        dmy, dated, tight = L.column_evidence(cur, source, m.columns["payment_date"], header_rn, 2**31 - 1,
                                              **L.MONTH_FIRST_EVIDENCE)
        if L.reads_other_way(mdy, dmy, dated, L.MONTH_FIRST_MAJORITY, tight):
            raise _Fallback("dates month first")
    L._relabel_raw(cur, [flag_plan])
    start = period[0] if period else None
    cur.execute(L._INSERT_TXNS.format(classified=classified.sql),
                [batch_id, fallback, start, start, start] + classified.params)
    cur.execute(L._INSERT_QUARANTINE, [batch_id])
    cur.execute(L._INSERT_TOTALS, [batch_id])
    return True
