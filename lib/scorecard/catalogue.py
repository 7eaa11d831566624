"""The scorecard's measures: key, label, unit, the page that explains each and what it counts; the SME
tests; and the one rule a share becomes a percentage (0–100, 2 decimals, half up)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
SOCIAL_VALUE_MIN = Decimal("2.5")  # % of the quality element (Social Value Policy)


# key: (label, unit, the page that explains it, what the measure is)
MEASURES: dict[str, tuple[str, str, str, str]] = {
    "on_contract_pct": ("On contract", "pct", "pages/contracts.py",
                        "Spend with a supplier holding a contract live on the payment date, of all spend"),
    "collaborative_pct": ("Collaborative", "pct", "pages/contracts.py",
                          "On-contract spend through collaborative arrangements, of all spend"),
    "local_pct": ("Lancashire (local)", "pct", "pages/scorecard.py",
                  "Spend with suppliers located in the Lancashire force area, of all spend"),
    "north_west_pct": ("North West", "pct", "pages/scorecard.py",
                       "Spend with suppliers in the North West region (Lancashire included), of all spend"),
    "unknown_location_pct": ("Location unknown", "pct", "pages/scorecard.py",
                             "Spend whose supplier location is unknown (no link, no postcode), of all spend"),
    "sme_pct": ("SME", "pct", "pages/scorecard.py", "Spend with small and medium-sized enterprises, of all spend"),
    "vcse_pct": ("VCSE", "pct", "pages/scorecard.py",
                 "Spend with voluntary, community and social enterprises, of all spend"),
    "savings": ("Savings", "money", "pages/savings_social_value.py",
                "All savings recorded for the financial year (cashable and non-cashable)"),
    "social_value_pct": ("Social value", "pct", "pages/savings_social_value.py",
                         "Contracts starting in the year with social value weighted at least 2.5% of the "
                         "quality element, of all contracts starting in the year"),
}


SPEND_MEASURES = ("on_contract_pct", "collaborative_pct", "local_pct", "north_west_pct", "unknown_location_pct",
                  "sme_pct", "vcse_pct")
SME_TESTS = {"procurement_act_2023": ("sme_pa2023", "Procurement Act 2023 test"),
             "eu_2003": ("sme_eu", "EU 2003/361 test")}


def sme_test(cur) -> str:
    """The SME test in force (settings.sme_test): procurement_act_2023 or eu_2003."""
    row = cur.execute("SELECT value FROM settings WHERE name = 'sme_test'").fetchone()
    return row[0] if row and row[0] in SME_TESTS else "procurement_act_2023"


def pct(num, den) -> Decimal | None:
    if den is None or den == 0:
        return None
    return (Decimal(num) * 100 / Decimal(den)).quantize(CENT, ROUND_HALF_UP)
