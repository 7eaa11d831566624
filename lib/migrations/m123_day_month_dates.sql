-- m123: a date written as a day and a month alone is read in the year the file names once.
--
-- A date written as a day and a month alone ("03-Jun", "3 June", "1st Apr", "12/11"), in a file whose
-- title, sheet or name gives the financial year once: read in that year, April to December in its first
-- calendar year and January to March in its second (so "29-Feb" is read in whichever has it). NULL for
-- any other cell, and for a day the month does not have. ``fy``: the financial year's first year.
CREATE OR REPLACE MACRO _day_month_date(s, y) AS CAST(coalesce(
    try_strptime(regexp_replace(trim(s), '^(\d{1,2})(st|nd|rd|th)?[-/ .]+([A-Za-z]{3})[A-Za-z]*\.?$', '\1 \3')
                 || ' ' || CAST(y AS VARCHAR), '%d %b %Y'),
    try_strptime(regexp_replace(trim(s), '^(\d{1,2})[/.-](\d{1,2})$', '\1/\2') || '/' || CAST(y AS VARCHAR),
                 '%d/%m/%Y')) AS DATE);
CREATE OR REPLACE MACRO is_day_month(s) AS
    regexp_full_match(trim(s), '\d{1,2}(st|nd|rd|th)?[-/ .]+[A-Za-z]{3,9}\.?|\d{1,2}[/.-]\d{1,2}');
CREATE OR REPLACE MACRO parse_day_month(s, fy) AS CASE WHEN is_day_month(s)
    THEN coalesce(CASE WHEN month(_day_month_date(s, fy)) >= 4 THEN _day_month_date(s, fy) END,
                  CASE WHEN month(_day_month_date(s, fy + 1)) < 4 THEN _day_month_date(s, fy + 1) END) END;
