"""Scorecard DataFrames (lib.scorecard) → Plotly figures. No Streamlit here.

Same conventions as lib.charts: a title, £ axes, the Okabe-Ito palette, money as float only at
the plotting step, ``customdata[0]`` naming what a click on a mark should drill into.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from lib.charts import BLUE, GREY, ORANGE, SKY, _layout, _money_axis, _short, empty_figure
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


def measure_trend(trend: list, target_by_fy: dict, unit: str, title: str) -> go.Figure:
    """A measure's value by financial year, with the target in force each year as a step line."""
    pts = [(fy, v) for fy, v in trend if v is not None]
    if not pts:
        return empty_figure(title, "No figures yet")
    fys = [fy for fy, _ in pts]
    traces = [go.Bar(x=fys, y=[float(v) for _, v in pts], marker_color=BLUE, name="Value",
                     customdata=[[fy] for fy in fys],
                     text=[measure_text(unit, v) for _, v in pts],
                     textposition="outside", cliponaxis=False,
                     hovertemplate="%{x}: %{text}<extra></extra>")]
    tgt = [target_by_fy.get(fy) for fy in fys]
    if any(t is not None for t in tgt):
        traces.append(go.Scatter(x=fys, y=[None if t is None else float(t) for t in tgt], name="Target",
                                 mode="lines+markers", line=dict(color="#222", dash="dash", shape="hv"),
                                 hovertemplate="%{x}: target %{y:,.2f}<extra></extra>"))
    yaxis = (dict(title="% of spend", rangemode="tozero", ticksuffix="%", gridcolor="#e6e6e6") if unit == "pct"
             else dict(title="£", rangemode="tozero", **_money_axis()))
    return go.Figure(data=traces, layout=_layout(title, 340, xaxis=dict(type="category"), yaxis=yaxis))
