"""Read-only questions asked of the spend store, as small DataFrames and dicts.

Every function takes a DuckDB cursor (or a database path, or None for the default store) and,
where it makes sense, a :class:`~lib.filters.Filters`. Money is summed in SQL as DECIMAL and
comes back as :class:`decimal.Decimal` (object columns), never float: charts convert to float
themselves. Rows are aggregated in DuckDB; only the small answer reaches pandas.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from lib import format as fmt
from lib import summary, tables
from lib.export import to_csv
from lib.filters import NOT_GIVEN, Filters, body_clause, fy_months, previous_year, where_clause
from lib.rows import cursor_of, frame

ZERO = Decimal("0.00")

# Sort orders the transactions list offers; keys are what callers pass, values fixed SQL text.
TRANSACTION_ORDERS = {
    "date": "t.period_start, t.batch_id, t.sheet, t.row_number",
    "date_desc": "t.period_start DESC, t.batch_id, t.sheet, t.row_number",
    "amount_desc": "t.amount DESC, t.period_start, t.batch_id, t.sheet, t.row_number",
    "amount_asc": "t.amount ASC, t.period_start, t.batch_id, t.sheet, t.row_number",
    "supplier": "t.supplier_name, t.period_start, t.batch_id, t.sheet, t.row_number",
}

# The columns the transactions list can be sorted by (label shown → fixed SQL), in either direction;
# ties fall back to date then where the line came from, so a page is always the same lines.
SORT_COLUMNS = {
    "Date": "t.period_start",
    "Amount": "t.amount",
    "Supplier": "t.supplier_name",
    "Department": "t.department",
    "Category": "t.category",
    "Reference": "t.transaction_ref",
}
_TIE = "t.period_start, t.batch_id, t.sheet, t.row_number"

# What the text search looks in (fixed SQL; the user's text is one bound, escaped pattern).
SEARCH_COLUMNS = ("t.supplier_name", "t.description", "t.department", "t.category", "t.transaction_ref")

# The transactions list's columns, in the order it shows them: the amount beside the supplier, so a screen
# too narrow for every column still shows who was paid how much before it scrolls; where the line came from last.
TRANSACTION_COLUMNS = [
    "period_start", "payment_date", "fy", "supplier_name", "amount", "department", "category", "description",
    "is_redacted", "transaction_ref", "file_name", "sheet", "row_number", "batch_id",
]

# How the transactions list names its columns for people: the app's one dictionary (lib.tables).
TRANSACTION_LABELS = {c: tables.label(c) for c in TRANSACTION_COLUMNS}


def order_sql(order: str | tuple) -> str:
    """The ORDER BY text for ``order``: a key of TRANSACTION_ORDERS, or (a key of SORT_COLUMNS,
    descending: bool). Only fixed text comes out; anything else raises ValueError."""
    if isinstance(order, str):
        if order not in TRANSACTION_ORDERS:
            raise ValueError(f"unknown order {order!r}")
        return TRANSACTION_ORDERS[order]
    column, descending = order
    if column not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {column!r}")
    return f"{SORT_COLUMNS[column]} {'DESC' if descending else 'ASC'} NULLS LAST, {_TIE}"


def search_clause(text: str | None) -> tuple[str, list]:
    """(SQL, params) keeping the lines whose supplier, description, department, category or
    reference contains ``text``, any case; ``%``, ``_`` and ``\\`` in it match themselves. No text:
    ('TRUE', [])."""
    text = (text or "").strip()
    if not text:
        return "TRUE", []
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in SEARCH_COLUMNS)
    return f"({sql})", [pattern] * len(SEARCH_COLUMNS)


def _matching(f: Filters, search: str | None) -> tuple[str, list]:
    where, params = where_clause(f, alias="t")
    sw, sp = search_clause(search)
    return f"{where} AND {sw}", [*params, *sp]


def store_version(db=None) -> tuple:
    """(max batch_id, number of batches, then a stamp of every kind of staff decision): changes
    whenever a batch is loaded or removed, or staff answer a supplier, decide a match, edit a
    contract, set a target, a route, a setting, a redaction rule or decision, a category's group,
    the store's own bodies, a body's spellings or its area, or the postcode reference or the district shapes
    are built (every input of lib.derived), so every cached figure
    (queries, measures, public figures) follows. The one cache key: nothing else needs clearing."""
    cur = cursor_of(db)
    # One row a table, UNION ALL: as scalar subqueries of one SELECT the planner took ~50 ms, and this
    # runs before every cached query on every rerun.
    rows = cur.execute(
        "SELECT 0, coalesce(max(batch_id), 0)::VARCHAR FROM batches "
        "UNION ALL SELECT 1, count(*)::VARCHAR FROM batches "
        "UNION ALL SELECT 2, count(*)::VARCHAR FROM supplier_edits "
        "UNION ALL SELECT 3, count(*) || '/' || coalesce(max(decided_at)::VARCHAR, '') FROM match_decisions "
        "UNION ALL SELECT 4, count(*)::VARCHAR FROM contract_edits "
        "UNION ALL SELECT 5, count(*)::VARCHAR FROM target_changes "
        "UNION ALL SELECT 6, count(*) || '/' || coalesce(max(set_at)::VARCHAR, '') FROM targets "
        "UNION ALL SELECT 7, string_agg(value, '/' ORDER BY name) FROM settings "
        "UNION ALL SELECT 8, count(*)::VARCHAR FROM redaction_decisions "
        "UNION ALL SELECT 9, count(*) || '/' || coalesce(max(set_at)::VARCHAR, '') FROM redaction_rules "
        "UNION ALL SELECT 10, count(*) || '/' || coalesce(string_agg(alias || '=' || route, ',' ORDER BY alias), '') "
        "FROM collaborative_routes "
        "UNION ALL SELECT 11, count(*) || '/' || coalesce(max(built_at)::VARCHAR, '') FROM reference_meta "
        "UNION ALL SELECT 12, count(*) || '/' || coalesce(max(set_at)::VARCHAR, '') FROM category_group_choices "
        "UNION ALL SELECT 13, count(*) || '/' || coalesce(string_agg(body_key || '=' || own || is_default || name, ',' "
        "ORDER BY body_key), '') FROM bodies "
        "UNION ALL SELECT 14, count(*) || '/' || coalesce(max(added_at)::VARCHAR, '') FROM body_aliases "
        "UNION ALL SELECT 15, count(*) || '/' || coalesce(max(set_at)::VARCHAR, '') FROM body_areas"
    ).fetchall()
    values = [v for _, v in sorted(rows)]
    return (int(values[0]), int(values[1])) + tuple(values[2:])


def has_demo_data(db=None) -> bool:
    """True when any batch in the store is demo data."""
    return bool(cursor_of(db).execute("SELECT coalesce(bool_or(is_demo), FALSE) FROM batches").fetchone()[0])


def has_spend(db=None) -> bool:
    """True when the store holds at least one transaction."""
    return cursor_of(db).execute("SELECT EXISTS (SELECT 1 FROM transactions)").fetchone()[0]


def financial_years(db=None, bodies: tuple = ()) -> list[str]:
    """The financial years present, newest first ('2020/21', '2019/20', ...), for the bodies
    chosen (the store's own when none)."""
    cur = cursor_of(db)
    where, params = body_clause(bodies)  # fixed SQL text from lib.filters; the bodies are bound
    sql = _FY_SQL["spend_by_month" if summary.by_month(cur, None) else "transactions"]
    return [r[0] for r in cur.execute(sql.replace("{where}", where), params).fetchall()]


# The years present, read from the month summary when it is up to date, else from the lines: one
# statement per source, written out, so no name is put together at run time.
_FY_SQL = {
    "spend_by_month": "SELECT fy FROM spend_by_month WHERE {where} GROUP BY fy, fy_start ORDER BY fy_start DESC",
    "transactions": "SELECT fy FROM transactions WHERE {where} GROUP BY fy, fy_start ORDER BY fy_start DESC",
}


def body_choices(db=None) -> pd.DataFrame:
    """The bodies the filter bar offers: body_key, name, own; own first, then by lines held (from the
    month summary when up to date, else the lines), then name. lib.bodies.all_bodies has each one's
    figures (the Bodies page); the filter bar needs only these."""
    cur = cursor_of(db)
    return frame(cur, _BODY_CHOICES_SQL["spend_by_month" if summary.by_month(cur, None) else "transactions"])


_BODY_CHOICES_SQL = {
    "spend_by_month": "SELECT b.body_key, b.name, b.own FROM bodies b LEFT JOIN (SELECT body_key, sum(lines) AS n "
                      "FROM spend_by_month GROUP BY body_key) s USING (body_key) ORDER BY b.own DESC, "
                      "coalesce(s.n, 0) DESC, b.name",
    "transactions": "SELECT b.body_key, b.name, b.own FROM bodies b LEFT JOIN (SELECT body_key, count(*) AS n "
                    "FROM transactions GROUP BY body_key) s USING (body_key) ORDER BY b.own DESC, "
                    "coalesce(s.n, 0) DESC, b.name",
}


def months_available(db=None, fy: str | None = None, bodies: tuple = ()) -> list:
    """First-of-month dates of period_start present (in one FY, or all), oldest first."""
    if fy:
        return fy_months(fy)
    cur = cursor_of(db)
    table = "spend_by_month" if summary.by_month(cur, None) else "transactions"
    where, params = body_clause(bodies)
    rows = cur.execute(
        f"SELECT DISTINCT CAST(date_trunc('month', period_start) AS DATE) AS m FROM {table} WHERE {where} ORDER BY m",
        params).fetchall()
    return [r[0] for r in rows]


def filter_options(db=None, bodies: tuple = ()) -> dict:
    """Choices for the filter bar, over all years.

    Returns ``{"departments": [...], "categories": [...], "suppliers": {key: name}}``; a missing
    department or category appears once as NOT_GIVEN. Suppliers are ordered by total spend. For the
    store's own bodies (``bodies`` empty) the lists kept ahead in filter_choices (lib.summary) when
    they are up to date, else (and for any other bodies) worked out now: the same lists either way.
    """
    cur = cursor_of(db)
    if not bodies and summary.choices_fresh(cur):
        rows = cur.execute(_CHOICES_STORED).fetchall()
    else:
        sql, params = summary.choices_sql(cur, bodies)
        # (kind, position) is unique: sorting the rows puts each list in its order
        rows = [(kind, value, label) for kind, _, value, label in sorted(cur.execute(sql, params).fetchall())]
    out = {"departments": [], "categories": [], "suppliers": {}}
    for kind, value, label in rows:
        if kind == "suppliers":
            out[kind][value] = label
        else:
            out[kind].append(label)
    return out


_CHOICES_STORED = "SELECT kind, value, label FROM filter_choices ORDER BY kind, position"


# One row of headline figures (_HEADLINE_KEYS) for the lines {where} picks, numbered {year}: from
# the supplier summary, or from the lines.
_HEADLINE_SUMMARY = """
    SELECT {year} AS year,
           coalesce(sum(amount), 0)::DECIMAL(18,2),
           coalesce(sum(lines), 0)::BIGINT,
           count(DISTINCT supplier_key) FILTER (WHERE NOT is_redacted),
           coalesce(sum(lines) FILTER (WHERE is_redacted), 0)::BIGINT,
           coalesce(sum(amount) FILTER (WHERE is_redacted), 0)::DECIMAL(18,2),
           coalesce(sum(credit_lines), 0)::BIGINT,
           coalesce(sum(credit_amount), 0)::DECIMAL(18,2)
    FROM spend_by_supplier WHERE {where}
"""

_HEADLINE_LINES = """
    SELECT {year} AS year,
           coalesce(sum(amount), 0)::DECIMAL(18,2),
           count(*),
           count(DISTINCT supplier_key) FILTER (WHERE NOT is_redacted),
           count(*) FILTER (WHERE is_redacted),
           coalesce(sum(amount) FILTER (WHERE is_redacted), 0)::DECIMAL(18,2),
           count(*) FILTER (WHERE amount < 0),
           coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DECIMAL(18,2)
    FROM transactions WHERE {where}
"""
_HEADLINE_KEYS = ("total", "lines", "suppliers", "redacted_lines", "redacted_amount", "credit_lines", "credit_amount")


def headline(db, f: Filters) -> dict:
    """Headline figures for the filters, and for the previous FY with the same other filters.

    Returns ``{"current": {...}, "previous": {...} or None}``; each holds total (Decimal, credit
    notes netted, redacted lines included), lines, suppliers (distinct supplier_key of named,
    unredacted suppliers), redacted_lines, redacted_amount, credit_lines, credit_amount, fy.
    ``previous`` is None when no FY is chosen or the store holds nothing for that year.
    """
    cur = cursor_of(db)
    years = [f] + [p for p in (previous_year(f),) if p is not None]
    # From the supplier summary when it answers f (and so the previous year: the same filters are
    # set), else the lines; both years in one statement, which DuckDB reads side by side (as two
    # statements they took half as long again).
    sql = _HEADLINE_SUMMARY if summary.by_supplier(cur, f) else _HEADLINE_LINES
    parts = [(sql.format(year=i, where=where), params) for i, (where, params) in enumerate(map(where_clause, years))]
    rows = {r[0]: r[1:] for r in cur.execute(" UNION ALL ".join(f"({q})" for q, _ in parts),
                                             [v for _, params in parts for v in params]).fetchall()}
    figures = [dict(zip(_HEADLINE_KEYS, rows[i])) | {"fy": y.fy} for i, y in enumerate(years)]
    previous = figures[1] if len(figures) > 1 and figures[1]["lines"] else None
    return {"current": figures[0], "previous": previous}


def monthly_trend(db, f: Filters) -> pd.DataFrame:
    """Spend by month of period_start: the chosen FY and the previous FY (same other filters).

    Columns: fy, month (first-of-month date), month_index (0 = April), amount (Decimal), lines.
    With no FY chosen, every FY present. Months with no spend are absent, not zero.
    """
    cur = cursor_of(db)
    where, params = where_clause(f)
    prev_f = previous_year(f)
    table, lines = ("spend_by_month", "sum(lines)::BIGINT") if summary.by_month(cur, f) else ("transactions", "count(*)")
    sql = f"""SELECT fy, CAST(date_trunc('month', period_start) AS DATE) AS month,
                     sum(amount)::DECIMAL(18,2) AS amount, {lines} AS lines
              FROM {table} WHERE {where} GROUP BY ALL"""
    if prev_f is not None:
        pwhere, pparams = where_clause(prev_f)
        sql += f"""
              UNION ALL
              SELECT fy, CAST(date_trunc('month', period_start) AS DATE) AS month,
                     sum(amount)::DECIMAL(18,2) AS amount, {lines} AS lines
              FROM {table} WHERE {pwhere} GROUP BY ALL"""
        params = params + pparams
    df = frame(cur, f"SELECT *, (month(month) + 8) % 12 AS month_index FROM ({sql}) ORDER BY month", params)
    return df[["fy", "month", "month_index", "amount", "lines"]]


def _top_n(cur, f: Filters, column: str, n: int, other_noun: str) -> pd.DataFrame:
    """Spend grouped by a nullable text column: top ``n`` rows, then one 'Other (k …)' row.

    Columns: label, amount (Decimal), lines, members (list of the labels a row stands for),
    is_other. Missing values are grouped as NOT_GIVEN and ranked like any other label.
    """
    assert column in ("department", "category")
    where, params = where_clause(f)
    table, lines = ("spend_by_month", "sum(lines)") if summary.by_month(cur, f) else ("transactions", "count(*)")
    sql = f"""
        WITH g AS (
            SELECT coalesce(nullif(trim({column}), ''), ?) AS label,
                   sum(amount) AS amount, {lines} AS lines
            FROM {table} WHERE {where} GROUP BY 1
        ), r AS (
            SELECT *, row_number() OVER (ORDER BY amount DESC, label) AS rn FROM g
        )
        SELECT CASE WHEN rn <= ? THEN label
                    ELSE 'Other (' || count(*) OVER (PARTITION BY rn > ?) || ' {other_noun})' END AS label,
               amount, lines, label AS member, rn, rn > ? AS is_other
        FROM r
    """
    df = frame(
        cur,
        f"""SELECT label, sum(amount)::DECIMAL(18,2) AS amount, sum(lines)::BIGINT AS lines,
                   list(member ORDER BY rn) AS members, bool_or(is_other) AS is_other
            FROM ({sql}) GROUP BY label ORDER BY bool_or(is_other), min(rn)""",
        [NOT_GIVEN, *params, n, n, n],
    )
    return df


def spend_by_department(db, f: Filters, n: int = 15) -> pd.DataFrame:
    """Spend by department, largest first: top ``n`` then 'Other (k departments)'. See _top_n."""
    return _top_n(cursor_of(db), f, "department", n, "departments")


def spend_by_category(db, f: Filters, n: int = 12) -> pd.DataFrame:
    """Spend by category, largest first: top ``n`` then 'Other (k categories)'; NULL as '(not given)'."""
    return _top_n(cursor_of(db), f, "category", n, "categories")


def top_suppliers(db, f: Filters, n: int = 15) -> pd.DataFrame:
    """The ``n`` suppliers (by supplier_key) with most spend.

    Columns: supplier_key, supplier_name (the name most often published), amount (Decimal),
    lines, is_redacted. Redacted lines group under their redaction label and stay in.
    """
    where, params = where_clause(f)
    cur = cursor_of(db)
    # Lines and spend per key and name as published, from the summary (lib.summary) when it answers f.
    names = (f"SELECT supplier_key, supplier_name, is_redacted, sum(amount) AS amount, sum(lines) AS n "
             f"FROM spend_by_supplier WHERE {where} GROUP BY ALL" if summary.by_supplier(cur, f) else
             f"SELECT supplier_key, supplier_name, is_redacted, sum(amount) AS amount, count(*) AS n "
             f"FROM transactions WHERE {where} GROUP BY ALL")
    # The n keys with most spend first, then the name shown for those alone: the one on most lines
    # (the first in order on a tie). Picking a name for every key of a year took twice as long.
    return frame(
        cur,
        f"""WITH nm AS ({names}),
                 top AS (SELECT supplier_key, sum(amount) AS amount, sum(n) AS lines, bool_or(is_redacted) AS is_redacted
                         FROM nm GROUP BY supplier_key ORDER BY sum(amount) DESC, supplier_key LIMIT ?)
            SELECT t.supplier_key, first(nm.supplier_name ORDER BY nm.n DESC, nm.supplier_name) AS supplier_name,
                   any_value(t.amount)::DECIMAL(18,2) AS amount, any_value(t.lines)::BIGINT AS lines,
                   any_value(t.is_redacted) AS is_redacted
            FROM top t JOIN nm ON nm.supplier_key IS NOT DISTINCT FROM t.supplier_key
            GROUP BY t.supplier_key ORDER BY any_value(t.amount) DESC, t.supplier_key""",
        [*params, n],
    )


def transactions_summary(db, f: Filters, search: str | None = None) -> dict:
    """``{"lines": int, "amount": Decimal}`` for every transaction matching the filters (and the
    text ``search``, see search_clause)."""
    cur = cursor_of(db)
    where, params = _matching(f, search)
    table, n = ("spend_by_month", "coalesce(sum(t.lines), 0)") if not (search or "").strip() and summary.by_month(cur, f) \
        else ("transactions", "count(*)")
    lines, amount = cur.execute(
        f"SELECT {n}, coalesce(sum(amount), 0)::DECIMAL(18,2) FROM {table} t WHERE {where}",
        params,
    ).fetchone()
    return {"lines": int(lines), "amount": amount}


def transactions(db, f: Filters, limit: int = 100, offset: int = 0, order: str | tuple = "date",
                 search: str | None = None) -> pd.DataFrame:
    """The transactions behind a figure, one page, with provenance (file_name, sheet, row_number,
    batch_id), sorted by the store over every matching line. ``order``: see order_sql (ValueError
    for anything else); ``search``: see search_clause."""
    order_by = order_sql(order)
    cur = cursor_of(db)
    window = _month_window(cur, f, order, int(limit), int(offset), search)
    if window is not None:
        f, offset = window
    where, params = _matching(f, search)
    cols = ", ".join(("b." if c == "file_name" else "t.") + c for c in TRANSACTION_COLUMNS)
    # The page's lines are found from the columns they are filtered and sorted by, then only those
    # lines are read whole: sorting every matching line with its text read a month of lines whole.
    return frame(
        cur,
        f"""WITH page AS (SELECT t.rowid AS line FROM transactions t WHERE {where}
                          ORDER BY {order_by} LIMIT ? OFFSET ?)
            SELECT {cols} FROM transactions t JOIN batches b ON b.batch_id = t.batch_id
            WHERE t.rowid IN (SELECT line FROM page) ORDER BY {order_by}""",
        [*params, int(limit), int(offset)],
    )


# The orders that put the lines month by month (the first key is period_start), each with whether it
# runs from the latest month.
_BY_DATE = {"date": False, "date_desc": True, ("Date", False): False, ("Date", True): True}


def _month_window(cur, f: Filters, order, limit: int, offset: int, search: str | None) -> tuple[Filters, int] | None:
    """For a page of lines in date order: the same filters narrowed to the months that page falls in,
    and the offset within them, from the lines per month in the month summary (lib.summary), so the
    store sorts a month or two of lines (its zone maps skip the rest) instead of every matching line.
    The same lines come back. None when the order is not by date, there is a search, or the summary
    does not answer ``f``."""
    descending = _BY_DATE.get(order if isinstance(order, str) else tuple(order))
    if descending is None or (search or "").strip() or not summary.by_month(cur, f):
        return None
    where, params = where_clause(f)
    months = cur.execute(_LINES_BY_MONTH[descending].replace("{where}", where), params).fetchall()
    before, taken, window = 0, 0, []
    for month, lines in months:
        if not window and before + lines <= offset:
            before += lines  # wholly before the page
            continue
        window.append(month)
        taken += lines
        if before + taken >= offset + limit:
            break
    if not window:
        return None  # past the last line: the query finds nothing either way
    return f.replace(month_from=min(window), month_to=max(window)), offset - before


_LINES_BY_MONTH = {
    False: "SELECT period_start, sum(lines) FROM spend_by_month WHERE {where} GROUP BY period_start ORDER BY period_start",
    True: "SELECT period_start, sum(lines) FROM spend_by_month WHERE {where} GROUP BY period_start "
          "ORDER BY period_start DESC",
}


def transactions_table(rows: pd.DataFrame) -> pd.DataFrame:
    """A page of :func:`transactions` as people read it: labelled columns in TRANSACTION_COLUMNS' order, money as £ with
    thousands separators, one Date (the payment date DD/MM/YYYY; a line the file dates by its period
    alone, "Oct 2024 (period)"), Redacted as Yes or blank."""
    out = pd.DataFrame(index=rows.index)
    for col in TRANSACTION_COLUMNS:
        v = rows[col]
        if col == "payment_date":  # the same day as the Date column's, or none: said there
            continue
        if col == "amount":
            v = v.map(fmt.money)
        elif col == "period_start":
            v = pd.Series([fmt.day(paid) if paid is not None and paid == paid else
                           ("" if start is None or start != start else f"{fmt.month_label(start)} (period)")
                           for paid, start in zip(rows["payment_date"], rows["period_start"])], index=rows.index)
        elif col == "is_redacted":
            v = v.map(lambda r: "Yes" if r else "")
        elif col in ("row_number", "batch_id"):
            v = v.map(lambda n: "" if n is None or n != n else str(int(n)))
        else:
            v = v.map(lambda x: "" if x is None or x != x else str(x))
        out[TRANSACTION_LABELS[col]] = v
    return out.reset_index(drop=True)


# Every batch with whose spend it is (``whose``: its bodies by name, a peer's marked; ``peer``: every
# line a peer's), from the summary by batch and body when it is up to date, else from the lines.
_BATCH_BODIES = {
    True: "SELECT DISTINCT batch_id, body_key FROM spend_by_body_batch",
    False: "SELECT DISTINCT batch_id, body_key FROM transactions",
}
_BATCHES_SQL = """
SELECT b.batch_id, b.loaded_at, b.file_name, b.kind, w.whose, b.is_demo, b.rows_read, b.rows_loaded,
       b.rows_quarantined, b.rows_total_lines, b.amount_loaded, b.amount_quarantined, b.amount_total_lines,
       b.loaded_by, coalesce(w.peer, FALSE) AS peer
FROM batches b LEFT JOIN (
    SELECT s.batch_id, string_agg(coalesce(o.name, s.body_key) || CASE WHEN coalesce(o.own, FALSE) THEN '' ELSE ' (peer)' END,
                                  '; ' ORDER BY coalesce(o.own, FALSE) DESC, coalesce(o.name, s.body_key)) AS whose,
           NOT bool_or(coalesce(o.own, FALSE)) AS peer
    FROM ({by_body}) s LEFT JOIN bodies o ON o.body_key = s.body_key GROUP BY s.batch_id) w ON w.batch_id = b.batch_id
ORDER BY b.batch_id DESC"""


def batches(db=None) -> pd.DataFrame:
    """Every batch loaded, newest first, with whose spend it is (``whose``; ``peer``: every line a
    peer's), its counts and amounts (Decimal). A batch of a kind that holds no money (a supplier
    register: lib.ingest.columns.KIND_WORDS) has no amount (None), not £0.00."""
    from lib.ingest.columns import KIND_WORDS

    cur = cursor_of(db)
    df = frame(cur, _BATCHES_SQL.format(by_body=_BATCH_BODIES[summary.answers(cur, "spend_by_body_batch", None)]))
    moneyless = [k for k, words in KIND_WORDS.items() if words[3] is None]
    if not df.empty:
        df["amount_loaded"] = df["amount_loaded"].astype(object).where(~df["kind"].isin(moneyless), None)
    return df


def quarantine_rows(db, batch_id: int) -> pd.DataFrame:
    """The rows of one batch held back from the store, with why: sheet, row_number, column_name,
    reason, amount (Decimal or None) and raw (the row as published, JSON)."""
    return frame(
        cursor_of(db),
        """SELECT sheet, row_number, column_name, reason, amount, raw
           FROM quarantine WHERE batch_id = ? ORDER BY sheet, row_number""",
        [int(batch_id)],
    )


def total_line_rows(db, batch_id: int) -> pd.DataFrame:
    """The rows of one batch read as the file's own totals, kept aside so they are not counted twice:
    sheet, row_number, amount (Decimal or None) and raw (the row as published, JSON)."""
    return frame(
        cursor_of(db),
        "SELECT sheet, row_number, amount, raw FROM total_lines WHERE batch_id = ? ORDER BY sheet, row_number",
        [int(batch_id)],
    )


def transactions_csv(db, f: Filters, label: str | None = None, order: str | tuple = "date",
                     search: str | None = None) -> bytes:
    """Every transaction matching the filters and ``search`` as safe CSV (lib.export.to_csv;
    ``label`` its first line) under the published Transparency Code headings
    (lib.publish.redaction.PUBLISHED_COLUMNS), then where each line came from. Staff copy: names
    as the source published them, with a Redacted in source column. Sorted by ``order``."""
    from lib.publish.redaction import PUBLISHED_COLUMNS

    order_by = order_sql(order)
    where, params = _matching(f, search)
    rel = cursor_of(db).execute(
        f"""SELECT t.body, coalesce(t.payment_date, t.period_start), t.department, t.supplier_name,
                   t.description, t.amount, t.irrecoverable_vat, t.category, t.transaction_ref,
                   t.is_redacted, b.file_name, t.sheet, t.row_number
            FROM transactions t JOIN batches b ON b.batch_id = t.batch_id
            WHERE {where} ORDER BY {order_by}""",
        params,
    )
    df = pd.DataFrame(rel.fetchall(), columns=PUBLISHED_COLUMNS + STAFF_CSV_EXTRA)
    df["Date"] = df["Date"].map(fmt.day)
    df["Redacted in source"] = df["Redacted in source"].map(lambda r: "Yes" if r else "")
    return to_csv(df, label)


# The staff download's columns after the published ones: withheld flag and provenance.
STAFF_CSV_EXTRA = ["Redacted in source", "File", "Sheet", "Row"]
