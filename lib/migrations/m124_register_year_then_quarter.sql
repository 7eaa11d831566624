-- (m114 read the year with its quarter before it: parse_fy, unchanged, reads _fy_text)
-- m124: a saving's year written with its quarter or period after it, in brackets or not ("2024/25 (Q3)",
-- "2023-24 (Q4)", "FY24/25 Q2", "2024/25 - P07"), is that financial year, as one written with the quarter
-- before it is (m114): each such saving was quarantined for no financial year.
CREATE OR REPLACE MACRO _fy_text(s) AS regexp_replace(regexp_replace(regexp_replace(trim(coalesce(s, '')),
        '^(?i)(fy|f/y|financial\s+year)[\s:]*', ''),
        '^(?i)(q|qtr|quarter|p|pd|period|month|m)\s*\d{1,2}[\s,:;-]+(fy\s*)?', ''),
        '(?i)[\s,:;–-]*[(\[]?\s*(q|qtr|quarter|p|pd|period|month|m)\s*\d{1,2}\s*[)\]]?$', '');
