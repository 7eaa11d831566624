"""The public transparency snapshot of one financial year: a folder that opens from disk.

    index.html              headline, measures against targets, where suppliers are, the district
                            map, spend by month and category: every chart with a data table and a
                            sentence; plotly.js inlined once, so nothing is fetched
    spend/YYYY-MM.csv       the month's spend in the Transparency Code layout, redactions applied
    data_dictionary.csv     what each column of those files holds
    LICENCE.txt             the Open Government Licence v3.0
    ATTRIBUTION.txt         OGL, OS and ONS attribution
    manifest.json           the totals the snapshot shows, and every file's SHA-256

Publishing is fail-closed (lib.publish.redaction): a proposal nobody cleared is redacted. Before
the folder is finished every file is searched for every withheld name; a hit raises LeakError
and the folder is removed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from lib import bodies, demo_load, export
from lib import format as fmt
from lib.filters import fy_start
from lib.geo.postcodes import ring_label
from lib.geo.queries import summarise_rings
from lib.publish import figures, redaction
from lib.rows import cursor_of

HERE = Path(__file__).resolve().parent
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
PUBLISHER = "Lancashire Constabulary and the Office of the Police and Crime Commissioner for Lancashire"

DATA_DICTIONARY = [
    ("Body", "The public body that made the payment (the force or the PCC's office)."),
    ("Date", "Payment date, dd/mm/yyyy; where the source file gave only a month, the first day of that month."),
    ("Department", "The service area that incurred the spend."),
    ("Beneficiary", "Who was paid, as published. Withheld payments show one of the standard labels: "
                    + ", ".join(redaction.LABELS) + "."),
    ("Purpose", "What the payment was for (the description in the ledger); the label when the line is redacted."),
    ("Amount", "Amount paid in pounds, exact to the penny; credit notes are negative. Redacted lines keep their amount."),
    ("Irrecoverable VAT", "VAT the body could not recover, where known; blank when the source did not say."),
    ("Category", "Expense type (merchant category) of the payment."),
    ("Transaction reference", "The body's reference for the payment, so a line can be asked about."),
]


class LeakError(RuntimeError):
    """A withheld name was found in the snapshot folder."""


def _esc(v) -> str:
    return html.escape("" if v is None else str(v))


def _table(caption: str, headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th scope="col">{_esc(h)}</th>' for h in headers)
    body = []
    for r in rows:
        cells = []
        for i, v in enumerate(r):
            cls = ' class="num"' if i in numeric else ""
            cells.append(f'<th scope="row"{cls}>{_esc(v)}</th>' if i == 0 else f"<td{cls}>{_esc(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table><caption>{_esc(caption)}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _chart(fig, div_id: str, summary: str, table_html: str) -> str:
    """A figure: the chart (a picture, hidden from screen readers), a sentence, and its data table."""
    div = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=div_id,
                      config={"displayModeBar": False, "responsive": True, "staticPlot": False})
    return (f'<figure aria-labelledby="{div_id}-cap">'
            f'<div class="chart" aria-hidden="true">{div}</div>'
            f'<figcaption id="{div_id}-cap">{_esc(summary)}</figcaption>'
            f'<details open><summary>Data table</summary>{table_html}</details></figure>')


def month_csv(lines: pd.DataFrame, label: str | None = None) -> bytes:
    """One month's published lines as the Transparency Code CSV: its columns in order, dates written
    dd/mm/yyyy, formula-like text neutralised, ``label`` (demo data) the first line. The snapshot's
    monthly files and the Monthly spend list's download are both this."""
    df = lines[redaction.PUBLISHED_COLUMNS].copy()
    df["Date"] = [d.strftime("%d/%m/%Y") if d is not None and d == d else "" for d in df["Date"]]
    df["Irrecoverable VAT"] = [None if v is None or (isinstance(v, float) and v != v) else v
                               for v in df["Irrecoverable VAT"]]
    return export.to_csv(df, label)


def monthly_csvs(lines: pd.DataFrame, label: str | None = None) -> dict[str, bytes]:
    """{'YYYY-MM': CSV bytes} in the Transparency Code layout (month_csv), one per month of ``lines``."""
    return {month.strftime("%Y-%m"): month_csv(g, label) for month, g in lines.groupby("month", sort=True)}


def _css() -> str:
    return """
    body{font-family:Arial,Helvetica,sans-serif;color:#1f2a36;margin:0;line-height:1.5}
    header,main,footer{max-width:1100px;margin:0 auto;padding:0 1rem}
    header{border-bottom:4px solid #0072B2;padding-top:1rem}
    a{color:#005a8c} a:focus,summary:focus{outline:3px solid #E69F00;outline-offset:2px}
    .skip{position:absolute;left:-999px} .skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
    table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.95rem}
    caption{text-align:left;font-weight:bold;padding:.25rem 0}
    th,td{border:1px solid #8c8c8c;padding:.25rem .5rem;text-align:left;vertical-align:top}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    figure{margin:1rem 0 2rem} figcaption{font-size:1rem;margin:.25rem 0}
    .headline{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}
    .headline li{border:1px solid #8c8c8c;border-radius:4px;padding:.5rem 1rem;min-width:12rem}
    .headline strong{display:block;font-size:1.5rem}
    footer{border-top:1px solid #8c8c8c;margin-top:2rem;padding-bottom:2rem;font-size:.95rem}
    .demo{background:#fff3cd;border:2px solid #8a5300;padding:.5rem 1rem;font-size:1.1rem}
    """


def build_html(fy: str, summ: dict, card: dict | None, map_fig, by_district, month_files: list[tuple[str, Decimal, int, int]],
               generated: str, attribution: str, label: str | None = None) -> str:
    """The snapshot's index.html (a string); ``label`` (demo data) opens the title and the page."""
    parts: list[str] = []
    prev = summ["previous"]
    change = ""
    if prev:
        diff = summ["total"] - prev["total"]
        word = "more" if diff >= 0 else "less"
        change = f" That is {fmt.money_short(abs(diff))} {word} than in {prev['fy']} ({fmt.money_short(prev['total'])})."
    parts.append(f"""<section aria-labelledby="h-headline"><h2 id="h-headline">The year in figures</h2>
<ul class="headline">
<li>Total spend<strong>{fmt.money(summ['total'])}</strong></li>
<li>Lines published<strong>{summ['lines']:,}</strong></li>
<li>Lines redacted<strong>{summ['redacted_published']:,}</strong></li>
</ul>
<p>In {fy} the force and the PCC's office spent {fmt.money(summ['total'])} in {summ['lines']:,} payments.{change}{_bodies_note(summ)}
{summ['redacted_published']:,} payments ({fmt.money(summ['redacted_published_amount'])}) are published with the payee withheld;
their amounts are included in every total. Credit notes ({summ['credit_lines']:,}, {fmt.money(summ['credit_amount'])})
are netted off.</p></section>""")

    # Measures against targets
    rows = figures.scorecard_rows(card)
    if rows.empty:
        parts.append('<section aria-labelledby="h-targets"><h2 id="h-targets">Measures against targets</h2>'
                     "<p>The scorecard is not available for this snapshot.</p></section>")
    else:
        tbl = _table(f"Measures against the strategy's targets, {fy}", ["Measure", "Actual", "Target", "Status"],
                     [[r.name, r.value_text, r.target_text, r.status] for r in rows.itertuples()], {1, 2})
        met = [r.name for r in rows.itertuples() if r.status == "Met"]
        not_met = [r.name for r in rows.itertuples() if r.status == "Not met"]
        summary = (f"Of {len(rows)} measures, {len(met)} met their target"
                   + (f"; not met: {', '.join(not_met)}." if not_met else "."))
        charted = rows[rows["measure"].isin(figures.CHARTED)]
        sav = rows[rows["measure"] == "savings"]
        parts.append('<section aria-labelledby="h-targets"><h2 id="h-targets">Measures against targets</h2>'
                     + f"<p>{_esc(summary)}</p>" + tbl
                     + _chart(figures.targets_chart(card, fy), "chart-targets",
                              "Chart: " + "; ".join(f"{r.name} {r.value_text} against a target of {r.target_text} ({r.status})"
                                                    for r in charted.itertuples()) + ".",
                              _table("Chart data: measures against targets", ["Measure", "Actual", "Target", "Status"],
                                     [[r.name, r.value_text, r.target_text, r.status] for r in charted.itertuples()], {1, 2}))
                     + ("" if sav.empty else _chart(
                         figures.savings_chart(card, fy), "chart-savings",
                         f"Chart: savings of {sav.iloc[0]['value_text']} against a target of {sav.iloc[0]['target_text']} "
                         f"({sav.iloc[0]['status']}).",
                         _table("Chart data: savings against target", ["Measure", "Actual", "Target", "Status"],
                                [[r.name, r.value_text, r.target_text, r.status] for r in sav.itertuples()], {1, 2})))
                     + "</section>")

    # Where suppliers are
    rings = summ["rings"]
    if rings is not None and not rings.empty:
        ring_rows = [[ring_label(r.ring), fmt.money(r.amount), fmt.percent(r.share_pct), f"{r.lines:,}"] for r in rings.itertuples()]
        shares = summarise_rings(dict(zip(rings["ring"], rings["amount"])))
        lanc, nw, unk = (fmt.percent(shares[k]) for k in ("local_pct", "north_west_pct", "unknown_pct"))
        parts.append('<section aria-labelledby="h-where"><h2 id="h-where">Where suppliers are</h2>'
                     + f"<p>{lanc} of spend went to suppliers in Lancashire and {nw} to suppliers in the "
                       f"North West (Lancashire included). The location of {unk} is not known; it stays in the "
                       "total rather than being counted as non-local.</p>"
                     + _chart(figures.rings_chart(rings, fy), "chart-rings",
                              "Chart: spend by where the supplier is. " + "; ".join(f"{r[0]} {r[1]} ({r[2]})" for r in ring_rows) + ".",
                              _table(f"Spend by where the supplier is, {fy}", ["Where", "Spend", "Share", "Lines"], ring_rows, {1, 2, 3}))
                     + "</section>")
    if map_fig is not None and by_district is not None:
        d = by_district.copy()
        d = d[d["district_code"].notna()].head(20)
        d_rows = [[r.district_name, r.ring, fmt.money(r.amount), f"{r.lines:,}"] for r in d.itertuples()]
        top = ", ".join(f"{r[0]} ({r[2]})" for r in d_rows[:3])
        parts.append('<section aria-labelledby="h-map"><h2 id="h-map">Spend by district</h2>'
                     + _chart(map_fig, "chart-map",
                              f"Map: spend by the district of the supplier's postcode across the North West, darker "
                              f"for more spend. The largest districts are {top}. The table lists the 20 largest.",
                              _table(f"Spend by the supplier's district (20 largest), {fy}",
                                     ["District", "Ring", "Spend", "Lines"], d_rows, {2, 3}))
                     + f"<p>{_esc(attribution)}</p></section>")

    # Month by month, with the files
    m_rows = [[label, fmt.money(total), f"{n:,}", f"{r:,}"] for label, total, n, r in month_files]
    links = "".join(f'<li><a href="spend/{_esc(k)}.csv">Spend over £500, {_esc(label)} (CSV)</a></li>'
                    for (label, _t, _n, _r), k in zip(month_files, [m[4] for m in summ["month_keys"]]))
    parts.append('<section aria-labelledby="h-months"><h2 id="h-months">Month by month</h2>'
                 + _chart(figures.monthly_chart(summ["by_month"], fy), "chart-months",
                          "Chart: spend in each month of the year; the table below gives each month's total.",
                          _table(f"Spend by month, {fy}", ["Month", "Spend", "Lines", "Redacted lines"], m_rows, {1, 2, 3}))
                 + '<h3 id="h-files">Monthly spend files</h3>'
                 + f"<p>Every payment, one file a month, in the Local Government Transparency Code layout "
                   f"(<a href=\"data_dictionary.csv\">data dictionary</a>). Lines under £500 appear where one invoice "
                   f"was split across cost codes.</p><ul>{links}</ul></section>")

    cats = summ["by_category"]
    c_rows = [[r.label, fmt.money(r.amount), f"{r.lines:,}"] for r in cats.itertuples()]
    parts.append('<section aria-labelledby="h-cats"><h2 id="h-cats">What the money was spent on</h2>'
                 + _table(f"Spend by category (the 12 largest, then the rest), {fy}", ["Category", "Spend", "Lines"],
                          c_rows, {1, 2}) + "</section>")

    plotly_js = get_plotlyjs()
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(label + ": ") if label else ""}Spend transparency {fy}: Lancashire police and PCC</title>
<style>{_css()}</style>
<script>{plotly_js}</script>
</head>
<body>
<a class="skip" href="#main">Skip to the figures</a>
<header role="banner">{f'<p class="demo"><strong>{_esc(label)}.</strong> The store it was made from holds demo batches, generated for illustration.</p>' if label else ""}<p>{_esc(PUBLISHER)}</p>
<h1>Spend transparency, financial year {fy}</h1>
<p>1 April {fy_start(fy)} to 31 March {fy_start(fy) + 1}. Snapshot generated {_esc(generated)}.</p></header>
<main id="main">
{''.join(parts)}
</main>
<footer role="contentinfo"><h2 id="h-licence">Licence and sources</h2>
<p>Published under the <a href="{OGL_URL}">Open Government Licence v3.0</a> (<a href="LICENCE.txt">text</a>).
Contains public sector information licensed under the Open Government Licence v3.0.</p>
<p>{_esc(attribution)}</p>
<p>Personal data is withheld under the labels {', '.join(_esc(x) for x in redaction.LABELS)};
withheld amounts stay in every total.</p></footer>
</body>
</html>
"""


def _leak_check(folder: Path, people) -> None:
    """Raise LeakError if any withheld name, or any spelling of a withheld person
    (redaction.PersonMatcher), appears in any file: searched case-blind in the text as written
    and with HTML entities decoded (all of it but the inlined plotly.js library, whose code could
    read as a name: "a.white")."""
    if not people:
        return
    library = get_plotlyjs()  # inlined third-party code, the same in every snapshot: not data
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".html":
            text = text.replace(library, "")
        for candidate in (text, html.unescape(text)):
            found = people.search(candidate)
            if found:
                raise LeakError(f"withheld name {found!r} found in {path.name}")


MARKER = ".spend-snapshot.json"  # written last: the folder is a finished snapshot this tool made
MARKER_TEXT = "Backing Lancashire Spend Insight transparency snapshot"


def _clear_earlier_snapshot(out: Path) -> None:
    """Make ``out`` (an existing path) ready to write: an empty folder stays; a folder holding our
    marker and only the files that marker lists is emptied; anything else raises ValueError and
    nothing is deleted."""
    if not out.is_dir():
        raise ValueError(f"{out} is not a folder")
    present = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() or p.is_symlink())
    if not present and not any(out.iterdir()):
        return
    try:
        listed = set(json.loads((out / MARKER).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        raise ValueError(f"{out} is not empty and was not made by an earlier snapshot: choose a new or empty folder") from None
    foreign = [p for p in present if p != MARKER and p not in listed]
    if foreign:
        raise ValueError(f"{out} holds files an earlier snapshot did not write ({', '.join(foreign[:3])}"
                         f"{', …' if len(foreign) > 3 else ''}): move them or choose a new or empty folder")
    # Only our files, and the folders that held them (now empty), are removed.
    for rel in present:
        (out / rel).unlink()
    for d in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        try:
            d.rmdir()
        except OSError:
            pass


def _bodies_note(summ: dict) -> str:
    """Whose figures these are (the store's own bodies), when the snapshot was told."""
    return (f" These figures are for {_esc(summ['bodies'])} only: other bodies' spend loaded for comparison "
            "is not included." if summ.get("bodies") else "")


def write_snapshot(out: str | Path, fy: str, db=None, progress=None) -> dict:
    """Write the snapshot of ``fy`` into folder ``out`` (a new or empty folder, or one an earlier
    snapshot made: its marker lists its files, and only those are replaced) and return the
    manifest (totals, files).

    Raises ValueError for a malformed year or one with no spend, and LeakError (after removing
    the folder) if a withheld name would be published."""
    fy_start(fy)
    say = progress or (lambda f, t: None)
    cur = cursor_of(db)
    out = Path(out)
    demo = demo_load.label(cur)
    say(0.05, "Applying redactions")
    lines = redaction.published_lines(cur, fy)
    if lines.empty:
        raise ValueError(f"no spend in {fy}")
    withheld = redaction.PersonMatcher(redaction.withheld_names(cur, fy), redaction.load_rules(cur))
    say(0.3, "Gathering figures")
    summ = figures.summary(cur, fy)
    summ["bodies"] = bodies.scope_text(cur)  # the store's own bodies: a peer's spend is never published
    card = figures.scorecard(cur, fy)
    say(0.45, "Drawing the map")
    map_fig, by_district = figures.district_map(db if db is not None else None, fy)

    existed = out.exists()
    if existed:
        _clear_earlier_snapshot(out)
    (out / "spend").mkdir(parents=True, exist_ok=True)
    try:
        say(0.6, "Writing monthly files")
        csvs = monthly_csvs(lines, demo)
        month_files, month_keys = [], []
        for key, data in csvs.items():
            (out / "spend" / f"{key}.csv").write_bytes(data)
            g = lines[lines["month"].map(lambda m: m.strftime("%Y-%m")) == key]
            label = dt.date(int(key[:4]), int(key[5:]), 1).strftime("%B %Y")
            month_files.append((label, sum(g["Amount"], Decimal("0.00")), len(g), int(g["redacted"].sum())))
            month_keys.append((label, None, None, None, key))
        summ["month_keys"] = month_keys
        summ["redacted_published"] = int(lines["redacted"].sum())
        summ["redacted_published_amount"] = sum(lines.loc[lines["redacted"], "Amount"], Decimal("0.00"))
        (out / "data_dictionary.csv").write_bytes(
            export.to_csv(pd.DataFrame(DATA_DICTIONARY, columns=["Column", "Meaning"])))
        (out / "LICENCE.txt").write_text((HERE / "ogl_v3.txt").read_text(encoding="utf-8"), encoding="utf-8")
        attribution = figures.attribution()
        (out / "ATTRIBUTION.txt").write_text(
            (f"{demo}.\n" if demo else "") + f"{PUBLISHER}: spend data, {fy}.\n"
            f"Contains public sector information licensed under the Open Government Licence v3.0 ({OGL_URL}).\n"
            f"{attribution}\n", encoding="utf-8")
        say(0.75, "Writing index.html")
        generated = dt.datetime.now().strftime("%d %B %Y %H:%M")
        (out / "index.html").write_text(
            build_html(fy, summ, card, map_fig, by_district, month_files, generated, attribution, demo),
            encoding="utf-8")
        total = sum(lines["Amount"], Decimal("0.00"))
        manifest = ({"notice": demo} if demo else {}) | {
            "fy": fy, "bodies": summ["bodies"], "generated": generated, "total": str(total), "lines": int(len(lines)),
            "redacted_lines": summ["redacted_published"], "redacted_amount": str(summ["redacted_published_amount"]),
            "months": {k: {"total": str(t), "lines": n, "redacted_lines": r}
                       for (_l, t, n, r), (_a, _b, _c, _d, k) in zip(month_files, month_keys)},
            "scorecard": None if card is None else json.loads(json.dumps(card, default=str)),
            "files": {},
        }
        say(0.9, "Checking for withheld names")
        _leak_check(out, withheld)
        for path in sorted(out.rglob("*")):
            if path.is_file():
                manifest["files"][path.relative_to(out).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _leak_check(out, withheld)
        written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        (out / MARKER).write_text(json.dumps({"made_by": MARKER_TEXT, "files": written}, indent=2), encoding="utf-8")
    except BaseException:
        # Everything in the folder is ours (it was new, empty or our earlier snapshot, cleared above).
        if existed:
            for child in out.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        else:
            shutil.rmtree(out, ignore_errors=True)
        raise
    say(1.0, "Snapshot written")
    return manifest


def zip_snapshot(folder: str | Path) -> bytes:
    """The snapshot folder as a zip (for the app's download button)."""
    import io
    import zipfile

    folder = Path(folder)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != MARKER:
                z.write(path, path.relative_to(folder).as_posix())
    return buf.getvalue()
