"""The scorecard's measures: key, label, unit, the page that explains each and what it counts. The SME
tests are lib.suppliers'; a share becomes a percentage by lib.format.share_pct (0–100, 2 decimals,
half up)."""
from __future__ import annotations

from decimal import Decimal

ZERO = Decimal("0.00")
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

# What a measure needs besides spend: (measures, SQL true when it is there, why the figure cannot be
# worked out without it). Without it the figure would read 0% or 100% when it is not known at all.
NEEDS = (
    (("local_pct", "north_west_pct", "unknown_location_pct", "sme_pct", "vcse_pct"),
     "EXISTS (SELECT 1 FROM supplier_register) OR EXISTS (SELECT 1 FROM supplier_edits)",
     "no supplier register loaded, so no supplier can be placed or sized (load one: Upload page, "
     "or python -m lib.cli ingest FILE --kind suppliers)"),
    (("local_pct", "north_west_pct", "unknown_location_pct"),
     "EXISTS (SELECT 1 FROM reference_meta WHERE name = 'codepoint')",
     "the postcode reference is not built, so no supplier can be placed (python -m lib.cli postcode --build)"),
    (("on_contract_pct", "collaborative_pct", "social_value_pct"),
     "EXISTS (SELECT 1 FROM contracts)",
     "no contracts register loaded (load one: Upload page, or python -m lib.cli ingest FILE --kind contracts)"),
    # (a register with no weighting column says nothing of social value: lib.scorecard.contracts.SV_RECORDED)
    (("social_value_pct",),
     "EXISTS (SELECT 1 FROM batches WHERE kind = 'contracts' AND (columns_found IS NULL "
     "OR columns_found LIKE '%\"social_value_pct\"%')) "
     "OR EXISTS (SELECT 1 FROM contract_edits WHERE field = 'social_value_pct')",
     "no contracts register loaded records a social value weighting (a column such as 'Social value weighting "
     "(% of quality)'); load one that does, or give each contract's weighting on the Contracts register page"),
    (("savings",),
     "EXISTS (SELECT 1 FROM batches WHERE kind = 'savings')",
     "no savings register loaded (load one: Upload page, or python -m lib.cli ingest FILE --kind savings)"),
)
# Why a measure has no value for a year when nothing it needs is missing.
NOTHING_TO_COUNT = {"savings": "no savings recorded for {fy}", "social_value_pct": "no contract starts in {fy}"}


def missing_data(cur) -> dict[str, str]:
    """{measure: why it cannot be worked out} for every measure whose reference data is missing (one
    query); the first reason that applies is given."""
    have = cur.execute("SELECT " + ", ".join(f"({sql})" for _, sql, _ in NEEDS)).fetchone()
    out: dict[str, str] = {}
    for (measures, _, why), ok in zip(NEEDS, have):
        if not ok:
            for m in measures:
                out.setdefault(m, why)
    return out
