-- m127: a register's range written with no spaces about its dash ("1000000-4000000", "£0-£1M",
-- "£250k-£500k", as Contracts Finder and OJEU extracts write a value band) is read as its top, as a
-- range with spaces is (m126). Both sides must be whole sums, the left starting with a digit (after
-- a pound sign): a negative sum ("-4000") or one with its minus after it ("1000-") is no range, nor
-- two years ("2020-2021", a term written in the value's column).
CREATE OR REPLACE MACRO _register_range_end(t) AS CASE
        WHEN regexp_full_match(t, '[^\d]*\d.*\s(-|–|to)\s+[^\d]*\d.*')
            THEN regexp_extract(t, '\s(?:-|–|to)\s+(.*)$', 1)
        WHEN regexp_full_match(t, '(?i)\s*£?\s*\d[\d,]*(\.\d+)?\s*(k|m|mn|bn|b)?\s*[-–]\s*£?\s*\d[\d,]*(\.\d+)?\s*(k|m|mn|bn|b|thousand|million|billion)?\s*')
         AND NOT regexp_full_match(t, '\s*(19|20)\d\d\s*[-–]\s*(19|20)\d\d\s*')
            THEN regexp_extract(t, '[-–]\s*(£?\s*\d.*)$', 1) END;
