"""The senior managers' briefing: one PDF they can open without the app. No Streamlit here.

Page 1: the scorecard against targets with status in words, the trend against the previous year,
and three plain sentences on what changed most, written from the figures. Page 2: the local-spend
map (lib.maps, rendered offline by kaleido), savings against target and the largest
off-contract suppliers (redactions applied: a withheld name is printed as its label).

Bars are drawn by fpdf2 itself (crisp, and their figures stay text a reader can search); only
the map goes through kaleido, whose Chromium is started first so that it starts while the
figures are queried.
"""
from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from lib import demo_load, queries
from lib import format as fmt
from lib.filters import fy_start
from lib.publish import figures, redaction
from lib.rows import cursor_of

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BLUE, ORANGE, GREY, BLACK, GREEN = (0, 114, 178), (230, 159, 0), (140, 140, 140), (31, 42, 54), (0, 158, 115)
PCT_MEASURES = ("on_contract_pct", "collaborative_pct", "local_pct", "north_west_pct", "sme_pct", "vcse_pct",
                "unknown_location_pct", "social_value_pct")


# ---- the figures the briefing states ------------------------------------------------------

def _pp(a, b) -> Decimal | None:
    if a is None or b is None:
        return None
    return Decimal(str(a)) - Decimal(str(b))


def trend_rows(card: dict | None, prev: dict | None) -> pd.DataFrame:
    """Scorecard rows with the previous year's value and the change (percentage points or £)."""
    cur = figures.scorecard_rows(card)
    if cur.empty:
        return cur.assign(previous=[], previous_text=[], change=[], change_text=[])
    p = figures.scorecard_rows(prev).set_index("measure") if prev else pd.DataFrame()
    prev_vals, prev_text, change, change_text = [], [], [], []
    for r in cur.itertuples():
        pv = p.loc[r.measure, "value"] if (not p.empty and r.measure in p.index) else None
        prev_vals.append(pv)
        prev_text.append(figures.fmt_value(r.measure, pv))
        d = _pp(r.value, pv)
        change.append(d)
        if d is None:
            change_text.append("—")
        elif r.measure == "savings":
            change_text.append(fmt.signed(fmt.money_short(d)))
        else:
            change_text.append(fmt.points(d))
    return cur.assign(previous=prev_vals, previous_text=prev_text, change=change, change_text=change_text)


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


def off_contract_table(cur, fy: str, n: int = 10) -> pd.DataFrame:
    """The largest off-contract suppliers (lib.scorecard), withheld names replaced by their label."""
    df = figures.off_contract_suppliers(cur, fy, n)
    withheld = redaction.withheld_people(cur, fy)  # the names, and the people under any spelling
    return df.assign(supplier_name=[redaction.PERSONAL if withheld.search(v) else v for v in df["supplier_name"]])


# ---- the map image ----------------------------------------------------------------------------

_KALEIDO_LOCK = threading.Lock()  # kaleido's sync server answers one request at a time


def start_renderer() -> None:
    """Start kaleido's Chromium in the background (it takes seconds); later renders reuse it.
    Safe to call again: an open server is kept."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)


def map_png(db, fy: str) -> tuple[bytes | None, str | None]:
    """(PNG of the district map from lib.maps, None) or (None, why not)."""
    fig, _ = figures.district_map(db, fy, title=f"Spend by supplier's district, {fy}", height=720)
    if fig is None:
        return None, "the district shapes or lib.maps are not available"
    fig.update_layout(margin=dict(l=10, r=10, t=50, b=60))
    import warnings

    try:
        with _KALEIDO_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fig.to_image(format="png", width=760, height=720, scale=1.6), None
    except Exception as exc:  # the briefing says the map is missing rather than failing
        return None, str(exc)


# ---- the PDF ------------------------------------------------------------------------------

class _Doc(FPDF):
    def __init__(self, fy: str, label: str | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.fy = fy
        self.label = label  # demo data: the first line of every page
        self.set_auto_page_break(True, margin=16)
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

    def header(self):
        if self.label:
            self.set_font(self.face, "B", 12)
            self.set_text_color(*BLACK)
            self.set_fill_color(255, 243, 205)
            self.cell(0, 9, _t(f"{self.label}. Generated for illustration.", self.face), border=1, fill=True,
                      align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.face, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Procurement briefing {self.fy} · page {self.page_no()} of {{nb}}", align="C")

    def h1(self, text):
        self.set_font(self.face, "B", 18)
        self.set_text_color(*BLACK)
        self.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")

    def h2(self, text):
        self.ln(2)
        self.set_font(self.face, "B", 13)
        self.set_text_color(*BLUE)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*BLACK)

    def para(self, text, size=10):
        self.set_font(self.face, "", size)
        self.set_text_color(*BLACK)
        self.multi_cell(0, 5.2, text, new_x="LMARGIN", new_y="NEXT", align="L")


def _t(text: str, face: str) -> str:
    if face == "Helvetica":
        return text.replace("—", "-").replace("·", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")
    return text


def _scorecard_table(pdf: _Doc, trend: pd.DataFrame, fy: str, prev_fy: str) -> None:
    widths = (58, 26, 26, 24, 26, 22)
    heads = ("Measure", f"{fy}", "Target", "Status", f"{prev_fy}", "Change")
    pdf.set_font(pdf.face, "B", 9)
    pdf.set_fill_color(230, 236, 242)
    for w, h in zip(widths, heads):
        pdf.cell(w, 7, h, border=1, fill=True)
    pdf.ln()
    pdf.set_font(pdf.face, "", 9)
    for r in trend.itertuples():
        marker = {"Met": "✓ Met", "Not met": "✗ Not met"}.get(r.status, r.status)
        cells = (r.name, r.value_text, r.target_text, _t(marker, pdf.face), r.previous_text, r.change_text)
        for i, (w, c) in enumerate(zip(widths, cells)):
            if i == 3:
                pdf.set_text_color(*((0, 100, 60) if r.status == "Met" else (170, 60, 0) if r.status == "Not met" else BLACK))
            pdf.cell(w, 6.5, _t(str(c), pdf.face), border=1, align="L" if i in (0, 3) else "R")
            pdf.set_text_color(*BLACK)
        pdf.ln()


def _bars(pdf: _Doc, rows: pd.DataFrame) -> None:
    """Horizontal bars of the charted measures (0-100%), target as a black tick, value written."""
    x0, label_w, bar_w, h = pdf.l_margin, 46, 80, 6
    for r in rows.itertuples():
        y = pdf.get_y()
        pdf.set_font(pdf.face, "", 9)
        pdf.set_xy(x0, y)
        pdf.cell(label_w, h, r.name)
        pdf.set_draw_color(*GREY)
        pdf.rect(x0 + label_w, y + 0.8, bar_w, h - 1.6)
        v = max(0.0, min(100.0, float(r.value)))
        pdf.set_fill_color(*{"Met": BLUE, "Not met": ORANGE}.get(r.status, GREY))
        pdf.rect(x0 + label_w, y + 0.8, bar_w * v / 100, h - 1.6, style="F")
        if r.target is not None:
            tx = x0 + label_w + bar_w * max(0.0, min(100.0, float(r.target))) / 100
            pdf.set_draw_color(*BLACK)
            pdf.set_line_width(0.8)
            pdf.line(tx, y, tx, y + h)
            pdf.set_line_width(0.2)
        pdf.set_xy(x0 + label_w + bar_w + 2, y)
        pdf.cell(0, h, _t(f"{r.value_text} · target {r.target_text} · {r.status.lower()}", pdf.face))
        pdf.ln(h + 1)
    pdf.set_font(pdf.face, "", 8)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, _t("Bar: the year's value (blue: target met; orange: not met; grey: no target). Black tick: the target.", pdf.face))
    pdf.set_text_color(*BLACK)
    pdf.ln(6)


def write_briefing(out: str | Path, fy: str, db=None) -> dict:
    """Write the PDF briefing for ``fy`` to ``out`` and return the figures it states.

    Returns {fy, demo (the store holds demo data: every page says so), total_spend, previous_total,
    scorecard (as lib.scorecard gives it, or None),
    sentences, map (bool), off_contract (rows or None), seconds}. Raises ValueError for a
    malformed year or one with no spend."""
    t0 = dt.datetime.now()
    fy_start(fy)
    prev_fy = figures.previous_fy(fy)
    start_renderer()  # Chromium starts while the figures are queried
    from concurrent.futures import ThreadPoolExecutor

    from lib.filters import Filters

    # Independent questions on their own cursors, side by side (DuckDB runs them without the GIL).
    with ThreadPoolExecutor(max_workers=4) as pool:
        f_map = pool.submit(map_png, db, fy)
        f_prev = pool.submit(lambda: figures.scorecard(cursor_of(db), prev_fy))
        f_off = pool.submit(lambda: off_contract_table(cursor_of(db), fy))
        f_cats = pool.submit(lambda: queries.spend_by_category(cursor_of(db), Filters(fy=prev_fy), 12))
        cur = cursor_of(db)
        summ = figures.summary(cur, fy)
        card = figures.scorecard(cur, fy)
        prev_card, off, cats_prev = f_prev.result(), f_off.result(), f_cats.result()
        if summ["lines"] == 0:
            raise ValueError(f"no spend in {fy}")
        trend = trend_rows(card, prev_card)
        sentences = three_sentences(fy, summ, trend, summ["by_category"], cats_prev)
        png, why = f_map.result()

    pdf = _Doc(fy, demo_load.label(cur))
    pdf.alias_nb_pages()
    pdf.add_page()
    T = lambda s: _t(s, pdf.face)  # noqa: E731
    pdf.set_font(pdf.face, "", 9)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, T("Lancashire Constabulary and the Office of the Police and Crime Commissioner"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.h1(T(f"Procurement briefing, {fy}"))
    prev = summ["previous"]
    pdf.para(T(f"Total spend {fmt.money(summ['total'])} in {summ['lines']:,} payments"
               + (f" (previous year {prev['fy']}: {fmt.money(prev['total'])})." if prev else ".")
               + f" Generated {t0:%d %B %Y} from the spend store."))
    pdf.h2("What changed most")
    for s in sentences:
        pdf.para(T("• " + s))
    pdf.h2(T(f"Scorecard against targets, {fy} compared with {prev_fy}"))
    if trend.empty:
        pdf.para(T(f"No scorecard figures for {fy}."))
    else:
        _scorecard_table(pdf, trend, fy, prev_fy)
        pdf.ln(3)
        charted = trend[trend["measure"].isin(figures.CHARTED) & trend["value"].notna()]
        if not charted.empty:
            _bars(pdf, charted)
    sav = trend[trend["measure"] == "savings"] if not trend.empty else trend
    pdf.h2("Savings against target")
    if sav.empty or sav.iloc[0]["value"] is None:
        pdf.para("Savings are not available.")
    else:
        s = sav.iloc[0]
        pdf.para(T(f"Savings recorded in {fy}: {s['value_text']} against a target of {s['target_text']} "
                   f"({s['status'].lower()}); {prev_fy}: {s['previous_text']}."))

    pdf.add_page()
    pdf.h2(T(f"Where the money went: spend by supplier's district, {fy}"))
    if png:
        import io
        pdf.image(io.BytesIO(png), w=150, x=(210 - 150) / 2)
        pdf.set_font(pdf.face, "", 8)
        pdf.multi_cell(0, 4, T(figures.attribution() + " District shapes are approximate, drawn from postcode points."),
                       new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.para(T(f"The district map could not be drawn: {why}."))
    rings = summ["rings"]
    if rings is not None and not rings.empty:
        pdf.para(T("Spend by where the supplier is: " + "; ".join(
            f"{r.ring} {fmt.money_short(r.amount)} ({fmt.percent(r.share_pct)})" for r in rings.itertuples()) + "."), 9)

    pdf.h2("Largest off-contract suppliers")
    if off.empty:
        pdf.para("No off-contract spend this year.")
    else:
        pdf.set_font(pdf.face, "B", 9)
        pdf.cell(120, 6.5, "Supplier", border=1)
        pdf.cell(40, 6.5, "Off-contract spend", border=1, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.face, "", 9)
        for r in off.itertuples():
            pdf.cell(120, 6, T(str(r.supplier_name))[:70], border=1)
            pdf.cell(40, 6, fmt.money(r.amount), border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return {
        "fy": fy, "demo": pdf.label is not None, "total_spend": str(summ["total"]),
        "previous_total": None if not prev else str(prev["total"]),
        "scorecard": card, "sentences": sentences, "map": bool(png),
        "off_contract": off.to_dict("records"),
        "seconds": round((dt.datetime.now() - t0).total_seconds(), 2),
    }
