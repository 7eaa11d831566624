"""Who we pay: links from published spend to the supplier register, where suppliers are, the
fuzzy-match review queue, and the worklist of suppliers whose answers are missing.

Spend links to a register supplier by supplier ID, else VAT number, else the normalised name
(``supplier_key``: case, punctuation, & / and, Ltd / Limited / PLC / LLP, "T/A", a leading
"The"), else a fuzzy match a member of staff accepted. Links and locations are tables that the
store's one refresh step (lib.derived) brings up to date inside every write whose changes could
move them, so reads are plain joins.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from lib import store, summary
from lib import format as fmt
from lib.filters import Filters, body_clause, where_clause
from lib.format import share_pct
from lib.rows import frame

if TYPE_CHECKING:
    import pandas as pd

EDITABLE_FIELDS = {
    "postcode": "Postcode", "country": "Country", "employees": "Employees", "turnover": "Turnover (£)",
    "balance_sheet": "Balance sheet total (£)", "is_sme": "SME (yes/no)", "is_vcse": "VCSE (yes/no)",
    "vcse_type": "VCSE type", "charity_number": "Charity number", "company_number": "Company number",
    "sole_trader": "Sole trader (yes/no)", "delivers_locally": "Delivers locally (yes/no)",
    "delivers_locally_reason": "Why it delivers locally", "name": "Name",
}
SME_TESTS = {
    "procurement_act_2023": ("sme_pa2023", "Procurement Act 2023: fewer than 250 staff and turnover ≤ £44m or balance sheet ≤ £38m"),
    "eu_2003": ("sme_eu", "EU 2003/361: fewer than 250 staff and turnover ≤ €50m or balance sheet ≤ €43m"),
}
FUZZY_MIN_SCORE = 86.0
# "John Smith T/A Smith Plumbing", "J Smith t.a. Smith Plumbing", "J Smith trading as Smith Plumbing":
# what comes before is the legal name, group 2 the trading name. The one trading-as rule: Python
# uses it as is (lib.publish.redaction.legal_name) and SQL as a bound pattern (refresh_links); the
# supplier_key macro (m001) drops what follows T/A by the same reading.
TRADING_AS_RE = r"(?i)(\bT\s*[/.]\s*A\b\.?|\bTRADING\s+AS\b)\s*(.+)$"


def sme_column(test: str) -> str:
    """The supplier_facts / spend_located column for an SME test name (a fixed identifier)."""
    if test not in SME_TESTS:
        raise ValueError(f"unknown SME test {test!r}: one of {', '.join(SME_TESTS)}")
    return SME_TESTS[test][0]


def sme_test(cur) -> str:
    return cur.execute("SELECT value FROM settings WHERE name = 'sme_test'").fetchone()[0]


def set_sme_test(test: str, db=None, set_by: str | None = None) -> None:
    """Make ``test`` the store's SME test (raises ValueError for an unknown one); who and when
    go in the setting's note."""
    sme_column(test)
    with store.write(db) as cur:
        if set_by:
            cur.execute("UPDATE settings SET value = ?, note = 'set by ' || ? || ' at ' || "
                        "strftime(current_timestamp::TIMESTAMP, '%Y-%m-%d %H:%M') WHERE name = 'sme_test'",
                        [test, set_by])
        else:
            cur.execute("UPDATE settings SET value = ? WHERE name = 'sme_test'", [test])


def sme_test_note(cur) -> str:
    return cur.execute("SELECT note FROM settings WHERE name = 'sme_test'").fetchone()[0] or ""


# The store's own bodies' lines (lib.filters, no parameters): the supplier pages' figures are the
# force's, never a peer's (links themselves are made for every body's suppliers).
_OWN_T = body_clause((), "t")[0]

_LINKS_SQL = """
WITH sc AS MATERIALIZED (  -- the register view once: planned three times over, it cost more than the links
    SELECT supplier_ref, supplier_id, supplier_key, vat_number, name FROM suppliers_current
),
spend AS (  -- grouped before the VAT number is normalised: a pattern per supplier, not per line
    SELECT spend_key, supplier_id, upper(regexp_replace(vat_raw, '[^A-Za-z0-9]', '', 'g')) AS vat,
           sum(amount) AS amount
    FROM (SELECT supplier_key AS spend_key, supplier_id, vat_raw, sum(amount) AS amount
          FROM supplier_spend WHERE NOT is_redacted AND ($all OR supplier_key IN (SELECT spend_key FROM _link_keys))
          GROUP BY ALL)
    GROUP BY ALL
),
names AS MATERIALIZED (SELECT DISTINCT supplier_key, supplier_name FROM supplier_spend
                       WHERE NOT is_redacted AND ($all OR supplier_key IN (SELECT spend_key FROM _link_keys))),
reg AS (SELECT supplier_ref, supplier_id, supplier_key,
               upper(regexp_replace(coalesce(vat_number, ''), '[^A-Za-z0-9]', '', 'g')) AS vat
        FROM sc),
by_id AS (SELECT s.spend_key, r.supplier_ref, 'id' AS method, 1 AS rank, s.amount FROM spend s JOIN reg r
          ON r.supplier_id = s.supplier_id),
by_vat AS (SELECT s.spend_key, r.supplier_ref, 'vat', 2, s.amount FROM spend s JOIN reg r
           ON regexp_replace(r.vat, '^GB', '') = regexp_replace(s.vat, '^GB', '') AND length(s.vat) >= 9),
-- every name a supplier goes by: its key, and the key of a trading name after "T/A" / "trading as"
spend_names AS (SELECT DISTINCT supplier_key AS spend_key, supplier_key AS name_key FROM names
                WHERE supplier_key <> ''
                UNION SELECT DISTINCT supplier_key, supplier_key(regexp_extract(upper(supplier_name), $ta, 2))
                FROM names WHERE regexp_matches(upper(supplier_name), $ta)),
reg_names AS (SELECT supplier_ref, supplier_key AS name_key FROM sc
              UNION SELECT supplier_ref, supplier_key(regexp_extract(upper(name), $ta, 2)) FROM sc
              WHERE regexp_matches(upper(name), $ta)),
by_name AS (SELECT DISTINCT s.spend_key, r.supplier_ref, 'name', 3, 0 FROM spend_names s JOIN reg_names r
            ON r.name_key = s.name_key AND s.name_key <> ''),
by_decision AS (SELECT d.spend_key, d.supplier_ref, 'fuzzy', 4, 0 FROM match_decisions d
                JOIN reg r ON r.supplier_ref = d.supplier_ref
                WHERE d.decision = 'accept' AND ($all OR d.spend_key IN (SELECT spend_key FROM _link_keys))
                QUALIFY row_number() OVER (PARTITION BY d.spend_key ORDER BY d.decided_at DESC) = 1),
candidates AS (SELECT * FROM by_id UNION ALL SELECT * FROM by_vat UNION ALL SELECT * FROM by_name
               UNION ALL SELECT * FROM by_decision)
SELECT spend_key, supplier_ref, method, NULL::DOUBLE FROM (
    SELECT *, row_number() OVER (PARTITION BY spend_key ORDER BY rank, amount DESC, supplier_ref) AS rk
    FROM candidates
) WHERE rk = 1
"""


def refresh_links(cur, keys: set[str] | None = None) -> int:
    """Work supplier_links out again from the rules and accepted decisions, for the spend suppliers
    ``keys`` (their links replaced, every other kept), or for every supplier (None); return the
    number of links. A supplier's link depends only on its own lines' names, IDs and VAT numbers,
    the register, staff edits and decisions: so when only lines were added, re-linking the
    suppliers they name gives what re-linking every supplier would. Reads supplier_spend, which
    the caller has brought up to date (:func:`refresh_spend_sums`)."""
    if keys is not None and not keys:
        return cur.execute("SELECT count(*) FROM supplier_links").fetchone()[0]
    cur.execute("CREATE OR REPLACE TEMP TABLE _link_keys AS SELECT unnest(?::VARCHAR[]) AS spend_key",
                [sorted(keys or ())])
    if keys is None:
        cur.execute("DELETE FROM supplier_links")
    else:
        cur.execute("DELETE FROM supplier_links WHERE spend_key IN (SELECT spend_key FROM _link_keys)")
    cur.execute("INSERT INTO supplier_links " + _LINKS_SQL, {"ta": TRADING_AS_RE, "all": keys is None})
    cur.execute("DROP TABLE _link_keys")
    return cur.execute("SELECT count(*) FROM supplier_links").fetchone()[0]


# supplier_spend (m033): every line counted in one row, by what links a supplier.
_SPEND_KEY = ("supplier_key, supplier_name, nullif(trim(supplier_id), '') AS supplier_id, "
              "coalesce(vat_number, '') AS vat_raw, is_redacted")
_SPEND_SUMS = "sum(amount)::DECIMAL(18,2) AS amount, count(*)::BIGINT AS lines"
_SPEND_RESUM = "sum(amount)::DECIMAL(18,2) AS amount, sum(lines)::BIGINT AS lines"
_SPEND_COLUMNS = "supplier_key, supplier_name, supplier_id, vat_raw, is_redacted"
_SPEND_FROM_LINES = "SELECT " + _SPEND_KEY + ", " + _SPEND_SUMS + " FROM transactions"


def refresh_spend_sums(cur) -> set[str] | None:
    """Bring supplier_spend up to date inside the caller's write: a new batch's lines are summed
    and added (its lines alone are read); a batch removed or lines changed in one already summed
    rebuild it from every line. Returns the supplier keys of the lines added, or None when it was
    rebuilt (every supplier may have moved)."""
    new, held = summary.new_batches(cur, "supplier_spend_batches")
    added = {b for b, n in new.items() if n}
    if not held:
        cur.execute("DELETE FROM supplier_spend")
        cur.execute("INSERT INTO supplier_spend BY NAME " + _SPEND_FROM_LINES + " GROUP BY ALL")
        merged = cur.execute("SELECT count(*) FROM supplier_spend").fetchone()[0]
        cur.execute("UPDATE supplier_spend_state SET merged_rows = ?", [merged])
        summary.record_batches(cur, "supplier_spend_batches", None)
        return None
    keys: set[str] = set()
    if added:
        cur.execute("CREATE OR REPLACE TEMP TABLE _spend_new AS " + _SPEND_FROM_LINES + " WHERE " + summary._IN_BATCHES
                    + " GROUP BY ALL", summary.batch_params(added))
        cur.execute("INSERT INTO supplier_spend BY NAME SELECT * FROM _spend_new")
        keys = {r[0] for r in cur.execute("SELECT DISTINCT supplier_key FROM _spend_new").fetchall()}
        cur.execute("DROP TABLE _spend_new")
        merged = cur.execute("SELECT merged_rows FROM supplier_spend_state").fetchone()[0]
        if cur.execute("SELECT count(*) FROM supplier_spend").fetchone()[0] > 2 * max(merged, 1000):
            merged = summary._merge(cur, {"supplier_spend": _SPEND_COLUMNS}, _SPEND_RESUM)
            cur.execute("UPDATE supplier_spend_state SET merged_rows = ?", [merged])
    summary.record_batches(cur, "supplier_spend_batches", new)
    return keys


def spend_sums_fresh(cur) -> bool:
    """True when supplier_spend holds every spend line now."""
    new, held = summary.new_batches(cur, "supplier_spend_batches")
    return held and not any(new.values())


def refresh_locations(cur) -> int:
    """Rebuild supplier_locations: each current supplier's ring, district and point."""
    import pandas as pd
    from lib.geo.postcodes import classify, normalise

    sup = cur.execute(
        "SELECT supplier_ref, postcode, country, delivers_locally FROM suppliers_current ORDER BY supplier_ref"
    ).df()
    cur.execute("DELETE FROM supplier_locations")
    if sup.empty:
        return 0
    built = cur.execute("SELECT count(*) FROM reference_meta WHERE name = 'codepoint'").fetchall()[0][0]
    # NaN from a NULL postcode would read as the text 'nan'
    postcodes = [None if pd.isna(v) else v for v in sup["postcode"]]
    geo = classify(postcodes, cur=cur)
    geo.index = sup.index
    country = sup["country"].fillna("").str.strip().str.lower()
    abroad = ~country.isin(["", "uk", "united kingdom", "great britain", "gb", "england", "scotland", "wales",
                            "northern ireland", "u.k."])
    out = pd.DataFrame({
        "supplier_ref": sup["supplier_ref"],
        "postcode": geo["postcode"],
        "ring": geo["ring"].where(~abroad, "Outside UK"),
        "district_code": geo["district_code"].where(~abroad, None),
        "lat": geo["lat"].where(~abroad, None),
        "lon": geo["lon"].where(~abroad, None),
        "approximate": geo["approximate"].fillna(True) & ~abroad,
        "reason": geo["reason"].where(~abroad, "outside the UK (" + sup["country"].fillna("") + ")"),
    })
    if not built:  # a well-formed postcode cannot be placed yet; a malformed one stays "not a UK postcode"
        well_formed = pd.Series([bool(pc) and (normalise(pc).valid or bool(normalise(pc).outward))
                                 for pc in postcodes], index=sup.index)
        has_pc = well_formed & ~abroad
        out.loc[has_pc, "reason"] = "postcode reference not built yet (python -m lib.cli postcode --build)"
    # "Delivers locally": a distant head office with a Lancashire site counts as Lancashire, reason kept.
    local = sup["delivers_locally"].fillna(False).astype(bool)
    out.loc[local, "ring"] = "Lancashire"
    out.loc[local, "reason"] = "delivers locally (recorded override)"
    cur.register("_locs", out)
    cur.execute("INSERT INTO supplier_locations SELECT supplier_ref, postcode, ring, district_code, lat, lon, "
                "approximate, reason FROM _locs")
    cur.unregister("_locs")
    return len(out)


# The current register as the supplier pages read it (register_kept, m085): suppliers_current with
# its SME and VCSE answers, ring and district. The one definition of what the table holds.
_REGISTER_KEPT = """
    SELECT c.*, f.sme_pa2023, f.sme_eu, f.is_vcse, coalesce(loc.ring, 'Unknown') AS ring,
           loc.reason AS location_note, loc.postcode AS located_postcode, loc.district_code, d.district_name
    FROM suppliers_current c
    LEFT JOIN supplier_facts f USING (supplier_ref)
    LEFT JOIN supplier_locations loc USING (supplier_ref)
    LEFT JOIN districts d ON d.district_code = loc.district_code
    ORDER BY c.supplier_ref"""


def refresh_register(cur) -> int:
    """Rebuild register_kept from the register views and supplier_locations (brought up to date
    before it); return its rows. A thousand-odd rows: milliseconds, and only when the register,
    staff edits, the postcode reference or the euro rate moved (lib.derived)."""
    cur.execute("DELETE FROM register_kept")
    cur.execute("INSERT INTO register_kept BY NAME " + _REGISTER_KEPT)
    return cur.execute("SELECT count(*) FROM register_kept").fetchone()[0]


def refresh(cur) -> None:
    """Links, locations and what follows from them, now, inside the caller's write transaction
    (``lib.store.write`` does this anyway before it commits; lib.derived)."""
    from lib import derived

    derived.refresh(cur)


def refresh_store(db=None) -> None:
    """Bring links, locations and everything else derived up to date (lib.store.refresh)."""
    store.refresh(db)


def matched_share(cur, f: Filters | None = None) -> dict:
    """Spend (by value, all years, or under the filters ``f``) whose supplier is linked to the
    register, and how."""
    where, params = where_clause(f or Filters(), "t")
    src, n = summary.key_lines(cur, f)
    rows = cur.execute(
        "SELECT coalesce(l.method, CASE WHEN t.is_redacted THEN 'redacted' ELSE 'unmatched' END) AS how, "
        f"sum(t.amount) AS amount, {n} AS lines FROM {src} t "
        "LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key WHERE " + where + " GROUP BY ALL", params
    ).fetchall()
    by = {how: (amount, lines) for how, amount, lines in rows}
    total = sum((a for a, _ in by.values()), start=0)
    matched = sum((by[k][0] for k in ("id", "vat", "name", "fuzzy") if k in by), start=0)
    return {"total": total, "matched": matched, "by_method": by,
            "matched_pct": share_pct(matched, total)}


# A spend supplier's name (of the names its lines give under one key, over rows ``supplier_name``
# and ``n``, the lines giving it): the one most lines give, the first A-Z of those tied.
_SPEND_NAME = "first(supplier_name ORDER BY n DESC, supplier_name)"

_FUZZY_COLUMNS = ["spend_key", "spend_name", "amount", "lines", "supplier_ref", "name", "postcode", "score"]
# Spellings that mean the same to a reader but not to an edit distance.
_FUZZY_WORDS = {"CO": "COMPANY", "CORP": "CORPORATION", "INTL": "INTERNATIONAL", "SVCS": "SERVICES",
                "SVC": "SERVICE", "BROS": "BROTHERS", "ASSOC": "ASSOCIATES", "MGMT": "MANAGEMENT"}
_FUZZY_DROP = {"AND", "UK", "GB", "OF"}


def fuzzy_form(key: str) -> str:
    """A name key as the fuzzy scorer sees it: abbreviations spelt out, filler words dropped."""
    words = [_FUZZY_WORDS.get(w, w) for w in (key or "").split() if w not in _FUZZY_DROP]
    return " ".join(words) or (key or "")


def _fuzzy_scores(spend_forms: list[str], reg_forms: list[str]):
    """Score matrix (spend × register): token_sort_ratio, or token_set_ratio when both names have
    two words or more (so 'SMITH PLUMBING' meets 'SMITH PLUMBING AND HEATING' but a one-word name
    does not match every name that contains it)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    cutoff = int(FUZZY_MIN_SCORE) - 1
    sort = process.cdist(spend_forms, reg_forms, scorer=fuzz.token_sort_ratio, dtype=np.uint8,
                         score_cutoff=cutoff, workers=-1)
    setr = process.cdist(spend_forms, reg_forms, scorer=fuzz.token_set_ratio, dtype=np.uint8,
                         score_cutoff=cutoff, workers=-1)
    n_s = np.array([len(f.split()) for f in spend_forms])
    n_r = np.array([len(f.split()) for f in reg_forms])
    setr[np.minimum.outer(n_s, n_r) < 2] = 0
    return np.maximum(sort, setr)


def _fuzzy_spend_sql(cur) -> str:
    """Unlinked, unredacted, named spend suppliers of the store's own bodies, largest spend first:
    spend_key, spend_name, amount, lines."""
    src, n = summary.key_lines(cur)
    return (f"SELECT supplier_key AS spend_key, {_SPEND_NAME} AS spend_name, sum(amount) AS amount, sum(n)::BIGINT AS lines "
            f"FROM (SELECT t.supplier_key, t.supplier_name, sum(t.amount) AS amount, {n} AS n FROM {src} t "
            "      LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key "
            "      WHERE l.spend_key IS NULL AND NOT t.is_redacted AND t.supplier_key <> '' AND " + _OWN_T +
            "      GROUP BY ALL) GROUP BY supplier_key ORDER BY amount DESC, spend_key")


def fuzzy_candidates(cur, limit: int = 100, per_supplier: int = 3) -> pd.DataFrame:
    """Unlinked spend suppliers (largest spend first) with their best register candidate by
    rapidfuzz (score ≥ FUZZY_MIN_SCORE), leaving out pairs staff rejected: when the best is
    rejected the next best (of ``per_supplier``) is offered. Columns: spend_key, spend_name,
    amount, lines, supplier_ref, name, postcode, score. Read from the candidates scored at write
    (:func:`refresh_fuzzy`) when they are up to date; else scored here, in blocks of spend
    suppliers, so thousands on each side stay within memory."""
    import pandas as pd
    import numpy as np

    if per_supplier <= FUZZY_KEPT and fuzzy_fresh(cur):
        return _fuzzy_kept(cur, limit, per_supplier)
    spend = cur.execute(_fuzzy_spend_sql(cur)).df()
    reg = cur.execute(_REGISTER_FORMS).df()
    if reg.empty or spend.empty:
        return pd.DataFrame(columns=_FUZZY_COLUMNS)
    rejected = set(map(tuple, cur.execute(
        "SELECT spend_key, supplier_ref FROM match_decisions WHERE decision = 'reject'").fetchall()))
    reg_forms = [fuzzy_form(k) for k in reg["supplier_key"]]
    refs, names = reg["supplier_ref"].tolist(), reg["name"].tolist()
    postcodes = [None if pd.isna(v) else v for v in reg["postcode"]]
    rows, block = [], 500
    for lo in range(0, len(spend), block):
        part = spend.iloc[lo:lo + block]
        scores = _fuzzy_scores([fuzzy_form(k) for k in part["spend_key"]], reg_forms)
        top = np.argsort(-scores.astype(np.int16), axis=1, kind="stable")[:, :per_supplier]
        for i, r in enumerate(part.itertuples()):
            for j in top[i]:
                score = int(scores[i, j])
                if score < FUZZY_MIN_SCORE:
                    break
                if (r.spend_key, refs[j]) in rejected:
                    continue
                rows.append((r.spend_key, r.spend_name, r.amount, r.lines, refs[j], names[j], postcodes[j],
                             float(score)))
                break
            if len(rows) >= limit:
                return pd.DataFrame(rows, columns=_FUZZY_COLUMNS)
    return pd.DataFrame(rows, columns=_FUZZY_COLUMNS)


# ---- fuzzy candidates scored at write (m041) -------------------------------------------------

FUZZY_KEPT = 3  # candidates kept a spend supplier: fuzzy_candidates reads them for per_supplier up to this
_REGISTER_FORMS = ("SELECT supplier_ref, name, supplier_key, postcode FROM suppliers_current "
                   "WHERE in_register ORDER BY supplier_ref")
# What the kept candidates depend on, cheap to check: the register (batches, rows, staff edits)
# and the spend (the summaries' fingerprint: batches and lines).
_FUZZY_INPUTS = ("SELECT (SELECT count(*) || ':' || coalesce(sum(batch_id), 0) || ':' || coalesce(max(batch_id), 0) "
                 "FROM batches WHERE kind = 'suppliers') || '|' || (SELECT count(*) FROM supplier_register) || '|' || "
                 "(SELECT count(*) || ':' || coalesce(max(edit_id), 0) FROM supplier_edits) || '|' || "
                 "coalesce((SELECT inputs FROM summary_state), '')")
# The register as the scores read it: a staff edit that leaves every name as it was rescores nothing.
_REGISTER_HASH = ("SELECT count(*) || ':' || coalesce(bit_xor(hash(supplier_ref, supplier_key)), 0) "
                  "FROM suppliers_current WHERE in_register")


def fuzzy_fresh(cur) -> bool:
    """True when the kept candidates were scored from the register and spend as they are now."""
    row = cur.execute("SELECT inputs = (" + _FUZZY_INPUTS + ") FROM fuzzy_state").fetchone()
    return bool(row and row[0])


def _fuzzy_best(keys: list[str], reg_forms: list[str], refs: list[str]) -> list[tuple]:
    """(spend_key, rank, supplier_ref, score) of each key's best FUZZY_KEPT candidates at
    FUZZY_MIN_SCORE or more, best first, register order on a tie (as fuzzy_candidates ranks them)."""
    import numpy as np

    rows, block = [], 500
    for lo in range(0, len(keys), block):
        part = keys[lo:lo + block]
        scores = _fuzzy_scores([fuzzy_form(k) for k in part], reg_forms)
        top = np.argsort(-scores.astype(np.int16), axis=1, kind="stable")[:, :FUZZY_KEPT]
        for i, key in enumerate(part):
            for rank, j in enumerate(top[i], 1):
                score = int(scores[i, j])
                if score < FUZZY_MIN_SCORE:
                    break
                rows.append((key, rank, refs[j], float(score)))
    return rows


def refresh_fuzzy(cur) -> str:
    """Bring the kept candidates up to date inside the caller's write (lib.derived, after the
    summaries): score the spend keys not scored yet, or every key when the register's names
    changed. Returns 'none', 'added' or 'rescored'."""
    now = cur.execute(_FUZZY_INPUTS).fetchone()[0]
    was, reg_was = cur.execute("SELECT inputs, register FROM fuzzy_state").fetchone()
    if was == now:
        return "none"
    # no register row and no staff-added supplier: the register view is empty, and not planned
    any_reg = cur.execute("SELECT EXISTS (SELECT 1 FROM supplier_register) OR EXISTS (SELECT 1 FROM supplier_edits)"
                          ).fetchone()[0]
    reg_now = cur.execute(_REGISTER_HASH).fetchone()[0] if any_reg else "0:0"
    done = "added"
    if reg_now != reg_was:
        cur.execute("DELETE FROM fuzzy_kept")
        cur.execute("DELETE FROM fuzzy_scored")
        done = "rescored"
    # With no register there is nothing to score against, and no key is recorded as scored: the
    # first register to arrive moves the register's hash, and every key is scored then. The
    # register's names are read only when there are keys to score (most monthly files bring none).
    if any_reg:
        src = "spend_by_supplier_key" if summary.is_fresh(cur) else "transactions"
        cur.execute("CREATE OR REPLACE TEMP TABLE _fuzzy_new AS SELECT DISTINCT supplier_key AS spend_key FROM " + src +
                    " WHERE NOT is_redacted AND supplier_key <> '' AND supplier_key NOT IN "
                    "(SELECT spend_key FROM fuzzy_scored)")
        keys = [r[0] for r in cur.execute("SELECT spend_key FROM _fuzzy_new ORDER BY spend_key").fetchall()]
        reg = cur.execute(_REGISTER_FORMS).fetchall() if keys else []
        if reg:
            rows = _fuzzy_best(keys, [fuzzy_form(r[2]) for r in reg], [r[0] for r in reg])
            if rows:
                # bound as four lists, unnested side by side (no data frame to build)
                cur.execute("INSERT INTO fuzzy_kept SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), "
                            "unnest(?::VARCHAR[]), unnest(?::DOUBLE[])", [list(c) for c in zip(*rows)])
            cur.execute("INSERT INTO fuzzy_scored SELECT spend_key FROM _fuzzy_new")
        cur.execute("DROP TABLE _fuzzy_new")
    cur.execute("UPDATE fuzzy_state SET inputs = ?, register = ?", [now, reg_now])
    return done


def _fuzzy_kept(cur, limit: int, per_supplier: int) -> pd.DataFrame:
    import pandas as pd

    df = cur.execute(
        "WITH spend AS (" + _fuzzy_spend_sql(cur) + "), "
        "c AS (SELECT k.spend_key, k.supplier_ref, k.score, "
        "             row_number() OVER (PARTITION BY k.spend_key ORDER BY k.rank) AS rn "
        "      FROM fuzzy_kept k WHERE k.rank <= ? AND NOT EXISTS (SELECT 1 FROM match_decisions d "
        "          WHERE d.decision = 'reject' AND d.spend_key = k.spend_key AND d.supplier_ref = k.supplier_ref)) "
        "SELECT s.spend_key, s.spend_name, s.amount, s.lines, c.supplier_ref, r.name, r.postcode, c.score "
        "FROM spend s JOIN c ON c.spend_key = s.spend_key AND c.rn = 1 "
        "JOIN suppliers_current r ON r.supplier_ref = c.supplier_ref AND r.in_register "
        "ORDER BY s.amount DESC, s.spend_key LIMIT ?", [int(per_supplier), int(limit)]).df()
    if df.empty:
        return pd.DataFrame(columns=_FUZZY_COLUMNS)
    df["postcode"] = [None if pd.isna(v) else v for v in df["postcode"]]
    return df[_FUZZY_COLUMNS]


def decide_match(spend_key: str, supplier_ref: str, decision: str, decided_by: str, score: float | None = None,
                 db=None) -> None:
    """Record a review decision (accept | reject); it persists and applies to later uploads."""
    if decision not in ("accept", "reject"):
        raise ValueError("decision is accept or reject")
    if not decided_by:
        raise ValueError("a decision needs who made it")
    with store.write(db) as cur:
        cur.execute("DELETE FROM match_decisions WHERE spend_key = ? AND supplier_ref = ?", [spend_key, supplier_ref])
        cur.execute("INSERT INTO match_decisions (spend_key, supplier_ref, decision, score, decided_by) "
                    "VALUES (?, ?, ?, ?, ?)", [spend_key, supplier_ref, decision, score, decided_by])


# Not placed in any ring: no postcode, an invalid one, one not in the reference, or an outward code
# that straddles a boundary. (Not "the reference is not built yet": that is no job for staff.)
_NEEDS_POSTCODE = ("(coalesce(loc.ring, 'Unknown') = 'Unknown' "
                   "AND coalesce(loc.reason, '') NOT LIKE 'postcode reference not built%')")


def worklist(cur, limit: int = 50, sme_test_name: str | None = None) -> pd.DataFrame:
    """Suppliers that matter most by spend (all years) and lack a postcode, an SME or a VCSE answer.

    One row per spend supplier: supplier_ref (the register's, or KEY:<name key> for one that is
    not in the register yet), name, amount, postcode, sme, vcse, and which answers are missing."""
    col = sme_column(sme_test_name or sme_test(cur))
    src, n = summary.key_lines(cur)
    return cur.execute(
        f"WITH s AS (SELECT supplier_key, {_SPEND_NAME} AS spend_name, sum(amount) AS amount "
        f"           FROM (SELECT t.supplier_key, t.supplier_name, sum(t.amount) AS amount, {n} AS n FROM {src} t "
        f"                 WHERE NOT t.is_redacted AND t.supplier_key <> '' AND {_OWN_T} GROUP BY ALL) "
        "           GROUP BY supplier_key) "
        "SELECT coalesce(l.supplier_ref, 'KEY:' || s.supplier_key) AS supplier_ref, "
        "       coalesce(c.name, s.spend_name) AS name, s.amount, c.postcode, c.country, "
        "       c.employees, c.turnover, c.balance_sheet, f." + col + " AS sme, f.is_vcse AS vcse, "
        "       c.vcse_type, c.charity_number, c.delivers_locally, c.delivers_locally_reason, "
        "       loc.ring, loc.reason AS location_note, "
        "       " + _NEEDS_POSTCODE + " AS needs_postcode, "
        "       f." + col + " IS NULL AS needs_sme, f.is_vcse IS NULL AS needs_vcse "
        "FROM s LEFT JOIN supplier_links l ON l.spend_key = s.supplier_key "
        "LEFT JOIN suppliers_current c ON c.supplier_ref = l.supplier_ref "
        "LEFT JOIN supplier_facts f ON f.supplier_ref = l.supplier_ref "
        "LEFT JOIN supplier_locations loc ON loc.supplier_ref = l.supplier_ref "
        "WHERE " + _NEEDS_POSTCODE + " OR f." + col + " IS NULL "
        "   OR f.is_vcse IS NULL "
        "ORDER BY s.amount DESC LIMIT ?", [limit]
    ).df()


_BOOL_FIELDS = {"is_sme", "is_vcse", "sole_trader", "delivers_locally"}
_NUMBER_FIELDS = {"employees", "turnover", "balance_sheet"}


def _as_bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    v = str(value).strip().lower()
    return True if v in ("y", "yes", "true", "1", "t", "x") else False if v in ("n", "no", "false", "0", "f") else None


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(str(a).replace(",", "")) == Decimal(str(b).replace(",", ""))
    except InvalidOperation:
        return False


def save_edits(changes: list[dict], edited_by: str, db=None, reason: str | None = None) -> int:
    """Store staff answers, each {supplier_ref, field, new_value[, old_value, name]}, with who and when
    (the write brings links and locations up to date). Returns the number stored. Raises ValueError on a bad field
    or a missing author."""
    if not edited_by or not str(edited_by).strip():
        raise ValueError("edits need the name of who made them")
    rows, refused, names = [], [], {}
    for ch in changes:
        field = ch["field"]
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"{field!r} cannot be edited")
        who = ch.get("name") or str(ch["supplier_ref"]).split(":", 1)[-1]
        new = None if ch.get("new_value") in (None, "") else str(ch["new_value"]).strip()
        old = None if ch.get("old_value") in (None, "") else str(ch["old_value"])
        if new == old:
            continue
        if field == "postcode" and new:
            from lib.geo.postcodes import normalise

            p = normalise(new)
            if not (p.valid or p.outward):
                refused.append(f"{who}: '{new}' is not a UK postcode")
                continue
            new = p.postcode or p.outward
        elif field in _BOOL_FIELDS and new is not None:
            b = _as_bool(new)
            if b is None:
                refused.append(f"{who}: {EDITABLE_FIELDS[field]} '{new}' is not yes or no")
                continue
            new = "yes" if b else "no"
        elif field in _NUMBER_FIELDS and new is not None:
            try:
                n = Decimal(new.replace(",", "").replace("£", "").strip())
            except InvalidOperation:
                n = None
            if n is None or not n.is_finite() or n < 0:
                refused.append(f"{who}: {EDITABLE_FIELDS[field]} '{new}' is not a number")
                continue
            new = str(int(n)) if field == "employees" else f"{n:.2f}"
            if old is not None and _same_number(old, new):
                continue
        rows.append((ch["supplier_ref"], field, old, new, reason, edited_by))
        if ch.get("name") and str(ch["supplier_ref"]).startswith("KEY:"):
            names.setdefault(ch["supplier_ref"], ch["name"])
    if refused:
        raise ValueError("Nothing saved. " + "; ".join(refused))
    if not rows:
        return 0
    with store.write(db) as cur:
        for ref, name in names.items():
            # a supplier staff add from spend keeps its published name (recorded once)
            if not cur.execute("SELECT count(*) FROM supplier_edits WHERE supplier_ref = ? AND field = 'name'",
                               [ref]).fetchone()[0]:
                rows.append((ref, "name", None, name, reason, edited_by))
        cur.executemany("INSERT INTO supplier_edits (supplier_ref, field, old_value, new_value, reason, edited_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def audit_trail(cur, limit: int = 500) -> pd.DataFrame:
    """The latest staff edits, newest first, with the supplier's current name."""
    return cur.execute(
        "SELECT e.edited_at, e.edited_by, e.supplier_ref, c.name, e.field, e.old_value, e.new_value, e.reason "
        "FROM supplier_edits e LEFT JOIN suppliers_current c USING (supplier_ref) "
        "ORDER BY e.edit_id DESC LIMIT ?", [limit]).df()


def edit_history(cur, supplier_ref: str | None = None) -> pd.DataFrame:
    """Staff edits (newest first): of one supplier, or the latest 500 of all."""
    sql = ("SELECT edit_id, supplier_ref, field, old_value, new_value, reason, edited_by, edited_at "
           "FROM supplier_edits")
    if supplier_ref:
        return cur.execute(sql + " WHERE supplier_ref = ? ORDER BY edit_id DESC", [supplier_ref]).df()
    return cur.execute(sql + " ORDER BY edit_id DESC LIMIT 500").df()


# ---- what the supplier pages show ---------------------------------------------------------

METHOD_LABELS = {"id": "Supplier ID", "vat": "VAT number", "name": "Name", "fuzzy": "Fuzzy (accepted)",
                 "redacted": "Redacted", "unmatched": "Unmatched"}


def matched_share_table(m: dict) -> pd.DataFrame:
    """A matched_share result as rows in a fixed order: method, label, amount, lines, pct (of all spend)."""
    import pandas as pd

    rows = []
    for key, label in METHOD_LABELS.items():
        amount, lines = m["by_method"].get(key, (Decimal("0"), 0))
        pct = float(share_pct(amount, m["total"]) or 0)  # a progress bar's length
        rows.append((key, label, amount, lines, pct))
    return pd.DataFrame(rows, columns=["method", "label", "amount", "lines", "pct"])


def _key_spend(cur, f: Filters | None, by_year: bool = False) -> tuple[str, str]:
    """(table, line count) for spend by supplier key under ``f`` (alias ``t``; columns body_key,
    supplier_key, amount, and fy when ``by_year``): when no year is asked for, spend by body and
    supplier key over every year (spend_by_supplier_key, a quarter of the rows of the next at fifty
    million lines); else spend by year, body and supplier key (lib.summary_pages) when it answers
    ``f``; else as summary.supplier_lines."""
    if not by_year and summary.answers(cur, "spend_by_supplier_key", f):
        return "spend_by_supplier_key", "sum(t.lines)"
    if summary.answers(cur, "spend_by_body_supplier", f):
        return "spend_by_body_supplier", "sum(t.lines)"
    return summary.supplier_lines(cur, f)


def register_table(cur, search: str | None = None, sme_test_name: str | None = None,
                   limit: int = 5000, f: Filters | None = None) -> pd.DataFrame:
    """The current register (edits applied), one row a supplier, most spend first: supplier_ref,
    supplier_id, name, postcode, ring, district, sme (under the chosen test), vcse, vcse_type,
    employees, turnover, delivers_locally, spend (linked lines, all years or under the filters
    ``f``), lines, in_register. ``search`` matches name, supplier ID, postcode or company number
    (case-insensitive)."""
    col = sme_column(sme_test_name or sme_test(cur))
    spend_where, params = where_clause(f or Filters(), "t")
    where = ""
    if search and search.strip():
        where = ("WHERE c.name ILIKE ? OR c.supplier_id ILIKE ? OR c.postcode ILIKE ? "
                 "OR c.company_number ILIKE ? OR c.supplier_key ILIKE ?")
        params = params + ["%" + search.strip() + "%"] * 5
    src, n = _key_spend(cur, f)
    sql = (
        f"WITH spend AS (SELECT l.supplier_ref, sum(t.amount) AS spend, {n} AS lines FROM {src} t "
        "               JOIN supplier_links l ON l.spend_key = t.supplier_key WHERE " + spend_where +
        "               GROUP BY l.supplier_ref) "
        "SELECT c.supplier_ref, c.supplier_id, c.name, coalesce(c.located_postcode, c.postcode) AS postcode, "
        "       c.ring, c.district_name AS district, c." + col + " AS sme, c.is_vcse AS vcse, c.vcse_type, "
        "       c.employees, c.turnover, c.delivers_locally, coalesce(s.spend, 0) AS spend, "
        "       coalesce(s.lines, 0) AS lines, c.in_register "
        "FROM register_kept c "
        "LEFT JOIN spend s ON s.supplier_ref = c.supplier_ref " + where +
        " ORDER BY spend DESC, c.name LIMIT " + str(int(limit))
    )
    return cur.execute(sql, params).df()


def register_summary(cur, sme_test_name: str | None = None, f: Filters | None = None) -> dict:
    """suppliers, in_register (of them, those in an uploaded register), located (in a ring other
    than Unknown), sme, vcse (counts of current suppliers) and sme_spend / vcse_spend / total
    (linked spend, all years or under the filters ``f``) under the chosen SME test."""
    col = sme_column(sme_test_name or sme_test(cur))
    where, params = where_clause(f or Filters(), "t")
    n, in_register, located, sme, vcse = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE in_register), count(*) FILTER (WHERE ring <> 'Unknown'), "
        "count(*) FILTER (WHERE " + col + "), count(*) FILTER (WHERE is_vcse) FROM register_kept").fetchone()
    # as spend_located places each line: by its key (its link's supplier, as spend_key_located, from
    # the register kept rather than the views)
    src = _key_spend(cur, f)[0]
    total, sme_spend, vcse_spend = cur.execute(
        "WITH k AS (SELECT l.spend_key, c." + col + ", c.is_vcse FROM supplier_links l "
        "           JOIN register_kept c ON c.supplier_ref = l.supplier_ref) "
        "SELECT coalesce(sum(t.amount), 0), coalesce(sum(t.amount) FILTER (WHERE k." + col + "), 0), "
        f"coalesce(sum(t.amount) FILTER (WHERE k.is_vcse), 0) FROM {src} t "
        "LEFT JOIN k ON k.spend_key = t.supplier_key WHERE " + where, params).fetchone()
    return {"suppliers": n, "in_register": in_register, "located": located, "sme": sme, "vcse": vcse, "total": total,
            "sme_spend": sme_spend, "vcse_spend": vcse_spend}


def supplier_detail(cur, supplier_ref: str) -> dict | None:
    """One supplier: ``row`` (the current register row as a dict, with ring, district, SME under
    both tests, VCSE), ``provenance`` (file, sheet, row, batch, loaded_at of the register row;
    None for a supplier staff added), ``edits`` (its audit trail), ``spend_by_year`` (fy, amount,
    lines) and ``spend_names`` (the names it is paid under and how each was linked)."""
    row = cur.execute("SELECT * EXCLUDE (located_postcode, district_code) FROM register_kept WHERE supplier_ref = ?",
                      [supplier_ref]).df()
    if row.empty:
        return None
    r = row.iloc[0].to_dict()
    prov = None
    if r.get("in_register"):
        p = cur.execute(
            "SELECT b.file_name, r.sheet, r.row_number, b.batch_id, b.loaded_at, b.loaded_by "
            "FROM register_latest r JOIN batches b USING (batch_id) WHERE r.supplier_ref = ?", [supplier_ref]
        ).fetchone()
        if p:
            prov = dict(zip(["file_name", "sheet", "row_number", "batch_id", "loaded_at", "loaded_by"], p))
    src, n = _key_spend(cur, None, by_year=True)
    by_year = frame(
        cur, f"SELECT t.fy, sum(t.amount) AS amount, {n} AS lines FROM {src} t "
        "JOIN supplier_links l ON l.spend_key = t.supplier_key WHERE l.supplier_ref = ? AND " + _OWN_T +
        " GROUP BY t.fy ORDER BY t.fy",
        [supplier_ref])
    src, _ = summary.key_lines(cur)  # the names as published
    names = frame(
        cur, "SELECT any_value(t.supplier_name) AS spend_name, l.spend_key, l.method, sum(t.amount) AS amount "
        f"FROM supplier_links l JOIN {src} t ON t.supplier_key = l.spend_key WHERE l.supplier_ref = ? AND {_OWN_T} "
        "GROUP BY l.spend_key, l.method ORDER BY amount DESC", [supplier_ref])
    return {"row": r, "provenance": prov, "edits": edit_history(cur, supplier_ref), "spend_by_year": by_year,
            "spend_names": names}


def decisions(cur, limit: int = 200) -> pd.DataFrame:
    """Review decisions, latest first: spend_key, spend_name, supplier_ref, name, decision, score,
    decided_by, decided_at, and whether the link is in force now."""
    # every body's lines, as the decision applies to every body's
    src, n = ("spend_by_supplier_key", "sum(t.lines)") if summary.answers(cur, "spend_by_supplier_key", None) \
        else ("transactions", "count(*)")
    return cur.execute(
        f"WITH names AS (SELECT supplier_key, {_SPEND_NAME} AS spend_name FROM ("
        f"    SELECT t.supplier_key, t.supplier_name, {n} AS n FROM {src} t "
        "    WHERE t.supplier_key IN (SELECT spend_key FROM match_decisions) GROUP BY ALL) GROUP BY supplier_key) "
        "SELECT d.spend_key, names.spend_name, d.supplier_ref, c.name, d.decision, d.score, d.decided_by, d.decided_at, "
        "coalesce(l.supplier_ref = d.supplier_ref AND l.method = 'fuzzy', FALSE) AS in_force "
        "FROM match_decisions d LEFT JOIN names ON names.supplier_key = d.spend_key "
        "LEFT JOIN suppliers_current c ON c.supplier_ref = d.supplier_ref "
        "LEFT JOIN supplier_links l ON l.spend_key = d.spend_key ORDER BY d.decided_at DESC LIMIT ?", [limit]
    ).df()


def changes_from_editor(original: pd.DataFrame, edited_rows: dict, columns: dict) -> list[dict]:
    """Turn st.data_editor's ``edited_rows`` ({row position: {column: new value}}) into save_edits
    changes. ``columns`` maps an editor column to its EDITABLE_FIELDS field. Old values come from
    ``original`` (the table as shown), so the audit trail says what the reader saw."""
    import pandas as pd

    changes = []
    for pos, cells in (edited_rows or {}).items():
        row = original.iloc[int(pos)]
        for col, value in cells.items():
            if col not in columns:
                continue
            old = row[col]
            old = None if old is None or (not isinstance(old, str) and pd.isna(old)) else old
            if isinstance(old, bool) or type(old).__name__ == "bool_":
                old = "yes" if old else "no"
            if isinstance(value, bool):
                value = "yes" if value else "no"
            changes.append({"supplier_ref": row["supplier_ref"], "field": columns[col], "name": row["name"],
                            "old_value": None if old is None else str(old),
                            "new_value": None if value is None else str(value)})
    return changes


def register_batch_note(db, batch_id: int) -> str:
    """What loading a supplier register did to the spend, in words, for the Upload page: how many of its
    suppliers the spend is now linked to, and those written with no ID under the name of a supplier the
    register holds by its ID (added as suppliers of their own: the spend stays linked to the one with the
    ID, so nothing of theirs reaches the figures until the ID is given)."""
    from lib.rows import cursor_of

    cur = cursor_of(db)
    n, linked = cur.execute(
        "WITH mine AS (SELECT DISTINCT supplier_ref_of(supplier_id, supplier_key) AS ref FROM supplier_register "
        "WHERE batch_id = ?) SELECT count(*), count(*) FILTER (WHERE ref IN (SELECT supplier_ref FROM supplier_links)) "
        "FROM mine", [int(batch_id)]).fetchone()
    twins = [r[0] for r in cur.execute(
        "SELECT DISTINCT r.name FROM supplier_register r WHERE r.batch_id = ? AND r.supplier_id IS NULL AND EXISTS "
        "(SELECT 1 FROM suppliers_current c WHERE c.supplier_key = r.supplier_key AND c.supplier_id IS NOT NULL) "
        "ORDER BY 1", [int(batch_id)]).fetchall()]
    said = f"Spend is linked to {linked:,} of its {fmt.count(n, 'supplier')}."
    if twins:
        k = len(twins)
        shown = ", ".join(twins[:5]) + (f" and {k - 5:,} more" if k > 5 else "")
        said += (f" {k:,} {'has' if k == 1 else 'have'} no ID and {'is' if k == 1 else 'are'} named as a supplier the "
                 f"register holds by its ID ({shown}): added as {'a supplier' if k == 1 else 'suppliers'} of "
                 f"{'its' if k == 1 else 'their'} own, while the spend stays linked to the one with the ID. To "
                 "update those, load the rows again with their IDs.")
    return said
