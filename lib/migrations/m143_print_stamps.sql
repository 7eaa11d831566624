-- m143: a report's print stamp is page furniture, as its page number is (m098).
-- A report pasted into a workbook keeps its foot: "Printed 03/05/2024 09:14" | "User: FIN\JHARRIS" |
-- "AP500R v3.2" (the report's name in the amount's column). It was quarantined as a line whose amount
-- "is not a sum of money". A cell that says only when the report was printed, run or produced, and
-- on what day ("Printed 03/05/2024 09:14", "Run date: 3 May 2024", "Report generated on 2024-05-03 at
-- 9.14am", "Date printed 03-MAY-2024"), marks the line as furniture like a page's number: with no
-- amount it is kept with the totals and notes (counted, never a payment, never quarantined as one).
-- A line whose amount reads is a line, whatever else it holds.
CREATE OR REPLACE MACRO is_page_mark(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(page|pg\.?|p\.)\s*\d+\s*((of|/)\s*\d+)?'
        || '|((report|date|time)\s+)?(printed|run|generated|produced|created|extracted|exported)'
        || '(\s+(on|at|date|by))?(\s+date)?\s*:?\s*'
        || '(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?[\s\-][a-z]{3,9},?[\s\-]\d{2,4})'
        || '(,?\s*(at\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?\s*([ap]\.?m\.?)?)?');
