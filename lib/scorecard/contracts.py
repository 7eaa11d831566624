"""Contract questions: live in a year, spend by route, the review list, expiring, burn, the register
as it stands, and staff edits to it (kept with who, when, why and the old value)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from lib import cover, summary
from lib import format as fmt
from lib.filters import Filters, fy_bounds, where_clause
from lib.format import share_pct
from lib.rows import frame
from lib.scorecard.catalogue import ZERO
from lib.scorecard.lines import lines_sql
from lib.scorecard.review_kept import _DEPARTMENT, _KEPT_INPUTS, _OWN

EXPIRY_DAYS = 120
REVIEW_SHOWN = 1000  # the review list's largest rows on screen (a year at 50M lines holds ~500,000)


# Does a contract's register record social value at all (a weighting column its load used), or was a
# weighting given by hand? A register with no such column says nothing of it: its contracts are not
# counted below the 2.5% (the measure would state a compliance figure the data cannot support).
# Alias ``c`` for the contract, ``b`` for its batch. (columns_found is our own JSON of the fields found;
# a batch written without it, by an older version or another tool, is taken to record it, as before.)
SV_RECORDED = ("(c.social_value_pct IS NOT NULL OR b.columns_found IS NULL "
               "OR coalesce(b.columns_found LIKE '%\"social_value_pct\"%', FALSE))")


def contract_dates(cur) -> pd.DataFrame:
    """start_date, end_date, social_value_pct, is_collaborative, sv_recorded (:data:`SV_RECORDED`) of
    every current contract (small)."""
    return frame(cur, "SELECT c.start_date, c.end_date, c.social_value_pct, c.is_collaborative, "
                 + SV_RECORDED + " AS sv_recorded FROM " + cover.contracts_table(cur)
                 + " c LEFT JOIN batches b ON b.batch_id = c.batch_id")


def contracts_live(cur, fy: str) -> dict:
    """{contracts, collaborative, value} for contracts live at any time in ``fy``. A register row that
    names several suppliers ("Language Line Ltd; The Big Word Ltd", one value) is a contract with each,
    its value counted once in the total, as the register's batch counts it."""
    lo, hi = fy_bounds(fy)
    n, collab, value = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE is_collaborative), coalesce(sum(value) FILTER (WHERE once), 0)::DECIMAL(18,2) "
        "FROM (SELECT is_collaborative, value, row_number() OVER (PARTITION BY batch_id, sheet, row_number, value "
        "ORDER BY contract_id) = 1 AS once FROM " + cover.contracts_table(cur)
        + " WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?))", [hi, lo]).fetchone()
    return {"contracts": int(n), "collaborative": int(collab), "value": value}


_ROUTES = """
    SELECT coalesce(cc.route_group, 'Off contract') AS route, cc.is_collaborative AS collaborative,
           sum(l.amount)::DECIMAL(18,2) AS amount, {lines}::BIGINT AS lines
    FROM {source} LEFT JOIN cc ON {join}
    GROUP BY ALL ORDER BY cc.is_collaborative DESC NULLS LAST, amount DESC, route"""


def collaborative_by_route(cur, f: Filters) -> pd.DataFrame:
    """On-contract spend by the route each payment counts under, then 'Off contract': route,
    collaborative (bool, None for off contract), amount (Decimal), lines, pct_of_all (0–100).
    Read from the spend summed by covering contract (lib.summary) when it answers ``f``."""
    if cover.is_fresh(cur) and summary.by_supplier(cur, f):
        where, params = where_clause(f, alias="t")
        df = frame(cur, "WITH cc AS (SELECT contract_id, route_group, is_collaborative FROM cover_contracts), "
                   "l AS (SELECT covered_by, sum(t.amount) AS amount, sum(t.lines) AS lines FROM spend_by_supplier t "
                   "WHERE " + where + " GROUP BY covered_by)"
                   + _ROUTES.format(lines="sum(l.lines)", source="l", join="cc.contract_id = l.covered_by"), params)
    else:
        sql, params = lines_sql(cur, f)
        df = frame(cur, sql + _ROUTES.format(lines="count(*)", source="lines l", join="cc.cover_rank = l.cover_rank"),
                   params)
    total = sum(df["amount"], start=ZERO)
    df["pct_of_all"] = [share_pct(a, total) for a in df["amount"]]
    return df


# Off-contract spend by supplier and department (`off`), from `named`: the same by the name as
# published too (several rows may share a key: always summed). A row's supplier name is the one most
# of its lines there carry (the first A-Z of those tied), found only for the rows shown (`names`).
_OFF = f"""
    , off AS MATERIALIZED (SELECT supplier_key, {_DEPARTMENT} AS department, sum(amount)::DECIMAL(18,2) AS amount,
                     sum(lines)::BIGINT AS lines, min(first_date) AS first_date, max(last_date) AS last_date
              FROM named GROUP BY supplier_key, 2)"""
_NAMES = f"""
    , names AS (SELECT supplier_key, department, first(supplier_name ORDER BY lines DESC, supplier_name) AS supplier_name
                FROM (SELECT n.supplier_key, {_DEPARTMENT} AS department, n.supplier_name, sum(n.lines) AS lines
                      FROM named n SEMI JOIN shown s ON s.supplier_key = n.supplier_key
                      GROUP BY ALL)
                GROUP BY ALL)"""
_NAMED_FROM_LINES = """
    , named AS (SELECT supplier_key, supplier_name, department, sum(amount) AS amount, count(*) AS lines,
                       min(coalesce(payment_date, period_start)) AS first_date,
                       max(coalesce(payment_date, period_start)) AS last_date
                FROM lines WHERE cover_rank IS NULL GROUP BY ALL)"""
_NAMED_STORED = """
    WITH cc AS (SELECT contract_id, supplier_key FROM cover_contracts),
    named AS (SELECT supplier_key, supplier_name, department, amount, lines, first_date, last_date
              FROM spend_off_contract t WHERE {where})"""


def _off_sql(cur, f: Filters) -> tuple[str, list]:
    """``WITH ...`` text ending in ``off`` (and ``named`` and ``cc``, the register) for the filters,
    and its parameters: from the off-contract spend summed ahead (lib.summary) when it answers ``f``."""
    if cover.is_fresh(cur) and summary.answers(cur, "spend_off_contract", f):
        where, params = where_clause(f, alias="t")
        return _NAMED_STORED.format(where=where) + _OFF, params
    sql, params = lines_sql(cur, f)
    return sql + _NAMED_FROM_LINES + _OFF, params


_REVIEW_ROWS = """
    , shown AS MATERIALIZED (SELECT * FROM off ORDER BY amount DESC, supplier_key, department{limit})""" + _NAMES + """
    SELECT s.supplier_key, names.supplier_name, s.department, s.amount, s.lines, s.first_date, s.last_date,
           (SELECT count(*) FROM cc WHERE cc.supplier_key = s.supplier_key) AS contracts_held{totals}
    FROM shown s JOIN names USING (supplier_key, department)
    ORDER BY s.amount DESC, s.supplier_key, s.department"""


def _review_kept(cur, f: Filters) -> bool:
    """Does review_kept answer ``f`` (a year of the own bodies, nothing else chosen), up to date?"""
    return summary.ENABLED and bool(f.fy) and summary.used(f) == {"fy"} and summary.is_fresh(cur) and cover.is_fresh(cur) and bool(
        cur.execute("SELECT r.inputs = (" + _KEPT_INPUTS + ") FROM review_kept_state r").fetchone()[0])


def review_list(cur, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """Off-contract spend by supplier and department, largest first (the strategy's "to be
    reviewed" list): supplier_key, supplier_name, department, amount (Decimal), lines, first_date,
    last_date, contracts_held (the supplier's contracts in the register, live or not). ``limit``:
    the largest that many."""
    sql, params = _off_sql(cur, f)
    return frame(cur, sql + _REVIEW_ROWS.format(limit=" LIMIT ?" if limit else "", totals=""),
                 params + ([int(limit)] if limit else []))


def review(cur, f: Filters, limit: int) -> dict:
    """The review list's largest ``limit`` rows (``rows``: as review_list) and, of the whole list,
    ``pairs`` (its rows), ``amount`` and ``lines``: one pass over the off-contract spend."""
    if _review_kept(cur, f):  # the year's pairs kept; the names of the rows shown from spend_off_contract
        sql = """
    WITH cc AS (SELECT contract_id, supplier_key FROM cover_contracts),
    named AS (SELECT supplier_key, supplier_name, department, lines FROM spend_off_contract WHERE fy = ? AND """ + _OWN + """),
    off AS (SELECT supplier_key, department, amount, lines, first_date, last_date FROM review_kept WHERE fy = ?)"""
        params = [f.fy, f.fy]
    else:
        sql, params = _off_sql(cur, f)
    df = frame(cur, sql + _REVIEW_ROWS.format(
        limit=" LIMIT ?", totals=", (SELECT count(*) FROM off) AS all_pairs, "
        "(SELECT sum(amount) FROM off)::DECIMAL(18,2) AS all_amount, (SELECT sum(lines) FROM off)::BIGINT AS all_lines"),
        params + [int(limit)])
    first = df.iloc[0] if len(df) else None
    return {"rows": df.drop(columns=["all_pairs", "all_amount", "all_lines"]),
            "pairs": 0 if first is None else int(first["all_pairs"]),
            "amount": ZERO if first is None else first["all_amount"],
            "lines": 0 if first is None else int(first["all_lines"])}


def contracts_expiring(cur, as_of: dt.date, days: int = EXPIRY_DAYS) -> pd.DataFrame:
    """Contracts whose end date falls within ``days`` after ``as_of`` (inclusive), soonest first:
    reference, title, supplier_name, start_date, end_date, days_left, value, route, is_collaborative."""
    return frame(cur, """
        SELECT reference, title, supplier_name, start_date, end_date, CAST(end_date - ?::DATE AS INTEGER) AS days_left,
               value, route, is_collaborative, contract_id
        FROM """ + cover.contracts_table(cur) + """ WHERE end_date BETWEEN ? AND ?::DATE + ?::INTEGER
        ORDER BY end_date, reference""", [as_of, as_of, as_of, int(days)])


_BURN = """
    SELECT cc.reference, cc.title, cc.supplier_name, cc.start_date, cc.end_date, cc.value,
           coalesce(spent.spend, 0)::DECIMAL(18,2) AS spend,
           CASE WHEN cc.end_date IS NULL THEN NULL
                ELSE least(100.0, greatest(0.0, 100.0 * (?::DATE - cc.start_date + 1) / (cc.end_date - cc.start_date + 1)))
           END AS time_pct,
           cc.contract_id
    FROM cc LEFT JOIN spent ON spent.{on}
    WHERE cc.start_date <= ?
    ORDER BY cc.reference, cc.contract_id"""


def contract_burn(cur, as_of: dt.date) -> pd.DataFrame:
    """Contracts started by ``as_of``: spend counted under each up to ``as_of`` against its value,
    and the time elapsed. Columns: reference, title, supplier_name, start_date, end_date, value,
    spend (Decimal), spend_pct (of value), time_pct (of the term; None when open-ended),
    ahead (spend_pct - time_pct: spending faster than time passes when positive), contract_id.
    Read from the on-contract spend summed by day (lib.summary) when it is up to date."""
    if cover.is_fresh(cur) and summary.answers(cur, "spend_by_contract_day", Filters()):
        where, params = where_clause(Filters(), alias="t")
        df = frame(cur, """
            WITH cc AS (SELECT * FROM cover_contracts),
            spent AS (SELECT covered_by, sum(amount)::DECIMAL(18,2) AS spend FROM spend_by_contract_day t
                      WHERE """ + where + " AND t.day <= ? GROUP BY covered_by)" + _BURN.format(on="covered_by = cc.contract_id"),
                   params + [as_of, as_of, as_of])
    else:
        sql, params = lines_sql(cur, Filters())
        df = frame(cur, sql + """
            , spent AS (SELECT cover_rank, sum(amount)::DECIMAL(18,2) AS spend FROM lines
                        WHERE coalesce(payment_date, period_start) <= ? AND cover_rank IS NOT NULL GROUP BY cover_rank)"""
                   + _BURN.format(on="cover_rank = cc.cover_rank"), params + [as_of, as_of, as_of])
    df["spend_pct"] = [None if not v else float(s * 100 / v) for s, v in zip(df["spend"], df["value"])]
    df["time_pct"] = [None if t is None or t != t else float(t) for t in df["time_pct"]]
    df["ahead"] = [None if s is None or t is None else s - t for s, t in zip(df["spend_pct"], df["time_pct"])]
    return df[["reference", "title", "supplier_name", "start_date", "end_date", "value", "spend", "spend_pct",
               "time_pct", "ahead", "contract_id"]]


def contracts_register(cur) -> pd.DataFrame:
    """The register as it stands (contracts_current) with provenance, newest start first; the value
    beside the supplier (at the far right of a wide table it was out of view)."""
    return frame(cur, """
        SELECT c.contract_id, c.reference, c.title, c.supplier_name, c.value, c.supplier_id, c.start_date,
               c.end_date, c.route, c.collaborative_flag, c.is_collaborative, c.route_group, c.category,
               c.quality_pct, c.social_value_pct, c.last_edited_at, b.file_name, c.sheet, c.row_number
        FROM """ + cover.contracts_table(cur) + """ c JOIN batches b ON b.batch_id = c.batch_id
        ORDER BY c.start_date DESC, c.reference""")


def find_contracts(reg: pd.DataFrame, text: str) -> pd.DataFrame:
    """The rows of ``reg`` (:func:`contracts_register`) whose reference, title or supplier holds
    ``text`` (any case); all of them when ``text`` is blank. A reference or title not given matches
    nothing."""
    s = (text or "").strip().lower()
    if not s:
        return reg
    hit = pd.Series(False, index=reg.index)
    for col in ("reference", "title", "supplier_name"):
        hit |= reg[col].fillna("").astype(str).str.lower().str.contains(s, regex=False)
    return reg[hit]


def contract_label(reference, supplier_name, title) -> str:
    """How one contract is named in a list to pick from: reference · supplier · title (a reference
    not given shown as such)."""
    return f"{fmt.text(reference)} · {supplier_name} · {title or ''}"


CONTRACT_FIELDS = {"end_date": "End date", "route": "Route to market", "collaborative": "Collaborative (yes/no)",
                   "quality_pct": "Quality weighting %", "social_value_pct": "Social value weighting % (of quality)",
                   "value": "Contract value (£)"}


def edit_contract(contract_id: str, changes: dict, edited_by: str, reason: str | None = None, db=None) -> int:
    """Record staff edits to one contract ({field: new value}; fields in CONTRACT_FIELDS; an empty
    end date makes it open-ended), with who, when and the old value. Returns the number stored;
    raises ValueError on an unknown contract or field, an unreadable value, or no author."""
    from lib import store

    if not edited_by or not str(edited_by).strip():
        raise ValueError("edits need the name of who made them")
    with store.write(db) as cur:
        rel = cur.execute("SELECT * FROM contracts_current WHERE contract_id = ?", [contract_id])
        row = rel.fetchone()
        if row is None:
            raise ValueError(f"no contract {contract_id!r}")
        current = dict(zip([d[0] for d in rel.description], row))
        current["collaborative"] = current["collaborative_flag"]
        rows = []
        for field, new in changes.items():
            if field not in CONTRACT_FIELDS:
                raise ValueError(f"{field!r} cannot be edited")
            new = None if new is None or str(new).strip() == "" else str(new).strip()
            if field == "end_date" and new is not None:
                d = cur.execute("SELECT parse_uk_date(?)", [new]).fetchone()[0]
                if d is None:
                    raise ValueError(f"end date {new!r} is not a date")
                if d < current["start_date"]:
                    raise ValueError("the end date is before the start date")
                new = d.isoformat()
            elif field in ("quality_pct", "social_value_pct") and new is not None:
                if cur.execute("SELECT parse_pct(?)", [new]).fetchone()[0] is None:
                    raise ValueError(f"{CONTRACT_FIELDS[field]} {new!r} is not a percentage")
            elif field == "collaborative" and new is not None:
                b = cur.execute("SELECT parse_bool(?)", [new]).fetchone()[0]
                if b is None:
                    raise ValueError(f"collaborative {new!r}: say yes or no")
                new = "yes" if b else "no"
            elif field == "value" and new is not None:
                if cur.execute("SELECT parse_amount(?)", [new]).fetchone()[0] is None:
                    raise ValueError(f"value {new!r} is not a sum of money")
            old = current.get(field)
            old_text = None if old is None else (old.isoformat() if isinstance(old, dt.date) else
                                                 ("yes" if old else "no") if isinstance(old, bool) else str(old))
            if old_text == new:
                continue
            rows.append((contract_id, field, old_text, new, reason, edited_by.strip()))
        if rows:
            cur.executemany("INSERT INTO contract_edits (contract_id, field, old_value, new_value, reason, edited_by) "
                            "VALUES (?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def contract_edit_history(cur, contract_id: str | None = None) -> pd.DataFrame:
    sql = "SELECT edit_id, contract_id, field, old_value, new_value, reason, edited_by, edited_at FROM contract_edits"
    if contract_id:
        return frame(cur, sql + " WHERE contract_id = ? ORDER BY edit_id DESC", [contract_id])
    return frame(cur, sql + " ORDER BY edit_id DESC LIMIT 500")
