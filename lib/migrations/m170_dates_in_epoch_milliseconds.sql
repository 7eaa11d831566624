-- m170: a date written as the instant it is in milliseconds since 1970 (1664841600000), as ArcGIS Hub
-- and other map and data portals export a date field, and some web APIs dump one. It was not a date:
-- the column was not used, and every line was dated by the file's name alone. A whole number of 13
-- digits that is a whole second between 2000 and 2100 is now the day that instant was in the UK
-- (Europe/London, as m115 reads a zoned instant: a portal writes a UK midnight in summer as 23:00 the
-- day before, in UTC). A whole second: an identifier of 13 digits is one in a thousand, so a column of
-- them never reads as dates. The rest of the reading is m152's.
CREATE OR REPLACE MACRO _parse_uk_date(t) AS CAST(CASE
        WHEN regexp_matches(t, '^\d{4}-\d{1,2}-\d{1,2}')
            THEN try_strptime(regexp_extract(t, '^\d{4}-\d{1,2}-\d{1,2}'), '%Y-%m-%d')
        WHEN regexp_matches(t, '^\d{4}[/.]\d{1,2}[/.]\d{1,2}')
            THEN try_strptime(replace(regexp_extract(t, '^\d{4}[/.]\d{1,2}[/.]\d{1,2}'), '.', '/'), '%Y/%m/%d')
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
        WHEN regexp_full_match(t, '\d{13}') AND TRY_CAST(t AS BIGINT) BETWEEN 946684800000 AND 4102444800000
                AND TRY_CAST(t AS BIGINT) % 1000 = 0
            THEN timezone('Europe/London', to_timestamp(TRY_CAST(t AS BIGINT) // 1000))
    END AS DATE);
