"""The strategy scorecard: each measure with its numerator, denominator, target and status, and the
rows behind it.

Definitions (issue 4; README "Scorecard" says the same for readers):

- **On contract.** A payment is on contract when a contract in the register (``contracts_current``:
  the latest upload of each contract, staff edits on top) is live on its date
  (``start_date <= date <= end_date``; no end date = open-ended; a line with no day uses the first
  day of its file's period) and either the contract's supplier is the line's supplier (same
  supplier ID, or same name key ``supplier_key``, or both linked to the same register supplier),
  or the line quotes the contract's reference: its transaction reference is the reference (as
  written, or all in capitals or all in lower case), or a word of its description is the reference
  (case ignored). A payment two contracts cover counts once.
- **Which contract a payment counts under** when several cover it: a collaborative one first, then
  the one that started latest, then reference A–Z (``contracts_current.cover_rank``). Its route is
  the route the payment counts under for the collaborative measure.
- **Collaborative** contracts: the register says collaborative, or the route is one of
  ``collaborative_routes`` (data, m007).
- Percentages are of *all* spend in the year (credit notes netted off, redacted lines included),
  on a 0–100 scale, rounded to 2 decimals; money stays DECIMAL until it is shown.
- The target for a year is the targets row with the greatest ``from_fy`` not after it.

One concern a module: catalogue (the measures), lines (each line's contract), targets, spend,
registers (savings, social value), contracts, drill (the rows behind a figure), card (the
scorecard and kpis).

Every function takes a DuckDB cursor first. Spend measures take a financial year and optional
:class:`~lib.filters.Filters` (department, category, supplier, months); the registers' measures
(savings, social value) take the year alone.
"""
