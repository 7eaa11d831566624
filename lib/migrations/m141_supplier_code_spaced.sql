-- m141: a supplier's code written before its name with a space alone between them. An SAP export
-- writes its vendor as "0000104521 CERTAS ENERGY UK LTD" (the vendor number, padded to ten figures):
-- with no colon or dash after the code (m129, m137) the cell was kept whole, so each firm was a name
-- of its own, matching no register, and "0000104857 REDACTED" was no redacted line. A code so written
-- is five figures or more (two letters may lead: "V00123"), and the name after it may begin with a
-- figure ("3M UNITED KINGDOM PLC"). As before, the planner reads any apart only where nearly every
-- cell of the column is so written (lib.ingest.columns.add_supplier_code), so a plain name that
-- begins with a number ("2020 Vision Ltd") in a column of plain names stays whole.
CREATE OR REPLACE MACRO supplier_code_spaced(s) AS
        regexp_full_match(s, '\s*[A-Za-z]{0,2}\d{5,}\s+\S.*') AND NOT supplier_code_before(s);
CREATE OR REPLACE MACRO supplier_coded(s) AS supplier_code_before(s) OR supplier_code_after(s) OR supplier_code_spaced(s);
CREATE OR REPLACE MACRO supplier_name_part(s) AS CASE
        WHEN supplier_code_before(s) THEN trim(regexp_extract(s, '^\s*\S+\s+[:\-–]\s+(.*)$', 1))
        WHEN supplier_code_after(s) THEN trim(regexp_extract(s, '^(.*[^\s~|])(\s*[~|]\s*|\s+[:\-–]\s+)\S+\s*$', 1))
        WHEN supplier_code_spaced(s) THEN trim(regexp_extract(s, '^\s*\S+\s+(.*)$', 1))
        ELSE s END;
CREATE OR REPLACE MACRO supplier_code_part(s) AS CASE
        WHEN supplier_code_before(s) THEN regexp_extract(s, '^\s*(\S+)', 1)
        WHEN supplier_code_after(s) THEN regexp_extract(s, '([^\s~|]+)\s*$', 1)
        WHEN supplier_code_spaced(s) THEN regexp_extract(s, '^\s*(\S+)', 1) END;
