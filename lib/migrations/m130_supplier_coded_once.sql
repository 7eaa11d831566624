-- m130: the shape of a supplier's code written before its name (m129) in one place: supplier_coded(s)
-- says whether a cell is so written, and the macros that read it apart, and the planner that decides
-- whether a column is so written (lib.ingest.columns.add_supplier_code), all ask it.
CREATE OR REPLACE MACRO supplier_coded(s) AS
        regexp_full_match(s, '\s*[A-Za-z]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\d[A-Za-z0-9/_.]*\s+[:\-–]\s+\S.*');
CREATE OR REPLACE MACRO supplier_name_part(s) AS CASE
        WHEN supplier_coded(s) THEN trim(regexp_extract(s, '^\s*\S+\s+[:\-–]\s+(.*)$', 1)) ELSE s END;
CREATE OR REPLACE MACRO supplier_code_part(s) AS CASE
        WHEN supplier_coded(s) THEN regexp_extract(s, '^\s*(\S+)', 1) END;
