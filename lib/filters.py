"""The filters every page applies, and the one place they become SQL.

``where_clause`` is built only from fixed SQL text in this module; every value a user picked
travels as a bound ``?`` parameter, never inside the SQL string.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

# How a missing department or category is shown and filtered: never dropped.
NOT_GIVEN = "(not given)"

_FY = re.compile(r"^(\d{4})/(\d{2})$")
_ALIASES = {"", "t"}


@dataclass(frozen=True)
class Filters:
    """What the user chose in the filter bar. Empty tuples and None mean "no filter"."""

    fy: str | None = None
    month_from: date | None = None
    month_to: date | None = None
    departments: tuple = ()
    categories: tuple = ()
    suppliers: tuple = ()  # supplier_key values
    bodies: tuple = ()     # body_key values (lib.bodies); empty: the store's own bodies

    def replace(self, **changes) -> "Filters":
        return dataclasses.replace(self, **changes)


def fy_start(fy: str) -> int:
    """2019 for '2019/20'; raises ValueError for anything not shaped like a financial year."""
    m = _FY.match(fy or "")
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        raise ValueError(f"not a financial year: {fy!r}")
    return int(m.group(1))


def fy_name(start: int) -> str:
    """'2019/20' for 2019."""
    return f"{start}/{(start + 1) % 100:02d}"


def fy_of(day: date) -> str:
    """The financial year (1 April to 31 March) a day falls in."""
    return fy_name(day.year if day.month >= 4 else day.year - 1)


def fy_months(fy: str) -> list[date]:
    """The twelve first-of-month dates of a financial year, April first."""
    y = fy_start(fy)
    return [date(y + (m + 3) // 12, (m + 3) % 12 + 1, 1) for m in range(12)]


def fy_bounds(fy: str) -> tuple[date, date]:
    """(1 April, 31 March) of ``fy``."""
    y = fy_start(fy)
    return date(y, 4, 1), date(y + 1, 3, 31)


def fy_end(fy: str) -> date:
    """31 March closing ``fy``."""
    return fy_bounds(fy)[1]


def _year_earlier(d: date | None) -> date | None:
    return None if d is None else date(d.year - 1, d.month, 1)


def previous_year(f: Filters) -> Filters | None:
    """The same filters one financial year earlier (month range shifted 12 months); None if no FY."""
    if not f.fy:
        return None
    return f.replace(
        fy=fy_name(fy_start(f.fy) - 1),
        month_from=_year_earlier(f.month_from),
        month_to=_year_earlier(f.month_to),
    )


def _next_month(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def _in_list(column: str, values: tuple, nullable: bool) -> tuple[str, list]:
    named = [v for v in values if not (nullable and v == NOT_GIVEN)]
    parts, params = [], []
    if named:
        parts.append(f"{column} IN ({', '.join('?' for _ in named)})")
        params.extend(named)
    if nullable and NOT_GIVEN in values:
        parts.append(f"({column} IS NULL OR trim({column}) = '')")
    return "(" + " OR ".join(parts) + ")", params


def where_clause(f: Filters, alias: str = "") -> tuple[str, list]:
    """``("fy = ? AND ...", [params])`` for the transactions table; ``("TRUE", [])`` when unfiltered.

    ``alias`` qualifies the columns ("t" gives ``t.fy``); only "" and "t" are accepted, so no
    caller-supplied text reaches the SQL. NOT_GIVEN in departments/categories matches NULL or
    blank. The month range is on ``period_start``, inclusive of both months. Lines are always those
    of the chosen bodies, or of the store's own bodies when none is chosen (a peer's file never
    counts in the force's figures): the clause is never just TRUE.
    """
    if alias not in _ALIASES:
        raise ValueError(f"unknown table alias {alias!r}")
    p = f"{alias}." if alias else ""
    parts: list[str] = []
    params: list = []
    if f.fy:
        fy_start(f.fy)  # reject malformed years early
        parts.append(f"{p}fy = ?")
        params.append(f.fy)
    if f.month_from:
        parts.append(f"{p}period_start >= ?")
        params.append(date(f.month_from.year, f.month_from.month, 1))
    if f.month_to:
        parts.append(f"{p}period_start < ?")
        params.append(_next_month(date(f.month_to.year, f.month_to.month, 1)))
    for column, values, nullable in (
        ("department", f.departments, True),
        ("category", f.categories, True),
        ("supplier_key", f.suppliers, False),
    ):
        if values:
            sql, vals = _in_list(p + column, tuple(values), nullable)
            parts.append(sql)
            params.extend(vals)
    if f.bodies:
        sql, vals = _in_list(p + "body_key", tuple(f.bodies), False)
        parts.append(sql)
        params.extend(vals)
    else:
        parts.append(f"{p}body_key IN ({OWN_BODIES})")
    return " AND ".join(parts), params


# The store's own bodies (lib.bodies.OWN_KEYS_SQL): fixed SQL, no parameters.
OWN_BODIES = "SELECT body_key FROM bodies WHERE own"


def body_clause(bodies: tuple = (), alias: str = "") -> tuple[str, list]:
    """Only the body part of :func:`where_clause`, for a query that filters on nothing else."""
    if alias not in _ALIASES:
        raise ValueError(f"unknown table alias {alias!r}")
    return where_clause(Filters(bodies=tuple(bodies)), alias)


def describe(f: Filters, supplier_names: dict | None = None) -> str:
    """A one-line, human description of the filters ("2019/20 · Apr 2019–Jun 2019 · 2 departments")."""
    bits = [f.fy or "All years"]
    if f.month_from or f.month_to:
        a = f.month_from.strftime("%b %Y") if f.month_from else "start"
        b = f.month_to.strftime("%b %Y") if f.month_to else "end"
        bits.append(a if a == b else f"{a}–{b}")
    for label, values, names in (
        ("department", f.departments, None),
        ("category", f.categories, None),
        ("supplier", f.suppliers, supplier_names),
    ):
        if len(values) == 1:
            v = values[0]
            bits.append(f"{label}: {(names or {}).get(v, v)}")
        elif values:
            bits.append(f"{len(values)} {label.replace('y', 'ie')}s" if label == "category" else f"{len(values)} {label}s")
    return " · ".join(bits)


# ---- what the filters say on screen: chips, what a drill-down added, where they apply ---------

# Which filters a page applies (app.py says it for each page): every one; every one but for one
# year (the latest when "All years"); the financial year only (the latest when "All years"); none.
USES_ALL, USES_ONE_YEAR, USES_YEAR, USES_NONE = "all", "all, one year", "year", "none"

_LISTS = (  # (field of Filters, one value's name, many values' name)
    ("departments", "Department", "departments"),
    ("categories", "Category", "categories"),
    ("suppliers", "Supplier", "suppliers"),
    ("bodies", "Body", "bodies"),  # empty: the store's own bodies (no chip)
)


@dataclass(frozen=True)
class Chip:
    """One active filter as shown at the top of a page. Closing it removes ``values`` from
    ``field`` ("fy" and "months" are cleared whole)."""

    field: str
    label: str
    values: tuple = ()


def _month_range(f: Filters) -> str | None:
    if not (f.month_from or f.month_to):
        return None
    a = f.month_from.strftime("%b %Y") if f.month_from else "start"
    b = f.month_to.strftime("%b %Y") if f.month_to else "end"
    return a if a == b else f"{a}–{b}"


def chips(f: Filters, supplier_names: dict | None = None, most: int = 3) -> list[Chip]:
    """The active filters as chips, in the order of the filter bar: the year ("2025/26"), the
    months ("Months: Apr 2025–Jun 2025"), then one chip per department, category and supplier
    ("Supplier: Victim Support"), or one chip for them all when more than ``most`` are chosen
    ("58 categories"). "All years" and an empty list are not filters, so they have no chip."""
    out = []
    if f.fy:
        out.append(Chip("fy", f.fy))
    rng = _month_range(f)
    if rng:
        out.append(Chip("months", f"Months: {rng}" if "–" in rng else f"Month: {rng}"))
    for field, one, many in _LISTS:
        values = tuple(getattr(f, field))
        names = supplier_names if field == "suppliers" else None
        if len(values) > most:
            out.append(Chip(field, f"{len(values):,} {many}", values))
        else:
            # a body's key reads as its name ('DEVON COUNTY COUNCIL' → 'Devon County Council')
            out.extend(Chip(field, f"{one}: {str(v).title() if field == 'bodies' else (names or {}).get(v, v)}", (v,))
                       for v in values)
    return out


def without(f: Filters, chip: Chip) -> Filters:
    """``f`` with the filter ``chip`` stands for removed (the year removed is "All years", and its
    months go with it)."""
    if chip.field == "fy":
        return f.replace(fy=None, month_from=None, month_to=None)
    if chip.field == "months":
        return f.replace(month_from=None, month_to=None)
    return f.replace(**{chip.field: tuple(v for v in getattr(f, chip.field) if v not in chip.values)})


def drill_added(before: Filters, after: Filters, supplier_names: dict | None = None) -> str:
    """What a drill-down changed, in words: "Added supplier: Victim Support", "Added month: Jun
    2025 · year: 2024/25"; what it took away is said too ("removed 2 departments")."""
    old = {c.label for c in chips(before, supplier_names)}
    new = {c.label for c in chips(after, supplier_names)}
    added = [c.label for c in chips(after, supplier_names) if c.label not in old]
    removed = [c.label for c in chips(before, supplier_names) if c.label not in new]
    bits = []
    if added:
        bits.append("Added " + " · ".join(_lower_first(a) for a in added))
    if removed:
        bits.append(("removed " if bits else "Removed ") + " · ".join(_lower_first(r) for r in removed))
    if not bits:
        return "The filters are unchanged"
    return "; ".join(bits)


def _lower_first(label: str) -> str:
    """'Supplier: X' → 'supplier: X'; a year ('2024/25') becomes 'year: 2024/25'."""
    if _FY.match(label):
        return f"year: {label}"
    head, sep, tail = label.partition(": ")
    return (head.lower() + sep + tail) if sep else label


def scope_note(f: Filters, uses: str, latest_fy: str | None = None) -> str | None:
    """What a page does not apply of the active filters, in words; None when it applies them all.

    ``uses`` is USES_ALL, USES_ONE_YEAR (all, for one year: the latest, ``latest_fy``, when "All
    years"), USES_YEAR (the year only, the latest when "All years") or USES_NONE."""
    if uses == USES_ALL:
        return None
    others = []
    if _month_range(f):
        others.append("month")
    # (the bodies are not among them: every figure is the chosen bodies', and the bar says whose)
    others += [one.lower() for field, one, _ in _LISTS if getattr(f, field) and field != "bodies"]
    if uses == USES_NONE:
        return "The filters above do not apply here." if (f.fy or others) else None
    if uses not in (USES_YEAR, USES_ONE_YEAR):
        raise ValueError(f"unknown filter use {uses!r}")
    if uses == USES_ONE_YEAR:
        others = []
    year = (f"Showing {f.fy}" if f.fy else
            f"Showing {latest_fy}, the latest year: this page shows one year at a time" if latest_fy else None)
    rest = f"the {_and(others)} filter{'s do' if len(others) > 1 else ' does'} not apply here" if others else ""
    said = [s[0].upper() + s[1:] for s in (year, rest) if s]
    if (f.fy and not rest) or not said:  # (nothing to say: a store with no spend has no latest year)
        return None
    return ". ".join(said) + "."


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
