"""The strategy scorecard: each measure with its numerator, denominator, target and status, and the
rows behind it.

Definitions (issue 4; README "Scorecard" says the same for readers):

- **On contract.** A payment is on contract when a contract in the register (``contracts_current``:
  the latest upload of each contract, staff edits on top) is live on its date
  (``start_date <= date <= end_date``; no end date = open-ended; a line with no day uses the first
  day of its file's period) and either the contract's supplier is the line's supplier (same
  supplier ID, or same name key ``supplier_key``, or both linked to the same register supplier),
  or the line quotes the contract's reference: its transaction reference is the reference (as
  written, or all in capitals or all in lower case), or a word of its description is the reference
  (case ignored). A payment two contracts cover counts once.
- **Which contract a payment counts under** when several cover it: a collaborative one first, then
  the one that started latest, then reference A–Z (``contracts_current.cover_rank``). Its route is
  the route the payment counts under for the collaborative measure.
- **Collaborative** contracts: the register says collaborative, or the route is one of
  ``collaborative_routes`` (data, m007).
- Percentages are of *all* spend in the year (credit notes netted off, redacted lines included),
  on a 0–100 scale, rounded to 2 decimals; money stays DECIMAL until it is shown.
- The target for a year is the targets row with the greatest ``from_fy`` not after it.

Every function takes a DuckDB cursor first. Spend measures take a financial year and optional
:class:`~lib.filters.Filters` (department, category, supplier, months); the registers' measures
(savings, social value) take the year alone.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from lib import cover
from lib.filters import Filters, fy_name, fy_start, where_clause
from lib.queries import _frame, neutralise, to_safe_csv

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
SOCIAL_VALUE_MIN = Decimal("2.5")  # % of the quality element (Social Value Policy)
EXPIRY_DAYS = 120

# key: (label, unit, the page that explains it, what the measure is)
MEASURES: dict[str, tuple[str, str, str, str]] = {
    "on_contract_pct": ("On contract", "pct", "pages/contracts.py",
                        "Spend with a supplier holding a contract live on the payment date, of all spend"),
    "collaborative_pct": ("Collaborative", "pct", "pages/contracts.py",
                          "On-contract spend through collaborative arrangements, of all spend"),
    "local_pct": ("Lancashire (local)", "pct", "pages/scorecard.py",
                  "Spend with suppliers located in the Lancashire force area, of all spend"),
    "north_west_pct": ("North West", "pct", "pages/scorecard.py",
                       "Spend with suppliers in the North West region (Lancashire included), of all spend"),
    "unknown_location_pct": ("Location unknown", "pct", "pages/scorecard.py",
                             "Spend whose supplier location is unknown (no link, no postcode), of all spend"),
    "sme_pct": ("SME", "pct", "pages/scorecard.py", "Spend with small and medium-sized enterprises, of all spend"),
    "vcse_pct": ("VCSE", "pct", "pages/scorecard.py",
                 "Spend with voluntary, community and social enterprises, of all spend"),
    "savings": ("Savings", "money", "pages/savings_social_value.py",
                "All savings recorded for the financial year (cashable and non-cashable)"),
    "social_value_pct": ("Social value", "pct", "pages/savings_social_value.py",
                         "Contracts starting in the year with social value weighted at least 2.5% of the "
                         "quality element, of all contracts starting in the year"),
}
SPEND_MEASURES = ("on_contract_pct", "collaborative_pct", "local_pct", "north_west_pct", "unknown_location_pct",
                  "sme_pct", "vcse_pct")
SME_TESTS = {"procurement_act_2023": ("sme_pa2023", "Procurement Act 2023 test"),
             "eu_2003": ("sme_eu", "EU 2003/361 test")}

def _cover(cur, f: Filters, located: bool = False) -> tuple[str, list]:
    """``WITH ...`` text ending in the ``lines`` CTE for the filters, and its parameters: every line
    with the cover_rank of the contract it counts under (NULL: off contract), and ``cc``, the register.

    ``located``: lines read from spend_located and carry ring, sme_pa2023, sme_eu, is_vcse and
    supplier_ref (the scorecard's facts, the drill-down); otherwise from transactions alone (the
    contract queries, which need none of those). lib.cover says where the answer comes from."""
    where, params = where_clause(f, alias="t")
    cols = ("t.ring, t.sme_pa2023, t.sme_eu, t.is_vcse, t.supplier_ref," if located else "")
    ctes, repeats = cover.lines_ctes(cur, where, cols, "spend_located" if located else "transactions")
    return "WITH " + ctes, params * repeats


def _year_filters(fy: str | None, f: Filters | None) -> Filters:
    f = f or Filters()
    if fy is not None:
        fy_start(fy)
        f = f.replace(fy=fy)
    return f


# ---- targets and status -------------------------------------------------------------------------

def sme_test(cur) -> str:
    """The SME test in force (settings.sme_test): procurement_act_2023 or eu_2003."""
    row = cur.execute("SELECT value FROM settings WHERE name = 'sme_test'").fetchone()
    return row[0] if row and row[0] in SME_TESTS else "procurement_act_2023"


def target_for(cur, measure: str, fy: str) -> dict | None:
    """The target in force for ``measure`` in ``fy``: the row with the greatest from_fy <= fy.
    Returns {value, direction, from_fy, source_note, set_by, set_at} or None."""
    row = cur.execute("SELECT value, direction, from_fy, source_note, set_by, set_at FROM target_for(?, ?)",
                      [measure, fy]).fetchone()
    if row is None:
        return None
    return dict(zip(("value", "direction", "from_fy", "source_note", "set_by", "set_at"), row))


def _fmt_target(measure: str, value: Decimal) -> str:
    if MEASURES[measure][1] == "money":
        v = Decimal(value)
        return f"£{v / 1_000_000:.1f}M" if abs(v) >= 1_000_000 else f"£{v:,.0f}"
    return f"{Decimal(value).normalize():f}%"


def rule_text(measure: str, target: dict | None) -> str:
    """'≥ 92%: met, below: not met' — the status rule shown beside every figure."""
    if target is None:
        return "No target set (add one on the Targets page)"
    t = _fmt_target(measure, target["value"])
    if target["direction"] == "at_most":
        return f"≤ {t}: met; above: not met (target from {target['from_fy']})"
    return f"≥ {t}: met; below: not met (target from {target['from_fy']})"


def status(value, target: dict | None) -> str:
    """'met', 'not met', 'no target' or 'no data' (value None)."""
    if value is None:
        return "no data"
    if target is None:
        return "no target"
    ok = value <= target["value"] if target["direction"] == "at_most" else value >= target["value"]
    return "met" if ok else "not met"


def _pct(num, den) -> Decimal | None:
    if den is None or den == 0:
        return None
    return (Decimal(num) * 100 / Decimal(den)).quantize(CENT, ROUND_HALF_UP)


def _targets(cur) -> list[tuple]:
    """Every targets row, for picking the one in force without a query per measure and year."""
    return cur.execute("SELECT measure, from_fy, value, direction, source_note, set_by, set_at FROM targets").fetchall()


def _target_in(rows: list[tuple], measure: str, fy: str) -> dict | None:
    best = None
    for r in rows:
        if r[0] == measure and fy_start(r[1]) <= fy_start(fy) and (best is None or fy_start(r[1]) > fy_start(best[1])):
            best = r
    if best is None:
        return None
    return dict(zip(("value", "direction", "from_fy", "source_note", "set_by", "set_at"), best[2:4] + best[1:2] + best[4:]))


def _result(cur, measure: str, fy: str, value, numerator, denominator, _targets_rows=None, **extra) -> dict:
    target = (target_for(cur, measure, fy) if _targets_rows is None
              else _target_in(_targets_rows, measure, fy))
    label, unit, page, what = MEASURES[measure]
    return {
        "measure": measure, "label": label, "unit": unit, "fy": fy, "page": page, "what": what,
        "value": value, "target": None if target is None else target["value"],
        "direction": None if target is None else target["direction"],
        "status": status(value, target), "numerator": numerator, "denominator": denominator,
        "rule": rule_text(measure, target), **extra,
    }


# ---- spend measures ------------------------------------------------------------------------------

# `g`: spend by year and every attribute a measure splits on. From the lines matched afresh, or,
# when the stored cover is up to date, from the lines summed per supplier key and contract first
# and the sums placed after (spend_key_located: one row a key), a third of the time on 1M lines.
_FACTS_G_FROM_LINES = """
, g AS (SELECT fy, fy_start, ring, sme_pa2023, sme_eu, is_vcse, cover_rank, sum(amount) AS amount, count(*) AS lines
        FROM lines GROUP BY ALL)
"""
_FACTS_G_STORED = """
WITH cc AS MATERIALIZED (SELECT cover_rank, contract_id, is_collaborative FROM cover_contracts),
a AS (SELECT t.fy, t.fy_start, t.supplier_key, t.covered_by, sum(t.amount) AS amount, count(*) AS lines
      FROM transactions t WHERE {where} GROUP BY ALL),
g AS (SELECT a.fy, a.fy_start, coalesce(k.ring, 'Unknown') AS ring, k.sme_pa2023, k.sme_eu, k.is_vcse, cc.cover_rank,
             sum(a.amount) AS amount, sum(a.lines) AS lines
      FROM a LEFT JOIN spend_key_located k ON k.spend_key = a.supplier_key
      LEFT JOIN cc ON cc.contract_id = a.covered_by GROUP BY ALL)
"""
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
        where, params = where_clause(f, alias="t")
        return _frame(cur, _FACTS_G_STORED.format(where=where) + _FACTS_SQL, params)
    sql, params = _cover(cur, f, located=True)
    return _frame(cur, sql + _FACTS_G_FROM_LINES + _FACTS_SQL, params)


_NUMERATOR = {"on_contract_pct": "on_contract", "collaborative_pct": "collaborative", "local_pct": "local",
              "north_west_pct": "north_west", "unknown_location_pct": "unknown_location", "vcse_pct": "vcse"}


def _spend_measure(cur, measure: str, fy: str, row: dict | None, sme: str, tr=None) -> dict:
    total = row["total"] if row else ZERO
    if measure == "sme_pct":
        col = SME_TESTS[sme][0]
        num = row[col] if row else ZERO
        return _result(cur, measure, fy, _pct(num, total), num, total, tr, sme_test=sme,
                       sme_test_label=SME_TESTS[sme][1], not_known=row[col + "_unknown"] if row else ZERO)
    num = row[_NUMERATOR[measure]] if row else ZERO
    extra = {"not_known": row["vcse_unknown"] if row else ZERO} if measure == "vcse_pct" else {}
    return _result(cur, measure, fy, _pct(num, total), num, total, tr, **extra)


def _facts_row(cur, fy: str, f: Filters | None) -> dict | None:
    df = spend_facts(cur, _year_filters(fy, f))
    rows = df[df["fy"] == fy].to_dict("records")
    return rows[0] if rows else None


def spend_measures(cur, fy: str, f: Filters | None = None) -> dict:
    """All seven spend measures for ``fy`` from one pass over the lines: {measure key: dict}."""
    row, sme, tr = _facts_row(cur, fy, f), sme_test(cur), _targets(cur)
    return {m: _spend_measure(cur, m, fy, row, sme, tr) for m in SPEND_MEASURES}


def on_contract_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """On-contract spend ÷ all spend in ``fy`` (see the module docstring)."""
    return _spend_measure(cur, "on_contract_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def collaborative_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """On-contract spend counted under a collaborative contract ÷ all spend in ``fy``."""
    return _spend_measure(cur, "collaborative_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def local_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with Lancashire suppliers (spend_located.ring) ÷ all spend in ``fy``."""
    return _spend_measure(cur, "local_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def north_west_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with Lancashire or rest-of-North-West suppliers ÷ all spend in ``fy``."""
    return _spend_measure(cur, "north_west_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def unknown_location_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend whose supplier has no known location (ring 'Unknown') ÷ all spend in ``fy``."""
    return _spend_measure(cur, "unknown_location_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def sme_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with SMEs under the SME test in settings ÷ all spend; ``sme_test_label`` names the test
    and ``not_known`` is the spend whose suppliers the test cannot decide (counted as not SME)."""
    return _spend_measure(cur, "sme_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


def vcse_pct(cur, fy: str, f: Filters | None = None) -> dict:
    """Spend with VCSE suppliers ÷ all spend in ``fy``; ``not_known`` as for sme_pct."""
    return _spend_measure(cur, "vcse_pct", fy, _facts_row(cur, fy, f), sme_test(cur))


# ---- savings and social value -------------------------------------------------------------------

def savings_by_fy(cur) -> pd.DataFrame:
    """Savings per financial year: fy, total, cashable, non_cashable, not_said, projects (Decimal)."""
    return _frame(cur, """
        SELECT fy, sum(amount)::DECIMAL(18,2) AS total,
               coalesce(sum(amount) FILTER (WHERE saving_type = 'Cashable'), 0)::DECIMAL(18,2) AS cashable,
               coalesce(sum(amount) FILTER (WHERE saving_type = 'Non-cashable'), 0)::DECIMAL(18,2) AS non_cashable,
               coalesce(sum(amount) FILTER (WHERE saving_type IS NULL), 0)::DECIMAL(18,2) AS not_said,
               count(*) AS projects
        FROM savings GROUP BY fy ORDER BY fy""")


def savings(cur, fy: str) -> dict:
    """All savings recorded for ``fy``: value = numerator = the total (Decimal), denominator None;
    ``cashable`` and ``non_cashable`` apart."""
    fy_start(fy)
    row = cur.execute(
        "SELECT coalesce(sum(amount), 0)::DECIMAL(18,2), "
        "coalesce(sum(amount) FILTER (WHERE saving_type = 'Cashable'), 0)::DECIMAL(18,2), "
        "coalesce(sum(amount) FILTER (WHERE saving_type = 'Non-cashable'), 0)::DECIMAL(18,2), count(*) "
        "FROM savings WHERE fy = ?", [fy]).fetchone()
    total, cashable, non_cashable, n = row
    return _result(cur, "savings", fy, total if n else None, total, None, cashable=cashable,
                   non_cashable=non_cashable, projects=n)


def savings_cumulative(cur, fy: str) -> pd.DataFrame:
    """Savings for ``fy`` by month recorded, April first: month (first day), cashable, non_cashable,
    total, cumulative, cumulative_cashable (Decimal). Savings with no date recorded count in March."""
    y = fy_start(fy)
    df = _frame(cur, """
        WITH m AS (SELECT CAST(unnest(generate_series(?::DATE, ?::DATE, INTERVAL 1 MONTH)) AS DATE) AS month),
        s AS (SELECT CAST(date_trunc('month', coalesce(recorded_on, ?::DATE)) AS DATE) AS month, saving_type, amount
              FROM savings WHERE fy = ?)
        SELECT m.month,
               coalesce(sum(s.amount) FILTER (WHERE s.saving_type = 'Cashable'), 0)::DECIMAL(18,2) AS cashable,
               coalesce(sum(s.amount) FILTER (WHERE s.saving_type IS DISTINCT FROM 'Cashable'), 0)::DECIMAL(18,2)
                   AS non_cashable,
               coalesce(sum(s.amount), 0)::DECIMAL(18,2) AS total
        FROM m LEFT JOIN s ON s.month = m.month GROUP BY m.month ORDER BY m.month""",
        [dt.date(y, 4, 1), dt.date(y + 1, 3, 1), dt.date(y + 1, 3, 1), fy])
    df["cumulative"] = df["total"].cumsum()
    df["cumulative_cashable"] = df["cashable"].cumsum()
    return df


def savings_rows(cur, fy: str) -> pd.DataFrame:
    """The savings register rows for ``fy`` with provenance (file_name, sheet, row_number)."""
    fy_start(fy)
    return _frame(cur, """
        SELECT s.project, s.fy, s.category, s.saving_type, s.amount, s.recorded_on,
               b.file_name, s.sheet, s.row_number, s.batch_id
        FROM savings s JOIN batches b ON b.batch_id = s.batch_id
        WHERE s.fy = ? ORDER BY s.amount DESC, s.project""", [fy])


def fy_bounds(fy: str) -> tuple[dt.date, dt.date]:
    """(1 April, 31 March) of ``fy``."""
    y = fy_start(fy)
    return dt.date(y, 4, 1), dt.date(y + 1, 3, 31)


def fy_end(fy: str) -> dt.date:
    """31 March closing ``fy``."""
    return fy_bounds(fy)[1]


def social_value_contracts(cur, fy: str) -> pd.DataFrame:
    """Contracts whose start date falls in ``fy``, each with meets (social_value_pct >= 2.5) and why
    not; those below first. Columns: reference, title, supplier_name, start_date, end_date, value,
    route, quality_pct, social_value_pct, meets, reason, contract_id, sheet, row_number, file_name."""
    lo, hi = fy_bounds(fy)
    return _frame(cur, """
        SELECT c.reference, c.title, c.supplier_name, c.start_date, c.end_date, c.value, c.route,
               c.quality_pct, c.social_value_pct, coalesce(c.social_value_pct >= ?, FALSE) AS meets,
               CASE WHEN c.social_value_pct IS NULL THEN 'no social value weighting recorded'
                    WHEN c.social_value_pct < ? THEN 'weighting below ' || ? || '% of the quality element' END
                   AS reason,
               c.contract_id, c.sheet, c.row_number, b.file_name
        FROM """ + cover.contracts_table(cur) + """ c JOIN batches b ON b.batch_id = c.batch_id
        WHERE c.start_date BETWEEN ? AND ?
        ORDER BY meets, c.start_date, c.reference""",
        [SOCIAL_VALUE_MIN, SOCIAL_VALUE_MIN, str(SOCIAL_VALUE_MIN), lo, hi])


def social_value_pct(cur, fy: str) -> dict:
    """Of the contracts whose start date falls in ``fy``, the share (0–100) whose social value
    weighting is at least 2.5% of the quality element; numerator and denominator are counts.
    A contract with no weighting recorded counts as below."""
    lo, hi = fy_bounds(fy)
    n, ok = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE social_value_pct >= ?) FROM " + cover.contracts_table(cur) + " "
        "WHERE start_date BETWEEN ? AND ?", [SOCIAL_VALUE_MIN, lo, hi]).fetchone()
    return _result(cur, "social_value_pct", fy, _pct(ok, n), int(ok), int(n))


def contract_dates(cur) -> pd.DataFrame:
    """start_date, end_date, social_value_pct, is_collaborative of every current contract (small)."""
    return _frame(cur, "SELECT start_date, end_date, social_value_pct, is_collaborative FROM " + cover.contracts_table(cur))


def social_value_by_fy(cur, contracts: pd.DataFrame | None = None) -> pd.DataFrame:
    """fy, contracts (starting that year), meeting (weighting >= 2.5%): for the trend."""
    c = contract_dates(cur) if contracts is None else contracts
    if c.empty:
        return pd.DataFrame({"fy": [], "contracts": [], "meeting": []})
    fys = [fy_name(d.year if d.month >= 4 else d.year - 1) for d in c["start_date"]]
    meets = [v is not None and v == v and Decimal(v) >= SOCIAL_VALUE_MIN for v in c["social_value_pct"]]
    df = pd.DataFrame({"fy": fys, "meeting": meets})
    out = df.groupby("fy").agg(contracts=("meeting", "size"), meeting=("meeting", "sum")).reset_index()
    return out.sort_values("fy", key=lambda s: s.map(fy_start)).reset_index(drop=True)


# ---- the scorecard ------------------------------------------------------------------------------

def _by_fy(df: pd.DataFrame) -> dict[str, dict]:
    """{fy: row as a dict} of a frame with one row a financial year."""
    return {r["fy"]: r for r in df.to_dict("records")}


def _measure_from(cur, measure: str, fy: str, facts: dict, sv: dict, sav: dict, sme: str, tr) -> dict:
    """One measure for ``fy`` from the per-year rows (``_by_fy``) of spend_facts, social_value_by_fy
    and savings_by_fy."""
    if measure in SPEND_MEASURES:
        return _spend_measure(cur, measure, fy, facts.get(fy), sme, tr)
    if measure == "savings":
        r = sav.get(fy)
        return _result(cur, "savings", fy, r["total"] if r else None, r["total"] if r else ZERO, None, tr,
                       cashable=r["cashable"] if r else ZERO, non_cashable=r["non_cashable"] if r else ZERO,
                       projects=int(r["projects"]) if r else 0)
    r = sv.get(fy)
    n, ok = (int(r["contracts"]), int(r["meeting"])) if r else (0, 0)
    return _result(cur, "social_value_pct", fy, _pct(ok, n), ok, n, tr)


def scorecard(cur, fy: str, trend: bool = True) -> dict:
    """Every measure for ``fy`` with the previous year's value and (``trend``) the values of every
    year present, for the Overview tiles.

    Returns {fy, total_spend, contracts_live, measures: {key: measure dict + previous, change,
    trend: [(fy, value), ...]}}. ``trend=False`` computes ``fy`` alone (the kpis command).
    """
    fy_start(fy)
    prev = fy_name(fy_start(fy) - 1)
    facts = _by_fy(spend_facts(cur, Filters() if trend else Filters(fy=fy)))
    contracts = contract_dates(cur)
    sv, sav = _by_fy(social_value_by_fy(cur, contracts)), _by_fy(savings_by_fy(cur))
    sme, tr = sme_test(cur), _targets(cur)
    years = sorted(set(facts) | set(sav) | {fy}, key=fy_start) if trend else [fy]
    years = [y for y in years if fy_start(y) <= fy_start(fy)]
    out = {}
    for m in MEASURES:
        cur_m = _measure_from(cur, m, fy, facts, sv, sav, sme, tr)
        if trend:
            series = [(y, _measure_from(cur, m, y, facts, sv, sav, sme, tr)["value"]) for y in years]
            p = dict(series).get(prev)
        else:
            series, p = [], None
        cur_m["previous"] = p
        cur_m["change"] = None if p is None or cur_m["value"] is None else cur_m["value"] - p
        cur_m["trend"] = series
        out[m] = cur_m
    total = facts[fy]["total"] if fy in facts else ZERO
    lo, hi = fy_bounds(fy)
    live = 0 if contracts.empty else int(((contracts["start_date"] <= hi)
                                          & (contracts["end_date"].isna() | (contracts["end_date"] >= lo))).sum())
    return {"fy": fy, "total_spend": total, "contracts_live": live, "measures": out}


def _json_money(v) -> str | None:
    return None if v is None else f"{Decimal(v).quantize(CENT, ROUND_HALF_UP):.2f}"


def _json_number(v):
    return None if v is None else float(Decimal(v).quantize(CENT, ROUND_HALF_UP))


def kpis(cur, fy: str) -> dict:
    """The ``python -m lib.cli kpis`` object: fy, total_spend (string, 2 decimals) and measures, each
    {value, target, status, numerator, denominator}. Percentages are numbers 0–100 (2 decimals);
    money is a string with 2 decimals; social value's numerator and denominator are contract counts."""
    card = scorecard(cur, fy, trend=False)
    measures = {}
    for key, m in card["measures"].items():
        if m["unit"] == "money":
            value, target = _json_money(m["value"]), _json_money(m["target"])
        else:
            value, target = _json_number(m["value"]), _json_number(m["target"])
        if key == "social_value_pct":
            num, den = m["numerator"], m["denominator"]
        else:
            num, den = _json_money(m["numerator"]), _json_money(m["denominator"])
        measures[key] = {"value": value, "target": target, "status": m["status"], "numerator": num,
                         "denominator": den}
    return {"fy": fy, "total_spend": _json_money(card["total_spend"]), "measures": measures}


# ---- contracts ----------------------------------------------------------------------------------

def contracts_live(cur, fy: str) -> dict:
    """{contracts, collaborative, value} for contracts live at any time in ``fy``."""
    lo, hi = fy_bounds(fy)
    n, collab, value = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE is_collaborative), coalesce(sum(value), 0)::DECIMAL(18,2) "
        "FROM " + cover.contracts_table(cur) + " WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)", [hi, lo]).fetchone()
    return {"contracts": int(n), "collaborative": int(collab), "value": value}


def collaborative_by_route(cur, f: Filters) -> pd.DataFrame:
    """On-contract spend by the route each payment counts under, then 'Off contract': route,
    collaborative (bool, None for off contract), amount (Decimal), lines, pct_of_all (0–100)."""
    sql, params = _cover(cur, f)
    df = _frame(cur, sql + """
        SELECT coalesce(cc.route_group, 'Off contract') AS route, cc.is_collaborative AS collaborative,
               sum(l.amount)::DECIMAL(18,2) AS amount, count(*) AS lines
        FROM lines l LEFT JOIN cc ON cc.cover_rank = l.cover_rank
        GROUP BY ALL ORDER BY cc.is_collaborative DESC NULLS LAST, amount DESC""", params)
    total = sum(df["amount"], start=ZERO)
    df["pct_of_all"] = [_pct(a, total) for a in df["amount"]]
    return df


def review_list(cur, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """Off-contract spend by supplier and department, largest first (the strategy's "to be
    reviewed" list): supplier_key, supplier_name, department, amount (Decimal), lines, first_date,
    last_date, contracts_held (the supplier's contracts in the register, live or not)."""
    sql, params = _cover(cur, f)
    return _frame(cur, sql + """
        , off AS (SELECT supplier_key, mode(supplier_name) AS supplier_name,
                         coalesce(nullif(trim(department), ''), '(not given)') AS department,
                         sum(amount)::DECIMAL(18,2) AS amount, count(*) AS lines,
                         min(coalesce(payment_date, period_start)) AS first_date,
                         max(coalesce(payment_date, period_start)) AS last_date
                  FROM lines WHERE cover_rank IS NULL GROUP BY supplier_key, 3)
        SELECT off.*, (SELECT count(*) FROM cc WHERE cc.supplier_key = off.supplier_key) AS contracts_held
        FROM off ORDER BY amount DESC, supplier_key, department""" + (" LIMIT ?" if limit else ""),
        params + ([int(limit)] if limit else []))


def contracts_expiring(cur, as_of: dt.date, days: int = EXPIRY_DAYS) -> pd.DataFrame:
    """Contracts whose end date falls within ``days`` after ``as_of`` (inclusive), soonest first:
    reference, title, supplier_name, start_date, end_date, days_left, value, route, is_collaborative."""
    return _frame(cur, """
        SELECT reference, title, supplier_name, start_date, end_date, CAST(end_date - ?::DATE AS INTEGER) AS days_left,
               value, route, is_collaborative, contract_id
        FROM """ + cover.contracts_table(cur) + """ WHERE end_date BETWEEN ? AND ?::DATE + ?::INTEGER
        ORDER BY end_date, reference""", [as_of, as_of, as_of, int(days)])


def contract_burn(cur, as_of: dt.date) -> pd.DataFrame:
    """Contracts started by ``as_of``: spend counted under each up to ``as_of`` against its value,
    and the time elapsed. Columns: reference, title, supplier_name, start_date, end_date, value,
    spend (Decimal), spend_pct (of value), time_pct (of the term; None when open-ended),
    ahead (spend_pct - time_pct: spending faster than time passes when positive), contract_id."""
    sql, params = _cover(cur, Filters())
    df = _frame(cur, sql + """
        , spent AS (SELECT cover_rank, sum(amount)::DECIMAL(18,2) AS spend FROM lines
                    WHERE coalesce(payment_date, period_start) <= ? AND cover_rank IS NOT NULL GROUP BY cover_rank)
        SELECT cc.reference, cc.title, cc.supplier_name, cc.start_date, cc.end_date, cc.value,
               coalesce(spent.spend, 0)::DECIMAL(18,2) AS spend,
               CASE WHEN cc.end_date IS NULL THEN NULL
                    ELSE least(100.0, greatest(0.0, 100.0 * (?::DATE - cc.start_date + 1) / (cc.end_date - cc.start_date + 1)))
               END AS time_pct,
               cc.contract_id
        FROM cc LEFT JOIN spent ON spent.cover_rank = cc.cover_rank
        WHERE cc.start_date <= ?
        ORDER BY cc.reference, cc.contract_id""", params + [as_of, as_of, as_of])
    df["spend_pct"] = [None if not v else float(s * 100 / v) for s, v in zip(df["spend"], df["value"])]
    df["time_pct"] = [None if t is None or t != t else float(t) for t in df["time_pct"]]
    df["ahead"] = [None if s is None or t is None else s - t for s, t in zip(df["spend_pct"], df["time_pct"])]
    return df[["reference", "title", "supplier_name", "start_date", "end_date", "value", "spend", "spend_pct",
               "time_pct", "ahead", "contract_id"]]


def contracts_register(cur) -> pd.DataFrame:
    """The register as it stands (contracts_current) with provenance, newest start first."""
    return _frame(cur, """
        SELECT c.contract_id, c.reference, c.title, c.supplier_name, c.supplier_id, c.start_date, c.end_date,
               c.value, c.route, c.collaborative_flag, c.is_collaborative, c.route_group, c.category,
               c.quality_pct, c.social_value_pct, c.last_edited_at, b.file_name, c.sheet, c.row_number
        FROM """ + cover.contracts_table(cur) + """ c JOIN batches b ON b.batch_id = c.batch_id
        ORDER BY c.start_date DESC, c.reference""")


# ---- drill-down: the transactions behind a figure -----------------------------------------------

# part -> (SQL predicate on the enriched lines, label); values a part needs travel as parameters.
PARTS: dict[str, tuple[str, str]] = {
    "all": ("TRUE", "all spend"),
    "on_contract": ("l.cover_rank IS NOT NULL", "on contract"),
    "off_contract": ("l.cover_rank IS NULL", "off contract (to be reviewed)"),
    "collaborative": ("coalesce(cc.is_collaborative, FALSE)", "through collaborative arrangements"),
    "not_collaborative": ("NOT coalesce(cc.is_collaborative, FALSE)", "not through a collaborative arrangement"),
    "route": ("coalesce(cc.route_group, 'Off contract') = ?", "by route"),
    "contract": ("cc.contract_id = ?", "counted under a contract"),
    "supplier_department": ("l.cover_rank IS NULL AND l.supplier_key = ? AND "
                            "coalesce(nullif(trim(l.department), ''), '(not given)') = ?",
                            "off contract, one supplier and department"),
    "ring": ("l.ring = ?", "by supplier location"),
    "local": ("l.ring = 'Lancashire'", "with Lancashire suppliers"),
    "north_west": ("l.ring IN ('Lancashire', 'North West')", "with North West suppliers"),
    "unknown_location": ("l.ring = 'Unknown'", "with suppliers whose location is unknown"),
    "sme": ("l.{sme}", "with SMEs"),
    "not_sme": ("NOT l.{sme}", "with suppliers that are not SMEs"),
    "sme_unknown": ("l.{sme} IS NULL", "with suppliers whose SME status is not known"),
    "vcse": ("l.is_vcse", "with VCSE suppliers"),
    "not_vcse": ("NOT coalesce(l.is_vcse, FALSE)", "with suppliers that are not VCSE (or not known)"),
}
# The part a measure's numerator is, and its complement.
MEASURE_PARTS = {
    "on_contract_pct": ("on_contract", "off_contract"),
    "collaborative_pct": ("collaborative", "not_collaborative"),
    "local_pct": ("local", None),
    "north_west_pct": ("north_west", None),
    "unknown_location_pct": ("unknown_location", None),
    "sme_pct": ("sme", "sme_unknown"),
    "vcse_pct": ("vcse", "not_vcse"),
}
DRILL_COLUMNS = ["period_start", "payment_date", "fy", "supplier_name", "department", "category", "description",
                 "amount", "is_redacted", "transaction_ref", "ring", "contract_reference", "route",
                 "file_name", "sheet", "row_number", "batch_id"]


def _drill_sql(cur, part: str, f: Filters, args: tuple) -> tuple[str, list]:
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of {', '.join(PARTS)}")
    pred = PARTS[part][0].format(sme=SME_TESTS[sme_test(cur)][0])
    need = pred.count("?")
    if len(args) != need:
        raise ValueError(f"part {part!r} takes {need} value(s), got {len(args)}")
    sql, params = _cover(cur, f, located=True)
    return sql + f"""
        SELECT l.period_start, l.payment_date, l.fy, l.supplier_name, l.department, l.category, l.description,
               l.amount, l.is_redacted, l.transaction_ref, l.ring, cc.reference AS contract_reference,
               cc.route_group AS route, b.file_name, l.sheet, l.row_number, l.batch_id
        FROM lines l LEFT JOIN cc ON cc.cover_rank = l.cover_rank JOIN batches b ON b.batch_id = l.batch_id
        WHERE {pred}""", params + list(args)


def drill_rows(cur, measure_or_part: str, fy: str | None, part: str | None = None, f: Filters | None = None,
               args: tuple = (), limit: int | None = None) -> pd.DataFrame:
    """The transactions behind a figure, largest first, with provenance (file_name, sheet,
    row_number, batch_id) and the contract each counts under.

    ``measure_or_part``: a measure key (its numerator; ``part="off"`` for its complement, e.g. the
    off-contract lines) or a key of PARTS; ``args`` the values that part takes (a route name, a
    contract_id, a supplier key and department, a ring). Raises ValueError on an unknown part.
    """
    if measure_or_part in MEASURE_PARTS:
        num, comp = MEASURE_PARTS[measure_or_part]
        key = comp if part == "off" and comp else num
    else:
        key = measure_or_part
    sql, params = _drill_sql(cur, key, _year_filters(fy, f), tuple(args))
    sql += " ORDER BY l.amount DESC, l.period_start, l.batch_id, l.sheet, l.row_number"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return _frame(cur, sql, params)


def drill_summary(cur, part: str, fy: str | None, f: Filters | None = None, args: tuple = ()) -> dict:
    """{lines, amount} of everything drill_rows(part) would return."""
    if part in MEASURE_PARTS:
        part = MEASURE_PARTS[part][0]
    sql, params = _drill_sql(cur, part, _year_filters(fy, f), tuple(args))
    # sql is built from fixed text here (values are bound), never from user text
    lines, amount = cur.execute("SELECT count(*), coalesce(sum(amount), 0)::DECIMAL(18,2) FROM (" + sql + ")",
                                params).fetchone()
    return {"lines": int(lines), "amount": amount}


# ---- exports ------------------------------------------------------------------------------------

def to_csv(df: pd.DataFrame) -> bytes:
    """Spreadsheet-safe CSV (lib.queries.to_safe_csv): text starting = + - @ gets a leading '."""
    return to_safe_csv(df)


def to_xlsx(df: pd.DataFrame, sheet: str = "Data") -> bytes:
    """An .xlsx workbook of ``df``: text that a spreadsheet would run as a formula is prefixed with
    ' and stored as text; money (Decimal) as numbers with 2 decimals; dates as dates."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = (re.sub(r"[][:*?/\\]", " ", sheet or "").strip() or "Data")[:31]
    ws.append([neutralise(str(c)) for c in df.columns])
    money_cols = set()
    for row in df.itertuples(index=False, name=None):
        out = []
        for i, v in enumerate(row):
            if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
                out.append(None)
            elif isinstance(v, Decimal):
                money_cols.add(i)
                out.append(float(v))  # Excel stores doubles; 2-decimal format below keeps pence exact to read
            elif isinstance(v, pd.Timestamp):
                out.append(v.to_pydatetime())
            elif isinstance(v, str):
                out.append(neutralise(v))
            elif hasattr(v, "item") and not isinstance(v, (dt.date, dt.datetime)):
                out.append(v.item())
            else:
                out.append(v)
        ws.append(out)
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif cell.column - 1 in money_cols:
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "dd/mm/yyyy"
    for i, c in enumerate(df.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, len(str(c)) + 2), 40)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---- edits: targets and the contracts register -------------------------------------------------

CONTRACT_FIELDS = {"end_date": "End date", "route": "Route to market", "collaborative": "Collaborative (yes/no)",
                   "quality_pct": "Quality weighting %", "social_value_pct": "Social value weighting % (of quality)",
                   "value": "Contract value (£)"}


def set_target(measure: str, fy: str, value, set_by: str, direction: str | None = None,
               source_note: str | None = None, db=None) -> None:
    """Set the target for ``measure`` from ``fy`` on: inserts (or replaces) the row (measure, fy),
    so the targets of earlier years stay as they were; every change is logged in target_changes.
    Raises ValueError on an unknown measure, a bad year or direction, or no author."""
    from lib import store

    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    fy_start(fy)
    if not set_by or not str(set_by).strip():
        raise ValueError("a target change needs the name of who made it")
    value = Decimal(str(value))
    with store.write(db) as cur:
        old = target_for(cur, measure, fy)
        direction = direction or (old["direction"] if old else "at_least")
        if direction not in ("at_least", "at_most"):
            raise ValueError("direction is at_least or at_most")
        note = source_note if source_note is not None else None
        cur.execute("DELETE FROM targets WHERE measure = ? AND from_fy = ?", [measure, fy])
        cur.execute("INSERT INTO targets (measure, from_fy, value, direction, source_note, set_by) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [measure, fy, value, direction, note, set_by.strip()])
        cur.execute("INSERT INTO target_changes (measure, from_fy, old_value, new_value, direction, source_note, "
                    "set_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [measure, fy, old["value"] if old else None, value, direction, note, set_by.strip()])


def targets_table(cur, fys: list[str]) -> pd.DataFrame:
    """The target in force for each measure and year: measure, label, fy, value, direction,
    from_fy, set_by, set_at, source_note."""
    rows, tr = [], _targets(cur)
    for fy in fys:
        for m in MEASURES:
            t = _target_in(tr, m, fy)
            rows.append({"measure": m, "label": MEASURES[m][0], "fy": fy,
                         **({k: t[k] for k in ("value", "direction", "from_fy", "set_by", "set_at", "source_note")}
                            if t else {"value": None, "direction": None, "from_fy": None, "set_by": None,
                                       "set_at": None, "source_note": None})})
    return pd.DataFrame(rows)


def target_changes(cur) -> pd.DataFrame:
    """Every target row as set (strategy defaults and staff changes), newest first."""
    return _frame(cur, """
        SELECT measure, from_fy, old_value, new_value AS value, direction, source_note, set_by, set_at
        FROM target_changes
        UNION ALL
        SELECT measure, from_fy, NULL, value, direction, source_note, set_by, set_at FROM targets
        WHERE set_by = 'strategy default'
        ORDER BY set_at DESC, measure""")


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
        return _frame(cur, sql + " WHERE contract_id = ? ORDER BY edit_id DESC", [contract_id])
    return _frame(cur, sql + " ORDER BY edit_id DESC LIMIT 500")
