-- m123: dates and sums that spend files split over cells, or leave part of to the title.
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
-- (its month read in 2000, a leap year, so that 29 February has one: January to March fall in the second year)
CREATE OR REPLACE MACRO parse_day_month(s, fy) AS CASE
    WHEN regexp_full_match(trim(s), '\d{1,2}(st|nd|rd|th)?[-/ .]+[A-Za-z]{3,9}\.?|\d{1,2}[/.-]\d{1,2}')
    THEN _day_month_date(s, fy + CASE WHEN month(_day_month_date(s, 2000)) < 4 THEN 1 ELSE 0 END) END;

-- A day of the month in a column of its own (Year | Month | Day): 1 to 31, else NULL.
CREATE OR REPLACE MACRO day_of_month(s) AS
    CASE WHEN regexp_full_match(trim(s), '0?[1-9]|[12][0-9]|3[01]') THEN CAST(trim(s) AS INTEGER) END;

-- The pence of a sum whose pounds are in another column (Pounds | Pence): one or two digits, else NULL.
CREATE OR REPLACE MACRO pence_part(s) AS CASE WHEN regexp_full_match(trim(s), '\d{1,2}') THEN CAST(trim(s) AS INTEGER) END;
