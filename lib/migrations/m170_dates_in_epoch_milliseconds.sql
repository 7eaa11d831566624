-- m170: a date written as the instant it is in milliseconds since 1970 (1664841600000), as ArcGIS Hub
-- and other map and data portals export a date field, and some web APIs dump one. It was not a date:
-- the column was not used, and every line was dated by the file's name alone. A whole number of 13
-- digits that is a whole second between 2000 and 2100 is now the day that instant was in the UK
-- (Europe/London), read beside m115's instants written with their zone: a portal writes a UK midnight
-- in summer as 23:00 the day before, in UTC. A whole second: an identifier of 13 digits is one in a
-- thousand, so a column of them never reads as dates. The rest is m115's.
CREATE OR REPLACE MACRO _uk_day_of_epoch_ms(s) AS CASE
        WHEN regexp_full_match(s, '\d{10}000') AND left(s, 10) BETWEEN '0946684800' AND '4102444800'
            THEN CAST(timezone('Europe/London', to_timestamp(CAST(left(s, 10) AS BIGINT))) AS DATE) END;
CREATE OR REPLACE MACRO parse_uk_date(s) AS coalesce(CASE
        WHEN s LIKE '__/__/____' THEN CAST(try_strptime(s, '%d/%m/%Y') AS DATE)
        WHEN s LIKE '____-__-__%' THEN CASE WHEN (s LIKE '%Z' OR s LIKE '%+__%' OR s LIKE '%:__-__%') AND _zoned_instant(s)
                                            THEN _uk_day_of_instant(s)
                                            ELSE CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE) END END,
    list_transform([_date_text(s)], lambda d: _parse_uk_date(d))[1],
    _uk_day_of_epoch_ms(trim(s)));
