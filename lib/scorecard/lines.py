"""Every spend line with the contract it counts under: the ``WITH`` text the spend measures, the
contract queries and the drill-down start from (lib.cover says where the answer comes from)."""
from __future__ import annotations

from lib import cover
from lib.filters import Filters, fy_start, where_clause


def lines_sql(cur, f: Filters, located: bool = False) -> tuple[str, list]:
    """``WITH ...`` text ending in the ``lines`` CTE for the filters, and its parameters: every line
    with the cover_rank of the contract it counts under (NULL: off contract), and ``cc``, the register.

    ``located``: lines read from spend_located and carry ring, sme_pa2023, sme_eu, is_vcse and
    supplier_ref (the scorecard's facts, the drill-down); otherwise from transactions alone (the
    contract queries, which need none of those). lib.cover says where the answer comes from."""
    where, params = where_clause(f, alias="t")
    cols = ("t.ring, t.sme_pa2023, t.sme_eu, t.is_vcse, t.supplier_ref," if located else "")
    ctes, repeats = cover.lines_ctes(cur, where, cols, "spend_located" if located else "transactions")
    return "WITH " + ctes, params * repeats


def year_filters(fy: str | None, f: Filters | None) -> Filters:
    f = f or Filters()
    if fy is not None:
        fy_start(fy)
        f = f.replace(fy=fy)
    return f
