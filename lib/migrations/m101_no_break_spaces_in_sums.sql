-- m101: a sum whose thousands or currency mark are set off by a no-break space is read as one set
-- off by a plain space. Spreadsheets and French- or Nordic-style exports write "11 363.60" and
-- "£ 1,234.56" with U+00A0 (no-break space), U+202F (narrow no-break space) or U+2007 (figure
-- space); DuckDB's trim and the \s of its regular expressions know only the ASCII spaces, so those
-- cells read as no sum at all (a whole column of them was not recognised as the amount). They are
-- made plain spaces first, and read by the same rules: thousands in groups of three, or nothing.
CREATE OR REPLACE MACRO _money_dashes(s) AS regexp_replace(regexp_replace(regexp_replace(
        replace(replace(upper(trim(translate(coalesce(s, ''), chr(160) || chr(8239) || chr(8199), '   '))), '−', '-'), '–', '-'),
        '\s*DR$', ''),
        '^DR\s*((?:[0-9.£$€(]|Â£|Â‚¬|GBP|EUR).*)$', '\1'), '^CR\s*((?:[0-9.£$€(]|Â£|Â‚¬|GBP|EUR).*)$', '\1CR');
