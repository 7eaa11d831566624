-- m011: money is read right or not at all, periods date lines that have no day, and only whole
-- redaction markers mark a redacted supplier. Replaces m002's parse_amount and is_redacted_name.
--
-- Money. Two written forms, each strict:
--   UK        1,234,567.89   thousands commas only in groups of three, a decimal point
--   European  1.234.567,89   thousands points only in groups of three, a decimal comma
-- Both allow £/$/€ or GBP/EUR at either end, spaces as thousands separators, credits as (x), -x, x-, xCR, and float
-- noise (4999.999999999999 is 5000.00: the exact decimal cast rounds half-up, no float on the way).
-- parse_amount reads the UK form and parse_amount_eu the European one; the loader picks the
-- European reader only for a column written that way throughout (amount_form below). A value that
-- fits neither is NULL, so the row is quarantined with amount_problem's reason: never a guess.

-- A currency mark is taken off the front (after any sign or bracket) or the end, never the middle.
CREATE OR REPLACE MACRO _money_text(s) AS trim(regexp_replace(regexp_replace(upper(trim(coalesce(s, ''))),
        '^([-+(]?)\s*(?:[£$€]|GBP|EUR)', '\1'), '\s*(?:[£$€]|GBP|EUR)(\)?)$', '\1'));
-- Spaces between digits are thousands separators: each becomes the form's separator, and a
-- separator next to anything but a digit (a sign, a bracket, CR) goes.
CREATE OR REPLACE MACRO _uk_norm(s) AS regexp_replace(regexp_replace(_money_text(s), '\s+', ',', 'g'), ',*([^0-9,.]),*', '\1', 'g');
CREATE OR REPLACE MACRO _eu_norm(s) AS regexp_replace(regexp_replace(_money_text(s), '\s+', '.', 'g'), '\.*([^0-9,.])\.*', '\1', 'g');
-- The number without its sign; credits are negative.
CREATE OR REPLACE MACRO _money_core(n) AS regexp_replace(n, '^\((.*)\)$|^[-+](.*)$|^(.*)(?:-|CR)$', '\1\2\3');
CREATE OR REPLACE MACRO _money_negative(n) AS regexp_full_match(n, '\(.*\)|-.*|.*-|.*CR');
CREATE OR REPLACE MACRO _uk_number(c) AS regexp_full_match(c, '\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d*)?|\.\d+|\d+(\.\d+)?E[-+]?\d+');
CREATE OR REPLACE MACRO _eu_number(c) AS regexp_full_match(c, '\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d*)?|,\d+');
CREATE OR REPLACE MACRO _signed(n, v) AS CAST(CASE WHEN _money_negative(n) THEN -v ELSE v END AS DECIMAL(14,2));
CREATE OR REPLACE MACRO _uk_value(n) AS _signed(n, CASE WHEN _uk_number(_money_core(n))
        THEN TRY_CAST(replace(_money_core(n), ',', '') AS DECIMAL(14,2)) END);
CREATE OR REPLACE MACRO _eu_value(n) AS _signed(n, CASE WHEN _eu_number(_money_core(n))
        THEN TRY_CAST(replace(replace(_money_core(n), '.', ''), ',', '.') AS DECIMAL(14,2)) END);

-- Most cells are plain numbers (the exact cast alone) or UK thousands (a cheap replace); only the
-- rest pay for the full reading. The cast's own leniency (1_000) is kept off the fast path.
CREATE OR REPLACE MACRO parse_amount(s) AS CASE
        WHEN strpos(s, ',') = 0 AND strpos(s, '_') = 0 THEN coalesce(TRY_CAST(s AS DECIMAL(14,2)), _uk_value(_uk_norm(s)))
        WHEN regexp_full_match(s, '-?\d{1,3}(,\d{3})+(\.\d+)?') THEN TRY_CAST(replace(s, ',', '') AS DECIMAL(14,2))
        ELSE _uk_value(_uk_norm(s)) END;
CREATE OR REPLACE MACRO parse_amount_eu(s) AS CASE
        WHEN regexp_full_match(s, '-?\d+') THEN TRY_CAST(s AS DECIMAL(14,2))
        ELSE _eu_value(_eu_norm(s)) END;

-- How a cell is written: 'eu' (only the European form reads it: 12,34  1.000,50), 'uk' (only the
-- UK form: 12.34, or UK thousands 1,234 — a European writer would put 1.234), 'either' (1234,
-- 1.234) or NULL (neither, or empty). A column is European when it has 'eu' cells and no 'uk' ones.
CREATE OR REPLACE MACRO _form(uk, eu, s) AS CASE
        WHEN eu AND NOT uk THEN 'eu'
        WHEN uk AND NOT eu THEN 'uk'
        WHEN uk AND eu THEN CASE WHEN strpos(s, ',') > 0 THEN 'uk' ELSE 'either' END END;
CREATE OR REPLACE MACRO amount_form(s) AS _form(_uk_number(_money_core(_uk_norm(s))), _eu_number(_money_core(_eu_norm(s))), s);

-- Why a cell was not read as money (for the quarantine), given the reading its column used.
CREATE OR REPLACE MACRO amount_problem(s, european) AS CASE
        WHEN nullif(trim(coalesce(s, '')), '') IS NULL THEN 'no amount'
        WHEN NOT european AND amount_form(s) = 'eu'
            THEN 'amount ''' || trim(s) || ''' is written with a decimal comma but the rest of its column is not: ambiguous'
        WHEN european AND amount_form(s) = 'uk'
            THEN 'amount ''' || trim(s) || ''' is written with a decimal point but its column uses decimal commas: ambiguous'
        WHEN amount_form(s) IS NOT NULL
            THEN 'amount ''' || trim(s) || ''' is too large to be a payment (over 999,999,999,999.99)'
        WHEN regexp_matches(s, '\d[,.\s]\d')
            THEN 'amount ''' || trim(s) || ''' is not a sum of money (separators must mark thousands in groups of three)'
        ELSE 'amount ''' || trim(s) || ''' is not a sum of money' END;

-- Periods: the month a line belongs to when it has no day. 202205, 2022-05, 2022/05, 05/2022,
-- May-22, May 2022, 2022 May, and UK financial-year periods (P02 2022/23, 2022/23 P02, Period 2
-- 2022-23: period 1 is April, so P02 of 2022/23 is May 2022). The first day of that month, or NULL.
CREATE OR REPLACE MACRO _fy_period(p, y1, y2) AS CASE
        WHEN p BETWEEN 1 AND 12 AND (y2 = (y1 + 1) % 100 OR y2 = y1 + 1)
        THEN make_date(y1 + CASE WHEN p >= 10 THEN 1 ELSE 0 END, (p + 2) % 12 + 1, 1) END;
CREATE OR REPLACE MACRO _period_text(s) AS regexp_replace(upper(trim(coalesce(s, ''))), '(?i)\bSEPT\b', 'SEP');
CREATE OR REPLACE MACRO _parse_period(t) AS CASE
        WHEN regexp_full_match(t, '(19|20)\d{2}(0[1-9]|1[0-2])')
            THEN make_date(CAST(left(t, 4) AS INTEGER), CAST(right(t, 2) AS INTEGER), 1)
        WHEN regexp_full_match(t, '(19|20)\d{2}\s*[-/.]\s*(0?[1-9]|1[0-2])')
            THEN make_date(CAST(left(t, 4) AS INTEGER), CAST(regexp_extract(t, '(\d{1,2})$', 1) AS INTEGER), 1)
        WHEN regexp_full_match(t, '(0?[1-9]|1[0-2])\s*[-/.]\s*(19|20)\d{2}')
            THEN make_date(CAST(right(t, 4) AS INTEGER), CAST(regexp_extract(t, '^(\d{1,2})', 1) AS INTEGER), 1)
        WHEN regexp_full_match(t, '[A-Z]{3,9}[-\s/,]*''?(\d{2}|\d{4})')
            THEN CAST(CASE WHEN regexp_matches(t, '\d{4}$')
                THEN try_strptime(regexp_replace(t, '^([A-Z]{3})[A-Z]*[-\s/,]*(\d{4})$', '1 \1 \2'), '%d %b %Y')
                ELSE try_strptime(regexp_replace(t, '^([A-Z]{3})[A-Z]*[-\s/,]*''?(\d{2})$', '1 \1 \2'), '%d %b %y') END AS DATE)
        WHEN regexp_full_match(t, '(19|20)\d{2}[-\s/,]+[A-Z]{3,9}')
            THEN CAST(try_strptime(regexp_replace(t, '^(\d{4})[-\s/,]+([A-Z]{3})[A-Z]*$', '1 \2 \1'), '%d %b %Y') AS DATE)
        WHEN regexp_full_match(t, '(P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*(\d{1,2})[\s,;:/-]*(FY)?\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})')
            THEN _fy_period(CAST(regexp_extract(t, '^[A-Z]+\s*\.?\s*(\d{1,2})', 1) AS INTEGER),
                            CAST(regexp_extract(t, '(\d{4})\s*[-/]\s*\d+$', 1) AS INTEGER),
                            CAST(regexp_extract(t, '[-/]\s*(\d+)$', 1) AS INTEGER))
        WHEN regexp_full_match(t, '(FY)?\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})[\s,;:/-]*(P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*(\d{1,2})')
            THEN _fy_period(CAST(regexp_extract(t, '(\d{1,2})$', 1) AS INTEGER),
                            CAST(regexp_extract(t, '^(FY)?\s*(\d{4})', 2) AS INTEGER),
                            CAST(regexp_extract(t, '^(FY)?\s*\d{4}\s*[-/]\s*(\d{2}|\d{4})', 2) AS INTEGER))
        ELSE date_trunc('month', parse_uk_date(t))::DATE END;
CREATE OR REPLACE MACRO parse_period(s) AS CASE WHEN nullif(trim(coalesce(s, '')), '') IS NOT NULL
        THEN _parse_period(_period_text(s)) END;

-- Redacted suppliers as publishers write them: whole markers ("REDACTED", "[Redacted]",
-- "Name withheld", "Personal data"), never a word that merely starts the same way (Redactive Ltd).
CREATE OR REPLACE MACRO is_redacted_name(s) AS regexp_matches(coalesce(s, ''),
        '(?i)\bredact(ed|ion)?\b|\bwithheld\b|^\W*[*xX#]{3,}\W*$|^personal (data|information)$|^private individual$|^data protection');
