"""The senior managers' briefing: one PDF they can open without the app. No Streamlit here.

Page 1: the scorecard with its status (met / not met, in colour and in words), each measure's
five-year trend against the target in force each year, and what to act on: the three largest gaps
to target with the suppliers or contracts that would close them, in pounds, as the target-gap
planner gives them (lib.publish.figures.what_to_act_on). Page 2: savings against target by month,
the district map with the districts named, and the largest off-contract suppliers by name, the
redacted ones grouped as one line a label. Money is written short (£1.91M, lib.format); the exact
figures follow in tables.

The trend charts and tables are drawn by fpdf2 itself (crisp, and their figures stay text a reader
can search); the savings chart and the map are the app's Plotly figures, drawn by kaleido's
Chromium (lib.publish.render), which starts while the figures are queried. A chart that cannot be
drawn (after a second try) is replaced by a line saying so, and ``charts_failed`` names it.
"""
from __future__ import annotations

import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from lib import bodies, demo_load, queries
from lib import format as fmt
from lib.filters import Filters, fy_start
from lib.geo.postcodes import ring_label
from lib.publish import figures, render
from lib.rows import cursor_of
from lib.scorecard.catalogue import MEASURES as CATALOGUE

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Okabe-Ito: blue met, vermilion not met, grey no target (told apart without colour too: words and marks)
BLUE, VERMILION, GREY, BLACK, ORANGE = (0, 114, 178), (213, 94, 0), (120, 120, 120), (31, 42, 54), (230, 159, 0)
LIGHT = (230, 236, 242)
STATUS_COLOUR = {"Met": BLUE, "Not met": VERMILION}
STATUS_MARK = {"Met": "✓ Met", "Not met": "✗ Not met"}
PCT_MEASURES = ("on_contract_pct", "collaborative_pct", "local_pct", "north_west_pct", "sme_pct", "vcse_pct",
                "unknown_location_pct", "social_value_pct")
CHART_NAMES = {"savings": "savings against target by month", "map": "the district map"}
PAGE_W, MARGIN = 210, 12
WIDTH = PAGE_W - 2 * MARGIN
NUMBER_WORDS = {2: "two", 3: "three"}
SAVINGS_PX, MAP_PX = (900, 280), (600, 600)  # the images' sizes in CSS pixels (drawn at twice that)


# ---- the figures the briefing states ------------------------------------------------------

def trend_rows(card: dict | None) -> pd.DataFrame:
    """Scorecard rows (figures.scorecard_rows) with the previous year's value and the change
    (percentage points, or short money for savings), from lib.scorecard.card.scorecard."""
    cur = figures.scorecard_rows(card)
    if cur.empty:
        return cur.assign(previous=[], previous_text=[], change=[], change_text=[])
    prev = {k: m.get("previous") for k, m in card["measures"].items()}
    prev_text, change, change_text = [], [], []
    for r in cur.itertuples():
        pv = prev.get(r.measure)
        prev_text.append(figures.fmt_value(r.measure, pv))
        d = None if pv is None or r.value is None else Decimal(str(r.value)) - Decimal(str(pv))
        change.append(d)
        if d is None:
            change_text.append("—")
        elif r.measure == "savings":
            change_text.append(fmt.signed(fmt.money_short(d)))
        else:
            change_text.append(fmt.points(d))
    return cur.assign(previous=[prev.get(m) for m in cur["measure"]], previous_text=prev_text, change=change,
                      change_text=change_text)


def three_sentences(fy: str, summ: dict, trend: pd.DataFrame, cats_now: pd.DataFrame, cats_prev: pd.DataFrame) -> list[str]:
    """Three plain sentences on what changed most, from the figures (never a fixed text)."""
    out = []
    prev = summ.get("previous")
    total = summ["total"]
    if prev:
        d = total - prev["total"]
        pct = fmt.share_pct(abs(d), abs(prev["total"]))
        out.append(f"Spend {'rose' if d >= 0 else 'fell'} by {fmt.money_short(abs(d))} ({fmt.percent(pct)}) to "
                   f"{fmt.money_short(total)} in {fy}, from {fmt.money_short(prev['total'])} in {prev['fy']}.")
    else:
        out.append(f"Spend in {fy} was {fmt.money_short(total)}; there is no previous year to compare with.")
    pct_rows = trend[trend["measure"].isin(PCT_MEASURES) & trend["change"].notna()] if not trend.empty else trend
    if not pct_rows.empty:
        r = pct_rows.loc[pct_rows["change"].abs().idxmax()]
        status = {"Met": "meeting", "Not met": "not meeting"}.get(r["status"], "against")
        out.append(f"The largest move on the scorecard was {r['name'].lower()}, which "
                   f"{'rose' if r['change'] >= 0 else 'fell'} {fmt.points(r['change'], sign=False)} to {r['value_text']} "
                   f"({status} its target of {r['target_text']}).")
    else:
        rings = summ.get("rings")
        if rings is not None and not rings.empty:
            lanc = rings.loc[rings["ring"] == "Lancashire", "share_pct"].iloc[0]
            out.append(f"{fmt.percent(lanc)} of spend went to Lancashire suppliers; the scorecard was not available to compare.")
        else:
            out.append("The scorecard was not available, so no measure can be compared with last year.")
    if not cats_prev.empty and not cats_now.empty:
        now = {r.label: r.amount for r in cats_now.itertuples() if not str(r.label).startswith("Other (")}
        was = {r.label: r.amount for r in cats_prev.itertuples() if not str(r.label).startswith("Other (")}
        common = {k: now[k] - was[k] for k in now if k in was}
        if common:
            k = max(common, key=lambda c: abs(common[c]))
            d = common[k]
            out.append(f"Of the largest categories, {k} changed most: {'up' if d >= 0 else 'down'} "
                       f"{fmt.money_short(abs(d))} on the year, to {fmt.money_short(now[k])}.")
    if len(out) < 3:
        sav = trend[trend["measure"] == "savings"] if not trend.empty else trend
        if not sav.empty:
            s = sav.iloc[0]
            out.append(f"Savings recorded were {s['value_text']} against a target of {s['target_text']} ({s['status'].lower()}).")
        else:
            out.append(f"{summ['redacted_lines']:,} payments were redacted; their {fmt.money(summ['redacted_amount'])} "
                       "stays in every total.")
    return out[:3]


def action_text(item: dict) -> tuple[str, str]:
    """(heading, sentence) of one thing to act on (figures.what_to_act_on), money written short."""
    state = "not met" if not item["met"] else "met"
    head = f"{item['name']}: {item['value_text']} against a target of {item['target_text']} ({state})"
    closers = item["closers"]
    if item["met"]:
        text = f"Met with {fmt.money_short(item['margin'])} to spare, the narrowest margin in pounds."
        lead = " Largest that could widen it: "
    elif item["unit"] == "contracts":
        text = f"{int(item['gap'])} more {item['what']}."
        lead = " The largest below it: "
    else:
        text = f"{fmt.money_short(item['gap'])} of {item['what']} would close the gap."
        lead = " Largest that would close it: "
    if not closers.empty:
        text += lead + "; ".join(f"{r.label} ({r.detail}) {fmt.money_short(r.amount)}" for r in closers.itertuples()) + "."
    elif item["source"].startswith("the "):
        text += f" The detail is on {item['source']}."
    return head, text


# ---- the PDF ------------------------------------------------------------------------------

class _Doc(FPDF):
    def __init__(self, fy: str, label: str | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.fy = fy
        self.label = label  # demo data: the first line of every page
        self.set_margins(MARGIN, 10, MARGIN)
        self.set_auto_page_break(True, margin=14)
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("Body", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("Body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.face = "Body"
        else:  # core font: Latin-1 only
            self.face = "Helvetica"
        self.set_title(f"Procurement briefing {fy}")
        self.set_author("Backing Lancashire Spend Insight")
        self.set_lang("en-GB")
        if label:
            self.set_subject(label)

    def t(self, text: str) -> str:
        if self.face == "Helvetica":
            return (text.replace("—", "-").replace("·", "-").replace("’", "'").replace("✓", "").replace("✗", "")
                    .encode("latin-1", "replace").decode("latin-1"))
        return text

    def header(self):
        if self.label:
            self.set_font(self.face, "B", 11)
            self.set_text_color(*BLACK)
            self.set_fill_color(255, 243, 205)
            self.cell(0, 8, self.t(f"{self.label}. Generated for illustration."), border=1, fill=True,
                      align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self):
        self.set_y(-11)
        self.set_font(self.face, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.t(f"Procurement briefing {self.fy} · page {self.page_no()} of {{nb}}"), align="C")

    def h1(self, text):
        self.set_font(self.face, "B", 17)
        self.set_text_color(*BLACK)
        self.multi_cell(0, 8, self.t(text), new_x="LMARGIN", new_y="NEXT")

    def h2(self, text, space=2.5):
        self.ln(space)
        self.set_font(self.face, "B", 12)
        self.set_text_color(*BLUE)
        self.multi_cell(0, 6.5, self.t(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*BLACK)

    def para(self, text, size=9.5, h=4.8, style=""):
        self.set_font(self.face, style, size)
        self.set_text_color(*BLACK)
        self.multi_cell(0, h, self.t(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def note(self, text, size=7.5):
        self.set_font(self.face, "", size)
        self.set_text_color(*GREY)
        self.multi_cell(0, 3.6, self.t(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*BLACK)

    def table(self, heads, widths, rows, aligns=None, size=8, h=5.0, fills=None):
        """A bordered table, header row shaded and repeated after a page break. ``fills``: per row,
        None or {column: (fill colour, text colour)}."""
        aligns = aligns or ["L"] + ["R"] * (len(heads) - 1)

        def head():
            self.set_font(self.face, "B", size)
            self.set_fill_color(*LIGHT)
            for w, t, a in zip(widths, heads, aligns):
                self.cell(w, h + 0.8, self.t(t), border=1, fill=True, align=a)
            self.ln()

        head()
        for i, row in enumerate(rows):
            if self.get_y() + h > self.h - self.b_margin:
                self.add_page()
                head()
            self.set_font(self.face, "", size)
            for j, (w, c, a) in enumerate(zip(widths, row, aligns)):
                fill = (fills[i] or {}).get(j) if fills else None
                if fill:
                    self.set_fill_color(*fill[0])
                    self.set_text_color(*fill[1])
                    self.set_font(self.face, "B", size)
                self.cell(w, h, self.t(_fit(self, str(c), w - 1.5)), border=1, align=a, fill=bool(fill))
                if fill:
                    self.set_text_color(*BLACK)
                    self.set_font(self.face, "", size)
            self.ln()

    def failed(self, w, h, text):
        """The place of a chart that could not be drawn, saying so."""
        x, y = self.get_x(), self.get_y()
        self.set_draw_color(*VERMILION)
        self.set_line_width(0.4)
        self.rect(x, y, w, h)
        self.set_line_width(0.2)
        self.set_xy(x + 4, y + h / 2 - 6)
        self.set_font(self.face, "B", 9.5)
        self.set_text_color(*VERMILION)
        self.multi_cell(w - 8, 5, self.t(text), align="C")
        self.set_text_color(*BLACK)
        self.set_draw_color(0, 0, 0)
        self.set_xy(x, y + h)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _scorecard_table(pdf: _Doc, trend: pd.DataFrame, fy: str, prev_fy: str) -> None:
    rows, fills = [], []
    for r in trend.itertuples():
        rows.append((r.name, r.value_text, r.target_text, STATUS_MARK.get(r.status, r.status), r.previous_text,
                     r.change_text))
        fills.append({3: (STATUS_COLOUR[r.status], (255, 255, 255))} if r.status in STATUS_COLOUR else None)
    pdf.table(("Measure", fy, "Target", "Status", prev_fy, "Change"), (60, 24, 24, 28, 24, 26), rows,
              ("L", "R", "R", "C", "R", "R"), size=8.5, h=4.9, fills=fills)


def _short_fy(fy: str) -> str:
    return fy[2:] if len(fy) == 7 else fy  # '2024/25' -> '24/25'


def _value_text(measure: str, v) -> str:
    return figures.fmt_value(measure, v)


def _mini_trend(pdf: _Doc, x: float, y: float, w: float, h: float, name: str, measure: str, pts: list[dict]) -> None:
    """One measure's years as a line (a dot a year, coloured by that year's status) with the
    target in force each year as a dashed step, on an axis zoomed to the figures, labelled."""
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(x, y, w, h)
    pdf.set_xy(x + 1.5, y + 1)
    pdf.set_font(pdf.face, "B", 7.5)
    last = pts[-1] if pts else None
    pdf.cell(w - 3, 3.6, pdf.t(_fit(pdf, name, w - 22)))
    if last is not None:
        pdf.set_xy(x + w - 21.5, y + 1)
        pdf.set_text_color(*STATUS_COLOUR.get(last["status"], GREY))
        pdf.cell(20, 3.6, pdf.t(_value_text(measure, last["value"])), align="R")
        pdf.set_text_color(*BLACK)
    vals = [float(p["value"]) for p in pts if p["value"] is not None]
    tgts = [float(p["target"]) for p in pts if p["target"] is not None]
    px0, px1, py0, py1 = x + 14, x + w - 4, y + 7.5, y + h - 5.5
    if not vals:
        pdf.set_xy(x, y + h / 2 - 2)
        pdf.set_font(pdf.face, "", 7)
        pdf.cell(w, 4, "No figures yet", align="C")
        return
    lo, hi, step = _nice_range(min(vals + tgts), max(vals + tgts), measure in PCT_MEASURES)
    def ypos(v):
        return py1 - (float(v) - lo) / (hi - lo) * (py1 - py0)

    n = len(pts)
    xs = [px0 + (px1 - px0) * (i + 0.5) / n for i in range(n)]
    # axis: the bottom and top of the zoomed range, written (the axis does not start at zero)
    pdf.set_font(pdf.face, "", 5.8)
    pdf.set_text_color(*GREY)
    for v in (lo, hi):
        pdf.set_xy(x + 0.5, ypos(v) - 1.5)
        pdf.cell(13, 3, pdf.t(_axis_text(measure, v, step)), align="R")
    pdf.set_draw_color(225, 225, 225)
    pdf.line(px0, py1, px1, py1)
    pdf.line(px0, py0, px1, py0)
    for xi, p in zip(xs, pts):
        pdf.set_xy(xi - 6, py1 + 0.6)
        pdf.cell(12, 3, _short_fy(p["fy"]), align="C")
    pdf.set_text_color(*BLACK)
    # the target: a dashed step, one level a year
    step = (px1 - px0) / n
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.35)
    pdf.set_dash_pattern(dash=1.2, gap=0.8)
    prev = None
    for xi, p in zip(xs, pts):
        if p["target"] is None:
            prev = None
            continue
        ty = ypos(p["target"])
        pdf.line(xi - step / 2, ty, xi + step / 2, ty)
        if prev is not None and abs(prev - ty) > 0.01:
            pdf.line(xi - step / 2, prev, xi - step / 2, ty)
        prev = ty
    pdf.set_dash_pattern()
    # the value: a line, then a dot a year
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(0.5)
    known = [(xi, ypos(p["value"])) for xi, p in zip(xs, pts) if p["value"] is not None]
    for (xa, ya), (xb, yb) in zip(known, known[1:]):
        pdf.line(xa, ya, xb, yb)
    pdf.set_line_width(0.2)
    for xi, p in zip(xs, pts):
        if p["value"] is None:
            continue
        pdf.set_fill_color(*STATUS_COLOUR.get(p["status"], GREY))
        pdf.set_draw_color(255, 255, 255)
        r = 1.15
        pdf.ellipse(xi - r, ypos(p["value"]) - r, 2 * r, 2 * r, style="DF")
    pdf.set_draw_color(0, 0, 0)


def _nice_range(lo: float, hi: float, pct: bool) -> tuple[float, float, float]:
    """An axis from a round number below ``lo`` to one above ``hi`` (steps of 1, 2 or 5 times a power
    of ten, at most four steps), so the figures written at its ends are what they say; a share stays
    within 0-100."""
    import math

    span = (hi - lo) or (abs(hi) * 0.1 or 1.0)
    step = 10 ** math.floor(math.log10(span / 4))
    for k in (1, 2, 5, 10, 20, 50):
        if span / (step * k) <= 3:
            step *= k
            break
    lo_r, hi_r = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if hi_r - hi < step * 0.15:
        hi_r += step
    if lo - lo_r < step * 0.15 and not (pct and lo_r <= 0):
        lo_r -= step
    if pct:
        lo_r, hi_r = max(0.0, lo_r), min(100.0, hi_r) if hi <= 100 else hi_r
    return lo_r, hi_r, step


def _axis_text(measure: str, v: float, step: float) -> str:
    if measure in PCT_MEASURES:
        places = 0 if step >= 1 else 1 if step >= 0.1 else 2
        return f"{v:.{places}f}%"
    return fmt.money_short(Decimal(str(round(v, 2))))


def _trend_grid(pdf: _Doc, series: dict, rows_measures: list[str]) -> None:
    cols, gap, h = 3, 2.2, 25.5
    w = (WIDTH - gap * (cols - 1)) / cols
    y0 = pdf.get_y() + 1
    for i, m in enumerate(rows_measures):
        r, c = divmod(i, cols)
        _mini_trend(pdf, MARGIN + c * (w + gap), y0 + r * (h + gap), w, h, CATALOGUE[m][0] if m in CATALOGUE else m, m,
                    series.get(m, []))
    n_rows = -(-len(rows_measures) // cols)
    pdf.set_xy(MARGIN, y0 + n_rows * (h + gap) - gap + 0.8)
    pdf.note("Each year's value (dot: blue, target met; vermilion, not met; grey, no target) and the target in "
             "force that year (black dashes). Each axis is zoomed to its figures; the bottom and top are written.")


def _image(pdf: _Doc, png: bytes | str | None, w: float, h: float, missing: str | None = None) -> None:
    """A chart's image at ``w`` mm wide (``h`` mm high), or the notice in its place."""
    x, y = pdf.get_x(), pdf.get_y()
    if isinstance(png, bytes):
        pdf.image(io.BytesIO(png), x=x, y=y, w=w, h=h)
        pdf.set_xy(x, y + h)
    else:
        pdf.failed(w, min(h, 30), missing or f"Chart could not be drawn: {png}")


def _savings_figure(cur, fy: str, card: dict):
    from lib import scorecard_charts
    from lib.scorecard import registers

    s = card["measures"].get("savings") or {}
    if s.get("value") is None:
        return None, None
    df = registers.savings_cumulative(cur, fy)
    fig = scorecard_charts.savings_cumulative(df, s.get("target"), fy)
    # The axis's room is given, not left to Plotly's automargin: drawn in the app's long-running
    # process, kaleido's image came back with the £ labels and the axis title cut off at the left edge.
    fig.update_layout(title=dict(text=""), margin=dict(l=84, r=20, t=36, b=30), height=SAVINGS_PX[1],
                      yaxis=dict(automargin=False, title_standoff=6),
                      legend=dict(orientation="h", yref="paper", yanchor="bottom", y=1.02, x=0, xanchor="left"))
    return fig, df


def _map_figure(db, fy: str):
    fig, _ = figures.district_map(db, fy, title="", height=MAP_PX[1], extent="lancashire")
    if fig is not None:  # the map's notes are written beside it, in the PDF's own type
        x0, x1 = fig.layout.xaxis.range
        pad = (x1 - x0) * 0.06  # room for the names of districts on the coast (Blackpool, Wyre)
        fig.update_layout(title=dict(text=""), margin=dict(l=4, r=4, t=24, b=4), annotations=[],
                          xaxis=dict(range=[x0 - pad, x1 + pad]))
        # each name keeps its colour, with a shadow in the contrasting one: a coastal name running onto
        # the white sea (Blackpool, in white on a dark district) still reads in print
        fig.update_traces(selector=dict(mode="text"), textfont_shadow="auto")
    return fig


def write_briefing(out: str | Path, fy: str, db=None) -> dict:
    """Write the PDF briefing for ``fy`` to ``out`` and return the figures it states.

    Returns {fy, demo (the store holds demo data: every page says so), total_spend, previous_total,
    scorecard (lib.scorecard.card.kpis), sentences, actions (what to act on: measure, gap or
    margin, closers), map (bool), off_contract (named rows), off_contract_redacted (grouped rows),
    charts_failed ({chart: why}: each is in the PDF as a line saying so), seconds}. Raises
    ValueError for a malformed year or one with no spend."""
    from lib.scorecard import card as scorecard

    t0 = dt.datetime.now()
    fy_start(fy)
    prev_fy = figures.previous_fy(fy)
    browser = render.Browser()  # Chromium starts while the figures are queried
    try:
        # Independent questions on their own cursors, side by side (DuckDB runs them without the GIL).
        with ThreadPoolExecutor(max_workers=4) as pool:
            f_hidden = pool.submit(lambda: figures.Hidden(cursor_of(db), fy))
            f_map = pool.submit(_map_figure, db, fy)
            f_cats = pool.submit(lambda: queries.spend_by_category(cursor_of(db), Filters(fy=prev_fy), 12))
            f_kpis = pool.submit(lambda: scorecard.kpis(cursor_of(db), fy))
            cur = cursor_of(db)
            summ = figures.summary(cur, fy)
            summ["bodies"] = bodies.scope_text(cur)  # the store's own bodies: a peer's spend is never briefed
            if summ["lines"] == 0:
                raise ValueError(f"no spend in {fy}")
            card = scorecard.scorecard(cur, fy, trend=True)
            series = figures.trend_series(cur, card)
            sav_fig, sav_df = _savings_figure(cur, fy, card)
            districts = figures.top_districts(cur, fy)
            hidden = f_hidden.result()
            f_off = pool.submit(lambda: figures.off_contract_named(cursor_of(db), fy, 10, hidden))
            actions = figures.what_to_act_on(cur, fy, card, hidden=hidden)
            (off, off_red), cats_prev, map_fig, kpis = f_off.result(), f_cats.result(), f_map.result(), f_kpis.result()
        charts = {}
        if sav_fig is not None:
            charts["savings"] = render.Chart(sav_fig, *SAVINGS_PX)
        if map_fig is not None:
            charts["map"] = render.Chart(map_fig, *MAP_PX)
        images = render.draw(charts, browser)
    finally:
        browser.close()
    failed = {k: v for k, v in images.items() if not isinstance(v, bytes)}
    trend = trend_rows(card)
    sentences = three_sentences(fy, summ, trend, summ["by_category"], cats_prev)

    pdf = _Doc(fy, demo_load.label(cur))
    pdf.alias_nb_pages()
    _page_one(pdf, fy, prev_fy, summ, trend, series, actions)
    _page_two(pdf, fy, prev_fy, trend, images, summ, districts, off, off_red)
    _exact_pages(pdf, fy, summ, card, sentences, actions, sav_df, districts, off, off_red)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return {
        "fy": fy, "demo": pdf.label is not None, "total_spend": str(summ["total"]),
        "previous_total": None if not summ["previous"] else str(summ["previous"]["total"]),
        "scorecard": kpis, "sentences": sentences,
        "actions": [{k: v for k, v in a.items() if k != "closers"} | {"closers": a["closers"].to_dict("records")}
                    for a in actions],
        "map": isinstance(images.get("map"), bytes), "off_contract": off.to_dict("records"),
        "off_contract_redacted": off_red.to_dict("records"),
        "charts_failed": {CHART_NAMES.get(k, k): v for k, v in failed.items()},
        "seconds": round((dt.datetime.now() - t0).total_seconds(), 2),
    }


def _page_one(pdf: _Doc, fy, prev_fy, summ, trend, series, actions) -> None:
    pdf.add_page()
    pdf.set_font(pdf.face, "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 4.5, pdf.t(summ["bodies"]),
             new_x="LMARGIN", new_y="NEXT")
    pdf.h1(f"Procurement briefing, {fy}")
    prev = summ["previous"]
    with_target = trend[trend["status"].isin(["Met", "Not met"])] if not trend.empty else trend
    missed = with_target[with_target["status"] == "Not met"] if not with_target.empty else with_target
    line = (f"{fmt.money_short(summ['total'])} spent in {fy} in {summ['lines']:,} payments"
            + (f" ({fmt.money_short(prev['total'])} in {prev['fy']})." if prev else "."))
    if not with_target.empty:
        line += (f" {len(with_target) - len(missed)} of {len(with_target)} measures with a target are met"
                 + ("; not met: " + ", ".join(missed["name"]) + "." if len(missed) else "."))
    pdf.para(line, size=10)
    pdf.h2(f"Scorecard against targets, {fy}", space=1.5)
    if trend.empty:
        pdf.para(f"No scorecard figures for {fy}.")
    else:
        _scorecard_table(pdf, trend, fy, prev_fy)
    shown = [m for m in figures.MEASURES if series.get(m)]
    if shown:
        years = sorted({p["fy"] for m in shown for p in series[m]}, key=fy_start)
        pdf.h2(f"Trend against target, {years[0]} to {years[-1]}")
        _trend_grid(pdf, series, shown)
    pdf.h2("What to act on")
    if not actions:
        pdf.para("No measure has a target to compare with: targets are set on the Targets page.")
    missed_n, met_n = sum(not a["met"] for a in actions), sum(a["met"] for a in actions)
    if met_n:  # fewer missed than there is room for: say so, so a met measure is not read as a miss
        lead = ("Every measure with a target is met" if not missed_n
                else f"{missed_n} measure{'s are' if missed_n > 1 else ' is'} below target")
        rest = ("the one met by the narrowest margin in pounds follows" if met_n == 1
                else f"the {NUMBER_WORDS.get(met_n, met_n)} met by the narrowest margins in pounds follow")
        pdf.para(f"{lead}; {rest}.", size=9)
    for i, item in enumerate(actions, 1):
        head, text = action_text(item)
        pdf.set_font(pdf.face, "B", 9.5)
        pdf.set_text_color(*(VERMILION if not item["met"] else BLUE))
        pdf.multi_cell(0, 4.8, pdf.t(f"{i}. {head}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(MARGIN + 4)
        pdf.set_font(pdf.face, "", 9)
        pdf.set_text_color(*BLACK)
        pdf.multi_cell(WIDTH - 4, 4.4, pdf.t(text), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)
    if pdf.get_y() + 8 < pdf.h - pdf.b_margin:  # never pushed onto a page of its own
        pdf.note("Pounds to move are the target-gap planner's (Local and regional spend page): the spend that would "
                 "have to move for the year's share to reach the target, the total staying the same. Exact figures "
                 "follow page 2.")


def _page_two(pdf: _Doc, fy, prev_fy, trend, images, summ, districts, off, off_red) -> None:
    pdf.add_page()
    pdf.h2(f"Savings against target by month, {fy}", space=0)
    sav = trend[trend["measure"] == "savings"] if not trend.empty else trend
    if sav.empty or sav.iloc[0]["value"] is None:
        pdf.para("Savings are not available: no savings register is loaded.")
    else:
        s = sav.iloc[0]
        pdf.para(f"Savings recorded in {fy}: {s['value_text']} against a target of {s['target_text']} "
                 f"({s['status'].lower()}); {prev_fy}: {s['previous_text']}.")
        _image(pdf, images.get("savings"), WIDTH, WIDTH * SAVINGS_PX[1] / SAVINGS_PX[0])
    pdf.h2(f"Where the money went: spend by supplier's district, {fy}")
    y = pdf.get_y()
    map_w = 100
    map_h = map_w * MAP_PX[1] / MAP_PX[0]
    if "map" in images:
        _image(pdf, images["map"], map_w, map_h)
    else:
        pdf.failed(map_w, 30, "Map not available: the district shapes need the postcode reference "
                              "(python -m lib.cli postcode --build, then shapes).")
    bottom = pdf.get_y()
    x = MARGIN + map_w + 4
    pdf.set_xy(x, y + 1)
    pdf.set_font(pdf.face, "B", 9)
    pdf.cell(WIDTH - map_w - 4, 5, "Largest districts by spend", new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.face, "", 8.5)
    for r in districts.itertuples():
        pdf.set_x(x)
        pdf.cell(50, 4.6, pdf.t(_fit(pdf, f"{r.district_name} ({r.ring})", 50)))
        pdf.cell(WIDTH - map_w - 54, 4.6, fmt.money_short(r.amount), align="R", new_x="LEFT", new_y="NEXT")
        pdf.set_x(x)
    rings = summ["rings"]
    if rings is not None and not rings.empty:
        pdf.ln(2)
        pdf.set_x(x)
        pdf.set_font(pdf.face, "B", 9)
        pdf.cell(WIDTH - map_w - 4, 5, "Where suppliers are", new_x="LEFT", new_y="NEXT")
        pdf.set_font(pdf.face, "", 8.5)
        for r in rings.itertuples():
            pdf.set_x(x)
            pdf.cell(36, 4.6, pdf.t(_fit(pdf, ring_label(r.ring), 35)))
            pdf.cell(WIDTH - map_w - 40, 4.6, pdf.t(f"{fmt.money_short(r.amount)} · {fmt.percent(r.share_pct)}"),
                     align="R", new_x="LEFT", new_y="NEXT")
    pdf.ln(2)
    pdf.set_x(x)
    pdf.set_font(pdf.face, "", 7)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(WIDTH - map_w - 4, 3.4, pdf.t("The map shows Lancashire's districts, named; spend elsewhere is "
                                                  "in the list above. District shapes are approximate, drawn from "
                                                  "postcode points. " + figures.attribution()),
                   new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*BLACK)
    pdf.set_y(max(bottom, pdf.get_y()) + 1)
    pdf.h2(f"Largest off-contract suppliers, {fy}")
    if off.empty and off_red.empty:
        pdf.para("No off-contract spend this year.")
        return
    rows = [(r.supplier_name, fmt.money_short(r.amount), f"{int(r.lines):,}") for r in off.itertuples()]
    rows += [(f"{r.label}, {int(r.lines):,} lines ({r.suppliers:,} suppliers)", fmt.money_short(r.amount),
              f"{int(r.lines):,}") for r in off_red.itertuples()]
    pdf.table(("Supplier", "Off-contract spend", "Lines"), (130, 36, 20), rows, size=8.5, h=4.9)
    pdf.note("Spend with no contract in the register live on the payment date. Redacted names are grouped as one "
             "line a label and never listed as a supplier.")


def _exact_pages(pdf: _Doc, fy, summ, card, sentences, actions, sav_df, districts, off, off_red) -> None:
    pdf.add_page()
    pdf.h2(f"Exact figures, {fy}", space=0)
    pdf.para(f"Total spend {fmt.money(summ['total'])} in {summ['lines']:,} payments"
             + (f" (previous year {summ['previous']['fy']}: {fmt.money(summ['previous']['total'])})."
                if summ["previous"] else "."), size=9)
    pdf.set_font(pdf.face, "B", 9.5)
    pdf.cell(0, 6, "What changed most", new_x="LMARGIN", new_y="NEXT")
    for s in sentences:
        pdf.para("• " + s, size=9, h=4.5)
    pdf.ln(2)
    rows = []
    for key, m in card["measures"].items():
        money = m.get("unit") == "money"
        v = fmt.money(m["value"]) if money else figures.fmt_value(key, m["value"])
        num = m.get("numerator")
        den = m.get("denominator")
        if key == "social_value_pct":
            num_t, den_t = (f"{int(num):,} contracts" if num is not None else "—"), (
                f"{int(den):,} contracts" if den is not None else "—")
        else:
            num_t, den_t = fmt.money(num), ("—" if den is None else fmt.money(den))
        t = m.get("target")
        rows.append((figures.MEASURES.get(key, key), v, num_t, den_t,
                     "—" if t is None else (fmt.money(t) if money else figures.fmt_value(key, t))))
    pdf.table(("Measure", "Value", "Counted", "Of", "Target"), (54, 24, 40, 40, 28), rows, size=7.6, h=4.25)
    pdf.ln(3)
    rows = []
    for i, a in enumerate(actions, 1):
        amount = a["gap"] if not a["met"] else a["margin"]
        what = ("to spare" if a["met"] else "contracts short" if a["unit"] == "contracts" else "to close the gap")
        rows.append((f"{i}. {a['name']}", what,
                     f"{int(amount):,}" if a["unit"] == "contracts" and not a["met"] else fmt.money(amount)))
        for r in a["closers"].itertuples():
            rows.append((f"     {r.label}", r.detail, fmt.money(r.amount)))
    if rows:
        pdf.table(("What to act on", "", "Exactly"), (92, 62, 32), rows, ("L", "L", "R"), size=7.6, h=4.25)
        pdf.ln(3)
    if sav_df is not None and not sav_df.empty:
        rows = [(fmt.month_label(r.month), fmt.money(r.cashable), fmt.money(r.non_cashable), fmt.money(r.total),
                 fmt.money(r.cumulative)) for r in sav_df.itertuples()]
        pdf.table(("Savings by month recorded", "Cashable", "Non-cashable", "In the month", "So far"),
                  (50, 34, 34, 34, 34), rows, size=7.6, h=4.25)
        pdf.ln(3)
    if not districts.empty:
        rows = [(f"{r.district_name} ({r.ring})", fmt.money(r.amount), f"{int(r.lines):,}") for r in districts.itertuples()]
        pdf.table(("District", "Spend", "Lines"), (110, 46, 30), rows, size=7.6, h=4.25)
        pdf.ln(3)
    rows = [(r.supplier_name, fmt.money(r.amount), f"{int(r.lines):,}") for r in off.itertuples()]
    rows += [(f"{r.label} ({r.suppliers:,} suppliers)", fmt.money(r.amount), f"{int(r.lines):,}")
             for r in off_red.itertuples()]
    if rows:
        pdf.table(("Off-contract supplier", "Spend", "Lines"), (110, 46, 30), rows, size=7.6, h=4.25)
