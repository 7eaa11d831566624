-- m159: a total's label that names its unit, "Total value (£)", "Total (GBP)", "Grand Total £", and a
-- count of the lines at a spend file's foot, "Number of transactions" (its count in the amount's
-- column), "Total number of transactions: 1774", "Record count: 226", "No. of payments", are totals.
-- A council's purchase-card list closed with both under its transaction references, no supplier and
-- no date: they loaded as two more lines of "(no name given)", the count as £96 and the total as the
-- month's spend again. The rest is m154's. A firm's name after "Total" is still a firm's.
CREATE OR REPLACE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(grand |sub ?|overall |page |month(ly)? |period |year(ly)? )?totals?'
        || '( ?\(?(spend|spending|expenditure|payments?|paid|amounts?|values?|net|gross|costs?|invoiced|sums?'
        || '|savings?|saved|delivered|achieved|realised|realized|cashable|non[- ]?cashable|£|gbp|£000s?|£k)\)?){0,3}:?'
        || '|(total\s+)?(count|number|no\.?|num)\s+(of\s+)?(transactions?|payments?|lines?|records?|rows?|entries'
        ||     '|invoices?|items?)(\s*[:=\-–]?\s*\d[\d,]*)?'
        || '|(transactions?|payments?|lines?|records?|rows?|invoices?)\s+(count|total)(\s*[:=\-–]?\s*\d[\d,]*)?');
