-- m164: a payee's name as a reader means it. No-break spaces at its ends ("Mears Ltd" and a no-break
-- space, from a sheet copied off a web page) and "&amp;" ("Marks &amp; Spencer plc") made one firm two
-- names, the second matching no register: taken off for every name a spend line or a register gives
-- (name_text; a name that is nothing else is no name).
CREATE OR REPLACE MACRO name_text(s) AS CASE
        WHEN s IS NULL OR NOT regexp_matches(s, '^[\s\x{00A0}]|[\s\x{00A0}]$|&(amp|apos|quot|#39);') THEN s
        ELSE nullif(trim(regexp_replace(replace(replace(replace(replace(s, '&amp;', '&'), '&apos;', ''''), '&#39;', ''''),
                                            '&quot;', '"'), '^[\s\x{00A0}]+|[\s\x{00A0}]+$', '', 'g')), '') END;
-- An apostrophe an export put before every name of its column ("'Mears Ltd", "'Wolseley UK Ltd", ..., as a
-- system forcing each cell to stay text writes them) is no part of the names: taken off where nearly every
-- name of the column starts with one (lib.ingest.columns.add_supplier_code says so), never for one name
-- alone ("'Allo Cafe" among plain names keeps it; a name quoted in apostrophes, "'Hope'", keeps them).
CREATE OR REPLACE MACRO unmarked(s) AS CASE WHEN starts_with(s, '''') AND NOT ends_with(s, '''')
        THEN nullif(trim(regexp_replace(substr(s, 2), '^[\s\x{00A0}]+', '')), '') ELSE s END;

-- A supplier's code in brackets after its name ("SERCO LTD (200950)", "COMPUTACENTER (UK) LTD (200812)"),
-- as a police force's ledger writes its payees: read apart as m137's codes are, the code the supplier's ID
-- when no column is, where nearly every cell of the column is so written (lib.ingest.columns.add_supplier_code).
-- A bracket of words ("(UK)", "(VMB)") is no code: a code has four figures or more.
CREATE OR REPLACE MACRO supplier_code_bracketed(s) AS
        regexp_full_match(s, '.*\S\s*\(\s*[A-Za-z]{0,3}\d{4,}[A-Za-z0-9]*\s*\)\s*')
        AND NOT (supplier_code_before(s) OR supplier_code_after(s) OR supplier_code_spaced(s));
CREATE OR REPLACE MACRO supplier_coded(s) AS supplier_code_before(s) OR supplier_code_after(s) OR supplier_code_spaced(s)
        OR supplier_code_bracketed(s);
CREATE OR REPLACE MACRO supplier_name_part(s) AS CASE
        WHEN supplier_code_before(s) THEN trim(regexp_extract(s, '^\s*\S+\s+[:\-–]\s+(.*)$', 1))
        WHEN supplier_code_after(s) THEN trim(regexp_extract(s, '^(.*[^\s~|])(\s*[~|]\s*|\s+[:\-–]\s+)\S+\s*$', 1))
        WHEN supplier_code_spaced(s) THEN trim(regexp_extract(s, '^\s*\S+\s+(.*)$', 1))
        WHEN supplier_code_bracketed(s) THEN trim(regexp_extract(s, '^(.*\S)\s*\([^()]*\)\s*$', 1))
        ELSE s END;
CREATE OR REPLACE MACRO supplier_code_part(s) AS CASE
        WHEN supplier_code_before(s) THEN regexp_extract(s, '^\s*(\S+)', 1)
        WHEN supplier_code_after(s) THEN regexp_extract(s, '([^\s~|]+)\s*$', 1)
        WHEN supplier_code_spaced(s) THEN regexp_extract(s, '^\s*(\S+)', 1)
        WHEN supplier_code_bracketed(s) THEN trim(regexp_extract(s, '\(([^()]*)\)\s*$', 1)) END;
