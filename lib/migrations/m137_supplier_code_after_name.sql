-- m137: a supplier's code written after its name. A payments agency's ledger writes its suppliers as
-- "Serco Consulting Ltd~114639650" (67 of 78 lines in a month): kept whole, the code made every firm a
-- name of its own, matching no register and no other month that spells it plainly. The code is read
-- off the end as m129/m130 read one off the front: after a tilde or a bar (spaces about them or not),
-- or a colon or dash with spaces about it; a code is a word with three digits or more, as before. The
-- planner still asks supplier_coded of nearly every cell of the column (lib.ingest.columns.add_supplier_code)
-- before a load reads any apart, so a name that merely ends in a number ("Room 101 - 2023") in a
-- column of plain names stays whole.
CREATE OR REPLACE MACRO supplier_code_before(s) AS
        regexp_full_match(s, '\s*[A-Za-z]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\s+[:\-–]\s+\S.*');
CREATE OR REPLACE MACRO supplier_code_after(s) AS
        regexp_full_match(s, '.*[^\s~|](\s*[~|]\s*|\s+[:\-–]\s+)[A-Za-z]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\s*');
CREATE OR REPLACE MACRO supplier_coded(s) AS supplier_code_before(s) OR supplier_code_after(s);
CREATE OR REPLACE MACRO supplier_name_part(s) AS CASE
        WHEN supplier_code_before(s) THEN trim(regexp_extract(s, '^\s*\S+\s+[:\-–]\s+(.*)$', 1))
        WHEN supplier_code_after(s) THEN trim(regexp_extract(s, '^(.*[^\s~|])(\s*[~|]\s*|\s+[:\-–]\s+)\S+\s*$', 1))
        ELSE s END;
CREATE OR REPLACE MACRO supplier_code_part(s) AS CASE
        WHEN supplier_code_before(s) THEN regexp_extract(s, '^\s*(\S+)', 1)
        WHEN supplier_code_after(s) THEN regexp_extract(s, '([^\s~|]+)\s*$', 1) END;
