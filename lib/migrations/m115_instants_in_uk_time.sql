-- m115: a payment's day when the file gives an instant in UTC, or with its offset.
--
-- SharePoint, Power Automate and other web exports write a UK midnight as the instant it is in UTC:
-- 1 April 2024 at 00:00 BST is "2024-03-31T23:00:00Z". Read as its first ten characters, every such
-- day in British Summer Time fell a day early, and 1 April into the previous financial year. An ISO
-- date and time that says its zone (Z, +01:00, -0500) is now the day it was in the UK (Europe/London);
-- one with no zone is the day it says, as before.
CREATE OR REPLACE MACRO _zoned_instant(s) AS
        regexp_full_match(s, '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)');
CREATE OR REPLACE MACRO _uk_day_of_instant(s) AS
        CAST(timezone('Europe/London', TRY_CAST(replace(s, ' ', 'T') AS TIMESTAMPTZ)) AS DATE);
CREATE OR REPLACE MACRO parse_uk_date(s) AS coalesce(CASE
        WHEN s LIKE '__/__/____' THEN CAST(try_strptime(s, '%d/%m/%Y') AS DATE)
        WHEN s LIKE '____-__-__%' THEN CASE WHEN (s LIKE '%Z' OR s LIKE '%+__%' OR s LIKE '%:__-__%') AND _zoned_instant(s)
                                            THEN _uk_day_of_instant(s)
                                            ELSE CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE) END END,
    list_transform([_date_text(s)], lambda d: _parse_uk_date(d))[1]);
-- The plain shapes (m046) leave a zoned instant to the full reading above.
CREATE OR REPLACE MACRO parse_uk_date_plain(s) AS CASE
        WHEN s LIKE '__/__/____' THEN CAST(try_strptime(s, '%d/%m/%Y') AS DATE)
        WHEN s LIKE '____-__-__%' AND NOT (s LIKE '%Z' OR s LIKE '%+__%' OR s LIKE '%:__-__%')
            THEN CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE) END;
