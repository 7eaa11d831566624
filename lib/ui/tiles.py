"""The scorecard tiles on the Overview: value, change, trend, target and status of each measure."""
from __future__ import annotations

import streamlit as st

from lib.filters import fy_name, fy_start
from lib.format import measure_text, money, money_short, points, signed
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
    card = measure("scorecard", fy)
    items = list(card["measures"].items())
    for start in range(0, len(items), 3):
        cols = st.columns(3)
        for col, (key, m) in zip(cols, items[start:start + 3]):
            with col.container(border=True, key=f"tile_{key}"):
                trend = [float(v) for _, v in m["trend"] if v is not None]
                prev = m.get("previous")
                st.metric(
                    m["label"], measure_text(m["unit"], m["value"]), _change_text(m),
                    delta_color=("off" if m["direction"] is None else
                                 "inverse" if m["direction"] == "at_most" else "normal"),
                    delta_description=None if prev is None else f"vs {fy_name(fy_start(fy) - 1)}",
                    chart_data=trend if len(trend) > 1 else None, chart_type="line",
                    help=_tile_help(m),
                )
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
