"""How figures are written for people, the same in the app, the briefing PDF, the snapshot, the
maps and the CLI: one rounding rule (half up, on Decimal) and one number of decimals per kind.

- Money, exact: pounds and pence with thousands separators ('£1,234.56', '-£200.00').
- Money, short: three significant figures in thousands, millions or billions ('£809k', '£1.91M',
  '£44.7M', '£1.25bn'); whole pounds below £1,000 ('£512').
- Percentages: two decimals ('37.45%'); a change between percentages in points ('+1.20 pts').
  A share is worked out once, by :func:`share_pct`, and shown as it was worked out.
- Nothing to show: an em dash.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
PCT_PLACES = Decimal("0.01")  # the decimals a percentage keeps, worked out and shown
NONE = "—"
_SHORT_UNITS = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k"))


def half_up(value, places: Decimal) -> Decimal:
    """``value`` rounded half up (away from zero on a tie) to ``places`` ('0.01', '1', …)."""
    return Decimal(str(value) if isinstance(value, float) else value).quantize(places, ROUND_HALF_UP)


def share_pct(part, whole) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (0–100, two decimals, half up); None when ``whole``
    is zero or missing. Every percentage figure is worked out here."""
    if whole is None or whole == 0 or part is None:
        return None
    return half_up(Decimal(part) * 100 / Decimal(whole), PCT_PLACES)


def money(value) -> str:
    """'£1,234.56', '-£200.00'; exact to the penny; '—' for None."""
    if value is None:
        return NONE
    d = half_up(value, PENNY)
    return f"{'-' if d < 0 else ''}£{abs(d):,.2f}"


def money_short(value) -> str:
    """'£1.91M', '£809k', '£44.7M', '£1.25bn' (three significant figures), whole pounds below
    £1,000 ('£512', '-£3'); '—' for None."""
    if value is None:
        return NONE
    d = Decimal(str(value) if isinstance(value, float) else value)
    sign, a = ("-" if d < 0 else ""), abs(d)
    whole = half_up(a, Decimal(1))
    if whole < 1000:
        return f"{sign}£{whole}"
    for i, (unit, suffix) in enumerate(_SHORT_UNITS):
        if whole >= unit:
            x = a / unit
            places = Decimal(1).scaleb(-(2 - min(max(x.adjusted(), 0), 2)))  # 3 significant figures
            x = half_up(x, places)
            if x >= 1000 and i > 0:  # £999,999 rounds to £1,000k: say £1.00M
                unit, suffix = _SHORT_UNITS[i - 1]
                x = half_up(a / unit, Decimal("0.01"))
            return f"{sign}£{x}{suffix}"
    raise AssertionError("unreachable")


def percent(value) -> str:
    """'37.45%' (two decimals, half up); '—' for None."""
    if value is None:
        return NONE
    return f"{half_up(value, PCT_PLACES)}%"


def points(change, sign: bool = True) -> str:
    """A change between two percentages: '+1.20 pts', '-0.05 pts', '0.00 pts' ('1.20 pts' with
    ``sign`` False, for text that says rose or fell); '—' for None."""
    if change is None:
        return NONE
    d = half_up(change, PCT_PLACES)
    if not sign:
        return f"{abs(d)} pts"
    return f"{'+' if d > 0 else '-' if d < 0 else ''}{abs(d)} pts"


def signed(text: str) -> str:
    """'+£1.2M' for a positive delta (st.metric reads the sign for its arrow)."""
    return text if text.startswith("-") else "+" + text


def count(n, one: str, many: str | None = None) -> str:
    """A count and its noun, singular for one: "1 total line", "3 total lines"."""
    n = int(n or 0)
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def sentence(text: str) -> str:
    """A message shown on its own, as a sentence: its first letter a capital ("the lines have no
    date..." -> "The lines have no date..."); the rest as written (a quoted header keeps its case)."""
    text = str(text)
    return text[:1].upper() + text[1:]


def listed(names: list[str], most: int = 6, others: str = "other bodies") -> str:
    """Names in words: "A", "A and B", "A, B and C"; past ``most`` names, the first ``most`` - 1 and how
    many ``others`` ("A, B, C, D, E and 37 other bodies")."""
    names = list(names)
    if len(names) > most:
        names = names[:most - 1] + [f"{len(names) - most + 1:,} {others}"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def whose_spend(names: list[str]) -> str:
    """"Devon County Council's spend", or "the spend of A, B and C" for several bodies (:func:`listed`)."""
    return f"{names[0]}'s spend" if len(names) == 1 else f"the spend of {listed(names)}"


def text(value) -> str:
    """A cell's text as it is; '—' for none (None, or a frame's NaN): a reference not given."""
    return NONE if value is None or value != value or str(value).strip() == "" else str(value)


def day(d) -> str:
    """'31/03/2020' (DD/MM/YYYY) for a date; '' for none."""
    return "" if d is None or d != d else d.strftime("%d/%m/%Y")


def month_label(d: date) -> str:
    """'Apr 2019'."""
    return d.strftime("%b %Y")


def measure_text(unit: str, value) -> str:
    """A scorecard measure's value or target as written everywhere: percent for 'pct', short money
    for 'money'; '—' for None."""
    return money_short(value) if unit == "money" else percent(value)


def target_distance(unit: str, value, target, direction: str | None = "at_least") -> str:
    """How far a figure is from its target, in words, apart from any change on last year:
    '4.80 pts above target 39.00%', '0.30 pts below target 92.00%', 'on target 92.00%',
    '£74.4k above target £1.70M' (money: short); '' when either is None. ``direction`` does not
    change the words (above is above), only the caller's met/not met."""
    if value is None or target is None:
        return ""
    gap = Decimal(value) - Decimal(target)
    goal = measure_text(unit, target)
    if half_up(gap, PCT_PLACES) == 0:
        return f"on target {goal}"
    size = points(gap, sign=False) if unit == "pct" else money_short(abs(gap))
    return f"{size} {'above' if gap > 0 else 'below'} target {goal}"
