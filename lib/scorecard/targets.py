"""Targets: the one in force for a measure and year, the status rule beside every figure, the
measure result (value, numerator, denominator, target, status), and staff changes to targets."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from lib.filters import fy_start
from lib.queries import _frame
from lib.scorecard.catalogue import MEASURES, NOTHING_TO_COUNT, missing_data


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


def all_targets(cur) -> list[tuple]:
    """Every targets row, for picking the one in force without a query per measure and year."""
    return cur.execute("SELECT measure, from_fy, value, direction, source_note, set_by, set_at FROM targets").fetchall()


def target_in(rows: list[tuple], measure: str, fy: str) -> dict | None:
    best = None
    for r in rows:
        if r[0] == measure and fy_start(r[1]) <= fy_start(fy) and (best is None or fy_start(r[1]) > fy_start(best[1])):
            best = r
    if best is None:
        return None
    return dict(zip(("value", "direction", "from_fy", "source_note", "set_by", "set_at"), best[2:4] + best[1:2] + best[4:]))


def result(cur, measure: str, fy: str, value, numerator, denominator, _targets_rows=None, _missing=None,
           **extra) -> dict:
    """A measure's figure for ``fy`` with its target, status and rule. When the reference data it
    needs is missing (``catalogue.missing_data``; pass it in to spare a query a measure) the value is
    None, the status 'no data' and ``reason`` says what is missing; a value of None for want of
    anything to count says why too. ``reason`` is None when there is a figure."""
    target = (target_for(cur, measure, fy) if _targets_rows is None
              else target_in(_targets_rows, measure, fy))
    missing = (missing_data(cur) if _missing is None else _missing).get(measure)
    if missing:
        value = None
    reason = missing or (None if value is not None
                         else NOTHING_TO_COUNT.get(measure, "no spend in {fy}").format(fy=fy))
    label, unit, page, what = MEASURES[measure]
    rule = rule_text(measure, target)
    return {
        "measure": measure, "label": label, "unit": unit, "fy": fy, "page": page, "what": what,
        "value": value, "target": None if target is None else target["value"],
        "direction": None if target is None else target["direction"],
        "status": status(value, target), "numerator": numerator, "denominator": denominator,
        "rule": rule if reason is None else f"no data: {reason} ({rule})", "reason": reason, **extra,
    }


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
    rows, tr = [], all_targets(cur)
    for fy in fys:
        for m in MEASURES:
            t = target_in(tr, m, fy)
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
