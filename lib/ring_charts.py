"""Rings as charts: DataFrames from lib.geo.queries → Plotly figures. No Streamlit here.

Ring colours match the maps (lib.maps.RING_COLOURS, Okabe-Ito); Unknown is grey and always drawn.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.charts import LEGEND, _floats, _layout, _short, empty_figure
from lib.format import money, percent, share_pct
from lib.geo.postcodes import RINGS, ring_label
from lib.maps import RING_COLOURS

DIMENSION_NAMES = {"fy": "financial year", "month": "month", "department": "department", "category": "category"}


def _label(v) -> str:
    return v.strftime("%b %Y") if isinstance(v, date) else _short(v)


def rings_stacked(df: pd.DataFrame, by: str, title: str, top: int = 20) -> go.Figure:
    """Spend by ring (£, stacked) for each label of ``df`` (lib.geo.queries.rings_by).

    Years and months as columns in time order; departments and categories as horizontal bars,
    largest ``top`` only. Hover shows £ and the ring's share of the label's spend.
    """
    if df.empty:
        return empty_figure(title)
    horizontal = by in ("department", "category")
    d = df.head(top).iloc[::-1] if horizontal else df
    labels = [_label(v) for v in d["label"]]
    traces = []
    for ring in RINGS:
        vals = _floats(d[ring])
        # the hover's £ and share written as every figure is (lib.format), from the exact sums
        text = [f"{money(v)} ({percent(share_pct(v, t))})" for v, t in zip(d[ring], d["total"])]
        common = dict(name=ring_label(ring), marker_color=RING_COLOURS[ring], customdata=list(zip(labels, text)),
                      hovertemplate="%{customdata[0]}<br>" + ring_label(ring) + ": %{customdata[1]}<extra></extra>")
        traces.append(go.Bar(y=labels, x=vals, orientation="h", **common) if horizontal
                      else go.Bar(x=labels, y=vals, **common))
    money_axis = dict(tickprefix="£", tickformat="~s", gridcolor="#e6e6e6", title=dict(text="Spend (£)"))
    return go.Figure(data=traces, layout=_layout(
        title, max(360, 28 * len(d) + 140) if horizontal else 420, barmode="relative",
        legend=LEGEND | dict(traceorder="normal"), **{"xaxis" if horizontal else "yaxis": money_axis}))


def ring_shares(df: pd.DataFrame, title: str, targets: dict | None = None) -> go.Figure:
    """Local %, North West % and Unknown % over years or months (``df`` from rings_by 'fy' or
    'month'), with the targets in force as dashed lines when given (lib.geo.queries.ring_targets)."""
    if df.empty:
        return empty_figure(title)
    labels = [_label(v) for v in df["label"]]
    # Each target a dashed line across the plot with its label in the margin at its right end (inside
    # the plot, a label sat on the lines it crossed): the shape and the annotation Figure.add_hline
    # makes, given to the layout whole (add_hline costs ~30 ms a line).
    shapes, notes = [], []
    for key, name, colour in (("local", "Local target", RING_COLOURS["Lancashire"]),
                              ("north_west", "North West target", RING_COLOURS["North West"])):
        t = (targets or {}).get(key)
        if t:
            y = float(t["value"])
            shapes.append(dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y,
                               line=dict(color=colour, dash="dash", width=1.5)))
            notes.append(dict(text=f"{name}<br>{percent(t['value'])} (from {t['from_fy']})", xref="x domain", x=1,
                              xanchor="left", xshift=6, yref="y", y=y, yanchor="middle", align="left",
                              showarrow=False, font=dict(size=11, color=colour)))
    layout = _layout(title, 380, yaxis=dict(ticksuffix="%", rangemode="tozero", gridcolor="#e6e6e6",
                                            title=dict(text="Share of spend (%)")),
                     **({"shapes": shapes, "annotations": notes} if shapes else {}))
    if shapes:
        layout["margin"] = layout["margin"] | dict(r=150)  # (room for the targets' labels)
    return go.Figure(data=[
        go.Scatter(x=labels, y=[float(v or 0) for v in df[col]], mode="lines+markers", name=name,
                   line=dict(color=colour, width=2.5), customdata=[percent(v) for v in df[col]],
                   hovertemplate="%{x}<br>" + name + ": %{customdata}<extra></extra>")
        for col, name, colour in (("local_pct", "Local (Lancashire) %", RING_COLOURS["Lancashire"]),
                                  ("north_west_pct", "North West %", RING_COLOURS["North West"]),
                                  ("unknown_pct", "Unknown %", RING_COLOURS["Unknown"]))
    ], layout=layout)
