-- m002: how published text becomes money and dates. One implementation, used by ingest in bulk
-- and by tests one value at a time (SELECT parse_amount(?)).

-- Money: £/$/€, GBP, commas and spaces go; (x), -x, x- and xCR are credits; float noise is
-- rounded half-up to pence by the exact decimal cast (no float on the way). NULL when unreadable.
CREATE MACRO _amount_text(s) AS upper(regexp_replace(coalesce(s, ''), '[£$€,\s]|GBP', '', 'g'));
CREATE MACRO _amount_core(x) AS regexp_replace(x, '^\(|\)$|^-|-$|CR$', '', 'g');
CREATE MACRO _amount_negative(x) AS (x LIKE '(%)' OR x LIKE '-%' OR x LIKE '%-' OR x LIKE '%CR');
CREATE MACRO _amount_value(x) AS CASE
        WHEN regexp_full_match(_amount_core(x), '\d+(\.\d*)?|\.\d+|\d+(\.\d+)?E[-+]?\d+')
             AND length(regexp_replace(x, '[^-()]|CR', '', 'g')) <= 2
        THEN TRY_CAST(_amount_core(x) AS DECIMAL(14,2)) END;
CREATE MACRO _parse_amount_slow(s) AS CAST(CASE WHEN _amount_negative(_amount_text(s))
        THEN -_amount_value(_amount_text(s)) ELSE _amount_value(_amount_text(s)) END AS DECIMAL(14,2));
-- Plain numbers (most cells) take the exact cast alone, thousands commas a cheap replace; only
-- the rest pay for the slow path (a failed cast is dear, so commas are tested first).
CREATE MACRO parse_amount(s) AS CASE
        WHEN s LIKE '%,%' THEN coalesce(
            CASE WHEN regexp_full_match(s, '-?\d{1,3}(,\d{3})+(\.\d+)?') THEN TRY_CAST(replace(s, ',', '') AS DECIMAL(14,2)) END,
            _parse_amount_slow(s))
        ELSE coalesce(TRY_CAST(s AS DECIMAL(14,2)), _parse_amount_slow(s)) END;

-- Dates, always in UK order: dd/mm/yyyy, dd/mm/yy, dd-Mon-yy, "6 Jun 2023", ISO with or without
-- a time, Excel serial numbers. Impossible dates (31/02/2020) give NULL, never a guess.
CREATE MACRO _date_text(s) AS regexp_replace(trim(coalesce(s, '')), '(?i)\bsept\b', 'Sep');
CREATE MACRO _parse_uk_date(t) AS CAST(CASE
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
        WHEN regexp_full_match(t, '\d{5}(\.\d+)?') AND TRY_CAST(t AS DOUBLE) BETWEEN 32874 AND 73050
            THEN DATE '1899-12-30' + CAST(floor(TRY_CAST(t AS DOUBLE)) AS INTEGER)
        WHEN regexp_full_match(t, '(19|20)\d{6}')
            THEN try_strptime(t, '%Y%m%d')
    END AS DATE);
-- Fast paths for the two commonest shapes (dd/mm/yyyy and ISO), guarded by shape so that
-- strptime never reads a two-digit year as year 17; everything else takes the full parser.
CREATE MACRO parse_uk_date(s) AS coalesce(
        CASE WHEN s LIKE '__/__/____' THEN CAST(try_strptime(s, '%d/%m/%Y') AS DATE) END,
        CASE WHEN s LIKE '____-__-__%' THEN CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE) END,
        _parse_uk_date(_date_text(s)));

-- A text cell as stored: surrounding spaces go; an empty cell, and the placeholders publishers
-- write for "nothing" (NA, N/A, #N/A, NULL), are NULL. (The LIKE tests are cheap; trim is paid
-- only by the cells that need it.)
CREATE MACRO _placeholder_null(s) AS CASE WHEN length(s) <= 4 AND s IN ('', 'NA', 'N/A', 'n/a', '#N/A', 'NULL', 'null')
        THEN NULL ELSE s END;
CREATE MACRO clean_text(s) AS CASE WHEN s LIKE ' %' OR s LIKE '% ' THEN _placeholder_null(trim(s))
        ELSE _placeholder_null(s) END;

-- A cell that holds only a time (some exports drop the date and keep "00:00:00").
CREATE MACRO is_time_only(s) AS regexp_full_match(trim(coalesce(s, '')), '\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?');

-- Financial year from a date: 1 April to 31 March, named '2019/20'.
CREATE MACRO fy_start_of(d) AS CAST(year(d) - CASE WHEN month(d) < 4 THEN 1 ELSE 0 END AS SMALLINT);
CREATE MACRO fy_label(y) AS CAST(y AS VARCHAR) || '/' || lpad(CAST((y + 1) % 100 AS VARCHAR), 2, '0');

-- Redacted suppliers as publishers write them.
CREATE MACRO is_redacted_name(s) AS regexp_matches(coalesce(s, ''),
        '(?i)redact|withheld|^\W*[*xX#]{3,}\W*$|^personal (data|information)$|^private individual$|^data protection');

-- Total and footer lines: a "supplier" that is only the word total.
CREATE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))), '(grand |sub ?|overall |page )?totals?( spend| amount)?:?');
