-- m097: a date written with its weekday in front ("Monday 1 May 2023", "Mon 01/05/2023",
-- "Tuesday, May 2, 2023"), as some finance systems and reports print them, is read as the date
-- after it. The weekday (its name or its first three or four letters, then a dot or comma and
-- spaces) is taken off only where a day number or a month name follows it; nothing else in the
-- cell changes, and a cell that is not a date after that stays unread.
CREATE OR REPLACE MACRO _date_text(s) AS regexp_replace(
        regexp_replace(trim(coalesce(s, '')), '(?i)\bsept\b', 'Sep'),
        '(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+(\d|[a-z]{3})', '\1');

-- The day-or-month-first test and the month-first reading see the date as it stands after the weekday,
-- so "Mon 12/31/2023" in a month-first column is read as the rest of its column is.
CREATE OR REPLACE MACRO date_order(s) AS CASE
        WHEN regexp_matches(_date_text(s), '^\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})($|[\sT])') THEN CASE
            WHEN CAST(regexp_extract(_date_text(s), '^(\d{1,2})', 1) AS INTEGER) > 12 THEN 'dmy'
            WHEN CAST(regexp_extract(_date_text(s), '^\d{1,2}[/.-](\d{1,2})', 1) AS INTEGER) > 12 THEN 'mdy' END END;

CREATE OR REPLACE MACRO parse_us_date(s) AS CASE
        WHEN regexp_matches(_date_text(s), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}($|[\sT])')
            THEN CAST(try_strptime(regexp_replace(regexp_extract(_date_text(s), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}'), '[.-]', '/', 'g'), '%m/%d/%Y') AS DATE)
        WHEN regexp_matches(_date_text(s), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}($|\s)')
            THEN CAST(try_strptime(regexp_replace(regexp_extract(_date_text(s), '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}'), '[.-]', '/', 'g'), '%m/%d/%y') AS DATE)
        ELSE parse_uk_date(s) END;
