"""How figures are written for people: money and months."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def money(value) -> str:
    """'£1,234.56', '-£200.00'; exact to the penny."""
    d = Decimal(value or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{'-' if d < 0 else ''}£{abs(d):,.2f}"


def money_short(value) -> str:
    """'£44.7M', '£1.2bn', and whole pounds below a million ('£4,651', '-£3,151')."""
    d = Decimal(value or 0)
    sign, a = ("-" if d < 0 else ""), abs(d)
    if a >= 1_000_000_000:
        return f"{sign}£{a / 1_000_000_000:.1f}bn"
    if a >= 1_000_000:
        return f"{sign}£{a / 1_000_000:.1f}M"
    return f"{sign}£{a.quantize(Decimal('1'), ROUND_HALF_UP):,}"


def signed(text: str) -> str:
    """'+£1.2M' for a positive delta (st.metric reads the sign for its arrow)."""
    return text if text.startswith("-") else "+" + text


def day(d) -> str:
    """'31/03/2020' (DD/MM/YYYY) for a date; '' for none."""
    return "" if d is None or d != d else d.strftime("%d/%m/%Y")


def month_label(d: date) -> str:
    return d.strftime("%b %Y")
