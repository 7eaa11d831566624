-- m076: dates written month first. A month's name first ("Apr 1 2024", "April 1, 2024") says
-- which part is the day, so it is read wherever a date is. Numbers month first (12/31/2023, as US
-- systems write them) are read only for a whole column that is written that way (lib.ingest.load
-- decides, as it does for decimal commas): parse_us_date reads a cell month first, and
-- date_order says which order a cell's numbers allow ('dmy' when the first is over 12, 'mdy' when
-- the second is; NULL when either order reads it, or it is not written in numbers).
CREATE OR REPLACE MACRO _parse_uk_date(t) AS CAST(CASE
        WHEN regexp_matches(t, '^\d{4}-\d{1,2}-\d{1,2}')
            THEN try_strptime(regexp_extract(t, '^\d{4}-\d{1,2}-\d{1,2}'), '%Y-%m-%d')
        WHEN regexp_matches(t, '^\d{4}/\d{1,2}/\d{1,2}')
            THEN try_strptime(regexp_extract(t, '^\d{4}/\d{1,2}/\d{1,2}'), '%Y/%m/%d')
        WHEN regexp_matches(t, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}($|[\sT])')
            THEN try_strptime(regexp_replace(regexp_extract(t, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}'), '[.-]', '/', 'g'), '%d/%m/%Y')
        WHEN regexp_matches(t, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}($|\s)')
            THEN try_strptime(regexp_replace(regexp_extract(t, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}'), '[.-]', '/', 'g'), '%d/%m/%y')
        WHEN regexp_matches(t, '^\d{1,2}(st|nd|rd|th)?[-\s]+[A-Za-z]{3,9}[-\s,]+\d{4}($|\s)')
            THEN try_strptime(regexp_replace(regexp_replace(regexp_extract(t, '^\d{1,2}(st|nd|rd|th)?[-\s]+[A-Za-z]{3,9}[-\s,]+\d{4}'), '^(\d{1,2})(st|nd|rd|th)', '\1'), '[-\s,]+', ' ', 'g'), ['%d %b %Y', '%d %B %Y'])
        WHEN regexp_matches(t, '^\d{1,2}[-\s]+[A-Za-z]{3,9}[-\s,]+\d{2}($|\s)')
            THEN try_strptime(regexp_replace(regexp_extract(t, '^\d{1,2}[-\s]+[A-Za-z]{3,9}[-\s,]+\d{2}'), '[-\s,]+', ' ', 'g'), ['%d %b %y', '%d %B %y'])
        -- the month's name first: "Apr 1 2024", "April 1st, 2024", "Apr-01-2024"
        WHEN regexp_matches(t, '^[A-Za-z]{3,9}\.?[-\s]+\d{1,2}(st|nd|rd|th)?[-\s,]+\d{4}($|\s)')
            THEN try_strptime(regexp_replace(regexp_replace(regexp_extract(t, '^[A-Za-z]{3,9}\.?[-\s]+\d{1,2}(st|nd|rd|th)?[-\s,]+\d{4}'), '(\d)(st|nd|rd|th)', '\1'), '[-\s,.]+', ' ', 'g'), ['%b %d %Y', '%B %d %Y'])
        WHEN regexp_full_match(t, '\d{5}(\.\d+)?') AND TRY_CAST(t AS DOUBLE) BETWEEN 32874 AND 73050
            THEN DATE '1899-12-30' + CAST(floor(TRY_CAST(t AS DOUBLE)) AS INTEGER)
        WHEN regexp_full_match(t, '(19|20)\d{6}')
            THEN try_strptime(t, '%Y%m%d')
    END AS DATE);

CREATE OR REPLACE MACRO date_order(s) AS CASE
        WHEN regexp_matches(trim(coalesce(s, '')), '^\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})($|[\sT])') THEN CASE
            WHEN CAST(regexp_extract(trim(s), '^(\d{1,2})', 1) AS INTEGER) > 12 THEN 'dmy'
            WHEN CAST(regexp_extract(trim(s), '^\d{1,2}[/.-](\d{1,2})', 1) AS INTEGER) > 12 THEN 'mdy' END END;

CREATE OR REPLACE MACRO parse_us_date(s) AS CASE
        WHEN regexp_matches(trim(coalesce(s, '')), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}($|[\sT])')
            THEN CAST(try_strptime(regexp_replace(regexp_extract(trim(s), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}'), '[.-]', '/', 'g'), '%m/%d/%Y') AS DATE)
        WHEN regexp_matches(trim(coalesce(s, '')), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}($|\s)')
            THEN CAST(try_strptime(regexp_replace(regexp_extract(trim(s), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}'), '[.-]', '/', 'g'), '%m/%d/%y') AS DATE)
        ELSE parse_uk_date(s) END;
