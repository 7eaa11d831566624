"""Where the money goes, by place: read-only questions of spend by ring and district.

Every function takes a DuckDB cursor (or a store path, or None) and a
:class:`~lib.filters.Filters`; the filters become SQL only through
:func:`lib.filters.where_clause` (its columns, fy, period_start, department, category and
supplier_key, are columns of both ``transactions`` and ``spend_located``). Money is summed in SQL
as DECIMAL and comes back as :class:`decimal.Decimal`; percentages are worked out from those exact
sums by lib.format.share_pct (Decimal, two decimals, half up).

Places are those of the ``spend_located`` view (m005): a transaction's supplier_key → its
register supplier (supplier_links) → that supplier's ring and district (supplier_locations),
'Unknown' when any link is missing. Both joins are on unique keys, so the queries here join the
filtered transactions (or a summary of them, lib.summary) to each key's place and sum them per
register supplier and place (one pass), and answer every question from those few thousand sums:
the same figures as grouping spend_located line by line (tested), without joining every line to
the SME/VCSE facts the view also carries.
:func:`map_data` answers all the Map page's questions from one such pass.

Rings, always all five and in this order: Lancashire, North West (the rest of the region),
Rest of UK, Outside UK, Unknown. Local % = Lancashire ÷ all spend; North West % =
(Lancashire + North West) ÷ all spend; "Unknown" (no link to the register, no postcode, no
location) stays in the denominator and is always reported beside them.
"""
from __future__ import annotations

import contextlib
import itertools
from decimal import Decimal

import pandas as pd

from lib import summary
from lib.filters import NOT_GIVEN, Filters, fy_start, where_clause
from lib.format import share_pct
from lib.geo.postcodes import RINGS
from lib.rows import cursor_of, frame
from lib.scorecard.targets import amount_to_reach, targets_in_force

ZERO = Decimal("0.00")
NO_DISTRICT = "(district not known)"
NON_LOCAL = ("North West", "Rest of UK", "Outside UK")

# The dimensions rings_by groups on: key → (SQL label expression, needs the NOT_GIVEN parameter).
RING_DIMENSIONS = {
    "fy": ("t.fy", False),
    "month": ("CAST(date_trunc('month', t.period_start) AS DATE)", False),
    "department": ("coalesce(nullif(trim(t.department), ''), ?)", True),
    "category": ("coalesce(nullif(trim(t.category), ''), ?)", True),
}

# Target measures (rows of the targets table) for the two ring percentages.
TARGET_MEASURES = {"local": "local_pct", "north_west": "north_west_pct"}

# What lib.ui may cache (name → function here); names do not clash with lib.queries.
CACHEABLE = (
    "map_data", "spend_by_ring", "ring_summary", "rings_by", "spend_by_district", "supplier_points",
    "district_suppliers", "local_growth", "local_growth_categories", "local_growth_suppliers", "ring_targets",
    "target_gap",
)

_RINGS_VALUES = ", ".join(f"('{r}', {i})" for i, r in enumerate(RINGS))  # fixed text: RINGS is a constant
_names = itertools.count()


# ---- one pass over the lines, then the places ----------------------------------------------

# Each linked spend key's register supplier and its place (ring NULL when the supplier has no
# location): fixed SQL, a few thousand rows; a key not here is Unknown.
_KEY_PLACES = ("SELECT l.spend_key, l.supplier_ref, loc.ring, loc.district_code FROM supplier_links l "
               "LEFT JOIN supplier_locations loc ON loc.supplier_ref = l.supplier_ref")
_KNOWN_RINGS = "('Lancashire', 'North West', 'Rest of UK', 'Outside UK')"


def _placed_sql(where: str, by: str = "", src: str = "transactions", lines: str = "count(*)",
                known_only: bool = False) -> str:
    """Filtered spend placed as spend_located places each line and summed per register supplier and
    place (and per ``by``, fixed SQL text from this module). Columns: [label,] supplier_ref (None:
    linked to no register supplier), ring, district_code, amount, lines. ``known_only``: only the
    spend of suppliers placed in a ring other than Unknown (for a question that leaves the Unknown
    ring out).

    Each line (or summary row) is joined to its key's place (a unique key: at most one row) and
    summed by place, not first by supplier key: tens of thousands of keys a year are never grouped."""
    label = f"{by} AS label, " if by else ""
    known = f" AND k.ring IN {_KNOWN_RINGS}" if known_only else ""
    return f"""
        WITH k AS ({_KEY_PLACES})
        SELECT {label}k.supplier_ref, coalesce(k.ring, 'Unknown') AS ring, k.district_code,
               sum(t.amount) AS amount, {lines} AS lines
        FROM {src} t {"JOIN" if known_only else "LEFT JOIN"} k ON k.spend_key = t.supplier_key
        WHERE {where}{known} GROUP BY ALL"""


# Spend summed ahead (lib.summary) that may stand in for the lines: table -> the splits it holds.
_SUMMED = {"spend_by_body_supplier": (None, "fy"), "spend_by_supplier_category": (None, "fy", "category")}


def _source(cur, f: Filters, by: str | None) -> tuple[str, str]:
    """(table, line count) to sum ``f``'s spend split by ``by`` from: the first summary holding the
    split that answers the filters and is up to date, else the lines."""
    for table, splits in _SUMMED.items():
        if by in splits and summary.answers(cur, table, f):
            return table, "sum(t.lines)"
    return "transactions", "count(*)"


@contextlib.contextmanager
def _placed(cur, f: Filters, by: str | None = None, known_only: bool = False):
    """Register the placed sums for ``f`` (see _placed_sql) on a new cursor of ``cur``'s database;
    yield (that cursor, the view's name).

    The sums are fetched once as an Arrow table (exact decimals) and every question after that
    reads those few thousand rows, not the lines.
    """
    where, params = where_clause(f, "t")
    expr, needs_label = RING_DIMENSIONS[by] if by else ("", False)
    own = cur.cursor()  # a private connection: the caller's may hold an unfinished result
    try:
        src, lines = _source(cur, f, by)
        table = own.sql(_placed_sql(where, expr, src, lines, known_only), params=([NOT_GIVEN] if needs_label else []) + params).to_arrow_table()
        name = f"_placed_{next(_names)}"  # identifiers made here, never from input
        own.register(name, table)
        yield own, name
    finally:
        own.close()


def _ring_frame(cur, placed: str) -> pd.DataFrame:
    df = frame(
        cur,
        f"""WITH r(ring, ord) AS (VALUES {_RINGS_VALUES}),
                 g AS (SELECT ring, sum(amount) AS amount, sum(lines) AS lines,
                              count(DISTINCT supplier_ref) AS suppliers
                       FROM {placed} GROUP BY ring)
            SELECT r.ring, coalesce(g.amount, 0)::DECIMAL(18,2) AS amount,
                   coalesce(g.lines, 0)::BIGINT AS lines, coalesce(g.suppliers, 0)::BIGINT AS suppliers
            FROM r LEFT JOIN g USING (ring) ORDER BY r.ord""",
    )
    total = sum(df["amount"], ZERO)
    df["share_pct"] = [share_pct(a, total) for a in df["amount"]]
    return df


def _district_frame(cur, placed: str) -> pd.DataFrame:
    return frame(
        cur,
        f"""WITH g AS (SELECT district_code, ring, sum(amount) AS amount, sum(lines) AS lines,
                              count(DISTINCT supplier_ref) AS suppliers
                       FROM {placed} GROUP BY ALL)
            SELECT g.district_code, coalesce(d.district_name, g.district_code, ?) AS district_name, g.ring,
                   g.amount::DECIMAL(18,2) AS amount, g.lines::BIGINT AS lines, g.suppliers
            FROM g LEFT JOIN districts d USING (district_code)
            ORDER BY g.amount DESC, g.district_code NULLS LAST, g.ring""",
        [NO_DISTRICT],
    )


# The name people know a supplier by: a staff edit, else the register's, else its reference.
_NAME_SQL = "coalesce(en.new_value, rl.name, regexp_replace(g.supplier_ref, '^(ID|KEY):', ''))"
_NAME_JOINS = """
    LEFT JOIN (SELECT supplier_ref, name FROM register_latest) rl ON rl.supplier_ref = g.supplier_ref
    LEFT JOIN (SELECT supplier_ref, new_value FROM supplier_edits_latest WHERE field = 'name') en
        ON en.supplier_ref = g.supplier_ref"""


def _supplier_frame(cur, placed: str, district_code: str | None = None) -> pd.DataFrame:
    only = "AND loc.district_code = ?" if district_code is not None else ""
    return frame(
        cur,
        f"""WITH g AS (SELECT supplier_ref, sum(amount) AS amount, sum(lines) AS lines
                       FROM {placed} WHERE supplier_ref IS NOT NULL GROUP BY supplier_ref)
            SELECT g.supplier_ref, {_NAME_SQL} AS name, loc.postcode, loc.ring,
                   loc.district_code, d.district_name, loc.lat, loc.lon, loc.approximate,
                   g.amount::DECIMAL(18,2) AS amount, g.lines::BIGINT AS lines
            FROM g
            JOIN supplier_locations loc ON loc.supplier_ref = g.supplier_ref
            LEFT JOIN districts d ON d.district_code = loc.district_code
            {_NAME_JOINS}
            WHERE TRUE {only}
            ORDER BY g.amount DESC, g.supplier_ref""",
        [district_code] if district_code is not None else [],
    )


# ---- the questions --------------------------------------------------------------------------

def spend_by_ring(db, f: Filters) -> pd.DataFrame:
    """Spend by ring, all five rings in order even when nothing was spent there.

    Columns: ring, amount (Decimal), lines, suppliers (distinct linked register suppliers),
    share_pct (Decimal, of all spend; None when there is no spend).
    """
    cur = cursor_of(db)
    with _placed(cur, f) as (cur, placed):
        return _ring_frame(cur, placed)


def summarise_rings(amounts: dict) -> dict:
    """The headline ring figures from ``{ring: Decimal}`` (missing rings count as zero).

    Returns total, lancashire, north_west (Lancashire + rest of North West), rest_of_uk,
    outside_uk, unknown (Decimals) and local_pct, north_west_pct, unknown_pct (Decimals, None
    when there is no spend).
    """
    a = {r: Decimal(amounts.get(r) or 0) for r in RINGS}
    total = sum(a.values(), ZERO)
    north_west = a["Lancashire"] + a["North West"]
    return {
        "total": total, "lancashire": a["Lancashire"], "north_west": north_west,
        "rest_of_uk": a["Rest of UK"], "outside_uk": a["Outside UK"], "unknown": a["Unknown"],
        "local_pct": share_pct(a["Lancashire"], total), "north_west_pct": share_pct(north_west, total),
        "unknown_pct": share_pct(a["Unknown"], total),
    }


def ring_summary(db, f: Filters) -> dict:
    """Local %, North West % and the unknown share for the filters (see summarise_rings)."""
    df = spend_by_ring(db, f)
    return summarise_rings(dict(zip(df["ring"], df["amount"])))


def spend_by_district(db, f: Filters) -> pd.DataFrame:
    """Spend by the district of the supplier's postcode, every ring included.

    Columns: district_code (None when not known), district_name (NO_DISTRICT when not known),
    ring, amount (Decimal), lines, suppliers. Spend with no district (Unknown, Outside UK, an
    outward code alone that straddles districts) has one row per ring, so the rows add up to
    all spend. Largest first.
    """
    cur = cursor_of(db)
    with _placed(cur, f) as (cur, placed):
        return _district_frame(cur, placed)


def rings_and_districts(db, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(spend_by_ring, spend_by_district) from one pass over the lines (the Transparency page shows both)."""
    cur = cursor_of(db)
    with _placed(cur, f) as (cur, placed):
        return _ring_frame(cur, placed), _district_frame(cur, placed)


def supplier_points(db, f: Filters) -> pd.DataFrame:
    """Each linked supplier paid under the filters, with where it is: supplier_ref, name,
    postcode, ring, district_code, district_name, lat, lon (None when not placed), approximate,
    amount (Decimal), lines. Largest first. Unlinked spend (no register supplier) is not here:
    it is in the Unknown ring of spend_by_ring."""
    cur = cursor_of(db)
    with _placed(cur, f) as (cur, placed):
        return _supplier_frame(cur, placed)


def district_suppliers(db, f: Filters, district_code: str) -> pd.DataFrame:
    """The suppliers in one district paid under the filters (columns as supplier_points),
    largest first; empty for a district with none."""
    cur = cursor_of(db)
    with _placed(cur, f) as (cur, placed):
        return _supplier_frame(cur, placed, district_code)


def in_district(points: pd.DataFrame, district_code: str) -> pd.DataFrame:
    """The rows of supplier_points in one district (the same rows as district_suppliers)."""
    return points[points["district_code"] == district_code].reset_index(drop=True)


def map_data(db, f: Filters) -> dict:
    """Everything the Map page shows, from one pass over the lines:
    ``{"rings": spend_by_ring, "summary": ring_summary, "districts": spend_by_district,
    "points": supplier_points}`` (the same frames those functions return)."""
    cur = cursor_of(db)
    with _placed(cur, f) as (cur, placed):
        rings = _ring_frame(cur, placed)
        return {
            "rings": rings,
            "summary": summarise_rings(dict(zip(rings["ring"], rings["amount"]))),
            "districts": _district_frame(cur, placed),
            "points": _supplier_frame(cur, placed),
        }


def rings_by(db, f: Filters, by: str) -> pd.DataFrame:
    """Spend by ring for each financial year, month, department or category (``by`` is a key of
    RING_DIMENSIONS; raises ValueError otherwise).

    One row per label with columns label, one Decimal column per ring (all five), total,
    local_pct, north_west_pct, unknown_pct. Years and months in date order; departments and
    categories largest first, NOT_GIVEN for a missing one.
    """
    if by not in RING_DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}: one of {', '.join(RING_DIMENSIONS)}")
    cur = cursor_of(db)
    # one statement: the placed sums are summed again by ring where they are made, not fetched first
    where, params = where_clause(f, "t")
    expr, needs_label = RING_DIMENSIONS[by]
    src, lines = _source(cur, f, by)
    own = cur.cursor()  # a private connection: the caller's may hold an unfinished result
    try:
        long = frame(own, f"SELECT label, ring, sum(amount)::DECIMAL(18,2) AS amount FROM "
                          f"({_placed_sql(where, expr, src, lines)}) GROUP BY ALL", ([NOT_GIVEN] if needs_label else []) + params)
    finally:
        own.close()
    cols = ["label", *RINGS, "total", "local_pct", "north_west_pct", "unknown_pct"]
    if long.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for label, grp in long.groupby("label", sort=False):
        s = summarise_rings(dict(zip(grp["ring"], grp["amount"])))
        amounts = {r: ZERO for r in RINGS} | {r: a for r, a in zip(grp["ring"], grp["amount"])}
        rows.append({"label": label, **amounts, "total": s["total"], "local_pct": s["local_pct"],
                     "north_west_pct": s["north_west_pct"], "unknown_pct": s["unknown_pct"]})
    out = pd.DataFrame(rows, columns=cols)
    if by in ("fy", "month"):
        out = out.sort_values("label", ignore_index=True)
    else:
        out["_t"] = [float(t) for t in out["total"]]
        out = out.sort_values(["_t", "label"], ascending=[False, True], ignore_index=True).drop(columns="_t")
    return out


def _growth_sql(placed: str) -> str:
    return f"""
        WITH s AS (SELECT nullif(trim(label), '') AS category, ring, supplier_ref, amount, lines FROM {placed}),
        local_cats AS (
            SELECT category, count(DISTINCT supplier_ref) AS lancashire_suppliers,
                   sum(amount) AS lancashire_amount
            FROM s WHERE ring = 'Lancashire' AND category IS NOT NULL GROUP BY category
            HAVING sum(amount) > 0
        ),
        non_local AS (
            SELECT s.category, s.supplier_ref, any_value(s.ring) AS ring,
                   sum(s.amount) AS amount, sum(s.lines) AS lines
            FROM s JOIN local_cats USING (category)
            WHERE s.ring IN ('North West', 'Rest of UK', 'Outside UK')
            GROUP BY s.category, s.supplier_ref HAVING sum(s.amount) > 0
        )
    """


def local_growth(db, f: Filters, limit: int = 200) -> dict:
    """``{"categories": local_growth_categories, "suppliers": local_growth_suppliers}`` from one
    statement: one pass over the lines (or the category summary), both answers from it."""
    cur = cursor_of(db)
    where, params = where_clause(f, "t")
    src, lines = _source(cur, f, "category")
    # Unknown-ring spend is neither Lancashire's nor non-local: only placed suppliers' spend is summed.
    placed = f"({_placed_sql(where, RING_DIMENSIONS['category'][0], src, lines, known_only=True)})"
    own = cur.cursor()  # a private connection: the caller's may hold an unfinished result
    try:
        rel = own.execute(_growth_sql(placed) + _GROWTH_BOTH, [NOT_GIVEN, *params, int(limit)])
        names = [d[0] for d in rel.description]
        rows = rel.fetchall()
    finally:
        own.close()
    part = names.index("part")
    out = {}
    for key, columns in (("categories", _GROWTH_CATEGORY_COLUMNS), ("suppliers", _GROWTH_SUPPLIER_COLUMNS)):
        at = [names.index(c) for c in columns]
        out[key] = pd.DataFrame([[r[i] for i in at] for r in rows if r[part] == key], columns=columns)
    return out


_GROWTH_CATEGORIES = """
    SELECT c.category, c.lancashire_suppliers, c.lancashire_amount::DECIMAL(18,2) AS lancashire_amount,
           count(n.supplier_ref) AS non_local_suppliers,
           coalesce(sum(n.amount), 0)::DECIMAL(18,2) AS non_local_amount,
           coalesce(sum(n.amount) FILTER (WHERE n.ring = 'North West'), 0)::DECIMAL(18,2) AS north_west_amount,
           coalesce(sum(n.amount) FILTER (WHERE n.ring = 'Rest of UK'), 0)::DECIMAL(18,2) AS rest_of_uk_amount,
           coalesce(sum(n.amount) FILTER (WHERE n.ring = 'Outside UK'), 0)::DECIMAL(18,2) AS outside_uk_amount
    FROM local_cats c JOIN non_local n USING (category)
    GROUP BY ALL"""
_GROWTH_CATEGORY_COLUMNS = ["category", "lancashire_suppliers", "lancashire_amount", "non_local_suppliers",
                            "non_local_amount", "north_west_amount", "rest_of_uk_amount", "outside_uk_amount"]

_GROWTH_SUPPLIERS = f"""
    SELECT g.category, g.supplier_ref, {_NAME_SQL} AS name, g.ring, g.amount::DECIMAL(18,2) AS amount,
           g.lines::BIGINT AS lines, c.lancashire_suppliers,
           c.lancashire_amount::DECIMAL(18,2) AS lancashire_amount
    FROM (SELECT * FROM non_local ORDER BY amount DESC, category, supplier_ref LIMIT ?) g
    JOIN local_cats c USING (category)
    {_NAME_JOINS}"""
_GROWTH_SUPPLIER_COLUMNS = ["category", "supplier_ref", "name", "ring", "amount", "lines", "lancashire_suppliers",
                            "lancashire_amount"]
# Both answers of local_growth in one statement (its sums made once), each part in its own order.
_GROWTH_BOTH = f""",
    cats AS ({_GROWTH_CATEGORIES}),
    sups AS ({_GROWTH_SUPPLIERS})
    SELECT * FROM (SELECT 'categories' AS part, row_number() OVER (ORDER BY non_local_amount DESC, category) AS pos, *
                   FROM cats)
    UNION ALL BY NAME
    SELECT * FROM (SELECT 'suppliers' AS part, row_number() OVER (ORDER BY amount DESC, category, supplier_ref) AS pos, *
                   FROM sups)
    ORDER BY part, pos"""


def local_growth_categories(db, f: Filters) -> pd.DataFrame:
    """"Where local spend could grow": categories in which Lancashire suppliers already supply
    the force (positive spend under the filters), with what goes to suppliers outside Lancashire.

    Columns: category, lancashire_suppliers, lancashire_amount, non_local_suppliers,
    non_local_amount, north_west_amount, rest_of_uk_amount, outside_uk_amount (Decimals).
    Largest non-local spend first. Unknown-ring spend is not counted as non-local, and a
    missing category is left out (there is nothing to compare it with).
    """
    return local_growth(db, f, 0)["categories"]


def local_growth_suppliers(db, f: Filters, limit: int = 200) -> pd.DataFrame:
    """The non-local suppliers behind local_growth_categories, largest first (at most ``limit``).

    Columns: category, supplier_ref, name, ring, amount (Decimal), lines, lancashire_suppliers,
    lancashire_amount (the category's Lancashire spend, Decimal).
    """
    return local_growth(db, f, limit)["suppliers"]


def ring_targets(db, fy: str | None) -> dict:
    """The local and North West targets in force for ``fy`` (lib.scorecard.targets, the store's one
    rule; with no year, the latest). ``{"local": {...} | None, "north_west": {...} | None}``, each
    holding value (Decimal %), from_fy, direction, source_note, set_by, set_at."""
    cur = cursor_of(db)
    if fy is not None:
        fy_start(fy)  # a malformed year is an error, not "no target"
    else:
        fy = cur.execute("SELECT max(from_fy) FROM targets").fetchone()[0]
        if fy is None:
            return {key: None for key in TARGET_MEASURES}
    in_force = targets_in_force(cur, [(m, fy) for m in TARGET_MEASURES.values()])
    return {key: in_force[(m, fy)] for key, m in TARGET_MEASURES.items()}


def target_gap(db, f: Filters) -> dict:
    """How far the filters' spend is from the local and North West targets.

    ``{"summary": ring_summary, "local": {...} | None, "north_west": {...} | None}``; each target
    dict holds target_pct (Decimal), from_fy, actual_pct (Decimal), actual_amount, target_amount
    and to_move (Decimals, to the penny): the spend that would have to move from suppliers outside
    the ring to suppliers inside it for the ring's share to reach the target (zero when it is
    already met; the total stays the same, Unknown included).
    """
    summary = ring_summary(db, f)
    targets = ring_targets(db, f.fy)
    out = {"summary": summary}
    for key, actual in (("local", summary["lancashire"]), ("north_west", summary["north_west"])):
        t = targets[key]
        if t is None:
            out[key] = None
            continue
        target_amount, to_move = amount_to_reach(summary["total"], t["value"], actual)
        out[key] = {
            "target_pct": Decimal(t["value"]), "from_fy": t["from_fy"],
            "actual_pct": summary[f"{key}_pct"], "actual_amount": actual,
            "target_amount": target_amount, "to_move": to_move,
        }
    return out
