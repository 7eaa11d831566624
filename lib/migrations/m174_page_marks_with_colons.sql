-- m174: a report's page furniture written with colons, as Oracle's and Sage's reports print it.
--
-- An Oracle payables register repeats its title block on every page: "Report Date: 08-JUL-24 07:02"
-- beside the body's name, "Page: 2 of 7" beside the report's. Sage's listing puts "Page:" in one
-- cell and the page's number in the next. m143's and m151's marks had no colon after the word, so
-- each page's title rows were quarantined as lines with no amount (12 of them in one file). A page's
-- word, or the stamp's words, may now be followed by a colon; "Page:" alone in its cell (its number
-- in the next) is a page's mark too. A line whose amount reads is a line, as before.
CREATE OR REPLACE MACRO is_page_mark(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(page|pg\.?|p\.)\s*:?\s*\d+\s*((of|/)\s*\d+)?|page\s*:'
        || '|((report|date|time)\s+)?(printed|run|generated|produced|created|extracted|exported)'
        || '(\s+(on|at|date|by))?(\s+date)?\s*:?\s*'
        || '(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?[\s\-][a-z]{3,9},?[\s\-]\d{2,4})'
        || '(,?\s*(at\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?\s*([ap]\.?m\.?)?)?'
        || '|([a-z]+:?\s+){0,3}((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?'
        || '(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?[\s\-][a-z]{3,9},?[\s\-]\d{2,4})'
        || ',?\s*(at\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?\s*([ap]\.?m\.?)?'
        || '(\s*(gmt|bst|utc)([+\-]\d{1,2}(:?\d{2})?)?)?');
