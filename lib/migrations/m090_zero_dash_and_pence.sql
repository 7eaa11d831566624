-- m090: money to the penny, or not at all, and the accountant's zero.
--
-- A zero written as a lone dash ("-", "£ -", "£-", " - ", "£ -   ": Excel's accounting format
-- writes a zero that way) is 0.00. Only a dash standing alone, with at most a currency mark and
-- spaces, is: "-5", "5-" and "(5)" read as before.
--
-- A payment is a sum in whole pence, so an amount written with more than two decimal places is
-- read only when the digits past the penny say nothing: zeros ("12.3400"), or the float noise a
-- spreadsheet's arithmetic leaves (829.5500000000001, -441.17999999999995: within a millionth of a
-- pound of the penny). Any other ("1,234.567", "12.3456") is NULL, so its line is quarantined with
-- amount_problem's reason, never rounded to a penny it does not say. The same holds for amounts
-- written with decimal commas (parse_amount_eu).
CREATE OR REPLACE MACRO _dash_zero(s) AS regexp_full_match(coalesce(s, ''),
        '\s*(?:[£$€]|GBP|EUR)?\s*[-–−]\s*(?:[£$€]|GBP|EUR)?\s*');

-- The exact value of a cell in either form, every digit kept (NULL when it is not a number).
CREATE OR REPLACE MACRO _uk_exact(n) AS CASE WHEN _uk_number(_money_core(n))
        THEN TRY_CAST(replace(_money_core(n), ',', '') AS DECIMAL(38,18)) END;
CREATE OR REPLACE MACRO _eu_exact(n) AS CASE WHEN _eu_number(_money_core(n))
        THEN TRY_CAST(replace(replace(_money_core(n), '.', ''), ',', '.') AS DECIMAL(38,18)) END;
-- Digits past the penny that mean something: more than a millionth of a pound from a whole penny.
CREATE OR REPLACE MACRO _past_penny(x) AS coalesce(abs(x - round(x, 2)) > 0.000001, FALSE);
-- Is a cell a sum written past the penny, in the reading its column uses (european: decimal commas)?
-- (The LIKEs are cheap: only a cell with three characters after a point or a comma, or an
-- exponent (1E-3), pays for the rest.)
CREATE OR REPLACE MACRO _uk_past_penny(s) AS coalesce(s LIKE '%.___%' OR s LIKE '%E%' OR s LIKE '%e%', FALSE)
        AND _past_penny(_uk_exact(_uk_norm(s)));
CREATE OR REPLACE MACRO amount_past_penny(s, european) AS CASE
        WHEN european THEN coalesce(s LIKE '%,___%', FALSE) AND _past_penny(_eu_exact(_eu_norm(s)))
        ELSE _uk_past_penny(s) END;

-- m013's reading, unchanged, for every other cell.
CREATE OR REPLACE MACRO _parse_amount_uk(s) AS CASE
        WHEN strpos(s, ',') = 0 AND strpos(s, '_') = 0 AND strpos(s, 'E') = 0 AND strpos(s, 'e') = 0
            THEN coalesce(TRY_CAST(s AS DECIMAL(14,2)), _uk_value(_uk_norm(s)))
        WHEN regexp_full_match(s, '-?\d{1,3}(,\d{3})+(\.\d+)?') THEN TRY_CAST(replace(s, ',', '') AS DECIMAL(14,2))
        ELSE _uk_value(_uk_norm(s)) END;
CREATE OR REPLACE MACRO parse_amount(s) AS CASE
        WHEN _uk_past_penny(s) THEN NULL::DECIMAL(14,2)
        ELSE coalesce(_parse_amount_uk(s), CASE WHEN _dash_zero(s) THEN 0::DECIMAL(14,2) END) END;
CREATE OR REPLACE MACRO parse_amount_eu(s) AS CASE
        WHEN regexp_full_match(s, '-?\d+') THEN TRY_CAST(s AS DECIMAL(14,2))
        WHEN s LIKE '%,___%' AND _past_penny(_eu_exact(_eu_norm(s))) THEN NULL::DECIMAL(14,2)
        WHEN _dash_zero(s) THEN 0::DECIMAL(14,2)
        ELSE _eu_value(_eu_norm(s)) END;

-- The plain shapes (m046) stop at the penny too: more decimals than two are read only as zeros;
-- any other cell is left to the full rules above (the same cost: one regular expression).
CREATE OR REPLACE MACRO parse_amount_plain(s) AS CASE
        WHEN regexp_full_match(s, '(£-?|-£?)?(\d{1,3}(,\d{3})+(\.\d{1,2}0*)?|\d+(\.\d{0,2}0*)?|\.\d{1,2}0*)')
        THEN TRY_CAST(replace(replace(s, '£', ''), ',', '') AS DECIMAL(14,2)) END;

-- Why a cell was not read as money: as m011 says, and a sum past the penny says so.
CREATE OR REPLACE MACRO amount_problem(s, european) AS CASE
        WHEN nullif(trim(coalesce(s, '')), '') IS NULL THEN 'no amount'
        WHEN NOT european AND amount_form(s) = 'eu'
            THEN 'amount ''' || trim(s) || ''' is written with a decimal comma but the rest of its column is not: ambiguous'
        WHEN european AND amount_form(s) = 'uk'
            THEN 'amount ''' || trim(s) || ''' is written with a decimal point but its column uses decimal commas: ambiguous'
        WHEN amount_past_penny(s, european)
            THEN 'amount ''' || trim(s) || ''' has more than two decimal places: a payment is in whole pence'
        WHEN amount_form(s) IS NOT NULL
            THEN 'amount ''' || trim(s) || ''' is too large to be a payment (over 999,999,999,999.99)'
        WHEN regexp_matches(s, '\d[,.\s]\d')
            THEN 'amount ''' || trim(s) || ''' is not a sum of money (separators must mark thousands in groups of three)'
        ELSE 'amount ''' || trim(s) || ''' is not a sum of money' END;
