-- m098: a cell that is a page's number ("Page 2", "Page 2 of 3", "page 2/3", "Pg. 2 of 3"), as a report
-- prints at the foot or head of each page and a file converted from it keeps. A line with no amount
-- and such a cell is the page's furniture, kept with the totals and notes (counted, never a payment
-- and never quarantined as one).
CREATE OR REPLACE MACRO is_page_mark(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(page|pg\.?|p\.)\s*\d+\s*((of|/)\s*\d+)?');
