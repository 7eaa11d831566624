-- m145: a contract's dates written as one range with no spaces about its dash ("01/03/2022-28/02/2025").
-- A fire authority's register gives one "Contract Dates" column; "01/04/2023 - 31/03/2026" was read as
-- its start, the end taken from the range's right side (lib.ingest.registers), but the same range
-- written without spaces read as no date at all and the contract was quarantined ("no start date").
-- Both sides must be whole dates written with / or . ("01.04.2023-31.03.2026"), so that a date written
-- with dashes ("01-04-2023") is never split.
CREATE OR REPLACE MACRO parse_register_start(s) AS CASE WHEN NOT register_blank(s) THEN
        coalesce(parse_uk_date(s), _register_month(s),
                 parse_uk_date(regexp_extract(s, '^\s*(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*[-–—]\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*$', 1)))
        END;
