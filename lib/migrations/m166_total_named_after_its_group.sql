-- m166: a subtotal labelled by what it groups, a colon, then which one, "Supplier Total: Elsevier BV",
-- "Cost Centre Total: 730110", is a total; and a count of the lines whose label ends in a colon with its
-- count in another column, "Count of invoices:" | "74", is a count. A university's TechnologyOne export
-- closed each supplier's lines with the first: each loaded as one more payment of the supplier's whole
-- sum, doubling the file. An NHS trust's Oracle invoice register closed with the second: quarantined as
-- a line with no amount. Only a colon after "Total" joins a group's name to it: "Total - Fuel Cards"
-- was already a total, and a firm's name before "Total" with no colon ("Elf Total") stays a firm's.
-- The rest is m162's and m159's.
CREATE OR REPLACE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(grand |sub ?|overall |page |month(ly)? |period |year(ly)? )?totals?'
        || '( ?\(?(spend|spending|expenditure|payments?|paid|amounts?|values?|net|gross|costs?|invoiced|sums?'
        || '|savings?|saved|delivered|achieved|realised|realized|cashable|non[- ]?cashable|£|gbp|£000s?|£k)\)?){0,3}:?'
        || '|(total\s+)?(count|number|no\.?|num)\s+(of\s+)?(transactions?|payments?|lines?|records?|rows?|entries'
        ||     '|invoices?|items?)(\s*[:=\-–]?\s*\d[\d,]*|\s*:)?'
        || '|(transactions?|payments?|lines?|records?|rows?|invoices?)\s+(count|total)(\s*[:=\-–]?\s*\d[\d,]*|\s*:)?');
CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|.*[^\s]\s+totals?\s*:\s*.+'
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
