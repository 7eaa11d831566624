"""The seven spend measures (on contract, collaborative, local, North West, location unknown, SME,
VCSE) from one pass over the year's lines: spend_facts, then a measure result each."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lib import cover, summary
from lib.filters import Filters, where_clause
from lib.format import share_pct
from lib.rows import frame
from lib.scorecard.catalogue import SPEND_MEASURES, ZERO, missing_data
from lib.scorecard.lines import lines_sql, year_filters
from lib.scorecard.targets import result, targets_in_force
from lib.suppliers import SME_TESTS, sme_test

if TYPE_CHECKING:
    import pandas as pd


# `g`: spend by year and every attribute a measure splits on. From the lines matched afresh, or,
# when the stored cover is up to date, from the lines summed per supplier key and contract first
# and the sums placed after (spend_key_located: one row a key), a third of the time on 1M lines.
_FACTS_G_FROM_LINES = """
, g AS (SELECT fy, fy_start, ring, sme_pa2023, sme_eu, is_vcse, cover_rank, sum(amount) AS amount, count(*) AS lines
        FROM lines GROUP BY ALL)
"""


_FACTS_G_STORED = """
WITH cc AS MATERIALIZED (SELECT cover_rank, contract_id, is_collaborative FROM cover_contracts),
a AS (SELECT t.fy, t.fy_start, t.body_key, t.supplier_key, t.covered_by, sum(t.amount) AS amount, {lines} AS lines
      FROM {table} t WHERE {where} GROUP BY ALL),
g AS (SELECT a.fy, a.fy_start, a.body_key, coalesce(k.ring, 'Unknown') AS ring, k.sme_pa2023, k.sme_eu, k.is_vcse,
             cc.cover_rank, sum(a.amount) AS amount, sum(a.lines) AS lines
      FROM a LEFT JOIN spend_key_located k ON k.spend_key = a.supplier_key
      LEFT JOIN cc ON cc.contract_id = a.covered_by GROUP BY ALL)
"""
# `g` kept ahead (spend_facts_kept, lib.summary: _FACTS_G_STORED over every line) when up to date.
_FACTS_G_KEPT = """
WITH cc AS MATERIALIZED (SELECT cover_rank, contract_id, is_collaborative FROM cover_contracts),
g AS (SELECT * FROM spend_facts_kept WHERE {where})
"""
# The filters spend_facts_kept answers (its columns).
KEPT_FILTERS = frozenset({"fy", "bodies"})


def kept_facts_sql(lines_where: str | None = None, sums: str = "spend_by_supplier",
                   located: str = "spend_key_located") -> str:
    """The rows of spend_facts_kept: `g` over every line, from the supplier summary (lib.summary keeps
    the table with this when the summaries, links, locations or settings move); or, given
    ``lines_where`` (over the lines, alias t), `g` over those lines alone, read from the lines.
    ``sums``: a table of some lines summed as spend_by_supplier sums them, read instead of it;
    ``located``: a copy of spend_key_located (its rows as they are now), read instead of the view."""
    table, lines = (sums, "sum(t.lines)") if lines_where is None else ("transactions", "count(*)")
    return _FACTS_G_STORED.format(where=lines_where or "TRUE", table=table, lines=lines).replace(
        "spend_key_located", located) + \
        "SELECT fy, fy_start, body_key, ring, sme_pa2023, sme_eu, is_vcse, cover_rank, amount, lines FROM g"


_FACTS_SQL = """
SELECT g.fy, min(g.fy_start) AS fy_start,
       sum(g.amount)::DECIMAL(18,2) AS total,
       sum(g.lines)::BIGINT AS lines,
       coalesce(sum(g.amount) FILTER (WHERE g.cover_rank IS NOT NULL), 0)::DECIMAL(18,2) AS on_contract,
       coalesce(sum(g.amount) FILTER (WHERE cc.is_collaborative), 0)::DECIMAL(18,2) AS collaborative,
       coalesce(sum(g.amount) FILTER (WHERE g.ring = 'Lancashire'), 0)::DECIMAL(18,2) AS local,
       coalesce(sum(g.amount) FILTER (WHERE g.ring IN ('Lancashire', 'North West')), 0)::DECIMAL(18,2) AS north_west,
       coalesce(sum(g.amount) FILTER (WHERE g.ring = 'Unknown'), 0)::DECIMAL(18,2) AS unknown_location,
       coalesce(sum(g.amount) FILTER (WHERE g.sme_pa2023), 0)::DECIMAL(18,2) AS sme_pa2023,
       coalesce(sum(g.amount) FILTER (WHERE g.sme_pa2023 IS NULL), 0)::DECIMAL(18,2) AS sme_pa2023_unknown,
       coalesce(sum(g.amount) FILTER (WHERE g.sme_eu), 0)::DECIMAL(18,2) AS sme_eu,
       coalesce(sum(g.amount) FILTER (WHERE g.sme_eu IS NULL), 0)::DECIMAL(18,2) AS sme_eu_unknown,
       coalesce(sum(g.amount) FILTER (WHERE g.is_vcse), 0)::DECIMAL(18,2) AS vcse,
       coalesce(sum(g.amount) FILTER (WHERE g.is_vcse IS NULL), 0)::DECIMAL(18,2) AS vcse_unknown
FROM g LEFT JOIN cc ON cc.cover_rank = g.cover_rank
GROUP BY g.fy ORDER BY min(g.fy_start)
"""


def spend_facts(cur, f: Filters | None = None) -> pd.DataFrame:
    """Spend by financial year split every way the spend measures need (one pass over the lines).

    Columns: fy, fy_start, total, lines, on_contract, collaborative, local, north_west,
    unknown_location, sme_pa2023, sme_pa2023_unknown, sme_eu, sme_eu_unknown, vcse, vcse_unknown
    (money as Decimal). ``f.fy`` None: every year present.
    """
    f = f or Filters()
    if cover.is_fresh(cur):
        if summary.used(f) <= KEPT_FILTERS and summary.facts_fresh(cur):  # kept ahead (lib.summary)
            where, params = where_clause(f)
            return frame(cur, _FACTS_G_KEPT.format(where=where) + _FACTS_SQL, params)
        where, params = where_clause(f, alias="t")
        # The lines summed per supplier and contract ahead (lib.summary) when the filters allow.
        table, lines = ("spend_by_supplier", "sum(t.lines)") if summary.by_supplier(cur, f) else ("transactions", "count(*)")
        return frame(cur, _FACTS_G_STORED.format(where=where, table=table, lines=lines) + _FACTS_SQL, params)
    sql, params = lines_sql(cur, f, located=True)
    return frame(cur, sql + _FACTS_G_FROM_LINES + _FACTS_SQL, params)


_NUMERATOR = {"on_contract_pct": "on_contract", "collaborative_pct": "collaborative", "local_pct": "local",
              "north_west_pct": "north_west", "unknown_location_pct": "unknown_location", "vcse_pct": "vcse"}


def spend_measure(cur, measure: str, fy: str, row: dict | None, sme: str, tr=None, missing=None) -> dict:
    total = row["total"] if row else ZERO
    if measure == "sme_pct":
        col = SME_TESTS[sme][0]
        num = row[col] if row else ZERO
        return result(cur, measure, fy, share_pct(num, total), num, total, tr, missing, sme_test=sme,
                      sme_test_label=SME_TESTS[sme][1], not_known=row[col + "_unknown"] if row else ZERO)
    num = row[_NUMERATOR[measure]] if row else ZERO
    extra = {"not_known": row["vcse_unknown"] if row else ZERO} if measure == "vcse_pct" else {}
    return result(cur, measure, fy, share_pct(num, total), num, total, tr, missing, **extra)


def _facts_row(cur, fy: str, f: Filters | None) -> dict | None:
    df = spend_facts(cur, year_filters(fy, f))
    rows = df[df["fy"] == fy].to_dict("records")
    return rows[0] if rows else None


def spend_measures(cur, fy: str, f: Filters | None = None) -> dict:
    """All seven spend measures for ``fy`` from one pass over the lines: {measure key: dict}."""
    row, sme, missing = _facts_row(cur, fy, f), sme_test(cur), missing_data(cur)
    tr = targets_in_force(cur, [(m, fy) for m in SPEND_MEASURES])
    return {m: spend_measure(cur, m, fy, row, sme, tr, missing) for m in SPEND_MEASURES}


def on_contract_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """On-contract spend ÷ all spend in ``fy`` (see the module docstring)."""
    return spend_measure(cur, "on_contract_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def collaborative_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """On-contract spend counted under a collaborative contract ÷ all spend in ``fy``."""
    return spend_measure(cur, "collaborative_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def local_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with Lancashire suppliers (spend_located.ring) ÷ all spend in ``fy``."""
    return spend_measure(cur, "local_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def north_west_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with Lancashire or rest-of-North-West suppliers ÷ all spend in ``fy``."""
    return spend_measure(cur, "north_west_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def unknown_location_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend whose supplier has no known location (ring 'Unknown') ÷ all spend in ``fy``."""
    return spend_measure(cur, "unknown_location_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def sme_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with SMEs under the SME test in settings ÷ all spend; ``sme_test_label`` names the test
    and ``not_known`` is the spend whose suppliers the test cannot decide (counted as not SME)."""
    return spend_measure(cur, "sme_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def vcse_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with VCSE suppliers ÷ all spend in ``fy``; ``not_known`` as for sme_pct."""
    return spend_measure(cur, "vcse_pct", fy, _facts_row(cur, fy, f), sme_test(cur))
