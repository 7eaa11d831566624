"""The public store: what the public site shows, and nothing else, in a DuckDB file of its own.

Publishing (``write_public_store``) reads the staff store and writes, for every financial year,
only what the public pages show, from the functions that make the Transparency page and the
snapshot: the redacted lines (lib.publish.redaction.published_lines: a withheld beneficiary or
purpose is its label), the aggregates and scorecard (lib.publish.figures), spend by ring and by
district, the district shapes. No supplier key, register, decision or withheld name is in it.
The file is written whole under a temporary name beside its destination, searched for every
withheld name (every text column of every table; fails closed: nothing is published) and
renamed over the old one, so a reader sees the old file or the new one, never half of one.

The public site (``SPEND_MODE=public``) opens only this file, read-only (``connect``), and asks it
the questions the public pages ask, answered in the same shapes as lib.publish.figures and
lib.publish.redaction (``financial_years``, ``has_demo_data``, ``summary``, ``scorecard``,
``district_map``, ``published_lines``). A missing file, or one that is not a public store (the
staff store given by mistake), raises NotPublished: the site never falls back to the staff store.
"""
from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from lib.rows import cursor_of, frame

ENV_PUBLIC_DB = "SPEND_PUBLIC_DB"
DEFAULT_PUBLIC_DB = Path(__file__).resolve().parents[2] / "data" / "public.duckdb"
FORMAT = "spend-insight-public-store-1"
# Tables a public store holds; a file holding any other (the staff store's transactions) is refused.
TABLES = ("about", "years", "months", "categories", "rings", "scorecards", "districts", "district_shapes", "lines")
LINE_COLUMNS = {  # published_lines' columns → the public store's
    "Body": "body", "Date": "date", "Department": "department", "Beneficiary": "beneficiary", "Purpose": "purpose",
    "Amount": "amount", "Irrecoverable VAT": "irrecoverable_vat", "Category": "category",
    "Transaction reference": "transaction_ref", "month": "month", "redacted": "redacted",
}


class NotPublished(Exception):
    """No public store at the path, or the file there is not one."""


class LeakError(Exception):
    """A withheld name would have been published: nothing was written."""


def public_db_path(path: str | os.PathLike | None = None) -> Path:
    """The public store's path: the argument, else $SPEND_PUBLIC_DB, else data/public.duckdb."""
    return Path(path or os.environ.get(ENV_PUBLIC_DB) or DEFAULT_PUBLIC_DB).resolve()


# ---- writing ---------------------------------------------------------------------------------

def _withheld(cur, fys: list[str]) -> list[tuple[str | None, object]]:
    """What no public text may hold, as (fy or None for every row, matcher) pairs: each year's rows
    are searched for every spelling of every person withheld that year
    (lib.publish.redaction.withheld_people, as that year's snapshot is), and every row of every
    table for every name withheld in any year, as published."""
    from lib.publish import redaction

    return [(None, _Names(redaction.withheld_names(cur, None)))] + [
        (fy, redaction.withheld_people(cur, fy)) for fy in fys]


class _Names:
    """Exact names, case-blind."""

    def __init__(self, names):
        self.names = sorted({n.strip() for n in names if n and len(n.strip()) >= 4})

    def __bool__(self):
        return bool(self.names)

    def search(self, text):
        low = text.lower() if isinstance(text, str) else ""
        return next((n for n in self.names if n.lower() in low), None)


def _frames(cur, db, say) -> dict[str, pd.DataFrame]:
    from lib import demo_load, queries
    from lib.geo import shapes as geo_shapes
    from lib.publish import figures, redaction

    fys = queries.financial_years(cur)
    years, months, cats, rings, cards, districts, lines = [], [], [], [], [], [], []
    for i, fy in enumerate(fys):
        say(0.05 + 0.85 * i / max(len(fys), 1), f"Publishing {fy}")
        s = figures.summary(cur, fy)
        prev = s["previous"] or {}
        years.append({"fy": fy, "ord": i, "total": s["total"], "lines": s["lines"],
                      "redacted_lines": s["redacted_lines"], "redacted_amount": s["redacted_amount"],
                      "credit_lines": s["credit_lines"], "credit_amount": s["credit_amount"],
                      "prev_fy": prev.get("fy"), "prev_total": prev.get("total"), "prev_lines": prev.get("lines")})
        months.append(s["by_month"].assign(fy=fy))
        cats.append(s["by_category"].assign(fy=fy))
        if s["rings"] is not None:
            rings.append(s["rings"].assign(fy=fy))
        cards.append({"fy": fy, "card": json.dumps(figures.scorecard(cur, fy))})
        _, by_district = figures.district_map(db, fy)
        if by_district is not None:
            districts.append(by_district.assign(fy=fy))
        pub = redaction.published_lines(cur, fy)
        lines.append(pub[list(LINE_COLUMNS)].rename(columns=LINE_COLUMNS).assign(fy=fy, seq=range(len(pub))))
    shapes = geo_shapes.load_shapes(cur) if geo_shapes.shapes_built(cur=cur) else pd.DataFrame()
    about = pd.DataFrame({"key": ["format", "published_at", "demo"], "value": [
        FORMAT, datetime.now(timezone.utc).isoformat(timespec="seconds"), "1" if demo_load.label(cur) else "0"]})

    def cat(parts):
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"fy": pd.Series(dtype=str)})

    return {"about": about, "years": pd.DataFrame(years) if years else pd.DataFrame({"fy": pd.Series(dtype=str)}),
            "months": cat(months), "categories": cat(cats), "rings": cat(rings),
            "scorecards": pd.DataFrame(cards, columns=["fy", "card"]), "districts": cat(districts),
            "district_shapes": shapes if not shapes.empty else pd.DataFrame({"district_code": pd.Series(dtype=str)}),
            "lines": cat(lines)}


def leaks(con: duckdb.DuckDBPyConnection, withheld) -> list[tuple[str, str, str]]:
    """(table, column, spelling) for every text column of every table of ``con`` holding a withheld
    name. ``withheld``: (fy, matcher) pairs (see _withheld); a matcher's search(text) returns the
    spelling found, or None; fy None searches every row, else the rows of that year."""
    found = []
    cols = con.execute("SELECT c.table_name, c.column_name, "
                       "EXISTS (SELECT 1 FROM information_schema.columns f WHERE f.table_name = c.table_name "
                       "AND f.column_name = 'fy') FROM information_schema.columns c "
                       "WHERE c.data_type = 'VARCHAR' ORDER BY c.table_name, c.ordinal_position").fetchall()
    for fy, matcher in withheld:
        if not matcher:
            continue
        for table, column, has_fy in cols:
            if fy is not None and not has_fy:
                continue
            # identifiers come from the catalogue of the file just written, never from input
            sql = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
            rows = con.execute(sql + (" AND fy = ?" if fy is not None else ""), [fy] if fy is not None else []).fetchall()
            for (v,) in rows:
                hit = matcher.search(v)
                if hit:
                    found.append((table, column, hit))
                    break
    return found


def write_public_store(out: str | os.PathLike | None = None, db=None, progress=None) -> dict:
    """Write the public store of every financial year in the staff store ``db`` to ``out``
    (default $SPEND_PUBLIC_DB or data/public.duckdb), replacing any earlier one in one rename.

    Returns {path, years, lines, withheld_lines, seconds}. Raises LeakError (nothing written, the
    old file kept) if a withheld name is found in it, and ValueError when ``out`` is a file that
    is not a public store (never replaced)."""

    t0 = time.monotonic()
    say = progress or (lambda f, t: None)
    out = public_db_path(out)
    if out.exists():
        if isinstance(db, (str, os.PathLike)) and out == Path(db).resolve():
            raise ValueError(f"{out} is the staff store: give the public store another file")
        try:
            connect(out).close()
        except NotPublished:
            raise ValueError(f"{out} exists and is not a public store: nothing was replaced") from None
    cur = cursor_of(db)
    frames = _frames(cur, db if isinstance(db, (str, os.PathLike)) else None, say)
    withheld = _withheld(cur, list(frames["years"]["fy"]) if len(frames["years"]) else [])
    say(0.92, "Checking for withheld names")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for name in TABLES:
                con.from_df(frames[name]).create(name)  # (a table named by DuckDB's API: no SQL text)
            found = leaks(con, withheld)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if found:
            table, column, hit = found[0]
            raise LeakError(f"withheld name {hit!r} found in the public store ({table}.{column}): nothing published")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    lines = frames["lines"]
    say(1.0, "Published")
    return {"path": str(out), "years": list(frames["years"]["fy"]) if len(frames["years"]) else [],
            "lines": len(lines), "withheld_lines": int(lines["redacted"].sum()) if len(lines) else 0,
            "seconds": round(time.monotonic() - t0, 2)}


# ---- reading (the public site) ---------------------------------------------------------------

def connect(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """The public store at ``path``, opened read-only. NotPublished when there is none, or the file
    is not a public store (never the staff store: a file with a transactions table is refused)."""
    p = public_db_path(path)
    if not p.is_file():
        raise NotPublished(f"nothing has been published yet ({p.name} not found)")
    try:
        con = duckdb.connect(str(p), read_only=True)
    except duckdb.Error as e:
        raise NotPublished(f"{p.name} is not a public store") from e
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        fmt = con.execute("SELECT value FROM about WHERE key = 'format'").fetchone() if "about" in tables else None
    except duckdb.Error:
        tables, fmt = set(), None
    if not fmt or fmt[0] != FORMAT or not tables <= set(TABLES):
        con.close()
        raise NotPublished(f"{p.name} is not a public store")
    return con


def _about(cur, key: str) -> str | None:
    row = cur.execute("SELECT value FROM about WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def stamp(cur) -> tuple:
    """When the store was published: part of every cache key on the public site."""
    return ("public", _about(cur, "published_at"))


def financial_years(cur) -> list[str]:
    """The financial years published, newest first."""
    return [r[0] for r in cur.execute("SELECT fy FROM years ORDER BY ord").fetchall()]


def has_demo_data(cur) -> bool:
    return _about(cur, "demo") == "1"


def summary(cur, fy: str) -> dict:
    """lib.publish.figures.summary's dict for ``fy``, read from the public store."""
    y = frame(cur, "SELECT * FROM years WHERE fy = ?", [fy])
    if y.empty:
        raise ValueError(f"{fy} is not published")
    r = y.iloc[0]
    by_month = frame(cur, "SELECT month, amount, lines FROM months WHERE fy = ? ORDER BY month", [fy])
    cats = frame(cur, "SELECT label, amount, lines FROM categories WHERE fy = ? ORDER BY amount DESC", [fy]) \
        if _has_columns(cur, "categories", "label") else pd.DataFrame(columns=["label", "amount", "lines"])
    rings = None
    if _has_columns(cur, "rings", "ring"):
        rings = frame(cur, "SELECT * EXCLUDE (fy) FROM rings WHERE fy = ?", [fy])
        rings = rings if not rings.empty else None
    return {
        "fy": fy, "total": r["total"], "lines": int(r["lines"]), "redacted_lines": int(r["redacted_lines"]),
        "redacted_amount": r["redacted_amount"], "credit_lines": int(r["credit_lines"]),
        "credit_amount": r["credit_amount"],
        "previous": None if r["prev_fy"] is None or pd.isna(r["prev_fy"]) else
        {"fy": r["prev_fy"], "total": r["prev_total"], "lines": int(r["prev_lines"])},
        "by_month": by_month, "by_category": cats, "rings": rings,
    }


def _has_columns(cur, table: str, column: str) -> bool:
    return bool(cur.execute("SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                            [table, column]).fetchone())


def scorecard(cur, fy: str) -> dict | None:
    """lib.publish.figures.scorecard's dict for ``fy`` (as ``python -m lib.cli kpis`` prints it)."""
    row = cur.execute("SELECT card FROM scorecards WHERE fy = ?", [fy]).fetchone()
    return json.loads(row[0]) if row else None


def district_map(cur, fy: str, title: str | None = None, height: int = 640):
    """lib.publish.figures.district_map's (figure, by_district) for ``fy``; (None, None) when no
    district shapes were published."""
    from lib import maps

    if not _has_columns(cur, "district_shapes", "geom_wkt") or not _has_columns(cur, "districts", "ring"):
        return None, None
    shp = cur.execute("SELECT * FROM district_shapes ORDER BY district_code").df()
    by_district = frame(cur, "SELECT * EXCLUDE (fy) FROM districts WHERE fy = ? ORDER BY amount DESC", [fy])
    if shp.empty:
        return None, None
    fig = maps.district_choropleth(shp, by_district, title or f"Spend by supplier's district, {fy}", height=height)
    return fig, by_district


def published_lines(cur, fy: str) -> pd.DataFrame:
    """lib.publish.redaction.published_lines for ``fy`` (the Transparency Code layout, plus month
    and redacted), read from the public store."""
    back = {v: k for k, v in LINE_COLUMNS.items()}
    cols = ", ".join(f'"{c}"' for c in back)  # this module's constants
    df = frame(cur, f"SELECT {cols} FROM lines WHERE fy = ? ORDER BY seq", [fy]) \
        if _has_columns(cur, "lines", "body") else pd.DataFrame(columns=list(back))
    df = df.rename(columns=back)
    if not df.empty:
        df["redacted"] = df["redacted"].astype(bool)
    return df


def published_months(cur, fy: str) -> pd.DataFrame:
    """lib.publish.redaction.published_months for ``fy`` (month, lines, amount), read from the public store."""
    if not _has_columns(cur, "lines", "body"):
        return pd.DataFrame(columns=["month", "lines", "amount"])
    df = frame(cur, "SELECT month, count(*) AS lines, sum(amount) AS amount FROM lines WHERE fy = ? "
                    "GROUP BY month ORDER BY month", [fy])
    df["month"] = pd.to_datetime(df["month"]).dt.date
    return df


def _withheld_lines(cur, fy: str, month=None) -> tuple[int, Decimal]:
    if not _has_columns(cur, "lines", "body"):
        return 0, Decimal("0.00")
    n, amount = cur.execute("SELECT count(*), coalesce(sum(amount), 0) FROM lines WHERE fy = ? AND redacted"
                            + (" AND month = ?" if month is not None else ""),
                            [fy] + ([month] if month is not None else [])).fetchone()
    return int(n), Decimal(amount) + Decimal("0.00")


def month_figures(cur, fy: str, month) -> dict:
    """lib.publish.redaction.month_figures ({lines, amount, withheld, withheld_amount}), read from the public store."""
    m = published_months(cur, fy)
    m = m[m["month"] == month]
    n, amount = _withheld_lines(cur, fy, month)
    return {"lines": int(m["lines"].sum()), "amount": sum(m["amount"], start=Decimal("0.00")),
            "withheld": n, "withheld_amount": amount}


def withheld_totals(cur, fy: str) -> dict:
    """lib.publish.redaction.withheld_totals for ``fy`` ({lines, amount}), read from the public store."""
    n, amount = _withheld_lines(cur, fy)
    return {"lines": n, "amount": amount}


def published_page(cur, fy: str, month, limit: int | None = 100, offset: int = 0) -> pd.DataFrame:
    """lib.publish.redaction.published_page: ``limit`` lines of ``month`` from ``offset`` (every
    line of the month when limit is None), read from the public store."""
    back = {v: k for k, v in LINE_COLUMNS.items()}
    if not _has_columns(cur, "lines", "body"):
        return pd.DataFrame(columns=list(back.values()))
    cols = ", ".join(f'"{c}"' for c in back)  # this module's constants
    df = frame(cur, f"SELECT {cols} FROM lines WHERE fy = ? AND month = ? ORDER BY seq "
                    + ("LIMIT ? OFFSET ?" if limit is not None else "OFFSET ?"),
               [fy, month] + ([int(limit)] if limit is not None else []) + [int(offset)])
    df = df.rename(columns=back)
    if not df.empty:
        df["redacted"] = df["redacted"].astype(bool)
    return df
