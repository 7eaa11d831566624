"""Peers: the bodies loaded side by side and over time, each measured against its own area.

Rings are relative to each body's area (m018, m045): a body's *local* spend is with suppliers in
its local area (the force's: Lancashire; a Cumbria body's: Cumbria; Devon County Council's: Devon),
its *region* spend with suppliers in its region (local included). A body's area is a row of
``body_areas`` when staff set one (or it was seeded: the force and its PCC), else it is derived
from the body's name: a police force area of the areas table, or a county, unitary, district or
region of data/reference/regions.csv (every district the postcode reference places, with its county
and its region: the nine English regions, Wales and Scotland); its region is the one its districts
are in. A body whose area or region is not known gets "no data" with the reason, never 0%.

The force's own figures are not touched: where a body's area is the Lancashire police force area
and its region the North West, the shares read the supplier's stored ring (what the scorecard
reads), so the Peers page and the scorecard agree to the penny; any other body's ring is the
``ring_relative`` macro (m045) of the supplier's districts against its area's: "Unknown" only when
the supplier has no location, or only an outward code that straddles the body's boundary.
"""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from lib.bodies import REGIONS_CSV, name_variants, place_names, place_words
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
def reference() -> pd.DataFrame:
    """data/reference/regions.csv: every district the postcode reference places (England, Wales and
    Scotland) with its county (two-tier and metropolitan counties) and region (an English region,
    Wales or Scotland): district_code, district_name, county_code, county_name, region_code,
    region_name ('' where a district has no county)."""
    return pd.read_csv(REGIONS_CSV, dtype=str).fillna("")


def _reference_districts(code: str) -> tuple:
    ref = reference()
    hit = ref[(ref["district_code"] == code) | (ref["county_code"] == code) | (ref["region_code"] == code)]
    return tuple(sorted(hit["district_code"]))


def _districts(cur, area_code: str | None) -> tuple:
    """The districts of an area: its rows in area_districts (areas staff or a migration defined),
    else the reference's region, county or district of that code; several codes joined by '+'."""
    if not area_code:
        return ()
    out = set()
    for code in area_code.split("+"):
        rows = cur.execute("SELECT district_code FROM area_districts WHERE area_code = ?", [code]).fetchall()
        out |= {r[0] for r in rows} if rows else set(_reference_districts(code))
    return tuple(sorted(out))


def _area_name(cur, area_code: str | None) -> str | None:
    if not area_code:
        return None
    names = []
    ref_names = {c: n for c, _, n in place_names().values()}
    for code in area_code.split("+"):
        row = cur.execute("SELECT name FROM areas WHERE area_code = ?", [code]).fetchone()
        names.append(row[0] if row else ref_names.get(code, code))
    return " and ".join(names)


def region_of(districts) -> tuple[str | None, str | None]:
    """(code, name) of the one region every district of ``districts`` is in; (None, None) when they
    span regions or none is known."""
    ref = reference()
    regions = ref.loc[ref["district_code"].isin(list(districts)), ["region_code", "region_name"]].drop_duplicates()
    if len(regions) != 1:
        return None, None
    return regions.iloc[0, 0], regions.iloc[0, 1]


def derive(cur, body_key: str, name: str) -> tuple[str | None, str | None, str, str | None, tuple]:
    """(local area code, region code, how, local name, local districts) found in a body's name: the
    areas it names (a police force area of the areas table, else a county, a unitary or district, or
    a region of the reference), longest names first; a place inside another the name also gives is
    the body's own ('London Borough of Camden' is Camden); places side by side are one area ('Devon
    and Cornwall Police' is Devon and Cornwall). The region: the one every local district is in.
    Nothing is written."""
    words = " " + place_words(name) + " "
    known = {}
    for c, n in cur.execute("SELECT area_code, name FROM areas WHERE kind <> 'region'").fetchall():
        for v in name_variants(n):
            known.setdefault(v, (c, "area", n))
    for v, hit in place_names().items():
        known.setdefault(v, hit)
    found = sorted((n for n in known if n and f" {n} " in words), key=len, reverse=True)
    hits = [n for i, n in enumerate(found) if not any(f" {n} " in f" {m} " for m in found[:i])]
    if not hits:
        return None, None, "not known: no place the reference knows in the name", None, ()
    areas = [(n, known[n], _districts(cur, known[n][0])) for n in hits]
    areas = [x for x in areas if x[2]]
    if not areas:
        return None, None, f"not known: {hits[0].title()} has no districts in the reference", None, ()
    # a place holding another place the name gives is not the body's own (London ⊃ Camden)
    kept = [x for x in areas if not any(set(o[2]) < set(x[2]) for o in areas)]
    kept.sort(key=lambda x: words.index(f" {x[0]} "))  # as the name gives them
    code = "+".join(hit[0] for _, hit, _ in kept)
    label = " and ".join(hit[2] for _, hit, _ in kept)
    districts = tuple(sorted({d for _, _, ds in kept for d in ds}))
    region, _ = region_of(districts)
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


def area_codes(cur, body_key: str) -> tuple[str | None, str | None]:
    """(local area code, region code) a body has now, set or derived (the Bodies page's form starts
    from them, so saving it unchanged changes nothing)."""
    name = cur.execute("SELECT name FROM bodies WHERE body_key = ?", [body_key]).fetchone()
    a = area_of(cur, body_key, name[0] if name else body_key)
    return a.local_code, a.region_code


def set_area(db, body_key: str, local_area: str | None, region_area: str | None, who: str | None = None) -> None:
    """Set a body's local area and region (codes of ``areas`` or of the reference's regions,
    counties and districts: :func:`area_choices`). One write transaction. ValueError for a code
    that is neither."""
    from lib import store

    with store.write(db) as cur:
        for code in (local_area, region_area):
            if code and not _districts(cur, code):
                raise ValueError(f"{code}: not an area, region, county or district the store knows")
        cur.execute("INSERT OR REPLACE INTO body_areas (body_key, local_area, region_area, how, set_by) "
                    "VALUES (?, ?, ?, 'set by staff', ?)", [body_key, local_area, region_area, who])


def area_choices(cur) -> dict[str, str]:
    """{area code: name} staff can choose from: the areas table, then every region, county and
    district of the reference."""
    out = {c: n for c, n in cur.execute("SELECT area_code, name FROM areas ORDER BY kind DESC, name").fetchall()}
    for code, kind, name in sorted(set(place_names().values()), key=lambda x: ("rcd".index(x[1][0]), x[2])):
        out.setdefault(code, f"{name} ({kind})")
    return out


# Each register supplier's possible districts: its postcode's district, else every district its
# outward code covers (a postcode given as its outward code alone, or one the reference does not
# hold), for the ring_relative macro (m045).
_PLACES = """
pl0 AS (SELECT loc.supplier_ref, loc.district_code,
               CASE WHEN loc.district_code IS NULL AND loc.ring IN ('Lancashire', 'North West', 'Rest of UK')
                    THEN regexp_replace(upper(c.postcode), '[^A-Z0-9]', '', 'g') END AS s
        FROM supplier_locations loc LEFT JOIN suppliers_current c USING (supplier_ref)),
pl1 AS (SELECT supplier_ref, district_code,
               CASE WHEN length(s) >= 5 AND regexp_matches(left(s, length(s) - 3) || ' ' || right(s, 3), '@POSTCODE@')
                    THEN left(s, length(s) - 3) ELSE s END AS outward FROM pl0),
od AS (SELECT outward, list(DISTINCT district_code) AS ds FROM postcodes
       WHERE district_code IS NOT NULL AND outward IN (SELECT outward FROM pl1 WHERE outward IS NOT NULL)
       GROUP BY outward),
places AS (SELECT pl1.supplier_ref, CASE WHEN pl1.district_code IS NOT NULL THEN [pl1.district_code] ELSE od.ds END AS ds
           FROM pl1 LEFT JOIN od USING (outward))
"""
# No supplier's districts, for when every body reads the stored ring (the postcode table is not read).
_NO_PLACES = "places AS (SELECT NULL::VARCHAR AS supplier_ref, NULL::VARCHAR[] AS ds WHERE FALSE)"
# Spend summed per body and supplier key (``a``: body_key, supplier_key, amount, lines and any
# grouping columns; rows may share a key), each sum given its ring relative to its body's area
# ('Local', 'Region', 'Rest of UK', 'Outside UK', 'Unknown'): a body whose area is the force's
# (Lancashire, North West) reads the stored ring, as the scorecard does, so the two agree to the
# penny; any other body's ring is ring_relative of the supplier's districts against its area's; a
# key linked to no register supplier is Unknown. The rings are worked out once a body and linked
# key (``r``, thousands of rows), then joined to the sums. {areas}: a registered table (body_key,
# stored, local_ds, region_ds); {sme}: the SME column of the test in force.
_RINGS_SQL = """
WITH {places},
a AS ({source}),
r AS (SELECT ar.body_key, k.spend_key AS supplier_key, k.{sme} AS sme,
             CASE WHEN ar.stored THEN CASE k.ring WHEN 'Lancashire' THEN 'Local' WHEN 'North West' THEN 'Region'
                                                  ELSE k.ring END
                  ELSE ring_relative(k.ring, places.ds, ar.local_ds::VARCHAR[], ar.region_ds::VARCHAR[])
             END AS ring
      FROM {areas} ar CROSS JOIN spend_key_located k
      LEFT JOIN places ON places.supplier_ref = k.supplier_ref),
p AS (SELECT a.*, r.sme, coalesce(r.ring, 'Unknown') AS ring
      FROM a LEFT JOIN r USING (body_key, supplier_key)
      WHERE a.body_key IN (SELECT body_key FROM {areas}))
"""
_SHARES = """sum(amount)::DECIMAL(18,2) AS total, sum(lines)::BIGINT AS lines,
       coalesce(sum(amount) FILTER (WHERE ring = 'Local'), 0)::DECIMAL(18,2) AS local,
       coalesce(sum(amount) FILTER (WHERE ring IN ('Local', 'Region')), 0)::DECIMAL(18,2) AS region,
       coalesce(sum(amount) FILTER (WHERE ring = 'Unknown'), 0)::DECIMAL(18,2) AS unknown_location"""
_BODY_SELECT = """
SELECT body_key, fy, min(fy_start) AS fy_start, """ + _SHARES + """,
       coalesce(sum(amount) FILTER (WHERE sme), 0)::DECIMAL(18,2) AS sme,
       coalesce(sum(amount) FILTER (WHERE sme IS NOT NULL), 0)::DECIMAL(18,2) AS sme_known
FROM p GROUP BY body_key, fy ORDER BY body_key, min(fy_start)
"""
# Every body's spend by year and supplier key (the bodies asked for are those of the areas in
# _RINGS_SQL): the rows of the summary by body and supplier (lib.summary) when it is up to date
# (summed by _BODY_SELECT), else summed from the lines; the same sums either way (tested).
_BODY_SOURCE = {
    "spend_by_body_supplier": "SELECT body_key, fy, fy_start, supplier_key, amount, lines FROM spend_by_body_supplier",
    "transactions": "SELECT body_key, fy, min(fy_start) AS fy_start, supplier_key, sum(amount) AS amount, "
                    "count(*) AS lines FROM transactions GROUP BY body_key, fy, supplier_key",
}
# The spend of some filters by body and supplier key (``{where}``: lib.filters.where_clause's fixed text).
_FILTERED_SOURCE = {
    "spend_by_body_supplier": "SELECT body_key, supplier_key, sum(amount) AS amount, sum(lines) AS lines "
                              "FROM spend_by_body_supplier WHERE {where} GROUP BY ALL",
    "transactions": "SELECT body_key, supplier_key, sum(amount) AS amount, count(*) AS lines "
                    "FROM transactions WHERE {where} GROUP BY ALL",
}
# Which bodies have spend: from the summary by batch and body when it is up to date, else the lines.
_HAS_SPEND = {"spend_by_body_batch": "b.body_key IN (SELECT body_key FROM spend_by_body_batch)",
              "transactions": "EXISTS (SELECT 1 FROM transactions t WHERE t.body_key = b.body_key)"}


def _summed(cur, table: str, f=None) -> str:
    """``table`` (a summary of lib.summary's TABLE_FILTERS) when it answers ``f`` and is up to date,
    else 'transactions'."""
    from lib import summary

    return table if summary.answers(cur, table, f) else "transactions"


_names = itertools.count()


def _stored(area: Area) -> bool:
    """True when a body's rings are the stored ones (the force's area: Lancashire, the North West)."""
    return area.local_code == LANCASHIRE and area.region_code == NORTH_WEST


def _ring_query(cur, areas: list[Area], source: str, select: str, params: list, sme: str = "sme_pa2023") -> pd.DataFrame:
    """Run ``select`` (over ``p``, see _RINGS_SQL) on the spend of ``source`` with each body's area
    registered; a private cursor, so the caller's is left as it was."""
    from lib.geo.postcodes import POSTCODE_RE

    table = pd.DataFrame({"body_key": [a.body_key for a in areas], "stored": [_stored(a) for a in areas],
                          "local_ds": [list(a.local_districts) for a in areas],
                          "region_ds": [list(a.region_districts) for a in areas]})
    name = f"_body_areas_{next(_names)}"  # made here, never from input
    # Every body's rings the stored ones (no peer among them): no supplier's districts are asked for.
    places = _NO_PLACES if all(_stored(a) for a in areas) else _PLACES.replace("@POSTCODE@", POSTCODE_RE.pattern)
    sql = _RINGS_SQL.format(places=places, source=source, areas=name, sme=sme) + select
    own = cur.cursor()
    try:
        own.register(name, table)
        rel = own.execute(sql, params)
        return pd.DataFrame(rel.fetchall(), columns=[d[0] for d in rel.description])
    finally:
        own.close()


COLUMNS = ["body_key", "body", "own", "fy", "fy_start", "total", "lines", "local_pct", "region_pct",
           "unknown_location_pct", "sme_pct", "on_contract_pct", "local_area", "region_area", "notes", "months"]

# The months of each body's year that have spend (a peer's single monthly file is not its year):
# from the month summary when it is up to date, else from the lines; the same either way.
_MONTHS_SQL = {
    True: "SELECT body_key, fy, count(DISTINCT period_start), min(period_start), max(period_start) FROM spend_by_month "
          "WHERE list_contains(?, body_key) GROUP BY ALL",
    False: "SELECT body_key, fy, count(DISTINCT date_trunc('month', period_start)), min(period_start), "
           "max(period_start) FROM transactions WHERE list_contains(?, body_key) GROUP BY ALL",
}


def _months(cur, keys: list) -> dict:
    """{(body_key, fy): (months with spend, first month, last month)} for the bodies of ``keys``."""
    from lib import summary

    rows = cur.execute(_MONTHS_SQL[summary.by_month(cur, None)], [list(keys)]).fetchall()
    return {(k, fy): (int(n), lo, hi) for k, fy, n, lo, hi in rows}


def months_note(name: str, fy: str, months: tuple | None) -> str | None:
    """Said of a body's year that has spend in fewer than its twelve months (a peer's one monthly file,
    a year in progress): its totals are not a full year's. None for a full year."""
    if not months or months[0] >= 12:
        return None
    n, lo, hi = months
    span = f"{lo:%B %Y}" if n == 1 else f"{n} months between {lo:%B %Y} and {hi:%B %Y}"
    return (f"{name}'s {fy} spend covers {n} month{'' if n == 1 else 's'} of 12 ({span}): its total is not a full "
            "year's, so set it beside another body's with care")


def body_years(cur, body_key: str, name: str, own: bool) -> pd.DataFrame:
    """One row a financial year for one body: total, lines, local %, region %, unknown location %,
    SME %, on-contract %; a share that cannot be worked out is None and ``notes`` says why."""
    return _years(cur, [(body_key, name, own)])[0]


def _years(cur, listed: list) -> list[pd.DataFrame]:
    """:func:`body_years` of each body of ``listed`` ((body_key, name, own) each), from one pass over
    the spend: every body's sums placed against its own area together."""
    from lib import suppliers

    areas = [area_of(cur, k, n) for k, n, _ in listed]
    source = _BODY_SOURCE[_summed(cur, "spend_by_body_supplier")]
    df = _ring_query(cur, areas, source, _BODY_SELECT, [], suppliers.sme_column(suppliers.sme_test(cur)))
    by_body = dict(tuple(df.groupby("body_key", sort=False))) if len(df) else {}
    located = cur.execute("SELECT count(*) FROM supplier_locations WHERE ring <> 'Unknown'").fetchone()[0]
    # contracts_current has a row for each contract of the contracts table's latest versions: one
    # exists when the table has a row (asked of the table, not of the view, which works out every contract)
    has_contracts = any(o for _, _, o in listed) and cur.execute("SELECT EXISTS (SELECT 1 FROM contracts)").fetchone()[0]
    months = _months(cur, [k for k, _, _ in listed])
    return [_body_rows(cur, k, n, bool(o), area, by_body.get(k, df.iloc[0:0]), located, has_contracts, months)
            for (k, n, o), area in zip(listed, areas)]


def _body_rows(cur, body_key: str, name: str, own: bool, area: Area, df: pd.DataFrame, located: int,
               has_contracts: bool, months: dict | None = None) -> pd.DataFrame:
    from lib.filters import Filters
    from lib.scorecard.spend import spend_facts

    cover = {}
    if own:  # the contracts register is the store's own bodies': their measure, as the scorecard has it
        facts = spend_facts(cur, Filters(bodies=(body_key,)))
        cover = dict(zip(facts["fy"], facts["on_contract"]))
    rows = []
    for r in df.itertuples(index=False):
        covered = (months or {}).get((body_key, r.fy))
        notes = [n for n in (months_note(name, r.fy, covered),) if n]
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
                             "(not in the supplier register, no postcode, or a partial postcode across its area's boundary): "
                             "its local and region shares are a floor")
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
                     area.local_name, area.region_name, "; ".join(notes), covered[0] if covered else None])
    return pd.DataFrame(rows, columns=COLUMNS)


def chosen_areas(cur, bodies: tuple = ()) -> list[Area]:
    """The area of each body chosen (``bodies``; the store's own when empty), own bodies first."""
    rows = cur.execute("SELECT body_key, name FROM bodies WHERE CASE WHEN len(?::VARCHAR[]) = 0 THEN own "
                       "ELSE list_contains(?::VARCHAR[], body_key) END ORDER BY own DESC, is_default DESC, name",
                       [list(bodies), list(bodies)]).fetchall()
    return [area_of(cur, k, n) for k, n in rows]


def _names_and(names: list[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else NO_DATA


def ring_scope(cur, bodies: tuple = ()) -> dict:
    """Whether the chosen bodies' rings are the stored ones (every chosen body's area is the
    force's: Lancashire, North West), and in words whose areas they are: {stored, local, region,
    text} (``text`` None when stored)."""
    from lib.bodies import names_of

    areas = chosen_areas(cur, bodies)
    stored = all(_stored(a) for a in areas)
    local = _names_and([a.local_name or NO_DATA for a in areas])
    region = _names_and([a.region_name or NO_DATA for a in areas])
    if stored:
        return {"stored": True, "local": local, "region": region, "text": None}
    chosen = [f"{n} (area {a.local_name or 'not known'}" + (f", region {a.region_name})" if a.region_name else ")")
              for n, a in zip(names_of(cur, [a.body_key for a in areas]), areas)]
    one = len(chosen) == 1
    text = (f"{_names_and(chosen)} {'is' if one else 'are'} chosen. This page's local and regional figures are "
            "drawn against Lancashire and the North West, the force's area, so they are not shown here: "
            + ("its own shares, against its own area," if one else "the chosen bodies' shares, each against its own area,")
            + " are below and on the Peers page.")
    return {"stored": False, "local": local, "region": region, "text": text}


_RELATIVE_SELECT = "SELECT " + _SHARES + " FROM p"


def relative_rings(cur, f) -> dict:
    """The spend of the filters ``f`` (lib.filters.Filters) with each line's ring relative to its own
    body's area: {total, lines, local, region, unknown (Decimal), local_pct, region_pct, unknown_pct,
    local_name, region_name, reason}; a share is None (``reason`` says why) when no supplier is placed
    yet or a chosen body's area (or region) is not known."""
    from lib.filters import where_clause

    areas = chosen_areas(cur, f.bodies)
    where, params = where_clause(f)  # fixed SQL text from lib.filters; the values are bound
    source = _FILTERED_SOURCE[_summed(cur, "spend_by_body_supplier", f)].format(where=where)
    r = _ring_query(cur, areas, source, _RELATIVE_SELECT, params).iloc[0]
    total = r["total"] if r["total"] is not None else Decimal("0.00")
    scope = ring_scope(cur, f.bodies)
    placed = cur.execute("SELECT count(*) FROM supplier_locations WHERE ring <> 'Unknown'").fetchone()[0] > 0
    has_local = placed and all(a.local_code for a in areas)
    has_region = placed and all(a.region_code for a in areas)
    reason = (None if has_local and has_region else
              "no supplier is placed yet: needs the supplier register and the postcode reference" if not placed else
              "a chosen body's area or region is not known: set it on the Bodies page")
    return {"total": total, "reason": reason, "lines": int(r["lines"] or 0), "local": r["local"], "region": r["region"],
            "unknown": r["unknown_location"],
            "local_pct": share_pct(r["local"], total) if has_local else None,
            "region_pct": share_pct(r["region"], total) if has_region else None,
            "unknown_pct": share_pct(r["unknown_location"], total),
            "local_name": scope["local"], "region_name": scope["region"]}


def ring_note(cur, fy: str, bodies: tuple = ()) -> str | None:
    """Why the local and North West measures are not given for the chosen bodies (None when their
    area is the force's), with their own shares in ``fy``: for the scorecard."""
    from lib.filters import Filters

    scope = ring_scope(cur, bodies)
    if scope["stored"]:
        return None
    r = relative_rings(cur, Filters(fy=fy, bodies=tuple(bodies)))
    own = (f"local ({r['local_name']}) {_pct(r['local_pct'])}, region ({r['region_name']}) {_pct(r['region_pct'])} "
           f"in {fy}" if r["lines"] else f"no spend in {fy}")
    return ("measured against Lancashire and the North West, the force's area, not the chosen bodies' own; "
            f"their own shares: {own} (Peers page)")


def has_peer(table: pd.DataFrame) -> bool:
    """Does the comparison (:func:`comparison`) hold a body that is not the store's own?"""
    return bool((~table["own"].astype(bool)).any())


def no_peer_note(table: pd.DataFrame) -> str:
    """What the Peers page says when only the store's own bodies are loaded: which they are, and how a
    peer comes in."""
    own = list(dict.fromkeys(table.loc[table["own"].astype(bool), "body"]))
    whose = (f"Only the store's own {'body' if len(own) == 1 else 'bodies'} "
             f"({' and '.join(own) if len(own) <= 2 else ', '.join(own[:-1]) + ' and ' + own[-1]}) "
             f"{'has' if len(own) == 1 else 'have'} spend loaded: no peer yet.")
    return (whose + " Upload another body's spend file (a force, a PCC, a fire service or a council): the upload "
            "says whose it is, loads it as a peer, never into the force's figures, and it is compared here.")


def comparison(cur, keys: tuple = ()) -> pd.DataFrame:
    """Every body loaded (or those of ``keys``), every year: see :func:`body_years`. Own bodies first."""
    has_spend = _HAS_SPEND[_summed(cur, "spend_by_body_batch")]
    listed = cur.execute("SELECT b.body_key, b.name, b.own FROM bodies b WHERE " + has_spend + " "
                         "ORDER BY b.own DESC, b.is_default DESC, b.name").fetchall()
    if keys:
        listed = [r for r in listed if r[0] in keys]
    frames = [f for f in _years(cur, listed) if not f.empty] if listed else []
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


# The suppliers bodies share: spend by body, supplier (its register supplier, else its name key) and
# name as published, from the lines when the summaries are not up to date; each supplier named as
# most of its lines name it.
_SHARED_LINES = """
WITH n AS (SELECT t.body_key, t.supplier_key, t.supplier_name, sum(t.amount) AS amount, count(*) AS lines
           FROM transactions t WHERE NOT t.is_redacted AND t.supplier_key <> '' {fy} GROUP BY ALL),
s AS (SELECT n.body_key, coalesce(l.supplier_ref, 'KEY:' || n.supplier_key) AS who,
             arg_max(n.supplier_name, (n.lines, n.supplier_name)) AS name, sum(n.amount) AS amount,
             list(DISTINCT n.supplier_key ORDER BY n.supplier_key) AS keys
      FROM n LEFT JOIN supplier_links l ON l.spend_key = n.supplier_key GROUP BY ALL),
shared AS (SELECT who FROM s GROUP BY who HAVING count(DISTINCT body_key) >= 2
           ORDER BY sum(amount) DESC, who LIMIT $n)
SELECT s.who, coalesce(c.name, s.name) AS supplier, b.name AS body, s.body_key, s.amount, s.keys
FROM s JOIN shared USING (who) JOIN bodies b ON b.body_key = s.body_key
LEFT JOIN suppliers_current c ON c.supplier_ref = s.who
ORDER BY b.own DESC, b.name, s.who"""
# The same from the summaries: which suppliers are shared, and their spend, from spend by year, body,
# supplier key and redacted or not (lib.summary_pages: tens of thousands of rows a year); the names
# as published only of the keys of those few suppliers, from the supplier summary.
_SHARED_SUMMED = """
WITH n AS (SELECT t.body_key, t.supplier_key, sum(t.amount) AS amount FROM spend_by_body_supplier t
           WHERE NOT t.is_redacted AND t.supplier_key <> '' {fy} GROUP BY ALL),
s AS (SELECT n.body_key, coalesce(l.supplier_ref, 'KEY:' || n.supplier_key) AS who, sum(n.amount) AS amount,
             list(DISTINCT n.supplier_key ORDER BY n.supplier_key) AS keys
      FROM n LEFT JOIN supplier_links l ON l.spend_key = n.supplier_key GROUP BY ALL),
shared AS (SELECT who FROM s GROUP BY who HAVING count(DISTINCT body_key) >= 2
           ORDER BY sum(amount) DESC, who LIMIT $n),
named AS (SELECT t.body_key, coalesce(l.supplier_ref, 'KEY:' || t.supplier_key) AS who,
                 arg_max(t.supplier_name, (t.lines, t.supplier_name)) AS name
          FROM (SELECT t.body_key, t.supplier_key, t.supplier_name, sum(t.lines) AS lines FROM spend_by_supplier t
                WHERE NOT t.is_redacted AND t.supplier_key <> '' {fy}
                  AND t.supplier_key IN (SELECT unnest(s.keys) FROM s JOIN shared USING (who)) GROUP BY ALL) t
          LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key GROUP BY ALL)
SELECT s.who, coalesce(c.name, named.name) AS supplier, b.name AS body, s.body_key, s.amount, s.keys
FROM s JOIN shared USING (who) JOIN named USING (body_key, who) JOIN bodies b ON b.body_key = s.body_key
LEFT JOIN suppliers_current c ON c.supplier_ref = s.who
ORDER BY b.own DESC, b.name, s.who"""
_SHARED_SQL = {"spend_by_body_supplier": _SHARED_SUMMED, "transactions": _SHARED_LINES}
# A year as a plain condition (not "$fy IS NULL OR ..."), so DuckDB's zone maps skip the other years.
_SHARED_FY = {True: "AND t.fy = $fy", False: ""}


def shared_suppliers(cur, fy: str | None = None, n: int = 15) -> pd.DataFrame:
    """The largest suppliers paid by two or more of the bodies loaded (linked to the same register
    supplier, else the same name key), in ``fy`` (or all years): supplier, bodies, total, then one
    column of spend per body (its name; None where it paid nothing), and supplier_keys and
    body_keys (lists: the spend names and bodies behind the row, for its drill-down)."""
    from lib.filters import Filters

    sql = _SHARED_SQL[_summed(cur, "spend_by_body_supplier", Filters(fy=fy))].replace("{fy}", _SHARED_FY[fy is not None])
    rel = cur.execute(sql, {"fy": fy, "n": int(n)} if fy is not None else {"n": int(n)})
    df = pd.DataFrame(rel.fetchall(), columns=[d[0] for d in rel.description])
    if df.empty:
        return pd.DataFrame(columns=["supplier", "bodies", "total", "supplier_keys", "body_keys"])
    names = df.groupby("who")["supplier"].first()
    wide = df.pivot_table(index="who", columns="body", values="amount", aggfunc="first", sort=False)
    order = list(dict.fromkeys(df["body"]))
    out = pd.DataFrame({"supplier": names.reindex(wide.index)})
    out["bodies"] = wide.notna().sum(axis=1).astype(int)
    out["total"] = [sum((v for v in row if v is not None and v == v), Decimal("0")) for row in wide[order].itertuples(index=False)]
    for b in order:
        out[b] = [None if v is None or v != v else v for v in wide[b]]
    keys = df.groupby("who")["keys"].agg(lambda ks: sorted({k for kk in ks for k in kk}))
    paying = df.groupby("who")["body_key"].agg(list)
    out["supplier_keys"] = [keys[w] for w in out.index]
    out["body_keys"] = [paying[w] for w in out.index]
    return out.sort_values("total", ascending=False).reset_index(drop=True)


# ---- what the Peers page shows --------------------------------------------------------------

MEASURE_LABELS = {"total": "Total spend", "local_pct": "Local %", "region_pct": "Region %",
                  "sme_pct": "SME %", "on_contract_pct": "On contract %", "unknown_location_pct": "Location unknown %"}
# Where a body's figure opens (the same pages as the force's own, with the Bodies filter set).
PAGES = {"pages/overview.py": "Overview", "pages/transactions.py": "Transactions",
         "pages/rings.py": "Local and regional spend", "pages/suppliers.py": "Suppliers"}
NO_DATA = "no data"
NOT_KNOWN = "not known"  # a body's place the reference cannot find (the Bodies page's form says "(not known)")


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
    before, the shares (None: "no data", the notes say why). Money and shares stay numbers (Decimal),
    so the table sorts by them; lib.ui.tables writes them (TABLE_KINDS). body_key and fy: the row's
    drill-down."""
    rows = []
    for r in now.itertuples(index=False):
        before = prev["total"].get(r.body_key) if len(prev) else None
        rows.append({
            "body_key": r.body_key, "fy": r.fy, "Body": r.body, "Whose": "Own" if r.own else "Peer",
            "Local area / region": f"{r.local_area or NO_DATA} / {r.region_area or NO_DATA}",
            "Months": r.months, "Total spend": r.total,
            "Change on the year before": None if before is None else r.total - before,
            "Lines": int(r.lines),
            "Local %": r.local_pct, "Region %": r.region_pct, "SME %": r.sme_pct,
            "On contract %": r.on_contract_pct, "Location unknown %": r.unknown_location_pct,
        })
    return pd.DataFrame(rows)


# How lib.ui.tables writes the Peers page's columns (money and shares written, sorted as numbers).
TABLE_KINDS = {"Months": "count", "Total spend": "money", "Change on the year before": "money", "Lines": "count",
               "Local %": "percent", "Region %": "percent", "SME %": "percent", "On contract %": "percent",
               "Location unknown %": "percent", "Total": "money", "Bodies paying it": "count"}
# Where a figure of the Peers page opens (the page that explains the force's own figure of that
# kind), for the body and year it is of: a column's name or a measure → a filter change's page.
FIGURE_PAGES = {"Local area / region": "pages/rings.py", "Local %": "pages/rings.py", "Region %": "pages/rings.py",
                "Location unknown %": "pages/rings.py", "SME %": "pages/scorecard.py",
                "On contract %": "pages/scorecard.py",
                "local_pct": "pages/rings.py", "region_pct": "pages/rings.py", "unknown_location_pct": "pages/rings.py",
                "sme_pct": "pages/scorecard.py", "on_contract_pct": "pages/scorecard.py"}
# The scorecard measure a figure is (the Scorecard page explains that one).
FIGURE_MEASURES = {"SME %": "sme_pct", "On contract %": "on_contract_pct", "sme_pct": "sme_pct",
                   "on_contract_pct": "on_contract_pct"}


def figure_change(figure: str, body_key: str | list, fy: str | None) -> dict:
    """The filter change a Peers figure opens (lib.ui.drill): the body (or bodies) and year, and the
    page that explains the figure (Transactions for money)."""
    change = {"bodies": [body_key] if isinstance(body_key, str) else list(body_key), "fy": fy}
    if figure in FIGURE_PAGES:
        change["page"] = FIGURE_PAGES[figure]
    if figure in FIGURE_MEASURES:
        change["measure"] = FIGURE_MEASURES[figure]
    return change


def over_time(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Bodies × financial years of one measure, as numbers (None: no spend that year, or a share
    that cannot be worked out); body_key for the drill-down."""
    years = sorted(set(table["fy"]))
    out = []
    for (key, body), g in table.groupby(["body_key", "body"], sort=False):
        by = dict(zip(g["fy"], g[measure]))
        out.append({"body_key": key, "Body": body} | {y: by.get(y) for y in years})
    return pd.DataFrame(out)


def trend_figure(table: pd.DataFrame, measure: str):
    """A line a body over the financial years of one measure (years with no data left as gaps);
    each point's customdata[0] is point_id(body_key, fy), for its drill-down."""
    import plotly.graph_objects as go

    from lib.charts import _layout, _money_axis  # (plotly: imported where a chart is drawn, not by the loader's CLI)

    traces = []
    years = sorted(set(table["fy"]))
    for (key, body), g in table.groupby(["body_key", "body"], sort=False):
        by = dict(zip(g["fy"], g[measure]))
        ys = [None if by.get(y) is None else float(by[y]) for y in years]
        traces.append(go.Scatter(x=years, y=ys, mode="lines+markers", name=body, connectgaps=False,
                                 customdata=[[point_id(key, y)] for y in years],
                                 hovertemplate="%{x}: " + ("£%{y:,.0f}" if measure == "total" else "%{y:.2f}%")
                                 + "<extra>" + body + "</extra>"))
    # The layout every chart shares (lib.charts): the title above the plot with room for it (a peer's
    # £895M point sat under it, past the top tick), pounds and percentages written on the axis.
    money = measure == "total"
    layout = _layout(MEASURE_LABELS[measure] + " by body" + (" (£)" if money else " (%)"), 400,
                     yaxis=dict(title=dict(text=MEASURE_LABELS[measure] + (" (£)" if money else " (%)")),
                                rangemode="tozero", **(_money_axis() if money else
                                                       dict(ticksuffix="%", gridcolor="#e6e6e6"))),
                     xaxis=dict(title=dict(text="Financial year"), type="category"))
    layout["margin"] = layout["margin"] | dict(b=70)  # (the legend below the axis)
    return go.Figure(data=traces, layout=layout)  # (the layout given whole: see lib.charts._layout)


def point_id(body_key: str, fy: str) -> str:
    """How a point of the trend chart names itself to a click handler: 'CUMBRIA CONSTABULARY|2023/24'."""
    return f"{body_key}|{fy}"


def trend_changes(table: pd.DataFrame, measure: str) -> dict:
    """{point_id: the filter change a click on that point opens} for :func:`trend_figure`."""
    return {point_id(k, y): figure_change(measure, k, y) for k, y in zip(table["body_key"], table["fy"])}


def money_table(shared: pd.DataFrame) -> pd.DataFrame:
    """The shared suppliers under the page's labels, money kept as numbers (a body that paid
    nothing: None)."""
    return shared.rename(columns={"supplier": "Supplier", "bodies": "Bodies paying it", "total": "Total"})


def shared_change(row, column: str, body_keys: dict, fy: str | None) -> dict | None:
    """The filter change a cell of the shared-suppliers table opens: Transactions of that supplier
    for the body of its column (or every body paying it), in ``fy``; None for a body that paid it
    nothing. ``body_keys``: {body name: key}."""
    if column in body_keys:
        if row[column] is None or row[column] != row[column]:
            return None
        bodies = [body_keys[column]]
    else:
        bodies = list(row["body_keys"])
    return {"bodies": bodies, "suppliers": list(row["supplier_keys"]), "fy": fy}


def areas_table(cur) -> pd.DataFrame:
    """Each body the store knows with its local area, region and how they were found."""
    out = []
    for key, name, own in cur.execute("SELECT body_key, name, own FROM bodies ORDER BY own DESC, name").fetchall():
        a = area_of(cur, key, name)
        # ("not known", as the form below the table says it: no figure is missing, a place is)
        out.append({"body_key": key, "Body": name, "Local area": a.local_name or NOT_KNOWN,
                    "Districts": len(a.local_districts), "Region": a.region_name or NOT_KNOWN, "How": a.how})
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
