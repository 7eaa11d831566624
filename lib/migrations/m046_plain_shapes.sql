-- m046: the plain shapes of money and dates, read alone. Most files write every amount as a plain
-- number (1234.5, -1,234.50, £12.00, £-5.00) and every date as dd/mm/yyyy or ISO; for those cells
-- these macros give exactly what parse_amount and parse_uk_date give, and NULL for any other cell
-- (never a different value). A one-pass load whose first lines are written that way
-- (lib.ingest.fast) parses the file with them and sends the few lines they leave unread to the full
-- rules: a statement that carries the full readers pays for them on every cell, even when no cell
-- needs them.
CREATE OR REPLACE MACRO parse_amount_plain(s) AS CASE
        WHEN regexp_full_match(s, '(£-?|-£?)?(\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d*)?|\.\d+)')
        THEN TRY_CAST(replace(replace(s, '£', ''), ',', '') AS DECIMAL(14,2)) END;
CREATE OR REPLACE MACRO parse_uk_date_plain(s) AS CASE
        WHEN s LIKE '__/__/____' THEN CAST(try_strptime(s, '%d/%m/%Y') AS DATE)
        WHEN s LIKE '____-__-__%' THEN CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE) END;
