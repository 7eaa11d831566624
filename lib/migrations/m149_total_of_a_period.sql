-- m149: a total line labelled with the period it totals, "Total February 2018", "Total Q1", "Total
-- 2023/24", "Total P07", as a total's label (m139 read "Total for February 2018", "Total: February").
-- A county council's month split over two sheets ends the second with "Total February 2018" and the
-- month's whole sum, no date: the sum does not add up to that sheet's lines alone, so it loaded as one
-- more line dated by the file's month, and the month's spend was doubled. A name that goes on past the
-- period ("Total March Ltd") is still a firm's.
CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|sub[\s-]?totals?\s+.+'
    || '|(sub[\s-]?|grand\s+|overall\s+)?totals?\s+('
    ||     '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s*[-–/]?\s*\d{2}(\d{2})?)?'
    ||     '(\s*(-|–|to)\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s*[-–/]?\s*\d{2}(\d{2})?)?)?'
    ||     '|(q|quarter\s*)[1-4](\s+(19|20)\d\d([/-]\d{2}(\d{2})?)?)?'
    ||     '|(fy\s*)?(19|20)\d\d([/-]\d{2}(\d{2})?)?'
    ||     '|(p|period\s*)\d{1,2}(\s+(19|20)\d\d([/-]\d{2}(\d{2})?)?)?'
    ||     '|(financial\s+)?year(\s+to\s+date)?|ytd|month|period|quarter'
    || ')\s*') OR is_balance_label(s) OR is_total_word(s);
