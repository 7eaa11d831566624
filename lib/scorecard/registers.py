"""The registers' measures: savings (money) and social value (contracts starting in the year whose
social value weighting is at least 2.5% of the quality element)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from lib import cover
from lib.filters import fy_bounds, fy_name, fy_start
from lib.format import share_pct
from lib.rows import frame
from lib.scorecard.catalogue import SOCIAL_VALUE_MIN
from lib.scorecard.contracts import SV_RECORDED, contract_dates
from lib.scorecard.targets import result


def register_years(cur) -> list[str]:
    """The financial years the savings and contracts registers speak of (savings recorded for them,
    contracts starting in them), newest first: the years their page offers before any spend is loaded."""
    return [r[0] for r in cur.execute(
        "SELECT fy FROM (SELECT fy FROM savings UNION SELECT fy_label(fy_start_of(start_date)) FROM contracts "
        "WHERE start_date IS NOT NULL) WHERE fy IS NOT NULL ORDER BY fy DESC").fetchall()]


def savings_by_fy(cur, fy: str | None = None) -> pd.DataFrame:
    """Savings per financial year (``fy`` alone when given): fy, total, cashable, non_cashable, not_said
    (of no type said), projects (the register's rows they come from: a row written as its parts or
    its months is one project), savings (the savings stored)."""
    return frame(cur, """
        SELECT fy, sum(amount)::DECIMAL(18,2) AS total,
               coalesce(sum(amount) FILTER (WHERE saving_type = 'Cashable'), 0)::DECIMAL(18,2) AS cashable,
               coalesce(sum(amount) FILTER (WHERE saving_type = 'Non-cashable'), 0)::DECIMAL(18,2) AS non_cashable,
               coalesce(sum(amount) FILTER (WHERE saving_type IS NULL), 0)::DECIMAL(18,2) AS not_said,
               count(DISTINCT (batch_id, sheet, row_number)) AS projects, count(*) AS savings
        FROM savings WHERE fy = coalesce(?, fy) GROUP BY fy ORDER BY fy""", [fy])


def savings(cur, fy: str) -> dict:
    """All savings recorded for ``fy``: value = numerator = the total (Decimal), denominator None;
    ``cashable`` and ``non_cashable`` apart, ``not_said`` the rest (of no type said); ``projects``: the
    register's rows they come from (a row written as its parts or its months is one project)."""
    fy_start(fy)
    rows = savings_by_fy(cur, fy).to_dict("records")
    r = rows[0] if rows else None
    zero = Decimal("0.00")
    total = r["total"] if r else zero
    return result(cur, "savings", fy, total if r else None, total, None, cashable=r["cashable"] if r else zero,
                  non_cashable=r["non_cashable"] if r else zero, not_said=r["not_said"] if r else zero,
                  projects=int(r["projects"]) if r else 0)


def savings_cumulative(cur, fy: str) -> pd.DataFrame:
    """Savings for ``fy`` by month recorded, April first: month (first day), cashable, non_cashable,
    total, cumulative, cumulative_cashable (Decimal). Savings with no date recorded count in March."""
    y = fy_start(fy)
    df = frame(cur, """
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
    return frame(cur, """
        SELECT s.project, s.fy, s.category, s.saving_type, s.amount, s.recorded_on,
               b.file_name, s.sheet, s.row_number, s.batch_id
        FROM savings s JOIN batches b ON b.batch_id = s.batch_id
        WHERE s.fy = ? ORDER BY s.amount DESC, s.project""", [fy])


def social_value_contracts(cur, fy: str) -> pd.DataFrame:
    """Contracts whose start date falls in ``fy`` from registers that record social value
    (:data:`SV_RECORDED`), each with meets (social_value_pct >= 2.5) and why not; those below first. Columns: reference, title, supplier_name, start_date, end_date, value,
    route, quality_pct, social_value_pct, meets, reason, contract_id, sheet, row_number, file_name."""
    lo, hi = fy_bounds(fy)
    return frame(cur, """
        SELECT c.reference, c.title, c.supplier_name, c.start_date, c.end_date, c.value, c.route,
               c.quality_pct, c.social_value_pct, coalesce(c.social_value_pct >= ?, FALSE) AS meets,
               CASE WHEN c.social_value_pct IS NULL THEN 'no social value weighting recorded'
                    WHEN c.social_value_pct < ? THEN 'weighting below ' || ? || '% of the quality element' END
                   AS reason,
               c.contract_id, c.sheet, c.row_number, b.file_name
        FROM """ + cover.contracts_table(cur) + """ c JOIN batches b ON b.batch_id = c.batch_id
        WHERE c.start_date BETWEEN ? AND ? AND """ + SV_RECORDED + """
        ORDER BY meets, c.start_date, c.reference""",
        [SOCIAL_VALUE_MIN, SOCIAL_VALUE_MIN, str(SOCIAL_VALUE_MIN), lo, hi])


def social_value_pct(cur, fy: str) -> dict:
    """Of the contracts whose start date falls in ``fy``, the share (0–100) whose social value
    weighting is at least 2.5% of the quality element; numerator and denominator are counts.
    A contract with no weighting in a register that records weightings counts as below; one from a
    register with no weighting column is not counted (no data, when no register records them)."""
    lo, hi = fy_bounds(fy)
    n, ok = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE c.social_value_pct >= ?) FROM " + cover.contracts_table(cur) + " c "
        "LEFT JOIN batches b ON b.batch_id = c.batch_id WHERE c.start_date BETWEEN ? AND ? AND " + SV_RECORDED,
        [SOCIAL_VALUE_MIN, lo, hi]).fetchone()
    return result(cur, "social_value_pct", fy, share_pct(ok, n), int(ok), int(n))


def social_value_by_fy(cur, contracts: pd.DataFrame | None = None) -> pd.DataFrame:
    """fy, contracts (starting that year), meeting (weighting >= 2.5%): for the trend."""
    c = contract_dates(cur) if contracts is None else contracts
    if "sv_recorded" in c:
        c = c[c["sv_recorded"].astype(bool)]
    if c.empty:
        return pd.DataFrame({"fy": [], "contracts": [], "meeting": []})
    fys = [fy_name(d.year if d.month >= 4 else d.year - 1) for d in c["start_date"]]
    meets = [v is not None and v == v and Decimal(v) >= SOCIAL_VALUE_MIN for v in c["social_value_pct"]]
    df = pd.DataFrame({"fy": fys, "meeting": meets})
    out = df.groupby("fy").agg(contracts=("meeting", "size"), meeting=("meeting", "sum")).reset_index()
    return out.sort_values("fy", key=lambda s: s.map(fy_start)).reset_index(drop=True)
