-- m151: a report's foot that stamps when it was run, written as accounts packages write it.
-- QuickBooks closes every report with "Accrual basis Friday, 5 July 2024 10:12 AM GMT+01:00" (or
-- "Cash Basis ..."): a few words, the weekday, the date and the time of day, the zone. Alone on its row
-- it was read as one more heading of a supplier's group (a report grouped by supplier), or a line with
-- no amount. A cell that is a day and a time of day, with at most three words before it and the zone
-- after it, is furniture like m143's "Printed 03/05/2024 09:14"; the time is required, so a date
-- heading the lines of that day is not taken for one. A line whose amount reads is a line, as before.
CREATE OR REPLACE MACRO is_page_mark(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(page|pg\.?|p\.)\s*\d+\s*((of|/)\s*\d+)?'
        || '|((report|date|time)\s+)?(printed|run|generated|produced|created|extracted|exported)'
        || '(\s+(on|at|date|by))?(\s+date)?\s*:?\s*'
        || '(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?[\s\-][a-z]{3,9},?[\s\-]\d{2,4})'
        || '(,?\s*(at\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?\s*([ap]\.?m\.?)?)?'
        || '|([a-z]+\s+){0,3}((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?'
        || '(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?[\s\-][a-z]{3,9},?[\s\-]\d{2,4})'
        || ',?\s*(at\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?\s*([ap]\.?m\.?)?'
        || '(\s*(gmt|bst|utc)([+\-]\d{1,2}(:?\d{2})?)?)?');
