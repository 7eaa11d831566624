"""The scorecard tiles on the Overview: value, change, trend, target and status of each measure."""
from __future__ import annotations

import streamlit as st

from lib import scorecard_charts
from lib.filters import fy_name, fy_start
from lib.format import measure_text, money, money_short, points, signed, target_distance
from lib.ui import layout
from lib.ui.cache import measure


def _change_text(m: dict) -> str | None:
    c = m.get("change")
    if c is None:
        return None
    return signed(money_short(c)) if m["unit"] == "money" else points(c)


STATUS_ICONS = {"met": ":material/check_circle:", "not met": ":material/error:",
                "no target": ":material/remove:", "no data": ":material/help:"}


def scorecard_tiles(fy: str) -> None:
    """One tile a measure: value, change against the previous year, a trend by year, target and
    status with its rule (in words and an icon, never colour alone), and a link to the page that
    explains it (lib.scorecard.MEASURES)."""
    from lib.ui.sidebar import current_filters

    card = measure("scorecard", fy, True, current_filters().bodies)  # the bodies chosen in the filters
    items = list(card["measures"].items())
    grid = layout.wrapping("scorecard_tiles")  # three to a row, fewer where three would be too narrow
    for start in range(0, len(items), 3):
        cols = grid.columns(3)
        for col, (key, m) in zip(cols, items[start:start + 3]):
            with col.container(border=True, key=f"tile_{key}"):
                prev = m.get("previous")
                st.metric(
                    m["label"], measure_text(m["unit"], m["value"]), _change_text(m),
                    delta_color=("off" if m["direction"] is None else
                                 "inverse" if m["direction"] == "at_most" else "normal"),
                    delta_description=None if prev is None else f"vs {fy_name(fy_start(fy) - 1)}",
                    help=_tile_help(m),
                )
                spark = scorecard_charts.tile_sparkline(m["trend"], m["target"], m["direction"], m["unit"],
                                                        m["status"], m.get("trend_targets"))
                if spark is not None:
                    st.plotly_chart(spark, key=f"spark_{key}", config={"displayModeBar": False})
                st.markdown(f"{STATUS_ICONS.get(m['status'], '')} **{m['status'].capitalize()}** · "
                            f"{target_words(m)}" + (f" · {m['reason']}" if m.get("reason") else ""))
                st.page_link(m["page"], label="How it is worked out", icon=":material/arrow_forward:",
                             query_params={"measure": key})


def target_words(m: dict) -> str:
    if m["target"] is None:
        return "no target set"
    sign = "≤" if m["direction"] == "at_most" else "≥"
    return f"target {sign} {measure_text(m['unit'], m['target'])}"


def _tile_help(m: dict) -> str:
    text = f"{m['what']}. Status rule: {m['rule']}."
    if m["denominator"] is not None and m["unit"] == "pct":
        if m["measure"] == "social_value_pct":
            text += f" {m['numerator']} of {m['denominator']} contracts."
        else:
            text += f" {money(m['numerator'])} of {money(m['denominator'])}."
    if m["measure"] == "savings" and m["value"] is not None:
        text += f" Cashable {money(m.get('cashable'))}; non-cashable {money(m.get('non_cashable'))}."
    if m["measure"] == "sme_pct":
        text += f" SME test: {m.get('sme_test_label')}; spend whose SME status is not known counts as not SME."
    return text


def share_against_target(col, label: str, value, previous, previous_fy: str | None, target: dict | None,
                         help: str) -> None:
    """A share (%) with its change on the previous year as the delta pill (as the Overview tiles
    show it: '+1.20 pts', 'vs 2023/24') and, under it and in other words, its distance from the
    target in force ('4.80 pts above target 39.00%', with a flag, met or not met in words and an
    icon: never colour alone). ``target`` is a lib.geo.queries.ring_targets entry or None."""
    with col.container(border=True):
        change = None if value is None or previous is None else points(value - previous)
        st.metric(label, measure_text("pct", value), change,
                  delta_description=f"vs {previous_fy}" if change is not None else None, help=help)
        if target is None:
            st.caption(":material/flag: no target set")
            return
        ok = value is not None and (value <= target["value"] if target.get("direction") == "at_most"
                                    else value >= target["value"])
        icon = STATUS_ICONS["met" if ok else "not met"]
        st.markdown(f":material/flag: {target_distance('pct', value, target['value'], target.get('direction'))} · "
                    f"{icon} **{'Met' if ok else 'Not met'}**")
