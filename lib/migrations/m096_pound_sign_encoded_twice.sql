-- m096: a currency mark encoded twice is still a currency mark. A file saved as UTF-8, opened as
-- cp1252 and saved as UTF-8 again carries its pound sign as "Â£" (the sign's two UTF-8 bytes, C2 A3,
-- read as two cp1252 characters) and its euro sign as "â‚¬" (E2 82 AC); some publishers' own files
-- and titles do ("Payments greater than Â£250"). Those exact byte-pairs, where a mark may stand
-- (before the number, after a sign or bracket, or at the end), are taken off as the mark is. Nothing
-- else changes: a "Â" anywhere else still makes a cell not money, and text fields are untouched.
CREATE OR REPLACE MACRO _money_text(s) AS trim(regexp_replace(regexp_replace(_money_dashes(s),
        '^([-+(]?)\s*(?:Â?[£$€]|Â‚¬|GBP|EUR)', '\1'), '\s*(?:Â?[£$€]|Â‚¬|GBP|EUR)(\)?)$', '\1'));
CREATE OR REPLACE MACRO _dash_zero(s) AS regexp_full_match(coalesce(s, ''),
        '\s*(?:Â?[£$€]|â‚¬|GBP|EUR)?\s*[-–−]\s*(?:Â?[£$€]|â‚¬|GBP|EUR)?\s*');
