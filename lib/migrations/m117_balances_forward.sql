-- m117: a ledger's balance lines are not payments.
--
-- A ledger extract or a running account opens with "Balance brought forward" (or "Opening
-- balance", "B/F") and may close with "Balance carried forward" ("Closing balance", "C/F"): a sum
-- carried from one period to the next, with no supplier, often dated the period's first or last
-- day. It was loaded as a payment of that sum to "(no name given)" (£84,210.55 on a file of
-- £1,500 of payments). A cell that is such a label, and nothing else, now makes its line a total
-- line, counted among the rows recognised as totals, as "Total for April" does; a supplier named
-- "Opening Balance Ltd" or "Forward Planning Ltd" is still a supplier (the label must be the whole
-- cell, with at most a date or "at" and a date after it).
CREATE OR REPLACE MACRO is_balance_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '((opening|closing)\s+balances?'
    || '|(balances?|bal\.?)\s+((brought|carried)(\s+(forward|fwd|down))?|[bc]\.?\s*/?\s*(f|fwd|d)\.?)'
    || '|(brought|carried)\s+(forward|fwd|down)|[bc]\s*/\s*(f|fwd|d)\.?)'
    || '(\s+balance)?(\s*[:\-–]?\s*((at|as\s+at|from|to|for)\s+)?[0-9a-z/ .\-]*\d[0-9a-z/ .\-]*)?');

CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|sub[\s-]?totals?\s+.+') OR is_balance_label(s);
