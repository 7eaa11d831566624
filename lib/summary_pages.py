"""The summary tables of the Local and regional spend, Peers and Bodies pages (m060), kept by
lib.summary like the others (added with a new batch, rebuilt with them otherwise; readers sum):

    spend_by_body_supplier      fy, body key, supplier key, redacted: each body's rings and the
                                largest suppliers bodies share (lib.peers), the rings by year
                                (lib.geo.queries); redacted lines kept apart (m082)
    spend_by_supplier_category  fy, body key, category as the lines hold it, supplier key: the rings
                                by category and where local spend could grow (lib.geo.queries)
    spend_by_body_batch         batch, body key, with the first and last period start: each body's
                                lines, spend, months and files (lib.bodies), which bodies have spend

Each is table -> (its key from the lines, the key's columns, (which lines, its sums beyond amount,
lines and the credits, the same re-summed) or None, the Filters fields it answers). Nothing here
reads the store; lib.summary registers them.
"""
from __future__ import annotations

TABLES = {
    "spend_by_body_supplier": ("fy, fy_start, body_key, supplier_key, is_redacted",
                               "fy, fy_start, body_key, supplier_key, is_redacted",
                               None, frozenset({"fy", "suppliers", "bodies"})),
    "spend_by_supplier_category": ("fy, fy_start, body_key, category, supplier_key",
                                   "fy, fy_start, body_key, category, supplier_key",
                                   None, frozenset({"fy", "categories", "suppliers", "bodies"})),
    "spend_by_body_batch": ("batch_id, body_key", "batch_id, body_key",
                            ("TRUE", ", min(period_start) AS first_period, max(period_start) AS last_period",
                             ", min(first_period) AS first_period, max(last_period) AS last_period"),
                            frozenset({"bodies"})),
}
