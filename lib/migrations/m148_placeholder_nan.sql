-- m148: "NaN" and "None" in a cell are an empty cell, as "NULL" and "N/A" are (m002).
-- A file written by a script (pandas, Python) writes a missing value as "NaN" or "nan", or "None":
-- a supplier cell so written loaded as a supplier called "NaN", counted among the suppliers, and a
-- description or department of "nan" became a group of its own. Now such a cell is empty, as one of
-- "NULL" is: a line naming no supplier loads as "(no name given)", with the warning that says so, and
-- an amount of "NaN" is no amount.
CREATE OR REPLACE MACRO _placeholder_null(s) AS CASE WHEN length(s) <= 4
        AND s IN ('', 'NA', 'N/A', 'n/a', '#N/A', 'NULL', 'null', 'NaN', 'nan', 'NAN', 'None', 'none', 'NONE')
        THEN NULL ELSE s END;
