-- m136: a financial year written with a dash ("2023-24", "2023 - 24", "FY2023-24") is no range of sums.
-- m126 and m127 read a register's "£10k - £20k" or "1000000-4000000" as its top; "2023-24" in a savings
-- register's "Year of Saving" column was read the same way, as £24.00, so the column was taken for the
-- total beside a plan's quarters and every row quarantined. A year and the next year's last two
-- digits (or the next year whole, as m127 already said for "2020-2021") are a year, not a band.
CREATE OR REPLACE MACRO _register_range_end(t) AS CASE
        WHEN regexp_full_match(t, '(?i)\s*(fy\s*)?(19|20)\d\d\s*[-–]\s*((19|20)\d\d|\d\d)\s*')
         AND (CAST(regexp_extract(t, '(\d\d)\s*[-–]', 1) AS INTEGER) + 1) % 100
             = CAST(regexp_extract(t, '(\d\d)\s*$', 1) AS INTEGER)
            THEN NULL
        WHEN regexp_full_match(t, '[^\d]*\d.*\s(-|–|to)\s+[^\d]*\d.*')
            THEN regexp_extract(t, '\s(?:-|–|to)\s+(.*)$', 1)
        WHEN regexp_full_match(t, '(?i)\s*£?\s*\d[\d,]*(\.\d+)?\s*(k|m|mn|bn|b)?\s*[-–]\s*£?\s*\d[\d,]*(\.\d+)?\s*(k|m|mn|bn|b|thousand|million|billion)?\s*')
         AND NOT regexp_full_match(t, '\s*(19|20)\d\d\s*[-–]\s*(19|20)\d\d\s*')
            THEN regexp_extract(t, '[-–]\s*(£?\s*\d.*)$', 1) END;
