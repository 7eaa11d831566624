"""Spend summed ahead (m020): what lets a page over tens of millions of lines read thousands of rows.

Three tables, every spend line counted in exactly one row of each:

    spend_by_month     fy, month (period_start's first day), body (and its key), department, category, redacted
    spend_by_supplier  fy, body (and its key), supplier key and name as published, redacted, covering contract
    spend_by_supplier_name  body (and its key), supplier key and name, every year: the filter bar's list (m026)

and two of some lines only (m039), for the contract questions (lib.scorecard.contracts):

    spend_off_contract     off-contract lines by fy, body, supplier key and name, department (and their
                           first and last date): the review list
    spend_by_contract_day  on-contract lines by covering contract, body and day: contract burn

and spend_by_supplier_key, every line by body, supplier key and name, redacted or not, over every
year (m040): the supplier questions that are not asked by year (lib.suppliers);

and three for the Local and regional spend, Peers and Bodies pages (m060, defined in lib.summary_pages):
spend by year, body and supplier key; by year, body, category and supplier key; by batch and body;

and, from them, filter_choices (m036): the filter bar's lists for the store's own bodies, ready to read;
and spend_facts_kept (m037): the scorecard's spend split (lib.scorecard.spend), ready to read.

each with amount, lines, credit_amount and credit_lines (the negative lines). Several rows may share
a key (a new batch's sums are added as rows of their own, merged when they have doubled the table),
so a reader always sums. Money stays DECIMAL: sums of sums are exact.

:func:`refresh` runs inside every write (lib.derived, after the covering contracts): a new batch's
lines are summed and added (milliseconds for a monthly file, whatever the store holds); a batch
removed, lines added to or taken from a batch already summed, or covering contracts moved on lines
of a batch already summed, rebuild the tables from the lines (seconds at 50M lines; rare).

Lines change only by loading and removing batches (lib.ingest, through lib.store.write); code that
changes stored lines in place must call :func:`invalidate` in the same transaction, or the tables
keep the old figures until the next rebuild (the fingerprint counts batches and lines, it does not
read them). What may be published (lib.publish.redaction) is always decided from the lines.

A query reads a table only when every filter it is given is a column of it (:func:`by_month`,
:func:`by_supplier`, :func:`answers`) and the tables are up to date (:func:`is_fresh`, a few
milliseconds): else it reads the lines, as before. Either way the figures are the same (tests/test_summary.py).
"""
from __future__ import annotations

import dataclasses

from lib import summary_pages
from lib.filters import NOT_GIVEN, Filters, body_clause

# Which filters each table can answer (Filters fields; a new filter is read from the lines until
# it is added here and its column to the table).
MONTH_FILTERS = frozenset({"fy", "month_from", "month_to", "departments", "categories", "bodies"})
SUPPLIER_FILTERS = frozenset({"fy", "suppliers", "bodies"})

ENABLED = True  # tests turn it off to compare with the figures read from the lines

_MONTH_KEY = ("fy, fy_start, CAST(date_trunc('month', period_start) AS DATE) AS period_start, body, body_key, "
              "department, category, is_redacted")
_SUPPLIER_KEY = "fy, fy_start, body, body_key, supplier_key, supplier_name, is_redacted, covered_by"
_SUMS = ("sum(amount)::DECIMAL(18,2) AS amount, count(*) AS lines, "
         "coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DECIMAL(18,2) AS credit_amount, "
         "count(*) FILTER (WHERE amount < 0) AS credit_lines")
_RESUM = ("sum(amount)::DECIMAL(18,2) AS amount, sum(lines)::BIGINT AS lines, "
          "sum(credit_amount)::DECIMAL(18,2) AS credit_amount, sum(credit_lines)::BIGINT AS credit_lines")
_NAME_KEY = "body, body_key, supplier_key, supplier_name"
_OFF_KEY = "fy, fy_start, body, body_key, supplier_key, supplier_name, department"
_KEY_KEY = "body, body_key, supplier_key, supplier_name, is_redacted"
_DAY = "coalesce(payment_date, period_start)"
_TABLES = {"spend_by_month": _MONTH_KEY, "spend_by_supplier": _SUPPLIER_KEY, "spend_by_supplier_name": _NAME_KEY,
           "spend_off_contract": _OFF_KEY, "spend_by_contract_day": f"covered_by, body_key, {_DAY} AS day",
           "spend_by_supplier_key": _KEY_KEY}
_KEY_COLUMNS = {"spend_by_month": "fy, fy_start, period_start, body, body_key, department, category, is_redacted",
                "spend_by_supplier": _SUPPLIER_KEY, "spend_by_supplier_name": _NAME_KEY,
                "spend_off_contract": _OFF_KEY, "spend_by_contract_day": "covered_by, body_key, day",
                "spend_by_supplier_key": _KEY_KEY}
# Tables of some lines only, or with sums of their own (m039): table -> (which lines, its sums from
# the lines, the same re-summed). The others hold every line and _SUMS alone.
_PARTIAL = {
    "spend_off_contract": ("covered_by IS NULL", f", min({_DAY}) AS first_date, max({_DAY}) AS last_date",
                           ", min(first_date) AS first_date, max(last_date) AS last_date"),
    "spend_by_contract_day": ("covered_by IS NOT NULL", "", ""),
}
# The filters each table of m039-m040 answers (the contract questions, lib.scorecard.contracts; the
# supplier questions over every year, lib.suppliers).
TABLE_FILTERS = {"spend_off_contract": frozenset({"fy", "suppliers", "bodies", "departments"}),
                 "spend_by_contract_day": frozenset({"bodies"}),
                 "spend_by_supplier_key": frozenset({"suppliers", "bodies"})}
# The Local and regional spend, Peers and Bodies pages' tables (m060), defined beside those pages' code.
for _t, (_key, _cols, _partial, _answers) in summary_pages.TABLES.items():
    _TABLES[_t], _KEY_COLUMNS[_t], TABLE_FILTERS[_t] = _key, _cols, _answers
    if _partial:
        _PARTIAL[_t] = _partial

# What the tables are computed from: spend batches, lines, and the covering contracts (cover_state
# moves whenever covered_by may have).
INPUTS_SQL = """
SELECT concat_ws('|',
    (SELECT count(*) || ':' || coalesce(sum(batch_id), 0) || ':' || coalesce(max(batch_id), 0) FROM batches
     WHERE kind = 'spend'),
    (SELECT count(*) FROM transactions),
    (SELECT coalesce(inputs, '') FROM cover_state))
"""


def used(f: Filters | None) -> set[str]:
    """The names of the filters ``f`` sets."""
    return {fl.name for fl in dataclasses.fields(f) if getattr(f, fl.name)} if f else set()


def is_fresh(cur) -> bool:
    """True when the tables were brought up to date from the inputs as they are now."""
    row = cur.execute("SELECT s.inputs = (" + INPUTS_SQL + ") FROM summary_state s").fetchone()
    return bool(row and row[0])


def by_month(cur, f: Filters | None) -> bool:
    """True when spend_by_month answers ``f`` (and is up to date)."""
    return ENABLED and used(f) <= MONTH_FILTERS and is_fresh(cur)


def by_supplier(cur, f: Filters | None) -> bool:
    """True when spend_by_supplier answers ``f`` (and is up to date)."""
    return ENABLED and used(f) <= SUPPLIER_FILTERS and is_fresh(cur)


def answers(cur, table: str, f: Filters | None) -> bool:
    """True when ``table`` (one of TABLE_FILTERS) answers ``f`` and is up to date."""
    return ENABLED and used(f) <= TABLE_FILTERS[table] and is_fresh(cur)


def supplier_lines(cur, f: Filters | None = None) -> tuple[str, str]:
    """(table, line count) for a question of spend by supplier (alias ``t``; columns fy, fy_start, body,
    supplier_key, supplier_name, is_redacted, covered_by, amount): spend_by_supplier and
    ``sum(t.lines)`` when it answers ``f``, else the lines and ``count(*)``."""
    return ("spend_by_supplier", "sum(t.lines)") if by_supplier(cur, f) else ("transactions", "count(*)")


def key_lines(cur, f: Filters | None = None) -> tuple[str, str]:
    """(table, line count) for a question of spend by supplier over every year (alias ``t``; columns
    body, body_key, supplier_key, supplier_name, is_redacted, amount): spend_by_supplier_key and
    ``sum(t.lines)`` when it answers ``f``, else as :func:`supplier_lines`."""
    return ("spend_by_supplier_key", "sum(t.lines)") if answers(cur, "spend_by_supplier_key", f) \
        else supplier_lines(cur, f)


def invalidate(cur) -> None:
    """Mark the tables out of date: the write's refresh rebuilds them (call after changing lines in place).
    What redaction may touch (lib.publish.flagged), kept ahead from the same lines, is rebuilt too."""
    cur.execute("UPDATE summary_state SET inputs = NULL")
    cur.execute("UPDATE filter_choices_state SET inputs = NULL")
    cur.execute("UPDATE spend_facts_state SET inputs = NULL")
    cur.execute("UPDATE redaction_flag_state SET inputs = NULL")


def choices_sql(cur, bodies: tuple = ()) -> tuple[str, list]:
    """(SQL, params) of the filter bar's lists for ``bodies`` (the store's own when empty), from
    the spend summaries when up to date, else the lines: rows of kind, position, value, label,
    in no order. Its answer for the own bodies is kept in filter_choices; lib.queries.filter_choices reads it."""
    months = "spend_by_month" if by_month(cur, None) else "transactions"
    where, params = body_clause(bodies)
    # The supplier summary's lines and amounts per key and name are the lines' own counts and sums.
    names = ("(SELECT supplier_key, supplier_name, sum(lines) AS n, sum(amount) AS a FROM spend_by_supplier_name "
             f"WHERE {where} GROUP BY ALL)" if by_supplier(cur, None) else
             "(SELECT supplier_key, supplier_name, count(*) AS n, sum(amount) AS a FROM transactions "
             f"WHERE {where} GROUP BY ALL)")
    parts, all_params = [], []
    for column, kind in (("department", "departments"), ("category", "categories")):
        parts.append(f"""SELECT '{kind}' AS kind, row_number() OVER (ORDER BY label) AS position, label AS value, label
            FROM (SELECT coalesce(nullif(trim(v), ''), ?) AS label
                  FROM (SELECT DISTINCT {column} AS v FROM {months} WHERE {where}) GROUP BY label)""")
        all_params += [NOT_GIVEN, *params]
    # The name shown is the spelling published most often for the key (the first in order on a tie).
    parts.append(f"""SELECT 'suppliers' AS kind, row_number() OVER (ORDER BY sum(a) DESC, supplier_key) AS position,
               supplier_key AS value, first(supplier_name ORDER BY n DESC, supplier_name) AS label
        FROM {names} GROUP BY supplier_key""")
    all_params += params
    return " UNION ALL ".join(f"({p})" for p in parts), all_params


# The filter bar's lists for the store's own bodies (m036) are kept from the summaries as they are
# and the own bodies: both make the fingerprint they were built from.
_CHOICES_INPUTS = ("SELECT s.inputs || '|' || coalesce((SELECT string_agg(body_key, ',' ORDER BY body_key) "
                   "FROM bodies WHERE own), '') FROM summary_state s")


def choices_fresh(cur) -> bool:
    """True when filter_choices holds the filter bar's lists for the store's own bodies as the
    lines and bodies are now (the summaries up to date, and the lists built from them)."""
    return ENABLED and is_fresh(cur) and bool(cur.execute(
        "SELECT c.inputs = (" + _CHOICES_INPUTS + ") FROM filter_choices_state c").fetchone()[0])


# The scorecard's spend split (m037) is kept from the supplier summary, the covering contracts (both in
# summary_state), what is known of each supplier (the links' and locations' fingerprints) and the
# settings (the euro rate of the EU SME test).
_FACTS_INPUTS = ("SELECT s.inputs || '|' || coalesce((SELECT string_agg(part || '=' || inputs, ',' ORDER BY part) "
                 "FROM derived_state WHERE part IN ('links', 'locations')), '') || '|' || "
                 "coalesce((SELECT string_agg(name || '=' || value, ',' ORDER BY name) FROM settings), '') "
                 "FROM summary_state s")


def facts_fresh(cur) -> bool:
    """True when spend_facts_kept holds the scorecard's spend split as the lines, covering contracts,
    supplier facts and settings are now."""
    return ENABLED and is_fresh(cur) and bool(cur.execute(
        "SELECT k.inputs = (" + _FACTS_INPUTS + ") FROM spend_facts_state k").fetchone()[0])


# What each supplier key is known as where the spend split reads it, and the covering contracts'
# ranks: the rows kept stand while these do (for the keys they sum).
_LOCATED = "SELECT spend_key, ring, sme_pa2023, sme_eu, is_vcse FROM spend_key_located"
_CONTRACTS = "SELECT count(*) || ':' || coalesce(bit_xor(hash(contract_id, cover_rank)), 0) FROM cover_contracts"
_FACTS_KEY = "fy, fy_start, body_key, ring, sme_pa2023, sme_eu, is_vcse, cover_rank"


def _facts_stand(cur, added: set) -> bool:
    """Do the rows of spend_facts_kept still stand for the lines outside the batches ``added``? Not
    when a supplier key that has such lines is known otherwise than when they were summed (its link,
    ring, SME or VCSE facts moved: a register, an edit, a decision, or the new lines' own IDs)."""
    moved = cur.execute("SELECT list(DISTINCT spend_key) FROM ((SELECT * FROM _facts_located EXCEPT "
                        "SELECT * FROM spend_facts_located) UNION ALL (SELECT * FROM spend_facts_located EXCEPT "
                        "SELECT * FROM _facts_located))").fetchone()[0]
    if not moved:
        return True
    # their lines in every batch (the summary, up to date) against their lines in the new ones
    new = (_IN_BATCHES.join(("(SELECT supplier_key, count(*) AS lines FROM transactions WHERE ",
                             " AND list_contains(?, supplier_key) GROUP BY ALL)")), [*batch_params(added), moved]) \
        if added else ("(SELECT NULL::VARCHAR AS supplier_key, 0 AS lines)", [])
    return not cur.execute(
        "SELECT EXISTS (SELECT 1 FROM (SELECT supplier_key, sum(lines) AS lines FROM spend_by_supplier_key "
        f"WHERE list_contains(?, supplier_key) GROUP BY ALL) s LEFT JOIN {new[0]} n USING (supplier_key) "
        "WHERE s.lines > coalesce(n.lines, 0))", [moved, *new[1]]).fetchone()[0]


def _refresh_facts(cur, added: set | None = None) -> str:
    """Bring spend_facts_kept (lib.scorecard.spend.kept_facts_sql) up to date when its inputs moved;
    the summaries and the derived parts before them must be up to date. ``added``: the batches whose
    lines the summaries just took in, the others' unchanged (None: not known, or rebuilt). The new
    lines' rows are added when what the kept rows were summed from still stands (the covering
    contracts' ranks, and what each key they sum is known as); else it is built again from the
    supplier summary. Returns 'none', 'added' or 'rebuilt'."""
    now = cur.execute(_FACTS_INPUTS).fetchone()[0]
    was, contracts_was, merged = cur.execute("SELECT inputs, contracts, merged_rows FROM spend_facts_state").fetchone()
    if now is not None and was == now:
        return "none"
    from lib.scorecard.spend import kept_facts_sql

    contracts = cur.execute(_CONTRACTS).fetchone()[0]
    # spend_key_located holds the linked keys: with no link it is empty, and not planned (its views are dear)
    cur.execute("CREATE OR REPLACE TEMP TABLE _facts_located AS " + (
        _LOCATED if cur.execute("SELECT EXISTS (SELECT 1 FROM supplier_links)").fetchone()[0]
        else "SELECT * FROM spend_facts_located WHERE FALSE"))
    if added is not None and was is not None and contracts == contracts_was and _facts_stand(cur, added):
        if added:  # the new lines as the summary just summed them (_summary_new), not the lines again
            cur.execute("INSERT INTO spend_facts_kept BY NAME " + kept_facts_sql(sums="_summary_new",
                                                                                 located="_facts_located"))
        if cur.execute("SELECT count(*) FROM spend_facts_kept").fetchone()[0] > 2 * max(merged or 0, 1000):
            merged = _merge(cur, {"spend_facts_kept": _FACTS_KEY},
                            "sum(amount)::DECIMAL(18,2) AS amount, sum(lines)::BIGINT AS lines")
        done = "added"
    else:
        cur.execute("DELETE FROM spend_facts_kept")
        cur.execute("INSERT INTO spend_facts_kept BY NAME " + kept_facts_sql(located="_facts_located"))
        merged = cur.execute("SELECT count(*) FROM spend_facts_kept").fetchone()[0]
        done = "rebuilt"
    cur.execute("DELETE FROM spend_facts_located")
    cur.execute("INSERT INTO spend_facts_located SELECT * FROM _facts_located")
    cur.execute("DROP TABLE _facts_located")
    cur.execute("UPDATE spend_facts_state SET inputs = ?, contracts = ?, merged_rows = ?", [now, contracts, merged])
    return done


def _refresh_choices(cur) -> bool:
    """Rebuild filter_choices (:func:`choices_sql` for the own bodies) when the summaries or the own
    bodies moved since it was built; the summaries must be up to date. True when rebuilt."""
    now = cur.execute(_CHOICES_INPUTS).fetchone()[0]
    if now is not None and cur.execute("SELECT inputs FROM filter_choices_state").fetchone()[0] == now:
        return False
    sql, params = choices_sql(cur)
    # Only the rows that moved are written (a monthly file moves a few suppliers' places among tens
    # of thousands): the lists read the same, and the store does not write them all again.
    cur.execute("CREATE OR REPLACE TEMP TABLE _choices_new AS SELECT kind, position, value, label FROM (" + sql + ")",
                params)  # (choices_sql: our own SQL, every value bound)
    same = ("n.kind = f.kind AND n.position = f.position AND n.value IS NOT DISTINCT FROM f.value "
            "AND n.label IS NOT DISTINCT FROM f.label")
    cur.execute("DELETE FROM filter_choices f WHERE NOT EXISTS (SELECT 1 FROM _choices_new n WHERE " + same + ")")
    cur.execute("INSERT INTO filter_choices (kind, position, value, label) SELECT kind, position, value, label "
                "FROM _choices_new n WHERE NOT EXISTS (SELECT 1 FROM filter_choices f WHERE " + same + ")")
    cur.execute("DROP TABLE _choices_new")
    cur.execute("UPDATE filter_choices_state SET inputs = ?", [now])
    return True


def new_batches(cur, held: str) -> tuple[dict[int, int], bool]:
    """What a derived part must take in, read without a pass over the store's lines. ``held``: its
    table of the spend batches it holds (batch_id, lines: summary_batches, cover_batches,
    supplier_spend_batches). Returns ({batch_id: lines} of the spend batches it does not hold yet,
    and whether what it holds still stands): False when a batch it holds was removed, or when the
    store's line count is not its own plus the new batches' (lines added to or taken from a batch
    it holds). Only the new batches' lines are counted: a batch's lines sit together on disk, so
    DuckDB's zone maps skip the rest (milliseconds at fifty million lines)."""
    held = _held_table(held)
    held_lines, gone = cur.execute(
        "SELECT coalesce(sum(lines), 0), coalesce(bool_or(lines > 0 AND batch_id NOT IN (SELECT batch_id FROM batches)), "
        "FALSE) FROM " + held).fetchone()
    ids = [r[0] for r in cur.execute(
        "SELECT batch_id FROM batches WHERE kind = 'spend' AND batch_id NOT IN (SELECT batch_id FROM " + held + ") "
        "ORDER BY batch_id").fetchall()]
    new = dict.fromkeys(ids, 0)
    if ids:
        new.update(cur.execute(_IN_BATCHES.join(("SELECT batch_id, count(*) FROM transactions WHERE ",
                                                 " GROUP BY batch_id")), batch_params(ids)).fetchall())
    total = cur.execute("SELECT count(*) FROM transactions").fetchone()[0]
    return new, not gone and total == held_lines + sum(new.values())


# Lines of the batches in a list, written so that DuckDB's zone maps skip every other row group
# (the range; list_contains alone is read line by line): batch_params' three values.
_IN_BATCHES = "batch_id BETWEEN ? AND ? AND list_contains(?, batch_id)"


def batch_params(ids) -> list:
    ids = sorted(ids)
    return [ids[0], ids[-1], ids]


# The tables a derived part keeps its batches in (the only names record_batches and new_batches take).
_HELD = ("summary_batches", "cover_batches", "supplier_spend_batches", "redaction_flag_batches")


def _held_table(held: str) -> str:
    if held not in _HELD:
        raise ValueError(f"not a table of held batches: {held!r}")
    return held


def record_batches(cur, held: str, new: dict[int, int] | None) -> None:
    """After taking them in, add ``new`` ({batch_id: lines}) to ``held``; None: the part was
    rebuilt from every line, so ``held`` becomes every spend batch and its lines now."""
    held = _held_table(held)
    if new is None:
        cur.execute("DELETE FROM " + held)
        cur.execute("INSERT INTO " + held + " SELECT b.batch_id, coalesce(c.lines, 0) FROM batches b LEFT JOIN "
                    "(SELECT batch_id, count(*) AS lines FROM transactions GROUP BY batch_id) c USING (batch_id) "
                    "WHERE b.kind = 'spend'")
    elif new:
        cur.executemany("INSERT OR REPLACE INTO " + held + " VALUES (?, ?)", list(new.items()))


# Tables summed or merged here that are not among _TABLES: the supplier facts' kept split, and the
# suppliers' spend, which lib.suppliers merges with _merge.
_OTHER_TABLES = ("spend_facts_kept", "supplier_spend")


def _table(name: str) -> str:
    """``name`` when it is one of the tables this module keeps or merges (their names are SQL
    identifiers, so only this fixed list is ever written into a statement); anything else raises."""
    if name not in _TABLES and name not in _OTHER_TABLES:
        raise ValueError(f"not a summary table: {name!r}")
    return name


def _rows(cur, table: str) -> int:
    """How many rows a summary table holds."""
    return cur.execute("SELECT count(*) FROM " + _table(table)).fetchone()[0]


def _coarser_than_supplier(table: str) -> bool:
    """Is ``table`` a coarser grouping of every line by spend_by_supplier's key (its key some of those
    columns as they are, no sums of its own)? Then it is summed from a batch's sums by that key, not
    from its lines again (sums of sums are exact): a pass over the lines spared for each."""
    cols = {c.strip() for c in _KEY_COLUMNS[table].split(",")}
    return (table != "spend_by_supplier" and table not in _PARTIAL and _TABLES[table] == _KEY_COLUMNS[table]
            and cols <= {c.strip() for c in _SUPPLIER_KEY.split(",")})


# A batch's rows are added in the order they are summed, not sorted by year: sorting made their
# inserts serial (a million lines' summaries took 0.47 s, 0.31 s unsorted), and bought a page's year
# filter next to nothing (zone maps skipping the other years of 4.9 million off-contract rows saved
# 4 ms of 8.5). A merge (:func:`_merge`) writes whole tables in full key order.
def _add(cur, where: str, params: list | None = None, keep: bool = False) -> None:
    """Sum the lines ``where`` into every table. ``keep`` (new batches added to the tables): leave the
    temp table _summary_new (those lines summed by spend_by_supplier's key) to the caller, which drops
    it, and the new off-contract rows in _off_new for the review list (lib.scorecard.review_kept, which
    drops it); a rebuild writes those rows straight into their table, as the review list is then
    rebuilt from the table (a copy of some 100,000 rows spared at a million lines)."""
    cur.execute("CREATE OR REPLACE TEMP TABLE _summary_new AS SELECT " + _SUPPLIER_KEY + ", " + _SUMS
                + " FROM transactions WHERE (" + where + ") GROUP BY ALL", params)  # (where: our own, values bound)
    for table, key in _TABLES.items():  # (table, key and sums: this module's own fixed text; values bound)
        which, sums, _ = _PARTIAL.get(table, ("TRUE", "", ""))
        # by name: the body key (m021) came after the sums
        if table == "spend_by_supplier":
            cur.execute("INSERT INTO " + table + " BY NAME SELECT * FROM _summary_new")
        elif _coarser_than_supplier(table):
            cur.execute("INSERT INTO " + table + " BY NAME SELECT " + key + ", " + _RESUM
                        + " FROM _summary_new GROUP BY ALL")
        elif table == "spend_off_contract" and keep:  # its new rows kept for the review list's (refresh_review drops them)
            # A table of the transaction's own, not a temp table: with a temp table this wide (some
            # 100,000 rows of 15 columns for a million lines) DuckDB 2.0 compressed the batch's lines
            # a second time at COMMIT (0.3 s became 1.2 s). Dropped before the commit, it leaves nothing.
            cur.execute("CREATE OR REPLACE TABLE _off_new AS SELECT " + key + ", " + _SUMS + sums
                        + " FROM transactions WHERE (" + where + ") AND " + which + " GROUP BY ALL", params)
            cur.execute("INSERT INTO " + table + " BY NAME SELECT * FROM _off_new")
        else:
            cur.execute("INSERT INTO " + table + " BY NAME SELECT " + key + ", " + _SUMS + sums
                        + " FROM transactions WHERE (" + where + ") AND " + which + " GROUP BY ALL", params)
    if not keep:
        cur.execute("DROP TABLE _summary_new")


def _merge(cur, keys: dict | None = None, resum: str = _RESUM) -> int:
    """Merge rows sharing a key; return how many rows the tables hold after."""
    total = 0
    for table, cols in (keys or _KEY_COLUMNS).items():
        table = _table(table)
        resums = _PARTIAL.get(table, ("", "", ""))[2]
        cur.execute("CREATE OR REPLACE TEMP TABLE _summary_merged AS SELECT " + cols + ", " + resum + resums
                    + " FROM " + table + " GROUP BY ALL ORDER BY ALL")
        cur.execute("DELETE FROM " + table)
        cur.execute("INSERT INTO " + table + " BY NAME SELECT * FROM _summary_merged")
        cur.execute("DROP TABLE _summary_merged")
        total += _rows(cur, table)
    return total


def refresh(cur, cover_changed: set | None = None, report: dict | None = None) -> str:
    """Bring the tables up to date inside the caller's write transaction. ``cover_changed``: the
    batches whose lines' covering contract the cover refresh just changed (None: unknown, so any).
    Returns 'none', 'added' (new batches' lines summed in) or 'rebuilt'; ``report`` is given what
    was done to the scorecard's spend split (its 'facts')."""
    report = {} if report is None else report
    now = cur.execute(INPUTS_SQL).fetchone()[0]
    was, merged_rows = cur.execute("SELECT inputs, merged_rows FROM summary_state").fetchone()
    from lib.scorecard.review_kept import refresh_review

    if was == now and not cover_changed:
        _refresh_choices(cur)  # the own bodies may have moved
        report["facts"] = _refresh_facts(cur, set() if cover_changed is not None else None)  # or what is known of the suppliers
        report["review"] = refresh_review(cur, None, None)  # the own bodies may have moved
        return "none"
    new, held = new_batches(cur, "summary_batches")
    added = {b for b, n in new.items() if n}
    old_moved = cover_changed is None or bool(set(cover_changed) - added)
    if was is None or not held or old_moved:
        for table in _TABLES:
            cur.execute("DELETE FROM " + _table(table))
        _add(cur, "TRUE")
        # What is kept from the tables is rebuilt with them: a rebuild may leave the fingerprint as it
        # was (covering contracts repaired after the register was changed outside a write).
        cur.execute("UPDATE filter_choices_state SET inputs = NULL")
        cur.execute("UPDATE spend_facts_state SET inputs = NULL")
        # Summed from the lines in one go: one row a key already, nothing to merge.
        merged_rows = sum(_rows(cur, t) for t in _TABLES)
        done, new = "rebuilt", None
    else:
        if added:
            empty = not any(_rows(cur, t) for t in _TABLES)
            _add(cur, _IN_BATCHES, batch_params(added), keep=True)  # _summary_new: for the spend split
            rows = sum(_rows(cur, t) for t in _TABLES)
            if empty:  # summed into empty tables in one go: one row a key already
                merged_rows = rows
            elif rows > 2 * max(merged_rows, 1000):
                merged_rows = _merge(cur)
        done = "added"
    record_batches(cur, "summary_batches", new)
    cur.execute("UPDATE summary_state SET inputs = ?, merged_rows = ?", [now, merged_rows])
    _refresh_choices(cur)
    report["facts"] = _refresh_facts(cur, added if done == "added" else None)
    report["review"] = refresh_review(cur, added if done == "added" else None, was)  # the Contracts review list
    cur.execute("DROP TABLE IF EXISTS _summary_new")
    return done
