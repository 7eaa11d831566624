"""Targets: the one in force for a measure and year, the status rule beside every figure, the
measure result (value, numerator, denominator, target, status), and staff changes to targets."""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from lib.filters import fy_start
from lib.format import measure_text
from lib.rows import frame
from lib.scorecard.catalogue import MEASURES, NOTHING_TO_COUNT, missing_data

if TYPE_CHECKING:
    import pandas as pd


_TARGET_FIELDS = ("from_fy", "value", "direction", "source_note", "set_by", "set_at")


_IN_FORCE_SQL = ("SELECT p.m, p.fy, " + ", ".join("t." + c for c in _TARGET_FIELDS) + " FROM (SELECT unnest(?::VARCHAR[]) AS m, "
                 "unnest(?::VARCHAR[]) AS fy) p, LATERAL (SELECT * FROM target_for(p.m, p.fy)) t")


def targets_in_force(cur, pairs) -> dict[tuple[str, str], dict | None]:
    """The target in force for each (measure, fy) of ``pairs``, by the store's one rule (the
    ``target_for`` macro, m007: the row with the greatest from_fy not after the year), in one query.
    Returns {(measure, fy): {value, direction, from_fy, source_note, set_by, set_at} or None}."""
    pairs = list(dict.fromkeys(pairs))
    out: dict[tuple[str, str], dict | None] = {p: None for p in pairs}
    if not pairs:
        return out
    # the pairs as two bound lists, the macro applied to each (one statement, not one a pair: a union
    # of ninety took the planner about a second)
    for row in cur.execute(_IN_FORCE_SQL, [[m for m, _ in pairs], [fy for _, fy in pairs]]).fetchall():
        out[(row[0], row[1])] = dict(zip(_TARGET_FIELDS, row[2:]))
    return out


def target_for(cur, measure: str, fy: str) -> dict | None:
    """The target in force for ``measure`` in ``fy`` (see targets_in_force), or None."""
    return targets_in_force(cur, [(measure, fy)])[(measure, fy)]


def rule_text(measure: str, target: dict | None) -> str:
    """'≥ 92.00%: met; below: not met (target from 2019/20)' — the status rule shown beside every
    figure."""
    if target is None:
        return "No target set (add one on the Targets page)"
    t = measure_text(MEASURES[measure][1], target["value"])
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


def amount_to_reach(total, target_pct, actual, direction: str = "at_least") -> tuple[Decimal, Decimal]:
    """(target_amount, to_move) for a share of ``total`` spend: the target as pounds of ``total`` (to
    the penny, half up) and the spend that would have to move into the measure (``at_least``) or
    out of it (``at_most``) for ``actual`` to reach it, the total staying the same; zero when met."""
    from decimal import ROUND_HALF_UP

    target_amount = (Decimal(total) * Decimal(target_pct) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    short = actual - target_amount if direction == "at_most" else target_amount - actual
    return target_amount, max(Decimal("0.00"), short)


def result(cur, measure: str, fy: str, value, numerator, denominator, in_force: dict | None = None,
           _missing=None, **extra) -> dict:
    """A measure's figure for ``fy`` with its target, status and rule. When the reference data it
    needs is missing (``catalogue.missing_data``; pass it in to spare a query a measure) the value is
    None, the status 'no data' and ``reason`` says what is missing; a value of None for want of
    anything to count says why too. ``reason`` is None when there is a figure. ``in_force``
    (targets_in_force) spares a target query a measure."""
    target = in_force[(measure, fy)] if in_force is not None else target_for(cur, measure, fy)
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
    import pandas as pd

    rows, in_force = [], targets_in_force(cur, [(m, fy) for fy in fys for m in MEASURES])
    for fy in fys:
        for m in MEASURES:
            t = in_force[(m, fy)]
            rows.append({"measure": m, "label": MEASURES[m][0], "fy": fy,
                         **({k: t[k] for k in ("value", "direction", "from_fy", "set_by", "set_at", "source_note")}
                            if t else {"value": None, "direction": None, "from_fy": None, "set_by": None,
                                       "set_at": None, "source_note": None})})
    return pd.DataFrame(rows)


def target_changes(cur) -> pd.DataFrame:
    """Every target row as set (strategy defaults and staff changes), newest first."""
    return frame(cur, """
        SELECT measure, from_fy, old_value, new_value AS value, direction, source_note, set_by, set_at
        FROM target_changes
        UNION ALL
        SELECT measure, from_fy, NULL, value, direction, source_note, set_by, set_at FROM targets
        WHERE set_by = 'strategy default'
        ORDER BY set_at DESC, measure""")


DIRECTION_WORDS = {"at_least": "at least the target", "at_most": "at most the target"}


def written(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (targets_table or target_changes) as people read it: each target value written as
    its measure is (a percentage, or money for savings), the measure by its name, the direction in
    words."""
    out = table.copy()
    units = out["measure"].map(lambda m: MEASURES[m][1] if m in MEASURES else "pct")
    for col in ("value", "old_value"):
        if col in out:
            out[col] = [None if v is None or v != v else measure_text(u, v) for u, v in zip(units, out[col])]
    if "label" not in out:
        out.insert(0, "label", out["measure"].map(lambda m: MEASURES[m][0] if m in MEASURES else m))
    if "direction" in out:
        out["direction"] = out["direction"].map(lambda d: DIRECTION_WORDS.get(d, d))
    return out
