"""The public figures of one financial year, shared by the Transparency page, the snapshot and the
briefing, so the three always agree. No Streamlit here.

Figures come from the modules that own them: totals from :mod:`lib.queries`, rings and districts
from :mod:`lib.geo.queries`, the scorecard from :mod:`lib.scorecard`, maps from :mod:`lib.maps`.
Nothing here names a supplier: aggregates only (suppliers appear only in the briefing, which is
for senior managers, and only after redaction).
"""
from __future__ import annotations

import threading
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from lib import format as fmt
from lib import queries
from lib.charts import BLUE, FONT, GREY, LEGEND, ORANGE, SKY, VERMILION, GREEN, title_lines
from lib.filters import Filters, fy_name, fy_start
from lib.geo.postcodes import ring_label
from lib.rows import cursor_of

ZERO = Decimal("0.00")

# The scorecard's measures in the order a reader meets them, with the names the public documents
# use (units and the way they are written: lib.scorecard.catalogue and lib.format).
MEASURES = {
    "on_contract_pct": "On-contract spend",
    "collaborative_pct": "Collaborative spend",
    "local_pct": "Local (Lancashire) spend",
    "north_west_pct": "North West spend",
    "unknown_location_pct": "Spend with unknown location",
    "sme_pct": "SME spend",
    "vcse_pct": "VCSE spend",
    "savings": "Savings",
    "social_value_pct": "Social value in tenders",
}
# The measures the public snapshot charts as shares of the year's spend (the issue: local, regional,
# SME, collaborative, savings; VCSE beside SME). Savings have a chart of their own; social value is a
# share of contracts, not of spend, and is in the table under the chart.
CHARTED = ("local_pct", "north_west_pct", "sme_pct", "vcse_pct", "collaborative_pct", "on_contract_pct")


def attribution() -> str:
    from lib.geo.postcodes import ATTRIBUTION

    return ATTRIBUTION


# ---- the scorecard (lib.scorecard) ----------------------------------------------------------

def scorecard(db, fy: str) -> dict:
    """lib.scorecard.card.kpis for ``fy``: {fy, total_spend, measures: {name: {value, target, status,
    numerator, denominator}}}, exactly what ``python -m lib.cli kpis`` prints."""
    from lib.scorecard import card

    return card.kpis(cursor_of(db), fy)


def status_text(status) -> str:
    """A status as words (never colour alone)."""
    return {"met": "Met", "not met": "Not met", "no target": "No target"}.get(status, "No data")


def fmt_value(name: str, value) -> str:
    """A measure's value or target as written everywhere (lib.format.measure_text): '39.45%',
    '£1.70M'; '—' when there is none."""
    from lib.scorecard.catalogue import MEASURES as CATALOGUE

    return fmt.measure_text(CATALOGUE[name][1] if name in CATALOGUE else "pct", value)


def scorecard_rows(card: dict | None) -> pd.DataFrame:
    """The scorecard as a table: measure (key), name, value, target, status (words), value_text,
    target_text, numerator, denominator."""
    cols = ["measure", "name", "value", "target", "status", "value_text", "target_text", "numerator", "denominator"]
    if not card:
        return pd.DataFrame(columns=cols)
    rows = []
    for key, m in (card.get("measures") or {}).items():
        m = m or {}
        rows.append({
            "measure": key, "name": MEASURES.get(key, key.replace("_", " ").capitalize()),
            "value": m.get("value"), "target": m.get("target"), "status": status_text(m.get("status")),
            "value_text": fmt_value(key, m.get("value")), "target_text": fmt_value(key, m.get("target")),
            "numerator": m.get("numerator"), "denominator": m.get("denominator"),
        })
    order = {k: i for i, k in enumerate(MEASURES)}
    rows.sort(key=lambda r: order.get(r["measure"], 99))
    return pd.DataFrame(rows, columns=cols)


# ---- totals and aggregates ------------------------------------------------------------------

def previous_fy(fy: str) -> str:
    return fy_name(fy_start(fy) - 1)


def summary(db, fy: str) -> dict:
    """The year's headline and aggregates, every line counted (redacted ones too).

    Returns fy, total, lines, redacted_lines, redacted_amount, credit_lines, credit_amount,
    previous ({fy, total, lines} or None), by_month (month, amount, lines), by_category
    (label, amount, lines; top 12 then Other), rings (lib.geo.queries.spend_by_ring or None),
    districts (lib.geo.queries.spend_by_district, summed with the rings: what district_map draws).
    """
    cur = cursor_of(db)
    f = Filters(fy=fy)
    h = queries.headline(cur, f)
    cur_h, prev = h["current"], h["previous"]
    trend = queries.monthly_trend(cur, f)
    by_month = trend[trend["fy"] == fy][["month", "amount", "lines"]].reset_index(drop=True)
    cats = queries.spend_by_category(cur, f, 12)[["label", "amount", "lines"]]
    from lib.geo import queries as geo

    rings, districts = geo.rings_and_districts(cur, f)
    return {
        "fy": fy, "total": cur_h["total"], "lines": cur_h["lines"], "redacted_lines": cur_h["redacted_lines"],
        "redacted_amount": cur_h["redacted_amount"], "credit_lines": cur_h["credit_lines"],
        "credit_amount": cur_h["credit_amount"],
        "previous": None if prev is None else {"fy": prev["fy"], "total": prev["total"], "lines": prev["lines"]},
        "by_month": by_month, "by_category": cats, "rings": rings, "districts": districts,
    }


def district_map(db, fy: str, title: str | None = None, height: int = 640, extent: str = "north_west",
                 by_district: pd.DataFrame | None = None):
    """(figure, by_district table) of spend by the supplier's district (lib.maps); (None, None) when
    the district shapes cannot be drawn (no postcode reference). Builds the shapes once if missing.
    ``by_district``: the year's spend_by_district when already read (summary's districts)."""
    from lib import maps
    from lib.geo import queries as geo
    from lib.geo import shapes as geo_shapes

    cur = cursor_of(db)
    try:
        if not geo_shapes.shapes_built(cur=cur):
            geo_shapes.ensure_shapes(db if not hasattr(db, "execute") else None)
        shp = geo_shapes.load_shapes(cur)
    except Exception:
        return None, None
    if shp.empty:
        return None, None
    if by_district is None:
        by_district = geo.spend_by_district(cur, Filters(fy=fy))
    fig = maps.district_choropleth(shp, by_district, title or f"Spend by supplier's district, {fy}", extent=extent,
                                   height=height)
    return fig, by_district


# ---- charts (plain SVG traces: they draw offline, in a file and in print) ------------------

def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    # The title and legend are placed as the app's charts place them (lib.charts), so a phone-width
    # screen neither cuts the title off nor lays the legend over it.
    text = title_lines(title)
    fig.update_layout(title=dict(text=text, x=0, xanchor="left", yref="container", y=1, yanchor="top",
                                 pad=dict(t=12), font=dict(size=16)), height=height,
                      margin=dict(l=10, r=30, t=40 + 20 * (text.count("<br>") + 1), b=40), font=FONT,
                      plot_bgcolor="white", separators=".,", dragmode=False, legend=LEGEND)
    # The axes take the room their labels need: in the snapshot's page (Plotly's own template, not the
    # app's theme) a 10 px margin cut every bar's name to its last letter and laid the axis title on the ticks.
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


STATUS_MARK = {"Met": "✓", "Not met": "✗"}


def _charted(card: dict | None) -> pd.DataFrame:
    rows = scorecard_rows(card)
    return rows[rows["measure"].isin(CHARTED) & rows["value"].notna()]


def targets_key(card: dict | None) -> dict:
    """How the targets chart marks what it shows, only what it shows: {'met': '✓ met', ...} for the
    statuses its bars have (met, not met, no target), in that order."""
    statuses = set(_charted(card)["status"])
    key = {"met": "✓ met", "not met": "hatched orange ✗: not met", "none": "grey: no target"}
    return {k: v for k, v in key.items()
            if (k == "met" and "Met" in statuses) or (k == "not met" and "Not met" in statuses)
            or (k == "none" and statuses - {"Met", "Not met"})}


def targets_caption(card: dict | None) -> str:
    """The words under the targets chart (the page and the snapshot): what its marks mean, only those it has."""
    key = targets_key(card)
    said = ["Bars show the year's figure" + ("" if set(key) == {"none"} else ", the black diamond the target")]
    if "not met" in key:
        said.append("a hatched orange bar missed its target")
    if "none" in key:
        said.append("a grey one has none")
    return "; ".join(said) + ". The table below gives the same figures, and those not charted."


def targets_chart(card: dict | None, fy: str) -> go.Figure:
    """Each charted measure's value (bar, with its figure and status written on it) against its
    target (a black diamond): local, North West, SME, VCSE, collaborative and on-contract %."""
    rows = _charted(card)
    fig = go.Figure()
    if rows.empty:
        fig.add_annotation(text="Scorecard not available", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return _layout(fig, f"Measures against targets, {fy}", 320)
    names = list(rows["name"])
    fig.add_trace(go.Bar(
        y=names, x=[float(v) for v in rows["value"]], orientation="h", name="Actual",
        marker=dict(color=[{"Met": BLUE, "Not met": ORANGE}.get(s, GREY) for s in rows["status"]],
                    pattern=dict(shape=["/" if s == "Not met" else "" for s in rows["status"]])),
        # the figure and a mark (✓ met, ✗ not met) rather than the words: on a phone the words ran off
        # the right edge; the table below the chart says the status in words
        text=[f"{v} {STATUS_MARK.get(s, '')}".strip() for v, s in zip(rows["value_text"], rows["status"])],
        textposition="outside",
        cliponaxis=False, hovertemplate="%{y}: %{x:.2f}%<extra></extra>",
    ))
    tgt = rows[rows["target"].notna()]
    fig.add_trace(go.Scatter(
        y=list(tgt["name"]), x=[float(v) for v in tgt["target"]], mode="markers", name="Target",
        marker=dict(symbol="diamond", size=14, color="black", line=dict(color="white", width=1)),
        hovertemplate="%{y} target: %{x:.2f}%<extra></extra>",
    ))
    fig.update_xaxes(range=[0, 112], ticksuffix="%", gridcolor="#e6e6e6", title="% of the year's spend")
    fig.update_yaxes(autorange="reversed")
    key = "; ".join(targets_key(card).values())
    return _layout(fig, f"Measures against targets, {fy}" + (f" ({key})" if key else ""), 380)


def savings_chart(card: dict | None, fy: str) -> go.Figure:
    """Savings recorded in the year against the savings target: two labelled bars."""
    rows = scorecard_rows(card)
    s = rows[rows["measure"] == "savings"]
    fig = go.Figure()
    if s.empty or s.iloc[0]["value"] is None:
        fig.add_annotation(text="Savings not available", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return _layout(fig, f"Savings against target, {fy}", 260)
    r = s.iloc[0]
    labels, values, colours, texts = ["Savings recorded"], [float(r["value"])], [GREEN], [f"{r['value_text']} ({r['status']})"]
    if r["target"] is not None:
        labels.append("Target")
        values.append(float(r["target"]))
        colours.append(GREY)
        texts.append(r["target_text"])
    fig.add_trace(go.Bar(y=labels, x=values, orientation="h", marker_color=colours, text=texts,
                         textposition="outside", cliponaxis=False, showlegend=False,
                         hovertemplate="%{y}: £%{x:,.2f}<extra></extra>"))
    fig.update_xaxes(tickprefix="£", tickformat="~s", gridcolor="#e6e6e6", range=[0, max(values) * 1.35])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, f"Savings against target, {fy}", 240)


def rings_chart(rings: pd.DataFrame | None, fy: str) -> go.Figure:
    """Spend by where the supplier is (the five rings), each bar labelled with £ and %."""
    fig = go.Figure()
    if rings is None or rings.empty:
        fig.add_annotation(text="Locations not available", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return _layout(fig, f"Where suppliers are, {fy}", 300)
    colours = {"Lancashire": BLUE, "North West": SKY, "Rest of UK": ORANGE, "Outside UK": VERMILION, "Unknown": GREY}
    fig.add_trace(go.Bar(
        y=[ring_label(r) for r in rings["ring"]], x=[float(a) for a in rings["amount"]], orientation="h",
        marker_color=[colours.get(r, GREY) for r in rings["ring"]], showlegend=False,
        text=[f"{fmt.money_short(a)} ({fmt.percent(p)})" for a, p in zip(rings["amount"], rings["share_pct"])],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: £%{x:,.2f}<extra></extra>",
    ))
    fig.update_xaxes(tickprefix="£", tickformat="~s", gridcolor="#e6e6e6",
                     range=[0, max(float(a) for a in rings["amount"]) * 1.35 or 1])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, f"Where suppliers are, {fy}", 320)


def monthly_chart(by_month: pd.DataFrame, fy: str) -> go.Figure:
    """Spend per month of the year (bars, each labelled)."""
    fig = go.Figure()
    months = [m.strftime("%b %Y") for m in by_month["month"]]
    fig.add_trace(go.Bar(x=months, y=[float(a) for a in by_month["amount"]], marker_color=BLUE, showlegend=False,
                         text=[fmt.money_short(a) for a in by_month["amount"]], textposition="outside",
                         cliponaxis=False, hovertemplate="%{x}: £%{y:,.2f}<extra></extra>"))
    fig.update_yaxes(tickprefix="£", tickformat="~s", gridcolor="#e6e6e6")
    return _layout(fig, f"Spend by month, {fy}", 340)


def off_contract_suppliers(db, fy: str, n: int | None = 10) -> pd.DataFrame:
    """The ``n`` (None: all) suppliers with most off-contract spend in ``fy`` (lib.scorecard.contracts.review_list, summed
    over departments): supplier_key, supplier_name, amount (Decimal), lines."""
    from lib.scorecard import contracts

    df = contracts.review_list(cursor_of(db), Filters(fy=fy))
    if df.empty:
        return pd.DataFrame(columns=["supplier_key", "supplier_name", "amount", "lines"])
    g = (df.groupby("supplier_key", sort=False)
           .agg(supplier_name=("supplier_name", "first"), amount=("amount", lambda s: sum(s, ZERO)),
                lines=("lines", "sum"))
           .reset_index())
    g = g.sort_values(["amount", "supplier_key"], ascending=[False, True], key=None)
    return (g if n is None else g.head(n)).reset_index(drop=True)


# ---- the briefing's page one: the trend and what to act on -------------------------------

TREND_YEARS = 5


def trend_series(db, card: dict, years: int = TREND_YEARS) -> dict[str, list[dict]]:
    """Each measure's last ``years`` financial years up to the card's (lib.scorecard.card.scorecard with
    trend): {measure: [{fy, value, target, status}, ...]}, the target being the one in force that
    year (lib.scorecard.targets) and the status its words ('Met', 'Not met', 'No target', 'No data')."""
    from lib.scorecard.targets import status, targets_in_force

    series = {m: [(fy, v) for fy, v in (card["measures"][m].get("trend") or [])][-years:]
              for m in MEASURES if m in card["measures"]}
    in_force = targets_in_force(cursor_of(db), [(m, fy) for m, pts in series.items() for fy, _ in pts])
    return {m: [{"fy": fy, "value": v, "target": None if in_force[(m, fy)] is None else in_force[(m, fy)]["value"],
                 "status": status_text(status(v, in_force[(m, fy)]))} for fy, v in pts]
            for m, pts in series.items()}


class Hidden:
    """Which names may not be printed for ``fy``: those their publisher redacted (the store's
    is_redacted_name rule) and those the redaction rules withhold, under any spelling
    (lib.publish.redaction.withheld_people). Worked out once, then asked of any table."""

    def __init__(self, db, fy: str):
        from lib.publish import redaction

        self._cur = cursor_of(db)
        # one object is asked from several threads at once (the briefing's side-by-side queries);
        # a DuckDB cursor refuses a second call while one runs, so the calls take turns
        self._lock = threading.Lock()
        self._withheld = redaction.withheld_people(self._cur, fy)

    def labels(self, names) -> list[str | None]:
        """The label each name stands under when it may not be printed, else None."""
        from lib.publish import redaction

        names = ["" if n is None or n != n else str(n) for n in names]
        if not names:
            return []
        with self._lock:
            source = dict(self._cur.execute(
                "SELECT s, is_redacted_name(s) FROM (SELECT DISTINCT unnest(?::VARCHAR[]) AS s)", [names]).fetchall())
        return [redaction.source_label(n) if source.get(n) else redaction.PERSONAL if self._withheld.search(n) else None
                for n in names]

    def mark(self, df: pd.DataFrame, name_col: str) -> pd.DataFrame:
        """``df`` with ``redacted``: the label of each row's name when it may not be printed, else None."""
        return df.assign(redacted=pd.Series(self.labels(list(df[name_col])), index=df.index, dtype=object))


def redacted_text(label: str) -> str:
    """'Redacted (personal data)' for the label 'REDACTED PERSONAL DATA'."""
    return "Redacted (" + label.removeprefix("REDACTED ").lower() + ")"


def off_contract_named(db, fy: str, n: int = 10, hidden: Hidden | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the ``n`` named suppliers with most off-contract spend: supplier_name, amount, lines;
    the redacted ones grouped by their label: label (as words), amount, lines, suppliers). Both
    from off_contract_suppliers, so the amounts are lib.scorecard's; a redacted name is never listed."""
    cur = cursor_of(db)
    df = (hidden or Hidden(cur, fy)).mark(off_contract_suppliers(cur, fy, n=None), "supplier_name")
    named = df[df["redacted"].isna()].head(n)[["supplier_name", "amount", "lines"]].reset_index(drop=True)
    red = df[df["redacted"].notna()]
    grouped = pd.DataFrame(
        [{"label": redacted_text(label), "amount": sum(g["amount"], ZERO), "lines": int(g["lines"].sum()),
          "suppliers": len(g)} for label, g in red.groupby("redacted", sort=True)],
        columns=["label", "amount", "lines", "suppliers"])
    return named, grouped


def top_districts(db, fy: str, n: int = 8) -> pd.DataFrame:
    """The ``n`` districts with most spend in ``fy`` (lib.geo.queries.spend_by_district): district_name,
    ring, amount, lines."""
    from lib.geo import queries as geo

    df = geo.spend_by_district(cursor_of(db), Filters(fy=fy))
    if df.empty:
        return df
    df = df[df["district_name"].notna()]
    df = df.assign(_a=[float(a) for a in df["amount"]]).sort_values(["_a", "district_name"], ascending=[False, True])
    return df.drop(columns="_a").head(n).reset_index(drop=True)


def what_to_act_on(db, fy: str, card: dict, n: int = 3, per_gap: int = 3, hidden: Hidden | None = None) -> list[dict]:
    """The ``n`` largest gaps to target in ``fy``, each with what would close it, in pounds.

    Measures not met come first, largest gap in pounds first (spend that would have to move, or
    savings still to find; social value, counted in contracts, after them); when fewer than ``n``
    are missed, the measures met by the narrowest margin in pounds follow. Local and North West
    gaps are the target-gap planner's (lib.geo.queries.target_gap) with the suppliers it names
    (local_growth_suppliers: non-local suppliers in categories Lancashire suppliers already
    supply; for the North West, those outside it); the other spend measures use the same rule
    (lib.scorecard.targets.amount_to_reach) on the scorecard's numerator and denominator, closed by
    the largest named off-contract suppliers; social value by the contracts below the weighting.

    Each item: measure, name, met (bool), value_text, target_text, unit ('£' or 'contracts'),
    gap (Decimal pounds to move or find, or the contracts short, when not met), margin (Decimal
    pounds to spare, when met), what (the sentence's subject), closers (DataFrame: label, detail,
    amount Decimal), source (the lib function the closers come from).
    """
    from lib.geo import queries as geo
    from lib.scorecard import registers
    from lib.scorecard.targets import amount_to_reach, target_for

    cur = cursor_of(db)
    f = Filters(fy=fy)
    measures = card["measures"]
    hidden = hidden or Hidden(cur, fy)
    items = []

    def frame_of(rows):
        return pd.DataFrame(rows, columns=["label", "detail", "amount"])

    growth = None

    def growth_rows():
        nonlocal growth
        if growth is None:
            growth = hidden.mark(geo.local_growth_suppliers(cur, f, 200), "name")
        return growth

    def growth_closers(rings):
        g = growth_rows()
        g = g[g["ring"].isin(rings) & g["redacted"].isna()].head(per_gap)
        return frame_of([{"label": r.name, "detail": f"{r.category}, {ring_label(r.ring)}", "amount": r.amount}
                         for r in g.itertuples()])

    off_named = None

    def off_closers():
        nonlocal off_named
        if off_named is None:
            off_named = off_contract_named(cur, fy, per_gap, hidden)[0]
        return frame_of([{"label": r.supplier_name, "detail": "off contract", "amount": r.amount}
                         for r in off_named.itertuples()])

    planner = geo.target_gap(cur, f)
    for key, m in measures.items():
        if m.get("value") is None or m.get("target") is None:
            continue
        met = m["status"] == "met"
        item = {"measure": key, "name": MEASURES.get(key, key), "met": met, "value_text": fmt_value(key, m["value"]),
                "target_text": fmt_value(key, m["target"]), "unit": "£", "gap": None, "margin": None}
        if key in ("local_pct", "north_west_pct"):
            g = planner["local" if key == "local_pct" else "north_west"]
            if g is None:
                continue
            where = "Lancashire" if key == "local_pct" else "the North West"
            item.update(gap=None if met else g["to_move"], margin=(g["actual_amount"] - g["target_amount"]) if met else None,
                        what=f"spend that would have to move to suppliers in {where}",
                        closers=growth_closers(("North West", "Rest of UK", "Outside UK") if key == "local_pct"
                                               else ("Rest of UK", "Outside UK")),
                        source="lib.geo.queries.target_gap, local_growth_suppliers")
        elif key in ("on_contract_pct", "collaborative_pct", "unknown_location_pct", "sme_pct", "vcse_pct"):
            t = target_for(cur, key, fy)
            target_amount, to_move = amount_to_reach(m["denominator"], t["value"], m["numerator"], t["direction"])
            spare = abs(m["numerator"] - target_amount)
            item.update(gap=None if met else to_move, margin=spare if met else None)
            if key == "unknown_location_pct":
                item.update(what="spend whose supplier needs a location", closers=frame_of([]),
                            source="the Supplier worklist page (suppliers missing a postcode)")
            elif key in ("on_contract_pct", "collaborative_pct"):
                item.update(what="spend that would have to come " + ("on contract" if key == "on_contract_pct"
                                                                     else "under collaborative contracts"),
                            closers=off_closers(), source="lib.scorecard.contracts.review_list")
            else:
                item.update(what=f"spend that would have to move to {'SMEs' if key == 'sme_pct' else 'VCSEs'}",
                            closers=frame_of([]),
                            source="the Suppliers page")
        elif key == "savings":
            item.update(gap=None if met else m["target"] - m["value"], margin=(m["value"] - m["target"]) if met else None,
                        what="savings still to find", closers=frame_of([]),
                        source="the Savings and social value page (the savings register)")
        elif key == "social_value_pct":
            if met:
                continue
            sv = registers.social_value_contracts(cur, fy)
            below = hidden.mark(sv[~sv["meets"].astype(bool)], "supplier_name")
            short = -(-int(m["denominator"]) * m["target"] // 100) - int(m["numerator"])
            below = below.assign(_v=[float(v) if v is not None and v == v else 0.0 for v in below["value"]])
            below = below.sort_values(["_v", "reference"], ascending=[False, True]).head(per_gap)
            item.update(unit="contracts", gap=Decimal(short),
                        what=f"of the {int(m['denominator'])} contracts starting in {fy} would need social value "
                             "weighted at 2.5% of the quality element or more",
                        closers=frame_of([{"label": r.title, "detail": f"{fmt.text(r.reference)}, " + (
                            redacted_text(r.redacted) if r.redacted else str(r.supplier_name)),
                            "amount": r.value} for r in below.itertuples()]),
                        source="lib.scorecard.registers.social_value_contracts")
        else:
            continue
        items.append(item)
    missed = sorted([i for i in items if not i["met"]],
                    key=lambda i: (i["unit"] != "£", -float(i["gap"] or 0)))
    narrow = sorted([i for i in items if i["met"] and i["margin"] is not None], key=lambda i: float(i["margin"]))
    return (missed + narrow)[:n]
