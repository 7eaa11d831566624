-- m152: a date written year first with dots, "2024.05.01", as SAP, Sage and tab-separated exports
-- from Scandinavian-made ledgers write it. It read as no date: the column was not used and every line
-- was dated by the file's name alone. Year first is read with a dot as with a slash or a dash (a year
-- first is never day first, so the shape is not ambiguous). The rest of the reading is m076's.
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
    END AS DATE);
