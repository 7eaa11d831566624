"""Re-sent and overlapping files: a file whose lines largely repeat a batch already loaded.

A file is the same payments again whatever its bytes: CRLF or LF, sorted another way, a trailing
newline, saved as .xlsx, re-issued with one amount corrected. So files are compared by their
lines, not their bytes: each line's key is its body, date, supplier, amount and reference,
normalised (case, surrounding and repeated spaces), and the comparison is a multiset one: a key
the new file holds 3 times and a batch holds 2 times matches 2 lines. Identical lines inside
one file (real repeated payments) are never merged, so they all load.

A batch overlaps the new file when the lines they share are at least :data:`SHARE` of the new
file's lines or of the batch's lines (a quarter's file holding a month already loaded is caught
by the second). Only stored lines dated within the new file's dates are read, so the check costs
one month's lines, not the store's million; of
those, only the lines of a day and amount the file has are keyed (:func:`_compare`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lib.ingest.columns import NO_NAME

# Share of the new file's lines, or of an earlier batch's, that must repeat for the file to count
# as a re-send of that batch. Real monthly files share almost nothing line for line (the date is in
# the key), a re-send shares nearly everything.
SHARE = 0.5


def _norm(expr: str) -> str:
    """SQL normalising a text column for the key: NULL → '', lower case, spaces collapsed."""
    return f"regexp_replace(lower(trim(coalesce({expr}, ''))), '\\s+', ' ', 'g')"


def _key(body: str, day: str, supplier: str, amount: str, ref: str) -> str:
    return f"hash({_norm(body)}, {day}, {_norm(supplier)}, {amount}, {_norm(ref)})"


@dataclass
class Overlap:
    """The earlier batches a new file repeats, and how much of it."""
    lines_in_file: int
    amount_in_file: Decimal
    lines_matching: int = 0            # the file's lines found in any of the batches below
    amount_matching: Decimal = Decimal("0.00")
    months: list[str] = field(default_factory=list)   # 'YYYY-MM' of the repeated lines
    batches: list[dict] = field(default_factory=list)  # one per batch repeated, largest first

    @property
    def batch_ids(self) -> list[int]:
        return [b["batch_id"] for b in self.batches]

    def as_json(self) -> dict:
        money = lambda v: f"{v:.2f}"
        return {
            "lines_in_file": self.lines_in_file, "lines_matching": self.lines_matching,
            "amount_matching": money(self.amount_matching), "months": self.months,
            "batches": [{**b, "amount_matching": money(b["amount_matching"]), "amount_loaded": money(b["amount_loaded"]),
                         "loaded_at": str(b["loaded_at"])[:19]} for b in self.batches],
        }

    def sentence(self) -> str:
        """One plain line for staff: which batches, which months, how many lines and pounds."""
        which = "; ".join(
            f"batch {b['batch_id']} ({b['file_name']}, loaded {str(b['loaded_at'])[:16]}): "
            f"{b['lines_matching']:,} of its {b['lines_in_batch']:,} lines"
            for b in self.batches)
        return (f"{self.lines_matching:,} of this file's {self.lines_in_file:,} lines "
                f"(£{self.amount_matching:,.2f}) for {', '.join(self.months)} are already loaded: {which}")


def find(cur, classified_sql: str, params: list, period_start) -> Overlap | None:
    """The batches already in the store that the staged file (``classified_sql``: lib.ingest.load's
    SELECT of the lines that will load) largely repeats, or None. Reads nothing but the store and
    the staging tables on ``cur``; writes only a temp table."""
    if not cur.execute("SELECT EXISTS (SELECT 1 FROM transactions)").fetchone()[0]:
        return None  # nothing stored can be repeated: the first load pays no pass over its lines
    day = "coalesce(payment_date, period_month, ?::DATE)"
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE overlap_new AS SELECT k, day, amount, count(*) AS n FROM ("
        "SELECT " + _key("body", day, "coalesce(supplier_raw, '" + NO_NAME + "')", "amount", "transaction_ref")
        + " AS k, " + day + " AS day, amount FROM (" + classified_sql + ")) GROUP BY ALL",
        [period_start, period_start] + params)
    return _compare(cur, None)


def find_loaded(cur, batch_id: int) -> Overlap | None:
    """:func:`find` for a batch already written inside the caller's transaction (the one-pass load
    writes first and looks after): its stored lines are the new file's, keyed the same way (the
    stored day and supplier are the staged ones' coalesced values), compared with every other batch."""
    if not cur.execute("SELECT EXISTS (SELECT 1 FROM transactions WHERE batch_id <> ?)", [batch_id]).fetchone()[0]:
        return None
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE overlap_new AS SELECT k, day, amount, count(*) AS n FROM ("
        "SELECT " + _key("body", "period_start", "supplier_name", "amount", "transaction_ref")
        + " AS k, period_start AS day, amount FROM transactions WHERE batch_id = ?) GROUP BY ALL", [batch_id])
    return _compare(cur, batch_id)


def _compare(cur, new_batch: int | None) -> Overlap | None:
    """The batches (other than ``new_batch``) sharing enough of ``overlap_new``'s lines. A stored
    line can share a key only with a new line of its day and amount: those are found first (plain
    values, a hash join), so the key (text normalised) is worked out for them alone, not for every
    line of the file's months; and only those months are read (zone maps on period_start)."""
    lines, amount, first, last = cur.execute(
        "SELECT coalesce(sum(n), 0), coalesce(sum(n * amount), 0), min(day), max(day) FROM overlap_new").fetchone()
    if not lines:
        return None
    # Per earlier batch: the lines it shares with the new file, counted as a multiset.
    per_batch = cur.execute(
        """
        WITH old AS (
            SELECT t.batch_id, """ + _key("t.body", "t.period_start", "t.supplier_name", "t.amount", "t.transaction_ref")
        + """ AS k, count(*) AS n
            FROM transactions t SEMI JOIN (SELECT DISTINCT day, amount FROM overlap_new) w
                 ON w.day = t.period_start AND w.amount = t.amount
            WHERE t.period_start BETWEEN ? AND ? AND t.batch_id IS DISTINCT FROM ?
            GROUP BY ALL
        ), shared AS (
            SELECT o.batch_id, least(o.n, w.n) AS n, w.amount
            FROM old o JOIN overlap_new w ON w.k = o.k
        )
        SELECT b.batch_id, b.file_name, b.loaded_at, b.rows_loaded, b.amount_loaded, sum(s.n), sum(s.n * s.amount)
        FROM shared s JOIN batches b ON b.batch_id = s.batch_id AND b.kind = 'spend'
        GROUP BY ALL
        HAVING sum(s.n) >= ? * ? OR sum(s.n) >= ? * b.rows_loaded
        ORDER BY sum(s.n) DESC, b.batch_id
        """, [first, last, new_batch, SHARE, lines, SHARE]).fetchall()
    if not per_batch:
        return None
    ov = Overlap(lines_in_file=int(lines), amount_in_file=amount)
    ov.batches = [{"batch_id": b, "file_name": f, "loaded_at": at, "lines_in_batch": n_b, "amount_loaded": a_b,
                   "lines_matching": int(n), "amount_matching": a}
                  for b, f, at, n_b, a_b, n, a in per_batch]
    # The file's lines found in any of those batches (a line counted once, however many hold it).
    n, a, months = cur.execute(
        """
        WITH old AS (
            SELECT """ + _key("t.body", "t.period_start", "t.supplier_name", "t.amount", "t.transaction_ref") + """ AS k,
                   count(*) AS n
            FROM transactions t SEMI JOIN (SELECT DISTINCT day, amount FROM overlap_new) w
                 ON w.day = t.period_start AND w.amount = t.amount
            WHERE list_contains(?, t.batch_id) AND t.period_start BETWEEN ? AND ?
            GROUP BY ALL
        )
        SELECT coalesce(sum(least(o.n, w.n)), 0), coalesce(sum(least(o.n, w.n) * w.amount), 0),
               list(DISTINCT strftime(w.day, '%Y-%m') ORDER BY strftime(w.day, '%Y-%m'))
        FROM overlap_new w JOIN old o ON o.k = w.k
        """, [ov.batch_ids, first, last]).fetchone()
    ov.lines_matching, ov.amount_matching, ov.months = int(n), a, list(months or [])
    return ov
