-- m139: a total line's label says what it totals in one more word.
-- "Total Spend" and "Total Amount" were a total's words (m002); "Total Expenditure", "Total Payments",
-- "Total Value", "Total Net" and the like say the same, and a line labelled so, with no payment date,
-- is a total, not a payment (a generated month with "Total Spend" in its first column, under the
-- transaction numbers, loaded its total as one more line and doubled the month). A name that goes on
-- past that word ("Total Gas & Power Ltd") is a firm's, as it was.
CREATE OR REPLACE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(grand |sub ?|overall |page |month(ly)? |period |year(ly)? )?totals?'
        || '( (spend|spending|expenditure|payments?|paid|amounts?|values?|net|gross|costs?|invoiced|sums?))?:?');

-- And such a label is a total's wherever it stands, as "Total for April" is: a cell that says only
-- "Total Spend" on a line with no supplier, in the description's column or the department's.
CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|sub[\s-]?totals?\s+.+') OR is_balance_label(s) OR is_total_word(s);
