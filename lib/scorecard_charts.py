"""Scorecard DataFrames (lib.scorecard) → Plotly figures. No Streamlit here.

Same conventions as lib.charts: a title, £ axes, the Okabe-Ito palette, money as float only at
the plotting step, ``customdata[0]`` naming what a click on a mark should drill into.
"""
from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from lib.charts import BLUE, FONT, GREY, ORANGE, SKY, VERMILION, _layout, _money_axis, _short, empty_figure
from lib.format import measure_text, money_short, percent


def route_bars(df: pd.DataFrame, fy: str) -> go.Figure:
    """Spend by the route each payment counts under (lib.scorecard.contracts.collaborative_by_route):
    collaborative routes blue, other contracts sky, off contract grey (the page says so in words).
    customdata[0] = route."""
    title = f"Spend by route to market, {fy}"
    if df.empty:
        return empty_figure(title)
    labels = list(df["route"])
    values = [float(a) for a in df["amount"]]
    colours = [GREY if c is None or c != c else (BLUE if c else SKY) for c in df["collaborative"]]
    hi = max([0.0, *values]) or 1.0
    lo = min([0.0, *values])
    return go.Figure(go.Bar(
        y=[_short(x) for x in labels][::-1], x=values[::-1], orientation="h", marker=dict(color=colours[::-1]),
        customdata=[[lab, percent(p)] for lab, p in zip(labels, df["pct_of_all"])][::-1],
        text=[percent(p) if p is not None else "" for p in df["pct_of_all"]][::-1], textposition="outside",
        cliponaxis=False, hovertemplate="%{customdata[0]}<br>£%{x:,.2f} (%{customdata[1]} of all spend)<extra></extra>",
    ), layout=_layout(title, 140 + 30 * len(labels),
                      xaxis=dict(title="Spend", range=[lo, hi * 1.2], **_money_axis()),
                      yaxis=dict(automargin=True, type="category")))


def savings_cumulative(df: pd.DataFrame, target: Decimal | None, fy: str) -> go.Figure:
    """Cumulative savings by month recorded (lib.scorecard.registers.savings_cumulative), cashable apart, the
    year's target as a dashed line."""
    title = f"Savings recorded in {fy}, cumulative by month"
    if df.empty:
        return empty_figure(title, "No savings recorded")
    months = [m.strftime("%b %Y") for m in df["month"]]
    fig = go.Figure(data=[
        go.Bar(x=months, y=[float(v) for v in df["cashable"]], name="Cashable (month)",
               marker_color=BLUE, customdata=[[m.isoformat()] for m in df["month"]],
               hovertemplate="%{x}: £%{y:,.2f} cashable<extra></extra>"),
        go.Bar(x=months, y=[float(v) for v in df["non_cashable"]], name="Non-cashable (month)",
               marker_color=SKY, hovertemplate="%{x}: £%{y:,.2f} non-cashable<extra></extra>"),
        go.Scatter(x=months, y=[float(v) for v in df["cumulative"]], name="Cumulative, all",
                   mode="lines+markers", line=dict(color=ORANGE, width=3),
                   hovertemplate="%{x}: £%{y:,.2f} so far<extra></extra>"),
        go.Scatter(x=months, y=[float(v) for v in df["cumulative_cashable"]], name="Cumulative, cashable",
                   mode="lines", line=dict(color=BLUE, width=2, dash="dot"),
                   hovertemplate="%{x}: £%{y:,.2f} cashable so far<extra></extra>"),
    ], layout=_layout(title, 400, barmode="stack", yaxis=dict(title="Savings", rangemode="tozero", **_money_axis())))
    if target is not None:
        fig.add_hline(y=float(target), line=dict(color="#222", dash="dash"),
                      annotation_text=f"Target {money_short(target)}", annotation_position="top left")
    return fig


MET_COLOUR, NOT_MET_COLOUR = BLUE, VERMILION  # Okabe-Ito: apart for every common colour-vision deficiency
STATUS_MARK = {"met": "✓", "not met": "✗"}  # the status in text beside the colour, never colour alone
TARGET_LINE = dict(color="#222", dash="dash", width=2)


def _met(value, target, direction: str | None) -> str | None:
    """'met', 'not met', or None when there is no target (lib.scorecard.targets.status's rule)."""
    if value is None or target is None:
        return None
    ok = value <= target if direction == "at_most" else value >= target
    return "met" if ok else "not met"


def zoomed_range(values: list[float], unit: str, room: float = 0.35, clamp: bool = True) -> list[float]:
    """An axis range around ``values`` (the figures and their targets) with ``room`` of their spread
    either side (room for the labels), so 91.70% and 93.20% look as far apart as they are rather
    than alike on a 0–100% axis. With ``clamp``, percentages stay within 0–100 (plus label room)
    and figures that are all positive above 0."""
    lo, hi = min(values), max(values)
    spread = hi - lo
    pad = max(spread * room, (abs(hi) * 0.02) or 1.0)
    step = 10 ** math.floor(math.log10(pad))  # start the axis on a round number (90%, not 89.84%)
    lo, hi = math.floor((lo - pad) / step) * step, hi + pad
    if not clamp:
        pass
    elif unit == "pct":
        lo, hi = max(lo, 0.0), min(hi, 100.0 + pad)
    elif min(values) >= 0:
        lo = max(lo, 0.0)
    return [lo, hi]


def _value_axis(unit: str, rng: list[float], title: str) -> dict:
    zoomed = rng[0] > 0
    note = f" (axis from {measure_text(unit, rng[0]) if unit == 'pct' else money_short(rng[0])})" if zoomed else ""
    if unit == "pct":
        return dict(title=title + note, range=rng, ticksuffix="%", gridcolor="#e6e6e6", zeroline=False)
    return dict(title=title + note, range=rng, **(_money_axis() | dict(zeroline=False)))


def measure_trend(trend: list, target_by_fy: dict, unit: str, title: str, direction: str | None = None) -> go.Figure:
    """A measure's value by financial year as bars on an axis zoomed to the figures, each bar
    coloured and marked (✓/✗) by whether it met the target in force that year, its value written
    under its year, and the target as a dashed step line labelled 'Target 92.00%' at its latest value.
    ``target_by_fy`` is {fy: target value}; ``direction`` 'at_least' (default) or 'at_most'.
    customdata[0] of a bar is its financial year."""
    pts = [(fy, v) for fy, v in trend if v is not None]
    if not pts:
        return empty_figure(title, "No figures yet")
    fys = [fy for fy, _ in pts]
    tgt = [target_by_fy.get(fy) for fy in fys]
    status = [_met(v, t, direction) for (_, v), t in zip(pts, tgt)]
    # Each year's figure and its mark ("91.70% ✗"): its bar's hover, and its label under the year on the
    # axis, where the target line, drawn over the bars, never runs through it and where, when the bars
    # are too narrow for the labels (a phone), Plotly turns them upright rather than let them overlap.
    labels = [measure_text(unit, v) + (f" {STATUS_MARK[s]}" if s else "") for (_, v), s in zip(pts, status)]
    traces = []
    for name, want, colour, pattern in (("✓ Met target", "met", MET_COLOUR, ""),
                                        ("✗ Not met", "not met", NOT_MET_COLOUR, "/"),
                                        ("No target", None, GREY, "")):
        idx = [i for i, s in enumerate(status) if s == want]
        if not idx:
            continue
        traces.append(go.Bar(
            x=[fys[i] for i in idx], y=[float(pts[i][1]) for i in idx], name=name,
            marker=dict(color=colour, pattern=dict(shape=pattern, fgcolor="white", size=8, fillmode="overlay")),
            customdata=[[fys[i], "no target" if tgt[i] is None else f"{want}: target {measure_text(unit, tgt[i])}"]
                        for i in idx],
            text=[labels[i] for i in idx],
            textposition="none", hovertemplate="%{x}: %{text}<br>%{customdata[1]}<extra></extra>"))
    annotations = []
    values = [float(v) for _, v in pts] + [float(t) for t in tgt if t is not None]
    rng = zoomed_range(values, unit)
    if any(t is not None for t in tgt):
        last = next(t for t in reversed(tgt) if t is not None)
        last_text = measure_text(unit, last)
        traces.append(go.Scatter(x=fys, y=[None if t is None else float(t) for t in tgt], name=f"Target {last_text}",
                                 mode="lines", line=TARGET_LINE | dict(shape="hvh"),
                                 customdata=[measure_text(unit, t) for t in tgt],
                                 hovertemplate="%{x}: target %{customdata}<extra></extra>"))
        annotations.append(dict(xref="paper", x=1, y=float(last), text=f"<b>Target<br>{last_text}</b>",
                                showarrow=False, xanchor="left", yanchor="middle", xshift=4, align="left",
                                font=dict(size=12, color="#222")))
    yaxis = _value_axis(unit, rng, "Share (%)" if unit == "pct" else "£")
    return go.Figure(data=traces, layout=_layout(
        title, 380, xaxis=dict(type="category", categoryorder="array", categoryarray=fys, tickvals=fys,
                                  ticktext=[f"{fy}<br><b>{lab}</b>" for fy, lab in zip(fys, labels)]),
        yaxis=yaxis, barmode="overlay", annotations=annotations, margin=dict(l=10, r=70, t=70, b=40)))


def tile_sparkline(trend: list, target, direction: str | None, unit: str, status: str,
                   targets: list | None = None) -> go.Figure | None:
    """The small trend on an Overview tile: the measure by year, zoomed to the figures and the
    target, the target as a dashed line labelled 'Target 92.00%', the latest point coloured and
    marked by this year's status and labelled with its value. None with fewer than two years."""
    pts = [(fy, float(v)) for fy, v in trend if v is not None]
    if len(pts) < 2:
        return None
    fys, ys = [p[0] for p in pts], [p[1] for p in pts]
    last_colour = {"met": MET_COLOUR, "not met": NOT_MET_COLOUR}.get(status, GREY)
    mark = STATUS_MARK.get(status, "")
    values = ys + ([float(target)] if target is not None else [])
    rng = zoomed_range(values, unit, room=0.45, clamp=False)  # the axis is hidden: room for the labels
    shapes, annotations = [], []
    # ``targets``: [(fy, target in force that year)]; when they differ, the line steps as they did
    by_year = {fy: t for fy, t in (targets or [])}
    stepped = [by_year.get(fy) for fy in fys]
    steps = targets is not None and len({t for t in stepped if t is not None}) > 1
    if steps:
        values += [float(t) for t in stepped if t is not None]
        rng = zoomed_range(values, unit, room=0.45, clamp=False)
    if target is not None and not steps:
        shapes.append(dict(type="line", xref="paper", x0=0, x1=1, y0=float(target), y1=float(target),
                           line=TARGET_LINE | dict(width=1.5), name="target"))
    low_end = target is not None and ys[-1] < float(target)
    if target is not None:
        # Written at the right end, on the side of the line away from this year's figure and its label.
        annotations.append(dict(xref="paper", x=1, y=float(target), text=f"Target {measure_text(unit, target)}",
                                showarrow=False, xanchor="right", yanchor="bottom" if low_end else "top",
                                font=dict(size=11, color="#222"), bgcolor="rgba(255,255,255,0.8)"))
    traces = [] if not steps else [
        go.Scatter(x=fys, y=[None if t is None else float(t) for t in stepped], mode="lines", showlegend=False,
                   name="target", line=TARGET_LINE | dict(width=1.5, shape="hvh"),
                   customdata=[measure_text(unit, t) if t is not None else "none" for t in stepped],
                   hovertemplate="%{x}: target %{customdata}<extra></extra>")]
    traces += [
        go.Scatter(x=fys, y=ys, mode="lines+markers", line=dict(color="#6b7f99", width=2),
                   marker=dict(size=5, color="#6b7f99"), showlegend=False, name="By year",
                   customdata=[measure_text(unit, v) for v in ys],
                   hovertemplate="%{x}: %{customdata}<extra></extra>"),
        go.Scatter(x=[fys[-1]], y=[ys[-1]], mode="markers+text", showlegend=False, name=status,
                   marker=dict(size=10, color=last_colour, symbol="circle" if status == "met" else "x"
                               if status == "not met" else "circle", line=dict(color="white", width=1)),
                   text=[f"{measure_text(unit, ys[-1])} {mark}".strip()], textposition="bottom left" if low_end else "top left",
                   textfont=dict(size=12, color=last_colour), hoverinfo="skip"),
    ]
    return go.Figure(data=traces, layout=dict(
        height=120, margin=dict(l=4, r=12, t=6, b=22), showlegend=False, plot_bgcolor="white", font=FONT,
        separators=".,", dragmode=False, shapes=shapes, annotations=annotations,
        xaxis=dict(type="category", showgrid=False, tickfont=dict(size=10), tickvals=[fys[0], fys[-1]]),
        yaxis=dict(range=rng, visible=False),
    ))
