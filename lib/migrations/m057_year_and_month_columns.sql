-- Year and month in separate columns ("Year" = 2024 | "Month" = April; "Financial Year" = 2024/25 |
-- "Period" = P01 or 1): the first day of the month the two cells name together, or NULL. A period
-- cell that names its month alone (202205, P02 2022/23) needs no year. Beside a calendar year
-- (2024) a number is the month of that year; beside a financial year (2024/25, FY 2024-25) a
-- number is the period of that year (period 1 is April) and a month's name falls in the first
-- calendar year from April to December, in the second from January to March.
CREATE OR REPLACE MACRO _fy_first_year(y) AS CASE
        WHEN regexp_full_match(upper(trim(coalesce(y, ''))), '(FY)?\s*(19|20)\d{2}\s*[-/]\s*(\d{2}|\d{4})')
        THEN CAST(regexp_extract(y, '(\d{4})', 1) AS INTEGER) END;
CREATE OR REPLACE MACRO _in_fy(d) AS CASE WHEN month(d) <= 3 THEN CAST(d + INTERVAL 1 YEAR AS DATE) ELSE d END;
CREATE OR REPLACE MACRO parse_year_period(p, y) AS CASE
        WHEN parse_period(p) IS NOT NULL OR nullif(trim(coalesce(y, '')), '') IS NULL THEN parse_period(p)
        WHEN nullif(trim(coalesce(p, '')), '') IS NULL THEN NULL
        WHEN _fy_first_year(y) IS NOT NULL THEN
            CASE WHEN regexp_full_match(trim(p), '\d{1,2}') THEN parse_period('P' || trim(p) || ' ' || trim(y))
                 ELSE coalesce(parse_period(trim(p) || ' ' || trim(y)),
                               _in_fy(parse_period(trim(p) || ' ' || CAST(_fy_first_year(y) AS VARCHAR)))) END
        WHEN regexp_full_match(trim(y), '(19|20)\d{2}') THEN parse_period(trim(p) || '/' || trim(y))
        END;
