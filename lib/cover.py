"""Which contract each spend line counts under, stored with the line.

The rules (README "Scorecard"; lib.scorecard says them in full): a line is on contract when a contract
in the register is live on its date and either holds the line's supplier (same supplier ID, same
name key, or both linked to one register supplier) or its reference is quoted by the line; of
several, the one ranked first by ``contracts_current.cover_rank`` counts. ``MATCH_CTES`` is that
rule as SQL, and is the only place it is written.

Matching a million lines to contract date ranges takes most of a second, too slow to repeat on
every query, so the answer is stored: ``transactions.covered_by`` holds the contract_id, and
``cover_contracts`` the register it was computed against (m009). :func:`refresh` runs at the end
of every write transaction (``lib.store.write``) and recomputes what its inputs' changes can have
moved: every line when a contract's coverage columns changed, else only the lines of new batches
and of suppliers whose link changed. Readers call :func:`lines_ctes`, which reads the stored
answer when :func:`is_fresh` and computes it afresh otherwise (a store written outside
``store.write``), so a figure is never read from an out-of-date answer.

Transactions are append-only (a batch is loaded or removed whole), which is what lets the
fingerprint below stand for them by counts.
"""
from __future__ import annotations

# ---- the matching rule ---------------------------------------------------------------------------
# `cc`: the register in force; `seg`: for each spend supplier (ID, name key), its timeline cut at
# every contract boundary, each piece carrying the best-ranked contract live in it, so each line
# meets at most one piece (no double counting, no per-line grouping); `by_ref`: lines that quote a
# contract reference; `lines`: every line with the contract it counts under (cover_rank) or NULL.
MATCH_CTES = r"""
cc AS MATERIALIZED (
    SELECT cover_rank, contract_id, reference, title, supplier_id, supplier_key, supplier_ref, supplier_name,
           start_date, end_date, value, route, route_group, is_collaborative
    FROM {contracts}),
sup AS (
    SELECT s.sid, s.supplier_key, l.supplier_ref
    FROM (SELECT DISTINCT coalesce(trim(supplier_id), '') AS sid, supplier_key FROM {lines_from}) s
    LEFT JOIN supplier_links l ON l.spend_key = s.supplier_key),
cand AS MATERIALIZED (
    SELECT sup.sid, sup.supplier_key, cc.cover_rank, cc.start_date, cc.end_date
    FROM sup JOIN cc ON sup.sid <> '' AND sup.sid = trim(cc.supplier_id)
    UNION
    SELECT sup.sid, sup.supplier_key, cc.cover_rank, cc.start_date, cc.end_date
    FROM sup JOIN cc ON sup.supplier_key <> '' AND sup.supplier_key = cc.supplier_key
    UNION
    SELECT sup.sid, sup.supplier_key, cc.cover_rank, cc.start_date, cc.end_date
    FROM sup JOIN cc ON sup.supplier_ref = cc.supplier_ref),
bounds AS (
    SELECT sid, supplier_key, start_date AS b FROM cand
    UNION SELECT sid, supplier_key, CAST(end_date + 1 AS DATE) FROM cand WHERE end_date IS NOT NULL),
pieces AS (
    SELECT sid, supplier_key, b AS seg_from, lead(b) OVER (PARTITION BY sid, supplier_key ORDER BY b) AS seg_to
    FROM bounds),
seg AS MATERIALIZED (
    SELECT p.sid, p.supplier_key, p.seg_from, p.seg_to, min(c.cover_rank) AS cover_rank
    FROM pieces p JOIN cand c ON c.sid = p.sid AND c.supplier_key = p.supplier_key
         AND c.start_date <= p.seg_from AND (c.end_date IS NULL OR c.end_date >= p.seg_from)
    GROUP BY ALL),
refs AS (
    SELECT DISTINCT r, cover_rank, start_date, end_date
    FROM (SELECT unnest([trim(reference), upper(trim(reference)), lower(trim(reference))]) AS r, * FROM cc)),
desc_refs AS (
    SELECT d.description, r.cover_rank, r.start_date, r.end_date
    FROM (SELECT description, unnest(regexp_extract_all(upper(description), '[A-Z0-9]+(?:[-/_.][A-Z0-9]+)*')) AS tok
          FROM (SELECT DISTINCT description FROM {lines_from} WHERE description IS NOT NULL)) d
    JOIN refs r ON r.r = d.tok),
by_ref AS (
    SELECT batch_id, sheet, row_number, min(cover_rank) AS cover_rank FROM (
        SELECT t.batch_id, t.sheet, t.row_number, r.cover_rank
        FROM {lines_from} t JOIN refs r ON t.transaction_ref = r.r
             AND r.start_date <= coalesce(t.payment_date, t.period_start)
             AND (r.end_date IS NULL OR coalesce(t.payment_date, t.period_start) <= r.end_date)
        WHERE {where}
        UNION ALL
        SELECT t.batch_id, t.sheet, t.row_number, d.cover_rank
        FROM {lines_from} t JOIN desc_refs d ON d.description = t.description
             AND d.start_date <= coalesce(t.payment_date, t.period_start)
             AND (d.end_date IS NULL OR coalesce(t.payment_date, t.period_start) <= d.end_date)
        WHERE {where}
    ) GROUP BY ALL),
lines AS (
    SELECT t.batch_id, t.sheet, t.row_number, t.fy, t.fy_start, t.period_start, t.payment_date,
           t.supplier_name, t.supplier_key, t.supplier_id, t.is_redacted, t.department, t.category,
           t.description, t.transaction_ref, t.amount, {located_cols}
           CASE WHEN br.cover_rank IS NULL THEN s.cover_rank WHEN s.cover_rank IS NULL THEN br.cover_rank
                ELSE least(s.cover_rank, br.cover_rank) END AS cover_rank
    FROM {lines_from} t
    LEFT JOIN seg s ON s.sid = coalesce(trim(t.supplier_id), '') AND s.supplier_key = t.supplier_key
         AND coalesce(t.payment_date, t.period_start) >= s.seg_from
         AND (s.seg_to IS NULL OR coalesce(t.payment_date, t.period_start) < s.seg_to)
    LEFT JOIN by_ref br ON br.batch_id = t.batch_id AND br.sheet = t.sheet AND br.row_number = t.row_number
    WHERE {where})
"""



# The same `cc` and `lines`, read from what refresh() stored.
STORED_CTES = r"""
cc AS MATERIALIZED (
    SELECT cover_rank, contract_id, reference, title, supplier_id, supplier_key, supplier_ref, supplier_name,
           start_date, end_date, value, route, route_group, is_collaborative
    FROM cover_contracts),
lines AS (
    SELECT t.batch_id, t.sheet, t.row_number, t.fy, t.fy_start, t.period_start, t.payment_date,
           t.supplier_name, t.supplier_key, t.supplier_id, t.is_redacted, t.department, t.category,
           t.description, t.transaction_ref, t.amount, {located_cols}
           cc.cover_rank
    FROM {lines_from} t LEFT JOIN cc ON cc.contract_id = t.covered_by
    WHERE {where})
"""

# Everything covered_by depends on, by counts and hashes cheap enough to check before every query:
# spend and contract batches (loads and removals), transactions, staff edits to contracts, the
# collaborative routes (they rank contracts), and the supplier links (a supplier register reaches
# covered_by only through them). Savings and the postcode reference do not move it.
INPUTS_SQL = """
SELECT concat_ws('|',
    (SELECT count(*) || ':' || coalesce(sum(batch_id), 0) || ':' || coalesce(max(batch_id), 0) FROM batches
     WHERE kind IN ('spend', 'contracts')),
    (SELECT count(*) FROM transactions),
    (SELECT count(*) || ':' || coalesce(max(edit_id), 0) FROM contract_edits),
    (SELECT count(*) || ':' || coalesce(bit_xor(hash(alias, route)), 0) FROM collaborative_routes),
    (SELECT count(*) || ':' || coalesce(bit_xor(hash(spend_key, supplier_ref)), 0) FROM supplier_links))
"""

# The columns of a contract that decide which lines it covers and in what order.
_COVERAGE_COLUMNS = ("contract_id, cover_rank, reference, supplier_id, supplier_key, supplier_ref, "
                     "start_date, end_date")


def inputs(cur) -> str:
    """The fingerprint of everything covered_by depends on."""
    return cur.execute(INPUTS_SQL).fetchone()[0]


def is_fresh(cur) -> bool:
    """True when covered_by and cover_contracts were computed from the inputs as they are now."""
    row = cur.execute("SELECT inputs FROM cover_state").fetchone()
    return row is not None and row[0] is not None and row[0] == inputs(cur)


def lines_ctes(cur, where: str, located_cols: str = "", lines_from: str = "transactions") -> tuple[str, int]:
    """The ``cc`` and ``lines`` CTEs (without WITH) for lines matching ``where`` (fixed SQL text on
    alias t, its values bound by the caller), and how many times the caller's parameters repeat.

    Reads the stored covered_by when it is up to date, else matches afresh (same rule, same columns:
    every line with the cover_rank of the contract it counts under, or NULL)."""
    if is_fresh(cur):
        return STORED_CTES.format(where=where, located_cols=located_cols, lines_from=lines_from), 1
    return MATCH_CTES.format(where=where, located_cols=located_cols, lines_from=lines_from,
                             contracts="contracts_current"), 3


def contracts_table(cur) -> str:
    """The name of the register to read: the stored copy when up to date, else the view."""
    return "cover_contracts" if is_fresh(cur) else "contracts_current"


def _older_lines_of(cur, keys: list[str], added: list[int]) -> list[str]:
    """Of the supplier keys ``keys`` (whose link changed), those with lines outside the batches
    ``added``: told by the supplier sums (lib.suppliers, m033) when they are up to date, the
    store's lines of the key against the new batches' (in _cover_lines); else every key."""
    if not keys:
        return []
    from lib import suppliers

    if not suppliers.spend_sums_fresh(cur):
        return keys
    return [r[0] for r in cur.execute(
        "SELECT s.supplier_key FROM (SELECT supplier_key, sum(lines) AS lines FROM supplier_spend "
        "                            WHERE list_contains(?, supplier_key) GROUP BY ALL) s "
        "LEFT JOIN (SELECT supplier_key, count(*) AS lines FROM _cover_lines GROUP BY ALL) n USING (supplier_key) "
        "WHERE s.lines > coalesce(n.lines, 0)", [keys]).fetchall()]


def refresh(cur) -> dict:
    """Bring covered_by up to date; call inside the write transaction that changed its inputs
    (``lib.store.write`` does, before it commits). Returns what it did: {scope: 'none' | 'changed'
    | 'all', lines_changed, batches_changed: the batches holding those lines}. Cheap when nothing it depends on changed."""
    now = inputs(cur)
    stored_inputs = cur.execute("SELECT inputs FROM cover_state").fetchone()[0]
    if stored_inputs == now:
        return {"scope": "none", "lines_changed": 0, "batches_changed": set()}
    if not cur.execute("SELECT EXISTS (SELECT 1 FROM contracts) OR EXISTS (SELECT 1 FROM cover_contracts) "
                       "OR EXISTS (SELECT 1 FROM transactions WHERE covered_by IS NOT NULL)").fetchone()[0]:
        # No register, none before, no line holding a contract: nothing to match or undo. The first
        # register to arrive then differs from the empty stored one, and every line is matched.
        cur.execute("UPDATE cover_state SET inputs = ?", [now])
        return {"scope": "none", "lines_changed": 0, "batches_changed": set()}
    from lib import summary

    cur.execute("CREATE OR REPLACE TEMP TABLE _cover_cc AS SELECT * FROM contracts_current")
    new, held = summary.new_batches(cur, "cover_batches")
    added = sorted(b for b, n in new.items() if n)
    contracts_moved = cur.execute(
        f"SELECT EXISTS (SELECT {_COVERAGE_COLUMNS} FROM _cover_cc EXCEPT SELECT {_COVERAGE_COLUMNS} FROM cover_contracts)"
        f" OR EXISTS (SELECT {_COVERAGE_COLUMNS} FROM cover_contracts EXCEPT SELECT {_COVERAGE_COLUMNS} FROM _cover_cc)"
    ).fetchone()[0]
    if contracts_moved or stored_inputs is None or not held:
        # a contract moved, the answer was never computed, or lines changed in a batch already covered
        scope, lines_from, match, new = "all", "transactions", True, None
    elif not cur.execute("SELECT EXISTS (SELECT 1 FROM _cover_cc)").fetchone()[0]:
        # No contracts now, and none when last computed (else they moved): no line holds one and
        # none can gain one, so the new lines are not even copied (a million-line load skips it).
        scope, lines_from, match = "changed", "_cover_lines", False
    else:
        # Only the lines of batches not yet covered and of suppliers whose link changed, copied
        # once so the matching reads them alone; each found without a pass over the store.
        scope, lines_from = "changed", "_cover_lines"
        cur.execute("CREATE OR REPLACE TEMP TABLE _cover_lines AS SELECT * FROM transactions WHERE "
                    + (summary._IN_BATCHES if added else "FALSE"), summary.batch_params(added) if added else [])
        relinked = [r[0] for r in cur.execute(
            "SELECT spend_key FROM ((SELECT spend_key, supplier_ref FROM supplier_links EXCEPT "
            "SELECT spend_key, supplier_ref FROM cover_links) UNION (SELECT spend_key, supplier_ref FROM cover_links "
            "EXCEPT SELECT spend_key, supplier_ref FROM supplier_links))").fetchall()]
        older = _older_lines_of(cur, relinked, added)
        if older:  # their lines in batches covered before: a pass over the store's supplier keys
            cur.execute("INSERT INTO _cover_lines SELECT * FROM transactions WHERE list_contains(?, supplier_key) "
                        "AND NOT list_contains(?, batch_id)", [older, added])
        # With no contracts there is nothing to match: new lines arrive NULL, and none held one.
        match = cur.execute("SELECT EXISTS (SELECT 1 FROM _cover_lines) AND EXISTS (SELECT 1 FROM _cover_cc)").fetchone()[0]
    changed, batches_changed = 0, set()
    if match:
        # Match the lines in scope; keep those whose answer differs from the stored one.
        cur.execute("CREATE OR REPLACE TEMP TABLE _cover_changes AS WITH "
                    + MATCH_CTES.format(where="TRUE", located_cols="t.covered_by AS stored,",
                                        lines_from=lines_from, contracts="_cover_cc")
                    + " SELECT l.batch_id, l.sheet, l.row_number, cc.contract_id FROM lines l "
                      "LEFT JOIN cc ON cc.cover_rank = l.cover_rank WHERE cc.contract_id IS DISTINCT FROM l.stored")
        changed = cur.execute("SELECT count(*) FROM _cover_changes").fetchone()[0]
        batches_changed = {r[0] for r in cur.execute("SELECT DISTINCT batch_id FROM _cover_changes").fetchall()}
        if changed:
            # the range lets DuckDB's zone maps skip the row groups of every other batch
            lo, hi = cur.execute("SELECT min(batch_id), max(batch_id) FROM _cover_changes").fetchone()
            cur.execute("""UPDATE transactions t SET covered_by = c.contract_id FROM _cover_changes c
                           WHERE t.batch_id BETWEEN ? AND ? AND t.batch_id = c.batch_id AND t.sheet = c.sheet
                             AND t.row_number = c.row_number""", [lo, hi])
    cur.execute("CREATE OR REPLACE TABLE cover_contracts AS SELECT * FROM _cover_cc")
    cur.execute("DELETE FROM cover_links")
    cur.execute("INSERT INTO cover_links SELECT spend_key, supplier_ref FROM supplier_links")
    summary.record_batches(cur, "cover_batches", new)
    cur.execute("UPDATE cover_state SET inputs = ?", [now])
    for t in ("_cover_cc", "_cover_lines", "_cover_changes"):
        cur.execute("DROP TABLE IF EXISTS " + t)
    return {"scope": scope, "lines_changed": int(changed), "batches_changed": batches_changed}
