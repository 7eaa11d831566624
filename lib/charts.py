"""DataFrames from lib.queries → Plotly figures. No Streamlit here.

Every figure: a title, £ axes with thousands separators, £ values in the hover, an
Okabe-Ito (colour-blind-safe) palette, and ``customdata`` carrying the value a click on a
mark should filter by (the overview page turns a click into the transactions behind it).
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.filters import NOT_GIVEN
from lib.format import money, money_short

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, YELLOW = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
)
GREY = "#8C8C8C"  # 'Other', '(not given)' and redacted: shown, but set apart
FY_COLOURS = [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILION]
FY_MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
LABEL_MAX = 38
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)
# Under the plot, from the left edge, placed against the whole figure so Plotly makes room for it:
# above the plot it ran into the title on a phone-width screen.
LEGEND = dict(orientation="h", yref="container", y=0, yanchor="bottom", xanchor="left", x=0)
TITLE_WIDTH = 44  # characters a line: a title longer than a phone screen is wide goes on two lines


def title_lines(title: str) -> str:
    """``title`` broken at spaces into lines of about TITLE_WIDTH characters (Plotly never wraps a
    title, and a long one is cut off at the right on a 390 px screen)."""
    return _wrap(title, TITLE_WIDTH, most=4)


def _money_axis() -> dict:
    return dict(tickprefix="£", tickformat="~s", separatethousands=True, zeroline=True,
                zerolinecolor="#999", gridcolor="#e6e6e6")


def _layout(title: str, height: int, **extra) -> dict:
    """The layout every figure shares, ``extra`` (axes, barmode) merged in. Give it to go.Figure
    whole: update_layout on a figure that has traces goes through Plotly's relayout machinery, four
    times slower (~30 ms a figure, a sixth of an Overview rerun)."""
    text = title_lines(title)
    return dict(
        # From the top of the figure down, with room above the plot for every line of it.
        title=dict(text=text, x=0, xanchor="left", yref="container", y=1, yanchor="top",
                   pad=dict(t=12), font=dict(size=16)),
        separators=".,",  # decimal point, then thousands separator
        height=height,
        margin=dict(l=10, r=30, t=40 + 20 * (text.count("<br>") + 1), b=40),
        font=FONT,
        plot_bgcolor="white",
        hoverlabel=dict(font_size=13),
        legend=LEGEND,
        dragmode=False,
    ) | extra


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _floats(series: pd.Series) -> list[float]:
    # Plotting is the one place money becomes float.
    return [float(v) for v in series]


def empty_figure(title: str, message: str = "No spend matches these filters") -> go.Figure:
    return go.Figure(layout=_layout(
        title, 220, xaxis=dict(visible=False), yaxis=dict(visible=False),
        annotations=[dict(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                          font=dict(size=14, color="#555"))]))


def trend_id(fy: str, month) -> str:
    """'2019/20|2019-04-01': how a point of the trend chart names itself to a click handler."""
    return f"{fy}|{month.isoformat() if isinstance(month, date) else month}"


def monthly_trend(df: pd.DataFrame, fy: str | None) -> go.Figure:
    """Lines of spend by month of the financial year (Apr…Mar), one per FY: the chosen year
    solid and first in the legend, earlier years dashed. ``df`` is queries.monthly_trend.

    customdata[0] on each point is trend_id(fy, month).
    """
    title = f"Monthly spend, {fy} against the year before" if fy else "Monthly spend by financial year"
    if df.empty:
        return empty_figure(title)
    traces = []
    years = sorted(df["fy"].unique(), reverse=True)
    if fy in years:  # the chosen year first, the comparison after
        years.remove(fy)
        years.insert(0, fy)
    if len(years) > len(FY_COLOURS):  # one line a colour: the title says which years are drawn
        title += f" (the latest {len(FY_COLOURS)} of {len(years)} years)"
    for i, year in enumerate(years[: len(FY_COLOURS)]):
        # Twelve slots, a gap (not a zero, not a joining line) where the store has no spend.
        d = df[df["fy"] == year].set_index("month_index")
        chosen = fy is None or year == fy
        traces.append(go.Scatter(
            x=FY_MONTHS,
            y=[float(d.at[i, "amount"]) if i in d.index else None for i in range(12)],
            customdata=[[trend_id(year, d.at[i, "month"]) if i in d.index else "", year,
                         money(d.at[i, "amount"]) if i in d.index else ""] for i in range(12)],
            connectgaps=False,
            name=year,
            mode="lines+markers",
            line=dict(color=FY_COLOURS[i], width=3 if chosen else 2, dash="solid" if chosen else "dash"),
            marker=dict(size=8 if chosen else 6, symbol="circle" if chosen else "diamond"),
            hovertemplate="%{x} " + year + "<br>%{customdata[2]}<extra></extra>",
        ))
    return go.Figure(data=traces, layout=_layout(
        title, 380, xaxis=dict(categoryorder="array", categoryarray=FY_MONTHS, showgrid=False),
        yaxis=dict(title="Spend", rangemode="tozero", **_money_axis())))


def _hbar(labels: list[str], values: list[float], custom: list, colours: list[str],
          title: str, lines: list[int] | None = None, details: list[str] | None = None) -> go.Figure:
    """Horizontal bars, largest at the top; long labels shortened on the axis, full in hover, with
    ``details`` (what a bar stands for) under it."""
    n = len(labels)
    # Room beyond the longest bar for its £ label, which Plotly would otherwise clip.
    lo, hi = min([0.0, *values]), max([0.0, *values])
    span = (hi - lo) or 1.0
    return go.Figure(go.Bar(
        y=[_short(x) for x in labels][::-1],
        x=values[::-1],
        orientation="h",
        marker=dict(color=colours[::-1]),
        customdata=[[c, full, ln, _wrap(d), money(v)] for c, full, ln, d, v in zip(
            custom, labels, lines or [None] * n, details or [""] * n, values)][::-1],
        text=[money_short(v) for v in values][::-1],  # written as every figure is (lib.format)
        textposition="outside",
        cliponaxis=False,
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[4]}" + ("<br>%{customdata[2]:,} lines" if lines else "")
        + ("<br>%{customdata[3]}" if details else "") + "<extra></extra>",
    ), layout=_layout(
        title, 110 + 30 * max(n, 1),
        xaxis=dict(title="Spend", range=[lo - (0.2 * span if lo < 0 else 0), hi + 0.2 * span], **_money_axis()),
        yaxis=dict(automargin=True, type="category")))


def _wrap(text: str, width: int = 60, most: int = 6) -> str:
    """A long list for a hover label, on lines of about ``width`` characters, at most ``most``."""
    out, line = [], ""
    for word in str(text or "").split(" "):
        if line and len(line) + len(word) > width:
            out.append(line)
            line = ""
        line = f"{line} {word}".strip()
    out.append(line)
    return "<br>".join(out[:most]) + ("…" if len(out) > most else "")


def _grouped_bars(df: pd.DataFrame, title: str) -> go.Figure:
    if df.empty:
        return empty_figure(title)
    labels = list(df["label"])
    colours = [GREY if (o or lab == NOT_GIVEN) else BLUE for lab, o in zip(labels, df["is_other"])]
    details = list(df["detail"]) if "detail" in df else None
    return _hbar(labels, _floats(df["amount"]), labels, colours, title, [int(x) for x in df["lines"]], details)


def spend_by_department(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars of queries.spend_by_department; 'Other' and '(not given)' in grey."""
    return _grouped_bars(df, "Spend by department")


def spend_by_category(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars of queries.spend_by_category, or of lib.categories.spend_by_group (titled by
    group, each bar's categories in its hover); 'Other' and '(not given)' in grey."""
    return _grouped_bars(df, "Spend by category group" if "kind" in df else "Spend by category")


def top_suppliers(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars of queries.top_suppliers; redacted lines in grey. customdata[0] is supplier_key."""
    title = f"Top {len(df)} suppliers" if len(df) > 1 else "Top suppliers"
    if df.empty:
        return empty_figure(title)
    colours = [GREY if r else BLUE for r in df["is_redacted"]]
    return _hbar(list(df["supplier_name"]), _floats(df["amount"]), list(df["supplier_key"]), colours, title,
                 [int(x) for x in df["lines"]])
