"""The scorecard: every measure for a year with the previous year's value and the trend (the Overview
tiles), and the ``kpis`` object the CLI prints."""
from __future__ import annotations

import pandas as pd

from lib.filters import Filters, fy_bounds, fy_name, fy_start
from lib import peers as peer_areas
from lib.format import PCT_PLACES, PENNY, half_up, share_pct
from lib.scorecard.catalogue import MEASURES, SPEND_MEASURES, ZERO, missing_data
from lib.scorecard.contracts import contract_dates
from lib.scorecard.registers import savings_by_fy, social_value_by_fy
from lib.scorecard.spend import spend_facts, spend_measure
from lib.scorecard.targets import result, targets_in_force
from lib.suppliers import sme_test


def _by_fy(df: pd.DataFrame) -> dict[str, dict]:
    """{fy: row as a dict} of a frame with one row a financial year."""
    return {r["fy"]: r for r in df.to_dict("records")}


def _measure_from(cur, measure: str, fy: str, facts: dict, sv: dict, sav: dict, sme: str, tr, missing) -> dict:
    """One measure for ``fy`` from the per-year rows (``_by_fy``) of spend_facts, social_value_by_fy
    and savings_by_fy."""
    if measure in SPEND_MEASURES:
        return spend_measure(cur, measure, fy, facts.get(fy), sme, tr, missing)
    if measure == "savings":
        r = sav.get(fy)
        return result(cur, "savings", fy, r["total"] if r else None, r["total"] if r else ZERO, None, tr, missing,
                      cashable=r["cashable"] if r else ZERO, non_cashable=r["non_cashable"] if r else ZERO,
                      not_said=r["not_said"] if r else ZERO, projects=int(r["projects"]) if r else 0)
    r = sv.get(fy)
    n, ok = (int(r["contracts"]), int(r["meeting"])) if r else (0, 0)
    return result(cur, "social_value_pct", fy, share_pct(ok, n), ok, n, tr, missing)


def scorecard(cur, fy: str, trend: bool = True, bodies: tuple = ()) -> dict:
    """Every measure for ``fy`` with the previous year's value and (``trend``) the values of every
    year present, for the Overview tiles.

    Returns {fy, total_spend, contracts_live, measures: {key: measure dict + previous, change,
    trend: [(fy, value), ...]}}. ``trend=False`` computes ``fy`` alone (the kpis command). The spend
    measures are the ``bodies`` chosen (lib.filters: the store's own when none).
    """
    fy_start(fy)
    prev = fy_name(fy_start(fy) - 1)
    facts = _by_fy(spend_facts(cur, Filters(bodies=tuple(bodies)) if trend else Filters(fy=fy, bodies=tuple(bodies))))
    contracts = contract_dates(cur)
    sv, sav = _by_fy(social_value_by_fy(cur, contracts)), _by_fy(savings_by_fy(cur))
    years = sorted(set(facts) | set(sav) | {fy}, key=fy_start) if trend else [fy]
    years = [y for y in years if fy_start(y) <= fy_start(fy)]
    sme, missing = sme_test(cur), missing_data(cur)
    peers = [r[0] for r in cur.execute("SELECT name FROM bodies WHERE list_contains(?, body_key) AND NOT own ORDER BY name",
                                       [list(bodies)]).fetchall()] if bodies else []
    if peers:  # a peer's payments are not measured against the store's own contracts register
        note = f"the contracts register is the store's own bodies'; none is loaded for {' and '.join(peers)}"
        missing = dict(missing) | {m: note for m in ("on_contract_pct", "collaborative_pct")}
    ring_note = peer_areas.ring_note(cur, fy, tuple(bodies))
    if ring_note:  # local and North West are the force's area's rings: not a peer's (lib.peers)
        missing = dict(missing) | {m: ring_note for m in ("local_pct", "north_west_pct")}
    tr = targets_in_force(cur, [(m, y) for m in MEASURES for y in years])
    out = {}
    for m in MEASURES:
        cur_m = _measure_from(cur, m, fy, facts, sv, sav, sme, tr, missing)
        if trend:
            series = [(y, _measure_from(cur, m, y, facts, sv, sav, sme, tr, missing)["value"]) for y in years]
            p = dict(series).get(prev)
        else:
            series, p = [], None
        cur_m["previous"] = p
        cur_m["change"] = None if p is None or cur_m["value"] is None else cur_m["value"] - p
        cur_m["trend"] = series
        # the target in force each year of the trend (a tile draws the target each year had, not this year's for all)
        cur_m["trend_targets"] = [(y, (tr.get((m, y)) or {}).get("value")) for y, _ in series]
        out[m] = cur_m
    total = facts[fy]["total"] if fy in facts else ZERO
    lo, hi = fy_bounds(fy)
    live = 0 if contracts.empty else int(((contracts["start_date"] <= hi)
                                          & (contracts["end_date"].isna() | (contracts["end_date"] >= lo))).sum())
    return {"fy": fy, "total_spend": total, "contracts_live": live, "measures": out}


def _json_money(v) -> str | None:
    return None if v is None else f"{half_up(v, PENNY):.2f}"


def _json_number(v):
    return None if v is None else float(half_up(v, PCT_PLACES))


def kpis(cur, fy: str) -> dict:
    """The ``python -m lib.cli kpis`` object: fy, total_spend (string, 2 decimals) and measures, each
    {value, target, status, numerator, denominator, reason}; ``reason`` (else null) says why a measure
    has no value (status 'no data'), such as missing reference data. Percentages are numbers 0–100 (2 decimals);
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
                         "denominator": den, "reason": m["reason"]}
    return {"fy": fy, "total_spend": _json_money(card["total_spend"]), "measures": measures}
