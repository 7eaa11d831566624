-- m104: the date and amount readings are planned once, not once for every time they look at a cell.
--
-- DuckDB writes a macro out in full wherever it is called, and its argument in full wherever the
-- macro names it. _parse_uk_date names its text twenty times, and parse_uk_date handed it the
-- weekday-stripped text (two regular expressions) three times over: sixty copies of each, every
-- one compiled when the statement was planned. Planning parse_uk_date took DuckDB some 60 ms,
-- parse_amount 40 ms, parse_us_date 55 ms, before a single cell was read; a load plans a dozen such
-- statements, so a monthly file of a few thousand lines spent most of its time being planned.
--
-- Here each reading that looks at a worked-out text more than once gets that text once, as a
-- lambda's argument (list_transform over a one-element list: the lambda's parameter is a plain
-- column to DuckDB, however long the text's own reading), and a reading that ended every branch in
-- the same fallback calls it once, after a coalesce. Every macro reads exactly what it read before,
-- cell for cell, NULL for NULL (tests/test_parse.py, tests/test_readings_planned_once.py); only the
-- planning is cheaper, and the reading itself no slower.

-- The fast shapes first; any cell they do not read (or that is of another shape) goes to the full
-- reading, as m027's CASE sent it in each of its three branches.
CREATE OR REPLACE MACRO parse_uk_date(s) AS coalesce(CASE
        WHEN s LIKE '__/__/____' THEN CAST(try_strptime(s, '%d/%m/%Y') AS DATE)
        WHEN s LIKE '____-__-__%' THEN CAST(try_strptime(left(s, 10), '%Y-%m-%d') AS DATE) END,
    list_transform([_date_text(s)], lambda d: _parse_uk_date(d))[1]);

CREATE OR REPLACE MACRO date_order(s) AS list_transform([_date_text(s)], lambda d: CASE
        WHEN regexp_matches(d, '^\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})($|[\sT])') THEN CASE
            WHEN CAST(regexp_extract(d, '^(\d{1,2})', 1) AS INTEGER) > 12 THEN 'dmy'
            WHEN CAST(regexp_extract(d, '^\d{1,2}[/.-](\d{1,2})', 1) AS INTEGER) > 12 THEN 'mdy' END END)[1];

CREATE OR REPLACE MACRO parse_us_date(s) AS list_transform([_date_text(s)], lambda d: CASE
        WHEN regexp_matches(d, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}($|[\sT])')
            THEN CAST(try_strptime(regexp_replace(regexp_extract(d, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}'), '[.-]', '/', 'g'), '%m/%d/%Y') AS DATE)
        WHEN regexp_matches(d, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}($|\s)')
            THEN CAST(try_strptime(regexp_replace(regexp_extract(d, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}'), '[.-]', '/', 'g'), '%m/%d/%y') AS DATE)
        ELSE parse_uk_date(s) END)[1];

-- Amounts: the normalised text (m011's _uk_norm, _eu_norm: nine regular expressions) once for each
-- reading that looks at it. m090's _parse_amount_uk fell back to the full reading in two of its
-- three branches; it now does so once: the first branch's cast, else the second's, else (only
-- where the first or the third branch was taken) the full reading.
CREATE OR REPLACE MACRO _parse_amount_uk(s) AS coalesce(CASE
        WHEN strpos(s, ',') = 0 AND strpos(s, '_') = 0 AND strpos(s, 'E') = 0 AND strpos(s, 'e') = 0
            THEN TRY_CAST(s AS DECIMAL(14,2))
        WHEN regexp_full_match(s, '-?\d{1,3}(,\d{3})+(\.\d+)?') THEN TRY_CAST(replace(s, ',', '') AS DECIMAL(14,2)) END,
    CASE WHEN coalesce(strpos(s, ',') = 0 AND strpos(s, '_') = 0 AND strpos(s, 'E') = 0 AND strpos(s, 'e') = 0, FALSE)
              OR NOT coalesce(regexp_full_match(s, '-?\d{1,3}(,\d{3})+(\.\d+)?'), FALSE)
         THEN list_transform([_uk_norm(s)], lambda n: _uk_value(n))[1] END);

CREATE OR REPLACE MACRO _uk_past_penny(s) AS (coalesce(strpos(s, 'E') > 0 OR strpos(s, 'e') > 0, FALSE)
            OR _digit_after(s, '.', 3))
        AND list_transform([_uk_norm(s)], lambda n: list_transform([_uk_exact(n)], lambda x: _past_penny(x))[1])[1];

CREATE OR REPLACE MACRO _eu_past_penny(s) AS
        list_transform([_eu_norm(s)], lambda n: list_transform([_eu_exact(n)], lambda x: _past_penny(x))[1])[1];

CREATE OR REPLACE MACRO amount_past_penny(s, european) AS CASE
        WHEN european THEN _digit_after(s, ',', 3) AND _eu_past_penny(s)
        ELSE _uk_past_penny(s) END;

CREATE OR REPLACE MACRO parse_amount_eu(s) AS CASE
        WHEN regexp_full_match(s, '-?\d+') THEN TRY_CAST(s AS DECIMAL(14,2))
        WHEN _digit_after(s, ',', 3) AND _eu_past_penny(s) THEN NULL::DECIMAL(14,2)
        WHEN _dash_zero(s) THEN 0::DECIMAL(14,2)
        ELSE list_transform([_eu_norm(s)], lambda n: _eu_value(n))[1] END;

CREATE OR REPLACE MACRO amount_form(s) AS
        list_transform([_uk_number(_money_core(_uk_norm(s)))], lambda uk:
            list_transform([_eu_number(_money_core(_eu_norm(s)))], lambda eu: _form(uk, eu, s))[1])[1];
