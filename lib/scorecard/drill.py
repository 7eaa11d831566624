"""The drill-down: the transactions behind a figure, with provenance and the contract each counts
under."""
from __future__ import annotations

import pandas as pd

from lib.filters import Filters
from lib.rows import frame
from lib.scorecard.lines import lines_sql, year_filters
from lib.suppliers import sme_column, sme_test


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
    pred = PARTS[part][0].format(sme=sme_column(sme_test(cur)))
    need = pred.count("?")
    if len(args) != need:
        raise ValueError(f"part {part!r} takes {need} value(s), got {len(args)}")
    sql, params = lines_sql(cur, f, located=True)
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
    sql, params = _drill_sql(cur, key, year_filters(fy, f), tuple(args))
    sql += " ORDER BY l.amount DESC, l.period_start, l.batch_id, l.sheet, l.row_number"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return frame(cur, sql, params)


def drill_summary(cur, part: str, fy: str | None, f: Filters | None = None, args: tuple = ()) -> dict:
    """{lines, amount} of everything drill_rows(part) would return."""
    if part in MEASURE_PARTS:
        part = MEASURE_PARTS[part][0]
    sql, params = _drill_sql(cur, part, year_filters(fy, f), tuple(args))
    # sql is built from fixed text here (values are bound), never from user text
    lines, amount = cur.execute("SELECT count(*), coalesce(sum(amount), 0)::DECIMAL(18,2) FROM (" + sql + ")",
                                params).fetchone()
    return {"lines": int(lines), "amount": amount}
