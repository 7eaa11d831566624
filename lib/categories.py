"""Spending categories in standard groups, for a chart where no bar dominates.

The published files' categories are free text (70 of them in a year, none over a tenth of the
spend), so twelve bars and an "Other" of the rest left "Other" the largest bar. Each category is
put in a standard group, first that applies:

1. the group staff chose for it (``category_group_choices``, m023), kept with who and when;
2. a ProClass-style label "GROUP : detail" (as councils publish them): its first part;
3. the first group of ``data/category_groups.csv`` one of whose keywords is a word of the
   category (``fuel`` matches "Fuel cards", ``vehicle*`` also "Vehicles"; case ignored);
4. none: the category is shown under its own name, never folded into a group it may not belong to.

:func:`spend_by_group` then shows groups (and ungrouped categories) largest first, as many as it
takes for "Other" (the rest, listed) to be smaller than the largest bar shown and at most
OTHER_AT_MOST_PCT of the spend (or no Other at all, when it cannot be). "(not given)" is always its
own bar.
"""
from __future__ import annotations

import csv
import functools
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd

from lib import queries, store
from lib.filters import NOT_GIVEN, Filters
from lib.rows import cursor_of, frame

DEFAULTS = Path(__file__).resolve().parent.parent / "data" / "category_groups.csv"
SHOW_AT_LEAST, SHOW_AT_MOST = 12, 20  # bars before Other (as many as a list that short holds)
OTHER_AT_MOST_PCT = Decimal(20)       # Other's share of the spend, at most (when SHOW_AT_MOST allows)
PROCLASS = re.compile(r"^\s*([^:]{3,}?)\s+:\s+\S")
ZERO = Decimal("0.00")


@functools.lru_cache(maxsize=4)
def keyword_rules(path: Path = DEFAULTS) -> tuple[tuple[str, re.Pattern, tuple[str, ...]], ...]:
    """The default groups: (group, one pattern of its keywords, the keywords) in file order.
    Raises ValueError naming the file and line for a row without a group or keywords."""
    rules = []
    with open(path, newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            group = (row.get("group") or "").strip()
            words = tuple(w.strip().lower() for w in (row.get("keywords") or "").split(";") if w.strip())
            if not group or not words:
                raise ValueError(f"{path.name}, line {line}: a group needs a name and at least one keyword")
            alts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
            rules.append((group, re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE), words))
    return tuple(rules)


def default_group(category: str) -> tuple[str | None, str]:
    """(group, why) for ``category`` by rules 2 and 3 of the module doc; (None, why) when none."""
    if category == NOT_GIVEN:
        return None, "no category given"
    m = PROCLASS.match(category)
    if m:
        return m.group(1).strip().capitalize(), "its standard label"
    for group, pattern, _ in keyword_rules():
        hit = pattern.search(category)
        if hit:
            return group, f"keyword “{hit.group(0).lower()}”"
    return None, "no keyword matches: shown by its own name"


def choices(db=None) -> dict[str, dict]:
    """Staff's choices: {category: {group, set_by, set_at}}."""
    rows = frame(cursor_of(db), "SELECT category, group_name, set_by, set_at FROM category_group_choices")
    return {r.category: {"group": r.group_name, "set_by": r.set_by, "set_at": r.set_at} for r in rows.itertuples()}


def group_of(categories, chosen: dict) -> dict[str, tuple[str | None, str]]:
    """{category: (group or None, why)} for every category, staff's choice first."""
    out = {}
    for c in categories:
        if c in chosen:
            ch = chosen[c]
            out[c] = (ch["group"], f"chosen by {ch['set_by']}")
        else:
            out[c] = default_group(c)
    return out


def category_spend(db, f: Filters) -> pd.DataFrame:
    """Every category's spend under ``f``: label, amount, lines (queries.spend_by_category, uncut).
    What spend_by_group and mapping_table are worked out from (the Overview reads it once for both)."""
    return queries.spend_by_category(cursor_of(db), f, n=1_000_000)


def fold_other(items: list[dict], total: Decimal) -> list[dict]:
    """``items`` ({label, amount, lines, members, kind}) largest first, cut where the rest, as one
    'Other (k categories)' item, is smaller than the largest item shown and at most
    OTHER_AT_MOST_PCT of ``total`` (between SHOW_AT_LEAST and SHOW_AT_MOST items shown). When
    SHOW_AT_MOST items still leave an Other as large as the largest, or an Other of one item, every
    item is shown: a long chart rather than a misleading one. '(not given)' is never in Other."""
    kept = sorted((i for i in items if i["kind"] != "not given"), key=lambda i: (-i["amount"], i["label"]))
    not_given = [i for i in items if i["kind"] == "not given"]

    def rest(k: int) -> Decimal:
        return sum((i["amount"] for i in kept[k:]), ZERO)

    k = min(SHOW_AT_LEAST, len(kept))
    while k < min(SHOW_AT_MOST, len(kept)) and (
            rest(k) >= max(i["amount"] for i in kept[:k] or [{"amount": ZERO}])
            or (total > 0 and rest(k) * 100 > OTHER_AT_MOST_PCT * total)):
        k += 1
    if len(kept) - k == 1 or rest(k) >= max([i["amount"] for i in kept[:k]] + [ZERO]):
        k = len(kept)  # an Other of one, or one still the largest bar: every item shown instead
    shown, others = kept[:k], kept[k:]
    out = shown + not_given
    out.sort(key=lambda i: (-i["amount"], i["label"]))
    if others:
        members = [m for i in others for m in i["members"]]
        groups = sum(i["kind"] == "group" for i in others)
        label = (f"Other ({len(others)} groups, {len(members)} categories)" if groups
                 else f"Other ({len(members)} categories)")
        out.append({"label": label, "amount": rest(k),
                    "lines": sum(i["lines"] for i in others), "members": members, "kind": "other",
                    "detail": ", ".join(i["label"] for i in others)})
    return out


def spend_by_group(db, f: Filters, cats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Spend under ``f`` by category group, largest first, then 'Other (k categories)' (see
    fold_other). Columns: label, amount (Decimal), lines, members (the categories a bar stands
    for, to filter by), is_other, kind ('group', 'category' for one shown by its own name, 'not
    given', 'other'), detail (the categories, for the hover and the list of the rest). ``cats``:
    category_spend(db, f) when already read."""
    cats = category_spend(db, f) if cats is None else cats
    groups = group_of(list(cats["label"]), choices(db))
    items: dict[str, dict] = {}
    for r in cats.itertuples():
        group, _ = groups[r.label]
        kind = "not given" if r.label == NOT_GIVEN else "group" if group else "category"
        key = (kind, group or r.label)
        it = items.setdefault(key, {"label": group or r.label, "amount": ZERO, "lines": 0, "members": [],
                                    "kind": kind})
        it["amount"] += Decimal(r.amount)
        it["lines"] += int(r.lines)
        it["members"].append(r.label)
    for it in items.values():
        n = len(it["members"])
        it.setdefault("detail", ", ".join(it["members"]) if it["kind"] == "group" else "")
        if it["kind"] == "group":
            it["detail"] = f"{n} categor{'y' if n == 1 else 'ies'}: " + it["detail"]
    total = sum((Decimal(a) for a in cats["amount"]), ZERO)
    rows = fold_other(list(items.values()), total)
    df = pd.DataFrame(rows, columns=["label", "amount", "lines", "members", "kind", "detail"])
    df["is_other"] = df["kind"] == "other"
    return df[["label", "amount", "lines", "members", "is_other", "kind", "detail"]]


def mapping_table(db, f: Filters, cats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every category with spend under ``f``: category, group ('' when none), why, amount, lines;
    largest first. What the Overview's editor shows. ``cats``: category_spend(db, f) when already read."""
    cats = category_spend(db, f) if cats is None else cats
    groups = group_of(list(cats["label"]), choices(db))
    return pd.DataFrame({
        "category": list(cats["label"]),
        "group": [groups[c][0] or "" for c in cats["label"]],
        "why": [groups[c][1] for c in cats["label"]],
        "amount": list(cats["amount"]),
        "lines": [int(x) for x in cats["lines"]],
    })


def set_groups(changes: dict[str, str | None], set_by: str, db=None) -> int:
    """Record staff's group for each category of ``changes`` ({category: group}); a group of None
    or '' returns the category to the default rules. One transaction; returns how many changed.
    Raises ValueError with no author or for '(not given)', which is never grouped."""
    if not set_by or not set_by.strip():
        raise ValueError("a change to the category groups needs the name of who made it")
    if NOT_GIVEN in changes:
        raise ValueError(f"{NOT_GIVEN} is spend with no category: it is shown apart, never in a group")
    with store.write(db) as cur:
        for category, group in changes.items():
            cur.execute("DELETE FROM category_group_choices WHERE category = ?", [category])
            if group and group.strip():
                cur.execute("INSERT INTO category_group_choices (category, group_name, set_by) VALUES (?, ?, ?)",
                            [category, group.strip(), set_by.strip()])
    return len(changes)
