-- m110: a date written with its parts run together, as SAS's DATE9 and DATETIME formats and some
-- mainframe extracts write one: "01APR2024", "1APR24", "01APR2024:00:00:00". It was not a date (a
-- file dated so was refused: no column for the payment date). Read as "01 APR 2024" is; a weekday
-- before a date is still left out first (m097).
CREATE OR REPLACE MACRO _date_text(s) AS regexp_replace(
        regexp_replace(
            regexp_replace(trim(coalesce(s, '')), '(?i)\bsept\b', 'Sep'),
            '(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+(\d|[a-z]{3})', '\1'),
        '(?i)^(\d{1,2})(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(\d{4}|\d{2})(?::\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$',
        '\1 \2 \3');
