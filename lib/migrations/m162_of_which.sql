-- m162: a line that breaks down the total above it, "of which Cashable", "Of which: capital", "of which
-- non-cashable savings", is a total, not an entry. A PCC's savings tracker closes with its total and then
-- its cashable and non-cashable parts: each part loaded as one more saving of the year's whole sum. The
-- rest is m161's.
CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|(sub[\s-]?|grand\s+|overall\s+)?totals?\s*\([^()]*\)\s*:?'
    || '|of\s+which\b.*'
    || '|sub[\s-]?totals?\s+.+'
    || '|(sub[\s-]?|grand\s+|overall\s+)?totals?\s+('
    ||     '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s*[-–/]?\s*\d{2}(\d{2})?)?'
    ||     '(\s*(-|–|to)\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s*[-–/]?\s*\d{2}(\d{2})?)?)?'
    ||     '|(q|quarter\s*)[1-4](\s+(19|20)\d\d([/-]\d{2}(\d{2})?)?)?'
    ||     '|(fy\s*)?(19|20)\d\d([/-]\d{2}(\d{2})?)?'
    ||     '|(p|period\s*)\d{1,2}(\s+(19|20)\d\d([/-]\d{2}(\d{2})?)?)?'
    ||     '|(financial\s+)?year(\s+to\s+date)?|ytd|month|period|quarter'
    || ')\s*') OR is_balance_label(s) OR is_total_word(s);
