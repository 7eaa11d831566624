"""Redaction before publishing: the tool proposes, staff decide, anything undecided is withheld.

Proposals (computed fresh on every call, so a new load or rule is seen at once):

- ``source``: the line was already redacted in the file as published;
- ``person_title``: the supplier's legal name (the part before "t/a") starts with a title
  (Mr, Mrs, Ms, Miss, Mx, Dr, …) and carries no company form;
- ``sole_trader``: the supplier register (or a staff edit) flags the linked supplier a sole trader;
- ``person_name``: a name shaped like a person's ("J Smith", "Jane Smith", "Smith J A") with no
  company form, no organisation word (council, trust, university, charity, …) and no company
  or charity number in the register;
- ``sensitive_category``: the line's category matches a sensitive-category rule.

Name proposals are decided per supplier (bulk: every line of the supplier_key); category and
source proposals per line. Fails closed: a line is published redacted while any of its
proposals is undecided, or when any decision on it (line or supplier) says redact. A clear
on a supplier clears only its name proposals; a clear on a line only its category proposal.
Amounts are never changed: the beneficiary and the free-text purpose are replaced by the label.

Rules (sensitive categories, titles, company forms, organisation words) are rows of
``redaction_rules`` that staff edit; every decision is a row of ``redaction_decisions``.
"""
from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from lib import store, summary
from lib.filters import OWN_BODIES, fy_start
from lib.publish import flagged
from lib.rows import cursor_of, frame
from lib.suppliers import TRADING_AS_RE

if TYPE_CHECKING:
    import pandas as pd

PERSONAL = "REDACTED PERSONAL DATA"
COMMERCIAL = "REDACTED COMMERCIAL CONFIDENTIALITY"
OTHER = "REDACTED OTHER"
LABELS = (PERSONAL, COMMERCIAL, OTHER)
RULE_KINDS = ("sensitive_category", "person_title", "company_form", "organisation_word")
NAME_REASONS = ("person_title", "sole_trader", "person_name")
REASON_TEXT = {
    "source": "redacted in the source file",
    "person_title": "name starts with a personal title",
    "sole_trader": "sole trader in the supplier register",
    "person_name": "looks like a person's name (no company form)",
    "sensitive_category": "sensitive category",
}

_TRADING_AS = re.compile(TRADING_AS_RE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|&|\d+")


# ---- rules --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rules:
    """The compiled redaction rules of a store."""

    titles: frozenset
    company_forms: frozenset
    organisation_words: frozenset
    categories: tuple  # ((compiled regex, label, pattern), ...)


def _words(patterns: list[str]) -> frozenset:
    out = set()
    for p in patterns:
        out.update(w.strip().lower() for w in p.split("|") if w.strip())
    return frozenset(out)


def load_rules(db=None) -> Rules:
    """The store's rules, compiled. Word rules are '|'-separated words matched whole and case-blind;
    category rules are case-insensitive regular expressions (an invalid one raises re.error)."""
    rows = cursor_of(db).execute("SELECT kind, pattern, label FROM redaction_rules ORDER BY kind, pattern").fetchall()
    by_kind: dict[str, list] = {k: [] for k in RULE_KINDS}
    for kind, pattern, label in rows:
        by_kind[kind].append((pattern, label))
    return Rules(
        titles=_words([p for p, _ in by_kind["person_title"]]),
        company_forms=_words([p for p, _ in by_kind["company_form"]]),
        organisation_words=_words([p for p, _ in by_kind["organisation_word"]]),
        categories=tuple((re.compile(p, re.I), label, p) for p, label in by_kind["sensitive_category"]),
    )


def rules_frame(db=None) -> pd.DataFrame:
    """Every rule: kind, pattern, label, note, set_by, set_at."""
    return frame(cursor_of(db), "SELECT kind, pattern, label, note, set_by, set_at FROM redaction_rules ORDER BY kind, pattern")


def set_rule(kind: str, pattern: str, label: str = OTHER, note: str | None = None, who: str = "staff", db=None) -> None:
    """Add or replace a rule. Raises ValueError for an unknown kind or label, or a pattern that is
    not a valid regular expression."""
    if kind not in RULE_KINDS:
        raise ValueError(f"unknown rule kind {kind!r}")
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}")
    pattern = (pattern or "").strip()
    if not pattern:
        raise ValueError("a rule needs a pattern")
    try:
        re.compile(pattern, re.I)
    except re.error as exc:
        raise ValueError(f"not a valid pattern: {exc}") from exc
    with store.write(db) as cur:
        cur.execute("DELETE FROM redaction_rules WHERE kind = ? AND pattern = ?", [kind, pattern])
        cur.execute(
            "INSERT INTO redaction_rules (kind, pattern, label, note, set_by) VALUES (?, ?, ?, ?, ?)",
            [kind, pattern, label, note, who],
        )


def remove_rule(kind: str, pattern: str, db=None) -> None:
    with store.write(db) as cur:
        cur.execute("DELETE FROM redaction_rules WHERE kind = ? AND pattern = ?", [kind, pattern])


# ---- category rules in words ---------------------------------------------------------------
# Staff give words or phrases; the pattern is built here: each one escaped (its characters mean
# themselves), matched as whole words (\b where it starts or ends with a letter or digit: 'witness'
# is not found in 'eyewitnesses'), any case (rules are compiled with re.I), the spaces inside a
# phrase matching any run of spaces. A pattern built so is read back as its words.
_SPACES = r"\s+"
_EDGE = r"\b"


def split_words(text: str) -> list[str]:
    """The words or phrases typed in ``text``, one a line or separated by commas, spaces tidied,
    each once (any case), in the order given."""
    out, seen = [], set()
    for part in re.split(r"[,\n;]", text or ""):
        phrase = " ".join(part.split())
        if phrase and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            out.append(phrase)
    return out


def pattern_from_words(words) -> str:
    """The rule pattern matching any of ``words`` (words or phrases) whole, in any case. Raises
    ValueError when no word is given."""
    alternatives = []
    for phrase in split_words("\n".join(words)):
        tokens = phrase.split()
        body = _SPACES.join(re.escape(t) for t in tokens)
        start = _EDGE if re.match(r"\w", tokens[0]) else ""
        end = _EDGE if re.search(r"\w$", tokens[-1]) else ""
        alternatives.append(start + body + end)
    if not alternatives:
        raise ValueError("give at least one word or phrase")
    return "|".join(alternatives)


def _alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level '|' (an escaped '\\|' stays inside its alternative)."""
    parts, current, i = [], "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current += pattern[i:i + 2]
            i += 2
            continue
        if ch == "|":
            parts.append(current)
            current = ""
        else:
            current += ch
        i += 1
    return parts + [current]


def words_of(pattern: str) -> list[str] | None:
    """The words or phrases ``pattern`` was built from by :func:`pattern_from_words`, or None when
    it was not (a regular expression typed by hand, such as the strategy's defaults)."""
    words = []
    for alt in _alternatives(pattern or ""):
        body = alt[len(_EDGE):] if alt.startswith(_EDGE) else alt
        body = body[:-len(_EDGE)] if body.endswith(_EDGE) and not body.endswith("\\" + _EDGE) else body
        tokens = [re.sub(r"\\(.)", r"\1", t) for t in body.split(_SPACES)]
        if not all(tokens):
            return None
        words.append(" ".join(tokens))
    try:
        return words if words and pattern_from_words(words) == pattern else None
    except ValueError:
        return None


def rule_text(pattern: str) -> str:
    """A rule as staff read it: its words ('informant, witness protection'), or 'pattern: …' for a
    rule written as a regular expression."""
    words = words_of(pattern)
    return ", ".join(words) if words is not None else f"pattern: {pattern}"


def set_category_words(words, label: str = OTHER, note: str | None = None, who: str = "staff", db=None) -> str:
    """Add a sensitive-category rule from words or phrases; returns the pattern stored. Raises
    ValueError as :func:`set_rule` does, or when no word is given."""
    pattern = pattern_from_words(words)
    set_rule("sensitive_category", pattern, label, note, who=who, db=db)
    return pattern


def category_rule_preview(pattern: str, db=None, limit: int = 20, words=()) -> dict:
    """What a sensitive-category rule would catch, over every year in the store, before it is saved:
    ``lines`` and ``amount`` (all matching lines), ``new_lines`` (those no rule catches yet),
    ``categories`` (category, lines, amount; largest first), ``first`` (up to ``limit`` lines,
    newest first: date, supplier_name, category, description, amount) and ``quiet`` (those of
    ``words`` no category holds). Raises ValueError for a pattern that is not a valid regular
    expression."""
    import pandas as pd

    try:
        rx = re.compile(pattern, re.I)
    except re.error as exc:
        raise ValueError(f"not a valid pattern: {exc}") from exc
    cur = cursor_of(db)
    existing = load_rules(cur).categories
    cats = frame(cur, """SELECT category, count(*) AS lines, sum(amount) AS amount FROM transactions
                         WHERE category IS NOT NULL GROUP BY category ORDER BY amount DESC, category""")
    hit = cats[[bool(rx.search(c)) for c in cats["category"]]].reset_index(drop=True)
    caught = [any(r.search(c) for r, _, _ in existing) for c in hit["category"]]
    names = list(hit["category"])
    first = frame(cur, """SELECT t.period_start AS date, t.supplier_name, t.category, t.description, t.amount
                          FROM transactions t WHERE t.category IN (SELECT unnest(?::VARCHAR[]))
                          ORDER BY t.period_start DESC, t.batch_id, t.sheet, t.row_number LIMIT ?""",
                  [names, int(limit)]) if names else pd.DataFrame(
        columns=["date", "supplier_name", "category", "description", "amount"])
    return {"lines": int(hit["lines"].sum()) if len(hit) else 0,
            "amount": sum(hit["amount"], start=Decimal("0.00")),
            "new_lines": int(sum(n for n, c in zip(hit["lines"], caught) if not c)),
            "categories": hit, "first": first,
            "quiet": [w for w in words
                      if not any(re.search(pattern_from_words([w]), c, re.I) for c in cats["category"])]}


# ---- names --------------------------------------------------------------------------------

def legal_name(name: str) -> str:
    """The name before 'Mr A Smith t/a Smith Plumbing''s trading name (lib.suppliers.TRADING_AS_RE)."""
    return _TRADING_AS.sub("", (name or "").strip()).strip()


def name_reason(name: str, rules: Rules) -> str | None:
    """'person_title', 'person_name' or None for a published supplier name that its publisher had
    not already redacted (lines the store marks is_redacted, by the is_redacted_name rule of m002,
    are never asked)."""
    words = _WORD.findall(legal_name(name))
    low = [w.lower().strip("'’-") for w in words]
    if not low:
        return None
    if any(w in rules.company_forms for w in low):
        return None
    if low[0].rstrip(".") in rules.titles and len(low) >= 2:
        return "person_title"
    if any(w in rules.organisation_words for w in low) or any(w.isdigit() for w in low):
        return None
    # Shaped like a person: 2-4 words, each a capitalised word or an initial ("J Smith",
    # "Jane A Smith", "SMITH J"); one or more long words alone ("Screwfix") are not enough.
    if not 2 <= len(words) <= 4:
        return None
    if not all(re.fullmatch(r"[A-Z][A-Za-z'’\-]*", w) for w in words):
        return None
    return "person_name"


# ---- proposals and the published status of every line -------------------------------------

_SUPPLIER_PROPOSALS = "_redaction_supplier_proposals"
_CATEGORY_MATCHES = "_redaction_category_matches"


def _scope_sql(fy: str | None, alias: str = "t") -> tuple[str, list]:
    """The lines in scope: the store's own bodies' (a peer's lines are never published), of ``fy``."""
    own = f"{alias}.body_key IN ({OWN_BODIES})"
    if fy is None:
        return own, []
    return f"{alias}.fy_start = ? AND {own}", [fy_start(fy)]


def _supplier_proposals(cur, rules: Rules, fy: str | None) -> pd.DataFrame:
    """One row per (supplier_key, reason) proposed on name grounds, over the lines in scope."""
    import pandas as pd

    where, params = _scope_sql(fy)
    # Always the lines themselves, never spend summed ahead (lib.summary): what may be published
    # is decided from what is stored now, whatever wrote it.
    rows = cur.execute(
        f"""SELECT t.supplier_key, t.supplier_name, bool_or(coalesce(f.sole_trader, FALSE)) AS sole_trader
            FROM transactions t
            LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key
            LEFT JOIN supplier_facts f ON f.supplier_ref = l.supplier_ref
            LEFT JOIN suppliers_current s ON s.supplier_ref = l.supplier_ref
            WHERE {where} AND NOT t.is_redacted
            GROUP BY t.supplier_key, t.supplier_name""",
        params,
    ).fetchall()
    registered = dict(cur.execute(
        """SELECT l.spend_key,
                  bool_or(nullif(trim(s.company_number), '') IS NOT NULL OR nullif(trim(s.charity_number), '') IS NOT NULL
                          OR nullif(trim(s.vcse_type), '') IS NOT NULL)
           FROM supplier_links l JOIN suppliers_current s ON s.supplier_ref = l.supplier_ref GROUP BY 1"""
    ).fetchall())
    out = set()
    for key, name, sole in rows:
        if sole:
            out.add((key, "sole_trader"))
        reason = name_reason(name, rules)
        if reason == "person_name" and registered.get(key):
            reason = None  # a company or charity number says this is an organisation
        if reason:
            out.add((key, reason))
    return pd.DataFrame(sorted(out), columns=["supplier_key", "reason"])


def _category_matches(cur, rules: Rules, fy: str | None) -> pd.DataFrame:
    """Categories present in scope that match a sensitive rule, with the first matching rule's label."""
    import pandas as pd

    where, params = _scope_sql(fy)
    cats = [r[0] for r in cur.execute(
        f"SELECT DISTINCT category FROM transactions t WHERE {where} AND category IS NOT NULL", params).fetchall()]
    out = []
    for cat in cats:
        for rx, label, pattern in rules.categories:
            if rx.search(cat):
                out.append((cat, label, pattern))
                break
    return pd.DataFrame(out, columns=["category", "label", "pattern"])


def source_label(published: str) -> str:
    """The standard label for a name a publisher had already redacted."""
    up = (published or "").upper()
    if "COMMERCIAL" in up:
        return COMMERCIAL
    if "PERSONAL" in up or "INDIVIDUAL" in up or "DATA PROTECTION" in up or "PRIVATE" in up:
        return PERSONAL
    return OTHER


_STATUS_SQL = """
WITH sd AS (
    SELECT supplier_key, decision, label FROM (
        SELECT *, row_number() OVER (PARTITION BY supplier_key ORDER BY decision_id DESC) AS rk
        FROM redaction_decisions WHERE scope = 'supplier') WHERE rk = 1
), ld AS (
    SELECT batch_id, sheet, row_number, decision, label FROM (
        SELECT *, row_number() OVER (PARTITION BY batch_id, sheet, row_number ORDER BY decision_id DESC) AS rk
        FROM redaction_decisions WHERE scope = 'line') WHERE rk = 1
), sp AS (
    SELECT supplier_key, list(reason ORDER BY reason) AS reasons FROM {sp} GROUP BY 1
)
SELECT t.batch_id, t.sheet, t.row_number,
       t.is_redacted AS source_redacted,
       sp.reasons AS name_reasons,
       cm.label AS category_label,
       sd.decision AS supplier_decision, sd.label AS supplier_label,
       ld.decision AS line_decision, ld.label AS line_label,
       (t.is_redacted
        OR coalesce(ld.decision = 'redact', FALSE) OR coalesce(sd.decision = 'redact', FALSE)
        OR (cm.label IS NOT NULL AND ld.decision IS NULL)
        OR (sp.supplier_key IS NOT NULL AND sd.decision IS NULL)) AS redact
FROM {lines} t
LEFT JOIN sp ON sp.supplier_key = t.supplier_key AND NOT t.is_redacted
LEFT JOIN {cm} cm ON cm.category = t.category
LEFT JOIN sd ON sd.supplier_key = t.supplier_key
LEFT JOIN ld ON ld.batch_id = t.batch_id AND ld.sheet = t.sheet AND ld.row_number = t.row_number
WHERE {where}
"""


def _label(source_redacted, published_name, line_decision, line_label, supplier_decision, supplier_label,
           category_label, name_reasons) -> str:
    if line_decision == "redact" and line_label:
        return line_label
    if source_redacted:
        return source_label(published_name)
    if supplier_decision == "redact" and supplier_label:
        return supplier_label
    if category_label and line_decision is None:
        return category_label
    return PERSONAL if name_reasons is not None and len(name_reasons) else OTHER


def line_status(db=None, fy: str | None = None, flagged_only: bool = False) -> pd.DataFrame:
    """Every line in scope (one FY, or all) with what publishing does to it; ``flagged_only``: only
    the lines something proposes or redacts (redacted at source, a name or a category proposed),
    the only ones that can be pending or redacted without a decision (a few, not millions).

    Columns: batch_id, sheet, row_number, supplier_key, supplier_name (as published),
    category, amount, source_redacted, name_reasons (list or None), category_label,
    supplier_decision, line_decision, redact (bool), label (the standard label when redact,
    else None), pending (a proposal nobody has decided yet).

    ``flagged_only`` reads what is kept ahead (lib.publish.flagged) when it is up to date, else the
    lines: the same rows either way.
    """
    cur = cursor_of(db)
    if flagged_only and flagged.is_fresh(cur):
        return _kept_status(cur, fy).drop(columns=["date", "month"])
    return _lines_status(cur, fy, flagged_only)


def _lines_status(cur, fy: str | None, flagged_only: bool) -> pd.DataFrame:
    """line_status worked out from every line in scope (the proposals from the names in them)."""
    rules = load_rules(cur)
    sp = _supplier_proposals(cur, rules, fy)
    cm = _category_matches(cur, rules, fy)
    cur.register(_SUPPLIER_PROPOSALS, sp)
    cur.register(_CATEGORY_MATCHES, cm)
    try:
        where, params = _scope_sql(fy)
        if flagged_only:
            where += " AND (t.is_redacted OR sp.supplier_key IS NOT NULL OR cm.label IS NOT NULL)"
        sql = _STATUS_SQL.format(lines="transactions", sp=_SUPPLIER_PROPOSALS, cm=_CATEGORY_MATCHES, where=where)
        df = frame(cur, f"""SELECT s.*, t.supplier_key, t.supplier_name, t.category, t.amount
                FROM ({sql}) s JOIN transactions t USING (batch_id, sheet, row_number)""",
            params)
    finally:
        cur.unregister(_SUPPLIER_PROPOSALS)
        cur.unregister(_CATEGORY_MATCHES)
    return _finish(df)


# The proposals of the lines in scope from what is kept ahead (lib.publish.flagged): a name is
# proposed in scope when a line in scope (not redacted at source) holds it, as from the lines.
_KEPT_SP = """(SELECT DISTINCT p.supplier_key, p.reason FROM redaction_proposed p
    JOIN (SELECT DISTINCT supplier_key, supplier_name FROM redaction_flagged t WHERE {where} AND NOT t.is_redacted) n
      ON n.supplier_key = p.supplier_key AND n.supplier_name = p.supplier_name)"""


# A line's label and pending, as _label and _finish work them out (the kept path works in SQL so
# that only totals, and the lines a page shows, come to Python).
_SOURCE_LABEL_SQL = (f"CASE WHEN contains(upper(coalesce(s.supplier_name, '')), 'COMMERCIAL') THEN '{COMMERCIAL}' "
                     + "WHEN " + " OR ".join(f"contains(upper(coalesce(s.supplier_name, '')), '{w}')"
                                             for w in ("PERSONAL", "INDIVIDUAL", "DATA PROTECTION", "PRIVATE"))
                     + f" THEN '{PERSONAL}' ELSE '{OTHER}' END")
_LABEL_SQL = f"""CASE WHEN NOT s.redact THEN NULL
    WHEN s.line_decision = 'redact' AND s.line_label IS NOT NULL THEN s.line_label
    WHEN s.source_redacted THEN {_SOURCE_LABEL_SQL}
    WHEN s.supplier_decision = 'redact' AND s.supplier_label IS NOT NULL THEN s.supplier_label
    WHEN s.category_label IS NOT NULL AND s.line_decision IS NULL THEN s.category_label
    WHEN coalesce(len(s.name_reasons), 0) > 0 THEN '{PERSONAL}' ELSE '{OTHER}' END"""
# (a line redacted at source is withheld already, whatever its category: nothing is left to decide,
# and the Redactions page lists it as "redacted at source", not as pending)
_PENDING_SQL = ("((coalesce(len(s.name_reasons), 0) > 0 AND s.supplier_decision IS NULL) "
                "OR (s.category_label IS NOT NULL AND s.line_decision IS NULL AND NOT s.source_redacted))")
_KEPT_COLUMNS = ["batch_id", "sheet", "row_number", "source_redacted", "name_reasons", "category_label",
                 "supplier_decision", "supplier_label", "line_decision", "line_label", "redact",
                 "supplier_key", "supplier_name", "category", "amount", "date", "month", "label", "pending"]


def _kept_sql(fy: str | None, proposed_only: bool = True, lines: str = "", lines_params: list | None = None
              ) -> tuple[str, list]:
    """(SQL, params) of the status of the kept lines in scope (alias s; columns _KEPT_COLUMNS);
    ``proposed_only``: only those something proposes or redacted at source (line_status's
    flagged_only), else every kept line in scope (those decided on too: the only lines that can be
    withheld, but for a withheld person's other spellings). ``lines`` (`` AND …`` on the kept lines,
    alias t, with ``lines_params``): only those of them (a month, a page): what is proposed is still
    worked out from the whole scope."""
    where, params = _scope_sql(fy)
    sp = _KEPT_SP.format(where=where)
    cm = "(SELECT category, label FROM redaction_categories WHERE label IS NOT NULL)"
    only = " AND (t.is_redacted OR sp.supplier_key IS NOT NULL OR cm.label IS NOT NULL)" if proposed_only else ""
    sql = _STATUS_SQL.format(lines="redaction_flagged", sp=sp, cm=cm, where=where + only + lines)
    sql = sql.replace("SELECT t.batch_id, t.sheet, t.row_number,",
                      "SELECT t.batch_id, t.sheet, t.row_number, t.supplier_key, t.supplier_name, t.category, "
                      "t.amount, t.date, CAST(date_trunc('month', t.period_start) AS DATE) AS month,", 1)
    return (f"SELECT s.*, {_LABEL_SQL} AS label, {_PENDING_SQL} AS pending FROM ({sql}) s",
            params + params + list(lines_params or []))


def _kept_frame(cur, sql: str, params: list) -> pd.DataFrame:
    df = frame(cur, sql, params)
    df = df[[c for c in _KEPT_COLUMNS if c in df.columns]]
    if df.empty:
        return df
    df = df.astype(object).where(df.notna(), None)  # NULL is None here, never NaN (NaN is truthy)
    for col in ("redact", "source_redacted", "pending"):
        if col in df:
            df[col] = df[col].astype(bool)
    return df


def _kept_status(cur, fy: str | None, proposed_only: bool = True) -> pd.DataFrame:
    """line_status(flagged_only=True), plus each line's date and month, read from what is kept
    ahead (``proposed_only``: see _kept_sql)."""
    sql, params = _kept_sql(fy, proposed_only)
    return _kept_frame(cur, f"SELECT * FROM ({sql}) s", params)


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    """The label and pending of each line of a status frame."""
    import pandas as pd

    if df.empty:
        return df.assign(label=pd.Series(dtype=object), pending=pd.Series(dtype=bool))
    df = df.astype(object).where(df.notna(), None)  # NULL is None here, never NaN (NaN is truthy)
    df["redact"] = df["redact"].astype(bool)
    df["source_redacted"] = df["source_redacted"].astype(bool)
    df["label"] = [
        _label(r.source_redacted, r.supplier_name, r.line_decision, r.line_label, r.supplier_decision,
               r.supplier_label, r.category_label, r.name_reasons) if r.redact else None
        for r in df.itertuples()
    ]
    has_name = df["name_reasons"].map(lambda v: v is not None and len(v) > 0)
    df["pending"] = ((has_name & df["supplier_decision"].isna())
                     | (df["category_label"].notna() & df["line_decision"].isna() & ~df["source_redacted"]))
    return df


def proposals(db=None, fy: str | None = None) -> dict[str, pd.DataFrame]:
    """What the review page shows, for one FY (or all).

    ``{"suppliers": …, "lines": …}``. suppliers: one row per supplier_key proposed on name
    grounds (supplier_key, supplier_name, reasons (text), lines, amount (Decimal), status
    pending/redacted/cleared, label, decided_by, decided_at, why). lines: one row per line
    proposed for its category or redacted at source (batch_id, sheet, row_number, date,
    supplier_name, category, amount, reasons, status, label, decided_by, decided_at, why).
    """
    import pandas as pd

    cur = cursor_of(db)
    empty_s = pd.DataFrame(columns=["supplier_key", "supplier_name", "reasons", "lines", "amount", "status",
                                    "label", "decided_by", "decided_at", "why"])
    empty_l = pd.DataFrame(columns=["batch_id", "sheet", "row_number", "date", "supplier_name", "category",
                                    "amount", "reasons", "status", "label", "decided_by", "decided_at", "why"])
    if flagged.is_fresh(cur):
        # from what is kept ahead: each supplier's lines summed by the store, the lines listed fetched
        sql, params = _kept_sql(fy)
        by_name = frame(cur, f"""SELECT supplier_key, supplier_name, any_value(name_reasons) AS name_reasons,
                                        count(*) AS n, sum(amount) AS amount
                                 FROM ({sql}) s WHERE coalesce(len(name_reasons), 0) > 0 GROUP BY 1, 2""", params)
        groups = []
        for key, g in by_name.groupby("supplier_key", sort=False):
            top = g[g["n"] == g["n"].max()]["supplier_name"].min()  # the most frequent name, as mode() picks
            groups.append((key, top, set(r for v in g["name_reasons"] for r in v), int(g["n"].sum()),
                           sum(g["amount"], start=Decimal("0.00"))))
        # only the columns the lines listed below are written from (tens of thousands of lines at scale)
        st = _kept_frame(cur, f"""SELECT batch_id, sheet, row_number, source_redacted, category_label, supplier_name,
                                         category, amount, date, label
                                  FROM ({sql}) s WHERE source_redacted OR category_label IS NOT NULL""", params)
    else:
        st = _lines_status(cur, fy, flagged_only=True)  # suppliers and lines proposed are among these
        named = st[st["name_reasons"].map(lambda v: v is not None and len(v) > 0)] if len(st) else st
        groups = [(key, g["supplier_name"].mode().iloc[0], set(r for v in g["name_reasons"] for r in v), len(g),
                   sum(g["amount"], start=Decimal("0.00"))) for key, g in named.groupby("supplier_key", sort=False)] \
            if len(named) else []
    if st.empty and not groups:
        return {"suppliers": empty_s, "lines": empty_l}
    sup_rows = []
    dec = _latest_supplier_decisions(cur)
    for key, name, reasons, n, amount in groups:
        reasons = sorted(reasons)
        d = dec.get(key)
        status = "pending" if d is None else ("redacted" if d[0] == "redact" else "cleared")
        sup_rows.append({
            "supplier_key": key,
            "supplier_name": name,
            "reasons": "; ".join(REASON_TEXT[r] for r in reasons),
            "lines": n,
            "amount": amount,
            "status": status,
            "label": (d[1] if d and d[0] == "redact" else (PERSONAL if d is None else None)),
            "decided_by": d[2] if d else None,
            "decided_at": d[3] if d else None,
            "why": d[4] if d else None,
        })
    suppliers = pd.DataFrame(sup_rows, columns=empty_s.columns) if sup_rows else empty_s
    if not suppliers.empty:
        suppliers = suppliers.sort_values(["status", "amount"], ascending=[False, False], key=None).reset_index(drop=True)

    lines = st[st["source_redacted"] | st["category_label"].notna()] if len(st) else st
    if lines.empty:
        return {"suppliers": suppliers, "lines": empty_l}
    ldec = _latest_line_decisions(cur)
    dates = (dict(zip(zip(lines["batch_id"], lines["sheet"], lines["row_number"]), lines["date"]))
             if "date" in lines else _line_dates(cur, fy, lines))
    # column by column (tens of thousands of lines at scale): each line's reasons, status and latest decision
    keys = list(zip(lines["batch_id"].tolist(), lines["sheet"].tolist(), lines["row_number"].tolist()))
    decided = [ldec.get(k) for k in keys]
    at_source, in_category = lines["source_redacted"].tolist(), lines["category_label"].tolist()
    categories = lines["category"].tolist()
    source_reason, category_reason = REASON_TEXT["source"], REASON_TEXT["sensitive_category"]
    reasons = ["; ".join(([source_reason] if src else []) + ([f"{category_reason} ({c})"] if cl else []))
               for src, cl, c in zip(at_source, in_category, categories)]
    status = [("redacted at source" if d is None else "redacted") if src else
              ("pending" if d is None else ("redacted" if d[0] == "redact" else "cleared"))
              for src, d in zip(at_source, decided)]
    columns = {
        "batch_id": [k[0] for k in keys], "sheet": [k[1] for k in keys], "row_number": [k[2] for k in keys],
        "date": [dates.get(k) for k in keys], "supplier_name": lines["supplier_name"].tolist(),
        "category": categories, "amount": lines["amount"].tolist(), "reasons": reasons, "status": status,
        "label": lines["label"].tolist(), "decided_by": [d[2] if d else None for d in decided],
        "decided_at": [d[3] if d else None for d in decided], "why": [d[4] if d else None for d in decided],
    }
    # in date order, as every list of lines is (the kept lines come in no order of their own)
    out = pd.DataFrame(columns, columns=empty_l.columns).sort_values(
        ["date", "batch_id", "sheet", "row_number"], kind="stable", na_position="last").reset_index(drop=True)
    return {"suppliers": suppliers, "lines": out}


def _latest_supplier_decisions(cur) -> dict:
    rows = cur.execute(
        """SELECT supplier_key, decision, label, decided_by, decided_at, reason FROM (
               SELECT *, row_number() OVER (PARTITION BY supplier_key ORDER BY decision_id DESC) AS rk
               FROM redaction_decisions WHERE scope = 'supplier') WHERE rk = 1"""
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def _latest_line_decisions(cur) -> dict:
    rows = cur.execute(
        """SELECT batch_id, sheet, row_number, decision, label, decided_by, decided_at, reason FROM (
               SELECT *, row_number() OVER (PARTITION BY batch_id, sheet, row_number ORDER BY decision_id DESC) AS rk
               FROM redaction_decisions WHERE scope = 'line') WHERE rk = 1"""
    ).fetchall()
    return {(r[0], r[1], r[2]): r[3:] for r in rows}


def _line_dates(cur, fy, lines: pd.DataFrame) -> dict:
    """{(batch_id, sheet, row_number): date} of ``lines`` (those keys) in scope."""
    import pandas as pd

    where, params = _scope_sql(fy)
    keys = pd.DataFrame({"batch_id": lines["batch_id"].astype("int64"), "sheet": lines["sheet"].astype(str),
                         "row_number": lines["row_number"].astype("int64")})
    cur.register("_redaction_line_keys", keys)
    try:
        rows = cur.execute(
            "SELECT batch_id, sheet, row_number, coalesce(payment_date, period_start) FROM transactions t "
            f"JOIN _redaction_line_keys k USING (batch_id, sheet, row_number) WHERE {where}", params).fetchall()
    finally:
        cur.unregister("_redaction_line_keys")
    return {(a, b, c): d for a, b, c, d in rows}


def pending_lines(db=None, fy: str | None = None) -> int:
    """How many lines in scope have a proposal nobody has decided (published redacted until then)."""
    cur = cursor_of(db)
    if flagged.is_fresh(cur):
        sql, params = _kept_sql(fy)
        return int(cur.execute("SELECT count(*) FROM (" + sql + ") s WHERE pending", params).fetchone()[0])
    st = line_status(cur, fy, flagged_only=True)
    return int(st["pending"].sum()) if len(st) else 0


# ---- decisions ----------------------------------------------------------------------------

def _check(decision: str, label: str | None, reason: str, who: str) -> str | None:
    if decision not in ("redact", "clear"):
        raise ValueError("decision must be 'redact' or 'clear'")
    if decision == "redact" and label not in LABELS:
        raise ValueError(f"a redaction needs one of the labels {', '.join(LABELS)}")
    if not (reason or "").strip():
        raise ValueError("say why: every decision is recorded with its reason")
    if not (who or "").strip():
        raise ValueError("say who decided")
    return label if decision == "redact" else None


def pick_suppliers(suppliers: "pd.DataFrame", words: str = "", undecided_only: bool = False) -> "pd.DataFrame":
    """The proposed suppliers (``proposals()['suppliers']``) a person narrows the list to before deciding
    many at once: those whose published name holds any of the words or phrases typed (one a line or
    separated by commas, in any case, inside a longer word too: "home" finds "Care Homes"), and only the
    undecided when asked. A name shaped like a person's is proposed whatever it says (fail closed); this
    lets staff find the many that are organisations' ("Nursing Home", "Day Nursery", "Housing") and clear
    them together, having seen each."""
    out = suppliers
    if undecided_only and len(out):
        out = out[out["status"] == "pending"]
    wanted = [w.casefold() for w in split_words(words)]
    if wanted and len(out):
        out = out[[any(w in str(name).casefold() for w in wanted) for name in out["supplier_name"]]]
    return out.reset_index(drop=True)


def decide_suppliers(supplier_keys, decision: str, label: str | None, reason: str, who: str, db=None) -> int:
    """Record one decision for each supplier_key (every line of the supplier, in every year).

    Raises ValueError for a bad decision or label, or a missing reason or name."""
    label = _check(decision, label, reason, who)
    keys = [k for k in dict.fromkeys(supplier_keys) if k]
    with store.write(db) as cur:
        cur.executemany(
            """INSERT INTO redaction_decisions (scope, supplier_key, decision, label, reason, decided_by)
               VALUES ('supplier', ?, ?, ?, ?, ?)""",
            [[k, decision, label, reason.strip(), who.strip()] for k in keys],
        )
    return len(keys)


def decide_lines(lines, decision: str, label: str | None, reason: str, who: str, db=None) -> int:
    """Record one decision for each line, given as (batch_id, sheet, row_number).

    Raises ValueError as decide_suppliers does, and when asked to clear a line the source file
    had already redacted (there is no name to publish)."""
    label = _check(decision, label, reason, who)
    keys = [(int(b), str(s), int(r)) for b, s, r in dict.fromkeys(tuple(x) for x in lines)]
    with store.write(db) as cur:
        if decision == "clear" and keys:
            cur.execute("CREATE OR REPLACE TEMP TABLE _clear_lines (batch_id INTEGER, sheet VARCHAR, row_number INTEGER)")
            cur.executemany("INSERT INTO _clear_lines VALUES (?, ?, ?)", keys)
            n = cur.execute(
                "SELECT count(*) FROM transactions JOIN _clear_lines USING (batch_id, sheet, row_number) WHERE is_redacted"
            ).fetchone()[0]
            cur.execute("DROP TABLE _clear_lines")
            if n:
                raise ValueError(f"{n} of these lines were redacted in the source file: they cannot be cleared")
        cur.executemany(
            """INSERT INTO redaction_decisions (scope, batch_id, sheet, row_number, decision, label, reason, decided_by)
               VALUES ('line', ?, ?, ?, ?, ?, ?, ?)""",
            [[b, s, r, decision, label, reason.strip(), who.strip()] for b, s, r in keys],
        )
    return len(keys)


def decisions(db=None, limit: int = 500) -> pd.DataFrame:
    """The audit trail, newest first: decision_id, scope, supplier_key, batch_id, sheet,
    row_number, decision, label, reason, decided_by, decided_at."""
    return frame(cursor_of(db), """SELECT decision_id, scope, supplier_key, batch_id, sheet, row_number, decision, label, reason,
                  decided_by, decided_at FROM redaction_decisions ORDER BY decision_id DESC LIMIT ?""",
        [int(limit)])


# ---- a withheld person, under any spelling -------------------------------------------------

@dataclass(frozen=True)
class Person:
    """A withheld person's name, taken apart: surname, forenames (may be initials only)."""

    surname: str
    forenames: tuple


def person_from_name(name: str, rules: Rules) -> Person | None:
    """A person from a published supplier name ("Mr Jonathan Quigley", "QUIGLEY, JONATHAN",
    "Quigley J A", "J. Quigley t/a Quigley Plumbing"), or None for a name that is not a person's
    (a company form or organisation word in it, fewer than two name words, or one word only).

    Titles are dropped; the surname is the part before a comma, else the first word when the
    rest are initials ("Smith J A"), else the last word."""
    legal = legal_name(name)
    words = [w.lower().strip("'’-.") for w in _WORD.findall(legal)]
    words = [w for w in words if w and not w.isdigit() and w != "&"]
    if any(w in rules.company_forms or w in rules.organisation_words for w in words):
        return None
    if "," in legal:
        before, after = legal.split(",", 1)
        sur = [w.lower().strip("'’-.") for w in _WORD.findall(before)]
        sur = [w for w in sur if w not in rules.titles]
        given = [w.lower().strip("'’-.") for w in _WORD.findall(after)]
        given = [w for w in given if w and w not in rules.titles]
        if len(sur) != 1 or not given:
            return None
        return Person(sur[0], tuple(given))
    words = [w for w in words if w not in rules.titles]
    if len(words) < 2:
        return None
    if len(words[0]) > 1 and all(len(w) == 1 for w in words[1:]):
        return Person(words[0], tuple(words[1:]))  # "Smith J A"
    return Person(words[-1], tuple(words[:-1]))


def _person_patterns(p: Person, titles) -> list[str]:
    """Regular expressions (case-blind) for the spellings of one person in free text.

    The rule: the surname counts only next to the person's forename, its initial or a title:
    "Jonathan Quigley", "jonathan a quigley", "J. Quigley", "J.A. Quigley", "QUIGLEY, JONATHAN",
    "Quigley J", "Mr Quigley", "Mr. J Quigley". An initial stands for any forename with that
    letter (fail closed: "J Quigley" may be Jonathan). The surname alone ("Quigley Engineering
    Ltd") and the forename alone are never matched: that would withhold unrelated suppliers and
    words. Initials written together ("JA Quigley") are not matched (they read like a word)."""
    sur = re.escape(p.surname)
    first = p.forenames[0]
    initial = re.escape(first[0])
    gap = r"[\s.,'’\-]*"          # punctuation and spaces between name parts
    sep = r"[\s.,'’\-]+"
    middle = rf"(?:{sep}[a-z][a-z'’\-]*)?"  # one middle name or initial
    title_words = sorted((re.escape(t) for t in titles if t), key=len, reverse=True)
    title = rf"(?:{'|'.join(title_words)})" if title_words else r"(?!x)x"
    out = [
        rf"\b{initial}(?:\.|\b)(?:{gap}[a-z](?:\.|\b)){{0,2}}{gap}{sur}\b",  # J. Quigley, J.A. Quigley
        rf"\b{sur}{sep}(?:{title}{sep})?{initial}\b",                     # Quigley J, QUIGLEY, J.
        rf"\b{title}\.?{sep}(?:[a-z]\.?{gap}){{0,3}}{sur}\b",              # Mr Quigley, Dr. J. Quigley
    ]
    if len(first) > 1:
        f = re.escape(first)
        out += [
            rf"\b{f}{middle}{sep}{sur}\b",                                # Jonathan (A) Quigley
            rf"\b{sur}{sep}(?:{title}{sep})?{f}\b",                       # QUIGLEY, JONATHAN
        ]
    return out


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern:
    """``pattern`` compiled case-blind (PersonMatcher's patterns)."""
    return re.compile(pattern, re.I)


class PersonMatcher:
    """Finds withheld people in text under any of their spellings (see _person_patterns), and
    the exact published names too. Empty when nobody is withheld.

    Fast on large text (a snapshot's index.html holds plotly.js): a person's patterns run only
    where their surname occurs at all, and exact names are plain substring tests. A pattern is
    compiled when a text first holds its needle (compiling them all took ~100 ms a matcher, most
    never used on a page of lines), once per process (_compiled)."""

    def __init__(self, names, rules: Rules):
        self.names = sorted({n.strip() for n in names if n and len(n.strip()) >= 4})
        self._exact = [(n.lower(), r"(?<!\w)" + re.escape(n) + r"(?!\w)") for n in self.names]
        people = {p for p in (person_from_name(n, rules) for n in self.names) if p is not None}
        self.people = sorted(people, key=lambda p: (p.surname, p.forenames))
        by_surname: dict[str, list[str]] = {}
        for p in self.people:
            by_surname.setdefault(p.surname, []).extend(_person_patterns(p, rules.titles))
        self._people = [(sur, "|".join(f"(?:{x})" for x in pats)) for sur, pats in by_surname.items()]

    def __bool__(self) -> bool:
        return bool(self._exact or self._people)

    def _candidates(self, text: str):
        low = text.lower()
        for n, pattern in self._exact:
            if n in low:
                yield _compiled(pattern)
        for sur, pattern in self._people:
            if sur in low:
                yield _compiled(pattern)

    def search(self, text) -> str | None:
        """The first withheld spelling found in ``text``, or None."""
        if not isinstance(text, str) or not self:
            return None
        for rx in self._candidates(text):
            m = rx.search(text)
            if m:
                return m.group(0)
        return None

    def scrub(self, text, label: str = PERSONAL):
        """``text`` with every withheld spelling replaced by ``[label]``."""
        if not isinstance(text, str) or not self:
            return text
        for rx in list(self._candidates(text)):
            text = rx.sub(f"[{label}]", text)
        return text


def _where_found(col: pd.Series, people: PersonMatcher, fn, other) -> pd.Series:
    """``fn`` of each value of ``col`` that holds one of the people's surnames or names (the only
    values the matcher can find anything in, see PersonMatcher._candidates); ``other`` (None: the
    value itself) for the rest, without asking the matcher about millions of values."""
    import pandas as pd

    needles = sorted({n.lower() for n, _ in people._exact} | {sur for sur, _ in people._people})
    text = col.map(lambda v: v.lower() if isinstance(v, str) else "")
    hit = text.str.contains("|".join(re.escape(n) for n in needles), regex=True) if needles else text.map(bool) & False
    out = col.copy() if other is None else pd.Series(other, index=col.index, dtype=object if other is None else bool)
    if hit.any():
        out.loc[hit] = col[hit].map(fn)
    return out


def withheld_people(db=None, fy: str | None = None, status: pd.DataFrame | None = None) -> PersonMatcher:
    """A matcher for every name withheld in scope (withheld_names) and every spelling of the
    people among them (``status``: line_status of the scope, when the caller has it)."""
    cur = cursor_of(db)
    names = withheld_names(cur, fy) if status is None else _withheld_names(cur, status)
    return PersonMatcher(names, load_rules(cur))


# ---- what the public sees -----------------------------------------------------------------

PUBLISHED_COLUMNS = ["Body", "Date", "Department", "Beneficiary", "Purpose", "Amount", "Irrecoverable VAT",
                     "Category", "Transaction reference"]


def published_lines(db=None, fy: str | None = None) -> pd.DataFrame:
    """The year's spend as the public may see it, in the Transparency Code layout, date order.

    Columns PUBLISHED_COLUMNS plus month (first-of-month date) and redacted (bool). Every line is
    there with its exact amount (Decimal); a redacted line's Beneficiary and Purpose are its
    standard label. Body, department, category and reference are kept.

    Always worked out from every line in scope (what is written to the public store and the
    snapshot); the pages read a month at a time (published_page) and the totals (published_months).
    """
    import pandas as pd

    cur = cursor_of(db)
    status = line_status(cur, fy)
    where, params = _scope_sql(fy)
    df = frame(cur, f"""SELECT {_PUBLISHED_SELECT} FROM transactions t WHERE {where}
            ORDER BY period_start, batch_id, sheet, row_number""",
        params)
    if df.empty:
        return pd.DataFrame(columns=PUBLISHED_COLUMNS + ["month", "redacted"])
    return _as_published(df, status, withheld_people(cur, fy, status), missing_redacted=True)


_PUBLISHED_SELECT = """batch_id, sheet, row_number, body, coalesce(payment_date, period_start) AS date,
                   CAST(date_trunc('month', period_start) AS DATE) AS month,
                   department, supplier_name, description, amount, irrecoverable_vat, category, transaction_ref"""


def _as_published(df: pd.DataFrame, status: pd.DataFrame, people: PersonMatcher, missing_redacted: bool) -> pd.DataFrame:
    """Lines (_PUBLISHED_SELECT) as published, given their status. ``missing_redacted``: a line the
    status does not hold is withheld (the status is of every line: it cannot be, but fail closed);
    else it is published as it stands (the status is of the lines kept ahead, every line anything
    may redact)."""
    import pandas as pd

    df = df.merge(status[["batch_id", "sheet", "row_number", "redact", "label"]],
                  on=["batch_id", "sheet", "row_number"], how="left", validate="one_to_one")
    df["redact"] = df["redact"].astype("boolean").fillna(missing_redacted).astype(bool)
    df["label"] = df["label"].where(df["label"].notna(), OTHER)
    # A withheld person is followed under every spelling: a line paid to them under another
    # spelling is withheld whole; their name in any other published text is replaced by the label.
    if people:
        named = _where_found(df["supplier_name"], people, lambda v: people.search(v) is not None, False)
        df.loc[named & ~df["redact"], "label"] = PERSONAL
        df["redact"] = df["redact"] | named
        for col in ("body", "department", "description", "category", "transaction_ref"):
            df[col] = _where_found(df[col], people, people.scrub, None)
    red = df["redact"]
    df["beneficiary"] = df["supplier_name"].where(~red, df["label"])
    df["purpose"] = df["description"].where(~red, df["label"])
    out = pd.DataFrame({
        "Body": df["body"],
        "Date": df["date"],
        "Department": df["department"],
        "Beneficiary": df["beneficiary"],
        "Purpose": df["purpose"],
        "Amount": df["amount"],
        "Irrecoverable VAT": df["irrecoverable_vat"],
        "Category": df["category"],
        "Transaction reference": df["transaction_ref"],
        "month": df["month"],
        "redacted": red,
    })
    return out


# ---- what the public sees, a month at a time, from what is kept ahead ------------------------
# The pages never build a year's lines (millions at scale): the totals come from the summed spend
# and the kept lines' status (worked out by the store), and a page of a month's lines is read with
# LIMIT, each with its status. When the kept tables are behind, from every line (published_lines).

def _kept_withheld_names(cur, fy: str) -> tuple[list[str], dict, tuple]:
    """(withheld_names of the scope from the kept lines (every line of a proposed or decided supplier
    is kept; a supplier with lines in scope that are not kept has lines published), the kept lines
    withheld summed by supplier name {name: (lines, amount)}, and in all (lines, amount))."""
    sql, params = _kept_sql(fy, proposed_only=False)
    rows = cur.execute("WITH k AS (" + sql + """)
                           SELECT supplier_key, supplier_name,
                                  supplier_key IN (SELECT supplier_key FROM redaction_flag_keys) AS whole,
                                  count(*) FILTER (WHERE redact AND NOT source_redacted) AS withheld_named,
                                  count(*) FILTER (WHERE NOT redact) AS shown, count(*) AS n,
                                  count(*) FILTER (WHERE redact) AS withheld,
                                  coalesce(sum(amount) FILTER (WHERE redact), 0) AS withheld_amount
                           FROM k GROUP BY ALL""", params).fetchall()
    keys: dict = {}
    by_name: dict = {}
    for key, name, in_whole, withheld_named, shown, n, withheld, amount in rows:
        k = keys.setdefault(key, [bool(in_whole), 0, 0, 0])
        k[1], k[2], k[3] = k[1] + withheld_named, k[2] + shown, k[3] + n
        if withheld and name is not None:
            was = by_name.get(name, (0, Decimal("0.00")))
            by_name[name] = (was[0] + int(withheld), was[1] + Decimal(amount))
    # a supplier with a line withheld (not at source) and none shown; none for a line with no key
    cand = {key: v for key, v in keys.items() if key is not None and v[1] > 0 and v[2] == 0}
    whole = sorted(key for key, v in cand.items() if v[0])
    partly = {key: v[3] for key, v in cand.items() if not v[0]}
    total = (sum(int(r[6]) for r in rows), sum((Decimal(r[7]) for r in rows), start=Decimal("0.00")))
    if partly:
        where, wparams = _scope_sql(fy)
        lines = dict(cur.execute("SELECT supplier_key, count(*) FROM transactions t WHERE " + where + " "
                                 "AND supplier_key IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1",
                                 wparams + [sorted(partly)]).fetchall())
        partly = {k: n for k, n in partly.items() if lines.get(k) == n}
    names = set()
    if whole:
        names |= {n for (n,) in cur.execute(
            "SELECT DISTINCT supplier_name FROM redaction_flagged WHERE supplier_key IN (SELECT unnest(?::VARCHAR[])) "
            "AND NOT is_redacted_name(supplier_name)", [whole]).fetchall()}
    if partly:
        names |= {n for (n,) in cur.execute(
            "SELECT DISTINCT supplier_name FROM transactions WHERE supplier_key IN (SELECT unnest(?::VARCHAR[])) "
            "AND NOT is_redacted_name(supplier_name)", [sorted(partly)]).fetchall()}
    return sorted(names), by_name, total


def _re2_literal(text: str) -> str:
    """``text`` as a regular expression matching itself (DuckDB's RE2: punctuation escaped)."""
    return "".join("\\" + ch if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in text)


# _kept_people of a store as it stands, per (database file, fy, the inputs the kept tables were
# refreshed from, the own bodies, this process's writes): the Monthly spend list asks for it twice a
# render (the month's figures and its page of lines), and each costs several queries over the kept
# lines and the year's names. A line changed in place is written through lib.store.write, which
# counts (lib.store.commits); another process's load or decision changes the inputs.
_KEPT_PEOPLE: dict[tuple, tuple] = {}
_KEPT_PEOPLE_LOCK = threading.Lock()
_KEPT_PEOPLE_MAX = 16


def _kept_people_key(cur, fy: str) -> tuple | None:
    """What _kept_people's answer follows; None for a store with no file (not kept)."""
    path, inputs, own = cur.execute(
        "SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()), "
        "(SELECT inputs FROM redaction_flag_state), "
        f"(SELECT string_agg(body_key, ',' ORDER BY body_key) FROM ({OWN_BODIES}))").fetchone()
    if not path or inputs is None:
        return None
    return (path, fy, inputs, own, store.commits())


def _kept_people(cur, fy: str) -> tuple[PersonMatcher, list[str], tuple, tuple]:
    """(the withheld people of the scope, the published names in scope one of them is found in,
    those names' (lines, amount) in scope, the kept lines withheld but those under these names
    (lines, amount)), kept (_KEPT_PEOPLE). Only while the kept tables are fresh (callers check)."""
    key = _kept_people_key(cur, fy)
    with _KEPT_PEOPLE_LOCK:
        hit = _KEPT_PEOPLE.get(key) if key is not None else None
    if hit is None:
        hit = _work_out_kept_people(cur, fy)
        if key is not None:
            with _KEPT_PEOPLE_LOCK:
                while len(_KEPT_PEOPLE) >= _KEPT_PEOPLE_MAX:
                    _KEPT_PEOPLE.pop(next(iter(_KEPT_PEOPLE)))
                _KEPT_PEOPLE[key] = hit
    people, named, named_totals, kept = hit
    return people, list(named), named_totals, kept


def _work_out_kept_people(cur, fy: str) -> tuple[PersonMatcher, tuple, tuple, tuple]:
    names, kept_by_name, (kept_lines, kept_amount) = _kept_withheld_names(cur, fy)
    people = PersonMatcher(names, load_rules(cur))
    if not people:
        return people, (), (0, Decimal("0.00")), (kept_lines, kept_amount)
    needles = sorted({n for n, _ in people._exact} | {sur for sur, _ in people._people})
    where, params = _scope_sql(fy)
    if summary.is_fresh(cur):
        src, lines = "spend_by_supplier", "sum(t.lines)"
    else:
        src, lines = "transactions", "count(*)"
    rows = cur.execute(
        f"SELECT supplier_name, {lines}, sum(t.amount) FROM {src} t WHERE {where} "
        "AND regexp_matches(t.supplier_name, ?) GROUP BY 1",
        params + ["(?i)(" + "|".join(_re2_literal(n) for n in needles) + ")"]).fetchall()
    found = sorted((r for r in rows if people.search(r[0]) is not None), key=lambda r: r[0])
    named = tuple(r[0] for r in found)
    # the kept lines withheld but those paid under a withheld spelling (counted with the named lines)
    also = [kept_by_name[n] for n in named if n in kept_by_name]
    kept_lines -= sum(n for n, _ in also)
    kept_amount -= sum((a for _, a in also), start=Decimal("0.00"))
    return (people, named,
            (sum(int(r[1]) for r in found), sum((Decimal(r[2]) for r in found), start=Decimal("0.00"))),
            (kept_lines, kept_amount))


def _withheld_sql(fy: str, named: list[str], month=None) -> tuple[str, list]:
    """(SQL, params) of (lines, amount) withheld in scope (of ``month``, a first-of-month date, or
    the year): the kept lines withheld, and the lines paid under a withheld person's spelling
    (``named``) that nothing else withholds."""
    import pandas as pd

    where, wparams = _scope_sql(fy)
    in_month, mparams = ("", [])
    if month is not None:
        start = pd.Timestamp(month).date()
        in_month, mparams = " AND t.period_start >= ? AND t.period_start < ?", [
            start, (pd.Timestamp(month) + pd.offsets.MonthBegin(1)).date()]
    sql, params = _kept_sql(fy, proposed_only=False, lines=in_month, lines_params=mparams)  # the month's kept lines
    return (f"""WITH k AS ({sql}),
                w AS (SELECT amount FROM k WHERE redact
                      UNION ALL
                      SELECT t.amount FROM transactions t WHERE {where}{in_month}
                      AND t.supplier_name IN (SELECT unnest(?::VARCHAR[]))
                      AND NOT EXISTS (SELECT 1 FROM k WHERE k.redact AND k.batch_id = t.batch_id AND k.sheet = t.sheet
                                      AND k.row_number = t.row_number))
                SELECT count(*), coalesce(sum(amount), 0) FROM w""",
            params + wparams + mparams + [named])


def published_months(db=None, fy: str | None = None) -> pd.DataFrame:
    """Each month of ``fy`` as published: month (first-of-month date), lines, amount (Decimal)."""
    import pandas as pd

    cur = cursor_of(db)
    where, params = _scope_sql(fy)
    if summary.is_fresh(cur):
        df = frame(cur, f"""SELECT period_start AS month, sum(t.lines)::BIGINT AS lines, sum(t.amount) AS amount
                            FROM spend_by_month t WHERE {where} GROUP BY 1 ORDER BY 1""", params)
    else:
        df = frame(cur, f"""SELECT CAST(date_trunc('month', period_start) AS DATE) AS month, count(*) AS lines,
                                   sum(t.amount) AS amount FROM transactions t WHERE {where} GROUP BY 1 ORDER BY 1""",
                   params)
    df["month"] = pd.to_datetime(df["month"]).dt.date
    df["lines"] = df["lines"].astype("int64")
    return df[["month", "lines", "amount"]]


def month_figures(db=None, fy: str | None = None, month=None) -> dict:
    """{lines, amount, withheld, withheld_amount} of ``month`` of ``fy`` as published (the figures
    published_lines gives for that month; withheld: lines with the payee withheld)."""
    cur = cursor_of(db)
    if not flagged.is_fresh(cur):
        pub = published_lines(cur, fy)
        rows = pub[pub["month"] == month]
        return {"lines": len(rows), "amount": sum(rows["Amount"], start=Decimal("0.00")),
                "withheld": int(rows["redacted"].sum()),
                "withheld_amount": sum(rows.loc[rows["redacted"], "Amount"], start=Decimal("0.00"))}
    m = published_months(cur, fy)
    m = m[m["month"] == month]
    _, named, _, _ = _kept_people(cur, fy)
    sql, params = _withheld_sql(fy, named, month)
    n, amount = cur.execute(sql, params).fetchone()
    return {"lines": int(m["lines"].sum()), "amount": sum(m["amount"], start=Decimal("0.00")),
            "withheld": int(n), "withheld_amount": Decimal(amount) + Decimal("0.00")}


def withheld_totals(db=None, fy: str | None = None) -> dict:
    """{lines, amount}: the lines of ``fy`` published with the payee withheld, and their amount
    (included in every total)."""
    cur = cursor_of(db)
    if not flagged.is_fresh(cur):
        pub = published_lines(cur, fy)
        return {"lines": int(pub["redacted"].sum()) if len(pub) else 0,
                "amount": sum(pub.loc[pub["redacted"], "Amount"], start=Decimal("0.00")) if len(pub) else Decimal("0.00")}
    _, named, (named_lines, named_amount), (kept_lines, kept_amount) = _kept_people(cur, fy)
    if summary.is_fresh(cur):
        # the kept lines withheld, and the year's lines under a withheld spelling (summed by supplier
        # name ahead), those of them among the kept lines counted once (_work_out_kept_people)
        n, amount = kept_lines + named_lines, kept_amount + named_amount
    else:
        sql, params = _withheld_sql(fy, named)
        n, amount = cur.execute(sql, params).fetchone()
    return {"lines": int(n), "amount": Decimal(amount) + Decimal("0.00")}


def published_page(db=None, fy: str | None = None, month=None, limit: int | None = 100, offset: int = 0) -> pd.DataFrame:
    """``limit`` lines of ``month`` (a first-of-month date) of ``fy`` from ``offset``, as published
    (published_lines' rows of that month, in its order; every line of the month when limit is None)."""
    import pandas as pd

    cur = cursor_of(db)
    if not flagged.is_fresh(cur):
        pub = published_lines(cur, fy)
        rows = pub[pub["month"] == month].reset_index(drop=True)
        return rows.iloc[offset: None if limit is None else offset + limit].reset_index(drop=True)
    where, params = _scope_sql(fy)
    start = pd.Timestamp(month).date()
    end = (pd.Timestamp(month) + pd.offsets.MonthBegin(1)).date()
    month_lines = f"transactions t WHERE {where} AND t.period_start >= ? AND t.period_start < ?"
    if limit is None:
        p = (f"SELECT {_PUBLISHED_SELECT}, period_start FROM {month_lines} "
             "ORDER BY period_start, batch_id, sheet, row_number OFFSET ?")
    else:
        # the page's lines found by their sort columns alone, then only those lines read whole (the
        # month's texts are hundreds of thousands of values at scale, a page shows a hundred)
        p = f"""SELECT {_PUBLISHED_SELECT}, period_start FROM transactions WHERE rowid IN (
                    SELECT rowid FROM {month_lines} ORDER BY period_start, batch_id, sheet, row_number
                    LIMIT ? OFFSET ?)"""
    # the status of the kept lines among these only (the month's, a page's)
    ksql, kparams = _kept_sql(fy, proposed_only=False, lines=" AND t.period_start >= ? AND t.period_start < ? AND "
                              "EXISTS (SELECT 1 FROM p WHERE p.batch_id = t.batch_id AND p.sheet = t.sheet "
                              "AND p.row_number = t.row_number)", lines_params=[start, end])
    df = frame(cur, f"""WITH p AS ({p}), k AS ({ksql})
                        SELECT p.* EXCLUDE (period_start), k.redact, k.label FROM p
                        LEFT JOIN k USING (batch_id, sheet, row_number)
                        ORDER BY p.period_start, p.batch_id, p.sheet, p.row_number""",
               params + [start, end] + ([int(limit)] if limit is not None else []) + [int(offset)] + kparams)
    if df.empty:
        return pd.DataFrame(columns=PUBLISHED_COLUMNS + ["month", "redacted"])
    people, _, _, _ = _kept_people(cur, fy)
    status = df[["batch_id", "sheet", "row_number", "redact", "label"]]
    return _as_published(df.drop(columns=["redact", "label"]), status, people, missing_redacted=False)


def withheld_names(db=None, fy: str | None = None) -> list[str]:
    """Every published spelling of every name withheld in scope (redacted at supplier level or on
    every one of its lines in scope), for self-checks: none of these may appear in a publication."""
    cur = cursor_of(db)
    return _withheld_names(cur, line_status(cur, fy))


def _withheld_names(cur, status: pd.DataFrame) -> list[str]:
    import pandas as pd

    if status.empty:
        return []
    red = status[status["redact"] & ~status["source_redacted"]]
    shown = set(status.loc[~status["redact"], "supplier_key"])
    keys = sorted(set(red["supplier_key"]) - shown)
    if not keys:
        return []
    cur.register("_withheld", pd.DataFrame({"supplier_key": keys}))
    try:
        rows = cur.execute(
            # a name its publisher had already redacted is a label, not a person (the store's one rule, m002)
            "SELECT DISTINCT supplier_name FROM transactions JOIN _withheld USING (supplier_key) "
            "WHERE NOT is_redacted_name(supplier_name) ORDER BY 1"
        ).fetchall()
    finally:
        cur.unregister("_withheld")
    return [r[0] for r in rows]
