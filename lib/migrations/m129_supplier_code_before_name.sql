-- m129: a supplier's code written before its name in the one cell ("UK0479435601 : Boots UK Ltd",
-- "10008721 - Acme Ltd": a word with three digits or more, a colon or dash with spaces about it, the
-- name), where nearly every cell of the column is so written (lib.ingest.columns.add_supplier_code,
-- whose pattern this is): the name is the rest, the code the supplier's ID. A cell not so written is
-- left whole, and gives no code.
CREATE OR REPLACE MACRO supplier_name_part(s) AS CASE
        WHEN regexp_full_match(s, '\s*[A-Za-z]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\s+[:\-–]\s+\S.*')
            THEN trim(regexp_extract(s, '^\s*\S+\s+[:\-–]\s+(.*)$', 1)) ELSE s END;
CREATE OR REPLACE MACRO supplier_code_part(s) AS CASE
        WHEN regexp_full_match(s, '\s*[A-Za-z]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\s+[:\-–]\s+\S.*')
            THEN regexp_extract(s, '^\s*(\S+)', 1) END;
