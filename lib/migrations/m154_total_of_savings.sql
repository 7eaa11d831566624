-- m154: a savings register's foot, "Total delivered", "Total Savings Delivered", "Total (achieved)", is a
-- total. The words a total may go on with named only what a spend file sums (spend, payments, value);
-- the line loaded as one more saving of the whole sum and doubled the year's savings. The words of a
-- saving made (savings, delivered, achieved, realised, cashable) now close a total's label as those do,
-- up to three of them, in brackets or not. A firm's name after "Total" ("Total Gas & Power Ltd") is
-- still a firm's.
CREATE OR REPLACE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(grand |sub ?|overall |page |month(ly)? |period |year(ly)? )?totals?'
        || '( \(?(spend|spending|expenditure|payments?|paid|amounts?|values?|net|gross|costs?|invoiced|sums?'
        || '|savings?|saved|delivered|achieved|realised|realized|cashable|non[- ]?cashable)\)?){0,3}:?');
