-- m161: a total's label that says in brackets what it covers, "GRAND TOTAL (all statuses)", "Total
-- (delivered only)", "Sub-total (ICT)", is a total. A police force's savings register closed with
-- "GRAND TOTAL (all statuses)" in the project's column: it loaded as two savings more of the whole
-- year's sums, and the year's savings doubled. The rest is m149's. A firm's name in brackets after
-- "Total" stays a firm's only where "Total" leads its own name ("Total Gas (UK) Ltd": no bracket right
-- after "Total").
CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|(sub[\s-]?|grand\s+|overall\s+)?totals?\s*\([^()]*\)\s*:?'
    || '|sub[\s-]?totals?\s+.+'
    || '|(sub[\s-]?|grand\s+|overall\s+)?totals?\s+('
    ||     '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s*[-–/]?\s*\d{2}(\d{2})?)?'
    ||     '(\s*(-|–|to)\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s*[-–/]?\s*\d{2}(\d{2})?)?)?'
    ||     '|(q|quarter\s*)[1-4](\s+(19|20)\d\d([/-]\d{2}(\d{2})?)?)?'
    ||     '|(fy\s*)?(19|20)\d\d([/-]\d{2}(\d{2})?)?'
    ||     '|(p|period\s*)\d{1,2}(\s+(19|20)\d\d([/-]\d{2}(\d{2})?)?)?'
    ||     '|(financial\s+)?year(\s+to\s+date)?|ytd|month|period|quarter'
    || ')\s*') OR is_balance_label(s) OR is_total_word(s);
