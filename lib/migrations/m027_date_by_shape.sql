-- m027: dates read by their shape first. m002's parse_uk_date was a coalesce of its two fast
-- shapes and the full parser; DuckDB works out what the arguments of a coalesce share for every
-- cell before it picks one, so every cell paid for the full parser's text clean-up (a regex),
-- even the dd/mm/yyyy and ISO cells the fast shapes read. A CASE on the cell's shape runs the
-- full parser only for the cells that need it. It reads exactly what m002's did: a cell of a fast
-- shape that the fast read refuses still goes to the full parser, as the coalesce sent it.
CREATE OR REPLACE MACRO parse_uk_date(s) AS CASE
        WHEN s LIKE '__/__/____'
            THEN coalesce(CAST(try_strptime(s, '%d/%m/%Y') AS DATE), _parse_uk_date(_date_text(s)))
        WHEN s LIKE '____-__-__%'
            THEN coalesce(CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE), _parse_uk_date(_date_text(s)))
        ELSE _parse_uk_date(_date_text(s)) END;
