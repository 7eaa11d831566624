"""Who we pay: links from published spend to the supplier register, where suppliers are, the
fuzzy-match review queue, and the worklist of suppliers whose answers are missing.

Spend links to a register supplier by supplier ID, else VAT number, else the normalised name
(``supplier_key``: case, punctuation, & / and, Ltd / Limited / PLC / LLP, "T/A", a leading
"The"), else a fuzzy match a member of staff accepted. Links and locations are tables refreshed
inside every write that could change them, so reads are plain joins.
"""
from __future__ import annotations

import pandas as pd

from lib import store

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


def sme_column(test: str) -> str:
    """The supplier_facts / spend_located column for an SME test name (a fixed identifier)."""
    if test not in SME_TESTS:
        raise ValueError(f"unknown SME test {test!r}: one of {', '.join(SME_TESTS)}")
    return SME_TESTS[test][0]


def sme_test(cur) -> str:
    return cur.execute("SELECT value FROM settings WHERE name = 'sme_test'").fetchone()[0]


def set_sme_test(test: str, db=None) -> None:
    sme_column(test)
    with store.write(db) as cur:
        cur.execute("UPDATE settings SET value = ? WHERE name = 'sme_test'", [test])


_LINKS_SQL = """
WITH spend AS (
    SELECT supplier_key AS spend_key, nullif(trim(supplier_id), '') AS supplier_id,
           upper(regexp_replace(coalesce(vat_number, ''), '[^A-Za-z0-9]', '', 'g')) AS vat, sum(amount) AS amount
    FROM transactions WHERE NOT is_redacted GROUP BY ALL
),
reg AS (SELECT supplier_ref, supplier_id, supplier_key,
               upper(regexp_replace(coalesce(vat_number, ''), '[^A-Za-z0-9]', '', 'g')) AS vat
        FROM suppliers_current),
by_id AS (SELECT s.spend_key, r.supplier_ref, 'id' AS method, 1 AS rank, s.amount FROM spend s JOIN reg r
          ON r.supplier_id = s.supplier_id),
by_vat AS (SELECT s.spend_key, r.supplier_ref, 'vat', 2, s.amount FROM spend s JOIN reg r
           ON regexp_replace(r.vat, '^GB', '') = regexp_replace(s.vat, '^GB', '') AND length(s.vat) >= 9),
by_name AS (SELECT DISTINCT s.spend_key, r.supplier_ref, 'name', 3, 0 FROM spend s JOIN reg r
            ON r.supplier_key = s.spend_key AND s.spend_key <> ''),
by_decision AS (SELECT d.spend_key, d.supplier_ref, 'fuzzy', 4, 0 FROM match_decisions d
                JOIN reg r ON r.supplier_ref = d.supplier_ref WHERE d.decision = 'accept'),
candidates AS (SELECT * FROM by_id UNION ALL SELECT * FROM by_vat UNION ALL SELECT * FROM by_name
               UNION ALL SELECT * FROM by_decision)
SELECT spend_key, supplier_ref, method, NULL::DOUBLE FROM (
    SELECT *, row_number() OVER (PARTITION BY spend_key ORDER BY rank, amount DESC, supplier_ref) AS rk
    FROM candidates
) WHERE rk = 1
"""


def refresh_links(cur) -> int:
    """Rebuild supplier_links from the rules and accepted decisions; return the number of links."""
    cur.execute("DELETE FROM supplier_links")
    cur.execute("INSERT INTO supplier_links " + _LINKS_SQL)
    return cur.execute("SELECT count(*) FROM supplier_links").fetchone()[0]


def refresh_locations(cur) -> int:
    """Rebuild supplier_locations: each current supplier's ring, district and point."""
    from lib.geo.postcodes import classify

    sup = cur.execute(
        "SELECT supplier_ref, postcode, country, delivers_locally FROM suppliers_current ORDER BY supplier_ref"
    ).df()
    cur.execute("DELETE FROM supplier_locations")
    if sup.empty:
        return 0
    built = cur.execute("SELECT count(*) FROM reference_meta WHERE name = 'codepoint'").fetchall()[0][0]
    geo = classify(sup["postcode"].tolist(), cur=cur)
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
    if not built:
        has_pc = sup["postcode"].notna() & ~abroad
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


def refresh(cur) -> None:
    """Links then locations; call inside the write that changed spend, the register or a decision."""
    refresh_links(cur)
    refresh_locations(cur)


def refresh_store(db=None) -> None:
    with store.write(db) as cur:
        refresh(cur)


def matched_share(cur) -> dict:
    """Spend (by value, all years) whose supplier is linked to the register, and how."""
    rows = cur.execute(
        "SELECT coalesce(l.method, CASE WHEN t.is_redacted THEN 'redacted' ELSE 'unmatched' END) AS how, "
        "sum(t.amount) AS amount, count(*) AS lines FROM transactions t "
        "LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key GROUP BY ALL"
    ).fetchall()
    by = {how: (amount, lines) for how, amount, lines in rows}
    total = sum((a for a, _ in by.values()), start=0)
    matched = sum((by[k][0] for k in ("id", "vat", "name", "fuzzy") if k in by), start=0)
    return {"total": total, "matched": matched, "by_method": by,
            "matched_pct": float(matched / total * 100) if total else 0.0}


def fuzzy_candidates(cur, limit: int = 100) -> pd.DataFrame:
    """Unlinked spend suppliers (largest first) with their best register candidate by rapidfuzz,
    leaving out pairs staff rejected. Columns: spend_key, spend_name, amount, supplier_ref, name, score."""
    from rapidfuzz import fuzz, process

    spend = cur.execute(
        "SELECT t.supplier_key AS spend_key, any_value(t.supplier_name) AS spend_name, sum(t.amount) AS amount "
        "FROM transactions t LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key "
        "WHERE l.spend_key IS NULL AND NOT t.is_redacted AND t.supplier_key <> '' "
        "GROUP BY t.supplier_key ORDER BY amount DESC LIMIT ?", [limit * 3]
    ).df()
    reg = cur.execute("SELECT supplier_ref, name, supplier_key FROM suppliers_current WHERE in_register").df()
    rejected = set(map(tuple, cur.execute(
        "SELECT spend_key, supplier_ref FROM match_decisions WHERE decision = 'reject'").fetchall()))
    rows = []
    if reg.empty or spend.empty:
        return pd.DataFrame(columns=["spend_key", "spend_name", "amount", "supplier_ref", "name", "score"])
    keys = reg["supplier_key"].tolist()
    for r in spend.itertuples():
        for match, score, i in process.extract(r.spend_key, keys, scorer=fuzz.token_sort_ratio, limit=3):
            ref = reg.iloc[i]["supplier_ref"]
            if score >= FUZZY_MIN_SCORE and (r.spend_key, ref) not in rejected:
                rows.append((r.spend_key, r.spend_name, r.amount, ref, reg.iloc[i]["name"], round(score, 1)))
                break
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["spend_key", "spend_name", "amount", "supplier_ref", "name", "score"])


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
        refresh(cur)


def worklist(cur, limit: int = 50, sme_test_name: str | None = None) -> pd.DataFrame:
    """Suppliers that matter most by spend (all years) and lack a postcode, an SME or a VCSE answer.

    One row per spend supplier: supplier_ref (the register's, or KEY:<name key> for one that is
    not in the register yet), name, amount, postcode, sme, vcse, and which answers are missing."""
    col = sme_column(sme_test_name or sme_test(cur))
    return cur.execute(
        "WITH s AS (SELECT t.supplier_key, any_value(t.supplier_name) AS spend_name, sum(t.amount) AS amount "
        "           FROM transactions t WHERE NOT t.is_redacted AND t.supplier_key <> '' GROUP BY t.supplier_key) "
        "SELECT coalesce(l.supplier_ref, 'KEY:' || s.supplier_key) AS supplier_ref, "
        "       coalesce(c.name, s.spend_name) AS name, s.amount, c.postcode, c.country, "
        "       c.employees, c.turnover, c.balance_sheet, f." + col + " AS sme, f.is_vcse AS vcse, "
        "       loc.ring, "
        "       (c.postcode IS NULL AND coalesce(loc.ring, 'Unknown') = 'Unknown') AS needs_postcode, "
        "       f." + col + " IS NULL AS needs_sme, f.is_vcse IS NULL AS needs_vcse "
        "FROM s LEFT JOIN supplier_links l ON l.spend_key = s.supplier_key "
        "LEFT JOIN suppliers_current c ON c.supplier_ref = l.supplier_ref "
        "LEFT JOIN supplier_facts f ON f.supplier_ref = l.supplier_ref "
        "LEFT JOIN supplier_locations loc ON loc.supplier_ref = l.supplier_ref "
        "WHERE (c.postcode IS NULL AND coalesce(loc.ring, 'Unknown') = 'Unknown') OR f." + col + " IS NULL "
        "   OR f.is_vcse IS NULL "
        "ORDER BY s.amount DESC LIMIT ?", [limit]
    ).df()


def save_edits(changes: list[dict], edited_by: str, db=None, reason: str | None = None) -> int:
    """Store staff answers, each {supplier_ref, field, new_value[, old_value, name]}, with who and when;
    then refresh links and locations. Returns the number stored. Raises ValueError on a bad field
    or a missing author."""
    if not edited_by or not str(edited_by).strip():
        raise ValueError("edits need the name of who made them")
    rows = []
    for ch in changes:
        field = ch["field"]
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"{field!r} cannot be edited")
        new = None if ch.get("new_value") in (None, "") else str(ch["new_value"]).strip()
        old = None if ch.get("old_value") in (None, "") else str(ch["old_value"])
        if new == old:
            continue
        if field == "postcode" and new:
            from lib.geo.postcodes import normalise

            p = normalise(new)
            if not (p.valid or p.outward):
                raise ValueError(f"{new!r} is not a UK postcode")
            new = p.postcode or p.outward
        rows.append((ch["supplier_ref"], field, old, new, reason, edited_by))
        if ch.get("name") and str(ch["supplier_ref"]).startswith("KEY:"):
            # a supplier staff add from spend keeps its published name
            rows.append((ch["supplier_ref"], "name", None, ch["name"], reason, edited_by))
    if not rows:
        return 0
    with store.write(db) as cur:
        cur.executemany("INSERT INTO supplier_edits (supplier_ref, field, old_value, new_value, reason, edited_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)", rows)
        refresh(cur)
    return len(rows)


def edit_history(cur, supplier_ref: str | None = None) -> pd.DataFrame:
    sql = ("SELECT edit_id, supplier_ref, field, old_value, new_value, reason, edited_by, edited_at "
           "FROM supplier_edits")
    if supplier_ref:
        return cur.execute(sql + " WHERE supplier_ref = ? ORDER BY edit_id DESC", [supplier_ref]).df()
    return cur.execute(sql + " ORDER BY edit_id DESC LIMIT 500").df()
