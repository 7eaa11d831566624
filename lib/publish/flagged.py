"""What redaction may touch, kept ahead (m042), so the redaction pages read thousands of rows,
not tens of millions of lines.

Redaction (lib.publish.redaction) is decided per supplier key and per category, with a few
decisions per line. A line can be withheld only when it was redacted at source, its category
matches a sensitive rule, its supplier's name is proposed (a title, a person's shape, a sole
trader) or decided on, or it is decided on itself; every other line is published as it stands
(but for a withheld person's other spellings, which readers look for in the names). So three
tables are kept:

    redaction_names       every (supplier_key, supplier_name) in the lines and what its words
                          propose (name_reason), worked out once per name
    redaction_proposed    the names proposed, the register's part joined (PROPOSED_SQL)
    redaction_categories  every category in the lines and the first sensitive rule it matches
    redaction_flagged     the lines something may redact (a superset: a line no longer proposed
                          stays until the next rebuild, and is simply published)

:func:`refresh` runs inside every write (lib.derived, after the summary tables, whose per-batch
line counts it reads): a new batch's names and categories are judged and its lines that may be
redacted added; a supplier newly proposed or decided on, a category a new rule matches, a line
decided on, add their older lines; a batch removed, or lines changed in place (the summary tables
rebuilt), rebuild everything from the lines (the names judged then read from the supplier summary,
every line's pairs). A rule changed re-judges every name and category (thousands of names, not
millions of lines). The names proposed are worked out again only when a rule, the links, the
register or a staff edit moved; else the new names alone are looked at.

Readers call :func:`is_fresh` (a few milliseconds) and work everything out from the lines when the
tables are behind (a store written outside lib.store.write): the figures are the same either way
(tests/test_redaction_kept.py). What is written to the public store or a snapshot is decided from
the lines themselves and searched for every withheld name before it is kept (fail closed).
"""
from __future__ import annotations

from lib import summary

# What the tables are worked out from: the batches and lines, the rules, the staff decisions, and
# the register's side of the names (links, register rows, staff edits of suppliers).
INPUTS_SQL = """
SELECT concat_ws('|',
    (SELECT count(*) || ':' || coalesce(sum(batch_id), 0) || ':' || coalesce(max(batch_id), 0) FROM batches),
    (SELECT count(*) FROM transactions),
    (SELECT count(*) || ':' || coalesce(bit_xor(hash(kind, pattern, label)), 0) FROM redaction_rules),
    (SELECT count(*) || ':' || coalesce(max(decision_id), 0) FROM redaction_decisions),
    (SELECT count(*) || ':' || coalesce(bit_xor(hash(spend_key, supplier_ref)), 0) FROM supplier_links),
    (SELECT count(*) || ':' || coalesce(max(edit_id), 0) FROM supplier_edits),
    (SELECT count(*) FROM supplier_register))
"""
RULES_SQL = "SELECT count(*) || ':' || coalesce(bit_xor(hash(kind, pattern, label)), 0) FROM redaction_rules"

# The register's part of a name proposal, per spend key (lib.publish.redaction._supplier_proposals
# worked out the same from the lines): a sole trader; a company or charity number or VCSE type.
FACTS_SQL = """
SELECT l.spend_key AS supplier_key,
       bool_or(coalesce(f.sole_trader, FALSE)) AS sole_trader,
       bool_or(nullif(trim(s.company_number), '') IS NOT NULL OR nullif(trim(s.charity_number), '') IS NOT NULL
               OR nullif(trim(s.vcse_type), '') IS NOT NULL) AS registered
FROM supplier_links l
LEFT JOIN supplier_facts f ON f.supplier_ref = l.supplier_ref
LEFT JOIN suppliers_current s ON s.supplier_ref = l.supplier_ref
GROUP BY 1
"""

# Every (supplier_key, supplier_name, reason) proposed on name grounds, whatever the year.
PROPOSED_SQL = f"""
WITH facts AS ({FACTS_SQL})
SELECT n.supplier_key, n.supplier_name, 'sole_trader' AS reason
FROM redaction_names n JOIN facts f USING (supplier_key) WHERE f.sole_trader
UNION
SELECT n.supplier_key, n.supplier_name, n.name_reason AS reason
FROM redaction_names n LEFT JOIN facts f USING (supplier_key)
WHERE n.name_reason = 'person_title' OR (n.name_reason = 'person_name' AND NOT coalesce(f.registered, FALSE))
"""

_ANY_LINK = "SELECT EXISTS (SELECT 1 FROM supplier_links)"
_NO_FACTS = "SELECT NULL::VARCHAR AS supplier_key, NULL::BOOLEAN AS sole_trader, NULL::BOOLEAN AS registered WHERE FALSE"

_COLUMNS = ("batch_id, sheet, row_number, fy_start, body_key, period_start, "
            "coalesce(payment_date, period_start) AS date, supplier_key, supplier_name, category, is_redacted, amount")
# A line that may be redacted, given the temp tables of keys and categories (alias t).
_MAY = ("(t.is_redacted OR t.supplier_key IN (SELECT supplier_key FROM _flag_keys_now) "
        "OR t.category IN (SELECT category FROM _flag_cats_now) "
        "OR EXISTS (SELECT 1 FROM redaction_decisions d WHERE d.scope = 'line' AND d.batch_id = t.batch_id "
        "AND d.sheet = t.sheet AND d.row_number = t.row_number))")
# The lines of a list of batches (summary.batch_params' three values), so that zone maps skip the rest,
# and those of them that may be redacted, written to redaction_flagged: fixed text, values bound.
_NEW_LINES = summary._IN_BATCHES.replace("batch_id", "t.batch_id")
_INSERT_NEW_FLAGGED = ("INSERT INTO redaction_flagged SELECT " + _COLUMNS + " FROM transactions t WHERE "
                       + _NEW_LINES + " AND " + _MAY)


def _register_side(inputs: str | None) -> list | None:
    """The parts of an INPUTS_SQL fingerprint that name proposals read besides the names and rules:
    the links, the staff edits of suppliers and the register."""
    return inputs.split("|")[-3:] if inputs else None


def is_fresh(cur) -> bool:
    """True when the tables were brought up to date from the inputs as they are now."""
    row = cur.execute("SELECT s.inputs = (" + INPUTS_SQL + ") FROM redaction_flag_state s").fetchone()
    return bool(row and row[0])


def _judge_names(cur, rules, where: str, params: list, source: str = "transactions") -> int:
    """Add the (key, name) pairs of the lines ``where`` not judged yet, with what their words propose,
    and keep them in the temp table _flag_new_names too; return how many. ``source``: the lines, or
    spend_by_supplier_key (every line's pairs, summed ahead) when ``where`` is every line."""
    from lib.publish.redaction import name_reason

    pairs = cur.execute(
        f"""SELECT DISTINCT supplier_key, supplier_name FROM {source} t WHERE {where} AND NOT t.is_redacted
            AND supplier_key IS NOT NULL AND supplier_name IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM redaction_names n WHERE n.supplier_key = t.supplier_key
                            AND n.supplier_name = t.supplier_name)""", params).fetchall()
    if pairs:
        _insert_names(cur, [(k, n, name_reason(n, rules)) for k, n in pairs], keep_new=True)
    return len(pairs)


def _insert_names(cur, rows: list[tuple], keep_new: bool = False) -> None:
    # bound as three lists, unnested side by side
    lists = [list(c) for c in zip(*rows)]
    if keep_new:  # the same rows kept in the temp table _flag_new_names as well
        cur.execute("CREATE OR REPLACE TEMP TABLE _flag_new_names AS SELECT unnest(?::VARCHAR[]) AS supplier_key, "
                    "unnest(?::VARCHAR[]) AS supplier_name, unnest(?::VARCHAR[]) AS name_reason", lists)
        cur.execute("INSERT INTO redaction_names SELECT * FROM _flag_new_names")
    else:
        cur.execute("INSERT INTO redaction_names SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                    "unnest(?::VARCHAR[])", lists)


def _match(category: str, rules) -> tuple:
    for rx, label, pattern in rules.categories:
        if rx.search(category):
            return label, pattern
    return None, None


def _judge_categories(cur, rules, where: str, params: list) -> None:
    cats = [r[0] for r in cur.execute(
        f"""SELECT DISTINCT category FROM transactions t WHERE {where} AND category IS NOT NULL
            AND category NOT IN (SELECT category FROM redaction_categories)""", params).fetchall()]
    if cats:
        cur.execute("INSERT INTO redaction_categories SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                    "unnest(?::VARCHAR[]), FALSE", [list(c) for c in zip(*[(c, *_match(c, rules)) for c in cats])])


def _rejudge(cur, rules) -> None:
    """A rule changed: judge every name and category again."""
    from lib.publish.redaction import name_reason

    names = cur.execute("SELECT supplier_key, supplier_name FROM redaction_names").fetchall()
    cur.execute("DELETE FROM redaction_names")
    if names:
        _insert_names(cur, [(k, n, name_reason(n, rules)) for k, n in names])
    cats = cur.execute("SELECT category, covered FROM redaction_categories").fetchall()
    cur.execute("DELETE FROM redaction_categories")
    if cats:
        cur.executemany("INSERT INTO redaction_categories VALUES (?, ?, ?, ?)",
                        [(c, *_match(c, rules), covered) for c, covered in cats])


def refresh(cur) -> str:
    """Bring the tables up to date inside the caller's write transaction, after lib.summary's
    refresh (its summary_batches are the lines' batches now). Returns 'none', 'added' or 'rebuilt'
    (never built, a batch removed, or lines changed in place: lib.summary.invalidate)."""
    from lib.publish.redaction import load_rules

    now = cur.execute(INPUTS_SQL).fetchone()[0]
    was, was_rules = cur.execute("SELECT inputs, rules FROM redaction_flag_state").fetchone()
    if now == was:
        return "none"
    rules = load_rules(cur)
    rules_now = cur.execute(RULES_SQL).fetchone()[0]
    gone = cur.execute("SELECT EXISTS (SELECT * FROM redaction_flag_batches EXCEPT SELECT * FROM summary_batches)"
                       ).fetchone()[0]
    done = "added"
    if rules_now != was_rules:
        _rejudge(cur, rules)
    if was is None or gone:
        # Names and categories judged stay judged (by their words: a pair no line holds any more
        # proposes nothing, as no line in scope is joined to it); the lines are found again.
        cur.execute("DELETE FROM redaction_flagged")
        cur.execute("DELETE FROM redaction_flag_keys")
        cur.execute("DELETE FROM redaction_flag_batches")
        cur.execute("UPDATE redaction_categories SET covered = FALSE")
        done = "rebuilt"
    ids = [r[0] for r in cur.execute("SELECT batch_id FROM summary_batches WHERE batch_id NOT IN "
                                     "(SELECT batch_id FROM redaction_flag_batches)").fetchall()]
    # the new batches' lines, written so that DuckDB's zone maps skip every other batch's
    new, new_params = (_NEW_LINES, summary.batch_params(ids)) if ids else ("FALSE", [])
    named = 0
    if ids and done == "rebuilt" and summary.is_fresh(cur):
        # every batch's lines: their names as the summary holds them, not a pass over the lines
        named = _judge_names(cur, rules, "TRUE", [], "spend_by_supplier_key")
        _judge_categories(cur, rules, new, new_params)
    elif ids:
        named = _judge_names(cur, rules, new, new_params)
        _judge_categories(cur, rules, new, new_params)
    # The names proposed now; the keys and categories whose every line must be kept: proposed or
    # decided on. With no links the register's part is empty: said so, not planned (its views cost
    # more than the rest).
    proposed = PROPOSED_SQL if cur.execute(_ANY_LINK).fetchone()[0] else PROPOSED_SQL.replace(FACTS_SQL, _NO_FACTS)
    if done == "added" and rules_now == was_rules and _register_side(now) == _register_side(was):
        # What proposes a name stands (its words' rules, the links, the register, the staff edits):
        # the names judged before are proposed as they were, and only the new ones are looked at.
        if named:
            cur.execute("INSERT INTO redaction_proposed " + proposed.replace("redaction_names n", "_flag_new_names n"))
    else:
        cur.execute("DELETE FROM redaction_proposed")
        cur.execute("INSERT INTO redaction_proposed " + proposed)
    cur.execute("""CREATE OR REPLACE TEMP TABLE _flag_keys_now AS
                   SELECT DISTINCT supplier_key FROM redaction_proposed
                   UNION SELECT supplier_key FROM redaction_decisions WHERE scope = 'supplier'""")
    cur.execute("CREATE OR REPLACE TEMP TABLE _flag_cats_now AS SELECT category FROM redaction_categories "
                "WHERE label IS NOT NULL")
    # The new batches' lines that may be redacted ...
    if ids:
        cur.execute(_INSERT_NEW_FLAGGED, new_params)
    # ... and the older lines of keys and categories newly kept, and of lines newly decided on.
    older = []
    if cur.execute("SELECT EXISTS (SELECT supplier_key FROM _flag_keys_now EXCEPT "
                   "SELECT supplier_key FROM redaction_flag_keys)").fetchone()[0]:
        older.append("t.supplier_key IN (SELECT supplier_key FROM _flag_keys_now EXCEPT "
                     "SELECT supplier_key FROM redaction_flag_keys)")
    if cur.execute("SELECT EXISTS (SELECT 1 FROM redaction_categories WHERE label IS NOT NULL AND NOT covered)"
                   ).fetchone()[0]:
        older.append("t.category IN (SELECT category FROM redaction_categories WHERE label IS NOT NULL AND NOT covered)")
    lines_decided = cur.execute(
        """SELECT list(DISTINCT d.batch_id) FROM redaction_decisions d WHERE d.scope = 'line' AND NOT EXISTS (
               SELECT 1 FROM redaction_flagged f WHERE f.batch_id = d.batch_id AND f.sheet = d.sheet
               AND f.row_number = d.row_number)""").fetchone()[0]
    params = []
    if lines_decided:
        older.append("(t.batch_id IN (SELECT unnest(?::INTEGER[])) AND EXISTS (SELECT 1 FROM redaction_decisions d "
                     "WHERE d.scope = 'line' AND d.batch_id = t.batch_id AND d.sheet = t.sheet "
                     "AND d.row_number = t.row_number))")
        params.append(list(lines_decided))
    if older:
        cur.execute(
            f"""INSERT INTO redaction_flagged SELECT {_COLUMNS} FROM transactions t
                WHERE NOT ({new}) AND ({' OR '.join(older)})
                AND NOT EXISTS (SELECT 1 FROM redaction_flagged f WHERE f.batch_id = t.batch_id AND f.sheet = t.sheet
                                AND f.row_number = t.row_number)""", new_params + params)
    cur.execute("INSERT INTO redaction_flag_keys SELECT supplier_key FROM _flag_keys_now "
                "WHERE supplier_key NOT IN (SELECT supplier_key FROM redaction_flag_keys)")
    cur.execute("UPDATE redaction_categories SET covered = TRUE WHERE label IS NOT NULL AND NOT covered")
    cur.execute("DELETE FROM redaction_flag_batches")
    cur.execute("INSERT INTO redaction_flag_batches SELECT * FROM summary_batches")
    cur.execute("DROP TABLE IF EXISTS _flag_keys_now")
    cur.execute("DROP TABLE IF EXISTS _flag_cats_now")
    cur.execute("DROP TABLE IF EXISTS _flag_new_names")
    cur.execute("UPDATE redaction_flag_state SET inputs = ?, rules = ?", [now, rules_now])
    return done
