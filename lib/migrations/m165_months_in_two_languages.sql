-- m165: a month written in Welsh and English in one cell ("Mehefin / June 2022", "Ebrill / April 2023"), as
-- a Welsh body's bilingual file writes its Month column, is the English half's month. No cell of such a
-- column read as a month, so the file was refused for want of a payment date. Only a cell whose first half
-- is words alone and whose second half holds a year is read so ("2022 / 23" is a financial year, as before).
CREATE OR REPLACE MACRO _period_text(s) AS regexp_replace(upper(trim(CASE
        WHEN regexp_full_match(trim(coalesce(s, '')), '[^/\d]*[A-Za-z][^/\d]*/\s*[A-Za-z][^/]*\d[^/]*')
            THEN split_part(s, '/', 2)
        ELSE coalesce(s, '') END)), '(?i)\bSEPT\b', 'SEP');
