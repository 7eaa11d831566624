"""The Contracts page's review list kept ahead (m086), written inside the summaries' refresh.

Kept apart from lib.scorecard.contracts, which reads it: that module needs pandas, and a load's
write transaction (lib.summary.refresh calls :func:`refresh_review`) imports nothing so heavy.
"""
from __future__ import annotations

_DEPARTMENT = "coalesce(nullif(trim(department), ''), '(not given)')"

# The review list of the store's own bodies by year, kept (m086): review_kept, one row a year, supplier
# key and department, so a year's list is a top-N of its rows, not a grouping of a million. The names
# of the rows shown are read from spend_off_contract (m100), which holds the same lines by name.
_OWN = "body_key IN (SELECT body_key FROM bodies WHERE own)"
_NAMES_FROM_SUMMARY = ("sum(amount)::DECIMAL(18,2) AS amount, sum(lines)::BIGINT AS lines, min(first_date) AS first_date, "
                       "max(last_date) AS last_date")
# The pairs of the own bodies' off-contract rows of {source} (spend_off_contract's rows or a new batch's),
# summed straight from them: one grouping, by year, supplier key and department as the list shows it.
_PAIRS = (f"SELECT fy, supplier_key, {_DEPARTMENT} AS department, {_NAMES_FROM_SUMMARY} FROM " + "{source} "
          f"WHERE {_OWN} GROUP BY ALL")
_KEPT_INPUTS = ("SELECT s.inputs || '|' || coalesce((SELECT string_agg(body_key, ',' ORDER BY body_key) FROM bodies "
                "WHERE own), '') FROM summary_state s")


def refresh_review(cur, added: set | None, summary_was: str | None) -> str:
    """Bring review_kept up to date inside the caller's write, after the summaries
    (lib.summary). ``added``: the batches the summaries just took in, their other lines unchanged,
    from inputs ``summary_was`` (None: they were rebuilt, or nothing was added). A new batch's
    off-contract sums (``_off_new``, the rows lib.summary just added to spend_off_contract) are added:
    a pair already kept is replaced by its new total (deleted and inserted: an UPDATE of tens of
    thousands of rows cost DuckDB several times more). Anything else rebuilds it from
    spend_off_contract. Rows are written unsorted, as lib.summary writes its own (sorting by year made
    the inserts serial). Returns 'none', 'added' or 'rebuilt'."""
    now = cur.execute(_KEPT_INPUTS).fetchone()[0]
    was = cur.execute("SELECT inputs FROM review_kept_state").fetchone()[0]
    new_rows = cur.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '_off_new'"
                           ).fetchone()[0]
    try:
        if now is not None and was == now:
            return "none"
        own = now.rsplit("|", 1)[1] if now else None
        if added and summary_was is not None and was == summary_was + "|" + own and new_rows:
            cur.execute("CREATE OR REPLACE TEMP TABLE _review_pairs AS " + _PAIRS.format(source="_off_new"))
            lo, hi = cur.execute("SELECT min(fy), max(fy) FROM _review_pairs").fetchone()
            if lo is not None:  # the years' rows only
                match = ("r.fy BETWEEN ? AND ? AND r.fy = n.fy AND r.supplier_key = n.supplier_key "
                         "AND r.department = n.department")
                cur.execute("CREATE OR REPLACE TEMP TABLE _review_sum AS SELECT fy, supplier_key, department, "
                            + _NAMES_FROM_SUMMARY + " FROM (SELECT r.fy, r.supplier_key, r.department, r.amount, "
                            "r.lines, r.first_date, r.last_date FROM review_kept r SEMI JOIN _review_pairs n ON "
                            + match + " UNION ALL SELECT * FROM _review_pairs) GROUP BY ALL", [lo, hi])
                cur.execute("DELETE FROM review_kept r USING _review_pairs n WHERE " + match, [lo, hi])
                cur.execute("INSERT INTO review_kept BY NAME SELECT * FROM _review_sum")
                cur.execute("DROP TABLE _review_sum")
            cur.execute("DROP TABLE _review_pairs")
            done = "added"
        else:
            cur.execute("DELETE FROM review_kept")
            cur.execute("INSERT INTO review_kept BY NAME " + _PAIRS.format(source="spend_off_contract"))
            done = "rebuilt"
        cur.execute("UPDATE review_kept_state SET inputs = ?", [now])
        return done
    finally:
        if new_rows:
            cur.execute("DROP TABLE IF EXISTS _off_new")
