-- m139: a total line's label says what it totals in one more word.
-- "Total Spend" and "Total Amount" were a total's words (m002); "Total Expenditure", "Total Payments",
-- "Total Value", "Total Net" and the like say the same, and a line labelled so, with no payment date,
-- is a total, not a payment (a generated month with "Total Spend" in its first column, under the
-- transaction numbers, loaded its total as one more line and doubled the month). A name that goes on
-- past that word ("Total Gas & Power Ltd") is a firm's, as it was.
CREATE OR REPLACE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(grand |sub ?|overall |page |month(ly)? |period |year(ly)? )?totals?'
        || '( (spend|spending|expenditure|payments?|paid|amounts?|values?|net|gross|costs?|invoiced|sums?))?:?');
